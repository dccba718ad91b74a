//! The statistics tables: what each page shows, as the page renders it and the downloads
//! carry it.

use crate::base::format::{number_vi, percent_vi};
use crate::load::strings::fill;
use crate::stats::pages::StatPage;
use crate::stats::{Month, Stats};

/// A table as pages show it and downloads carry it.
pub(crate) struct Table<'a> {
    pub title: String,
    /// The theme's words.
    pub columns: Vec<&'a str>,
    pub rows: Vec<Vec<Cell>>,
    /// Row indexes to emphasise (units that met the plan).
    pub highlight: Vec<bool>,
    pub notes: Vec<String>,
}

#[derive(Clone)]
pub(crate) enum Cell {
    Text(String),
    Count(Option<i64>),
    Percent(Option<f64>),
}

impl Cell {
    pub(crate) fn shown(&self) -> String {
        match self {
            Cell::Text(t) => t.clone(),
            Cell::Count(Some(n)) => number_vi(*n as f64, 0),
            Cell::Percent(Some(p)) => percent_vi(*p, 2),
            Cell::Count(None) | Cell::Percent(None) => "—".to_owned(),
        }
    }

    pub(crate) fn raw(&self) -> String {
        match self {
            Cell::Text(t) => t.clone(),
            Cell::Count(Some(n)) => n.to_string(),
            Cell::Percent(Some(p)) => format!("{p:.2}"),
            Cell::Count(None) | Cell::Percent(None) => String::new(),
        }
    }

    pub(crate) fn json(&self) -> serde_json::Value {
        match self {
            Cell::Text(t) => serde_json::Value::from(t.as_str()),
            Cell::Count(n) => n.map_or(serde_json::Value::Null, serde_json::Value::from),
            Cell::Percent(p) => p.map_or(serde_json::Value::Null, |p| {
                serde_json::Value::from((p * 100.0).round() / 100.0)
            }),
        }
    }
}

/// The table a page shows; downloads carry the same rows.
pub(crate) fn table(stats: &Stats, page: StatPage) -> Table<'_> {
    let month = stats.latest();
    let words = &*stats.strings;
    let notes_for = |u: usize, i: usize| -> Vec<String> {
        stats
            .corrections_of(u, i, month)
            .map(|c| {
                let previous = c.previous.map_or(String::new(), |p| {
                    fill(
                        &words.correction_previous,
                        &[("count", &number_vi(p as f64, 0))],
                    )
                });
                fill(
                    &words.correction_note,
                    &[
                        ("unit", &stats.units[u].name),
                        ("indicator", &stats.indicators[i].name),
                        ("month", &month.label_vi()),
                        ("date", &c.date.date_vi()),
                        ("previous", &previous),
                        ("note", &c.note),
                    ],
                )
            })
            .collect()
    };
    match page {
        StatPage::Dashboard | StatPage::Unit(_) => {
            let u = match page {
                StatPage::Unit(u) => u,
                _ => stats.province,
            };
            let mut notes = Vec::new();
            let rows: Vec<Vec<Cell>> = (0..stats.indicators.len())
                .map(|i| {
                    notes.extend(notes_for(u, i));
                    let mut row = vec![Cell::Text(stats.indicators[i].name.clone())];
                    row.extend(figure_cells(stats, u, i, month));
                    row.push(Cell::Count(stats.change_year_on_year(u, i, month)));
                    row.push(Cell::Percent(stats.coverage(u, i, month)));
                    row
                })
                .collect();
            let highlight = (0..stats.indicators.len())
                .map(|i| stats.plan_met(u, i, month))
                .collect();
            Table {
                title: fill(
                    &words.table_unit_title,
                    &[("unit", &stats.units[u].name), ("month", &month.label_vi())],
                ),
                columns: vec![
                    &words.column_indicator,
                    &words.column_people,
                    &words.column_plan,
                    &words.column_percent_of_plan,
                    &words.column_previous_month,
                    &words.column_since_december,
                    &words.column_year_on_year,
                    &words.column_coverage,
                ],
                rows,
                highlight,
                notes,
            }
        }
        StatPage::Indicator(i) => {
            let mut units: Vec<usize> = stats.districts().collect();
            // Highest share of plan first: the order the agency ranks its districts in.
            units.sort_by(|&a, &b| {
                let (pa, pb) = (
                    stats.percent_of_plan(a, i, month),
                    stats.percent_of_plan(b, i, month),
                );
                pb.unwrap_or(f64::MIN)
                    .total_cmp(&pa.unwrap_or(f64::MIN))
                    .then(a.cmp(&b))
            });
            units.push(stats.province);
            let mut notes = Vec::new();
            let rows = units
                .iter()
                .map(|&u| {
                    notes.extend(notes_for(u, i));
                    let mut row = vec![Cell::Text(stats.units[u].name.clone())];
                    row.extend(figure_cells(stats, u, i, month));
                    row.push(Cell::Percent(stats.coverage(u, i, month)));
                    row
                })
                .collect();
            let highlight = units.iter().map(|&u| stats.plan_met(u, i, month)).collect();
            Table {
                title: fill(
                    &words.table_indicator_title,
                    &[
                        ("indicator", &stats.indicators[i].label),
                        ("month", &month.label_vi()),
                    ],
                ),
                columns: vec![
                    &words.column_unit,
                    &words.column_people,
                    &words.column_plan,
                    &words.column_percent_of_plan,
                    &words.column_previous_month,
                    &words.column_since_december,
                    &words.column_coverage,
                ],
                rows,
                highlight,
                notes,
            }
        }
    }
}

/// The table as the page shows it: where two comparisons share their base month (January's previous
/// month is December; December's December of last year is the same month last year), one column
/// says so instead of repeating every number. Downloads keep every column, so that their shape
/// does not change with the month.
pub(crate) fn page_table(stats: &Stats, page: StatPage) -> Table<'_> {
    let mut t = table(stats, page);
    let words = &*stats.strings;
    let (keep, drop, header) = match stats.latest().month {
        1 => (
            &words.column_previous_month,
            &words.column_since_december,
            &words.column_previous_month_is_december,
        ),
        12 => (
            &words.column_since_december,
            &words.column_year_on_year,
            &words.column_december_is_year_on_year,
        ),
        _ => return t,
    };
    // Found by position, not by name: a theme may word two columns alike.
    let at = |name: &String| {
        t.columns
            .iter()
            .position(|c| std::ptr::eq(*c, name.as_str()))
    };
    if let (Some(keep), Some(drop)) = (at(keep), at(drop)) {
        t.columns[keep] = header;
        t.columns.remove(drop);
        for row in &mut t.rows {
            row.remove(drop);
        }
    }
    t
}

/// The cells every statistics table shows for a unit and indicator in `month`: the count,
/// the year's plan, the share of it, and the changes since last month and since December.
fn figure_cells(stats: &Stats, u: usize, i: usize, month: Month) -> [Cell; 5] {
    [
        Cell::Count(stats.value(u, i, month).map(|v| v as i64)),
        Cell::Count(stats.target(u, i, month.year).map(|v| v as i64)),
        Cell::Percent(stats.percent_of_plan(u, i, month)),
        Cell::Count(stats.change_previous_month(u, i, month)),
        Cell::Count(stats.change_since_december(u, i, month)),
    ]
}
