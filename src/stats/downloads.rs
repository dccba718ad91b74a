//! The open-data downloads: each page's table and the whole dataset, as CSV and JSON.

use crate::stats::Stats;
use crate::stats::pages::{self, StatPage};
use crate::stats::tables::{Cell, table};

/// A field a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab or CR first) with a
/// leading `'`, OWASP's rule against CSV injection: a unit name or a source note comes from
/// YAML that anyone with access to `content/` writes, and journalists open the downloads in
/// Excel. Numbers, negative changes such as `-6114` among them, stay numbers.
fn neutralised(field: &str) -> std::borrow::Cow<'_, str> {
    let formula = matches!(
        field.as_bytes().first(),
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r')
    );
    if formula && field.parse::<f64>().is_err() {
        std::borrow::Cow::Owned(format!("'{field}"))
    } else {
        std::borrow::Cow::Borrowed(field)
    }
}

/// UTF-8 with a BOM, so that Excel opens Vietnamese text correctly.
fn csv<R: AsRef<str>>(header: &[&str], rows: impl Iterator<Item = Vec<R>>, note: &str) -> Vec<u8> {
    let mut out = String::from("\u{feff}");
    let mut line = |fields: &mut dyn Iterator<Item = &str>| {
        for (n, f) in fields.enumerate() {
            if n > 0 {
                out.push(',');
            }
            let f = neutralised(f);
            if f.contains([',', '"', '\n', '\r']) {
                out.push('"');
                out.push_str(&f.replace('"', "\"\""));
                out.push('"');
            } else {
                out.push_str(&f);
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
pub(crate) fn table_downloads(stats: &Stats, page: StatPage) -> [(String, Vec<u8>); 2] {
    let t = table(stats, page);
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
        (pages::table_file(stats, page, "csv"), csv_bytes),
        (pages::table_file(stats, page, "json"), pretty(&json)),
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
pub(crate) fn dataset_downloads(stats: &Stats) -> [(String, Vec<u8>); 2] {
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
    [
        (
            pages::dataset_file("csv"),
            csv(&header, rows.into_iter().map(Vec::from), &note),
        ),
        (pages::dataset_file("json"), json),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_numbers_kept() {
        for (field, expected) in [
            (
                "=HYPERLINK(\"http://x.example\",\"Xem\")",
                "'=HYPERLINK(\"http://x.example\",\"Xem\")",
            ),
            ("+84 912 345 678", "'+84 912 345 678"),
            ("-1+1", "'-1+1"),
            ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("-6114", "-6114"),
            ("+17201", "+17201"),
            ("-0.5", "-0.5"),
            ("104.61", "104.61"),
            ("Huyện Thạch Thành", "Huyện Thạch Thành"),
            ("Tỷ lệ = số người / dân số", "Tỷ lệ = số người / dân số"),
            ("", ""),
        ] {
            assert_eq!(neutralised(field), expected, "{field:?}");
        }
    }

    #[test]
    fn a_neutralised_field_is_still_quoted_when_it_must_be() {
        let bytes = csv(&["a", "b"], [vec!["=1,2", "-3"]].into_iter(), "nguồn");
        let text = String::from_utf8(bytes).unwrap();
        assert_eq!(text, "\u{feff}a,b\r\n\"'=1,2\",-3\r\nnguồn\r\n");
    }
}
