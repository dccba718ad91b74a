//! A small HTTP/1.1 server for the preview: GET and HEAD of an in-memory site, refusing
//! foreign hosts (DNS rebinding) and any path that tries to leave the site.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

/// A parsed request: only what the preview needs.
#[derive(Debug)]
pub struct Request {
    pub method: String,
    /// The decoded path, always starting with `/`.
    pub path: String,
    pub host: Option<String>,
    pub origin: Option<String>,
}

#[derive(Debug, PartialEq, Eq)]
pub enum Refusal {
    BadRequest(&'static str),
    MethodNotAllowed,
}

const MAX_HEAD: usize = 16 * 1024;

/// Reads and checks one request head. The path is percent-decoded and refused when it could
/// name anything outside the site: `..`, encoded slashes, backslashes, NUL, absolute URLs.
pub fn read_request(stream: &TcpStream) -> Result<Request, Refusal> {
    read_request_within(stream, HEAD_DEADLINE)
}

/// How long a client has to send its whole request head. A timeout per read alone lets a
/// client that sends a byte every few seconds hold a connection, and 256 such clients, every
/// connection the preview allows.
const HEAD_DEADLINE: Duration = Duration::from_secs(10);

/// Reads from a stream until a moment, then fails as a timed-out read.
struct Deadline<'a> {
    stream: &'a TcpStream,
    until: Instant,
}

impl Read for Deadline<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let left = self.until.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(std::io::ErrorKind::TimedOut.into());
        }
        self.stream.set_read_timeout(Some(left))?;
        let mut stream = self.stream;
        stream.read(buf)
    }
}

fn read_request_within(stream: &TcpStream, deadline: Duration) -> Result<Request, Refusal> {
    let until = Instant::now() + deadline;
    let mut reader = BufReader::new(Deadline { stream, until }.take(MAX_HEAD as u64));
    let mut line = String::new();
    reader
        .read_line(&mut line)
        .map_err(|_| Refusal::BadRequest("unreadable request"))?;
    let mut parts = line.split_whitespace();
    let (Some(method), Some(target), Some(version)) = (parts.next(), parts.next(), parts.next())
    else {
        return Err(Refusal::BadRequest("malformed request line"));
    };
    if !version.starts_with("HTTP/1.") {
        return Err(Refusal::BadRequest("unsupported HTTP version"));
    }
    let (mut host, mut origin) = (None, None);
    loop {
        let mut header = String::new();
        match reader.read_line(&mut header) {
            Ok(0) => break,
            Ok(_) if header.trim().is_empty() => break,
            Ok(_) => {
                if let Some((name, value)) = header.split_once(':') {
                    let value = value.trim().to_owned();
                    match name.trim().to_ascii_lowercase().as_str() {
                        "host" => host = Some(value),
                        "origin" => origin = Some(value),
                        _ => {}
                    }
                }
            }
            Err(_) => return Err(Refusal::BadRequest("unreadable headers")),
        }
    }
    let method = method.to_owned();
    if method != "GET" && method != "HEAD" {
        return Err(Refusal::MethodNotAllowed);
    }
    let path = decode_path(target)?;
    Ok(Request {
        method,
        path,
        host,
        origin,
    })
}

/// Percent-decodes the path of a request target and refuses what could escape the site.
pub fn decode_path(target: &str) -> Result<String, Refusal> {
    if !target.starts_with('/') || target.starts_with("//") {
        return Err(Refusal::BadRequest("the request target must be a path"));
    }
    let raw = target.split(['?', '#']).next().unwrap_or("/");
    let lower = raw.to_ascii_lowercase();
    // An encoded slash or backslash would let one segment hide a path separator.
    if lower.contains("%2f") || lower.contains("%5c") || raw.contains('\\') {
        return Err(Refusal::BadRequest(
            "encoded path separators are not allowed",
        ));
    }
    let mut bytes = Vec::with_capacity(raw.len());
    let mut iter = raw.bytes();
    while let Some(b) = iter.next() {
        if b == b'%' {
            let hex = [iter.next(), iter.next()];
            let [Some(h), Some(l)] = hex else {
                return Err(Refusal::BadRequest("bad percent-encoding"));
            };
            let value = std::str::from_utf8(&[h, l])
                .ok()
                .and_then(|s| u8::from_str_radix(s, 16).ok())
                .ok_or(Refusal::BadRequest("bad percent-encoding"))?;
            bytes.push(value);
        } else {
            bytes.push(b);
        }
    }
    let path =
        String::from_utf8(bytes).map_err(|_| Refusal::BadRequest("the path is not UTF-8"))?;
    // Control characters (CR and LF above all) would reach the Location of a redirect.
    if path.contains(|c: char| c.is_control()) || path.contains('\\') {
        return Err(Refusal::BadRequest("invalid character in the path"));
    }
    if path
        .split('/')
        .any(|segment| segment == ".." || segment == ".")
    {
        return Err(Refusal::BadRequest("dot segments are not allowed"));
    }
    Ok(path)
}

