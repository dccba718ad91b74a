//! Text as staff save it: decoding files to clean NFC strings, and the one slug function.

use std::path::Path;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::base::error::{Diagnostic, Span};

/// Decodes a source file: UTF-8 with or without BOM, CRLF or CR line endings, NFC or NFD.
/// Everything downstream sees LF-only NFC text, so the same title typed on Windows or macOS
/// gives the same slug and the same comparisons.
pub(crate) fn decode(path: &Path, bytes: &[u8]) -> Result<String, Diagnostic> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    // SIMD validation is several times faster on Vietnamese text, whose many two- and
    // three-byte letters keep std's ASCII fast path from helping; std's answer says where the
    // file is broken.
    if let Ok(text) = simdutf8::basic::from_utf8(bytes) {
        return Ok(normalise(text));
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let at = e.valid_up_to();
        let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = bytes[..at]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        let column = String::from_utf8_lossy(&bytes[line_start..at])
            .chars()
            .count()
            + 1;
        Diagnostic::error(
            path,
            Span::new(line, column, 1),
            format!("the file is not valid UTF-8 (invalid byte at offset {at})"),
        )
        .with_source(&String::from_utf8_lossy(bytes))
        .with_hint("save the file as UTF-8 (in Word or Notepad: Save As, Encoding: UTF-8)")
        .vi(
            format!("tệp không phải mã UTF-8 (byte lỗi ở vị trí {at})"),
            Some(
                "lưu lại tệp với mã UTF-8 (trong Word hoặc Notepad: Lưu thành, Mã hóa: UTF-8)"
                    .into(),
            ),
        )
    })?;
    Ok(normalise(text))
}

/// Characters no XML or HTML page may carry: control characters other than tab and newline
/// (Word's vertical tab and form feed arrive with pasted text) and the noncharacters U+FFFE
/// and U+FFFF. One of them in a title makes every feed that lists it invalid XML.
fn is_forbidden(c: char) -> bool {
    (c.is_control() && c != '\t' && c != '\n') || c == '\u{FFFE}' || c == '\u{FFFF}'
}

/// `text` without the characters no page may carry, and a warning at the place of each line
/// that had some. Most texts have none, which the byte test finds without decoding a char.
pub(crate) fn strip_forbidden(path: &Path, text: String) -> (String, Vec<Diagnostic>) {
    // C0 controls and DEL are single bytes; C1 controls start with 0xC2, U+FFFE/F with 0xEF.
    // Or-ing every byte without an early exit lets the compiler test many bytes at a time:
    // every source file of every build passes here.
    let suspect = text.as_bytes().iter().fold(0u8, |hit, &b| {
        hit | (u8::from(b < 0x20) & u8::from(b != b'\t') & u8::from(b != b'\n'))
            | u8::from(b == 0x7F)
            | u8::from(b == 0xC2)
            | u8::from(b == 0xEF)
    }) != 0;
    if !suspect || !text.contains(is_forbidden) {
        return (text, Vec::new());
    }
    let mut warnings = Vec::new();
    let mut last_line = 0;
    for (at, c) in text.char_indices().filter(|&(_, c)| is_forbidden(c)) {
        let span = Span::from_offsets(&text, at, at + c.len_utf8());
        if span.line == last_line {
            continue;
        }
        last_line = span.line;
        warnings.push(
            Diagnostic::error(
                path,
                span,
                format!("removed an invisible control character (U+{:04X})", c as u32),
            )
            .with_source(&text)
            .with_hint("it comes from text pasted from Word or a PDF; retype the line or paste it as plain text")
            .vi(
                format!("đã xóa một ký tự điều khiển vô hình (U+{:04X})", c as u32),
                Some("ký tự này đến từ văn bản dán từ Word hoặc PDF; gõ lại dòng này hoặc dán dưới dạng văn bản thuần".into()),
            )
            .warning(),
        );
    }
    (text.replace(is_forbidden, ""), warnings)
}

