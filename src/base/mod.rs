//! What every stage shares: the diagnostic type, text, dates, numbers and typed YAML.

pub mod date;
pub mod error;
pub mod format;
pub mod text;
pub mod yaml;
