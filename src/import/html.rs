//! HTML exports through html5ever: the article's blocks (paragraphs, headings, lists, tables,
//! images with their alt text and caption, links) and what the page says about itself (title,
//! date, author, address), without the page's scripts, navigation and widgets.

use html5ever::tendril::TendrilSink;
use html5ever::{ParseOpts, parse_document};
use markup5ever_rcdom::{Handle, NodeData, RcDom};

use super::{Block, Doc, Finding, Kind, Mark, MarkKind, Meta, Target, dates};
use crate::base::text::fold;

/// Whether a file without an .html name holds HTML anyway.
pub(super) fn looks_like_html(text: &str) -> bool {
    let head: String = text.trim_start().chars().take(1024).collect();
    let head = head.to_ascii_lowercase();
    head.starts_with("<!doctype html")
        || head.starts_with("<html")
        || (head.starts_with('<')
            && ["<body", "<p>", "<p ", "<div", "<h1"]
                .iter()
                .any(|t| head.contains(t)))
}

/// How deep an export's elements may nest. Portals' pages are a few dozen deep; the walks
/// below recurse once a level, and the HTML parser's time grows with the square of the depth.
pub(super) const MAX_DEPTH: usize = 200;

/// Why an export could not be read: where (a byte offset in it, when known) and what.
pub(super) type Refusal = (Option<usize>, String);

pub(super) fn parse(source: &str, site: &Target) -> Result<Doc, Refusal> {
    let dom = read_dom(source)?;
    let mut meta = Meta::default();
    let mut title_tag = None;
    read_meta(&dom.document, &mut meta, &mut title_tag, site);
    let root = find(&dom.document, &|n| is_element(n, "article"))
        .or_else(|| find(&dom.document, &|n| is_element(n, "main")))
        .or_else(|| {
            find(&dom.document, &|n| {
                attr(n, "itemprop").as_deref() == Some("articleBody")
            })
        })
        .or_else(|| find(&dom.document, &|n| is_element(n, "body")))
        .unwrap_or_else(|| dom.document.clone());
    let mut walker = Walker {
        source,
        // Text is searched for in the body, not in the <head>'s title and metadata.
        cursor: source.to_ascii_lowercase().find("<body").unwrap_or(0),
        blocks: Vec::new(),
        line: Line::default(),
        quote: 0,
        whole_page: is_element(&root, "body"),
        images: 0,
        findings: Vec::new(),
        lines_ended: 0,
    };
    walker.children(&root);
    walker.flush();
    let mut blocks = walker.blocks;

    // The article's title is its first-level heading: the longest one the page's <title>
    // names, when the site's logo is a heading too.
    let named = |b: &Block| {
        title_tag
            .as_deref()
            .or(meta.title.as_deref())
            .is_some_and(|t| fold(t).contains(&fold(&b.text)))
    };
    let h1 = (0..blocks.len())
        .filter(|&i| blocks[i].kind == Kind::Heading(1) && named(&blocks[i]))
        .max_by_key(|&i| blocks[i].text.len())
        .or_else(|| blocks.iter().position(|b| b.kind == Kind::Heading(1)));
    let mut findings = std::mem::take(&mut walker.findings);
    if let Some(i) = h1 {
        meta.title = Some(blocks.remove(i).text);
        if walker.whole_page {
            // Without <article>, what comes before the title is the page's header; a date
            // line there still dates the article.
            let before: Vec<Block> = blocks.drain(..i).collect();
            let mut kept = Vec::new();
            for block in before {
                if dates::date_line(&block.text).is_some() {
                    kept.push(block);
                } else {
                    findings.push(Finding {
                        at: block.at,
                        kind: "chrome",
                        message: format!(
                            "removed \"{}\" (the page's header, before the title)",
                            block.text
                        ),
                    });
                }
            }
            blocks.splice(0..0, kept);
        }
    } else if meta.title.is_none() {
        meta.title = title_tag.map(|t| site_name_removed(&t));
    }
    renumber_headings(&mut blocks);
    // The editor downloads the original images from the old site: their addresses must be whole.
    if let Some(origin) = meta.url.as_deref().and_then(origin) {
        for block in &mut blocks {
            if let Kind::Image { src: Some(src), .. } = &mut block.kind
                && src.starts_with('/')
                && !src.starts_with("//")
            {
                *src = format!("{origin}{src}");
            }
        }
    }
    Ok(Doc {
        blocks,
        meta,
        plain: false,
        findings,
    })
}

