//! Typed YAML parsing (site config, front matter, data) with errors located in the source file.

use std::collections::HashMap;
use std::path::Path;

use serde::de::DeserializeOwned;

use crate::base::aliases;
use crate::base::error::{Diagnostic, Span};
use crate::base::text::closest;

/// A YAML document that sits inside a larger file, e.g. front matter after a `---` line.
pub(crate) struct Embedded<'a> {
    pub path: &'a Path,
    /// The whole file, to quote lines from.
    pub file_text: &'a str,
    /// The YAML part of it.
    pub yaml: &'a str,
    /// How many lines of the file come before the YAML part.
    pub line_offset: usize,
}

impl Embedded<'_> {
    /// Deserialises the YAML into `T`. `allowed` lists the keys `T` accepts, to turn serde's
    /// "unknown field" into a suggestion of the key the author meant.
    pub(crate) fn parse<T: DeserializeOwned>(&self, allowed: &[&str]) -> Result<T, Diagnostic> {
        // An empty document is `null` to YAML; treat it as an empty mapping so that a file
        // with only `---\n---` reports the missing required keys instead of a type error.
        let yaml = if self.yaml.trim().is_empty() {
            "{}"
        } else {
            self.yaml
        };
        if let Some(at) = too_deep_flow(yaml) {
            return Err(self.too_deep(at));
        }
        if let Some(at) = aliases::over_budget(yaml) {
            return Err(self.alias_bomb(at));
        }
        serde_yaml::from_str(yaml).map_err(|e| self.error_from(e, allowed))
    }

    /// The span of the token at byte `at` of the YAML part.
    fn span_at(&self, at: usize) -> Span {
        let line = self.yaml[..at].matches('\n').count() + 1;
        let column = self.yaml[..at]
            .rsplit('\n')
            .next()
            .unwrap_or_default()
            .chars()
            .count()
            + 1;
        let rest = &self.yaml[at..];
        let len = rest
            .char_indices()
            .skip(1)
            .find(|(_, c)| c.is_whitespace() || matches!(c, ',' | '[' | ']' | '{' | '}'))
            .map_or(rest.chars().count(), |(i, _)| rest[..i].chars().count());
        Span::new(line + self.line_offset, column, len)
    }

    fn too_deep(&self, at: usize) -> Diagnostic {
        Diagnostic::error(
            self.path,
            self.span_at(at),
            format!("lists and mappings nest more than {MAX_DEPTH} levels deep"),
        )
        .with_source(self.file_text)
        .with_hint("flatten the brackets that start here")
        .vi(
            format!("dữ liệu YAML lồng nhau quá {MAX_DEPTH} cấp"),
            Some("giảm số cấp ngoặc lồng nhau bắt đầu từ chỗ này".into()),
        )
    }

    fn alias_bomb(&self, at: usize) -> Diagnostic {
        Diagnostic::error(
            self.path,
            self.span_at(at),
            format!(
                "aliases repeat too much: they may add at most {} MiB of text and {} values to a YAML file",
                aliases::ALIAS_BYTES >> 20,
                aliases::ALIAS_NODES
            ),
        )
        .with_source(self.file_text)
        .with_hint("write the values out instead of repeating a large anchor (`&name`) with aliases (`*name`)")
        .vi(
            "bí danh YAML (`*tên`) lặp lại quá nhiều nội dung",
            Some("viết thẳng giá trị ra thay vì lặp lại một neo (`&tên`) lớn bằng bí danh (`*tên`)".into()),
        )
    }

    fn error_from(&self, error: serde_yaml::Error, allowed: &[&str]) -> Diagnostic {
        let full = error.to_string();
        // The library appends " at line L column C"; we show the location our own way.
        let message = match full.find(" at line ") {
            Some(i) => full[..i].to_owned(),
            None => full,
        };
        // The type may know more keys than this file accepts (a document's, outside a
        // register): the message lists the accepted ones. A nested mapping's message starts
        // with its key (`home: unknown field ...`) and keeps its own list.
        let message = match message
            .strip_prefix("unknown field `")
            .and_then(|rest| rest.split('`').next())
        {
            Some(key) => unknown_message(key, allowed),
            None => message,
        };
        let span = match error.location() {
            Some(loc) => {
                let line = loc.line() + self.line_offset;
                let len = self.token_len(line, loc.column());
                Span::new(line, loc.column(), len)
            }
            None => Span::new(self.line_offset + 1, 1, 0),
        };
        let (hint, message_vi, hint_vi) = explain(&message, allowed);
        let mut d = Diagnostic::error(self.path, span, message)
            .with_source(self.file_text)
            .vi(message_vi, hint_vi);
        if let Some(hint) = hint {
            d = d.with_hint(hint);
        }
        d
    }

    /// The error for a key `T` knows but this file may not have, at `span`.
    pub(crate) fn unknown_key(&self, key: &str, span: Span, allowed: &[&str]) -> Diagnostic {
        let message = unknown_message(key, allowed);
        let (hint, message_vi, hint_vi) = explain(&message, allowed);
        let span = Span::new(span.line, 1, key.chars().count());
        let d = Diagnostic::error(self.path, span, message)
            .with_source(self.file_text)
            .vi(message_vi, hint_vi);
        match hint {
            Some(hint) => d.with_hint(hint),
            None => d,
        }
    }

    /// Length of the word at (line, column), so the caret underlines the whole bad key.
    fn token_len(&self, line: usize, column: usize) -> usize {
        self.file_text
            .lines()
            .nth(line.saturating_sub(1))
            .map(|l| {
                l.chars()
                    .skip(column.saturating_sub(1))
                    .take_while(|c| !c.is_whitespace() && *c != ':')
                    .count()
            })
            .unwrap_or(1)
    }

    /// Where each top-level key starts, so that a bad *value* (a date that does not exist,
    /// say) can point at its line after serde has accepted the document.
    pub(crate) fn key_spans(&self) -> HashMap<String, Span> {
        let mut spans = HashMap::new();
        for (i, line) in self.yaml.lines().enumerate() {
            let Some((key, rest)) = line.split_once(':') else {
                continue;
            };
            let is_top_level = !line.starts_with([' ', '\t', '-', '#']);
            if is_top_level && (rest.is_empty() || rest.starts_with([' ', '\t'])) {
                let key = key.trim().trim_matches(['"', '\'']);
                let value_col = key.chars().count() + 2 + rest.len() - rest.trim_start().len();
                let len = rest.trim().chars().count();
                spans.entry(key.to_owned()).or_insert(Span::new(
                    i + 1 + self.line_offset,
                    value_col,
                    len,
                ));
            }
        }
        spans
    }
}

