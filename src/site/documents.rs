//! The register of legal documents: numbers checked across the site, relations and status derived.

use std::collections::HashMap;

use crate::base::date::DateTime;
use crate::base::error::Diagnostic;
use crate::base::text::{closest, fold};
use crate::load::documents::Status;
use crate::site::{Page, PageId, Site};

/// What a document's page knows from the rest of the register.
#[derive(Debug, Clone, Default)]
pub(crate) struct Relations {
    /// As written, or derived from the relations and dates.
    pub status: Status,
    pub replaces: Vec<PageId>,
    pub amends: Vec<PageId>,
    pub replaced_by: Vec<PageId>,
    pub amended_by: Vec<PageId>,
}

/// Links the documents of `pages` to each other and derives the status each does not state.
/// Returns the errors (a number used twice) and warnings (a number not in the register).
pub(crate) fn link(pages: &mut [Page], now: DateTime) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    let mut by_number: HashMap<&str, PageId> = HashMap::new();
    for (id, page) in pages.iter().enumerate() {
        let Some(d) = &page.source.document else {
            continue;
        };
        if let Some(&first) = by_number.get(d.number.as_str()) {
            let other = pages[first].source.file.display();
            found.push(
                page.source
                    .error_at(
                        "number",
                        format!("the number `{}` is already used by {other}", d.number),
                    )
                    .with_hint("each document has its own number; correct one of the two files")
                    .vi(
                        format!("số ký hiệu `{}` đã dùng cho {other}", d.number),
                        Some(
                            "mỗi văn bản có một số ký hiệu riêng; hãy sửa một trong hai tệp".into(),
                        ),
                    ),
            );
        } else {
            by_number.insert(&d.number, id);
        }
    }
    let numbers: Vec<&str> = by_number.keys().copied().collect();
    let folded: Vec<String> = numbers.iter().map(|n| fold(n)).collect();
    let folded_refs: Vec<&str> = folded.iter().map(String::as_str).collect();
    let mut relations: Vec<Relations> = vec![Relations::default(); pages.len()];
    for (id, page) in pages.iter().enumerate() {
        let Some(d) = &page.source.document else {
            continue;
        };
        for (key, list) in [("replaces", &d.replaces), ("amends", &d.amends)] {
            for number in list {
                match by_number.get(number.as_str()) {
                    Some(&target) => {
                        if key == "replaces" {
                            relations[id].replaces.push(target);
                            relations[target].replaced_by.push(id);
                        } else {
                            relations[id].amends.push(target);
                            relations[target].amended_by.push(id);
                        }
                    }
                    None => {
                        let near = closest(&fold(number), &folded_refs)
                            .and_then(|f| folded_refs.iter().position(|x| *x == f))
                            .map(|i| numbers[i]);
                        let (hint, hint_vi) = match near {
                            Some(n) => {
                                (format!("did you mean `{n}`?"), format!("có phải là `{n}`?"))
                            }
                            None => (
                                "add the document to the register or correct the number".to_owned(),
                                "thêm văn bản đó vào danh mục hoặc sửa lại số ký hiệu".to_owned(),
                            ),
                        };
                        found.push(
                            page.source
                                .error_at(
                                    key,
                                    format!("`{number}` ({key}) is not a document of the register"),
                                )
                                .with_hint(hint)
                                .vi(
                                    format!("văn bản `{number}` không có trong danh mục văn bản"),
                                    Some(hint_vi),
                                )
                                .warning(),
                        );
                    }
                }
            }
        }
    }
    for (page, mut relations) in pages.iter_mut().zip(relations) {
        let Some(d) = &page.source.document else {
            continue;
        };
        let status = d.status.unwrap_or(if !relations.replaced_by.is_empty() {
            Status::Replaced
        } else if d.effective.is_some_and(|e| e.iso_date() > now.iso_date()) {
            Status::NotYet
        } else if d.expires.is_some_and(|e| e.iso_date() < now.iso_date()) {
            Status::Expired
        } else {
            Status::InForce
        });
        relations.status = status;
        page.document = Some(Box::new(relations));
    }
    found
}

/// The site path of a document's file: beside its page in an article folder, else in its
/// section's folder, as the file sits beside its Markdown file.
pub(crate) fn file_path(site: &Site, page: &Page) -> Option<String> {
    let file = page.source.document.as_deref()?.file.as_deref()?;
    let folder = if page
        .source
        .file
        .file_name()
        .is_some_and(|n| n == "index.md")
    {
        page.path.as_str()
    } else {
        page.section.map_or("", |s| site.sections[s].path.as_str())
    };
    Some(format!("{folder}{file}"))
}
