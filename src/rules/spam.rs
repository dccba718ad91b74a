//! The rules' word lists and their matcher: spam terms and placeholders (built in, from
//! spam.txt, and the site's own in content/kiem-tra.yaml) screened in one pass over folded
//! text, and the allow-list of domains articles may link to.

use std::collections::HashMap;
use std::path::Path;

use aho_corasick::AhoCorasick;
use serde::Deserialize;

use crate::base::error::Diagnostic;
use crate::base::text::{fold, seen_text};

const DEFAULT_SPAM: &str = include_str!("spam.txt");

/// `content/kiem-tra.yaml`: the site's additions to the rules.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Extra {
    #[serde(default)]
    spam_terms: Vec<String>,
    /// Domains articles may link to, besides the site's own.
    #[serde(default)]
    allowed_domains: Vec<String>,
    /// Built-in terms this site publishes in earnest: an agency that lists the decree on
    /// casino business must be able to name it.
    #[serde(default)]
    allowed_terms: Vec<String>,
}

pub(super) const RULES_FILE: &str = "kiem-tra.yaml";

/// A phrase as words, each with and without tone marks.
struct SpamTerm {
    text: String,
    words: Vec<(String, String)>,
}

pub(crate) struct Rules {
    spam: Vec<SpamTerm>,
    /// Terms by the folded form of their first word, so a text is scanned once, not once per term.
    spam_by_first: HashMap<String, Vec<usize>>,
    /// Each term folded, its words joined by single spaces and padded with one, and the
    /// placeholders' words, in one DFA run over a text folded by `text::fold_words`: a
    /// single pass over a text tells whether the word-by-word match (of spam) or the exact one
    /// (of placeholders) is needed at all; they almost never are.
    screen: Screen,
    /// `PLACEHOLDERS` folded, in one automaton whose pattern ids index `PLACEHOLDERS`.
    placeholders: AhoCorasick,
    allowed_domains: Vec<String>,
}

/// Opens every note `loa import` leaves for the editor (`**[BIÊN TẬP] ...**`). Until the
/// editor deletes it, the `editor-note` rule warns in drafts and fails the build otherwise, so
/// a note is seen in the preview but never published.
pub(crate) const EDITOR_NOTE: &str = "[BIÊN TẬP";

const PLACEHOLDERS: &[&str] = &[
    "dd/mm/yyyy",
    "xx/xx/xxxx",
    "[title]",
    "[tieu de]",
    "lorem ipsum",
    "nội dung bài viết ở đây",
];

impl Rules {
    /// The built-in rules plus `content/kiem-tra.yaml` when the site has one.
    pub(crate) fn load(content_dir: &Path, site_host: &str) -> Result<Rules, Diagnostic> {
        let path = content_dir.join(RULES_FILE);
        const KEYS: &[&str] = &["spam_terms", "allowed_domains", "allowed_terms"];
        let (extra, text): (Extra, String) = match std::fs::read(&path) {
            Ok(bytes) => {
                let text = crate::base::text::decode(&path, &bytes)?;
                (crate::base::yaml::parse_file(&path, &text, KEYS)?, text)
            }
            Err(_) => (Extra::default(), String::new()),
        };
        let built_in: Vec<&str> = DEFAULT_SPAM
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect();
        let same = |a: &str, b: &str| words(a) == words(b);
        if let Some(unknown) = extra
            .allowed_terms
            .iter()
            .find(|t| !built_in.iter().any(|b| same(b, t)))
        {
            return Err(Diagnostic::error(
                &path,
                crate::base::yaml::locate(&text, &["allowed_terms"]),
                format!("`{unknown}` is not a built-in spam term"),
            )
            .with_source(&text)
            .with_hint(format!(
                "allowed_terms lists built-in terms exactly as they are written: {}",
                built_in.join(", ")
            ))
            .vi(
                format!("`{unknown}` không có trong danh sách từ cấm có sẵn"),
                Some(
                    "allowed_terms chỉ ghi các từ có sẵn, đúng như cách viết trong danh sách"
                        .into(),
                ),
            ));
        }
        let spam: Vec<SpamTerm> = built_in
            .into_iter()
            .filter(|b| !extra.allowed_terms.iter().any(|t| same(b, t)))
            .map(str::to_owned)
            .chain(extra.spam_terms)
            .map(|t| SpamTerm {
                words: words(&t),
                text: t,
            })
            .filter(|t| !t.words.is_empty())
            .collect();
        let mut allowed_domains = extra.allowed_domains;
        allowed_domains.push(site_host.to_owned());
        let spam_phrases = spam.iter().map(|t| {
            let words: Vec<&str> = t.words.iter().map(|w| w.1.as_str()).collect();
            format!(" {} ", words.join(" "))
        });
        // A placeholder's words need not stand alone: "dd/mm/yyyy" is found inside
        // "ngàydd/mm/yyyy" too.
        let placeholder_words = PLACEHOLDERS.iter().map(|p| {
            let mut words = Vec::new();
            crate::base::text::fold_words(p, &mut words);
            String::from_utf8_lossy(words.trim_ascii()).into_owned()
        });
        let screen = Screen::new(spam.len(), spam_phrases.chain(placeholder_words));
        let mut spam_by_first: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, term) in spam.iter().enumerate() {
            spam_by_first
                .entry(term.words[0].1.clone())
                .or_default()
                .push(i);
        }
        Ok(Rules {
            spam,
            screen,
            spam_by_first,
            placeholders: automaton(PLACEHOLDERS.iter().map(|p| fold(p))),
            allowed_domains,
        })
    }
}

