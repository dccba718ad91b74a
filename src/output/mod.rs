//! Writing the built site: into a fresh staging folder, swapped into place only on success,
//! or into memory for the preview.

pub(crate) mod memory;

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::base::error::{Diagnostic, display_path};
use crate::render::sink::Sink;

/// Marks a folder as loa's own output, the only kind loa will ever replace or delete.
pub(crate) const MARKER: &str = ".loa-output";

/// A fresh folder beside the target. Dropping it without `commit` removes it, so a failed
/// build leaves the previous site exactly as it was.
pub(crate) struct Staging {
    dir: PathBuf,
    target: PathBuf,
    /// The output being replaced, when it is loa's: its unchanged files are linked, not
    /// written again.
    previous: Option<PathBuf>,
    committed: bool,
}

impl Staging {
    /// Prepares to replace `target`. Refuses a target that holds any of `protected` (the
    /// site's sources) or that is a folder loa did not make: loa never deletes a user's files.
    pub(crate) fn create(target: &Path, protected: &[&Path]) -> Result<Staging, Diagnostic> {
        let refuse = |message: String, hint: &str| {
            Diagnostic::file_error(target, message).with_hint(hint.to_owned())
        };
        let absolute = absolute(target).map_err(|e| {
            Diagnostic::file_error(target, format!("cannot resolve the output folder: {e}"))
        })?;
        for source in protected {
            let Ok(source) = absolute_existing(source) else {
                continue;
            };
            if source.starts_with(&absolute) {
                return Err(refuse(
                    format!(
                        "the output folder contains the site's sources ({})",
                        display_path(&source)
                    ),
                    "choose a separate output folder, e.g. --output output",
                ));
            }
            // Inside content/, the next build would publish the last one's pages as content
            // files; inside themes/, as theme files: every build would grow the next.
            if absolute.starts_with(&source) {
                return Err(refuse(
                    format!(
                        "the output folder is inside the site's sources ({})",
                        display_path(&source)
                    ),
                    "choose a folder outside content/ and themes/, e.g. --output output",
                ));
            }
        }
        if absolute.exists() {
            if !absolute.is_dir() {
                return Err(refuse(
                    "the output path exists and is not a folder".into(),
                    "choose another --output",
                ));
            }
            let empty = fs::read_dir(&absolute)
                .map(|mut d| d.next().is_none())
                .unwrap_or(false);
            if !empty && !absolute.join(MARKER).exists() {
                return Err(refuse(
                    "the output folder is not empty and was not made by loa, so loa will not replace it".into(),
                    "choose a new or empty folder with --output, or move this one away yourself",
                ));
            }
        }
        let parent = absolute
            .parent()
            .ok_or_else(|| {
                refuse(
                    "the output folder cannot be the file-system root".into(),
                    "choose another --output",
                )
            })?
            .to_path_buf();
        let name = absolute
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "output".into());
        fs::create_dir_all(&parent).map_err(|e| {
            Diagnostic::file_error(&parent, format!("cannot create the folder: {e}"))
        })?;
        let dir = parent.join(format!(".{name}.loa-staging-{}", std::process::id()));
        if dir.exists() {
            remove_own_tree(&dir).map_err(|e| {
                Diagnostic::file_error(&dir, format!("cannot clear a leftover staging folder: {e}"))
            })?;
        }
        fs::create_dir(&dir)
            .and_then(|_| fs::write(dir.join(MARKER), b""))
            .map_err(|e| {
                Diagnostic::file_error(&dir, format!("cannot create the staging folder: {e}"))
            })?;
        // Replaced outputs whose background removal did not finish (a reboot, say).
        let leftover = format!(".{name}.loa-old-");
        for entry in fs::read_dir(&parent).into_iter().flatten().flatten() {
            if entry.file_name().to_string_lossy().starts_with(&leftover) {
                remove_in_background(&entry.path());
            }
        }
        let previous = absolute.join(MARKER).exists().then(|| absolute.clone());
        Ok(Staging {
            dir,
            target: absolute,
            previous,
            committed: false,
        })
    }

    /// Writes the build stamp (see `stamp`) into the marker file.
    pub(crate) fn stamp(&self, text: &str) -> Result<(), Diagnostic> {
        fs::write(self.dir.join(MARKER), text).map_err(|e| {
            Diagnostic::file_error(self.dir.join(MARKER), format!("cannot write: {e}"))
        })
    }

    /// Swaps the staging folder into place and removes the previous output.
    pub(crate) fn commit(mut self) -> Result<(), Diagnostic> {
        let old = self.dir.with_file_name(format!(
            ".{}.loa-old-{}",
            self.target
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            std::process::id()
        ));
        let had_previous = self.target.exists();
        if had_previous {
            fs::rename(&self.target, &old).map_err(|e| {
                Diagnostic::file_error(
                    &self.target,
                    format!("cannot move the previous output aside: {e}"),
                )
            })?;
        }
        if let Err(e) = fs::rename(&self.dir, &self.target) {
            if had_previous {
                let _ = fs::rename(&old, &self.target);
            }
            return Err(Diagnostic::file_error(
                &self.target,
                format!("cannot move the new output into place: {e}"),
            ));
        }
        self.committed = true;
        if had_previous {
            remove_in_background(&old);
        }
        Ok(())
    }

    /// The previous output's copy of `path` when it holds exactly `bytes`.
    fn unchanged(&self, path: &str, bytes: &[u8]) -> Option<PathBuf> {
        let old = self.previous.as_ref()?.join(path);
        let same =
            fs::metadata(&old).ok()?.len() == bytes.len() as u64 && fs::read(&old).ok()? == bytes;
        same.then_some(old)
    }

    /// Writes `bytes` at `path`, or links the previous output's identical file there: a
    /// rebuild after a small edit then makes new files only for what changed (on ext4, making
    /// many files soon after deleting many is slow), and the old tree's removal only unlinks.
    fn put(&self, path: &str, bytes: &[u8]) -> io::Result<()> {
        let file = self.dir.join(path);
        if let Some(parent) = file.parent() {
            // Most pages are `dir/index.html` in a new dir whose parent exists: one mkdir,
            // without create_dir_all's look first.
            match fs::create_dir(parent) {
                Ok(()) => {}
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
                Err(_) => fs::create_dir_all(parent)?,
            }
        }
        if let Some(old) = self.unchanged(path, bytes)
            && fs::hard_link(&old, &file).is_ok()
        {
            return Ok(());
        }
        fs::write(file, bytes)
    }
}

