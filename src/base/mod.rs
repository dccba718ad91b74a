//! What every stage shares: the diagnostic type, text, dates, numbers and typed YAML.

pub(crate) mod aliases;
pub(crate) mod date;
pub(crate) mod error;
pub(crate) mod files;
pub(crate) mod format;
pub(crate) mod image;
pub(crate) mod text;
pub(crate) mod timings;
pub(crate) mod url;
pub(crate) mod yaml;