/// serde's words for an unknown key, with the keys this file accepts.
fn unknown_message(key: &str, allowed: &[&str]) -> String {
    let list: Vec<String> = allowed.iter().map(|k| format!("`{k}`")).collect();
    format!("unknown field `{key}`, expected one of {}", list.join(", "))
}

/// The hint for a YAML or serde message, and both again in Vietnamese for the preview.
fn explain(message: &str, allowed: &[&str]) -> (Option<String>, String, Option<String>) {
    let quoted = |rest: &str| rest.split('`').next().unwrap_or_default().to_owned();
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let key = quoted(rest);
        let list = allowed.join(", ");
        let (hint, hint_vi) = match closest(&key, allowed) {
            Some(guess) => (
                format!("did you mean `{guess}`? Allowed keys: {list}"),
                format!("có phải bạn định viết `{guess}`? Các khóa được dùng: {list}"),
            ),
            None => (
                format!("remove it or use one of the allowed keys: {list}"),
                format!("xóa dòng này hoặc dùng một trong các khóa: {list}"),
            ),
        };
        return (
            Some(hint),
            format!("khóa `{key}` không được dùng ở đây"),
            Some(hint_vi),
        );
    }
    if let Some(rest) = message.strip_prefix("missing field `") {
        let key = quoted(rest);
        return (
            Some(format!("add a line `{key}: ...`")),
            format!("thiếu khóa `{key}`"),
            Some(format!("thêm một dòng `{key}: ...`")),
        );
    }
    if message.contains("mapping values are not allowed") || message.contains("did not find") {
        return (
            Some("a value containing `: ` must be quoted, e.g. title: \"Thông báo: lịch nghỉ Tết\"".to_owned()),
            "dòng này không đúng cú pháp YAML".to_owned(),
            Some("giá trị có chứa dấu `: ` phải đặt trong ngoặc kép, ví dụ: title: \"Thông báo: lịch nghỉ Tết\"".to_owned()),
        );
    }
    if message.starts_with("recursion limit exceeded") {
        return (
            Some(format!(
                "YAML may nest lists and mappings at most {MAX_DEPTH} levels deep; flatten the structure"
            )),
            format!("dữ liệu YAML lồng nhau quá {MAX_DEPTH} cấp"),
            Some("giảm số cấp lồng nhau của danh sách và ánh xạ".to_owned()),
        );
    }
    if message.starts_with("invalid type") {
        return (
            Some("check the value's form against the example in README.md".to_owned()),
            "giá trị không đúng kiểu (ví dụ: cần một danh sách mà lại là một chữ)".to_owned(),
            Some("xem lại cách viết theo ví dụ trong README.md; danh sách viết dạng [BHYT, BHXH tự nguyện]".to_owned()),
        );
    }
    (
        None,
        "tệp YAML không đúng cú pháp".to_owned(),
        Some("kiểm tra thụt lề, dấu hai chấm và ngoặc kép ở dòng được chỉ ra".to_owned()),
    )
}

