//! The static search index: the site's documents and their Vietnamese-folded terms, in small
//! files the theme's search script fetches on demand.
//!
//! Everything is under `tim-kiem/`:
//! - `chi-muc.json`, the manifest: document count, section names, shard names, the synonym
//!   list, and a hash of every index file (the script adds it to the URLs it fetches, so a
//!   browser never mixes files of two builds);
//! - `t/<shard>.json`: the terms whose folded form starts with the shard's two characters
//!   (`bh` holds `bhyt`), each with its spellings as written (tone marks kept, lowercase) and,
//!   per spelling, three delta-encoded lists of documents: found in the title, in the tags,
//!   categories, summary or headings, or only in the text; pairs of adjacent words (`muc
//!   dong`) live with their first word;
//! - `d/<n>.json`: documents `20 n` to `20 n + 19`, each `[title, path, date, section,
//!   excerpt]`: small files, as the results of each key typed may sit in different ones.
//!
//! Documents are numbered newest first, so the lists hold small numbers and a tie in the
//! ranking goes to the newer article.

use std::collections::BTreeMap;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hash, Hasher};
use std::sync::OnceLock;

use rayon::prelude::*;
use unicode_normalization::char::is_combining_mark;

use crate::base::format::push_digits;
use crate::base::text::fold;
use crate::site::urls::{SEARCH_DIR, SEARCH_MANIFEST};
use crate::site::{PageId, Site};
use crate::stats::Stats;
use crate::stats::pages as stat_pages;

/// The search page and its index.
const DOCS_PER_CHUNK: usize = 20;
const EXCERPT_CHARS: usize = 240;
/// The words of an article's text that are indexed, besides its title, tags, categories,
/// summary and every heading: where an article says what it is about. Indexing whole texts
/// would make a big site's build and index several times bigger for words that rarely
/// decide a search.
const TEXT_WORDS: usize = 300;
/// Longer runs of letters are identifiers or pasted garbage, never typed in a search box.
const MAX_WORD_BYTES: usize = 64;
/// Documents indexed by one task before the parts are merged.
const DOCS_PER_TASK: usize = 256;

/// Where a term occurs in a document; a lower field ranks higher.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
enum Field {
    Title = 0,
    Meta = 1,
    Text = 2,
}

/// An abbreviation of the field and the words it stands for.
#[derive(Debug)]
pub(crate) struct Synonym {
    /// Lowercase, marks kept: `bhyt`, `nlđ`.
    pub abbreviation: String,
    /// As the list writes it: `bảo hiểm y tế`.
    pub phrase: String,
    /// The phrase's folded words: `["bao", "hiem", "y", "te"]`.
    words: Vec<String>,
}

/// The built-in synonym list, `src/search/synonyms.txt`: at most 64 entries, one bit each in
/// `Postings::opens`.
pub(crate) fn synonyms() -> &'static [Synonym] {
    static LIST: OnceLock<Vec<Synonym>> = OnceLock::new();
    LIST.get_or_init(|| {
        include_str!("synonyms.txt")
            .lines()
            .map(str::trim)
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split_once(':'))
            .map(|(abbreviation, phrase)| Synonym {
                abbreviation: lowercase(abbreviation.trim()),
                phrase: phrase.trim().to_owned(),
                words: words(phrase).into_iter().map(fold).collect(),
            })
            .collect()
    })
}

/// A character of a word: a letter, digit or combining mark. The search script splits
/// queries by the same rule (`[\p{Alphabetic}\p{M}\p{N}]`).
pub(crate) fn is_word_char(c: char) -> bool {
    // Vietnamese letters sit in two Latin blocks, answered without a table lookup: a big
    // site has millions of them.
    match c {
        'a'..='z' | 'A'..='Z' | '0'..='9' => true,
        '×' | '÷' => false,
        '\u{C0}'..='\u{24F}' | '\u{1E00}'..='\u{1EFF}' => true,
        c => !c.is_ascii() && (c.is_alphanumeric() || is_combining_mark(c)),
    }
}

/// The words of plain text.
pub fn words(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    scan(text, false, usize::MAX, &mut |w| out.push(w));
    out
}

