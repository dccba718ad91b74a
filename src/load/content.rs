//! Loading `content/`: walking the tree, front matter into typed structs, Markdown rendered.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Deserialize;
use walkdir::WalkDir;

use crate::base::date::DateTime;
use crate::base::error::{Diagnostic, Diagnostics, Span};
use crate::base::files::{is_ignored_name, read_source};
use crate::base::text;
use crate::base::yaml::{Embedded, Scalar};
use crate::load::config::Config;
use crate::load::documents::{self, DocumentMeta, Status};
use crate::load::files;
use crate::load::markdown::{self, MAX_NESTING, Rendered};
use crate::load::sanitize::Sanitizer;
use crate::load::shortcode::{self, Data};
use crate::load::strings::Languages;

/// A section: a folder with an `_index.md`. The content root's `_index.md` is the home page.
#[derive(Debug, Clone)]
pub(crate) struct SectionSource {
    /// The file, as shown in messages.
    pub file: PathBuf,
    /// Folder relative to `content/`, `/`-separated: `""`, `tin-tuc`, `chinh-sach/bhyt`.
    pub dir: String,
    pub title: String,
    pub description: Option<String>,
    pub weight: i64,
    pub paginate_by: Option<usize>,
    pub sort_by: SortBy,
    pub show_on_home: bool,
    /// A questions-and-answers section: its list shows each question with its answer.
    pub faq: bool,
    /// A register of legal documents (`kind: documents`): its pages are documents.
    pub documents: bool,
    /// The language (an index into the theme's `Languages`): its own `lang`, else its
    /// parent section's, else the site's.
    pub lang: usize,
    /// Whether `lang` was written in this section's own file (otherwise inherited).
    pub own_lang: bool,
    /// The site path (`/gioi-thieu/`) of the page or section this one translates, and where
    /// it is written.
    pub translation_of: Option<(String, Span)>,
    pub content: Rendered,
    /// What the sanitizer removed from the body.
    pub warnings: Vec<Diagnostic>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub(crate) enum SortBy {
    #[default]
    Date,
    Weight,
    Title,
}

/// An article (in a section) or a standalone page (at the content root).
#[derive(Debug, Clone)]
pub(crate) struct PageSource {
    pub file: PathBuf,
    /// The folder of the section it belongs to (`""` for standalone pages).
    pub section_dir: String,
    pub title: String,
    pub date: Option<DateTime>,
    pub updated: Option<DateTime>,
    pub author: Option<String>,
    pub summary: Option<String>,
    pub tags: Vec<String>,
    pub categories: Vec<String>,
    pub image: Option<String>,
    /// The pixel size of `image` when it is a file beside the Markdown file.
    pub image_size: Option<(u32, u32)>,
    pub image_alt: Option<String>,
    pub draft: bool,
    pub slug: String,
    pub aliases: Vec<String>,
    /// Where the article was first published: an http(s) address or a publication's name.
    pub source: Option<String>,
    pub weight: i64,
    pub content: Rendered,
    /// What the sanitizer removed from the body.
    pub warnings: Vec<Diagnostic>,
    /// Files beside `index.md` of an article folder, copied next to its page.
    pub assets: Vec<PathBuf>,
    /// Where each front-matter key is, for errors found after loading (duplicate URLs, ...).
    pub spans: HashMap<String, Span>,
    /// The file's text, kept to quote lines in later errors.
    pub text: String,
    /// Byte offset of the Markdown body in `text`.
    pub body_start: usize,
    /// For a page of a documents section, the document it describes.
    pub document: Option<Box<DocumentMeta>>,
    /// The language (an index into the theme's `Languages`): its own `lang`, else its
    /// section's.
    pub lang: usize,
    /// The site path of the page or section this one translates (`translation_of`).
    pub translation_of: Option<String>,
}

impl PageSource {
    pub(crate) fn is_standalone(&self) -> bool {
        self.section_dir.is_empty()
    }

    /// The `source` as shown to readers, and its address when it is one:
    /// `https://www.baothanhhoa.vn/a/b` → ("baothanhhoa.vn", Some(the address)).
    pub(crate) fn source_link(&self) -> Option<(String, Option<&str>)> {
        let source = self.source.as_deref()?;
        Some(match crate::base::url::host_of(source) {
            Some(host) => (
                host.strip_prefix("www.").unwrap_or(&host).to_owned(),
                Some(source),
            ),
            None => (source.to_owned(), None),
        })
    }

