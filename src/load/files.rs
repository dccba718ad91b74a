//! Files of `content/` a browser or web server would run: refused unless `site.yaml` allows
//! their path; SVG and XML read with an XML parser and refused when they can run anything.

use std::path::Path;

use crate::base::error::{Diagnostic, Span};

/// The rule name of every finding here, as `loa check` prints it.
pub(crate) const RULE: &str = "runnable-file";

/// Extensions a browser runs (HTML, scripts, XSLT), a web server may run (PHP, ASP, JSP, CGI,
/// server-side includes), or that hide their content from the check (compressed SVG).
const REFUSED: &[&str] = &[
    "html", "htm", "xhtml", "xht", "shtml", "shtm", "mht", "mhtml", "js", "mjs", "cjs", "xsl",
    "xslt", "svgz", "php", "phtml", "phar", "asp", "aspx", "jsp", "cgi",
];

/// Extensions read as XML and checked element by element.
const CHECKED: &[&str] = &["svg", "xml"];

/// Whether `name` (a file name) has to go through [`check`] before it is published.
pub(crate) fn needs_check(name: &str) -> bool {
    let extension = extension(name);
    REFUSED.contains(&extension.as_str()) || CHECKED.contains(&extension.as_str())
}

fn extension(name: &str) -> String {
    name.rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default()
}

/// Whether `allowed` (the `allow_files` of `site.yaml`) lets `site_path` (the file's path
/// under `content/`, without a leading `/`) be published as it is: an exact path, or a folder
/// ending with `/` that holds it.
pub(crate) fn is_allowed(site_path: &str, allowed: &[String]) -> bool {
    allowed.iter().any(|entry| {
        let entry = entry.trim_start_matches('/');
        if entry.ends_with('/') {
            site_path.starts_with(entry)
        } else {
            site_path == entry
        }
    })
}

/// The finding that stops `path` (published at `/site_path`) from being published, if any.
pub(crate) fn check(path: &Path, site_path: &str) -> Option<Diagnostic> {
    let extension = extension(site_path);
    if REFUSED.contains(&extension.as_str()) {
        let what = format!("a .{extension} file runs in the reader's browser or on the web server");
        return Some(refused(path, Span::new(1, 1, 1), what, site_path, None));
    }
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) => return Some(Diagnostic::file_error(path, format!("cannot read: {e}"))),
    };
    let svg = extension == "svg";
    let Ok(text) = std::str::from_utf8(&bytes) else {
        let what = "the file is not UTF-8, so loa cannot check what it runs".to_owned();
        return Some(refused(path, Span::new(1, 1, 1), what, site_path, None));
    };
    let (at, what, more) = find_runnable(text, svg)?;
    let span = Span::from_offsets(text, at.start, at.end);
    Some(refused(path, span, what, site_path, Some(more)).with_source(text))
}

fn refused(
    path: &Path,
    span: Span,
    what: String,
    site_path: &str,
    more: Option<usize>,
) -> Diagnostic {
    let d = Diagnostic::error(path, span, format!("{what}; it is not published"))
        .with_hint(format!(
            "delete it (save drawings as plain SVG without scripts, links to other sites or embedded HTML), \
             or, if the agency vouches for this file, list it in site.yaml: allow_files: [\"/{site_path}\"]"
        ))
        .vi(
            "tệp này có thể chạy mã trên trình duyệt của người đọc nên không được đăng",
            Some(format!(
                "xóa tệp (lưu hình vẽ dạng SVG thường, không có script, liên kết tới trang khác hay HTML nhúng), \
                 hoặc nếu cơ quan đảm bảo tệp này an toàn, khai báo trong site.yaml: allow_files: [\"/{site_path}\"]"
            )),
        )
        .rule(RULE);
    match more {
        Some(n) if n > 0 => d.with_note(format!("and {n} more such places in the file")),
        _ => d,
    }
}

