//! What a command asks of a build: which site, drafts or not, under which address.

use std::path::PathBuf;

#[derive(Debug, Clone)]
pub(crate) struct Options {
    /// The site folder, holding `content/` and `themes/`.
    pub root: PathBuf,
    /// Include drafts and future-dated articles.
    pub drafts: bool,
    /// Overrides `base_url` of `site.yaml` (staging builds).
    pub base_url: Option<String>,
}

impl Options {
    pub(crate) fn content_dir(&self) -> PathBuf {
        self.root.join("content")
    }

    pub(crate) fn config_path(&self) -> PathBuf {
        self.content_dir().join("site.yaml")
    }
}