/// LF line endings and NFC: the form every decoded text takes, whatever its encoding was.
pub(crate) fn normalise(text: &str) -> String {
    if text.contains('\r') {
        nfc(&text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        nfc(text)
    }
}

/// NFC-normalises `text`, skipping the allocation-heavy pass when it is already NFC.
pub(crate) fn nfc(text: &str) -> String {
    if surely_nfc(text) {
        return text.to_owned();
    }
    // ASCII and precomposed Latin letters (all of Vietnamese's) are NFC and start no
    // combining sequence, so the quick check can skip them: it may then answer "maybe" more
    // often, never "yes" wrongly. Their table lookups were most of the cost of loading.
    match unicode_normalization::is_nfc_quick(text.chars().filter(|&c| !is_precomposed_latin(c))) {
        unicode_normalization::IsNormalized::Yes => text.to_owned(),
        _ => text.nfc().collect(),
    }
}

/// Whether `text` holds only characters that are NFC on their own and start no combining
/// sequence: U+0000–U+027F (ASCII, Latin-1, Latin Extended-A and -B, IPA), U+1E00–U+1EFF
/// (Latin Extended Additional: ạ … ỹ) and U+2002–U+203F (dashes, quotes, ellipsis). Decided
/// on the lead bytes alone, which is what nearly every Vietnamese text needs.
fn surely_nfc(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            0x00..=0x7F => i += 1,
            0xC2..=0xC9 => i += 2,
            0xE1 if matches!(bytes.get(i + 1), Some(0xB8..=0xBB)) => i += 3,
            0xE2 if bytes.get(i + 1) == Some(&0x80) && bytes.get(i + 2) >= Some(&0x82) => i += 3,
            _ => return false,
        }
    }
    true
}

/// ASCII, Latin-1 letters, Latin Extended-A and -B, Latin Extended Additional (ạ … ỹ).
fn is_precomposed_latin(c: char) -> bool {
    matches!(c, '\0'..='\u{24F}' | '\u{1E00}'..='\u{1EFF}')
}

/// What `fold` turns each precomposed Latin character from U+00C0 on into: one ASCII
/// character, or 0 when it folds to something else. Made once from the Unicode tables.
fn latin_folds() -> &'static [u8] {
    static TABLE: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        ('\u{C0}'..='\u{1EFF}')
            .map(|c| {
                let folded = fold_slowly(c);
                let mut chars = folded.chars();
                match (chars.next(), chars.next()) {
                    (Some(a), None) if a.is_ascii() => a as u8,
                    _ => 0,
                }
            })
            .collect()
    })
}

fn fold_slowly(c: char) -> String {
    let mut out = String::new();
    fold_char(c, &mut |d| out.push(d));
    out
}

/// Folds one character through the Unicode tables: its decomposition without marks, lowercase.
fn fold_char(c: char, each: &mut impl FnMut(char)) {
    match c {
        'đ' | 'Đ' => each('d'),
        c => unicode_normalization::char::decompose_canonical(c, |d| {
            if !is_combining_mark(d) {
                d.to_lowercase().for_each(&mut *each);
            }
        }),
    }
}

/// Formatting characters that draw nothing: zero-width spaces and joiners, the soft hyphen,
/// the word joiner, the byte order mark, direction marks, variation selectors, Hangul fillers,
/// tags. Inside a word they split it for a matcher but not for a reader.
pub(crate) fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{AD}' | '\u{34F}' | '\u{61C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
        | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{206F}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}'
        | '\u{FFA0}' | '\u{E0000}'..='\u{E0FFF}')
}