/// Calls `each` with every word of `text`; with `html`, of its text only: tags, character
/// references and inline SVG (chart labels) are skipped. One pass over the bytes, with ASCII
/// and Vietnamese letters decided without decoding: a big site has tens of megabytes of text.
fn scan<'a>(text: &'a str, html: bool, limit: usize, each: &mut impl FnMut(&'a str)) {
    let bytes = text.as_bytes();
    let mut start: Option<usize> = None;
    let mut count = 0;
    let mut i = 0;
    while i < bytes.len() {
        let (word_char, len) = match bytes[i] {
            b'0'..=b'9' | b'a'..=b'z' | b'A'..=b'Z' => (true, 1),
            b if b.is_ascii() => (false, 1),
            // The combining marks U+0300–U+036F, of text typed in NFD.
            0xCC | 0xCD => (true, 2),
            _ => match crate::base::text::latin_letter_len(bytes, i) {
                Some(len) => (true, len),
                None => {
                    let c = text[i..].chars().next().unwrap_or_default();
                    (is_word_char(c), c.len_utf8())
                }
            },
        };
        if word_char {
            start.get_or_insert(i);
            i += len;
            continue;
        }
        if let Some(s) = start.take() {
            each(&text[s..i]);
            count += 1;
            if count == limit {
                return;
            }
        }
        i += match bytes[i] {
            b'<' if html => markup_len(&text[i..]),
            b'&' if html => bytes[i..]
                .iter()
                .take(12)
                .position(|&b| b == b';')
                .map_or(1, |end| end + 1),
            _ => len,
        };
    }
    if let Some(s) = start.filter(|_| count < limit) {
        each(&text[s..]);
    }
}

/// The length of the tag `markup` starts with, or of a whole inline SVG; a `>` inside a
/// quoted attribute does not end a tag.
fn markup_len(markup: &str) -> usize {
    if markup.starts_with("<svg") {
        return markup.find("</svg>").map_or(markup.len(), |end| end + 6);
    }
    let mut quote = None;
    for (i, b) in markup.bytes().enumerate().skip(1) {
        match (quote, b) {
            (None, b'"' | b'\'') => quote = Some(b),
            (Some(q), b) if b == q => quote = None,
            (None, b'>') => return i + 1,
            _ => {}
        }
    }
    markup.len()
}

/// Lowercases one character at a time, as the script does, so both sides agree on every
/// spelling (a whole-string lowercase would treat a final Greek sigma differently).
pub fn lowercase(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    lowercase_into(word, &mut out);
    out
}

fn lowercase_into(word: &str, out: &mut String) {
    out.clear();
    for c in word.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            out.extend(c.to_lowercase());
        }
    }
}

/// The shard of a folded term: its first two characters (only the first for numbers, which
/// are few), or their hexadecimal code points joined by `-` when they are not ASCII letters
/// and digits, so file names stay plain ASCII.
pub fn shard(key: &str) -> String {
    // A pair of words lives with its first word, in a file the query needs anyway.
    let key = key.split(' ').next().unwrap_or(key);
    let take = if key.starts_with(|c: char| c.is_ascii_digit()) {
        1
    } else {
        2
    };
    let prefix: Vec<char> = key.chars().take(take).collect();
    if prefix.iter().all(char::is_ascii_alphanumeric) {
        prefix.into_iter().collect()
    } else {
        prefix
            .iter()
            .map(|&c| format!("{:x}", u32::from(c)))
            .collect::<Vec<_>>()
            .join("-")
    }
}

/// A document as the chunk files list it.
#[derive(PartialEq)]
struct Row {
    title: String,
    /// Site path, without the site's root: `tin-tuc/dong-bhyt/`.
    path: String,
    /// `2023-04-05`, or none for pages without a date.
    date: Option<String>,
    /// Index in the manifest's section list.
    section: Option<usize>,
    excerpt: String,
}

