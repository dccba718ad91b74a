//! Inline SVG charts built at render time: line charts of monthly series, bar charts comparing units, sparklines.
//!
//! Every chart is one `<svg>` element with `role="img"`, a `<title>` and a `<desc>`, a `viewBox` and no
//! width or height: the theme scales it with CSS (`.chart { width: 100%; height: auto }`). Nothing here
//! needs JavaScript, web fonts or `style` attributes, so the output passes a strict Content-Security-Policy:
//! colours and sizes are presentation attributes, which any CSS rule in the theme overrides, and every
//! part carries a `chart-…` class for the theme to hook on.
//!
//! Sizes are chosen for a phone: line and bar charts are 400 user units wide with 16-unit text, so in the
//! 328 px wide column of a 360 px screen the text is 13 px high; the viewBox keeps the aspect ratio at any
//! width (a theme caps it, e.g. `max-width: 28rem`, so that text does not grow past body size).
//! Series differ by colour, dash pattern and marker shape, so the charts survive black-and-white print
//! and colour-blind readers. Values are formatted the vi-VN way by [`crate::base::format`].

use std::fmt::Write;

use crate::base::format::{number_vi, percent_vi};
use crate::base::text::escape_html;
use crate::load::strings::{Strings, fill};

/// One line of a line chart.
pub(crate) struct Series<'a> {
    pub name: &'a str,
    /// One value per label of the chart; `None` where a month has no figure (a gap in the line).
    pub values: &'a [Option<f64>],
}

/// What the values measure, which decides how axis labels and values are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Scale {
    /// Counts of people: full vi-VN numbers (`3.220.197`), or thousands (`3.220 nghìn`) on the axis when
    /// the values exceed 100.000.
    Count,
    /// Percentages (values like 87.1 meaning 87,1%); the axis labels end with "%".
    Percent,
}

/// A line chart of one to four series over the same labels (months).
pub(crate) struct LineChart<'a> {
    /// Unique within a page; used for the ids that <title>/<desc> need (aria-labelledby).
    pub id: &'a str,
    pub title: &'a str,
    pub description: &'a str,
    /// Point labels, e.g. "01/2021" … "11/2021", for the points' tooltips and, without `ticks`, the x axis:
    /// at most ~8 printed, evenly spaced, always the first and the last.
    pub labels: &'a [String],
    /// Candidate x axes, finest first (e.g. months, quarters, years): the first whose labels fit is drawn,
    /// or the last thinned to every k-th tick. Empty: ticks are chosen from `labels`.
    pub ticks: &'a [Ticks],
    pub series: &'a [Series<'a>],
    pub scale: Scale,
    /// Optional horizontal reference line, e.g. 100 %, drawn dashed and labelled.
    pub reference: Option<(f64, &'a str)>,
    /// Optional reference that changes along the axis, e.g. each year's plan: a dashed step line named in
    /// the legend, with no text on the line itself.
    pub plan: Option<Series<'a>>,
    /// The theme's words: `no_data`, `thousands`.
    pub words: &'a Strings,
}

/// One x axis: the label indexes that get a tick, and the tick's text.
pub(crate) type Ticks = Vec<(usize, String)>;

/// One bar of a bar chart.
pub(crate) struct Bar<'a> {
    pub label: &'a str,
    pub value: f64,
    /// Drawn in the primary colour with a bold value (e.g. units that met the plan); others are a lighter tint.
    pub highlight: bool,
}

/// A horizontal bar chart comparing units.
pub(crate) struct BarChart<'a> {
    /// Unique within a page; used for the ids of <title>/<desc>.
    pub id: &'a str,
    pub title: &'a str,
    pub description: &'a str,
    /// Drawn top to bottom in this order (horizontal bars: long Vietnamese names fit).
    pub bars: &'a [Bar<'a>],
    pub scale: Scale,
    /// Optional vertical reference line, e.g. `(100.0, "Kế hoạch")`, drawn dashed and labelled.
    pub reference: Option<(f64, &'a str)>,
    /// The theme's words: `no_data`.
    pub words: &'a Strings,
}

/// Series colours, all at least 5:1 against white.
const PALETTE: [&str; 4] = ["#0b4f8a", "#b45309", "#15803d", "#7e22ce"];
/// Dash patterns that go with the colours, for print and colour-blind readers.
const DASHES: [Option<&str>; 4] = [None, Some("9 5"), Some("2 4"), Some("10 4 2 4")];
/// The primary colour: highlighted bars, sparklines.
const PRIMARY: &str = PALETTE[0];
/// Bars that are not highlighted: a tint of the primary colour, still 3,2:1 against white.
const TINT: &str = "#6b93c0";
/// Text: 10,3:1 against white.
const INK: &str = "#374151";
/// Reference lines and their labels: 7,6:1.
const REFERENCE: &str = "#4b5563";
/// The zero line / axis: 4,8:1.
const AXIS: &str = "#6b7280";
/// Gridlines are decoration: light on purpose.
const GRID: &str = "#e5e7eb";
/// Text size in user units: 13 px when a 400-unit chart is shown 328 px wide (a 360 px phone).
const FONT: f64 = 16.0;
/// Width of line and bar charts in user units.
const WIDTH: f64 = 400.0;
/// The gap between two x labels.
const X_GAP: f64 = 10.0;

