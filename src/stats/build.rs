//! The statistics validated and assembled: the catalog, plans and monthly figures of every
//! file checked against each other, in phases, every problem reported where it is written.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use crate::base::date::DateTime;
use crate::base::error::{Diagnostic, Diagnostics};
use crate::base::yaml::Entries;
use crate::load::strings::Strings;
use crate::stats::load::{INDICATOR, Source, UNIT, as_count, count_error, unknown};
use crate::stats::{Correction, Dataset, Indicator, Month, Stats, Unit};

pub(super) fn build(
    sources: &[Source],
    dir: &Path,
    strings: Arc<Strings>,
    errors: &mut Diagnostics,
) -> Option<Stats> {
    // Catalog: units and indicators, from whichever files declare them.
    let mut units: Vec<Unit> = Vec::new();
    let mut indicators: Vec<Indicator> = Vec::new();
    for src in sources {
        for u in &src.data.units {
            if units.iter().any(|x| x.id == u.id) {
                errors.push(src.declared_twice("units", &u.id, ("unit", "đơn vị")));
                continue;
            }
            let mut population = BTreeMap::new();
            for (year, value) in &u.population.0 {
                let path = ["units", &format!("-id={}", u.id)];
                match (year.text().parse::<i32>(), as_count(value)) {
                    (Ok(y), Some(p)) if p > 0 => {
                        population.insert(y, p);
                    }
                    (Err(_), _) => errors.push(src.error(
                        &path,
                        format!("`{}` is not a year", year.text()),
                        "write population as {2021: 408100, 2022: 409600}",
                        format!("`{}` không phải là năm", year.text()),
                        "ghi dân số theo dạng {2021: 408100, 2022: 409600}",
                    )),
                    _ => errors.push(src.error(
                        &path,
                        format!(
                            "the population of {} is not a positive whole number",
                            year.text()
                        ),
                        "write population as {2021: 408100, 2022: 409600}",
                        format!("dân số năm {} không phải là số nguyên dương", year.text()),
                        "ghi dân số theo dạng {2021: 408100, 2022: 409600}",
                    )),
                }
            }
            units.push(Unit {
                id: u.id.clone(),
                name: u.name.clone(),
                province: u.province,
                population,
            });
        }
        for i in &src.data.indicators {
            if indicators.iter().any(|x| x.id == i.id) {
                errors.push(src.declared_twice("indicators", &i.id, ("indicator", "chỉ tiêu")));
                continue;
            }
            indicators.push(Indicator {
                id: i.id.clone(),
                name: i.name.clone(),
                label: i.label.clone().unwrap_or_else(|| i.name.clone()),
                unit: i
                    .unit
                    .clone()
                    .unwrap_or_else(|| strings.unit_people.clone()),
                coverage: i.coverage,
            });
        }
    }
    let provinces: Vec<usize> = (0..units.len()).filter(|&i| units[i].province).collect();
    let province = match provinces[..] {
        [p] => p,
        _ => {
            errors.push(
                Diagnostic::file_error(dir, format!("the statistics need exactly one unit with `province: true`, found {}", provinces.len()))
                    .with_hint("mark the province in the units list: - {id: tinh, name: Tỉnh Thanh Hóa, province: true}")
                    .vi(
                        format!("số liệu thống kê cần đúng một đơn vị có `province: true`, nhưng có {}", provinces.len()),
                        Some("đánh dấu tỉnh trong danh sách units: - {id: tinh, name: Tỉnh Thanh Hóa, province: true}".into()),
                    ),
            );
            return None;
        }
    };
    if indicators.is_empty() {
        errors.push(
            Diagnostic::file_error(dir, "the statistics declare no indicators")
                .with_hint("add an `indicators:` list, see README.md")
                .vi(
                    "số liệu thống kê chưa khai báo chỉ tiêu nào",
                    Some("thêm danh sách `indicators:`, xem README.md".into()),
                ),
        );
        return None;
    }
    let unit_id_strings: Vec<String> = units.iter().map(|u| u.id.clone()).collect();
    let unit_ids: Vec<&str> = unit_id_strings.iter().map(String::as_str).collect();
    let indicator_ids: Vec<&str> = indicators.iter().map(|i| i.id.as_str()).collect();
    let find = |list: &[&str], id: &str| list.iter().position(|x| *x == id);

    // Observations, month by month.
    struct Obs {
        value: u64,
        source: usize,
        month_key: String,
        unit_key: String,
    }
    let mut observed: BTreeMap<(usize, usize, Month), Obs> = BTreeMap::new();
    let mut given_totals: Vec<(usize, Month, usize, u64, String)> = Vec::new();
    let mut month_owner: BTreeMap<Month, usize> = BTreeMap::new();
    let mut datasets: Vec<Dataset> = Vec::new();
    let mut dataset_of_source: Vec<Option<usize>> = vec![None; sources.len()];
    for (s, src) in sources.iter().enumerate() {
        if src.data.months.0.is_empty() {
            continue;
        }
        let as_of = match &src.data.as_of {
            Some(d) => match DateTime::parse(&d.text()) {
                Ok(d) => d,
                Err(m) => {
                    errors.push(src.error(
                        &["as_of"],
                        m,
                        "write the date the figures stand at: as_of: 2021-11-30",
                        format!("`{}` không phải ngày hợp lệ (khóa `as_of`)", d.text()),
                        "ghi ngày mà số liệu được tính đến: as_of: 2021-11-30",
                    ));
                    continue;
                }
            },
            None => {
                errors.push(
                    Diagnostic::file_error(&src.path, "figures without `as_of`")
                        .with_hint(
                            "add `as_of: 2021-11-30`: readers must see how current the figures are",
                        )
                        .vi(
                            "số liệu chưa có `as_of`",
                            Some("thêm `as_of: 2021-11-30`: người đọc cần biết số liệu được tính đến ngày nào".into()),
                        ),
                );
                continue;
            }
        };
        let Some(source) = src.data.source.clone() else {
            errors.push(
                Diagnostic::file_error(&src.path, "figures without `source`")
                    .with_hint("add `source: \"Báo cáo ... của BHXH tỉnh\"`: every published figure names its source")
                    .vi(
                        "số liệu chưa có `source`",
                        Some("thêm `source: \"Báo cáo ... của BHXH tỉnh\"`: mọi số liệu công bố đều phải nêu nguồn".into()),
                    ),
            );
            continue;
        };
        let mut provisional = Vec::new();
        for p in &src.data.provisional {
            match Month::parse(&p.text()) {
                Some(m) => provisional.push(m),
                None => errors.push(src.error(
                    &["provisional"],
                    format!("`{}` is not a month", p.text()),
                    "write months as YYYY-MM",
                    format!("`{}` không phải là tháng", p.text()),
                    "ghi tháng theo dạng YYYY-MM",
                )),
            }
        }
        let d = datasets.len();
        datasets.push(Dataset {
            file: src.path.clone(),
            source,
            as_of,
            provisional,
        });
        dataset_of_source[s] = Some(d);
        for (month_key, rows) in &src.data.months.0 {
            let key = month_key.text();
            let Some(month) = Month::parse(&key) else {
                errors.push(src.error(
                    &["months", &key],
                    format!("`{key}` is not a month"),
                    "write months as YYYY-MM, e.g. 2021-11",
                    format!("`{key}` không phải là tháng"),
                    "ghi tháng theo dạng YYYY-MM, ví dụ 2021-11",
                ));
                continue;
            };
            if let Some(&other) = month_owner.get(&month) {
                let (message, message_vi) = if other == d {
                    (
                        format!("month {month} appears twice in this file"),
                        format!("tháng {month} xuất hiện hai lần trong tệp này"),
                    )
                } else {
                    let file = crate::base::error::display_path(&datasets[other].file);
                    (
                        format!("month {month} is already given in {file}"),
                        format!("số liệu tháng {month} đã có trong tệp {file}"),
                    )
                };
                errors.push(src.error(
                    &["months", &key],
                    message,
                    "keep one block per month; correct figures in place and record a correction",
                    message_vi,
                    "mỗi tháng chỉ có một khối; sửa số liệu ngay tại chỗ và ghi lại một điều chỉnh (corrections)",
                ));
                continue;
            }
            month_owner.insert(month, d);
            for Figure {
                unit: u,
                indicator: i,
                unit_key,
                ind_key,
                value,
            } in cells(src, "months", &key, rows, &unit_ids, &indicator_ids, errors)
            {
                let path = ["months", key.as_str(), unit_key.as_str(), ind_key.as_str()];
                let Some(v) = as_count(value) else {
                    errors.push(count_error(src, &path, value));
                    continue;
                };
                if u == province {
                    given_totals.push((s, month, i, v, unit_key.clone()));
                } else if observed
                    .insert(
                        (u, i, month),
                        Obs {
                            value: v,
                            source: s,
                            month_key: key.clone(),
                            unit_key: unit_key.clone(),
                        },
                    )
                    .is_some()
                {
                    errors.push(src.error(
                        &path,
                        format!("{ind_key} of {unit_key} is given twice for {month}"),
                        "keep one figure",
                        format!("số liệu {ind_key} của {unit_key} tháng {month} được nhập hai lần"),
                        "chỉ giữ một số liệu",
                    ));
                }
            }
        }
    }
    let (Some(&first), Some(&last)) = (month_owner.keys().next(), month_owner.keys().last()) else {
        errors.push(
            Diagnostic::file_error(dir, "the statistics have no monthly figures")
                .with_hint("add a file with a `months:` block, see README.md")
                .vi(
                    "số liệu thống kê chưa có số liệu tháng nào",
                    Some("thêm một tệp có khối `months:`, xem README.md".into()),
                ),
        );
        return None;
    };
    let mut months = vec![first];
    while *months.last().unwrap_or(&last) < last {
        months.push(months[months.len() - 1].next());
    }
    let index = |m: Month| months.binary_search(&m).ok();
    for m in &months {
        if !month_owner.contains_key(m) {
            errors.push(
                Diagnostic::file_error(
                    dir,
                    format!("no file gives the figures of {m}, between {first} and {last}"),
                )
                .with_hint("add the month's block; series must have no gaps")
                .vi(
                    format!("không tệp nào có số liệu tháng {m}, nằm giữa {first} và {last}"),
                    Some("thêm khối số liệu của tháng này; chuỗi số liệu không được bỏ trống tháng nào".into()),
                ),
            );
        }
    }
    let month_dataset: Vec<usize> = months
        .iter()
        .map(|m| month_owner.get(m).copied().unwrap_or(0))
        .collect();

    let mut values = vec![vec![vec![None; months.len()]; indicators.len()]; units.len()];
    for (&(u, i, m), obs) in &observed {
        if let Some(k) = index(m) {
            values[u][i][k] = Some(obs.value);
        }
    }
    // Gaps inside a series, and the province's sums.
    for (u, unit) in units.iter().enumerate() {
        if u == province {
            continue;
        }
        for (i, ind) in indicators.iter().enumerate() {
            let series = &values[u][i];
            let (Some(a), Some(b)) = (
                series.iter().position(Option::is_some),
                series.iter().rposition(Option::is_some),
            ) else {
                continue;
            };
            for k in a..=b {
                if series[k].is_none() {
                    let src = &sources[dataset_source(&dataset_of_source, month_dataset[k])];
                    let key = months[k].to_string();
                    errors.push(src.error(
                        &["months", &key],
                        format!(
                            "{} has no {} figure for {}, inside its series ({} to {})",
                            unit.id, ind.id, months[k], months[a], months[b]
                        ),
                        format!("add `{}: {{{}: ...}}` under {}", unit.id, ind.id, months[k]),
                        format!(
                            "{} chưa có số liệu {} tháng {}, nằm trong chuỗi số liệu của nó ({} đến {})",
                            unit.id, ind.id, months[k], months[a], months[b]
                        ),
                        format!(
                            "thêm `{}: {{{}: ...}}` vào khối {}",
                            unit.id, ind.id, months[k]
                        ),
                    ));
                }
            }
        }
    }
    let districts: Vec<usize> = (0..units.len()).filter(|&u| u != province).collect();
    let sums: Vec<Vec<Option<u64>>> = (0..indicators.len())
        .map(|i| {
            (0..months.len())
                .map(|k| districts.iter().map(|&u| values[u][i][k]).sum())
                .collect()
        })
        .collect();
    values[province] = sums;
    for (s, month, i, given, unit_key) in &given_totals {
        let key = month.to_string();
        let computed = index(*month).and_then(|k| values[province][*i][k]);
        if computed != Some(*given) {
            let (shown, shown_vi) = match computed {
                Some(c) => {
                    let c = crate::base::format::number_vi(c as f64, 0);
                    (c.clone(), c)
                }
                None => (
                    "incomplete (a district is missing)".to_owned(),
                    "chưa đủ (thiếu số liệu của một huyện)".to_owned(),
                ),
            };
            let given = crate::base::format::number_vi(*given as f64, 0);
            errors.push(sources[*s].error(
                &["months", &key, unit_key, &indicators[*i].id],
                format!(
                    "the province total of {} for {month} is {given} here, but its districts add up to {shown}",
                    indicators[*i].id,
                ),
                "correct the district figures or the total; loa computes the total from the districts",
                format!(
                    "tổng của tỉnh về {} tháng {month} ở đây là {given}, nhưng cộng các huyện lại được {shown_vi}",
                    indicators[*i].id,
                ),
                "sửa số liệu của các huyện hoặc con số tổng; loa tự tính tổng của tỉnh từ các huyện",
            ));
        }
    }

    // Population of the province: the sum of its districts.
    let years: Vec<i32> = months
        .iter()
        .map(|m| m.year)
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    if units[province].population.is_empty() {
        for &y in &years {
            let sum: Option<u64> = districts
                .iter()
                .map(|&u| units[u].population.get(&y).copied())
                .sum();
            if let Some(sum) = sum {
                units[province].population.insert(y, sum);
            }
        }
    }
    let catalog = sources.iter().find(|s| !s.data.units.is_empty());
    for (i, ind) in indicators.iter().enumerate() {
        if !ind.coverage {
            continue;
        }
        for &u in &districts {
            for &y in &years {
                let has_figures = months
                    .iter()
                    .enumerate()
                    .any(|(k, m)| m.year == y && values[u][i][k].is_some());
                if has_figures
                    && !units[u].population.contains_key(&y)
                    && let Some(src) = catalog
                {
                    errors.push(src.error(
                        &["units", &format!("-id={}", units[u].id)],
                        format!(
                            "{} has {} figures for {y} but no population for {y}",
                            units[u].id, ind.id
                        ),
                        format!(
                            "add {y} to its population: population: {{{y}: ...}}; coverage needs it"
                        ),
                        format!(
                            "{} có số liệu {} năm {y} nhưng chưa có dân số năm {y}",
                            units[u].id, ind.id
                        ),
                        format!(
                            "thêm năm {y} vào dân số: population: {{{y}: ...}}; cần có dân số để tính tỷ lệ bao phủ"
                        ),
                    ));
                }
            }
        }
    }

    // Targets.
    let mut targets: BTreeMap<(i32, usize, usize), u64> = BTreeMap::new();
    for src in sources {
        if src.data.targets.0.is_empty() {
            continue;
        }
        for (year_key, rows) in &src.data.targets.0 {
            let yk = year_key.text();
            let Ok(year) = yk.parse::<i32>() else {
                errors.push(src.error(
                    &["targets", &yk],
                    format!("`{yk}` is not a year"),
                    "plan targets are yearly: 2021:",
                    format!("`{yk}` không phải là năm"),
                    "kế hoạch được giao theo năm: 2021:",
                ));
                continue;
            };
            for Figure {
                unit: u,
                indicator: i,
                unit_key,
                ind_key,
                value,
            } in cells(src, "targets", &yk, rows, &unit_ids, &indicator_ids, errors)
            {
                let path = ["targets", yk.as_str(), unit_key.as_str(), ind_key.as_str()];
                match as_count(value) {
                    Some(v) if v > 0 => {
                        if targets.insert((year, u, i), v).is_some() {
                            errors.push(src.error(
                                &path,
                                format!(
                                    "the {year} plan of {unit_key} for {ind_key} is given twice"
                                ),
                                "keep one",
                                format!(
                                    "kế hoạch năm {year} của {unit_key} về {ind_key} được nhập hai lần"
                                ),
                                "chỉ giữ một",
                            ));
                        }
                    }
                    _ => errors.push(src.error(
                        &path,
                        "a plan target must be a whole number above 0 and at most 10000000000",
                        "write the number of participants planned, e.g. 130000",
                        "kế hoạch phải là số nguyên lớn hơn 0 và không quá 10000000000",
                        "ghi số người tham gia theo kế hoạch, ví dụ 130000",
                    )),
                }
            }
        }
    }
    for &y in &years {
        for i in 0..indicators.len() {
            if targets.contains_key(&(y, province, i)) {
                continue;
            }
            let sum: Option<u64> = districts
                .iter()
                .map(|&u| targets.get(&(y, u, i)).copied())
                .sum();
            if let Some(sum) = sum {
                targets.insert((y, province, i), sum);
            }
        }
    }

    // Corrections.
    let mut corrections = Vec::new();
    for src in sources {
        for (n, c) in src.data.corrections.iter().enumerate() {
            let path = ["corrections"];
            let month = Month::parse(&c.month.text());
            let unit = find(&unit_ids, &c.unit);
            let indicator = find(&indicator_ids, &c.indicator);
            let date = DateTime::parse(&c.date.text());
            match (month, unit, indicator, date) {
                (Some(month), Some(unit), Some(indicator), Ok(date)) => corrections.push(Correction { month, unit, indicator, date, previous: c.previous, note: c.note.clone() }),
                _ => errors.push(src.error(
                    &path,
                    format!("correction {} names an unknown month, unit or indicator, or a bad date", n + 1),
                    "a correction needs month: YYYY-MM, a known unit and indicator, date: YYYY-MM-DD and a note",
                    format!("điều chỉnh thứ {} có tháng, đơn vị hoặc chỉ tiêu không có trong danh mục, hoặc ngày không hợp lệ", n + 1),
                    "mỗi điều chỉnh cần month: YYYY-MM, một unit và một indicator đã khai báo, date: YYYY-MM-DD và một note",
                )),
            }
        }
    }

    let stats = Stats {
        units,
        province,
        indicators,
        months,
        values,
        month_dataset,
        datasets,
        targets,
        corrections,
        strings,
    };
    // Coverage above 100 % can be legitimate (cards issued to people living elsewhere): warn,
    // once per series, at its first such month.
    for (i, ind) in stats.indicators.iter().enumerate() {
        if !ind.coverage {
            continue;
        }
        for &u in &districts {
            let over: Vec<(Month, f64)> = stats
                .months
                .iter()
                .filter_map(|&m| {
                    stats
                        .coverage(u, i, m)
                        .filter(|c| *c > 100.0)
                        .map(|c| (m, c))
                })
                .collect();
            let Some(&(m, c)) = over.first() else {
                continue;
            };
            let obs = &observed[&(u, i, m)];
            let (later, later_vi) = match over.len() - 1 {
                0 => (String::new(), String::new()),
                n => (
                    format!(" (and {n} later month{})", if n == 1 { "" } else { "s" }),
                    format!(" (và {n} tháng sau đó)"),
                ),
            };
            let percent = crate::base::format::percent_vi(c, 2);
            let mut d = sources[obs.source].error(
                &["months", &obs.month_key, &obs.unit_key, &ind.id],
                format!("{} coverage of {} is {percent} in {m}{later}", ind.id, stats.units[u].id),
                "check the figure and the population; cards issued to people living in other districts can explain it",
                format!("tỷ lệ bao phủ {} của {} là {percent} vào tháng {m}{later_vi}", ind.id, stats.units[u].id),
                "kiểm tra lại số liệu và dân số; thẻ BHYT cấp cho người cư trú ở huyện khác có thể là nguyên nhân",
            );
            d.level = crate::base::error::Level::Warning;
            errors.push(d);
        }
    }
    Some(stats)
}