enum Text<'s> {
    Plain(&'s str),
    Html(&'s str),
}

/// The pages the index holds, in document order: articles newest first, then standalone
/// pages.
fn pages(site: &Site) -> Vec<PageId> {
    let mut ids = site.articles_newest_first();
    ids.extend(site.standalone_pages());
    ids
}

/// The statistics pages as documents: the dashboard, each indicator, each district, found by
/// their title and description, under the section `section`.
fn statistics(stats: &Stats, section: usize) -> Vec<Row> {
    stat_pages::pages(stats)
        .into_iter()
        .map(|page| {
            let (title, description) = stat_pages::heading(stats, page);
            Row {
                title,
                path: stat_pages::path(stats, page),
                date: None,
                section: Some(section),
                excerpt: description,
            }
        })
        .collect()
}

/// A page's row and the texts whose words are indexed, by field.
fn document(site: &Site, id: PageId) -> (Row, Vec<(Field, Text<'_>)>) {
    let page = &site.pages[id];
    let s = &page.source;
    let mut fields = vec![(Field::Title, Text::Plain(s.title.as_str()))];
    // A document is asked for by its number, typed any way (`146/2018`, `nd 146`,
    // `146/2018/ND-CP`): its words count as the title's; its type and issuer as a summary's.
    if let Some(d) = &s.document {
        fields.push((Field::Title, Text::Plain(d.number.as_str())));
        fields.push((Field::Meta, Text::Plain(d.kind.as_str())));
        fields.push((Field::Meta, Text::Plain(d.issuer.as_str())));
    }
    fields.extend(
        s.tags
            .iter()
            .chain(&s.categories)
            .chain(&s.summary)
            .chain(s.content.toc.iter().map(|h| &h.title))
            .map(|t| (Field::Meta, Text::Plain(t.as_str()))),
    );
    fields.push((Field::Text, Text::Html(s.content.html.as_str())));
    let row = Row {
        // The number leads a document's result, as on its register.
        title: match &s.document {
            Some(d) => format!("{} {}: {}", d.kind, d.number, s.title),
            None => s.title.clone(),
        },
        path: page.path.clone(),
        date: s.date.map(|d| d.iso_date()),
        section: page.section,
        excerpt: excerpt(s.summary.as_deref().unwrap_or(&s.content.summary_text)),
    };
    (row, fields)
}

/// The start of a summary, cut at a word.
fn excerpt(text: &str) -> String {
    let Some((cut, _)) = text.char_indices().nth(EXCERPT_CHARS) else {
        return text.to_owned();
    };
    let head = &text[..cut];
    let head = &head[..head.rfind(char::is_whitespace).unwrap_or(cut)];
    format!("{}…", head.trim_end_matches(|c: char| !is_word_char(c)))
}

/// FxHash: the words of a big site are hashed millions of times, and SipHash's protection
/// against crafted keys buys nothing for an index built from the site's own files.
#[derive(Default)]
struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.write_u64(u64::from_le_bytes(word));
        }
    }

    fn write_u64(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// The spellings of a run of documents and where each occurs.
#[derive(Default)]
struct Postings {
    /// A word as written (`Đóng`, `đóng`) → the slot of its lowercase spelling; words of up
    /// to 8 bytes (most Vietnamese syllables) by their bytes packed in a number, which is
    /// hashed and compared much faster than a string.
    short: FastMap<u64, usize>,
    /// Packed words → slots, one entry per `recent_index`; empty entries hold 0, which no
    /// packed word is.
    recent: Recent,
    long: FastMap<String, usize>,
    spellings: Vec<Spelling>,
    /// The last document each spelling was found in: a word repeated in a document is then
    /// answered from this small array, without touching its list.
    last: Vec<u32>,
    /// For each spelling, the synonyms (as bits) whose phrase starts with it; most words start
    /// none and are passed over without a look at their text.
    opens: Vec<u64>,
    /// Two adjacent words' slots, packed in a number → the slot of the pair's spelling.
    pairs: FastMap<u64, usize>,
    /// The pairs of the document being added found in its title, tags, categories, summary
    /// and headings, packed (sorted once its text is reached): what it is about. Only these
    /// are indexed in its text too: all pairs of the texts would make the index about three
    /// times bigger.
    topics: Vec<u64>,
    /// For each spelling, the last document one of whose topics starts with it: most words
    /// of a text start none and are passed over without a look at the pair.
    opens_topic: Vec<u32>,
}

/// `Postings::recent`: 1,024 entries, each word at the top 10 bits of a multiplicative hash
/// of its packed bytes.
struct Recent(Box<[(u64, u32)]>);

impl Default for Recent {
    fn default() -> Recent {
        Recent(vec![(0, 0); 1 << 10].into_boxed_slice())
    }
}

fn recent_index(key: u64) -> usize {
    (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 54) as usize
}

/// The bytes of a word of up to 8 bytes, zero-padded: unambiguous, as no word holds a 0 byte.
fn packed(word: &str) -> Option<u64> {
    let bytes = word.as_bytes();
    (bytes.len() <= 8).then(|| {
        let mut word = [0u8; 8];
        word[..bytes.len()].copy_from_slice(bytes);
        u64::from_le_bytes(word)
    })
}

struct Spelling {
    /// Lowercase, marks kept: `đóng`.
    text: String,
    /// Folded: `dong`.
    key: String,
    /// A number next to a word is mostly a date or a count: pairs with one are left out, as
    /// there are many, each seen once, for little.
    number: bool,
    /// (document, best field), documents ascending.
    docs: Vec<(u32, Field)>,
}

impl Postings {
    /// The slot of a word as written; most words are seen before, as they are written.
    fn slot_of(&mut self, word: &str, lower: &mut String) -> usize {
        let key = packed(word);
        if let Some(key) = key {
            // A few hundred syllables make most of a text: a small table of the last words
            // seen answers them without hashing into the dictionary.
            let (seen, slot) = self.recent.0[recent_index(key)];
            if seen == key {
                return slot as usize;
            }
            if let Some(&slot) = self.short.get(&key) {
                self.recent.0[recent_index(key)] = (key, slot as u32);
                return slot;
            }
        } else if let Some(&slot) = self.long.get(word) {
            return slot;
        }
        lowercase_into(word, lower);
        let slot = self.slot(lower);
        self.remember(word, slot);
        slot
    }

    fn find(&self, word: &str) -> Option<usize> {
        match packed(word) {
            Some(key) => self.short.get(&key).copied(),
            None => self.long.get(word).copied(),
        }
    }

    fn remember(&mut self, word: &str, slot: usize) {
        match packed(word) {
            Some(key) => self.short.insert(key, slot),
            None => self.long.insert(word.to_owned(), slot),
        };
    }

    /// The slot of a lowercase spelling.
    fn slot(&mut self, text: &str) -> usize {
        if let Some(slot) = self.find(text) {
            return slot;
        }
        let key = fold(text);
        let opens = synonyms()
            .iter()
            .enumerate()
            .filter(|(_, s)| s.words.first() == Some(&key))
            .fold(0, |bits, (n, _)| bits | 1 << n);
        self.opens.push(opens);
        self.spellings.push(Spelling {
            text: text.to_owned(),
            number: key.starts_with(|c: char| c.is_ascii_digit()),
            key,
            docs: Vec::new(),
        });
        self.last.push(u32::MAX);
        self.opens_topic.push(u32::MAX);
        self.remember(text, self.spellings.len() - 1);
        self.spellings.len() - 1
    }

    /// Notes `slot` in `doc`. A document's fields come best first, so its first field is the
    /// one kept.
    fn record(&mut self, slot: usize, doc: u32, field: Field) {
        if self.last[slot] != doc {
            self.last[slot] = doc;
            self.spellings[slot].docs.push((doc, field));
        }
    }

    fn add(&mut self, doc: u32, fields: &[(Field, Text)]) {
        self.topics.clear();
        let mut lower = String::new();
        let mut sequence: Vec<usize> = Vec::new();
        for (field, text) in fields {
            sequence.clear();
            let mut each = |w: &str| {
                if w.len() <= MAX_WORD_BYTES {
                    let slot = self.slot_of(w, &mut lower);
                    self.record(slot, doc, *field);
                    sequence.push(slot);
                }
            };
            match text {
                Text::Plain(t) => scan(t, false, usize::MAX, &mut each),
                Text::Html(h) => scan(h, true, TEXT_WORDS, &mut each),
            }
            self.add_synonyms(doc, *field, &sequence);
            self.add_pairs(doc, *field, &sequence);
        }
    }

    /// Two adjacent words are also indexed as one term, `mức đóng` under the key `muc dong`:
    /// a query's words found next to each other, in its order, say more than the same words
    /// apart, and the pair's spellings tell which tone marks a query without them means.
    fn add_pairs(&mut self, doc: u32, field: Field, sequence: &[usize]) {
        let mut text = String::new();
        if field == Field::Text {
            // The text comes last: the topics are all known.
            self.topics.sort_unstable();
            self.topics.dedup();
        }
        for pair in sequence.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            let packed = (a as u64) << 32 | b as u64;
            if field == Field::Text {
                if self.opens_topic[a] != doc || self.topics.binary_search(&packed).is_err() {
                    continue;
                }
            } else if self.spellings[a].number || self.spellings[b].number {
                continue;
            }
            let slot = match self.pairs.get(&packed) {
                Some(&slot) => slot,
                None => {
                    text.clear();
                    text.push_str(&self.spellings[a].text);
                    text.push(' ');
                    text.push_str(&self.spellings[b].text);
                    let slot = self.slot(&text);
                    self.pairs.insert(packed, slot);
                    slot
                }
            };
            self.record(slot, doc, field);
            if field != Field::Text {
                self.topics.push(packed);
                self.opens_topic[a] = doc;
            }
        }
    }

    /// A phrase of the synonym list in the text also indexes its abbreviation, so that
    /// `bhyt` finds the articles that write "bảo hiểm y tế" in full.
    fn add_synonyms(&mut self, doc: u32, field: Field, sequence: &[usize]) {
        let list = synonyms();
        let mut found = Vec::new();
        for (i, &slot) in sequence.iter().enumerate() {
            let opens = self.opens[slot];
            if opens == 0 {
                continue;
            }
            for (s, synonym) in list.iter().enumerate() {
                let words = &synonym.words;
                let matches = opens & 1 << s != 0
                    && sequence.len() >= i + words.len()
                    && words
                        .iter()
                        .zip(&sequence[i..])
                        .skip(1)
                        .all(|(w, &at)| self.spellings[at].key == *w);
                if matches {
                    found.push(s);
                }
            }
        }
        for s in found {
            let abbreviation = self.slot(&list[s].abbreviation);
            self.record(abbreviation, doc, field);
        }
    }

    /// Appends `other`, whose documents all come after this one's.
    fn merge(&mut self, other: Postings) {
        for spelling in other.spellings {
            let slot = self.slot(&spelling.text);
            self.spellings[slot].docs.extend(spelling.docs);
        }
    }
}

