//! `loa build` on fixture sites: the HTML, feeds and files it writes.

mod common;

use common::{Fixture, broken_internal_links, links};

#[test]
fn article_page_has_vietnamese_date_author_breadcrumbs_tags_and_neighbours() {
    let f = Fixture::news_site("https://example.gov.vn/");
    f.build_ok(&[]);
    let html = f.out("tin-tuc/dong-bhyt-ho-gia-dinh-nam-2022/index.html");
    assert!(html.contains("<html lang=\"vi\""), "lang attribute");
    assert!(html.contains("25/11/2022"), "dd/mm/yyyy date");
    assert!(
        html.contains("datetime=\"2022-11-25T17:03\""),
        "machine-readable date"
    );
    assert!(html.contains("Nguyễn Văn A"), "author");
    assert!(
        html.contains("<h2 id=\"muc-dong\">Mức đóng</h2>"),
        "heading id"
    );
    assert!(html.contains("href=\"/the/bhyt/\""), "tag link");
    assert!(
        html.contains("href=\"/the/ho-gia-dinh/\""),
        "tag with diacritics folded"
    );
    // Breadcrumbs: home, section, page.
    let crumbs = html
        .find("aria-label=\"Đường dẫn\"")
        .expect("breadcrumb nav");
    let crumbs = &html[crumbs..];
    assert!(crumbs.find("href=\"/\"").unwrap() < crumbs.find("href=\"/tin-tuc/\"").unwrap());
    // The older article of the section is "previous"; it is the newest, so no "next".
    assert!(html.contains("href=\"/tin-tuc/thanh-hoa-vuot-chi-tieu-bhxh-tu-nguyen/\""));
    // Related by shared tags: the policy article shares BHYT.
    assert!(html.contains("href=\"/chinh-sach/bhyt/muc-dong-bhyt/\""));
}

#[test]
fn section_lists_are_paginated_with_first_page_redirect() {
    let f = Fixture::news_site("https://example.gov.vn/");
    f.build_ok(&[]);
    let first = f.out("tin-tuc/index.html");
    let second = f.out("tin-tuc/page/2/index.html");
    // paginate_by is 2: newest two on page 1, the oldest on page 2.
    assert!(first.contains("Đóng BHYT hộ gia đình năm 2022"));
    assert!(first.contains("Thanh Hóa vượt chỉ tiêu BHXH tự nguyện"));
    assert!(!first.contains("Chi trả lương hưu qua tài khoản"));
    assert!(second.contains("Chi trả lương hưu qua tài khoản"));
    assert!(
        first.contains("href=\"/tin-tuc/page/2/\""),
        "link to page 2"
    );
    assert!(second.contains("href=\"/tin-tuc/\""), "link back to page 1");
    assert!(!f.exists("tin-tuc/page/3/index.html"));
    let redirect = f.out("tin-tuc/page/1/index.html");
    assert!(
        redirect.contains("url=https://example.gov.vn/tin-tuc/"),
        "{redirect}"
    );
}

#[test]
fn nested_sections_list_their_subtree() {
    let f = Fixture::news_site("https://example.gov.vn/");
    f.build_ok(&[]);
    let parent = f.out("chinh-sach/index.html");
    assert!(
        parent.contains("href=\"/chinh-sach/bhyt/\""),
        "subsection link"
    );
    assert!(
        parent.contains("Mức đóng BHYT"),
        "article of the subsection listed"
    );
    let child = f.out("chinh-sach/bhyt/muc-dong-bhyt/index.html");
    assert!(
        child.contains("href=\"/chinh-sach/bhyt/\""),
        "breadcrumb to subsection"
    );
}

#[test]
fn home_shows_latest_per_section_and_notices() {
    let f = Fixture::news_site("https://example.gov.vn/");
    f.build_ok(&[]);
    let home = f.out("index.html");
    assert!(home.contains("Chào mừng."));
    assert!(home.contains("Lịch nghỉ Tết"), "notice");
    assert!(home.contains("Đóng BHYT hộ gia đình năm 2022"));
    assert!(home.contains("Mức đóng BHYT"));
}

#[test]
fn standalone_page_has_no_date_and_is_in_no_list() {
    let f = Fixture::news_site("https://example.gov.vn/");
    f.build_ok(&[]);
    let about = f.out("gioi-thieu/index.html");
    assert!(about.contains("Về cơ quan."));
    assert!(!f.out("atom.xml").contains("gioi-thieu"));
    assert!(!f.out("tin-tuc/index.html").contains("Về cơ quan."));
    assert!(!f.out("the/index.html").contains("Về cơ quan."));
    assert!(
        f.out("sitemap.xml")
            .contains("<loc>https://example.gov.vn/gioi-thieu/</loc>")
    );
}

#[test]
fn taxonomy_pages_list_terms_and_their_articles() {
    let f = Fixture::news_site("https://example.gov.vn/");
    f.build_ok(&[]);
    let all = f.out("the/index.html");
    for term in ["BHYT", "Hộ gia đình", "BHXH tự nguyện", "Lương hưu"] {
        assert!(all.contains(term), "{term} listed");
    }
    // Three articles carry BHYT; paginate_by is 2.
    let bhyt = f.out("the/bhyt/index.html");
    assert!(bhyt.contains("Mức đóng BHYT") && bhyt.contains("Đóng BHYT hộ gia đình năm 2022"));
    assert!(
        f.out("the/bhyt/page/2/index.html")
            .contains("Thanh Hóa vượt chỉ tiêu")
    );
}

