//! Raw HTML in Markdown made safe: an allow-list sanitizer (ammonia) for what is published,
//! and a detector that names what was removed, so the author learns of it.

/// URL schemes a link or image may use; anything else (javascript:, vbscript:, data:, ...) is
/// dropped. Relative URLs and `#anchors` have no scheme and pass.
pub(crate) const SCHEMES: &[&str] = &["http", "https", "mailto", "tel"];

/// Whether `url` is allowed in content: relative, or one of `SCHEMES`.
pub(crate) fn allowed_url(url: &str) -> bool {
    let trimmed: String = url
        .trim()
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect();
    match trimmed.split_once(':') {
        // A colon after a slash, `?` or `#` is part of a relative path, not a scheme.
        Some((scheme, _)) if !scheme.contains(['/', '?', '#']) => {
            SCHEMES.iter().any(|s| scheme.eq_ignore_ascii_case(s))
        }
        _ => true,
    }
}

/// Ids every page of the site has already: `noi-dung`, the skip link's target, and the
/// preview's `loa-…` overlay. Raw HTML that took one would send the skip link (or the preview's
/// script) to the wrong element.
pub(crate) fn is_page_id(id: &str) -> bool {
    id.eq_ignore_ascii_case("noi-dung") || id.to_ascii_lowercase().starts_with("loa-")
}

/// Elements that never hold others, and those whose end tag may be left out (the parser closes
/// them by itself): neither makes raw HTML deeper.
const FLAT: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "option", "thead", "tbody", "tfoot",
    "colgroup", "rb", "rt", "rp", "optgroup", "caption", "html", "head", "body",
];

/// The nesting of raw HTML after `fragment`, from `depth` before it: one more for each start tag
/// of an element that holds others, one less for each end tag. An estimate from the text, made
/// before the HTML parser sees it, whose time grows with the square of the nesting.
pub(crate) fn html_depth(fragment: &str, mut depth: usize) -> (usize, usize) {
    let mut deepest = depth;
    let mut rest = fragment;
    while let Some(lt) = rest.find('<') {
        rest = &rest[lt + 1..];
        let closing = rest.starts_with('/');
        let name_at = usize::from(closing);
        let name_len = rest[name_at..]
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(rest.len() - name_at);
        let name = &rest[name_at..name_at + name_len];
        if name.is_empty() || !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
            continue;
        }
        let tag_end = rest.find('>').unwrap_or(rest.len());
        if FLAT.iter().any(|f| f.eq_ignore_ascii_case(name)) || rest[..tag_end].ends_with('/') {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
        } else {
            depth += 1;
            deepest = deepest.max(depth);
        }
    }
    (depth, deepest)
}

/// Table alignment, as `markdown` writes it (classes, not inline styles, for a strict CSP).
const ALIGN: [&str; 3] = ["align-left", "align-center", "align-right"];

pub(crate) struct Sanitizer {
    builder: ammonia::Builder<'static>,
    iframe_hosts: Vec<String>,
}

impl Sanitizer {
    /// `iframe_hosts` are the hosts whose `<iframe>` may stay (e.g. the agency's video host);
    /// `nofollow` adds `rel="nofollow"` to links, so that search engines give no credit to
    /// sites an article links to.
    pub(crate) fn new(iframe_hosts: &[String], nofollow: bool) -> Sanitizer {
        let mut builder = ammonia::Builder::default();
        builder
            .url_schemes(SCHEMES.iter().copied().collect())
            .link_rel(Some(if nofollow {
                "noopener noreferrer nofollow"
            } else {
                "noopener noreferrer"
            }))
            .add_tags(["input", "figure", "figcaption", "details", "summary"])
            .add_tag_attributes("input", ["type", "checked", "disabled", "aria-label"])
            .add_tag_attributes("td", ["data-label"])
            .add_allowed_classes("td", ALIGN)
            .add_allowed_classes("th", ALIGN)
            .strip_comments(true);
        for heading in ["h1", "h2", "h3", "h4", "h5", "h6"] {
            builder.add_tag_attributes(heading, ["id"]);
        }
        // Footnotes link to their definitions by id.
        builder
            .add_tag_attributes("div", ["id"])
            .add_tag_attributes("sup", ["id"])
            .add_allowed_classes("div", ["footnote-definition"])
            .add_allowed_classes("sup", ["footnote-definition-label", "footnote-reference"]);
        if !iframe_hosts.is_empty() {
            builder.add_tags(["iframe"]).add_tag_attributes(
                "iframe",
                ["src", "title", "width", "height", "allowfullscreen"],
            );
        }
        let hosts = iframe_hosts.to_vec();
        builder.attribute_filter(move |element, attribute, value| {
            // ammonia checks the schemes of the addresses a click or a load follows; `cite`
            // and `longdesc` are addresses too, which scripts and readers may follow.
            let refused = (attribute == "id" && is_page_id(value))
                || (element == "iframe" && attribute == "src" && !iframe_allowed(&hosts, value))
                || (matches!(attribute, "cite" | "longdesc") && !allowed_url(value));
            (!refused).then(|| value.into())
        });
        Sanitizer {
            builder,
            iframe_hosts: iframe_hosts.to_vec(),
        }
    }