fn index(docs: &[Vec<(Field, Text)>]) -> Postings {
    // Each part has a dictionary of its own, which the merge walks: one part per thread.
    let per_part = docs
        .len()
        .div_ceil(rayon::current_num_threads())
        .max(DOCS_PER_TASK);
    let parts: Vec<Postings> = docs
        .par_chunks(per_part)
        .enumerate()
        .map(|(part, chunk)| {
            let mut postings = Postings::default();
            for (i, doc) in chunk.iter().enumerate() {
                postings.add((part * per_part + i) as u32, doc);
            }
            postings
        })
        .collect();
    let mut all = Postings::default();
    for part in parts {
        all.merge(part);
    }
    all
}

/// Appends `s` as a JSON string.
fn push_json(out: &mut String, s: &str) {
    out.push_str(&serde_json::to_string(s).expect("strings serialise"));
}

/// A shard file: `{"dong":[["đóng",[title],[meta],[text]],...],...}`, each list
/// delta-encoded (the first number as is, then the differences). Spellings an edit left
/// without documents are left out; none when nothing is left.
fn shard_json(keys: &BTreeMap<String, Vec<usize>>, spellings: &[Spelling]) -> Option<String> {
    let mut out = String::from("{");
    for (key, slots) in keys {
        let mut used = slots
            .iter()
            .map(|&s| &spellings[s])
            .filter(|s| !s.docs.is_empty());
        let Some(first) = used.next() else { continue };
        if out.len() > 1 {
            out.push(',');
        }
        push_json(&mut out, key);
        out.push_str(":[");
        for (n, spelling) in std::iter::once(first).chain(used).enumerate() {
            if n > 0 {
                out.push(',');
            }
            out.push('[');
            push_json(&mut out, &spelling.text);
            for field in [Field::Title, Field::Meta, Field::Text] {
                out.push_str(",[");
                let mut previous = 0;
                let docs = spelling.docs.iter().filter(|(_, f)| *f == field);
                for (i, &(doc, _)) in docs.enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    push_digits(&mut out, doc - previous, 1);
                    previous = doc;
                }
                out.push(']');
            }
            out.push(']');
        }
        out.push(']');
    }
    out.push('}');
    (out.len() > 2).then_some(out)
}