/// One figure of a `unit: {indicator: value}` block, its unit and indicator known.
struct Figure<'v> {
    unit: usize,
    indicator: usize,
    unit_key: String,
    ind_key: String,
    value: &'v serde_yaml::Value,
}

/// The figures of block `section.key` (a month or a year), reporting unknown units and
/// indicators where they are written.
fn cells<'v>(
    src: &Source,
    section: &str,
    key: &str,
    rows: &'v Entries<Entries<serde_yaml::Value>>,
    unit_ids: &[&str],
    indicator_ids: &[&str],
    errors: &mut Diagnostics,
) -> Vec<Figure<'v>> {
    let mut out = Vec::new();
    for (unit_key, figures) in &rows.0 {
        let unit_key = unit_key.text();
        let Some(unit) = unit_ids.iter().position(|x| *x == unit_key) else {
            errors.push(unknown(
                src,
                &[section, key, &unit_key],
                UNIT,
                &unit_key,
                unit_ids,
            ));
            continue;
        };
        for (ind_key, value) in &figures.0 {
            let ind_key = ind_key.text();
            let Some(indicator) = indicator_ids.iter().position(|x| *x == ind_key) else {
                errors.push(unknown(
                    src,
                    &[section, key, &unit_key, &ind_key],
                    INDICATOR,
                    &ind_key,
                    indicator_ids,
                ));
                continue;
            };
            out.push(Figure {
                unit,
                indicator,
                unit_key: unit_key.clone(),
                ind_key,
                value,
            });
        }
    }
    out
}

fn dataset_source(map: &[Option<usize>], dataset: usize) -> usize {
    map.iter().position(|d| *d == Some(dataset)).unwrap_or(0)
}
