//! Watching the site's folders: editor save patterns reduced to "these paths changed", bursts
//! coalesced, and polling when the system's watch limit is reached.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

use notify::{Event, EventKind, PollWatcher, RecommendedWatcher, RecursiveMode, Watcher};

use crate::base::files::is_ignored_name;

/// Keeps the watcher alive; dropping it stops watching.
pub(crate) struct Handle {
    _watcher: Box<dyn Watcher>,
}

/// Watches `dirs` (whole folders, so that saves by rename are seen) and sends each changed
/// path. Falls back to polling, with a message, when native watching is not possible.
pub(crate) fn start(dirs: &[PathBuf], tx: Sender<PathBuf>) -> Result<Handle, String> {
    let forward = {
        let tx = tx.clone();
        move |event: notify::Result<Event>| {
            if let Ok(event) = event {
                if matches!(event.kind, EventKind::Access(_)) {
                    return;
                }
                for path in event.paths {
                    if !is_editor_leftover(&path) {
                        let _ = tx.send(path);
                    }
                }
            }
        }
    };
    let native =
        RecommendedWatcher::new(forward.clone(), notify::Config::default()).and_then(|mut w| {
            for dir in dirs {
                w.watch(dir, RecursiveMode::Recursive)?;
            }
            Ok(w)
        });
    match native {
        Ok(w) => Ok(Handle {
            _watcher: Box::new(w),
        }),
        Err(e) => {
            super::say_err(format_args!(
                "note: native file watching failed ({e}); polling every 300 ms instead. \
                 On Linux, raise the limit with: sudo sysctl fs.inotify.max_user_watches=524288"
            ));
            let config = notify::Config::default().with_poll_interval(Duration::from_millis(300));
            let mut w = PollWatcher::new(forward, config).map_err(|e| e.to_string())?;
            for dir in dirs {
                w.watch(dir, RecursiveMode::Recursive)
                    .map_err(|e| e.to_string())?;
            }
            Ok(Handle {
                _watcher: Box::new(w),
            })
        }
    }
}

/// Swap, backup and lock files that editors write beside the real one.
pub(crate) fn is_editor_leftover(path: &Path) -> bool {
    path.file_name()
        .map(|n| n.to_string_lossy())
        .is_some_and(|n| is_ignored_name(&n) || n.ends_with(".swpx") || n == "4913")
}

/// Waits for the next change, then keeps collecting until `quiet` passes with no event (or
/// `limit` since the first), so that a `git checkout` of 500 files is one rebuild.
pub(crate) fn next_batch(
    rx: &Receiver<PathBuf>,
    quiet: Duration,
    limit: Duration,
) -> Option<Vec<PathBuf>> {
    let first = rx.recv().ok()?;
    let started = Instant::now();
    let mut paths = vec![first];
    loop {
        let left = limit.saturating_sub(started.elapsed());
        if left.is_zero() {
            break;
        }
        match rx.recv_timeout(quiet.min(left)) {
            Ok(p) => paths.push(p),
            Err(RecvTimeoutError::Timeout) => break,
            Err(RecvTimeoutError::Disconnected) => break,
        }
    }
    paths.sort();
    paths.dedup();
    Some(paths)
}
