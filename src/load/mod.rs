//! Loading: the site configuration and `content/` (front matter, Markdown, raw HTML,
//! shortcodes) into typed sources with their spans.

pub mod config;
pub mod content;
pub mod markdown;
pub mod sanitize;
pub mod shortcode;
