//! The built sample site in a real browser: `tests/browser/run.mjs` drives Debian's Chromium
//! (axe-core, layout at 360 and 1280 px, console errors, outside requests, keyboard, search).
//!
//! It needs `/usr/bin/chromium` and Node.js 18 or newer, which `.ci/run` installs; without
//! them the test fails and says what to install: a skipped browser test would pass unseen.

mod common;

use std::io::Read;
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use loa::http;

const CHROMIUM: &str = "/usr/bin/chromium";
/// The site is served under a sub-path, as an agency site often is.
const PREFIX: &str = "/bhxh/";
const RUN_LIMIT: Duration = Duration::from_secs(600);

/// Words whose folding, lowercase and splitting the search script must get exactly as
/// `text::fold`, `search::lowercase` and `search::words` do.
const WORDS: &[&str] = &[
    "Đóng BHYT hộ gia đình",
    "ĐƯỜNG DÂY NÓNG",
    "Thuỷ lợi, Thủy lợi",
    "Ủy ban nhân dân, uỷ ban",
    "Hòa Bình, Hoà Bình",
    "nghĩa vụ",
    "Ho\u{0323}\u{0302} gia \u{0111}i\u{0300}nh",
    "Đắk Lắk, Quảng Trị",
    "Nguyễn Thị Lan",
    "Ơn ưu",
    "TK1-TS, 4,5%, 1.800.000 đồng",
    "Σίσυφος ΟΔΟΣ",
    "İstanbul",
    "ﬁnance ǅemal ǆ",
    "\u{212B}ngström \u{2126}hm \u{212A}elvin",
    "ẞ ß ŉ",
    "ΐ",
    "x² ①② Ⓐ Ⅻ",
    "北京 Россия",
];

/// Serves `root` at `PREFIX` with the headers of its `_headers` file (the Content-Security-Policy
/// and the others), as a plain static host would: a folder's `index.html`, a redirect for a
/// folder without its slash, `404.html` with status 404.
fn serve(listener: TcpListener, root: PathBuf) {
    let headers: Vec<(String, String)> = std::fs::read_to_string(root.join("_headers"))
        .expect("the build writes _headers")
        .lines()
        .filter_map(|l| l.strip_prefix("  ")?.split_once(": "))
        .map(|(name, value)| (name.to_owned(), value.to_owned()))
        .collect();
    for stream in listener.incoming().flatten() {
        let (root, headers) = (root.clone(), headers.clone());
        std::thread::spawn(move || answer(stream, &root, &headers));
    }
}

fn answer(mut stream: TcpStream, root: &Path, headers: &[(String, String)]) {
    let headers: Vec<(&str, &str)> = headers
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();
    let Ok(request) = http::read_request(&stream) else {
        let _ = http::respond(
            &mut stream,
            400,
            "text/plain",
            &headers,
            b"bad request",
            false,
        );
        return;
    };
    let head = request.method == "HEAD";
    let not_found = |stream: &mut TcpStream| {
        let page = std::fs::read(root.join("404.html")).unwrap_or_default();
        let _ = http::respond(
            stream,
            404,
            "text/html; charset=utf-8",
            &headers,
            &page,
            head,
        );
    };
    let Some(rel) = request.path.strip_prefix(PREFIX) else {
        return not_found(&mut stream);
    };
    let mut file = root.join(rel);
    if rel.is_empty() || rel.ends_with('/') {
        file = file.join("index.html");
    } else if file.is_dir() {
        let location = format!("{}/", request.path);
        let mut redirect = headers.clone();
        redirect.push(("Location", &location));
        let _ = http::respond(&mut stream, 301, "text/plain", &redirect, b"", head);
        return;
    }
    match std::fs::read(&file) {
        Ok(bytes) => {
            let kind = http::content_type(&file.to_string_lossy());
            let _ = http::respond(&mut stream, 200, kind, &headers, &bytes, head);
        }
        Err(_) => not_found(&mut stream),
    }
}

fn require_tools() {
    assert!(
        Path::new(CHROMIUM).exists(),
        "the browser tests need Debian's Chromium at {CHROMIUM}: `apt-get install -y chromium` (.ci/run does it)"
    );
    let node = Command::new("node").arg("--version").output();
    let version = node
        .as_ref()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned());
    let major = version.as_deref().and_then(|v| {
        v.trim_start_matches('v')
            .split('.')
            .next()?
            .parse::<u32>()
            .ok()
    });
    assert!(
        major.is_some_and(|m| m >= 18),
        "the browser tests need Node.js 18 or newer (found {version:?}): `apt-get install -y nodejs npm` (.ci/run does it)"
    );
}

/// `npm ci` when the runner's packages are not installed yet: pinned by package-lock.json.
fn install_runner(dir: &Path) {
    if dir.join("node_modules/playwright-core").is_dir()
        && dir.join("node_modules/axe-core").is_dir()
    {
        return;
    }
    let out = Command::new("npm")
        .args(["ci", "--no-audit", "--no-fund"])
        .current_dir(dir)
        .output()
        .expect("run npm");
    assert!(
        out.status.success(),
        "npm ci in {} failed:\n{}{}",
        dir.display(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

fn checks_json() -> String {
    let words: Vec<serde_json::Value> = WORDS
        .iter()
        .map(|w| {
            serde_json::json!({
                "word": w,
                "fold": loa::fold(w),
                "lowercase": loa::lowercase(w),
                "words": loa::words(w),
            })
        })
        .collect();
    let shards: Vec<String> = ["bhyt", "2024", "пр"]
        .iter()
        .map(|k| loa::shard(k))
        .collect();
    serde_json::json!({"words": words, "shards": shards}).to_string()
}

#[test]
fn the_sample_site_passes_in_a_real_browser() {
    require_tools();
    let runner = common::repo().join("tests/browser");
    install_runner(&runner);

    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}{PREFIX}", listener.local_addr().unwrap());
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    let build = common::Run::from(
        Command::new(env!("CARGO_BIN_EXE_loa"))
            .args(["--root", common::repo().to_str().unwrap(), "build"])
            .args(["--output", site.to_str().unwrap(), "--base-url", &base])
            .output()
            .unwrap(),
    );
    assert!(build.ok, "{}", build.stderr);
    {
        let site = site.clone();
        std::thread::spawn(move || serve(listener, site));
    }
    let checks = out.path().join("checks.json");
    std::fs::write(&checks, checks_json()).unwrap();
    let shots = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .unwrap()
        .join("browser-screenshots");
    let _ = std::fs::remove_dir_all(&shots);

    let started = Instant::now();
    let mut child = Command::new("node")
        .arg(runner.join("run.mjs"))
        .args([&base, shots.to_str().unwrap(), checks.to_str().unwrap()])
        .current_dir(&runner)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start node");
    // Read both pipes while the run goes on, so a long log never blocks it.
    let read = |mut pipe: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut text = String::new();
            pipe.read_to_string(&mut text).unwrap();
            text
        })
    };
    let stdout = read(Box::new(child.stdout.take().unwrap()));
    let stderr = read(Box::new(child.stderr.take().unwrap()));
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > RUN_LIMIT {
            child.kill().unwrap();
            panic!("the browser run took more than {RUN_LIMIT:?}");
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let log = format!("{}{}", stdout.join().unwrap(), stderr.join().unwrap());
    println!("{log}browser run: {:.1} s", started.elapsed().as_secs_f64());
    assert!(status.success(), "the browser checks failed:\n{log}");
}
