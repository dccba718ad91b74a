//! Property tests: inputs built from the pieces attacks and broken files are made of, a
//! bounded number of cases each, so that all of them run in seconds.

use proptest::prelude::*;
use proptest::test_runner::Config;

use super::*;

/// Nothing is written to `src/`: a failure prints its input, and the fix's test keeps it.
fn config(cases: u32) -> Config {
    Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    }
}

/// Strings of `pieces` and a few arbitrary characters, up to `len` pieces long.
fn made_of(pieces: &'static [&'static str], len: usize) -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        8 => proptest::sample::select(pieces).prop_map(str::to_owned),
        1 => any::<char>().prop_map(String::from),
    ];
    proptest::collection::vec(piece, 0..len).prop_map(|v| v.concat())
}

const HTML_PIECES: &[&str] = &[
    "<script",
    "</script>",
    "<script>alert(1)</script>",
    "<svg",
    "<svg/onload=alert(1)>",
    "<math>",
    "<style>",
    "</style>",
    "<img",
    " src=",
    "x",
    " onerror",
    "on",
    "load",
    "=",
    "\"",
    "'",
    "`",
    ">",
    "<",
    "/",
    " ",
    "\n",
    "\n\n",
    "\t",
    "javascript:",
    "java\tscript:",
    "&#106;avascript:",
    "&#x6A;",
    "vbscript:",
    "data:text/html,",
    "data:image/png,",
    "<a href=",
    "</a>",
    "<iframe src=",
    "https://www.youtube.com/embed/x",
    "https://evil.example/",
    "https://www.youtube.com@evil.example/",
    "<!--",
    "-->",
    "<![CDATA[",
    "]]>",
    "&lt;",
    "&amp;",
    "&",
    ";",
    "[a](",
    ")",
    "![i](",
    "<http://",
    "```",
    "`",
    "    ",
    "# ",
    "## ",
    "> ",
    "- ",
    "| a |",
    "|---|",
    "[^1]",
    "[^1]: ",
    "<div",
    "</div>",
    " style=",
    "display:none",
    "<form",
    "<base href=",
    "<meta http-equiv=refresh content=",
    "<object data=",
    "<embed src=",
    "<template>",
    "<noscript>",
    "<textarea>",
    "<xmp>",
    "<title>",
    "<!-- more -->",
    "{{",
    "}}",
    "*",
    "_",
    "\\",
    "<details open ontoggle=",
    "<input autofocus onfocus=",
    "formaction=",
    "<button",
    "xlink:href=",
    "<use href=",
];

proptest! {
    #![proptest_config(config(1000))]

    #[test]
    fn sanitized_markdown_never_runs_a_script(body in made_of(HTML_PIECES, 40)) {
        markdown_sanitize(&body);
    }
}

const YAML_PIECES: &[&str] = &[
    "title",
    "base_url",
    "contact",
    "menu",
    "date",
    "tags",
    "weight",
    "months",
    "2021-11",
    "tinh",
    ":",
    ": ",
    "\n",
    "  ",
    "- ",
    "[",
    "]",
    "{",
    "}",
    ",",
    "\"",
    "'",
    "#",
    "&a",
    "*a",
    "!!str ",
    "!!binary ",
    "|",
    ">",
    "---",
    "...",
    "? ",
    "%YAML 1.2",
    "x",
    "Tiêu đề",
    "ǅ",
    "\t",
    "\r\n",
    "\u{feff}",
    "\u{85}",
    "\u{2028}",
    "-1",
    "1e9",
    "99999999999999999999",
    "null",
    "~",
    "<<: *a",
    "https://a.gov.vn/",
];

proptest! {
    #![proptest_config(config(1000))]

    #[test]
    fn yaml_never_panics_and_errors_point_inside(text in made_of(YAML_PIECES, 30)) {
        yaml(text.as_bytes());
    }
}

const IMPORT_PIECES: &[&str] = &[
    "<html>",
    "<head>",
    "<title>",
    "</title>",
    "<meta name=\"description\" content=\"",
    "<body>",
    "<div class=\"content\">",
    "</div>",
    "<p>",
    "</p>",
    "<h1>",
    "<h2>",
    "<table>",
    "<tr>",
    "<td>",
    "<ul>",
    "<li>",
    "<img src=\"",
    "\" alt=\"",
    "<a href=\"",
    "</a>",
    "<script>",
    "</script>",
    "<br>",
    "<span style=\"display:none\">",
    "Chi tiết tin",
    "TIN BÀI LIÊN QUAN",
    "Ngày 09/05/2020 07:50 AM",
    "17:03 25/11/2022",
    "dd/mm/yyyy",
    "Tác giả: ",
    "Nguồn: https://bhxh.example.gov.vn/a.html",
    "tài xỉu",
    "PV: ",
    "Trả lời: ",
    "\n",
    " ",
    "\"",
    ">",
    "&nbsp;",
    "&#",
    "BHXH",
    "1.",
    "-",
    "Ảnh 1",
    "\u{301}",
    "\r",
];

proptest! {
    #![proptest_config(config(300))]

    #[test]
    fn import_never_panics(text in made_of(IMPORT_PIECES, 40)) {
        import_html(&text);
    }
}

const HTTP_PIECES: &[&str] = &[
    "GET ",
    "HEAD ",
    "POST ",
    "/",
    "/tin-tuc/",
    "..",
    "%2e",
    "%2E",
    "%2f",
    "%5c",
    "\\",
    "%00",
    "%0d%0a",
    "%",
    "%c3%a0",
    "%ff",
    "?",
    "#",
    "a",
    " HTTP/1.1",
    " HTTP/2",
    "\r\n",
    "\n",
    "Host: 127.0.0.1:8000",
    "Origin: http://evil.example",
    ": ",
    "//",
    "http://x/",
    "./",
    ".",
];

proptest! {
    #![proptest_config(config(300))]

    #[test]
    fn http_paths_never_leave_the_site(head in made_of(HTTP_PIECES, 24)) {
        http_request(head.as_bytes());
    }
}

#[test]
fn the_checks_find_what_they_look_for() {
    for bad in [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "<a href=\" java\tscript:alert(1)\">x</a>",
        "<iframe src=\"https://www.youtube.com@evil.example/\"></iframe>",
        "<svg><a xlink:href=\"javascript:alert(1)\">x</a></svg>",
    ] {
        assert!(unsafe_html(bad).is_some(), "{bad}");
    }
    for good in [
        "<p><a href=\"https://a.gov.vn/\" rel=\"noopener noreferrer\">a</a></p>",
        "<iframe src=\"https://www.youtube.com:443/embed/x\"></iframe>",
        "<p>javascript: is text here</p>",
    ] {
        assert_eq!(unsafe_html(good), None, "{good}");
    }
}

/// Found by `import_never_panics`: a link whose content ended its line (an `<img>` and a
/// `<div>` inside `<a>`) had a range from one line applied to the next.
#[test]
fn import_survives_a_link_over_a_removed_heading() {
    import_html(
        "&#𐀀BHXH<a href=\"</div>\"<html><img src=\"<span style=\"display:none\">&#&#TIN BÀI LIÊN QUANChi tiết tin",
    );
}
