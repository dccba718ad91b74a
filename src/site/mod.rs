//! The site model: sections, pages, taxonomies and their URLs, built once and validated.

pub(crate) mod citations;
pub(crate) mod documents;
pub(crate) mod translations;
pub(crate) mod urls;

use std::collections::HashMap;
use std::path::PathBuf;

use rayon::prelude::*;

use crate::base::date::DateTime;
use crate::base::error::{Diagnostic, Diagnostics};
use crate::base::text::{fold, slugify};
use crate::load::config::Config;
use crate::load::content::{Content, PageSource, SectionSource, SortBy};
use crate::load::markdown::Rendered;
use crate::load::strings::{Languages, Strings};
use crate::stats::Stats;
use urls::{Routes, ThemeFiles};

pub(crate) type PageId = usize;
pub(crate) type SectionId = usize;

#[derive(Debug)]
pub(crate) struct Site {
    pub config: Config,
    /// `sections[0]` is the content root (the home page).
    pub sections: Vec<Section>,
    pub pages: Vec<Page>,
    pub taxonomies: Vec<Taxonomy>,
    /// True when drafts and future articles are included (`--drafts`, preview).
    pub drafts: bool,
    /// Files under `content/` copied as they are: (source, path in the output).
    pub files: Vec<(PathBuf, String)>,
    pub stats: Option<Stats>,
    /// The theme's words in every language it speaks.
    pub languages: Languages,
    /// The versions of each translated page or section, by site path.
    pub translations: translations::Translations,
    /// The earliest date of an article left out for being in the future: the build is stale
    /// from then on.
    pub next_publication: Option<DateTime>,
    /// Every file the build writes.
    pub routes: Routes,
    /// What building the model found that does not stop the build.
    pub warnings: Vec<Diagnostic>,
}

#[derive(Debug)]
pub(crate) struct Section {
    pub source: SectionSource,
    /// Site path with trailing slash: `""` for the root, `tin-tuc/`, `chinh-sach/bhyt/`.
    pub path: String,
    pub parent: Option<SectionId>,
    pub children: Vec<SectionId>,
    /// Articles of this section and its subsections, in the section's sort order.
    pub pages: Vec<PageId>,
}

#[derive(Debug)]
pub(crate) struct Page {
    pub source: PageSource,
    /// Site path with trailing slash: `tin-tuc/dong-bhyt/` or `gioi-thieu/`.
    pub path: String,
    pub section: Option<SectionId>,
    /// The older and newer neighbour in the page's own section.
    pub previous: Option<PageId>,
    pub next: Option<PageId>,
    pub related: Vec<PageId>,
    /// (taxonomy index, term index) of each tag and category.
    pub terms: Vec<(usize, usize)>,
    /// For a document, what the register says of it.
    pub document: Option<Box<documents::Relations>>,
}

#[derive(Debug)]
pub(crate) struct Taxonomy {
    /// The front-matter key: `tags` or `categories`.
    pub name: &'static str,
    /// Vietnamese heading.
    pub title: String,
    /// Site path: `the/`.
    pub path: &'static str,
    pub terms: Vec<Term>,
}

#[derive(Debug)]
pub(crate) struct Term {
    pub name: String,
    pub slug: String,
    /// Newest first.
    pub pages: Vec<PageId>,
}

impl Term {
    pub(crate) fn path(&self, taxonomy: &Taxonomy) -> String {
        format!("{}{}/", taxonomy.path, self.slug)
    }
}

const RELATED_MAX: usize = 4;

