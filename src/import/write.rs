//! The Markdown file of an imported article: front matter exactly as `content` reads it, then
//! the body with the old text escaped, so nothing in an export turns into markup by accident;
//! written only as a plain file of the section folder itself.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::{Article, Block, Kind, MarkKind, Target};
use crate::base::error::display_path;
use crate::base::text;
use crate::rules::EDITOR_NOTE;

pub(super) fn markdown(a: &Article, slug: &str, site: &Target) -> String {
    let mut out = String::from("---\n");
    out.push_str(&format!("title: {}\n", yaml(&a.title)));
    out.push_str(&format!("date: {}\n", a.date.unwrap_or(site.today).iso()));
    if let Some(updated) = a.updated {
        out.push_str(&format!("updated: {}\n", updated.iso()));
    }
    if let Some(author) = &a.author {
        out.push_str(&format!("author: {}\n", yaml(author)));
    }
    if let Some(summary) = &a.summary {
        out.push_str(&format!("summary: {}\n", yaml(summary)));
    }
    if slug != text::slugify(&a.title) {
        out.push_str(&format!("slug: {slug}\n"));
    }
    if !a.aliases.is_empty() {
        let aliases: Vec<String> = a.aliases.iter().map(|s| yaml(s)).collect();
        out.push_str(&format!("aliases: [{}]\n", aliases.join(", ")));
    }
    if let Some(source) = &a.source {
        out.push_str(&format!("source: {}\n", yaml(source)));
    }
    if a.draft {
        out.push_str("draft: true\n");
    }
    out.push_str("---\n");
    let mut previous: Option<&Kind> = None;
    for block in &a.body {
        let same_list = matches!(
            (previous, &block.kind),
            (Some(Kind::Item(a)), Kind::Item(b)) if a.is_some() == b.is_some()
        );
        out.push_str(match previous {
            None => "\n",
            Some(_) if same_list => "\n",
            Some(_) => "\n\n",
        });
        out.push_str(&render(block));
        previous = Some(&block.kind);
    }
    out.push('\n');
    out
}

fn render(block: &Block) -> String {
    match &block.kind {
        Kind::Para => start_escaped(&inline(block)),
        Kind::Heading(level) => format!("{} {}", "#".repeat(usize::from(*level)), inline(block)),
        Kind::Item(None) => format!("- {}", start_escaped(&inline(block))),
        Kind::Item(Some(n)) => format!("{n}. {}", start_escaped(&inline(block))),
        Kind::Qa(label) if block.text.is_empty() => format!("**{}:**", escape(label)),
        Kind::Qa(label) => format!("**{}:** {}", escape(label), inline(block)),
        Kind::Quote => format!("> {}", start_escaped(&inline(block))),
        Kind::Table(rows) => table(rows),
        Kind::Image { number, src } => {
            let original = src.as_deref().map_or(String::new(), |s| {
                format!(" (ảnh gốc: `{}`)", s.replace('`', "%60"))
            });
            let caption = match block.text.trim() {
                "" => String::new(),
                c if c.ends_with(['.', '!', '?', '…']) => format!(" Chú thích: “{}”", escape(c)),
                c => format!(" Chú thích: “{}”.", escape(c)),
            };
            format!(
                "> **{EDITOR_NOTE}]** Ảnh {number} của bài gốc chưa được chuyển sang{original}.{caption} Chèn lại ảnh hoặc bỏ đi, rồi xóa ghi chú này."
            )
        }
        Kind::Note => format!("> **{EDITOR_NOTE}]** {}", block.text),
    }
}

/// The block's text, escaped, with its links and notes in place.
fn inline(block: &Block) -> String {
    let mut out = String::new();
    let mut last = 0;
    for mark in &block.marks {
        let range = mark.range.start.max(last)..mark.range.end.max(last);
        out.push_str(&escape(&block.text[last..range.start]));
        match &mark.kind {
            MarkKind::Link(href) => {
                let text = block.text[range.clone()].trim();
                out.push_str(&format!("[{}]({})", escape(text), destination(href)));
                last = range.end;
            }
            MarkKind::Note(note) => {
                if !out.is_empty() && !out.ends_with(' ') {
                    out.push(' ');
                }
                out.push_str(&format!("**{EDITOR_NOTE}: {note}]**"));
                if block.text[range.start..].starts_with(char::is_alphanumeric) {
                    out.push(' ');
                }
                last = range.start;
            }
        }
    }
    out.push_str(&escape(&block.text[last..]));
    out
}