    /// A located error about front-matter key `key` of this page.
    pub(crate) fn error_at(&self, key: &str, message: impl Into<String>) -> Diagnostic {
        let span = self.spans.get(key).copied().unwrap_or(Span::new(1, 1, 3));
        Diagnostic::error(&self.file, span, message).with_source(&self.text)
    }
}

/// Everything under `content/`, loaded and checked file by file.
#[derive(Debug, Default)]
pub(crate) struct Content {
    pub sections: Vec<SectionSource>,
    pub pages: Vec<PageSource>,
    /// Other files (PDF forms, images) copied to the same path in the output.
    pub files: Vec<(PathBuf, String)>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PageFront {
    title: String,
    date: Option<Scalar>,
    updated: Option<Scalar>,
    author: Option<String>,
    summary: Option<String>,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    categories: Vec<String>,
    image: Option<String>,
    image_alt: Option<String>,
    #[serde(default)]
    draft: bool,
    slug: Option<String>,
    #[serde(default)]
    aliases: Vec<String>,
    source: Option<String>,
    #[serde(default)]
    weight: i64,
    lang: Option<String>,
    translation_of: Option<String>,
    // A document's keys (see `documents`): refused outside a documents section.
    number: Option<String>,
    #[serde(rename = "type")]
    kind: Option<String>,
    issuer: Option<String>,
    signer: Option<String>,
    issued: Option<Scalar>,
    effective: Option<Scalar>,
    expires: Option<Scalar>,
    status: Option<Status>,
    #[serde(default)]
    replaces: Vec<String>,
    #[serde(default)]
    amends: Vec<String>,
    #[serde(default)]
    fields: Vec<String>,
    file: Option<String>,
}

impl PageFront {
    fn take_document(&mut self) -> documents::Front {
        documents::Front {
            number: self.number.take(),
            kind: self.kind.take(),
            issuer: self.issuer.take(),
            signer: self.signer.take(),
            issued: self.issued.take(),
            effective: self.effective.take(),
            expires: self.expires.take(),
            status: self.status.take(),
            replaces: std::mem::take(&mut self.replaces),
            amends: std::mem::take(&mut self.amends),
            fields: std::mem::take(&mut self.fields),
            file: self.file.take(),
        }
    }
}

/// The keys of a page in a documents section.
const DOCUMENT_PAGE_KEYS: &[&str] = &[
    "title",
    "date",
    "updated",
    "author",
    "summary",
    "tags",
    "categories",
    "image",
    "image_alt",
    "draft",
    "slug",
    "aliases",
    "source",
    "weight",
    "lang",
    "translation_of",
    "number",
    "type",
    "issuer",
    "signer",
    "issued",
    "effective",
    "expires",
    "status",
    "replaces",
    "amends",
    "fields",
    "file",
];

pub(crate) const PAGE_KEYS: &[&str] = &[
    "title",
    "date",
    "updated",
    "author",
    "summary",
    "tags",
    "categories",
    "image",
    "image_alt",
    "draft",
    "slug",
    "aliases",
    "source",
    "weight",
    "lang",
    "translation_of",
];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SectionFront {
    title: String,
    description: Option<String>,
    #[serde(default)]
    weight: i64,
    paginate_by: Option<usize>,
    #[serde(default)]
    sort_by: SortBy,
    #[serde(default = "yes")]
    show_on_home: bool,
    #[serde(default)]
    faq: bool,
    kind: Option<SectionKind>,
    lang: Option<String>,
    translation_of: Option<String>,
}

/// What a section holds besides articles.
#[derive(Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
enum SectionKind {
    Documents,
}

fn yes() -> bool {
    true
}

pub(crate) const SECTION_KEYS: &[&str] = &[
    "title",
    "description",
    "weight",
    "paginate_by",
    "sort_by",
    "show_on_home",
    "faq",
    "kind",
    "lang",
    "translation_of",
];

/// Loads every file under `dir` (the site's `content/`). Files are parsed in parallel; all
/// problems are collected, so one run reports every broken file, and what did load is
/// returned too, so the site-wide checks (duplicate URLs, ...) still run on it.
pub(crate) fn load(
    dir: &Path,
    config: &Config,
    data: Data,
    languages: &Languages,
) -> (Content, Diagnostics) {
    let sanitizer = Sanitizer::new(&config.iframe_hosts, config.nofollow);
    let with = Bodies {
        config,
        data,
        sanitizer: &sanitizer,
        languages,
    };
    let mut errors = Diagnostics::new();
    let mut entries = Vec::new();
    let walker = WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored_name(&e.file_name().to_string_lossy()));
    for entry in walker {
        match entry {
            Ok(e) if e.file_type().is_file() => entries.push(e.into_path()),
            Ok(_) => {}
            Err(e) => {
                let path = e.path().map(Path::to_path_buf).unwrap_or(dir.to_path_buf());
                errors.push(Diagnostic::file_error(path, format!("cannot read: {e}")));
            }
        }
    }

    let rel = |p: &Path| -> String {
        p.strip_prefix(dir)
            .unwrap_or(p)
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/")
    };
    let section_dirs: Vec<String> = entries
        .iter()
        .filter(|p| p.file_name().is_some_and(|n| n == "_index.md"))
        .map(|p| parent_dir(&rel(p)))
        .collect();
    let bundle_dirs: Vec<String> = entries
        .iter()
        .filter(|p| p.file_name().is_some_and(|n| n == "index.md"))
        .map(|p| parent_dir(&rel(p)))
        .collect();

