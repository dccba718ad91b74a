//! Statistics pages: their paths, template contexts, charts and open-data downloads (CSV, JSON).

use std::collections::BTreeMap;

use tera::Value;

use crate::base::format::{number_vi, percent_vi};
use crate::base::text::slugify;
use crate::chart::{self, Bar, BarChart, LineChart, Scale, Series};
use crate::load::config::Config;
use crate::stats::{Month, Stats};

/// One statistics page.
#[derive(Debug, Clone, Copy)]
pub enum StatPage {
    Dashboard,
    Indicator(usize),
    Unit(usize),
}

pub fn pages(stats: &Stats) -> Vec<StatPage> {
    let mut pages = vec![StatPage::Dashboard];
    pages.extend((0..stats.indicators.len()).map(StatPage::Indicator));
    pages.extend((0..stats.units.len()).map(StatPage::Unit));
    pages
}

/// Site path of a page: `thong-ke/`, `thong-ke/bhyt/`, `thong-ke/don-vi/thach-thanh/`.
pub fn path(stats: &Stats, page: StatPage) -> String {
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

pub fn template(page: StatPage) -> &'static str {
    match page {
        StatPage::Dashboard => "stats_dashboard.html",
        StatPage::Indicator(_) => "stats_indicator.html",
        StatPage::Unit(_) => "stats_unit.html",
    }
}

/// Every file the statistics write, so that no article can take their URLs.
pub fn outputs(stats: &Stats) -> Vec<String> {
    let mut out = vec![
        format!("{}/so-lieu.csv", crate::stats::DIR),
        format!("{}/so-lieu.json", crate::stats::DIR),
    ];
    for page in pages(stats) {
        let p = path(stats, page);
        out.push(format!("{p}index.html"));
        out.push(format!("{p}bang.csv"));
        out.push(format!("{p}bang.json"));
    }
    out
}

/// A table as pages show it and downloads carry it.
pub struct Table {
    pub title: String,
    pub columns: Vec<&'static str>,
    pub rows: Vec<Vec<Cell>>,
    /// Row indexes to emphasise (units that met the plan).
    pub highlight: Vec<bool>,
    pub notes: Vec<String>,
}

#[derive(Clone)]
pub enum Cell {
    Text(String),
    Count(Option<i64>),
    Percent(Option<f64>),
}

impl Cell {
    fn shown(&self) -> String {
        match self {
            Cell::Text(t) => t.clone(),
            Cell::Count(Some(n)) => number_vi(*n as f64, 0),
            Cell::Percent(Some(p)) => percent_vi(*p, 2),
            Cell::Count(None) | Cell::Percent(None) => "—".to_owned(),
        }
    }

    fn raw(&self) -> String {
        match self {
            Cell::Text(t) => t.clone(),
            Cell::Count(Some(n)) => n.to_string(),
            Cell::Percent(Some(p)) => format!("{p:.2}"),
            Cell::Count(None) | Cell::Percent(None) => String::new(),
        }
    }

    fn json(&self) -> serde_json::Value {
        match self {
            Cell::Text(t) => serde_json::Value::from(t.as_str()),
            Cell::Count(n) => n.map_or(serde_json::Value::Null, serde_json::Value::from),
            Cell::Percent(p) => p.map_or(serde_json::Value::Null, |p| {
                serde_json::Value::from((p * 100.0).round() / 100.0)
            }),
        }
    }
}

