//! What every stage shares: the diagnostic type, text, dates, numbers and typed YAML.

pub mod date;
pub mod error;
pub mod files;
pub mod format;
pub mod text;
pub mod timings;
pub mod url;
pub mod yaml;
