//! A second language: pages and sections with `lang`, the theme's table per language,
//! translations named for `hreflang` and the language links.

mod common;

use common::Fixture;

/// The news site with an English section (About translating Giới thiệu, and a page at the
/// same path as a Vietnamese one).
fn bilingual() -> Fixture {
    let f = Fixture::news_site("https://bhxh.example.gov.vn/");
    f.write(
        "content/en/_index.md",
        "---\ntitle: English\nlang: en\nshow_on_home: false\n---\nAbout the agency in English.\n",
    );
    f.write(
        "content/en/about.md",
        "---\ntitle: About us\ndate: 2026-11-20\nslug: about\ntranslation_of: /gioi-thieu/\n---\nWhat the agency does.\n\n- [x] Registered\n- [ ] Not yet\n",
    );
    f.write("content/en/tin-tuc/_index.md", "---\ntitle: News\n---\n");
    f.write(
        "content/en/tin-tuc/one.md",
        "---\ntitle: One piece of news\ndate: 2026-11-21\n---\nIn English.\n",
    );
    f
}

#[test]
fn an_english_page_speaks_english_and_names_its_vietnamese_version() {
    let f = bilingual();
    f.build_ok(&[]);
    let about = f.out("en/about/index.html");
    assert!(about.contains(r#"<html lang="en">"#), "{about}");
    assert!(about.contains(">Skip to main content</a>"));
    assert!(about.contains(r#"<meta property="og:locale" content="en_GB">"#));
    assert!(about.contains(r#""inLanguage":"en""#), "{about}");
    assert!(!about.contains("Chuyển đến nội dung chính"));
    assert!(!about.contains("Cần hỗ trợ thêm?"));
    assert!(about.contains("Need more help?"));
    // Both versions, itself included, as search engines ask.
    assert!(about.contains(
        r#"<link rel="alternate" hreflang="vi" href="https://bhxh.example.gov.vn/gioi-thieu/">"#
    ));
    assert!(about.contains(
        r#"<link rel="alternate" hreflang="en" href="https://bhxh.example.gov.vn/en/about/">"#
    ));
    assert!(about.contains(r#"<a href="/gioi-thieu/" hreflang="vi" lang="vi">Tiếng Việt</a>"#));
    // The trail starts at the English home, in English.
    assert!(about.contains(r#"<a itemprop="item" href="/en/"><span itemprop="name">Home</span>"#));
    // A task list's boxes are announced in the page's language.
    assert!(
        about.contains(r#"aria-label="done"> Registered"#),
        "{about}"
    );
    assert!(about.contains(r#"aria-label="not done"> Not yet"#));
    // The site's own words from site.yaml stay Vietnamese, and say so to screen readers.
    assert!(about.contains(r#"<ul class="wrap" lang="vi">"#));

    let vi = f.out("gioi-thieu/index.html");
    assert!(vi.contains(r#"<html lang="vi">"#));
    assert!(vi.contains(
        r#"<link rel="alternate" hreflang="en" href="https://bhxh.example.gov.vn/en/about/">"#
    ));
    assert!(vi.contains(r#"<a href="/en/about/" hreflang="en" lang="en">English</a>"#));
    assert!(vi.contains("Chuyển đến nội dung chính"));
    assert!(!vi.contains(r#"<ul class="wrap" lang="vi">"#));
}

#[test]
fn a_page_at_the_same_path_under_the_language_folder_is_a_translation() {
    let f = bilingual();
    f.build_ok(&[]);
    // en/tin-tuc/ is the English version of tin-tuc/ without saying so.
    let news = f.out("en/tin-tuc/index.html");
    assert!(news.contains(r#"<html lang="en">"#));
    assert!(news.contains(r#"hreflang="vi" href="https://bhxh.example.gov.vn/tin-tuc/">"#));
    assert!(news.contains(">Pages <span"), "{news}");
    let vi_news = f.out("tin-tuc/index.html");
    assert!(vi_news.contains(r#"hreflang="en" href="https://bhxh.example.gov.vn/en/tin-tuc/">"#));
    // A page without a translation links the other language's home.
    let one = f.out("tin-tuc/dong-bhyt-ho-gia-dinh-nam-2022/index.html");
    assert!(!one.contains("hreflang=\"en\" href"));
    assert!(one.contains(r#"<a href="/en/" hreflang="en" lang="en">English</a>"#));
}

#[test]
fn the_site_feed_and_lists_keep_to_the_site_language() {
    let f = bilingual();
    f.build_ok(&[]);
    let feed = f.out("atom.xml");
    assert!(feed.contains(r#"xml:lang="vi""#));
    assert!(!feed.contains("One piece of news"));
    assert!(f.out("en/atom.xml").contains(r#"xml:lang="en""#));
    assert!(f.out("en/atom.xml").contains("One piece of news"));
    let home = f.out("index.html");
    assert!(
        !home.contains(r#"<li><a href="/en/">English</a></li>"#),
        "the footer lists the site's own sections"
    );
}

#[test]
fn a_language_the_theme_does_not_speak_is_an_error_at_its_line() {
    let f = Fixture::news_site("https://bhxh.example.gov.vn/");
    f.write(
        "content/fr.md",
        "---\ntitle: À propos\nlang: fr\n---\nBonjour.\n",
    );
    let run = f.build();
    assert!(!run.ok);
    assert!(
        run.stderr
            .contains("the theme has no words for the language `fr`"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("content/fr.md:3:"), "{}", run.stderr);
    assert!(run.stderr.contains("strings.fr.yaml"));
}

#[test]
fn a_translation_of_nothing_or_of_its_own_language_is_an_error() {
    let f = bilingual();
    f.write(
        "content/en/about.md",
        "---\ntitle: About us\ndate: 2026-11-20\nslug: about\ntranslation_of: /gioi-thieu-cu/\n---\nText.\n",
    );
    f.write(
        "content/tin-tuc/bon.md",
        "---\ntitle: Bốn\ndate: 2026-11-20\ntranslation_of: /gioi-thieu/\n---\nVăn bản.\n",
    );
    let run = f.build();
    assert!(!run.ok);
    assert!(
        run.stderr
            .contains("`translation_of: /gioi-thieu-cu/` leads nowhere in this site"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("content/en/about.md:5:"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("is in the same language as this page (vi)")
    );
    assert!(
        run.stderr.contains("content/tin-tuc/bon.md:4:"),
        "{}",
        run.stderr
    );
}

#[test]
fn every_language_table_holds_every_key() {
    let f = bilingual();
    let path = f.path("themes/default/strings.en.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let without: String = text
        .lines()
        .filter(|l| !l.starts_with("skip_link:"))
        .map(|l| format!("{l}\n"))
        .collect();
    f.write("themes/default/strings.en.yaml", &without);
    let run = f.build();
    assert!(!run.ok);
    assert!(run.stderr.contains("strings.en.yaml"), "{}", run.stderr);
    assert!(run.stderr.contains("skip_link"), "{}", run.stderr);

    f.write(
        "themes/default/strings.en.yaml",
        &format!("{text}skip_lnik: Skip\n"),
    );
    let run = f.build();
    assert!(!run.ok);
    assert!(run.stderr.contains("skip_lnik"), "{}", run.stderr);
}