/// The Latin letter a Cyrillic, Greek or other letter is drawn like: Unicode's confusables for
/// a–z that spam uses to slip past word lists ("саsinо" with Cyrillic с, а, о).
fn latin_look_alike(c: char) -> char {
    match c {
        'а' | 'А' | 'α' | 'Α' | 'ɑ' => 'a',
        'в' | 'В' | 'Β' | 'ь' => 'b',
        'с' | 'С' | 'ϲ' | 'Ϲ' => 'c',
        'ԁ' => 'd',
        'е' | 'Е' | 'ε' | 'Ε' => 'e',
        'ɡ' => 'g',
        'һ' | 'Н' | 'Η' => 'h',
        'і' | 'І' | 'ι' | 'Ι' | 'ı' | 'ӏ' | 'Ӏ' => 'i',
        'ј' | 'Ј' | 'ϳ' => 'j',
        'к' | 'К' | 'κ' | 'Κ' => 'k',
        'М' | 'Μ' => 'm',
        'п' | 'η' | 'Ν' => 'n',
        'о' | 'О' | 'ο' | 'Ο' | 'σ' | 'օ' => 'o',
        'р' | 'Р' | 'ρ' | 'Ρ' => 'p',
        'ԛ' => 'q',
        'г' => 'r',
        'ѕ' | 'Ѕ' => 's',
        'т' | 'Т' | 'τ' | 'Τ' => 't',
        'υ' | 'ս' => 'u',
        'ν' | 'ѵ' => 'v',
        'ԝ' | 'ѡ' => 'w',
        'х' | 'Х' | 'χ' | 'Χ' => 'x',
        'у' | 'У' | 'γ' | 'Υ' | 'ү' => 'y',
        'Ζ' => 'z',
        c => c,
    }
}

/// Folds one character as a reader sees it: nothing for invisible formatting, its
/// compatibility decomposition (full-width `ｃ`, `ﬁ`, mathematical `𝐜`) without marks, and
/// look-alike letters made Latin. Only the spam rules look this hard: search and slugs keep
/// `fold`.
fn fold_seen(c: char, each: &mut impl FnMut(char)) {
    match c {
        'đ' | 'Đ' => each('d'),
        c if is_invisible(c) => {}
        c => unicode_normalization::char::decompose_compatible(c, |d| {
            if !is_combining_mark(d) {
                latin_look_alike(d).to_lowercase().for_each(&mut *each);
            }
        }),
    }
}

/// `text` as a reader sees it (NFKC, invisible formatting dropped, look-alike letters made
/// Latin, case kept), with the byte offset in `text` that each byte of it comes from, so a
/// phrase found in it is reported where it was written.
pub(crate) fn seen_text(text: &str) -> (String, Vec<usize>) {
    let mut seen = String::with_capacity(text.len());
    let mut from = Vec::with_capacity(text.len());
    let mut chars = text
        .char_indices()
        .filter(|&(_, c)| !is_invisible(c))
        .peekable();
    let mut cluster = String::new();
    while let Some((start, c)) = chars.next() {
        // A letter and the marks after it normalise together: "x" + U+0309 + "u" is "xỉu".
        cluster.clear();
        cluster.push(c);
        while let Some(&(_, mark)) = chars.peek().filter(|(_, m)| is_combining_mark(*m)) {
            cluster.push(mark);
            chars.next();
        }
        for d in cluster.nfkd().map(latin_look_alike).nfc() {
            seen.push(d);
            from.resize(seen.len(), start);
        }
    }
    (seen, from)
}

/// Folds Vietnamese (and any Latin) text to lowercase ASCII letters and digits, keeping other
/// characters: "Đóng BHYT" → "dong bhyt". Used by slugs and, later, by search and spam rules.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(text, &mut out);
    out
}

/// `fold(text)` in `out`, which is cleared first: a caller folding many words reuses one
/// buffer.
pub(crate) fn fold_into(text: &str, out: &mut String) {
    out.clear();
    let table = latin_folds();
    for c in text.chars() {
        // Most characters of Vietnamese text are ASCII; only the others need decomposing.
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        match table.get((c as usize).wrapping_sub(0xC0)) {
            Some(&a) if a != 0 => out.push(char::from(a)),
            _ => fold_char(c, &mut |d| out.push(d)),
        }
    }
}

/// ASCII letters and digits lowercased; 0 for every other ASCII character.
const ASCII_WORD: [u8; 128] = {
    let mut table = [0; 128];
    let mut b = 0;
    while b < 128 {
        if (b as u8).is_ascii_alphanumeric() {
            table[b] = (b as u8).to_ascii_lowercase();
        }
        b += 1;
    }
    table
};

