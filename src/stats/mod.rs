//! Statistics: units, indicators, plan targets and monthly figures loaded from YAML,
//! validated, and the figures derived from them (never typed by hand).

mod build;
pub(crate) mod downloads;
pub(crate) mod figures;
mod load;
pub(crate) mod pages;
pub(crate) mod tables;

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::base::date::DateTime;
use crate::base::error::Diagnostics;
use crate::load::strings::{Strings, fill};

/// The folder of `content/` that holds the statistics.
pub(crate) const DIR: &str = "thong-ke";

/// A calendar month, `2021-11`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct Month {
    pub year: i32,
    pub month: u8,
}

impl Month {
    pub(crate) fn parse(text: &str) -> Option<Month> {
        let (y, m) = text.trim().split_once('-')?;
        if y.len() != 4 || m.len() != 2 {
            return None;
        }
        let (year, month): (i32, u8) = (y.parse().ok()?, m.parse().ok()?);
        (1..=12).contains(&month).then_some(Month { year, month })
    }

    pub(crate) fn previous(self) -> Month {
        if self.month == 1 {
            Month {
                year: self.year - 1,
                month: 12,
            }
        } else {
            Month {
                year: self.year,
                month: self.month - 1,
            }
        }
    }

    pub(crate) fn next(self) -> Month {
        if self.month == 12 {
            Month {
                year: self.year + 1,
                month: 1,
            }
        } else {
            Month {
                year: self.year,
                month: self.month + 1,
            }
        }
    }

    /// `11/2021`, as Vietnamese reports write a month.
    pub(crate) fn label_vi(self) -> String {
        format!("{:02}/{}", self.month, self.year)
    }
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Unit {
    pub id: String,
    pub name: String,
    pub province: bool,
    /// Population by year; for the province, the sum of its districts.
    pub population: BTreeMap<i32, u64>,
}

#[derive(Debug, Clone)]
pub(crate) struct Indicator {
    pub id: String,
    pub name: String,
    pub label: String,
    pub unit: String,
    /// Whether the share of the population covered is computed (health insurance).
    pub coverage: bool,
}

/// One observations file: where its figures come from and how current they are.
#[derive(Debug, Clone)]
pub(crate) struct Dataset {
    pub file: PathBuf,
    pub source: String,
    pub as_of: DateTime,
    pub provisional: Vec<Month>,
}

#[derive(Debug, Clone)]
pub(crate) struct Correction {
    pub month: Month,
    pub unit: usize,
    pub indicator: usize,
    pub date: DateTime,
    pub previous: Option<u64>,
    pub note: String,
}

/// Validated statistics with everything derived from them.
#[derive(Debug, Clone)]
pub(crate) struct Stats {
    pub units: Vec<Unit>,
    pub province: usize,
    pub indicators: Vec<Indicator>,
    /// Every month from the first to the last with figures.
    pub months: Vec<Month>,
    /// `values[unit][indicator][month index]`; the province row holds the districts' sums.
    values: Vec<Vec<Vec<Option<u64>>>>,
    /// Which dataset each month comes from.
    month_dataset: Vec<usize>,
    pub datasets: Vec<Dataset>,
    /// (year, unit, indicator) → plan; the province's is given or the districts' sum.
    targets: BTreeMap<(i32, usize, usize), u64>,
    pub corrections: Vec<Correction>,
    /// The theme's words for the tables, charts and notes.
    pub strings: Arc<Strings>,
}

/// Loads `content/thong-ke/*.yaml`: the statistics (none when the site has no such folder)
/// and every problem found, errors and warnings alike.
pub(crate) fn load(content_dir: &Path, strings: Arc<Strings>) -> (Option<Stats>, Diagnostics) {
    let dir = content_dir.join(DIR);
    let mut errors = Diagnostics::new();
    let sources = load::read_sources(&dir, &mut errors);
    if sources.is_empty() {
        return (None, errors);
    }
    let stats = build::build(&sources, &dir, strings, &mut errors);
    if errors.has_errors() {
        (None, errors)
    } else {
        (stats, errors)
    }
}

impl Stats {
    pub(crate) fn unit(&self, id: &str) -> Option<usize> {
        self.units.iter().position(|u| u.id == id)
    }

