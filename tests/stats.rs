//! Statistics: derived figures against hand-computed values, validation errors, pages, charts,
//! downloads and figures inside articles, on fixture sites built by the real binary.

mod common;

use common::Fixture;

const CATALOG: &str = r#"source: "Cục Thống kê (thử)"
units:
  - id: tinh
    name: Tỉnh Thử
    province: true
  - id: huyen-a
    name: Huyện A
    population: {2020: 1600000, 2021: 1600000}
  - id: huyen-b
    name: Huyện B
    population: {2020: 1500000, 2021: 1500000}
  - id: huyen-c
    name: Huyện C
    population: {2020: 597100, 2021: 597100}
indicators:
  - id: bhxh_bat_buoc
    name: BHXH bắt buộc
    label: Người tham gia BHXH bắt buộc
  - id: bhyt
    name: BHYT
    label: Người tham gia BHYT
    coverage: true
"#;

const PLAN: &str = r#"source: "Kế hoạch (thử)"
targets:
  2020:
    huyen-a: {bhxh_bat_buoc: 170000, bhyt: 1400000}
    huyen-b: {bhxh_bat_buoc: 130000, bhyt: 1300000}
    huyen-c: {bhxh_bat_buoc: 40000, bhyt: 530000}
  2021:
    tinh: {bhxh_bat_buoc: 374622, bhyt: 3261618}
    huyen-a: {bhxh_bat_buoc: 190000, bhyt: 1400000}
    huyen-b: {bhxh_bat_buoc: 160000, bhyt: 1300000}
    huyen-c: {bhxh_bat_buoc: 40000, bhyt: 530000}
"#;

/// Hand-made figures reproducing the province's published ones for 30/11/2021:
/// 391.893 BHXH (104,61% of plan, +6.114 on October, +36.236 on December 2020) and
/// 3.220.197 BHYT (98,73%, +17.201, +19.393, coverage 87,1%).
fn month_rows(month: &str) -> [(u64, u64); 3] {
    match month {
        "2020-11" => [
            (179_000, 1_489_000),
            (134_000, 1_189_000),
            (40_500, 520_000),
        ],
        "2020-12" => [
            (180_000, 1_490_000),
            (135_000, 1_190_000),
            (40_657, 520_804),
        ],
        "2021-11" => [
            (200_000, 1_500_000),
            (150_000, 1_200_000),
            (41_893, 520_197),
        ],
        // 2021-01 .. 2021-10 hold October's figures.
        _ => [
            (196_000, 1_492_000),
            (148_000, 1_191_000),
            (41_779, 519_996),
        ],
    }
}

fn months_yaml(months: &[&str], header: &str) -> String {
    let mut out = format!("{header}months:\n");
    for m in months {
        out.push_str(&format!("  {m}:\n"));
        for (unit, (bhxh, bhyt)) in ["huyen-a", "huyen-b", "huyen-c"].iter().zip(month_rows(m)) {
            out.push_str(&format!(
                "    {unit}: {{bhxh_bat_buoc: {bhxh}, bhyt: {bhyt}}}\n"
            ));
        }
    }
    out
}

const MONTHS_2021: &[&str] = &[
    "2021-01", "2021-02", "2021-03", "2021-04", "2021-05", "2021-06", "2021-07", "2021-08",
    "2021-09", "2021-10", "2021-11",
];

fn stats_site() -> Fixture {
    let f = Fixture::news_site("https://example.gov.vn/");
    f.write("content/thong-ke/danh-muc.yaml", CATALOG);
    f.write("content/thong-ke/ke-hoach.yaml", PLAN);
    f.write(
        "content/thong-ke/so-lieu-2020.yaml",
        &months_yaml(
            &["2020-11", "2020-12"],
            "source: \"Báo cáo 2020 (thử)\"\nas_of: 2020-12-31\n",
        ),
    );
    f.write(
        "content/thong-ke/so-lieu-2021.yaml",
        &months_yaml(
            MONTHS_2021,
            "source: \"Báo cáo nhanh (thử)\"\nas_of: 2021-11-30\nprovisional: [2021-11]\ncorrections:\n  - month: 2021-11\n    unit: huyen-c\n    indicator: bhyt\n    date: 2021-12-15\n    previous: 520300\n    note: \"Loại trừ thẻ cấp trùng.\"\n",
        ),
    );
    f
}

