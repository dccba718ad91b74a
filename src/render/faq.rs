//! Questions-and-answers sections (`faq: true`): each question with its answer, grouped by
//! topic, for the section's list and its FAQPage data.

use std::collections::BTreeMap;

use tera::Value;

use crate::render::structured;
use crate::site::{PageId, Site};

const QUESTION_LABELS: &[&str] = &["Câu hỏi", "Hỏi"];
const ANSWER_LABELS: &[&str] = &["Trả lời", "Đáp"];
/// The theme's ids use underscores, which Markdown heading ids never contain.
const ANCHOR_PREFIX: &str = "cau_";

/// Splits a question page's HTML at its bold labels, `**Câu hỏi:** …` and `**Trả lời:** …`
/// (or `Hỏi:` / `Đáp:`), and returns the reader's question and the answer without the
/// labels. A page without an answer label is all answer: its title is the question.
pub(crate) fn split(html: &str) -> (Option<String>, String) {
    let Some((answer_at, answer_text)) = labelled(html, ANSWER_LABELS) else {
        return (None, html.to_owned());
    };
    let before = &html[..answer_at];
    let question = match labelled(before, QUESTION_LABELS) {
        Some((at, text)) => format!("{}{}", &before[..at], reopen(&before[text..])),
        None => before.to_owned(),
    };
    let question = question.trim();
    (
        (!question.is_empty()).then(|| question.to_owned()),
        reopen(&html[answer_text..]).trim().to_owned(),
    )
}

/// Where the paragraph opening with one of the bold `labels` starts, and where its text
/// after the label starts: `<p><strong>Trả lời:</strong> Có` or `<p><strong>Trả lời</strong>: Có`.
fn labelled(html: &str, labels: &[&str]) -> Option<(usize, usize)> {
    const OPEN: &str = "<p><strong>";
    let mut from = 0;
    while let Some(found) = html[from..].find(OPEN) {
        let at = from + found;
        let rest = &html[at + OPEN.len()..];
        for label in labels {
            let Some(after) = rest.strip_prefix(label) else {
                continue;
            };
            let after = after
                .strip_prefix(":</strong>")
                .or_else(|| after.strip_prefix("</strong>:"));
            if let Some(after) = after {
                let text = after.trim_start();
                return Some((at, html.len() - text.len()));
            }
        }
        from = at + OPEN.len();
    }
    None
}

/// The rest of a paragraph whose label was cut off, as a paragraph again; nothing when the
/// label stood alone.
fn reopen(rest: &str) -> String {
    match rest.strip_prefix("</p>") {
        Some(after) => after.to_owned(),
        None => format!("<p>{rest}"),
    }
}

/// On the list, an answer's headings sit under the question's `<h3>`: two levels down, and
/// without their ids, which belong to the question's own page (two answers may share one).
pub(crate) fn demote_headings(html: &str) -> String {
    let bytes = html.as_bytes();
    let mut out = String::with_capacity(html.len());
    let (mut copied, mut from) = (0, 0);
    while let Some(found) = html[from..].find('<') {
        let at = from + found;
        let h = if bytes.get(at + 1) == Some(&b'/') {
            at + 2
        } else {
            at + 1
        };
        let is_heading = bytes.get(h) == Some(&b'h')
            && matches!(bytes.get(h + 1), Some(b'1'..=b'6'))
            && matches!(bytes.get(h + 2), Some(b' ' | b'>'));
        if !is_heading {
            from = at + 1;
            continue;
        }
        let level = (bytes[h + 1] - b'0' + 2).min(6);
        out.push_str(&html[copied..=h]);
        out.push(char::from(b'0' + level));
        let mut next = h + 2;
        if let Some(id) = html[next..].strip_prefix(" id=\"")
            && let Some(end) = id.find('"')
        {
            next += " id=\"".len() + end + 1;
        }
        copied = next;
        from = next;
    }
    out.push_str(&html[copied..]);
    out
}