impl Rules {
    /// Whether articles may link to `host`: the site's own, or on the allow-list.
    pub(crate) fn allows_host(&self, host: &str) -> bool {
        self.allowed_domains
            .iter()
            .any(|d| host == *d || host.ends_with(&format!(".{d}")))
    }
}

fn automaton(patterns: impl IntoIterator<Item = String>) -> AhoCorasick {
    // A full DFA: a few dozen short patterns make a small table, and every text of every
    // page goes through it.
    AhoCorasick::builder()
        .kind(Some(aho_corasick::AhoCorasickKind::DFA))
        .build(patterns)
        .expect("a few short patterns always build")
}

/// Lowercase NFC words with their tone-folded form.
fn words(text: &str) -> Vec<(String, String)> {
    words_at(&seen_text(text).0)
        .into_iter()
        .map(|w| (w.word, w.folded))
        .collect()
}

/// A word of a text: its byte range, lowercase and tone-folded.
struct Word {
    start: usize,
    end: usize,
    word: String,
    folded: String,
}

fn words_at(text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        if c.is_alphanumeric() {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            let word = text[s..i].to_lowercase();
            let folded = fold(&word);
            out.push(Word {
                start: s,
                end: i,
                word,
                folded,
            });
        }
    }
    out
}

/// A phrase typed without any tone mark may stand for any tones; one typed with marks must
/// match them all, so "lo đề xuất" (worry about proposing) is not "lô đề" (a lottery game).
fn same_words(text: &[Word], term: &[(String, String)]) -> bool {
    let unmarked = text.iter().all(|w| w.word.is_ascii());
    text.iter().zip(term).all(|(w, (word, folded))| {
        if unmarked {
            w.folded == *folded
        } else {
            w.word == *word
        }
    })
}

impl Rules {
    /// Whether `text` may hold a spam term, and whether it may hold a placeholder: one quick
    /// pass over every text of every page; `spam_in` and `placeholders_in` decide.
    pub(crate) fn screen(&self, text: &str) -> (bool, bool) {
        thread_local! {
            // One buffer per thread: the folded text of every page passes through it.
            static FOLDED: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
        }
        FOLDED.with_borrow_mut(|folded| {
            folded.clear();
            crate::base::text::fold_words(text, folded);
            self.screen.run(folded)
        })
    }
}

/// The screen's automaton as one dense table: aho-corasick's DFA with its states numbered in
/// the order they are reached and the bytes in classes that no state tells apart. A step is
/// two lookups in tables that stay in the L1 cache; the step through aho-corasick's
/// `Automaton` interface took two and a half times the instructions, and it runs for every
/// byte of every page's text.
struct Screen {
    /// The class of each byte.
    classes: [u8; 256],
    /// The number of classes: the width of a row of `next`.
    width: usize,
    /// `next[state * width + class]`.
    next: Vec<u16>,
    /// What ends in each state: bit 0 a spam term, bit 1 a placeholder.
    ends: Vec<u8>,
}

