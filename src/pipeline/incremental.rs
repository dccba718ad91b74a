//! The preview's rebuilds: a full build into memory, kept, and an edit of one article applied
//! to it by re-rendering only the outputs that show the article.

use std::collections::HashMap;
use std::path::PathBuf;

use crate::base::error::{Diagnostic, Diagnostics};
use crate::base::timings::Timings;
use crate::load::content;
use crate::load::sanitize::Sanitizer;
use crate::load::shortcode::Data;
use crate::output::memory::{Files, Memory};
use crate::pipeline::options::Options;
use crate::pipeline::{Loaded, load, render_into};
use crate::render::{self, sink::Sink};
use crate::rules;
use crate::search;
use crate::site::{self, PageId, citations};

/// The last good build, kept so that an edit of one article re-renders only what shows it.
pub(crate) struct LastBuild {
    loaded: Loaded,
    /// Canonical file path → page, to find the page an event names.
    pages: HashMap<PathBuf, PageId>,
    /// The search index, made on the first edit of an article, then kept up to date.
    search: Option<search::Index>,
}

/// A full build into memory.
pub(crate) fn rebuild(options: &Options) -> Result<(LastBuild, Files), Diagnostics> {
    let mut timings = Timings::default();
    let loaded = load(options, &mut timings)?;
    let memory = Memory::default();
    render_into(&loaded, &memory, timings)?;
    let pages = loaded
        .site
        .pages
        .iter()
        .enumerate()
        .filter_map(|(id, p)| std::fs::canonicalize(&p.source.file).ok().map(|f| (f, id)))
        .collect();
    Ok((
        LastBuild {
            loaded,
            pages,
            search: None,
        },
        memory.into_files(),
    ))
}

impl LastBuild {
    /// The warnings of the full build.
    pub(crate) fn warnings(&self) -> &[Diagnostic] {
        &self.loaded.warnings
    }

    /// An edit of one article that keeps its place in the site (URL, date, tags, section,
    /// ...) applied to `files`, the output of this build: the article is re-read and only the
    /// outputs that show it are rendered again. Returns the new files and the article's
    /// warnings, or `None` when the change needs a full rebuild.
    pub(crate) fn patch(
        &mut self,
        changed: &[PathBuf],
        files: &Files,
    ) -> Option<Result<(Files, Vec<Diagnostic>), Diagnostics>> {
        let [path] = changed else { return None };
        if path.extension().is_none_or(|e| e != "md") {
            return None;
        }
        let id = *self.pages.get(&std::fs::canonicalize(path).ok()?)?;
        // Made from the site as the last full build wrote it, the index then follows each
        // edit.
        if self.search.is_none() && self.loaded.site.routes.theme().search {
            self.search = Some(search::Index::build(&self.loaded.site).0);
        }
        let site = &mut self.loaded.site;
        let old = &site.pages[id].source;
        // A document's relations and status show on other documents' pages.
        if old.document.is_some() {
            return None;
        }
        let data = match &site.stats {
            Some(stats) => Data::Ready(stats),
            None => Data::Absent,
        };
        let sanitizer = Sanitizer::new(&site.config.iframe_hosts, site.config.nofollow);
        let with = content::Bodies {
            config: &site.config,
            data,
            sanitizer: &sanitizer,
            languages: &site.languages,
        };
        let section_lang = site
            .sections
            .iter()
            .find(|s| s.source.dir == old.section_dir)
            .map_or(0, |s| s.source.lang);
        let mut new = match content::load_page(
            &old.file,
            old.section_dir.clone(),
            false,
            section_lang,
            with,
        ) {
            Ok(page) => page,
            Err(errors) => {
                let mut all = Diagnostics::new();
                all.extend(errors);
                return Some(Err(all));
            }
        };
        // What decides the page's place: its URL, its lists and their order.
        let same_place = new.title == old.title
            && new.slug == old.slug
            && new.date == old.date
            && new.draft == old.draft
            && new.tags == old.tags
            && new.categories == old.categories
            && new.aliases == old.aliases
            && new.weight == old.weight
            && new.lang == old.lang
            && new.translation_of == old.translation_of;
        if !same_place {
            return None;
        }
        new.assets = old.assets.clone();
        let entry_before = render::list_entry(site, id);
        let previous = std::mem::replace(&mut site.pages[id].source, new);
        // Its citations of the register are linked as a full build links them.
        let urls = site::document_urls(&site.config, &site.pages);
        let cited = citations::link(&mut site.pages, |i| urls[i].clone(), Some(id));
        // Whether lists, feeds and neighbours show the page differently now: asked of the
        // code that makes their entries, so a new field in them cannot be forgotten here.
        let listed = render::list_entry(site, id) != entry_before;
        // The build's content rules, for the edited article: the preview must fail where the
        // build would.
        let checked = rules::check_pages(site, &[id], &self.loaded.rules);
        let warnings = match checked {
            p if !p.has_errors() => {
                let mut all = p.into_sorted();
                all.extend(cited);
                all
            }
            errors => {
                site.pages[id].source = previous;
                return Some(Err(errors));
            }
        };
        let memory = Memory::from_files(files.clone());
        let errors = render::render_after_edit(site, &self.loaded.theme, &memory, id, listed);
        if errors.has_errors() {
            site.pages[id].source = previous;
            return Some(Err(errors));
        }
        if let Some(index) = &mut self.search {
            let changes = index.update(&self.loaded.site, id);
            for (path, bytes) in changes.written {
                memory.write(&path, &bytes).ok()?;
            }
            memory.remove(&changes.removed);
        }
        Some(Ok((memory.into_files(), warnings)))
    }
}