impl Site {
    /// Builds and validates the model, with the route table of every file the build will
    /// write (the theme's `static/` among them). `drafts` keeps drafts and future-dated
    /// articles.
    pub(crate) fn build(
        config: Config,
        content: Content,
        stats: Option<Stats>,
        drafts: bool,
        theme: ThemeFiles,
        languages: Languages,
    ) -> Result<Site, Diagnostics> {
        let strings = languages.site();
        let mut errors = Diagnostics::new();
        let now = DateTime::now(config.offset);
        let Content {
            sections: section_sources,
            pages: page_sources,
            files,
        } = content;

        let mut sections = build_sections(&config, section_sources);
        let dir_index: HashMap<String, SectionId> = sections
            .iter()
            .enumerate()
            .map(|(i, s)| (s.source.dir.clone(), i))
            .collect();

        let next_publication = page_sources
            .iter()
            .filter(|p| !drafts && !p.draft)
            .filter_map(|p| p.date)
            .filter(|&d| d > now)
            .min();
        let mut pages: Vec<Page> = page_sources
            .into_iter()
            .filter(|p| drafts || (!p.draft && p.date.is_none_or(|d| d <= now)))
            // A page whose section failed to load has no place; that section's error says why.
            .filter(|p| p.is_standalone() || dir_index.contains_key(&p.section_dir))
            .map(|source| {
                let section = (!source.is_standalone()).then(|| dir_index[&source.section_dir]);
                let prefix = section.map_or("", |s| sections[s].path.as_str());
                Page {
                    path: format!("{prefix}{}/", source.slug),
                    source,
                    section,
                    previous: None,
                    next: None,
                    related: Vec::new(),
                    terms: Vec::new(),
                    document: None,
                }
            })
            .collect();
        // File order makes every later tie-break deterministic.
        pages.sort_by(|a, b| a.source.file.cmp(&b.source.file));
        let mut warnings = Vec::new();
        for d in documents::link(&mut pages, now) {
            if d.is_error() {
                errors.push(d);
            } else {
                warnings.push(d);
            }
        }
        let urls = document_urls(&config, &pages);
        warnings.extend(citations::link(&mut pages, |id| urls[id].clone(), None));

        if let Some(notices) = &config.home.notices
            && !dir_index.contains_key(notices.trim_matches('/'))
        {
            errors.push(
                Diagnostic::file_error(
                    &config.path,
                    format!("home.notices names `{notices}`, which is not a section"),
                )
                .with_hint("name a folder of content/ that has an _index.md, e.g. thong-bao")
                .vi(
                    format!("home.notices chỉ tới `{notices}`, nhưng đó không phải một mục"),
                    Some(
                        "ghi tên một thư mục trong content/ có tệp _index.md, ví dụ: thong-bao"
                            .into(),
                    ),
                ),
            );
        }

        assign_pages(&mut sections, &pages);
        link_neighbours(&sections, &mut pages);
        let taxonomies = build_taxonomies(&mut pages, &strings, &mut errors);
        link_related(&taxonomies, &mut pages);
        let (translations, translation_errors) = translations::link(&sections, &pages, &languages);
        errors.extend(translation_errors);

        let mut site = Site {
            config,
            sections,
            pages,
            taxonomies,
            drafts,
            files,
            stats,
            next_publication,
            languages,
            translations,
            routes: Routes::default(),
            warnings,
        };
        let (routes, clashes) = Routes::new(&site, theme);
        errors.extend(clashes);
        if errors.has_errors() {
            return Err(errors);
        }
        site.routes = routes;
        Ok(site)
    }

    /// Top-level sections in menu order.
    pub(crate) fn top_sections(&self) -> &[SectionId] {
        &self.sections[0].children
    }

    pub(crate) fn section_by_dir(&self, dir: &str) -> Option<SectionId> {
        self.sections.iter().position(|s| s.source.dir == dir)
    }

    /// Standalone pages (at the content root), which belong to no list.
    pub(crate) fn standalone_pages(&self) -> impl Iterator<Item = PageId> + '_ {
        (0..self.pages.len()).filter(|&i| self.pages[i].section.is_none())
    }

    /// All articles, newest first.
    pub(crate) fn articles_newest_first(&self) -> Vec<PageId> {
        let mut ids: Vec<PageId> = (0..self.pages.len())
            .filter(|&i| self.pages[i].section.is_some())
            .collect();
        sort_pages(&mut ids, &self.pages, SortBy::Date);
        ids
    }
}

fn build_sections(config: &Config, sources: Vec<SectionSource>) -> Vec<Section> {
    let mut sources = sources;
    if !sources.iter().any(|s| s.dir.is_empty()) {
        sources.push(SectionSource {
            file: config.path.clone(),
            dir: String::new(),
            title: config.title.clone(),
            description: None,
            weight: 0,
            paginate_by: None,
            sort_by: SortBy::Date,
            show_on_home: false,
            faq: false,
            documents: false,
            lang: 0,
            own_lang: false,
            translation_of: None,
            content: Rendered::default(),
            warnings: Vec::new(),
        });
    }
    // Root first, then by depth so that parents exist before their children.
    sources.sort_by(|a, b| {
        let depth = |s: &SectionSource| {
            if s.dir.is_empty() {
                0
            } else {
                s.dir.matches('/').count() + 1
            }
        };
        (depth(a), a.weight, &a.dir).cmp(&(depth(b), b.weight, &b.dir))
    });
    let mut sections: Vec<Section> = sources
        .into_iter()
        .map(|source| Section {
            path: if source.dir.is_empty() {
                String::new()
            } else {
                format!("{}/", source.dir)
            },
            source,
            parent: None,
            children: Vec::new(),
            pages: Vec::new(),
        })
        .collect();
    for i in 1..sections.len() {
        let dir = sections[i].source.dir.clone();
        // The nearest ancestor folder that is a section; the root at least.
        let parent = (0..i)
            .rev()
            .find(|&j| {
                let d = &sections[j].source.dir;
                d.is_empty()
                    || dir
                        .strip_prefix(d.as_str())
                        .is_some_and(|r| r.starts_with('/'))
            })
            .unwrap_or(0);
        sections[i].parent = Some(parent);
        sections[parent].children.push(i);
    }
    sections
}

