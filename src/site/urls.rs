//! The one route table: every file a build writes, where it goes and which source owns it.
//!
//! Rendering walks it, the link rules accept exactly its files as targets, the ownership
//! check below refuses two sources for one file, and the preview asks it which outputs show
//! an edited article. A new kind of output is a new `Route` here and nowhere else.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::base::error::{Diagnostic, Diagnostics, display_path};
use crate::site::{PageId, SectionId, Site};
use crate::stats::pages::{self as stat_pages, StatPage};

/// The search page's folder. The index files the search script reads live under it too,
/// named by their content, so the search index owns the whole folder but its page.
pub(crate) const SEARCH_DIR: &str = "tim-kiem/";
/// The search index's entry point; the script finds the other files from it.
pub(crate) const SEARCH_MANIFEST: &str = "tim-kiem/chi-muc.json";
/// The Content-Security-Policy and other headers, in the format static hosts read.
pub(crate) const HEADERS: &str = "_headers";

/// One file of the built site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Route {
    Home,
    /// List page `number` (from 1) of a section.
    Section {
        section: SectionId,
        number: usize,
    },
    /// `/tin-tuc/page/1/` would duplicate `/tin-tuc/`; it redirects there instead.
    FirstPage {
        list_path: String,
    },
    Page(PageId),
    /// A file beside an article in its folder: `tin-tuc/ngay-bhyt/anh-1.jpg`.
    Asset {
        page: PageId,
        asset: usize,
    },
    /// A redirect from an old URL of a page.
    Alias {
        page: PageId,
        alias: usize,
    },
    TaxonomyList(usize),
    /// List page `number` of a tag or category.
    Term {
        taxonomy: usize,
        term: usize,
        number: usize,
    },
    /// The site's feed (None) or a section's.
    Feed(Option<SectionId>),
    Sitemap,
    Robots,
    NotFound,
    Headers,
    /// The search page, when the theme has one.
    Search,
    /// The search index: its manifest, and every other file under `SEARCH_DIR`.
    SearchIndex,
    Stat(StatPage),
    /// A statistics page's table as a download: `csv` or `json`.
    StatTable {
        page: StatPage,
        extension: &'static str,
    },
    /// The whole statistics dataset: `csv` or `json`.
    Dataset(&'static str),
    /// A file of the theme's `static/` folder, by its index in `ThemeFiles::static_files`.
    Static(usize),
    /// A file of `content/` published as it is, by its index in `Site::files`.
    File(usize),
}

/// What the theme adds to a build besides its templates.
#[derive(Debug, Default, Clone)]
pub(crate) struct ThemeFiles {
    /// (source, published path) of every file under the theme's `static/`.
    pub static_files: Vec<(PathBuf, String)>,
    /// Whether the theme has a search page, for which the search index is written.
    pub search: bool,
}

/// Every route of a site with its path, in the order sources claim them.
#[derive(Debug, Default)]
pub(crate) struct Routes {
    /// Each route and its site path (`tin-tuc/`, `css/site.css`); `output_file` of the path
    /// is the file it writes.
    pub all: Vec<(Route, String)>,
    theme: ThemeFiles,
    /// Output file → index in `all`.
    by_file: HashMap<String, usize>,
}

/// The file a site path is served from: `tin-tuc/` → `tin-tuc/index.html`.
pub(crate) fn output_file(path: &str) -> String {
    if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.to_owned()
    }
}

/// Site path of list page `number` of a list at `list_path`.
pub(crate) fn list_page_path(list_path: &str, number: usize) -> String {
    if number <= 1 {
        list_path.to_owned()
    } else {
        format!("{list_path}page/{number}/")
    }
}

/// Output file of an alias: `/tin-tuc/cu.html` as is, `/tin-tuc/cu/` as `tin-tuc/cu/index.html`.
pub(crate) fn alias_output(alias: &str) -> String {
    let trimmed = alias.trim_start_matches('/');
    let last = trimmed.rsplit('/').next().unwrap_or_default();
    if trimmed.is_empty() || trimmed.ends_with('/') {
        format!("{trimmed}index.html")
    } else if last.contains('.') {
        trimmed.to_owned()
    } else {
        format!("{trimmed}/index.html")
    }
}

/// Articles per list page of a section.
pub(crate) fn per_page(site: &Site, section: SectionId) -> usize {
    site.sections[section]
        .source
        .paginate_by
        .unwrap_or(site.config.paginate_by)
}

