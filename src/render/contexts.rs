//! The context of each kind of route: which template renders it, with what.

use tera::{Context, Value};

use crate::base::date::DateTime;
use crate::load::content::SortBy;
use crate::render::theme::SEARCH_TEMPLATE;
use crate::render::values::{Values, map, page_items};
use crate::render::{faq, stats, structured};
use crate::site::urls::{Route, SEARCH_MANIFEST, per_page};
use crate::site::{PageId, Site, sort_pages};
use crate::stats::pages as stat_pages;

/// Tags the search page lists for readers without JavaScript.
const SEARCH_PAGE_TAGS: usize = 30;

/// The language a route's page is in (an index into the theme's `Languages`): a page's or
/// section's own, and the site's for everything else.
pub(crate) fn language(site: &Site, route: &Route) -> usize {
    match route {
        Route::Home => site.sections[0].source.lang,
        Route::Section { section, .. } | Route::Feed(Some(section)) => {
            site.sections[*section].source.lang
        }
        Route::Page(page) | Route::Alias { page, .. } => site.pages[*page].source.lang,
        _ => 0,
    }
}

/// Template name and context of a route whose site path is `path`.
pub(crate) fn prepare(v: &Values, route: &Route, path: &str) -> (&'static str, Context) {
    let site = v.site;
    let config = &site.config;
    let lang = language(site, route);
    match route {
        Route::Home => {
            let root = &site.sections[0];
            let mut ctx = v.context_in("", lang);
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
            let mut ctx = v.context_in(path, lang);
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
            insert(
                "breadcrumbs",
                v.breadcrumbs(Some(*section), None, s.source.lang),
            );
            insert("documents", Value::from(s.source.documents));
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
            let mut ctx = v.context_in(&page.path, lang);
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
                v.breadcrumbs(parent, Some((&s.title, &page.path)), s.lang),
            );
            let neighbour = |n: Option<PageId>| n.map_or(Value::none(), |i| v.page_refs[i].clone());
            insert("previous", neighbour(page.previous));
            insert("next", neighbour(page.next));
            insert("related", v.refs(&page.related));
            insert("standalone", Value::from(page.section.is_none()));
            if let Some(r) = &page.document {
                let links = |ids: &[PageId]| {
                    Value::from(
                        ids.iter()
                            .map(|&i| {
                                let other = &site.pages[i];
                                map([
                                    (
                                        "number",
                                        Value::from(
                                            other
                                                .source
                                                .document
                                                .as_ref()
                                                .map_or("", |d| d.number.as_str()),
                                        ),
                                    ),
                                    ("title", Value::from(other.source.title.as_str())),
                                    ("url", Value::from(config.url(&other.path))),
                                ])
                            })
                            .collect::<Vec<_>>(),
                    )
                };
                insert(
                    "relations",
                    map([
                        ("replaces", links(&r.replaces)),
                        ("amends", links(&r.amends)),
                        ("replaced_by", links(&r.replaced_by)),
                        ("amended_by", links(&r.amended_by)),
                    ]),
                );
            }
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
            let mut ctx = v.context_in(&p.path, lang);
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
                    // The site's feed is in the site's language; another language's
                    // section has its own.
                    let mut all = site.articles_newest_first();
                    all.retain(|&i| site.pages[i].source.lang == 0);
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
            let mut ctx = v.context_in(feed_path, lang);
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
