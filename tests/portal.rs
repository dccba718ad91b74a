//! The `portal` rules of `loa check`: what Decree 42/2022/NĐ-CP asks of an agency's portal.

mod common;
use common::Fixture;

/// The warning for each item of the decree, by the words that name it.
const ITEMS: &[&str] = &[
    "an introduction of the agency",
    "a page of the agency's leaders",
    "a contact page",
    "a register of legal documents",
    "questions and answers",
    "statistics of the agency's field",
    "information in English",
];

fn with_portal(f: &Fixture, portal: &str) {
    let yaml = std::fs::read_to_string(f.path("content/site.yaml")).unwrap();
    f.write("content/site.yaml", &format!("{yaml}{portal}\n"));
}

/// Every item of the decree, at the default paths.
fn full_portal() -> Fixture {
    let f = Fixture::news_site("https://example.gov.vn/");
    f.write(
        "content/lanh-dao.md",
        "---\ntitle: Lãnh đạo\n---\nGiám đốc và các Phó Giám đốc.\n",
    );
    f.write(
        "content/lien-he.md",
        "---\ntitle: Liên hệ\n---\nĐịa chỉ và giờ làm việc.\n",
    );
    f.write(
        "content/van-ban/_index.md",
        "---\ntitle: Văn bản\nkind: documents\n---\n",
    );
    f.write(
        "content/van-ban/nd-146.md",
        "---\ntitle: Quy định chi tiết Luật Bảo hiểm y tế\nnumber: \"146/2018/NĐ-CP\"\ntype: Nghị định\nissuer: Chính phủ\nissued: 2018-10-17\n---\n",
    );
    f.write(
        "content/hoi-dap/_index.md",
        "---\ntitle: Hỏi đáp\nfaq: true\n---\n",
    );
    common::copy_tree(
        &common::repo().join("content/thong-ke"),
        &f.path("content/thong-ke"),
    );
    f.write(
        "content/en.md",
        "---\ntitle: Information in English\nslug: en\n---\nWho we are.\n",
    );
    f
}

#[test]
fn a_bare_site_that_asks_for_the_portal_rules_hears_of_each_missing_item() {
    let f = Fixture::news_site("https://example.gov.vn/");
    // Off unless site.yaml asks: a site that is no agency's portal hears nothing.
    let check = f.loa(&["check"]);
    assert_eq!(check.stdout.trim(), "0 errors, 0 warnings in 0 files");
    // The menu links the fixture's gioi-thieu page: point the rule at a page it lacks.
    with_portal(&f, "portal:\n  organisation: /co-cau-to-chuc/");
    let check = f.loa(&["check"]);
    assert!(check.ok, "warnings do not fail the check: {}", check.stdout);
    let out = check.stdout;
    for item in ITEMS {
        assert!(
            out.contains(&format!("warning  portal  the portal lacks {item}")),
            "{item} not named in:\n{out}"
        );
    }
    assert!(out.contains("Nghị định 42/2022/NĐ-CP"), "{out}");
    assert!(out.contains("content/site.yaml:"), "{out}");
    assert!(
        out.contains("content/lanh-dao.md"),
        "the hint names the file: {out}"
    );
    assert!(out.contains("0 errors, 7 warnings in 1 files"), "{out}");
}

#[test]
fn the_portal_rules_are_quiet_when_every_item_is_there() {
    let f = full_portal();
    with_portal(&f, "portal: {}");
    let check = f.loa(&["check"]);
    assert!(check.ok, "{}", check.stdout);
    assert_eq!(
        check.stdout.trim(),
        "0 errors, 0 warnings in 0 files",
        "{}",
        check.stdout
    );
}

#[test]
fn each_missing_item_is_named_alone() {
    let f = full_portal();
    with_portal(&f, "portal:\n  organisation: /co-cau-to-chuc/");
    let out = f.loa(&["check"]).stdout;
    assert!(
        out.contains(&format!("the portal lacks {}", ITEMS[0])),
        "{out}"
    );
    assert_eq!(out.matches("warning  portal").count(), 1, "{out}");
    let removals: &[(&str, &str)] = &[
        ("content/lanh-dao.md", ITEMS[1]),
        ("content/lien-he.md", ITEMS[2]),
        ("content/van-ban/_index.md", ITEMS[3]),
        ("content/hoi-dap/_index.md", ITEMS[4]),
        ("content/en.md", ITEMS[6]),
    ];
    for (file, item) in removals {
        let f = full_portal();
        with_portal(&f, "portal: {}");
        f.remove(file);
        let out = f.loa(&["check"]).stdout;
        assert!(
            out.contains(&format!("the portal lacks {item}")),
            "{file}: {out}"
        );
        assert_eq!(out.matches("warning  portal").count(), 1, "{file}: {out}");
    }
    let f = full_portal();
    with_portal(&f, "portal: {}");
    std::fs::remove_dir_all(f.path("content/thong-ke")).unwrap();
    let out = f.loa(&["check"]).stdout;
    assert!(
        out.contains(&format!("the portal lacks {}", ITEMS[5])),
        "{out}"
    );
    assert_eq!(out.matches("warning  portal").count(), 1, "{out}");
}

#[test]
fn site_yaml_says_where_the_pages_are() {
    let f = full_portal();
    f.remove("content/lanh-dao.md");
    f.remove("content/en.md");
    f.write(
        "content/ban-giam-doc.md",
        "---\ntitle: Ban Giám đốc\n---\nGiám đốc và các Phó Giám đốc.\n",
    );
    f.write(
        "content/english.md",
        "---\ntitle: About us\n---\nWho we are.\n",
    );
    with_portal(
        &f,
        "portal:\n  leaders: /ban-giam-doc/\n  english: /about-us/",
    );
    let check = f.loa(&["check"]);
    assert_eq!(
        check.stdout.trim(),
        "0 errors, 0 warnings in 0 files",
        "{}",
        check.stdout
    );
    let yaml = std::fs::read_to_string(f.path("content/site.yaml")).unwrap();
    f.write(
        "content/site.yaml",
        &yaml.replace("/about-us/", "/tieng-anh/"),
    );
    let out = f.loa(&["check"]).stdout;
    assert!(
        out.contains("the portal lacks information in English"),
        "{out}"
    );
    assert!(out.contains("portal: {english: /path/}"), "{out}");
}

#[test]
fn an_unknown_portal_key_is_refused_with_the_keys_it_takes() {
    let f = Fixture::news_site("https://example.gov.vn/");
    with_portal(&f, "portal:\n  leader: /lanh-dao/");
    let build = f.build();
    assert!(!build.ok);
    assert!(build.stderr.contains("leader"), "{}", build.stderr);
    assert!(build.stderr.contains("leaders"), "{}", build.stderr);
}
