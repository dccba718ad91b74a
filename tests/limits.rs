//! Bounded resources: inputs made to exhaust the stack, the memory or the disk (deep nesting,
//! YAML alias bombs, thousands of tags, a 20,000-deep HTML export) are refused at their place
//! with the documented limit, and the rest of the work goes on.

mod common;

use common::Fixture;

fn article(front: &str, body: &str) -> String {
    format!("---\ntitle: Bài thử\ndate: 2024-01-02\n{front}---\n{body}")
}

/// The build fails and names each expected `file:line:col` and message, and `loa check` too.
fn refused(f: &Fixture, expected: &[&str]) {
    for run in [f.build(), f.loa(&["check"])] {
        assert_eq!(run.code, Some(1), "{}\n{}", run.stdout, run.stderr);
        let all = format!("{}{}", run.stdout, run.stderr);
        for e in expected {
            assert!(all.contains(e), "expected {e:?} in:\n{all}");
        }
    }
}

#[test]
fn deep_markdown_is_refused_where_it_goes_too_deep() {
    let f = Fixture::news_site("https://example.gov.vn/");
    // Line 5 of each file is the body's first line.
    let quotes = format!("{} sâu\n", ">".repeat(20_000));
    let lists = format!("Mở đầu.\n\n{}sâu\n", "- ".repeat(20_000));
    let html = format!("{}sâu{}\n", "<div>".repeat(20_000), "</div>".repeat(20_000));
    f.write("content/tin-tuc/trich-dan.md", &article("", &quotes));
    f.write("content/tin-tuc/danh-sach.md", &article("", &lists));
    f.write("content/tin-tuc/the-html.md", &article("", &html));
    refused(
        &f,
        &[
            "content/tin-tuc/trich-dan.md:5:101",
            "content/tin-tuc/danh-sach.md:7:101",
            // The first raw HTML block holds them all: its start is where it goes too deep.
            "content/tin-tuc/the-html.md:5:1",
            "the text nests more than 100 levels deep",
        ],
    );
    // A hundred levels are still an article.
    f.write(
        "content/tin-tuc/trich-dan.md",
        &article("", &format!("{} sâu\n", ">".repeat(99))),
    );
    f.remove("content/tin-tuc/danh-sach.md");
    f.remove("content/tin-tuc/the-html.md");
    f.build_ok(&[]);
    assert_eq!(
        f.out("tin-tuc/bai-thu/index.html")
            .matches("<blockquote>")
            .count(),
        99
    );
}

#[test]
fn deep_yaml_brackets_are_refused_at_the_bracket() {
    let f = Fixture::news_site("https://example.gov.vn/");
    let deep = format!("tags: {}{}\n", "[".repeat(20_000), "]".repeat(20_000));
    f.write("content/tin-tuc/sau.md", &article(&deep, "Nội dung.\n"));
    // `tags: ` is 6 columns: the 129th bracket is at column 7 + 128.
    refused(
        &f,
        &[
            "content/tin-tuc/sau.md:4:135",
            "lists and mappings nest more than 128 levels deep",
        ],
    );
}

/// A 1 MB string, then a line that repeats it 20,000 times: 20 GB once expanded.
fn alias_bomb(key: &str) -> String {
    format!(
        "{key}: &to \"{}\"\nbom: [{}]\n",
        "A".repeat(1 << 20),
        vec!["*to"; 20_000].join(", ")
    )
}

#[test]
fn an_alias_bomb_is_refused_at_its_alias_in_front_matter_config_and_statistics() {
    let f = Fixture::news_site("https://example.gov.vn/");
    f.write(
        "content/tin-tuc/bom.md",
        &format!(
            "---\ndate: 2024-01-02\n{}---\nNội dung.\n",
            alias_bomb("title")
        ),
    );
    let config = std::fs::read_to_string(f.path("content/site.yaml")).unwrap();
    f.write(
        "content/site.yaml",
        &format!("{}{}", alias_bomb("description"), config),
    );
    f.write("content/thong-ke/danh-muc.yaml", &alias_bomb("source"));
    let message = "aliases repeat too much: they may add at most 1 MiB of text";
    // The config is read first and stops the build by itself.
    refused(&f, &["content/site.yaml:2:7", message]);
    f.write("content/site.yaml", &config);
    refused(
        &f,
        &[
            "content/tin-tuc/bom.md:4:7",
            "content/thong-ke/danh-muc.yaml:2:7",
            message,
        ],
    );
    // Anchors that repeat little are still YAML.
    f.remove("content/tin-tuc/bom.md");
    f.remove("content/thong-ke/danh-muc.yaml");
    f.write(
        "content/tin-tuc/neo.md",
        &article(
            "tags: [&bhyt BHYT, *bhyt]\ncategories: [*bhyt]\n",
            "Nội dung.\n",
        ),
    );
    f.build_ok(&[]);
    assert!(f.exists("the/bhyt/index.html"));
    assert!(f.exists("chuyen-muc/bhyt/index.html"));
}

#[test]
fn an_article_has_at_most_fifty_tags() {
    let f = Fixture::news_site("https://example.gov.vn/");
    let tags = |n: usize| {
        let list: Vec<String> = (0..n).map(|i| format!("thẻ {i}")).collect();
        format!("tags: [{}]\n", list.join(", "))
    };
    f.write(
        "content/tin-tuc/the.md",
        &article(&tags(40_000), "Nội dung.\n"),
    );
    refused(
        &f,
        &[
            "content/tin-tuc/the.md:4:7",
            "40000 tags: an article may have at most 50",
        ],
    );
    f.write("content/tin-tuc/the.md", &article(&tags(50), "Nội dung.\n"));
    f.build_ok(&[]);
    assert!(f.exists("the/the-49/index.html"));
}

#[test]
fn a_deep_html_export_fails_alone_and_the_batch_goes_on() {
    let f = Fixture::news_site("https://bhxh.example.gov.vn/");
    f.write(
        "xuat/a-tot.html",
        "<html><head><title>Chi trả lương hưu tháng 5</title></head><body><article>\
         <h1>Chi trả lương hưu tháng 5</h1><p>Ngày 09/05/2020 07:50 AM</p>\
         <p>BHXH tỉnh chi trả lương hưu tháng 5 cho người hưởng qua bưu điện.</p>\
         </article></body></html>\n",
    );
    f.write(
        "xuat/b-sau.html",
        &format!(
            "<html><body>\n{}Sâu.{}</body></html>\n",
            "<div>\n".repeat(20_000),
            "</div>".repeat(20_000)
        ),
    );
    let run = f.loa(&["import", "xuat", "--section", "tin-tuc"]);
    assert_eq!(run.code, Some(1), "{}\n{}", run.stdout, run.stderr);
    // <html> and <body> are two levels: the 199th <div> (line 200) is the 201st.
    assert!(
        run.stdout.contains(
            "xuat/b-sau.html:200:1: error: the page's elements nest more than 200 levels deep"
        ),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("1 article written"), "{}", run.stdout);
    assert!(
        f.path("content/tin-tuc/chi-tra-luong-huu-thang-5.md")
            .is_file()
    );
}
