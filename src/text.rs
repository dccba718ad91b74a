//! Text as staff save it: decoding files to clean NFC strings, and the one slug function.

use std::path::Path;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::error::{Diagnostic, Span};

/// Decodes a source file: UTF-8 with or without BOM, CRLF or CR line endings, NFC or NFD.
/// Everything downstream sees LF-only NFC text, so the same title typed on Windows or macOS
/// gives the same slug and the same comparisons.
pub fn decode(path: &Path, bytes: &[u8]) -> Result<String, Diagnostic> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
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

/// LF line endings and NFC: the form every decoded text takes, whatever its encoding was.
pub fn normalise(text: &str) -> String {
    let unified = if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text.to_owned()
    };
    nfc(&unified)
}

/// NFC-normalises `text`, skipping the allocation-heavy pass when it is already NFC.
pub fn nfc(text: &str) -> String {
    match unicode_normalization::is_nfc_quick(text.chars()) {
        unicode_normalization::IsNormalized::Yes => text.to_owned(),
        _ => text.nfc().collect(),
    }
}

/// Folds Vietnamese (and any Latin) text to lowercase ASCII letters and digits, keeping other
/// characters: "Đóng BHYT" → "dong bhyt". Used by slugs and, later, by search and spam rules.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        // Most characters of Vietnamese text are ASCII; only the others need decomposing.
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        match c {
            'đ' | 'Đ' => out.push('d'),
            c => unicode_normalization::char::decompose_canonical(c, |d| {
                if !is_combining_mark(d) {
                    out.extend(d.to_lowercase());
                }
            }),
        }
    }
    out
}

/// The one slug function: "Đóng BHYT hộ gia đình năm 2022" → "dong-bhyt-ho-gia-dinh-nam-2022".
/// Every run of characters that are not ASCII letters or digits becomes a single hyphen.
pub fn slugify(text: &str) -> String {
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
pub fn escape_html(text: &str) -> String {
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
pub fn word_count(text: &str) -> usize {
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// Levenshtein distance, to suggest the key a typo meant.
pub fn edit_distance(a: &str, b: &str) -> usize {
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
pub fn closest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
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
