//! The search index: words as the theme's script splits them, documents, shards, updates.

use super::*;

fn doc_words(html: &str) -> Vec<&str> {
    let mut out = Vec::new();
    scan(html, true, usize::MAX, &mut |w| out.push(w));
    out
}

#[test]
fn words_split_on_anything_but_letters_digits_and_marks() {
    assert_eq!(
        words("Mẫu TK1-TS: 4,5% (BHYT)…ngày 01/7 × 2"),
        ["Mẫu", "TK1", "TS", "4", "5", "BHYT", "ngày", "01", "7", "2"]
    );
    // A decomposed (NFD) letter keeps its marks inside the word.
    assert_eq!(
        words("ho\u{0302}\u{0323} gia"),
        ["ho\u{0302}\u{0323}", "gia"]
    );
    assert_eq!(words("Ελλάδα, Россия 北京"), ["Ελλάδα", "Россия", "北京"]);
    let mut first = Vec::new();
    scan("<p>một hai</p> ba bốn", true, 3, &mut |w| first.push(w));
    assert_eq!(first, ["một", "hai", "ba"], "a limit on the words read");
}

#[test]
fn html_text_skips_tags_references_and_charts() {
    assert_eq!(
        doc_words(
            "<p title=\"a > b\">Mức <strong>đóng</strong> &amp; hưởng</p><svg><text>2021</text></svg><p>x&#39;y &amp</p>"
        ),
        ["Mức", "đóng", "hưởng", "x", "y", "amp"]
    );
}

#[test]
fn shards_are_ascii_file_names() {
    assert_eq!(shard("bhyt"), "bh");
    assert_eq!(shard("y"), "y");
    assert_eq!(shard("2024"), "2");
    assert_eq!(shard("пр"), "43f-440");
}

#[test]
fn lowercase_goes_character_by_character() {
    assert_eq!(lowercase("ĐÓNG BHYT"), "đóng bhyt");
    assert_eq!(lowercase("ΟΔΟΣ"), "οδοσ");
}

#[test]
fn excerpts_end_at_a_word() {
    let long = "Người lao động ".repeat(40);
    let e = excerpt(&long);
    assert!(
        e.ends_with("động…") || e.ends_with("lao…") || e.ends_with("Người…"),
        "{e}"
    );
    assert!(e.chars().count() <= EXCERPT_CHARS + 1);
    assert_eq!(excerpt("Ngắn."), "Ngắn.");
}

fn postings(fields: &[&[(Field, Text)]]) -> Postings {
    let mut p = Postings::default();
    for (doc, f) in fields.iter().enumerate() {
        p.add(doc as u32, f);
    }
    p
}

fn docs_of(p: &Postings, spelling: &str) -> Vec<(u32, Field)> {
    p.find(spelling)
        .map_or(Vec::new(), |s| p.spellings[s].docs.clone())
}

#[test]
fn each_document_keeps_its_best_field() {
    let p = postings(&[
        &[
            (Field::Title, Text::Plain("Đóng BHYT")),
            (Field::Text, Text::Html("<p>đóng tiền</p>")),
        ],
        &[(Field::Text, Text::Html("<p>Đồng ý đóng</p>"))],
    ]);
    assert_eq!(docs_of(&p, "đóng"), [(0, Field::Title), (1, Field::Text)]);
    assert_eq!(docs_of(&p, "đồng"), [(1, Field::Text)]);
    assert_eq!(p.spellings[p.find("đồng").unwrap()].key, "dong");
}

#[test]
fn a_phrase_of_the_synonym_list_indexes_its_abbreviation() {
    let p = postings(&[
        &[(
            Field::Text,
            Text::Html("<p>Thẻ Bảo hiểm Y tế hộ gia đình</p>"),
        )],
        &[(Field::Title, Text::Plain("Người lao động"))],
        &[(Field::Text, Text::Html("<p>bảo hiểm xã hội, y tế</p>"))],
        &[(Field::Meta, Text::Plain("BHYT"))],
    ]);
    assert_eq!(docs_of(&p, "bhyt"), [(0, Field::Text), (3, Field::Meta)]);
    assert_eq!(docs_of(&p, "nlđ"), [(1, Field::Title)]);
    assert_eq!(p.spellings[p.find("nlđ").unwrap()].key, "nld");
}

#[test]
fn synonym_list_parses() {
    let list = synonyms();
    assert!(list.len() <= 64, "one bit per synonym in Postings::opens");
    let bhyt = list.iter().find(|s| s.abbreviation == "bhyt").unwrap();
    assert_eq!(bhyt.phrase, "bảo hiểm y tế");
    assert_eq!(bhyt.words, ["bao", "hiem", "y", "te"]);
    assert!(
        list.iter()
            .all(|s| !s.words.is_empty() && !s.abbreviation.is_empty())
    );
}

