//! Charts of the statistics as HTML figures with their caption and source: the ones articles
//! embed with `bieu_do(...)` and the ones the statistics pages show.

use crate::base::format::number_vi;
use crate::base::text::escape_html;
use crate::chart::{self, Bar, BarChart, LineChart, Scale, Series, Ticks};
use crate::load::strings::fill;
use crate::stats::{Month, Stats};

/// Bars of percent of plan, those that met it highlighted, as a figure with its source.
pub(crate) fn plan_bars(
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
        reference: Some((100.0, &stats.strings.chart_plan)),
        words: &stats.strings,
    });
    figure_html(&svg, title, &stats.source_note(month), "")
}

/// A chart with its title above it, its source below, and `after` (a data table) last.
fn figure_html(svg: &str, title: &str, source: &str, after: &str) -> String {
    format!(
        "<figure class=\"chart-figure\"><figcaption class=\"chart-title\">{}</figcaption>{svg}<p class=\"chart-source\">{}.</p>{after}</figure>",
        escape_html(title),
        escape_html(source)
    )
}

/// The x axes of a monthly chart, finest first: every month, the quarters' first months, the years
/// (at their Januaries). Months are written short, `4/2021`, so that an 11-month chart fits its
/// quarters on a phone.
fn month_ticks(months: &[Month]) -> [Ticks; 3] {
    let at = |keep: fn(&Month) -> bool, text: fn(&Month) -> String| -> Ticks {
        months
            .iter()
            .enumerate()
            .filter(|(_, m)| keep(m))
            .map(|(i, m)| (i, text(m)))
            .collect()
    };
    [
        at(|_| true, |m| format!("{}/{}", m.month, m.year)),
        at(|m| m.month % 3 == 1, |m| format!("{}/{}", m.month, m.year)),
        at(|m| m.month == 1, |m| m.year.to_string()),
    ]
}

pub(crate) fn coverage_chart(
    stats: &Stats,
    unit_name: &str,
    series: &[Option<f64>],
    id: &str,
) -> String {
    let words = &*stats.strings;
    let labels: Vec<String> = stats.months.iter().map(|m| m.label_vi()).collect();
    let ticks = month_ticks(&stats.months);
    let title = fill(
        &words.coverage_chart_title,
        &[
            ("unit", unit_name),
            ("from", &stats.months[0].label_vi()),
            ("to", &stats.latest().label_vi()),
        ],
    );
    let svg = chart::line_chart(&LineChart {
        id,
        title: &title,
        description: &words.coverage_chart_description,
        labels: &labels,
        ticks: &ticks,
        series: &[Series {
            name: &words.coverage_series,
            values: series,
        }],
        scale: Scale::Percent,
        reference: None,
        plan: None,
        words,
    });
    figure_html(&svg, &title, &stats.source_note(stats.latest()), "")
}

/// A chart of one indicator for one unit, with its data table and source, as an HTML block.
pub(crate) fn figure(
    stats: &Stats,
    unit: usize,
    indicator: usize,
    from: Month,
    to: Month,
    id: &str,
) -> String {
    let (a, b) = (
        stats.month_index(from).unwrap_or(0),
        stats.month_index(to).unwrap_or(stats.months.len() - 1),
    );
    let months = &stats.months[a..=b];
    let labels: Vec<String> = months.iter().map(|m| m.label_vi()).collect();
    let values: Vec<Option<f64>> = stats.series(unit, indicator)[a..=b]
        .iter()
        .map(|v| v.map(|v| v as f64))
        .collect();
    let ind = &stats.indicators[indicator];
    let title = format!(
        "{}, {}, {}–{}",
        ind.label,
        stats.units[unit].name,
        from.label_vi(),
        to.label_vi()
    );
    // Each month is drawn against its own year's plan.
    let plan: Vec<Option<f64>> = months
        .iter()
        .map(|m| stats.target(unit, indicator, m.year).map(|t| t as f64))
        .collect();
    let has_plan = plan.iter().any(Option::is_some);
    let words = &*stats.strings;
    let description = fill(
        &words.line_chart_description,
        &[
            ("indicator", &ind.label.to_lowercase()),
            ("from", &from.label_vi()),
            ("to", &to.label_vi()),
            (
                "plan",
                if has_plan {
                    &words.line_chart_plan_note
                } else {
                    ""
                },
            ),
        ],
    );
    let series = [Series {
        name: &ind.name,
        values: &values,
    }];
    let svg = chart::line_chart(&LineChart {
        id,
        title: &title,
        description: &description,
        labels: &labels,
        ticks: &month_ticks(months),
        series: &series,
        scale: Scale::Count,
        reference: None,
        plan: has_plan.then_some(Series {
            name: &words.chart_plan_line,
            values: &plan,
        }),
        words,
    });
    let provisional = format!(" ({})", escape_html(&words.provisional));
    let mut rows = String::new();
    for (k, m) in months.iter().enumerate() {
        let v = values[k].map_or("—".to_owned(), |v| number_vi(v, 0));
        let mark = if stats.is_provisional(*m) {
            provisional.as_str()
        } else {
            ""
        };
        let target = if has_plan {
            format!(
                "<td>{}</td>",
                plan[k].map_or("—".to_owned(), |t| number_vi(t, 0))
            )
        } else {
            String::new()
        };
        rows.push_str(&format!(
            "<tr><th scope=\"row\">{}</th><td>{v}{mark}</td>{target}</tr>",
            m.label_vi()
        ));
    }
    let plan_column = if has_plan {
        format!(
            "<th scope=\"col\">{}</th>",
            escape_html(&words.chart_plan_line)
        )
    } else {
        String::new()
    };
    let data = format!(
        "<details class=\"chart-data\"><summary>{}</summary><table><caption>{}</caption><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{} ({})</th>{plan_column}</tr></thead><tbody>{rows}</tbody></table></details>",
        escape_html(&words.chart_data),
        escape_html(&title),
        escape_html(&words.column_month),
        escape_html(&ind.name),
        escape_html(&ind.unit),
    );
    let mut html = figure_html(&svg, &title, &stats.source_note(to), &data);
    html.push('\n');
    html.replace("\n\n", "\n")
}