fn shard_path(name: &str) -> String {
    format!("{SEARCH_DIR}t/{name}.json")
}

fn chunk_path(n: usize) -> String {
    format!("{SEARCH_DIR}d/{n}.json")
}

fn digest(bytes: &[u8]) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut hasher);
    hasher.finish()
}

/// The files an edit writes and removes.
#[derive(Default, Debug)]
pub(crate) struct Changes {
    pub written: Vec<(String, Vec<u8>)>,
    pub removed: Vec<String>,
}

/// The index of a site. `loa build` writes its files once; the preview keeps it, so that an
/// edited article rewrites only the files the edit changes.
pub(crate) struct Index {
    rows: Vec<Row>,
    /// Page → document number.
    numbers: HashMap<PageId, u32>,
    postings: Postings,
    /// Shard name → folded term → its spellings' slots, in spelling order.
    shards: BTreeMap<String, BTreeMap<String, Vec<usize>>>,
    /// (title, path) of each section, for the manifest.
    sections: Vec<(String, String)>,
    /// The hash of each file, for the manifest's.
    hashes: BTreeMap<String, u64>,
    /// The statistics' documents: the dashboard's number, then how many indicators and units
    /// follow it. The script shows the units found only by their description (which names
    /// every indicator) as one result, not one per district.
    statistics: Option<(usize, usize, usize)>,
}