/// The export's tree, refused once its elements nest deeper than `MAX_DEPTH`. The parser is
/// fed one tag at a time and the newest branch measured after each, so a deep export stops
/// at the tag that went too deep; the whole tree is measured again at the end, for branches
/// the parser put elsewhere (misnested tables and formatting).
fn read_dom(source: &str) -> Result<RcDom, Refusal> {
    let too_deep = || {
        format!(
            "the page's elements nest more than {MAX_DEPTH} levels deep; the export is broken or was not made by a portal"
        )
    };
    let mut parser = parse_document(RcDom::default(), ParseOpts::default());
    let document = parser.tokenizer.sink.sink.document.clone();
    let mut fed = 0;
    for piece in source.split_inclusive('>') {
        parser.process(piece.into());
        if newest_branch_depth(&document) > MAX_DEPTH {
            let tag = piece.rfind('<').unwrap_or(0);
            return Err((Some(fed + tag), too_deep()));
        }
        fed += piece.len();
    }
    let dom = parser.finish();
    if deepest(&dom.document) > MAX_DEPTH {
        return Err((None, too_deep()));
    }
    Ok(dom)
}

/// Elements on the path of last children from `node`, counted up to one past `MAX_DEPTH`.
fn newest_branch_depth(node: &Handle) -> usize {
    let mut depth = 0;
    let mut node = node.clone();
    while depth <= MAX_DEPTH {
        let Some(last) = node.children.borrow().last().cloned() else {
            break;
        };
        if matches!(last.data, NodeData::Element { .. }) {
            depth += 1;
        }
        node = last;
    }
    depth
}

/// The deepest nesting of elements under `root`, walked without recursion.
fn deepest(root: &Handle) -> usize {
    let mut deepest = 0;
    let mut stack = vec![(root.clone(), 0)];
    while let Some((node, depth)) = stack.pop() {
        deepest = deepest.max(depth);
        for child in node.children.borrow().iter() {
            let element = matches!(child.data, NodeData::Element { .. });
            stack.push((child.clone(), depth + usize::from(element)));
        }
    }
    deepest
}

/// `https://bhxh.example.gov.vn/tin/1.html` → `https://bhxh.example.gov.vn`.
fn origin(url: &str) -> Option<&str> {
    let host = crate::base::url::host_of(url)?;
    let start = url.find("//")? + 2;
    Some(&url[..start + url[start..].find('/').unwrap_or(url.len() - start)])
        .filter(|_| !host.is_empty())
}

/// "Tiêu đề bài | BHXH tỉnh" → "Tiêu đề bài": the longest part of a <title>.
fn site_name_removed(title: &str) -> String {
    let mut parts = vec![title];
    for separator in [" | ", " - ", " – ", " :: "] {
        parts = parts.iter().flat_map(|p| p.split(separator)).collect();
    }
    parts
        .into_iter()
        .max_by_key(|p| p.chars().count())
        .unwrap_or(title)
        .trim()
        .to_owned()
}

/// Headings start at level 2 under the title and skip no level.
fn renumber_headings(blocks: &mut [Block]) {
    let mut levels: Vec<u8> = blocks
        .iter()
        .filter_map(|b| match b.kind {
            Kind::Heading(l) => Some(l),
            _ => None,
        })
        .collect();
    levels.sort_unstable();
    levels.dedup();
    for block in blocks {
        if let Kind::Heading(l) = block.kind {
            let rank = levels.iter().position(|&x| x == l).unwrap_or(0) as u8;
            block.kind = Kind::Heading((2 + rank).min(6));
        }
    }
}

