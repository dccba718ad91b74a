//! Safe rendering and `loa check`: raw HTML sanitized with every removal reported, hidden or
//! injected spam failing the build, and the check command's output.

mod common;

use common::Fixture;

/// Constructs the build removes with a warning: the article is still published, cleaned.
const CLEANED: &str = "---\ntitle: Bài có mã lạ\ndate: 2022-05-01\n---\nĐoạn đầu bình thường.\n\n\
<img src=\"/tin-tuc/anh.jpg\" alt=\"Ảnh\" onerror=\"alert(1)\">\n\n\
[Trang lạ](javascript:alert(1)) và [trang thật](https://baohiemxahoi.gov.vn/)\n\n\
<iframe src=\"https://evil.example/quang-cao\"></iframe>\n\n\
<iframe src=\"https://www.youtube.com/embed/abc\" title=\"Video hướng dẫn\"></iframe>\n\n\
<form action=\"https://evil.example\"><input name=\"the\"></form>\n\n\
<p>Chữ <span style=\"color: red\">đỏ</span>.</p>\n";

fn site_with_rules() -> Fixture {
    let f = Fixture::news_site("https://example.gov.vn/");
    let yaml = std::fs::read_to_string(f.path("content/site.yaml")).unwrap();
    f.write(
        "content/site.yaml",
        &format!("{yaml}iframe_hosts: [www.youtube.com]\n"),
    );
    f.write(
        "content/kiem-tra.yaml",
        "allowed_domains: [baohiemxahoi.gov.vn]\nspam_terms: [\"vay tiền nhanh\"]\n",
    );
    // An image that raw HTML shows: its address is checked like a Markdown image's.
    f.write_bytes("content/tin-tuc/anh.jpg", b"\xff\xd8\xff\xe0");
    f
}

fn warning_at(stderr: &str, location: &str, what: &str) {
    let at = stderr
        .find(location)
        .unwrap_or_else(|| panic!("{location} in:\n{stderr}"));
    let start = stderr[..at]
        .rfind("warning: ")
        .unwrap_or_else(|| panic!("a warning before {location}:\n{stderr}"));
    assert!(
        stderr[start..at].contains(what),
        "{what} at {location}:\n{stderr}"
    );
}

#[test]
fn dangerous_html_is_removed_and_each_removal_reported() {
    let f = site_with_rules();
    f.write("content/tin-tuc/ma-la.md", CLEANED);
    let run = f.build_ok(&[]);
    let html = f.out("tin-tuc/bai-co-ma-la/index.html");
    assert_eq!(live_things(&html, "www.youtube.com"), Vec::<String>::new());
    // The article's body: the page around it has a search form of its own.
    let body = html.find("class=\"prose article-body\"").unwrap();
    let article = &html[body..body + html[body..].find("</article>").unwrap()];
    assert!(article.contains("Đoạn đầu bình thường"));
    for gone in ["onerror", "javascript:", "evil.example", "<form", "style="] {
        assert!(!article.contains(gone), "{gone} published:\n{article}");
    }
    assert!(
        article.contains("https://www.youtube.com/embed/abc"),
        "allowed video host kept"
    );
    assert!(article.contains("href=\"https://baohiemxahoi.gov.vn/\""));
    assert!(article.contains("rel=\"noopener noreferrer\""));
    warning_at(
        &run.stderr,
        "content/tin-tuc/ma-la.md:7:",
        "removed an event handler attribute",
    );
    warning_at(
        &run.stderr,
        "content/tin-tuc/ma-la.md:9:",
        "removed a link to a forbidden URL scheme (javascript)",
    );
    warning_at(
        &run.stderr,
        "content/tin-tuc/ma-la.md:11:",
        "removed an <iframe> from a host not in iframe_hosts",
    );
    warning_at(
        &run.stderr,
        "content/tin-tuc/ma-la.md:15:",
        "removed a form",
    );
    warning_at(
        &run.stderr,
        "content/tin-tuc/ma-la.md:17:",
        "removed an inline style",
    );
}

/// The shapes of the injected spam seen on real agency sites.
const INJECTED: &str = "---\ntitle: Tin hoạt động tháng 5\ndate: 2022-05-01\n---\n\
Ngày dd/mm/yyyy, cơ quan tổ chức hội nghị.\n\n\
Người dân tham gia BHYT đặt cược bet365 đông đảo.\n\n\
<p>Hội nghị <span style=\"display: none\">nhà cái uy tín</span>thành công.</p>\n\n\
<script>location.href='https://bet.example'</script>\n\n\
<meta http-equiv=\"refresh\" content=\"0;url=https://bet.example\">\n\n\
Xem [khuyến mãi](https://bet.example/khuyen-mai) và [bài cũ](/tin-tuc/khong-co/) hay [mục](/tin-tuc/dong-bhyt-ho-gia-dinh-nam-2022/#khong-co).\n\n\
![](anh.jpg)\n\n\
Choi TAI  XIU, vay tiền nhanh.\n";

