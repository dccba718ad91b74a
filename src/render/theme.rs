//! The theme: its Tera templates compiled with loa's filters, template errors mapped to
//! file:line:column, and its static files.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use tera::{Kwargs, State, Tera, TeraResult, Value};
use walkdir::WalkDir;

use crate::base::date::DateTime;
use crate::base::error::{Diagnostic, Diagnostics, Span};
use crate::base::files::{is_ignored_name, read_source};
use crate::base::format::{number_vi, percent_vi};
use crate::base::text::slugify;
use crate::load::strings::{Languages, Strings, fill};
use crate::render::values::{language_homes, language_link};
use crate::render::words::{self, Constant};
use crate::site::Site;
use crate::site::urls::ThemeFiles;

/// A theme folder: its compiled templates and its static files.
pub(crate) struct Theme {
    pub dir: PathBuf,
    /// The templates compiled once per language, with that language's words inlined; another
    /// language's only once a page is in it (`set_languages`).
    teras: Vec<Option<Tera>>,
    /// Template name → source text, to quote lines in errors.
    pub(crate) sources: BTreeMap<String, String>,
}

const STATS_TEMPLATES: &[&str] = &[
    "stats_dashboard.html",
    "stats_indicator.html",
    "stats_unit.html",
];

/// Optional: a theme with this template gets the search page and its index.
pub(crate) const SEARCH_TEMPLATE: &str = "search.html";

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
    /// `with_stats` asks for the statistics pages' templates too; each of the `languages`
    /// gets its own compiled set.
    pub(crate) fn load(
        dir: &Path,
        with_stats: bool,
        languages: &Languages,
    ) -> Result<Theme, Diagnostics> {
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
            teras: Vec::new(),
            sources,
        };
        // Checked and compiled for a site in one language; `set_languages` compiles again when
        // the site has pages in more.
        let first = match theme.inline(languages.table(0), languages.code(0), 0, false) {
            Ok(set) => set,
            Err(e) => {
                errors.extend(e);
                return Err(errors);
            }
        };
        if errors.has_errors() {
            return Err(errors);
        }
        // Tera stops at the first broken template; take broken ones out and try again so a
        // single run names them all. Line numbers are the source's (words hold no line
        // breaks); a column after an inlined word may differ.
        let mut broken: Vec<String> = Vec::new();
        loop {
            let mut tera = new_tera();
            let good = first.iter().filter(|(n, _)| !broken.contains(n));
            match tera.add_raw_templates(good) {
                Ok(()) => {
                    theme.teras.push(Some(tera));
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
        theme
            .teras
            .resize_with(languages.codes().count().max(1), || None);
        Ok(theme)
    }

    /// The templates with the words of `words` and the constants of language `lang` (code
    /// `code`) inlined; `has_languages` when the site has pages in more than one language.
    fn inline(
        &self,
        words: &Strings,
        code: &str,
        lang: usize,
        has_languages: bool,
    ) -> Result<BTreeMap<String, String>, Diagnostics> {
        let constants = [
            ("lang", Constant::Text(code.to_owned())),
            ("in_other_language", Constant::Bool(lang != 0)),
            ("has_languages", Constant::Bool(has_languages)),
        ];
        let mut errors = Diagnostics::new();
        let mut set = BTreeMap::new();
        for (name, text) in &self.sources {
            let escape = name.ends_with(".html") || name.ends_with(".xml");
            match words::inline(text, words, &constants, escape) {
                Ok(t) => {
                    set.insert(name.clone(), t);
                }
                Err(m) => {
                    let span = Span::from_offsets(text, m.offset, m.offset + m.len);
                    errors.push(
                        Diagnostic::error(self.template_path(name), span, m.message)
                            .with_source(text)
                            .with_hint(m.hint),
                    );
                }
            }
        }
        if errors.is_empty() {
            Ok(set)
        } else {
            Err(errors)
        }
    }

    /// For a site with pages in more than one language, compiles the templates again with
    /// `has_languages` (which shows the language links and `hreflang`) and those of each
    /// language some page is in; a site in one language keeps the set `load` compiled and
    /// pays nothing for languages. Each language's templates get what is the same on all its
    /// pages as globals: no `translations` and, as `language_links`, the other languages'
    /// homes. A translated page's context overrides both.
    pub(crate) fn set_languages(&mut self, site: &Site) -> Diagnostics {
        let mut errors = Diagnostics::new();
        let used = |lang: usize| {
            site.pages.iter().any(|p| p.source.lang == lang)
                || site.sections.iter().any(|s| s.source.lang == lang)
        };
        let multilingual = (1..self.teras.len()).any(used);
        for lang in 0..self.teras.len() {
            if !multilingual || !(lang == 0 || used(lang)) {
                continue;
            }
            let code = site.languages.code(lang);
            match self.inline(site.languages.table(lang), code, lang, true) {
                Ok(set) => {
                    let mut tera = new_tera();
                    match tera.add_raw_templates(set.iter()) {
                        Ok(()) => self.teras[lang] = Some(tera),
                        Err(e) => errors.push(self.template_error(&e, None)),
                    }
                }
                Err(e) => errors.extend(e),
            }
        }
        let homes = language_homes(site);
        for (lang, tera) in self.teras.iter_mut().enumerate() {
            let Some(tera) = tera else { continue };
            let links: Vec<Value> = homes
                .iter()
                .enumerate()
                .filter(|&(l, _)| l != lang)
                .filter_map(|(l, home)| home.as_deref().map(|p| language_link(site, l, p)))
                .collect();
            let globals = tera.global_context();
            globals.insert_value("translations", Value::from(Vec::<Value>::new()));
            globals.insert_value("language_links", Value::from(links));
        }
        errors
    }

    /// The templates of language `lang`.
    pub(crate) fn tera(&self, lang: usize) -> &Tera {
        match self.teras.get(lang) {
            Some(Some(tera)) => tera,
            _ => self.teras[0]
                .as_ref()
                .expect("the site's language is compiled when loading"),
        }
    }

    /// Whether the theme has a search page, which the search index is written for.
    pub(crate) fn has_search(&self) -> bool {
        self.sources.contains_key(SEARCH_TEMPLATE)
    }

    /// What the theme publishes besides its templates' pages.
    pub(crate) fn files(&self) -> ThemeFiles {
        ThemeFiles {
            static_files: static_files(&self.dir.join("static")),
            search: self.has_search(),
        }
    }

    pub(crate) fn template_path(&self, name: &str) -> PathBuf {
        self.dir.join("templates").join(name)
    }

    /// Turns a Tera error into our diagnostic at the template's file:line:column.
    pub(crate) fn template_error(
        &self,
        error: &tera::Error,
        rendering: Option<&str>,
    ) -> Diagnostic {
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
    // A theme string's `{name}`s, filled from the arguments: numbers formatted the one way
    // the site writes them (`t.article_count | fill(count=3294829)` → "3.294.829 bài viết").
    tera.register_filter(
        "fill",
        |value: &str, kwargs: Kwargs, _: &State| -> TeraResult<String> {
            let values: Vec<(String, String)> = kwargs
                .iter()
                .map(|(key, v)| {
                    let text = match v.as_i64() {
                        Some(n) => number_vi(n as f64, 0),
                        None => v.as_str().map_or_else(|| v.to_string(), str::to_owned),
                    };
                    (key.as_str().unwrap_or_default().to_owned(), text)
                })
                .collect();
            let pairs: Vec<(&str, &str)> = values
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
            Ok(fill(value, &pairs))
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

#[cfg(test)]
mod tests {
    use tera::Context;

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
