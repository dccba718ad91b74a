//! Files of `content/` a browser would run: HTML, scripts and SVG or XML that can run or load
//! anything are refused at their file and place, unless `site.yaml` allows their path;
//! ordinary drawings are published byte for byte.

mod common;

use common::Fixture;

/// `loa check` on `f` reports exactly one `runnable-file` error, at `location`, and the build
/// publishes nothing.
fn refused_at(f: &Fixture, location: &str) -> String {
    let run = f.loa(&["check"]);
    assert_eq!(run.code, Some(1), "{}", run.stdout);
    let findings: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| l.contains("  runnable-file  "))
        .collect();
    assert_eq!(findings.len(), 1, "{}", run.stdout);
    assert!(
        findings[0].starts_with(&format!("{location}  error  runnable-file  ")),
        "expected a finding at {location}:\n{}",
        run.stdout
    );
    assert!(run.stdout.contains("allow_files"), "{}", run.stdout);
    let build = f.build();
    assert!(!build.ok, "{}", build.stderr);
    let file = location.split(':').next().unwrap();
    assert!(!f.exists(file.strip_prefix("content/").unwrap()));
    findings[0].to_owned()
}

fn site_with(file: &str, text: &str) -> Fixture {
    let f = Fixture::news_site("https://example.gov.vn/");
    f.write(file, text);
    f
}

const HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

#[test]
fn html_and_scripts_are_refused_at_the_file() {
    for (file, text) in [
        ("content/tai-lieu/bieu-mau.html", "<p>Biểu mẫu</p>\n"),
        ("content/tai-lieu/BIEU-MAU.HTM", "<p>Biểu mẫu</p>\n"),
        ("content/tai-lieu/trang.xhtml", "<html/>\n"),
        ("content/js/tinh-bhyt.js", "alert(1)\n"),
        ("content/js/mo-dun.mjs", "export {}\n"),
        ("content/cgi/lien-he.php", "<?php echo 1; ?>\n"),
        ("content/logo.svgz", "\u{1f}\u{8b}"),
    ] {
        let f = site_with(file, text);
        refused_at(&f, &format!("{file}:1:1"));
    }
}

#[test]
fn a_script_beside_an_article_is_refused() {
    let f = Fixture::news_site("https://example.gov.vn/");
    f.write(
        "content/tin-tuc/bai-anh/index.md",
        "---\ntitle: Bài có ảnh\ndate: 2022-01-02\n---\nNội dung.\n",
    );
    f.write("content/tin-tuc/bai-anh/dem.js", "fetch('/')\n");
    refused_at(&f, "content/tin-tuc/bai-anh/dem.js:1:1");
}

#[test]
fn allow_files_publishes_the_listed_paths_as_they_are() {
    let f = Fixture::news_site("https://example.gov.vn/");
    let html = "<!doctype html><title>Tính BHXH</title><script src=\"tinh.js\"></script>\n";
    f.write("content/tai-lieu/bieu-mau.html", html);
    f.write("content/cong-cu/tinh.js", "document.title = 'x';\n");
    f.write(
        "content/cong-cu/bieu-do.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>1</script></svg>\n",
    );
    let yaml = std::fs::read_to_string(f.path("content/site.yaml")).unwrap();
    f.write(
        "content/site.yaml",
        &format!("{yaml}allow_files: [/tai-lieu/bieu-mau.html, /cong-cu/]\n"),
    );
    let run = f.loa(&["check"]);
    assert!(run.ok, "{}", run.stdout);
    f.build_ok(&[]);
    assert_eq!(f.out("tai-lieu/bieu-mau.html"), html);
    assert_eq!(f.out("cong-cu/tinh.js"), "document.title = 'x';\n");

    // Another HTML file in the same folder is not allowed by the exact path.
    f.write("content/tai-lieu/khac.html", "<p>x</p>\n");
    refused_at(&f, "content/tai-lieu/khac.html:1:1");
}

#[test]
fn allow_files_must_be_paths_under_content() {
    for bad in ["tai-lieu/a.html", "/", "/a/../b.html", "/a\\\\b.html"] {
        let f = Fixture::news_site("https://example.gov.vn/");
        let yaml = std::fs::read_to_string(f.path("content/site.yaml")).unwrap();
        let line = yaml.lines().count() + 1;
        f.write(
            "content/site.yaml",
            &format!("{yaml}allow_files: [\"{bad}\"]\n"),
        );
        let run = f.build();
        assert!(!run.ok);
        assert!(
            run.stderr.contains(&format!("content/site.yaml:{line}:1")),
            "{bad}: {}",
            run.stderr
        );
        assert!(
            run.stderr
                .contains("is not the path of a file or folder under content/"),
            "{bad}: {}",
            run.stderr
        );
    }
}