/// How deep lists and mappings may nest: yaml_serde's own recursion limit, which refuses
/// deeper documents before they can exhaust the stack.
pub(crate) const MAX_DEPTH: usize = 128;

/// Where flow brackets (`[`, `{`) first nest deeper than `MAX_DEPTH`, outside quotes and
/// comments. The YAML scanner's time grows with the square of that depth, so this is checked
/// first, and only by documents with that many brackets at all.
fn too_deep_flow(yaml: &str) -> Option<usize> {
    if yaml.bytes().filter(|b| matches!(b, b'[' | b'{')).count() <= MAX_DEPTH {
        return None;
    }
    // Statistics files have hundreds of flow mappings, so this runs on every build: the bytes
    // that change no state are passed over with one table lookup.
    const SPECIAL: [bool; 256] = {
        let mut table = [false; 256];
        let mut n = 0;
        let special = b"\n\\\"'#[]{}";
        while n < special.len() {
            table[special[n] as usize] = true;
            n += 1;
        }
        table
    };
    let (mut depth, mut quote, mut comment, mut previous) = (0usize, None, false, b'\n');
    let bytes = yaml.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if !SPECIAL[usize::from(b)] {
            previous = b;
            i += 1;
            continue;
        }
        match (quote, b) {
            (_, b'\n') if comment => comment = false,
            _ if comment => {}
            (Some(b'"'), b'\\') => i += 1,
            (Some(q), _) if b == q => {
                // '' inside single quotes is an escaped quote, not the end.
                if q == b'\'' && bytes.get(i + 1) == Some(&b'\'') {
                    i += 1;
                } else {
                    quote = None;
                }
            }
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(b),
            (None, b'#') if previous.is_ascii_whitespace() => comment = true,
            (None, b'[' | b'{') => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Some(i);
                }
            }
            (None, b']' | b'}') => depth = depth.saturating_sub(1),
            _ => {}
        }
        previous = b;
        i += 1;
    }
    None
}

/// Reads and parses a whole YAML file.
pub(crate) fn parse_file<T: DeserializeOwned>(
    path: &Path,
    text: &str,
    allowed: &[&str],
) -> Result<T, Diagnostic> {
    Embedded {
        path,
        file_text: text,
        yaml: text,
        line_offset: 0,
    }
    .parse(allowed)
}

/// A scalar written bare or quoted: `2021`, `"2021"`, `4.5`. Keys and dates arrive either way.
#[derive(Debug, Clone, serde::Deserialize)]
#[serde(untagged)]
pub(crate) enum Scalar {
    Text(String),
    Integer(i64),
    Float(f64),
}

impl Scalar {
    pub(crate) fn text(&self) -> String {
        match self {
            Scalar::Text(s) => s.clone(),
            Scalar::Integer(i) => i.to_string(),
            Scalar::Float(f) => f.to_string(),
        }
    }
}

/// A mapping kept in file order with repeated keys preserved, so that a month written twice
/// is reported instead of silently overwritten.
#[derive(Debug, Clone)]
pub(crate) struct Entries<V>(pub Vec<(Scalar, V)>);

impl<V> Default for Entries<V> {
    fn default() -> Self {
        Entries(Vec::new())
    }
}

impl<'de, V: serde::Deserialize<'de>> serde::Deserialize<'de> for Entries<V> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor<V>(std::marker::PhantomData<V>);
        impl<'de, V: serde::Deserialize<'de>> serde::de::Visitor<'de> for Visitor<V> {
            type Value = Entries<V>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a mapping")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Entries<V>, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    entries.push(entry);
                }
                Ok(Entries(entries))
            }
            fn visit_unit<E>(self) -> Result<Entries<V>, E> {
                Ok(Entries(Vec::new()))
            }
        }
        deserializer.deserialize_any(Visitor(std::marker::PhantomData))
    }
}

