//! The charts' SVG: well-formed and clean, axes and labels, series told apart, edge cases.

use super::*;
use crate::load::strings::default_words;
use std::sync::{Arc, LazyLock};

static WORDS: LazyLock<Arc<Strings>> = LazyLock::new(default_words);

/// Checks that tags balance and that text and attributes hold no raw `<` or bare `&`.
fn assert_well_formed(svg: &str) {
    let mut stack: Vec<String> = Vec::new();
    let mut rest = svg;
    let mut roots = 0;
    while let Some(open) = rest.find('<') {
        check_text(&rest[..open]);
        let close = rest[open..].find('>').expect("unclosed tag") + open;
        let tag = &rest[open + 1..close];
        assert!(!tag.contains('<'), "'<' inside a tag: {tag}");
        assert_eq!(tag.matches('"').count() % 2, 0, "unbalanced quotes: {tag}");
        if let Some(name) = tag.strip_prefix('/') {
            let top = stack.pop().unwrap_or_else(|| panic!("stray </{name}>"));
            assert_eq!(top, name, "</{name}> closes <{top}>");
        } else {
            let name: String = tag
                .chars()
                .take_while(|c| !c.is_whitespace() && *c != '/')
                .collect();
            assert!(!name.is_empty(), "empty tag name");
            if stack.is_empty() {
                roots += 1;
            }
            if !tag.ends_with('/') {
                stack.push(name);
            }
            for value in tag.split('"').skip(1).step_by(2) {
                check_text(value);
            }
        }
        rest = &rest[close + 1..];
    }
    check_text(rest);
    assert!(stack.is_empty(), "unclosed: {stack:?}");
    assert_eq!(roots, 1, "one root element");
    assert!(svg.starts_with("<svg ") && svg.ends_with("</svg>"));
}

fn check_text(text: &str) {
    assert!(!text.contains('>'), "raw '>' in {text:?}");
    for (i, _) in text.match_indices('&') {
        let entity = &text[i..];
        assert!(
            ["&amp;", "&lt;", "&gt;", "&quot;", "&#39;"]
                .iter()
                .any(|e| entity.starts_with(e)),
            "bare '&' in {text:?}"
        );
    }
}

/// Everything every chart must satisfy.
fn assert_clean(svg: &str) {
    assert_well_formed(svg);
    for bad in ["NaN", "inf", "style=", "<style", "<script"] {
        assert!(!svg.contains(bad), "{bad} in {svg}");
    }
    let root = &svg[..svg.find('>').unwrap()];
    assert!(
        !root.contains(" width=") && !root.contains(" height="),
        "{root}"
    );
    // No coordinate with more than one decimal.
    for value in svg.split('"').skip(1).step_by(2) {
        for token in value.split([' ', ',', 'M', 'L', 'Z']) {
            if token.parse::<f64>().is_ok()
                && let Some((_, frac)) = token.split_once('.')
            {
                assert!(frac.len() <= 1, "{token} in {svg}");
            }
        }
    }
}

fn months(n: usize) -> Vec<String> {
    (0..n).map(|i| format!("{:02}/2021", i % 12 + 1)).collect()
}

fn participants() -> Vec<Option<f64>> {
    [
        3_194_511.0,
        3_201_880.0,
        3_199_020.0,
        3_205_331.0,
        3_210_002.0,
        3_208_117.0,
        3_190_456.0,
        3_172_904.0,
        3_181_577.0,
        3_203_616.0,
        3_220_197.0,
    ]
    .into_iter()
    .map(Some)
    .collect()
}

