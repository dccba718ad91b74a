//! The build stamp: what an output folder was built from, so that building an unchanged site
//! again stops before doing any work.
//!
//! The stamp lives in the output's marker file. It holds a fingerprint of everything a build
//! reads (every file of content/ and themes/, the options and the loa binary itself) and the
//! moment the output goes stale on its own: the next future-dated article's publication, or
//! New Year (the footer shows the year).

use std::hash::{DefaultHasher, Hasher};
use std::path::Path;

use crate::base::date::{DateTime, Offset};
use crate::output::MARKER;
use crate::pipeline::options::Options;

const HEADER: &str = "loa build stamp 1";

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Stamp {
    pub sources: String,
    /// The output is stale from this moment, in the site's time zone.
    pub until: DateTime,
    pub offset: Offset,
    pub pages: usize,
    pub files: usize,
    pub warnings: usize,
}

/// A fingerprint of everything a build with `options` reads, or None when a file cannot be
/// looked at (the build then runs and reports it properly).
pub(crate) fn fingerprint(options: &Options) -> Option<String> {
    use std::os::unix::fs::MetadataExt;
    let exe = std::env::current_exe()
        .and_then(std::fs::metadata)
        .ok()
        .map(|m| (m.len(), m.modified().ok()));
    let mut identity = format!(
        "{} {:?} {} {:?}\n",
        env!("CARGO_PKG_VERSION"),
        exe,
        options.drafts,
        options.base_url
    );
    // A file is known by its path, size, inode and change time: writing a file, replacing it
    // or restoring an old copy with its old modification time all change the change time,
    // which no program can set. Reading every file instead would double a full build's reads.
    for dir in [options.content_dir(), options.root.join("themes")] {
        for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
            let entry = entry.ok()?;
            let meta = entry.metadata().ok()?;
            identity.push_str(&format!(
                "{} {} {} {}.{} {}.{}\n",
                entry.path().display(),
                meta.len(),
                meta.ino(),
                meta.ctime(),
                meta.ctime_nsec(),
                meta.mtime(),
                meta.mtime_nsec()
            ));
        }
    }
    let (a, b) = hash_pair(identity.as_bytes());
    Some(format!("{a:016x}{b:016x}"))
}

/// Two differently seeded 64-bit hashes: 128 bits, so that two different sites never meet.
fn hash_pair(bytes: &[u8]) -> (u64, u64) {
    let mut first = DefaultHasher::new();
    first.write(bytes);
    let mut second = DefaultHasher::new();
    second.write_u8(1);
    second.write(bytes);
    (first.finish(), second.finish())
}

impl Stamp {
    /// The stamp of the output folder `dir`, if it has one.
    pub(crate) fn read(dir: &Path) -> Option<Stamp> {
        let text = std::fs::read_to_string(dir.join(MARKER)).ok()?;
        let mut lines = text.lines();
        if lines.next()? != HEADER {
            return None;
        }
        let mut field = |name: &str| -> Option<String> {
            lines
                .next()?
                .strip_prefix(name)?
                .strip_prefix(' ')
                .map(str::to_owned)
        };
        Some(Stamp {
            sources: field("sources")?,
            until: DateTime::parse(&field("until")?).ok()?,
            offset: Offset::parse(&field("offset")?)?,
            pages: field("pages")?.parse().ok()?,
            files: field("files")?.parse().ok()?,
            warnings: field("warnings")?.parse().ok()?,
        })
    }

    pub(crate) fn text(&self) -> String {
        format!(
            "{HEADER}\nsources {}\nuntil {}\noffset {}\npages {}\nfiles {}\nwarnings {}\n",
            self.sources,
            self.until.iso(),
            self.offset,
            self.pages,
            self.files,
            self.warnings
        )
    }

    /// Whether an output with this stamp is what building `sources` now would make.
    pub(crate) fn is_current(&self, sources: &str) -> bool {
        self.sources == sources && DateTime::now(self.offset) < self.until
    }
}

/// When an output built now goes stale by itself: the next publication, or New Year.
pub(crate) fn stale_from(next_publication: Option<DateTime>, offset: Offset) -> DateTime {
    let new_year = DateTime {
        year: DateTime::now(offset).year + 1,
        month: 1,
        day: 1,
        hour: 0,
        minute: 0,
        has_time: true,
    };
    next_publication.map_or(new_year, |d| d.min(new_year))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stamp_reads_back_as_written() {
        let stamp = Stamp {
            sources: "00ff".into(),
            until: DateTime::parse("2099-01-01T00:00").unwrap(),
            offset: Offset(420),
            pages: 12,
            files: 30,
            warnings: 2,
        };
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(MARKER), stamp.text()).unwrap();
        assert_eq!(Stamp::read(dir.path()), Some(stamp.clone()));
        assert!(stamp.is_current("00ff"));
        assert!(!stamp.is_current("00fe"));
        let expired = Stamp {
            until: DateTime::parse("2001-01-01").unwrap(),
            ..stamp
        };
        assert!(!expired.is_current("00ff"));
    }

    #[test]
    fn an_empty_marker_is_no_stamp() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(MARKER), "").unwrap();
        assert_eq!(Stamp::read(dir.path()), None);
    }

    #[test]
    fn the_next_publication_comes_before_new_year() {
        let offset = Offset(420);
        let soon = DateTime::parse("2000-03-01T08:00").unwrap();
        assert_eq!(stale_from(Some(soon), offset), soon);
        assert_eq!(
            stale_from(None, offset).year,
            DateTime::now(offset).year + 1
        );
    }
}
