//! `loa serve`: the live preview. Builds the site into memory, serves it, rebuilds on every
//! save and tells the browser to reload; a broken edit shows an overlay over the last good site.

pub mod http;
mod overlay;
pub(crate) mod watch;

use std::collections::HashMap;
use std::io::Write;
use std::net::{IpAddr, SocketAddr, TcpListener, TcpStream};
use std::path::PathBuf;
use std::sync::mpsc::channel;
use std::sync::{Arc, Condvar, Mutex, RwLock};
use std::time::{Duration, Instant};

use crate::base::error::{Diagnostic, display_path};
use crate::output::memory::Files;
use crate::pipeline::Options;
use crate::pipeline::incremental::{self, LastBuild};
use http::{Refusal, Request};
use overlay::{OVERLAY_CSS, inject, overlay};

/// What the browser is told after a rebuild.
#[derive(Clone, Debug, PartialEq)]
enum Message {
    Reload,
    /// Only stylesheets changed: swap them without reloading the page.
    Css,
    /// The rebuild failed: show this overlay.
    Error(Arc<String>),
}

/// Wakes every open event stream when a rebuild finishes.
#[derive(Default)]
struct Hub {
    state: Mutex<(u64, Option<Message>)>,
    changed: Condvar,
}

impl Hub {
    fn publish(&self, message: Message) {
        if let Ok(mut state) = self.state.lock() {
            state.0 += 1;
            state.1 = Some(message);
        }
        self.changed.notify_all();
    }
}

pub(crate) struct Server {
    files: RwLock<Arc<Files>>,
    /// The overlay of the last failed rebuild, until a good one.
    overlay: RwLock<Option<Arc<String>>>,
    hub: Hub,
    bind: IpAddr,
    port: u16,
    connections: Mutex<Connections>,
}

/// Connections open at once, in all and from each client address. A client that holds
/// connections open (event streams, slow reads) takes at most its own share, so one client
/// cannot lock the others out.
#[derive(Default)]
struct Connections {
    total: usize,
    by_client: HashMap<IpAddr, usize>,
}

const MAX_CONNECTIONS: usize = 256;
/// Enough for a browser's six parallel requests plus an event stream per open tab.
const MAX_PER_CLIENT: usize = 64;
const RELOAD_JS: &str = include_str!("reload.js");

/// Runs the preview until the process is stopped. `ready` is called with the address once
/// the site is served, so tests can wait for it.
pub(crate) fn run(
    mut options: Options,
    bind: IpAddr,
    port: u16,
    ready: impl FnOnce(SocketAddr),
) -> Result<(), Diagnostic> {
    let listener = TcpListener::bind((bind, port)).map_err(|e| {
        Diagnostic::file_error(format!("{bind}:{port}"), format!("cannot listen: {e}"))
            .with_hint("another program uses this port; choose another with --port, or --port 0 for any free one")
    })?;
    let address = listener
        .local_addr()
        .map_err(|e| Diagnostic::file_error("serve", e.to_string()))?;
    let host = match address.ip() {
        IpAddr::V6(ip) => format!("[{ip}]"),
        ip if ip.is_unspecified() => "127.0.0.1".to_owned(),
        ip => ip.to_string(),
    };
    // Links must lead to the preview, not to the published site.
    options.base_url = Some(format!("http://{host}:{}/", address.port()));
    options.drafts = true;

    let server = Arc::new(Server {
        files: RwLock::new(Arc::new(Files::new())),
        overlay: RwLock::new(None),
        hub: Hub::default(),
        bind: address.ip(),
        port: address.port(),
        connections: Mutex::new(Connections::default()),
    });
    let started = Instant::now();
    let mut current = None;
    match incremental::rebuild(&options) {
        Ok((built, files)) => {
            print_all(built.warnings());
            current = Some(built);
            say(format_args!(
                "Built {} files in {:.0} ms",
                files.len(),
                started.elapsed().as_secs_f64() * 1000.0
            ));
            *server.files.write().expect("not poisoned") = Arc::new(files);
        }
        Err(errors) => {
            let all = errors.into_sorted();
            print_all(&all);
            say_err(format_args!(
                "The site does not build yet; the browser shows why. Fix the files and save."
            ));
            *server.overlay.write().expect("not poisoned") = Some(Arc::new(overlay(&all)));
        }
    }

    let dirs: Vec<PathBuf> = [options.content_dir(), options.root.join("themes")]
        .into_iter()
        .filter(|d| d.is_dir())
        .collect();
    let (tx, rx) = channel();
    let _watcher = watch::start(&dirs, tx).map_err(|e| {
        Diagnostic::file_error(&options.root, format!("cannot watch the site: {e}"))
    })?;
    {
        let server = Arc::clone(&server);
        std::thread::spawn(move || {
            while let Some(changed) =
                watch::next_batch(&rx, Duration::from_millis(20), Duration::from_millis(400))
            {
                on_change(&server, &options, &mut current, &changed);
            }
        });
    }

    if !address.ip().is_loopback() {
        say_err(format_args!(
            "warning: serving on {address}, which other computers can reach; drafts are visible to them"
        ));
    }
    say(format_args!(
        "Serving the preview at http://{host}:{}/ (drafts included). Press Ctrl+C to stop.",
        address.port()
    ));
    ready(address);
    for stream in listener.incoming() {
        let Ok(stream) = stream else { continue };
        let Some(slot) = Slot::take(&server, &stream) else {
            let mut stream = stream;
            let _ = http::respond(
                &mut stream,
                503,
                "text/plain; charset=utf-8",
                &[("Retry-After", "1")],
                b"busy",
                false,
            );
            continue;
        };
        std::thread::spawn(move || {
            slot.server.handle(stream);
            drop(slot);
        });
    }
    Ok(())
}