#[test]
fn injected_spam_and_hidden_content_fail_the_build() {
    let f = site_with_rules();
    f.build_ok(&[]);
    let before = f.out("index.html");
    f.write("content/tin-tuc/spam.md", INJECTED);
    let run = f.build();
    assert!(!run.ok);
    for expected in [
        "content/tin-tuc/spam.md:5:6",
        "a template placeholder is left in the text: \"dd/mm/yyyy\"",
        "content/tin-tuc/spam.md:7:",
        "gambling or betting term \"đặt cược\"",
        "gambling or betting term \"bet365\"",
        "raw HTML with an inline style that hides content",
        "gambling or betting term \"nhà cái\"",
        "raw HTML with a <script> element",
        "raw HTML with a <meta> element",
        "a link to `bet.example`, which is not on the site's allow-list",
        "`/tin-tuc/khong-co/` leads nowhere in this site",
        "the page has no heading `#khong-co`",
        "the image has no alt text",
        "gambling or betting term \"tài xỉu\"",
        "gambling or betting term \"vay tiền nhanh\"",
    ] {
        assert!(
            run.stderr.contains(expected),
            "{expected:?} in:\n{}",
            run.stderr
        );
    }
    assert_eq!(f.out("index.html"), before, "nothing is published");
}

#[test]
fn check_prints_rule_lines_grouped_by_file_and_json() {
    let f = site_with_rules();
    f.write("content/tin-tuc/spam.md", INJECTED);
    f.write("content/tin-tuc/mot.md", "---\ntitle: Đóng BHYT hộ gia đình năm 2022\ndate: 2022-11-25\n---\n## Mục\n\n#### Sâu quá\n\nx\n");
    let run = f.loa(&["check"]);
    assert_eq!(run.code, Some(1));
    assert!(run.stdout.contains("content/tin-tuc/spam.md:5:6  error  placeholder  a template placeholder is left in the text: \"dd/mm/yyyy\""), "{}", run.stdout);
    assert!(run.stdout.contains("content/tin-tuc/mot.md:7:1  warning  heading-level  a level-4 heading follows a level-2 heading"), "{}", run.stdout);
    assert!(run.stdout.contains("    help: "));
    let summary = run.stdout.lines().last().unwrap();
    assert!(
        summary.ends_with("in 2 files") && summary.contains(" errors, 1 warnings"),
        "{summary}"
    );
    // Grouped: every line of one file comes before the next file's.
    let files: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| l.starts_with("content/"))
        .map(|l| l.split(':').next().unwrap())
        .collect();
    let mut dedup = files.clone();
    dedup.dedup();
    assert_eq!(dedup, ["content/tin-tuc/mot.md", "content/tin-tuc/spam.md"]);
    assert!(!f.path("output").exists(), "check writes nothing");

    let json = f.loa(&["check", "--format", "json"]);
    let items: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let spam = items
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["rule"] == "spam")
        .unwrap();
    assert_eq!(spam["file"], "content/tin-tuc/spam.md");
    assert_eq!(spam["level"], "error");
    assert!(spam["line"].as_u64().unwrap() > 0);
}

#[test]
fn ordinary_content_gives_no_finding() {
    let f = Fixture::news_site("https://example.gov.vn/");
    f.write(
        "content/tin-tuc/thuong.md",
        "---\ntitle: Người dân lo để dành tiền đóng BHYT\ndate: 2022-05-01\n---\nNhà nước hỗ trợ hộ cận nghèo; cả nhà đặt lịch khám. \
Cô ấy lo để con đi học, tài khoản VssID cho biết số tiền đã đóng.\n\n## Kết quả\n\nXem [mục tin](/tin-tuc/#danh_sach) và [phần kết quả](#ket-qua).\n",
    );
    let run = f.loa(&["check"]);
    assert!(run.ok, "{}", run.stdout);
    assert_eq!(run.stdout.trim(), "0 errors, 0 warnings in 0 files");
    let run = f.build_ok(&[]);
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
}

