//! Rendering the site model through the theme's Tera templates, in parallel.
//!
//! Every page, section and term is turned into a Tera value once; the contexts of the
//! thousands of output files share those values (Tera values are reference-counted), so a
//! list page costs as much as the items it shows, not a copy of the site.

mod contexts;
pub(crate) mod faq;
pub(crate) mod sink;
pub(crate) mod stats;
pub(crate) mod structured;
mod theme;
mod values;
mod words;

pub(crate) use theme::Theme;
pub(crate) use values::list_entry;

use std::time::Instant;

use rayon::prelude::*;

use crate::base::error::{Diagnostic, Diagnostics, display_path};
use crate::base::timings::Timings;
use crate::search;
use crate::site::urls::{HEADERS, Route, output_file};
use crate::site::{PageId, Site};
use crate::stats::pages as stat_pages;
use contexts::prepare;
use sink::Sink;
use values::Values;

/// Renders every output of `site` into `sink` and copies static files. Returns all problems;
/// `timings` gets the time of the pages and, beside them, of the search index and the
/// statistics.
pub(crate) fn render_site(
    site: &Site,
    theme: &Theme,
    sink: &dyn Sink,
    timings: &mut Timings,
) -> Diagnostics {
    let started = Instant::now();
    let values = Values::new(site);
    let with_search = site.routes.theme().search;
    let (stat_routes, page_routes): (Vec<_>, Vec<_>) = site
        .routes
        .all
        .iter()
        .filter(|(route, _)| route.is_template())
        .partition(|(route, _)| matches!(route, Route::Stat(_)));
    let render = |routes: &[&(Route, String)]| -> Vec<Diagnostic> {
        routes
            .par_iter()
            .filter_map(|(route, path)| render_route(&values, theme, sink, route, path).err())
            .collect()
    };
    // Each part with how long it took: they run at the same time.
    let timed = |part: &dyn Fn() -> Vec<Diagnostic>| {
        let started = Instant::now();
        (part(), started.elapsed())
    };
    let pages = || render(&page_routes);
    let search = || -> Vec<Diagnostic> {
        if with_search {
            write_files(sink, &search::Index::build(site).1)
        } else {
            Vec::new()
        }
    };
    let statistics = || -> Vec<Diagnostic> {
        let Some(stats) = &site.stats else {
            return Vec::new();
        };
        // The full dataset download is the largest single piece of work; build it while the
        // statistics pages render.
        let (mut errors, mut files) = rayon::join(
            || render(&stat_routes),
            || -> Vec<(String, Vec<u8>)> {
                crate::stats::downloads::dataset_downloads(stats).into()
            },
        );
        files.par_extend(
            stat_pages::pages(stats)
                .into_par_iter()
                .flat_map_iter(|page| crate::stats::downloads::table_downloads(stats, page)),
        );
        errors.extend(write_files(sink, &files));
        errors
    };
    // The search index and the statistics have steps that run on one core (merging,
    // sharding, the dataset files); made beside the pages, they fill the cores the pages
    // leave idle instead of waiting for them.
    let (((page_errors, pages_took), (search_errors, search_took)), (stat_errors, stats_took)) =
        rayon::join(
            || rayon::join(|| timed(&pages), || timed(&search)),
            || timed(&statistics),
        );
    let mut errors: Diagnostics = Diagnostics::new();
    errors.extend(page_errors);
    errors.extend(search_errors);
    errors.extend(stat_errors);
    errors.extend(copy_files(site, sink));
    if let Err(e) = sink.write(HEADERS, security_headers(site).as_bytes()) {
        errors.push(Diagnostic::file_error(
            HEADERS,
            format!("cannot write: {e}"),
        ));
    }
    timings.push("render and write pages", pages_took);
    if with_search {
        timings.push(
            "  beside them: build and write the search index",
            search_took,
        );
    }
    if site.stats.is_some() {
        timings.push(
            "  beside them: statistics pages, charts, downloads",
            stats_took,
        );
    }
    timings.push("all output written", started.elapsed());
    errors
}