/// A place among the open connections, given back when the connection's thread ends.
struct Slot {
    server: Arc<Server>,
    client: IpAddr,
}

impl Slot {
    fn take(server: &Arc<Server>, stream: &TcpStream) -> Option<Slot> {
        let client = stream.peer_addr().ok()?.ip().to_canonical();
        let mut open = server.connections.lock().unwrap_or_else(|e| e.into_inner());
        let mine = open.by_client.get(&client).copied().unwrap_or(0);
        if open.total >= MAX_CONNECTIONS || mine >= MAX_PER_CLIENT {
            return None;
        }
        open.total += 1;
        open.by_client.insert(client, mine + 1);
        Some(Slot {
            server: Arc::clone(server),
            client,
        })
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        let mut open = self
            .server
            .connections
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        open.total -= 1;
        if let Some(n) = open.by_client.get_mut(&self.client) {
            *n -= 1;
            if *n == 0 {
                open.by_client.remove(&self.client);
            }
        }
    }
}

/// The preview's progress lines. A closed pipe or a full disk on the terminal's side must not
/// stop the server, so a line that cannot be written is dropped.
fn say(line: std::fmt::Arguments) {
    let _ = writeln!(std::io::stdout(), "{line}");
}

fn say_err(line: std::fmt::Arguments) {
    let _ = writeln!(std::io::stderr(), "{line}");
}

fn print_all(diagnostics: &[Diagnostic]) {
    let mut err = std::io::stderr().lock();
    for d in diagnostics {
        let _ = writeln!(err, "{d}");
    }
}

fn on_change(
    server: &Server,
    options: &Options,
    current: &mut Option<LastBuild>,
    changed: &[PathBuf],
) {
    let started = Instant::now();
    let previous = server
        .files
        .read()
        .map(|f| Arc::clone(&f))
        .unwrap_or_default();
    let failing = server.overlay.read().map(|o| o.is_some()).unwrap_or(true);
    // After a failed build only a full one can tell whether every problem is gone.
    let patched = match current.as_mut() {
        Some(c) if !failing => c.patch(changed, &previous),
        _ => None,
    };
    let incremental = patched.is_some();
    let result = match patched {
        Some(r) => r,
        None => incremental::rebuild(options).map(|(c, files)| {
            let warnings = c.warnings().to_vec();
            *current = Some(c);
            (files, warnings)
        }),
    };
    match result {
        Ok((files, warnings)) => {
            print_all(&warnings);
            let differs: Vec<&String> = files
                .iter()
                .filter(|(path, bytes)| previous.get(*path) != Some(*bytes))
                .map(|(path, _)| path)
                .chain(previous.keys().filter(|p| !files.contains_key(*p)))
                .collect();
            let css_only = !differs.is_empty() && differs.iter().all(|p| p.ends_with(".css"));
            let had_errors = server
                .overlay
                .write()
                .map(|mut o| o.take().is_some())
                .unwrap_or(false);
            let count = differs.len();
            if let Ok(mut f) = server.files.write() {
                *f = Arc::new(files);
            }
            let root =
                std::fs::canonicalize(&options.root).unwrap_or_else(|_| options.root.clone());
            let shown: Vec<String> = changed
                .iter()
                .map(|p| display_path(p.strip_prefix(&root).unwrap_or(p)))
                .collect();
            say(format_args!(
                "{} in {:.0} ms after a change to {}: {count} files changed",
                if incremental { "Updated" } else { "Rebuilt" },
                started.elapsed().as_secs_f64() * 1000.0,
                shown.join(", ")
            ));
            if had_errors || (count > 0 && !css_only) {
                server.hub.publish(Message::Reload);
            } else if css_only {
                server.hub.publish(Message::Css);
            }
        }
        Err(errors) => {
            let all = errors.into_sorted();
            print_all(&all);
            let html = Arc::new(overlay(&all));
            if let Ok(mut o) = server.overlay.write() {
                *o = Some(Arc::clone(&html));
            }
            server.hub.publish(Message::Error(html));
        }
    }
}