    let mut section_jobs = Vec::new();
    let mut page_jobs = Vec::new();
    let mut content = Content::default();
    let mut bundle_assets: HashMap<String, Vec<PathBuf>> = HashMap::new();
    let mut misnamed = HashSet::new();
    // Published files a browser could run, checked on all cores below.
    let mut runnable = Vec::new();
    for path in entries {
        let rel_path = rel(&path);
        let name = rel_path.rsplit('/').next().unwrap_or_default().to_owned();
        let parent = parent_dir(&rel_path);
        if rel_path == "site.yaml" {
            continue;
        }
        let bundle = bundle_dirs.iter().find(|b| is_within(&rel_path, b));
        // The part of the path that becomes part of a web address: a section's folders, a
        // published file's path, an article asset's path inside its folder.
        let in_address = match bundle {
            Some(b) if !name.ends_with(".md") => Some((&rel_path[..], b.len() + 1)),
            Some(_) => None,
            None if name == "_index.md" => Some((&parent[..], 0)),
            None if name.ends_with(".md") || name.ends_with(".yaml") || name.ends_with(".yml") => {
                None
            }
            None => Some((&rel_path[..], 0)),
        };
        if let Some((address, from)) = in_address
            && let Some(end) = misnamed_part(address, from)
            && misnamed.insert(address[..end].to_owned())
        {
            errors.push(misnamed_error(dir, &address[..end], end < rel_path.len()));
        }
        let data = name.ends_with(".yaml") || name.ends_with(".yml");
        if !name.ends_with(".md")
            && (bundle.is_some() || !data)
            && files::needs_check(&name)
            && !files::is_allowed(&rel_path, &config.allow_files)
        {
            runnable.push((path.clone(), rel_path.clone()));
        }
        if let Some(bundle) = bundle {
            if name == "index.md" && &parent == bundle {
                match owning_section(&parent_dir(bundle), &section_dirs) {
                    Some(section) => page_jobs.push((path, section)),
                    None => errors.push(orphan(&path, bundle)),
                }
            } else if name == "_index.md" {
                errors.push(
                    Diagnostic::file_error(&path, "an article folder cannot contain a section")
                        .with_hint("a folder with index.md is one article; move _index.md out")
                        .vi(
                            "thư mục bài viết (có index.md) không được chứa một mục",
                            Some("một thư mục có index.md là một bài viết; hãy chuyển _index.md ra ngoài".into()),
                        ),
                );
            } else if !name.ends_with(".md") {
                bundle_assets.entry(bundle.clone()).or_default().push(path);
            }
            continue;
        }
        if name == "_index.md" {
            section_jobs.push((path, parent));
        } else if name.ends_with(".md") {
            match owning_section(&parent, &section_dirs) {
                Some(section) => page_jobs.push((path, section)),
                None => errors.push(orphan(&path, &parent)),
            }
        } else if !data {
            content.files.push((path, rel_path));
        }
    }