/// Renders a line chart as an inline SVG element.
pub(crate) fn line_chart(chart: &LineChart) -> String {
    let n = chart.labels.len();
    // Only values that have a label are drawn; NaN and infinities count as missing.
    let series: Vec<Vec<Option<f64>>> = chart
        .series
        .iter()
        .map(|s| {
            (0..n)
                .map(|i| s.values.get(i).copied().flatten().filter(|v| v.is_finite()))
                .collect()
        })
        .collect();
    let finite: Vec<f64> = series.iter().flatten().flatten().copied().collect();
    if finite.is_empty() {
        return no_data(
            chart.id,
            chart.title,
            chart.description,
            "chart chart-line",
            chart.words,
        );
    }
    let reference = chart.reference.filter(|(v, _)| v.is_finite());
    let plan: Vec<Option<f64>> = chart.plan.as_ref().map_or(Vec::new(), |p| {
        (0..n)
            .map(|i| p.values.get(i).copied().flatten().filter(|v| v.is_finite()))
            .collect()
    });

    // The y axis: from the data and the reference line; zero only when it is close to the data, so that
    // 3,2 million people varying by 1 % still show their trend (the lowest tick label says where it starts).
    let mut lo = finite.iter().copied().fold(f64::INFINITY, f64::min);
    let mut hi = finite.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if let Some((r, _)) = reference {
        lo = lo.min(r);
        hi = hi.max(r);
    }
    for &p in plan.iter().flatten() {
        lo = lo.min(p);
        hi = hi.max(p);
    }
    if lo > 0.0 && lo < 0.4 * hi {
        lo = 0.0;
    } else if hi < 0.0 && hi > 0.4 * lo {
        hi = 0.0;
    }
    let axis = nice_axis(lo, hi, min_step(chart.scale), 6);
    let tick_labels = axis_labels(chart.scale, &axis, &chart.words.thousands);
    let (y_lo, y_hi) = (axis.first(), axis.last());

    // Horizontal layout: room for the y labels on the left, half an x label on either side.
    let y_label_width = tick_labels
        .iter()
        .map(|l| text_width(l, FONT))
        .fold(0.0, f64::max);
    // The x labels decide the side margins (half a label), so each candidate axis is tried at its own.
    let margins = |label_width: f64| {
        let left = (y_label_width + 16.0).max(label_width / 2.0 + 4.0);
        let right = (label_width / 2.0 + 2.0).max(14.0);
        (left, right)
    };
    let unit_at = |label_width: f64| {
        let (left, right) = margins(label_width);
        (WIDTH - left - right) / n.saturating_sub(1).max(1) as f64
    };
    let ticks: Ticks = if chart.ticks.is_empty() {
        let width = widest(chart.labels.iter().map(String::as_str));
        x_ticks(n, unit_at(width), width + X_GAP)
            .into_iter()
            .map(|i| (i, chart.labels[i].clone()))
            .collect()
    } else {
        calendar_ticks(chart.ticks, unit_at)
    };
    let (left, right) = margins(widest(ticks.iter().map(|(_, l)| l.as_str())));
    let plot_width = WIDTH - left - right;

    // Vertical layout: the legend on top (two or more series), the plot, the x labels.
    let names: Vec<&str> = chart.series.iter().map(|s| s.name).collect();
    let plan_name = chart
        .plan
        .as_ref()
        .filter(|_| plan.iter().any(Option::is_some));
    let (legend, legend_height) = if names.len() >= 2 || plan_name.is_some() {
        legend(&names, plan_name.map(|p| p.name), 8.0, WIDTH - 8.0, 8.0)
    } else {
        (String::new(), 0.0)
    };
    let top = legend_height + 22.0;
    let plot_height = 220.0;
    let bottom = top + plot_height;
    let height = bottom + 34.0;

    let x_of = |i: usize| {
        if n <= 1 {
            left + plot_width / 2.0
        } else {
            left + plot_width * i as f64 / (n - 1) as f64
        }
    };
    let y_of = |v: f64| bottom - (v - y_lo) / (y_hi - y_lo) * plot_height;

    let mut out = String::with_capacity(4096);
    open_svg(
        &mut out,
        chart.id,
        chart.title,
        chart.description,
        "chart chart-line",
        WIDTH,
        height,
    );
    out.push_str(&legend);

    // Gridlines and y labels. The line at zero is darker; when the axis does not start at zero the bottom
    // line is an ordinary gridline, and its label shows where the axis starts.
    let _ = write!(
        out,
        r#"<g class="chart-grid" stroke="{GRID}" stroke-width="1">"#
    );
    for value in axis.ticks() {
        let y = y_of(value);
        let _ = write!(
            out,
            r#"<line x1="{}" y1="{}" x2="{}" y2="{}"/>"#,
            num(left),
            num(y),
            num(left + plot_width),
            num(y)
        );
    }
    out.push_str("</g>");
    if y_lo <= 0.0 && y_hi >= 0.0 {
        let y = y_of(0.0);
        let _ = write!(
            out,
            r#"<line class="chart-zero" x1="{}" y1="{}" x2="{}" y2="{}" stroke="{AXIS}" stroke-width="1"/>"#,
            num(left),
            num(y),
            num(left + plot_width),
            num(y)
        );
    }
    let _ = write!(
        out,
        r#"<g class="chart-axis chart-axis-y" fill="{INK}" text-anchor="end">"#
    );
    for (value, label) in axis.ticks().zip(&tick_labels) {
        let _ = write!(
            out,
            r#"<text x="{}" y="{}">{}</text>"#,
            num(left - 8.0),
            num(y_of(value) + FONT * 0.35),
            escape_html(label)
        );
    }
    out.push_str("</g>");

    // X labels: evenly spaced, the first and the last always, never overlapping.
    let _ = write!(
        out,
        r#"<g class="chart-axis chart-axis-x" fill="{INK}" text-anchor="middle">"#
    );
    let unit = if n > 1 {
        plot_width / (n - 1) as f64
    } else {
        plot_width
    };
    for (i, label) in ticks.iter().filter(|(i, _)| *i < n) {
        let x = x_of(*i);
        let _ = write!(
            out,
            r#"<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{AXIS}"/><text x="{}" y="{}">{}</text>"#,
            num(x),
            num(bottom),
            num(x),
            num(bottom + 5.0),
            num(x),
            num(bottom + 24.0),
            escape_html(label)
        );
    }
    out.push_str("</g>");

    // The reference line sits behind the data; its label is drawn last, over it.
    if let Some((value, _)) = reference {
        let y = y_of(value);
        let _ = write!(
            out,
            r#"<line class="chart-reference" x1="{}" y1="{}" x2="{}" y2="{}" stroke="{REFERENCE}" stroke-width="1.5" stroke-dasharray="6 4"/>"#,
            num(left),
            num(y),
            num(left + plot_width),
            num(y)
        );
    }

    // The plan: a level per run of equal values (a year), stepping between runs half-way between points.
    let mut d = String::new();
    let mut i = 0;
    while i < n {
        let Some(value) = plan.get(i).copied().flatten() else {
            i += 1;
            continue;
        };
        let mut end = i;
        while plan.get(end + 1).copied().flatten() == Some(value) {
            end += 1;
        }
        let from = if i == 0 {
            x_of(0)
        } else {
            x_of(i) - unit / 2.0
        };
        let to = if end + 1 == n {
            x_of(end)
        } else {
            x_of(end) + unit / 2.0
        };
        let joined = i > 0 && plan[i - 1].is_some();
        let _ = write!(
            d,
            "{}{} {}L{} {}",
            if joined { "L" } else { "M" },
            num(from),
            num(y_of(value)),
            num(to),
            num(y_of(value))
        );
        i = end + 1;
    }
    if !d.is_empty() {
        let _ = write!(
            out,
            r#"<path class="chart-plan" d="{d}" fill="none" stroke="{REFERENCE}" stroke-width="2" stroke-dasharray="6 4"/>"#
        );
    }

    // The series: one path per series (gaps split it into subpaths), then a marker with a title per point.
    let radius = if unit < 9.0 { 2.5 } else { 3.5 };
    let several = chart.series.len() > 1;
    for (k, (values, source)) in series.iter().zip(chart.series).enumerate() {
        let colour = PALETTE[k % PALETTE.len()];
        let mut d = String::new();
        for (i, v) in values.iter().enumerate() {
            let Some(v) = v else { continue };
            let joined = i > 0 && values[i - 1].is_some();
            let next = values.get(i + 1).copied().flatten().is_some();
            if !joined && !next {
                continue; // a lone point: its marker shows it
            }
            let _ = write!(
                d,
                "{}{} {}",
                if joined { "L" } else { "M" },
                num(x_of(i)),
                num(y_of(*v))
            );
        }
        let _ = write!(out, r#"<g class="chart-series chart-series-{}">"#, k + 1);
        if !d.is_empty() {
            let _ = write!(
                out,
                r#"<path d="{d}" fill="none" stroke="{colour}" stroke-width="2.5" stroke-linejoin="round"{}/>"#,
                dash_attr(k)
            );
        }
        let _ = write!(
            out,
            r##"<g class="chart-points" fill="{colour}" stroke="#ffffff" stroke-width="1">"##
        );
        for (i, v) in values.iter().enumerate() {
            let Some(v) = v else { continue };
            let mut tip = String::new();
            if several {
                let _ = write!(tip, "{}, ", source.name);
            }
            let _ = write!(
                tip,
                "{}: {}",
                chart.labels[i],
                format_value(chart.scale, *v, natural_decimals(*v))
            );
            out.push_str(&marker(k, x_of(i), y_of(*v), radius, Some(&tip)));
        }
        out.push_str("</g></g>");
    }

    if let Some((value, label)) = reference {
        let text = reference_text(chart.scale, value, label);
        let _ = write!(
            out,
            r##"<text class="chart-reference-label" x="{}" y="{}" text-anchor="end" fill="{REFERENCE}" stroke="#ffffff" stroke-width="4" stroke-linejoin="round" paint-order="stroke">{}</text>"##,
            num(left + plot_width),
            num(y_of(value) - 6.0),
            escape_html(&text)
        );
    }
    out.push_str("</svg>");
    out
}

/// Renders a horizontal bar chart as an inline SVG element.
pub(crate) fn bar_chart(chart: &BarChart) -> String {
    let bars: Vec<&Bar> = chart.bars.iter().filter(|b| b.value.is_finite()).collect();
    if bars.is_empty() {
        return no_data(
            chart.id,
            chart.title,
            chart.description,
            "chart chart-bar",
            chart.words,
        );
    }
    let reference = chart.reference.filter(|(v, _)| v.is_finite());

    // Values are written with the same number of decimals on every bar.
    let decimals = bars
        .iter()
        .map(|b| natural_decimals(b.value))
        .max()
        .unwrap_or(0);
    let value_texts: Vec<String> = bars
        .iter()
        .map(|b| format_value(chart.scale, b.value, decimals))
        .collect();
    let value_width = bars
        .iter()
        .zip(&value_texts)
        .map(|(b, t)| text_width(t, FONT) * if b.highlight { 1.1 } else { 1.0 })
        .fold(0.0, f64::max)
        + 8.0;

    // Labels go on the left when they fit in ~150 units, otherwise above their bars.
    let label_width = bars
        .iter()
        .map(|b| text_width(b.label, FONT))
        .fold(0.0, f64::max);
    let labels_left = label_width <= 156.0;
    let bar_height = 20.0;
    let (row_height, bar_offset) = if labels_left {
        (bar_height + 12.0, 0.0)
    } else {
        (bar_height + FONT + 18.0, FONT + 6.0)
    };

    // Bars always start at zero: their length is the value.
    let mut lo = 0.0_f64;
    let mut hi = 0.0_f64;
    for b in &bars {
        lo = lo.min(b.value);
        hi = hi.max(b.value);
    }
    if let Some((r, _)) = reference {
        lo = lo.min(r);
        hi = hi.max(r);
    }
    if hi - lo <= 0.0 {
        hi = 1.0;
    }

    // Labels end at `label_end`; values of negative bars need room between them and the bars.
    let label_end = if labels_left { label_width + 8.0 } else { 0.0 };
    let mut left = label_end + 8.0;
    if lo < 0.0 {
        left += value_width + 8.0;
    }
    let right = if hi > 0.0 { value_width + 6.0 } else { 8.0 };
    let plot_width = WIDTH - left - right;
    let top = if reference.is_some() { 30.0 } else { 10.0 };
    let height = top + row_height * bars.len() as f64 + 6.0;
    let x_of = |v: f64| left + (v - lo) / (hi - lo) * plot_width;
    let zero = x_of(0.0);

    let mut out = String::with_capacity(2048);
    open_svg(
        &mut out,
        chart.id,
        chart.title,
        chart.description,
        "chart chart-bar",
        WIDTH,
        height,
    );
    for (i, (bar, value_text)) in bars.iter().zip(&value_texts).enumerate() {
        let row = top + row_height * i as f64;
        let y = row + bar_offset;
        let end = x_of(bar.value);
        let (x, w) = if end >= zero {
            (zero, end - zero)
        } else {
            (end, zero - end)
        };
        let class = if bar.highlight {
            "chart-bar-item chart-bar-highlight"
        } else {
            "chart-bar-item"
        };
        let _ = write!(out, r#"<g class="{class}">"#);
        if labels_left {
            let _ = write!(
                out,
                r#"<text class="chart-label" x="{}" y="{}" text-anchor="end" fill="{INK}">{}</text>"#,
                num(label_end),
                num(y + bar_height / 2.0 + FONT * 0.35),
                escape_html(bar.label)
            );
        } else {
            let _ = write!(
                out,
                r#"<text class="chart-label" x="{}" y="{}" fill="{INK}">{}</text>"#,
                num(left),
                num(row + FONT),
                escape_html(bar.label)
            );
        }
        let (fill, stroke) = if bar.highlight {
            (PRIMARY, PRIMARY)
        } else {
            (TINT, PRIMARY)
        };
        let _ = write!(
            out,
            r#"<rect x="{}" y="{}" width="{}" height="{}" fill="{fill}" stroke="{stroke}" stroke-width="1"><title>{}: {}</title></rect>"#,
            num(x),
            num(y),
            num(w.max(1.0)),
            num(bar_height),
            escape_html(bar.label),
            escape_html(value_text)
        );
        // A value never sits on the reference line: it moves past the line, on the bar's side.
        let width = text_width(value_text, FONT) * if bar.highlight { 1.1 } else { 1.0 };
        let (tx, anchor) = match reference.map(|(r, _)| x_of(r)) {
            Some(line)
                if bar.value < 0.0 && end - 5.0 - width < line + 3.0 && end - 5.0 > line - 3.0 =>
            {
                (line - 5.0, "end")
            }
            Some(line)
                if bar.value >= 0.0 && end + 5.0 < line + 3.0 && end + 5.0 + width > line - 3.0 =>
            {
                (line + 5.0, "start")
            }
            _ if bar.value < 0.0 => (end - 5.0, "end"),
            _ => (end + 5.0, "start"),
        };
        let _ = write!(
            out,
            r##"<text class="chart-value" x="{}" y="{}" text-anchor="{anchor}" fill="{INK}"{} stroke="#ffffff" stroke-width="4" stroke-linejoin="round" paint-order="stroke">{}</text></g>"##,
            num(tx),
            num(y + bar_height / 2.0 + FONT * 0.35),
            if bar.highlight {
                r#" font-weight="bold""#
            } else {
                ""
            },
            escape_html(value_text)
        );
    }
    let bars_top = top - 4.0;
    let bars_bottom =
        top + row_height * bars.len() as f64 - (row_height - bar_offset - bar_height) + 4.0;
    let _ = write!(
        out,
        r#"<line class="chart-zero" x1="{}" y1="{}" x2="{}" y2="{}" stroke="{AXIS}" stroke-width="1"/>"#,
        num(zero),
        num(bars_top),
        num(zero),
        num(bars_bottom)
    );
    if let Some((value, label)) = reference {
        let x = x_of(value);
        let text = reference_text(chart.scale, value, label);
        let half = text_width(&text, FONT) / 2.0;
        let (tx, anchor) = if x + half > WIDTH - 2.0 {
            (WIDTH - 2.0, "end")
        } else if x - half < 2.0 {
            (2.0, "start")
        } else {
            (x, "middle")
        };
        let _ = write!(
            out,
            r#"<line class="chart-reference" x1="{}" y1="{}" x2="{}" y2="{}" stroke="{REFERENCE}" stroke-width="1.5" stroke-dasharray="6 4"/><text class="chart-reference-label" x="{}" y="{}" text-anchor="{anchor}" fill="{REFERENCE}">{}</text>"#,
            num(x),
            num(top - 10.0),
            num(x),
            num(bars_bottom),
            num(tx),
            num(top - 14.0),
            escape_html(&text)
        );
    }
    out.push_str("</svg>");
    out
}

/// A small trend line for a dashboard card: no axes; `label` becomes its <title>.
///
/// Missing values are skipped (the line joins the figures around them); the last figure is marked.
pub(crate) fn sparkline(values: &[Option<f64>], label: &str) -> String {
    const W: f64 = 120.0;
    const H: f64 = 32.0;
    const PAD: f64 = 4.0;
    let mut out = String::with_capacity(512);
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" preserveAspectRatio="xMidYMid meet" role="img" class="chart chart-sparkline"><title>{}</title>"#,
        num(W),
        num(H),
        escape_html(label)
    );
    let points: Vec<(usize, f64)> = values
        .iter()
        .enumerate()
        .filter_map(|(i, v)| v.filter(|v| v.is_finite()).map(|v| (i, v)))
        .collect();
    if let Some(&(last_index, last_value)) = points.last() {
        let lo = points.iter().map(|p| p.1).fold(f64::INFINITY, f64::min);
        let hi = points.iter().map(|p| p.1).fold(f64::NEG_INFINITY, f64::max);
        let x_of = |i: usize| {
            if values.len() <= 1 {
                W / 2.0
            } else {
                PAD + (W - 2.0 * PAD) * i as f64 / (values.len() - 1) as f64
            }
        };
        let y_of = |v: f64| {
            if hi > lo {
                H - PAD - (v - lo) / (hi - lo) * (H - 2.0 * PAD)
            } else {
                H / 2.0
            }
        };
        if points.len() > 1 {
            let coords: Vec<String> = points
                .iter()
                .map(|&(i, v)| format!("{},{}", num(x_of(i)), num(y_of(v))))
                .collect();
            let _ = write!(
                out,
                r#"<polyline points="{}" fill="none" stroke="{PRIMARY}" stroke-width="1.5" stroke-linejoin="round" stroke-linecap="round"/>"#,
                coords.join(" ")
            );
        }
        let _ = write!(
            out,
            r##"<circle class="chart-last" cx="{}" cy="{}" r="2.5" fill="{PRIMARY}" stroke="#ffffff" stroke-width="1"/>"##,
            num(x_of(last_index)),
            num(y_of(last_value))
        );
    }
    out.push_str("</svg>");
    out
}

/// The opening tag with `<title>` and `<desc>`, and the defaults for text.
fn open_svg(out: &mut String, id: &str, title: &str, desc: &str, class: &str, w: f64, h: f64) {
    let id = escape_html(id);
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" preserveAspectRatio="xMidYMid meet" role="img" aria-labelledby="{id}-title {id}-desc" class="{class}" font-family="system-ui, sans-serif" font-size="{}"><title id="{id}-title">{}</title><desc id="{id}-desc">{}</desc>"#,
        num(w),
        num(h),
        num(FONT),
        escape_html(title),
        escape_html(desc)
    );
}

