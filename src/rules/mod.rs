//! The content rules every build, `loa check`, the preview and `loa import` apply: links,
//! images, spam, placeholders, headings, titles, found in the sources with file:line:column.

mod portal;
mod spam;

pub(crate) use spam::{EDITOR_NOTE, Rules, placeholders_in, spam_in};

use std::collections::HashMap;

use rayon::prelude::*;

use crate::base::date::DateTime;
use crate::base::error::{Diagnostic, Diagnostics, Span};
use crate::base::text::fold;
use crate::base::url::{host_of, link_host, normalise, page_url};
use crate::load::markdown::Facts;
use crate::load::sanitize::Sanitizer;
use crate::site::urls::{Route, Routes};
use crate::site::{Page, Site};

/// Where a finding goes, in the page's file.
struct At<'p> {
    page: &'p Page,
}

impl At<'_> {
    fn diag(
        &self,
        body_offset: usize,
        len: usize,
        rule: &'static str,
        message: String,
        hint: &str,
    ) -> Diagnostic {
        let s = &self.page.source;
        let start = s.body_start + body_offset;
        Diagnostic::error(
            &s.file,
            Span::from_offsets(&s.text, start, start + len.max(1)),
            message,
        )
        .with_source(&s.text)
        .with_hint(hint)
        .rule(rule)
    }

    fn front(&self, key: &str, rule: &'static str, message: String, hint: &str) -> Diagnostic {
        self.page
            .source
            .error_at(key, message)
            .with_hint(hint)
            .rule(rule)
    }
}

/// Runs every rule over every page of `site`.
pub(crate) fn check(site: &Site, rules: &Rules) -> Diagnostics {
    let all_pages: Vec<usize> = (0..site.pages.len()).collect();
    let mut all = check_pages(site, &all_pages, rules);
    all.extend(missing_logo(site));
    all.extend(config_links(site, rules));
    all.extend(portal::check(site));
    // Two articles with the same title in one section confuse readers and search; a
    // register's documents are told apart by their numbers (two laws may share a name).
    for section in site.sections.iter().filter(|s| !s.source.documents) {
        let mut seen: HashMap<String, &Page> = HashMap::new();
        for &id in &section.pages {
            let page = &site.pages[id];
            if page.section != site.section_by_dir(&section.source.dir) {
                continue;
            }
            if let Some(first) = seen.insert(fold(page.source.title.trim()), page) {
                all.push(
                    At { page }
                        .front(
                            "title",
                            "duplicate-title",
                            format!(
                                "another article of this section has the same title: {}",
                                crate::base::error::display_path(&first.source.file)
                            ),
                            "give each article of a section its own title",
                        )
                        .vi(
                            format!(
                                "một bài khác trong mục này trùng tiêu đề: {}",
                                crate::base::error::display_path(&first.source.file)
                            ),
                            Some("đặt cho mỗi bài trong mục một tiêu đề riêng".into()),
                        ),
                );
            }
        }
    }
    all
}

/// The logo of `site.yaml` must be a file the site publishes: search engines and link
/// previews fetch it.
fn missing_logo(site: &Site) -> Option<Diagnostic> {
    let config = &site.config;
    let logo = config.logo.as_deref().filter(|l| !l.contains("://"))?;
    let published = logo.trim_start_matches('/');
    let exists = matches!(
        site.routes.get(published),
        Some(Route::Static(_) | Route::File(_))
    );
    if exists {
        return None;
    }
    let span = config.spans.get("logo").copied().unwrap_or_default();
    let text = std::fs::read_to_string(&config.path).unwrap_or_default();
    Some(
        Diagnostic::error(&config.path, span, format!("the logo `{logo}` does not exist"))
            .with_source(&text)
            .with_hint("give the path of a PNG or JPEG file of the theme's static/ folder or of content/, e.g. logo: /img/logo.png")
            .vi(
                format!("không có tệp biểu trưng (logo) `{logo}`"),
                Some("ghi đường dẫn tới một tệp PNG hoặc JPEG trong thư mục static/ của giao diện hoặc trong content/, ví dụ: logo: /img/logo.png".into()),
            )
            .rule("missing-file"),
    )
}