/// Each shape of a runnable SVG or XML, with the line and column the finding points at.
#[test]
fn svg_and_xml_that_run_or_load_anything_are_refused_at_the_place() {
    let svg = |body: &str| {
        format!(
            "{HEAD}<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" viewBox=\"0 0 10 10\">\n{body}\n</svg>\n"
        )
    };
    let cases: Vec<(&str, String, &str)> = vec![
        ("script", svg("  <script>alert(1)</script>"), "3:3"),
        (
            "script in a CDATA",
            svg("<g>\n  <script type=\"text/ecmascript\"><![CDATA[ alert(1) ]]></script></g>"),
            "4:3",
        ),
        (
            "event handler",
            svg("  <rect width=\"1\" height=\"1\" onclick=\"alert(1)\"/>"),
            "3:30",
        ),
        (
            "foreign object with HTML",
            svg(
                "  <foreignObject width=\"9\" height=\"9\"><p xmlns=\"http://www.w3.org/1999/xhtml\">x</p></foreignObject>",
            ),
            "3:3",
        ),
        (
            "script URL with a tab and an entity",
            svg("  <a xlink:href=\"java&#x09;script:alert(1)\"><text>x</text></a>"),
            "3:6",
        ),
        (
            "script URL set by an animation",
            svg("  <a><set attributeName=\"href\" to=\"javascript:alert(1)\"/><text>x</text></a>"),
            "3:32",
        ),
        (
            "data URL of an HTML page",
            svg(
                "  <a href=\"data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;\"><text>x</text></a>",
            ),
            "3:6",
        ),
        (
            "image from another site",
            svg("  <image href=\"https://theo-doi.example/a.png\" width=\"1\" height=\"1\"/>"),
            "3:10",
        ),
        (
            "protocol-relative reference",
            svg("  <use xlink:href=\"//theo-doi.example/a.svg#x\"/>"),
            "3:8",
        ),
        (
            "style sheet from another site",
            svg("  <style><![CDATA[ @import url(https://theo-doi.example/a.css); ]]></style>"),
            "3:3",
        ),
        (
            "iframe in the HTML namespace",
            svg(
                "  <h:iframe xmlns:h=\"http://www.w3.org/1999/xhtml\" src=\"https://x.example/\"/>",
            ),
            "3:3",
        ),
        ("embed", svg("  <embed src=\"a.swf\"/>"), "3:3"),
        (
            "entity that hides a script",
            format!(
                "{HEAD}<!DOCTYPE svg [\n  <!ENTITY x \"&#60;script&#62;alert(1)&#60;/script&#62;\">\n]>\n<svg xmlns=\"http://www.w3.org/2000/svg\">&x;</svg>\n"
            ),
            "2:1",
        ),
        (
            "script URL in a text entity",
            format!(
                "{HEAD}<!DOCTYPE svg [<!ENTITY u \"javascript:alert(1)\">]>\n<svg xmlns=\"http://www.w3.org/2000/svg\"><a href=\"&u;\"><text>x</text></a></svg>\n"
            ),
            "3:44",
        ),
        (
            "external entity",
            format!(
                "{HEAD}<!DOCTYPE svg [<!ENTITY x SYSTEM \"https://x.example/a\">]>\n<svg xmlns=\"http://www.w3.org/2000/svg\">&x;</svg>\n"
            ),
            "2:1",
        ),
        (
            "not well-formed",
            svg("  <g><rect width=\"1\"></g>"),
            "3:22",
        ),
    ];
    for (what, text, at) in cases {
        let f = site_with("content/anh/hinh.svg", &text);
        let finding = refused_at(&f, &format!("content/anh/hinh.svg:{at}"));
        eprintln!("{what}: {finding}");
    }
    let f = site_with(
        "content/du-lieu/bang.xml",
        &format!(
            "{HEAD}<?xml-stylesheet type=\"text/xsl\" href=\"bien-doi.xsl\"?>\n<bang><dong>1</dong></bang>\n"
        ),
    );
    refused_at(&f, "content/du-lieu/bang.xml:2:1");
}