fn destination(href: &str) -> String {
    let href = href.replace(' ', "%20");
    if href.contains(['(', ')', '<', '>']) {
        format!("<{}>", href.replace('<', "%3C").replace('>', "%3E"))
    } else {
        href
    }
}

fn table(rows: &[Vec<String>]) -> String {
    let row = |cells: &[String]| {
        let cells: Vec<String> = cells.iter().map(|c| escape(c)).collect();
        format!("| {} |", cells.join(" | "))
    };
    let mut lines = vec![row(&rows[0])];
    lines.push(format!("|{}", " --- |".repeat(rows[0].len())));
    lines.extend(rows[1..].iter().map(|r| row(r)));
    lines.join("\n")
}

/// Text with single spaces and every character Markdown could read as markup escaped.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if c.is_whitespace() {
            if !out.ends_with(' ') {
                out.push(' ');
            }
            continue;
        }
        // `{{` would open a figure call (`shortcode`).
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&'
        ) || (c == '{' && out.ends_with('{'))
        {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Escapes what would make a paragraph a heading, quote, list or rule.
fn start_escaped(text: &str) -> String {
    if text.starts_with(['#', '>', '-', '+', '=']) {
        return format!("\\{text}");
    }
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && matches!(text.as_bytes().get(digits), Some(b'.' | b')')) {
        return format!("{}\\{}", &text[..digits], &text[digits..]);
    }
    text.to_owned()
}

/// A YAML double-quoted string.
fn yaml(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Why the article of `slug` cannot be written into `section_dir`, if it cannot: a symbolic
/// link in its place would send the text elsewhere. (The slug itself cannot leave the folder:
/// `slugify` keeps only ASCII letters, digits and hyphens, and `clean` refuses a title without
/// a letter or digit.)
pub(super) fn refusal(section_dir: &Path, slug: &str) -> Option<String> {
    let target = file(section_dir, slug);
    target
        .symlink_metadata()
        .is_ok_and(|m| m.file_type().is_symlink())
        .then(|| {
            format!(
                "{} is a symbolic link; loa import writes only plain files of the section folder",
                display_path(&target)
            )
        })
}

/// The section folder, when it is inside `content/` once links are followed: a section that
/// is a link to elsewhere would have the import write outside the site.
pub(super) fn is_inside(content: &Path, section_dir: &Path) -> bool {
    match (content.canonicalize(), section_dir.canonicalize()) {
        (Ok(content), Ok(section)) => section.starts_with(content),
        _ => false,
    }
}

pub(super) fn file(section_dir: &Path, slug: &str) -> PathBuf {
    section_dir.join(format!("{slug}.md"))
}

/// Writes the article's file. A new file is created only where nothing is, not even a link;
/// an existing one is replaced only when it is not a link: a link put there since the plan
/// is refused too.
pub(super) fn save(target: &Path, markdown: &str, overwrite: bool) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true);
    if overwrite {
        options.truncate(true).create(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NOFOLLOW);
    } else {
        options.create_new(true);
    }
    options.open(target)?.write_all(markdown.as_bytes())
}

/// The words of the article's own text, notes for the editor left out.
pub(super) fn word_count(body: &[Block]) -> usize {
    body.iter()
        .map(|b| match &b.kind {
            Kind::Note | Kind::Image { .. } => 0,
            Kind::Table(rows) => rows.iter().flatten().map(|c| text::word_count(c)).sum(),
            _ => text::word_count(&b.text),
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_never_becomes_markup() {
        assert_eq!(
            escape(" a*b*  [x](y) <i>  {{ so_lieu() }} a_b "),
            r" a\*b\* \[x\](y) \<i\> {\{ so\_lieu() }} a\_b "
        );
        assert_eq!(start_escaped("# 1"), r"\# 1");
        assert_eq!(start_escaped("2022. Năm bản lề"), r"2022\. Năm bản lề");
        assert_eq!(start_escaped("- 5%"), r"\- 5%");
        assert_eq!(yaml("Tin \"nóng\": a\\b"), r#""Tin \"nóng\": a\\b""#);
    }
}