/// The menu and the tasks of `site.yaml` are links on every page: their sites must be on the
/// allow-list like an article's.
fn config_links(site: &Site, rules: &Rules) -> Vec<Diagnostic> {
    let config = &site.config;
    let site_host = host_of(&config.base_url).unwrap_or_default();
    let home = page_url(&config.base_url, "");
    let links = (config.menu.iter().map(|m| ("menu", &m.url)))
        .chain(config.tasks.iter().map(|t| ("tasks", &t.url)));
    let mut found = Vec::new();
    // Read only when a link is bad: almost every build has none.
    let mut text: Option<String> = None;
    for (key, url) in links {
        let found_here = match link_host(url, &home) {
            Some(host) => off_site(&host, &site_host, rules),
            None => {
                let path = url.split(['#', '?']).next().unwrap_or_default();
                let local = !url.contains(':') && url.starts_with('/');
                (local && !leads_somewhere(&site.routes, path.trim_start_matches('/')))
                    .then(|| {
                        (
                            "broken-link",
                            format!("`{url}` leads nowhere in this site"),
                            "fix the path: site paths look like /tin-tuc/ten-bai/ (the article's URL, from its title or slug)",
                            false,
                        )
                    })
            }
        };
        let Some((rule, message, hint, warning)) = found_here else {
            continue;
        };
        let span = config.spans.get(key).copied().unwrap_or_default();
        let text =
            text.get_or_insert_with(|| std::fs::read_to_string(&config.path).unwrap_or_default());
        let d = Diagnostic::error(&config.path, span, message)
            .with_source(text)
            .with_hint(hint)
            .rule(rule);
        found.push(if warning { d.warning() } else { d });
    }
    found
}

/// The per-page rules for `pages` only: what the preview runs after an edit of one article.
pub(crate) fn check_pages(site: &Site, pages: &[usize], rules: &Rules) -> Diagnostics {
    // Page html by path; a page's ids are only looked for when a link names an anchor in it.
    let pages_by_path: HashMap<&str, &str> = site
        .pages
        .iter()
        .map(|p| (p.path.as_str(), p.source.content.html.as_str()))
        .collect();
    let sanitizer = Sanitizer::new(&site.config.iframe_hosts, site.config.nofollow);
    let now = DateTime::now(site.config.offset);
    let mut all = Diagnostics::new();
    all.extend(
        pages
            .par_iter()
            .flat_map_iter(|&id| {
                check_page(
                    site,
                    &site.pages[id],
                    rules,
                    &site.routes,
                    &pages_by_path,
                    &sanitizer,
                    now,
                )
            })
            .collect::<Vec<_>>(),
    );
    all
}