const ARTICLE: &str = "---\ntitle: Kết quả tháng 11\ndate: 2021-12-06\n---\nBHXH bắt buộc: {{ so_lieu(chi_tieu=\"bhxh_bat_buoc\", ky=\"2021-11\") }} người, \
đạt {{ so_lieu(chi_tieu=\"bhxh_bat_buoc\", ky=\"2021-11\", kieu=\"ty_le_ke_hoach\") }}, \
tăng {{ so_lieu(chi_tieu=\"bhxh_bat_buoc\", ky=\"2021-11\", kieu=\"tang_giam_thang_truoc\") }} so với tháng trước, \
tăng {{ so_lieu(chi_tieu=\"bhxh_bat_buoc\", ky=\"2021-11\", kieu=\"tang_giam_dau_nam\") }} so với tháng 12/2020, \
tăng {{ so_lieu(chi_tieu=\"bhxh_bat_buoc\", ky=\"2021-11\", kieu=\"tang_giam_cung_ky\") }} so với cùng kỳ.\n\n\
BHYT: {{ so_lieu(chi_tieu=\"bhyt\", ky=\"2021-10\") }} rồi {{ so_lieu(chi_tieu=\"bhyt\", ky=\"2021-11\", kieu=\"ty_le_ke_hoach\") }} kế hoạch, \
bao phủ {{ so_lieu(chi_tieu=\"bhyt\", ky=\"2021-11\", kieu=\"ty_le_bao_phu\") }}; huyện A {{ so_lieu(chi_tieu=\"bhyt\", don_vi=\"huyen-a\", ky=\"2021-10\", kieu=\"ty_le_bao_phu\") }}; \
kế hoạch {{ so_lieu(chi_tieu=\"bhyt\", ky=\"2021-11\", kieu=\"ke_hoach\") }}.\n\n\
{{ bieu_do(chi_tieu=\"bhyt\", don_vi=\"tinh\", tu=\"2021-01\", den=\"2021-11\") }}\n\n\
Mã mẫu: `{{ so_lieu(chi_tieu=\"khong-co\") }}`\n";

#[test]
fn derived_figures_in_articles_match_the_published_ones() {
    let f = stats_site();
    f.write("content/tin-tuc/so-lieu.md", ARTICLE);
    f.build_ok(&[]);
    let html = f.out("tin-tuc/ket-qua-thang-11/index.html");
    for expected in [
        "BHXH bắt buộc: 391.893 (số liệu sơ bộ) người",
        "đạt 104,61% (số liệu sơ bộ)",
        "tăng 6.114 (số liệu sơ bộ) so với tháng trước",
        "tăng 36.236 (số liệu sơ bộ) so với tháng 12/2020",
        "tăng 38.393 (số liệu sơ bộ) so với cùng kỳ",
        "BHYT: 3.202.996 rồi 98,73% (số liệu sơ bộ) kế hoạch",
        "bao phủ 87,10% (số liệu sơ bộ)",
        // 1.492.000 / 1.600.000
        "huyện A 93,25%",
        "kế hoạch 3.261.618",
        "Nguồn: Báo cáo nhanh (thử). Số liệu tính đến 30/11/2021",
        // Code is left alone.
        "<code>{{ so_lieu(chi_tieu=\"khong-co\") }}</code>",
    ] {
        assert!(html.contains(expected), "missing {expected:?}");
    }
    // The chart: SVG with title, description, month labels and the table of the same numbers.
    assert!(html.contains("<svg"));
    assert!(html.contains("<title id=\"bieu-do-1-title\">"));
    assert!(html.contains("<desc id=\"bieu-do-1-desc\">"));
    assert!(html.contains("01/2021") && html.contains("11/2021"));
    assert!(html.contains("<td>3.220.197 (sơ bộ)</td>"));
    assert!(!html.contains("NaN"));
}