/// An Inkscape drawing as Inkscape saves it: its namespaces, metadata, named view, styles,
/// gradients and a `<use>` of its own symbol.
const INKSCAPE_LOGO: &str = r##"<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<!-- Created with Inkscape (http://www.inkscape.org/) -->

<svg
   width="120mm"
   height="120mm"
   viewBox="0 0 120 120"
   version="1.1"
   id="svg5"
   inkscape:version="1.2.2 (b0a8486541, 2022-12-01)"
   sodipodi:docname="logo-bhxh.svg"
   xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape"
   xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd"
   xmlns:xlink="http://www.w3.org/1999/xlink"
   xmlns="http://www.w3.org/2000/svg"
   xmlns:svg="http://www.w3.org/2000/svg"
   xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
   xmlns:cc="http://creativecommons.org/ns#"
   xmlns:dc="http://purl.org/dc/elements/1.1/">
  <sodipodi:namedview
     id="namedview7"
     pagecolor="#ffffff"
     bordercolor="#666666"
     borderopacity="1.0"
     inkscape:showpageshadow="2"
     inkscape:pageopacity="0.0"
     inkscape:document-units="mm"
     inkscape:zoom="1.28"
     inkscape:current-layer="layer1" />
  <defs
     id="defs2">
    <linearGradient
       inkscape:collect="always"
       id="linearGradient1">
      <stop
         style="stop-color:#0054a6;stop-opacity:1;"
         offset="0"
         id="stop1" />
      <stop
         style="stop-color:#00a0e3;stop-opacity:1"
         offset="1"
         id="stop2" />
    </linearGradient>
    <radialGradient
       xlink:href="#linearGradient1"
       id="radialGradient3"
       cx="60"
       cy="60"
       r="55"
       gradientUnits="userSpaceOnUse" />
    <symbol id="la-chan">
      <path d="M 60,10 100,25 V 60 C 100,85 80,100 60,110 40,100 20,85 20,60 V 25 Z" />
    </symbol>
  </defs>
  <metadata
     id="metadata1">
    <rdf:RDF>
      <cc:Work
         rdf:about="">
        <dc:format>image/svg+xml</dc:format>
        <dc:type
           rdf:resource="http://purl.org/dc/dcmitype/StillImage" />
        <dc:title>Biểu trưng Bảo hiểm xã hội</dc:title>
        <cc:license
           rdf:resource="http://creativecommons.org/licenses/by-sa/4.0/" />
      </cc:Work>
    </rdf:RDF>
  </metadata>
  <g
     inkscape:label="Lớp 1"
     inkscape:groupmode="layer"
     id="layer1">
    <circle
       style="fill:url(#radialGradient3);fill-opacity:1;stroke:#ffffff;stroke-width:2"
       id="path1"
       cx="60"
       cy="60"
       r="55" />
    <use
       xlink:href="#la-chan"
       href="#la-chan"
       style="fill:#ffffff"
       id="use1" />
    <text
       xml:space="preserve"
       style="font-size:11px;font-family:sans-serif;text-anchor:middle;fill:#0054a6"
       x="60"
       y="72"
       id="text1"><tspan
         sodipodi:role="line"
         id="tspan1"
         x="60"
         y="72">BHXH</tspan></text>
  </g>
</svg>
"##;

/// What Adobe Illustrator writes with "Preserve Illustrator Editing Capabilities": a DOCTYPE
/// whose entities name its namespaces, and a `<foreignObject>` pointing at its private data.
const ILLUSTRATOR_CHART: &str = r##"<?xml version="1.0" encoding="utf-8"?>
<!-- Generator: Adobe Illustrator 16.0.0, SVG Export Plug-In . SVG Version: 6.00 Build 0)  -->
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd" [
	<!ENTITY ns_extend "http://ns.adobe.com/Extensibility/1.0/">
	<!ENTITY ns_ai "http://ns.adobe.com/AdobeIllustrator/10.0/">
	<!ENTITY ns_graphs "http://ns.adobe.com/Graphs/1.0/">
	<!ENTITY ns_vars "http://ns.adobe.com/Variables/1.0/">
	<!ENTITY ns_imrep "http://ns.adobe.com/ImageReplacement/1.0/">
	<!ENTITY ns_sfw "http://ns.adobe.com/SaveForWeb/1.0/">
	<!ENTITY ns_custom "http://ns.adobe.com/GenericCustomNamespace/1.0/">
	<!ENTITY ns_adobe_xpath "http://ns.adobe.com/XPath/1.0/">
]>
<svg version="1.1" id="Layer_1" xmlns:x="&ns_extend;" xmlns:i="&ns_ai;" xmlns:graph="&ns_graphs;"
	 xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" x="0px" y="0px" width="400px"
	 height="200px" viewBox="0 0 400 200" enable-background="new 0 0 400 200" xml:space="preserve">