fn assign_pages(sections: &mut [Section], pages: &[Page]) {
    for (id, page) in pages.iter().enumerate() {
        let mut section = page.section;
        while let Some(s) = section {
            if s != 0 {
                sections[s].pages.push(id);
            }
            section = sections[s].parent;
        }
    }
    for section in sections.iter_mut() {
        sort_pages(&mut section.pages, pages, section.source.sort_by);
    }
}

pub(crate) fn sort_pages(ids: &mut [PageId], pages: &[Page], by: SortBy) {
    match by {
        SortBy::Date => ids.sort_by(|&a, &b| {
            let (a, b) = (&pages[a].source, &pages[b].source);
            b.date.cmp(&a.date).then_with(|| a.title.cmp(&b.title))
        }),
        SortBy::Weight => ids.sort_by(|&a, &b| {
            let (a, b) = (&pages[a].source, &pages[b].source);
            a.weight.cmp(&b.weight).then_with(|| b.date.cmp(&a.date))
        }),
        SortBy::Title => ids.sort_by_cached_key(|&a| (fold(&pages[a].source.title), a)),
    }
}

/// Previous/next follow the reading order of the page's own section: for news (newest
/// first) "previous" is the older article.
fn link_neighbours(sections: &[Section], pages: &mut [Page]) {
    for (sid, section) in sections.iter().enumerate() {
        let own: Vec<PageId> = section
            .pages
            .iter()
            .copied()
            .filter(|&p| pages[p].section == Some(sid))
            .collect();
        let newest_first = section.source.sort_by == SortBy::Date;
        for (i, &id) in own.iter().enumerate() {
            let before = i.checked_sub(1).map(|j| own[j]);
            let after = own.get(i + 1).copied();
            let (previous, next) = if newest_first {
                (after, before)
            } else {
                (before, after)
            };
            pages[id].previous = previous;
            pages[id].next = next;
        }
    }
}

fn build_taxonomies(
    pages: &mut [Page],
    strings: &Strings,
    errors: &mut Diagnostics,
) -> Vec<Taxonomy> {
    let mut taxonomies = vec![
        Taxonomy {
            name: "tags",
            title: strings.tags.clone(),
            path: "the/",
            terms: Vec::new(),
        },
        Taxonomy {
            name: "categories",
            title: strings.categories.clone(),
            path: "chuyen-muc/",
            terms: Vec::new(),
        },
    ];
    // Thousands of articles share a few dozen tag names: slugify each name once.
    let mut slugs: HashMap<String, String> = HashMap::new();
    for (t, taxonomy) in taxonomies.iter_mut().enumerate() {
        let mut by_slug: HashMap<String, usize> = HashMap::new();
        for (id, page) in pages.iter_mut().enumerate() {
            // Standalone pages belong to no list, so to no tag either.
            if page.section.is_none() {
                continue;
            }
            let names = if t == 0 {
                &page.source.tags
            } else {
                &page.source.categories
            };
            for name in names {
                let slug = match slugs.get(name) {
                    Some(slug) => slug.clone(),
                    None => slugs.entry(name.clone()).or_insert(slugify(name)).clone(),
                };
                if slug.is_empty() {
                    errors.push(
                        page.source
                            .error_at(taxonomy.name, format!("`{name}` has no letters or digits"))
                            .with_hint("use a word, e.g. BHYT")
                            .vi(
                                format!("`{name}` không có chữ hoặc số nào"),
                                Some("dùng một từ, ví dụ: BHYT".into()),
                            ),
                    );
                    continue;
                }
                let term = *by_slug.entry(slug.clone()).or_insert_with(|| {
                    taxonomy.terms.push(Term {
                        name: name.trim().to_owned(),
                        slug,
                        pages: Vec::new(),
                    });
                    taxonomy.terms.len() - 1
                });
                // "BHYT" written twice in one page is one tag.
                if !page.terms.contains(&(t, term)) {
                    taxonomy.terms[term].pages.push(id);
                    page.terms.push((t, term));
                }
            }
        }
    }
    for (t, taxonomy) in taxonomies.iter_mut().enumerate() {
        // Show each term as most pages spell it ("BHYT" over one stray "bhyt").
        for term in &mut taxonomy.terms {
            let mut spellings: Vec<(&str, usize)> = Vec::new();
            for &id in &term.pages {
                let names = if t == 0 {
                    &pages[id].source.tags
                } else {
                    &pages[id].source.categories
                };
                for name in names
                    .iter()
                    .filter(|n| slugs.get(*n) == Some(&term.slug))
                    .map(|n| n.trim())
                {
                    match spellings.iter_mut().find(|(s, _)| *s == name) {
                        Some((_, n)) => *n += 1,
                        None => spellings.push((name, 1)),
                    }
                }
            }
            // `rev` makes the first-seen spelling win ties, as `max_by_key` keeps the last.
            if let Some((best, _)) = spellings.iter().rev().max_by_key(|(_, n)| *n) {
                term.name = (*best).to_owned();
            }
        }
        // Re-index the terms in name order so that templates list them alphabetically.
        let mut order: Vec<usize> = (0..taxonomy.terms.len()).collect();
        order.sort_by_cached_key(|&i| (fold(&taxonomy.terms[i].name), i));
        let mut new_index = vec![0; order.len()];
        for (new, &old) in order.iter().enumerate() {
            new_index[old] = new;
        }
        let mut terms: Vec<Option<Term>> = taxonomy.terms.drain(..).map(Some).collect();
        taxonomy.terms = order
            .iter()
            .map(|&old| terms[old].take().expect("each term once"))
            .collect();
        for term in &mut taxonomy.terms {
            sort_pages(&mut term.pages, pages, SortBy::Date);
        }
        for page in pages.iter_mut() {
            for (pt, term) in &mut page.terms {
                if *pt == t {
                    *term = new_index[*term];
                }
            }
        }
    }
    taxonomies
}