/// An asset's path inside its article's folder: `anh-1.jpg`, `hinh/so-do.png`.
fn asset_name<'a>(folder: Option<&Path>, asset: &'a Path) -> std::borrow::Cow<'a, str> {
    let rel = folder
        .and_then(|f| asset.strip_prefix(f).ok())
        .unwrap_or(asset);
    match rel.to_string_lossy() {
        std::borrow::Cow::Borrowed(s) if !s.contains('\\') => std::borrow::Cow::Borrowed(s),
        s => std::borrow::Cow::Owned(s.replace('\\', "/")),
    }
}

impl Route {
    /// The site path a template sees for this route (`tin-tuc/page/2/`), or the file itself
    /// for routes that are not folders.
    pub(crate) fn path(&self, site: &Site, theme: &ThemeFiles) -> String {
        match self {
            Route::Home => String::new(),
            Route::Section { section, number } => {
                list_page_path(&site.sections[*section].path, *number)
            }
            Route::FirstPage { list_path } => format!("{list_path}page/1/"),
            Route::Page(id) => site.pages[*id].path.clone(),
            Route::Asset { page, asset } => {
                let p = &site.pages[*page];
                let name = asset_name(p.source.file.parent(), &p.source.assets[*asset]);
                format!("{}{name}", p.path)
            }
            Route::Alias { page, alias } => alias_output(&site.pages[*page].source.aliases[*alias]),
            Route::TaxonomyList(t) => site.taxonomies[*t].path.to_owned(),
            Route::Term {
                taxonomy,
                term,
                number,
            } => {
                let t = &site.taxonomies[*taxonomy];
                list_page_path(&t.terms[*term].path(t), *number)
            }
            Route::Feed(section) => {
                let list = section.map_or("", |s| site.sections[s].path.as_str());
                format!("{list}atom.xml")
            }
            Route::Sitemap => "sitemap.xml".into(),
            Route::Robots => "robots.txt".into(),
            Route::NotFound => "404.html".into(),
            Route::Headers => HEADERS.into(),
            Route::Search => SEARCH_DIR.into(),
            Route::SearchIndex => SEARCH_MANIFEST.into(),
            Route::Stat(page) => stat_pages::path(stats_of(site), *page),
            Route::StatTable { page, extension } => {
                stat_pages::table_file(stats_of(site), *page, extension)
            }
            Route::Dataset(extension) => stat_pages::dataset_file(extension),
            Route::Static(i) => theme.static_files[*i].1.clone(),
            Route::File(i) => site.files[*i].1.clone(),
        }
    }

    /// Whether a Tera template of the theme renders this route.
    pub(crate) fn is_template(&self) -> bool {
        !matches!(
            self,
            Route::Asset { .. }
                | Route::Headers
                | Route::SearchIndex
                | Route::StatTable { .. }
                | Route::Dataset(_)
                | Route::Static(_)
                | Route::File(_)
        )
    }

    /// The source file that makes this route exist, for errors that name it.
    fn source(&self, site: &Site, theme: &ThemeFiles) -> PathBuf {
        let config = || site.config.path.clone();
        match self {
            Route::Home => site.sections[0].source.file.clone(),
            Route::Section { section, .. } => site.sections[*section].source.file.clone(),
            Route::Feed(Some(section)) => site.sections[*section].source.file.clone(),
            Route::FirstPage { list_path } => site
                .sections
                .iter()
                .find(|s| &s.path == list_path)
                .map_or_else(config, |s| s.source.file.clone()),
            Route::Page(page) | Route::Asset { page, .. } | Route::Alias { page, .. } => {
                site.pages[*page].source.file.clone()
            }
            Route::Term { taxonomy, term, .. } => site.taxonomies[*taxonomy].terms[*term]
                .pages
                .first()
                .map_or_else(config, |&p| site.pages[p].source.file.clone()),
            Route::Stat(_) | Route::StatTable { .. } | Route::Dataset(_) => {
                site.config.path.with_file_name(crate::stats::DIR)
            }
            Route::Static(i) => theme.static_files[*i].0.clone(),
            Route::File(i) => site.files[*i].0.clone(),
            Route::TaxonomyList(_)
            | Route::Feed(None)
            | Route::Sitemap
            | Route::Robots
            | Route::NotFound
            | Route::Headers
            | Route::Search
            | Route::SearchIndex => config(),
        }
    }
}