    pub(crate) fn indicator(&self, id: &str) -> Option<usize> {
        self.indicators.iter().position(|i| i.id == id)
    }

    pub(crate) fn month_index(&self, m: Month) -> Option<usize> {
        self.months.binary_search(&m).ok()
    }

    pub(crate) fn latest(&self) -> Month {
        self.months[self.months.len() - 1]
    }

    /// Districts, in catalog order.
    pub(crate) fn districts(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.units.len()).filter(|&u| u != self.province)
    }

    pub(crate) fn value(&self, unit: usize, indicator: usize, month: Month) -> Option<u64> {
        self.month_index(month)
            .and_then(|k| self.values[unit][indicator][k])
    }

    pub(crate) fn series(&self, unit: usize, indicator: usize) -> &[Option<u64>] {
        &self.values[unit][indicator]
    }

    pub(crate) fn target(&self, unit: usize, indicator: usize, year: i32) -> Option<u64> {
        self.targets.get(&(year, unit, indicator)).copied()
    }

    /// Share of the year's plan reached, in percent.
    pub(crate) fn percent_of_plan(
        &self,
        unit: usize,
        indicator: usize,
        month: Month,
    ) -> Option<f64> {
        let value = self.value(unit, indicator, month)?;
        let target = self.target(unit, indicator, month.year)?;
        Some(value as f64 * 100.0 / target as f64)
    }

    /// Whether the unit's figure has reached its plan for the year.
    pub(crate) fn plan_met(&self, unit: usize, indicator: usize, month: Month) -> bool {
        self.percent_of_plan(unit, indicator, month)
            .is_some_and(|p| p >= 100.0)
    }

    /// Share of the population covered, in percent (coverage indicators only).
    pub(crate) fn coverage(&self, unit: usize, indicator: usize, month: Month) -> Option<f64> {
        if !self.indicators[indicator].coverage {
            return None;
        }
        let value = self.value(unit, indicator, month)?;
        let population = *self.units[unit].population.get(&month.year)?;
        Some(value as f64 * 100.0 / population as f64)
    }

    fn change_since(
        &self,
        unit: usize,
        indicator: usize,
        month: Month,
        base: Month,
    ) -> Option<i64> {
        Some(self.value(unit, indicator, month)? as i64 - self.value(unit, indicator, base)? as i64)
    }

    pub(crate) fn change_previous_month(
        &self,
        unit: usize,
        indicator: usize,
        month: Month,
    ) -> Option<i64> {
        self.change_since(unit, indicator, month, month.previous())
    }

    /// Versus December of the previous year, as Vietnamese reports compare ("so với tháng 12-2020").
    pub(crate) fn change_since_december(
        &self,
        unit: usize,
        indicator: usize,
        month: Month,
    ) -> Option<i64> {
        self.change_since(
            unit,
            indicator,
            month,
            Month {
                year: month.year - 1,
                month: 12,
            },
        )
    }

    pub(crate) fn change_year_on_year(
        &self,
        unit: usize,
        indicator: usize,
        month: Month,
    ) -> Option<i64> {
        self.change_since(
            unit,
            indicator,
            month,
            Month {
                year: month.year - 1,
                month: month.month,
            },
        )
    }

    /// Districts whose figure reached their plan, in catalog order.
    pub(crate) fn met_plan(&self, indicator: usize, month: Month) -> Vec<usize> {
        self.districts()
            .filter(|&u| self.plan_met(u, indicator, month))
            .collect()
    }

    pub(crate) fn dataset(&self, month: Month) -> Option<&Dataset> {
        self.month_index(month)
            .map(|k| &self.datasets[self.month_dataset[k]])
    }

    pub(crate) fn is_provisional(&self, month: Month) -> bool {
        self.dataset(month)
            .is_some_and(|d| d.provisional.contains(&month))
    }