    pub(crate) fn clean(&self, html: &str) -> String {
        self.builder.clean(html).to_string()
    }

    /// What the sanitizer will remove from this raw HTML fragment, each as a short reason.
    pub(crate) fn findings(&self, html: &str) -> Vec<String> {
        let lower = html.to_ascii_lowercase();
        let mut found = Vec::new();
        for (tag, why) in [
            ("<script", "a <script> element"),
            ("<style", "a <style> element"),
            ("<form", "a form"),
            ("<meta", "a <meta> element (it can redirect the page)"),
            ("<base", "a <base> element"),
            ("<object", "an <object> element"),
            ("<embed", "an <embed> element"),
        ] {
            if lower.contains(tag) {
                found.push(why.to_owned());
            }
        }
        if lower.contains("<iframe") {
            let src = attribute_values(&lower, "src");
            if src.iter().any(|s| !iframe_allowed(&self.iframe_hosts, s)) || src.is_empty() {
                found.push("an <iframe> from a host not in iframe_hosts of site.yaml".to_owned());
            }
        }
        if attribute_values(&lower, "id")
            .iter()
            .any(|id| is_page_id(id))
        {
            found.push("an id the page itself uses (noi-dung, loa-…)".to_owned());
        }
        if has_event_handler(&lower) {
            found.push("an event handler attribute (onclick=, onerror=, ...)".to_owned());
        }
        for value in attribute_values(&lower, "href")
            .into_iter()
            .chain(attribute_values(&lower, "src"))
        {
            if !allowed_url(&value) {
                found.push(format!(
                    "a link to a forbidden URL scheme ({})",
                    value.split(':').next().unwrap_or_default()
                ));
            }
        }
        for style in attribute_values(&lower, "style") {
            let compact: String = style.chars().filter(|c| !c.is_whitespace()).collect();
            if [
                "display:none",
                "visibility:hidden",
                "font-size:0",
                "opacity:0",
                "left:-",
                "top:-",
                "text-indent:-",
                "height:0",
                "width:0",
            ]
            .iter()
            .any(|p| compact.contains(p))
            {
                found.push("an inline style that hides content".to_owned());
            } else {
                found.push("an inline style".to_owned());
            }
        }
        found
    }
}

fn iframe_allowed(hosts: &[String], src: &str) -> bool {
    let rest = src.strip_prefix("https://").unwrap_or("");
    // Browsers end the authority at a backslash too, and take what follows a `@` as the host:
    // `https://www.youtube.com:443@evil.example/` loads evil.example.
    let authority = rest.split(['/', '?', '#', '\\']).next().unwrap_or("");
    if authority.contains('@') {
        return false;
    }
    let host = authority.split(':').next().unwrap_or("");
    !host.is_empty() && hosts.iter().any(|h| h.eq_ignore_ascii_case(host))
}

fn has_event_handler(lower: &str) -> bool {
    let bytes = lower.as_bytes();
    lower.match_indices("on").any(|(i, _)| {
        let before = i.checked_sub(1).map(|j| bytes[j]);
        let name_end = lower[i..]
            .find(|c: char| !c.is_ascii_alphanumeric())
            .map(|n| i + n);
        matches!(before, Some(b' ' | b'\t' | b'\n' | b'/' | b'"' | b'\''))
            && name_end.is_some_and(|e| e > i + 2 && lower[e..].trim_start().starts_with('='))
    })
}

