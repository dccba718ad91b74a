//! The search page and the static index `loa build` writes under `tim-kiem/`.

mod common;

use common::{Fixture, links};
use serde_json::Value;

fn json(f: &Fixture, rel: &str) -> Value {
    serde_json::from_str(&f.out(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// Documents of the index, decoded as the script reads them: (title, path, date, section).
fn documents(f: &Fixture) -> Vec<(String, String, Option<String>, Option<String>)> {
    let manifest = json(f, "tim-kiem/chi-muc.json");
    let count = manifest["documents"].as_u64().unwrap() as usize;
    let per_chunk = manifest["per_chunk"].as_u64().unwrap() as usize;
    let sections = manifest["sections"].as_array().unwrap();
    (0..count)
        .map(|n| {
            let chunk = json(f, &format!("tim-kiem/d/{}.json", n / per_chunk));
            let d = &chunk[n % per_chunk];
            let section = d[3]
                .as_u64()
                .map(|s| sections[s as usize][0].as_str().unwrap().to_owned());
            (
                d[0].as_str().unwrap().to_owned(),
                d[1].as_str().unwrap().to_owned(),
                d[2].as_str().map(str::to_owned),
                section,
            )
        })
        .collect()
}

/// The documents listing `spelling` of the folded term `key`, per field (title, meta, text).
fn postings(f: &Fixture, key: &str, spelling: &str) -> [Vec<u64>; 3] {
    let shard_name = if key.starts_with(|c: char| c.is_ascii_digit()) {
        &key[..1]
    } else {
        &key[..2]
    };
    let shard = json(f, &format!("tim-kiem/t/{shard_name}.json"));
    let spellings = shard[key]
        .as_array()
        .unwrap_or_else(|| panic!("no term {key}"));
    let entry = spellings
        .iter()
        .find(|s| s[0] == spelling)
        .unwrap_or_else(|| panic!("no spelling {spelling} of {key}: {spellings:?}"));
    [1, 2, 3].map(|field| {
        let mut doc = 0;
        entry[field]
            .as_array()
            .unwrap()
            .iter()
            .map(|delta| {
                doc += delta.as_u64().unwrap();
                doc
            })
            .collect()
    })
}

fn doc_number(f: &Fixture, path: &str) -> u64 {
    documents(f)
        .iter()
        .position(|d| d.1 == path)
        .unwrap_or_else(|| panic!("{path} is not indexed")) as u64
}

#[test]
fn the_index_lists_articles_newest_first_then_standalone_pages() {
    let f = Fixture::news_site("https://example.gov.vn/");
    f.write(
        "content/tin-tuc/nhap.md",
        "---\ntitle: Bài nháp\ndate: 2022-01-01\ndraft: true\n---\nChưa đăng.\n",
    );
    f.build_ok(&[]);
    let docs = documents(&f);
    let paths: Vec<&str> = docs.iter().map(|d| d.1.as_str()).collect();
    assert_eq!(
        paths,
        [
            "thong-bao/lich-nghi-tet/",
            "chinh-sach/bhyt/muc-dong-bhyt/",
            "tin-tuc/dong-bhyt-ho-gia-dinh-nam-2022/",
            "tin-tuc/thanh-hoa-vuot-chi-tieu-bhxh-tu-nguyen/",
            "tin-tuc/chi-tra-luong-huu-qua-tai-khoan/",
            "gioi-thieu/",
        ],
        "drafts are left out"
    );
    assert_eq!(
        docs[2],
        (
            "Đóng BHYT hộ gia đình năm 2022".to_owned(),
            "tin-tuc/dong-bhyt-ho-gia-dinh-nam-2022/".to_owned(),
            Some("2022-11-25".to_owned()),
            Some("Tin tức".to_owned()),
        )
    );
    assert_eq!(docs[5].2, None, "a standalone page has no date");
    assert_eq!(docs[5].3, None, "nor a section");
    let chunk = json(&f, "tim-kiem/d/0.json");
    assert_eq!(chunk[2][4], "Đoạn mở đầu về BHYT.", "the excerpt");
}

#[test]
fn terms_are_folded_keep_their_spellings_and_rank_by_field() {
    let f = Fixture::news_site("https://example.gov.vn/");
    f.build_ok(&[]);
    let dong = doc_number(&f, "tin-tuc/dong-bhyt-ho-gia-dinh-nam-2022/");
    let muc_dong = doc_number(&f, "chinh-sach/bhyt/muc-dong-bhyt/");
    // "Đóng" in one title, "đóng" in another: one spelling, lowercase, under the key "dong".
    let [title, _, _] = postings(&f, "dong", "đóng");
    assert!(
        title.contains(&dong) && title.contains(&muc_dong),
        "{title:?}"
    );
    // A tag is in the middle field, the text in the last.
    let [_, meta, _] = postings(&f, "bhyt", "bhyt");
    assert!(meta.contains(&doc_number(
        &f,
        "tin-tuc/thanh-hoa-vuot-chi-tieu-bhxh-tu-nguyen/"
    )));
    let [_, _, text] = postings(&f, "ngan", "ngân");
    assert_eq!(
        text,
        [doc_number(&f, "tin-tuc/chi-tra-luong-huu-qua-tai-khoan/")]
    );
    let [title, meta, text] = postings(&f, "2022", "2022");
    assert_eq!((title, meta, text), (vec![dong], vec![], vec![]));
}

#[test]
fn an_abbreviation_is_indexed_for_articles_that_write_it_in_full() {
    let f = Fixture::news_site("https://example.gov.vn/");
    f.write(
        "content/tin-tuc/the-moi.md",
        "---\ntitle: Thẻ mới\ndate: 2022-06-01\n---\nNgười tham gia **Bảo hiểm y tế** được cấp thẻ điện tử; người lao động tra cứu trên ứng dụng.\n",
    );
    f.build_ok(&[]);
    let full = doc_number(&f, "tin-tuc/the-moi/");
    let [title, meta, text] = postings(&f, "bhyt", "bhyt");
    assert!(text.contains(&full), "{text:?}");
    assert!(title.contains(&doc_number(&f, "chinh-sach/bhyt/muc-dong-bhyt/")));
    assert!(meta.contains(&doc_number(
        &f,
        "tin-tuc/thanh-hoa-vuot-chi-tieu-bhxh-tu-nguyen/"
    )));
    let [_, _, text] = postings(&f, "nld", "nlđ");
    assert_eq!(text, [full]);
    let manifest = json(&f, "tim-kiem/chi-muc.json");
    let synonyms = manifest["synonyms"].as_array().unwrap();
    assert!(synonyms.contains(&serde_json::json!(["bhyt", "bảo hiểm y tế"])));
}

#[test]
fn the_text_is_indexed_up_to_its_first_300_words_and_every_heading() {
    let f = Fixture::news_site("https://example.gov.vn/");
    let filler = "chữ ".repeat(320);
    f.write(
        "content/tin-tuc/dai.md",
        &format!(
            "---\ntitle: Bài dài\ndate: 2022-06-01\n---\nMở đầu có từ zalopay.\n\n{filler}\n\nCuối bài có từ momopay.\n\n## Mục cuối về viettelpay\n"
        ),
    );
    f.build_ok(&[]);
    let long = doc_number(&f, "tin-tuc/bai-dai/");
    assert_eq!(postings(&f, "zalopay", "zalopay")[2], [long]);
    assert_eq!(
        postings(&f, "viettelpay", "viettelpay")[1],
        [long],
        "a heading"
    );
    let shard = json(&f, "tim-kiem/t/mo.json");
    assert!(shard.get("momopay").is_none(), "past the first 300 words");
}

#[test]
fn the_manifest_names_every_shard_and_changes_with_the_content() {
    let f = Fixture::news_site("https://example.gov.vn/");
    f.build_ok(&[]);
    let manifest = json(&f, "tim-kiem/chi-muc.json");
    let shards: Vec<&str> = manifest["shards"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    let on_disk: Vec<String> = std::fs::read_dir(f.path("output/tim-kiem/t"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(shards.len(), on_disk.len());
    for name in &shards {
        assert!(on_disk.contains(&format!("{name}.json")), "{name}");
    }
    assert!(shards.contains(&"bh") && shards.contains(&"2"));
    let hash = manifest["hash"].clone();
    f.build_ok(&[]);
    assert_eq!(
        json(&f, "tim-kiem/chi-muc.json")["hash"],
        hash,
        "same input, same index"
    );
    f.write(
        "content/tin-tuc/ba.md",
        "---\ntitle: Chi trả lương hưu qua tài khoản\ndate: 2020-05-09\ntags: [Lương hưu]\n---\nNgười hưởng nhận qua bưu điện.\n",
    );
    f.build_ok(&[]);
    assert_ne!(json(&f, "tim-kiem/chi-muc.json")["hash"], hash);
}

#[test]
fn the_search_page_works_without_javascript_and_under_a_sub_path() {
    let f = Fixture::news_site("https://example.gov.vn/bhxh/");
    f.build_ok(&[]);
    let home = f.out("index.html");
    assert!(
        home.contains("<form class=\"site-search\" role=\"search\" aria-label=\"Tìm kiếm trên trang\" action=\"/bhxh/tim-kiem/\" method=\"get\">"),
        "every page has the search box"
    );
    assert!(home.contains("name=\"q\""));
    assert!(
        !home.contains("<script"),
        "pages other than search need no script"
    );
    let page = f.out("tim-kiem/index.html");
    assert!(page.contains("data-index=\"/bhxh/tim-kiem/chi-muc.json\""));
    assert!(page.contains("data-root=\"/bhxh/\""));
    assert!(page.contains("<script type=\"module\" src=\"/bhxh/js/tim-kiem.js\"></script>"));
    // Without JavaScript the page says why no results show, and still leads somewhere:
    // sections, tags, all tags.
    let noscript = &page[page.find("<noscript>").expect("a <noscript> block")..];
    assert!(
        noscript[..noscript.find("</noscript>").unwrap()].contains("đang tắt JavaScript"),
        "{noscript}"
    );
    let hrefs = links(&page);
    for href in [
        "/bhxh/tin-tuc/",
        "/bhxh/chinh-sach/",
        "/bhxh/the/bhyt/",
        "/bhxh/the/",
    ] {
        assert!(hrefs.iter().any(|h| h == href), "{href} in {hrefs:?}");
    }
    assert!(f.exists("js/tim-kiem.js"));
    let manifest = json(&f, "tim-kiem/chi-muc.json");
    assert_eq!(
        manifest["sections"][1],
        serde_json::json!(["Tin tức", "tin-tuc/"])
    );
}

#[test]
fn statistics_pages_are_found_by_their_title_and_description() {
    let (_out, site, run) = common::build_sample();
    assert!(run.ok, "{}", run.stderr);
    let read = |rel: &str| -> Value {
        serde_json::from_str(&std::fs::read_to_string(site.join(rel)).unwrap()).unwrap()
    };
    let manifest = read("tim-kiem/chi-muc.json");
    let sections = manifest["sections"].as_array().unwrap();
    let per_chunk = manifest["per_chunk"].as_u64().unwrap();
    let found: Vec<(u64, Value)> = (0..manifest["documents"].as_u64().unwrap())
        .map(|n| {
            (
                n,
                read(&format!("tim-kiem/d/{}.json", n / per_chunk))[(n % per_chunk) as usize]
                    .clone(),
            )
        })
        .filter(|(_, d)| d[1].as_str().unwrap().starts_with("thong-ke/"))
        .collect();
    let district = found
        .iter()
        .find(|(_, d)| d[1] == "thong-ke/don-vi/thach-thanh/")
        .expect("the district's page is indexed");
    assert_eq!(district.1[0], "Huyện Thạch Thành");
    // The manifest tells the script which documents are districts, to show them as one.
    let units = &manifest["statistics"]["units"];
    let (first, count) = (units[0].as_u64().unwrap(), units[1].as_u64().unwrap());
    assert!((first..first + count).contains(&district.0), "{units}");
    assert_eq!(
        found
            .iter()
            .filter(|(n, _)| (first..first + count).contains(n))
            .count() as u64,
        count
    );
    assert_eq!(district.1[2], Value::Null, "no date");
    let section = &sections[district.1[3].as_u64().unwrap() as usize];
    assert_eq!(
        *section,
        serde_json::json!(["Số liệu thống kê", "thong-ke/"])
    );
    assert!(
        found.iter().any(|(_, d)| d[1] == "thong-ke/"),
        "the dashboard"
    );
    assert!(
        found.iter().any(|(_, d)| d[1] == "thong-ke/bhyt/"),
        "an indicator"
    );
    // "Thạch Thành" in the title: the district's page is listed under the title field.
    let shard = read("tim-kiem/t/th.json");
    let thanh = shard["thanh"].as_array().unwrap();
    let spelling = thanh.iter().find(|s| s[0] == "thành").unwrap();
    let mut doc = 0;
    let titles: Vec<u64> = spelling[1]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            doc += d.as_u64().unwrap();
            doc
        })
        .collect();
    assert!(titles.contains(&district.0), "{titles:?}");
}

#[test]
fn a_theme_without_a_search_page_gets_no_index() {
    let f = Fixture::news_site("https://example.gov.vn/");
    f.remove("themes/default/templates/search.html");
    f.build_ok(&[]);
    assert!(!f.exists("tim-kiem"));
}

#[test]
fn a_page_cannot_take_the_search_page_url() {
    let f = Fixture::news_site("https://example.gov.vn/");
    f.write(
        "content/tim-kiem.md",
        "---\ntitle: Tìm kiếm\n---\nTrang riêng.\n",
    );
    let run = f.build();
    assert!(!run.ok);
    assert!(
        run.stderr
            .contains("this page's URL /tim-kiem/ is already used"),
        "{}",
        run.stderr
    );
}
