//! The statistics pages' template contexts: cards, charts, tables and download links.

use std::collections::BTreeMap;

use tera::Value;

use crate::base::format::{number_vi, percent_vi};
use crate::chart;
use crate::load::config::Config;
use crate::load::strings::fill;
use crate::stats::figures::{coverage_chart, figure, plan_bars};
use crate::stats::pages::{StatPage, dataset_file, heading, path, table_file};
use crate::stats::tables::{Table, page_table};
use crate::stats::{Month, Stats};

pub(crate) fn template(page: StatPage) -> &'static str {
    match page {
        StatPage::Dashboard => "stats_dashboard.html",
        StatPage::Indicator(_) => "stats_indicator.html",
        StatPage::Unit(_) => "stats_unit.html",
    }
}

fn map<const N: usize>(entries: [(&'static str, Value); N]) -> Value {
    Value::from(BTreeMap::from(entries))
}

fn opt_text(v: Option<String>) -> Value {
    v.map_or(Value::none(), Value::from)
}

/// The `stats` object a statistics template receives.
pub(crate) fn context(stats: &Stats, page: StatPage, config: &Config) -> Value {
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
    let table = page_table(stats, page);
    let words = &*stats.strings;
    let downloads = vec![
        map([
            ("title", Value::from(words.download_table_csv.as_str())),
            (
                "url",
                Value::from(config.url(&table_file(stats, page, "csv"))),
            ),
        ]),
        map([
            ("title", Value::from(words.download_table_json.as_str())),
            (
                "url",
                Value::from(config.url(&table_file(stats, page, "json"))),
            ),
        ]),
        map([
            ("title", Value::from(words.download_all_csv.as_str())),
            ("url", Value::from(config.url(&dataset_file("csv")))),
        ]),
        map([
            ("title", Value::from(words.download_all_json.as_str())),
            ("url", Value::from(config.url(&dataset_file("json")))),
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
            let line = figure(stats, province, i, stats.months[0], month, "bieu-do-tinh");
            let mut bars_data: Vec<(usize, f64)> = stats
                .districts()
                .filter_map(|u| stats.percent_of_plan(u, i, month).map(|p| (u, p)))
                .collect();
            bars_data.sort_by(|a, b| b.1.total_cmp(&a.1));
            let bars: Vec<(&str, f64)> = bars_data
                .iter()
                .map(|&(u, p)| (stats.units[u].name.as_str(), p))
                .collect();
            let year = month.year.to_string();
            let bar_title = fill(
                &words.plan_by_unit_title,
                &[
                    ("year", &year),
                    ("indicator", &ind.name),
                    ("month", &month.label_vi()),
                ],
            );
            let bar_desc = fill(
                &words.plan_by_unit_description,
                &[("indicator", &ind.name), ("year", &year)],
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
            let year = month.year.to_string();
            let bar_title = fill(
                &words.plan_by_indicator_title,
                &[
                    ("unit", &unit.name),
                    ("year", &year),
                    ("month", &month.label_vi()),
                ],
            );
            let bar_desc = fill(
                &words.plan_by_indicator_description,
                &[("unit", &unit.name), ("year", &year)],
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

fn chart_value(html: &str) -> Value {
    Value::from(html)
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
        // In January last month is December: one figure, said to be both.
        (
            "change_december",
            opt_text(signed(stats.change_since_december(p, i, month)).filter(|_| month.month != 1)),
        ),
        ("change_month_is_december", Value::from(month.month == 1)),
        (
            "coverage",
            opt_text(stats.coverage(p, i, month).map(|v| percent_vi(v, 2))),
        ),
        (
            "sparkline",
            Value::from(chart::sparkline(
                &sparkline,
                &fill(&stats.strings.sparkline_label, &[("indicator", &ind.name)]),
            )),
        ),
    ])
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
