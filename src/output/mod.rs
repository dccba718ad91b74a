//! Writing the built site: into a fresh staging folder, swapped into place only on success,
//! or into memory for the preview.

pub(crate) mod memory;

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

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
    /// The output folder as the user named it, to name a file that could not be written.
    shown: PathBuf,
    /// The first file that could not be written, and how many could not: on a full disk every
    /// write fails, the first tells why, and trying the others only wastes time.
    failed: Mutex<Option<(String, io::Error)>>,
    failures: AtomicUsize,
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
        clear_leftovers(&parent, &name);
        let dir = parent.join(format!("{}{}", staging_prefix(&name), std::process::id()));
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
        let previous = absolute.join(MARKER).exists().then(|| absolute.clone());
        Ok(Staging {
            dir,
            target: absolute,
            previous,
            shown: target.to_path_buf(),
            failed: Mutex::new(None),
            failures: AtomicUsize::new(0),
            committed: false,
        })
    }

    /// Writes the build stamp (see `stamp`) into the marker file.
    pub(crate) fn stamp(&self, text: &str) -> Result<(), Diagnostic> {
        fs::write(self.dir.join(MARKER), text).map_err(|e| {
            Diagnostic::file_error(self.dir.join(MARKER), format!("cannot write: {e}"))
        })
    }

    /// Swaps the staging folder into place and removes the previous output. Where the system
    /// can exchange two folders in one step, `output/` is never missing, even for a moment.
    pub(crate) fn commit(mut self) -> Result<(), Diagnostic> {
        let name = self
            .target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let old = self
            .dir
            .with_file_name(format!("{}{}", old_prefix(&name), std::process::id()));
        let had_previous = self.target.exists();
        if had_previous && exchange(&self.dir, &self.target).is_ok() {
            self.committed = true;
            // The staging name now holds the previous output; a staging name means "a build
            // in progress or killed", so it is renamed before its slow removal.
            if fs::rename(&self.dir, &old).is_ok() {
                remove_in_background(&old);
            } else {
                remove_in_background(&self.dir);
            }
            return Ok(());
        }
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

    /// The one error to report when files could not be written: the first of them, naming the
    /// file as it would have been published, with how many more failed.
    pub(crate) fn write_failure(&self) -> Option<Diagnostic> {
        let guard = self.failed.lock().unwrap_or_else(|e| e.into_inner());
        let (path, error) = guard.as_ref()?;
        let more = self.failures.load(Ordering::Relaxed).saturating_sub(1);
        let mut d = Diagnostic::file_error(
            self.shown.join(path),
            format!("cannot write the output file: {error}"),
        )
        .with_hint("check the free disk space and the permissions of the output's folder, then build again");
        if more > 0 {
            d = d.with_note(format!(
                "{more} more file{} could not be written",
                if more == 1 { "" } else { "s" }
            ));
        }
        Some(d)
    }

    /// Runs one write, unless an earlier one failed; records the first failure.
    fn attempt(&self, path: &str, write: impl FnOnce() -> io::Result<()>) -> io::Result<()> {
        if self.failures.load(Ordering::Relaxed) > 0 {
            self.failures.fetch_add(1, Ordering::Relaxed);
            return Err(io::Error::other(
                "an earlier output file could not be written",
            ));
        }
        write().inspect_err(|e| {
            self.failures.fetch_add(1, Ordering::Relaxed);
            let mut first = self.failed.lock().unwrap_or_else(|e| e.into_inner());
            if first.is_none() {
                *first = Some((path.to_owned(), io::Error::new(e.kind(), e.to_string())));
            }
        })
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

fn staging_prefix(name: &str) -> String {
    format!(".{name}.loa-staging-")
}

fn old_prefix(name: &str) -> String {
    format!(".{name}.loa-old-")
}

/// Removes what earlier builds left beside the output: the staging folders of builds that were
/// killed, and replaced outputs whose background removal did not finish (a reboot, say).
fn clear_leftovers(parent: &Path, name: &str) {
    let staging = staging_prefix(name);
    let old = old_prefix(name);
    let names: Vec<String> = fs::read_dir(parent)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    for file in names {
        let path = parent.join(&file);
        if let Some(pid) = file.strip_prefix(&staging) {
            // A build still running owns its staging folder, and this one's own is cleared
            // by `create`.
            if pid.parse().is_ok_and(is_running) {
                continue;
            }
            // Out of the staging names at once, so that no later look takes it for a build's.
            let aside = parent.join(format!("{old}{pid}"));
            if fs::rename(&path, &aside).is_ok() {
                remove_in_background(&aside);
            } else {
                remove_in_background(&path);
            }
        } else if file.starts_with(&old) {
            remove_in_background(&path);
        }
    }
}

#[cfg(unix)]
fn is_running(pid: i32) -> bool {
    // Signal 0 only asks whether the process exists; EPERM means it does, under another user.
    // SAFETY: kill with signal 0 sends nothing and touches no memory.
    let status = unsafe { libc::kill(pid, 0) };
    status == 0 || io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}

/// Without a way to ask, every staging folder is taken for a running build's: a leftover
/// stays rather than a running build losing its folder.
#[cfg(not(unix))]
fn is_running(_pid: i32) -> bool {
    true
}

/// Swaps two folders in one step, so that neither path is ever missing.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let a = CString::new(a.as_os_str().as_bytes())?;
    let b = CString::new(b.as_os_str().as_bytes())?;
    // SAFETY: both are NUL-terminated paths that live across the call.
    let status = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if status == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_a: &Path, _b: &Path) -> io::Result<()> {
    Err(io::ErrorKind::Unsupported.into())
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
        self.attempt(path, || self.put(path, bytes))
    }

    fn copy(&self, source: &Path, path: &str) -> io::Result<()> {
        let bytes = fs::read(source)?;
        self.attempt(path, || self.put(path, &bytes))
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