/// Appends to `out` the UTF-8 bytes of `fold(text)` with every run of characters that are not
/// letters or digits made one space, and a space at each end: "Đặt cược!" → " dat cuoc ".
/// Phrases are matched as whole words this way: every text of every page goes through it on
/// each build, so it works on bytes, and looks up the letters of Vietnamese without decoding
/// them.
pub(crate) fn fold_words(text: &str, out: &mut Vec<u8>) {
    out.reserve(text.len() + 2);
    out.push(b' ');
    let space = |out: &mut Vec<u8>| {
        if out.last() != Some(&b' ') {
            out.push(b' ');
        }
    };
    let table = latin_folds();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii() {
            match ASCII_WORD[usize::from(b)] {
                0 => space(out),
                w => out.push(w),
            }
            i += 1;
            continue;
        }
        // 0 when the character is outside the tables or folds to more than one ASCII byte.
        let (folded, len) = match b {
            0xC3..=0xC9 => {
                let c = (usize::from(b & 0x1F) << 6) | usize::from(bytes[i + 1] & 0x3F);
                (table[c - 0xC0], 2)
            }
            0xE1 if matches!(bytes[i + 1], 0xB8..=0xBB) => {
                let c = 0x1000
                    | (usize::from(bytes[i + 1] & 0x3F) << 6)
                    | usize::from(bytes[i + 2] & 0x3F);
                (table[c - 0xC0], 3)
            }
            _ => (0, 0),
        };
        match folded {
            0 => {
                // Rare: the characters outside the tables, seen as a reader sees them.
                let c = text[i..].chars().next().unwrap_or_default();
                fold_seen(c, &mut |d| {
                    if d.is_alphanumeric() {
                        out.extend_from_slice(d.encode_utf8(&mut [0; 4]).as_bytes());
                    } else {
                        space(out);
                    }
                });
                i += c.len_utf8();
            }
            folded => {
                match ASCII_WORD.get(usize::from(folded)) {
                    Some(&w) if w != 0 => out.push(w),
                    _ => space(out),
                }
                i += len;
            }
        }
    }
    space(out);
}

/// The one slug function: "Đóng BHYT hộ gia đình năm 2022" → "dong-bhyt-ho-gia-dinh-nam-2022".
/// Every run of characters that are not ASCII letters or digits becomes a single hyphen.
pub(crate) fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    let mut pending_hyphen = false;
    for c in fold(text).chars() {
        if c.is_ascii_alphanumeric() {
            if pending_hyphen && !slug.is_empty() {
                slug.push('-');
            }
            pending_hyphen = false;
            slug.push(c);
        } else {
            pending_hyphen = true;
        }
    }
    slug
}

/// Escapes text for HTML element content and attribute values.
pub(crate) fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Number of words, counted the way a reader would (Vietnamese syllables separated by spaces).
pub(crate) fn word_count(text: &str) -> usize {
    // Byte by byte, with ASCII decided by a table and the letters of Vietnamese without
    // decoding them: every article's text is counted on every build.
    let bytes = text.as_bytes();
    let mut count = 0;
    let mut word_has_alphanumeric = false;
    let mut i = 0;
    while i < bytes.len() {
        let (space, alphanumeric, len) = match bytes[i] {
            b if b.is_ascii() => match ASCII_WORD[usize::from(b)] {
                0 => (ASCII_SPACE[usize::from(b)], false, 1),
                _ => (false, true, 1),
            },
            _ => match latin_letter_len(bytes, i) {
                Some(len) => (false, true, len),
                None => {
                    let c = text[i..].chars().next().unwrap_or_default();
                    (c.is_whitespace(), c.is_alphanumeric(), c.len_utf8())
                }
            },
        };
        if space {
            count += usize::from(word_has_alphanumeric);
            word_has_alphanumeric = false;
        } else {
            word_has_alphanumeric |= alphanumeric;
        }
        i += len;
    }
    count + usize::from(word_has_alphanumeric)
}

/// The ASCII characters `char::is_whitespace` accepts: is_ascii_whitespace's and the vertical tab.
const ASCII_SPACE: [bool; 128] = {
    let mut table = [false; 128];
    let mut b = 0;
    while b < 128 {
        table[b] = (b as u8).is_ascii_whitespace() || b == 0x0B;
        b += 1;
    }
    table
};