/// A chart without a single figure: the frame and the theme's sentence saying so.
fn no_data(id: &str, title: &str, desc: &str, class: &str, words: &Strings) -> String {
    let mut out = String::new();
    open_svg(
        &mut out,
        id,
        title,
        desc,
        &format!("{class} chart-empty"),
        WIDTH,
        80.0,
    );
    let _ = write!(
        out,
        r#"<text x="{}" y="{}" text-anchor="middle" fill="{INK}">{}</text></svg>"#,
        num(WIDTH / 2.0),
        num(40.0 + FONT * 0.35),
        escape_html(&words.no_data)
    );
    out
}

/// A legend laid out in rows from `x0` to `x1`, starting at `y0`, the plan's dashed line last;
/// returns the markup and its height.
fn legend(names: &[&str], plan: Option<&str>, x0: f64, x1: f64, y0: f64) -> (String, f64) {
    const SAMPLE: f64 = 30.0;
    const ROW: f64 = 22.0;
    let mut out = format!(r#"<g class="chart-legend" fill="{INK}">"#);
    let (mut x, mut y) = (x0, y0 + ROW / 2.0);
    for (k, name) in names.iter().enumerate() {
        let item = SAMPLE + 6.0 + text_width(name, FONT);
        if x > x0 && x + item > x1 {
            x = x0;
            y += ROW;
        }
        let colour = PALETTE[k % PALETTE.len()];
        let _ = write!(
            out,
            r##"<g class="chart-legend-item chart-series-{}"><line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{colour}" stroke-width="2.5"{}/><g fill="{colour}" stroke="#ffffff" stroke-width="1">{}</g><text x="{}" y="{}">{}</text></g>"##,
            k + 1,
            num(x),
            num(y),
            num(x + SAMPLE),
            num(y),
            dash_attr(k),
            marker(k, x + SAMPLE / 2.0, y, 3.5, None),
            num(x + SAMPLE + 6.0),
            num(y + FONT * 0.35),
            escape_html(name)
        );
        x += item + 18.0;
    }
    if let Some(name) = plan {
        if x > x0 && x + SAMPLE + 6.0 + text_width(name, FONT) > x1 {
            x = x0;
            y += ROW;
        }
        let _ = write!(
            out,
            r#"<g class="chart-legend-item chart-legend-plan"><line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{REFERENCE}" stroke-width="2" stroke-dasharray="6 4"/><text x="{}" y="{}">{}</text></g>"#,
            num(x),
            num(y),
            num(x + SAMPLE),
            num(y),
            num(x + SAMPLE + 6.0),
            num(y + FONT * 0.35),
            escape_html(name)
        );
    }
    out.push_str("</g>");
    (out, y + ROW / 2.0 - y0)
}

/// The point marker of series `k`: circle, square, triangle, diamond; with a tooltip when given one.
fn marker(k: usize, x: f64, y: f64, r: f64, tip: Option<&str>) -> String {
    let (open, close) = match tip {
        Some(tip) => (
            ">".to_string(),
            format!("<title>{}</title>", escape_html(tip)),
        ),
        None => ("/>".to_string(), String::new()),
    };
    match k % 4 {
        0 => {
            let end = if tip.is_some() { "</circle>" } else { "" };
            format!(
                r#"<circle cx="{}" cy="{}" r="{}"{open}{close}{end}"#,
                num(x),
                num(y),
                num(r)
            )
        }
        1 => {
            let s = r * 0.9;
            let end = if tip.is_some() { "</rect>" } else { "" };
            format!(
                r#"<rect x="{}" y="{}" width="{}" height="{}"{open}{close}{end}"#,
                num(x - s),
                num(y - s),
                num(2.0 * s),
                num(2.0 * s)
            )
        }
        2 => {
            let end = if tip.is_some() { "</path>" } else { "" };
            format!(
                r#"<path d="M{} {}L{} {}L{} {}Z"{open}{close}{end}"#,
                num(x),
                num(y - r * 1.3),
                num(x + r * 1.2),
                num(y + r * 0.9),
                num(x - r * 1.2),
                num(y + r * 0.9)
            )
        }
        _ => {
            let s = r * 1.3;
            let end = if tip.is_some() { "</path>" } else { "" };
            format!(
                r#"<path d="M{} {}L{} {}L{} {}L{} {}Z"{open}{close}{end}"#,
                num(x),
                num(y - s),
                num(x + s),
                num(y),
                num(x),
                num(y + s),
                num(x - s),
                num(y)
            )
        }
    }
}

/// The `stroke-dasharray` attribute of series `k`, if it is dashed.
fn dash_attr(k: usize) -> String {
    match DASHES[k % DASHES.len()] {
        Some(d) => format!(r#" stroke-dasharray="{d}""#),
        None => String::new(),
    }
}

/// The text beside a reference line: "Kế hoạch: 100%".
fn reference_text(scale: Scale, value: f64, label: &str) -> String {
    let value = format_value(scale, value, natural_decimals(value));
    if label.is_empty() {
        value
    } else {
        format!("{label}: {value}")
    }
}

/// A coordinate with at most one decimal, without "-0" or a trailing ".0".
fn num(v: f64) -> String {
    let v = if v.is_finite() { v } else { 0.0 };
    let tenths = (v * 10.0).round();
    if tenths == 0.0 {
        "0".to_string()
    } else if tenths % 10.0 == 0.0 {
        format!("{}", tenths / 10.0)
    } else {
        format!("{:.1}", tenths / 10.0)
    }
}

/// A rough width of `text` in user units: there are no font metrics at build time, so each character
/// counts by its class, measured on DejaVu Sans (the widest common sans-serif, the Linux default);
/// narrower fonts (Arial, Roboto, Segoe UI) only leave more room.
fn text_width(text: &str, size: f64) -> f64 {
    let em: f64 = text
        .chars()
        .map(|c| match c {
            ' ' | '.' | ',' | ':' | ';' | '\'' | '|' | '!' | 'i' | 'l' | 'j' | 'í' | 'ì' | 'ỉ'
            | 'ĩ' | 'ị' => 0.33,
            'f' | 't' | 'r' | 'I' | '(' | ')' | '/' | '-' => 0.42,
            'm' | 'w' | 'M' | 'W' | '%' => 0.98,
            '0'..='9' => 0.64,
            c if c.is_uppercase() => 0.77,
            _ => 0.64,
        })
        .sum();
    em * size
}

/// The decimals a value needs (0 to 2): 87 → 0, 87.1 → 1, 104.61 → 2.
fn natural_decimals(v: f64) -> usize {
    (0..2)
        .find(|&d| {
            let scaled = v * 10f64.powi(d as i32);
            (scaled - scaled.round()).abs() < 1e-6 * scaled.abs().max(1.0)
        })
        .unwrap_or(2)
}

/// A value as a reader sees it.
fn format_value(scale: Scale, v: f64, decimals: usize) -> String {
    match scale {
        Scale::Count => number_vi(v, decimals),
        Scale::Percent => percent_vi(v, decimals),
    }
}

/// The smallest step between axis ticks: people are counted whole.
fn min_step(scale: Scale) -> f64 {
    match scale {
        Scale::Count => 1.0,
        Scale::Percent => 0.1,
    }
}

/// Ticks `(start + i) * step` for `i` in `0..count`: whole multiples, so labels are exact.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Axis {
    start: i64,
    step: f64,
    count: usize,
}

impl Axis {
    fn ticks(&self) -> impl Iterator<Item = f64> + '_ {
        (0..self.count).map(|i| (self.start + i as i64) as f64 * self.step)
    }
    fn first(&self) -> f64 {
        self.start as f64 * self.step
    }
    fn last(&self) -> f64 {
        (self.start + self.count as i64 - 1) as f64 * self.step
    }
}