fn check_page(
    site: &Site,
    page: &Page,
    rules: &Rules,
    routes: &Routes,
    pages_by_path: &HashMap<&str, &str>,
    sanitizer: &Sanitizer,
    now: DateTime,
) -> Vec<Diagnostic> {
    let at = At { page };
    let s = &page.source;
    let body = &s.text[s.body_start..];
    let mut found = Vec::new();
    let site_host = host_of(&site.config.base_url).unwrap_or_default();
    let page_url = page_url(&site.config.base_url, &page.path);

    // Front matter. A document's title is its official abstract, as long as the issuer wrote it.
    if s.title.chars().count() > 150 && s.document.is_none() {
        found.push(
            at.front(
                "title",
                "long-title",
                format!("the title has {} characters", s.title.chars().count()),
                "keep titles under 150 characters; readers on phones see the start only",
            )
            .warning(),
        );
    }
    if s.date.is_some_and(|d| d > now) {
        found.push(
            at.front(
                "date",
                "future-date",
                "the article is dated in the future and is left out of builds until then".into(),
                "check the date; use --drafts to preview it",
            )
            .warning(),
        );
    }
    // A document's title is its abstract (trích yếu); its body is optional.
    if page.section.is_some()
        && s.document.is_none()
        && s.summary.is_none()
        && s.content.summary_text.trim().is_empty()
    {
        found.push(at.front("title", "summary-missing", "the article has no summary: no `summary` and no opening paragraph".into(), "add `summary: \"...\"` (one or two sentences) or start the article with a paragraph").warning());
    }
    if s.image.is_some() && s.image_alt.is_none() {
        found.push(at.front(
            "image",
            "image-alt",
            "the image has no alt text".into(),
            "add `image_alt: \"...\"` describing the image for blind readers",
        ));
    }
    // The article's own addresses: a link preview shows its image, the page links its source.
    for (key, address) in [("image", s.image.as_ref()), ("source", s.source.as_ref())] {
        let host = address.and_then(|a| link_host(a, &page_url));
        if let Some((rule, message, hint, warning)) =
            host.and_then(|h| off_site(&h, &site_host, rules))
        {
            let d = at.front(key, rule, message, hint);
            found.push(if warning { d.warning() } else { d });
        }
    }
    if let Some(image) = &s.image
        && link_host(image, &page_url).is_none()
    {
        let target = if image.starts_with('/') {
            image.trim_start_matches('/').to_owned()
        } else {
            format!("{}{image}", page.path)
        };
        if !routes.writes(&target) {
            found.push(at.front(
                "image",
                "missing-file",
                format!("the image `{image}` does not exist"),
                "put the file beside index.md of the article folder, or fix the path",
            ));
        }
    }
    for (key, field) in [
        ("title", Some(&s.title)),
        ("summary", s.summary.as_ref()),
        ("source", s.source.as_ref()),
    ] {
        for hit in field.map_or(Vec::new(), |f| spam_in(f, rules)) {
            found.push(at.front(
                key,
                "spam",
                format!("gambling or betting term \"{}\"", hit.term),
                "remove it: injected betting content must never be published",
            ));
        }
    }

    // Matched in the source: Markdown splits a bracketed text into several events.
    for (offset, _) in body.match_indices(EDITOR_NOTE) {
        let note = at
            .diag(
                offset,
                EDITOR_NOTE.len() + 1,
                "editor-note",
                "a note for the editor from `loa import` is left in the article".into(),
                "do what the note asks, then delete it (with its ** and brackets)",
            )
            .vi(
                "bài còn ghi chú biên tập từ lúc nhập bài",
                Some("làm theo ghi chú rồi xóa ghi chú đi (cả dấu ** và ngoặc vuông)".into()),
            );
        found.push(if s.draft { note.warning() } else { note });
    }

    // The body's facts, from the build's Markdown pass when its offsets are the source's.
    let parsed;
    let facts = match &s.content.facts {
        Some(facts) => facts,
        None => {
            parsed = Facts::of(body);
            &parsed
        }
    };
    let mut last_level = 1u8;
    for (range, level) in &facts.headings {
        let level = *level;
        if level > last_level + 1 {
            found.push(at.diag(range.start, range.len().min(40), "heading-level", format!("a level-{level} heading follows a level-{last_level} heading"), "do not skip heading levels (## then ###); screen reader users navigate by them").warning());
        }
        last_level = level;
    }
    for link in &facts.links {
        found.extend(check_url(
            &at,
            &link.url,
            link.range.start,
            link.range.len(),
            page,
            &page_url,
            &site_host,
            rules,
            routes,
            pages_by_path,
        ));
    }
    for range in &facts.images_without_alt {
        found.push(at.diag(range.start, range.len(), "image-alt", "the image has no alt text".into(), "write a description between the brackets: ![Cán bộ BHXH tư vấn cho người dân](anh.jpg)"));
    }
    for (range, h) in &facts.html {
        for why in sanitizer.findings(h) {
            let hidden =
                why.contains("hides content") || why.contains("<meta>") || why.contains("<script>");
            let d = at.diag(
                range.start,
                range.len().min(60),
                if hidden { "hidden-content" } else { "raw-html" },
                format!("raw HTML with {why}"),
                "delete it: the build removes it, and injected spam often hides this way",
            );
            found.push(if hidden { d } else { d.warning() });
        }
    }
    // The page's text as a reader sees it is screened once; it is split into words only when
    // it may hold a spam term, and placeholders looked for exactly only when one may be there.
    let (spam, placeholder) = rules.screen(&facts.text);
    if spam {
        for hit in spam_in(&facts.text, rules) {
            let start = facts.source_of(hit.start);
            let len = facts.source_of(hit.end).saturating_sub(start);
            found.push(at.diag(start, len, "spam", format!("gambling or betting term \"{}\"", hit.term), "remove it: injected betting content must never be published; if the word is legitimate here, reword it, or list the term under allowed_terms in content/kiem-tra.yaml"));
        }
    }
    if placeholder {
        for (at_byte, placeholder) in placeholders_in(&facts.text, rules) {
            if facts.code.iter().any(|code| code.contains(&at_byte)) {
                continue;
            }
            found.push(at.diag(
                facts.source_of(at_byte),
                placeholder.len(),
                "placeholder",
                format!("a template placeholder is left in the text: \"{placeholder}\""),
                "replace it with the real content (a date, a title, ...); to show the format itself, write it as code: `dd/mm/yyyy`",
            ));
        }
    }
    found
}

