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
    fn dot_segments() {
        assert_eq!(normalise("tin-tuc/a/../b/./c/"), "tin-tuc/b/c/");
    }
}