impl Server {
    fn allowed_host(&self, host: &str) -> bool {
        let (name, port) = match host.rsplit_once(':') {
            Some((n, p)) if !n.ends_with(']') || host.starts_with('[') => {
                (n, p.parse::<u16>().ok())
            }
            _ => (host, None),
        };
        if port.is_some_and(|p| p != self.port) || (port.is_none() && self.port != 80) {
            return false;
        }
        let name = name.trim_start_matches('[').trim_end_matches(']');
        if name.eq_ignore_ascii_case("localhost") {
            return true;
        }
        // An IP literal cannot be rebound by DNS; a domain name could point anywhere.
        match name.parse::<IpAddr>() {
            Ok(ip) => {
                self.bind.is_unspecified()
                    || ip == self.bind
                    || (ip.is_loopback() && self.bind.is_loopback())
            }
            Err(_) => false,
        }
    }

    fn handle(&self, mut stream: TcpStream) {
        let request = match http::read_request(&stream) {
            Ok(r) => r,
            Err(Refusal::MethodNotAllowed) => {
                let _ = http::respond(
                    &mut stream,
                    405,
                    "text/plain; charset=utf-8",
                    &[("Allow", "GET, HEAD")],
                    b"only GET and HEAD",
                    false,
                );
                return;
            }
            Err(Refusal::BadRequest(why)) => {
                let _ = http::respond(
                    &mut stream,
                    400,
                    "text/plain; charset=utf-8",
                    &[],
                    why.as_bytes(),
                    false,
                );
                return;
            }
        };
        let head_only = request.method == "HEAD";
        if !request
            .host
            .as_deref()
            .is_some_and(|h| self.allowed_host(h))
        {
            let _ = http::respond(
                &mut stream,
                403,
                "text/plain; charset=utf-8",
                &[],
                b"this Host is not allowed",
                head_only,
            );
            return;
        }
        match request.path.as_str() {
            "/__loa/reload.js" => {
                let _ = http::respond(
                    &mut stream,
                    200,
                    "text/javascript; charset=utf-8",
                    &[],
                    RELOAD_JS.as_bytes(),
                    head_only,
                );
            }
            "/__loa/overlay.css" => {
                let _ = http::respond(
                    &mut stream,
                    200,
                    "text/css; charset=utf-8",
                    &[],
                    OVERLAY_CSS.as_bytes(),
                    head_only,
                );
            }
            "/__loa/events" => self.events(stream, &request),
            // The list of files in memory, so tests and tools can compare with `loa build`.
            "/__loa/manifest" => {
                let files = self
                    .files
                    .read()
                    .map(|f| Arc::clone(&f))
                    .unwrap_or_default();
                let mut names: Vec<&str> = files.keys().map(String::as_str).collect();
                names.sort_unstable();
                let body = names.join("\n");
                let _ = http::respond(
                    &mut stream,
                    200,
                    "text/plain; charset=utf-8",
                    &[],
                    body.as_bytes(),
                    head_only,
                );
            }
            _ => self.serve_file(stream, &request, head_only),
        }
    }

