//! Markdown to HTML with pulldown-cmark: heading ids, table of contents, summary, word count,
//! and the facts the content rules check, gathered in the same pass.

use std::collections::HashMap;
use std::ops::Range;

use pulldown_cmark::{Alignment, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};

use crate::base::text::{escape_html, slugify, word_count};
use crate::load::contacts::{self, Contact};
use crate::load::sanitize::Sanitizer;
use crate::load::strings::Strings;

/// The explicit summary marker, as in Zola and Hugo.
pub(crate) const MORE_MARKER: &str = "<!-- more -->";

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub(crate) struct Heading {
    pub level: u8,
    pub id: String,
    pub title: String,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct Rendered {
    pub html: String,
    /// The part before `<!-- more -->`, else the first paragraph.
    pub summary_html: String,
    pub summary_text: String,
    /// h2–h4 only: deeper levels make a table of contents longer than it is useful.
    pub toc: Vec<Heading>,
    pub word_count: usize,
    /// What the sanitizer removed: (byte offset in the body, what it was).
    pub removed: Vec<(usize, String)>,
    /// Where the body nests deeper than `MAX_NESTING`: nothing else was rendered.
    pub too_deep: Option<usize>,
    /// What the content rules look at, when the offsets are the source's (no shortcode moved
    /// them). The build drops them once the rules ran.
    pub facts: Option<Facts>,
}

/// What the content rules of `loa check` look at in a body, with byte offsets in it: gathered
/// while the body is rendered, so the rules need no second parse.
#[derive(Debug, Clone, Default)]
pub(crate) struct Facts {
    pub headings: Vec<(Range<usize>, u8)>,
    pub links: Vec<Link>,
    /// Images whose alt text is empty.
    pub images_without_alt: Vec<Range<usize>>,
    pub html: Vec<(Range<usize>, String)>,
    /// What a reader sees of the body: its texts, inline code and the text of raw HTML, joined
    /// as the browser draws them: directly across inline markup (`ca*s*ino`, `c<b></b>asino`,
    /// and "[TITLE]", which Markdown splits at its brackets), by a space at a line break inside
    /// a paragraph, by a line break between blocks.
    pub text: String,
    /// Each text's range in `text` and its range in the body.
    pub segments: Vec<(Range<usize>, Range<usize>)>,
    /// The ranges in `text` of code spans: a placeholder shown as code is an example of what
    /// to type, not a leftover.
    pub code: Vec<Range<usize>>,
    image: Option<(Range<usize>, bool)>,
    /// What the browser draws before the next text: nothing, a space or a line break.
    gap: Option<char>,
    /// The lines of the raw HTML block being read: each line's start in the body and text.
    html_block: Vec<(usize, String)>,
}

/// A link or image destination.
#[derive(Debug, Clone)]
pub(crate) struct Link {
    pub range: Range<usize>,
    pub url: String,
}

impl Facts {
    /// The facts of a body, parsed on their own: for bodies whose rendering had shortcodes.
    pub(crate) fn of(body: &str) -> Facts {
        let mut facts = Facts::default();
        for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
            facts.observe(&event, range);
        }
        facts
    }

    /// Where byte `at` of `text` was written in the body. A text that is not its source byte
    /// for byte (an entity, raw HTML) is placed at its start.
    pub(crate) fn source_of(&self, at: usize) -> usize {
        let i = self
            .segments
            .partition_point(|(text, _)| text.start <= at)
            .saturating_sub(1);
        match self.segments.get(i) {
            Some((text, source)) if text.len() == source.len() => {
                source.start + at.clamp(text.start, text.end) - text.start
            }
            Some((_, source)) => source.start,
            None => 0,
        }
    }

    fn observe(&mut self, event: &Event, range: Range<usize>) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                self.headings.push((range, heading_number(*level)));
                self.gap = Some('\n');
            }
            Event::Start(Tag::Link { dest_url, .. }) => self.links.push(Link {
                range,
                url: dest_url.to_string(),
            }),
            Event::Start(Tag::Image { dest_url, .. }) => {
                self.links.push(Link {
                    range: range.clone(),
                    url: dest_url.to_string(),
                });
                self.image = Some((range, false));
                self.gap = Some(' ');
            }
            Event::End(TagEnd::Image) => {
                if let Some((range, false)) = self.image.take() {
                    self.images_without_alt.push(range);
                }
                self.gap = Some(' ');
            }
            Event::Start(
                Tag::Emphasis
                | Tag::Strong
                | Tag::Strikethrough
                | Tag::Superscript
                | Tag::Subscript,
            )
            | Event::End(
                TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough
                | TagEnd::Link
                | TagEnd::Superscript
                | TagEnd::Subscript,
            ) => {}
            Event::End(TagEnd::HtmlBlock) => {
                let lines = std::mem::take(&mut self.html_block);
                if lines.is_empty() {
                    return;
                }
                let joined: String = lines.iter().map(|(_, l)| l.as_str()).collect();
                self.raw_html(&joined, |line| {
                    let (start, text) = &lines[line.min(lines.len() - 1)];
                    *start..start + text.len()
                });
                self.gap = Some('\n');
            }
            Event::Start(_) | Event::End(_) | Event::HardBreak | Event::Rule => {
                self.gap = Some('\n');
            }
            Event::SoftBreak => {
                self.gap.get_or_insert(' ');
            }
            Event::Text(t) => {
                if let Some((_, has_alt)) = &mut self.image {
                    *has_alt |= !t.trim().is_empty();
                }
                self.push_text(t, range);
            }
            Event::Code(t) => {
                let start = self.push_text(t, range);
                self.code.push(start..self.text.len());
            }
            Event::Html(h) => {
                self.html.push((range.clone(), h.to_string()));
                self.html_block.push((range.start, h.to_string()));
            }
            Event::InlineHtml(h) => {
                self.html.push((range.clone(), h.to_string()));
                self.raw_html(h, |_| range.clone());
            }
            _ => {}
        }
    }

    /// Adds a text after the gap before it; returns where it starts in `text`.
    fn push_text(&mut self, t: &str, source: Range<usize>) -> usize {
        if let Some(gap) = self.gap.take()
            && !self.text.is_empty()
        {
            self.text.push(gap);
        }
        let start = self.text.len();
        self.text.push_str(t);
        self.segments.push((start..self.text.len(), source));
        start
    }

    /// The text and addresses of raw HTML; `line_range` gives the body range of its lines.
    fn raw_html(&mut self, html: &str, line_range: impl Fn(usize) -> Range<usize>) {
        let read = super::raw_html::read(html);
        for (line, part) in read.parts {
            match part {
                super::raw_html::Part::Break => self.gap = Some('\n'),
                super::raw_html::Part::Text(t) => {
                    let at = line_range(line);
                    self.push_text(&t, at.start..at.start);
                }
            }
        }
        for (line, url) in read.urls {
            self.links.push(Link {
                range: line_range(line),
                url,
            });
        }
    }
}

