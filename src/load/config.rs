//! The site configuration, `content/site.yaml`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::base::date::Offset;
use crate::base::error::{Diagnostic, Diagnostics, Span};
use crate::base::text;
use crate::base::yaml;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: String,
    agency: Option<String>,
    description: Option<String>,
    base_url: String,
    #[serde(default = "default_language")]
    language: String,
    #[serde(default = "default_theme")]
    theme: String,
    #[serde(default = "default_offset")]
    utc_offset: String,
    #[serde(default = "default_paginate_by")]
    paginate_by: usize,
    #[serde(default = "default_feed_limit")]
    feed_limit: usize,
    #[serde(default)]
    home: Home,
    contact: Contact,
    #[serde(default)]
    menu: Vec<MenuItem>,
    /// Hosts whose `<iframe>` may stay in articles, e.g. the agency's video host.
    #[serde(default)]
    iframe_hosts: Vec<String>,
    /// Adds `rel="nofollow"` to links in articles.
    #[serde(default)]
    nofollow: bool,
    /// Types of legal documents besides loa's list (`documents::TYPES`).
    #[serde(default)]
    document_types: Vec<String>,
    /// The agency's logo for search engines and link previews.
    logo: Option<String>,
    /// The agency above this one, shown over the site's name: "Bảo hiểm xã hội Việt Nam".
    parent: Option<String>,
    /// What citizens come to do, one tap from the home page and every footer.
    #[serde(default)]
    tasks: Vec<Task>,
    /// Who answers for the site, as Decree 42/2022/NĐ-CP asks of an agency's portal.
    responsibility: Option<Responsibility>,
    /// Files of `content/` a browser would run (HTML, scripts, SVG with scripts) that the
    /// agency vouches for: published as they are.
    #[serde(default)]
    allow_files: Vec<String>,
    /// Turns on the `portal` rules of `loa check`: where the pages Decree 42/2022/NĐ-CP asks
    /// of an agency's portal are.
    portal: Option<Portal>,
}

const CONFIG_KEYS: &[&str] = &[
    "title",
    "agency",
    "description",
    "base_url",
    "language",
    "theme",
    "utc_offset",
    "paginate_by",
    "feed_limit",
    "home",
    "contact",
    "menu",
    "iframe_hosts",
    "nofollow",
    "document_types",
    "logo",
    "parent",
    "tasks",
    "responsibility",
    "allow_files",
    "portal",
];

fn default_language() -> String {
    "vi".into()
}
fn default_theme() -> String {
    "default".into()
}
fn default_offset() -> String {
    "+07:00".into()
}
fn default_paginate_by() -> usize {
    10
}
fn default_feed_limit() -> usize {
    20
}

/// What the home page shows.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Home {
    /// Path of the section whose newest articles appear in the notices box.
    pub notices: Option<String>,
    /// How many of the newest articles each section shows on the home page.
    #[serde(default = "default_latest")]
    pub latest_per_section: usize,
}

fn default_latest() -> usize {
    4
}