impl Screen {
    /// Patterns before `spam` are spam terms, the others placeholders.
    fn new<P: AsRef<[u8]>>(spam: usize, patterns: impl IntoIterator<Item = P>) -> Screen {
        use aho_corasick::automaton::Automaton;
        let dfa = aho_corasick::dfa::DFA::builder()
            .match_kind(aho_corasick::MatchKind::Standard)
            .start_kind(aho_corasick::StartKind::Unanchored)
            .build(patterns)
            .expect("a few short patterns always build");
        let anchored = aho_corasick::Anchored::No;
        let start = dfa
            .start_state(anchored)
            .expect("an unanchored start state");
        // Every state reachable from the start, with the state each byte leads to. `ids`
        // gives aho-corasick's state ids (small numbers) their number here.
        let mut ids: Vec<Option<usize>> = Vec::new();
        let mut number = |state: aho_corasick::automaton::StateID, states: &mut Vec<_>| {
            let at = state.as_usize();
            if ids.len() <= at {
                ids.resize(at + 1, None);
            }
            *ids[at].get_or_insert_with(|| {
                states.push(state);
                states.len() - 1
            })
        };
        let mut states = Vec::new();
        number(start, &mut states);
        let mut rows: Vec<[usize; 256]> = Vec::new();
        while let Some(&state) = states.get(rows.len()) {
            let mut row = [0; 256];
            for (byte, slot) in (0..=255u8).zip(row.iter_mut()) {
                *slot = number(dfa.next_state(anchored, state, byte), &mut states);
            }
            rows.push(row);
        }
        let ends = states
            .iter()
            .map(|&state| {
                let mut ends = 0;
                if dfa.is_match(state) {
                    for i in 0..dfa.match_len(state) {
                        ends |= if dfa.match_pattern(state, i).as_usize() < spam {
                            1
                        } else {
                            2
                        };
                    }
                }
                ends
            })
            .collect();
        // Bytes whose columns are the same are one class; each class keeps its first byte.
        let mut classes = [0u8; 256];
        let mut columns: Vec<(Vec<usize>, usize)> = Vec::new();
        for byte in 0..256 {
            let column: Vec<usize> = rows.iter().map(|row| row[byte]).collect();
            let class = match columns.iter().position(|(c, _)| *c == column) {
                Some(class) => class,
                None => {
                    columns.push((column, byte));
                    columns.len() - 1
                }
            };
            classes[byte] = u8::try_from(class).expect("at most 256 classes of 256 bytes");
        }
        let width = columns.len();
        let next = rows
            .iter()
            .flat_map(|row| {
                columns.iter().map(|&(_, byte)| {
                    u16::try_from(row[byte])
                        .expect("a few short patterns make fewer than 65,536 states")
                })
            })
            .collect();
        Screen {
            classes,
            width,
            next,
            ends,
        }
    }

    /// Whether `text` holds a spam term, and whether it holds a placeholder.
    fn run(&self, text: &[u8]) -> (bool, bool) {
        let mut state = 0;
        let mut ends = 0;
        for &byte in text {
            state = usize::from(
                self.next[state * self.width + usize::from(self.classes[usize::from(byte)])],
            );
            ends |= self.ends[state];
        }
        (ends & 1 != 0, ends & 2 != 0)
    }
}

/// A spam phrase found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SpamHit<'r> {
    /// Byte range of the phrase as written in the text.
    pub start: usize,
    pub end: usize,
    /// The term of the list it matched.
    pub term: &'r str,
}

/// Every spam phrase in `text`. The one matcher: `loa check` flags what it finds and
/// `loa import` removes it, so the two always agree.
pub(crate) fn spam_in<'r>(text: &str, rules: &'r Rules) -> Vec<SpamHit<'r>> {
    // Almost no text holds a term even folded; only those that might are split into words.
    if !rules.screen(text).0 {
        return Vec::new();
    }
    // Matched in what a reader sees; reported where it was written.
    let (seen, from) = seen_text(text);
    let end_of = |word: &Word| {
        let last = from[word.end - 1];
        let next = from.get(word.end).copied().unwrap_or(text.len());
        next.max(last + text[last..].chars().next().map_or(0, char::len_utf8))
    };
    let found = words_at(&seen);
    let mut hits = Vec::new();
    for start in 0..found.len() {
        let Some(candidates) = rules.spam_by_first.get(&found[start].folded) else {
            continue;
        };
        for &t in candidates {
            let term = &rules.spam[t];
            let window = &found[start..(start + term.words.len()).min(found.len())];
            if window.len() == term.words.len() && same_words(window, &term.words) {
                hits.push(SpamHit {
                    start: from[found[start].start],
                    end: end_of(&window[window.len() - 1]),
                    term: term.text.as_str(),
                });
            }
        }
    }
    hits
}

