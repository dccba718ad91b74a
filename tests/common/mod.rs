//! Fixture sites in temporary folders, built with the real `loa` binary and the real default theme.
#![allow(dead_code)] // each test crate uses a different part of this module

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

mod tree;
pub use tree::copy_tree;

pub struct Fixture {
    pub dir: tempfile::TempDir,
}

pub const SITE_YAML: &str = r#"title: "Bảo hiểm xã hội tỉnh Thử"
agency: "Bảo hiểm xã hội tỉnh Thử"
description: "Trang thử nghiệm."
base_url: "BASE_URL"
paginate_by: 2
feed_limit: 3
home:
  notices: thong-bao
  latest_per_section: 3
contact:
  address: "Số 1 Lê Lợi"
  hotline: "1900 9068"
  email: "lienhe@example.gov.vn"
menu:
  - title: Trang chủ
    url: /
  - title: Tin tức
    url: /tin-tuc/
  - title: Giới thiệu
    url: /gioi-thieu/
"#;

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

impl Fixture {
    /// An empty site with the repository's default theme and a config at `base_url`.
    pub fn new(base_url: &str) -> Fixture {
        let dir = tempfile::tempdir().expect("temp dir");
        copy_tree(
            &repo().join("themes/default"),
            &dir.path().join("themes/default"),
        );
        let f = Fixture { dir };
        f.write(
            "content/site.yaml",
            &SITE_YAML.replace("BASE_URL", base_url),
        );
        f
    }