/// The first thing in `text` (an SVG when `svg`, else any XML) that could run or load
/// something, as (where, what, how many more): scripts, event handlers, HTML inside, script
/// URLs, style sheets that transform the file, entities that could hide any of these, and in
/// SVG references to other sites. `None` when the file is plain data or a plain drawing.
fn find_runnable(text: &str, svg: bool) -> Option<(std::ops::Range<usize>, String, usize)> {
    if let Some(at) = unsafe_doctype(text) {
        let what =
            "a DOCTYPE declares markup or external entities, which can hide a script".to_owned();
        return Some((at, what, 0));
    }
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    let doc = match roxmltree::Document::parse_with_options(text, options) {
        Ok(doc) => doc,
        Err(e) => {
            let pos = e.pos();
            let start = offset_of(text, pos.row as usize, pos.col as usize);
            return Some((
                start..start + 1,
                format!("the file is not well-formed XML ({e})"),
                0,
            ));
        }
    };
    let mut found = Vec::new();
    for node in doc.descendants() {
        if let Some(pi) = node.pi()
            && pi.target.eq_ignore_ascii_case("xml-stylesheet")
        {
            found.push((node.range(), "an xml-stylesheet instruction".to_owned()));
        }
        if !node.is_element() {
            continue;
        }
        let name = node.tag_name();
        let local = name.name().to_ascii_lowercase();
        let tag = node.range().start..node.range().start + 1 + name.name().len();
        if name.namespace() == Some(XHTML) {
            found.push((tag.clone(), format!("the HTML element <{local}>")));
        } else if ELEMENTS.contains(&local.as_str())
            || (local == "foreignobject" && !holds_only_foreign_data(node))
        {
            found.push((tag.clone(), format!("the element <{}>", name.name())));
        }
        if local == "style"
            && svg
            && let Some(css) = node.text()
            && loads_from_elsewhere(css)
        {
            found.push((
                tag.clone(),
                "a style sheet that loads from another site".to_owned(),
            ));
        }
        for attr in node.attributes() {
            let attr_name = attr.name().to_ascii_lowercase();
            let value = squeeze(attr.value());
            let problem = if attr_name.starts_with("on") {
                Some(format!("the event handler {}=", attr.name()))
            } else if ["javascript:", "vbscript:", "livescript:"]
                .iter()
                .any(|s| value.contains(s))
            {
                Some(format!("a script address in {}=", attr.name()))
            } else if attr_name == "href" || attr_name == "src" || attr_name == "base" {
                url_problem(&value, svg).map(|p| format!("{p} in {}=", attr.name()))
            } else if attr_name == "style" && svg && loads_from_elsewhere(attr.value()) {
                Some("a style that loads from another site".to_owned())
            } else {
                None
            };
            if let Some(problem) = problem {
                found.push((attr.range(), problem));
            }
        }
    }
    let more = found.len().saturating_sub(1);
    let (at, what) = found.into_iter().next()?;
    Some((at, what, more))
}

const XHTML: &str = "http://www.w3.org/1999/xhtml";

/// Elements that run code or show another document, in any namespace. `handler` and
/// `listener` are SVG Tiny's scripting.
const ELEMENTS: &[&str] = &["script", "iframe", "embed", "object", "handler", "listener"];

/// Whether a `<foreignObject>` holds only elements of other vocabularies and no text: what
/// Adobe Illustrator writes (`<i:pgfRef>`), which a browser shows nothing of. HTML or text
/// inside it would be rendered as a web page inside the drawing.
fn holds_only_foreign_data(node: roxmltree::Node) -> bool {
    node.descendants().skip(1).all(|n| {
        if n.is_text() {
            n.text().is_none_or(|t| t.trim().is_empty())
        } else {
            !n.is_element()
                || n.tag_name()
                    .namespace()
                    .is_some_and(|ns| ns != XHTML && ns != SVG)
        }
    })
}

const SVG: &str = "http://www.w3.org/2000/svg";