impl Default for Home {
    fn default() -> Home {
        Home {
            notices: None,
            latest_per_section: default_latest(),
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Contact {
    pub address: String,
    pub hotline: String,
    /// What the hotline is, shown beside its number; the theme's word when absent.
    pub hotline_label: Option<String>,
    /// What a call costs, e.g. "1.000 đồng/phút": a citizen should know before calling.
    pub hotline_note: Option<String>,
    pub email: String,
    pub working_hours: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct MenuItem {
    pub title: String,
    pub url: String,
}

/// A citizen's task: look up the insurance record, renew a card, a national service.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Task {
    pub label: String,
    pub url: String,
    /// One of `TASK_ICONS`, drawn by the theme.
    pub icon: String,
}

/// The icons a theme draws for tasks.
pub(crate) const TASK_ICONS: &[&str] = &[
    "tra-cuu",
    "the-bhyt",
    "vssid",
    "dich-vu-cong",
    "bieu-mau",
    "hoi-dap",
    "dien-thoai",
];

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Responsibility {
    /// Cơ quan chủ quản.
    pub owner: String,
    /// Người chịu trách nhiệm chính.
    pub person: String,
    /// A licence line, when the site has one.
    pub licence: Option<String>,
}

/// Where an agency's portal keeps the pages Decree 42/2022/NĐ-CP asks for; each has the path
/// `loa init` writes as its default.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Portal {
    #[serde(default = "default_organisation")]
    pub organisation: String,
    #[serde(default = "default_leaders")]
    pub leaders: String,
    #[serde(default = "default_contact")]
    pub contact: String,
    #[serde(default = "default_english")]
    pub english: String,
}

fn default_organisation() -> String {
    "/gioi-thieu/".into()
}
fn default_leaders() -> String {
    "/lanh-dao/".into()
}
fn default_contact() -> String {
    "/lien-he/".into()
}
fn default_english() -> String {
    "/en/".into()
}

#[derive(Debug, Clone)]
pub(crate) struct Config {
    pub path: PathBuf,
    pub title: String,
    pub agency: String,
    pub description: String,
    /// Always ends with `/`.
    pub base_url: String,
    /// The path part of `base_url`, always starting and ending with `/`: `/` or `/bhxh/`.
    pub root: String,
    pub language: String,
    pub theme: String,
    pub offset: Offset,
    pub paginate_by: usize,
    pub feed_limit: usize,
    pub home: Home,
    pub contact: Contact,
    pub menu: Vec<MenuItem>,
    pub iframe_hosts: Vec<String>,
    pub nofollow: bool,
    /// Types of legal documents a register accepts besides loa's own list.
    pub document_types: Vec<String>,
    /// The agency's logo (PNG or JPEG: link previews do not show SVG), a site-absolute path
    /// such as `/img/logo.png` or an absolute URL.
    pub logo: Option<String>,
    pub parent: Option<String>,
    pub tasks: Vec<Task>,
    pub responsibility: Option<Responsibility>,
    /// Paths under `content/` (`/tai-lieu/bieu-mau.html`, or a folder `/cong-cu/`) published
    /// as they are even though a browser would run them.
    pub allow_files: Vec<String>,
    /// Present when the site asks `loa check` for the portal rules.
    pub portal: Option<Portal>,
    /// Where each key of `site.yaml` is, for errors found after loading.
    pub spans: HashMap<String, Span>,
}

impl Config {
    /// Parses `site.yaml`; `base_url_override` is `--base-url`, for staging builds.
    pub(crate) fn parse(
        path: &Path,
        text: &str,
        base_url_override: Option<&str>,
    ) -> Result<Config, Diagnostics> {
        let embedded = yaml::Embedded {
            path,
            file_text: text,
            yaml: text,
            line_offset: 0,
        };
        let raw: RawConfig = embedded.parse(CONFIG_KEYS)?;
        let spans = embedded.key_spans();
        let at = |key: &str, message: String, hint: &str, vi: (String, &str)| {
            Diagnostic::error(path, spans.get(key).copied().unwrap_or_default(), message)
                .with_source(text)
                .with_hint(hint)
                .vi(vi.0, Some(vi.1.to_owned()))
        };
        let mut errors = Diagnostics::new();

        let base_url = base_url_override.unwrap_or(&raw.base_url);
        let root = match split_base_url(base_url) {
            Some(root) => root,
            None => {
                let d = at(
                    "base_url",
                    format!("`{base_url}` is not an absolute http(s) URL"),
                    "write the address the site is published at, e.g. https://bhxh.example.gov.vn/",
                    (
                        format!("`{base_url}` không phải địa chỉ web đầy đủ (http/https)"),
                        "ghi địa chỉ trang được đăng, ví dụ: https://bhxh.example.gov.vn/",
                    ),
                );
                errors.push(if base_url_override.is_some() {
                    Diagnostic::file_error("--base-url", d.message.clone())
                } else {
                    d
                });
                "/".to_owned()
            }
        };
        let offset = Offset::parse(&raw.utc_offset).unwrap_or_else(|| {
            errors.push(at(
                "utc_offset",
                format!("`{}` is not a UTC offset", raw.utc_offset),
                "write it as +HH:MM; Vietnam is \"+07:00\"",
                (
                    format!("`{}` không phải múi giờ", raw.utc_offset),
                    "viết theo dạng +HH:MM; Việt Nam là \"+07:00\"",
                ),
            ));
            Offset(420)
        });
        if raw.paginate_by == 0 {
            errors.push(at(
                "paginate_by",
                "paginate_by must be at least 1".into(),
                "a list page of 10 articles suits phones",
                (
                    "paginate_by phải từ 1 trở lên".into(),
                    "10 bài mỗi trang danh sách là vừa trên điện thoại",
                ),
            ));
        }
        if !raw
            .theme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        {
            errors.push(at(
                "theme",
                format!("`{}` is not a theme folder name", raw.theme),
                "name a folder under themes/, e.g. default",
                (
                    format!("`{}` không phải tên thư mục giao diện", raw.theme),
                    "ghi tên một thư mục trong themes/, ví dụ: default",
                ),
            ));
        }
        if let Some(notices) = &raw.home.notices
            && text::slugify(notices).is_empty()
        {
            errors.push(at(
                "home",
                "home.notices must name a section folder".into(),
                "e.g. notices: thong-bao",
                (
                    "home.notices phải là tên thư mục của một mục".into(),
                    "ví dụ: notices: thong-bao",
                ),
            ));
        }
        // Menu and task links are on every page: the same schemes as content's links.
        let links = (raw.menu.iter())
            .map(|m| {
                (
                    "menu",
                    "menu",
                    "của trình đơn",
                    "/tin-tuc/",
                    &m.url,
                    &m.title,
                )
            })
            .chain(raw.tasks.iter().map(|t| {
                (
                    "tasks",
                    "task",
                    "của mục tiện ích",
                    "/hoi-dap/",
                    &t.url,
                    &t.label,
                )
            }));
        for (key, what, vi_what, example, url, name) in links {
            if !crate::load::sanitize::allowed_url(url) {
                errors.push(at(
                    key,
                    format!("the {what} link `{url}` ({name}) uses a scheme links may not use"),
                    &format!("{what} links are site paths ({example}) or http, https, mailto and tel addresses"),
                    (
                        format!("liên kết `{url}` ({name}) {vi_what} dùng giao thức không được phép"),
                        &format!("liên kết là đường dẫn trong trang ({example}) hoặc địa chỉ http, https, mailto, tel"),
                    ),
                ));
            }
        }
        for task in &raw.tasks {
            if !TASK_ICONS.contains(&task.icon.as_str()) {
                errors.push(at(
                    "tasks",
                    format!("`{}` ({}) is not a task icon", task.icon, task.label),
                    &format!("use one of: {}", TASK_ICONS.join(", ")),
                    (
                        format!(
                            "`{}` ({}) không phải biểu tượng có sẵn",
                            task.icon, task.label
                        ),
                        &format!("dùng một trong: {}", TASK_ICONS.join(", ")),
                    ),
                ));
            }
        }
        for host in &raw.iframe_hosts {
            if !is_host_name(host) {
                errors.push(at(
                    "iframe_hosts",
                    format!("`{host}` is not a host name"),
                    "write the host alone, without scheme, path, port or user: www.youtube.com",
                    (
                        format!("`{host}` không phải tên máy chủ"),
                        "chỉ ghi tên máy chủ, không có giao thức, đường dẫn, cổng hay tên người dùng: www.youtube.com",
                    ),
                ));
            }
        }
        for entry in &raw.allow_files {
            if !entry.starts_with('/')
                || entry == "/"
                || entry.contains('\\')
                || entry.split('/').any(|s| s == ".." || s == ".")
            {
                errors.push(at(
                    "allow_files",
                    format!("`{entry}` is not the path of a file or folder under content/"),
                    "write the path from content/, starting with /: /tai-lieu/bieu-mau.html, or a folder ending with /: /cong-cu/",
                    (
                        format!("`{entry}` không phải đường dẫn của một tệp hay thư mục trong content/"),
                        "ghi đường dẫn tính từ content/, bắt đầu bằng /: /tai-lieu/bieu-mau.html, hoặc một thư mục kết thúc bằng /: /cong-cu/",
                    ),
                ));
            }
        }
        if errors.has_errors() {
            return Err(errors);
        }
        let mut base = base_url.to_owned();
        if !base.ends_with('/') {
            base.push('/');
        }
        Ok(Config {
            path: path.to_owned(),
            agency: raw.agency.unwrap_or_else(|| raw.title.clone()),
            description: raw.description.unwrap_or_default(),
            title: raw.title,
            base_url: base,
            root,
            language: raw.language,
            theme: raw.theme,
            offset,
            paginate_by: raw.paginate_by,
            feed_limit: raw.feed_limit,
            home: raw.home,
            contact: raw.contact,
            menu: raw.menu,
            iframe_hosts: raw.iframe_hosts,
            nofollow: raw.nofollow,
            document_types: raw.document_types,
            logo: raw.logo,
            parent: raw.parent,
            tasks: raw.tasks,
            responsibility: raw.responsibility,
            allow_files: raw.allow_files,
            portal: raw.portal,
            spans,
        })
    }

    /// The url of a site path (`tin-tuc/abc/` → `/bhxh/tin-tuc/abc/`).
    pub(crate) fn url(&self, path: &str) -> String {
        format!("{}{}", self.root, path.trim_start_matches('/'))
    }

    /// The absolute URL of a site path, for feeds, sitemaps and canonical links.
    pub(crate) fn permalink(&self, path: &str) -> String {
        format!("{}{}", self.base_url, path.trim_start_matches('/'))
    }

    /// The logo's absolute URL.
    pub(crate) fn logo_permalink(&self) -> Option<String> {
        self.logo.as_deref().map(|logo| {
            if logo.contains("://") {
                logo.to_owned()
            } else {
                self.permalink(logo)
            }
        })
    }

    /// A link written by an author or in the menu: site-absolute paths get the sub-path
    /// prefix, everything else (external, relative, anchors) is left alone.
    pub(crate) fn resolve_link(&self, link: &str) -> String {
        if link.starts_with('/') && !link.starts_with("//") {
            self.url(link)
        } else {
            link.to_owned()
        }
    }
}

/// `https://example.gov.vn/bhxh` → `/bhxh/`; `None` when it is not an http(s) URL.
fn split_base_url(url: &str) -> Option<String> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    if host.is_empty() || host.contains(char::is_whitespace) {
        return None;
    }
    let path = path.trim_end_matches('/');
    Some(if path.is_empty() {
        "/".to_owned()
    } else {
        format!("/{path}/")
    })
}

/// A DNS host name as `iframe_hosts` must give it: labels of letters, digits and hyphens
/// joined by dots. Anything else (`https://…`, `host:443@evil.example`, `host/path`) could make
/// the frame check match a host the site never meant.
fn is_host_name(host: &str) -> bool {
    host.contains('.')
        && host.split('.').all(|label| {
            !label.is_empty()
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_names() {
        for good in [
            "www.youtube.com",
            "video.baohiemxahoi.gov.vn",
            "xn--bo-him-x-hi-4fb.vn",
            "player.vimeo.com",
        ] {
            assert!(is_host_name(good), "{good}");
        }
        for bad in [
            "https://www.youtube.com",
            "www.youtube.com/embed",
            "www.youtube.com:443",
            "a@evil.example",
            "localhost",
            "-a.example",
            "a..example",
            "",
        ] {
            assert!(!is_host_name(bad), "{bad}");
        }
    }

    #[test]
    fn base_url_paths() {
        assert_eq!(split_base_url("https://a.gov.vn").as_deref(), Some("/"));
        assert_eq!(split_base_url("https://a.gov.vn/").as_deref(), Some("/"));
        assert_eq!(
            split_base_url("https://a.gov.vn/bhxh").as_deref(),
            Some("/bhxh/")
        );
        assert_eq!(split_base_url("a.gov.vn"), None);
    }
}