/// The rule a link to `host` breaks, if any: (rule, message, hint, whether only a warning).
fn off_site(
    host: &(String, bool),
    site_host: &str,
    rules: &Rules,
) -> Option<(&'static str, String, &'static str, bool)> {
    let (host, http) = host;
    if !rules.allows_host(host) {
        Some((
            "off-site-link",
            format!("a link to `{host}`, which is not on the site's allow-list"),
            "if the site is trustworthy, add it to allowed_domains in content/kiem-tra.yaml; otherwise remove the link",
            false,
        ))
    } else if *http && host != site_host {
        Some((
            "insecure-link",
            format!("a link over plain http to `{host}`"),
            "use https:// if the site supports it",
            true,
        ))
    } else {
        None
    }
}

#[allow(clippy::too_many_arguments)]
fn check_url(
    at: &At,
    url: &str,
    offset: usize,
    len: usize,
    page: &Page,
    page_url: &url::Url,
    site_host: &str,
    rules: &Rules,
    routes: &Routes,
    pages_by_path: &HashMap<&str, &str>,
) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    let lower = url.trim_start().to_ascii_lowercase();
    if lower.starts_with("mailto:") || lower.starts_with("tel:") {
        return found;
    }
    if let Some(host) = link_host(url, page_url) {
        found.extend(
            off_site(&host, site_host, rules).map(|(rule, message, hint, warning)| {
                let d = at.diag(offset, len, rule, message, hint);
                if warning { d.warning() } else { d }
            }),
        );
        return found;
    }
    if !crate::load::sanitize::allowed_url(url) {
        return found;
    }
    let (path, anchor) = url
        .split_once('#')
        .map_or((url, None), |(p, a)| (p, Some(a)));
    let path = path.split('?').next().unwrap_or_default();
    let target = if path.is_empty() {
        page.path.clone()
    } else if let Some(absolute) = path.strip_prefix('/') {
        absolute.to_owned()
    } else {
        normalise(&format!("{}{path}", page.path))
    };
    if !leads_somewhere(routes, &target) {
        found.push(at.diag(
            offset,
            len,
            "broken-link",
            format!("`{url}` leads nowhere in this site"),
            "fix the path (site paths look like /tin-tuc/ten-bai/) or put the file in place",
        ));
    } else if let Some(anchor) = anchor.filter(|a| !a.is_empty()) {
        let page_path = target.trim_end_matches("index.html").to_owned();
        let page_path = if page_path.ends_with('/') || page_path.is_empty() {
            page_path
        } else {
            format!("{page_path}/")
        };
        if let Some(html) = pages_by_path.get(page_path.as_str())
            && !has_id(html, anchor)
        {
            found.push(at.diag(offset, len, "broken-anchor", format!("the page has no heading `#{anchor}`"), "link to an existing heading; headings get ids from their text, e.g. ## Kết quả → #ket-qua"));
        }
    }
    found
}

/// Whether the build writes the page or file at site path `target` (`tin-tuc/`, `anh.jpg`,
/// `tin-tuc/bai`, which a server answers with its folder's index.html).
fn leads_somewhere(routes: &Routes, target: &str) -> bool {
    let file = if target.is_empty() || target.ends_with('/') {
        format!("{target}index.html")
    } else {
        target.to_owned()
    };
    routes.writes(&file) || routes.writes(&format!("{target}/index.html"))
}

fn has_id(html: &str, id: &str) -> bool {
    html.contains(&format!(" id=\"{id}\""))
}