#[test]
fn dashboard_indicator_and_unit_pages() {
    let f = stats_site();
    f.build_ok(&[]);
    let dash = f.out("thong-ke/index.html");
    assert!(dash.contains("391.893") && dash.contains("3.220.197"));
    assert!(dash.contains("104,61%") && dash.contains("98,73%") && dash.contains("87,10%"));
    assert!(
        dash.contains("+6.114")
            && dash.contains("+17.201")
            && dash.contains("+36.236")
            && dash.contains("+19.393")
    );
    assert!(dash.contains("Số liệu tính đến 30/11/2021"));
    assert!(dash.contains("sơ bộ"));
    // Met the 2021 BHXH plan: A (200.000 ≥ 190.000) and C (41.893 ≥ 40.000), not B; BHYT: A only.
    let met = &dash[dash.find("id=\"dat_ke_hoach\"").unwrap()..];
    let bhxh = &met[..met.find("<h3>BHYT</h3>").unwrap()];
    assert!(bhxh.contains("Huyện A") && bhxh.contains("Huyện C") && !bhxh.contains("Huyện B"));
    let bhyt = &met[met.find("<h3>BHYT</h3>").unwrap()..met.find("</section>").unwrap()];
    assert!(bhyt.contains("Huyện A") && !bhyt.contains("Huyện B") && !bhyt.contains("Huyện C"));

    let ind = f.out("thong-ke/bhxh-bat-buoc/index.html");
    // Ranked by % of plan: A 105,26%, C 104,73%, B 93,75%; the province last.
    let (a, c, b) = (
        ind.find(">Huyện A").unwrap(),
        ind.find(">Huyện C").unwrap(),
        ind.find(">Huyện B").unwrap(),
    );
    assert!(a < c && c < b, "ranking by % of plan");
    assert!(ind.contains("105,26%") && ind.contains("104,73%") && ind.contains("93,75%"));

    let unit = f.out("thong-ke/don-vi/huyen-c/index.html");
    assert!(unit.contains("Huyện C"));
    // Coverage 520.197 / 597.100 and the correction note where the figure appears.
    assert!(unit.contains("87,12%"));
    assert!(
        unit.contains("đã điều chỉnh ngày 15/12/2021")
            && unit.contains("520.300")
            && unit.contains("Loại trừ thẻ cấp trùng.")
    );
    assert!(
        f.out("sitemap.xml")
            .contains("https://example.gov.vn/thong-ke/don-vi/huyen-a/")
    );
    let broken = common::broken_internal_links(&f.path("output"), "/", "https://example.gov.vn");
    assert!(broken.is_empty(), "{broken:?}");
}

#[test]
fn csv_and_json_downloads_parse_back() {
    let f = stats_site();
    f.build_ok(&[]);
    let bytes = std::fs::read(f.path("output/thong-ke/so-lieu.csv")).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "UTF-8 BOM for Excel");
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].starts_with("thang,ma_don_vi,don_vi,ma_chi_tieu"));
    // 13 months × (3 districts + province) × 2 indicators, and the source line.
    assert_eq!(lines.len(), 1 + 13 * 4 * 2 + 1);
    let row = lines
        .iter()
        .find(|l| l.starts_with("2021-11,tinh,"))
        .unwrap();
    assert!(
        row.contains(",bhxh_bat_buoc,BHXH bắt buộc,391893,374622,104.61,,1,"),
        "{row}"
    );
    assert!(
        lines
            .last()
            .unwrap()
            .contains("Số liệu tính đến 30/11/2021")
    );

    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(f.path("output/thong-ke/so-lieu.json")).unwrap())
            .unwrap();
    let obs = json["observations"].as_array().unwrap();
    let bhyt = obs
        .iter()
        .find(|o| o["thang"] == "2021-11" && o["ma_don_vi"] == "tinh" && o["ma_chi_tieu"] == "bhyt")
        .unwrap();
    assert_eq!(bhyt["so_nguoi"], 3_220_197);
    assert_eq!(bhyt["ty_le_ke_hoach"], 98.73);
    assert_eq!(bhyt["ty_le_bao_phu"], 87.1);
    assert_eq!(json["corrections"][0]["so_da_cong_bo"], 520_300);

    let page: serde_json::Value =
        serde_json::from_slice(&std::fs::read(f.path("output/thong-ke/bhyt/bang.json")).unwrap())
            .unwrap();
    assert_eq!(page["as_of"], "2021-11-30");
    assert_eq!(page["rows"].as_array().unwrap().len(), 4);
    let page_csv = std::fs::read_to_string(f.path("output/thong-ke/bhyt/bang.csv")).unwrap();
    assert!(
        page_csv.contains("Tỉnh Thử,3220197,3261618,98.73"),
        "{page_csv}"
    );
}