/// The length in bytes of the character at `bytes[i]` when its UTF-8 alone shows it is one of
/// the Latin letters Vietnamese is written with: U+00C0–U+027F but × and ÷, and U+1E00–U+1EFF
/// (ạ … ỹ). Word counts and the search index decide them so, without decoding: a big site has
/// millions of them.
#[inline]
pub(crate) fn latin_letter_len(bytes: &[u8], i: usize) -> Option<usize> {
    match bytes[i] {
        0xC3 if !matches!(bytes.get(i + 1), Some(0x97 | 0xB7)) => Some(2),
        0xC4..=0xC9 => Some(2),
        0xE1 if matches!(bytes.get(i + 1), Some(0xB8..=0xBB)) => Some(3),
        _ => None,
    }
}

/// Levenshtein distance, to suggest the key a typo meant.
pub(crate) fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if ca == *cb {
                diagonal
            } else {
                1 + diagonal.min(above).min(row[j])
            };
            diagonal = above;
        }
    }
    row[b.len()]
}

/// The closest of `candidates` to `word`, when it is close enough to be a likely typo.
pub(crate) fn closest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (edit_distance(word, c), *c))
        .filter(|(d, c)| *d <= 2.max(c.len() / 3))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_text_keeps_every_character_and_controls_go() {
        let path = Path::new("content/a.md");
        for ordinary in [
            "Bảo hiểm xã hội\ttỉnh Thanh Hóa\n",
            "Mức đóng\u{a0}4,5% « lương cơ sở » — ＢＨＸＨ ✓ 🙂\n",
            "Tổng đài 1900\u{202f}9068, địa chỉ: Số 2 Hạc Thành.\n",
        ] {
            let (text, warnings) = strip_forbidden(path, ordinary.to_owned());
            assert_eq!(text, ordinary);
            assert!(warnings.is_empty(), "{ordinary:?}");
        }
        let (text, warnings) = strip_forbidden(
            path,
            "a\u{b}b\u{c}\nc\u{85}d\u{fffe}\ne\u{7f}\u{0}f\n".to_owned(),
        );
        assert_eq!(text, "ab\ncd\nef\n");
        let lines: Vec<usize> = warnings.iter().map(|w| w.span.line).collect();
        assert_eq!(lines, [1, 2, 3], "one warning a line");
    }

    #[test]
    fn what_surely_nfc_lets_through_is_nfc_and_starts_no_sequence() {
        let through = ('\0'..='\u{27F}')
            .chain('\u{1E00}'..='\u{1EFF}')
            .chain('\u{2002}'..='\u{203F}');
        for c in through {
            assert!(surely_nfc(&c.to_string()), "{c:?}");
            assert_nfc_alone(c);
        }
        for c in [
            '\u{280}', '\u{301}', '\u{2000}', '\u{2001}', '\u{2040}', '\u{1DFF}', '\u{1F00}', '北',
        ] {
            assert!(!surely_nfc(&format!("ạ{c}")), "{c:?}");
        }
    }

    #[test]
    fn precomposed_latin_letters_are_nfc_on_their_own() {
        // `nfc` skips these in its quick check; that is only right if each one is NFC.
        for c in ('\0'..='\u{24F}').chain('\u{1E00}'..='\u{1EFF}') {
            assert_nfc_alone(c);
        }
    }

    /// `c` is NFC on its own and starts no combining sequence.
    fn assert_nfc_alone(c: char) {
        assert_eq!(
            unicode_normalization::is_nfc_quick(std::iter::once(c)),
            unicode_normalization::IsNormalized::Yes,
            "{c:?}"
        );
        assert_eq!(
            unicode_normalization::char::canonical_combining_class(c),
            0,
            "{c:?}"
        );
    }

    #[test]
    fn fold_table_agrees_with_the_unicode_tables() {
        for c in '\u{C0}'..='\u{1EFF}' {
            assert_eq!(fold(&c.to_string()), fold_slowly(c), "{c:?}");
        }
        assert_eq!(
            fold("Đóng BHYT hộ GIA ĐÌNH Ưu ĐÃI"),
            "dong bhyt ho gia dinh uu dai"
        );
    }

    #[test]
    fn fold_words_is_fold_with_runs_of_other_characters_made_one_space() {
        // Every character whose bytes fold_words decides without decoding, and those around.
        let each_character: Vec<String> = ('\u{0}'..='\u{2FF}')
            .chain('\u{1DF0}'..='\u{1F10}')
            .map(|c| format!("a{c}b {c}"))
            .collect();
        for text in [
            "Đặt cược!",
            "  bet365_cách vào—bet365 «nhà cái»  ",
            "ª µ ½ “x” ΩΩ 北京 x\u{301}y",
            "",
            "...",
        ]
        .into_iter()
        .chain(each_character.iter().map(String::as_str))
        {
            let folded = fold(&seen_text(text).0);
            let mut expected = String::from(" ");
            for word in folded
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
            {
                expected.push_str(word);
                expected.push(' ');
            }
            let mut got = Vec::new();
            fold_words(text, &mut got);
            assert_eq!(String::from_utf8(got).unwrap(), expected, "{text:?}");
        }
    }

    #[test]
    fn the_seen_text_is_what_a_reader_reads() {
        let (seen, from) = seen_text("c\u{200B}а\u{AD}ｓ𝐢no xi\u{309}u");
        assert_eq!(seen, "casino xỉu");
        // "x" is at byte 18 of the source, "i" + U+0309 at 19, "u" at 22.
        let x = seen.find('x').unwrap();
        assert_eq!((from[x], from[x + 1], from[seen.len() - 1]), (18, 19, 22));
        assert_eq!(seen_text("Đóng BHYT ﬁ ½").0, "Đóng BHYT fi 1⁄2");
    }

    #[test]
    fn word_count_counts_runs_holding_a_letter_or_digit() {
        assert_eq!(word_count("Mức đóng – 1.500.000 đồng\u{a0}/ tháng"), 5);
        assert_eq!(word_count("× ÷ ỹ ɐ Ā 北京\u{2003}—\u{b}é"), 5);
        // The byte-wise decisions agree with Unicode's on every character they make.
        for c in ('\u{80}'..='\u{2FF}').chain('\u{1E00}'..='\u{1EFF}') {
            let expected = usize::from(c.is_alphanumeric());
            assert_eq!(word_count(&format!("{c}")), expected, "{c:?}");
            assert_eq!(
                word_count(&format!("a{c}b")),
                2 - usize::from(!c.is_whitespace()),
                "{c:?}"
            );
        }
        assert_eq!(word_count("  \n"), 0);
        assert_eq!(word_count("BHYT"), 1);
    }

    #[test]
    fn slugs_fold_vietnamese() {
        assert_eq!(
            slugify("Đóng BHYT hộ gia đình năm 2022"),
            "dong-bhyt-ho-gia-dinh-nam-2022"
        );
        assert_eq!(
            slugify("  Hỏi – đáp: BHXH tự nguyện?  "),
            "hoi-dap-bhxh-tu-nguyen"
        );
        assert_eq!(slugify("ĐƯỜNG DÂY NÓNG"), "duong-day-nong");
        assert_eq!(slugify("Thẻ BHYT 4,5%"), "the-bhyt-4-5");
    }

    #[test]
    fn nfd_and_nfc_give_the_same_slug() {
        let nfc_title = "Đóng BHYT hộ gia đình";
        let nfd_title: String = nfc_title.nfd().collect();
        assert_ne!(nfc_title, nfd_title);
        assert_eq!(slugify(&nfd_title), slugify(nfc_title));
    }

    #[test]
    fn decode_strips_bom_and_crlf_and_normalises() {
        let nfd: String = "Bảo hiểm".nfd().collect();
        let raw = format!("\u{feff}a\r\nb\r{nfd}");
        let text = decode(Path::new("x.md"), raw.as_bytes()).unwrap();
        assert_eq!(text, "a\nb\nBảo hiểm");
    }

    #[test]
    fn invalid_utf8_names_line_and_column() {
        let err = decode(Path::new("x.md"), b"ok\nab\xff").unwrap_err();
        assert_eq!((err.span.line, err.span.column), (2, 3));
        assert!(err.message.contains("offset 5"), "{}", err.message);
    }

    #[test]
    fn suggestions() {
        assert_eq!(closest("tittle", &["title", "date"]), Some("title"));
        assert_eq!(closest("zzzzzz", &["title", "date"]), None);
    }
}
