//! From blocks to an article: injected spam and portal chrome removed, title, date, author
//! and source read from the lines around the text, image captions turned into notes for the
//! editor, interviews and lists given their structure, links kept only where `loa check`
//! allows them.

use super::dates::{self, DateLine};
use super::lines::{
    AUTHOR_LABELS, RELATED, WIDGETS, byline, credit_caption, interview, is_chrome, is_url_piece,
    labelled, line_key, numbered_image, source_line,
};
use super::{Article, Block, Doc, Finding, Kind, MarkKind, Target, plain};
use crate::base::text::fold;
use crate::rules::{self, Rules};

pub(super) fn article(
    doc: Doc,
    source: &str,
    rules: &Rules,
    site: &Target,
) -> Result<Article, String> {
    let Doc {
        mut blocks,
        meta,
        plain: is_plain,
        findings,
    } = doc;
    let mut a = Article {
        title: String::new(),
        date: meta.date,
        updated: None,
        author: meta.author.clone(),
        summary: None,
        source: None,
        aliases: Vec::new(),
        draft: false,
        body: Vec::new(),
        findings,
        warnings: Vec::new(),
    };
    let hidden = a.findings.iter().filter(|f| f.kind == "hidden").count();
    if hidden > 0 {
        a.warnings.push(format!("hidden text removed ×{hidden}"));
    }
    let mut c = Cleaner {
        source,
        a: &mut a,
        placeholder_date: false,
    };
    c.spam(&mut blocks, rules);
    c.chrome(&mut blocks);
    c.header(&mut blocks, meta.title.as_deref(), is_plain)?;
    c.trailer(&mut blocks);
    if let Some(url) =
        c.a.source
            .take_if(|s| crate::base::url::host_of(s).is_some())
    {
        // A wrapped address is whole only after joining: its start is enough to find it.
        let start: String = url.chars().take(40).collect();
        let at = source.find(&start);
        c.place_url(&url, at, site, rules);
    }
    if let Some(url) = &meta.url {
        c.place_url(url, source.find(url.as_str()), site, rules);
    }
    c.placeholders(&mut blocks, rules);
    for block in &mut blocks {
        interview(block);
    }
    if is_plain {
        blocks = plain::rejoin(blocks);
    }
    c.captions(&mut blocks);
    c.links(&mut blocks, rules, site, meta.url.as_deref());
    c.suspects(&blocks);
    c.undated(&mut blocks, site);
    a.summary = blocks
        .iter()
        .find(|b| b.kind == Kind::Para)
        .map(|b| summary(&b.text));
    a.draft = blocks.iter().any(|b| {
        matches!(b.kind, Kind::Note | Kind::Image { .. })
            || b.marks.iter().any(|m| matches!(m.kind, MarkKind::Note(_)))
    });
    a.body = blocks;
    a.findings.sort_by_key(|f| f.at.unwrap_or(usize::MAX));
    Ok(a)
}

struct Cleaner<'a> {
    source: &'a str,
    a: &'a mut Article,
    placeholder_date: bool,
}

