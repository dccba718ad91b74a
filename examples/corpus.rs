//! Writes a deterministic benchmark site: N articles of Vietnamese-looking Markdown in 6
//! sections (headings, lists, tables, links between articles, 2–4 tags each), the sample
//! site's statistics (27 districts × 4 indicators × 60 months) and the default theme.
//!
//!     cargo run --release --example corpus -- 10000 /tmp/loa-corpus [HUGO_DIR] [--shape wide]
//!
//! `--shape wide` makes a site of another shape, for figures on inputs the code was not tuned
//! for: 14 sections instead of 6, 1 to 6 tags each from 300 instead of 20, articles from a
//! one-paragraph notice to a long policy text with up to 8 headings, and more links.
//!
//! `--documents N` adds a register of N legal documents (`so-van-ban/`, `kind: documents`:
//! decrees, decisions, circulars and letters over 20 years, one in five replacing an earlier
//! one) and has every tenth article cite two of them, for the register's figures.
//!
//! With HUGO_DIR it also writes the same articles (sections, tags, dates, bodies) as a Hugo
//! site with a minimal theme doing the same work (lists paginated by 10, tag and category
//! pages, feeds, sitemap), so `bench/run.sh` can time both on one machine. It leaves out
//! related articles, which loa shows: Hugo 0.111's `.Related` over 10,000 pages took 130 s
//! here, and the comparison should not rest on one slow feature.

use std::fmt::Write;
use std::path::Path;

#[path = "../tests/common/tree.rs"]
mod tree;
use tree::copy_tree;

const SECTIONS: [(&str, &str); 6] = [
    ("tin-tuc", "Tin tức"),
    ("chinh-sach", "Chính sách"),
    ("hoi-dap", "Hỏi đáp"),
    ("thong-bao", "Thông báo"),
    ("su-kien", "Sự kiện"),
    ("van-ban", "Văn bản"),
];

const WORDS: &[&str] = &[
    "bảo hiểm",
    "xã hội",
    "y tế",
    "thất nghiệp",
    "người lao động",
    "tham gia",
    "hộ gia đình",
    "tự nguyện",
    "bắt buộc",
    "mức đóng",
    "quyền lợi",
    "thủ tục",
    "hồ sơ",
    "chi trả",
    "lương hưu",
    "trợ cấp",
    "khám chữa bệnh",
    "thẻ",
    "đại lý thu",
    "huyện",
    "xã",
    "tỉnh",
    "kế hoạch",
    "chỉ tiêu",
    "tuyên truyền",
    "vận động",
    "người dân",
    "doanh nghiệp",
    "học sinh",
    "sinh viên",
    "cán bộ",
    "chính sách",
    "pháp luật",
    "ứng dụng",
    "dịch vụ công",
    "trực tuyến",
    "năm",
    "tháng",
    "đã",
    "được",
];

const TAGS: &[&str] = &[
    "BHYT",
    "BHXH tự nguyện",
    "BHTN",
    "BHYT hộ gia đình",
    "VssID",
    "Chuyển đổi số",
    "Nông thôn mới",
    "Học sinh sinh viên",
    "Người lao động",
    "Lương hưu",
    "Thanh tra",
    "Doanh nghiệp",
    "Cải cách hành chính",
    "Khám chữa bệnh",
    "Đại lý thu",
    "Tuyên truyền",
    "Hỏi đáp chính sách",
    "Chi trả",
    "Nợ đóng",
    "Dịch vụ công",
];

/// A small deterministic generator (64-bit LCG): the same N gives the same site.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) as usize
    }
    fn pick<'a>(&mut self, list: &[&'a str]) -> &'a str {
        list[self.next() % list.len()]
    }
    fn sentence(&mut self, words: usize) -> String {
        let mut s = String::new();
        for i in 0..words {
            if i > 0 {
                s.push(' ');
            }
            s.push_str(self.pick(WORDS));
        }
        let mut chars = s.chars();
        let first: String = chars
            .next()
            .map(|c| c.to_uppercase().collect())
            .unwrap_or_default();
        format!("{first}{}.", chars.as_str())
    }
}

/// The parameters that make the two shapes of corpus.
struct Shape {
    sections: usize,
    /// Fewest and most tags of an article.
    tags: (usize, usize),
    /// How many distinct tags there are.
    vocabulary: usize,
    /// Fewest and most headings of an article (each with its paragraphs and list).
    headings: (usize, usize),
    /// Links to earlier articles.
    links: usize,
}