#[test]
fn the_sample_site_works_under_a_strict_content_security_policy() {
    let (_out, target, run) = common::build_sample();
    assert!(run.ok, "{}", run.stderr);
    assert!(
        !run.stderr.contains("warning"),
        "the sample site gives no warning:\n{}",
        run.stderr
    );
    let headers = std::fs::read_to_string(target.join("_headers")).unwrap();
    assert!(headers.contains(
        "Content-Security-Policy: default-src 'self'; script-src 'self'; style-src 'self'"
    ));
    let mut pages = 0;
    for entry in walkdir::WalkDir::new(&target)
        .into_iter()
        .filter_map(Result::ok)
    {
        if entry.path().extension().is_some_and(|e| e == "html") {
            let html = std::fs::read_to_string(entry.path()).unwrap();
            // What `style-src 'self'` and `script-src 'self'` would block.
            assert!(
                !html.contains(" style=\""),
                "inline style in {}",
                entry.path().display()
            );
            assert!(
                !html.contains("<style"),
                "<style> in {}",
                entry.path().display()
            );
            for (at, _) in html.match_indices("<script") {
                let tag = &html[at..at + html[at..].find('>').unwrap() + 1];
                let data = tag.contains("type=\"application/ld+json\"");
                let external =
                    tag.contains(" src=\"/") && html[at + tag.len()..].starts_with("</script>");
                assert!(
                    data || external,
                    "inline script {tag} in {}",
                    entry.path().display()
                );
            }
            pages += 1;
        }
    }
    assert!(pages > 100);
    let check = common::Run::from(
        std::process::Command::new(env!("CARGO_BIN_EXE_loa"))
            .args(["--root", common::repo().to_str().unwrap(), "check"])
            .output()
            .unwrap(),
    );
    assert!(check.ok);
    assert_eq!(
        check.stdout.trim(),
        "0 errors, 0 warnings in 0 files",
        "loa check on the sample site reports nothing"
    );
}

#[test]
fn external_links_get_rel_and_nofollow_when_configured() {
    let f = site_with_rules();
    f.write("content/tin-tuc/lien-ket.md", "---\ntitle: Liên kết\ndate: 2022-05-01\n---\nXem [cổng BHXH](https://baohiemxahoi.gov.vn/tra-cuu) để tra cứu.\n");
    f.build_ok(&[]);
    let html = f.out("tin-tuc/lien-ket/index.html");
    assert!(
        html.contains("href=\"https://baohiemxahoi.gov.vn/tra-cuu\" rel=\"noopener noreferrer\""),
        "{html}"
    );
    let yaml = std::fs::read_to_string(f.path("content/site.yaml")).unwrap();
    f.write("content/site.yaml", &format!("{yaml}nofollow: true\n"));
    f.build_ok(&[]);
    assert!(
        f.out("tin-tuc/lien-ket/index.html")
            .contains("rel=\"noopener noreferrer nofollow\"")
    );
}

#[test]
fn remaining_rules_each_report_at_their_line() {
    let f = site_with_rules();
    let long = "Tiêu đề ".repeat(25);
    f.write("content/tin-tuc/trung.md", "---\ntitle: Đóng BHYT hộ gia đình năm 2022\nslug: trung-ten\ndate: 2021-01-01\n---\nBài trùng tên.\n");
    f.write(
        "content/tin-tuc/dai.md",
        &format!("---\ntitle: \"{long}\"\ndate: 2021-01-02\n---\nMở đầu.\n"),
    );
    f.write(
        "content/tin-tuc/sau.md",
        "---\ntitle: Bài hẹn giờ\ndate: 2999-01-01\n---\nSau này.\n",
    );
    f.write(
        "content/tin-tuc/khong-tom-tat.md",
        "---\ntitle: Không tóm tắt\ndate: 2021-01-03\n---\n## Mục đầu\n\n- một\n- hai\n",
    );
    f.write("content/tin-tuc/http.md", "---\ntitle: Liên kết cũ\ndate: 2021-01-04\n---\nXem [cổng](http://baohiemxahoi.gov.vn/).\n");
    f.write(
        "content/tin-tuc/anh/index.md",
        "---\ntitle: Có ảnh\ndate: 2021-01-05\nimage: anh-3.jpg\nimage_alt: Ảnh\n---\nMở đầu.\n",
    );
    let run = f.loa(&["check", "--drafts"]);
    for line in [
        "content/tin-tuc/trung.md:2:8  error  duplicate-title  another article of this section has the same title: content/tin-tuc/mot.md",
        "content/tin-tuc/dai.md:2:8  warning  long-title  the title has 199 characters",
        "content/tin-tuc/sau.md:3:7  warning  future-date",
        "content/tin-tuc/khong-tom-tat.md:2:8  warning  summary-missing",
        "content/tin-tuc/http.md:5:5  warning  insecure-link  a link over plain http to `baohiemxahoi.gov.vn`",
        "content/tin-tuc/anh/index.md:4:8  error  missing-file  the image `anh-3.jpg` does not exist",
    ] {
        assert!(run.stdout.contains(line), "{line:?} in:\n{}", run.stdout);
    }
}