    errors.extend(
        runnable
            .par_iter()
            .filter_map(|(path, rel_path)| files::check(path, rel_path))
            .collect::<Vec<_>>(),
    );
    // Sections first: whether a page is a document depends on its section's `kind`.
    let sections: Vec<Result<SectionSource, Vec<Diagnostic>>> = section_jobs
        .into_par_iter()
        .map(|(path, dir)| load_section(&path, dir, with))
        .collect();
    for result in sections {
        match result {
            Ok(mut s) => {
                errors.extend(std::mem::take(&mut s.warnings));
                content.sections.push(s)
            }
            Err(e) => errors.extend(e),
        }
    }
    inherit_languages(&mut content.sections);
    let languages_of: HashMap<&str, usize> = content
        .sections
        .iter()
        .map(|s| (s.dir.as_str(), s.lang))
        .collect();
    let registers: HashSet<&str> = content
        .sections
        .iter()
        .filter(|s| s.documents)
        .map(|s| s.dir.as_str())
        .collect();
    let pages: Vec<Result<PageSource, Vec<Diagnostic>>> = page_jobs
        .into_par_iter()
        .map(|(path, section)| {
            let documents = registers.contains(section.as_str());
            let lang = languages_of.get(section.as_str()).copied().unwrap_or(0);
            load_page(&path, section, documents, lang, with)
        })
        .collect();
    for result in pages {
        match result {
            Ok(mut p) => {
                if let Some(bundle) = p.file.parent().map(&rel)
                    && let Some(assets) = bundle_assets.remove(&bundle)
                {
                    p.assets = assets;
                }
                errors.extend(std::mem::take(&mut p.warnings));
                content.pages.push(p)
            }
            Err(e) => errors.extend(e),
        }
    }
    (content, errors)
}

/// Where the first name of `address` from byte `from` on that a web address cannot carry as
/// it is ends: a name is slugs (`slugify` keeps it as it is) joined by dots, so uppercase,
/// spaces, Vietnamese letters and control characters never reach a URL.
fn misnamed_part(address: &str, from: usize) -> Option<usize> {
    let mut end = from;
    for name in address[from..].split('/') {
        end += name.len();
        if !name.is_empty() && suggested_name(name) != name {
            return Some(end);
        }
        end += 1;
    }
    None
}

/// The name as a web address can carry it: each dot-separated part slugified.
fn suggested_name(name: &str) -> String {
    let parts: Vec<String> = name
        .split('.')
        .map(text::slugify)
        .filter(|p| !p.is_empty())
        .collect();
    parts.join(".")
}

fn misnamed_error(content: &Path, rel: &str, is_folder: bool) -> Diagnostic {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    let suggested = match suggested_name(name) {
        s if s.is_empty() || s.starts_with('.') => "ten-moi".to_owned(),
        s => s,
    };
    let (kind, loai) = if is_folder {
        ("folder", "thư mục")
    } else {
        ("file", "tệp")
    };
    Diagnostic::file_error(
        content.join(rel),
        format!("the {kind} name {name:?} cannot be part of a web address"),
    )
    .with_hint(format!(
        "rename it `{suggested}`: names in addresses use lowercase ASCII letters, digits, hyphens and dots"
    ))
    .vi(
        format!("tên {loai} {name:?} không dùng được trong địa chỉ trang web"),
        Some(format!(
            "đổi tên thành `{suggested}`: chỉ dùng chữ thường không dấu, chữ số, dấu gạch ngang và dấu chấm"
        )),
    )
}

fn parent_dir(rel_path: &str) -> String {
    rel_path.rsplit_once('/').map_or("", |(d, _)| d).to_owned()
}

fn is_within(rel_path: &str, dir: &str) -> bool {
    rel_path
        .strip_prefix(dir)
        .is_some_and(|rest| rest.starts_with('/'))
}

/// The section a file in `dir` belongs to: `dir` itself when it has an `_index.md`, the
/// content root for files at the top. Folders without `_index.md` in between are a mistake:
/// they would silently merge two parts of the site.
fn owning_section(dir: &str, sections: &[String]) -> Option<String> {
    if dir.is_empty() || sections.iter().any(|s| s == dir) {
        Some(dir.to_owned())
    } else {
        None
    }
}

fn orphan(path: &Path, dir: &str) -> Diagnostic {
    Diagnostic::file_error(
        path,
        format!("the folder `{dir}` has articles but no _index.md, so it is not a section"),
    )
    .with_hint(format!(
        "add content/{dir}/_index.md with at least `title: ...` in its front matter"
    ))
    .vi(
        format!(
            "thư mục `{dir}` có bài viết nhưng không có tệp _index.md nên chưa phải là một mục"
        ),
        Some(format!(
            "tạo tệp content/{dir}/_index.md với ít nhất dòng `title: ...` trong phần đầu"
        )),
    )
}

/// Splits `---` front matter from the body. Returns (yaml, body).
fn split_front_matter<'t>(path: &Path, text: &'t str) -> Result<(&'t str, &'t str), Diagnostic> {
    let example = "start the file with a line `---`, then the keys (`title: \"Tiêu đề\"`, \
                   `date: 2022-11-25`), then another line `---`";
    let Some(rest) = text.strip_prefix("---\n") else {
        let first = text.lines().next().unwrap_or_default();
        let message = if first.trim_start().starts_with("+++") {
            "TOML front matter (+++) is not supported; loa reads YAML between --- lines"
        } else {
            "the file has no front matter (it must start with a line `---`)"
        };
        return Err(
            Diagnostic::error(path, Span::new(1, 1, first.chars().count()), message)
                .with_source(text)
                .with_hint(example)
                .vi(
                    "tệp không có phần thông tin đầu bài (phải bắt đầu bằng một dòng `---`)",
                    Some("bắt đầu tệp bằng dòng `---`, rồi các dòng `title: \"Tiêu đề\"`, `date: 2022-11-25`, rồi một dòng `---` nữa".into()),
                ),
        );
    };
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" {
            let yaml = &rest[..offset];
            let body = &rest[offset + line.len()..];
            return Ok((yaml, body));
        }
        offset += line.len();
    }
    Err(
        Diagnostic::error(path, Span::new(1, 1, 3), "the front matter is never closed")
            .with_source(text)
            .with_hint("add a line `---` after the last front-matter key")
            .vi(
                "phần thông tin đầu bài chưa được đóng",
                Some("thêm một dòng `---` sau dòng thông tin cuối cùng".into()),
            ),
    )
}

/// A Markdown file read and its front matter parsed into `T`.
struct Document<T> {
    front: T,
    /// Where each front-matter key is.
    spans: HashMap<String, Span>,
    text: String,
    /// Byte offset of the Markdown body in `text`.
    body_start: usize,
    /// Characters no page may carry, removed from `text` when it was read.
    stripped: Vec<Diagnostic>,
}

