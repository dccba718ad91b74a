//! Entry points for fuzzing and property tests: each runs one parser on arbitrary input and
//! panics when a property that must hold for every input fails.
//!
//! Compiled for tests and with the `fuzzing` feature only (`fuzz/` builds with it), so the
//! default build's public surface is unchanged.

use std::io::Write;
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::sync::OnceLock;

use html5ever::tendril::TendrilSink;
use html5ever::{ParseOpts, parse_document};
use markup5ever_rcdom::{Handle, NodeData, RcDom};

use crate::base::error::Diagnostic;
use crate::base::yaml::{Embedded, Scalar};
use crate::load::config::Config;
use crate::load::markdown;
use crate::load::sanitize::Sanitizer;
use crate::load::strings::Strings;
use crate::serve::http;

#[cfg(test)]
mod tests;

/// The one host whose iframes articles may keep in these runs.
const IFRAME_HOST: &str = "www.youtube.com";

/// Renders `body` as an article's Markdown and checks the published HTML, parsed as a browser
/// parses it: no script element, no event handler, no script or HTML `data:` address, no
/// iframe from another host. The summary and the table of contents are checked too.
pub fn markdown_sanitize(body: &str) {
    static SANITIZER: OnceLock<Sanitizer> = OnceLock::new();
    let sanitizer = SANITIZER.get_or_init(|| Sanitizer::new(&[IFRAME_HOST.to_owned()], false));
    // The theme's words name task boxes only: empty ones test the same markup.
    let words = Strings::default();
    let rendered = markdown::to_html(body, &|link| link.to_owned(), &|_| None, sanitizer, &words);
    for html in [&rendered.html, &rendered.summary_html] {
        if let Some(problem) = unsafe_html(html) {
            panic!("{problem}\n  input: {body:?}\n  output: {html:?}");
        }
    }
    for heading in &rendered.toc {
        assert!(
            !heading.id.contains(['"', '<', '>', '&', '\'', ' ']),
            "heading id {:?} from {body:?}",
            heading.id
        );
    }
}

/// The first thing in `html` (a fragment placed in a page's body) that could run a script or
/// show another site, if any.
pub fn unsafe_html(html: &str) -> Option<String> {
    let dom = parse_document(RcDom::default(), ParseOpts::default()).one(html);
    let mut found = None;
    walk(&dom.document, &mut |name, attrs| {
        if found.is_some() {
            return;
        }
        if ["script", "object", "embed", "frame", "base", "meta", "form"].contains(&name) {
            found = Some(format!("a <{name}> element"));
        }
        for (attr, value) in attrs {
            let url: String = value
                .chars()
                .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
                .flat_map(char::to_lowercase)
                .collect();
            if attr.starts_with("on") {
                found = Some(format!("an event handler {attr}= on <{name}>"));
            } else if attr == "style" {
                found = Some(format!("a style attribute on <{name}>"));
            } else if [
                "href",
                "src",
                "action",
                "formaction",
                "xlink:href",
                "srcdoc",
            ]
            .contains(&attr.as_str())
                && (url.starts_with("javascript:")
                    || url.starts_with("vbscript:")
                    || url.starts_with("data:text")
                    || attr == "srcdoc")
            {
                found = Some(format!("{attr}={value:?} on <{name}>"));
            } else if name == "iframe" && attr == "src" && !from_allowed_host(&url) {
                found = Some(format!("an iframe of {value:?}"));
            }
        }
    });
    found
}