#[test]
fn editor_notes_warn_in_drafts_and_block_publishing() {
    let f = Fixture::news_site("https://example.gov.vn/");
    let note = "---\ntitle: Bài nhập từ cổng cũ\ndate: 2021-03-04\ndraft: DRAFT\n---\nĐoạn mở đầu.\n\n> **[BIÊN TẬP]** Ảnh 1 của bài gốc chưa được chuyển sang.\n\nCâu bị **[BIÊN TẬP: đã xóa quảng cáo ở đây]** cắt.\n";
    f.write("content/tin-tuc/nhap.md", &note.replace("DRAFT", "true"));
    let run = f.loa(&["check", "--drafts"]);
    assert!(run.ok, "{}", run.stdout);
    for line in [
        "content/tin-tuc/nhap.md:8:5  warning  editor-note  a note for the editor from `loa import` is left in the article",
        "content/tin-tuc/nhap.md:10:10  warning  editor-note",
    ] {
        assert!(run.stdout.contains(line), "{line:?} in:\n{}", run.stdout);
    }
    f.build_ok(&[]);
    assert!(!f.exists("tin-tuc/bai-nhap-tu-cong-cu/index.html"));

    f.write("content/tin-tuc/nhap.md", &note.replace("DRAFT", "false"));
    let run = f.loa(&["check"]);
    assert_eq!(run.code, Some(1), "{}", run.stdout);
    assert!(
        run.stdout
            .contains("content/tin-tuc/nhap.md:8:5  error  editor-note"),
        "{}",
        run.stdout
    );
    let run = f.build();
    assert!(!run.ok, "a note is never published");
    assert!(!f.exists("tin-tuc/bai-nhap-tu-cong-cu/index.html"));
}

#[test]
fn a_bracketed_placeholder_split_by_markdown_is_still_found() {
    // pulldown-cmark hands "[", "TITLE" and "]" over as three texts.
    let f = site_with_rules();
    f.write(
        "content/tin-tuc/mau.md",
        "---\ntitle: Bài mẫu\ndate: 2022-11-25\n---\nĐoạn mở đầu.\n\nBài viết [TITLE] đang chờ, xem [Tiêu đề] sau.\n",
    );
    let run = f.loa(&["check"]);
    assert_eq!(run.code, Some(1), "{}", run.stdout);
    for expected in [
        "content/tin-tuc/mau.md:7:10  error  placeholder  a template placeholder is left in the text: \"[title]\"",
        "content/tin-tuc/mau.md:7:32  error  placeholder  a template placeholder is left in the text: \"[tieu de]\"",
    ] {
        assert!(
            run.stdout.contains(expected),
            "{expected:?} in:\n{}",
            run.stdout
        );
    }
}

/// Raw HTML that takes an id every page has (the skip link's target) loses it, with a
/// warning at its line; the page keeps one `noi-dung`, its <main>. Ordinary ids stay.
#[test]
fn raw_html_cannot_take_the_pages_own_ids() {
    let f = site_with_rules();
    f.write(
        "content/tin-tuc/id-trung.md",
        "---\ntitle: Bài có id trùng\ndate: 2022-05-02\n---\nĐoạn đầu.\n\n<div id=\"noi-dung\">Khối chiếm id của trang.</div>\n\n<div id=\"Loa-overlay\">Khối giả lớp phủ.</div>\n\n<div id=\"bang-phu-luc\">Phụ lục.</div>\n",
    );
    let run = f.build_ok(&[]);
    let html = f.out("tin-tuc/bai-co-id-trung/index.html");
    assert_eq!(html.matches("id=\"noi-dung\"").count(), 1, "{html}");
    assert!(html.contains("<main id=\"noi-dung\""));
    assert!(!html.to_ascii_lowercase().contains("id=\"loa-overlay\""));
    assert!(html.contains("Khối chiếm id của trang."), "the text stays");
    assert!(
        html.contains("<div id=\"bang-phu-luc\">"),
        "ordinary ids stay"
    );
    warning_at(
        &run.stderr,
        "content/tin-tuc/id-trung.md:7:",
        "removed an id the page itself uses",
    );
}

