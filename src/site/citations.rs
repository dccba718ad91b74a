//! Document numbers cited in articles: the first mention of each document of the register
//! becomes a link to its page, and citing a replaced or expired document is a warning.

use std::collections::HashMap;

use memchr::memchr_iter;
use rayon::prelude::*;

use crate::base::date::DateTime;
use crate::base::error::{Diagnostic, Span};
use crate::base::text::fold;
use crate::load::documents::Status;
use crate::site::{Page, PageId};

/// What a page cites: each document linked, and the warnings about replaced ones.
struct Cited {
    html: Option<String>,
    warnings: Vec<Diagnostic>,
}

/// A document as its citations are recognised.
struct Entry {
    id: PageId,
    /// The whole number folded: `146/2018/nd-cp`.
    number: String,
    /// `146/2018` when the number has a year, for the short forms (`NĐ 146/2018`).
    short: Option<String>,
    /// The type and its abbreviation folded: `nghi dinh`, `nd`.
    kinds: [String; 2],
}

/// Links and checks the citations of every page that is not itself a document (or of page
/// `only`, after an edit). A site without a register pays one pass over its pages' document
/// fields.
pub(crate) fn link(
    pages: &mut [Page],
    url_of: impl Fn(PageId) -> String + Sync,
    only: Option<PageId>,
) -> Vec<Diagnostic> {
    let entries: Vec<Entry> = pages
        .iter()
        .enumerate()
        .filter_map(|(id, p)| {
            let d = p.source.document.as_deref()?;
            let number = fold(&d.number);
            let mut parts = number.split('/');
            let short = match (parts.next(), parts.next()) {
                (Some(n), Some(y)) if y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()) => {
                    Some(format!("{n}/{y}"))
                }
                _ => None,
            };
            let kind = fold(&d.kind);
            let initials: String = kind.split(' ').filter_map(|w| w.chars().next()).collect();
            Some(Entry {
                id,
                number,
                short,
                kinds: [kind, initials],
            })
        })
        .collect();
    if entries.is_empty() {
        return Vec::new();
    }
    // By the digits a number starts with: the candidates of a mention.
    let mut by_digits: HashMap<&str, Vec<&Entry>> = HashMap::new();
    for e in &entries {
        let digits = e.number.split('/').next().unwrap_or("");
        by_digits.entry(digits).or_default().push(e);
    }
    // When each replaced or expired document stopped applying, if the register says: the
    // earliest date one replacing it took effect, or its own `expires`.
    let ended: Vec<Option<(Status, DateTime, Vec<PageId>)>> = pages
        .iter()
        .map(|p| {
            let r = p.document.as_deref()?;
            let d = p.source.document.as_deref()?;
            let from = |id: PageId| {
                let other = pages[id].source.document.as_deref()?;
                Some(other.effective.unwrap_or(other.issued))
            };
            let end = match r.status {
                Status::Replaced => r.replaced_by.iter().filter_map(|&i| from(i)).min(),
                Status::Expired => d.expires,
                _ => None,
            }?;
            Some((r.status, end, r.replaced_by.clone()))
        })
        .collect();
    let numbers: Vec<Option<&str>> = pages
        .iter()
        .map(|p| p.source.document.as_deref().map(|d| d.number.as_str()))
        .collect();
    let cited: Vec<Cited> = pages
        .par_iter()
        .enumerate()
        .map(|(id, p)| {
            if p.source.document.is_some() || only.is_some_and(|o| o != id) {
                return Cited {
                    html: None,
                    warnings: Vec::new(),
                };
            }
            cite(p, &by_digits, &url_of, &ended, &numbers)
        })
        .collect();
    let mut warnings = Vec::new();
    for (page, c) in pages.iter_mut().zip(cited) {
        if let Some(html) = c.html {
            page.source.content.html = html;
        }
        warnings.extend(c.warnings);
    }
    warnings
}

/// Elements whose text is never linked: headings, links, code, scripts.
const SKIPPED: &[&str] = &[
    "a", "h1", "h2", "h3", "h4", "h5", "h6", "code", "pre", "script", "style",
];