impl Cleaner<'_> {
    /// Without a real date the article is dated on import day, and a note at the top says
    /// so, with the latest date the text mentions as a lead for the editor.
    fn undated(&mut self, blocks: &mut Vec<Block>, site: &Target) {
        if self.a.date.is_some() {
            return;
        }
        let latest = blocks
            .iter()
            .flat_map(|b| dates::dates_in(&b.text))
            .filter(|d| *d <= site.today)
            .max();
        let note = format!(
            "Bài gốc không ghi ngày đăng{}. Ngày trong phần đầu bài là ngày nhập bài ({}): sửa thành ngày đăng thật{}, xóa dòng `draft: true`, rồi xóa ghi chú này.",
            if self.placeholder_date {
                " (ô ngày đăng còn để trống)"
            } else {
                ""
            },
            site.today.date_vi(),
            latest.map_or(String::new(), |d| format!(
                " (ngày muộn nhất được nhắc đến trong bài là {})",
                d.date_vi()
            ))
        );
        blocks.insert(0, Block::new(Kind::Note, note, None));
        let warning = if self.placeholder_date {
            "date placeholder, no date"
        } else {
            "no date"
        };
        self.a.warnings.insert(0, warning.to_owned());
    }

    fn found(&mut self, at: Option<usize>, kind: &'static str, message: String) {
        self.a.findings.push(Finding { at, kind, message });
    }

    /// Where `text` (a piece of `block`) is in the input: searched from the block's start, as
    /// an HTML block's text has its entities decoded and its spaces collapsed.
    fn position(&self, block: &Block, text: &str) -> Option<usize> {
        let at = block.at?;
        let word = text.split_whitespace().next()?;
        Some(self.source.get(at..)?.find(word).map_or(at, |i| at + i))
    }

    /// Cuts injected betting spam out of every block. Spam comes as runs of keywords, often
    /// glued with underscores ("bet365 tiếng việt_đặt cược bet365"), so hits a word or two
    /// apart are one run, and a run takes the whole words it touches. A block that was mostly
    /// spam goes entirely; elsewhere a note marks the cut, as the spam may have replaced a word.
    fn spam(&mut self, blocks: &mut Vec<Block>, rules: &Rules) {
        let mut removed = 0;
        blocks.retain_mut(|block| {
            if let Kind::Table(rows) = &mut block.kind {
                for cell in rows.iter_mut().flatten() {
                    for run in spam_runs(cell, rules).into_iter().rev() {
                        let message = format!(
                            "removed injected spam \"{}\" from a table",
                            &cell[run.clone()]
                        );
                        self.a.findings.push(Finding {
                            at: block.at,
                            kind: "spam",
                            message,
                        });
                        cell.replace_range(run, "");
                        removed += 1;
                    }
                }
                return true;
            }
            let runs = spam_runs(&block.text, rules);
            if runs.is_empty() {
                return true;
            }
            let words = block.text.split_whitespace().count();
            let spam_words: usize = runs
                .iter()
                .map(|r| block.text[r.clone()].split_whitespace().count())
                .sum();
            // A short line with a betting term is an injected one: `loa check` would refuse it.
            if spam_words * 2 >= words || words <= 12 {
                let at = block.at;
                self.found(
                    at,
                    "spam",
                    format!("removed the line \"{}\": injected spam", block.text),
                );
                removed += 1;
                return false;
            }
            for run in runs.into_iter().rev() {
                let at = self.position(block, &block.text[run.clone()]);
                let message = format!(
                    "removed injected spam \"{}\" (a note marks the place)",
                    &block.text[run.clone()]
                );
                self.found(at, "spam", message);
                removed += 1;
                block.cut(
                    run,
                    Some(
                        "đã xóa quảng cáo cờ bạc bị chèn vào đây; đọc lại câu cho liền mạch".into(),
                    ),
                );
            }
            true
        });
        if removed > 0 {
            self.a.warnings.push(format!("spam removed ×{removed}"));
        }
    }

    /// Removes the portal around the article: skip links and greetings before the title,
    /// widget titles, visit counters and related-article lists after it, and the few lines a
    /// portal prints anywhere ("Chi tiết tin", "In bài").
    fn chrome(&mut self, blocks: &mut Vec<Block>) {
        let mut count = 0;
        if let Some(i) = (1..blocks.len())
            .find(|&i| is_text(&blocks[i]) && RELATED.contains(&line_key(&blocks[i].text).as_str()))
        {
            let tail: Vec<Block> = blocks.drain(i..).collect();
            let message = match tail.len() {
                1 => format!("removed \"{}\" (portal chrome)", tail[0].text),
                n => format!(
                    "removed \"{}\" and the {} line{} after it (related articles)",
                    tail[0].text,
                    n - 1,
                    if n == 2 { "" } else { "s" }
                ),
            };
            self.found(tail[0].at, "chrome", message);
            count += tail.len();
        }
        while let Some(last) = blocks.pop_if(|b| {
            is_text(b) && (is_chrome(&b.text) || WIDGETS.contains(&line_key(&b.text).as_str()))
        }) {
            self.found(
                last.at,
                "chrome",
                format!("removed \"{}\" (portal chrome)", last.text),
            );
            count += 1;
        }
        let mut kept = Vec::with_capacity(blocks.len());
        for block in blocks.drain(..) {
            if is_text(&block) && is_chrome(&block.text) {
                self.found(
                    block.at,
                    "chrome",
                    format!("removed \"{}\" (portal chrome)", block.text),
                );
                count += 1;
            } else {
                kept.push(block);
            }
        }
        *blocks = kept;
        if count > 0 {
            self.a.warnings.push(format!(
                "{count} chrome line{} removed",
                if count == 1 { "" } else { "s" }
            ));
        }
    }

    /// A line that should have been the date: real dates are taken, placeholders and
    /// impossible dates reported and never taken.
    fn date_line(&mut self, block: &Block) -> bool {
        let Some(found) = dates::date_line(&block.text) else {
            return false;
        };
        match found {
            DateLine::Date {
                date,
                updated,
                swapped,
            } => {
                // "Cập nhật" under a publication date is the update; alone, it is all there is.
                let update = updated && self.a.date.is_some();
                let (slot, what) = if update {
                    (&mut self.a.updated, "updated")
                } else {
                    (&mut self.a.date, "date")
                };
                if slot.is_none() {
                    *slot = Some(date);
                    let month_first = if swapped {
                        ", read month first as no day-first reading exists"
                    } else {
                        ""
                    };
                    self.found(
                        block.at,
                        "date",
                        format!(
                            "\"{}\" → {what} {}{month_first}",
                            block.text,
                            date.datetime_vi()
                        ),
                    );
                    if swapped {
                        self.a.warnings.push("date read month first".into());
                    }
                } else {
                    self.found(
                        block.at,
                        "date",
                        format!("removed a second date line \"{}\"", block.text),
                    );
                }
            }
            DateLine::Placeholder => {
                self.placeholder_date = true;
                self.found(
                    block.at,
                    "date",
                    format!(
                        "\"{}\" is a template placeholder, not a date: removed",
                        block.text
                    ),
                );
            }
            DateLine::Impossible(why) => {
                self.found(
                    block.at,
                    "date",
                    format!("\"{}\" is not a real date ({why}): removed", block.text),
                );
                self.a.warnings.push("impossible date".into());
            }
        }
        true
    }

    /// Date lines before the title, the title (with its second line when a PDF export
    /// wrapped it), then the date and author lines under it.
    fn header(
        &mut self,
        blocks: &mut Vec<Block>,
        title: Option<&str>,
        is_plain: bool,
    ) -> Result<(), String> {
        while let Some(first) = blocks.first().cloned()
            && self.date_line(&first)
        {
            blocks.remove(0);
        }
        match title {
            Some(title) => {
                self.a.title = title.to_owned();
                if blocks
                    .first()
                    .is_some_and(|b| line_key(&b.text) == line_key(title))
                {
                    blocks.remove(0);
                }
            }
            None => {
                let Some(first) = blocks.first() else {
                    return Err("no text left after removing the portal's chrome".into());
                };
                if first.text.chars().count() > 250
                    || matches!(first.kind, Kind::Image { .. } | Kind::Table(_))
                {
                    return Err("no title: the first line is not a title but a paragraph; put the title on the first line".into());
                }
                let mut title = blocks.remove(0).text;
                while is_plain
                    && let Some(next) = blocks.first()
                    && !next.blank_before
                    && !plain::ends_sentence(&title)
                    && next.text.chars().count() < 120
                    && dates::date_line(&next.text).is_none()
                    && labelled(&next.text, AUTHOR_LABELS).is_none()
                {
                    title.push(' ');
                    title.push_str(&blocks.remove(0).text);
                }
                self.a.title = title;
            }
        }
        self.a.title = self
            .a
            .title
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if crate::base::text::slugify(&self.a.title).is_empty() {
            return Err(format!(
                "the title \"{}\" has no letter or digit to name the file after",
                self.a.title
            ));
        }
        for _ in 0..6 {
            let Some(next) = blocks.first().cloned() else {
                break;
            };
            let author = labelled(&next.text, AUTHOR_LABELS);
            if !self.date_line(&next) {
                let Some(author) = author else { break };
                self.found(next.at, "author", format!("\"{}\" → author", next.text));
                self.a.author.get_or_insert(author);
            }
            blocks.remove(0);
        }
        Ok(())
    }

    /// The last lines: the source link (rejoined when a PDF export wrapped it), a byline and
    /// the author's agency in brackets, a date line.
    fn trailer(&mut self, blocks: &mut Vec<Block>) {
        let mut affiliation: Option<Block> = None;
        let mut byline_done = false;
        // Lines that stay at the end of the text, in their order.
        let mut kept: Vec<Block> = Vec::new();
        while let Some(last) = blocks.last().cloned() {
            if last.kind != Kind::Para {
                break;
            }
            let n = blocks.len();
            if n >= 2
                && is_url_piece(&last.text)
                && source_line(&blocks[n - 2].text).is_some_and(|s| s.starts_with("http"))
            {
                blocks.pop();
                let previous = &mut blocks[n - 2];
                previous.text.push_str(&last.text);
                continue;
            }
            if !self.date_line(&last) {
                if let Some(source) = source_line(&last.text) {
                    // An address is reported where it is placed: alias or source.
                    if crate::base::url::host_of(&source).is_none() {
                        self.found(last.at, "source", format!("\"{}\" → source", last.text));
                    }
                    self.a.source.get_or_insert(source);
                } else if last.text.starts_with('(')
                    && last.text.ends_with(')')
                    && last.text.chars().count() <= 80
                    && affiliation.is_none()
                    && !byline_done
                {
                    affiliation = Some(last.clone());
                } else if !byline_done && let Some(name) = byline(&last.text) {
                    byline_done = true;
                    let agency = affiliation.take();
                    let name = match &agency {
                        Some(agency) => format!("{name} {}", agency.text),
                        None => name,
                    };
                    match &self.a.author {
                        Some(author) if fold(author) != fold(&name) => {
                            let message = format!(
                                "byline \"{name}\" differs from the author \"{author}\" under the title: kept as the last line, for the editor to decide"
                            );
                            self.found(last.at, "author", message);
                            self.a
                                .warnings
                                .push(format!("byline \"{name}\" differs from the author"));
                            kept.push(last);
                            kept.extend(agency);
                        }
                        _ => {
                            self.found(last.at, "author", format!("byline \"{name}\" → author"));
                            self.a.author = Some(name);
                        }
                    }
                } else {
                    break;
                }
            }
            blocks.pop();
        }
        // Brackets that did not belong to a byline stay in the text.
        kept.extend(affiliation);
        blocks.extend(kept);
    }

    /// The old address of the article: a redirect (`aliases`) when it was on this site, the
    /// `source` otherwise.
    fn place_url(&mut self, url: &str, at: Option<usize>, site: &Target, rules: &Rules) {
        let Some(full_host) = crate::base::url::host_of(url) else {
            return;
        };
        let host = full_host
            .strip_prefix("www.")
            .unwrap_or(&full_host)
            .to_owned();
        if host != site.host {
            // The source is a link on the page: a site off the allow-list is named, not linked,
            // as links in the text are.
            if rules.allows_host(&full_host) {
                self.found(at, "source", format!("{url} → source (another site)"));
                self.a.source.get_or_insert_with(|| url.to_owned());
            } else {
                self.found(at, "source", format!("{url} → source \"{host}\", named without its address: the site does not allow links there (content/kiem-tra.yaml allowed_domains)"));
                self.a.source.get_or_insert(host);
            }
            return;
        }
        let path = url
            .splitn(4, '/')
            .nth(3)
            .map_or("/".to_owned(), |p| format!("/{p}"));
        match path.strip_prefix(site.root.as_str()) {
            Some(_) if path.contains(['?', '#']) => {
                self.found(at, "source", format!("the old address {url} has a query string, which a static site cannot redirect: kept as the source"));
                self.a.source.get_or_insert_with(|| url.to_owned());
            }
            Some(rest) => {
                let alias = format!("/{rest}");
                // What the build would refuse as an alias stays the source.
                if let Some(why) = crate::load::content::alias_problem(&alias) {
                    self.found(
                        at,
                        "source",
                        format!(
                            "the old address {url} cannot be a redirect ({why}): kept as the source"
                        ),
                    );
                    self.a.source.get_or_insert_with(|| url.to_owned());
                    return;
                }
                self.found(at, "source", format!("the old address {url} on this site → alias {alias}, which redirects to the article"));
                if !self.a.aliases.contains(&alias) {
                    self.a.aliases.push(alias);
                }
                if self.a.source.as_deref() == Some(url) {
                    self.a.source = None;
                }
            }
            None => {
                self.found(
                    at,
                    "source",
                    format!(
                        "the old address {url} is outside the site's path {}: kept as the source",
                        site.root
                    ),
                );
                self.a.source.get_or_insert_with(|| url.to_owned());
            }
        }
    }

    /// A template placeholder in the text ("dd/mm/yyyy") becomes a note: `loa check` refuses
    /// to publish placeholders, and only the editor knows what was meant.
    fn placeholders(&mut self, blocks: &mut [Block], rules: &Rules) {
        for block in blocks {
            let mut found = rules::placeholders_in(&block.text, rules);
            found.sort_unstable_by_key(|(at, _)| std::cmp::Reverse(*at));
            for (start, placeholder) in found {
                let end = block.text[start..]
                    .char_indices()
                    .nth(placeholder.chars().count())
                    .map_or(block.text.len(), |(i, _)| start + i);
                let at = self.position(block, &block.text[start..end]);
                let message = format!(
                    "template placeholder \"{}\" replaced by a note for the editor",
                    &block.text[start..end]
                );
                self.found(at, "placeholder", message);
                block.cut(
                    start..end,
                    Some("bài gốc để mẫu trống ở đây; điền nội dung thật".into()),
                );
            }
        }
    }

    /// Image captions left as text become notes, with the caption, where the image was.
    fn captions(&mut self, blocks: &mut Vec<Block>) {
        let mut images = 0;
        let mut i = 0;
        while i < blocks.len() {
            if let Kind::Image { number, .. } = &mut blocks[i].kind {
                images += 1;
                *number = images;
                // A CMS writes the title as alt text ("Tiêu đề - Ảnh 1."): not a caption.
                if numbered_image(&blocks[i].text).is_some() {
                    blocks[i].text.clear();
                }
                i += 1;
                continue;
            }
            if blocks[i].kind != Kind::Para {
                i += 1;
                continue;
            }
            let text = blocks[i].text.clone();
            let at = blocks[i].at;
            if let Some(number) = numbered_image(&text) {
                images += 1;
                let next_is_caption = blocks.get(i + 1).is_some_and(|n| {
                    n.kind == Kind::Para
                        && n.text.chars().count() <= 300
                        && numbered_image(&n.text).is_none()
                        && credit_caption(&n.text).is_none()
                });
                let caption = if next_is_caption {
                    blocks.remove(i + 1).text
                } else {
                    String::new()
                };
                self.found(
                    at,
                    "caption",
                    format!(
                        "image {number} (\"{text}\"{}) → a note for the editor",
                        if caption.is_empty() {
                            String::new()
                        } else {
                            " and the caption under it".to_owned()
                        }
                    ),
                );
                blocks[i] = Block::new(
                    Kind::Image {
                        number: number as usize,
                        src: None,
                    },
                    caption,
                    at,
                );
            } else if let Some(caption) = credit_caption(&text) {
                images += 1;
                self.found(
                    at,
                    "caption",
                    format!("image caption \"{text}\" → a note for the editor"),
                );
                blocks[i] = Block::new(
                    Kind::Image {
                        number: images,
                        src: None,
                    },
                    caption,
                    at,
                );
            }
            i += 1;
        }
        if images > 0 {
            self.a.warnings.push(format!(
                "{images} image{} to re-insert",
                if images == 1 { "" } else { "s" }
            ));
        }
    }

    /// Links `loa check` would refuse lose their target, keeping their text: links to other
    /// sites not on the allow-list, and the old portal's relative links.
    fn links(
        &mut self,
        blocks: &mut [Block],
        rules: &Rules,
        site: &Target,
        page_url: Option<&str>,
    ) {
        let origin = page_url
            .and_then(crate::base::url::host_of)
            .filter(|h| h.strip_prefix("www.").unwrap_or(h) == site.host);
        let mut dropped = 0;
        for block in blocks.iter_mut() {
            let mut kept = Vec::with_capacity(block.marks.len());
            for mut mark in std::mem::take(&mut block.marks) {
                let MarkKind::Link(href) = &mark.kind else {
                    kept.push(mark);
                    continue;
                };
                let lower = href.to_ascii_lowercase();
                let target = if lower.starts_with("mailto:") || lower.starts_with("tel:") {
                    Some(href.clone())
                } else if let Some(host) = crate::base::url::host_of(href) {
                    rules.allows_host(&host).then(|| href.clone())
                } else if href.starts_with('/') && !href.starts_with("//") {
                    origin.as_ref().map(|o| format!("https://{o}{href}"))
                } else {
                    None
                };
                match target {
                    Some(t) => {
                        mark.kind = MarkKind::Link(t);
                        kept.push(mark);
                    }
                    None if href.starts_with('#') || lower.starts_with("javascript:") => {}
                    None => {
                        let text = &block.text[mark.range.clone()];
                        let at = self.source.find(href.as_str()).or(block.at);
                        self.a.findings.push(Finding {
                            at,
                            kind: "link",
                            message: format!("link \"{text}\" → {href} removed, its text kept: the site does not allow links there (content/kiem-tra.yaml allowed_domains)"),
                        });
                        dropped += 1;
                    }
                }
            }
            block.marks = kept;
        }
        if dropped > 0 {
            self.a.warnings.push(format!(
                "{dropped} link{} removed",
                if dropped == 1 { "" } else { "s" }
            ));
        }
    }

    /// Short lines without a full stop in the middle of the text are often captions or
    /// subheadings; they are left as they are, and pointed out.
    fn suspects(&mut self, blocks: &[Block]) {
        let mut count = 0;
        for block in blocks.iter().skip(1).take(blocks.len().saturating_sub(2)) {
            if block.kind == Kind::Para
                && block.text.chars().count() <= 90
                && !plain::ends_sentence(&block.text)
                && !block.text.ends_with([',', ';'])
            {
                self.found(
                    block.at,
                    "review",
                    format!(
                        "\"{}\" may be an image caption or a subheading: kept as a paragraph",
                        block.text
                    ),
                );
                count += 1;
            }
        }
        if count > 0 {
            self.a.warnings.push(format!(
                "{count} short line{} to check",
                if count == 1 { "" } else { "s" }
            ));
        }
    }
}