/// Four to `max_ticks` ticks covering `lo..=hi` with a "nice" step (1, 2, 2,5 or 5 × 10ⁿ, at least `min_step`).
fn nice_axis(lo: f64, hi: f64, min_step: f64, max_ticks: usize) -> Axis {
    let (mut lo, mut hi) = if lo <= hi { (lo, hi) } else { (hi, lo) };
    if !lo.is_finite() || !hi.is_finite() {
        (lo, hi) = (0.0, 1.0);
    }
    if hi - lo <= f64::EPSILON * hi.abs().max(lo.abs()).max(1.0) {
        // One value: show it in the middle of a small range around it.
        if hi == 0.0 {
            hi = 1.0;
        } else {
            let pad = hi.abs() * 0.05;
            (lo, hi) = (lo - pad, hi + pad);
            if lo < 0.0 && lo + pad >= 0.0 {
                lo = 0.0; // a small positive value: do not invent negative ticks
            }
        }
    }
    let max_ticks = max_ticks.max(4);
    let range = hi - lo;
    let mut exponent = (range / max_ticks as f64).log10().floor() as i32 - 1;
    let axis = loop {
        let mut found = None;
        for m in [1.0, 2.0, 2.5, 5.0] {
            let step = m * 10f64.powi(exponent);
            if step < min_step * (1.0 - 1e-9) {
                continue;
            }
            let start = (lo / step + 1e-9).floor();
            let end = (hi / step - 1e-9).ceil();
            let count = (end - start) as usize + 1;
            if count <= max_ticks {
                found = Some(Axis {
                    start: start as i64,
                    step,
                    count,
                });
                break;
            }
        }
        if let Some(axis) = found {
            break axis;
        }
        exponent += 1;
    };
    // Too few ticks (a tiny range of whole counts): add some, above first, and below only if the data
    // is already negative or the axis does not reach zero.
    let mut axis = axis;
    let mut below = false;
    while axis.count < 4 {
        if below && (axis.start > 0 || lo < 0.0) {
            axis.start -= 1;
        }
        axis.count += 1;
        below = !below;
    }
    axis
}

