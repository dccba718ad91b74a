//! `loa serve` started on an ephemeral port: reloads, overlays, editors' save patterns,
//! equality with a full build, and the refusals that keep the preview safe.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use common::Fixture;

struct Preview {
    child: Child,
    port: u16,
}

impl Drop for Preview {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(f: &Fixture) -> Preview {
    let mut child = Command::new(env!("CARGO_BIN_EXE_loa"))
        .args(["serve", "--port", "0"])
        .current_dir(f.dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start loa serve");
    let stdout = child.stdout.take().unwrap();
    let mut lines = BufReader::new(stdout).lines();
    let port = loop {
        let line = lines.next().expect("serve printed its address").unwrap();
        if let Some(rest) = line.split("http://127.0.0.1:").nth(1) {
            break rest.split('/').next().unwrap().parse().unwrap();
        }
    };
    // Keep draining stdout so the server never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    Preview { child, port }
}

/// A raw request, so tests control every byte of the request line and headers.
fn raw(port: u16, request: &str) -> (u16, String, String) {
    let text = String::from_utf8_lossy(&raw_bytes(port, request)).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head
        .split_whitespace()
        .nth(1)
        .unwrap_or("0")
        .parse()
        .unwrap_or(0);
    (status, head.to_owned(), body.to_owned())
}

/// The whole response to `request`, as bytes.
fn raw_bytes(port: u16, request: &str) -> Vec<u8> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    s.write_all(request.as_bytes()).unwrap();
    let mut response = Vec::new();
    s.read_to_end(&mut response).unwrap();
    response
}

fn get(port: u16, path: &str) -> (u16, String, String) {
    raw(
        port,
        &format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n"),
    )
}

/// Opens the event stream; each complete event's name arrives on the channel. Returns once
/// the server has answered, so every later rebuild is heard.
fn events(port: u16) -> Receiver<(String, String)> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.write_all(format!("GET /__loa/events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nOrigin: http://127.0.0.1:{port}\r\n\r\n").as_bytes()).unwrap();
    let mut reader = BufReader::new(s);
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).unwrap();
        if line.starts_with(": loa") {
            break;
        }
    }
    let (tx, rx) = channel();
    std::thread::spawn(move || {
        let (mut name, mut data) = (String::new(), String::new());
        for line in reader.lines() {
            let Ok(line) = line else { return };
            if let Some(n) = line.strip_prefix("event: ") {
                name = n.to_owned();
            } else if let Some(d) = line.strip_prefix("data: ") {
                data.push_str(d);
            } else if line.is_empty()
                && !name.is_empty()
                && tx
                    .send((std::mem::take(&mut name), std::mem::take(&mut data)))
                    .is_err()
            {
                return;
            }
        }
    });
    rx
}

fn next_event(rx: &Receiver<(String, String)>) -> (String, String) {
    rx.recv_timeout(Duration::from_secs(15))
        .expect("an event after the change")
}

const ARTICLE: &str = "content/tin-tuc/mot.md";
const ARTICLE_URL: &str = "/tin-tuc/dong-bhyt-ho-gia-dinh-nam-2022/";

/// The news fixture in preview, with a listener on its reload events.
fn watched_news_site() -> (Fixture, Preview, Receiver<(String, String)>) {
    let f = Fixture::news_site("https://example.gov.vn/");
    let p = start(&f);
    let rx = events(p.port);
    (f, p, rx)
}

/// Saves `ARTICLE` with `from` replaced by `to`; gives back the text it had.
fn edit_article(f: &Fixture, from: &str, to: &str) -> String {
    let text = std::fs::read_to_string(f.path(ARTICLE)).unwrap();
    f.write(ARTICLE, &text.replace(from, to));
    text
}

#[test]
fn serves_the_site_with_the_reload_script_only_in_preview() {
    let f = Fixture::news_site("https://example.gov.vn/bhxh/");
    let p = start(&f);
    let (status, head, body) = get(p.port, ARTICLE_URL);
    assert_eq!(status, 200);
    assert!(head.contains("Content-Type: text/html; charset=utf-8"));
    assert!(body.contains("/__loa/reload.js"));
    // Links point at the preview, not at the published sub-path.
    assert!(body.contains("href=\"/tin-tuc/\"") && !body.contains("/bhxh/"));
    let (status, head, _) = get(p.port, "/css/site.css");
    assert_eq!(status, 200);
    assert!(head.contains("text/css; charset=utf-8"));
    let (status, _, body) = get(p.port, "/khong-co-trang-nay/");
    assert_eq!(status, 404);
    assert!(body.contains("Không tìm thấy"), "the site's own 404 page");
    let (status, head, body) = raw(
        p.port,
        &format!(
            "HEAD {ARTICLE_URL} HTTP/1.1\r\nHost: localhost:{}\r\n\r\n",
            p.port
        ),
    );
    assert_eq!(status, 200);
    assert!(head.contains("Content-Length:") && body.is_empty());
    let (status, head, _) = get(p.port, "/tin-tuc");
    assert_eq!(status, 301);
    assert!(head.contains("Location: /tin-tuc/"));
    f.build_ok(&[]);
    assert!(
        !f.out("tin-tuc/dong-bhyt-ho-gia-dinh-nam-2022/index.html")
            .contains("/__loa/"),
        "build output never has the script"
    );
}