/// What turning a body into HTML needs: links resolved against the config, figures from the
/// statistics, raw HTML sanitized.
#[derive(Clone, Copy)]
pub(crate) struct Bodies<'a> {
    pub config: &'a Config,
    pub data: Data<'a>,
    pub sanitizer: &'a Sanitizer,
    /// The theme's words, by language: a task list's labels are in its page's language.
    pub languages: &'a Languages,
}

impl<T> Document<T> {
    /// The body as HTML, with the statistics' figures and charts filled in; what the
    /// sanitizer removed comes back as warnings at the file's line and column.
    fn render(
        &self,
        path: &Path,
        with: Bodies,
        lang: usize,
    ) -> Result<(Rendered, Vec<Diagnostic>), Vec<Diagnostic>> {
        let body = &self.text[self.body_start..];
        let mut charts = 0;
        let (expanded, blocks) = shortcode::expand(
            body,
            with.data,
            path,
            &self.text,
            self.body_start,
            &mut charts,
        )?;
        let folder = path.parent().unwrap_or(Path::new(""));
        let mut rendered = markdown::to_html(
            &expanded,
            &|l| with.config.resolve_link(l),
            &|l| local_image_size(folder, l),
            with.sanitizer,
            with.languages.table(lang),
        );
        if let Some(at) = rendered.too_deep {
            let start = self.body_start + at.min(body.len());
            return Err(vec![
                Diagnostic::error(
                    path,
                    Span::from_offsets(&self.text, start, start + 1),
                    format!("the text nests more than {MAX_NESTING} levels deep (quotes, lists, emphasis or HTML elements inside each other)"),
                )
                .with_source(&self.text)
                .with_hint("flatten the quotes, lists or HTML elements that start here")
                .vi(
                    format!("nội dung lồng nhau quá {MAX_NESTING} cấp (trích dẫn, danh sách, chữ nhấn mạnh hoặc thẻ HTML lồng trong nhau)"),
                    Some("giảm số cấp lồng nhau bắt đầu từ chỗ này".into()),
                ),
            ]);
        }
        rendered.fill(&blocks);
        if expanded != body {
            rendered.facts = None;
        }
        // Offsets are in the expanded body; before any figure they equal the file's.
        let warnings = self
            .stripped
            .iter()
            .cloned()
            .chain(rendered
            .removed
            .iter()
            .map(|(at, what)| {
                let start = self.body_start + (*at).min(body.len());
                Diagnostic::error(path, Span::from_offsets(&self.text, start, start + 1), format!("removed {what} from the published page"))
                    .with_source(&self.text)
                    .with_hint("raw HTML may not carry scripts, event handlers, hidden text or foreign frames; delete it from the article")
                    .vi(
                        format!("đã gỡ bỏ khỏi trang: {what}"),
                        Some("mã HTML trong bài không được chứa script, thuộc tính sự kiện, chữ ẩn hay khung nhúng lạ; hãy xóa đoạn này".into()),
                    )
                    .warning()
            }))
            .collect();
        Ok((rendered, warnings))
    }
}

/// The size of an image beside the Markdown file (`anh-1.jpg`, `hinh/so-do.png`): the files a
/// page bundle publishes with it. Addresses elsewhere (other sites, the theme, `..`) have none.
fn local_image_size(folder: &Path, url: &str) -> Option<(u32, u32)> {
    let file = url.split(['?', '#']).next().unwrap_or_default();
    let local = !file.is_empty()
        && !file.starts_with('/')
        && !file.contains(':')
        && !file.contains('\\')
        && file
            .split('/')
            .all(|part| !part.is_empty() && part != "." && part != "..");
    local
        .then(|| crate::base::image::size_of_file(&folder.join(file)))
        .flatten()
}

/// Reads a Markdown file and parses its front matter into `T`, which accepts the `keys`.
/// `T` may know more keys than `keys`; those are refused like any unknown one.
fn read_document<T: serde::de::DeserializeOwned>(
    path: &Path,
    keys: &[&str],
    title: impl Fn(&T) -> &str,
) -> Result<Document<T>, Diagnostic> {
    let (text, stripped) = text::strip_forbidden(path, read_source(path)?);
    let (yaml, body) = split_front_matter(path, &text)?;
    let embedded = Embedded {
        path,
        file_text: &text,
        yaml,
        line_offset: 1,
    };
    let front: T = embedded.parse(keys)?;
    let spans = embedded.key_spans();
    if let Some((key, span)) = spans
        .iter()
        .filter(|(k, _)| !keys.contains(&k.as_str()))
        .min_by_key(|(_, span)| span.line)
    {
        return Err(embedded.unknown_key(key, *span, keys));
    }
    if title(&front).trim().is_empty() {
        return Err(Diagnostic::error(
            path,
            spans.get("title").copied().unwrap_or_default(),
            "the title is empty",
        )
        .with_source(&text)
        .with_hint("write the title readers will see, e.g. title: \"Thông báo lịch nghỉ Tết\"")
        .vi(
            "tiêu đề đang để trống",
            Some(
                "viết tiêu đề người đọc sẽ thấy, ví dụ: title: \"Thông báo lịch nghỉ Tết\"".into(),
            ),
        ));
    }
    let body_start = text.len() - body.len();
    Ok(Document {
        front,
        spans,
        text,
        body_start,
        stripped,
    })
}

