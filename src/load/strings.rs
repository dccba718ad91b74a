//! The theme's string table, `themes/<theme>/strings.yaml`: every word loa itself writes on a
//! page (taxonomy names, breadcrumbs, the statistics' tables, charts and downloads), so that
//! wording is the theme's to decide and `src/` holds no interface text.

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
        }
    };
}

strings! {
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
}

impl Strings {
    /// Reads `theme_dir/strings.yaml`; every key is required, none unknown, and a string holds
    /// only the placeholders loa fills in.
    pub(crate) fn load(theme_dir: &Path) -> Result<Arc<Strings>, Diagnostics> {
        let path = theme_dir.join(FILE);
        let text = std::fs::read_to_string(&path).map_err(|e| {
            Diagnostic::file_error(&path, format!("cannot read the theme's string table: {e}"))
                .with_hint("copy themes/default/strings.yaml into the theme and change its words")
        })?;
        let strings: Strings = yaml::parse_file(&path, &text, KEYS)?;
        let spans = yaml::Embedded {
            path: &path,
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
                            &path,
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
            Strings::load(&dir).expect("the default theme's strings load")
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
        let strings = Strings::load(&dir).expect("the default theme's strings load");
        assert_eq!(strings.tags, "Từ khóa");
        assert!(strings.texts().iter().all(|(_, v, _)| !v.is_empty()));
    }
}
