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
  - title: Văn bản
    url: /van-ban/
  - title: Thông báo
    url: /thong-bao/
  - title: Liên hệ
    url: /lien-he/
# Cổng thông tin của cơ quan nhà nước: bỏ dấu # ở dòng dưới để `loa check` nhắc những thông tin
# Nghị định 42/2022/NĐ-CP yêu cầu mà trang còn thiếu (README của loa: "Portal pages").
# portal: {}
"#;

const FILES: &[(&str, &str)] = &[
    ("content/site.yaml", SITE_YAML),
    (
        "content/_index.md",
        "---\ntitle: Trang chủ\n---\n\nChào mừng bạn đến với trang thông tin điện tử của cơ quan.\n",
    ),
    (
        "content/gioi-thieu.md",
        "---\ntitle: Giới thiệu\n---\n\nVị trí, chức năng của cơ quan.\n\n## Nhiệm vụ\n\nCác nhiệm vụ chính của cơ quan.\n\n## Cơ cấu tổ chức\n\nLãnh đạo, các phòng nghiệp vụ và đơn vị trực thuộc. Danh sách lãnh đạo xem tại trang [Lãnh đạo](/lanh-dao/), địa chỉ và giờ làm việc tại trang [Liên hệ](/lien-he/).\n",
    ),
    (
        "content/lanh-dao.md",
        "---\ntitle: Lãnh đạo\n---\n\n## Giám đốc\n\nHọ và tên, lĩnh vực phụ trách.\n\n## Phó Giám đốc\n\nHọ và tên, lĩnh vực phụ trách của từng Phó Giám đốc.\n",
    ),
    (
        "content/lien-he.md",
        "---\ntitle: Liên hệ\n---\n\n- Địa chỉ: Số 1, đường ..., thành phố ...\n- Tổng đài: 1900 9068\n- Thư điện tử: lienhe@example.gov.vn\n- Giờ làm việc: Thứ Hai – Thứ Sáu, 7:30–17:00\n",
    ),
    (
        "content/van-ban/_index.md",
        "---\ntitle: Văn bản\nkind: documents\nweight: 3\n---\n\nLuật, nghị định, thông tư và văn bản hướng dẫn của ngành. Mỗi tệp Markdown trong thư mục này là một văn bản: xem README.md của loa, mục \"Legal documents\".\n",
    ),
    (
        "content/van-ban/nd-42-2022.md",
        "---\ntitle: Quy định về việc cung cấp thông tin và dịch vụ công trực tuyến của cơ quan nhà nước trên môi trường mạng\nslug: nd-42-2022\nnumber: \"42/2022/NĐ-CP\"\ntype: Nghị định\nissuer: Chính phủ\nsigner: Vũ Đức Đam\nissued: 2022-06-24\neffective: 2022-08-01\nfields: [Công nghệ thông tin]\nfile: nd-42-2022.pdf\n---\n\nVăn bản ví dụ: nghị định quy định những thông tin cơ quan nhà nước công khai trên trang thông tin điện tử của mình. Tệp đính kèm là phiếu tóm tắt; toàn văn chính thức có tại vbpl.vn.\n",
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
    (
        "content/hoi-dap/_index.md",
        "---\ntitle: Hỏi đáp\nfaq: true\nsort_by: weight\nweight: 4\n---\n\nGiải đáp những câu hỏi người dân thường gửi đến cơ quan.\n",
    ),
    (
        "content/hoi-dap/cau-hoi-dau-tien.md",
        "---\ntitle: Câu hỏi đầu tiên\ndate: 2024-01-15\nweight: 1\n---\n\n**Câu hỏi:** Nội dung câu hỏi của người dân.\n\n**Trả lời:** Nội dung trả lời của cơ quan.\n",
    ),
    (
        "content/en.md",
        "---\ntitle: Information in English\nslug: en\nlang: en\n---\n\nWho the agency is, what it does, and how to reach it: address, phone, e-mail and office hours.\n",
    ),
    (".gitignore", "/output\n"),
];

/// The example document's file: the sample site's one-page summary sheet of the decree.
const BINARY_FILES: &[(&str, &[u8])] = &[(
    "content/van-ban/nd-42-2022.pdf",
    include_bytes!("../content/van-ban/nd-42-2022.pdf"),
)];

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
        .chain(
            BINARY_FILES
                .iter()
                .map(|(rel, bytes)| (rel.to_string(), *bytes)),
        )
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