fn stats_of(site: &Site) -> &crate::stats::Stats {
    site.stats
        .as_ref()
        .expect("statistics routes exist only with statistics")
}

/// Every route of `site`, in the order their sources claim their files: the site's own
/// files first, then sections, content files, statistics, pages, their redirects and assets,
/// tag pages and the theme's files. Where two claim one file, the later one is reported.
fn enumerate(site: &Site, theme: &ThemeFiles) -> Vec<Route> {
    let mut routes = vec![
        Route::Home,
        Route::NotFound,
        Route::Feed(None),
        Route::Sitemap,
        Route::Robots,
        Route::Headers,
    ];
    routes.extend((0..site.taxonomies.len()).map(Route::TaxonomyList));
    if theme.search {
        routes.extend([Route::Search, Route::SearchIndex]);
    }
    for (i, section) in site.sections.iter().enumerate().skip(1) {
        let pages = section.pages.len().div_ceil(per_page(site, i)).max(1);
        routes.extend((1..=pages).map(|number| Route::Section { section: i, number }));
        routes.push(Route::FirstPage {
            list_path: section.path.clone(),
        });
        routes.push(Route::Feed(Some(i)));
    }
    routes.extend((0..site.files.len()).map(Route::File));
    if let Some(stats) = &site.stats {
        routes.extend([Route::Dataset("csv"), Route::Dataset("json")]);
        for page in stat_pages::pages(stats) {
            routes.push(Route::Stat(page));
            routes.extend(["csv", "json"].map(|extension| Route::StatTable { page, extension }));
        }
    }
    routes.extend((0..site.pages.len()).map(Route::Page));
    for (id, page) in site.pages.iter().enumerate() {
        routes.extend((0..page.source.aliases.len()).map(|alias| Route::Alias { page: id, alias }));
        routes.extend((0..page.source.assets.len()).map(|asset| Route::Asset { page: id, asset }));
    }
    for (t, taxonomy) in site.taxonomies.iter().enumerate() {
        for (term_id, term) in taxonomy.terms.iter().enumerate() {
            let pages = term.pages.len().div_ceil(site.config.paginate_by).max(1);
            routes.extend((1..=pages).map(|number| Route::Term {
                taxonomy: t,
                term: term_id,
                number,
            }));
            routes.push(Route::FirstPage {
                list_path: term.path(taxonomy),
            });
        }
    }
    routes.extend((0..theme.static_files.len()).map(Route::Static));
    routes
}

impl Routes {
    /// The route table of `site` and every problem of ownership: two sources for one file,
    /// or a file inside the folder the search index owns.
    pub(crate) fn new(site: &Site, theme: ThemeFiles) -> (Routes, Diagnostics) {
        let mut errors = Diagnostics::new();
        let routes = enumerate(site, &theme);
        let mut all: Vec<(Route, String)> = Vec::with_capacity(routes.len());
        let mut by_file: HashMap<String, usize> = HashMap::with_capacity(routes.len());
        for route in routes {
            let path = route.path(site, &theme);
            let file = output_file(&path);
            let taken = by_file.get(&file).map(|&i| &all[i].0).or_else(|| {
                (theme.search
                    && file.starts_with(SEARCH_DIR)
                    && !matches!(route, Route::Search | Route::SearchIndex))
                .then_some(&Route::SearchIndex)
            });
            if let Some(owner) = taken {
                errors.push(clash_of(site, &theme, &route, owner, &file));
                continue;
            }
            by_file.insert(file, all.len());
            all.push((route, path));
        }
        // A file where another route needs a folder (`robots.txt`, `robots.txt/index.html`):
        // the two cannot both be written.
        for (file, &i) in &by_file {
            let folder = file
                .match_indices('/')
                .find_map(|(end, _)| by_file.get(&file[..end]).map(|&j| (end, j)));
            if let Some((end, j)) = folder {
                errors.push(clash_of(site, &theme, &all[i].0, &all[j].0, &file[..end]));
            }
        }
        (
            Routes {
                all,
                theme,
                by_file,
            },
            errors,
        )
    }

    pub(crate) fn theme(&self) -> &ThemeFiles {
        &self.theme
    }

    /// The route that writes `file` (a path in the output: `tin-tuc/index.html`).
    pub(crate) fn get(&self, file: &str) -> Option<&Route> {
        self.by_file.get(file).map(|&i| &self.all[i].0)
    }

    /// Whether a build writes `file`: a route's file, or one of the search index's.
    pub(crate) fn writes(&self, file: &str) -> bool {
        self.by_file.contains_key(file) || (self.theme.search && file.starts_with(SEARCH_DIR))
    }

