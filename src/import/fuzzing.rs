//! The import of one HTML export, from text to article, for fuzzing and property tests.

use std::sync::OnceLock;

use crate::base::date::{DateTime, Offset};
use crate::import::{Target, clean, html};
use crate::rules::Rules;

/// Reads `text` as an old portal's HTML page and makes an article of it, as `loa import` does
/// for each file.
pub(crate) fn import_html(text: &str) {
    static RULES: OnceLock<Rules> = OnceLock::new();
    let rules = RULES.get_or_init(|| {
        Rules::load(std::path::Path::new("/nonexistent"), "bhxh.example.gov.vn").expect("rules")
    });
    let offset = Offset(420);
    let site = Target {
        host: "bhxh.example.gov.vn".into(),
        root: "/".into(),
        today: DateTime::parse("2024-05-01").expect("a date"),
        offset,
    };
    let _ = html::looks_like_html(text);
    // A page nested too deep is refused with a finding, like any other import error.
    if let Ok(doc) = html::parse(text, &site) {
        let _ = clean::article(doc, text, rules, &site);
    }
}