/// Word's vertical tab and other control characters pasted into a title or a body never
/// reach a page or a feed (one made both Atom feeds invalid XML); each line that had one gets
/// a warning at its place.
#[test]
fn control_characters_are_stripped_with_a_warning() {
    let f = site_with_rules();
    f.write(
        "content/tin-tuc/dan-tu-word.md",
        "---\ntitle: \"Thông báo\u{b} lịch tiếp dân\"\ndate: 2025-05-03\n---\nĐoạn dán\u{c} từ Word\u{7}.\n\nĐoạn thường, có dấu cách\u{a0}cứng.\n",
    );
    let run = f.build_ok(&[]);
    warning_at(
        &run.stderr,
        "content/tin-tuc/dan-tu-word.md:2:",
        "removed an invisible control character (U+000B)",
    );
    warning_at(
        &run.stderr,
        "content/tin-tuc/dan-tu-word.md:5:",
        "removed an invisible control character (U+000C)",
    );
    let page = f.out("tin-tuc/thong-bao-lich-tiep-dan/index.html");
    assert!(page.contains("Thông báo lịch tiếp dân"), "{page}");
    assert!(page.contains("Đoạn dán từ Word."));
    assert!(
        page.contains("cách\u{a0}cứng"),
        "a no-break space is no control"
    );
    for file in ["atom.xml", "tin-tuc/atom.xml", "sitemap.xml", "index.html"] {
        let text = f.out(file);
        let bad: Vec<char> = text
            .chars()
            .filter(|&c| c.is_control() && c != '\n' && c != '\t' && c != '\r')
            .collect();
        assert!(bad.is_empty(), "{file} carries {bad:?}");
    }
    assert!(f.out("atom.xml").contains("Thông báo lịch tiếp dân"));
}

/// A frame whose address names the allowed host before an `@` loads the host after it: it is
/// removed like any foreign frame, with its warning.
#[test]
fn a_frame_cannot_borrow_an_allowed_host_with_userinfo() {
    let f = site_with_rules();
    f.write(
        "content/tin-tuc/khung.md",
        "---\ntitle: Bài có khung\ndate: 2022-05-04\n---\nĐoạn đầu.\n\n<iframe src=\"https://www.youtube.com:443@evil.example/embed/x\" title=\"Video\"></iframe>\n\n<iframe src=\"https://www.youtube.com/embed/abc\" title=\"Video thật\"></iframe>\n",
    );
    let run = f.build_ok(&[]);
    let html = f.out("tin-tuc/bai-co-khung/index.html");
    assert!(!html.contains("evil.example"), "{html}");
    assert!(html.contains("https://www.youtube.com/embed/abc"));
    warning_at(
        &run.stderr,
        "content/tin-tuc/khung.md:7:",
        "removed an <iframe> from a host not in iframe_hosts",
    );
}

/// How many findings `loa check` printed (one line each, notes and hints apart).
fn findings_in(stdout: &str) -> usize {
    stdout.lines().filter(|l| l.starts_with("content/")).count()
}

/// The `loa check` line of a finding: `file:line:` then the severity and `rule`.
fn finding<'a>(stdout: &'a str, at: &str, rule: &str) -> &'a str {
    stdout
        .lines()
        .find(|l| l.starts_with(at) && l.contains(&format!("  {rule}  ")))
        .unwrap_or_else(|| panic!("{rule} at {at} in:\n{stdout}"))
}

#[test]
fn links_in_raw_html_and_front_matter_follow_the_link_rules() {
    let f = site_with_rules();
    f.write(
        "content/tin-tuc/lien-ket.md",
        "---\ntitle: Bài có liên kết trong HTML\ndate: 2022-05-01\n\
image: https://cdn.evil.example/anh.jpg\nimage_alt: Ảnh\n\
source: \"https://evil.example/bai-goc\"\n---\n\
Đoạn đầu bình thường.\n\n\
<p><a href=\"//evil.example/a\">một</a></p>\n\n\
Chữ <a href=\"/\\evil.example/b\">hai</a> trong đoạn.\n\n\
<img src=\"https:evil.example/c.png\" alt=\"ba\">\n\n\
<p><img src=\"/tin-tuc/anh.jpg\" srcset=\"/tin-tuc/anh.jpg 1x, //evil.example/d.jpg 2x\" alt=\"bốn\"></p>\n\n\
<map name=\"m\"><area href=\"&#x2F;&#x2F;evil.example/e\" alt=\"năm\"></map>\n\n\
<a href=\"http://baohiemxahoi.gov.vn/\">sáu</a> và <a href=\"https://baohiemxahoi.gov.vn/\">bảy</a>\n\n\
<div>\n<a href=\"HTTPS://EVIL.example/f\">tám</a>\n</div>\n\n\
<p><a href=\"/tin-tuc/khong-co/\">chín</a> <img src=\"khong-co.png\" alt=\"mười\"></p>\n",
    );
    let run = f.loa(&["check"]);
    assert!(!run.ok);
    let at = |line: u32| format!("content/tin-tuc/lien-ket.md:{line}:");
    assert!(finding(&run.stdout, &at(4), "off-site-link").contains("`cdn.evil.example`"));
    // One host is one error, with the lines where it comes again.
    let l = finding(&run.stdout, &at(6), "off-site-link");
    assert!(l.contains("`evil.example`"), "{l}");
    assert!(
        run.stdout.contains(&format!(
            "{l}\n    note: the same 6 more times in this file (lines 10, 12, 14, 16, 18, 23)"
        )),
        "{}",
        run.stdout
    );
    let insecure = finding(&run.stdout, &at(20), "insecure-link");
    assert!(insecure.contains("warning"), "{insecure}");
    // Site paths in raw HTML lead somewhere, like Markdown's.
    let broken: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| l.starts_with(&at(26)) && l.contains("  broken-link  "))
        .collect();
    assert!(
        broken.len() == 2
            && broken[0].contains("/tin-tuc/khong-co/")
            && broken[1].contains("khong-co.png"),
        "{}",
        run.stdout
    );
    // The allowed and the existing pass: one finding per bad address, none for the rest.
    let findings = findings_in(&run.stdout);
    assert_eq!(findings, 5, "{}", run.stdout);
}