    /// The routes whose output shows `page` as a list entry or a link: its list pages in its
    /// sections and terms, the feeds, home page and sitemap, its neighbours and the pages
    /// that list it as related, and its redirects. What an edit of the page's summary,
    /// date or image makes stale.
    pub(crate) fn showing(&self, site: &Site, page: PageId) -> Vec<Route> {
        let p = &site.pages[page];
        let mut shown: Vec<Route> = (0..site.pages.len())
            .filter(|&q| {
                let q = &site.pages[q];
                q.previous == Some(page) || q.next == Some(page) || q.related.contains(&page)
            })
            .map(Route::Page)
            .collect();
        let mut section = p.section;
        while let Some(s) = section {
            if s != 0 {
                let at = site.sections[s]
                    .pages
                    .iter()
                    .position(|&x| x == page)
                    .unwrap_or(0);
                shown.push(Route::Section {
                    section: s,
                    number: at / per_page(site, s) + 1,
                });
                shown.push(Route::Feed(Some(s)));
            }
            section = site.sections[s].parent;
        }
        for &(t, term) in &p.terms {
            let at = site.taxonomies[t].terms[term]
                .pages
                .iter()
                .position(|&x| x == page)
                .unwrap_or(0);
            shown.push(Route::Term {
                taxonomy: t,
                term,
                number: at / site.config.paginate_by + 1,
            });
        }
        shown.extend([Route::Home, Route::Feed(None), Route::Sitemap]);
        shown.extend((0..p.source.aliases.len()).map(|alias| Route::Alias { page, alias }));
        shown
    }
}

/// The error for two routes that want one file. An old address gives way to anything the site
/// itself publishes: the error points at the alias's line.
fn clash_of(
    site: &Site,
    theme: &ThemeFiles,
    route: &Route,
    owner: &Route,
    file: &str,
) -> Diagnostic {
    if matches!(owner, Route::Alias { .. }) && !matches!(route, Route::Alias { .. }) {
        clash(site, theme, owner, route, file)
    } else {
        clash(site, theme, route, owner, file)
    }
}

/// The error for `route` wanting a file that `owner` writes already.
fn clash(site: &Site, theme: &ThemeFiles, route: &Route, owner: &Route, file: &str) -> Diagnostic {
    let other = display_path(&owner.source(site, theme));
    let url = site
        .config
        .url(file.strip_suffix("index.html").unwrap_or(file));
    match route {
        Route::Page(id) => {
            let page = &site.pages[*id];
            let (what, what_vi) = if matches!(owner, Route::Page(_)) {
                ("another article", "một bài viết khác")
            } else {
                ("a section or a site file", "một mục hoặc tệp của trang")
            };
            let key = if page.source.spans.contains_key("slug") {
                "slug"
            } else {
                "title"
            };
            page.source
                .error_at(
                    key,
                    format!("this page's URL {url} is already used by {what}: {other}"),
                )
                .with_hint("give one of them a different title or a `slug: ...` line")
                .vi(
                    format!("đường dẫn {url} của trang này đã được dùng cho {what_vi}: {other}"),
                    Some(
                        "đặt tiêu đề khác cho một trong hai bài, hoặc thêm dòng `slug: ...`".into(),
                    ),
                )
        }
        Route::Alias { page, alias } => {
            let key = crate::load::content::alias_key(*alias);
            let alias = &site.pages[*page].source.aliases[*alias];
            site.pages[*page]
                .source
                .error_at(
                    &key,
                    format!("the alias {alias} is already used by {other}"),
                )
                .with_hint("an old URL can redirect to one page only; remove one of them")
                .vi(
                    format!("địa chỉ cũ {alias} đã được dùng cho {other}"),
                    Some(
                        "một địa chỉ cũ chỉ chuyển được tới một trang; xóa ở một trong hai nơi"
                            .into(),
                    ),
                )
        }
        _ => {
            let source = route.source(site, theme);
            Diagnostic::file_error(
                &source,
                format!("this would be published as {url}, which {other} publishes already"),
            )
            .with_hint("rename or move one of the two files")
            .vi(
                format!("tệp này sẽ được xuất bản tại {url}, nhưng {other} đã dùng địa chỉ đó"),
                Some("đổi tên hoặc chuyển một trong hai tệp sang chỗ khác".into()),
            )
        }
    }
}
