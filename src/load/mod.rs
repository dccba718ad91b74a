//! Loading: the site configuration and `content/` (front matter, Markdown, raw HTML,
//! shortcodes) into typed sources with their spans.

pub(crate) mod config;
mod contacts;
pub(crate) mod content;
pub(crate) mod documents;
pub(crate) mod files;
pub(crate) mod markdown;
mod raw_html;
pub(crate) mod sanitize;
pub(crate) mod shortcode;
pub(crate) mod strings;