    pub(crate) fn corrections_of(
        &self,
        unit: usize,
        indicator: usize,
        month: Month,
    ) -> impl Iterator<Item = &Correction> {
        self.corrections
            .iter()
            .filter(move |c| c.unit == unit && c.indicator == indicator && c.month == month)
    }

    /// The date `month`'s figures stand at: the month's last day, or the dataset's `as_of`
    /// when the month was still running when the figures were taken.
    pub(crate) fn as_of(&self, month: Month) -> Option<DateTime> {
        let d = self.dataset(month)?;
        let end = DateTime {
            year: month.year,
            month: month.month,
            day: crate::base::date::days_in_month(month.year, month.month),
            hour: 0,
            minute: 0,
            has_time: false,
        };
        Some(d.as_of.min(end))
    }

    /// "Nguồn: ... Số liệu tính đến 30/11/2021" (the theme's `source_note`): shown with every
    /// figure taken from `month`.
    pub(crate) fn source_note(&self, month: Month) -> String {
        match (self.dataset(month), self.as_of(month)) {
            (Some(d), Some(as_of)) => fill(
                &self.strings.source_note,
                &[("source", &d.source), ("date", &as_of.date_vi())],
            ),
            _ => String::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CATALOG: &str = "source: \"Thử\"\nunits:\n  - {id: tinh, name: Tỉnh, province: true}\n  - {id: huyen-a, name: Huyện A, population: {2021: 1000}}\nindicators:\n  - {id: bhyt, name: BHYT, coverage: true}\n";

    fn load_months(months: &str) -> Diagnostics {
        let dir = tempfile::tempdir().unwrap();
        let stats_dir = dir.path().join(DIR);
        std::fs::create_dir_all(&stats_dir).unwrap();
        std::fs::write(stats_dir.join("danh-muc.yaml"), CATALOG).unwrap();
        std::fs::write(
            stats_dir.join("so-lieu.yaml"),
            format!("source: \"Thử\"\nas_of: 2021-11-30\nmonths:\n{months}"),
        )
        .unwrap();
        load(dir.path(), crate::load::strings::default_words()).1
    }

    fn vi_messages(errors: &Diagnostics) -> Vec<String> {
        errors
            .iter()
            .map(|d| {
                d.vi.clone()
                    .expect("every diagnostic has a Vietnamese text")
                    .0
            })
            .collect()
    }

    #[test]
    fn unknown_ids_and_bad_counts_are_reported_in_vietnamese() {
        let errors = load_months(
            "  2021-11:\n    huyen-x: {bhyt: 1}\n    huyen-a: {bhyt: \"abc\", bhxh: 5}\n",
        );
        let messages = vi_messages(&errors);
        assert!(messages.contains(&"đơn vị `huyen-x` không có trong danh mục".to_owned()));
        assert!(messages.contains(&"chỉ tiêu `bhxh` không có trong danh mục".to_owned()));
        assert!(messages.contains(&"\"abc\" không phải là số người".to_owned()));
        let hint = errors
            .iter()
            .find(|d| d.message == "unknown indicator `bhxh`")
            .and_then(|d| d.vi.clone())
            .and_then(|vi| vi.1)
            .unwrap();
        assert!(hint.starts_with("có phải ý bạn là `bhyt`?"), "{hint}");
    }

    #[test]
    fn coverage_above_100_percent_warns_in_vietnamese() {
        let errors = load_months("  2021-11:\n    huyen-a: {bhyt: 1200}\n");
        assert!(!errors.has_errors());
        assert_eq!(
            vi_messages(&errors),
            ["tỷ lệ bao phủ bhyt của huyen-a là 120,00% vào tháng 2021-11"]
        );
    }

    #[test]
    fn a_province_total_that_disagrees_is_explained_in_vietnamese() {
        let errors = load_months("  2021-11:\n    tinh: {bhyt: 1000}\n    huyen-a: {bhyt: 900}\n");
        assert_eq!(
            vi_messages(&errors),
            [
                "tổng của tỉnh về bhyt tháng 2021-11 ở đây là 1.000, nhưng cộng các huyện lại được 900"
            ]
        );
    }
}