/// Values of `name="..."` (or single-quoted, or bare) attributes in a lowercase fragment.
fn attribute_values(lower: &str, name: &str) -> Vec<String> {
    let mut values = Vec::new();
    let pattern = format!("{name}=");
    for (i, _) in lower.match_indices(&pattern) {
        let before = lower[..i].chars().last();
        if !matches!(before, Some(' ' | '\t' | '\n' | '"' | '\'' | '/')) {
            continue;
        }
        let rest = &lower[i + pattern.len()..];
        let value = match rest.chars().next() {
            Some(q @ ('"' | '\'')) => rest[1..].split(q).next().unwrap_or(""),
            _ => rest.split([' ', '>', '\t', '\n']).next().unwrap_or(""),
        };
        values.push(value.to_owned());
    }
    values
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iframes_from_allowed_hosts_only() {
        let hosts = vec!["www.youtube.com".to_owned()];
        for ok in [
            "https://www.youtube.com/embed/abc",
            "https://WWW.YOUTUBE.COM/embed/abc?start=5",
            "https://www.youtube.com:443/embed/abc",
        ] {
            assert!(iframe_allowed(&hosts, ok), "{ok}");
        }
        for bad in [
            "https://www.youtube.com:443@evil.example/embed/abc",
            "https://www.youtube.com@evil.example/",
            "https://evil.example\\@www.youtube.com/",
            "https://www.youtube.com.evil.example/",
            "http://www.youtube.com/embed/abc",
            "//www.youtube.com/embed/abc",
        ] {
            assert!(!iframe_allowed(&hosts, bad), "{bad}");
        }
    }

    #[test]
    fn schemes_are_an_allow_list() {
        for ok in [
            "/tin-tuc/",
            "anh.jpg",
            "#muc-1",
            "https://a.gov.vn",
            "mailto:a@b.vn",
            "tel:19009068",
            "?q=a:b",
        ] {
            assert!(allowed_url(ok), "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            " java\tscript:x",
            "vbscript:x",
            "data:text/html,x",
            "file:///etc",
        ] {
            assert!(!allowed_url(bad), "{bad}");
        }
    }

    #[test]
    fn dangerous_constructs_are_removed_and_named() {
        let s = Sanitizer::new(&["www.youtube.com".to_owned()], false);
        let html = r#"<p onclick="x()">a<script>alert(1)</script><img src="x" onerror="alert(1)"><a href="javascript:alert(1)">b</a></p><iframe src="https://evil.example/x"></iframe><iframe src="https://www.youtube.com/embed/1" title="v"></iframe><span style="display:none">nhà cái</span><meta http-equiv="refresh" content="0;url=https://evil"><form action="x"><input name="a"></form><style>p{}</style>"#;
        let clean = s.clean(html);
        for gone in [
            "<script",
            "onclick",
            "onerror",
            "javascript:",
            "evil.example",
            "display:none",
            "<meta",
            "<form",
            "<style",
        ] {
            assert!(!clean.contains(gone), "{gone} left in {clean}");
        }
        assert!(clean.contains("https://www.youtube.com/embed/1"), "{clean}");
        let findings = s.findings(html).join("; ");
        for named in [
            "<script>",
            "event handler",
            "forbidden URL scheme (javascript)",
            "<iframe>",
            "hides content",
            "<meta>",
            "form",
            "<style>",
        ] {
            assert!(findings.contains(named), "{named} not in {findings}");
        }
    }

    #[test]
    fn ordinary_markup_is_kept() {
        let s = Sanitizer::new(&[], false);
        let html = r#"<p>a <abbr title="Bảo hiểm y tế">BHYT</abbr> <a href="/tin-tuc/">x</a></p><table><tr><td class="align-right">1</td></tr></table><h2 id="ket-qua">K</h2>"#;
        let clean = s.clean(html);
        assert!(
            clean.contains("<abbr title=\"Bảo hiểm y tế\">")
                && clean.contains("class=\"align-right\"")
                && clean.contains("id=\"ket-qua\""),
            "{clean}"
        );
        assert!(s.findings("<p>bình thường <b>đậm</b></p>").is_empty());
    }
}