fn read_meta(node: &Handle, meta: &mut Meta, title_tag: &mut Option<String>, site: &Target) {
    if let NodeData::Element { name, .. } = &node.data {
        match name.local.as_ref() {
            "title" if title_tag.is_none() => *title_tag = Some(text_of(node)),
            "meta" => {
                let key = attr(node, "property")
                    .or_else(|| attr(node, "name"))
                    .or_else(|| attr(node, "itemprop"))
                    .unwrap_or_default()
                    .to_ascii_lowercase();
                let content = attr(node, "content").unwrap_or_default();
                let content = content.trim();
                match key.as_str() {
                    "og:title" if meta.title.is_none() => meta.title = Some(content.to_owned()),
                    "article:published_time"
                    | "datepublished"
                    | "pubdate"
                    | "publishdate"
                    | "date"
                    | "dc.date"
                    | "dcterms.created"
                        if meta.date.is_none() =>
                    {
                        meta.date = dates::timestamp(content, site.offset);
                    }
                    "author" | "article:author" if meta.author.is_none() && !content.is_empty() => {
                        meta.author = Some(content.to_owned());
                    }
                    "og:url" if meta.url.is_none() => meta.url = Some(content.to_owned()),
                    _ => {}
                }
            }
            "link" if attr(node, "rel").is_some_and(|r| r.eq_ignore_ascii_case("canonical")) => {
                meta.url = attr(node, "href");
            }
            "time" if meta.date.is_none() => {
                meta.date = attr(node, "datetime").and_then(|d| dates::timestamp(&d, site.offset));
            }
            _ => {}
        }
    }
    for child in node.children.borrow().iter() {
        read_meta(child, meta, title_tag, site);
    }
}

/// The paragraph being collected: text with single spaces, and its links.
#[derive(Default)]
struct Line {
    text: String,
    marks: Vec<Mark>,
    at: Option<usize>,
}

struct Walker<'s> {
    source: &'s str,
    /// Where the last text was found in the source: text comes in document order.
    cursor: usize,
    blocks: Vec<Block>,
    line: Line,
    quote: usize,
    /// No <article> or <main>: the page's own header and widgets are in the walk.
    whole_page: bool,
    images: usize,
    findings: Vec<Finding>,
    /// How many lines were ended: a link whose content ended its line (a block or a break
    /// inside `<a>`) has no range in the line that follows.
    lines_ended: usize,
}

const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "head", "nav", "aside", "footer", "form", "button",
    "select", "input", "textarea", "iframe", "svg", "canvas", "object", "embed", "menu", "dialog",
];

/// Words of a class or id that mark a page's furniture rather than its article.
const FURNITURE: &[&str] = &[
    "menu",
    "nav",
    "navbar",
    "sidebar",
    "breadcrumb",
    "breadcrumbs",
    "share",
    "social",
    "comment",
    "comments",
    "related",
    "banner",
    "advert",
    "ads",
    "widget",
    "footer",
    "counter",
    "pagination",
    "toolbar",
    "header",
];

