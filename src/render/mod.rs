//! Rendering the site model through the theme's Tera templates, in parallel.
//!
//! Every page, section and term is turned into a Tera value once; the contexts of the
//! thousands of output files share those values (Tera values are reference-counted), so a
//! list page costs as much as the items it shows, not a copy of the site.

pub mod faq;
pub mod sink;
pub mod stats;
pub mod structured;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;
use tera::{Context, Kwargs, State, Tera, TeraResult, Value};
use walkdir::WalkDir;

use crate::base::date::DateTime;
use crate::base::error::{Diagnostic, Diagnostics, Span, display_path};
use crate::base::files::{is_ignored_name, read_source};
use crate::base::format::{number_vi, percent_vi};
use crate::base::text::{escape_html, slugify};
use crate::base::timings::Timings;
use crate::load::content::SortBy;
use crate::search;
use crate::site::urls::{
    HEADERS, Route, SEARCH_MANIFEST, ThemeFiles, list_page_path, output_file, per_page,
};
use crate::site::{PageId, SectionId, Site, sort_pages};
use crate::stats::pages as stat_pages;
use sink::Sink;

/// A theme folder: its compiled templates and its static files.
pub struct Theme {
    pub dir: PathBuf,
    tera: Tera,
    /// Template name → source text, to quote lines in errors.
    sources: BTreeMap<String, String>,
}

const STATS_TEMPLATES: &[&str] = &[
    "stats_dashboard.html",
    "stats_indicator.html",
    "stats_unit.html",
];
/// Optional: a theme with this template gets the search page and its index.
const SEARCH_TEMPLATE: &str = "search.html";
/// Tags the search page lists for readers without JavaScript.
const SEARCH_PAGE_TAGS: usize = 30;
const TEMPLATE_EXTENSIONS: &[&str] = &["html", "xml", "txt"];
const REQUIRED: &[&str] = &[
    "index.html",
    "section.html",
    "page.html",
    "taxonomy_list.html",
    "taxonomy_term.html",
    "404.html",
    "alias.html",
    "atom.xml",
    "sitemap.xml",
    "robots.txt",
];

