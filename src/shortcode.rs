//! Figures and charts from the statistics inside Markdown: `{{ so_lieu(...) }}` and
//! `{{ bieu_do(...) }}`, evaluated at build time so an article's numbers cannot drift from the data.

use std::collections::BTreeSet;
use std::path::Path;

use crate::chart::{self, LineChart, Scale, Series};
use crate::error::{Diagnostic, Span};
use crate::format::{number_vi, percent_vi};
use crate::stats::{Month, Stats};
use crate::text::{closest, escape_html};

/// What the shortcodes can draw on.
#[derive(Clone, Copy)]
pub enum Data<'a> {
    /// The site has no statistics.
    Absent,
    /// The statistics failed to load; their own errors say why, so calls are not checked.
    Broken,
    Ready(&'a Stats),
}

const KINDS: &[&str] = &[
    "so_nguoi",
    "ke_hoach",
    "ty_le_ke_hoach",
    "ty_le_bao_phu",
    "tang_giam_thang_truoc",
    "tang_giam_dau_nam",
    "tang_giam_cung_ky",
];

/// A call found in the text: its name, arguments and byte range in the body.
struct Call<'t> {
    name: &'t str,
    args: Vec<(&'t str, String)>,
    start: usize,
    end: usize,
}

/// Expands every call in `body`. `text` is the whole file and `body_start` the body's offset
/// in it, so errors point at the call's line and column in the file.
pub fn expand(
    body: &str,
    data: Data,
    file: &Path,
    text: &str,
    body_start: usize,
    chart_ids: &mut usize,
) -> Result<(String, Vec<String>), Vec<Diagnostic>> {
    let calls = find_calls(body);
    if calls.is_empty() {
        return Ok((body.to_owned(), Vec::new()));
    }
    // Charts and source notes are loa's own HTML: they travel as placeholders through
    // Markdown and the sanitizer (which would strip SVG) and are put in afterwards.
    let mut blocks: Vec<String> = Vec::new();
    let mut block = |html: String| -> String {
        blocks.push(html);
        format!("\n\n{}\n\n", crate::markdown::placeholder(blocks.len() - 1))
    };
    let mut out = String::with_capacity(body.len());
    let mut errors = Vec::new();
    let mut used_months = BTreeSet::new();
    let mut last = 0;
    for call in &calls {
        out.push_str(&body[last..call.start]);
        last = call.end;
        let error = |message: String, hint: String| {
            Diagnostic::error(
                file,
                Span::from_offsets(text, body_start + call.start, body_start + call.end),
                message,
            )
            .with_source(text)
            .with_hint(hint)
        };
        let stats = match data {
            Data::Ready(s) => s,
            Data::Broken => continue,
            Data::Absent => {
                errors.push(error(
                    format!("`{}` needs statistics, but the site has none", call.name),
                    "add the data files under content/thong-ke/ (see README.md)".into(),
                ));
                continue;
            }
        };
        match evaluate(call, stats, chart_ids) {
            Ok((html, months)) => {
                if call.name == "bieu_do" {
                    out.push_str(&block(html));
                } else {
                    out.push_str(&html);
                }
                used_months.extend(months);
            }
            Err((message, hint)) => errors.push(error(message, hint)),
        }
    }
    out.push_str(&body[last..]);
    if !errors.is_empty() {
        return Err(errors);
    }
    if let Data::Ready(stats) = data {
        let notes: BTreeSet<String> = used_months.iter().map(|&m| stats.source_note(m)).collect();
        for note in notes {
            let html = format!("<p class=\"stat-source\">{}.</p>", escape_html(&note));
            out.push_str(&block(html));
        }
    }
    Ok((out, blocks))
}

/// Finds `{{ name(...) }}` outside code: fenced blocks and inline code are left alone.
fn find_calls(body: &str) -> Vec<Call<'_>> {
    let mut calls = Vec::new();
    let mut in_fence = false;
    let mut offset = 0;
    for line in body.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            in_fence = !in_fence;
        }
        if !in_fence {
            let mut search = 0;
            while let Some(pos) = line[search..].find("{{") {
                let start = search + pos;
                let in_code = line[..start].matches('`').count() % 2 == 1;
                let Some(close) = line[start..].find("}}") else {
                    break;
                };
                let end = start + close + 2;
                if !in_code && let Some(call) = parse_call(&line[start + 2..end - 2]) {
                    calls.push(Call {
                        start: offset + start,
                        end: offset + end,
                        ..call
                    });
                }
                search = end;
            }
        }
        offset += line.len();
    }
    calls
}