fn map<const N: usize>(entries: [(&'static str, Value); N]) -> Value {
    Value::from(BTreeMap::from(entries))
}

fn opt_text(v: Option<String>) -> Value {
    v.map_or(Value::none(), Value::from)
}

/// The title and the one-sentence description of a statistics page.
pub fn heading(stats: &Stats, page: StatPage) -> (String, String) {
    match page {
        StatPage::Dashboard => (
            "Số liệu thống kê".to_owned(),
            format!(
                "Kết quả phát triển người tham gia bảo hiểm đến tháng {}, so với kế hoạch năm và cùng kỳ.",
                stats.latest().label_vi()
            ),
        ),
        StatPage::Indicator(i) => {
            let label = &stats.indicators[i].label;
            (
                label.clone(),
                format!("{label} theo tháng và theo đơn vị, so với kế hoạch năm."),
            )
        }
        StatPage::Unit(u) => {
            let name = &stats.units[u].name;
            (
                name.clone(),
                format!("Số người tham gia BHXH, BHYT, BHTN của {name} so với kế hoạch năm."),
            )
        }
    }
}

/// The `stats` object a statistics template receives.
pub fn context(stats: &Stats, page: StatPage, config: &Config) -> Value {
    let month = stats.latest();
    let url = |p: StatPage| config.url(&path(stats, p));
    let link = |title: &str, p: StatPage| {
        map([("title", Value::from(title)), ("url", Value::from(url(p)))])
    };
    let indicators: Vec<Value> = (0..stats.indicators.len())
        .map(|i| link(&stats.indicators[i].name, StatPage::Indicator(i)))
        .collect();
    let units: Vec<Value> = stats
        .districts()
        .map(|u| link(&stats.units[u].name, StatPage::Unit(u)))
        .collect();
    let table = table(stats, page);
    let own = path(stats, page);
    let downloads = vec![
        map([
            ("title", Value::from("Bảng trên trang (CSV)")),
            ("url", Value::from(config.url(&format!("{own}bang.csv")))),
        ]),
        map([
            ("title", Value::from("Bảng trên trang (JSON)")),
            ("url", Value::from(config.url(&format!("{own}bang.json")))),
        ]),
        map([
            ("title", Value::from("Toàn bộ số liệu theo tháng (CSV)")),
            (
                "url",
                Value::from(config.url(&format!("{}/so-lieu.csv", crate::stats::DIR))),
            ),
        ]),
        map([
            ("title", Value::from("Toàn bộ số liệu theo tháng (JSON)")),
            (
                "url",
                Value::from(config.url(&format!("{}/so-lieu.json", crate::stats::DIR))),
            ),
        ]),
    ];
    let (charts, cards, met) = match page {
        StatPage::Dashboard => {
            let cards: Vec<Value> = (0..stats.indicators.len())
                .map(|i| card(stats, i, month, &url(StatPage::Indicator(i))))
                .collect();
            let met: Vec<Value> = (0..stats.indicators.len())
                .map(|i| {
                    let units: Vec<Value> = stats
                        .met_plan(i, month)
                        .into_iter()
                        .map(|u| link(&stats.units[u].name, StatPage::Unit(u)))
                        .collect();
                    map([
                        ("indicator", Value::from(stats.indicators[i].name.as_str())),
                        ("units", Value::from(units)),
                    ])
                })
                .collect();
            (Vec::new(), cards, met)
        }
        StatPage::Indicator(i) => {
            let ind = &stats.indicators[i];
            let province = stats.province;
            let line = crate::load::shortcode::figure(
                stats,
                province,
                i,
                stats.months[0],
                month,
                "bieu-do-tinh",
            );
            let mut bars_data: Vec<(usize, f64)> = stats
                .districts()
                .filter_map(|u| stats.percent_of_plan(u, i, month).map(|p| (u, p)))
                .collect();
            bars_data.sort_by(|a, b| b.1.total_cmp(&a.1));
            let bars: Vec<(&str, f64)> = bars_data
                .iter()
                .map(|&(u, p)| (stats.units[u].name.as_str(), p))
                .collect();
            let bar_title = format!(
                "Tỷ lệ hoàn thành kế hoạch {} {} theo đơn vị, tháng {}",
                month.year,
                ind.name,
                month.label_vi()
            );
            let bar_desc = format!(
                "Biểu đồ thanh: tỷ lệ số người tham gia {} so với kế hoạch năm {} của từng huyện, thị xã, thành phố; thanh đậm là đơn vị đã đạt kế hoạch.",
                ind.name, month.year
            );
            let mut charts = vec![
                chart_value(&line),
                chart_value(&plan_bars(stats, month, &bars, &bar_title, &bar_desc)),
            ];
            if ind.coverage {
                let coverage_series: Vec<Option<f64>> = stats
                    .months
                    .iter()
                    .map(|&m| stats.coverage(province, i, m))
                    .collect();
                charts.push(chart_value(&coverage_chart(
                    stats,
                    &stats.units[province].name,
                    &coverage_series,
                    "bieu-do-bao-phu",
                )));
            }
            (charts, Vec::new(), Vec::new())
        }
        StatPage::Unit(u) => {
            let unit = &stats.units[u];
            let bars: Vec<(&str, f64)> = (0..stats.indicators.len())
                .filter_map(|i| {
                    stats
                        .percent_of_plan(u, i, month)
                        .map(|p| (stats.indicators[i].name.as_str(), p))
                })
                .collect();
            let bar_title = format!(
                "{}: tỷ lệ hoàn thành kế hoạch năm {}, tháng {}",
                unit.name,
                month.year,
                month.label_vi()
            );
            let bar_desc = format!(
                "Biểu đồ thanh: tỷ lệ số người tham gia so với kế hoạch năm {} của {}, theo từng loại bảo hiểm.",
                month.year, unit.name
            );
            let mut charts = vec![chart_value(&plan_bars(
                stats, month, &bars, &bar_title, &bar_desc,
            ))];
            for (i, ind) in stats.indicators.iter().enumerate() {
                if ind.coverage {
                    let series: Vec<Option<f64>> = stats
                        .months
                        .iter()
                        .map(|&m| stats.coverage(u, i, m))
                        .collect();
                    charts.push(chart_value(&coverage_chart(
                        stats,
                        &unit.name,
                        &series,
                        "bieu-do-bao-phu",
                    )));
                }
            }
            (charts, Vec::new(), Vec::new())
        }
    };
    let (title, description) = heading(stats, page);
    map([
        ("title", Value::from(title)),
        ("description", Value::from(description)),
        ("month", Value::from(month.label_vi())),
        ("source_note", Value::from(stats.source_note(month))),
        ("provisional", Value::from(stats.is_provisional(month))),
        ("dashboard_url", Value::from(url(StatPage::Dashboard))),
        ("indicators", Value::from(indicators)),
        ("units", Value::from(units)),
        ("cards", Value::from(cards)),
        ("met_plan", Value::from(met)),
        ("charts", Value::from(charts)),
        ("table", table_value(&table)),
        ("downloads", Value::from(downloads)),
    ])
}

/// Bars of percent of plan, those that met it highlighted, as a figure with its source.
fn plan_bars(
    stats: &Stats,
    month: Month,
    bars: &[(&str, f64)],
    title: &str,
    description: &str,
) -> String {
    let bars: Vec<Bar> = bars
        .iter()
        .map(|&(label, value)| Bar {
            label,
            value,
            highlight: value >= 100.0,
        })
        .collect();
    let svg = chart::bar_chart(&BarChart {
        id: "bieu-do-ke-hoach",
        title,
        description,
        bars: &bars,
        scale: Scale::Percent,
        reference: Some((100.0, "Kế hoạch")),
    });
    figure_html(&svg, title, &stats.source_note(month))
}

fn chart_value(html: &str) -> Value {
    Value::from(html)
}

fn figure_html(svg: &str, title: &str, source: &str) -> String {
    format!(
        "<figure class=\"chart-figure\">{svg}<figcaption>{}. {}.</figcaption></figure>",
        crate::base::text::escape_html(title),
        crate::base::text::escape_html(source)
    )
}

fn coverage_chart(stats: &Stats, unit_name: &str, series: &[Option<f64>], id: &str) -> String {
    let labels: Vec<String> = stats.months.iter().map(|m| m.label_vi()).collect();
    let title = format!(
        "Tỷ lệ bao phủ BHYT, {}, {}–{}",
        unit_name,
        stats.months[0].label_vi(),
        stats.latest().label_vi()
    );
    let description = "Biểu đồ đường: tỷ lệ dân số tham gia bảo hiểm y tế theo tháng (số người tham gia chia dân số trung bình năm).";
    let svg = chart::line_chart(&LineChart {
        id,
        title: &title,
        description,
        labels: &labels,
        series: &[Series {
            name: "Tỷ lệ bao phủ",
            values: series,
        }],
        scale: Scale::Percent,
        reference: None,
    });
    figure_html(&svg, &title, &stats.source_note(stats.latest()))
}

fn card(stats: &Stats, i: usize, month: Month, url: &str) -> Value {
    let p = stats.province;
    let ind = &stats.indicators[i];
    let sparkline: Vec<Option<f64>> = stats
        .series(p, i)
        .iter()
        .rev()
        .take(13)
        .rev()
        .map(|v| v.map(|v| v as f64))
        .collect();
    let signed = |v: Option<i64>| {
        v.map(|v| {
            if v > 0 {
                format!("+{}", number_vi(v as f64, 0))
            } else {
                number_vi(v as f64, 0)
            }
        })
    };
    map([
        ("name", Value::from(ind.name.as_str())),
        ("label", Value::from(ind.label.as_str())),
        ("unit", Value::from(ind.unit.as_str())),
        ("url", Value::from(url)),
        (
            "value",
            opt_text(stats.value(p, i, month).map(|v| number_vi(v as f64, 0))),
        ),
        (
            "target",
            opt_text(
                stats
                    .target(p, i, month.year)
                    .map(|v| number_vi(v as f64, 0)),
            ),
        ),
        (
            "percent_of_plan",
            opt_text(stats.percent_of_plan(p, i, month).map(|v| percent_vi(v, 2))),
        ),
        (
            "met_plan",
            Value::from(
                stats
                    .percent_of_plan(p, i, month)
                    .is_some_and(|v| v >= 100.0),
            ),
        ),
        (
            "change_month",
            opt_text(signed(stats.change_previous_month(p, i, month))),
        ),
        (
            "change_december",
            opt_text(signed(stats.change_since_december(p, i, month))),
        ),
        (
            "coverage",
            opt_text(stats.coverage(p, i, month).map(|v| percent_vi(v, 2))),
        ),
        (
            "sparkline",
            Value::from(chart::sparkline(
                &sparkline,
                &format!("{}: 13 tháng gần nhất", ind.name),
            )),
        ),
    ])
}

/// The table a page shows; downloads carry the same rows.
pub fn table(stats: &Stats, page: StatPage) -> Table {
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
                    "So với tháng trước",
                    "So với tháng 12 năm trước",
                    "So với cùng kỳ",
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
                    "So với tháng trước",
                    "So với tháng 12 năm trước",
                    "Tỷ lệ bao phủ",
                ],
                rows,
                highlight,
                notes,
            }
        }
    }
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