#[test]
fn charts_are_accessible_svg() {
    let f = stats_site();
    f.build_ok(&[]);
    let ind = f.out("thong-ke/bhyt/index.html");
    assert!(
        ind.matches("<svg").count() >= 3,
        "time series, plan bars and coverage"
    );
    assert!(ind.contains("role=\"img\""));
    assert!(ind.contains("<title id=\"bieu-do-ke-hoach-title\">"));
    assert!(ind.contains("Kế hoạch"));
    assert!(!ind.contains("NaN") && !ind.contains("inf\""));
    assert!(
        !ind.contains(" style=\""),
        "no inline styles under a strict CSP"
    );
}

/// Breaks the statistics with `edit` and checks the build fails with each of `expected`.
fn stats_error(edit: impl FnOnce(&Fixture), expected: &[&str]) {
    let f = stats_site();
    edit(&f);
    let run = f.build();
    assert!(!run.ok, "the build should fail");
    for e in expected {
        assert!(run.stderr.contains(e), "expected {e:?} in:\n{}", run.stderr);
    }
}

fn replace_in(f: &Fixture, rel: &str, from: &str, to: &str) {
    let text = std::fs::read_to_string(f.path(rel)).unwrap();
    assert!(text.contains(from), "{from} not in {rel}");
    f.write(rel, &text.replacen(from, to, 1));
}

#[test]
fn unknown_unit_and_indicator() {
    stats_error(
        |f| {
            replace_in(
                f,
                "content/thong-ke/so-lieu-2021.yaml",
                "    huyen-b: {bhxh_bat_buoc: 148000",
                "    huyen-bb: {bhxh_bat_buoc: 148000",
            );
            replace_in(
                f,
                "content/thong-ke/ke-hoach.yaml",
                "huyen-a: {bhxh_bat_buoc: 170000",
                "huyen-a: {bhxh_bat_buoc: 170000, bhytt: 5",
            );
        },
        &[
            "content/thong-ke/so-lieu-2021.yaml:14:5",
            "unknown unit `huyen-bb`",
            "did you mean `huyen-b`?",
            "content/thong-ke/ke-hoach.yaml:4:",
            "unknown indicator `bhytt`",
            "did you mean `bhyt`?",
        ],
    );
}

#[test]
fn units_and_indicators_declared_twice() {
    stats_error(
        |f| {
            replace_in(
                f,
                "content/thong-ke/danh-muc.yaml",
                "indicators:\n",
                "  - id: huyen-b\n    name: Huyện B lặp\nindicators:\n  - id: bhyt\n    name: BHYT lặp\n",
            )
        },
        &[
            "unit `huyen-b` is declared twice",
            "keep one entry per unit",
            "indicator `bhyt` is declared twice",
            "keep one entry per indicator",
        ],
    );
}

#[test]
fn duplicate_months() {
    stats_error(
        |f| {
            replace_in(
                f,
                "content/thong-ke/so-lieu-2020.yaml",
                "  2020-12:",
                "  2021-01:",
            );
        },
        &[
            "content/thong-ke/so-lieu-2021.yaml:",
            "month 2021-01 is already given in",
            "so-lieu-2020.yaml",
        ],
    );
    stats_error(
        |f| {
            replace_in(
                f,
                "content/thong-ke/so-lieu-2021.yaml",
                "  2021-02:",
                "  2021-01:",
            )
        },
        &["month 2021-01 appears twice in this file"],
    );
}

#[test]
fn missing_month_inside_a_series() {
    stats_error(
        |f| {
            replace_in(
                f,
                "content/thong-ke/so-lieu-2021.yaml",
                "    huyen-c: {bhxh_bat_buoc: 41779, bhyt: 519996}\n  2021-06",
                "  2021-06",
            )
        },
        &[
            "huyen-c has no bhxh_bat_buoc figure for 2021-05",
            "add `huyen-c: {bhxh_bat_buoc: ...}` under 2021-05",
        ],
    );
}