fn parse_call(inner: &str) -> Option<Call<'_>> {
    let inner = inner.trim();
    let open = inner.find('(')?;
    let name = inner[..open].trim();
    if name.is_empty()
        || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        || !inner.ends_with(')')
    {
        return None;
    }
    let mut args = Vec::new();
    let mut rest = &inner[open + 1..inner.len() - 1];
    loop {
        rest = rest.trim_start().trim_start_matches(',').trim_start();
        if rest.is_empty() {
            break;
        }
        let eq = rest.find('=')?;
        let key = rest[..eq].trim();
        let value = rest[eq + 1..].trim_start();
        let quote = value.chars().next().filter(|c| *c == '"' || *c == '\'')?;
        let close = value[1..].find(quote)? + 1;
        args.push((key, value[1..close].to_owned()));
        rest = &value[close + 1..];
    }
    Some(Call {
        name,
        args,
        start: 0,
        end: 0,
    })
}

type Failure = (String, String);

fn evaluate(
    call: &Call,
    stats: &Stats,
    chart_ids: &mut usize,
) -> Result<(String, Vec<Month>), Failure> {
    let allowed: &[&str] = match call.name {
        "so_lieu" => &["chi_tieu", "don_vi", "ky", "kieu"],
        "bieu_do" => &["chi_tieu", "don_vi", "tu", "den"],
        other => {
            let hint = match closest(other, &["so_lieu", "bieu_do"]) {
                Some(g) => format!("did you mean `{g}`?"),
                None => "the figures are so_lieu(...) and bieu_do(...), see README.md".into(),
            };
            return Err((format!("unknown function `{other}`"), hint));
        }
    };
    for (key, _) in &call.args {
        if !allowed.contains(key) {
            return Err((
                format!("`{}` takes no argument `{key}`", call.name),
                format!("its arguments are: {}", allowed.join(", ")),
            ));
        }
    }
    let arg = |key: &str| {
        call.args
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| v.as_str())
    };
    let indicator_id = arg("chi_tieu").ok_or_else(|| {
        (
            format!("`{}` needs chi_tieu=\"...\"", call.name),
            known("chi_tieu", stats.indicators.iter().map(|i| i.id.as_str())),
        )
    })?;
    let indicator = stats.indicator(indicator_id).ok_or_else(|| {
        (
            format!("unknown indicator `{indicator_id}`"),
            known("chi_tieu", stats.indicators.iter().map(|i| i.id.as_str())),
        )
    })?;
    let unit_id = arg("don_vi").unwrap_or(&stats.units[stats.province].id);
    let unit = stats.unit(unit_id).ok_or_else(|| {
        (
            format!("unknown unit `{unit_id}`"),
            known("don_vi", stats.units.iter().map(|u| u.id.as_str())),
        )
    })?;
    let month_arg = |key: &str| -> Result<Option<Month>, Failure> {
        match arg(key) {
            None => Ok(None),
            Some(text) => {
                let month = Month::parse(text).ok_or_else(|| {
                    (
                        format!("`{text}` is not a month"),
                        "write months as YYYY-MM, e.g. ky=\"2021-11\"".to_owned(),
                    )
                })?;
                if stats.month_index(month).is_none() {
                    return Err((
                        format!("there are no figures for {month}"),
                        format!(
                            "the statistics cover {} to {}",
                            stats.months[0],
                            stats.latest()
                        ),
                    ));
                }
                Ok(Some(month))
            }
        }
    };
    if call.name == "so_lieu" {
        let month = month_arg("ky")?.ok_or_else(|| {
            (
                "`so_lieu` needs ky=\"YYYY-MM\"".to_owned(),
                "name the month of the figure, e.g. ky=\"2021-11\"".to_owned(),
            )
        })?;
        let kind = arg("kieu").unwrap_or("so_nguoi");
        let missing = |what: &str| {
            (
                format!("{what} of {unit_id} for {indicator_id} in {month} is not available"),
                "check the data covers the months this figure compares".to_owned(),
            )
        };
        let text = match kind {
            "so_nguoi" => number_vi(
                stats
                    .value(unit, indicator, month)
                    .ok_or_else(|| missing("the figure"))? as f64,
                0,
            ),
            "ke_hoach" => number_vi(
                stats
                    .target(unit, indicator, month.year)
                    .ok_or_else(|| missing("the plan"))? as f64,
                0,
            ),
            "ty_le_ke_hoach" => percent_vi(
                stats
                    .percent_of_plan(unit, indicator, month)
                    .ok_or_else(|| missing("the plan"))?,
                2,
            ),
            "ty_le_bao_phu" => {
                if !stats.indicators[indicator].coverage {
                    return Err((
                        format!("`{indicator_id}` has no coverage"),
                        "coverage is computed for indicators marked `coverage: true` (BHYT)".into(),
                    ));
                }
                percent_vi(
                    stats
                        .coverage(unit, indicator, month)
                        .ok_or_else(|| missing("the coverage"))?,
                    2,
                )
            }
            "tang_giam_thang_truoc" => number_vi(
                stats
                    .change_previous_month(unit, indicator, month)
                    .ok_or_else(|| missing("the previous month"))? as f64,
                0,
            ),
            "tang_giam_dau_nam" => number_vi(
                stats
                    .change_since_december(unit, indicator, month)
                    .ok_or_else(|| missing("December of the previous year"))?
                    as f64,
                0,
            ),
            "tang_giam_cung_ky" => number_vi(
                stats
                    .change_year_on_year(unit, indicator, month)
                    .ok_or_else(|| missing("the same month a year earlier"))?
                    as f64,
                0,
            ),
            other => {
                return Err((
                    format!("unknown kieu `{other}`"),
                    known("kieu", KINDS.iter().copied()),
                ));
            }
        };
        let mut html = text;
        if stats.is_provisional(month) {
            html.push_str(" (số liệu sơ bộ)");
        }
        for c in stats.corrections_of(unit, indicator, month) {
            html.push_str(&format!(
                " (đã điều chỉnh ngày {}: {})",
                c.date.date_vi(),
                escape_html(&c.note)
            ));
        }
        return Ok((html, vec![month]));
    }
    let from = month_arg("tu")?.unwrap_or(stats.months[0]);
    let to = month_arg("den")?.unwrap_or(stats.latest());
    if from > to {
        return Err((format!("tu={from} is after den={to}"), "swap them".into()));
    }
    *chart_ids += 1;
    let id = format!("bieu-do-{}", chart_ids);
    Ok((figure(stats, unit, indicator, from, to, &id), vec![to]))
}

