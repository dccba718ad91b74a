//! loa: a static site generator for public communication.

pub mod base;
pub mod chart;
pub mod cli;
pub mod import;
pub mod init;
pub mod load;
pub mod output;
pub mod pipeline;
pub mod render;
pub mod rules;
pub mod search;
pub mod serve;
pub mod site;
pub mod stats;
