//! `loa init`: a new, working site with the default theme, written only into an empty folder.

use std::fs;
use std::path::Path;

use crate::base::error::Diagnostic;

include!(concat!(env!("OUT_DIR"), "/default_theme.rs"));

const SITE_YAML: &str = r#"# Cấu hình trang: xem README.md của loa để biết mọi khoá.
title: "Bảo hiểm xã hội tỉnh"
agency: "Bảo hiểm xã hội tỉnh"
description: "Trang thông tin điện tử của Bảo hiểm xã hội tỉnh."
base_url: "https://example.gov.vn/"
logo: /img/logo.png
language: vi
theme: default
utc_offset: "+07:00"
paginate_by: 10
feed_limit: 20
home:
  notices: thong-bao
  latest_per_section: 4
contact:
  address: "Số 1, đường ..., thành phố ..."
  hotline: "1900 9068"
  email: "lienhe@example.gov.vn"
  working_hours: "Thứ Hai – Thứ Sáu, 7:30–17:00"
menu:
  - title: Trang chủ
    url: /
  - title: Giới thiệu
    url: /gioi-thieu/
  - title: Tin tức
    url: /tin-tuc/
  - title: Thông báo
    url: /thong-bao/
"#;

const FILES: &[(&str, &str)] = &[
    ("content/site.yaml", SITE_YAML),
    (
        "content/_index.md",
        "---\ntitle: Trang chủ\n---\n\nChào mừng bạn đến với trang thông tin điện tử của cơ quan.\n",
    ),
    (
        "content/gioi-thieu.md",
        "---\ntitle: Giới thiệu\n---\n\nGiới thiệu chức năng, nhiệm vụ và cách liên hệ với cơ quan.\n",
    ),
    (
        "content/tin-tuc/_index.md",
        "---\ntitle: Tin tức\ndescription: Tin hoạt động của ngành.\nweight: 1\n---\n",
    ),
    (
        "content/tin-tuc/bai-viet-dau-tien.md",
        "---\ntitle: Bài viết đầu tiên\ndate: 2024-01-15\nauthor: Phòng Truyền thông\ntags: [Tin hoạt động]\n---\n\nĐoạn mở đầu là phần tóm tắt hiển thị trong danh sách tin.\n\n## Nội dung chính\n\nViết bài bằng Markdown. Xem README.md của loa để biết các khoá front matter.\n",
    ),
    (
        "content/thong-bao/_index.md",
        "---\ntitle: Thông báo\nweight: 2\n---\n",
    ),
    (".gitignore", "/output\n"),
];

/// Creates the site in `dir`, which must be missing or empty.
pub(crate) fn create(dir: &Path) -> Result<(), Diagnostic> {
    if dir.exists() {
        let empty = fs::read_dir(dir)
            .map(|mut d| d.next().is_none())
            .map_err(|e| Diagnostic::file_error(dir, format!("cannot read the folder: {e}")))?;
        if !empty {
            return Err(Diagnostic::file_error(
                dir,
                "the folder is not empty, and init never overwrites files",
            )
            .with_hint("choose a new folder name, e.g. loa init my-site"));
        }
    }
    let theme = DEFAULT_THEME
        .iter()
        .map(|(rel, bytes)| (format!("themes/default/{rel}"), *bytes));
    let files = FILES
        .iter()
        .map(|(rel, text)| (rel.to_string(), text.as_bytes()))
        .chain(theme);
    for (rel, bytes) in files {
        let path = dir.join(&rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| {
                Diagnostic::file_error(parent, format!("cannot create the folder: {e}"))
            })?;
        }
        fs::write(&path, bytes)
            .map_err(|e| Diagnostic::file_error(&path, format!("cannot write: {e}")))?;
    }
    Ok(())
}