fn table_value(table: &Table) -> Value {
    let rows: Vec<Value> = table
        .rows
        .iter()
        .zip(&table.highlight)
        .map(|(row, &highlight)| {
            let cells: Vec<Value> = row.iter().map(|c| Value::from(c.shown())).collect();
            map([
                ("cells", Value::from(cells)),
                ("highlight", Value::from(highlight)),
            ])
        })
        .collect();
    map([
        ("title", Value::from(table.title.as_str())),
        (
            "columns",
            Value::from(
                table
                    .columns
                    .iter()
                    .map(|c| Value::from(*c))
                    .collect::<Vec<_>>(),
            ),
        ),
        ("rows", Value::from(rows)),
        (
            "notes",
            Value::from(
                table
                    .notes
                    .iter()
                    .map(|n| Value::from(n.as_str()))
                    .collect::<Vec<_>>(),
            ),
        ),
    ])
}

/// UTF-8 with a BOM, so that Excel opens Vietnamese text correctly.
fn csv<R: AsRef<str>>(header: &[&str], rows: impl Iterator<Item = Vec<R>>, note: &str) -> Vec<u8> {
    let mut out = String::from("\u{feff}");
    let mut line = |fields: &mut dyn Iterator<Item = &str>| {
        for (n, f) in fields.enumerate() {
            if n > 0 {
                out.push(',');
            }
            if f.contains([',', '"', '\n']) {
                out.push('"');
                out.push_str(&f.replace('"', "\"\""));
                out.push('"');
            } else {
                out.push_str(f);
            }
        }
        out.push_str("\r\n");
    };
    line(&mut header.iter().copied());
    for row in rows {
        line(&mut row.iter().map(AsRef::as_ref));
    }
    // The source travels with the data: a last row, as statistics offices do.
    line(&mut std::iter::once(note));
    out.into_bytes()
}