#[test]
fn spam_is_found_in_what_the_browser_shows() {
    let f = site_with_rules();
    f.write(
        "content/tin-tuc/lach-luat.md",
        "---\ntitle: Bài lách luật\ndate: 2022-05-01\n---\n\
Đoạn đầu bình thường.\n\n\
Chơi tài\nxỉu mỗi ngày.\n\n\
Trang c<b></b>asino mới.\n\n\
Trang &#99;asino mới.\n\n\
<p>Trang &#x63;asino mới.</p>\n\n\
Trang ca\u{AD}sino mới.\n\n\
Trang ca\u{200B}sino mới.\n\n\
Trang ca*s*ino mới.\n\n\
Trang ｃａｓｉｎｏ mới.\n\n\
Trang саsinо mới.\n\n\
Trang casinο mới.\n\n\
Chơi ta\u{300}i xi\u{309}u mới.\n\n\
Trang `casino` mới.\n\n\
<div>\nHội nghị <span>nhà</span> <i>cái</i> thành công.\n</div>\n",
    );
    let run = f.loa(&["check"]);
    assert!(!run.ok);
    // Reported where they were written (the line break case from "tài" on), one error per
    // term with the lines where it comes again.
    for expected in [
        "content/tin-tuc/lach-luat.md:7:6  error  spam  gambling or betting term \"tài xỉu\"\n    note: the same 1 more time in this file (line 28)",
        "content/tin-tuc/lach-luat.md:10:7  error  spam  gambling or betting term \"casino\"\n    note: the same 9 more times in this file (lines 12, 14, 16, 18, 20, 22, 24, 26, 30)",
        "content/tin-tuc/lach-luat.md:33:1  error  spam  gambling or betting term \"nhà cái\"",
    ] {
        assert!(
            run.stdout.contains(expected),
            "{expected}\nin:\n{}",
            run.stdout
        );
    }
    let findings = findings_in(&run.stdout);
    assert_eq!(findings, 3, "{}", run.stdout);
}