const NEWS: Shape = Shape {
    sections: 6,
    tags: (2, 4),
    vocabulary: 20,
    headings: (3, 3),
    links: 1,
};

const WIDE: Shape = Shape {
    sections: 14,
    tags: (1, 6),
    vocabulary: 300,
    headings: (0, 8),
    links: 3,
};

const MORE_SECTIONS: [(&str, &str); 8] = [
    ("to-chuc", "Tổ chức bộ máy"),
    ("thu-tuc", "Thủ tục hành chính"),
    ("bao-chi", "Thông cáo báo chí"),
    ("dau-thau", "Đấu thầu"),
    ("thanh-tra", "Thanh tra, kiểm tra"),
    ("chuyen-doi-so", "Chuyển đổi số"),
    ("doan-the", "Đoàn thể"),
    ("tuyen-dung", "Tuyển dụng"),
];

fn main() {
    let mut args: Vec<String> = std::env::args().collect();
    let shape = match args.iter().position(|a| a == "--shape") {
        Some(i) => {
            let name = args.get(i + 1).cloned().unwrap_or_default();
            args.drain(i..(i + 2).min(args.len()));
            match name.as_str() {
                "news" => NEWS,
                "wide" => WIDE,
                _ => panic!("--shape is news or wide"),
            }
        }
        None => NEWS,
    };
    let documents: usize = match args.iter().position(|a| a == "--documents") {
        Some(i) => {
            let count = args.get(i + 1).and_then(|c| c.parse().ok());
            args.drain(i..(i + 2).min(args.len()));
            count.expect("--documents takes a number")
        }
        None => 0,
    };
    let sections: Vec<(&str, &str)> = SECTIONS
        .iter()
        .chain(&MORE_SECTIONS)
        .take(shape.sections)
        .copied()
        .collect();
    let tag_names: Vec<String> = (0..shape.vocabulary)
        .map(|t| match t / TAGS.len() {
            0 => TAGS[t].to_owned(),
            round => format!("{} {}", TAGS[t % TAGS.len()], WORDS[round % WORDS.len()]),
        })
        .collect();
    let n: usize = args
        .get(1)
        .and_then(|a| a.parse().ok())
        .expect("usage: corpus N DIR [HUGO_DIR]");
    let dir = Path::new(args.get(2).expect("usage: corpus N DIR [HUGO_DIR]"));
    let hugo = args.get(3).map(|h| Hugo::create(Path::new(h)));
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    if dir.exists() {
        panic!(
            "{} exists; the corpus is written into a new folder",
            dir.display()
        );
    }
    let content = dir.join("content");
    std::fs::create_dir_all(&content).unwrap();
    copy_tree(&repo.join("themes/default"), &dir.join("themes/default"));
    copy_tree(&repo.join("content/thong-ke"), &content.join("thong-ke"));
    // The sample's configuration as it is, with the allow-list its tasks' off-site links need
    // and the pages its menu and a task link to inside the site.
    for file in ["site.yaml", "kiem-tra.yaml"] {
        std::fs::copy(repo.join("content").join(file), content.join(file)).unwrap();
    }
    std::fs::write(
        content.join("lien-he.md"),
        "---\ntitle: Liên hệ\n---\nĐịa chỉ, điện thoại và giờ làm việc của cơ quan.\n",
    )
    .unwrap();
    std::fs::create_dir_all(content.join("hoi-dap")).unwrap();
    std::fs::write(
        content
            .join("hoi-dap")
            .join("lam-the-nao-de-tra-cuu-qua-trinh-dong-bhxh-tren-ung-dung-vssid.md"),
        "---\ntitle: Làm thế nào để tra cứu quá trình đóng BHXH trên ứng dụng VssID?\n\
         date: 2024-03-01\n---\nĐăng nhập VssID, chọn Quá trình tham gia.\n",
    )
    .unwrap();
    std::fs::write(
        content.join("_index.md"),
        "---\ntitle: Trang chủ\n---\nTrang thử hiệu năng.\n",
    )
    .unwrap();
    std::fs::write(
        content.join("gioi-thieu.md"),
        "---\ntitle: Giới thiệu\n---\nGiới thiệu cơ quan.\n",
    )
    .unwrap();
    for (weight, (slug, title)) in sections.iter().enumerate() {
        std::fs::create_dir_all(content.join(slug)).unwrap();
        std::fs::write(
            content.join(slug).join("_index.md"),
            format!("---\ntitle: {title}\nweight: {weight}\n---\n"),
        )
        .unwrap();
        if let Some(hugo) = &hugo {
            hugo.write(
                &format!("{slug}/_index.md"),
                &format!("---\ntitle: {title}\nweight: {weight}\n---\n"),
            );
        }
    }
    let mut rng = Rng(42);
    for i in 0..n {
        let (section, _) = sections[i % sections.len()];
        let mut tags: Vec<&str> = Vec::new();
        let (fewest, most) = shape.tags;
        while tags.len() < fewest + rng.next() % (most - fewest + 1) {
            let t = tag_names[rng.next() % tag_names.len()].as_str();
            if !tags.contains(&t) {
                tags.push(t);
            }
        }
        let year = 2015 + (i * 11 / n.max(1)).min(10);
        let (month, day, hour) = (
            1 + rng.next() % 12,
            1 + rng.next() % 28,
            7 + rng.next() % 10,
        );
        let mut body = String::new();
        let _ = writeln!(body, "{} {}\n", rng.sentence(20), rng.sentence(16));
        let (fewest, most) = shape.headings;
        // Drawn only when it can vary, so the news shape stays the corpus it always was.
        let headings = if most > fewest {
            fewest + rng.next() % (most - fewest + 1)
        } else {
            fewest
        };
        for h in 0..headings {
            let _ = writeln!(body, "## Mục {} về {}\n", h + 1, rng.pick(WORDS));
            let _ = writeln!(
                body,
                "{} {} {}\n",
                rng.sentence(18),
                rng.sentence(22),
                rng.sentence(14)
            );
            let _ = writeln!(
                body,
                "- {}\n- {}\n- {}\n",
                rng.sentence(6),
                rng.sentence(7),
                rng.sentence(5)
            );
        }
        let _ = writeln!(body, "| Đơn vị | Số người | Tỷ lệ |\n|---|---:|---:|");
        for _ in 0..4 {
            let _ = writeln!(
                body,
                "| Huyện {} | {} | {},{}% |",
                rng.pick(WORDS),
                1000 + rng.next() % 90_000,
                80 + rng.next() % 20,
                rng.next() % 100
            );
        }
        for _ in 0..shape.links {
            if i > 0 {
                let other = rng.next() % i;
                let (other_section, _) = sections[other % sections.len()];
                let _ = writeln!(
                    body,
                    "\nXem thêm [bài số {other}](/{other_section}/bai-viet-so-{other}/)."
                );
            }
        }
        // Citations are added without drawing from `rng`, so the articles stay the same.
        if documents > 0 && i % 10 == 0 {
            let (a, b) = (i % documents, (i * 7 + 3) % documents);
            let _ = writeln!(
                body,
                "\nTheo {} số {} và {}.",
                document_kind(a).0,
                document_number(a),
                document_number(b)
            );
        }
        let title = format!("Bài viết số {i}: {}", rng.pick(WORDS));
        let quoted_tags = tags
            .iter()
            .map(|t| format!("\"{t}\""))
            .collect::<Vec<_>>()
            .join(", ");
        if let Some(hugo) = &hugo {
            hugo.write(
                &format!("{section}/bai-viet-so-{i}.md"),
                &format!(
                    "---\ntitle: \"{title}\"\nslug: bai-viet-so-{i}\ndate: {year}-{month:02}-{day:02}T{hour:02}:00:00+07:00\nauthor: Phòng Truyền thông\ntags: [{quoted_tags}]\n---\n{body}"
                ),
            );
        }
        let front = format!(
            "---\ntitle: \"{title}\"\nslug: bai-viet-so-{i}\ndate: {year}-{month:02}-{day:02}T{hour:02}:00\nauthor: Phòng Truyền thông\ntags: [{quoted_tags}]\n---\n"
        );
        std::fs::write(
            content.join(section).join(format!("bai-viet-so-{i}.md")),
            front + &body,
        )
        .unwrap();
    }
    if documents > 0 {
        write_register(&content, documents);
    }
    println!("wrote {n} articles into {}", dir.display());
    if let Some(hugo) = &hugo {
        println!(
            "and the same as a Hugo site into {}",
            hugo.content.parent().unwrap().display()
        );
    }
}