fn known<'a>(key: &str, values: impl Iterator<Item = &'a str>) -> String {
    format!("{key} can be: {}", values.collect::<Vec<_>>().join(", "))
}

/// A chart of one indicator for one unit, with its data table and source, as an HTML block.
pub fn figure(
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
    let target = stats.target(unit, indicator, to.year);
    let description = format!(
        "Biểu đồ đường số {} theo tháng từ {} đến {}{}.",
        ind.label.to_lowercase(),
        from.label_vi(),
        to.label_vi(),
        target.map_or(String::new(), |t| format!(
            "; đường nét đứt là kế hoạch năm {}: {} {}",
            to.year,
            number_vi(t as f64, 0),
            ind.unit
        ))
    );
    let series = [Series {
        name: &ind.name,
        values: &values,
    }];
    let reference_label = format!("Kế hoạch {}", to.year);
    let svg = chart::line_chart(&LineChart {
        id,
        title: &title,
        description: &description,
        labels: &labels,
        series: &series,
        scale: Scale::Count,
        reference: target.map(|t| (t as f64, reference_label.as_str())),
    });
    let mut rows = String::new();
    for (k, m) in months.iter().enumerate() {
        let v = values[k].map_or("—".to_owned(), |v| number_vi(v, 0));
        let mark = if stats.is_provisional(*m) {
            " (sơ bộ)"
        } else {
            ""
        };
        rows.push_str(&format!(
            "<tr><th scope=\"row\">{}</th><td>{v}{mark}</td></tr>",
            m.label_vi()
        ));
    }
    format!(
        "<figure class=\"chart-figure\">{svg}<figcaption>{}. {}.</figcaption><details class=\"chart-data\"><summary>Bảng số liệu</summary><table><caption>{}</caption><thead><tr><th scope=\"col\">Tháng</th><th scope=\"col\">{} ({})</th></tr></thead><tbody>{rows}</tbody></table></details></figure>\n",
        escape_html(&title),
        escape_html(&stats.source_note(to)),
        escape_html(&title),
        escape_html(&ind.name),
        escape_html(&ind.unit),
    )
    .replace("\n\n", "\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_calls_outside_code() {
        let body = "Có {{ so_lieu(chi_tieu=\"bhyt\", ky=\"2021-11\") }} người.\n`{{ so_lieu(x=\"1\") }}`\n```\n{{ bieu_do(chi_tieu=\"a\") }}\n```\n{{ not a call }}\n";
        let calls = find_calls(body);
        assert_eq!(calls.len(), 1);
        assert_eq!(calls[0].name, "so_lieu");
        assert_eq!(
            calls[0].args,
            vec![
                ("chi_tieu", "bhyt".to_owned()),
                ("ky", "2021-11".to_owned())
            ]
        );
        assert_eq!(
            &body[calls[0].start..calls[0].end],
            "{{ so_lieu(chi_tieu=\"bhyt\", ky=\"2021-11\") }}"
        );
    }
}