/// How deep blockquotes, lists, emphasis, links and raw HTML elements may nest in a body.
/// Readable writing never comes near it; a generated body far deeper makes the HTML parser
/// of the sanitizer take time that grows with the square of the depth, and the page useless.
pub(crate) const MAX_NESTING: usize = 100;

/// Placeholder of an HTML block made by loa itself (a chart from the statistics): it is put
/// in after sanitizing, which would otherwise strip the SVG.
pub(crate) fn placeholder(n: usize) -> String {
    format!("LOAKHOI{n}")
}

impl Rendered {
    /// Puts loa's own HTML blocks in place of their placeholders.
    pub(crate) fn fill(&mut self, blocks: &[String]) {
        for (n, block) in blocks.iter().enumerate() {
            let marker = format!("<p>{}</p>", placeholder(n));
            self.html = self.html.replace(&marker, block);
            self.summary_html = self.summary_html.replace(&marker, "");
        }
    }
}

pub(crate) fn options() -> Options {
    // Heading attributes (`# Title {onclick=...}`) stay off: they would let content inject
    // arbitrary HTML attributes.
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
}

/// Renders `body`. `resolve_link` rewrites link and image destinations (site-absolute paths
/// get the site's sub-path); `image_size` gives the pixel size of an image destination as
/// written, which its `<img>` then carries, so that the page does not shift while it loads.
/// Raw HTML goes through `sanitizer`; links with a scheme outside the allow-list lose their
/// target. Phone numbers and e-mail addresses in the text become links; `strings` names the
/// task lists' boxes.
pub(crate) fn to_html(
    body: &str,
    resolve_link: &dyn Fn(&str) -> String,
    image_size: &dyn Fn(&str) -> Option<(u32, u32)>,
    sanitizer: &Sanitizer,
    strings: &Strings,
) -> Rendered {
    let mut removed = Vec::new();
    let mut raw_html = false;
    let mut external = false;
    let mut destination = |url: &str, offset: usize| -> CowStr<'static> {
        if crate::load::sanitize::allowed_url(url) {
            if url.contains("://") {
                external = true;
            }
            resolve_link(url).into()
        } else {
            let scheme = url.split(':').next().unwrap_or_default().trim().to_owned();
            removed.push((
                offset,
                format!("a link to a forbidden URL scheme ({scheme})"),
            ));
            "#".into()
        }
    };
    let mut found = Vec::new();
    let mut events: Vec<Event> = Vec::new();
    let mut toc = Vec::new();
    // Themes use `noi-dung` as the skip link's target (the <main> element); a heading
    // "Nội dung" must not steal it.
    let mut used_ids: HashMap<String, usize> = HashMap::from([("noi-dung".to_owned(), 1)]);
    let mut words = 0;
    let mut heading_start: Option<usize> = None;
    // The outermost image being read (an image may sit in another's alt text), with its size.
    let mut image_depth = 0usize;
    let mut sized_image: Option<(usize, (u32, u32))> = None;

    let mut facts = Facts::default();
    let (mut depth, mut html_depth) = (0usize, 0usize);
    // Contacts are linked only in running text: not inside a link, code or an image's alt.
    let (mut link_depth, mut in_code_block) = (0usize, false);
    // Where the source may hold one: a single pass over the whole body, so that the many
    // pieces of text that hold none are passed over without a look.
    let maybe_contacts: Vec<Range<usize>> =
        contacts::find(body).into_iter().map(|(r, _)| r).collect();
    let mut next_contact = 0;
    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        let deepest = match &event {
            Event::Start(_) => {
                depth += 1;
                depth + html_depth
            }
            Event::End(_) => {
                depth = depth.saturating_sub(1);
                0
            }
            Event::Html(h) | Event::InlineHtml(h) => {
                let (after, deepest) = crate::load::sanitize::html_depth(h, html_depth);
                html_depth = after;
                depth + deepest
            }
            _ => 0,
        };
        if deepest > MAX_NESTING {
            return Rendered {
                too_deep: Some(range.start),
                ..Rendered::default()
            };
        }
        facts.observe(&event, range.clone());
        match event {
            Event::Start(Tag::Heading { .. }) => {
                heading_start = Some(events.len());
                events.push(event);
            }
            Event::End(TagEnd::Heading(level)) => {
                let start = heading_start.take().unwrap_or(events.len());
                let title = plain_text(&events[start..]);
                let id = unique_id(&mut used_ids, &title);
                if let Event::Start(Tag::Heading { id: slot, .. }) = &mut events[start] {
                    *slot = Some(CowStr::from(id.clone()));
                }
                let level = heading_number(level);
                if (2..=4).contains(&level) {
                    toc.push(Heading { level, id, title });
                }
                events.push(event);
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                link_depth += 1;
                events.push(Event::Start(Tag::Link {
                    link_type,
                    dest_url: destination(&dest_url, range.start),
                    title,
                    id,
                }))
            }
            Event::End(TagEnd::Link) => {
                link_depth = link_depth.saturating_sub(1);
                events.push(event);
            }
            Event::Start(Tag::CodeBlock(_)) => {
                in_code_block = true;
                events.push(event);
            }
            Event::End(TagEnd::CodeBlock) => {
                in_code_block = false;
                events.push(event);
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                image_depth += 1;
                if image_depth == 1 {
                    sized_image = image_size(&dest_url).map(|size| (events.len(), size));
                }
                events.push(Event::Start(Tag::Image {
                    link_type,
                    dest_url: destination(&dest_url, range.start),
                    title,
                    id,
                }))
            }
            Event::End(TagEnd::Image) => {
                image_depth = image_depth.saturating_sub(1);
                events.push(event);
                if image_depth == 0
                    && let Some((start, size)) = sized_image.take()
                {
                    let img = sized_img(&events[start..], size);
                    events.truncate(start);
                    events.push(Event::InlineHtml(CowStr::from(img)));
                }
            }
            Event::Html(ref h) | Event::InlineHtml(ref h) => {
                raw_html = true;
                found.extend(
                    sanitizer
                        .findings(h)
                        .into_iter()
                        .map(|why| (range.start, why)),
                );
                events.push(event);
            }
            Event::Text(t) if link_depth == 0 && image_depth == 0 && !in_code_block => {
                words += word_count(&t);
                while maybe_contacts
                    .get(next_contact)
                    .is_some_and(|c| c.end <= range.start)
                {
                    next_contact += 1;
                }
                if maybe_contacts
                    .get(next_contact)
                    .is_some_and(|c| c.start < range.end)
                {
                    push_with_contacts(&mut events, t);
                } else {
                    events.push(Event::Text(t));
                }
            }
            Event::Text(ref t) | Event::Code(ref t) => {
                words += word_count(t);
                events.push(event);
            }
            // A task list's box has no label of its own: screen readers would announce a bare
            // "checkbox". Its state in words names it.
            Event::TaskListMarker(checked) => {
                let (checked, label) = if checked {
                    (" checked", &strings.task_done)
                } else {
                    ("", &strings.task_open)
                };
                events.push(Event::InlineHtml(CowStr::from(format!(
                    r#"<input type="checkbox" disabled{checked} aria-label="{}"> "#,
                    escape_html(label)
                ))))
            }
            other => events.push(other),
        }
    }

    let summary_events = summary_range(&events);
    let mut summary_html = String::new();
    html::push_html(
        &mut summary_html,
        AlignClasses::new(events[summary_events.clone()].iter().cloned()),
    );
    let summary_text = plain_text(&events[summary_events]);

    let mut out = String::with_capacity(body.len() * 3 / 2);
    html::push_html(&mut out, AlignClasses::new(events.into_iter()));
    // Plain Markdown output is safe as it is (links were checked above); only raw HTML needs
    // the sanitizer, which costs a parse of the page.
    // The sanitizer also gives links their `rel`, which external ones need.
    if raw_html || external {
        out = sanitizer.clean(&out);
        summary_html = sanitizer.clean(&summary_html);
    }
    removed.extend(found);
    removed.sort();
    removed.dedup();
    Rendered {
        removed,
        html: out,
        summary_html,
        summary_text,
        toc,
        word_count: words,
        too_deep: None,
        facts: Some(facts),
    }
}