/// The first place of each template placeholder in `text`: (byte offset, the placeholder).
/// Shared by the `placeholder` rule and `loa import`, which must never leave one behind.
pub(crate) fn placeholders_in(text: &str, rules: &Rules) -> Vec<(usize, &'static str)> {
    let folded = fold(text);
    rules
        .placeholders
        .find_iter(&folded)
        .map(|m| {
            // Folding keeps one character per character, not one byte per byte.
            let nth = folded[..m.start()].chars().count();
            let at_byte = text.char_indices().nth(nth).map_or(text.len(), |(b, _)| b);
            (at_byte, PLACEHOLDERS[m.pattern().as_usize()])
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> Rules {
        Rules::load(Path::new("/nonexistent"), "bhxh.example.gov.vn").unwrap()
    }

    #[test]
    fn spam_matches_folded_and_spaced_forms() {
        let r = rules();
        for text in [
            "Chơi tai xiu online",
            "TÀI XỈU",
            "tài  xỉu uy tín",
            "đặt cược bet365 ngay",
            "Nha cai uy tin",
        ] {
            assert!(!spam_in(text, &r).is_empty(), "{text}");
        }
    }

    #[test]
    fn spam_hits_span_the_phrase_as_written() {
        let r = rules();
        let text = "Chơi TÀI  XỈU, đặt cược bet365.";
        let hits: Vec<(&str, &str)> = spam_in(text, &r)
            .iter()
            .map(|h| (&text[h.start..h.end], h.term))
            .collect();
        assert_eq!(
            hits,
            [
                ("TÀI  XỈU", "tài xỉu"),
                ("đặt cược", "đặt cược"),
                ("bet365", "bet365")
            ]
        );
    }

    #[test]
    fn placeholders_are_found_at_their_byte_offset() {
        let r = rules();
        let text = "Ngày đăng: DD/MM/YYYY.";
        assert_eq!(placeholders_in(text, &r), [(14, "dd/mm/yyyy")]);
        assert_eq!(&text[14..24], "DD/MM/YYYY");
    }

    #[test]
    fn ordinary_vietnamese_is_not_spam() {
        let r = rules();
        for text in [
            "Người dân lo để dành tiền đóng BHYT cho cả nhà.",
            "Nhà nước cải cách thủ tục; cả cuộc họp đặt câu hỏi.",
            "Tài khoản VssID giúp xem quá trình đóng.",
            "Hộ nghèo được hỗ trợ, nhà cửa được sửa.",
            "Thành phố có nhiều nhà cao tầng.",
        ] {
            assert!(
                spam_in(text, &r).is_empty(),
                "{text}: {:?}",
                spam_in(text, &r)
            );
        }
    }

    #[test]
    fn tone_marks_are_matched_exactly_unless_the_phrase_has_none() {
        let r = rules();
        let terms =
            |text: &str| -> Vec<&str> { spam_in(text, &r).iter().map(|h| h.term).collect() };
        for ordinary in [
            "Cán bộ lo đề xuất phương án.",
            "Phòng nghiệp vụ lo đề phòng rủi ro.",
            "Tai nạn lao động làm người lao động ngất xỉu.",
            "Lô đất mới, đề án mới.",
            "tai xỉu",
        ] {
            assert_eq!(terms(ordinary), Vec::<&str>::new(), "{ordinary}");
        }
        for (spam, term) in [
            ("LÔ ĐỀ online", "lô đề"),
            ("lo de online", "lô đề"),
            ("Lo De", "lô đề"),
            ("chơi lô đề", "lô đề"),
            ("TAI XIU", "tài xỉu"),
        ] {
            assert_eq!(terms(spam), [term], "{spam}");
        }
    }

    #[test]
    fn hits_are_reported_where_they_were_written() {
        let r = rules();
        let text = "Vào c\u{200B}аsinо ngay";
        let hits = spam_in(text, &r);
        assert_eq!(hits.len(), 1);
        assert_eq!(&text[hits[0].start..hits[0].end], "c\u{200B}аsinо");
    }

    #[test]
    fn the_screen_table_finds_what_aho_corasick_finds() {
        let patterns = [
            " tai xiu ",
            " dat cuoc ",
            " bet365 ",
            "dd mm yyyy",
            "title",
            "xx",
        ];
        let screen = Screen::new(3, patterns);
        let search = AhoCorasick::new(patterns).unwrap();
        let words = [
            "tai", "xiu", "dat", "cuoc", "bet365", "dd", "mm", "yyyy", "title", "xx", "x", "ta",
        ];
        // Every sequence of up to four words, and each with its words run together.
        let mut texts: Vec<String> = vec![String::new()];
        for _ in 0..4 {
            let longer: Vec<String> = texts
                .iter()
                .flat_map(|t| words.iter().map(move |w| format!("{t} {w}")))
                .collect();
            texts.extend(longer);
        }
        texts.dedup();
        let runs_together: Vec<String> = texts.iter().map(|t| t.replace(' ', "")).collect();
        for text in texts.iter().chain(&runs_together) {
            let padded = format!("{text} ");
            let expected = search.find_overlapping_iter(padded.as_bytes()).fold(
                (false, false),
                |(spam, placeholder), m| {
                    (
                        spam || m.pattern().as_usize() < 3,
                        placeholder || m.pattern().as_usize() >= 3,
                    )
                },
            );
            assert_eq!(screen.run(padded.as_bytes()), expected, "{padded:?}");
        }
    }
}