/// The `faq` value of a questions-and-answers section's list page: `{topics: [{name, url,
/// questions: [{anchor, title, url, question, answer, date}]}], json_ld}`. Questions are
/// grouped by their first category, in the order the section lists them; those without
/// one come last, under no name.
pub(crate) fn context(site: &Site, ids: &[PageId], page_permalink: &str) -> Value {
    let categories = &site.taxonomies[1];
    let mut topics: Vec<(Option<usize>, Vec<PageId>)> = Vec::new();
    for &id in ids {
        let topic = site.pages[id]
            .terms
            .iter()
            .find(|(t, _)| *t == 1)
            .map(|&(_, term)| term);
        match topics.iter_mut().find(|(t, _)| *t == topic) {
            Some((_, questions)) => questions.push(id),
            None => topics.push((topic, vec![id])),
        }
    }
    topics.sort_by_key(|(topic, _)| topic.is_none());
    let mut anchors: Vec<String> = Vec::new();
    let mut answered: Vec<(String, String)> = Vec::new();
    let topics: Vec<Value> = topics
        .into_iter()
        .map(|(topic, questions)| {
            let questions: Vec<Value> = questions
                .into_iter()
                .map(|id| {
                    let page = &site.pages[id];
                    let s = &page.source;
                    let mut anchor = format!("{ANCHOR_PREFIX}{}", s.slug);
                    if anchors.contains(&anchor) {
                        anchor = format!("{anchor}_{}", anchors.len());
                    }
                    anchors.push(anchor.clone());
                    let (question, answer) = split(&s.content.html);
                    let answer = demote_headings(&answer);
                    answered.push((s.title.clone(), answer.clone()));
                    Value::from(BTreeMap::from([
                        ("anchor", Value::from(anchor)),
                        ("title", Value::from(s.title.as_str())),
                        ("url", Value::from(site.config.url(&page.path))),
                        (
                            "question",
                            question.map_or(Value::none(), |q| Value::from(demote_headings(&q))),
                        ),
                        ("answer", Value::from(answer)),
                        (
                            "date",
                            s.date.map_or(Value::none(), |d| Value::from(d.iso())),
                        ),
                    ]))
                })
                .collect();
            let (name, url) = match topic {
                Some(term) => {
                    let term = &categories.terms[term];
                    (
                        Value::from(term.name.as_str()),
                        Value::from(site.config.url(&term.path(categories))),
                    )
                }
                None => (Value::none(), Value::none()),
            };
            Value::from(BTreeMap::from([
                ("name", name),
                ("url", url),
                ("questions", Value::from(questions)),
            ]))
        })
        .collect();
    Value::from(BTreeMap::from([
        ("topics", Value::from(topics)),
        (
            "json_ld",
            Value::from(structured::faq_page(page_permalink, &answered)),
        ),
    ]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn question_and_answer_are_split_at_their_labels() {
        let html = "<p><strong>Câu hỏi:</strong> Tôi mất thẻ, làm sao?</p>\n<p><strong>Trả lời:</strong></p>\n<p>Ông làm tờ khai.</p>\n";
        let (question, answer) = split(html);
        assert_eq!(question.as_deref(), Some("<p>Tôi mất thẻ, làm sao?</p>"));
        assert_eq!(answer, "<p>Ông làm tờ khai.</p>");
        // The colon after the bold label, and an answer in the label's paragraph.
        let (question, answer) =
            split("<p>Bạn đọc hỏi:</p>\n<p><strong>Đáp</strong>: Có. Xem thêm.</p>");
        assert_eq!(question.as_deref(), Some("<p>Bạn đọc hỏi:</p>"));
        assert_eq!(answer, "<p>Có. Xem thêm.</p>");
    }

    #[test]
    fn a_page_without_labels_is_all_answer() {
        let html = "<p>Được, nếu đã đóng đủ 12 tháng.</p>";
        assert_eq!(split(html), (None, html.to_owned()));
        // A label word that is not a label.
        let html = "<p><strong>Trả lời</strong> nhanh trong 7 ngày.</p>";
        assert_eq!(split(html), (None, html.to_owned()));
    }

    #[test]
    fn answer_headings_go_two_levels_down_without_ids() {
        assert_eq!(
            demote_headings(
                "<h2 id=\"giay-to\">Giấy tờ</h2><p>x</p><h3 id=\"a\">A</h3><h5>B</h5><hr><header>"
            ),
            "<h4>Giấy tờ</h4><p>x</p><h5>A</h5><h6>B</h6><hr><header>"
        );
    }
}
