//! loa: a static site generator for public communication.
//!
//! Data flows one way: **load** the sources into typed values with their spans, build the
//! **site** model, **render** it through the theme, **output** it to a staging folder (or to
//! memory for the preview); the **pipeline** runs these stages for every command. A module
//! imports only modules listed below it here, never one above it:
//!
//! | module     | owns |
//! |------------|------|
//! | `fuzzing`  | entry points of the property tests and `fuzz/` (tests and the `fuzzing` feature only) |
//! | `cli`      | the command line and the commands' terminal output |
//! | `init`     | `loa init` and the default theme embedded in the binary |
//! | `serve`    | the live preview: HTTP server, file watching, reload events, error overlay |
//! | `import`   | `loa import`: old portals' exports turned into Markdown articles |
//! | `pipeline` | options, load → model → render → write, the build stamp, incremental rebuilds |
//! | `output`   | the staging folder swapped into place, and the in-memory site of the preview |
//! | `render`   | the theme's Tera templates, the values and contexts they read, JSON-LD |
//! | `search`   | the static search index: documents, folded terms in shards, updates |
//! | `rules`    | the content rules: links, images, spam, placeholders, headings, titles |
//! | `site`     | the site model: sections, pages, taxonomies, and the route table of every output |
//! | `load`     | `site.yaml` and `content/`: front matter, Markdown, sanitizer, shortcodes, runnable files |
//! | `stats`    | statistics: YAML figures validated, derived figures, tables, downloads, charts |
//! | `chart`    | inline SVG charts: line, bar, sparkline |
//! | `base`     | diagnostics with spans, text and slugs, dates, numbers, typed YAML, files, URLs |
//!
//! `stats` sits below `load` because articles quote figures (`{{ so_lieu(...) }}`) that are
//! evaluated while their Markdown is read.

#![warn(unreachable_pub)]

mod base;
mod chart;
pub mod cli;
#[cfg(any(test, feature = "fuzzing"))]
#[doc(hidden)]
pub mod fuzzing;
mod import;
mod init;
mod load;
mod output;
mod pipeline;
mod render;
mod rules;
mod search;
mod serve;
mod site;
mod stats;

// What the integration tests share with the binary's internals: today's date as the build
// sees it, and the contract between the search index and the theme's search script, checked
// in a real browser against a plain static server.
pub use base::date::{DateTime, Offset};
pub use base::text::fold;
pub use search::{lowercase, shard, words};
pub use serve::http;