/// Blocks that are text the article's reader sees as such (not tables, images or notes).
fn is_text(block: &Block) -> bool {
    matches!(
        block.kind,
        Kind::Para | Kind::Heading(_) | Kind::Item(_) | Kind::Quote
    )
}

/// Spam hits grouped into runs, each extended to the whole words it touches.
fn spam_runs(text: &str, rules: &Rules) -> Vec<std::ops::Range<usize>> {
    let tokens: Vec<std::ops::Range<usize>> = text
        .split_whitespace()
        .map(|w| {
            let start = w.as_ptr() as usize - text.as_ptr() as usize;
            start..start + w.len()
        })
        .collect();
    let token_of = |byte: usize| tokens.iter().position(|t| t.start <= byte && byte < t.end);
    let mut runs: Vec<(usize, usize)> = Vec::new();
    for hit in rules::spam_in(text, rules) {
        let (Some(first), Some(last)) = (token_of(hit.start), token_of(hit.end - 1)) else {
            continue;
        };
        match runs.last_mut() {
            Some((_, end)) if first <= *end + 3 => *end = (*end).max(last),
            _ => runs.push((first, last)),
        }
    }
    runs.into_iter()
        .map(|(first, last)| tokens[first].start..tokens[last].end)
        .collect()
}

/// One or two opening sentences of the lead paragraph, up to 300 characters.
fn summary(lead: &str) -> String {
    let mut out = String::new();
    for sentence in sentences(lead) {
        if !out.is_empty() && out.chars().count() + sentence.chars().count() > 300 {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(sentence);
    }
    if out.chars().count() > 300 {
        let cut: String = out.chars().take(299).collect();
        let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
        out = format!("{}…", cut.trim_end_matches([',', ';', ':']));
    }
    out
}

/// Abbreviations after which a full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "TP", "Tp", "ThS", "TS", "PGS", "GS", "BS", "Th.S", "St", "Q", "P", "v.v", "Đ/c", "đ/c",
];

fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        if !matches!(c, '.' | '!' | '?' | '…') {
            continue;
        }
        let Some(&(_, space)) = chars.get(k + 1) else {
            continue;
        };
        let next = chars.get(k + 2).map(|&(_, n)| n);
        if !space.is_whitespace()
            || !next.is_some_and(|n| n.is_uppercase() || n.is_ascii_digit() || "\"“(".contains(n))
        {
            continue;
        }
        let word = text[start..i]
            .rsplit(char::is_whitespace)
            .next()
            .unwrap_or_default();
        if c == '.' && ABBREVIATIONS.contains(&word) {
            continue;
        }
        let end = i + c.len_utf8();
        out.push(text[start..end].trim());
        start = end;
    }
    if start < text.len() && !text[start..].trim().is_empty() {
        out.push(text[start..].trim());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summaries_keep_whole_sentences() {
        let lead = "Năm 2023, toàn tỉnh có 3.294.829 người tham gia BHYT, đạt 98,73% kế hoạch. TP. Thanh Hóa dẫn đầu. ".repeat(4);
        let s = summary(lead.trim());
        let unit = "Năm 2023, toàn tỉnh có 3.294.829 người tham gia BHYT, đạt 98,73% kế hoạch. TP. Thanh Hóa dẫn đầu.";
        assert_eq!(
            s,
            [unit; 3].join(" "),
            "whole sentences up to 300 characters"
        );
        let long = "Một câu rất dài ".repeat(40);
        assert!(summary(&long).ends_with('…') && summary(&long).chars().count() <= 300);
    }
}