<switch>
	<foreignObject requiredExtensions="&ns_ai;" x="0" y="0" width="1" height="1">
		<i:pgfRef  xlink:href="#adobe_illustrator_pgf">
		</i:pgfRef>
	</foreignObject>
	<g i:extraneous="self">
		<rect x="40" y="120" fill="#0054A6" width="60" height="60"/>
		<rect x="140" y="80" fill="#0054A6" width="60" height="100"/>
		<rect x="240" y="40" fill="#00A0E3" width="60" height="140"/>
		<text transform="matrix(1 0 0 1 52 195)" font-family="'ArialMT'" font-size="12">2021</text>
	</g>
</switch>
<i:pgf  id="adobe_illustrator_pgf">
	<![CDATA[
	eJzNfWlvXLmR7XcD/g/6EGDyHvIpci3h1UOA7PvQuDpJgMXrX4dFVS73pHyXvp/fkpxNWd3f+6XsPi
	]]>
</i:pgf>
</svg>
"##;

/// A chart as spreadsheet and plotting tools export it: a style sheet with classes, a
/// clip path, a bitmap embedded as a data: PNG, and a title for screen readers.
const EXPORTED_CHART: &str = r##"<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="360" height="240" viewBox="0 0 360 240" role="img" aria-labelledby="t">
  <title id="t">Số người tham gia BHYT 2019–2022</title>
  <style type="text/css"><![CDATA[
    .cot { fill: #0054a6; }
    .nhan { font: 12px sans-serif; fill: #333; }
    .nen { fill: url(#nen-mo); }
  ]]></style>
  <defs>
    <clipPath id="khung"><rect width="360" height="220"/></clipPath>
    <linearGradient id="nen-mo" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="#eef4fb"/>
      <stop offset="1" stop-color="#ffffff"/>
    </linearGradient>
  </defs>
  <rect class="nen" width="360" height="240"/>
  <g clip-path="url(#khung)">
    <rect class="cot" x="30" y="120" width="50" height="100"/>
    <rect class="cot" x="110" y="100" width="50" height="120"/>
    <rect class="cot" x="190" y="80" width="50" height="140"/>
    <rect class="cot" x="270" y="60" width="50" height="160"/>
  </g>
  <image x="330" y="5" width="24" height="24" xlink:href="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="/>
  <image x="300" y="5" width="24" height="24" href="bieu-trung.png"/>
  <text class="nhan" x="55" y="235" text-anchor="middle">2019</text>
  <text class="nhan" x="295" y="235" text-anchor="middle">2022</text>
</svg>
"##;

#[test]
fn ordinary_drawings_are_published_byte_for_byte() {
    let f = Fixture::news_site("https://example.gov.vn/");
    let files = [
        ("content/anh/logo-bhxh.svg", INKSCAPE_LOGO.to_owned()),
        ("content/anh/bieu-do-ai.svg", ILLUSTRATOR_CHART.to_owned()),
        ("content/anh/bieu-do.svg", EXPORTED_CHART.to_owned()),
        (
            "content/anh/bom.svg",
            format!(
                "\u{feff}{HEAD}<svg xmlns=\"http://www.w3.org/2000/svg\"><path d=\"M0 0h1\"/></svg>\n"
            ),
        ),
        (
            "content/du-lieu/so-lieu.xml",
            format!(
                "{HEAD}<bao-cao nam=\"2022\"><link href=\"https://baohiemxahoi.gov.vn/\"/><don-vi ma=\"tinh\">3220197</don-vi></bao-cao>\n"
            ),
        ),
    ];
    for (path, text) in &files {
        f.write(path, text);
    }
    f.write("content/anh/bieu-trung.png", "png");
    let run = f.loa(&["check"]);
    assert!(run.ok, "{}", run.stdout);
    assert_eq!(run.stdout.trim(), "0 errors, 0 warnings in 0 files");
    f.build_ok(&[]);
    for (path, text) in &files {
        let published = std::fs::read(
            f.path("output")
                .join(path.strip_prefix("content/").unwrap()),
        )
        .unwrap();
        assert_eq!(published, text.as_bytes(), "{path}");
    }
}