#[test]
fn negative_and_non_integer_counts() {
    stats_error(
        |f| {
            replace_in(
                f,
                "content/thong-ke/so-lieu-2021.yaml",
                "huyen-a: {bhxh_bat_buoc: 196000",
                "huyen-a: {bhxh_bat_buoc: -196000",
            );
            replace_in(
                f,
                "content/thong-ke/so-lieu-2021.yaml",
                "huyen-b: {bhxh_bat_buoc: 148000, bhyt: 1191000}\n    huyen-c: {bhxh_bat_buoc: 41779, bhyt: 519996}\n  2021-03",
                "huyen-b: {bhxh_bat_buoc: 148000, bhyt: 1191000.5}\n    huyen-c: {bhxh_bat_buoc: 41779, bhyt: 519996}\n  2021-03",
            );
        },
        &[
            "-196000 is not a count of people",
            "1191000.5 is not a count of people",
            "write a whole number of 0 or more",
        ],
    );
}

#[test]
fn plan_must_be_positive() {
    stats_error(
        |f| {
            replace_in(
                f,
                "content/thong-ke/ke-hoach.yaml",
                "huyen-c: {bhxh_bat_buoc: 40000, bhyt: 530000}\n  2021",
                "huyen-c: {bhxh_bat_buoc: 0, bhyt: 530000}\n  2021",
            )
        },
        &[
            "content/thong-ke/ke-hoach.yaml:6:15",
            "a plan target must be a whole number above 0",
        ],
    );
}

#[test]
fn malformed_period() {
    stats_error(
        |f| {
            replace_in(
                f,
                "content/thong-ke/so-lieu-2021.yaml",
                "  2021-03:",
                "  2021-3:",
            )
        },
        &["`2021-3` is not a month", "YYYY-MM"],
    );
}

#[test]
fn missing_population() {
    stats_error(
        |f| {
            replace_in(
                f,
                "content/thong-ke/danh-muc.yaml",
                "population: {2020: 1500000, 2021: 1500000}",
                "population: {2020: 1500000}",
            )
        },
        &[
            "content/thong-ke/danh-muc.yaml:9:5",
            "huyen-b has bhyt figures for 2021 but no population for 2021",
        ],
    );
}

#[test]
fn province_total_must_equal_its_districts() {
    stats_error(
        |f| {
            replace_in(
                f,
                "content/thong-ke/so-lieu-2021.yaml",
                "  2021-11:\n",
                "  2021-11:\n    tinh: {bhyt: 3220000}\n",
            )
        },
        &[
            "the province total of bhyt for 2021-11 is 3.220.000 here, but its districts add up to 3.220.197",
        ],
    );
}

#[test]
fn a_correct_province_total_passes() {
    let f = stats_site();
    replace_in(
        &f,
        "content/thong-ke/so-lieu-2021.yaml",
        "  2021-11:\n",
        "  2021-11:\n    tinh: {bhxh_bat_buoc: 391893, bhyt: 3220197}\n",
    );
    f.build_ok(&[]);
}

