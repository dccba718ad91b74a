//! Figures and charts from the statistics inside Markdown: `{{ so_lieu(...) }}` and
//! `{{ bieu_do(...) }}`, evaluated at build time so an article's numbers cannot drift from the data.

use std::collections::BTreeSet;
use std::path::Path;

use crate::base::error::{Diagnostic, Span};
use crate::base::format::{number_vi, percent_vi};
use crate::base::text::{closest, escape_html};
use crate::stats::{Month, Stats};

/// What the shortcodes can draw on.
#[derive(Clone, Copy)]
pub(crate) enum Data<'a> {
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
pub(crate) fn expand(
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
        format!(
            "\n\n{}\n\n",
            crate::load::markdown::placeholder(blocks.len() - 1)
        )
    };
    let mut out = String::with_capacity(body.len());
    let mut errors = Vec::new();
    let mut used_months = BTreeSet::new();
    let mut last = 0;
    for call in &calls {
        out.push_str(&body[last..call.start]);
        last = call.end;
        let error = |f: Failure| {
            Diagnostic::error(
                file,
                Span::from_offsets(text, body_start + call.start, body_start + call.end),
                f.message,
            )
            .with_source(text)
            .with_hint(f.hint)
            .vi(f.message_vi, Some(f.hint_vi))
        };
        let stats = match data {
            Data::Ready(s) => s,
            Data::Broken => continue,
            Data::Absent => {
                errors.push(error(fail(
                    format!("`{}` needs statistics, but the site has none", call.name),
                    "add the data files under content/thong-ke/ (see README.md)",
                    format!(
                        "`{}` cần số liệu thống kê, nhưng trang chưa có số liệu nào",
                        call.name
                    ),
                    "thêm các tệp số liệu vào content/thong-ke/ (xem README.md)",
                )));
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
            Err(f) => errors.push(error(f)),
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
    // Most articles have no shortcode; one fast search spares them the line-by-line scan.
    if !body.contains("{{") {
        return calls;
    }
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

/// Why a call cannot be evaluated: message and hint in English (terminal) and Vietnamese
/// (preview overlay).
#[derive(Debug)]
struct Failure {
    message: String,
    hint: String,
    message_vi: String,
    hint_vi: String,
}

fn fail(
    message: impl Into<String>,
    hint: impl Into<String>,
    message_vi: impl Into<String>,
    hint_vi: impl Into<String>,
) -> Failure {
    Failure {
        message: message.into(),
        hint: hint.into(),
        message_vi: message_vi.into(),
        hint_vi: hint_vi.into(),
    }
}

/// A failure about argument `key`, whose hint lists the values it can take.
fn known<'a>(
    message: String,
    message_vi: String,
    key: &str,
    values: impl Iterator<Item = &'a str>,
) -> Failure {
    let values = values.collect::<Vec<_>>().join(", ");
    fail(
        message,
        format!("{key} can be: {values}"),
        message_vi,
        format!("{key} có thể là: {values}"),
    )
}

fn evaluate(
    call: &Call,
    stats: &Stats,
    chart_ids: &mut usize,
) -> Result<(String, Vec<Month>), Failure> {
    let allowed: &[&str] = match call.name {
        "so_lieu" => &["chi_tieu", "don_vi", "ky", "kieu"],
        "bieu_do" => &["chi_tieu", "don_vi", "tu", "den"],
        other => {
            let (hint, hint_vi) = match closest(other, &["so_lieu", "bieu_do"]) {
                Some(g) => (
                    format!("did you mean `{g}`?"),
                    format!("có phải ý bạn là `{g}`?"),
                ),
                None => (
                    "the figures are so_lieu(...) and bieu_do(...), see README.md".into(),
                    "các hàm số liệu là so_lieu(...) và bieu_do(...), xem README.md".into(),
                ),
            };
            return Err(fail(
                format!("unknown function `{other}`"),
                hint,
                format!("không có hàm `{other}`"),
                hint_vi,
            ));
        }
    };
    for (key, _) in &call.args {
        if !allowed.contains(key) {
            return Err(fail(
                format!("`{}` takes no argument `{key}`", call.name),
                format!("its arguments are: {}", allowed.join(", ")),
                format!("`{}` không có tham số `{key}`", call.name),
                format!("các tham số của `{}` là: {}", call.name, allowed.join(", ")),
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
        known(
            format!("`{}` needs chi_tieu=\"...\"", call.name),
            format!("`{}` cần có chi_tieu=\"...\"", call.name),
            "chi_tieu",
            stats.indicators.iter().map(|i| i.id.as_str()),
        )
    })?;
    let indicator = stats.indicator(indicator_id).ok_or_else(|| {
        known(
            format!("unknown indicator `{indicator_id}`"),
            format!("chỉ tiêu `{indicator_id}` không có trong danh mục"),
            "chi_tieu",
            stats.indicators.iter().map(|i| i.id.as_str()),
        )
    })?;
    let unit_id = arg("don_vi").unwrap_or(&stats.units[stats.province].id);
    let unit = stats.unit(unit_id).ok_or_else(|| {
        known(
            format!("unknown unit `{unit_id}`"),
            format!("đơn vị `{unit_id}` không có trong danh mục"),
            "don_vi",
            stats.units.iter().map(|u| u.id.as_str()),
        )
    })?;
    let month_arg = |key: &str| -> Result<Option<Month>, Failure> {
        match arg(key) {
            None => Ok(None),
            Some(text) => {
                let month = Month::parse(text).ok_or_else(|| {
                    fail(
                        format!("`{text}` is not a month"),
                        "write months as YYYY-MM, e.g. ky=\"2021-11\"",
                        format!("`{text}` không phải là tháng"),
                        "ghi tháng theo dạng YYYY-MM, ví dụ ky=\"2021-11\"",
                    )
                })?;
                if stats.month_index(month).is_none() {
                    let (first, last) = (stats.months[0], stats.latest());
                    return Err(fail(
                        format!("there are no figures for {month}"),
                        format!("the statistics cover {first} to {last}"),
                        format!("không có số liệu tháng {month}"),
                        format!("số liệu thống kê có từ tháng {first} đến tháng {last}"),
                    ));
                }
                Ok(Some(month))
            }
        }
    };
    if call.name == "so_lieu" {
        let month = month_arg("ky")?.ok_or_else(|| {
            fail(
                "`so_lieu` needs ky=\"YYYY-MM\"",
                "name the month of the figure, e.g. ky=\"2021-11\"",
                "`so_lieu` cần có ky=\"YYYY-MM\"",
                "ghi tháng của số liệu, ví dụ ky=\"2021-11\"",
            )
        })?;
        let kind = arg("kieu").unwrap_or("so_nguoi");
        // `what` is what is missing, in English and Vietnamese.
        let missing = |(what, what_vi): (&str, &str)| {
            fail(
                format!("{what} of {unit_id} for {indicator_id} in {month} is not available"),
                "check the data covers the months this figure compares",
                format!("{indicator_id} của {unit_id} tháng {month} chưa có {what_vi}"),
                "kiểm tra xem số liệu đã có đủ các tháng mà con số này cần so sánh chưa",
            )
        };
        let text = match kind {
            "so_nguoi" => number_vi(
                stats
                    .value(unit, indicator, month)
                    .ok_or_else(|| missing(("the figure", "số liệu")))? as f64,
                0,
            ),
            "ke_hoach" => number_vi(
                stats
                    .target(unit, indicator, month.year)
                    .ok_or_else(|| missing(("the plan", "kế hoạch")))? as f64,
                0,
            ),
            "ty_le_ke_hoach" => percent_vi(
                stats
                    .percent_of_plan(unit, indicator, month)
                    .ok_or_else(|| missing(("the plan", "kế hoạch")))?,
                2,
            ),
            "ty_le_bao_phu" => {
                if !stats.indicators[indicator].coverage {
                    return Err(fail(
                        format!("`{indicator_id}` has no coverage"),
                        "coverage is computed for indicators marked `coverage: true` (BHYT)",
                        format!("`{indicator_id}` không có tỷ lệ bao phủ"),
                        "tỷ lệ bao phủ chỉ được tính cho các chỉ tiêu có `coverage: true` (BHYT)",
                    ));
                }
                percent_vi(
                    stats
                        .coverage(unit, indicator, month)
                        .ok_or_else(|| missing(("the coverage", "tỷ lệ bao phủ")))?,
                    2,
                )
            }
            "tang_giam_thang_truoc" => number_vi(
                stats
                    .change_previous_month(unit, indicator, month)
                    .ok_or_else(|| {
                        missing(("the previous month", "số liệu tháng trước để so sánh"))
                    })? as f64,
                0,
            ),
            "tang_giam_dau_nam" => number_vi(
                stats
                    .change_since_december(unit, indicator, month)
                    .ok_or_else(|| {
                        missing((
                            "December of the previous year",
                            "số liệu tháng 12 năm trước để so sánh",
                        ))
                    })? as f64,
                0,
            ),
            "tang_giam_cung_ky" => number_vi(
                stats
                    .change_year_on_year(unit, indicator, month)
                    .ok_or_else(|| {
                        missing((
                            "the same month a year earlier",
                            "số liệu cùng kỳ năm trước để so sánh",
                        ))
                    })? as f64,
                0,
            ),
            other => {
                return Err(known(
                    format!("unknown kieu `{other}`"),
                    format!("không có kieu `{other}`"),
                    "kieu",
                    KINDS.iter().copied(),
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
        return Err(fail(
            format!("tu={from} is after den={to}"),
            "swap them",
            format!("tu={from} nằm sau den={to}"),
            "hãy đổi chỗ hai tháng này",
        ));
    }
    *chart_ids += 1;
    let id = format!("bieu-do-{}", chart_ids);
    Ok((
        crate::stats::figures::figure(stats, unit, indicator, from, to, &id),
        vec![to],
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A tiny valid statistics folder: one district, one coverage indicator, one month.
    fn small_stats() -> Stats {
        let dir = tempfile::tempdir().unwrap();
        let stats_dir = dir.path().join(crate::stats::DIR);
        std::fs::create_dir_all(&stats_dir).unwrap();
        std::fs::write(
            stats_dir.join("so-lieu.yaml"),
            "source: \"Thử\"\nas_of: 2021-11-30\nunits:\n  - {id: tinh, name: Tỉnh, province: true}\n  - {id: huyen-a, name: Huyện A, population: {2021: 1000}}\nindicators:\n  - {id: bhyt, name: BHYT, coverage: true}\nmonths:\n  2021-11:\n    huyen-a: {bhyt: 900}\n",
        )
        .unwrap();
        let (stats, errors) = crate::stats::load(dir.path(), crate::load::strings::default_words());
        assert!(errors.is_empty(), "{:?}", errors.iter().collect::<Vec<_>>());
        stats.unwrap()
    }

    fn failure(source: &str) -> Failure {
        let stats = small_stats();
        let call = parse_call(source).unwrap();
        evaluate(&call, &stats, &mut 0).unwrap_err()
    }

    #[test]
    fn an_unknown_indicator_fails_in_both_languages() {
        let f = failure("so_lieu(chi_tieu=\"bhxh\", ky=\"2021-11\")");
        assert_eq!(f.message, "unknown indicator `bhxh`");
        assert_eq!(f.hint, "chi_tieu can be: bhyt");
        assert_eq!(f.message_vi, "chỉ tiêu `bhxh` không có trong danh mục");
        assert_eq!(f.hint_vi, "chi_tieu có thể là: bhyt");
    }

    #[test]
    fn failures_about_units_and_months_are_in_vietnamese() {
        let f = failure("so_lieu(chi_tieu=\"bhyt\", don_vi=\"huyen-x\", ky=\"2021-11\")");
        assert_eq!(f.message_vi, "đơn vị `huyen-x` không có trong danh mục");
        assert_eq!(f.hint_vi, "don_vi có thể là: tinh, huyen-a");
        let f = failure("so_lieu(chi_tieu=\"bhyt\", ky=\"2019-01\")");
        assert_eq!(f.message_vi, "không có số liệu tháng 2019-01");
        assert_eq!(
            f.hint_vi,
            "số liệu thống kê có từ tháng 2021-11 đến tháng 2021-11"
        );
        let f =
            failure("so_lieu(chi_tieu=\"bhyt\", ky=\"2021-11\", kieu=\"tang_giam_thang_truoc\")");
        assert_eq!(
            f.message_vi,
            "bhyt của tinh tháng 2021-11 chưa có số liệu tháng trước để so sánh"
        );
    }

    #[test]
    fn expand_reports_in_vietnamese_too() {
        let body = "Có {{ so_lieu(chi_tieu=\"bhyt\", ky=\"2021-11\") }} người.";
        let errors = expand(body, Data::Absent, Path::new("a.md"), body, 0, &mut 0).unwrap_err();
        assert_eq!(errors.len(), 1);
        let (message, hint) = errors[0].vi.clone().unwrap();
        assert_eq!(
            message,
            "`so_lieu` cần số liệu thống kê, nhưng trang chưa có số liệu nào"
        );
        assert!(hint.unwrap().contains("content/thong-ke/"));
    }

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
