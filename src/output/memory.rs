//! The preview's output: the rendered site held in memory, shared with the HTTP server.

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex};

use crate::render::sink::Sink;

pub(crate) type Files = HashMap<String, Arc<Vec<u8>>>;

/// The rendered site, held in memory.
#[derive(Default)]
pub(crate) struct Memory(Mutex<Files>);

impl Memory {
    /// A copy of an earlier build's files, to render an edit's outputs over.
    pub(crate) fn from_files(files: Files) -> Memory {
        Memory(Mutex::new(files))
    }

    pub(crate) fn into_files(self) -> Files {
        self.0.into_inner().unwrap_or_default()
    }

    pub(crate) fn remove(&self, paths: &[String]) {
        if let Ok(mut files) = self.0.lock() {
            for path in paths {
                files.remove(path);
            }
        }
    }
}

impl Sink for Memory {
    fn write(&self, path: &str, bytes: &[u8]) -> std::io::Result<()> {
        let mut files = self
            .0
            .lock()
            .map_err(|_| std::io::Error::other("poisoned"))?;
        files.insert(path.to_owned(), Arc::new(bytes.to_vec()));
        Ok(())
    }

    fn copy(&self, source: &Path, path: &str) -> std::io::Result<()> {
        let bytes = std::fs::read(source)?;
        self.write(path, &bytes)
    }
}