fn load_section(path: &Path, dir: String, with: Bodies) -> Result<SectionSource, Vec<Diagnostic>> {
    let doc =
        read_document(path, SECTION_KEYS, |f: &SectionFront| &f.title).map_err(|e| vec![e])?;
    let (front, spans, text) = (&doc.front, &doc.spans, &doc.text);
    if front.paginate_by == Some(0) {
        let span = spans.get("paginate_by").copied().unwrap_or_default();
        return Err(vec![
            Diagnostic::error(path, span, "paginate_by must be at least 1")
                .with_source(text)
                .with_hint("remove it to use the site's paginate_by")
                .vi(
                    "paginate_by phải từ 1 trở lên",
                    Some("xóa dòng này để dùng số bài mỗi trang của cả trang web".into()),
                ),
        ]);
    }
    let own_lang =
        language(path, &doc, front.lang.as_deref(), with.languages).map_err(|e| vec![e])?;
    let (content, warnings) = doc.render(path, with, own_lang.unwrap_or(0))?;
    Ok(SectionSource {
        warnings,
        file: path.to_owned(),
        dir,
        title: front.title.trim().to_owned(),
        description: front.description.clone().filter(|d| !d.trim().is_empty()),
        weight: front.weight,
        paginate_by: front.paginate_by,
        sort_by: front.sort_by,
        show_on_home: front.show_on_home,
        faq: front.faq,
        documents: front.kind == Some(SectionKind::Documents),
        lang: own_lang.unwrap_or(0),
        own_lang: own_lang.is_some(),
        translation_of: front
            .translation_of
            .clone()
            .map(|t| (t, spans.get("translation_of").copied().unwrap_or_default())),
        content,
    })
}

/// Loads one article or standalone page; `documents` when its section is a register.
pub(crate) fn load_page(
    path: &Path,
    section_dir: String,
    documents: bool,
    section_lang: usize,
    with: Bodies,
) -> Result<PageSource, Vec<Diagnostic>> {
    let keys = if documents {
        DOCUMENT_PAGE_KEYS
    } else {
        PAGE_KEYS
    };
    let mut doc = read_document(path, keys, |f: &PageFront| &f.title).map_err(|e| vec![e])?;
    let document = documents.then(|| {
        let front = doc.front.take_document();
        documents::check(
            path,
            front,
            &doc.spans,
            &doc.text,
            &with.config.document_types,
        )
        .map(Box::new)
    });
    let lang = language(path, &doc, doc.front.lang.as_deref(), with.languages)
        .map_err(|e| vec![e])?
        .unwrap_or(section_lang);
    let body = doc.render(path, with, lang);
    let issued = match &document {
        Some(Ok(d)) => Some(d.issued),
        _ => None,
    };
    let front_matter = check_page_front(path, section_dir, doc, documents, issued);
    let (document, document_errors) = match document {
        None => (None, Vec::new()),
        Some(Ok(d)) => (Some(d), Vec::new()),
        Some(Err(e)) => (None, e),
    };
    match (front_matter, body) {
        (Ok(page), Ok((content, warnings))) if document_errors.is_empty() => Ok(PageSource {
            content,
            warnings,
            document,
            lang,
            ..page
        }),
        (front, body) => Err(document_errors
            .into_iter()
            .chain(front.err())
            .chain(body.err().into_iter().flatten())
            .collect()),
    }
}

/// Tags (and categories) one article may have: every tag page lists the article with all of
/// its tags, so what one article makes the build write grows with the square of this number.
pub(crate) const MAX_TERMS: usize = 50;