fn cite(
    page: &Page,
    by_digits: &HashMap<&str, Vec<&Entry>>,
    url_of: &impl Fn(PageId) -> String,
    ended: &[Option<(Status, DateTime, Vec<PageId>)>],
    numbers: &[Option<&str>],
) -> Cited {
    let html = &page.source.content.html;
    let mut out = String::new();
    let mut copied = 0;
    let mut linked: Vec<PageId> = Vec::new();
    let mut warnings = Vec::new();
    let bytes = html.as_bytes();
    let mut skip_until: Option<String> = None;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'<' {
            let end = html[i..].find('>').map_or(bytes.len(), |e| i + e + 1);
            let tag = &html[i + 1..end.saturating_sub(1)];
            let name: String = tag
                .trim_start_matches('/')
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect::<String>()
                .to_ascii_lowercase();
            match &skip_until {
                Some(open) if tag.starts_with('/') && *open == name => skip_until = None,
                None if !tag.starts_with('/') && SKIPPED.contains(&name.as_str()) => {
                    skip_until = Some(name)
                }
                _ => {}
            }
            i = end;
            continue;
        }
        let text_end = html[i..].find('<').map_or(bytes.len(), |e| i + e);
        if skip_until.is_none() {
            let text = &html[i..text_end];
            for slash in memchr_iter(b'/', text.as_bytes()) {
                let digits_start = text[..slash]
                    .bytes()
                    .rev()
                    .take_while(u8::is_ascii_digit)
                    .count();
                if digits_start == 0 {
                    continue;
                }
                let start = slash - digits_start;
                // A number starts a word: not `1.146/2018` nor `a146/2018`.
                if start > 0 && text.as_bytes()[start - 1].is_ascii_alphanumeric() {
                    continue;
                }
                let Some(candidates) = by_digits.get(&text[start..slash]) else {
                    continue;
                };
                let Some((entry, len)) = mention(text, start, candidates) else {
                    continue;
                };
                let at = i + start;
                if at < copied {
                    continue;
                }
                if linked.contains(&entry.id) {
                    continue;
                }
                // An article written while the document applied cites it rightly; one without
                // a date (a standalone page) speaks of today.
                let written_at = page.source.updated.or(page.source.date);
                if let Some((s, end, by)) = &ended[entry.id]
                    && written_at.is_none_or(|w| w >= *end)
                    && !says_it_is_past(text, start)
                {
                    let written = &text[start..start + len];
                    warnings.push(replaced_warning(page, written, entry, *s, by, numbers));
                }
                linked.push(entry.id);
                out.push_str(&html[copied..at]);
                out.push_str("<a href=\"");
                out.push_str(&url_of(entry.id));
                out.push_str("\">");
                out.push_str(&text[start..start + len]);
                out.push_str("</a>");
                copied = at + len;
            }
        }
        i = text_end;
    }
    if linked.is_empty() {
        return Cited {
            html: None,
            warnings,
        };
    }
    out.push_str(&html[copied..]);
    Cited {
        html: Some(out),
        warnings,
    }
}

/// Words by which a sentence says the document it cites no longer applies ("trước đó là …
/// theo Nghị định số 73/2024/NĐ-CP"), folded: such a citation is history, not a mistake.
const PAST: &[&str] = &[
    "truoc do",
    "truoc day",
    "het hieu luc",
    "thay the",
    "bai bo",
    "khong con",
    "da duoc sua doi",
];

/// Whether the sentence around `at` in `text` says that what it cites is past.
fn says_it_is_past(text: &str, at: usize) -> bool {
    // A sentence ends at a stop followed by a space: not inside 2.340.000 or 01.7.2024.
    let ends = |i: usize| {
        matches!(text.as_bytes()[i], b'.' | b';' | b'!' | b'?')
            && text
                .as_bytes()
                .get(i + 1)
                .is_none_or(u8::is_ascii_whitespace)
    };
    let start = (0..at).rev().find(|&i| ends(i)).map_or(0, |p| p + 1);
    let end = (at..text.len()).find(|&i| ends(i)).unwrap_or(text.len());
    let sentence = fold(&text[start..end]);
    PAST.iter().any(|w| sentence.contains(w))
}

/// The document `text` mentions at `start` (a number's first digit) and the mention's length:
/// its whole number however cased or toned (`146/2018/ND-CP`), or `146/2018` after its type
/// (`Nghị định số 146/2018`, `NĐ 146/2018`).
fn mention<'e>(text: &str, start: usize, candidates: &[&'e Entry]) -> Option<(&'e Entry, usize)> {
    let rest = &text[start..];
    // The mention ends where the number's characters do.
    let len = rest
        .char_indices()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '/' || c == '-'))
        .map_or(rest.len(), |(i, _)| i);
    let written = rest[..len].trim_end_matches(['-', '/']);
    let folded = fold(written);
    if let Some(e) = candidates.iter().find(|e| e.number == folded) {
        return Some((e, written.len()));
    }
    let before = fold(&text[..start]);
    let before = before.trim_end();
    let before = before.strip_suffix("so").map_or(before, str::trim_end);
    candidates
        .iter()
        .find(|e| {
            e.short.as_deref() == Some(folded.as_str())
                && e.kinds.iter().any(|k| {
                    before.ends_with(k.as_str())
                        && before[..before.len() - k.len()]
                            .chars()
                            .next_back()
                            .is_none_or(|c| !c.is_alphanumeric())
                })
        })
        .map(|e| (*e, written.len()))
}

fn replaced_warning(
    page: &Page,
    written: &str,
    entry: &Entry,
    status: Status,
    by: &[PageId],
    numbers: &[Option<&str>],
) -> Diagnostic {
    let s = &page.source;
    let body = &s.text[s.body_start..];
    let span = body.find(written).map_or(Span::new(1, 1, 3), |at| {
        Span::from_offsets(
            &s.text,
            s.body_start + at,
            s.body_start + at + written.len(),
        )
    });
    let replacing: Vec<&str> = by.iter().filter_map(|&i| numbers[i]).collect();
    let number = numbers[entry.id].unwrap_or(written);
    let (message, vi) = if replacing.is_empty() || status == Status::Expired {
        (
            format!("the article cites {number}, which is no longer in force"),
            format!("bài viết dẫn {number}, văn bản đã hết hiệu lực"),
        )
    } else {
        let list = replacing.join(", ");
        (
            format!("the article cites {number}, which was replaced by {list}"),
            format!("bài viết dẫn {number}, văn bản đã được thay thế bởi {list}"),
        )
    };
    Diagnostic::error(&s.file, span, message)
        .with_source(&s.text)
        .with_hint("cite the document in force, or say that the cited one no longer applies")
        .vi(
            vi,
            Some(
                "dẫn văn bản đang có hiệu lực, hoặc nói rõ văn bản được dẫn đã hết hiệu lực".into(),
            ),
        )
        .rule("cites-replaced")
        .warning()
}