/// Pushes `text`, its phone numbers and e-mail addresses made `tel:` and `mailto:` links.
fn push_with_contacts<'a>(events: &mut Vec<Event<'a>>, text: CowStr<'a>) {
    let found = contacts::find(&text);
    if found.is_empty() {
        events.push(Event::Text(text));
        return;
    }
    let mut at = 0;
    for (range, contact) in found {
        if range.start > at {
            events.push(Event::Text(text[at..range.start].to_owned().into()));
        }
        let href = match contact {
            Contact::Phone(number) => format!("tel:{number}"),
            Contact::Email => format!("mailto:{}", &text[range.clone()]),
        };
        events.push(Event::InlineHtml(
            format!(r#"<a href="{}">"#, escape_html(&href)).into(),
        ));
        events.push(Event::Text(text[range.clone()].to_owned().into()));
        events.push(Event::InlineHtml("</a>".into()));
        at = range.end;
    }
    if at < text.len() {
        events.push(Event::Text(text[at..].to_owned().into()));
    }
}

/// An image's events, start to end, as the `<img>` pulldown-cmark writes, with its size.
fn sized_img(events: &[Event], (width, height): (u32, u32)) -> String {
    let mut img = String::from("<img src=\"");
    let Some(Event::Start(Tag::Image {
        dest_url, title, ..
    })) = events.first()
    else {
        return img;
    };
    let _ = pulldown_cmark_escape::escape_href(&mut img, dest_url);
    img.push_str("\" alt=\"");
    // The alt text as pulldown-cmark writes it: the texts, breaks as spaces.
    for event in &events[1..] {
        match event {
            Event::Text(t) | Event::Code(t) | Event::InlineHtml(t) => {
                let _ = pulldown_cmark_escape::escape_html(&mut img, t);
            }
            Event::SoftBreak | Event::HardBreak => img.push(' '),
            _ => {}
        }
    }
    if !title.is_empty() {
        img.push_str("\" title=\"");
        let _ = pulldown_cmark_escape::escape_html(&mut img, title);
    }
    img.push_str(&format!("\" width=\"{width}\" height=\"{height}\" />"));
    img
}

