//! URLs as links write them: the host of an absolute link, a relative path resolved.

/// The lowercase host of an absolute (or protocol-relative) URL.
pub(crate) fn host_of(url: &str) -> Option<String> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .or_else(|| url.strip_prefix("//"))?;
    let host = rest.split(['/', '?', '#']).next()?.split(':').next()?;
    (!host.is_empty()).then(|| host.to_ascii_lowercase())
}

/// Where a link on the page at `page` leads, as a browser reads it: the lowercase host and
/// whether it is plain http, when the link names a host of its own. Browsers repair what a
/// string comparison would miss: `/\\host`, `\\\\host`, `http:host`, tabs and line breaks inside,
/// `user@host`, `HTTPS://`, so the link is resolved with a WHATWG URL parser against the page.
/// A link that stays on the page's host without naming it (`/tin-tuc/`, `anh.jpg`) gives None.
pub(crate) fn link_host(link: &str, page: &url::Url) -> Option<(String, bool)> {
    // Most links are site paths; only a scheme, a backslash, a leading `//` or characters
    // a browser drops can make one leave the site.
    let plain_path = !link.starts_with("//")
        && !link
            .bytes()
            .any(|b| b == b':' || b == b'\\' || b <= b' ' || b == 0x7f);
    if plain_path {
        return None;
    }
    // Parsed on its own first: `https:host` is relative on an https page but leaves the site
    // on an http one (the preview), so it counts as naming its host.
    let resolved = url::Url::parse(link).or_else(|_| page.join(link)).ok()?;
    let host = resolved.host_str()?.to_ascii_lowercase();
    let names_host = host != page.host_str().unwrap_or_default().to_ascii_lowercase() || {
        let plain: String = link
            .trim_matches(|c: char| c <= ' ')
            .chars()
            .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
            .map(|c| {
                if c == '\\' {
                    '/'
                } else {
                    c.to_ascii_lowercase()
                }
            })
            .collect();
        plain.starts_with("//") || plain.starts_with("http://") || plain.starts_with("https://")
    };
    names_host.then(|| (host, resolved.scheme() == "http"))
}

/// The address of the page at site path `path` under `base_url`; a base that is not an
/// address (a relative `base_url` for a site served from files) stands for a local host.
pub(crate) fn page_url(base_url: &str, path: &str) -> url::Url {
    let fallback = || url::Url::parse("http://localhost/").expect("a valid address");
    let base = url::Url::parse(base_url).unwrap_or_else(|_| fallback());
    base.join(path).unwrap_or(base)
}

/// A site path with `.` and `..` segments resolved.
pub(crate) fn normalise(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            ".." => {
                parts.pop();
            }
            "." => {}
            p => parts.push(p),
        }
    }
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts() {
        assert_eq!(
            host_of("https://Bet.Example:8080/x").as_deref(),
            Some("bet.example")
        );
        assert_eq!(host_of("/tin-tuc/"), None);
    }

    #[test]
    fn links_are_read_as_a_browser_reads_them() {
        let page = page_url("https://bhxh.example.gov.vn/", "tin-tuc/bai/");
        let host = |link: &str| link_host(link, &page);
        let evil = Some(("evil.example".to_owned(), false));
        for link in [
            "//evil.example/x",
            "/\\evil.example/x",
            "\\\\evil.example",
            "https://bhxh.example.gov.vn:443@evil.example/",
            "HTTPS://EVIL.example",
            " https://evil.example",
            "ht\ttps://evil.example",
            "https:evil.example",
        ] {
            assert_eq!(host(link), evil, "{link:?}");
        }
        assert_eq!(
            host("http:evil.example"),
            Some(("evil.example".to_owned(), true))
        );
        assert_eq!(
            host("https://BHXH.example.gov.vn/x"),
            Some(("bhxh.example.gov.vn".to_owned(), false))
        );
        for link in [
            "/tin-tuc/",
            "anh.jpg",
            "../",
            "#muc-1",
            "?trang=2",
            "mailto:a@b.vn",
        ] {
            assert_eq!(host(link), None, "{link:?}");
        }
    }

    #[test]
    fn dot_segments() {
        assert_eq!(normalise("tin-tuc/a/../b/./c/"), "tin-tuc/b/c/");
    }
}
