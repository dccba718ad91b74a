//! Typed YAML parsing (site config, front matter, data) with errors located in the source file.

use std::collections::HashMap;
use std::path::Path;

use serde::de::DeserializeOwned;

use crate::error::{Diagnostic, Span};
use crate::text::closest;

/// A YAML document that sits inside a larger file, e.g. front matter after a `---` line.
pub struct Embedded<'a> {
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
    pub fn parse<T: DeserializeOwned>(&self, allowed: &[&str]) -> Result<T, Diagnostic> {
        // An empty document is `null` to YAML; treat it as an empty mapping so that a file
        // with only `---\n---` reports the missing required keys instead of a type error.
        let yaml = if self.yaml.trim().is_empty() {
            "{}"
        } else {
            self.yaml
        };
        serde_yaml::from_str(yaml).map_err(|e| self.error_from(e, allowed))
    }

    fn error_from(&self, error: serde_yaml::Error, allowed: &[&str]) -> Diagnostic {
        let full = error.to_string();
        // The library appends " at line L column C"; we show the location our own way.
        let message = match full.find(" at line ") {
            Some(i) => full[..i].to_owned(),
            None => full,
        };
        let span = match error.location() {
            Some(loc) => {
                let line = loc.line() + self.line_offset;
                let len = self.token_len(line, loc.column());
                Span::new(line, loc.column(), len)
            }
            None => Span::new(self.line_offset + 1, 1, 0),
        };
        let hint = hint_for(&message, allowed);
        let mut d = Diagnostic::error(self.path, span, message).with_source(self.file_text);
        if let Some(hint) = hint {
            d = d.with_hint(hint);
        }
        d
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
    pub fn key_spans(&self) -> HashMap<String, Span> {
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

fn hint_for(message: &str, allowed: &[&str]) -> Option<String> {
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let key = rest.split('`').next().unwrap_or_default();
        let list = allowed.join(", ");
        return Some(match closest(key, allowed) {
            Some(guess) => format!("did you mean `{guess}`? Allowed keys: {list}"),
            None => format!("remove it or use one of the allowed keys: {list}"),
        });
    }
    if let Some(rest) = message.strip_prefix("missing field `") {
        let key = rest.split('`').next().unwrap_or_default();
        return Some(format!("add a line `{key}: ...`"));
    }
    if message.contains("mapping values are not allowed") || message.contains("did not find") {
        return Some(
            "a value containing `: ` must be quoted, e.g. title: \"Thông báo: lịch nghỉ Tết\""
                .to_owned(),
        );
    }
    if message.starts_with("invalid type") {
        return Some("check the value's form against the example in README.md".to_owned());
    }
    None
}

/// Reads and parses a whole YAML file.
pub fn parse_file<T: DeserializeOwned>(
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