#[test]
fn feeds_sitemap_robots_and_404() {
    let f = Fixture::news_site("https://example.gov.vn/");
    f.build_ok(&[]);
    let feed = f.out("atom.xml");
    assert!(feed.starts_with("<?xml"));
    assert!(feed.contains("xmlns=\"http://www.w3.org/2005/Atom\""));
    // feed_limit is 3: the three newest of five articles.
    assert_eq!(feed.matches("<entry>").count(), 3, "{feed}");
    assert!(feed.contains("2024-02-01T00:00:00+07:00"));
    assert!(
        !feed.contains("Chi trả lương hưu"),
        "oldest article left out"
    );
    // Summaries are escaped HTML inside the XML.
    assert!(feed.contains("&lt;p&gt;"));
    let section_feed = f.out("tin-tuc/atom.xml");
    assert_eq!(section_feed.matches("<entry>").count(), 3);
    assert!(!section_feed.contains("Lịch nghỉ Tết"));

    let sitemap = f.out("sitemap.xml");
    for loc in [
        "https://example.gov.vn/",
        "https://example.gov.vn/tin-tuc/",
        "https://example.gov.vn/tin-tuc/dong-bhyt-ho-gia-dinh-nam-2022/",
        "https://example.gov.vn/the/bhyt/",
    ] {
        assert!(
            sitemap.contains(&format!("<loc>{loc}</loc>")),
            "{loc} in sitemap"
        );
    }
    assert!(sitemap.contains("<lastmod>2022-11-25</lastmod>"));
    assert!(
        f.out("robots.txt")
            .contains("Sitemap: https://example.gov.vn/sitemap.xml")
    );
    assert!(f.out("404.html").contains("Không tìm thấy"));
}

#[test]
fn source_is_shown_as_a_link_or_a_name() {
    let f = Fixture::news_site("https://example.gov.vn/");
    // A source address is a link like any other: its site must be on the allow-list.
    f.write(
        "content/kiem-tra.yaml",
        "allowed_domains: [baothanhhoa.vn]\n",
    );
    f.write(
        "content/tin-tuc/dia-chi.md",
        "---\ntitle: Bài đăng lại từ báo\ndate: 2022-11-25\nsource: \"https://www.baothanhhoa.vn/tin/bhyt-123.html\"\n---\nĐoạn đầu.\n",
    );
    f.write(
        "content/tin-tuc/ten.md",
        "---\ntitle: Bài theo đài huyện\ndate: 2022-11-26\nsource: Đài Truyền thanh huyện\n---\nĐoạn đầu.\n",
    );
    f.build_ok(&[]);
    let linked = f.out("tin-tuc/bai-dang-lai-tu-bao/index.html");
    assert!(
        linked.contains("<p class=\"article-source\">Nguồn: <a href=\"https://www.baothanhhoa.vn/tin/bhyt-123.html\" rel=\"noopener noreferrer\">baothanhhoa.vn</a></p>"),
        "{linked}"
    );
    let named = f.out("tin-tuc/bai-theo-dai-huyen/index.html");
    assert!(
        named.contains("<p class=\"article-source\">Nguồn: Đài Truyền thanh huyện</p>"),
        "{named}"
    );
    assert!(
        !f.out("tin-tuc/dong-bhyt-ho-gia-dinh-nam-2022/index.html")
            .contains("article-source")
    );
}

#[test]
fn aliases_redirect_to_the_article() {
    let f = Fixture::news_site("https://example.gov.vn/");
    f.build_ok(&[]);
    let old = f.out("tin-tuc/tin-cu-123.html");
    assert!(old.contains("http-equiv=\"refresh\""));
    assert!(old.contains("https://example.gov.vn/tin-tuc/thanh-hoa-vuot-chi-tieu-bhxh-tu-nguyen/"));
}

#[test]
fn drafts_and_future_articles_only_with_drafts_flag() {
    let f = Fixture::news_site("https://example.gov.vn/");
    f.write(
        "content/tin-tuc/nhap.md",
        "---\ntitle: Bài nháp\ndate: 2022-01-01\ndraft: true\n---\nChưa xong.\n",
    );
    f.write(
        "content/tin-tuc/tuong-lai.md",
        "---\ntitle: Bài hẹn giờ\ndate: 2999-01-01\n---\nSau này.\n",
    );
    f.build_ok(&[]);
    assert!(!f.exists("tin-tuc/bai-nhap/index.html"));
    assert!(!f.exists("tin-tuc/bai-hen-gio/index.html"));
    assert!(!f.out("atom.xml").contains("Bài nháp"));
    assert!(!f.out("sitemap.xml").contains("bai-nhap"));
    f.build_ok(&["--drafts"]);
    assert!(
        f.out("tin-tuc/bai-nhap/index.html").contains("Bản nháp"),
        "draft banner"
    );
    assert!(f.exists("tin-tuc/bai-hen-gio/index.html"));
}