impl Index {
    /// The index of `site`, and its files (paths relative to the output folder).
    pub(crate) fn build(site: &Site) -> (Index, Vec<(String, Vec<u8>)>) {
        let mut index = Index::new(site);
        let files = index.files();
        (index, files)
    }

    fn new(site: &Site) -> Index {
        let ids = pages(site);
        let (mut rows, mut fields): (Vec<Row>, Vec<_>) =
            ids.par_iter().map(|&id| document(site, id)).unzip();
        let mut sections: Vec<(String, String)> = site
            .sections
            .iter()
            .map(|s| (s.source.title.clone(), s.path.clone()))
            .collect();
        let stat_docs = site
            .stats
            .as_ref()
            .map(|stats| (rows.len(), stats.indicators.len(), stats.units.len()));
        if let Some(stats) = &site.stats {
            rows.extend(statistics(stats, sections.len()));
            // Their results show the dashboard's title as their section.
            let dashboard = stat_pages::StatPage::Dashboard;
            sections.push((
                stat_pages::heading(stats, dashboard).0,
                stat_pages::path(stats, dashboard),
            ));
        }
        fields.extend(rows[ids.len()..].iter().map(|row| {
            vec![
                (Field::Title, Text::Plain(row.title.as_str())),
                (Field::Meta, Text::Plain(row.excerpt.as_str())),
            ]
        }));
        let postings = index(&fields);
        drop(fields);
        let mut shards: BTreeMap<String, BTreeMap<String, Vec<usize>>> = BTreeMap::new();
        for (slot, spelling) in postings.spellings.iter().enumerate() {
            shards
                .entry(shard(&spelling.key))
                .or_default()
                .entry(spelling.key.clone())
                .or_default()
                .push(slot);
        }
        for slots in shards.values_mut().flat_map(BTreeMap::values_mut) {
            slots.sort_by(|&a, &b| postings.spellings[a].text.cmp(&postings.spellings[b].text));
        }
        Index {
            rows,
            numbers: ids
                .iter()
                .enumerate()
                .map(|(n, &id)| (id, n as u32))
                .collect(),
            postings,
            shards,
            sections,
            hashes: BTreeMap::new(),
            statistics: stat_docs,
        }
    }

    fn files(&mut self) -> Vec<(String, Vec<u8>)> {
        let spellings = &self.postings.spellings;
        let mut files: Vec<(String, Vec<u8>)> = self
            .shards
            .par_iter()
            .filter_map(|(name, keys)| {
                shard_json(keys, spellings).map(|json| (shard_path(name), json.into_bytes()))
            })
            .collect();
        files.par_extend(
            (0..self.rows.len().div_ceil(DOCS_PER_CHUNK))
                .into_par_iter()
                .map(|n| (chunk_path(n), self.chunk_json(n))),
        );
        self.hashes = files.iter().map(|(p, b)| (p.clone(), digest(b))).collect();
        files.push((SEARCH_MANIFEST.to_owned(), self.manifest()));
        files
    }

