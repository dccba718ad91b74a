//! Where rendering writes: a trait, so that render does not know whether files go to a
//! staging folder on disk (`loa build`) or into memory (`loa serve`).

use std::io;
use std::path::Path;

/// Where rendered files go. `build` writes to disk; `serve` keeps them in memory.
pub(crate) trait Sink: Sync {
    fn write(&self, path: &str, bytes: &[u8]) -> io::Result<()>;
    fn copy(&self, source: &Path, path: &str) -> io::Result<()>;
}