impl Theme {
    /// Loads `dir/templates/**` and reports every broken template, not just the first.
    /// `with_stats` asks for the statistics pages' templates too.
    pub fn load(dir: &Path, with_stats: bool) -> Result<Theme, Diagnostics> {
        let templates_dir = dir.join("templates");
        if !templates_dir.is_dir() {
            return Err(Diagnostic::file_error(
                &templates_dir,
                "the theme has no templates folder",
            )
            .with_hint("check `theme:` in content/site.yaml names a folder under themes/")
            .into());
        }
        let mut errors = Diagnostics::new();
        let mut sources = BTreeMap::new();
        for entry in WalkDir::new(&templates_dir).sort_by_file_name() {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    errors.push(Diagnostic::file_error(
                        &templates_dir,
                        format!("cannot read: {e}"),
                    ));
                    continue;
                }
            };
            let path = entry.path();
            let name = path.strip_prefix(&templates_dir).unwrap_or(path);
            let name = name.to_string_lossy().replace('\\', "/");
            let is_template = path
                .extension()
                .is_some_and(|e| TEMPLATE_EXTENSIONS.iter().any(|x| e == *x));
            if !entry.file_type().is_file() || !is_template || is_ignored_name(&name) {
                continue;
            }
            match read_source(path) {
                Ok(text) => {
                    sources.insert(name, text);
                }
                Err(e) => errors.push(e),
            }
        }
        let stats_templates: &[&str] = if with_stats { STATS_TEMPLATES } else { &[] };
        for name in REQUIRED.iter().chain(stats_templates) {
            if !sources.contains_key(*name) {
                errors.push(
                    Diagnostic::file_error(templates_dir.join(name), "the theme lacks this template")
                        .with_hint("copy it from themes/default/templates/ (or run `loa init` in an empty folder to see one)"),
                );
            }
        }
        let mut theme = Theme {
            dir: dir.to_owned(),
            tera: new_tera(),
            sources,
        };
        // Tera stops at the first broken template; take broken ones out and try again so a
        // single run names them all.
        let mut broken: Vec<String> = Vec::new();
        loop {
            let mut tera = new_tera();
            let good = theme.sources.iter().filter(|(n, _)| !broken.contains(n));
            match tera.add_raw_templates(good) {
                Ok(()) => {
                    theme.tera = tera;
                    break;
                }
                Err(e) => {
                    let culprit = culprit(&e);
                    let cascade = matches!(e.kind(), tera::ErrorKind::MissingParent { parent, .. } if broken.contains(parent));
                    if !cascade {
                        errors.push(theme.template_error(&e, None));
                    }
                    match culprit {
                        Some(name)
                            if !broken.contains(&name) && theme.sources.contains_key(&name) =>
                        {
                            broken.push(name)
                        }
                        _ => break,
                    }
                }
            }
        }
        if errors.has_errors() {
            return Err(errors);
        }
        Ok(theme)
    }

    /// Whether the theme has a search page, which the search index is written for.
    pub fn has_search(&self) -> bool {
        self.sources.contains_key(SEARCH_TEMPLATE)
    }

    /// What the theme publishes besides its templates' pages.
    pub fn files(&self) -> ThemeFiles {
        ThemeFiles {
            static_files: static_files(&self.dir.join("static")),
            search: self.has_search(),
        }
    }

    fn template_path(&self, name: &str) -> PathBuf {
        self.dir.join("templates").join(name)
    }

    /// Turns a Tera error into our diagnostic at the template's file:line:column.
    fn template_error(&self, error: &tera::Error, rendering: Option<&str>) -> Diagnostic {
        use tera::ErrorKind as K;
        let mut d = match error.kind() {
            K::SyntaxError(report) | K::RenderingError(report) => {
                let s = report.span();
                let len = if s.end_line == s.start_line {
                    s.end_col.saturating_sub(s.start_col)
                } else {
                    1
                };
                let span = Span::new(s.start_line, s.start_col + 1, len.max(1));
                let mut d = Diagnostic::error(
                    self.template_path(report.filename()),
                    span,
                    report.message(),
                );
                if let Some(text) = self.sources.get(report.filename()) {
                    d = d.with_source(text);
                }
                d.with_hint(if matches!(error.kind(), K::SyntaxError(_)) {
                    "fix the template syntax (Tera 2: https://keats.github.io/tera/)"
                } else {
                    "every variable a template uses must be in its context (see the template context in README.md); test optional ones with `{% if x %}`"
                })
            }
            K::MissingParent { current, parent } => Diagnostic::file_error(
                self.template_path(current),
                format!("this template extends `{parent}`, which does not exist"),
            )
            .with_hint("fix the name in {% extends \"...\" %}"),
            K::TemplateNotFound(name) => Diagnostic::file_error(
                self.template_path(name),
                "this template is used but does not exist",
            ),
            _ => Diagnostic::file_error(self.dir.join("templates"), error.to_string()),
        };
        if let Some(page) = rendering {
            d = d.with_note(format!("while rendering {page}"));
        }
        let message_vi = format!("lỗi trong mẫu giao diện (template): {}", d.message);
        d.vi(
            message_vi,
            Some("người quản trị giao diện cần sửa tệp mẫu này; nội dung bài viết không bị ảnh hưởng".into()),
        )
    }
}

fn culprit(error: &tera::Error) -> Option<String> {
    use tera::ErrorKind as K;
    match error.kind() {
        K::SyntaxError(r) | K::RenderingError(r) => Some(r.filename().to_owned()),
        K::MissingParent { current, .. } => Some(current.clone()),
        K::CircularExtend { tpl, .. } | K::CircularInclude { tpl, .. } => Some(tpl.clone()),
        _ => None,
    }
}

/// A Tera instance with loa's filters, which templates may use anywhere.
fn new_tera() -> Tera {
    let mut tera = Tera::new();
    tera.register_filter(
        "date_vi",
        |value: &str, kwargs: Kwargs, _: &State| -> TeraResult<String> {
            let date = DateTime::parse(value).map_err(tera::Error::message)?;
            Ok(if kwargs.get::<bool>("time")?.unwrap_or(false) {
                date.datetime_vi()
            } else {
                date.date_vi()
            })
        },
    );
    tera.register_filter(
        "number_vi",
        |value: &Value, kwargs: Kwargs, _: &State| -> TeraResult<String> {
            let decimals = kwargs.get::<i64>("decimals")?.unwrap_or(0).clamp(0, 10) as usize;
            Ok(number_vi(as_number(value)?, decimals))
        },
    );
    tera.register_filter(
        "percent_vi",
        |value: &Value, kwargs: Kwargs, _: &State| -> TeraResult<String> {
            let decimals = kwargs.get::<i64>("decimals")?.unwrap_or(2).clamp(0, 10) as usize;
            Ok(percent_vi(as_number(value)?, decimals))
        },
    );
    tera.register_filter("slugify", |value: &str, _: Kwargs, _: &State| {
        slugify(value)
    });
    tera
}

