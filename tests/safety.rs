//! Safe rendering: raw HTML in articles is sanitized and every removal reported at its line.

mod common;

use common::Fixture;

const THREATS: &str = "---\ntitle: Bài có mã lạ\ndate: 2022-05-01\n---\nĐoạn đầu bình thường.\n\n\
<script>location.href='https://bet.example'</script>\n\n\
<p>Người dân <span style=\"display: none\">nhà cái uy tín bet365</span>tham gia BHYT.</p>\n\n\
<img src=\"anh.jpg\" alt=\"Ảnh\" onerror=\"alert(1)\">\n\n\
[Trang lạ](javascript:alert(1)) và [trang thật](https://baohiemxahoi.gov.vn/)\n\n\
<meta http-equiv=\"refresh\" content=\"0;url=https://bet.example\">\n\n\
<iframe src=\"https://evil.example/quang-cao\"></iframe>\n\n\
<iframe src=\"https://www.youtube.com/embed/abc\" title=\"Video hướng dẫn\"></iframe>\n\n\
<form action=\"https://evil.example\"><input name=\"the\"></form>\n";

#[test]
fn dangerous_html_is_removed_and_each_removal_reported() {
    let f = Fixture::news_site("https://example.gov.vn/");
    let yaml = std::fs::read_to_string(f.path("content/site.yaml")).unwrap();
    f.write(
        "content/site.yaml",
        &format!("{yaml}iframe_hosts: [www.youtube.com]\n"),
    );
    f.write("content/tin-tuc/ma-la.md", THREATS);
    let run = f.build_ok(&[]);
    let html = f.out("tin-tuc/bai-co-ma-la/index.html");
    let article = &html[html.find("Đoạn đầu bình thường").unwrap()..];
    for gone in [
        "<script",
        "location.href",
        "display: none",
        "display:none",
        "onerror",
        "javascript:",
        "http-equiv",
        "evil.example",
        "<form",
    ] {
        assert!(!article.contains(gone), "{gone} published:\n{article}");
    }
    assert!(
        article.contains("https://www.youtube.com/embed/abc"),
        "allowed video host kept"
    );
    assert!(article.contains("href=\"https://baohiemxahoi.gov.vn/\""));
    assert!(article.contains("rel=\"noopener noreferrer\""));
    for (line, what) in [
        (7, "removed a <script> element"),
        (9, "removed an inline style that hides content"),
        (11, "removed an event handler attribute"),
        (13, "removed a link to a forbidden URL scheme (javascript)"),
        (15, "removed a <meta> element"),
        (17, "removed an <iframe> from a host not in iframe_hosts"),
        (21, "removed a form"),
    ] {
        let location = format!("content/tin-tuc/ma-la.md:{line}:");
        let at = run
            .stderr
            .find(&location)
            .unwrap_or_else(|| panic!("{location} in:\n{}", run.stderr));
        let before = &run.stderr[..at];
        let message_start = before.rfind("warning: ").unwrap();
        assert!(
            run.stderr[message_start..at].contains(what),
            "{what} at line {line}:\n{}",
            run.stderr
        );
    }
}

#[test]
fn ordinary_articles_give_no_warning() {
    let f = Fixture::news_site("https://example.gov.vn/");
    let run = f.build_ok(&[]);
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
}

#[test]
fn the_sample_site_works_under_a_strict_content_security_policy() {
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("site");
    let run = common::Run::from(
        std::process::Command::new(env!("CARGO_BIN_EXE_loa"))
            .args([
                "--root",
                common::repo().to_str().unwrap(),
                "build",
                "--output",
                target.to_str().unwrap(),
            ])
            .output()
            .unwrap(),
    );
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
            assert!(
                !html.contains("<script"),
                "inline script in {}",
                entry.path().display()
            );
            pages += 1;
        }
    }
    assert!(pages > 100);
}
