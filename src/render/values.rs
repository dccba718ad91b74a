//! The Tera values templates read, made once per build: every page, section and term as a
//! list entry, the site with each menu item active, breadcrumbs and paginators.

use std::collections::BTreeMap;

use rayon::prelude::*;
use tera::{Context, Value};

use crate::base::date::DateTime;
use crate::base::format::{file_size_vi, number_vi};
use crate::base::text::escape_html;
use crate::load::documents::DocumentMeta;
use crate::load::strings::fill;
use crate::site::urls::{Route, list_page_path};
use crate::site::{Page, PageId, SectionId, Site, documents};

/// Builds a Tera map from literal keys.
pub(crate) fn map<const N: usize>(entries: [(&'static str, Value); N]) -> Value {
    Value::from(BTreeMap::from(entries))
}

fn opt_str(s: &Option<String>) -> Value {
    s.as_deref().map_or(Value::none(), Value::from)
}

/// The precomputed values templates read.
pub(crate) struct Values<'s> {
    pub(crate) site: &'s Site,
    /// `site` with menu item `i` active; the last one has none active.
    pub(crate) site_by_menu: Vec<Value>,
    /// Each menu item's url, resolved once rather than for every page.
    pub(crate) menu_urls: Vec<String>,
    /// By language: the site path of its home page, if it has one.
    homes: Vec<Option<String>>,
    pub(crate) page_refs: Vec<Value>,
    pub(crate) section_refs: Vec<Value>,
    /// [taxonomy][term]
    pub(crate) term_refs: Vec<Vec<Value>>,
}

impl<'s> Values<'s> {
    pub(crate) fn new(site: &'s Site) -> Values<'s> {
        let config = &site.config;
        let (section_refs, term_refs) = section_and_term_refs(site);
        let page_refs: Vec<Value> = site
            .pages
            .par_iter()
            .map(|page| page_ref(site, page, &section_refs, &term_refs))
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
            ("hotline_label", opt_str(&c.hotline_label)),
            ("hotline_note", opt_str(&c.hotline_note)),
            ("email", Value::from(c.email.as_str())),
            ("working_hours", opt_str(&c.working_hours)),
        ]);
        let taxonomies: Vec<Value> = site
            .taxonomies
            .iter()
            .map(|t| {
                map([
                    ("name", Value::from(t.name)),
                    ("title", Value::from(t.title.as_str())),
                    ("url", Value::from(config.url(t.path))),
                ])
            })
            .collect();
        // Sections in another language are reached by the language links, not listed
        // among the site's own.
        let top_sections: Vec<Value> = site
            .top_sections()
            .iter()
            .filter(|&&i| site.sections[i].source.lang == 0)
            .map(|&i| section_refs[i].clone())
            .collect();
        let menu_urls: Vec<String> = config
            .menu
            .iter()
            .map(|item| config.resolve_link(&item.url))
            .collect();
        let tasks: Vec<Value> = config
            .tasks
            .iter()
            .map(|t| {
                map([
                    ("label", Value::from(t.label.as_str())),
                    ("url", Value::from(config.resolve_link(&t.url))),
                    ("icon", Value::from(t.icon.as_str())),
                ])
            })
            .collect();
        let responsibility = config.responsibility.as_ref().map_or(Value::none(), |r| {
            map([
                ("owner", Value::from(r.owner.as_str())),
                ("person", Value::from(r.person.as_str())),
                ("licence", opt_str(&r.licence)),
            ])
        });
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
                ("parent", opt_str(&config.parent)),
                ("tasks", Value::from(tasks.clone())),
                ("responsibility", responsibility.clone()),
                ("menu", Value::from(menu)),
                ("sections", Value::from(top_sections.clone())),
                ("taxonomies", Value::from(taxonomies.clone())),
                (
                    "feed_url",
                    Value::from(config.url(&Route::Feed(None).path(site, site.routes.theme()))),
                ),
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
            homes: language_homes(site),
            page_refs,
            section_refs,
            term_refs,
        }
    }

    /// The site value whose menu marks the item this url is at or under: the longest
    /// matching menu url wins, and the home item matches only the home page.
    pub(crate) fn site_for(&self, url: &str) -> Value {
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

    pub(crate) fn refs(&self, ids: &[PageId]) -> Value {
        Value::from(
            ids.iter()
                .map(|&i| self.page_refs[i].clone())
                .collect::<Vec<_>>(),
        )
    }

    /// The context every template gets, in the site's language.
    pub(crate) fn context(&self, path: &str) -> Context {
        self.context_in(path, 0)
    }

    /// The context every template gets, for a page in language `lang`. A translated page
    /// gets its `translations` (every version, itself included, for `hreflang`) and its
    /// `language_links` (to each other language: the translation, else that language's
    /// home); every other page reads the language's defaults from the templates' globals
    /// (`Theme::set_languages`), which costs it nothing.
    pub(crate) fn context_in(&self, path: &str, lang: usize) -> Context {
        let site = self.site;
        let url = site.config.url(path);
        let mut ctx = Context::new();
        let versions = match site.translations.is_empty() {
            true => None,
            false => site.translations.get(path),
        };
        if let Some(versions) = versions {
            ctx.insert_value(
                "translations",
                Value::from(
                    versions
                        .iter()
                        .map(|v| language_link(site, v.lang, &v.path))
                        .collect::<Vec<_>>(),
                ),
            );
            let mut links: Vec<Value> = versions
                .iter()
                .filter(|v| v.lang != lang)
                .map(|v| language_link(site, v.lang, &v.path))
                .collect();
            for (l, home) in self.homes.iter().enumerate() {
                if l != lang
                    && !versions.iter().any(|v| v.lang == l)
                    && let Some(home) = home
                {
                    links.push(language_link(site, l, home));
                }
            }
            ctx.insert_value("language_links", Value::from(links));
        }
        ctx.insert_value("site", self.site_for(&url));
        ctx.insert_value(
            "current_permalink",
            Value::from(self.site.config.permalink(path)),
        );
        ctx.insert_value("current_url", Value::from(url));
        ctx
    }

    /// The trail from the home page of language `lang` (the site's, or e.g. `en/`) down to
    /// `section`, then `last` (a page's title and path).
    pub(crate) fn breadcrumbs(
        &self,
        section: Option<SectionId>,
        last: Option<(&str, &str)>,
        lang: usize,
    ) -> Value {
        let config = &self.site.config;
        let home = self
            .homes
            .get(lang)
            .and_then(Option::as_deref)
            .unwrap_or("");
        let mut chain = Vec::new();
        let mut current = section;
        while let Some(s) = current {
            if s == 0 || self.site.sections[s].path == home {
                break;
            }
            chain.push(s);
            current = self.site.sections[s].parent;
        }
        let crumb = |title: &str, path: &str| {
            map([
                ("title", Value::from(title)),
                ("url", Value::from(config.url(path))),
            ])
        };
        let mut crumbs = vec![crumb(&self.site.languages.table(lang).home, home)];
        crumbs.extend(chain.iter().rev().map(|&s| {
            let section = &self.site.sections[s];
            crumb(&section.source.title, &section.path)
        }));
        if let Some((title, path)) = last {
            crumbs.push(crumb(title, path));
        }
        Value::from(crumbs)
    }

    pub(crate) fn paginator(
        &self,
        ids: &[PageId],
        per_page: usize,
        list_path: &str,
        number: usize,
    ) -> Value {
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

    pub(crate) fn taxonomy(&self, t: usize) -> Value {
        let taxonomy = &self.site.taxonomies[t];
        map([
            ("name", Value::from(taxonomy.name)),
            ("title", Value::from(taxonomy.title.as_str())),
            ("url", Value::from(self.site.config.url(taxonomy.path))),
            ("terms", Value::from(self.term_refs[t].clone())),
        ])
    }
}

/// The items on list page `number` (1-based).
pub(crate) fn page_items(ids: &[PageId], per_page: usize, number: usize) -> &[PageId] {
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

/// Every section's and every term's value, as list entries and pages refer to them.
fn section_and_term_refs(site: &Site) -> (Vec<Value>, Vec<Vec<Value>>) {
    let config = &site.config;
    // Links to the feeds take their paths from the route table that writes them.
    let feed_url = |section| config.url(&Route::Feed(section).path(site, site.routes.theme()));
    let section_refs: Vec<Value> = site
        .sections
        .iter()
        .enumerate()
        .map(|(i, s)| {
            map([
                ("title", Value::from(s.source.title.as_str())),
                ("description", opt_str(&s.source.description)),
                ("url", Value::from(config.url(&s.path))),
                ("permalink", Value::from(config.permalink(&s.path))),
                ("path", Value::from(s.source.dir.as_str())),
                ("page_count", Value::from(s.pages.len())),
                ("feed_url", Value::from(feed_url(Some(i)))),
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
    (section_refs, term_refs)
}

/// A page as lists, feeds, neighbours and related links show it; its own page adds to it.
fn page_ref(site: &Site, page: &Page, section_refs: &[Value], term_refs: &[Vec<Value>]) -> Value {
    let value = page_fields(site, page, section_refs, term_refs);
    match document_facts(site, page) {
        Some(facts) => {
            let mut value = value.as_map().cloned().unwrap_or_default();
            value.insert("document".into(), facts);
            Value::from(value)
        }
        None => value,
    }
}

/// A document's facts, as lists and its page show them.
fn document_facts(site: &Site, page: &Page) -> Option<Value> {
    let d = page.source.document.as_deref()?;
    let status = page
        .document
        .as_ref()
        .map_or(d.status.unwrap_or_default(), |r| r.status);
    let date = |d: &Option<crate::base::date::DateTime>| {
        d.map_or(Value::none(), |d| Value::from(d.date_vi()))
    };
    let file_url = documents::file_path(site, page)
        .map_or(Value::none(), |p| Value::from(site.config.url(&p)));
    Some(map([
        ("number", Value::from(d.number.as_str())),
        ("type", Value::from(d.kind.as_str())),
        ("issuer", Value::from(d.issuer.as_str())),
        ("signer", opt_str(&d.signer)),
        ("issued", Value::from(d.issued.date_vi())),
        ("issued_iso", Value::from(d.issued.iso_date())),
        ("effective", date(&d.effective)),
        ("expires", date(&d.expires)),
        ("status", Value::from(status.code())),
        ("fields", Value::from(d.fields.clone())),
        ("file_url", file_url),
        ("file_label", file_label(site, d)),
    ]))
}

fn page_fields(
    site: &Site,
    page: &Page,
    section_refs: &[Value],
    term_refs: &[Vec<Value>],
) -> Value {
    let config = &site.config;
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
    let rfc =
        |d: &Option<DateTime>| d.map_or(Value::none(), |d| Value::from(d.rfc3339(config.offset)));
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
        (
            "image_width",
            s.image_size.map_or(Value::none(), |(w, _)| Value::from(w)),
        ),
        (
            "image_height",
            s.image_size.map_or(Value::none(), |(_, h)| Value::from(h)),
        ),
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
}

/// How lists, feeds and neighbours show page `id`: when an edit changes it, every output that
/// lists the page must be rendered again.
pub(crate) fn list_entry(site: &Site, id: PageId) -> Value {
    let (section_refs, term_refs) = section_and_term_refs(site);
    page_ref(site, &site.pages[id], &section_refs, &term_refs)
}

/// A link to the version of a page in language `lang` at site path `path`.
pub(crate) fn language_link(site: &Site, lang: usize, path: &str) -> Value {
    let code = site.languages.code(lang);
    map([
        ("code", Value::from(code)),
        (
            "name",
            Value::from(site.languages.table(lang).language_name.as_str()),
        ),
        ("url", Value::from(site.config.url(path))),
        ("permalink", Value::from(site.config.permalink(path))),
    ])
}

/// By language, the site path of its home: the site's own home for the site's language; for
/// another, its shallowest section that says so in its own `lang` (e.g. `en/`), if any.
pub(crate) fn language_homes(site: &Site) -> Vec<Option<String>> {
    let mut homes: Vec<Option<String>> = site.languages.codes().map(|_| None).collect();
    if let Some(first) = homes.first_mut() {
        *first = Some(String::new());
    }
    for section in &site.sections {
        let s = &section.source;
        if !s.own_lang || s.lang == 0 {
            continue;
        }
        let depth = |p: &str| p.matches('/').count();
        let home = &mut homes[s.lang];
        if home
            .as_deref()
            .is_none_or(|h| depth(&section.path) < depth(h))
        {
            *home = Some(section.path.clone());
        }
    }
    homes
}

/// "PDF, 1,2 MB, 14 trang": what the download link says of the document's file.
fn file_label(site: &Site, d: &DocumentMeta) -> Value {
    let Some(f) = &d.file_facts else {
        return Value::none();
    };
    let words = site.languages.table(0);
    let size = file_size_vi(f.bytes);
    Value::from(match f.pages {
        Some(pages) => fill(
            &words.document_file_pages,
            &[
                ("format", &f.format),
                ("size", &size),
                ("pages", &number_vi(f64::from(pages), 0)),
            ],
        ),
        None => fill(
            &words.document_file,
            &[("format", &f.format), ("size", &size)],
        ),
    })
}