/// The decimals that multiples of `step` need.
fn step_decimals(step: f64) -> usize {
    (0..6)
        .find(|&d| {
            let scaled = step * 10f64.powi(d as i32);
            (scaled - scaled.round()).abs() < 1e-6 * scaled.max(1.0)
        })
        .unwrap_or(6)
}

/// The tick labels of an axis: full numbers, `thousands` ("3.220 nghìn") for large counts, or
/// percents.
fn axis_labels(scale: Scale, axis: &Axis, thousands_label: &str) -> Vec<String> {
    match scale {
        Scale::Percent => {
            let decimals = step_decimals(axis.step);
            axis.ticks().map(|t| percent_vi(t, decimals)).collect()
        }
        Scale::Count => {
            let largest = axis.first().abs().max(axis.last().abs());
            let thousands = step_decimals(axis.step / 1000.0);
            if largest >= 100_000.0 && thousands <= 1 {
                axis.ticks()
                    .map(|t| {
                        let count = number_vi(t / 1000.0, thousands);
                        fill(thousands_label, &[("count", &count)])
                    })
                    .collect()
            } else {
                let decimals = step_decimals(axis.step);
                axis.ticks().map(|t| number_vi(t, decimals)).collect()
            }
        }
    }
}

/// Which of `n` labels to print when neighbours are `unit` apart and a label needs `need`: at most
/// eight, evenly spaced, the first and the last always.
fn x_ticks(n: usize, unit: f64, need: f64) -> Vec<usize> {
    if n == 0 {
        return Vec::new();
    }
    if n == 1 {
        return vec![0];
    }
    let last = n - 1;
    let by_room = if unit > 0.0 {
        (need / unit).ceil() as usize
    } else {
        last
    };
    let smallest = by_room.max(last.div_ceil(7)).max(1);
    // A step that divides the range exactly spaces every label evenly: take one if it is not much sparser.
    // Among steps not much sparser than the smallest, take the one whose last gap is most like the
    // others (a step that divides the range exactly spaces every label evenly).
    let mut best: Option<(usize, Vec<usize>)> = None;
    for step in smallest..=(smallest + smallest / 2).max(smallest + 1) {
        let ticks = spaced(last, step, unit, need);
        let gap = match ticks.as_slice() {
            [.., a, b] => b - a,
            _ => step,
        };
        let unevenness = gap.abs_diff(step);
        if best.as_ref().is_none_or(|(u, _)| unevenness < *u) {
            best = Some((unevenness, ticks));
        }
    }
    best.map(|(_, ticks)| ticks).unwrap_or_default()
}