#[test]
fn shard_lists_are_delta_encoded_per_field() {
    let p = postings(&[
        &[(Field::Title, Text::Plain("thẻ"))],
        &[(Field::Text, Text::Plain("thẻ"))],
        &[(Field::Title, Text::Plain("thẻ"))],
        &[(Field::Title, Text::Plain("thế"))],
        &[(Field::Title, Text::Plain("thẻ"))],
    ]);
    let slots = vec![p.find("thẻ").unwrap(), p.find("thế").unwrap()];
    let keys = BTreeMap::from([("the".to_owned(), slots.clone())]);
    assert_eq!(
        shard_json(&keys, &p.spellings).unwrap(),
        r#"{"the":[["thẻ",[0,2,2],[],[1]],["thế",[3],[],[]]]}"#
    );
    // A spelling an edit left without documents is left out; so is an empty shard.
    let mut p = p;
    p.spellings[slots[1]].docs.clear();
    assert_eq!(
        shard_json(&keys, &p.spellings).unwrap(),
        r#"{"the":[["thẻ",[0,2,2],[],[1]]]}"#
    );
    p.spellings[slots[0]].docs.clear();
    assert_eq!(shard_json(&keys, &p.spellings), None);
}

/// An edit of one article, applied to the index, leaves it as a full build of the edited site
/// would write it: only what changed is written, and shards no word needs any more go.
#[test]
fn an_edit_updates_the_index_to_what_a_full_build_writes() {
    use std::collections::BTreeMap;

    use crate::base::timings::Timings;
    use crate::pipeline::{Options, load};

    let options = Options {
        root: std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")),
        drafts: false,
        base_url: None,
    };
    let Ok(mut loaded) = load(&options, &mut Timings::default()) else {
        panic!("the sample site builds");
    };
    let (mut index, files) = Index::build(&loaded.site);
    let full_count = files.len();
    let mut served: BTreeMap<String, Vec<u8>> = files.into_iter().collect();
    let id = loaded
        .site
        .pages
        .iter()
        .position(|p| p.section.is_some())
        .unwrap();
    let original = loaded.site.pages[id].source.content.html.clone();
    // At the start: only the first words of a long text are indexed.
    let with_word = format!("<p>Mã qwerty mới.</p>{original}");
    let mut edit = |html: &str, summary: Option<&str>| {
        let source = &mut loaded.site.pages[id].source;
        source.content.html = html.to_owned();
        source.summary = summary.map(str::to_owned);
        let changes = index.update(&loaded.site, id);
        for path in &changes.removed {
            assert!(served.remove(path).is_some(), "{path} was not there");
        }
        let written = changes.written.len();
        served.extend(changes.written);
        let (_, files) = Index::build(&loaded.site);
        let full: BTreeMap<String, Vec<u8>> = files.into_iter().collect();
        assert_eq!(
            served.keys().collect::<Vec<_>>(),
            full.keys().collect::<Vec<_>>()
        );
        for (path, bytes) in &full {
            assert!(served[path] == *bytes, "{path} differs from a full build");
        }
        (written, changes.removed)
    };
    // A word with a shard of its own adds the shard; the summary changes the excerpt.
    let (written, removed) = edit(&with_word, Some("Tóm tắt mới."));
    assert!(removed.is_empty());
    assert!(
        written < full_count,
        "only what changed: {written} of {full_count}"
    );
    // Saving the same text again changes nothing.
    let (written, removed) = edit(&with_word, Some("Tóm tắt mới."));
    assert_eq!((written, removed.len()), (0, 0));
    // Without the words only this article had, their shards go.
    let (_, removed) = edit(&original, None);
    assert!(
        removed.contains(&"tim-kiem/t/qw.json".to_owned()),
        "{removed:?}"
    );
}

#[test]
fn adjacent_words_are_pairs_in_titles_and_in_texts_that_repeat_a_title_pair() {
    let docs = vec![
        vec![
            (Field::Title, Text::Plain("Khám thông tuyến năm 2025")),
            (
                Field::Text,
                Text::Html("<p>Khám chữa bệnh thông tuyến tỉnh; nộp trực tuyến.</p>"),
            ),
        ],
        vec![
            (Field::Title, Text::Plain("Thông báo nghỉ Tết")),
            (Field::Meta, Text::Plain("Nộp hồ sơ trực tuyến")),
            (
                Field::Text,
                Text::Html("<p>Được thông tuyến; nộp trực tuyến. Thông báo này thay thế.</p>"),
            ),
        ],
    ];
    let p = index(&docs);
    assert_eq!(
        docs_of(&p, "thông tuyến"),
        [(0, Field::Title)],
        "not a topic of 1"
    );
    assert_eq!(
        docs_of(&p, "trực tuyến"),
        [(1, Field::Meta)],
        "a topic of 1 only: 0 writes it in its text without being about it"
    );
    assert_eq!(docs_of(&p, "thông báo"), [(1, Field::Title)]);
    assert!(p.find("nộp trực").is_none(), "a topic of none");
    assert!(p.find("năm 2025").is_none(), "no pairs with numbers");
    assert_eq!(shard("y te"), "y", "a pair lives with its first word");
}
