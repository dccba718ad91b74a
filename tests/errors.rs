//! Bad input: every error names file:line:column, quotes the line, says how to fix it; all
//! errors of a build come together; a failed build leaves the previous output untouched.

mod common;

use common::Fixture;

/// Builds a good site once, breaks it with `break_it`, and checks the failed build's stderr
/// contains each of `expected` and that the previous output survived byte for byte.
fn fails_with(break_it: impl FnOnce(&Fixture), expected: &[&str]) -> String {
    let f = Fixture::news_site("https://example.gov.vn/");
    f.build_ok(&[]);
    let before = f.out("index.html");
    break_it(&f);
    let run = f.build();
    assert!(!run.ok, "the build should fail");
    assert_eq!(run.code, Some(1));
    for e in expected {
        assert!(run.stderr.contains(e), "expected {e:?} in:\n{}", run.stderr);
    }
    assert!(
        run.stderr.contains("the previous output is unchanged"),
        "{}",
        run.stderr
    );
    assert_eq!(f.out("index.html"), before, "previous output must survive");
    assert!(f.exists("tin-tuc/dong-bhyt-ho-gia-dinh-nam-2022/index.html"));
    let leftovers: Vec<_> = std::fs::read_dir(f.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("loa-staging"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "staging folder left behind: {leftovers:?}"
    );
    run.stderr
}

#[test]
fn a_section_that_fails_to_load_is_an_error_not_a_crash() {
    // Its articles have nowhere to go; the section's own error is the one to read.
    let stderr = fails_with(
        |f| {
            f.write(
                "content/tin-tuc/_index.md",
                "---\ntitle: Tin tức\nbogus: 1\n---\n",
            )
        },
        &["content/tin-tuc/_index.md:3:1", "bogus"],
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn missing_title() {
    fails_with(
        |f| f.write("content/tin-tuc/x.md", "---\ndate: 2022-01-01\n---\nx\n"),
        &[
            "content/tin-tuc/x.md:2:1",
            "missing field `title`",
            "add a line `title: ...`",
        ],
    );
}

#[test]
fn impossible_date_points_at_the_value() {
    fails_with(
        |f| {
            f.write(
                "content/tin-tuc/x.md",
                "---\ntitle: X\ndate: 2022-02-30\n---\nx\n",
            )
        },
        &[
            "content/tin-tuc/x.md:3:7",
            "30/02/2022 does not exist",
            "date: 2022-02-30",
            "^^^^^^^^^^",
            "YYYY-MM-DD",
        ],
    );
}

#[test]
fn date_in_the_wrong_format() {
    fails_with(
        |f| {
            f.write(
                "content/tin-tuc/x.md",
                "---\ntitle: X\ndate: 25/11/2022\n---\nx\n",
            )
        },
        &[
            "content/tin-tuc/x.md:3:7",
            "is not a date in the form YYYY-MM-DD",
        ],
    );
}

#[test]
fn source_with_a_script_scheme() {
    fails_with(
        |f| {
            f.write(
                "content/tin-tuc/x.md",
                "---\ntitle: X\ndate: 2022-01-01\nsource: javascript:alert(1)\n---\nx\n",
            )
        },
        &[
            "content/tin-tuc/x.md:4:9",
            "the source `javascript:alert(1)` is neither a web address nor a name",
            "source: https://",
        ],
    );
}

#[test]
fn missing_date_of_an_article() {
    fails_with(
        |f| f.write("content/tin-tuc/x.md", "---\ntitle: X\n---\nx\n"),
        &[
            "content/tin-tuc/x.md:1:1",
            "the article has no date",
            "date: YYYY-MM-DD",
        ],
    );
}

#[test]
fn unknown_key_suggests_the_right_one_and_lists_allowed() {
    fails_with(
        |f| {
            f.write(
                "content/tin-tuc/x.md",
                "---\ntittle: X\ndate: 2022-01-01\n---\nx\n",
            )
        },
        &[
            "content/tin-tuc/x.md:2:1",
            "unknown field `tittle`",
            "did you mean `title`?",
            "image_alt",
        ],
    );
}

#[test]
fn duplicate_url_names_both_files() {
    fails_with(
        |f| {
            f.write(
                "content/tin-tuc/z.md",
                "---\ntitle: Đóng BHYT hộ gia đình năm 2022\ndate: 2020-01-01\n---\nx\n",
            )
        },
        &[
            "content/tin-tuc/z.md:2:8",
            "already used by another article: content/tin-tuc/mot.md",
            "slug",
        ],
    );
}

#[test]
fn alias_that_collides_with_a_page() {
    fails_with(
        |f| {
            f.write(
                "content/tin-tuc/z.md",
                "---\ntitle: Z\ndate: 2020-01-01\naliases:\n  - /tin-tuc/\n---\nx\n",
            )
        },
        &[
            "content/tin-tuc/z.md:5:5",
            "the alias /tin-tuc/ is already used by content/tin-tuc/_index.md",
        ],
    );
}

#[test]
fn invalid_yaml_syntax() {
    fails_with(
        |f| {
            f.write(
                "content/tin-tuc/x.md",
                "---\ntitle: Thông báo: nghỉ lễ\ndate: 2022-01-01\n---\nx\n",
            )
        },
        &[
            "content/tin-tuc/x.md:2:",
            "mapping values are not allowed",
            "must be quoted",
        ],
    );
}

#[test]
fn invalid_yaml_in_site_config() {
    fails_with(
        |f| {
            let yaml = std::fs::read_to_string(f.path("content/site.yaml")).unwrap();
            f.write(
                "content/site.yaml",
                &yaml.replace("paginate_by: 2", "paginate_by: [2"),
            );
        },
        &["content/site.yaml:"],
    );
}

#[test]
fn invalid_utf8_names_the_byte() {
    fails_with(
        |f| {
            f.write_bytes(
                "content/tin-tuc/x.md",
                b"---\ntitle: B\xe1o\ndate: 2022-01-01\n---\n",
            )
        },
        &[
            "content/tin-tuc/x.md:2:9",
            "not valid UTF-8",
            "offset 12",
            "save the file as UTF-8",
        ],
    );
}

#[test]
fn broken_template_syntax() {
    fails_with(
        |f| {
            let page =
                std::fs::read_to_string(f.path("themes/default/templates/page.html")).unwrap();
            f.write(
                "themes/default/templates/page.html",
                &format!("{page}\n{{% if %}}\n"),
            );
        },
        &["themes/default/templates/page.html:", "{% if %}"],
    );
}

#[test]
fn template_using_an_undefined_variable_names_template_and_page() {
    let stderr = fails_with(
        |f| {
            let page =
                std::fs::read_to_string(f.path("themes/default/templates/page.html")).unwrap();
            f.write(
                "themes/default/templates/page.html",
                &page.replacen("{{ page.title }}", "{{ page.titel }}", 1),
            );
        },
        &[
            "themes/default/templates/page.html:",
            "titel",
            "while rendering /",
        ],
    );
    // The same broken line fails for every article; it is reported once.
    assert!(stderr.matches("titel").count() <= 3, "{stderr}");
}

#[test]
fn missing_template() {
    fails_with(
        |f| f.remove("themes/default/templates/sitemap.xml"),
        &[
            "themes/default/templates/sitemap.xml",
            "the theme lacks this template",
        ],
    );
}

#[test]
fn folder_without_index_is_not_silently_merged() {
    fails_with(
        |f| {
            f.write(
                "content/tin-tuc/2022/bai.md",
                "---\ntitle: X\ndate: 2022-01-01\n---\nx\n",
            )
        },
        &[
            "content/tin-tuc/2022/bai.md",
            "has articles but no _index.md",
            "content/tin-tuc/2022/_index.md",
        ],
    );
}

#[test]
fn all_errors_of_a_build_are_reported_together() {
    let stderr = fails_with(
        |f| {
            f.write(
                "content/tin-tuc/a.md",
                "---\ntittle: A\ndate: 2022-01-01\n---\n",
            );
            f.write(
                "content/tin-tuc/b.md",
                "---\ntitle: B\ndate: 2022-13-01\n---\n",
            );
            f.write_bytes("content/tin-tuc/c.md", b"---\ntitle: \xff\n---\n");
            f.write(
                "content/tin-tuc/d.md",
                "---\ntitle: Đóng BHYT hộ gia đình năm 2022\ndate: 2020-01-01\n---\n",
            );
        },
        &[
            "content/tin-tuc/a.md:2:1",
            "content/tin-tuc/b.md:3:7",
            "content/tin-tuc/c.md:2:8",
            "content/tin-tuc/mot.md:2:8",
            "used by another article: content/tin-tuc/d.md",
            "4 problems found",
        ],
    );
    // Sorted by file, so the report reads top to bottom.
    let pos = |s: &str| stderr.find(s).unwrap();
    assert!(pos("a.md:") < pos("b.md:") && pos("b.md:") < pos("c.md:"));
}

#[test]
fn refuses_to_replace_a_folder_loa_did_not_make() {
    let f = Fixture::news_site("https://example.gov.vn/");
    f.write("output/ghi-chu-cua-toi.txt", "ghi chú quan trọng");
    let run = f.build();
    assert!(!run.ok);
    assert!(run.stderr.contains("was not made by loa"), "{}", run.stderr);
    assert_eq!(
        std::fs::read_to_string(f.path("output/ghi-chu-cua-toi.txt")).unwrap(),
        "ghi chú quan trọng"
    );
}

#[test]
fn refuses_an_output_folder_that_holds_the_sources() {
    let f = Fixture::news_site("https://example.gov.vn/");
    let run = f.loa(&["build", "--output", "."]);
    assert!(!run.ok);
    assert!(
        run.stderr.contains("contains the site's sources"),
        "{}",
        run.stderr
    );
    assert!(f.path("content/tin-tuc/mot.md").exists());
}

#[test]
fn a_second_build_replaces_its_own_output_and_drops_stale_pages() {
    let f = Fixture::news_site("https://example.gov.vn/");
    f.build_ok(&[]);
    assert!(f.exists("tin-tuc/chi-tra-luong-huu-qua-tai-khoan/index.html"));
    f.remove("content/tin-tuc/ba.md");
    f.build_ok(&[]);
    assert!(!f.exists("tin-tuc/chi-tra-luong-huu-qua-tai-khoan/index.html"));
}

#[test]
fn missing_config_explains_where_loa_looks() {
    let dir = tempfile::tempdir().unwrap();
    let run = common::Run::from(
        std::process::Command::new(env!("CARGO_BIN_EXE_loa"))
            .arg("build")
            .current_dir(dir.path())
            .output()
            .unwrap(),
    );
    assert!(!run.ok);
    assert!(run.stderr.contains("content/site.yaml"), "{}", run.stderr);
    assert!(run.stderr.contains("--root"), "{}", run.stderr);
}

/// A content file that lands on a file the build generates is an error naming both sources,
/// never a silent overwrite: the sitemap, the search index's folder, a theme file.
#[test]
fn content_file_on_a_generated_path() {
    fails_with(
        |f| f.write("content/sitemap.xml", "<urlset/>"),
        &[
            "content/sitemap.xml",
            "this would be published as /sitemap.xml, which content/site.yaml publishes already",
        ],
    );
    fails_with(
        |f| f.write("content/tim-kiem/chi-muc.json", "{}"),
        &["content/tim-kiem/chi-muc.json", "/tim-kiem/chi-muc.json"],
    );
    fails_with(
        |f| f.write("content/css/site.css", "body{}"),
        &[
            "themes/default/static/css/site.css",
            "which content/css/site.css publishes already",
        ],
    );
}

/// An output folder inside content/ or themes/ would be read back as sources by the next
/// build; it is refused and nothing is written there.
#[test]
fn refuses_an_output_folder_inside_the_sources() {
    let f = Fixture::news_site("https://example.gov.vn/");
    for inside in ["content/ban-dung", "themes/default/ban-dung"] {
        let run = f.loa(&["build", "--output", inside]);
        assert!(!run.ok, "{inside}");
        assert_eq!(run.code, Some(1));
        assert!(
            run.stderr
                .contains("the output folder is inside the site's sources"),
            "{}",
            run.stderr
        );
        assert!(!f.path(inside).exists(), "{inside} was created");
        let parent = f.path(inside).parent().unwrap().to_owned();
        let leftovers: Vec<String> = std::fs::read_dir(&parent)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains("ban-dung"))
            .collect();
        assert!(leftovers.is_empty(), "{leftovers:?} beside {inside}");
    }
}

/// `loa check | head -1` and the like: a reader that goes away is a message and exit status
/// 1, never a panic (101).
#[test]
fn a_closed_output_pipe_is_an_error_not_a_panic() {
    use std::process::{Command, Stdio};
    let f = Fixture::news_site("https://example.gov.vn/");
    for args in [&["check"][..], &["build"], &["check", "--format", "json"]] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_loa"))
            .args(args)
            .current_dir(f.dir.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
        assert!(
            stderr.contains("error: cannot write the command's output"),
            "{args:?}: {stderr}"
        );
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    }
}

/// site.yaml's menu links follow the same scheme allow-list as articles' links, and
/// iframe_hosts are bare host names: a userinfo trick cannot pass as an allowed host.
#[test]
fn menu_links_and_iframe_hosts_are_checked() {
    fails_with(
        |f| {
            let yaml = std::fs::read_to_string(f.path("content/site.yaml")).unwrap();
            f.write(
                "content/site.yaml",
                &format!(
                    "{}  - title: Quà tặng\n    url: \"javascript:alert(1)\"\niframe_hosts: [\"www.youtube.com\", \"www.youtube.com:443@evil.example\", \"https://video.example\"]\n",
                    yaml
                ),
            );
        },
        &[
            "content/site.yaml:",
            "the menu link `javascript:alert(1)` (Quà tặng) uses a scheme links may not use",
            "`www.youtube.com:443@evil.example` is not a host name",
            "`https://video.example` is not a host name",
        ],
    );
}

/// Folder and file names that become part of a web address are slugs (joined by dots in file
/// names): uppercase, spaces, Vietnamese letters and control characters are an error naming
/// the path, once per misnamed folder, with the name to use instead.
#[test]
fn names_in_addresses_are_checked_like_slugs() {
    let stderr = fails_with(
        |f| {
            f.write("content/Tin Mới/_index.md", "---\ntitle: Tin mới\n---\n");
            f.write(
                "content/Tin Mới/a.md",
                "---\ntitle: A\ndate: 2022-01-01\n---\nx\n",
            );
            f.write("content/Tin Mới/con/_index.md", "---\ntitle: Con\n---\n");
            f.write_bytes("content/Biểu mẫu 01.PDF", b"%PDF");
            f.write_bytes("content/tai lieu/mau.pdf", b"%PDF");
            f.write_bytes("content/tin-tuc/bai/anh\x07.jpg", b"jpg");
            f.write(
                "content/tin-tuc/bai/index.md",
                "---\ntitle: Bài có ảnh\ndate: 2022-01-01\n---\nx\n",
            );
        },
        &[
            "error: the folder name \"Tin Mới\" cannot be part of a web address\n  --> content/Tin Mới\n",
            "rename it `tin-moi`: names in addresses use lowercase ASCII letters, digits, hyphens and dots",
            "error: the file name \"Biểu mẫu 01.PDF\" cannot be part of a web address\n  --> content/Biểu mẫu 01.PDF\n",
            "rename it `bieu-mau-01.pdf`",
            "error: the folder name \"tai lieu\" cannot be part of a web address\n  --> content/tai lieu\n",
            "error: the file name \"anh\\u{7}.jpg\" cannot be part of a web address\n  --> content/tin-tuc/bai/anh\u{7}.jpg\n",
            "rename it `anh.jpg`",
            "error: 4 problems found",
        ],
    );
    assert_eq!(stderr.matches("\"Tin Mới\"").count(), 1, "{stderr}");
}

/// Every alias that cannot be a file of the output, or that is a file the site publishes
/// already, is an error at the alias's own line in the front matter.
#[test]
fn bad_aliases_are_errors_at_their_line() {
    let aliases = [
        (
            r#""/a b/""#,
            "`/a b/` is not a site path: it has a space or an invisible character",
        ),
        (
            r#""/a\tb""#,
            "`/a\\tb` is not a site path: it has a space or an invisible character",
        ),
        (
            r#""/a\0b""#,
            "`/a\\0b` is not a site path: it has a space or an invisible character",
        ),
        (
            r#""/a%20b""#,
            "`/a%20b` is not a site path: write the characters themselves, not %-escapes",
        ),
        (
            r#""/cu.aspx?id=1""#,
            "`/cu.aspx?id=1` is not a site path: a query (?...) cannot be a file; keep only the path",
        ),
        (
            r#""../x""#,
            "`../x` is not a site path: it must start with /",
        ),
        (
            r#""/x/../../y""#,
            "`/x/../../y` is not a site path: a name starting with . is hidden or leaves the site",
        ),
        (
            r#""//evil.example/x""#,
            "`//evil.example/x` is not a site path: it has an empty folder name (//)",
        ),
        (
            r#""/_headers""#,
            "`/_headers` is not a site path: names starting with _ at the site root are the host's settings files",
        ),
        (
            r#""/tim-kiem/index.json""#,
            "the alias /tim-kiem/index.json is already used by content/site.yaml",
        ),
        (
            r#""/css/site.css""#,
            "the alias /css/site.css is already used by themes/default/static/css/site.css",
        ),
        (
            r#""/robots.txt""#,
            "the alias /robots.txt is already used by content/site.yaml",
        ),
    ];
    let expected: Vec<String> = aliases
        .iter()
        .enumerate()
        .map(|(i, (_, message))| format!("{message}\n  --> content/tin-tuc/cu-{i}.md:6:5\n"))
        .collect();
    let expected: Vec<&str> = expected.iter().map(String::as_str).collect();
    fails_with(
        |f| {
            for (i, (alias, _)) in aliases.iter().enumerate() {
                f.write(
                    &format!("content/tin-tuc/cu-{i}.md"),
                    &format!(
                        "---\ntitle: Bài cũ {i}\ndate: 2022-01-01\naliases:\n  - /tin-cu-{i}.html\n  - {alias}\n---\nx\n"
                    ),
                );
            }
        },
        &expected,
    );
}

/// A page that fails to load leaves every link to it broken; its own error comes first, in
/// `loa build` and in `loa check`, and the links' errors after it.
#[test]
fn a_page_that_fails_to_load_is_reported_before_the_links_to_it() {
    let stderr = fails_with(
        |f| {
            f.write(
                "content/tin-tuc/a-lien-ket.md",
                "---\ntitle: A\ndate: 2022-01-01\n---\nXem [bài](/tin-tuc/z-hong/).\n",
            );
            f.write(
                "content/tin-tuc/z-hong.md",
                "---\ntitle: Z hỏng\ndate: 2022-01-01\ntags: [a\n---\nx\n",
            );
        },
        &["`/tin-tuc/z-hong/` leads nowhere in this site"],
    );
    assert!(
        stderr.starts_with(
            "error: did not find expected ',' or ']'\n  --> content/tin-tuc/z-hong.md:5:1\n"
        ),
        "{stderr}"
    );
}

/// What a site adds to the news fixture (path, text) and where its first error is, if any.
type Case = (
    &'static str,
    &'static [(&'static str, &'static str)],
    Option<&'static str>,
);

/// `loa check` and `loa build` give the same verdict on the same site, and the same first
/// finding: `check` does not pass what `build` then fails to write.
#[test]
fn check_and_build_agree() {
    let cases: [Case; 6] = [
        (
            "an alias that needs robots.txt to be a folder",
            &[(
                "content/tin-tuc/cu.md",
                "---\ntitle: Cũ\ndate: 2022-01-01\naliases:\n  - /robots.txt/\n---\nx\n",
            )],
            Some("content/tin-tuc/cu.md:5:5"),
        ),
        (
            "a file where an article's folder goes",
            &[(
                "content/tin-tuc/thanh-hoa-vuot-chi-tieu-bhxh-tu-nguyen",
                "x",
            )],
            Some("content/tin-tuc/hai.md:2:8"),
        ),
        (
            "a title with template syntax, markup and a control character",
            &[(
                "content/tin-tuc/la.md",
                "---\ntitle: \"{{ x }} {% if %} \\u0007 <script>\"\ndate: 2022-01-01\n---\nx\n",
            )],
            None,
        ),
        (
            "a page that fails to load, linked from another",
            &[
                (
                    "content/tin-tuc/a.md",
                    "---\ntitle: A\ndate: 2022-01-01\n---\n[bài](/tin-tuc/z-hong/)\n",
                ),
                (
                    "content/tin-tuc/z-hong.md",
                    "---\ntitle: Z hỏng\ndate: 2022-01-01\ntags: [a\n---\nx\n",
                ),
            ],
            Some("content/tin-tuc/z-hong.md:5:1"),
        ),
        (
            "a section folder that is not a slug",
            &[("content/Tin Mới/_index.md", "---\ntitle: Tin mới\n---\n")],
            Some("content/Tin Mới"),
        ),
        (
            "an alias on the search index",
            &[(
                "content/tin-tuc/cu.md",
                "---\ntitle: Cũ\ndate: 2022-01-01\naliases:\n  - /tim-kiem/index.json\n---\nx\n",
            )],
            Some("content/tin-tuc/cu.md:5:5"),
        ),
    ];
    for (case, files, first) in cases {
        let f = Fixture::news_site("https://example.gov.vn/");
        for (path, text) in files {
            f.write(path, text);
        }
        let check = f.loa(&["check"]);
        let build = f.build();
        assert_eq!(check.ok, first.is_none(), "{case}: check\n{}", check.stdout);
        assert_eq!(build.ok, first.is_none(), "{case}: build\n{}", build.stderr);
        if let Some(first) = first {
            assert!(
                check.stdout.starts_with(&format!("{first}  error")),
                "{case}: check\n{}",
                check.stdout
            );
            let located = build.stderr.lines().find_map(|l| l.strip_prefix("  --> "));
            assert_eq!(located, Some(first), "{case}: build\n{}", build.stderr);
        }
    }
}

/// One problem repeated through a file is one error at its first place, with a note of the
/// lines where it comes again, in `loa build` and in `loa check`.
#[test]
fn a_problem_repeated_through_a_file_is_one_error() {
    let body = "Xem [bài](/khong-co/).\n\n".repeat(300);
    let text = format!("---\ntitle: Lặp\ndate: 2022-01-01\n---\n{body}");
    let stderr = fails_with(
        |f| f.write("content/tin-tuc/lap.md", &text),
        &[
            "error: `/khong-co/` leads nowhere in this site\n  --> content/tin-tuc/lap.md:5:5\n",
            "= note: the same 299 more times in this file (lines 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31, 33, 35, 37, 39, 41, 43, 45, ...)\n",
            "error: 1 problem found",
        ],
    );
    assert_eq!(stderr.matches("leads nowhere").count(), 1, "{stderr}");
    let f = Fixture::news_site("https://example.gov.vn/");
    f.write("content/tin-tuc/lap.md", &text);
    let check = f.loa(&["check"]);
    assert!(
        check.stdout.starts_with(
            "content/tin-tuc/lap.md:5:5  error  broken-link  `/khong-co/` leads nowhere in this site\n    \
             note: the same 299 more times in this file (lines 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31, 33, 35, 37, 39, 41, 43, 45, ...)\n"
        ),
        "{}",
        check.stdout
    );
    assert!(
        check
            .stdout
            .ends_with("\n1 errors, 0 warnings in 1 files\n"),
        "{}",
        check.stdout
    );
}

/// The theme's string table: a placeholder loa does not fill, a missing key, a misspelt one,
/// all reported together at their lines, with the content's own errors.
#[test]
fn a_broken_string_table_is_located_with_the_other_errors() {
    let stderr = fails_with(
        |f| {
            let path = f.path("themes/default/strings.yaml");
            let text = std::fs::read_to_string(&path).unwrap();
            let broken = text
                .replace(
                    "table_unit_title: \"{unit}: số người tham gia tháng {month}\"",
                    "table_unit_title: \"{unit}: số người tham gia tháng {thang}\"",
                )
                .replace("home: Trang chủ\n", "");
            assert_ne!(broken, text);
            f.write("themes/default/strings.yaml", &broken);
            f.write("content/tin-tuc/x.md", "---\ndate: 2022-01-01\n---\nx\n");
        },
        &["missing field `home`", "content/tin-tuc/x.md:2:1"],
    );
    assert!(stderr.contains("themes/default/strings.yaml"), "{stderr}");

    let stderr = fails_with(
        |f| {
            let path = f.path("themes/default/strings.yaml");
            let text = std::fs::read_to_string(&path).unwrap();
            let broken = text.replace("{month}\"\ntable_indicator", "{thang}\"\ntable_indicator");
            assert_ne!(broken, text);
            f.write("themes/default/strings.yaml", &broken);
        },
        &[
            "`{thang}`, which loa does not fill in",
            "it takes {unit}, {month}",
        ],
    );
    let line = std::fs::read_to_string(common::repo().join("themes/default/strings.yaml"))
        .unwrap()
        .lines()
        .position(|l| l.starts_with("table_unit_title:"))
        .unwrap()
        + 1;
    assert!(
        stderr.contains(&format!("themes/default/strings.yaml:{line}:")),
        "{stderr}"
    );
}