    /// A small but complete site: two sections (one nested), notices, a standalone page.
    pub fn news_site(base_url: &str) -> Fixture {
        let f = Fixture::new(base_url);
        f.write(
            "content/_index.md",
            "---\ntitle: Trang chủ\n---\nChào mừng.\n",
        );
        f.write(
            "content/gioi-thieu.md",
            "---\ntitle: Giới thiệu\n---\nVề cơ quan.\n",
        );
        f.write(
            "content/tin-tuc/_index.md",
            "---\ntitle: Tin tức\nweight: 1\n---\n",
        );
        f.write(
            "content/thong-bao/_index.md",
            "---\ntitle: Thông báo\nweight: 3\n---\n",
        );
        f.write(
            "content/chinh-sach/_index.md",
            "---\ntitle: Chính sách\nweight: 2\n---\n",
        );
        f.write(
            "content/chinh-sach/bhyt/_index.md",
            "---\ntitle: Bảo hiểm y tế\n---\n",
        );
        f.write(
            "content/tin-tuc/mot.md",
            "---\ntitle: Đóng BHYT hộ gia đình năm 2022\ndate: 2022-11-25T17:03\nauthor: Nguyễn Văn A\ntags: [BHYT, Hộ gia đình]\n---\nĐoạn mở đầu về BHYT.\n\n## Mức đóng\n\nNội dung [chính sách](/chinh-sach/bhyt/muc-dong-bhyt/).\n",
        );
        f.write(
            "content/tin-tuc/hai.md",
            "---\ntitle: Thanh Hóa vượt chỉ tiêu BHXH tự nguyện\ndate: 2021-12-01\ntags: [BHXH tự nguyện, BHYT]\naliases: [\"/tin-tuc/tin-cu-123.html\"]\n---\nTỉnh đạt 104,61% kế hoạch.\n",
        );
        f.write(
            "content/tin-tuc/ba.md",
            "---\ntitle: Chi trả lương hưu qua tài khoản\ndate: 2020-05-09\ntags: [Lương hưu]\n---\nNgười hưởng nhận qua ngân hàng.\n",
        );
        f.write(
            "content/chinh-sach/bhyt/muc-dong.md",
            "---\ntitle: Mức đóng BHYT\ndate: 2023-07-01\ntags: [BHYT]\n---\nMức đóng bằng 4,5% lương cơ sở.\n",
        );
        f.write(
            "content/thong-bao/nghi-le.md",
            "---\ntitle: Lịch nghỉ Tết\ndate: 2024-02-01\n---\nCơ quan nghỉ Tết theo quy định.\n",
        );
        f
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    pub fn write(&self, rel: &str, text: &str) {
        self.write_bytes(rel, text.as_bytes());
    }

    pub fn write_bytes(&self, rel: &str, bytes: &[u8]) {
        let path = self.path(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }

    pub fn remove(&self, rel: &str) {
        std::fs::remove_file(self.path(rel)).unwrap();
    }

    /// Runs `loa <args>` in the site folder.
    pub fn loa(&self, args: &[&str]) -> Run {
        let output = Command::new(env!("CARGO_BIN_EXE_loa"))
            .args(args)
            .current_dir(self.dir.path())
            .output()
            .expect("run loa");
        Run::from(output)
    }

    pub fn build(&self) -> Run {
        self.loa(&["build"])
    }

    /// Builds and fails the test with loa's messages if the build failed.
    pub fn build_ok(&self, args: &[&str]) -> Run {
        let mut all = vec!["build"];
        all.extend(args);
        let run = self.loa(&all);
        assert!(run.ok, "build failed:\n{}", run.stderr);
        run
    }

    pub fn out(&self, rel: &str) -> String {
        let path = self.path("output").join(rel);
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    pub fn exists(&self, rel: &str) -> bool {
        self.path("output").join(rel).exists()
    }
}

pub struct Run {
    pub ok: bool,
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl From<Output> for Run {
    fn from(o: Output) -> Run {
        Run {
            ok: o.status.success(),
            code: o.status.code(),
            stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
        }
    }
}

/// Every `href="..."` and `src="..."` value in `html`.
pub fn links(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in ["href=\"", "src=\""] {
        let mut rest = html;
        while let Some(i) = rest.find(attr) {
            rest = &rest[i + attr.len()..];
            if let Some(end) = rest.find('"') {
                out.push(rest[..end].replace("&amp;", "&"));
            }
        }
    }
    out
}

/// Checks that every site-internal link of every HTML file under `output` resolves to a file
/// (or folder with index.html) of the output, given the site's path prefix `root`.
pub fn broken_internal_links(output: &Path, root: &str, host: &str) -> Vec<String> {
    let mut broken = Vec::new();
    for entry in walkdir::WalkDir::new(output) {
        let entry = entry.unwrap();
        let is_html = entry.path().extension().is_some_and(|e| e == "html");
        if !is_html {
            continue;
        }
        let html = std::fs::read_to_string(entry.path()).unwrap();
        let page_dir = entry.path().parent().unwrap().to_path_buf();
        for link in links(&html) {
            let link = link.split(['#', '?']).next().unwrap_or_default().to_owned();
            let link = link.strip_prefix(host).map(str::to_owned).unwrap_or(link);
            if link.is_empty()
                || link.contains("://")
                || link.starts_with("mailto:")
                || link.starts_with("tel:")
                || link.starts_with("data:")
            {
                continue;
            }
            let target = if let Some(abs) = link.strip_prefix('/') {
                match ("/".to_owned() + abs).strip_prefix(root) {
                    Some(inside) => output.join(inside),
                    None => {
                        broken.push(format!(
                            "{}: {link} (outside the site root {root})",
                            entry.path().display()
                        ));
                        continue;
                    }
                }
            } else {
                page_dir.join(&link)
            };
            let ok = target.is_file() || target.join("index.html").is_file();
            if !ok {
                broken.push(format!("{}: {link}", entry.path().display()));
            }
        }
    }
    broken
}

/// Builds the repository's sample site into a temporary folder: (the folder, the site, the run).
pub fn build_sample() -> (tempfile::TempDir, PathBuf, Run) {
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("site");
    let run = Run::from(
        Command::new(env!("CARGO_BIN_EXE_loa"))
            .args([
                "--root",
                repo().to_str().unwrap(),
                "build",
                "--output",
                target.to_str().unwrap(),
            ])
            .output()
            .unwrap(),
    );
    (out, target, run)
}