#[test]
fn coverage_above_100_percent_is_a_warning() {
    let f = stats_site();
    replace_in(
        &f,
        "content/thong-ke/danh-muc.yaml",
        "population: {2020: 597100, 2021: 597100}",
        "population: {2020: 597100, 2021: 500000}",
    );
    let run = f.build_ok(&[]);
    assert!(
        run.stderr.contains(
            "warning: bhyt coverage of huyen-c is 104,00% in 2021-01 (and 10 later months)"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn shortcode_errors_point_at_the_article() {
    let f = stats_site();
    f.write(
        "content/tin-tuc/sai.md",
        "---\ntitle: Sai\ndate: 2021-12-01\n---\nĐoạn một.\n\nCó {{ so_lieu(chi_tieu=\"bhyt\", don_vi=\"huyen-x\", ky=\"2021-11\") }} người và {{ so_lieu(chi_tieu=\"bhyt\", ky=\"2019-01\") }}.\n\n{{ bieu_do(chi_tieu=\"bhxh\") }}\n",
    );
    let run = f.build();
    assert!(!run.ok);
    for e in [
        "content/tin-tuc/sai.md:7:4",
        "unknown unit `huyen-x`",
        "there are no figures for 2019-01",
        "the statistics cover 2020-11 to 2021-11",
        "content/tin-tuc/sai.md:9:1",
        "unknown indicator `bhxh`",
    ] {
        assert!(run.stderr.contains(e), "expected {e:?} in:\n{}", run.stderr);
    }
}

/// A figure changes the text's length, so the rules cannot use the offsets of the rendered
/// body: what follows a figure must still be reported where it is in the file.
#[test]
fn content_rules_after_a_figure_point_at_the_source() {
    let f = stats_site();
    f.write(
        "content/tin-tuc/sau-so-lieu.md",
        "---\ntitle: Sau số liệu\ndate: 2021-12-01\n---\nCó {{ so_lieu(chi_tieu=\"bhyt\", ky=\"2021-11\") }} người, hạn nộp dd/mm/yyyy, xem [mẫu](https://trang-la.example/mau).\n",
    );
    let run = f.loa(&["check"]);
    assert!(!run.ok, "{}", run.stdout);
    for e in [
        "content/tin-tuc/sau-so-lieu.md:5:64",
        "a template placeholder is left in the text: \"dd/mm/yyyy\"",
        "content/tin-tuc/sau-so-lieu.md:5:80",
        "a link to `trang-la.example`",
    ] {
        assert!(run.stdout.contains(e), "expected {e:?} in:\n{}", run.stdout);
    }
}

#[test]
fn statistics_urls_are_reserved() {
    let f = stats_site();
    f.write(
        "content/thong-ke-bai.md",
        "---\ntitle: Thống kê\nslug: thong-ke\n---\nx\n",
    );
    let run = f.build();
    assert!(!run.ok);
    assert!(
        run.stderr
            .contains("is already used by a section or a site file: content/thong-ke"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_sample_site_reproduces_the_published_figures() {
    let (_out, target, run) = common::build_sample();
    assert!(run.ok, "{}", run.stderr);
    let articles: Vec<String> = walkdir::WalkDir::new(target.join("tin-tuc"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_name() == "index.html")
        .map(|e| std::fs::read_to_string(e.path()).unwrap())
        .collect();
    // Thanh Hóa's report for 30/11/2021, computed from the data.
    let report = articles
        .iter()
        .find(|a| a.contains("3.220.197"))
        .expect("the November 2021 report");
    for figure in [
        "391.893",
        "74.632",
        "365.863",
        "104,61%",
        "84,73%",
        "105,09%",
        "98,73%",
        "87,10%",
        "17.201",
        "19.393",
        "Số liệu tính đến 30/11/2021",
    ] {
        assert!(
            report.contains(figure),
            "{figure} in the November 2021 report"
        );
    }
    // Thạch Thành, November 2022.
    let district = articles
        .iter()
        .find(|a| a.contains("10.929"))
        .expect("the Thạch Thành article");
    assert!(district.contains("90,33%"));
    let dashboard = std::fs::read_to_string(target.join("thong-ke/index.html")).unwrap();
    assert!(
        dashboard.contains("là số liệu sơ bộ"),
        "the latest month is provisional"
    );
    assert_eq!(
        walkdir::WalkDir::new(target.join("thong-ke/don-vi"))
            .min_depth(1)
            .max_depth(1)
            .into_iter()
            .count(),
        28,
        "27 districts and the province"
    );
}

/// A unit name written as a spreadsheet formula reaches the CSV downloads as text, never as a
/// formula Excel would run; the JSON keeps the name as written.
#[test]
fn csv_downloads_neutralise_formulas() {
    let f = stats_site();
    replace_in(
        &f,
        "content/thong-ke/danh-muc.yaml",
        "name: Huyện C",
        "name: \"=HYPERLINK(\\\"http://x.example\\\",\\\"Huyện C\\\")\"",
    );
    f.build_ok(&[]);
    for file in ["thong-ke/so-lieu.csv", "thong-ke/bhyt/bang.csv"] {
        let text = f.out(file);
        assert!(
            text.contains("\"'=HYPERLINK(\"\"http://x.example\"\",\"\"Huyện C\"\")\""),
            "{file}: {text}"
        );
        for line in text.lines() {
            for field in line.split(',') {
                assert!(!field.starts_with('='), "{file}: {line}");
            }
        }
    }
    let json = f.out("thong-ke/so-lieu.json");
    assert!(json.contains("\"=HYPERLINK("), "{json}");
}

/// A count no province can have (2^64 − 1 wrapped the province's sum around before) is an
/// error at its line, for figures and plans alike; the largest accepted count still builds.
#[test]
fn counts_above_the_maximum() {
    stats_error(
        |f| {
            replace_in(
                f,
                "content/thong-ke/so-lieu-2021.yaml",
                "huyen-a: {bhxh_bat_buoc: 196000",
                "huyen-a: {bhxh_bat_buoc: 18446744073709551615",
            );
            replace_in(
                f,
                "content/thong-ke/ke-hoach.yaml",
                "huyen-c: {bhxh_bat_buoc: 40000, bhyt: 530000}\n  2021",
                "huyen-c: {bhxh_bat_buoc: 40000, bhyt: 10000000001}\n  2021",
            );
        },
        &[
            "content/thong-ke/so-lieu-2021.yaml:",
            "18446744073709551615 is more people than loa accepts (at most 10000000000)",
            "content/thong-ke/ke-hoach.yaml:",
            "a plan target must be a whole number above 0 and at most 10000000000",
        ],
    );
    let f = stats_site();
    replace_in(
        &f,
        "content/thong-ke/ke-hoach.yaml",
        "huyen-c: {bhxh_bat_buoc: 40000, bhyt: 530000}\n  2021",
        "huyen-c: {bhxh_bat_buoc: 40000, bhyt: 10000000000}\n  2021",
    );
    f.build_ok(&[]);
}

/// The header cells of the page's statistics table.
fn table_columns(html: &str) -> Vec<String> {
    let table = &html[html.find("<table class=\"stat-table\">").unwrap()..];
    let head = &table[..table.find("</thead>").unwrap()];
    head.split("<th scope=\"col\">")
        .skip(1)
        .map(|c| c[..c.find("</th>").unwrap()].to_owned())
        .collect()
}

#[test]
fn a_comparison_that_shares_its_base_month_is_shown_once() {
    // December: "since December last year" is the same month last year.
    let f = stats_site();
    let mut months = MONTHS_2021.to_vec();
    months.push("2021-12");
    f.write(
        "content/thong-ke/so-lieu-2021.yaml",
        &months_yaml(&months, "source: \"Báo cáo (thử)\"\nas_of: 2021-12-31\n"),
    );
    f.build_ok(&[]);
    let dash = f.out("thong-ke/index.html");
    let columns = table_columns(&dash);
    assert_eq!(
        columns[4..],
        [
            "So với tháng trước",
            "So với tháng 12 năm trước (cũng là cùng kỳ)",
            "Tỷ lệ bao phủ"
        ],
        "{columns:?}"
    );
    let first_row = &dash[dash.find("<tbody>").unwrap()..];
    let first_row = &first_row[..first_row.find("</tr>").unwrap()];
    assert_eq!(first_row.matches("<td>").count(), columns.len() - 1);
    // The downloads keep every column whatever the month.
    let csv = std::fs::read_to_string(f.path("output/thong-ke/bang.csv")).unwrap();
    assert!(
        csv.contains(",So với tháng 12 năm trước,So với cùng kỳ,"),
        "{csv}"
    );
    // The indicator page has no year-on-year column: nothing to merge.
    let ind = f.out("thong-ke/bhyt/index.html");
    assert!(table_columns(&ind).contains(&"So với tháng 12 năm trước".to_owned()));

    // January: last month is December.
    let f = stats_site();
    let mut catalog = CATALOG.to_owned();
    for p in ["1600000", "1500000", "597100"] {
        catalog = catalog.replace(&format!("2021: {p}}}"), &format!("2021: {p}, 2022: {p}}}"));
    }
    f.write("content/thong-ke/danh-muc.yaml", &catalog);
    f.write(
        "content/thong-ke/so-lieu-2022.yaml",
        &months_yaml(
            &["2021-12", "2022-01"],
            "source: \"Báo cáo (thử)\"\nas_of: 2022-01-31\n",
        ),
    );
    f.build_ok(&[]);
    let ind = f.out("thong-ke/bhyt/index.html");
    let columns = table_columns(&ind);
    assert!(
        columns.contains(&"So với tháng trước (cũng là tháng 12 năm trước)".to_owned())
            && !columns.iter().any(|c| c == "So với tháng 12 năm trước"),
        "{columns:?}"
    );
    let dash = f.out("thong-ke/index.html");
    assert!(dash.contains("<dt>So với tháng trước (cũng là tháng 12 năm trước)</dt>"));
    assert!(!dash.contains("<dt>So với tháng 12 năm trước</dt>"));
}

#[test]
fn line_charts_have_a_title_above_ticks_on_quarters_and_the_plan_of_each_year() {
    let f = stats_site();
    f.write("content/tin-tuc/so-lieu.md", ARTICLE);
    f.build_ok(&[]);
    // The article's chart, 01/2021 to 11/2021: the title comes first, the quarters on the axis.
    let html = f.out("tin-tuc/ket-qua-thang-11/index.html");
    let figure = &html[html.find("<figure class=\"chart-figure\">").unwrap()..];
    assert!(
        figure["<figure class=\"chart-figure\">".len()..]
            .starts_with("<figcaption class=\"chart-title\">Người tham gia BHYT, Tỉnh Thử, 01/2021–11/2021</figcaption><svg"),
        "{figure}"
    );
    let axis = &figure[figure.find("chart-axis-x").unwrap()..];
    let axis = &axis[..axis.find("</g>").unwrap()];
    let ticks: Vec<&str> = axis
        .split("</text>")
        .filter_map(|t| t.rsplit_once('>').map(|(_, l)| l))
        .collect();
    assert_eq!(ticks, ["1/2021", "4/2021", "7/2021", "10/2021"]);

    // The province's whole series, 11/2020 to 11/2021: the 2020 plan, then the 2021 plan.
    let ind = f.out("thong-ke/bhxh-bat-buoc/index.html");
    let chart = &ind[ind.find("class=\"chart chart-line\"").unwrap()..];
    let chart = &chart[..chart.find("</svg>").unwrap()];
    let plan = &chart[chart.find("<path class=\"chart-plan\" d=\"").unwrap() + 28..];
    let plan = &plan[..plan.find('"').unwrap()];
    let heights: Vec<&str> = plan
        .split(['M', 'L'])
        .filter(|p| !p.is_empty())
        .map(|p| p.split_once(' ').unwrap().1)
        .collect();
    assert_eq!(heights.len(), 4, "{plan}");
    assert!(heights[0] == heights[1] && heights[2] == heights[3] && heights[1] != heights[2]);
    assert!(chart.contains(">Kế hoạch năm</text>"));
    // The data table carries each month's plan: 340.000 in 2020 (its districts' sum), 374.622 in 2021.
    let data = &ind[ind.find("<details class=\"chart-data\">").unwrap()..];
    assert!(
        data.contains("<th scope=\"row\">12/2020</th><td>355.657</td><td>340.000</td>"),
        "{data}"
    );
    assert!(data.contains("<th scope=\"row\">01/2021</th><td>385.779</td><td>374.622</td>"));
}

#[test]
fn the_district_list_is_closed_on_every_statistics_page() {
    let f = stats_site();
    f.build_ok(&[]);
    for page in [
        "thong-ke/index.html",
        "thong-ke/bhyt/index.html",
        "thong-ke/don-vi/huyen-b/index.html",
    ] {
        let html = f.out(page);
        let nav = &html[html.find("<nav class=\"stat-nav\"").unwrap()..];
        let nav = &nav[..nav.find("</nav>").unwrap()];
        let details = &nav[nav.find("<details").unwrap()..];
        assert!(
            details.starts_with(
                "<details class=\"unit-nav\">\n    <summary>Huyện, thị xã, thành phố <span class=\"count\">(3)</span></summary>"
            ),
            "{page}: {details}"
        );
        let list = &details[..details.find("</details>").unwrap()];
        for unit in ["huyen-a", "huyen-b", "huyen-c"] {
            assert!(
                list.contains(&format!("href=\"/thong-ke/don-vi/{unit}/\"")),
                "{page}: {unit}"
            );
        }
    } // The dashboard's lists of the units that met each plan are closed too: A and C met BHXH.
    let dash = f.out("thong-ke/index.html");
    let met = &dash[dash.find("id=\"dat_ke_hoach\"").unwrap()..];
    let met = &met[..met.find("</section>").unwrap()];
    assert!(met.contains(
        "<h3>BHXH bắt buộc</h3>\n  <details class=\"unit-nav unit-nav-met\">\n    <summary>2 đơn vị đã đạt</summary>"
    ), "{met}");
    assert!(!met.contains(" open"));
}
