//! Legal documents (văn bản): the front-matter keys of a `kind: documents` section, checked.

use std::collections::HashMap;
use std::path::Path;

use serde::Deserialize;

use crate::base::date::DateTime;
use crate::base::error::{Diagnostic, Span};
use crate::base::yaml::Scalar;

/// The types of document a register may hold.
pub(crate) const TYPES: &[&str] = &[
    "Luật",
    "Nghị định",
    "Thông tư",
    "Quyết định",
    "Công văn",
    "Hướng dẫn",
    "Kế hoạch",
    "Nghị quyết",
    "Chỉ thị",
    "Thông báo",
    "Hiến pháp",
    "Bộ luật",
    "Pháp lệnh",
    "Thông tư liên tịch",
    "Nghị quyết liên tịch",
    "Quy định",
    "Quy chế",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Status {
    #[default]
    InForce,
    NotYet,
    Expired,
    Replaced,
    PartlyReplaced,
}

impl Status {
    /// The code templates receive: `in-force`, `not-yet`, ...
    pub(crate) fn code(self) -> &'static str {
        match self {
            Status::InForce => "in-force",
            Status::NotYet => "not-yet",
            Status::Expired => "expired",
            Status::Replaced => "replaced",
            Status::PartlyReplaced => "partly-replaced",
        }
    }
}

/// A document's front matter as written; every key optional so that all missing ones are
/// reported together.
#[derive(Debug, Default)]
pub(crate) struct Front {
    pub number: Option<String>,
    pub kind: Option<String>,
    pub issuer: Option<String>,
    pub signer: Option<String>,
    pub issued: Option<Scalar>,
    pub effective: Option<Scalar>,
    pub expires: Option<Scalar>,
    pub status: Option<Status>,
    pub replaces: Vec<String>,
    pub amends: Vec<String>,
    pub fields: Vec<String>,
    pub file: Option<String>,
}

/// What a page of a documents section says about its document.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct DocumentMeta {
    /// Số ký hiệu: `146/2018/NĐ-CP`.
    pub number: String,
    /// One of `TYPES`.
    pub kind: String,
    pub issuer: String,
    pub signer: Option<String>,
    pub issued: DateTime,
    pub effective: Option<DateTime>,
    pub expires: Option<DateTime>,
    /// As written; the site model derives it when absent.
    pub status: Option<Status>,
    pub replaces: Vec<String>,
    pub amends: Vec<String>,
    pub fields: Vec<String>,
    /// The document's file, relative to the Markdown file's folder.
    pub file: Option<String>,
    /// What a reader learns of the file before downloading it.
    pub file_facts: Option<FileFacts>,
}

/// A document file's format, size and, for a PDF, its number of pages.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct FileFacts {
    /// `PDF`, `DOCX`: the extension in capitals.
    pub format: String,
    /// The IANA media type, for structured data.
    pub media_type: &'static str,
    pub bytes: u64,
    pub pages: Option<u32>,
}

impl FileFacts {
    fn read(file: &Path) -> Option<FileFacts> {
        let bytes = std::fs::metadata(file).ok()?.len();
        let extension = file.extension()?.to_string_lossy().to_lowercase();
        let media_type = match extension.as_str() {
            "pdf" => "application/pdf",
            "doc" => "application/msword",
            "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "xls" => "application/vnd.ms-excel",
            "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "odt" => "application/vnd.oasis.opendocument.text",
            _ => "application/octet-stream",
        };
        let pages = match extension.as_str() {
            "pdf" => std::fs::read(file).ok().and_then(|b| pdf_pages(&b)),
            _ => None,
        };
        Some(FileFacts {
            format: extension.to_uppercase(),
            media_type,
            bytes,
            pages,
        })
    }
}