    fn serve_file(&self, mut stream: TcpStream, request: &Request, head_only: bool) {
        let files = self
            .files
            .read()
            .map(|f| Arc::clone(&f))
            .unwrap_or_default();
        let overlay = self.overlay.read().ok().and_then(|o| o.clone());
        let overlay = overlay.as_deref().map(String::as_str);
        let relative = request.path.trim_start_matches('/');
        let key = if relative.is_empty() || relative.ends_with('/') {
            format!("{relative}index.html")
        } else {
            relative.to_owned()
        };
        if let Some(bytes) = files.get(&key) {
            let ctype = http::content_type(&key);
            let body = if key.ends_with(".html") {
                inject(bytes, overlay)
            } else {
                bytes.to_vec()
            };
            let _ = http::respond(&mut stream, 200, ctype, &[], &body, head_only);
        } else if files.contains_key(&format!("{relative}/index.html")) {
            let location = format!("{}/", request.path);
            let _ = http::respond(
                &mut stream,
                301,
                "text/plain; charset=utf-8",
                &[("Location", &location)],
                b"",
                head_only,
            );
        } else {
            let body = match files.get("404.html") {
                Some(page) => inject(page, overlay),
                None => inject("<!DOCTYPE html><html lang=\"vi\"><meta charset=\"utf-8\"><title>Xem trước</title><body><p>Trang chưa được dựng.</p></body></html>".as_bytes(), overlay),
            };
            let _ = http::respond(
                &mut stream,
                404,
                "text/html; charset=utf-8",
                &[],
                &body,
                head_only,
            );
        }
    }

    /// Server-sent events: `reload`, `css` and `error` (with the overlay), and a comment
    /// every 15 s so proxies and browsers keep the stream open.
    fn events(&self, mut stream: TcpStream, request: &Request) {
        // A page of another site must not listen in (or learn that a preview runs here).
        if let Some(origin) = &request.origin {
            let host = origin.strip_prefix("http://").unwrap_or("");
            if !self.allowed_host(host) {
                let _ = http::respond(
                    &mut stream,
                    403,
                    "text/plain; charset=utf-8",
                    &[],
                    b"this Origin is not allowed",
                    false,
                );
                return;
            }
        }
        // Note the current generation before answering: a client that has read the head will
        // hear of every rebuild that finishes after it.
        let Ok(mut state) = self.hub.state.lock() else {
            return;
        };
        let mut seen = state.0;
        let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\nCache-Control: no-store\r\nConnection: keep-alive\r\n\r\n: loa\n\n";
        if stream
            .write_all(head.as_bytes())
            .and_then(|_| stream.flush())
            .is_err()
        {
            return;
        }
        loop {
            let (next, timeout) = match self
                .hub
                .changed
                .wait_timeout(state, Duration::from_secs(15))
            {
                Ok(r) => r,
                Err(_) => return,
            };
            state = next;
            let payload = if state.0 != seen {
                seen = state.0;
                match &state.1 {
                    Some(Message::Reload) => "event: reload\ndata: 1\n\n".to_owned(),
                    Some(Message::Css) => "event: css\ndata: 1\n\n".to_owned(),
                    Some(Message::Error(html)) => {
                        let mut event = String::from("event: error\n");
                        for line in html.lines() {
                            event.push_str("data: ");
                            event.push_str(line);
                            event.push('\n');
                        }
                        event.push('\n');
                        event
                    }
                    None => continue,
                }
            } else if timeout.timed_out() {
                ": ping\n\n".to_owned()
            } else {
                continue;
            };
            // Write without holding the lock, so one slow browser does not stall the others.
            drop(state);
            if stream
                .write_all(payload.as_bytes())
                .and_then(|_| stream.flush())
                .is_err()
            {
                return;
            }
            state = match self.hub.state.lock() {
                Ok(s) => s,
                Err(_) => return,
            };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn server(bind: &str, port: u16) -> Server {
        Server {
            files: RwLock::new(Arc::new(Files::new())),
            overlay: RwLock::new(None),
            hub: Hub::default(),
            bind: bind.parse().unwrap(),
            port,
            connections: Mutex::new(Connections::default()),
        }
    }

    #[test]
    fn only_local_hosts_on_the_right_port() {
        let s = server("127.0.0.1", 8000);
        assert!(s.allowed_host("127.0.0.1:8000"));
        assert!(s.allowed_host("localhost:8000"));
        assert!(!s.allowed_host("evil.example:8000"), "DNS rebinding");
        assert!(!s.allowed_host("127.0.0.1:9000"));
        assert!(!s.allowed_host("192.168.1.5:8000"));
        let any = server("0.0.0.0", 8000);
        assert!(any.allowed_host("192.168.1.5:8000"));
        assert!(!any.allowed_host("attacker.example:8000"));
    }
}
