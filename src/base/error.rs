//! The one diagnostic type: a problem at a place in a source file, with a hint on how to fix it.

use std::fmt;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Level {
    Error,
    Warning,
}

/// A position in a source file. Lines and columns are 1-based; column counts characters, so it
/// matches what an editor shows. `line == 0` means "the file as a whole".
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub(crate) struct Span {
    pub line: usize,
    pub column: usize,
    /// How many characters to underline; at least one is shown.
    pub len: usize,
}

impl Span {
    pub(crate) fn new(line: usize, column: usize, len: usize) -> Span {
        Span { line, column, len }
    }

    /// The span of the character range `start..end` (byte offsets) in `text`.
    pub(crate) fn from_offsets(text: &str, start: usize, end: usize) -> Span {
        let start = floor_char_boundary(text, start.min(text.len()));
        let end = floor_char_boundary(text, end.clamp(start, text.len()));
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let line = text[..start].matches('\n').count() + 1;
        let column = text[line_start..start].chars().count() + 1;
        let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        let len = text[start..end.min(line_end)].chars().count();
        Span { line, column, len }
    }
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Boxed: diagnostics travel in `Result`s everywhere and the happy path should stay small.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Diagnostic(Box<DiagnosticData>);

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DiagnosticData {
    pub level: Level,
    pub file: PathBuf,
    pub span: Span,
    pub message: String,
    /// The offending source line, quoted under the message.
    pub source_line: Option<String>,
    /// How to fix it, in one sentence.
    pub hint: Option<String>,
    /// Extra context, e.g. which page was being rendered when a template failed.
    pub note: Option<String>,
    /// The message and hint in Vietnamese, for the editor's browser overlay (the terminal
    /// speaks English, the site and its preview Vietnamese).
    pub vi: Option<(String, Option<String>)>,
    /// The `loa check` rule that found it, e.g. `broken-link`.
    pub rule: Option<&'static str>,
}

impl std::ops::Deref for Diagnostic {
    type Target = DiagnosticData;
    fn deref(&self) -> &DiagnosticData {
        &self.0
    }
}

impl std::ops::DerefMut for Diagnostic {
    fn deref_mut(&mut self) -> &mut DiagnosticData {
        &mut self.0
    }
}

impl Diagnostic {
    pub(crate) fn error(
        file: impl Into<PathBuf>,
        span: Span,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic(Box::new(DiagnosticData {
            level: Level::Error,
            file: file.into(),
            span,
            message: message.into(),
            source_line: None,
            hint: None,
            note: None,
            vi: None,
            rule: None,
        }))
    }

    /// An error about a file as a whole (it cannot be read, it is missing a part, ...).
    pub(crate) fn file_error(file: impl Into<PathBuf>, message: impl Into<String>) -> Diagnostic {
        Diagnostic::error(file, Span::default(), message)
    }

    pub(crate) fn with_hint(mut self, hint: impl Into<String>) -> Diagnostic {
        self.hint = Some(hint.into());
        self
    }

    /// The Vietnamese message and hint shown to editors in the preview.
    pub(crate) fn vi(mut self, message: impl Into<String>, hint: Option<String>) -> Diagnostic {
        self.vi = Some((message.into(), hint));
        self
    }

    pub(crate) fn rule(mut self, rule: &'static str) -> Diagnostic {
        self.rule = Some(rule);
        self
    }

    /// Makes this a warning: reported, but the build goes on.
    pub(crate) fn warning(mut self) -> Diagnostic {
        self.level = Level::Warning;
        self
    }

    pub(crate) fn with_note(mut self, note: impl Into<String>) -> Diagnostic {
        self.note = Some(note.into());
        self
    }

    /// Quotes line `span.line` of `text` under the message.
    pub(crate) fn with_source(mut self, text: &str) -> Diagnostic {
        if self.span.line > 0 {
            self.source_line = text.lines().nth(self.span.line - 1).map(str::to_owned);
        }
        self
    }

    pub(crate) fn is_error(&self) -> bool {
        self.level == Level::Error
    }

    /// `file:line:col`, the form editors and terminals turn into a link.
    pub(crate) fn location(&self) -> String {
        let file = display_path(&self.file);
        if self.span.line == 0 {
            file
        } else {
            format!("{file}:{}:{}", self.span.line, self.span.column)
        }
    }
}

/// Paths are shown as given, minus a leading `./`, so they stay short and clickable.
pub(crate) fn display_path(path: &Path) -> String {
    let shown = path.strip_prefix(".").unwrap_or(path);
    shown.display().to_string()
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.level {
            Level::Error => "error",
            Level::Warning => "warning",
        };
        writeln!(f, "{level}: {}", self.message)?;
        writeln!(f, "  --> {}", self.location())?;
        if let Some(line) = &self.source_line {
            let number = self.span.line.to_string();
            let pad = " ".repeat(number.len());
            let line = line.replace('\t', " ");
            writeln!(f, "{pad} |")?;
            writeln!(f, "{number} | {line}")?;
            let indent = " ".repeat(self.span.column.saturating_sub(1));
            let carets = "^".repeat(self.span.len.max(1));
            writeln!(f, "{pad} | {indent}{carets}")?;
        }
        if let Some(note) = &self.note {
            writeln!(f, "  = note: {note}")?;
        }
        if let Some(hint) = &self.hint {
            writeln!(f, "  = help: {hint}")?;
        }
        Ok(())
    }
}

/// All the problems of one run, so they are reported together instead of one per attempt.
#[derive(Debug, Default, Clone)]
pub(crate) struct Diagnostics(Vec<Diagnostic>);

impl Diagnostics {
    pub(crate) fn new() -> Diagnostics {
        Diagnostics::default()
    }

    pub(crate) fn push(&mut self, diagnostic: Diagnostic) {
        self.0.push(diagnostic);
    }

    pub(crate) fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.0.extend(other);
    }

    pub(crate) fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter()
    }

    /// Sorted by file and position, with exact repeats removed: a broken template fails the
    /// same way for every page that uses it, and one report of it is enough.
    pub(crate) fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.0.sort_by(|a, b| {
            (&a.file, a.span, a.level, &a.message).cmp(&(&b.file, b.span, b.level, &b.message))
        });
        self.0.dedup_by(|a, b| {
            a.file == b.file && a.span == b.span && a.message == b.message && a.level == b.level
        });
        self.0
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(d: Diagnostic) -> Diagnostics {
        Diagnostics(vec![d])
    }
}
