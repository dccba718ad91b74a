//! Which pages and sections translate each other (`translation_of`, or the same path under
//! `/<code>/`), so each can name the others for `hreflang` and the language switch.

use std::collections::HashMap;
use std::path::Path;

use crate::base::error::{Diagnostic, Span};
use crate::load::strings::Languages;
use crate::site::{Page, Section};

/// One version of a page: its language and site path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Version {
    pub lang: usize,
    pub path: String,
}

/// Every version of each translated page or section, keyed by each version's site path
/// (versions sorted by language, the site's first). Untranslated pages are absent.
pub(crate) type Translations = HashMap<String, Vec<Version>>;

/// A page or section as the translation rules see it.
struct Item<'a> {
    lang: usize,
    path: &'a str,
    translation_of: Option<(&'a str, Span)>,
    file: &'a Path,
    /// The file's text when it is at hand, to quote in errors.
    text: Option<&'a str>,
}

/// Groups the translations of the site; errors name the `translation_of` line that leads
/// nowhere, to a page in its own language, or to a page another one already translates.
pub(crate) fn link(
    sections: &[Section],
    pages: &[Page],
    languages: &Languages,
) -> (Translations, Vec<Diagnostic>) {
    // A site in one language, without `translation_of`, has nothing to link.
    let monolingual = sections
        .iter()
        .all(|s| s.source.lang == 0 && s.source.translation_of.is_none())
        && pages
            .iter()
            .all(|p| p.source.lang == 0 && p.source.translation_of.is_none());
    if monolingual {
        return (Translations::new(), Vec::new());
    }
    let mut items: Vec<Item> = sections
        .iter()
        .map(|s| Item {
            lang: s.source.lang,
            path: &s.path,
            translation_of: s
                .source
                .translation_of
                .as_ref()
                .map(|(t, span)| (t.as_str(), *span)),
            file: &s.source.file,
            text: None,
        })
        .collect();
    items.extend(pages.iter().map(|p| Item {
        lang: p.source.lang,
        path: &p.path,
        translation_of: p.source.translation_of.as_deref().map(|t| {
            let span = p.source.spans.get("translation_of").copied();
            (t, span.unwrap_or_default())
        }),
        file: &p.source.file,
        text: Some(&p.source.text),
    }));
    let by_path: HashMap<&str, usize> = items
        .iter()
        .enumerate()
        .map(|(i, item)| (item.path, i))
        .collect();
    let mut errors = Vec::new();
    // The item each one translates; a translation of a translation joins the original's group.
    let mut direct: Vec<Option<usize>> = vec![None; items.len()];
    for (i, item) in items.iter().enumerate() {
        let target = match item.translation_of {
            Some((written, span)) => {
                let path = site_path(written);
                match by_path.get(path.as_str()) {
                    Some(&t) => Some(t),
                    None => {
                        errors.push(
                            error(item, span, format!("`translation_of: {written}` leads nowhere in this site"))
                                .with_hint("write the site path of the page this one translates, e.g. /gioi-thieu/ (its address without the domain)")
                                .vi(
                                    format!("`translation_of: {written}` không dẫn tới trang nào"),
                                    Some("ghi đường dẫn của trang được dịch, ví dụ /gioi-thieu/".into()),
                                ),
                        );
                        None
                    }
                }
            }
            // `en/gioi-thieu/` translates `gioi-thieu/` when the latter exists.
            None => item
                .path
                .strip_prefix(languages.code(item.lang))
                .and_then(|rest| rest.strip_prefix('/'))
                .filter(|_| item.lang != 0)
                .and_then(|rest| by_path.get(rest).copied()),
        };
        let Some(t) = target else { continue };
        if items[t].lang == item.lang {
            if let Some((written, span)) = item.translation_of {
                errors.push(
                    error(
                        item,
                        span,
                        format!(
                            "`translation_of: {written}` is in the same language as this page ({})",
                            languages.code(item.lang)
                        ),
                    )
                    .with_hint("a translation is in another language: set `lang` on this page or its section, or remove `translation_of`"),
                );
            }
            continue;
        }
        direct[i] = Some(t);
    }
    let mut groups: HashMap<usize, Vec<usize>> = HashMap::new();
    for (i, first) in direct.iter().enumerate() {
        let Some(mut root) = *first else { continue };
        // Bounded: a cycle of `translation_of`s ends somewhere instead of looping.
        for _ in 0..items.len() {
            match direct[root] {
                Some(next) if next != i => root = next,
                _ => break,
            }
        }
        groups.entry(root).or_insert_with(|| vec![root]).push(i);
    }
    let mut translations = Translations::new();
    let mut roots: Vec<usize> = groups.keys().copied().collect();
    roots.sort_unstable();
    for root in roots {
        let mut members = groups.remove(&root).unwrap_or_default();
        members.sort_by_key(|&m| (items[m].lang, m != root, m));
        members.dedup();
        let mut versions: Vec<Version> = Vec::new();
        for &m in &members {
            let item = &items[m];
            if versions.iter().any(|v| v.lang == item.lang) {
                let span = item.translation_of.map(|(_, s)| s).unwrap_or_default();
                errors.push(
                    error(
                        item,
                        span,
                        format!(
                            "/{} already has a version in `{}`",
                            items[root].path,
                            languages.code(item.lang)
                        ),
                    )
                    .with_hint("keep one translation per language: remove `translation_of` from one of them"),
                );
                continue;
            }
            versions.push(Version {
                lang: item.lang,
                path: item.path.to_owned(),
            });
        }
        for v in &versions {
            translations.insert(v.path.clone(), versions.clone());
        }
    }
    (translations, errors)
}

/// `/gioi-thieu/` and `gioi-thieu` as the site path `gioi-thieu/`; `/` as the home page's `""`.
fn site_path(written: &str) -> String {
    let trimmed = written.trim().trim_matches('/');
    if trimmed.is_empty() {
        String::new()
    } else {
        format!("{trimmed}/")
    }
}

fn error(item: &Item, span: Span, message: String) -> Diagnostic {
    let d = Diagnostic::error(item.file, span, message);
    match item.text {
        Some(text) => d.with_source(text),
        None => match std::fs::read_to_string(item.file) {
            Ok(text) => d.with_source(&text),
            Err(_) => d,
        },
    }
}
