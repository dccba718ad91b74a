//! The statistics tables: what each page shows, as the page renders it and the downloads
//! carry it.

use crate::base::format::{number_vi, percent_vi};
use crate::stats::pages::StatPage;
use crate::stats::{Month, Stats};

/// A table as pages show it and downloads carry it.
pub(crate) struct Table {
    pub title: String,
    pub columns: Vec<&'static str>,
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
pub(crate) fn table(stats: &Stats, page: StatPage) -> Table {
    let month = stats.latest();
    let notes_for = |u: usize, i: usize| -> Vec<String> {
        stats
            .corrections_of(u, i, month)
            .map(|c| {
                format!(
                    "{}, {}, {}: đã điều chỉnh ngày {}{}. {}",
                    stats.units[u].name,
                    stats.indicators[i].name,
                    month.label_vi(),
                    c.date.date_vi(),
                    c.previous.map_or(String::new(), |p| format!(
                        " (số đã công bố: {})",
                        number_vi(p as f64, 0)
                    )),
                    c.note
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
                title: format!(
                    "{}: số người tham gia tháng {}",
                    stats.units[u].name,
                    month.label_vi()
                ),
                columns: vec![
                    "Loại bảo hiểm",
                    "Số người",
                    "Kế hoạch năm",
                    "Tỷ lệ kế hoạch",
                    PREVIOUS_MONTH,
                    SINCE_DECEMBER,
                    YEAR_ON_YEAR,
                    "Tỷ lệ bao phủ",
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
                title: format!(
                    "{} theo đơn vị, tháng {}",
                    stats.indicators[i].label,
                    month.label_vi()
                ),
                columns: vec![
                    "Đơn vị",
                    "Số người",
                    "Kế hoạch năm",
                    "Tỷ lệ kế hoạch",
                    PREVIOUS_MONTH,
                    SINCE_DECEMBER,
                    "Tỷ lệ bao phủ",
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
pub(crate) fn page_table(stats: &Stats, page: StatPage) -> Table {
    let mut t = table(stats, page);
    let month = stats.latest().month;
    let (keep, drop, header) = match month {
        1 => (
            PREVIOUS_MONTH,
            SINCE_DECEMBER,
            "So với tháng trước (cũng là tháng 12 năm trước)",
        ),
        12 => (
            SINCE_DECEMBER,
            YEAR_ON_YEAR,
            "So với tháng 12 năm trước (cũng là cùng kỳ)",
        ),
        _ => return t,
    };
    let at = |name: &str| t.columns.iter().position(|c| *c == name);
    if let (Some(keep), Some(drop)) = (at(keep), at(drop)) {
        t.columns[keep] = header;
        t.columns.remove(drop);
        for row in &mut t.rows {
            row.remove(drop);
        }
    }
    t
}

const PREVIOUS_MONTH: &str = "So với tháng trước";
const SINCE_DECEMBER: &str = "So với tháng 12 năm trước";
const YEAR_ON_YEAR: &str = "So với cùng kỳ";

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