fn write_files(sink: &dyn Sink, files: &[(String, Vec<u8>)]) -> Vec<Diagnostic> {
    files
        .par_iter()
        .filter_map(|(path, bytes)| {
            sink.write(path, bytes)
                .err()
                .map(|e| Diagnostic::file_error(path, format!("cannot write: {e}")))
        })
        .collect()
}

/// Re-renders what an edit of `page` can have changed, when the edit kept the page's place in
/// the site (same URL, date, tags, section: see `pipeline::incremental`). With `listed` the
/// page as lists show it changed too, so every output the route table says shows it is redone.
pub(crate) fn render_after_edit(
    site: &Site,
    theme: &Theme,
    sink: &dyn Sink,
    page: PageId,
    listed: bool,
) -> Diagnostics {
    let values = Values::new(site);
    let mut chosen = vec![Route::Page(page)];
    if listed {
        chosen.extend(site.routes.showing(site, page));
    }
    let mut errors = Diagnostics::new();
    errors.extend(
        chosen
            .par_iter()
            .filter_map(|route| {
                let path = route.path(site, site.routes.theme());
                render_route(&values, theme, sink, route, &path).err()
            })
            .collect::<Vec<_>>(),
    );
    errors
}

fn render_route(
    values: &Values,
    theme: &Theme,
    sink: &dyn Sink,
    route: &Route,
    path: &str,
) -> Result<(), Diagnostic> {
    thread_local! {
        // One page buffer per thread, reused: pages are rendered as bytes straight into it,
        // which spares an allocation and a UTF-8 check of every page.
        static BUFFER: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    let (template, ctx) = prepare(values, route, path);
    let file = output_file(path);
    let tera = theme.tera(contexts::language(values.site, route));
    BUFFER.with_borrow_mut(|html| {
        html.clear();
        tera.render_to(template, &ctx, &mut *html)
            .map_err(|e| theme.template_error(&e, Some(&describe(values.site, route, path))))?;
        sink.write(&file, html)
            .map_err(|e| Diagnostic::file_error(&file, format!("cannot write: {e}")))
    })
}

/// The strict Content-Security-Policy the default theme works under (no inline script or
/// style), in the `_headers` format that Netlify, Cloudflare Pages and similar hosts read; the
/// same header for nginx is in README.md.
pub(crate) fn content_security_policy(site: &Site) -> String {
    let frames: Vec<String> = site
        .config
        .iframe_hosts
        .iter()
        .map(|h| format!("https://{h}"))
        .collect();
    let frame_src = if frames.is_empty() {
        "'none'".to_owned()
    } else {
        frames.join(" ")
    };
    format!(
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; \
         frame-src {frame_src}; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'"
    )
}

fn security_headers(site: &Site) -> String {
    format!(
        "/*\n  Content-Security-Policy: {}\n  X-Content-Type-Options: nosniff\n  Referrer-Policy: strict-origin-when-cross-origin\n",
        content_security_policy(site)
    )
}

fn describe(site: &Site, route: &Route, path: &str) -> String {
    let url = site.config.url(path);
    match route {
        Route::Page(id) => format!("{url} ({})", display_path(&site.pages[*id].source.file)),
        Route::Section { section, .. } => {
            format!(
                "{url} ({})",
                display_path(&site.sections[*section].source.file)
            )
        }
        _ => url,
    }
}

/// Copies the files published as they are: the theme's static files, content files and
/// the files beside articles.
fn copy_files(site: &Site, sink: &dyn Sink) -> Vec<Diagnostic> {
    let theme = site.routes.theme();
    site.routes
        .all
        .par_iter()
        .filter_map(|(route, path)| {
            let source = match route {
                Route::Static(i) => &theme.static_files[*i].0,
                Route::File(i) => &site.files[*i].0,
                Route::Asset { page, asset } => &site.pages[*page].source.assets[*asset],
                _ => return None,
            };
            sink.copy(source, path)
                .err()
                .map(|e| Diagnostic::file_error(source, format!("cannot copy to the output: {e}")))
        })
        .collect()
}