/// The number of pages of a PDF: the `/Count` of its page tree's root, the largest `/Count`
/// of a `/Type /Pages` dictionary. A PDF whose page tree is inside a compressed object
/// stream shows none there; then the count is not known and the link says format and size
/// only, which is better than a guess.
pub(crate) fn pdf_pages(pdf: &[u8]) -> Option<u32> {
    let mut best: Option<u32> = None;
    let mut from = 0;
    while let Some(at) = memchr::memmem::find(&pdf[from..], b"/Pages").map(|p| from + p) {
        from = at + 6;
        // `/Type /Pages`, not a `/Pages 3 0 R` reference of the catalog.
        let before = &pdf[at.saturating_sub(16)..at];
        let typed = before
            .windows(5)
            .rposition(|w| w == b"/Type")
            .is_some_and(|p| before[p + 5..].iter().all(u8::is_ascii_whitespace));
        if !typed {
            continue;
        }
        // The dictionary around it: back to its `<<`, on to its `>>`.
        let start = pdf[..at]
            .windows(2)
            .rposition(|w| w == b"<<")
            .unwrap_or(at.saturating_sub(512));
        let end = memchr::memmem::find(&pdf[at..], b">>").map_or(pdf.len(), |e| at + e);
        let dict = &pdf[start..end];
        if let Some(c) = memchr::memmem::find(dict, b"/Count") {
            let digits: String = dict[c + 6..]
                .iter()
                .skip_while(|b| b.is_ascii_whitespace())
                .take_while(|b| b.is_ascii_digit())
                .map(|&b| b as char)
                .collect();
            if let Ok(n) = digits.parse::<u32>() {
                best = best.max(Some(n));
            }
        }
    }
    best.filter(|&n| n > 0)
}

/// Checks a document's keys; every problem is reported, not only the first.
pub(crate) fn check(
    path: &Path,
    front: Front,
    spans: &HashMap<String, Span>,
    text: &str,
    more_types: &[String],
) -> Result<DocumentMeta, Vec<Diagnostic>> {
    let mut errors = Vec::new();
    let at = |key: &str| spans.get(key).copied().unwrap_or(Span::new(1, 1, 3));
    let clean = |v: Option<String>| v.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty());
    let mut required = |key: &str, value: Option<String>, example: &str| {
        if value.is_none() {
            errors.push(
                Diagnostic::error(path, at(key), format!("the document has no `{key}`"))
                    .with_source(text)
                    .with_hint(format!("add a line `{key}: {example}` to the front matter"))
                    .vi(
                        format!("văn bản chưa có khóa `{key}`"),
                        Some(format!(
                            "thêm dòng `{key}: {example}` vào phần thông tin đầu bài"
                        )),
                    ),
            );
        }
        value
    };
    let number = required("number", clean(front.number), "\"146/2018/NĐ-CP\"");
    let kind = required("type", clean(front.kind), "Nghị định");
    let issuer = required("issuer", clean(front.issuer), "Chính phủ");
    let issued_text = required("issued", front.issued.map(|s| s.text()), "2018-10-17");
    let mut date = |key: &str, value: Option<String>| {
        let value = value?;
        match DateTime::parse(&value) {
            Ok(d) => Some(d),
            Err(message) => {
                errors.push(
                    Diagnostic::error(path, at(key), message)
                        .with_source(text)
                        .with_hint(format!(
                            "write the {key} date as YYYY-MM-DD, e.g. {key}: 2018-10-17"
                        ))
                        .vi(
                            format!("`{value}` không phải ngày hợp lệ (khóa `{key}`)"),
                            Some(format!(
                                "viết ngày theo dạng năm-tháng-ngày, ví dụ: {key}: 2018-10-17"
                            )),
                        ),
                );
                None
            }
        }
    };
    let issued = date("issued", issued_text);
    let effective = date("effective", front.effective.map(|s| s.text()));
    let expires = date("expires", front.expires.map(|s| s.text()));
    if let (Some(issued), Some(effective)) = (issued, effective)
        && effective.iso_date() < issued.iso_date()
    {
        errors.push(
            Diagnostic::error(
                path,
                at("effective"),
                format!(
                    "the document takes effect ({}) before it was issued ({})",
                    effective.iso_date(),
                    issued.iso_date()
                ),
            )
            .with_source(text)
            .with_hint("check both dates against the document: `effective` is on or after `issued`")
            .vi(
                format!(
                    "ngày hiệu lực ({}) trước ngày ban hành ({})",
                    effective.date_vi(),
                    issued.date_vi()
                ),
                Some(
                    "đối chiếu hai ngày với văn bản: ngày hiệu lực không được trước ngày ban hành"
                        .into(),
                ),
            ),
        );
    }
    if let Some(kind) = &kind
        && !TYPES.contains(&kind.as_str())
        && !more_types.iter().any(|t| t.trim() == kind)
    {
        let list = TYPES
            .iter()
            .copied()
            .chain(more_types.iter().map(String::as_str))
            .collect::<Vec<_>>()
            .join(", ");
        errors.push(
            Diagnostic::error(
                path,
                at("type"),
                format!("`{kind}` is not a type of document"),
            )
            .with_source(text)
            .with_hint(format!(
                "use one of: {list}; or add it to `document_types` in content/site.yaml"
            ))
            .vi(
                format!("`{kind}` không phải một loại văn bản"),
                Some(format!("dùng một trong các loại: {list}")),
            ),
        );
    }
    let file = clean(front.file);
    let mut file_facts = None;
    if let Some(file) = &file {
        let folder = path.parent().unwrap_or(Path::new(""));
        if is_local(file) && folder.join(file).is_file() {
            file_facts = FileFacts::read(&folder.join(file));
        } else {
            errors.push(
                Diagnostic::error(path, at("file"), format!("the file `{file}` does not exist"))
                    .with_source(text)
                    .with_hint("put the document's file beside this Markdown file (or in its article folder) and write its name, e.g. file: nd-146-2018.pdf")
                    .vi(
                        format!("không tìm thấy tệp `{file}`"),
                        Some("đặt tệp văn bản cạnh tệp Markdown này (hoặc trong thư mục bài) và ghi tên tệp, ví dụ: file: nd-146-2018.pdf".into()),
                    ),
            );
        }
    }
    match (number, kind, issuer, issued) {
        (Some(number), Some(kind), Some(issuer), Some(issued)) if errors.is_empty() => {
            Ok(DocumentMeta {
                number,
                kind,
                issuer,
                signer: clean(front.signer),
                issued,
                effective,
                expires,
                status: front.status,
                replaces: trimmed(front.replaces),
                amends: trimmed(front.amends),
                fields: trimmed(front.fields),
                file,
                file_facts,
            })
        }
        _ => Err(errors),
    }
}