/// pulldown-cmark aligns table cells with inline styles, which a strict Content-Security-Policy
/// blocks; classes do the same job. The cells of aligned columns are opened with the class by
/// this adapter, and the writer, told of no alignment, closes them as usual.
///
/// Each body cell also carries its column's heading as `data-label`: on a phone the theme
/// shows a row as label/value pairs, so every figure of a wide table is on screen without
/// sideways scrolling.
struct AlignClasses<I> {
    events: I,
    alignments: Vec<Alignment>,
    in_head: bool,
    cell: usize,
    /// The text of each heading cell, escaped for an attribute.
    labels: Vec<String>,
    /// Each column's body cell opening tag, made once per table: tables of figures have
    /// hundreds of cells.
    cell_tags: Vec<String>,
}

impl<I> AlignClasses<I> {
    fn new(events: I) -> Self {
        AlignClasses {
            events,
            alignments: Vec::new(),
            in_head: false,
            cell: 0,
            labels: Vec::new(),
            cell_tags: Vec::new(),
        }
    }
}

impl<'a, I: Iterator<Item = Event<'a>>> Iterator for AlignClasses<I> {
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
        let event = self.events.next()?;
        Some(match event {
            Event::Start(Tag::Table(alignments)) => {
                self.alignments = alignments;
                self.labels.clear();
                Event::Start(Tag::Table(Vec::new()))
            }
            Event::Start(Tag::TableHead) => {
                (self.in_head, self.cell) = (true, 0);
                event
            }
            Event::Text(ref t) | Event::Code(ref t) if self.in_head => {
                if self.labels.len() <= self.cell {
                    self.labels.resize(self.cell + 1, String::new());
                }
                self.labels[self.cell].push_str(&crate::base::text::escape_html(t));
                event
            }
            Event::End(TagEnd::TableHead) => {
                self.in_head = false;
                self.cell_tags = (0..self.alignments.len().max(self.labels.len()))
                    .map(|column| {
                        let label = self.labels.get(column).map_or("", String::as_str);
                        let class = match self.alignments.get(column) {
                            Some(Alignment::Left) => r#" class="align-left""#,
                            Some(Alignment::Center) => r#" class="align-center""#,
                            Some(Alignment::Right) => r#" class="align-right""#,
                            _ => "",
                        };
                        format!(r#"<td data-label="{label}"{class}>"#)
                    })
                    .collect();
                event
            }
            Event::Start(Tag::TableRow) => {
                self.cell = 0;
                event
            }
            Event::End(TagEnd::TableCell) => {
                self.cell += 1;
                event
            }
            Event::Start(Tag::TableCell) if self.in_head => {
                let tag = match self.alignments.get(self.cell) {
                    Some(Alignment::Left) => r#"<th class="align-left">"#,
                    Some(Alignment::Center) => r#"<th class="align-center">"#,
                    Some(Alignment::Right) => r#"<th class="align-right">"#,
                    _ => return Some(event),
                };
                Event::InlineHtml(CowStr::Borrowed(tag))
            }
            Event::Start(Tag::TableCell) => match self.cell_tags.get(self.cell) {
                Some(tag) => Event::InlineHtml(CowStr::from(tag.clone())),
                None => event,
            },
            other => other,
        })
    }
}