#[test]
fn drafts_are_shown_with_a_banner() {
    let f = Fixture::news_site("https://example.gov.vn/");
    f.write(
        "content/tin-tuc/nhap.md",
        "---\ntitle: Bài nháp\ndate: 2022-01-01\ndraft: true\n---\nChưa xong.\n",
    );
    let p = start(&f);
    let (status, _, body) = get(p.port, "/tin-tuc/bai-nhap/");
    assert_eq!(status, 200);
    assert!(body.contains("Bản nháp"));
}

#[test]
fn an_edit_reloads_with_the_new_content_already_served() {
    let (f, p, rx) = watched_news_site();
    edit_article(&f, "Nội dung", "Nội dung mới nhất");
    assert_eq!(next_event(&rx).0, "reload");
    assert!(get(p.port, ARTICLE_URL).2.contains("Nội dung mới nhất"));
}

#[test]
fn a_stylesheet_change_swaps_css_without_reload() {
    let (f, p, rx) = watched_news_site();
    let css = std::fs::read_to_string(f.path("themes/default/static/css/site.css")).unwrap();
    f.write(
        "themes/default/static/css/site.css",
        &format!("{css}\n.moi {{ color: red; }}\n"),
    );
    assert_eq!(next_event(&rx).0, "css");
    assert!(get(p.port, "/css/site.css").2.contains(".moi"));
}

#[test]
fn atomic_rename_saves_and_deletes_are_seen() {
    let (f, p, rx) = watched_news_site();
    // Vim / VS Code style: write a temporary file, then rename it over the original.
    let text = std::fs::read_to_string(f.path(ARTICLE)).unwrap();
    f.write(
        "content/tin-tuc/.mot.md.tmp",
        &text.replace("Nội dung", "Lưu bằng đổi tên"),
    );
    std::fs::rename(f.path("content/tin-tuc/.mot.md.tmp"), f.path(ARTICLE)).unwrap();
    assert_eq!(next_event(&rx).0, "reload");
    assert!(get(p.port, ARTICLE_URL).2.contains("Lưu bằng đổi tên"));

    // Editors' swap and backup files are not content: were they read, the broken backup
    // below would turn the next event into an error.
    f.write("content/tin-tuc/.mot.md.swp", "rác của trình soạn thảo");
    f.write("content/tin-tuc/mot.md~", "---\ntittle: bản sao lưu hỏng\n");
    // Deleting an article removes its page and updates its tag page.
    assert!(
        get(p.port, "/the/luong-huu/")
            .2
            .contains("Chi trả lương hưu")
    );
    f.remove("content/tin-tuc/ba.md");
    let event = next_event(&rx);
    assert_eq!(event.0, "reload", "{event:?}");
    assert_eq!(
        get(p.port, "/tin-tuc/chi-tra-luong-huu-qua-tai-khoan/").0,
        404
    );
    assert_eq!(
        get(p.port, "/the/luong-huu/").0,
        404,
        "a tag with no article left disappears"
    );
    assert!(!get(p.port, "/the/").2.contains("Lương hưu"));
}

#[test]
fn a_broken_edit_shows_an_overlay_and_the_fix_clears_it() {
    let (f, p, rx) = watched_news_site();
    let good = edit_article(&f, "date: 2022-11-25T17:03", "date: 2022-02-30");
    let (name, data) = next_event(&rx);
    assert_eq!(name, "error");
    for expected in [
        "Không dựng được trang",
        "Tệp:",
        "content/tin-tuc/mot.md",
        "<strong>dòng</strong> 3",
        "date: 2022-02-30",
        "Cách sửa:",
        "`2022-02-30` không phải ngày hợp lệ",
        "viết ngày theo dạng năm-tháng-ngày",
    ] {
        assert!(data.contains(expected), "{expected} in the overlay: {data}");
    }
    // The last good site is still served, with the overlay on top.
    let (status, _, body) = get(p.port, ARTICLE_URL);
    assert_eq!(status, 200);
    assert!(body.contains("Mức đóng") && body.contains("loa-overlay"));
    f.write(ARTICLE, &good.replace("Nội dung", "Đã sửa"));
    assert_eq!(next_event(&rx).0, "reload");
    let body = get(p.port, ARTICLE_URL).2;
    assert!(body.contains("Đã sửa") && !body.contains("loa-overlay"));
}