/// The typed, checked front matter of a page; its content is filled in by the caller.
fn check_page_front(
    path: &Path,
    section_dir: String,
    doc: Document<PageFront>,
    documents: bool,
    issued: Option<DateTime>,
) -> Result<PageSource, Diagnostic> {
    // What was stripped is reported with the body's warnings.
    let Document {
        front,
        spans,
        text,
        body_start,
        stripped: _,
    } = doc;
    let date_at = |key: &str, value: &Option<Scalar>| -> Result<Option<DateTime>, Diagnostic> {
        let Some(value) = value else { return Ok(None) };
        DateTime::parse(&value.text()).map(Some).map_err(|message| {
            Diagnostic::error(path, spans.get(key).copied().unwrap_or_default(), message)
                .with_source(&text)
                .with_hint(format!(
                    "write the {key} as YYYY-MM-DD or YYYY-MM-DDTHH:MM, e.g. {key}: 2022-11-25T17:03"
                ))
                .vi(
                    format!("`{}` không phải ngày hợp lệ (khóa `{key}`)", value.text()),
                    Some(format!(
                        "viết ngày theo dạng năm-tháng-ngày, có thể thêm giờ: {key}: 2022-11-25 hoặc {key}: 2022-11-25T17:03"
                    )),
                )
        })
    };
    // A document is dated by its issue, for lists and feeds, unless it says otherwise.
    let date = date_at("date", &front.date)?.or(issued);
    let updated = date_at("updated", &front.updated)?;
    // A document without `issued` has its own error.
    if date.is_none() && !section_dir.is_empty() && !documents {
        return Err(
            Diagnostic::error(path, Span::new(1, 1, 3), "the article has no date")
                .with_source(&text)
                .with_hint(
                    "add a line `date: YYYY-MM-DD` (the publication date) to the front matter",
                )
                .vi(
                    "bài viết chưa có ngày đăng",
                    Some(
                        "thêm dòng `date: 2022-11-25` (ngày đăng) vào phần thông tin đầu bài"
                            .into(),
                    ),
                ),
        );
    }
    let slug = match &front.slug {
        Some(s) => {
            let slug = text::slugify(s);
            if slug != *s {
                let span = spans.get("slug").copied().unwrap_or_default();
                return Err(
                    Diagnostic::error(path, span, format!("`{s}` is not a valid slug"))
                        .with_source(&text)
                        .with_hint(format!(
                            "use lowercase ASCII letters, digits and hyphens: slug: {slug}"
                        ))
                        .vi(
                            format!("`{s}` không dùng được làm đường dẫn (slug)"),
                            Some(format!("chỉ dùng chữ thường không dấu, chữ số và dấu gạch ngang: slug: {slug}")),
                        ),
                );
            }
            slug
        }
        None => text::slugify(&front.title),
    };
    if slug.is_empty() {
        return Err(Diagnostic::error(
            path,
            spans.get("title").copied().unwrap_or_default(),
            "the title has no letters or digits to make a URL from",
        )
        .with_source(&text)
        .with_hint("add a `slug: ten-bai-viet` line")
        .vi(
            "tiêu đề không có chữ hoặc số nào để tạo đường dẫn",
            Some("thêm dòng `slug: ten-bai-viet`".into()),
        ));
    }
    let mut spans = spans;
    for (i, alias) in front.aliases.iter().enumerate() {
        let span = alias_span(&text, &spans, i);
        if let Some(why) = alias_problem(alias) {
            return Err(Diagnostic::error(
                path,
                span,
                format!(
                    "the alias `{}` is not a site path: {why}",
                    alias.escape_debug()
                ),
            )
            .with_source(&text)
            .with_hint("write old URLs as paths from the site root, e.g. /tin-tuc/bai-cu.html")
            .vi(
                format!(
                    "địa chỉ cũ `{}` không phải một đường dẫn trong trang",
                    alias.escape_debug()
                ),
                Some("viết địa chỉ cũ bắt đầu từ gốc trang, ví dụ: /tin-tuc/bai-cu.html".into()),
            ));
        }
        spans.insert(alias_key(i), span);
    }
    for (key, terms) in [("tags", &front.tags), ("categories", &front.categories)] {
        if terms.len() > MAX_TERMS {
            return Err(Diagnostic::error(
                path,
                spans.get(key).copied().unwrap_or_default(),
                format!("{} {key}: an article may have at most {MAX_TERMS}", terms.len()),
            )
            .with_source(&text)
            .with_hint(format!("keep the {key} readers would look for; every tag page lists each article with its {key}"))
            .vi(
                format!("bài có {} mục `{key}`, nhiều nhất được {MAX_TERMS}", terms.len()),
                Some(format!("chỉ giữ lại những mục `{key}` người đọc sẽ tìm")),
            ));
        }
    }
    let clean = |v: Option<String>| v.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty());
    let source = clean(front.source);
    if let Some(source) = &source
        && has_scheme(source)
        && crate::base::url::host_of(source).is_none()
    {
        return Err(Diagnostic::error(
            path,
            spans.get("source").copied().unwrap_or_default(),
            format!("the source `{source}` is neither a web address nor a name"),
        )
        .with_source(&text)
        .with_hint("write an http(s) address (source: https://baochinhphu.vn/...) or a name (source: Báo Thanh Hóa)")
        .vi(
            format!("nguồn `{source}` không phải địa chỉ web hay tên một cơ quan báo chí"),
            Some("ghi địa chỉ http(s) (source: https://baochinhphu.vn/...) hoặc tên (source: Báo Thanh Hóa)".into()),
        ));
    }
    Ok(PageSource {
        file: path.to_owned(),
        section_dir,
        title: front.title.trim().to_owned(),
        date,
        updated,
        author: clean(front.author),
        summary: clean(front.summary),
        tags: front
            .tags
            .into_iter()
            .filter(|t| !t.trim().is_empty())
            .collect(),
        categories: front
            .categories
            .into_iter()
            .filter(|t| !t.trim().is_empty())
            .collect(),
        image_size: front
            .image
            .as_deref()
            .and_then(|i| local_image_size(path.parent().unwrap_or(Path::new("")), i.trim())),
        image: clean(front.image),
        image_alt: clean(front.image_alt),
        draft: front.draft,
        slug,
        aliases: front.aliases,
        source,
        weight: front.weight,
        content: Rendered::default(),
        warnings: Vec::new(),
        assets: Vec::new(),
        spans,
        text,
        body_start,
        document: None,
        lang: 0,
        translation_of: front.translation_of,
    })
}