fn trimmed(list: Vec<String>) -> Vec<String> {
    list.into_iter()
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect()
}

/// Whether `file` names a file under the Markdown file's folder, not elsewhere.
fn is_local(file: &str) -> bool {
    !file.starts_with('/')
        && !file.contains(':')
        && !file.contains('\\')
        && file
            .split('/')
            .all(|part| !part.is_empty() && part != "." && part != "..")
}

#[cfg(test)]
mod pdf_tests {
    use super::pdf_pages;

    #[test]
    fn a_pdf_counts_the_pages_of_its_page_tree() {
        let pdf = b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [3 0 R 4 0 R] /Count 14 >> endobj\n3 0 obj << /Type /Pages /Parent 2 0 R /Count 9 >> endobj\n5 0 obj << /Type /Outlines /Count 3 >> endobj\n";
        assert_eq!(pdf_pages(pdf), Some(14));
        let tight = b"<</Type/Pages/Count 2/Kids[3 0 R 4 0 R]>>";
        assert_eq!(pdf_pages(tight), Some(2));
    }

    #[test]
    fn a_pdf_without_a_readable_page_tree_has_no_count() {
        assert_eq!(
            pdf_pages(b"%PDF-1.5\n1 0 obj << /Type /ObjStm /N 5 >> stream x endstream"),
            None
        );
        assert_eq!(pdf_pages(b"<< /Type /Catalog /Pages 2 0 R >>"), None);
        assert_eq!(pdf_pages(b""), None);
    }
}