#[test]
fn ordinary_vietnamese_gives_no_false_alarm() {
    // The sample site's own articles, and 200-odd sentences of ordinary agency writing, some
    // a letter away from a betting term ("lo đề xuất", "đặt cọc", "ngất xỉu").
    let f = Fixture::new("https://bhxh.example.gov.vn/");
    common::copy_tree(&common::repo().join("content"), &f.path("content"));
    let corpus =
        std::fs::read_to_string(common::repo().join("tests/fixtures/ordinary-vi.txt")).unwrap();
    let sentences: Vec<&str> = corpus
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect();
    assert!(sentences.len() >= 200, "{}", sentences.len());
    for (n, chunk) in sentences.chunks(20).enumerate() {
        // Sentences as paragraphs, as lines of one paragraph and in a list, as editors write.
        let mut body = String::new();
        for (i, s) in chunk.iter().enumerate() {
            body.push_str(s);
            body.push_str(match i % 3 {
                0 => "\n\n",
                1 => "\n",
                _ => " *Ghi chú.*\n\n",
            });
        }
        body.push_str("\n\n");
        for s in chunk.iter().take(5) {
            body.push_str(&format!("- {s}\n"));
        }
        f.write(
            &format!("content/tin-tuc/cau-thuong-{n}.md"),
            &format!(
                "---\ntitle: \"{}\"\ndate: 2022-05-{:02}\n---\n{body}",
                chunk[0].trim_end_matches('.').replace('`', ""),
                n + 1
            ),
        );
    }
    let run = f.loa(&["check"]);
    assert!(run.ok, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains("0 errors, 0 warnings"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_site_may_publish_a_built_in_term_in_earnest() {
    let f = site_with_rules();
    f.write(
        "content/tin-tuc/nghi-dinh.md",
        "---\ntitle: Nghị định về kinh doanh casino\ndate: 2022-05-01\n---\n\
Nghị định 03/2017/NĐ-CP quy định về kinh doanh casino.\n",
    );
    let refused = f.loa(&["check"]);
    let hit = finding(&refused.stdout, "content/tin-tuc/nghi-dinh.md:2:", "spam");
    assert!(
        refused.stdout.contains(&format!(
            "{hit}\n    note: the same 1 more time in this file (line 5)"
        )),
        "{}",
        refused.stdout
    );
    f.write(
        "content/kiem-tra.yaml",
        "allowed_domains: [baohiemxahoi.gov.vn]\nallowed_terms: [casino]\n",
    );
    let run = f.loa(&["check"]);
    assert!(run.ok, "{}", run.stdout);
    // The other terms still hold.
    f.write(
        "content/tin-tuc/nghi-dinh.md",
        "---\ntitle: Nghị định về kinh doanh casino\ndate: 2022-05-01\n---\n\
Nghị định về kinh doanh casino, không phải tài xỉu.\n",
    );
    let run = f.loa(&["check"]);
    let hit = finding(&run.stdout, "content/tin-tuc/nghi-dinh.md:5:", "spam");
    assert!(hit.contains("\"tài xỉu\""), "{hit}");
    // Only built-in terms can be allowed: a typo would silently allow nothing.
    f.write("content/kiem-tra.yaml", "allowed_terms:\n  - casinos\n");
    let run = f.build();
    assert!(!run.ok);
    assert!(
        run.stderr.contains("content/kiem-tra.yaml:1:1")
            && run.stderr.contains("`casinos` is not a built-in spam term"),
        "{}",
        run.stderr
    );
}

/// What in the article body of a built page could run or load something: elements that run or
/// embed, event handlers, inline styles, addresses with a scheme other than http(s), mailto
/// and tel, frames from hosts other than `frame_host`. Parsed as a browser parses it.
fn live_things(page: &str, frame_host: &str) -> Vec<String> {
    use html5ever::tendril::TendrilSink;
    use markup5ever_rcdom::{Handle, NodeData, RcDom};
    let dom = html5ever::parse_document(RcDom::default(), Default::default()).one(page);
    fn attr(node: &Handle, name: &str) -> Option<String> {
        match &node.data {
            NodeData::Element { attrs, .. } => attrs
                .borrow()
                .iter()
                .find(|a| &*a.name.local == name)
                .map(|a| a.value.to_string()),
            _ => None,
        }
    }
    fn body(node: &Handle) -> Option<Handle> {
        if attr(node, "class").is_some_and(|c| c.contains("article-body")) {
            return Some(node.clone());
        }
        node.children.borrow().iter().find_map(body)
    }
    fn scheme_ok(value: &str) -> bool {
        let plain: String = value
            .chars()
            .filter(|c| !c.is_whitespace() && !c.is_control())
            .collect::<String>()
            .to_ascii_lowercase();
        match plain.split_once(':') {
            Some((scheme, _)) if !scheme.contains(['/', '?', '#']) => {
                ["http", "https", "mailto", "tel"].contains(&scheme)
            }
            _ => true,
        }
    }
    fn walk(node: &Handle, frame_host: &str, found: &mut Vec<String>) {
        if let NodeData::Element { name, attrs, .. } = &node.data {
            let tag = name.local.to_string();
            if [
                "script", "object", "embed", "form", "meta", "base", "link", "style", "svg",
                "math", "frame", "frameset", "applet", "button", "select", "textarea",
            ]
            .contains(&tag.as_str())
            {
                found.push(format!("<{tag}>"));
            }
            // A frame without an address shows an empty page: only one with an address
            // off the allowed host loads anything.
            if tag == "iframe"
                && attr(node, "src")
                    .is_some_and(|s| !s.starts_with(&format!("https://{frame_host}/")))
            {
                found.push(format!("<iframe src={:?}>", attr(node, "src")));
            }
            for a in attrs.borrow().iter() {
                let key = a.name.local.to_string();
                let value = a.value.to_string();
                let address = [
                    "href",
                    "src",
                    "action",
                    "formaction",
                    "poster",
                    "data",
                    "background",
                    "cite",
                    "xlink:href",
                ]
                .contains(&key.as_str());
                let srcset_bad = key == "srcset"
                    && value
                        .split(',')
                        .any(|c| !scheme_ok(c.split_whitespace().next().unwrap_or_default()));
                if key.starts_with("on")
                    || key == "style"
                    || key == "srcdoc"
                    || (address && !scheme_ok(&value))
                    || srcset_bad
                {
                    found.push(format!("<{tag} {key}={value:?}>"));
                }
            }
        }
        for child in node.children.borrow().iter() {
            walk(child, frame_host, found);
        }
    }
    let body = body(&dom.document).expect("the page has an article body");
    let mut found = Vec::new();
    walk(&body, frame_host, &mut found);
    found
}

#[test]
fn what_the_sanitizer_publishes_holds_nothing_live_when_parsed() {
    // Vectors from XSS filter-evasion lists, each of which the build removes with a warning
    // (scripts and hiding styles fail the build: see injected_spam_and_hidden_content_fail_the_build).
    let vectors = [
        "<img src=/tin-tuc/anh.jpg onerror=alert(1)>",
        "<svg onload=alert(1)><circle r=5></circle></svg>",
        "<a href=\"jav&#x09;ascript:alert(1)\">a</a>",
        "<a href=\"&#106;avascript:alert(1)\">b</a>",
        "<a href=\" javascript:alert(1)\">c</a>",
        "<a href=\"JaVaScRiPt:alert(1)\">d</a>",
        "<a href=\"data:text/html,&lt;b&gt;x\">e</a>",
        "<a href=\"vbscript:msgbox(1)\">f</a>",
        "<iframe srcdoc=\"&lt;b&gt;x\"></iframe>",
        "<iframe src=\"https://www.youtube.com.evil.example/embed/x\"></iframe>",
        "<iframe src=\"https://www.youtube.com@evil.example/embed/x\"></iframe>",
        "<math><mtext><table><mglyph><style><img src=/tin-tuc/anh.jpg onerror=alert(1)></style></mglyph></table></mtext></math>",
        "<noscript><p title=\"</noscript><img src=/tin-tuc/anh.jpg onerror=alert(1)>\"></p></noscript>",
        "<object data=\"javascript:alert(1)\"></object>",
        "<embed src=\"javascript:alert(1)\">",
        "<details open ontoggle=alert(1)><summary>g</summary></details>",
        "<form><button formaction=javascript:alert(1)>h</button></form>",
        "<img srcset=\"javascript:alert(1) 1x, /tin-tuc/anh.jpg 2x\" alt=\"i\">",
        "<video poster=javascript:alert(1) src=/tin-tuc/anh.jpg></video>",
        "<input onfocus=alert(1) autofocus>",
        "<select><template><img src=/tin-tuc/anh.jpg onerror=alert(1)></template></select>",
        "<a href=\"https://baohiemxahoi.gov.vn/\" onclick=\"alert(1)\" style=\"color:red\">j</a>",
        "<table background=\"javascript:alert(1)\"><tr><td>k</td></tr></table>",
        "<blockquote cite=\"javascript:alert(1)\">l</blockquote>",
        "<link rel=stylesheet href=\"https://evil.example/x.css\">",
        "<base href=\"https://evil.example/\">",
        "<p><a href=\"/tin-tuc/\" onmouseover=\"alert(1)\">m</a></p>",
    ];
    let mut body = String::from("Đoạn đầu bình thường.\n\n");
    for v in vectors {
        body.push_str(v);
        body.push_str("\n\nĐoạn chen giữa.\n\n");
    }
    body.push_str("[n](javascript:alert(1)) [o](JAVASCRIPT:alert(1)) ![p](data:text/html,x)\n");
    let f = site_with_rules();
    f.write(
        "content/tin-tuc/vectors.md",
        &format!("---\ntitle: Bài thử vectơ\ndate: 2022-05-01\n---\n{body}"),
    );
    let run = f.build_ok(&[]);
    assert!(run.stderr.contains("warning"), "{}", run.stderr);
    let page = f.out("tin-tuc/bai-thu-vecto/index.html");
    assert_eq!(live_things(&page, "www.youtube.com"), Vec::<String>::new());
    assert!(page.contains("Đoạn chen giữa."));
    // The harness itself sees what it must: the unsanitized vectors are full of live things.
    let raw = format!("<div class=\"article-body\">{}</div>", vectors.join("\n"));
    assert!(live_things(&raw, "www.youtube.com").len() >= vectors.len());
}