/// Finds where a key path sits in a YAML text written in block style, e.g.
/// `["months", "2021-11", "thach-thanh", "bhyt"]`: each key is looked for inside the block of
/// the previous one; the last keys may sit in a flow mapping on one line
/// (`thach-thanh: {bhyt: 5}`). A list item is matched by `"-field=value"` (`"-id=bhyt"`).
/// Returns the span of the last key, or of the deepest key found.
pub(crate) fn locate(text: &str, path: &[&str]) -> Span {
    let lines: Vec<&str> = text.lines().collect();
    let indent = |l: &str| l.len() - l.trim_start_matches([' ', '-']).len();
    let (mut from, mut to, mut min_indent) = (0usize, lines.len(), 0usize);
    let mut found = Span::new(1, 1, 1);
    for (depth, key) in path.iter().enumerate() {
        let hit = (from..to).find(|&i| {
            let line = lines[i];
            if line.trim().is_empty()
                || line.trim_start().starts_with('#')
                || indent(line) < min_indent
            {
                return false;
            }
            let body = line.trim_start().trim_start_matches("- ").trim_start();
            match key.strip_prefix('-').and_then(|k| k.split_once('=')) {
                Some((field, value)) => body
                    .strip_prefix(field)
                    .and_then(|r| r.trim_start().strip_prefix(':'))
                    .is_some_and(|r| r.trim().trim_matches(['"', '\'']) == value),
                None => key_at_start(body, key),
            }
        });
        match hit {
            Some(i) => {
                let line = lines[i];
                let col = line
                    .find(key.trim_start_matches('-').split('=').next().unwrap_or(key))
                    .unwrap_or(0);
                found = Span::new(i + 1, line[..col].chars().count() + 1, key.chars().count());
                // The block of this key: following lines indented deeper.
                let own = indent(line);
                let end = (i + 1..to)
                    .find(|&j| {
                        !lines[j].trim().is_empty()
                            && indent(lines[j]) <= own
                            && !lines[j].trim_start().starts_with('#')
                    })
                    .unwrap_or(to);
                from = i + 1;
                to = end;
                min_indent = own + 1;
                // A flow mapping on the same line holds the remaining keys.
                if let Some(brace) = line.find('{') {
                    for rest in &path[depth + 1..] {
                        if let Some(pos) = find_flow_key(&line[brace..], rest) {
                            let col = brace + pos;
                            found = Span::new(
                                i + 1,
                                line[..col].chars().count() + 1,
                                rest.chars().count(),
                            );
                        }
                    }
                    return found;
                }
            }
            None => return found,
        }
    }
    found
}

fn key_at_start(body: &str, key: &str) -> bool {
    let body = body.trim_start_matches(['"', '\'']);
    body.strip_prefix(key).is_some_and(|r| {
        r.trim_start_matches(['"', '\''])
            .trim_start()
            .starts_with(':')
    })
}

fn find_flow_key(flow: &str, key: &str) -> Option<usize> {
    let mut search = 0;
    while let Some(pos) = flow[search..].find(key) {
        let at = search + pos;
        let before = flow[..at].trim_end().chars().last();
        let after = flow[at + key.len()..].trim_start().chars().next();
        if matches!(before, Some('{') | Some(',') | Some('"') | Some('\''))
            && matches!(after, Some(':') | Some('"') | Some('\''))
        {
            return Some(at);
        }
        search = at + key.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "source: x\nunits:\n  - id: tinh\n    name: Tỉnh\n  - id: thach-thanh\n    name: Huyện\nmonths:\n  2021-10:\n    thach-thanh: {bhyt: 5}\n  2021-11:\n    tinh: {bhyt: 7}\n    thach-thanh: {bhxh: 1, bhyt: -3}\n";

    #[test]
    fn locates_nested_and_flow_keys() {
        assert_eq!(locate(DOC, &["months", "2021-11"]).line, 10);
        let s = locate(DOC, &["months", "2021-11", "thach-thanh", "bhyt"]);
        assert_eq!((s.line, s.column), (12, 28));
        assert_eq!(locate(DOC, &["months", "2021-10", "thach-thanh"]).line, 9);
        assert_eq!(locate(DOC, &["units", "-id=thach-thanh"]).line, 5);
        // A missing key gives the deepest one found.
        assert_eq!(locate(DOC, &["months", "2021-12"]).line, 7);
    }

    #[test]
    fn entries_keep_duplicates_in_order() {
        let e: Entries<i64> = serde_yaml::from_str("2021-01: 1\n2021-01: 2\n2020: 3\n").unwrap();
        let keys: Vec<String> = e.0.iter().map(|(k, _)| k.text()).collect();
        assert_eq!(keys, ["2021-01", "2021-01", "2020"]);
    }

    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)] // only parsed, to see the errors
    struct Outer {
        title: String,
        extra: Option<String>,
        home: Option<Inner>,
    }

    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Inner {
        notices: String,
    }

    fn unknown_field_message(yaml: &str) -> String {
        let embedded = Embedded {
            path: Path::new("a.md"),
            file_text: yaml,
            yaml,
            line_offset: 0,
        };
        embedded
            .parse::<Outer>(&["title", "home"])
            .unwrap_err()
            .message
            .clone()
    }

    #[test]
    fn unknown_keys_are_listed_among_the_keys_the_file_accepts() {
        assert_eq!(
            unknown_field_message(
                "title: a
subtitle: b
"
            ),
            "unknown field `subtitle`, expected one of `title`, `home`"
        );
        assert_eq!(
            unknown_field_message(
                "title: a
home:
  other: x
"
            ),
            "home: unknown field `other`, expected `notices`"
        );
    }
}