#[test]
fn line_chart_of_counts() {
    let labels = months(11);
    let values = participants();
    let series = [Series {
        name: "Bắt buộc",
        values: &values,
    }];
    let svg = line_chart(&LineChart {
        id: "tham-gia",
        title: "Người tham gia <BHXH> & BHYT",
        description: "Số người tham gia tăng \"nhẹ\"",
        labels: &labels,
        series: &series,
        scale: Scale::Count,
        reference: None,
        ticks: &[],
        plan: None,
        words: &WORDS,
    });
    assert_clean(&svg);
    assert!(svg.contains(r#"role="img""#));
    assert!(svg.contains(r#"aria-labelledby="tham-gia-title tham-gia-desc""#));
    assert!(svg.contains(r#"preserveAspectRatio="xMidYMid meet""#));
    assert!(svg.contains(
        r#"<title id="tham-gia-title">Người tham gia &lt;BHXH&gt; &amp; BHYT</title><desc id="tham-gia-desc">Số người tham gia tăng &quot;nhẹ&quot;</desc>"#
    ));
    // Title and description come first.
    let first_child = svg.find('>').unwrap() + 1;
    assert!(svg[first_child..].starts_with("<title"));
    // The point titles, in vi-VN format.
    assert!(svg.contains("<title>11/2021: 3.220.197</title></circle>"));
    assert!(svg.contains("<title>01/2021: 3.194.511</title>"));
    // The axis does not start at zero, and its lowest label says where it starts, in thousands.
    assert!(svg.contains(">3.160 nghìn</text>"), "{svg}");
    assert!(!svg.contains(">0</text>"));
    assert!(!svg.contains(" tr<"));
    // First and last x labels are printed.
    assert!(svg.contains(">01/2021</text>"));
    assert!(svg.contains(">11/2021</text>"));
    // One series: no legend.
    assert!(!svg.contains("chart-legend"));
    // Deterministic.
    let again = line_chart(&LineChart {
        id: "tham-gia",
        title: "Người tham gia <BHXH> & BHYT",
        description: "Số người tham gia tăng \"nhẹ\"",
        labels: &labels,
        series: &series,
        scale: Scale::Count,
        reference: None,
        ticks: &[],
        plan: None,
        words: &WORDS,
    });
    assert_eq!(svg, again);
}

#[test]
fn line_chart_of_percents_with_reference_and_legend() {
    let labels = months(12);
    let a: Vec<Option<f64>> = [
        80.2, 81.0, 82.5, 83.0, 84.4, 85.0, 85.9, 86.3, 86.8, 87.0, 87.1, 88.0,
    ]
    .into_iter()
    .map(Some)
    .collect();
    let b: Vec<Option<f64>> = vec![
        Some(90.0),
        Some(91.5),
        None,
        None,
        Some(95.0),
        Some(96.25),
        Some(98.0),
        None,
        Some(99.0),
        Some(101.0),
        Some(103.4),
        Some(104.61),
    ];
    let series = [
        Series {
            name: "BHXH",
            values: &a,
        },
        Series {
            name: "BHYT",
            values: &b,
        },
    ];
    let svg = line_chart(&LineChart {
        id: "ty-le",
        title: "Tỷ lệ hoàn thành kế hoạch",
        description: "Theo tháng",
        labels: &labels,
        series: &series,
        scale: Scale::Percent,
        reference: Some((100.0, "Kế hoạch")),
        ticks: &[],
        plan: None,
        words: &WORDS,
    });
    assert_clean(&svg);
    assert!(svg.contains("<title>BHXH, 11/2021: 87,1%</title>"));
    assert!(svg.contains("<title>BHYT, 12/2021: 104,61%</title>"));
    assert!(svg.contains(">Kế hoạch: 100%</text>"));
    assert!(svg.contains(r#"stroke-dasharray="6 4""#));
    // Every y label is a percent.
    let y_axis = &svg[svg.find("chart-axis-y").unwrap()..];
    let y_axis = &y_axis[..y_axis.find("</g>").unwrap()];
    let labels: Vec<&str> = y_axis
        .split("</text>")
        .filter_map(|t| t.rsplit_once('>').map(|(_, l)| l))
        .collect();
    assert!((4..=6).contains(&labels.len()), "{labels:?}");
    assert!(labels.iter().all(|l| l.ends_with('%')), "{labels:?}");
    // Legend with both names, series told apart by dash and marker shape too.
    assert!(svg.contains("chart-legend"));
    assert!(svg.contains(">BHXH</text>") && svg.contains(">BHYT</text>"));
    assert!(svg.contains(r#"stroke-dasharray="9 5""#));
    assert!(svg.contains("<rect"));
    // The gap splits the second line into subpaths; 8 of 12 months hold a figure.
    let paths: Vec<&str> = svg.split("<path d=\"").skip(1).collect();
    let second = paths
        .iter()
        .find(|p| p.contains("stroke=\"#b45309\""))
        .unwrap();
    let d = &second[..second.find('"').unwrap()];
    assert_eq!(d.matches('M').count(), 3, "{d}");
    assert_eq!(svg.matches("<title>BHYT, ").count(), 9);
}

#[test]
fn four_series_differ_in_colour_dash_and_marker() {
    let labels = months(6);
    let values: Vec<Vec<Option<f64>>> = (0..4)
        .map(|k| (0..6).map(|i| Some((k * 10 + i) as f64)).collect())
        .collect();
    let names = ["Một", "Hai", "Ba", "Bốn"];
    let series: Vec<Series> = values
        .iter()
        .zip(names)
        .map(|(v, name)| Series { name, values: v })
        .collect();
    let svg = line_chart(&LineChart {
        id: "bon",
        title: "Bốn",
        description: "",
        labels: &labels,
        series: &series,
        scale: Scale::Count,
        reference: None,
        ticks: &[],
        plan: None,
        words: &WORDS,
    });
    assert_clean(&svg);
    for colour in PALETTE {
        assert!(svg.contains(colour));
    }
    for dash in DASHES.iter().flatten() {
        assert!(svg.contains(dash));
    }
    assert!(svg.contains("<circle") && svg.contains("<rect") && svg.contains("Z\"><title>"));
    // Starts at zero here: the values are near it.
    assert!(svg.contains(">0</text>"));
}

/// A line chart of one series, counted, without a reference line.
fn one_line(labels: &[String], values: &[Option<f64>]) -> String {
    line_chart(&LineChart {
        id: "c",
        title: "T",
        description: "D",
        labels,
        series: &[Series { name: "x", values }],
        scale: Scale::Count,
        reference: None,
        ticks: &[],
        plan: None,
        words: &WORDS,
    })
}

#[test]
fn line_chart_edge_cases() {
    let labels = months(5);
    let none = vec![None; 5];
    let one = vec![None, None, Some(42.0), None, None];
    let flat = vec![Some(3_220_197.0); 5];
    let zeros = vec![Some(0.0); 5];
    let negative = vec![
        Some(-12.0),
        Some(5.5),
        Some(-17_201.0),
        Some(0.0),
        Some(3.0),
    ];
    let all_negative = vec![Some(-3.0), Some(-2.0), Some(-5.0), Some(-4.0), Some(-1.0)];
    let odd = vec![Some(f64::NAN), Some(f64::INFINITY), Some(1.0), None];
    let single_label = vec!["12/2021".to_string()];
    type Case<'a> = (&'a [String], Vec<&'a [Option<f64>]>, Scale);
    let cases: Vec<Case> = vec![
        (&labels, vec![], Scale::Count),
        (&labels, vec![&none], Scale::Count),
        (&labels, vec![&none, &none], Scale::Percent),
        (&labels, vec![&one], Scale::Count),
        (&labels, vec![&flat], Scale::Count),
        (&labels, vec![&zeros], Scale::Count),
        (&labels, vec![&zeros], Scale::Percent),
        (&labels, vec![&negative], Scale::Count),
        (&labels, vec![&all_negative, &one], Scale::Percent),
        (&labels, vec![&odd], Scale::Count),
        (&[], vec![&flat], Scale::Count),
        (&single_label, vec![&flat], Scale::Count),
        (&single_label, vec![&none], Scale::Percent),
    ];
    for (labels, values, scale) in cases {
        let series: Vec<Series> = values
            .iter()
            .map(|v| Series {
                name: "Chuỗi",
                values: v,
            })
            .collect();
        for reference in [None, Some((0.0, "")), Some((f64::NAN, "x"))] {
            let svg = line_chart(&LineChart {
                id: "c",
                title: "T",
                description: "D",
                labels,
                series: &series,
                scale,
                reference,
                ticks: &[],
                plan: None,
                words: &WORDS,
            });
            assert_clean(&svg);
            assert!(svg.contains(r#"<title id="c-title">T</title><desc id="c-desc">D</desc>"#));
        }
    }
    // A lone point still has its marker and title.
    let svg = one_line(&labels, &one);
    assert!(svg.contains("<title>03/2021: 42</title>"));
    assert!(!svg.contains("<path d="));
    // No figures at all: say so.
    let svg = one_line(&labels, &none);
    assert!(svg.contains(WORDS.no_data.as_str()));
    // Negative changes are labelled with a minus sign, and the zero line is drawn.
    let svg = one_line(&labels, &negative);
    assert!(svg.contains("<title>03/2021: -17.201</title>"));
    assert!(svg.contains("<title>02/2021: 5,5</title>"));
    assert!(svg.contains("chart-zero"));
    assert!(svg.contains(">-20.000</text>"), "{svg}");
}

#[test]
fn bar_chart_labels_values_highlight_and_reference() {
    let bars = [
        Bar {
            label: "Hà Nội",
            value: 104.61,
            highlight: true,
        },
        Bar {
            label: "Đà Nẵng",
            value: 98.7,
            highlight: false,
        },
        Bar {
            label: "Cần Thơ <mới>",
            value: 87.0,
            highlight: false,
        },
    ];
    let svg = bar_chart(&BarChart {
        id: "dat",
        title: "Tỷ lệ đạt kế hoạch",
        description: "Theo tỉnh",
        bars: &bars,
        scale: Scale::Percent,
        reference: Some((100.0, "Kế hoạch")),
        words: &WORDS,
    });
    assert_clean(&svg);
    assert!(svg.contains(r#"class="chart chart-bar""#));
    for label in ["Hà Nội", "Đà Nẵng", "Cần Thơ &lt;mới&gt;"] {
        assert!(svg.contains(&format!(">{label}</text>")), "{label}");
    }
    // Same decimals on every bar.
    for value in ["104,61%", "98,70%", "87,00%"] {
        assert!(svg.contains(&format!(">{value}</text>")), "{value}");
    }
    assert!(svg.contains("<title>Hà Nội: 104,61%</title>"));
    assert!(svg.contains(">Kế hoạch: 100%</text>"));
    assert!(svg.contains("chart-bar-highlight"));
    assert_eq!(svg.matches(&format!(r#"fill="{PRIMARY}""#)).count(), 1);
    assert_eq!(svg.matches(&format!(r#"fill="{TINT}""#)).count(), 2);
    // Drawn in the given order, top to bottom.
    let y = |label: &str| svg.find(&format!(">{label}</text>")).unwrap();
    assert!(y("Hà Nội") < y("Đà Nẵng"));
    // Labels fit on the left: right-aligned beside the bars.
    assert!(svg.contains(r#"class="chart-label" x="#) && svg.contains("text-anchor=\"end\""));
}

#[test]
fn bar_chart_long_labels_counts_and_edge_cases() {
    let bars = [
        Bar {
            label: "Bảo hiểm xã hội thành phố Hồ Chí Minh",
            value: 3_220_197.0,
            highlight: true,
        },
        Bar {
            label: "Bảo hiểm xã hội tỉnh Bà Rịa – Vũng Tàu",
            value: -17_201.0,
            highlight: false,
        },
    ];
    let svg = bar_chart(&BarChart {
        id: "b",
        title: "B",
        description: "D",
        bars: &bars,
        scale: Scale::Count,
        reference: None,
        words: &WORDS,
    });
    assert_clean(&svg);
    assert!(svg.contains(">3.220.197</text>"));
    assert!(svg.contains(">-17.201</text>"));
    assert!(svg.contains(">Bảo hiểm xã hội thành phố Hồ Chí Minh</text>"));
    for bars in [
        &[][..],
        &[Bar {
            label: "x",
            value: f64::NAN,
            highlight: false,
        }][..],
        &[Bar {
            label: "x",
            value: 0.0,
            highlight: true,
        }][..],
        &[
            Bar {
                label: "a",
                value: -5.0,
                highlight: false,
            },
            Bar {
                label: "b",
                value: -5.0,
                highlight: false,
            },
        ][..],
    ] {
        for reference in [None, Some((0.0, "Mốc")), Some((f64::INFINITY, "x"))] {
            let svg = bar_chart(&BarChart {
                id: "b",
                title: "B",
                description: "D",
                bars,
                scale: Scale::Percent,
                reference,
                words: &WORDS,
            });
            assert_clean(&svg);
        }
    }
}

#[test]
fn sparkline_marks_the_last_point() {
    let values = [Some(1.0), Some(3.0), None, Some(2.0), Some(5.0), None];
    let svg = sparkline(&values, "Tăng <3%>");
    assert_clean(&svg);
    assert!(svg.contains(r#"viewBox="0 0 120 32""#));
    assert!(svg.contains(r#"role="img""#));
    assert!(svg.contains("<title>Tăng &lt;3%&gt;</title>"));
    assert_eq!(svg.matches("<polyline").count(), 1);
    // The last figure (index 4 of 6) is marked, at the top because it is the highest.
    assert!(
        svg.contains(r#"class="chart-last" cx="93.6" cy="4""#),
        "{svg}"
    );
    for values in [
        &[][..],
        &[None, None][..],
        &[Some(7.0)][..],
        &[Some(2.0), Some(2.0), Some(2.0)][..],
        &[Some(-1.0), Some(f64::NAN), Some(-3.0)][..],
    ] {
        let svg = sparkline(values, "s");
        assert_clean(&svg);
        assert_eq!(
            svg.contains("chart-last"),
            values.iter().flatten().any(|v| v.is_finite())
        );
    }
}

#[test]
fn nice_axes() {
    let cases = [
        (0.0, 10.0, 1.0),
        (3_172_904.0, 3_220_197.0, 1.0),
        (80.2, 104.61, 0.1),
        (87.1, 87.1, 0.1),
        (0.0, 1.0, 1.0),
        (-17_201.0, 5.5, 1.0),
        (-5.0, -1.0, 0.1),
        (0.0, 0.0, 1.0),
        (1.0, 1.0, 1.0),
        (0.3, 0.7, 0.1),
        (123.0, 98_765.0, 1.0),
    ];
    for (lo, hi, min) in cases {
        let axis = nice_axis(lo, hi, min, 6);
        assert!((4..=6).contains(&axis.count), "{lo}..{hi}: {axis:?}");
        let slack = 1e-9 * hi.abs().max(lo.abs()).max(1.0);
        assert!(
            axis.first() <= lo + slack && axis.last() >= hi - slack,
            "{lo}..{hi}: {axis:?}"
        );
        assert!(axis.step >= min * 0.999);
        let mantissa = axis.step / 10f64.powf(axis.step.log10().floor());
        assert!(
            [1.0, 2.0, 2.5, 5.0]
                .iter()
                .any(|m| (m - mantissa).abs() < 1e-9),
            "{axis:?}"
        );
    }
    // A range of many sizes, all 4 to 6 ticks.
    for i in 1..400 {
        let hi = 1.37f64.powi(i % 40) * (i as f64);
        let axis = nice_axis(hi * 0.6, hi, 0.1, 6);
        assert!((4..=6).contains(&axis.count), "{hi}: {axis:?}");
    }
    assert_eq!(
        axis_labels(
            Scale::Count,
            &nice_axis(3_172_904.0, 3_220_197.0, 1.0, 6),
            &WORDS.thousands
        ),
        [
            "3.160 nghìn",
            "3.180 nghìn",
            "3.200 nghìn",
            "3.220 nghìn",
            "3.240 nghìn"
        ]
    );
    assert_eq!(
        axis_labels(
            Scale::Count,
            &nice_axis(0.0, 80_000.0, 1.0, 6),
            &WORDS.thousands
        ),
        ["0", "20.000", "40.000", "60.000", "80.000"]
    );
    assert_eq!(
        axis_labels(
            Scale::Percent,
            &nice_axis(85.0, 90.0, 0.1, 6),
            &WORDS.thousands
        ),
        ["85%", "86%", "87%", "88%", "89%", "90%"]
    );
}

#[test]
fn x_labels_first_last_and_spaced() {
    assert_eq!(x_ticks(0, 10.0, 60.0), Vec::<usize>::new());
    assert_eq!(x_ticks(1, 10.0, 60.0), [0]);
    assert_eq!(x_ticks(11, 43.0, 70.0), [0, 2, 4, 6, 8, 10]);
    // 24 months: 0, 6, 12, 18, 23 rather than 0, 4, 8, 12, 16, 23.
    assert_eq!(x_ticks(24, 20.0, 73.0), [0, 6, 12, 18, 23]);
    for n in 2..80 {
        let unit = 430.0 / (n - 1) as f64;
        let ticks = x_ticks(n, unit, 70.0);
        assert_eq!(ticks[0], 0);
        assert_eq!(*ticks.last().unwrap(), n - 1);
        assert!(ticks.len() <= 8, "{n}: {ticks:?}");
        if n > 2 {
            for pair in ticks.windows(2) {
                assert!((pair[1] - pair[0]) as f64 * unit >= 70.0, "{n}: {ticks:?}");
            }
        }
    }
}

#[test]
fn coordinates() {
    assert_eq!(num(0.04), "0");
    assert_eq!(num(-0.04), "0");
    assert_eq!(num(12.0), "12");
    assert_eq!(num(12.345), "12.3");
    assert_eq!(num(-3.96), "-4");
    assert_eq!(num(f64::NAN), "0");
}

/// The x of the dashed reference line and the spans of the value texts of a bar chart.
fn reference_and_values(svg: &str) -> (f64, Vec<(f64, f64, String)>) {
    let attr = |tag: &str, name: &str| -> f64 {
        let at = tag.find(&format!(" {name}=\"")).unwrap() + name.len() + 3;
        tag[at..at + tag[at..].find('"').unwrap()].parse().unwrap()
    };
    let line = &svg[svg.find(r#"<line class="chart-reference""#).unwrap()..];
    let x = attr(line, "x1");
    let values = svg
        .split(r#"<text class="chart-value""#)
        .skip(1)
        .map(|t| {
            let tag = &t[..t.find('>').unwrap()];
            let text = &t[tag.len() + 1..t.find("</text>").unwrap()];
            let width = text_width(text, FONT) * if tag.contains("bold") { 1.1 } else { 1.0 };
            let start = attr(tag, "x");
            let span = if tag.contains(r#"text-anchor="end""#) {
                (start - width, start)
            } else {
                (start, start + width)
            };
            (span.0, span.1, text.to_owned())
        })
        .collect();
    (x, values)
}

#[test]
fn bar_values_never_sit_on_the_plan_line() {
    let values = [
        112.0, 104.61, 101.0, 100.4, 99.76, 99.1, 98.7, 97.0, 95.5, 93.0, 90.0, 87.0, 60.0,
    ];
    let names: Vec<String> = (0..values.len()).map(|i| format!("Huyện {i}")).collect();
    let bars: Vec<Bar> = values
        .iter()
        .zip(&names)
        .map(|(&value, label)| Bar {
            label,
            value,
            highlight: value >= 100.0,
        })
        .collect();
    let svg = bar_chart(&BarChart {
        id: "ke-hoach",
        title: "Tỷ lệ hoàn thành kế hoạch",
        description: "Theo huyện",
        bars: &bars,
        scale: Scale::Percent,
        reference: Some((100.0, "Kế hoạch")),
        words: &WORDS,
    });
    assert_clean(&svg);
    let (line, spans) = reference_and_values(&svg);
    assert_eq!(spans.len(), values.len());
    for (from, to, text) in spans {
        assert!(
            to < line - 2.0 || from > line + 2.0,
            "{text} spans {from}..{to}, the line is at {line}"
        );
        assert!(to <= WIDTH, "{text} ends at {to}");
    }
}

#[test]
fn text_is_at_least_12_css_px_on_a_360_px_phone() {
    // A 360 px screen less the page's 1rem margins: the width an inline chart is drawn at.
    const COLUMN: f64 = 328.0;
    let labels = months(11);
    let values = participants();
    let bars = [Bar {
        label: "Huyện Thạch Thành",
        value: 98.7,
        highlight: false,
    }];
    for svg in [
        one_line(&labels, &values),
        bar_chart(&BarChart {
            id: "b",
            title: "B",
            description: "D",
            bars: &bars,
            scale: Scale::Percent,
            reference: Some((100.0, "Kế hoạch")),
            words: &WORDS,
        }),
    ] {
        let root = &svg[..svg.find('>').unwrap()];
        let view_width: f64 = root
            .split("viewBox=\"0 0 ")
            .nth(1)
            .and_then(|v| v.split(' ').next())
            .unwrap()
            .parse()
            .unwrap();
        let font: f64 = root
            .split("font-size=\"")
            .nth(1)
            .and_then(|v| v.split('"').next())
            .unwrap()
            .parse()
            .unwrap();
        assert!(
            font * COLUMN / view_width >= 12.0,
            "{font} units in {view_width}"
        );
        // No text is drawn smaller than the chart's size.
        assert_eq!(svg.matches("font-size").count(), 1, "{svg}");
    }
}

#[test]
fn the_plan_is_drawn_per_year_and_named_in_the_legend() {
    let labels: Vec<String> = (0..30)
        .map(|i| format!("{:02}/{}", i % 12 + 1, 2021 + i / 12))
        .collect();
    let values: Vec<Option<f64>> = (0..30).map(|i| Some(1000.0 + 10.0 * i as f64)).collect();
    let plan: Vec<Option<f64>> = (0..30)
        .map(|i| Some([1100.0, 1250.0, 1400.0][i / 12]))
        .collect();
    let svg = line_chart(&LineChart {
        id: "p",
        title: "T",
        description: "D",
        labels: &labels,
        ticks: &[],
        series: &[Series {
            name: "BHYT",
            values: &values,
        }],
        scale: Scale::Count,
        reference: None,
        plan: Some(Series {
            name: "Kế hoạch năm",
            values: &plan,
        }),
        words: &WORDS,
    });
    assert_clean(&svg);
    let path = &svg[svg.find(r#"<path class="chart-plan" d=""#).unwrap()..];
    let d = &path[path.find("d=\"").unwrap() + 3..];
    let d = &d[..d.find('"').unwrap()];
    // One level per year, joined by steps: three heights, one subpath.
    let points: Vec<(f64, f64)> = d
        .split(['M', 'L'])
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (x, y) = p.split_once(' ').unwrap();
            (x.parse().unwrap(), y.parse().unwrap())
        })
        .collect();
    assert_eq!(d.matches('M').count(), 1, "{d}");
    let mut heights: Vec<f64> = points.iter().map(|p| p.1).collect();
    heights.dedup();
    assert_eq!(heights.len(), 3, "{d}");
    assert!(points.windows(2).all(|w| w[0].0 <= w[1].0), "{d}");
    // Named in the legend, no text on the line itself.
    assert!(svg.contains(r#"chart-legend-plan"#) && svg.contains(">Kế hoạch năm</text>"));
    assert!(!svg.contains("chart-reference-label"));
}

#[test]
fn x_ticks_on_the_first_calendar_level_that_fits() {
    let labels: Vec<String> = (0..60)
        .map(|i| format!("{:02}/{}", i % 12 + 1, 2019 + i / 12))
        .collect();
    let level = |step: usize, year: bool| -> Ticks {
        (0..labels.len())
            .step_by(step)
            .map(|i| {
                let text = if year {
                    labels[i][3..].to_string()
                } else {
                    labels[i].clone()
                };
                (i, text)
            })
            .collect()
    };
    let levels = [level(1, false), level(3, false), level(12, true)];
    let values: Vec<Option<f64>> = (0..60).map(|i| Some(i as f64)).collect();
    let x_axis = |n: usize| -> Vec<String> {
        let svg = line_chart(&LineChart {
            id: "x",
            title: "T",
            description: "D",
            labels: &labels[..n],
            ticks: &levels
                .iter()
                .map(|l| l.iter().filter(|(i, _)| *i < n).cloned().collect())
                .collect::<Vec<Ticks>>(),
            series: &[Series {
                name: "x",
                values: &values[..n],
            }],
            scale: Scale::Count,
            reference: None,
            plan: None,
            words: &WORDS,
        });
        let axis = &svg[svg.find("chart-axis-x").unwrap()..];
        let axis = &axis[..axis.find("</g>").unwrap()];
        axis.split("</text>")
            .filter_map(|t| t.rsplit_once('>').map(|(_, l)| l.to_owned()))
            .collect()
    };
    // Five years: one tick a year, at January.
    assert_eq!(x_axis(60), ["2019", "2020", "2021", "2022", "2023"]);
    // One year: the quarters.
    assert_eq!(x_axis(12), ["01/2019", "04/2019", "07/2019", "10/2019"]);
    // Three months: every month.
    assert_eq!(x_axis(3), ["01/2019", "02/2019", "03/2019"]);
    // Sixty years of ticks cannot all fit: every k-th year, evenly.
    let many: Vec<Ticks> = vec![(0..60).map(|i| (i, format!("{}", 1960 + i))).collect()];
    let ticks = calendar_ticks(&many, |_| 290.0 / 59.0);
    assert!(ticks.len() >= 4 && ticks.len() < 60, "{ticks:?}");
    let steps: Vec<usize> = ticks.windows(2).map(|w| w[1].0 - w[0].0).collect();
    assert!(steps.windows(2).all(|w| w[0] == w[1]), "{ticks:?}");
}