/// Events up to the `<!-- more -->` marker, or those of the first top-level paragraph.
fn summary_range(events: &[Event]) -> std::ops::Range<usize> {
    let marker = events.iter().position(|e| match e {
        Event::Html(h) | Event::InlineHtml(h) => h.trim() == MORE_MARKER,
        _ => false,
    });
    if let Some(end) = marker {
        return 0..end;
    }
    let mut depth = 0usize;
    let mut start = None;
    for (i, event) in events.iter().enumerate() {
        match event {
            Event::Start(Tag::Paragraph) if depth == 0 => start = Some(i),
            Event::End(TagEnd::Paragraph) if depth == 1 && start.is_some() => {
                return start.unwrap_or(0)..i + 1;
            }
            _ => {}
        }
        match event {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    0..0
}

fn plain_text(events: &[Event]) -> String {
    let mut text = String::new();
    for event in events {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
    }
    text.trim().to_owned()
}

fn unique_id(used: &mut HashMap<String, usize>, title: &str) -> String {
    let mut base = slugify(title);
    if base.is_empty() {
        base = "muc".to_owned();
    }
    let seen = used.entry(base.clone()).or_insert(0);
    *seen += 1;
    if *seen == 1 {
        base
    } else {
        format!("{base}-{}", *seen - 1)
    }
}

pub(crate) fn heading_number(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn md(body: &str) -> Rendered {
        to_html(
            body,
            &|l| l.to_owned(),
            &|_| None,
            &Sanitizer::new(&[], false),
            &crate::load::strings::default_words(),
        )
    }

    #[test]
    fn headings_get_stable_vietnamese_ids_and_toc() {
        let r = md("## Kết quả\n\ntext\n\n### Đối tượng\n\n## Kết quả\n");
        assert!(
            r.html.contains(r#"<h2 id="ket-qua">Kết quả</h2>"#),
            "{}",
            r.html
        );
        assert!(r.html.contains(r#"<h3 id="doi-tuong">"#));
        assert!(r.html.contains(r#"<h2 id="ket-qua-1">"#));
        let ids: Vec<_> = r.toc.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["ket-qua", "doi-tuong", "ket-qua-1"]);
    }

    #[test]
    fn the_skip_link_target_is_reserved() {
        assert!(md("## Nội dung\n").html.contains(r#"<h2 id="noi-dung-1">"#));
    }

    #[test]
    fn heading_attributes_are_not_parsed() {
        let r = md("## Tiêu đề {onclick=alert(1)}\n");
        assert!(!r.html.contains("onclick=\""), "{}", r.html);
    }

    #[test]
    fn summary_is_first_paragraph_or_before_marker() {
        let r = md("Đoạn một.\n\nĐoạn hai.\n");
        assert_eq!(r.summary_html.trim(), "<p>Đoạn một.</p>");
        assert_eq!(r.summary_text, "Đoạn một.");
        let r = md("Một.\n\nHai.\n\n<!-- more -->\n\nBa.\n");
        assert!(r.summary_html.contains("Hai."));
        assert!(!r.summary_html.contains("Ba."));
    }

    #[test]
    fn extensions_are_on() {
        let r =
            md("| a | b |\n|---|---|\n| 1 | 2 |\n\n~~cũ~~ [^1]\n\n[^1]: ghi chú\n\n- [x] CCCD\n");
        assert!(r.html.contains("<table>"));
        assert!(r.html.contains("<del>cũ</del>"));
        assert!(r.html.contains("footnote-definition"));
        assert!(r.html.contains(
            r#"<li><input type="checkbox" disabled checked aria-label="đã đánh dấu"> CCCD</li>"#
        ));
        // A page the sanitizer goes over (an external link) keeps the name.
        let r = md("- [ ] [Cổng](https://dichvucong.gov.vn/)\n");
        assert!(
            r.html.contains(r#"aria-label="chưa đánh dấu""#),
            "{}",
            r.html
        );
    }

    #[test]
    fn links_are_resolved() {
        let r = to_html(
            "[a](/tin-tuc/x/) ![b](anh.jpg)",
            &|l| {
                if l.starts_with('/') {
                    format!("/bhxh{l}")
                } else {
                    l.to_owned()
                }
            },
            &|_| None,
            &Sanitizer::new(&[], false),
            &crate::load::strings::default_words(),
        );
        assert!(r.html.contains(r#"href="/bhxh/tin-tuc/x/""#));
        assert!(r.html.contains(r#"src="anh.jpg""#));
    }

    #[test]
    fn raw_html_is_sanitized_and_reported() {
        let r = md(
            "Đoạn <span style=\"display:none\">nhà cái</span> và [x](javascript:alert(1)).\n\n<script>alert(1)</script>\n",
        );
        assert!(
            !r.html.contains("<script")
                && !r.html.contains("javascript:")
                && !r.html.contains("display:none"),
            "{}",
            r.html
        );
        let reasons: Vec<&str> = r.removed.iter().map(|(_, w)| w.as_str()).collect();
        assert!(reasons.contains(&"a <script> element"), "{reasons:?}");
        assert!(reasons.contains(&"an inline style that hides content"));
        assert!(reasons.contains(&"a link to a forbidden URL scheme (javascript)"));
        // The offset of the script block: line 3 of the body.
        let (at, _) = r
            .removed
            .iter()
            .find(|(_, w)| w == "a <script> element")
            .unwrap();
        assert_eq!(
            body_line(
                "Đoạn <span style=\"display:none\">nhà cái</span> và [x](javascript:alert(1)).\n\n<script>alert(1)</script>\n",
                *at
            ),
            3
        );
    }

    fn body_line(body: &str, at: usize) -> usize {
        body[..at].matches('\n').count() + 1
    }

    #[test]
    fn table_alignment_becomes_classes_and_cells_know_their_heading() {
        let r = md(
            "| a | **b** & c | c | d |\n|---|---:|:---|:-:|\n| 1 | 2 | 3 | 4 |\n| 5 | 6 | 7 | 8 |\n",
        );
        assert_eq!(
            r.html,
            "<table><thead><tr><th>a</th><th class=\"align-right\"><strong>b</strong> &amp; c</th>\
             <th class=\"align-left\">c</th><th class=\"align-center\">d</th></tr></thead><tbody>\n\
             <tr><td data-label=\"a\">1</td><td data-label=\"b &amp; c\" class=\"align-right\">2</td>\
             <td data-label=\"c\" class=\"align-left\">3</td><td data-label=\"d\" class=\"align-center\">4</td></tr>\n\
             <tr><td data-label=\"a\">5</td><td data-label=\"b &amp; c\" class=\"align-right\">6</td>\
             <td data-label=\"c\" class=\"align-left\">7</td><td data-label=\"d\" class=\"align-center\">8</td></tr>\n\
             </tbody></table>\n"
        );
    }

    #[test]
    fn words_are_counted() {
        assert_eq!(md("Bảo hiểm y tế **hộ gia đình**.").word_count, 7);
    }
}
