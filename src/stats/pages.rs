//! The statistics' URL space: which pages there are, where they and their downloads live,
//! and what each is called.

use crate::base::text::slugify;
use crate::load::strings::fill;
use crate::stats::{DIR, Stats};

/// One statistics page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum StatPage {
    Dashboard,
    Indicator(usize),
    Unit(usize),
}

pub(crate) fn pages(stats: &Stats) -> Vec<StatPage> {
    let mut pages = vec![StatPage::Dashboard];
    pages.extend((0..stats.indicators.len()).map(StatPage::Indicator));
    pages.extend((0..stats.units.len()).map(StatPage::Unit));
    pages
}

/// Site path of a page: `thong-ke/`, `thong-ke/bhyt/`, `thong-ke/don-vi/thach-thanh/`.
pub(crate) fn path(stats: &Stats, page: StatPage) -> String {
    match page {
        StatPage::Dashboard => format!("{}/", crate::stats::DIR),
        StatPage::Indicator(i) => format!(
            "{}/{}/",
            crate::stats::DIR,
            slugify(&stats.indicators[i].id)
        ),
        StatPage::Unit(u) => format!(
            "{}/don-vi/{}/",
            crate::stats::DIR,
            slugify(&stats.units[u].id)
        ),
    }
}

/// The title and the one-sentence description of a statistics page.
pub(crate) fn heading(stats: &Stats, page: StatPage) -> (String, String) {
    let words = &stats.strings;
    match page {
        StatPage::Dashboard => (
            words.stats_title.clone(),
            fill(
                &words.stats_description,
                &[("month", &stats.latest().label_vi())],
            ),
        ),
        StatPage::Indicator(i) => {
            let label = &stats.indicators[i].label;
            (
                label.clone(),
                fill(&words.indicator_description, &[("indicator", label)]),
            )
        }
        StatPage::Unit(u) => {
            let name = &stats.units[u].name;
            (
                name.clone(),
                fill(&words.unit_description, &[("unit", name)]),
            )
        }
    }
}

/// The CSV or JSON download of a page's table: `thong-ke/bhyt/bang.csv`.
pub(crate) fn table_file(stats: &Stats, page: StatPage, extension: &str) -> String {
    format!("{}bang.{extension}", path(stats, page))
}

/// The CSV or JSON file of the whole dataset: `thong-ke/so-lieu.csv`.
pub(crate) fn dataset_file(extension: &str) -> String {
    format!("{DIR}/so-lieu.{extension}")
}