/// The CSV and JSON files of a page's table.
pub fn table_downloads(stats: &Stats, page: StatPage) -> [(String, Vec<u8>); 2] {
    let t = table(stats, page);
    let base = path(stats, page);
    let note = stats.source_note(stats.latest());
    let csv_bytes = csv(
        &t.columns,
        t.rows.iter().map(|r| r.iter().map(Cell::raw).collect()),
        &note,
    );
    let rows: Vec<serde_json::Value> = t
        .rows
        .iter()
        .map(|r| {
            serde_json::Value::Object(
                t.columns
                    .iter()
                    .zip(r)
                    .map(|(c, cell)| ((*c).to_owned(), cell.json()))
                    .collect(),
            )
        })
        .collect();
    let json = serde_json::json!({
        "title": t.title,
        "source": stats.dataset(stats.latest()).map(|d| d.source.clone()),
        "as_of": stats.as_of(stats.latest()).map(|d| d.iso_date()),
        "provisional": stats.is_provisional(stats.latest()),
        "notes": t.notes,
        "rows": rows,
    });
    [
        (format!("{base}bang.csv"), csv_bytes),
        (format!("{base}bang.json"), pretty(&json)),
    ]
}

fn pretty(json: &serde_json::Value) -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(json).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

/// One row of the open dataset, as JSON.
#[derive(serde::Serialize)]
struct Observation<'a> {
    thang: String,
    ma_don_vi: &'a str,
    ma_chi_tieu: &'a str,
    so_nguoi: u64,
    ke_hoach_nam: Option<u64>,
    ty_le_ke_hoach: Option<f64>,
    ty_le_bao_phu: Option<f64>,
    so_bo: bool,
}

