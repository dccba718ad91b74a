//! Source files as every stage reads them: editor leftovers skipped, bytes decoded to NFC text.

use std::path::Path;

use crate::base::error::Diagnostic;
use crate::base::text;

/// Editors leave these next to the files they edit; they are never content.
pub(crate) fn is_ignored_name(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name.ends_with(".bak")
}

/// A source file's text in NFC, or a located error saying why it cannot be read.
pub(crate) fn read_source(path: &Path) -> Result<String, Diagnostic> {
    let bytes = std::fs::read(path).map_err(|e| {
        Diagnostic::file_error(path, format!("cannot read the file: {e}"))
            .vi(format!("không đọc được tệp: {e}"), None)
    })?;
    text::decode(path, &bytes)
}