/// Whether an iframe's (squeezed, lowercased) address is on `IFRAME_HOST` over https.
fn from_allowed_host(url: &str) -> bool {
    let Some(rest) = url.strip_prefix("https://") else {
        return false;
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = authority
        .strip_suffix(":443")
        .unwrap_or(authority)
        .trim_end_matches('.');
    host == IFRAME_HOST
}

/// An element's attributes as (lowercase name with its prefix, value).
type Attributes = [(String, String)];

fn walk(node: &Handle, visit: &mut dyn FnMut(&str, &Attributes)) {
    if let NodeData::Element { name, attrs, .. } = &node.data {
        let attrs: Vec<(String, String)> = attrs
            .borrow()
            .iter()
            .map(|a| {
                let prefix = a.name.prefix.as_ref().map(|p| format!("{p}:"));
                (
                    format!("{}{}", prefix.unwrap_or_default(), a.name.local).to_ascii_lowercase(),
                    a.value.to_string(),
                )
            })
            .collect();
        visit(&name.local.to_ascii_lowercase(), &attrs);
    }
    if let NodeData::Element {
        template_contents, ..
    } = &node.data
        && let Some(contents) = template_contents.borrow().as_ref()
    {
        walk(contents, visit);
    }
    for child in node.children.borrow().iter() {
        walk(child, visit);
    }
}

/// Reads `bytes` as a source file and parses it as `site.yaml` and as front matter (after a
/// `---` line): never a panic, and every error points inside the text.
pub fn yaml(bytes: &[u8]) {
    let path = Path::new("content/site.yaml");
    let text = match crate::base::text::decode(path, bytes) {
        Ok(text) => text,
        Err(d) => return span_inside(&d, &String::from_utf8_lossy(bytes)),
    };
    // libyaml ends a line at NEL, LS and PS too, where loa's spans count only LF, so an error
    // after one of them names a later line: a known difference, left to the YAML module.
    let text = text.replace(['\u{85}', '\u{2028}', '\u{2029}'], " ");
    let text = text.as_str();
    if let Err(errors) = Config::parse(path, text, None) {
        for d in errors {
            span_inside(&d, text);
        }
    }
    let file = format!("---\n{text}\n---\n");
    let embedded = Embedded {
        path,
        file_text: &file,
        yaml: text,
        line_offset: 1,
    };
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Front {
        title: String,
        date: Option<Scalar>,
        #[serde(default)]
        tags: Vec<String>,
        weight: Option<i64>,
    }
    match embedded.parse::<Front>(&["title", "date", "tags", "weight"]) {
        Ok(front) => drop((front.title, front.date, front.tags, front.weight)),
        Err(d) => span_inside(&d, &file),
    }
    let _ = embedded.key_spans();
    let _ = crate::base::yaml::locate(text, &["months", "2021-11", "tinh"]);
}

fn span_inside(d: &Diagnostic, text: &str) {
    if d.span.line == 0 {
        return;
    }
    let lines: Vec<&str> = text.split('\n').collect();
    // The YAML library reports an unexpected end of the text on the line after the last.
    if d.span.line == lines.len() + 1 && d.span.column == 1 {
        return;
    }
    let Some(line) = lines.get(d.span.line - 1) else {
        panic!(
            "{} points at line {} of a text of {} lines: {text:?}",
            d.message,
            d.span.line,
            lines.len()
        );
    };
    assert!(
        d.span.column >= 1 && d.span.column <= line.chars().count() + 1,
        "{} points at column {} of line {:?}",
        d.message,
        d.span.column,
        line
    );
}

/// Imports `text` as an old portal's HTML export: never a panic.
pub fn import_html(text: &str) {
    crate::import::fuzzing::import_html(text);
}

/// Sends `bytes` to the preview's request parser over a real socket: never a panic, and a path
/// it accepts never holds a dot segment, a backslash or a control character.
pub fn http_request(bytes: &[u8]) {
    static LISTENER: OnceLock<TcpListener> = OnceLock::new();
    let listener = LISTENER.get_or_init(|| TcpListener::bind("127.0.0.1:0").expect("bind"));
    let mut client = TcpStream::connect(listener.local_addr().expect("address")).expect("connect");
    let (server, _) = listener.accept().expect("accept");
    // The parser reads at most 16 KiB of a head; more would only fill the socket's buffer.
    let _ = client.write_all(&bytes[..bytes.len().min(64 * 1024)]);
    let _ = client.shutdown(std::net::Shutdown::Write);
    if let Ok(request) = http::read_request(&server) {
        safe_path(&request.path, bytes);
    }
    if let Ok(target) = std::str::from_utf8(bytes)
        && let Ok(path) = http::decode_path(target)
    {
        safe_path(&path, bytes);
    }
}

fn safe_path(path: &str, input: &[u8]) {
    let input = String::from_utf8_lossy(input);
    assert!(path.starts_with('/'), "{path:?} from {input:?}");
    assert!(
        !path.split('/').any(|s| s == ".." || s == "."),
        "dot segment in {path:?} from {input:?}"
    );
    assert!(
        !path.contains(|c: char| c.is_control() || c == '\\'),
        "control character or backslash in {path:?} from {input:?}"
    );
}