pub fn content_type(path: &str) -> &'static str {
    let ext = path
        .rsplit_once('.')
        .map_or("", |(_, e)| e)
        .to_ascii_lowercase();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "json" => "application/json; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

/// Writes a whole response. `head_only` answers HEAD: same headers, no body.
pub fn respond(
    stream: &mut TcpStream,
    status: u16,
    content_type: &str,
    extra_headers: &[(&str, &str)],
    body: &[u8],
    head_only: bool,
) -> std::io::Result<()> {
    let reason = match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        503 => "Service Unavailable",
        _ => "Error",
    };
    let mut head = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n",
        body.len()
    );
    for (name, value) in extra_headers {
        head.push_str(name);
        head.push_str(": ");
        push_header_value(&mut head, value);
        head.push_str("\r\n");
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes())?;
    if !head_only {
        stream.write_all(body)?;
    }
    stream.flush()
}

/// A header value with its control characters percent-encoded: whatever a value is made
/// from (a path in a redirect's Location), it can never end the header or start another.
fn push_header_value(head: &mut String, value: &str) {
    for c in value.chars() {
        if c.is_control() {
            let mut utf8 = [0; 4];
            for byte in c.encode_utf8(&mut utf8).bytes() {
                head.push_str(&format!("%{byte:02X}"));
            }
        } else {
            head.push(c);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A client that sends its head a byte at a time, each within the per-read timeout, is
    /// still cut off when the whole head takes longer than the deadline.
    #[test]
    fn a_slow_request_head_is_cut_off_at_the_deadline() {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let address = listener.local_addr().unwrap();
        let client = std::thread::spawn(move || {
            let mut stream = TcpStream::connect(address).unwrap();
            for byte in b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n" {
                if stream.write_all(&[*byte]).is_err() {
                    break;
                }
                std::thread::sleep(Duration::from_millis(50));
            }
        });
        let (stream, _) = listener.accept().unwrap();
        let started = Instant::now();
        let result = read_request_within(&stream, Duration::from_millis(300));
        assert!(result.is_err(), "a 2-second head passed a 300 ms deadline");
        assert!(
            started.elapsed() < Duration::from_secs(1),
            "{:?}",
            started.elapsed()
        );
        drop(stream);
        client.join().unwrap();
    }

    #[test]
    fn control_characters_never_reach_a_header() {
        let mut head = String::new();
        push_header_value(&mut head, "/tin\r\nSet-Cookie: x=1/\u{7f}\u{85}");
        assert_eq!(head, "/tin%0D%0ASet-Cookie: x=1/%7F%C2%85");
        let mut plain = String::new();
        push_header_value(&mut plain, "/tin-tức/bài-viết/");
        assert_eq!(plain, "/tin-tức/bài-viết/");
        for target in ["/a%0D%0ASet-Cookie:x=1/", "/a%0Ab/", "/a%09b", "/a%7F"] {
            assert!(decode_path(target).is_err(), "{target}");
        }
    }

    #[test]
    fn traversal_attempts_are_refused() {
        for bad in [
            "/../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/tin-tuc/%2E%2E/%2E%2E/x",
            "/a%2fb",
            "/a%5cb",
            "/a\\..\\b",
            "//etc/passwd",
            "http://evil/x",
            "/./x",
            "/a%00b",
            "/%ff",
        ] {
            assert!(decode_path(bad).is_err(), "{bad} should be refused");
        }
    }

    #[test]
    fn ordinary_paths_are_decoded() {
        assert_eq!(decode_path("/tin-tuc/?q=1").unwrap(), "/tin-tuc/");
        assert_eq!(decode_path("/t%C3%ACm").unwrap(), "/tìm");
        assert_eq!(decode_path("/a..b/").unwrap(), "/a..b/");
    }

    #[test]
    fn text_types_say_utf8() {
        assert_eq!(content_type("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("x.CSV"), "text/csv; charset=utf-8");
        assert_eq!(content_type("anh.jpg"), "image/jpeg");
    }
}