    /// Applies an edit of `page` that kept its place in the site (same title, date,
    /// section: see `pipeline::incremental`) and tells which files change.
    pub(crate) fn update(&mut self, site: &Site, page: PageId) -> Changes {
        let mut changes = Changes::default();
        let Some(&doc) = self.numbers.get(&page) else {
            return changes;
        };
        let (row, fields) = document(site, page);
        let mut fresh = Postings::default();
        fresh.add(doc, &fields);
        let now: HashMap<&str, Field> = fresh
            .spellings
            .iter()
            .map(|s| (s.text.as_str(), s.docs[0].1))
            .collect();
        let mut touched = std::collections::BTreeSet::new();
        for spelling in &mut self.postings.spellings {
            let Ok(at) = spelling.docs.binary_search_by_key(&doc, |&(d, _)| d) else {
                continue;
            };
            match now.get(spelling.text.as_str()) {
                Some(&field) if field == spelling.docs[at].1 => continue,
                Some(&field) => spelling.docs[at].1 = field,
                None => {
                    spelling.docs.remove(at);
                }
            }
            touched.insert(shard(&spelling.key));
        }
        for spelling in &fresh.spellings {
            let count = self.postings.spellings.len();
            let slot = self.postings.slot(&spelling.text);
            let added = &self.postings.spellings[slot];
            if slot == count {
                let slots = self
                    .shards
                    .entry(shard(&added.key))
                    .or_default()
                    .entry(added.key.clone())
                    .or_default();
                let spellings = &self.postings.spellings;
                let at = slots.partition_point(|&s| spellings[s].text < spellings[slot].text);
                slots.insert(at, slot);
            }
            let docs = &mut self.postings.spellings[slot].docs;
            if let Err(at) = docs.binary_search_by_key(&doc, |&(d, _)| d) {
                docs.insert(at, spelling.docs[0]);
                touched.insert(shard(&self.postings.spellings[slot].key));
            }
        }
        for name in touched {
            let path = shard_path(&name);
            match shard_json(&self.shards[&name], &self.postings.spellings) {
                Some(json) => changes.written.push((path, json.into_bytes())),
                None => {
                    self.hashes.remove(&path);
                    changes.removed.push(path);
                }
            }
        }
        let n = doc as usize;
        if self.rows[n] != row {
            self.rows[n] = row;
            let chunk = n / DOCS_PER_CHUNK;
            changes
                .written
                .push((chunk_path(chunk), self.chunk_json(chunk)));
        }
        if changes.written.is_empty() && changes.removed.is_empty() {
            return changes;
        }
        for (path, bytes) in &changes.written {
            self.hashes.insert(path.clone(), digest(bytes));
        }
        changes
            .written
            .push((SEARCH_MANIFEST.to_owned(), self.manifest()));
        changes
    }

    fn chunk_json(&self, n: usize) -> Vec<u8> {
        let rows: Vec<_> = self.rows[n * DOCS_PER_CHUNK..]
            .iter()
            .take(DOCS_PER_CHUNK)
            .map(|r| (&r.title, &r.path, &r.date, r.section, &r.excerpt))
            .collect();
        serde_json::to_vec(&rows).expect("documents serialise")
    }

    fn manifest(&self) -> Vec<u8> {
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        self.hashes.hash(&mut hasher);
        let shards: Vec<&str> = self
            .hashes
            .keys()
            .filter_map(|p| {
                p.strip_prefix(&format!("{SEARCH_DIR}t/"))?
                    .strip_suffix(".json")
            })
            .collect();
        let synonyms: Vec<(&str, &str)> = synonyms()
            .iter()
            .map(|s| (s.abbreviation.as_str(), s.phrase.as_str()))
            .collect();
        let manifest = serde_json::json!({
            "version": 1,
            "hash": format!("{:016x}", hasher.finish()),
            "documents": self.rows.len(),
            "per_chunk": DOCS_PER_CHUNK,
            "sections": self.sections,
            "shards": shards,
            "synonyms": synonyms,
            "statistics": self.statistics.map(|(dashboard, indicators, units)| serde_json::json!({
                "dashboard": dashboard,
                "indicators": [dashboard + 1, indicators],
                "units": [dashboard + 1 + indicators, units],
            })),
        });
        serde_json::to_vec(&manifest).expect("the manifest serialises")
    }
}

#[cfg(test)]
mod tests;
