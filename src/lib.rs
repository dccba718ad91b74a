//! loa: a static site generator for public communication.

pub mod chart;
pub mod check;
pub mod cli;
pub mod config;
pub mod content;
pub mod dashboard;
pub mod date;
pub mod error;
pub mod faq;
pub mod format;
pub mod http;
pub mod init;
pub mod markdown;
pub mod output;
pub mod pipeline;
pub mod render;
pub mod sanitize;
pub mod search;
pub mod serve;
pub mod shortcode;
pub mod site;
pub mod stats;
pub mod structured;
pub mod text;
pub mod watch;
pub mod yaml;
