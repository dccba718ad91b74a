//! The statistics files as written: their YAML shapes, read and parsed with located errors.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::base::error::{Diagnostic, Diagnostics};
use crate::base::files::{is_ignored_name, read_source};
use crate::base::text::closest;
use crate::base::yaml::{self, Entries, Scalar};
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct DataFile {
    pub(super) source: Option<String>,
    pub(super) as_of: Option<Scalar>,
    #[serde(default)]
    pub(super) units: Vec<UnitEntry>,
    #[serde(default)]
    pub(super) indicators: Vec<IndicatorEntry>,
    #[serde(default)]
    pub(super) targets: Entries<Entries<Entries<serde_yaml::Value>>>,
    #[serde(default)]
    pub(super) months: Entries<Entries<Entries<serde_yaml::Value>>>,
    #[serde(default)]
    pub(super) provisional: Vec<Scalar>,
    #[serde(default)]
    pub(super) corrections: Vec<CorrectionEntry>,
}

pub(super) const FILE_KEYS: &[&str] = &[
    "source",
    "as_of",
    "units",
    "indicators",
    "targets",
    "months",
    "provisional",
    "corrections",
];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct UnitEntry {
    pub(super) id: String,
    pub(super) name: String,
    #[serde(default)]
    pub(super) province: bool,
    #[serde(default)]
    pub(super) population: Entries<serde_yaml::Value>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct IndicatorEntry {
    pub(super) id: String,
    pub(super) name: String,
    pub(super) label: Option<String>,
    /// The theme's `unit_people` when absent.
    pub(super) unit: Option<String>,
    #[serde(default)]
    pub(super) coverage: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct CorrectionEntry {
    pub(super) month: Scalar,
    pub(super) unit: String,
    pub(super) indicator: String,
    pub(super) date: Scalar,
    pub(super) previous: Option<u64>,
    pub(super) note: String,
}

pub(super) struct Source {
    pub(super) path: PathBuf,
    pub(super) text: String,
    pub(super) data: DataFile,
}

impl Source {
    /// An error at `path` in this file, with its message and hint in English (terminal) and
    /// Vietnamese (preview overlay).
    /// An id of the catalog's `list` (`units`, `indicators`) declared a second time; `what`
    /// names an entry in English and Vietnamese.
    pub(super) fn declared_twice(
        &self,
        list: &str,
        id: &str,
        (en, vi): (&str, &str),
    ) -> Diagnostic {
        self.error(
            &[list, &format!("-id={id}")],
            format!("{en} `{id}` is declared twice"),
            format!("keep one entry per {en}"),
            format!("{vi} `{id}` được khai báo hai lần"),
            format!("mỗi {vi} chỉ giữ một mục"),
        )
    }

    pub(super) fn error(
        &self,
        path: &[&str],
        message: impl Into<String>,
        hint: impl Into<String>,
        message_vi: impl Into<String>,
        hint_vi: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic::error(&self.path, yaml::locate(&self.text, path), message)
            .with_source(&self.text)
            .with_hint(hint)
            .vi(message_vi, Some(hint_vi.into()))
    }
}

/// Reads and parses every `*.yaml` file of the statistics folder `dir`, in name order.
pub(super) fn read_sources(dir: &Path, errors: &mut Diagnostics) -> Vec<Source> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml" || e == "yml"))
        .filter(|p| !is_ignored_name(&p.file_name().unwrap_or_default().to_string_lossy()))
        .collect();
    paths.sort();
    let mut sources = Vec::new();
    for path in paths {
        let text = match read_source(&path) {
            Ok(t) => t,
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        match yaml::parse_file::<DataFile>(&path, &text, FILE_KEYS) {
            Ok(data) => sources.push(Source { path, text, data }),
            Err(e) => errors.push(e),
        }
    }
    sources
}

/// The largest count of people, population or plan loa accepts: above any country's
/// population, and small enough that the province's sums of hundreds of districts cannot
/// overflow.
pub(super) const MAX_COUNT: u64 = 10_000_000_000;

/// A whole number of people from 0 to `MAX_COUNT`.
pub(super) fn as_count(value: &serde_yaml::Value) -> Option<u64> {
    value.as_u64().filter(|&v| v <= MAX_COUNT)
}

pub(super) fn count_error(src: &Source, path: &[&str], value: &serde_yaml::Value) -> Diagnostic {
    let (shown, shown_vi) = match value {
        serde_yaml::Value::Number(n) => (n.to_string(), n.to_string()),
        serde_yaml::Value::String(s) => (format!("\"{s}\""), format!("\"{s}\"")),
        serde_yaml::Value::Null => ("nothing".to_owned(), "ô để trống".to_owned()),
        _ => (
            "a list or mapping".to_owned(),
            "một danh sách hoặc bảng".to_owned(),
        ),
    };
    if value.as_u64().is_some() {
        return src.error(
            path,
            format!("{shown} is more people than loa accepts (at most {MAX_COUNT})"),
            "check the figure for extra digits; a count is at most 10000000000",
            format!("{shown_vi} lớn hơn số người tối đa loa chấp nhận ({MAX_COUNT})"),
            "kiểm tra xem số có bị thừa chữ số không; số người tối đa là 10000000000",
        );
    }
    src.error(
        path,
        format!("{shown} is not a count of people"),
        "write a whole number of 0 or more, without separators: 391893",
        format!("{shown_vi} không phải là số người"),
        "ghi một số nguyên từ 0 trở lên, không có dấu phân cách hàng nghìn: 391893",
    )
}

/// What an unknown id names, in English and Vietnamese.
pub(super) const UNIT: (&str, &str) = ("unit", "đơn vị");
pub(super) const INDICATOR: (&str, &str) = ("indicator", "chỉ tiêu");

/// `id` is not in `list`, the ids of the declared units or indicators (`what`).
pub(super) fn unknown(
    src: &Source,
    path: &[&str],
    what: (&str, &str),
    id: &str,
    list: &[&str],
) -> Diagnostic {
    let (what, what_vi) = what;
    let known = list.join(", ");
    let (hint, hint_vi) = match closest(id, list) {
        Some(g) => (
            format!("did you mean `{g}`? Known {what}s: {known}"),
            format!("có phải ý bạn là `{g}`? Các {what_vi} đã khai báo: {known}"),
        ),
        None => (
            format!("declare it in the catalog or use one of: {known}"),
            format!("khai báo {what_vi} này trong danh mục hoặc dùng một trong các mã: {known}"),
        ),
    };
    src.error(
        path,
        format!("unknown {what} `{id}`"),
        hint,
        format!("{what_vi} `{id}` không có trong danh mục"),
        hint_vi,
    )
}