/// Removes a replaced output without making the build wait: on a busy disk deleting tens of
/// thousands of files takes longer than the build. A detached `loa` process does it (see
/// `REMOVE_COMMAND`); when it cannot be started, the removal happens here.
fn remove_in_background(dir: &Path) {
    let started = std::env::current_exe().and_then(|loa| {
        std::process::Command::new(loa)
            .arg(REMOVE_COMMAND)
            .arg(dir)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
    });
    if started.is_err() {
        let _ = remove_own_tree(dir);
    }
}

/// The hidden subcommand the background removal runs as.
pub(crate) const REMOVE_COMMAND: &str = "__remove-replaced-output";

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = remove_own_tree(&self.dir);
        }
    }
}

impl Sink for Staging {
    fn write(&self, path: &str, bytes: &[u8]) -> io::Result<()> {
        self.put(path, bytes)
    }

    fn copy(&self, source: &Path, path: &str) -> io::Result<()> {
        self.put(path, &fs::read(source)?)
    }
}

/// Deletes a tree only if it carries loa's marker.
pub(crate) fn remove_own_tree(dir: &Path) -> io::Result<()> {
    if dir.join(MARKER).exists() {
        fs::remove_dir_all(dir)
    } else if dir.exists() {
        Err(io::Error::other(
            "it has no .loa-output marker, so it is not loa's",
        ))
    } else {
        Ok(())
    }
}

fn absolute(path: &Path) -> io::Result<PathBuf> {
    // The target may not exist yet; resolve symlinks on what does exist.
    match absolute_existing(path) {
        Ok(p) => Ok(p),
        Err(_) => {
            let parent = path
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            let name = path
                .file_name()
                .ok_or_else(|| io::Error::other("no folder name"))?;
            let parent = if parent.exists() {
                absolute_existing(parent)?
            } else {
                std::path::absolute(parent)?
            };
            Ok(parent.join(name))
        }
    }
}

fn absolute_existing(path: &Path) -> io::Result<PathBuf> {
    fs::canonicalize(path)
}