/// Related articles share the most tags; ties go to the newer article.
///
/// A popular tag holds thousands of articles, so this counts shared tags in a flat array
/// (one slot per page, reset through the list of touched slots) and keeps only the best few,
/// instead of hashing and sorting every candidate of every page.
fn link_related(taxonomies: &[Taxonomy], pages: &mut [Page]) {
    let tags = &taxonomies[0];
    let n = pages.len();
    // A candidate's rank packed in one integer (shared tags, then newer, then earlier file),
    // so keeping the best few is one comparison per candidate.
    let mut by_recency: Vec<PageId> = (0..n).collect();
    by_recency.sort_by_key(|&p| (pages[p].source.date, std::cmp::Reverse(p)));
    let mut recency = vec![0u64; n];
    for (position, &p) in by_recency.iter().enumerate() {
        recency[p] = position as u64;
    }
    // Pages with the same tags have the same related pages but for themselves: each set of
    // tags is ranked once, with one candidate more than shown so a page can drop itself.
    let mut groups: HashMap<Vec<usize>, Vec<PageId>> = HashMap::new();
    for (id, page) in pages.iter().enumerate() {
        let mut set: Vec<usize> = page
            .terms
            .iter()
            .filter(|&&(t, _)| t == 0)
            .map(|&(_, term)| term)
            .collect();
        if page.section.is_some() && !set.is_empty() {
            set.sort_unstable();
            set.dedup();
            groups.entry(set).or_default().push(id);
        }
    }
    let groups: Vec<(Vec<usize>, Vec<PageId>)> = groups.into_iter().collect();
    let ranked: Vec<Vec<PageId>> = groups
        .par_iter()
        .map_init(
            || (vec![0u16; n], Vec::new()),
            |(counts, touched), (set, _)| {
                for &term in set {
                    for &other in &tags.terms[term].pages {
                        if counts[other] == 0 {
                            touched.push(other);
                        }
                        counts[other] += 1;
                    }
                }
                let mut best: Vec<u64> = Vec::with_capacity(RELATED_MAX + 2);
                for &other in touched.iter() {
                    let candidate = (u64::from(counts[other]) << 32) | recency[other];
                    counts[other] = 0;
                    if best.len() <= RELATED_MAX || candidate > best[best.len() - 1] {
                        let at = best.partition_point(|&b| b > candidate);
                        best.insert(at, candidate);
                        best.truncate(RELATED_MAX + 1);
                    }
                }
                touched.clear();
                best.into_iter()
                    .map(|key| by_recency[(key & u64::from(u32::MAX)) as usize])
                    .collect()
            },
        )
        .collect();
    for ((_, members), ranked) in groups.iter().zip(ranked) {
        for &id in members {
            pages[id].related = ranked
                .iter()
                .copied()
                .filter(|&p| p != id)
                .take(RELATED_MAX)
                .collect();
        }
    }
}

/// The url of each document's page (empty for other pages), for links to the register.
pub(crate) fn document_urls(config: &Config, pages: &[Page]) -> Vec<String> {
    pages
        .iter()
        .map(|p| match p.source.document {
            Some(_) => config.url(&p.path),
            None => String::new(),
        })
        .collect()
}
