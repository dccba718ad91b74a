//! The theme's string tables, `themes/<theme>/strings.yaml` for the site's language and
//! `strings.<code>.yaml` for each other one: every word of the interface, written by loa itself
//! (taxonomy names, breadcrumbs, the statistics' tables and charts) or by the templates (as
//! `t.<key>`), so that wording is the theme's to decide and `src/` holds no interface text.

use std::path::Path;
use std::sync::Arc;

use serde::Deserialize;

use crate::base::error::{Diagnostic, Diagnostics};
use crate::base::yaml;

pub(crate) const FILE: &str = "strings.yaml";

/// Declares the table once: the struct, its keys for typo suggestions, and the placeholders
/// each string may hold.
macro_rules! strings {
    ($($(#[doc = $doc:literal])* $key:ident: [$($placeholder:literal),*],)*) => {
        #[derive(Debug, Default, Deserialize)]
        #[serde(deny_unknown_fields)]
        pub(crate) struct Strings {
            $($(#[doc = $doc])* pub $key: String,)*
        }

        const KEYS: &[&str] = &[$(stringify!($key)),*];

        impl Strings {
            fn texts(&self) -> Vec<(&'static str, &str, &'static [&'static str])> {
                vec![$((stringify!($key), self.$key.as_str(), &[$($placeholder),*])),*]
            }

            /// The string of `key`, for templates that name it as `t.<key>`.
            pub(crate) fn get(&self, key: &str) -> Option<&str> {
                match key {
                    $(stringify!($key) => Some(&self.$key),)*
                    _ => None,
                }
            }

            /// Every key, for suggestions when a template names an unknown one.
            pub(crate) fn keys() -> &'static [&'static str] {
                KEYS
            }
        }
    };
}

strings! {
    /// This language's own name, for the language switch: "Tiếng Việt", "English".
    language_name: [],
    /// The taxonomy of `tags:`, e.g. "Từ khóa".
    tags: [],
    /// The taxonomy of `categories:`.
    categories: [],
    /// The first breadcrumb.
    home: [],
    /// The statistics dashboard's title.
    stats_title: [],
    stats_description: ["month"],
    indicator_description: ["indicator"],
    unit_description: ["unit"],
    /// Below every figure.
    source_note: ["source", "date"],
    download_table_csv: [],
    download_table_json: [],
    download_all_csv: [],
    download_all_json: [],
    table_unit_title: ["unit", "month"],
    table_indicator_title: ["indicator", "month"],
    column_indicator: [],
    column_unit: [],
    column_month: [],
    column_people: [],
    column_plan: [],
    column_percent_of_plan: [],
    column_previous_month: [],
    column_since_december: [],
    column_year_on_year: [],
    column_coverage: [],
    /// In January, when the previous month is December of the previous year.
    column_previous_month_is_december: [],
    /// In December, when December of the previous year is the same month a year earlier.
    column_december_is_year_on_year: [],
    correction_note: ["unit", "indicator", "month", "date", "previous", "note"],
    correction_previous: ["count"],
    /// What an indicator counts when the catalog does not say.
    unit_people: [],
    /// A task list's ticked box, for screen readers.
    task_done: [],
    task_open: [],
    /// A figure not final yet.
    provisional: [],
    /// A month without figures in a chart.
    no_data: [],
    /// An axis label in thousands.
    thousands: ["count"],
    chart_data: [],
    chart_plan: [],
    chart_plan_line: [],
    line_chart_description: ["indicator", "from", "to", "plan"],
    line_chart_plan_note: [],
    coverage_chart_title: ["unit", "from", "to"],
    coverage_chart_description: [],
    coverage_series: [],
    plan_by_unit_title: ["indicator", "year", "month"],
    plan_by_unit_description: ["indicator", "year"],
    plan_by_indicator_title: ["unit", "year", "month"],
    plan_by_indicator_description: ["unit", "year"],
    sparkline_label: ["indicator"],
    /// A document's download link, after its name: "PDF, 1,2 MB".
    document_file: ["format", "size"],
    document_file_pages: ["format", "size", "pages"],
    // The templates' words, read as `t.<key>` (placeholders filled by the `fill` filter).
    /// Open Graph locale of the pages in this language.
    og_locale: [],
    skip_link: [],
    preview_banner_title: [],
    preview_banner_text: [],
    /// The header's phone label when site.yaml gives none.
    hotline: [],
    search_site: [],
    search: [],
    search_placeholder: [],
    search_button: [],
    main_menu: [],
    menu: [],
    languages: [],
    contact: [],
    address: [],
    email: [],
    working_hours: [],
    tasks_footer: [],
    sections_footer: [],
    responsibility_owner: [],
    responsibility_person: [],
    feed_link: [],
    draft_banner: [],
    published: [],
    updated: [],
    author: [],
    /// After the minutes an article takes to read.
    minutes_read: [],
    toc: [],
    /// Before the name or link of where an article was first published.
    source: [],
    previous_and_next: [],
    previous_article: [],
    next_article: [],
    related: [],
    /// Before the section's name, on the link back to it.
    all_in_section: [],
    help_title: [],
    call: [],
    the_hotline: [],
    or_write_to: [],
    sections_in: ["section"],
    article_count: ["count"],
    faq_hint: ["count"],
    faq_other: [],
    faq_question: [],
    faq_answer: [],
    faq_own_page: [],
    faq_link: [],
    articles: [],
    no_articles: [],
    section_feed: ["section"],
    draft: [],
    breadcrumbs: [],
    pagination: [],
    /// Before a page number, for screen readers.
    page: [],
    previous_page: [],
    next_page: [],
    notices: [],
    see_all: [],
    /// After "see_all", for screen readers.
    see_all_notices: [],
    /// After "see_all", for screen readers.
    see_all_in_section: ["section"],
    tasks_home: [],
    empty_section: [],
    not_found: [],
    not_found_description: [],
    not_found_lead: [],
    you_can: [],
    go_to: [],
    see_sections: [],
    call_for_help: [],
    to_be_guided: [],
    write_to: [],
    moved: [],
    moved_to: [],
    stats_province_month: [],
    stats_met_plan: [],
    stats_met: [],
    stats_plan: [],
    stats_vs_previous_month: [],
    stats_also_december: [],
    stats_vs_december: [],
    stats_coverage: [],
    /// Followed by the month and ")".
    stats_units_met: [],
    /// After the number of units.
    stats_units_met_count: [],
    stats_none_met: [],
    stats_province_table: [],
    stats_chart: [],
    stats_by_unit_month: [],
    stats_by_unit_order: [],
    /// After a unit's name in its page title.
    stats_of_unit: [],
    stats_month: [],
    stats_met_mark: [],
    stats_corrections: [],
    stats_see_more: [],
    stats_indicators: [],
    stats_units: [],
    stats_downloads: [],
    stats_csv_note: [],
    /// Before the month, then "stats_provisional_after".
    stats_provisional_month: [],
    stats_provisional_after: [],
    search_description: [],
    search_articles: [],
    search_question: [],
    search_hint: [],
    search_no_script: [],
    search_results: [],
    search_more: [],
    search_by_section: [],
    search_popular: [],
    /// Before a taxonomy's name in lower case: "Tất cả từ khóa".
    all: [],
    search_not_found: [],
    /// taxonomy_list.html description: "<name>: <list_of> <n> <entries_of> <site>."
    taxonomy_list_of: [],
    taxonomy_entries_of: [],
    alphabetical: [],
    /// After the number of tags.
    tag_word: [],
    /// After the number of categories.
    category_word: [],
    no_terms: [],
    articles_about: [],
    on_site: [],
    no_pages: [],
    see_all_of: [],
    /// After a number of articles.
    article_word: [],
    document_number: [],
    document_type: [],
    document_issuer: [],
    document_signer: [],
    document_issued: [],
    document_effective: [],
    document_status: [],
    document_fields: [],
    document_abstract: [],
    document_replaced_by: [],
    document_replaces: [],
    document_amended_by: [],
    document_amends: [],
    document_download: [],
    status_in_force: [],
    status_not_yet: [],
    status_expired: [],
    status_replaced: [],
    status_partly_replaced: [],
}

/// The theme's tables, one per language it speaks; the site's language first.
#[derive(Debug, Default)]
pub(crate) struct Languages {
    tables: Vec<(String, Arc<Strings>)>,
}

impl Languages {
    /// Reads `strings.yaml` as the table of `site_language` and every `strings.<code>.yaml`
    /// beside it. Each holds every key (a language without a word would show a blank).
    pub(crate) fn load(theme_dir: &Path, site_language: &str) -> Result<Languages, Diagnostics> {
        let mut errors = Diagnostics::new();
        let mut tables = Vec::new();
        match Strings::load(&theme_dir.join(FILE)) {
            Ok(t) => tables.push((site_language.to_owned(), t)),
            Err(e) => errors.extend(e),
        }
        let mut others: Vec<(String, std::path::PathBuf)> = std::fs::read_dir(theme_dir)
            .into_iter()
            .flatten()
            .flatten()
            .filter_map(|entry| {
                let name = entry.file_name().into_string().ok()?;
                let code = name.strip_prefix("strings.")?.strip_suffix(".yaml")?;
                Some((code.to_owned(), entry.path()))
            })
            .collect();
        others.sort();
        for (code, path) in others {
            if code == site_language {
                errors.push(
                    Diagnostic::file_error(
                        &path,
                        format!("`{code}` is the site's language, whose words are in {FILE}"),
                    )
                    .with_hint(format!("remove this file or merge its words into {FILE}")),
                );
                continue;
            }
            match Strings::load(&path) {
                Ok(t) => tables.push((code, t)),
                Err(e) => errors.extend(e),
            }
        }
        if errors.is_empty() {
            Ok(Languages { tables })
        } else {
            Err(errors)
        }
    }

    /// The site's own language's table.
    pub(crate) fn site(&self) -> Arc<Strings> {
        self.tables
            .first()
            .map(|(_, t)| t.clone())
            .unwrap_or_default()
    }

    /// The index of the language `code`, if the theme speaks it.
    pub(crate) fn find(&self, code: &str) -> Option<usize> {
        self.tables.iter().position(|(c, _)| c == code)
    }

    /// The language codes, the site's first.
    pub(crate) fn codes(&self) -> impl Iterator<Item = &str> {
        self.tables.iter().map(|(c, _)| c.as_str())
    }

    /// The table of language `index` (from `find`), or the site's.
    pub(crate) fn table(&self, index: usize) -> &Strings {
        static EMPTY: std::sync::OnceLock<Strings> = std::sync::OnceLock::new();
        self.tables
            .get(index)
            .or(self.tables.first())
            .map_or_else(|| EMPTY.get_or_init(Strings::default), |(_, t)| t)
    }

    /// The code of language `index`.
    pub(crate) fn code(&self, index: usize) -> &str {
        self.tables.get(index).map_or("", |(c, _)| c)
    }
}

impl Strings {
    /// Reads one table; every key is required, none unknown, and a string holds only the
    /// placeholders loa fills in.
    fn load(path: &Path) -> Result<Arc<Strings>, Diagnostics> {
        let text = std::fs::read_to_string(path).map_err(|e| {
            Diagnostic::file_error(path, format!("cannot read the theme's string table: {e}"))
                .with_hint("copy themes/default/strings.yaml into the theme and change its words")
        })?;
        let strings: Strings = yaml::parse_file(path, &text, KEYS)?;
        let spans = yaml::Embedded {
            path,
            file_text: &text,
            yaml: &text,
            line_offset: 0,
        }
        .key_spans();
        let mut errors = Diagnostics::new();
        for (key, value, allowed) in strings.texts() {
            for name in placeholders(value) {
                if !allowed.contains(&name) {
                    let known = if allowed.is_empty() {
                        "it takes none".to_owned()
                    } else {
                        format!(
                            "it takes {}",
                            allowed
                                .iter()
                                .map(|a| format!("{{{a}}}"))
                                .collect::<Vec<_>>()
                                .join(", ")
                        )
                    };
                    errors.push(
                        Diagnostic::error(
                            path,
                            spans.get(key).copied().unwrap_or_default(),
                            format!("`{key}` holds `{{{name}}}`, which loa does not fill in"),
                        )
                        .with_source(&text)
                        .with_hint(format!("remove it or write one loa fills in: {known}")),
                    );
                }
            }
        }
        if errors.is_empty() {
            Ok(Arc::new(strings))
        } else {
            Err(errors)
        }
    }
}

/// The `{name}`s of a string.
fn placeholders(text: &str) -> impl Iterator<Item = &str> {
    text.split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
}

/// `template` with each `{name}` replaced by its value.
pub(crate) fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.split_once('}').and_then(|(name, tail)| {
            values
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| (v, tail))
        }) {
            Some((value, tail)) => {
                out.push_str(value);
                rest = tail;
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The default theme's words, for unit tests of what uses them.
#[cfg(test)]
pub(crate) fn default_words() -> Arc<Strings> {
    static WORDS: std::sync::OnceLock<Arc<Strings>> = std::sync::OnceLock::new();
    WORDS
        .get_or_init(|| {
            let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
            Strings::load(&dir.join(FILE)).expect("the default theme's strings load")
        })
        .clone()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_filled_and_others_kept() {
        assert_eq!(
            fill(
                "{unit}: tháng {month} {x}",
                &[("unit", "Tỉnh"), ("month", "11/2021")]
            ),
            "Tỉnh: tháng 11/2021 {x}"
        );
        assert_eq!(fill("không có", &[]), "không có");
        assert_eq!(fill("{", &[]), "{");
        assert_eq!(placeholders("a {b} {c}").collect::<Vec<_>>(), ["b", "c"]);
    }

    #[test]
    fn the_default_theme_has_every_string() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
        let languages = Languages::load(&dir, "vi").expect("the default theme's strings load");
        assert_eq!(languages.codes().collect::<Vec<_>>(), ["vi", "en"]);
        assert_eq!(languages.site().tags, "Từ khóa");
        assert_eq!(languages.table(1).tags, "Keywords");
        for code in ["vi", "en"] {
            let table = languages.table(languages.find(code).unwrap());
            assert!(table.texts().iter().all(|(_, v, _)| !v.is_empty()));
        }
    }
}