#[test]
fn sub_path_base_url_prefixes_every_internal_link() {
    let f = Fixture::news_site("https://example.gov.vn/bhxh/");
    f.build_ok(&[]);
    let page = f.out("tin-tuc/dong-bhyt-ho-gia-dinh-nam-2022/index.html");
    // The author's root-relative link in Markdown gets the prefix too.
    assert!(page.contains("href=\"/bhxh/chinh-sach/bhyt/muc-dong-bhyt/\""));
    for link in links(&page) {
        if link.starts_with('/') {
            assert!(link.starts_with("/bhxh/"), "{link} lacks the sub-path");
        }
    }
    assert!(
        f.out("atom.xml")
            .contains("https://example.gov.vn/bhxh/tin-tuc/")
    );
    let broken = broken_internal_links(&f.path("output"), "/bhxh/", "https://example.gov.vn");
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

#[test]
fn base_url_flag_overrides_the_config() {
    let f = Fixture::news_site("https://example.gov.vn/");
    f.build_ok(&["--base-url", "https://staging.example.gov.vn/thu/"]);
    assert!(f.out("index.html").contains("href=\"/thu/tin-tuc/\""));
    assert!(
        f.out("sitemap.xml")
            .contains("https://staging.example.gov.vn/thu/tin-tuc/")
    );
}

#[test]
fn every_internal_link_resolves_at_the_domain_root() {
    let f = Fixture::news_site("https://example.gov.vn/");
    f.build_ok(&[]);
    let broken = broken_internal_links(&f.path("output"), "/", "https://example.gov.vn");
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

#[test]
fn article_folder_copies_its_images_beside_the_page() {
    let f = Fixture::news_site("https://example.gov.vn/");
    f.write(
        "content/tin-tuc/ngay-bhyt/index.md",
        "---\ntitle: Ngày BHYT Việt Nam\ndate: 2022-07-01\nimage: anh-1.png\nimage_alt: Lễ mít tinh\n---\nMở đầu.\n\n![Cán bộ tuyên truyền](anh-2.png)\n",
    );
    f.write_bytes("content/tin-tuc/ngay-bhyt/anh-1.png", b"\x89PNG fake 1");
    f.write_bytes("content/tin-tuc/ngay-bhyt/anh-2.png", b"\x89PNG fake 2");
    f.build_ok(&[]);
    assert!(f.exists("tin-tuc/ngay-bhyt-viet-nam/anh-1.png"));
    assert!(f.exists("tin-tuc/ngay-bhyt-viet-nam/anh-2.png"));
    let html = f.out("tin-tuc/ngay-bhyt-viet-nam/index.html");
    assert!(
        html.contains("src=\"/tin-tuc/ngay-bhyt-viet-nam/anh-1.png\""),
        "hero image resolved"
    );
    assert!(html.contains("alt=\"Lễ mít tinh\""));
    assert!(html.contains("src=\"anh-2.png\""));
    let broken = broken_internal_links(&f.path("output"), "/", "https://example.gov.vn");
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

#[test]
fn images_beside_the_page_carry_their_size() {
    let f = Fixture::news_site("https://example.gov.vn/");
    f.write(
        "content/tin-tuc/anh/index.md",
        "---\ntitle: Ảnh hội nghị\ndate: 2022-07-01\nimage: hoi-nghi.png\nimage_alt: Toàn cảnh hội nghị\n---\nHội nghị tập huấn.\n\n\
![Hội nghị \"tập huấn\" & *BHYT*](hoi-nghi.png \"Tháng 7\")\n\n\
![Sơ đồ](hinh/so-do.jpg?v=2)\n\n![Không đọc được](hong.png)\n\n![Ngoài thư mục](../anh-ngoai.png)\n",
    );
    // A real PNG header (640 × 427) and a JPEG whose frame header follows an APP0 segment.
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
    png.extend(640u32.to_be_bytes());
    png.extend(427u32.to_be_bytes());
    png.extend(b"\x08\x02\0\0\0");
    f.write_bytes("content/tin-tuc/anh/hoi-nghi.png", &png);
    f.write_bytes("content/tin-tuc/anh-ngoai.png", &png);
    let mut jpeg = vec![0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10];
    jpeg.extend(b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0");
    jpeg.extend([0xFF, 0xC0, 0x00, 0x11, 0x08, 0x02, 0x1C, 0x03, 0xC0, 0x03]);
    f.write_bytes("content/tin-tuc/anh/hinh/so-do.jpg", &jpeg);
    f.write_bytes("content/tin-tuc/anh/hong.png", b"\x89PNG fake");
    f.build_ok(&[]);
    let html = f.out("tin-tuc/anh-hoi-nghi/index.html");
    assert!(
        html.contains(r#"<img src="hoi-nghi.png" alt="Hội nghị “tập huấn” &amp; BHYT" title="Tháng 7" width="640" height="427" />"#),
        "{html}"
    );
    assert!(
        html.contains(r#"<img src="hinh/so-do.jpg?v=2" alt="Sơ đồ" width="960" height="540" />"#)
    );
    // The article's own image, above it.
    assert!(html.contains(
        r#"<img src="/tin-tuc/anh-hoi-nghi/hoi-nghi.png" alt="Toàn cảnh hội nghị" width="640" height="427" decoding="async""#
    ));
    // Unreadable, or outside the page's folder: as written, without a size.
    for img in [
        r#"<img src="hong.png" alt="Không đọc được" />"#,
        r#"<img src="../anh-ngoai.png" alt="Ngoài thư mục" />"#,
    ] {
        assert!(html.contains(img), "{img}");
    }
}

#[test]
fn slugs_fold_vietnamese_the_same_from_nfc_nfd_and_explicit_slugs() {
    let f = Fixture::news_site("https://example.gov.vn/");
    // "Đường dây nóng hỗ trợ" typed in decomposed form (as macOS may save it).
    let nfd = "Đường dây nóng hỗ trợ"
        .chars()
        .flat_map(|c| match c {
            'ư' => vec!['u', '\u{31b}'],
            'ờ' => vec!['o', '\u{31b}', '\u{300}'],
            'â' => vec!['a', '\u{302}'],
            'ó' => vec!['o', '\u{301}'],
            'ỗ' => vec!['o', '\u{302}', '\u{303}'],
            'ợ' => vec!['o', '\u{31b}', '\u{323}'],
            c => vec![c],
        })
        .collect::<String>();
    f.write(
        "content/tin-tuc/nfd.md",
        &format!("---\ntitle: \"{nfd}\"\ndate: 2022-01-01\n---\nx\n"),
    );
    f.write(
        "content/tin-tuc/rieng.md",
        "---\ntitle: Tên rất dài\ndate: 2022-01-02\nslug: ten-ngan\n---\nx\n",
    );
    f.build_ok(&[]);
    let page = f.out("tin-tuc/duong-day-nong-ho-tro/index.html");
    assert!(
        page.contains("Đường dây nóng hỗ trợ"),
        "title normalised to NFC"
    );
    assert!(f.exists("tin-tuc/ten-ngan/index.html"));
}

#[test]
fn files_saved_with_bom_and_crlf_load_the_same() {
    let f = Fixture::news_site("https://example.gov.vn/");
    f.write_bytes(
        "content/tin-tuc/windows.md",
        "\u{feff}---\r\ntitle: Lưu bằng Notepad\r\ndate: 2022-03-04\r\n---\r\nĐoạn một.\r\n\r\nĐoạn hai.\r\n".as_bytes(),
    );
    f.build_ok(&[]);
    let html = f.out("tin-tuc/luu-bang-notepad/index.html");
    assert!(html.contains("04/03/2022"));
    assert!(html.contains("<p>Đoạn một.</p>"));
}

#[test]
fn markdown_extensions_render() {
    let f = Fixture::news_site("https://example.gov.vn/");
    f.write(
        "content/tin-tuc/bang.md",
        "---\ntitle: Bảng mức đóng\ndate: 2023-08-01\n---\n| Người | Mức |\n|---|---:|\n| Thứ nhất | 81.000 |\n\n~~cũ~~ mới[^1]\n\n[^1]: Theo lương cơ sở.\n\n- [x] CCCD\n- [ ] Sổ hộ khẩu\n\n\"Trích dẫn\"\n",
    );
    f.build_ok(&[]);
    let html = f.out("tin-tuc/bang-muc-dong/index.html");
    assert!(
        html.contains("<table>")
            && html.contains("<td data-label=\"Mức\" class=\"align-right\">81.000</td>"),
        "{html}"
    );
    assert!(html.contains("<del>cũ</del>"));
    assert!(html.contains("footnote-definition"));
    // Task list boxes are named by their state, for screen readers.
    assert!(
        html.contains("<input type=\"checkbox\" disabled checked aria-label=\"đã đánh dấu\"> CCCD")
    );
    assert!(
        html.contains("<input type=\"checkbox\" disabled aria-label=\"chưa đánh dấu\"> Sổ hộ khẩu")
    );
    assert!(html.contains("“Trích dẫn”"), "smart punctuation");
}

#[test]
fn non_markdown_files_in_content_are_published_as_they_are() {
    let f = Fixture::news_site("https://example.gov.vn/");
    f.write_bytes("content/thong-bao/mau-tk1.pdf", b"%PDF-1.4 fake");
    f.build_ok(&[]);
    assert_eq!(
        std::fs::read(f.path("output/thong-bao/mau-tk1.pdf")).unwrap(),
        b"%PDF-1.4 fake"
    );
}

#[test]
fn editor_leftovers_are_ignored() {
    let f = Fixture::news_site("https://example.gov.vn/");
    f.write("content/tin-tuc/.mot.md.swp", "binary junk");
    f.write("content/tin-tuc/mot.md~", "---\nbroken");
    f.write("content/tin-tuc/.#mot.md", "lock");
    f.build_ok(&[]);
}

#[test]
fn init_creates_a_site_that_builds_and_never_overwrites() {
    let parent = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        common::Run::from(
            std::process::Command::new(env!("CARGO_BIN_EXE_loa"))
                .args(args)
                .current_dir(parent.path())
                .output()
                .unwrap(),
        )
    };
    let init = run(&["init", "my-site"]);
    assert!(init.ok, "{}", init.stderr);
    let build = run(&["--root", "my-site", "build"]);
    assert!(build.ok, "{}", build.stderr);
    let home = std::fs::read_to_string(parent.path().join("my-site/output/index.html")).unwrap();
    assert!(home.contains("Bài viết đầu tiên"));
    // The portal skeleton Decree 42/2022/NĐ-CP asks for: organisation, leaders, contact, a
    // register with one example document and its file, questions and answers, English.
    let out = |rel: &str| parent.path().join("my-site/output").join(rel);
    for page in ["gioi-thieu", "lanh-dao", "lien-he", "hoi-dap", "en"] {
        assert!(out(&format!("{page}/index.html")).is_file(), "{page}");
    }
    for link in ["href=\"/van-ban/\"", "href=\"/lien-he/\""] {
        assert!(home.contains(link), "the menu has {link}");
    }
    let register = std::fs::read_to_string(out("van-ban/index.html")).unwrap();
    assert!(register.contains("42/2022/NĐ-CP"), "{register}");
    let document = std::fs::read_to_string(out("van-ban/nd-42-2022/index.html")).unwrap();
    assert!(document.contains("<td>24/06/2022</td>"), "{document}");
    assert!(
        document.contains("href=\"/van-ban/nd-42-2022.pdf\" download"),
        "{document}"
    );
    assert!(
        std::fs::read(out("van-ban/nd-42-2022.pdf"))
            .unwrap()
            .starts_with(b"%PDF-")
    );
    let check = run(&["--root", "my-site", "check"]);
    assert!(check.ok, "{}", check.stdout);
    assert_eq!(check.stdout.trim(), "0 errors, 0 warnings in 0 files");
    // Turning the portal rules on names only what init cannot write: the statistics.
    let site_yaml = parent.path().join("my-site/content/site.yaml");
    let yaml = std::fs::read_to_string(&site_yaml).unwrap();
    assert!(yaml.contains("\n# portal: {}\n"), "{yaml}");
    std::fs::write(
        &site_yaml,
        yaml.replace("\n# portal: {}\n", "\nportal: {}\n"),
    )
    .unwrap();
    let check = run(&["--root", "my-site", "check"]);
    assert!(check.ok, "{}", check.stdout);
    assert_eq!(
        check.stdout.matches("warning  portal").count(),
        1,
        "{}",
        check.stdout
    );
    assert!(
        check.stdout.contains("the portal lacks statistics"),
        "{}",
        check.stdout
    );
    // A second init into the now non-empty folder refuses and changes nothing.
    std::fs::write(&site_yaml, "title: edited\n").unwrap();
    let again = run(&["init", "my-site"]);
    assert!(!again.ok);
    assert!(again.stderr.contains("not empty"), "{}", again.stderr);
    assert_eq!(
        std::fs::read_to_string(&site_yaml).unwrap(),
        "title: edited\n"
    );
}

#[test]
fn output_and_root_flags() {
    let f = Fixture::news_site("https://example.gov.vn/");
    let elsewhere = tempfile::tempdir().unwrap();
    let target = elsewhere.path().join("public");
    let root = f.dir.path().to_str().unwrap();
    let run = common::Run::from(
        std::process::Command::new(env!("CARGO_BIN_EXE_loa"))
            .args([
                "--root",
                root,
                "build",
                "--output",
                target.to_str().unwrap(),
            ])
            .current_dir(elsewhere.path())
            .output()
            .unwrap(),
    );
    assert!(run.ok, "{}", run.stderr);
    assert!(target.join("index.html").is_file());
    assert!(!f.exists("index.html"));
}

#[test]
fn help_explains_every_flag() {
    let f = Fixture::new("https://example.gov.vn/");
    let help = f.loa(&["build", "--help"]);
    assert!(help.ok);
    for flag in ["--drafts", "--output", "--base-url", "--root"] {
        assert!(help.stdout.contains(flag), "{flag} in build --help");
    }
    let top = f.loa(&["--help"]);
    assert!(top.stdout.contains("build") && top.stdout.contains("init"));
}

#[test]
fn the_sample_site_builds_completely_with_no_broken_links() {
    let (_out, target, run) = common::build_sample();
    assert!(run.ok, "{}", run.stderr);
    for section in [
        "tin-tuc",
        "chinh-sach",
        "hoi-dap",
        "thong-bao",
        "chinh-sach/bhyt",
    ] {
        assert!(
            target.join(section).join("index.html").is_file(),
            "{section}"
        );
    }
    assert!(target.join("gioi-thieu/index.html").is_file());
    let articles = walkdir::WalkDir::new(&target)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| {
            e.file_name() == "index.html"
                && e.path().parent().unwrap().parent().is_some_and(|p| {
                    ["tin-tuc", "chinh-sach", "hoi-dap", "thong-bao", "bhyt"]
                        .iter()
                        .any(|s| p.ends_with(s))
                })
        })
        .count();
    assert!(articles >= 15, "only {articles} articles");
    let broken = broken_internal_links(&target, "/", "https://bhxh.example.gov.vn");
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

#[test]
fn building_unchanged_sources_again_does_nothing_and_any_change_rebuilds() {
    let f = Fixture::news_site("https://example.gov.vn/");
    let first = f.build_ok(&[]);
    assert!(first.stdout.contains("Built "), "{}", first.stdout);
    let page = f.path("output/tin-tuc/dong-bhyt-ho-gia-dinh-nam-2022/index.html");
    let written = std::fs::metadata(&page).unwrap().modified().unwrap();

    let again = f.build_ok(&[]);
    assert!(
        again
            .stdout
            .contains("Nothing changed since the last build"),
        "{}",
        again.stdout
    );
    assert_eq!(
        std::fs::metadata(&page).unwrap().modified().unwrap(),
        written,
        "an up-to-date output is left as it is"
    );
    // --force builds all the same, and writes the same page.
    let before = f.out("tin-tuc/dong-bhyt-ho-gia-dinh-nam-2022/index.html");
    let forced = f.build_ok(&["--force"]);
    assert!(forced.stdout.contains("Built "), "{}", forced.stdout);
    assert_eq!(
        f.out("tin-tuc/dong-bhyt-ho-gia-dinh-nam-2022/index.html"),
        before
    );
    assert!(f.build_ok(&[]).stdout.contains("Nothing changed"));

    // An edit of one article, a theme file, or other options: each builds again.
    f.write(
        "content/tin-tuc/ba.md",
        "---\ntitle: Chi trả lương hưu qua tài khoản\ndate: 2020-05-09\ntags: [Lương hưu]\n---\nNgười hưởng nhận qua ngân hàng từ tháng 6.\n",
    );
    assert!(f.build_ok(&[]).stdout.contains("Built "));
    assert!(
        f.out("tin-tuc/chi-tra-luong-huu-qua-tai-khoan/index.html")
            .contains("từ tháng 6")
    );
    let css = f.path("themes/default/static/css/site.css");
    let mut style = std::fs::read_to_string(&css).unwrap();
    style.push_str("\n.moi { color: #000; }\n");
    std::fs::write(&css, style).unwrap();
    assert!(f.build_ok(&[]).stdout.contains("Built "));
    assert!(f.out("css/site.css").contains(".moi"));
    assert!(f.build_ok(&["--drafts"]).stdout.contains("Built "));
    assert!(f.build_ok(&["--drafts"]).stdout.contains("Nothing changed"));
    assert!(f.build_ok(&[]).stdout.contains("Built "));

    // A deleted file counts as a change too.
    f.remove("content/thong-bao/nghi-le.md");
    assert!(f.build_ok(&[]).stdout.contains("Built "));
    assert!(!f.exists("thong-bao/lich-nghi-tet/index.html"));
}

#[test]
fn an_output_goes_stale_when_its_next_future_article_is_due() {
    let f = Fixture::news_site("https://example.gov.vn/");
    // Later today in the site's time zone (+07:00): sooner than New Year, when the footer's
    // year also makes the output stale.
    let today = loa::DateTime::now(loa::Offset(420)).iso_date();
    let due = format!("{today}T23:59");
    f.write(
        "content/thong-bao/sap-toi.md",
        &format!("---\ntitle: Lịch tiếp dân\ndate: {due}\n---\nSẽ công bố.\n"),
    );
    f.build_ok(&[]);
    let marker = f.out(".loa-output");
    let until = marker
        .lines()
        .find_map(|l| l.strip_prefix("until "))
        .expect("the stamp says until when the output is current");
    if f.exists("thong-bao/lich-tiep-dan/index.html") {
        // Run at 23:59 exactly: the article is out, so only New Year limits the output.
        assert!(until.ends_with("-01-01T00:00"), "{until}");
    } else {
        assert_eq!(until, due);
    }
}

#[test]
fn a_rebuild_keeps_unchanged_files_and_removes_the_old_output_in_the_background() {
    use std::os::unix::fs::MetadataExt;
    let f = Fixture::news_site("https://example.gov.vn/");
    f.build_ok(&[]);
    let inode = |rel: &str| std::fs::metadata(f.path("output").join(rel)).unwrap().ino();
    let kept = "thong-bao/lich-nghi-tet/index.html";
    let edited = "tin-tuc/chi-tra-luong-huu-qua-tai-khoan/index.html";
    let (kept_before, edited_before) = (inode(kept), inode(edited));

    f.write(
        "content/tin-tuc/ba.md",
        "---\ntitle: Chi trả lương hưu qua tài khoản\ndate: 2020-05-09\ntags: [Lương hưu]\n---\nNgười hưởng nhận qua ngân hàng từ tháng 6.\n",
    );
    f.build_ok(&[]);
    assert_eq!(
        inode(kept),
        kept_before,
        "an unchanged page is the same file"
    );
    assert_ne!(
        inode(edited),
        edited_before,
        "the edited page is written anew"
    );
    assert!(f.out(edited).contains("từ tháng 6"));

    // The replaced output is deleted by a background process; wait for it.
    let leftovers = || {
        std::fs::read_dir(f.dir.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().contains("loa-old"))
            .count()
    };
    let waited = std::time::Instant::now();
    while leftovers() > 0 && waited.elapsed() < std::time::Duration::from_secs(30) {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert_eq!(leftovers(), 0, "the replaced output was not removed");
}

/// The site's own generated pages are valid link targets: the search page, the first page of
/// a list (which redirects), tag and category lists, feeds, the sitemap and theme files. A
/// page the build does not write stays a broken link.
#[test]
fn links_to_generated_pages_pass_the_link_rules() {
    let f = Fixture::news_site("https://example.gov.vn/");
    f.write(
        "content/tin-tuc/lien-ket.md",
        "---\ntitle: Liên kết\ndate: 2022-01-01\n---\nXem [tìm kiếm](/tim-kiem/), \
         [trang 1](/tin-tuc/page/1/), [từ khóa](/the/), [chuyên mục](/chuyen-muc/), \
         [tin mới](/atom.xml), [tin tức](/tin-tuc/atom.xml), [sơ đồ](/sitemap.xml) và \
         [kiểu chữ](/css/site.css).\n",
    );
    f.build_ok(&[]);
    let check = f.loa(&["check"]);
    assert!(check.ok, "{}", check.stderr);
    assert!(!check.stderr.contains("leads nowhere"), "{}", check.stderr);

    f.write(
        "content/tin-tuc/lien-ket.md",
        "---\ntitle: Liên kết\ndate: 2022-01-01\n---\nXem [trang 9](/tin-tuc/page/9/).\n",
    );
    let run = f.build();
    assert!(!run.ok);
    assert!(
        run.stderr
            .contains("`/tin-tuc/page/9/` leads nowhere in this site"),
        "{}",
        run.stderr
    );
}

/// Every file a build of the sample site writes is a valid link target: an article linking
/// to each of them passes `loa check`.
#[test]
fn every_written_file_is_a_valid_link_target() {
    let f = Fixture::new("https://example.gov.vn/");
    common::copy_tree(&common::repo().join("content"), &f.path("content"));
    f.build_ok(&[]);
    let output = f.path("output");
    let mut targets: Vec<String> = walkdir::WalkDir::new(&output)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(&output).unwrap();
            rel.to_string_lossy().replace('\\', "/")
        })
        .filter(|rel| rel != ".loa-output")
        .collect();
    targets.sort();
    assert!(targets.len() > 300, "{} files", targets.len());
    let body: String = targets.iter().map(|t| format!("- [tệp](/{t})\n")).collect();
    f.write(
        "content/tat-ca-cac-tep.md",
        &format!("---\ntitle: Tất cả các tệp\n---\n{body}"),
    );
    let check = f.loa(&["check"]);
    assert!(check.ok, "{}", check.stderr);
    assert!(!check.stderr.contains("leads nowhere"), "{}", check.stderr);
}

#[test]
fn tasks_parent_agency_hotline_note_and_responsibility_show_on_every_page() {
    let f = Fixture::news_site("https://example.gov.vn/");
    let yaml = std::fs::read_to_string(f.path("content/site.yaml"))
        .unwrap()
        .replace(
            "  hotline: \"1900 9068\"\n",
            "  hotline: \"1900 9068\"\n  hotline_label: \"Tổng đài BHXH Việt Nam\"\n  hotline_note: \"có tính cước\"\n",
        );
    f.write(
        "content/site.yaml",
        &format!(
            "{yaml}parent: \"Bảo hiểm xã hội Việt Nam\"\n{}{}{}",
            "tasks:\n  - label: Cổng Dịch vụ công quốc gia\n    url: https://dichvucong.gov.vn/\n    icon: dich-vu-cong\n",
            "  - label: Hỏi đáp\n    url: /gioi-thieu/\n    icon: hoi-dap\n",
            "responsibility:\n  owner: \"Bảo hiểm xã hội Việt Nam\"\n  person: \"Giám đốc Bảo hiểm xã hội tỉnh Thử\"\n"
        ),
    );
    f.write(
        "content/kiem-tra.yaml",
        "allowed_domains: [dichvucong.gov.vn]\n",
    );
    f.build_ok(&[]);
    let home = f.out("index.html");
    let article = f.out("tin-tuc/dong-bhyt-ho-gia-dinh-nam-2022/index.html");
    for page in [&home, &article] {
        assert!(page.contains("<span class=\"brand-parent\">Bảo hiểm xã hội Việt Nam</span>"));
        assert!(
            page.contains(
                "Tổng đài BHXH Việt Nam <span class=\"hotline-note\">(có tính cước)</span>"
            )
        );
        assert!(page.contains("Cơ quan chủ quản: Bảo hiểm xã hội Việt Nam. Chịu trách nhiệm chính: Giám đốc Bảo hiểm xã hội tỉnh Thử."));
        // In the footer of every page.
        assert!(
            page.contains("<ul class=\"footer-tasks\">")
                && page.contains("<a href=\"https://dichvucong.gov.vn/\">"),
            "{page}"
        );
    }
    // Near the top of the home page, before the latest articles.
    let tasks = home
        .find("<ul class=\"task-grid\">")
        .expect("the home page's tasks");
    assert!(tasks < home.find("class=\"home-section\"").unwrap());
    assert!(home[tasks..].contains("<a href=\"/gioi-thieu/\"><svg class=\"icon task-icon\""));
}

#[test]
fn task_links_follow_the_link_rules() {
    let f = Fixture::news_site("https://example.gov.vn/");
    let yaml = std::fs::read_to_string(f.path("content/site.yaml")).unwrap();
    f.write(
        "content/site.yaml",
        &format!(
            "{yaml}tasks:\n  - label: Lạ\n    url: https://la.example/\n    icon: tra-cuu\n{}",
            "  - label: Cũ\n    url: /khong-co/\n    icon: hoi-dap\n"
        ),
    );
    let check = f.loa(&["check"]);
    assert!(!check.ok);
    for expected in [
        "content/site.yaml:21:7  error  off-site-link  a link to `la.example`",
        "content/site.yaml:21:7  error  broken-link  `/khong-co/` leads nowhere in this site",
    ] {
        assert!(
            check.stdout.contains(expected),
            "{expected}\n{}",
            check.stdout
        );
    }
    f.write(
        "content/site.yaml",
        &format!("{yaml}tasks:\n  - label: Lạ\n    url: javascript:alert(1)\n    icon: la\n"),
    );
    let run = f.build();
    assert!(!run.ok);
    assert!(
        run.stderr
            .contains("the task link `javascript:alert(1)` (Lạ) uses a scheme links may not use")
            && run.stderr.contains("`la` (Lạ) is not a task icon")
            && run.stderr.contains("use one of: tra-cuu, the-bhyt, vssid"),
        "{}",
        run.stderr
    );
}

/// The words loa writes itself come from the theme's string table, not from loa.
#[test]
fn the_theme_decides_the_words_loa_writes() {
    let f = Fixture::news_site("https://example.gov.vn/");
    let path = f.path("themes/default/strings.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let changed = text
        .replace("tags: Từ khóa", "tags: Nhãn bài")
        .replace("home: Trang chủ", "home: Trang đầu");
    assert_ne!(changed, text);
    f.write("themes/default/strings.yaml", &changed);
    f.build_ok(&[]);
    let tags = f.out("the/index.html");
    assert!(tags.contains("Nhãn bài"), "{tags}");
    assert!(!tags.contains("Từ khóa"), "{tags}");
    let article = f.out("tin-tuc/dong-bhyt-ho-gia-dinh-nam-2022/index.html");
    assert!(article.contains("Trang đầu"), "the breadcrumb");
}

/// Phone numbers and e-mail addresses in running text are one tap away; amounts, dates, code
/// and links already written stay as they are.
#[test]
fn phone_numbers_and_email_addresses_become_links() {
    let f = Fixture::news_site("https://example.gov.vn/");
    f.write(
        "content/tin-tuc/lien-he.md",
        "---\ntitle: Liên hệ\ndate: 2026-11-20\n---\n\
         Gọi tổng đài 1900 9068 hoặc bộ phận một cửa (0237) 3.852.100, thư tới \
         lienhe@bhxh.example.gov.vn.\n\n\
         Mức đóng 1.500.000 đồng từ 01/7/2026 theo Nghị định 146/2018/NĐ-CP.\n\n\
         [Tổng đài 1900 9068](/tin-tuc/) và `0912 345 678`.\n\n\
         ```\n0237 3852 100\n```\n\n\
         - [ ] Gọi 0912.345.678\n\n\
         **Tổng đài:** 1900 9068, *thư:* hotro@bhxh.example.gov.vn\n",
    );
    f.build_ok(&[]);
    let html = f.out("tin-tuc/lien-he/index.html");
    let start = html.find(r#"<div class="prose article-body">"#).unwrap();
    let body = &html[start..start + html[start..].find("</article>").unwrap()];
    assert!(
        body.contains(r#"<a href="tel:19009068">1900 9068</a>"#),
        "{body}"
    );
    assert!(
        body.contains(r#"<a href="tel:02373852100">(0237) 3.852.100</a>"#),
        "{body}"
    );
    assert!(
        body.contains(
            r#"<a href="mailto:lienhe@bhxh.example.gov.vn">lienhe@bhxh.example.gov.vn</a>."#
        ),
        "{body}"
    );
    assert!(
        body.contains(r#"<a href="tel:0912345678">0912.345.678</a>"#),
        "{body}"
    );
    assert!(body.contains(r#"aria-label="chưa đánh dấu""#), "{body}");
    assert!(
        body.contains(r#"<strong>Tổng đài:</strong> <a href="tel:19009068">1900 9068</a>, <em>thư:</em> <a href="mailto:hotro@bhxh.example.gov.vn">"#),
        "after inline markup: {body}"
    );
    for (kept, what) in [
        ("1.500.000 đồng từ 01/7/2026", "an amount and a date"),
        ("146/2018/NĐ-CP", "a decree number"),
        ("<code>0912 345 678</code>", "code"),
        ("0237 3852 100\n</code>", "a code block"),
    ] {
        assert!(body.contains(kept), "{what}: {body}");
    }
    assert_eq!(
        body.matches("tel:19009068").count(),
        2,
        "not inside a link: {body}"
    );
}