fn round2(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

/// Every figure by month, unit and indicator, with the derived ones: the open dataset.
pub fn dataset_downloads(stats: &Stats) -> [(String, Vec<u8>); 2] {
    let header = [
        "thang",
        "ma_don_vi",
        "don_vi",
        "ma_chi_tieu",
        "chi_tieu",
        "so_nguoi",
        "ke_hoach_nam",
        "ty_le_ke_hoach",
        "ty_le_bao_phu",
        "so_bo",
        "nguon",
        "so_lieu_tinh_den",
    ];
    let mut rows: Vec<[String; 12]> = Vec::new();
    let mut observations = Vec::new();
    for &m in &stats.months {
        let source = stats.dataset(m).map_or("", |d| d.source.as_str());
        let as_of = stats.as_of(m).map_or(String::new(), |d| d.iso_date());
        let provisional = stats.is_provisional(m);
        for (u, unit) in stats.units.iter().enumerate() {
            for (i, ind) in stats.indicators.iter().enumerate() {
                let Some(v) = stats.value(u, i, m) else {
                    continue;
                };
                let target = stats.target(u, i, m.year);
                let plan = stats.percent_of_plan(u, i, m);
                let coverage = stats.coverage(u, i, m);
                let two = |p: Option<f64>| p.map_or(String::new(), |p| format!("{p:.2}"));
                rows.push([
                    m.to_string(),
                    unit.id.clone(),
                    unit.name.clone(),
                    ind.id.clone(),
                    ind.name.clone(),
                    v.to_string(),
                    target.map_or(String::new(), |t| t.to_string()),
                    two(plan),
                    two(coverage),
                    if provisional { "1" } else { "0" }.to_owned(),
                    source.to_owned(),
                    as_of.clone(),
                ]);
                observations.push(Observation {
                    thang: m.to_string(),
                    ma_don_vi: &unit.id,
                    ma_chi_tieu: &ind.id,
                    so_nguoi: v,
                    ke_hoach_nam: target,
                    ty_le_ke_hoach: plan.map(round2),
                    ty_le_bao_phu: coverage.map(round2),
                    so_bo: provisional,
                });
            }
        }
    }
    let note = stats.source_note(stats.latest());
    let datasets: Vec<serde_json::Value> = stats
        .datasets
        .iter()
        .map(|d| serde_json::json!({"source": d.source, "as_of": d.as_of.iso_date(), "provisional": d.provisional.iter().map(|m| m.to_string()).collect::<Vec<_>>()}))
        .collect();
    let corrections: Vec<serde_json::Value> = stats
        .corrections
        .iter()
        .map(|c| serde_json::json!({"thang": c.month.to_string(), "ma_don_vi": stats.units[c.unit].id, "ma_chi_tieu": stats.indicators[c.indicator].id, "ngay": c.date.iso_date(), "so_da_cong_bo": c.previous, "ghi_chu": c.note}))
        .collect();
    // Serialised straight from the rows: thousands of them make a JSON tree costly.
    #[derive(serde::Serialize)]
    struct Document<'a> {
        units: Vec<serde_json::Value>,
        indicators: Vec<serde_json::Value>,
        datasets: Vec<serde_json::Value>,
        corrections: Vec<serde_json::Value>,
        observations: Vec<Observation<'a>>,
    }
    let document = Document {
        units: stats.units.iter().map(|u| serde_json::json!({"id": u.id, "name": u.name, "province": u.province, "population": u.population})).collect(),
        indicators: stats.indicators.iter().map(|i| serde_json::json!({"id": i.id, "name": i.name, "label": i.label, "unit": i.unit})).collect(),
        datasets,
        corrections,
        observations,
    };
    let mut json = serde_json::to_vec_pretty(&document).unwrap_or_default();
    json.push(b'\n');
    let dir = crate::stats::DIR;
    [
        (
            format!("{dir}/so-lieu.csv"),
            csv(&header, rows.into_iter().map(Vec::from), &note),
        ),
        (format!("{dir}/so-lieu.json"), json),
    ]
}