impl Walker<'_> {
    fn children(&mut self, node: &Handle) {
        for child in node.children.borrow().iter() {
            self.node(child);
        }
    }

    fn node(&mut self, node: &Handle) {
        let name = match &node.data {
            NodeData::Text { contents } => {
                let text = contents.borrow().to_string();
                self.text(&text);
                return;
            }
            NodeData::Element { name, .. } => name.local.to_string(),
            _ => return,
        };
        if SKIPPED.contains(&name.as_str()) && !FURNITURE_TAGS.contains(&name.as_str()) {
            return;
        }
        if FURNITURE_TAGS.contains(&name.as_str())
            || (self.whole_page && (name == "header" || is_furniture(node)))
        {
            let text = text_of(node);
            if !text.is_empty() {
                let shown: String = text.chars().take(60).collect();
                let more = if shown.len() < text.len() { "…" } else { "" };
                let at = self.locate(&text);
                self.findings.push(Finding {
                    at,
                    kind: "chrome",
                    message: format!(
                        "removed the page's <{name}{}> \"{shown}{more}\"",
                        label(node)
                    ),
                });
            }
            return;
        }
        if is_hidden(node) {
            // Text readers never see is how spam hides in old pages; it is not kept.
            let text = text_of(node);
            if !text.is_empty() {
                let at = self.locate(&text);
                self.findings.push(Finding {
                    at,
                    kind: "hidden",
                    message: format!("removed hidden text \"{text}\""),
                });
            }
            return;
        }
        match name.as_str() {
            "br" | "hr" => self.flush(),
            "img" => self.image(node),
            "a" => {
                let (start, line) = (self.line.text.len(), self.lines_ended);
                self.children(node);
                let end = self.line.text.trim_end().len();
                if let Some(href) = attr(node, "href").map(|h| h.trim().to_owned())
                    && line == self.lines_ended
                    && end > start
                    && !href.is_empty()
                {
                    self.line.marks.push(Mark {
                        range: start..end,
                        kind: MarkKind::Link(href),
                    });
                }
            }
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                self.flush();
                self.children(node);
                let level = name.as_bytes()[1] - b'0';
                self.flush_as(Kind::Heading(level));
            }
            "ul" | "ol" => {
                self.flush();
                let start: u32 = attr(node, "start")
                    .and_then(|s| s.parse().ok())
                    .unwrap_or(1);
                let items = node.children.borrow();
                let items = items.iter().filter(|c| is_element(c, "li"));
                for (number, item) in (start..).zip(items) {
                    let kind = Kind::Item((name == "ol").then_some(number));
                    self.flush();
                    self.item(item, &kind);
                    self.flush_as(kind);
                }
            }
            "blockquote" => {
                self.flush();
                self.quote += 1;
                self.children(node);
                self.flush();
                self.quote -= 1;
            }
            "table" if is_data_table(node) => {
                self.flush();
                let rows = rows_of(node);
                let at = self.locate(&rows[0][0]);
                self.blocks
                    .push(Block::new(Kind::Table(rows), String::new(), at));
            }
            "figure" | "table" => {
                // An image and the text beside it: the text is the image's caption.
                self.flush();
                let before = self.blocks.len();
                self.children(node);
                self.flush();
                let image = (before..self.blocks.len())
                    .find(|&i| matches!(self.blocks[i].kind, Kind::Image { .. }));
                match image {
                    Some(i) if self.blocks.len() > i + 1 => {
                        let caption: Vec<String> =
                            self.blocks.drain(i + 1..).map(|b| b.text).collect();
                        let image = &mut self.blocks[i];
                        image.text = caption.join(" ");
                    }
                    _ => {}
                }
            }
            _ if is_block(&name) => {
                self.flush();
                self.children(node);
                self.flush();
            }
            _ => self.children(node),
        }
    }

    /// A list item's own text; lists inside it follow as items of their own.
    fn item(&mut self, item: &Handle, kind: &Kind) {
        for child in item.children.borrow().iter() {
            if is_element(child, "ul") || is_element(child, "ol") {
                self.flush_as(kind.clone());
                self.node(child);
            } else if is_element(child, "p") || is_element(child, "div") {
                self.children(child);
                self.text(" ");
            } else {
                self.node(child);
            }
        }
    }

    fn image(&mut self, node: &Handle) {
        self.flush();
        self.images += 1;
        let alt = attr(node, "alt").unwrap_or_default();
        let src = attr(node, "src").filter(|s| !s.trim().is_empty() && !s.starts_with("data:"));
        let at = src.as_deref().and_then(|s| self.locate(s));
        self.blocks.push(Block::new(
            Kind::Image {
                number: self.images,
                src,
            },
            collapse(&alt),
            at,
        ));
    }

    fn text(&mut self, text: &str) {
        let collapsed = collapse(text);
        if collapsed.is_empty() {
            if !text.is_empty() && !self.line.text.is_empty() && !self.line.text.ends_with(' ') {
                self.line.text.push(' ');
            }
            return;
        }
        if self.line.text.is_empty() {
            self.line.at = self.locate(&collapsed);
        }
        let space_before = text.starts_with(char::is_whitespace);
        if space_before && !self.line.text.is_empty() && !self.line.text.ends_with(' ') {
            self.line.text.push(' ');
        }
        self.line.text.push_str(&collapsed);
        if text.ends_with(char::is_whitespace) {
            self.line.text.push(' ');
        }
    }

    /// Where `text` starts in the source, searched from the last text found: the first word
    /// is enough, and one with an entity in it is not found (the finding then has no line).
    fn locate(&mut self, text: &str) -> Option<usize> {
        let word = text.split_whitespace().next()?;
        let found = self.cursor + self.source.get(self.cursor..)?.find(word)?;
        self.cursor = found + word.len();
        Some(found)
    }

    fn flush(&mut self) {
        let kind = if self.quote > 0 {
            Kind::Quote
        } else {
            Kind::Para
        };
        self.flush_as(kind);
    }

    fn flush_as(&mut self, kind: Kind) {
        // Text is collapsed as it comes, and never starts with a space.
        let line = std::mem::take(&mut self.line);
        self.lines_ended += 1;
        let text = line.text.trim_end();
        if text.is_empty() {
            return;
        }
        let mut block = Block::new(kind, text.to_owned(), line.at);
        block.marks = line
            .marks
            .into_iter()
            .map(|mut m| {
                m.range = m.range.start..m.range.end.min(text.len());
                m
            })
            .collect();
        self.blocks.push(block);
    }
}

fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "ul"
            | "ol"
            | "table"
            | "blockquote"
            | "figure"
            | "section"
            | "article"
            | "main"
            | "header"
            | "center"
            | "address"
            | "dl"
            | "dt"
            | "dd"
            | "figcaption"
            | "pre"
            | "tr"
            | "td"
            | "th"
            | "tbody"
            | "thead"
            | "li"
            | "body"
            | "html"
    )
}

/// Elements that are a page's furniture wherever they are.
const FURNITURE_TAGS: &[&str] = &["nav", "aside", "footer", "form", "menu"];

/// ` class="sidebar"`: how a removed element is named in the report.
fn label(node: &Handle) -> String {
    ["id", "class"]
        .iter()
        .find_map(|a| attr(node, a).map(|v| format!(" {a}=\"{v}\"")))
        .unwrap_or_default()
}

fn is_hidden(node: &Handle) -> bool {
    let style: String = attr(node, "style")
        .unwrap_or_default()
        .to_ascii_lowercase()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    attr(node, "hidden").is_some()
        || ["display:none", "visibility:hidden", "font-size:0"]
            .iter()
            .any(|p| style.contains(p))
}

fn is_furniture(node: &Handle) -> bool {
    ["class", "id"].iter().any(|a| {
        attr(node, a).is_some_and(|v| {
            v.to_ascii_lowercase()
                .split(|c: char| !c.is_ascii_alphanumeric())
                .any(|w| FURNITURE.contains(&w))
        })
    })
}

/// A table of figures rather than a page layout: no table, image or paragraphs inside, and
/// short cells.
fn is_data_table(table: &Handle) -> bool {
    let nested = find_below(table, &|n| {
        ["table", "img", "p", "div", "ul", "ol", "h1", "h2", "h3"]
            .iter()
            .any(|t| is_element(n, t))
    });
    let rows = rows_of(table);
    nested.is_none()
        && rows.iter().any(|r| r.len() >= 2)
        && rows.iter().flatten().all(|c| c.chars().count() <= 200)
}

fn rows_of(table: &Handle) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    collect_rows(table, &mut rows);
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    for row in &mut rows {
        row.resize(width, String::new());
    }
    if rows.is_empty() {
        rows.push(vec![String::new()]);
    }
    rows
}