fn as_number(value: &Value) -> TeraResult<f64> {
    value
        .as_f64()
        .ok_or_else(|| tera::Error::message(format!("expected a number, got `{value}`")))
}

/// Builds a Tera map from literal keys.
fn map<const N: usize>(entries: [(&'static str, Value); N]) -> Value {
    Value::from(BTreeMap::from(entries))
}

fn opt_str(s: &Option<String>) -> Value {
    s.as_deref().map_or(Value::none(), Value::from)
}

/// The precomputed values templates read.
struct Values<'s> {
    site: &'s Site,
    /// `site` with menu item `i` active; the last one has none active.
    site_by_menu: Vec<Value>,
    /// Each menu item's url, resolved once rather than for every page.
    menu_urls: Vec<String>,
    page_refs: Vec<Value>,
    section_refs: Vec<Value>,
    /// [taxonomy][term]
    term_refs: Vec<Vec<Value>>,
}

impl<'s> Values<'s> {
    fn new(site: &'s Site) -> Values<'s> {
        let config = &site.config;
        let section_refs: Vec<Value> = site
            .sections
            .iter()
            .map(|s| {
                map([
                    ("title", Value::from(s.source.title.as_str())),
                    ("description", opt_str(&s.source.description)),
                    ("url", Value::from(config.url(&s.path))),
                    ("permalink", Value::from(config.permalink(&s.path))),
                    ("path", Value::from(s.source.dir.as_str())),
                    ("page_count", Value::from(s.pages.len())),
                    (
                        "feed_url",
                        Value::from(config.url(&format!("{}atom.xml", s.path))),
                    ),
                ])
            })
            .collect();
        let term_refs: Vec<Vec<Value>> = site
            .taxonomies
            .iter()
            .map(|t| {
                t.terms
                    .iter()
                    .map(|term| {
                        map([
                            ("name", Value::from(term.name.as_str())),
                            ("slug", Value::from(term.slug.as_str())),
                            ("url", Value::from(config.url(&term.path(t)))),
                            ("count", Value::from(term.pages.len())),
                        ])
                    })
                    .collect()
            })
            .collect();
        let page_refs: Vec<Value> = site
            .pages
            .par_iter()
            .map(|page| {
                let s = &page.source;
                let terms = |t: usize| -> Value {
                    Value::from(
                        page.terms
                            .iter()
                            .filter(|(pt, _)| *pt == t)
                            .map(|&(pt, term)| term_refs[pt][term].clone())
                            .collect::<Vec<_>>(),
                    )
                };
                let image = s
                    .image
                    .as_deref()
                    .map(|i| resolve_page_link(site, &page.path, i));
                let (summary_html, summary_text) = match &s.summary {
                    Some(text) => (format!("<p>{}</p>", escape_html(text)), text.clone()),
                    None => (
                        s.content.summary_html.clone(),
                        s.content.summary_text.clone(),
                    ),
                };
                let rfc = |d: &Option<DateTime>| {
                    d.map_or(Value::none(), |d| Value::from(d.rfc3339(config.offset)))
                };
                map([
                    ("title", Value::from(s.title.as_str())),
                    ("url", Value::from(config.url(&page.path))),
                    ("permalink", Value::from(config.permalink(&page.path))),
                    (
                        "date",
                        s.date.map_or(Value::none(), |d| Value::from(d.iso())),
                    ),
                    ("date_rfc3339", rfc(&s.date)),
                    (
                        "updated",
                        s.updated.map_or(Value::none(), |d| Value::from(d.iso())),
                    ),
                    ("updated_rfc3339", rfc(&s.updated)),
                    ("author", opt_str(&s.author)),
                    ("summary", Value::from(summary_html)),
                    ("summary_text", Value::from(summary_text)),
                    ("tags", terms(0)),
                    ("categories", terms(1)),
                    (
                        "image_permalink",
                        image
                            .as_deref()
                            .map_or(Value::none(), |i| Value::from(absolute(site, i))),
                    ),
                    ("image", opt_str(&image)),
                    ("image_alt", opt_str(&s.image_alt)),
                    (
                        "source",
                        s.source_link()
                            .map_or(Value::none(), |(shown, _)| Value::from(shown)),
                    ),
                    (
                        "source_url",
                        s.source_link()
                            .and_then(|(_, url)| url)
                            .map_or(Value::none(), Value::from),
                    ),
                    (
                        "reading_time",
                        Value::from(s.content.word_count.div_ceil(200).max(1)),
                    ),
                    ("word_count", Value::from(s.content.word_count)),
                    (
                        "section",
                        page.section
                            .map_or(Value::none(), |i| section_refs[i].clone()),
                    ),
                    ("draft", Value::from(s.draft)),
                ])
            })
            .collect();
        let c = &config.contact;
        // Digits (and a leading +) only: `tel:` links break on the spaces and dots people
        // write in phone numbers.
        let hotline_tel: String = c
            .hotline
            .chars()
            .enumerate()
            .filter(|&(i, ch)| ch.is_ascii_digit() || (i == 0 && ch == '+'))
            .map(|(_, ch)| ch)
            .collect();
        let contact = map([
            ("address", Value::from(c.address.as_str())),
            ("hotline", Value::from(c.hotline.as_str())),
            ("hotline_tel", Value::from(hotline_tel)),
            ("email", Value::from(c.email.as_str())),
            ("working_hours", opt_str(&c.working_hours)),
        ]);
        let taxonomies: Vec<Value> = site
            .taxonomies
            .iter()
            .map(|t| {
                map([
                    ("name", Value::from(t.name)),
                    ("title", Value::from(t.title)),
                    ("url", Value::from(config.url(t.path))),
                ])
            })
            .collect();
        let top_sections: Vec<Value> = site
            .top_sections()
            .iter()
            .map(|&i| section_refs[i].clone())
            .collect();
        let menu_urls: Vec<String> = config
            .menu
            .iter()
            .map(|item| config.resolve_link(&item.url))
            .collect();
        let site_value = |active: Option<usize>| -> Value {
            let menu: Vec<Value> = config
                .menu
                .iter()
                .enumerate()
                .map(|(i, item)| {
                    map([
                        ("title", Value::from(item.title.as_str())),
                        ("url", Value::from(menu_urls[i].as_str())),
                        ("active", Value::from(active == Some(i))),
                    ])
                })
                .collect();
            map([
                ("title", Value::from(config.title.as_str())),
                ("agency", Value::from(config.agency.as_str())),
                ("description", Value::from(config.description.as_str())),
                ("language", Value::from(config.language.as_str())),
                ("base_url", Value::from(config.base_url.as_str())),
                ("root", Value::from(config.root.as_str())),
                ("year", Value::from(DateTime::now(config.offset).year)),
                ("drafts", Value::from(site.drafts)),
                ("contact", contact.clone()),
                ("menu", Value::from(menu)),
                ("sections", Value::from(top_sections.clone())),
                ("taxonomies", Value::from(taxonomies.clone())),
                ("feed_url", Value::from(config.url("atom.xml"))),
                (
                    "logo",
                    config.logo_permalink().map_or(Value::none(), Value::from),
                ),
            ])
        };
        let site_by_menu = (0..config.menu.len())
            .map(Some)
            .chain([None])
            .map(site_value)
            .collect();
        Values {
            site,
            site_by_menu,
            menu_urls,
            page_refs,
            section_refs,
            term_refs,
        }
    }

    /// The site value whose menu marks the item this url is at or under: the longest
    /// matching menu url wins, and the home item matches only the home page.
    fn site_for(&self, url: &str) -> Value {
        let config = &self.site.config;
        let active = self
            .menu_urls
            .iter()
            .enumerate()
            .filter_map(|(i, target)| {
                let hit = if *target == config.root {
                    url == target
                } else {
                    url.starts_with(target.as_str())
                };
                hit.then_some((target.len(), i))
            })
            .max()
            .map(|(_, i)| i);
        self.site_by_menu[active.unwrap_or(config.menu.len())].clone()
    }

    fn refs(&self, ids: &[PageId]) -> Value {
        Value::from(
            ids.iter()
                .map(|&i| self.page_refs[i].clone())
                .collect::<Vec<_>>(),
        )
    }

    fn context(&self, path: &str) -> Context {
        let url = self.site.config.url(path);
        let mut ctx = Context::new();
        ctx.insert_value("site", self.site_for(&url));
        ctx.insert_value(
            "current_permalink",
            Value::from(self.site.config.permalink(path)),
        );
        ctx.insert_value("current_url", Value::from(url));
        ctx
    }

    fn breadcrumbs(&self, section: Option<SectionId>, last: Option<(&str, &str)>) -> Value {
        let config = &self.site.config;
        let mut chain = Vec::new();
        let mut current = section;
        while let Some(s) = current {
            if s != 0 {
                chain.push(s);
            }
            current = self.site.sections[s].parent;
        }
        let crumb = |title: &str, path: &str| {
            map([
                ("title", Value::from(title)),
                ("url", Value::from(config.url(path))),
            ])
        };
        let mut crumbs = vec![crumb("Trang chủ", "")];
        crumbs.extend(chain.iter().rev().map(|&s| {
            let section = &self.site.sections[s];
            crumb(&section.source.title, &section.path)
        }));
        if let Some((title, path)) = last {
            crumbs.push(crumb(title, path));
        }
        Value::from(crumbs)
    }

    fn paginator(&self, ids: &[PageId], per_page: usize, list_path: &str, number: usize) -> Value {
        let config = &self.site.config;
        let total_pages = ids.len().div_ceil(per_page).max(1);
        let url_of = |n: usize| config.url(&list_page_path(list_path, n));
        let items = page_items(ids, per_page, number);
        // Only the numbers a reader is offered: the first, the last and two either side of
        // the current one, with a gap marker where numbers are left out (1 … 4 5 [6] 7 8 … 20).
        // Listing every number would make each of a long list's pages repeat all of them.
        let near = |n: usize| n.abs_diff(number) <= 2;
        let pagers: Vec<Value> = (1..=total_pages)
            .filter_map(|n| {
                if n == 1 || n == total_pages || near(n) {
                    Some(map([
                        ("number", Value::from(n)),
                        ("url", Value::from(url_of(n))),
                        ("current", Value::from(n == number)),
                        ("gap", Value::from(false)),
                    ]))
                } else if n.abs_diff(number) == 3 {
                    Some(map([("gap", Value::from(true))]))
                } else {
                    None
                }
            })
            .collect();
        map([
            ("pages", self.refs(items)),
            ("current", Value::from(number)),
            ("total_pages", Value::from(total_pages)),
            ("total_items", Value::from(ids.len())),
            ("per_page", Value::from(per_page)),
            (
                "previous_url",
                if number > 1 {
                    Value::from(url_of(number - 1))
                } else {
                    Value::none()
                },
            ),
            (
                "next_url",
                if number < total_pages {
                    Value::from(url_of(number + 1))
                } else {
                    Value::none()
                },
            ),
            ("pagers", Value::from(pagers)),
        ])
    }

    fn taxonomy(&self, t: usize) -> Value {
        let taxonomy = &self.site.taxonomies[t];
        map([
            ("name", Value::from(taxonomy.name)),
            ("title", Value::from(taxonomy.title)),
            ("url", Value::from(self.site.config.url(taxonomy.path))),
            ("terms", Value::from(self.term_refs[t].clone())),
        ])
    }
}

/// The items on list page `number` (1-based).
fn page_items(ids: &[PageId], per_page: usize, number: usize) -> &[PageId] {
    let start = (number - 1) * per_page;
    &ids[start.min(ids.len())..(start + per_page).min(ids.len())]
}

/// A link written in a page's front matter, relative to the page's own folder.
fn resolve_page_link(site: &Site, page_path: &str, link: &str) -> String {
    if link.contains("://") || link.starts_with('/') {
        site.config.resolve_link(link)
    } else {
        site.config.url(&format!("{page_path}{link}"))
    }
}

fn absolute(site: &Site, url: &str) -> String {
    if url.contains("://") {
        url.to_owned()
    } else {
        site.config
            .permalink(url.strip_prefix(site.config.root.as_str()).unwrap_or(url))
    }
}

/// Renders every output of `site` into `sink` and copies static files. Returns all problems;
/// `timings` gets the time of the pages and, beside them, of the search index and the
/// statistics.
pub fn render_site(
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
/// the site (same URL, date, tags, section: see `serve`). With `listed` the page as lists
/// show it changed too (summary, reading time, ...), so every output showing it is redone.
pub fn render_after_edit(
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
    BUFFER.with_borrow_mut(|html| {
        html.clear();
        theme
            .tera
            .render_to(template, &ctx, &mut *html)
            .map_err(|e| theme.template_error(&e, Some(&describe(values.site, route, path))))?;
        sink.write(&file, html)
            .map_err(|e| Diagnostic::file_error(&file, format!("cannot write: {e}")))
    })
}

/// The strict Content-Security-Policy the default theme works under (no inline script or
/// style), in the `_headers` format that Netlify, Cloudflare Pages and similar hosts read; the
/// same header for nginx is in README.md.
pub fn content_security_policy(site: &Site) -> String {
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

/// Template name and context of a route whose site path is `path`.
fn prepare(v: &Values, route: &Route, path: &str) -> (&'static str, Context) {
    let site = v.site;
    let config = &site.config;
    match route {
        Route::Home => {
            let mut ctx = v.context("");
            let root = &site.sections[0];
            ctx.insert_value(
                "home",
                map([
                    ("title", Value::from(root.source.title.as_str())),
                    ("content", Value::from(root.source.content.html.as_str())),
                ]),
            );
            let notices_id = config
                .home
                .notices
                .as_deref()
                .and_then(|n| site.section_by_dir(n.trim_matches('/')));
            let latest: Vec<Value> = site
                .top_sections()
                .iter()
                .copied()
                .filter(|&s| Some(s) != notices_id && site.sections[s].source.show_on_home)
                .map(|s| {
                    let take = site.sections[s]
                        .pages
                        .len()
                        .min(config.home.latest_per_section);
                    map([
                        ("section", v.section_refs[s].clone()),
                        ("pages", v.refs(&site.sections[s].pages[..take])),
                    ])
                })
                .collect();
            ctx.insert_value("latest", Value::from(latest));
            let notices = notices_id.map_or(Vec::new(), |s| {
                newest(
                    site,
                    &site.sections[s].pages,
                    config.home.latest_per_section,
                )
            });
            ctx.insert_value("notices", v.refs(&notices));
            ("index.html", ctx)
        }
        Route::Section { section, number } => {
            let s = &site.sections[*section];
            let mut ctx = v.context(path);
            let mut section_value = v.section_refs[*section]
                .as_map()
                .cloned()
                .unwrap_or_default();
            let mut insert = |k: &'static str, val: Value| {
                section_value.insert(k.into(), val);
            };
            insert("content", Value::from(s.source.content.html.as_str()));
            insert(
                "subsections",
                Value::from(
                    s.children
                        .iter()
                        .map(|&c| v.section_refs[c].clone())
                        .collect::<Vec<_>>(),
                ),
            );
            insert("breadcrumbs", v.breadcrumbs(Some(*section), None));
            let per = per_page(site, *section);
            insert(
                "faq",
                if s.source.faq {
                    faq::context(
                        site,
                        page_items(&s.pages, per, *number),
                        &config.permalink(path),
                    )
                } else {
                    Value::none()
                },
            );
            ctx.insert_value("section", Value::from(section_value));
            ctx.insert_value("paginator", v.paginator(&s.pages, per, &s.path, *number));
            ("section.html", ctx)
        }
        Route::Page(id) => {
            let page = &site.pages[*id];
            let mut ctx = v.context(&page.path);
            let mut value = v.page_refs[*id].as_map().cloned().unwrap_or_default();
            let image = value
                .get(&tera::value::Key::from("image_permalink"))
                .and_then(Value::as_str);
            let json_ld = structured::article(site, *id, image);
            let mut insert = |k: &'static str, val: Value| {
                value.insert(k.into(), val);
            };
            let s = &page.source;
            insert("json_ld", json_ld.map_or(Value::none(), Value::from));
            insert("content", Value::from(s.content.html.as_str()));
            insert("toc", Value::from_serializable(&s.content.toc));
            let parent = if page.section.is_some() {
                page.section
            } else {
                None
            };
            insert(
                "breadcrumbs",
                v.breadcrumbs(parent, Some((&s.title, &page.path))),
            );
            let neighbour = |n: Option<PageId>| n.map_or(Value::none(), |i| v.page_refs[i].clone());
            insert("previous", neighbour(page.previous));
            insert("next", neighbour(page.next));
            insert("related", v.refs(&page.related));
            insert("standalone", Value::from(page.section.is_none()));
            ctx.insert_value("page", Value::from(value));
            ("page.html", ctx)
        }
        Route::TaxonomyList(t) => {
            let mut ctx = v.context(path);
            ctx.insert_value("taxonomy", v.taxonomy(*t));
            ("taxonomy_list.html", ctx)
        }
        Route::Term {
            taxonomy,
            term,
            number,
        } => {
            let t = &site.taxonomies[*taxonomy];
            let term_path = t.terms[*term].path(t);
            let mut ctx = v.context(path);
            ctx.insert_value("taxonomy", v.taxonomy(*taxonomy));
            ctx.insert_value("term", v.term_refs[*taxonomy][*term].clone());
            ctx.insert_value(
                "paginator",
                v.paginator(
                    &t.terms[*term].pages,
                    config.paginate_by,
                    &term_path,
                    *number,
                ),
            );
            ("taxonomy_term.html", ctx)
        }
        Route::Alias { page, .. } => {
            let p = &site.pages[*page];
            let mut ctx = v.context(&p.path);
            ctx.insert_value(
                "target",
                map([
                    ("url", Value::from(config.url(&p.path))),
                    ("permalink", Value::from(config.permalink(&p.path))),
                    ("title", Value::from(p.source.title.as_str())),
                ]),
            );
            ("alias.html", ctx)
        }
        Route::FirstPage { list_path } => {
            let mut ctx = v.context(list_path);
            ctx.insert_value(
                "target",
                map([
                    ("url", Value::from(config.url(list_path))),
                    ("permalink", Value::from(config.permalink(list_path))),
                    ("title", Value::from(config.title.as_str())),
                ]),
            );
            ("alias.html", ctx)
        }
        Route::Feed(section) => {
            let (ids, title, html_path) = match section {
                Some(s) => {
                    let sec = &site.sections[*s];
                    (
                        newest(site, &sec.pages, config.feed_limit),
                        format!("{} | {}", sec.source.title, config.title),
                        sec.path.clone(),
                    )
                }
                None => {
                    let mut all = site.articles_newest_first();
                    all.truncate(config.feed_limit);
                    (all, config.title.clone(), String::new())
                }
            };
            let feed_path = path;
            let updated = ids
                .iter()
                .filter_map(|&i| {
                    let s = &site.pages[i].source;
                    s.updated.max(s.date)
                })
                .max()
                .map_or_else(
                    || "1970-01-01T00:00:00Z".to_owned(),
                    |d| d.rfc3339(config.offset),
                );
            let mut ctx = v.context(feed_path);
            ctx.insert_value(
                "feed",
                map([
                    ("title", Value::from(title)),
                    ("id", Value::from(config.permalink(feed_path))),
                    ("alternate", Value::from(config.permalink(&html_path))),
                    ("updated", Value::from(updated)),
                    ("pages", v.refs(&ids)),
                ]),
            );
            ("atom.xml", ctx)
        }
        Route::Sitemap => {
            let mut ctx = v.context(path);
            ctx.insert_value("entries", Value::from(sitemap_entries(site)));
            ("sitemap.xml", ctx)
        }
        Route::Robots => ("robots.txt", v.context(path)),
        Route::Stat(page) => {
            let stats = site
                .stats
                .as_ref()
                .expect("statistics routes exist only with statistics");
            let mut ctx = v.context(path);
            ctx.insert_value("stats", stats::context(stats, *page, config));
            (stats::template(*page), ctx)
        }
        Route::NotFound => ("404.html", v.context(path)),
        Route::Search => {
            let mut ctx = v.context(path);
            ctx.insert_value("search", search_context(v));
            (SEARCH_TEMPLATE, ctx)
        }
        Route::Asset { .. }
        | Route::Headers
        | Route::SearchIndex
        | Route::StatTable { .. }
        | Route::Dataset(_)
        | Route::Static(_)
        | Route::File(_) => unreachable!("{route:?} is not rendered by a template"),
    }
}

/// What the search page needs besides the script: the index, and for readers without
/// JavaScript the most used tags.
fn search_context(v: &Values) -> Value {
    let tags = &v.site.taxonomies[0].terms;
    let mut popular: Vec<usize> = (0..tags.len()).collect();
    popular.sort_by_key(|&t| std::cmp::Reverse(tags[t].pages.len()));
    popular.truncate(SEARCH_PAGE_TAGS);
    popular.sort_unstable();
    map([
        ("index_url", Value::from(v.site.config.url(SEARCH_MANIFEST))),
        (
            "tags",
            Value::from(
                popular
                    .iter()
                    .map(|&t| v.term_refs[0][t].clone())
                    .collect::<Vec<_>>(),
            ),
        ),
    ])
}

/// The newest `limit` of `ids`, whatever order the section lists them in.
fn newest(site: &Site, ids: &[PageId], limit: usize) -> Vec<PageId> {
    let mut ids = ids.to_vec();
    sort_pages(&mut ids, &site.pages, SortBy::Date);
    ids.truncate(limit);
    ids
}

fn sitemap_entries(site: &Site) -> Vec<Value> {
    let config = &site.config;
    let entry = |path: &str, lastmod: Option<DateTime>| {
        map([
            ("permalink", Value::from(config.permalink(path))),
            (
                "lastmod",
                lastmod.map_or(Value::none(), |d| Value::from(d.iso_date())),
            ),
        ])
    };
    let newest_of = |ids: &[PageId]| {
        ids.iter()
            .filter_map(|&i| {
                let s = &site.pages[i].source;
                s.updated.max(s.date)
            })
            .max()
    };
    let mut entries = vec![entry("", newest_of(&site.articles_newest_first()))];
    for s in site.sections.iter().skip(1) {
        entries.push(entry(&s.path, newest_of(&s.pages)));
    }
    for page in &site.pages {
        entries.push(entry(&page.path, page.source.updated.max(page.source.date)));
    }
    if let Some(stats) = &site.stats {
        let as_of = stats.dataset(stats.latest()).map(|d| d.as_of);
        for page in stat_pages::pages(stats) {
            entries.push(entry(&stat_pages::path(stats, page), as_of));
        }
    }
    for t in &site.taxonomies {
        entries.push(entry(t.path, None));
        for term in &t.terms {
            entries.push(entry(&term.path(t), newest_of(&term.pages)));
        }
    }
    entries
}

/// (source, published path) of every file under a theme's `static/`.
fn static_files(static_dir: &Path) -> Vec<(PathBuf, String)> {
    let mut files = Vec::new();
    if static_dir.is_dir() {
        for entry in WalkDir::new(static_dir).into_iter().filter_map(Result::ok) {
            let rel = entry
                .path()
                .strip_prefix(static_dir)
                .unwrap_or(entry.path());
            let rel = rel.to_string_lossy().replace('\\', "/");
            if entry.file_type().is_file() && !rel.split('/').any(is_ignored_name) {
                files.push((entry.into_path(), rel));
            }
        }
    }
    files
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

#[cfg(test)]
mod tests {
    use super::*;

    fn render(template: &str, value: Value) -> String {
        let mut tera = new_tera();
        tera.add_raw_template("t.html", template).unwrap();
        let mut ctx = Context::new();
        ctx.insert_value("x", value);
        tera.render("t.html", &ctx).unwrap()
    }

    #[test]
    fn vietnamese_filters() {
        assert_eq!(
            render("{{ x | date_vi }}", Value::from("2022-11-25T17:03")),
            "25/11/2022"
        );
        assert_eq!(
            render(
                "{{ x | date_vi(time=true) }}",
                Value::from("2022-11-25T17:03")
            ),
            "17:03, 25/11/2022"
        );
        assert_eq!(
            render("{{ x | number_vi }}", Value::from(3_294_829)),
            "3.294.829"
        );
        assert_eq!(
            render("{{ x | number_vi(decimals=2) }}", Value::from(1234.5)),
            "1.234,50"
        );
        assert_eq!(
            render("{{ x | percent_vi }}", Value::from(104.61)),
            "104,61%"
        );
        assert_eq!(
            render("{{ x | percent_vi(decimals=1) }}", Value::from(87.1)),
            "87,1%"
        );
        assert_eq!(
            render("{{ x | slugify }}", Value::from("Đóng BHYT hộ gia đình")),
            "dong-bhyt-ho-gia-dinh"
        );
    }

    #[test]
    fn date_filter_rejects_non_dates() {
        let mut tera = new_tera();
        tera.add_raw_template("t.html", "{{ x | date_vi }}")
            .unwrap();
        let mut ctx = Context::new();
        ctx.insert_value("x", Value::from("dd/mm/yyyy"));
        assert!(tera.render("t.html", &ctx).is_err());
    }
}
