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
    if let Some(file) = &file {
        let folder = path.parent().unwrap_or(Path::new(""));
        if !is_local(file) || !folder.join(file).is_file() {
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