/// Whether `text` starts with a URL scheme (`https:`, `javascript:`), not with a name.
fn has_scheme(text: &str) -> bool {
    text.split_once(':').is_some_and(|(scheme, _)| {
        scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c))
    })
}

/// Where the `i`-th alias is, among a page's `spans`: the route table reports a clash there.
pub(crate) fn alias_key(i: usize) -> String {
    format!("aliases/{i}")
}

/// Why `alias` cannot be written as a file of the output, if it cannot. Old addresses may keep
/// their uppercase and their `.aspx`; what a static file cannot answer to (a query, a
/// fragment, an escape), what would leave or hide in the output, and the names hosts keep
/// for their own settings (`_headers`, `.htaccess`) are refused.
pub(crate) fn alias_problem(alias: &str) -> Option<&'static str> {
    let Some(rest) = alias.strip_prefix('/') else {
        return Some("it must start with /");
    };
    if let Some(c) = alias
        .chars()
        .find(|c| c.is_control() || c.is_whitespace() || "\\?#%\"<>|*:^`{}".contains(*c))
    {
        return Some(match c {
            '?' => "a query (?...) cannot be a file; keep only the path",
            '#' => "a fragment (#...) is never sent to the server; keep only the path",
            '%' => "write the characters themselves, not %-escapes",
            c if c.is_whitespace() || c.is_control() => "it has a space or an invisible character",
            _ => "it has a character a file path cannot have",
        });
    }
    if rest.is_empty() {
        return None;
    }
    let segments: Vec<&str> = rest.strip_suffix('/').unwrap_or(rest).split('/').collect();
    if segments.iter().any(|s| s.is_empty()) {
        return Some("it has an empty folder name (//)");
    }
    if segments.iter().any(|s| s.starts_with('.')) {
        return Some("a name starting with . is hidden or leaves the site");
    }
    if segments[0].starts_with('_') {
        return Some("names starting with _ at the site root are the host's settings files");
    }
    None
}

/// The line of the `i`-th alias in a block list under `aliases:`, else the key itself.
fn alias_span(text: &str, spans: &HashMap<String, Span>, i: usize) -> Span {
    let key = spans.get("aliases").copied().unwrap_or_default();
    let item_line = key.line + 1 + i;
    match text.lines().nth(item_line - 1) {
        Some(line) if line.trim_start().starts_with("- ") => {
            let col = line.find("- ").unwrap_or(0) + 3;
            Span::new(item_line, col, line.trim().len().saturating_sub(2))
        }
        _ => key,
    }
}

/// The language a file's own `lang` names, checked against the theme's tables.
fn language<T>(
    path: &Path,
    doc: &Document<T>,
    lang: Option<&str>,
    languages: &Languages,
) -> Result<Option<usize>, Diagnostic> {
    let Some(code) = lang else {
        return Ok(None);
    };
    languages.find(code.trim()).map(Some).ok_or_else(|| {
        let known: Vec<&str> = languages.codes().collect();
        Diagnostic::error(
            path,
            doc.spans.get("lang").copied().unwrap_or_default(),
            format!("the theme has no words for the language `{code}`"),
        )
        .with_source(&doc.text)
        .with_hint(format!(
            "write one of {}, or add the theme's strings.{code}.yaml (a copy of strings.yaml in that language)",
            known.join(", ")
        ))
        .vi(
            format!("giao diện chưa có bản ngôn ngữ `{code}`"),
            Some(format!("dùng một trong {}", known.join(", "))),
        )
    })
}

/// Gives each section without a `lang` of its own its parent section's (by folder), so a
/// whole `content/en/` tree is English when `en/_index.md` says so.
fn inherit_languages(sections: &mut [SectionSource]) {
    let own: HashMap<String, usize> = sections
        .iter()
        .filter(|s| s.own_lang)
        .map(|s| (s.dir.clone(), s.lang))
        .collect();
    for s in sections.iter_mut().filter(|s| !s.own_lang) {
        let mut dir = s.dir.as_str();
        while let Some((parent, _)) = dir.rsplit_once('/') {
            if let Some(&lang) = own.get(parent) {
                s.lang = lang;
                break;
            }
            dir = parent;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_document_page_accepts_the_page_keys_and_the_document_keys() {
        assert_eq!(&DOCUMENT_PAGE_KEYS[..PAGE_KEYS.len()], PAGE_KEYS);
        assert_eq!(DOCUMENT_PAGE_KEYS.len(), PAGE_KEYS.len() + 12);
    }
}