/// A URL as a browser reads it: ASCII whitespace and control characters anywhere are
/// dropped (`java\tscript:` is `javascript:`), letters lowercased.
fn squeeze(value: &str) -> String {
    value
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
        .flat_map(char::to_lowercase)
        .collect()
}

/// What is wrong with a reference (already squeezed): a scheme other than raster `data:`
/// images, and in SVG any address on another site.
fn url_problem(url: &str, svg: bool) -> Option<&'static str> {
    const RASTER: &[&str] = &[
        "data:image/png",
        "data:image/jpeg",
        "data:image/jpg",
        "data:image/gif",
        "data:image/webp",
    ];
    let scheme = url.split_once(':').map(|(s, _)| s).filter(|s| {
        s.starts_with(|c: char| c.is_ascii_alphabetic())
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c))
    });
    match scheme {
        Some("data") if RASTER.iter().any(|r| url.starts_with(r)) => None,
        Some("data") => Some("a data: address that is not a PNG, JPEG, GIF or WebP image"),
        Some("http" | "https") if svg => Some("a reference to another site"),
        Some("http" | "https") => None,
        Some(_) => Some("an address with a scheme other than http or https"),
        None if svg
            && (url.starts_with("//") || url.starts_with("/\\") || url.starts_with("\\")) =>
        {
            Some("a reference to another site")
        }
        None => None,
    }
}

/// Whether CSS pulls a file from another site (`@import`, `url(https://…)`, `url(//…)`).
fn loads_from_elsewhere(css: &str) -> bool {
    let css = squeeze(css);
    css.contains("@import")
        || css.match_indices("url(").any(|(i, _)| {
            let target = css[i + 4..].trim_start_matches(['"', '\'']);
            target.starts_with("http:") || target.starts_with("https:") || target.starts_with("//")
        })
}

/// The range of a DOCTYPE whose internal subset declares anything but plain-text general
/// entities (`<!ENTITY ns_svg "http://www.w3.org/2000/svg">`, which Adobe Illustrator writes).
/// Text entities expand to text only, which the parser then shows the check like any other;
/// markup in an entity, parameter entities and external entities are where parsers differ,
/// and where a script could hide from the check.
fn unsafe_doctype(text: &str) -> Option<std::ops::Range<usize>> {
    text.match_indices("<!DOCTYPE")
        .find_map(|(start, keyword)| {
            let rest = &text[start..];
            let open = rest.find(['[', '>'])?;
            let plain =
                rest.as_bytes()[open] == b'>' || plain_entities(&rest[open + 1..]).is_some();
            (!plain).then(|| start..start + keyword.len())
        })
}

/// `Some` when `subset` (after the `[`) holds only comments and plain-text entities up to `]`.
fn plain_entities(mut subset: &str) -> Option<()> {
    loop {
        subset = subset.trim_start();
        if subset.starts_with(']') {
            return Some(());
        }
        if let Some(after) = subset.strip_prefix("<!--") {
            subset = &after[after.find("-->")? + 3..];
            continue;
        }
        let words = subset.strip_prefix("<!ENTITY")?.trim_start();
        let name_end = words.find(char::is_whitespace)?;
        if words.starts_with('%') || name_end == 0 {
            return None;
        }
        let words = words[name_end..].trim_start();
        let quote = words.chars().next().filter(|q| *q == '"' || *q == '\'')?;
        let value_end = words[1..].find(quote)? + 1;
        if words[1..value_end].contains(['<', '&', '%']) {
            return None;
        }
        subset = words[value_end + 1..].trim_start().strip_prefix('>')?;
    }
}

/// The byte offset of 1-based `row` and `col` (in characters) in `text`.
fn offset_of(text: &str, row: usize, col: usize) -> usize {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(row.saturating_sub(1))
        .map(str::len)
        .sum();
    text[line_start..]
        .char_indices()
        .nth(col.saturating_sub(1))
        .map_or(text.len(), |(i, _)| line_start + i)
}