/// The widest of `labels`, in user units.
fn widest<'a>(labels: impl Iterator<Item = &'a str>) -> f64 {
    labels.map(|l| text_width(l, FONT)).fold(0.0, f64::max)
}

/// The first of `levels` (finest first) whose neighbouring labels do not collide when points are
/// `unit_at(widest label)` apart; when none fits, every k-th tick of the coarsest.
fn calendar_ticks(levels: &[Ticks], unit_at: impl Fn(f64) -> f64) -> Ticks {
    let fits = |ticks: &[(usize, String)]| {
        let unit = unit_at(widest(ticks.iter().map(|(_, l)| l.as_str())));
        ticks.windows(2).all(|pair| {
            let room = (pair[1].0 - pair[0].0) as f64 * unit;
            let need = (text_width(&pair[0].1, FONT) + text_width(&pair[1].1, FONT)) / 2.0 + X_GAP;
            room >= need
        })
    };
    if let Some(level) = levels.iter().find(|level| fits(level)) {
        return level.clone();
    }
    let coarsest = levels.last().map_or(&[][..], Vec::as_slice);
    (2..=coarsest.len().max(2))
        .map(|k| coarsest.iter().step_by(k).cloned().collect::<Ticks>())
        .find(|ticks| fits(ticks))
        .unwrap_or_default()
}

/// Multiples of `step` up to `last`, and `last`; the multiple before it goes if the two would collide.
fn spaced(last: usize, step: usize, unit: f64, need: f64) -> Vec<usize> {
    let mut ticks: Vec<usize> = (0..=last).step_by(step).collect();
    if ticks.last() != Some(&last) {
        if let Some(&before) = ticks.last()
            && before > 0
            && ((last - before) as f64) * unit < need
        {
            ticks.pop();
        }
        ticks.push(last);
    }
    ticks
}

#[cfg(test)]
mod tests;