fn collect_rows(node: &Handle, rows: &mut Vec<Vec<String>>) {
    for child in node.children.borrow().iter() {
        if is_element(child, "tr") {
            let cells = child
                .children
                .borrow()
                .iter()
                .filter(|c| is_element(c, "td") || is_element(c, "th"))
                .map(|c| collapse(&text_of(c)))
                .collect();
            rows.push(cells);
        } else {
            collect_rows(child, rows);
        }
    }
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn text_of(node: &Handle) -> String {
    let mut out = String::new();
    fn walk(node: &Handle, out: &mut String) {
        match &node.data {
            NodeData::Text { contents } => out.push_str(&contents.borrow()),
            NodeData::Element { name, .. }
                if SKIPPED.contains(&&*name.local) && &*name.local != "head" => {}
            _ => {
                for child in node.children.borrow().iter() {
                    walk(child, out);
                }
                if let NodeData::Element { name, .. } = &node.data
                    && is_block(&name.local)
                {
                    out.push(' ');
                }
            }
        }
    }
    walk(node, &mut out);
    collapse(&out)
}

fn is_element(node: &Handle, tag: &str) -> bool {
    matches!(&node.data, NodeData::Element { name, .. } if &*name.local == tag)
}

fn attr(node: &Handle, key: &str) -> Option<String> {
    match &node.data {
        NodeData::Element { attrs, .. } => attrs
            .borrow()
            .iter()
            .find(|a| &*a.name.local == key)
            .map(|a| a.value.to_string()),
        _ => None,
    }
}

fn find(node: &Handle, test: &dyn Fn(&Handle) -> bool) -> Option<Handle> {
    if test(node) {
        return Some(node.clone());
    }
    find_below(node, test)
}

fn find_below(node: &Handle, test: &dyn Fn(&Handle) -> bool) -> Option<Handle> {
    node.children.borrow().iter().find_map(|c| find(c, test))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::date::{DateTime, Offset};

    fn site() -> Target {
        Target {
            host: "bhxh.example.gov.vn".into(),
            root: "/".into(),
            today: DateTime::parse("2024-05-01").unwrap(),
            offset: Offset(420),
        }
    }

    #[test]
    fn article_blocks_and_page_metadata() {
        let page = r#"<!doctype html><html><head><title>Chi trả lương hưu tháng 5 | BHXH tỉnh</title>
<meta property="article:published_time" content="2024-04-28T01:30:00Z">
<link rel="canonical" href="https://bhxh.example.gov.vn/tin/123.html"></head>
<body><div class="menu"><a href="/">Trang chủ</a></div><h1 class="logo">BHXH tỉnh</h1>
<div class="noi-dung"><h1>Chi trả lương hưu tháng 5</h1>
<p>Lương hưu được chi   trả từ ngày <b>2/5</b>, xem <a href="https://baohiemxahoi.gov.vn/a">hướng dẫn</a>.</p>
<h3>Địa điểm</h3><ul><li>Bưu điện xã</li><li>Tài khoản <i>ngân hàng</i></li></ul>
<table><tr><th>Huyện</th><th>Số người</th></tr><tr><td>Thạch Thành</td><td>1.250</td></tr></table>
<figure><img src="/anh/chi-tra.jpg" alt="Chi trả - Ảnh 1."><figcaption>Người hưu trí nhận lương</figcaption></figure>
<script>alert(1)</script></div><div class="sidebar"><p>Tin đọc nhiều</p></div></body></html>"#;
        let doc = parse(page, &site()).unwrap();
        assert_eq!(doc.meta.title.as_deref(), Some("Chi trả lương hưu tháng 5"));
        assert_eq!(doc.meta.date.unwrap().iso(), "2024-04-28T08:30");
        assert_eq!(
            doc.meta.url.as_deref(),
            Some("https://bhxh.example.gov.vn/tin/123.html")
        );
        let kinds: Vec<(Kind, &str)> = doc
            .blocks
            .iter()
            .map(|b| (b.kind.clone(), b.text.as_str()))
            .collect();
        assert_eq!(
            kinds,
            [
                (
                    Kind::Para,
                    "Lương hưu được chi trả từ ngày 2/5, xem hướng dẫn."
                ),
                (Kind::Heading(2), "Địa điểm"),
                (Kind::Item(None), "Bưu điện xã"),
                (Kind::Item(None), "Tài khoản ngân hàng"),
                (
                    Kind::Table(vec![
                        vec!["Huyện".into(), "Số người".into()],
                        vec!["Thạch Thành".into(), "1.250".into()]
                    ]),
                    ""
                ),
                (
                    Kind::Image {
                        number: 1,
                        src: Some("https://bhxh.example.gov.vn/anh/chi-tra.jpg".into())
                    },
                    "Người hưu trí nhận lương"
                ),
            ]
        );
        let link = &doc.blocks[0].marks[0];
        assert_eq!(&doc.blocks[0].text[link.range.clone()], "hướng dẫn");
        assert_eq!(
            link.kind,
            MarkKind::Link("https://baohiemxahoi.gov.vn/a".into())
        );
        let at = doc.blocks[0].at.unwrap();
        assert!(page[at..].starts_with("Lương hưu"));
        let removed: Vec<&str> = doc.findings.iter().map(|f| f.message.as_str()).collect();
        assert_eq!(
            removed,
            [
                "removed the page's <div class=\"menu\"> \"Trang chủ\"",
                "removed the page's <div class=\"sidebar\"> \"Tin đọc nhiều\"",
                "removed \"BHXH tỉnh\" (the page's header, before the title)",
            ]
        );
    }
}