/// The Hugo twin of the corpus.
struct Hugo {
    content: std::path::PathBuf,
}

const HUGO_CONFIG: &str = r##"baseURL = "https://bhxh.example.gov.vn/"
languageCode = "vi"
title = "Bảo hiểm xã hội tỉnh"
paginate = 10
[taxonomies]
  tag = "tags"
  category = "categories"
"##;

const HUGO_BASEOF: &str = r##"<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} | {{ .Site.Title }}</title><link rel="canonical" href="{{ .Permalink }}">
<link rel="stylesheet" href="/css/site.css"></head><body>
<a href="#noi-dung">Chuyển đến nội dung chính</a>
<header><a href="/">{{ .Site.Title }}</a><nav><ul>{{ range .Site.Sections }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></nav></header>
<main id="noi-dung">{{ block "main" . }}{{ end }}</main>
<footer><p>© {{ now.Year }} {{ .Site.Title }}</p><ul>{{ range .Site.Sections }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></footer>
</body></html>
"##;

const HUGO_SINGLE: &str = r##"{{ define "main" }}<article><h1>{{ .Title }}</h1>
<p><time datetime="{{ .Date.Format "2006-01-02T15:04" }}">{{ .Date.Format "15:04, 02/01/2006" }}</time> · {{ .Params.author }} · {{ .ReadingTime }} phút đọc</p>
{{ .TableOfContents }}
{{ .Content }}
<ul>{{ range .GetTerms "tags" }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>
{{ with .PrevInSection }}<a rel="prev" href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
{{ with .NextInSection }}<a rel="next" href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
</article>{{ end }}
"##;

const HUGO_LIST: &str = r##"{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}
{{ $pager := .Paginate .Pages }}
<ul>{{ range $pager.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>
<time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "02/01/2006" }}</time>{{ .Summary }}</li>{{ end }}</ul>
{{ template "_internal/pagination.html" . }}{{ end }}
"##;

impl Hugo {
    fn create(dir: &Path) -> Hugo {
        if dir.exists() {
            panic!(
                "{} exists; the Hugo site is written into a new folder",
                dir.display()
            );
        }
        let hugo = Hugo {
            content: dir.join("content"),
        };
        let put = |rel: &str, text: &str| {
            let path = dir.join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        };
        put("config.toml", HUGO_CONFIG);
        put("layouts/_default/baseof.html", HUGO_BASEOF);
        put("layouts/_default/single.html", HUGO_SINGLE);
        put("layouts/_default/list.html", HUGO_LIST);
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        copy_tree(&repo.join("themes/default/static"), &dir.join("static"));
        hugo.write(
            "_index.md",
            "---\ntitle: Trang chủ\n---\nTrang thử hiệu năng.\n",
        );
        hugo.write(
            "gioi-thieu.md",
            "---\ntitle: Giới thiệu\n---\nGiới thiệu cơ quan.\n",
        );
        hugo
    }

    fn write(&self, rel: &str, text: &str) {
        let path = self.content.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
}

/// The type of document `i` of the register and its number's suffix.
fn document_kind(i: usize) -> (&'static str, &'static str) {
    [
        ("Nghị định", "NĐ-CP"),
        ("Quyết định", "QĐ-BHXH"),
        ("Thông tư", "TT-BLĐTBXH"),
        ("Công văn", "BHXH-TST"),
    ][i % 4]
}

/// Document `i`'s number: unique, in the shapes of real ones (`123/2019/NĐ-CP`).
fn document_number(i: usize) -> String {
    let (_, suffix) = document_kind(i);
    let year = 2006 + i % 20;
    format!("{}/{year}/{suffix}", 1 + i / 20 * 4 + i % 4)
}

/// `count` documents in `so-van-ban/`, every fifth replacing the one five before it.
fn write_register(content: &Path, count: usize) {
    let dir = content.join("so-van-ban");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("_index.md"),
        "---\ntitle: Văn bản pháp luật\nkind: documents\nweight: 20\n---\nDanh mục văn bản.\n",
    )
    .unwrap();
    for i in 0..count {
        let (kind, _) = document_kind(i);
        let year = 2006 + i % 20;
        let replaces = if i % 5 == 4 && i >= 20 {
            format!("replaces: [\"{}\"]\n", document_number(i - 20))
        } else {
            String::new()
        };
        std::fs::write(
            dir.join(format!("van-ban-{i}.md")),
            format!(
                "---\ntitle: \"Quy định số {i} về {} và {}\"\nslug: van-ban-{i}\nnumber: \"{}\"\ntype: {kind}\nissuer: Chính phủ\nissued: {year}-{:02}-{:02}\neffective: {}-01-01\n{replaces}fields: [BHXH]\n---\nTóm tắt văn bản số {i} cho người dân.\n",
                WORDS[i % WORDS.len()],
                WORDS[(i * 3) % WORDS.len()],
                document_number(i),
                1 + i % 12,
                1 + i % 28,
                year + 1,
            ),
        )
        .unwrap();
    }
}