#[test]
fn serve_starts_even_when_the_first_build_fails() {
    let f = Fixture::news_site("https://example.gov.vn/");
    f.write("content/tin-tuc/hong.md", "---\ntittle: Hỏng\n---\n");
    let p = start(&f);
    let (status, _, body) = get(p.port, "/");
    assert_eq!(status, 404);
    assert!(body.contains("loa-overlay") && body.contains("tittle"));
    let rx = events(p.port);
    f.write(
        "content/tin-tuc/hong.md",
        "---\ntitle: Đã sửa\ndate: 2022-01-01\n---\nx\n",
    );
    assert_eq!(next_event(&rx).0, "reload");
    assert_eq!(get(p.port, "/").0, 200);
}

#[test]
fn after_a_series_of_edits_the_preview_equals_a_full_build() {
    let (f, p, rx) = watched_news_site();
    type Edit = Box<dyn Fn(&Fixture)>;
    let edits: Vec<Edit> = vec![
        Box::new(|f| {
            f.write(
                "content/tin-tuc/bon.md",
                "---\ntitle: Bài mới\ndate: 2023-05-05\ntags: [BHYT, Mới]\n---\nMở đầu.\n",
            )
        }),
        Box::new(|f| {
            let t = std::fs::read_to_string(f.path("content/tin-tuc/hai.md")).unwrap();
            f.write(
                "content/tin-tuc/hai.md",
                &t.replace("title: Thanh Hóa vượt", "title: Tỉnh Thanh Hóa vượt"),
            );
        }),
        Box::new(|f| f.remove("content/thong-bao/nghi-le.md")),
        Box::new(|f| {
            let t = std::fs::read_to_string(f.path(ARTICLE)).unwrap();
            f.write(ARTICLE, &t.replace("Đoạn mở đầu", "Đoạn mở đầu đã sửa"));
        }),
        // Only the body below the summary: the article alone is re-rendered.
        Box::new(|f| {
            let t = std::fs::read_to_string(f.path(ARTICLE)).unwrap();
            f.write(ARTICLE, &t.replace("Nội dung", "Nội dung thân bài"));
        }),
        // A new tag moves the article into another list: a full rebuild.
        Box::new(|f| {
            let t = std::fs::read_to_string(f.path(ARTICLE)).unwrap();
            f.write(
                ARTICLE,
                &t.replace(
                    "tags: [BHYT, Hộ gia đình]",
                    "tags: [BHYT, Hộ gia đình, Mới]",
                ),
            );
        }),
        // Two body edits after it: the first makes the preview's search index, the second
        // updates it; both must leave it as a full build writes it.
        Box::new(|f| {
            let t = std::fs::read_to_string(f.path(ARTICLE)).unwrap();
            f.write(
                ARTICLE,
                &t.replace("Nội dung thân bài", "Quỹ hưu trí, thân bài"),
            );
        }),
        Box::new(|f| {
            let t = std::fs::read_to_string(f.path(ARTICLE)).unwrap();
            f.write(ARTICLE, &t.replace("Quỹ hưu trí", "Bảo hiểm thất nghiệp"));
        }),
    ];
    for edit in edits {
        edit(&f);
        assert_eq!(next_event(&rx).0, "reload");
    }
    f.build_ok(&[
        "--drafts",
        "--base-url",
        &format!("http://127.0.0.1:{}/", p.port),
    ]);
    let manifest = get(p.port, "/__loa/manifest").2;
    let served: Vec<&str> = manifest.lines().collect();
    let mut built: Vec<String> = walkdir::WalkDir::new(f.path("output"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.file_name() != ".loa-output")
        .map(|e| {
            e.path()
                .strip_prefix(f.path("output"))
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    built.sort();
    assert_eq!(served, built, "the same files");
    let injection = "<link rel=\"stylesheet\" href=\"/__loa/overlay.css\"><script src=\"/__loa/reload.js\"></script>";
    for file in &built {
        let expected = std::fs::read(f.path("output").join(file)).unwrap();
        let response = raw_bytes(
            p.port,
            &format!("GET /{file} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\n\r\n", p.port),
        );
        assert!(response.starts_with(b"HTTP/1.1 200 "), "{file}");
        let at = response.windows(4).position(|w| w == b"\r\n\r\n").unwrap() + 4;
        let mut body = response[at..].to_vec();
        if file.ends_with(".html") {
            body = String::from_utf8(body)
                .unwrap()
                .replacen(injection, "", 1)
                .into_bytes();
        }
        assert!(body == expected, "{file} differs from the full build");
    }
}

#[test]
fn foreign_hosts_origins_and_escaping_paths_are_refused() {
    let f = Fixture::news_site("https://example.gov.vn/");
    std::fs::write(f.dir.path().join("bi-mat.txt"), "bí mật").unwrap();
    let p = start(&f);
    let port = p.port;
    assert_eq!(
        raw(
            port,
            &format!("GET / HTTP/1.1\r\nHost: evil.example:{port}\r\n\r\n")
        )
        .0,
        403,
        "DNS rebinding"
    );
    assert_eq!(raw(port, "GET / HTTP/1.1\r\n\r\n").0, 403, "no Host");
    assert_eq!(
        raw(port, &format!("GET /__loa/events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nOrigin: http://evil.example\r\n\r\n")).0,
        403,
        "events for another origin"
    );
    for path in [
        "/../bi-mat.txt",
        "/%2e%2e/bi-mat.txt",
        "/tin-tuc/%2E%2E/%2E%2E/bi-mat.txt",
        "/..%2fbi-mat.txt",
        "/%2fetc%2fpasswd",
        "/..\\bi-mat.txt",
        "/tin-tuc\\..\\..\\bi-mat.txt",
        "//etc/passwd",
        "http://127.0.0.1/../bi-mat.txt",
        "/%00",
        "/tin-tuc%0D%0ASet-Cookie:%20x=1",
    ] {
        let (status, _, body) = raw(
            port,
            &format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n"),
        );
        assert_eq!(status, 400, "{path}");
        assert!(!body.contains("bí mật"));
    }
    assert_eq!(
        raw(
            port,
            &format!("POST / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n")
        )
        .0,
        405
    );
    // Many browsers at once.
    let handles: Vec<_> = (0..40)
        .map(|_| std::thread::spawn(move || get(port, "/").0))
        .collect();
    for h in handles {
        assert_eq!(h.join().unwrap(), 200);
    }
}

#[test]
fn an_edit_that_adds_spam_fails_in_the_preview_as_in_the_build() {
    let (f, p, rx) = watched_news_site();
    // A body-only edit, which the preview applies incrementally.
    edit_article(&f, "Nội dung", "Nội dung đặt cược bet365");
    let (name, data) = next_event(&rx);
    assert_eq!(name, "error");
    assert!(
        data.contains("bet365") && data.contains("content/tin-tuc/mot.md"),
        "{data}"
    );
    let page = get(p.port, ARTICLE_URL).2;
    let article = page.split("id=\"loa-overlay\"").next().unwrap();
    assert!(
        !article.contains("bet365"),
        "the spam is never served, only quoted in the overlay"
    );
}

/// A connection to the preview from `source`: every 127.x.y.z address is this machine, so one
/// test can be several clients.
fn connect_from(source: [u8; 4], port: u16) -> TcpStream {
    use std::os::fd::FromRawFd;
    let address = |ip: [u8; 4], port: u16| libc::sockaddr_in {
        sin_family: libc::AF_INET as libc::sa_family_t,
        sin_port: port.to_be(),
        sin_addr: libc::in_addr {
            s_addr: u32::from_ne_bytes(ip),
        },
        sin_zero: [0; 8],
    };
    let size = std::mem::size_of::<libc::sockaddr_in>() as libc::socklen_t;
    // SAFETY: a new socket, owned by the TcpStream at once; the addresses live across the calls.
    unsafe {
        let fd = libc::socket(libc::AF_INET, libc::SOCK_STREAM | libc::SOCK_CLOEXEC, 0);
        assert!(fd >= 0, "{}", std::io::Error::last_os_error());
        let stream = TcpStream::from_raw_fd(fd);
        let from = address(source, 0);
        let to = address([127, 0, 0, 1], port);
        assert_eq!(libc::bind(fd, (&raw const from).cast(), size), 0);
        assert_eq!(libc::connect(fd, (&raw const to).cast(), size), 0);
        stream
    }
}

/// One client holding many connections open (here event streams, which never end) gets its
/// share and a 503 beyond it; another client is still served.
#[test]
fn one_client_holding_connections_cannot_lock_out_another() {
    let f = Fixture::news_site("https://example.gov.vn/");
    let p = start(&f);
    let port = p.port;
    let request = format!(
        "GET /__loa/events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nOrigin: http://127.0.0.1:{port}\r\n\r\n"
    );
    let mut held = Vec::new();
    let mut busy = 0;
    for _ in 0..300 {
        let mut s = connect_from([127, 0, 0, 2], port);
        s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        s.write_all(request.as_bytes()).unwrap();
        let mut status = String::new();
        BufReader::new(&s).read_line(&mut status).unwrap();
        if status.starts_with("HTTP/1.1 200") {
            held.push(s);
        } else {
            assert_eq!(status, "HTTP/1.1 503 Service Unavailable\r\n");
            busy += 1;
        }
    }
    assert_eq!((held.len(), busy), (64, 236));
    let (status, _, body) = get(port, "/");
    assert_eq!(status, 200);
    assert!(body.contains("Bảo hiểm xã hội tỉnh Thử"));
}
