//! `loa import`: articles exported from an old portal (plain text or HTML) turned into clean
//! Markdown articles of a section, with a report of everything that was removed or guessed.

mod clean;
mod dates;
mod decode;
#[cfg(any(test, feature = "fuzzing"))]
pub(crate) mod fuzzing;
mod html;
mod lines;
mod plain;
mod write;

use std::collections::HashSet;
use std::io::Write;
use std::ops::Range;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::base::date::DateTime;
use crate::base::error::{Diagnostic, Diagnostics, Span, display_path};
use crate::base::text;
use crate::load::config::Config;
use crate::rules::Rules;

/// A paragraph, heading, list item, ... of an imported article.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Block {
    pub kind: Kind,
    /// Plain text (NFC, single spaces): what the rules look at and the writer escapes.
    pub text: String,
    /// Links and notes inside `text`, in order.
    pub marks: Vec<Mark>,
    /// Byte offset in the decoded input where the block starts, to report line:column.
    pub at: Option<usize>,
    /// Plain text only: an empty line separates it from the block before.
    pub blank_before: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Kind {
    Para,
    Heading(u8),
    /// A list item; `Some(n)` in a numbered list.
    Item(Option<u32>),
    /// A question or answer of an interview, after its label: "PV", "Trả lời".
    Qa(String),
    Quote,
    Table(Vec<Vec<String>>),
    /// An image of the original, which did not come along: `text` is its caption.
    Image {
        number: usize,
        src: Option<String>,
    },
    /// A note for the editor (Vietnamese), shown in the preview and never published.
    Note,
}

/// A link or a note for the editor inside a block's text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Mark {
    pub range: Range<usize>,
    pub kind: MarkKind,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum MarkKind {
    Link(String),
    /// Put at `range.start`, which is where something was cut out.
    Note(String),
}

impl Block {
    pub(crate) fn new(kind: Kind, text: String, at: Option<usize>) -> Block {
        Block {
            kind,
            text,
            marks: Vec::new(),
            at,
            blank_before: false,
        }
    }

    /// Removes `range` from the text, closing up the spaces around it, and keeps the marks in
    /// place; `note` is left where the text was.
    pub(crate) fn cut(&mut self, range: Range<usize>, note: Option<String>) {
        let before = self.text[..range.start].trim_end().len();
        let after =
            range.end + (self.text[range.end..].len() - self.text[range.end..].trim_start().len());
        let joint = if before == 0 || after == self.text.len() {
            ""
        } else {
            " "
        };
        let removed = after - before;
        self.text.replace_range(before..after, joint);
        let shift = |i: usize| {
            if i >= after {
                i - removed + joint.len()
            } else {
                i.min(before)
            }
        };
        self.marks.retain_mut(|m| {
            m.range = shift(m.range.start)..shift(m.range.end);
            matches!(m.kind, MarkKind::Note(_)) || !m.range.is_empty()
        });
        if let Some(note) = note {
            let i = self.marks.partition_point(|m| m.range.start <= before);
            self.marks.insert(
                i,
                Mark {
                    range: before..before,
                    kind: MarkKind::Note(note),
                },
            );
        }
    }
}

/// An input read into blocks, with what the page said about itself (HTML only).
pub(crate) struct Doc {
    pub blocks: Vec<Block>,
    pub meta: Meta,
    /// Plain text: lines may have been wrapped by a PDF export and lists are typed by hand.
    pub plain: bool,
    /// What reading the input already removed (an HTML page's header).
    pub findings: Vec<Finding>,
}

/// What an HTML page says about itself in its `<head>` and markup.
#[derive(Debug, Default)]
pub(crate) struct Meta {
    pub title: Option<String>,
    pub date: Option<DateTime>,
    pub author: Option<String>,
    /// The page's own address (canonical link or og:url).
    pub url: Option<String>,
}

/// What was removed, turned into something else or guessed, at its place in the input.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Finding {
    pub at: Option<usize>,
    /// `spam`, `chrome`, `date`, `caption`, ...
    pub kind: &'static str,
    pub message: String,
}

/// An imported article, ready to be written.
#[derive(Debug, Clone)]
pub(crate) struct Article {
    pub title: String,
    /// None: the original had no real date; it is imported as a draft dated on import day.
    pub date: Option<DateTime>,
    pub updated: Option<DateTime>,
    pub author: Option<String>,
    pub summary: Option<String>,
    pub source: Option<String>,
    pub aliases: Vec<String>,
    pub draft: bool,
    pub body: Vec<Block>,
    pub findings: Vec<Finding>,
    /// Short reasons for the table: "no date", "2 images to re-insert", ...
    pub warnings: Vec<String>,
}

/// The site an import writes into.
pub(crate) struct Target {
    /// The host of `base_url`, `www.` removed.
    pub host: String,
    /// The path of `base_url`: `/` or `/bhxh/`.
    pub root: String,
    pub today: DateTime,
    pub offset: crate::base::date::Offset,
}

impl Target {
    fn from_config(config: &Config) -> Target {
        let host = crate::base::url::host_of(&config.base_url).unwrap_or_default();
        let now = DateTime::now(config.offset);
        Target {
            host: host.strip_prefix("www.").unwrap_or(&host).to_owned(),
            root: config.root.clone(),
            today: DateTime {
                hour: 0,
                minute: 0,
                has_time: false,
                ..now
            },
            offset: config.offset,
        }
    }
}

pub(crate) struct ImportOptions {
    pub root: PathBuf,
    pub inputs: Vec<PathBuf>,
    /// The section folder under `content/`: `tin-tuc`, `chinh-sach/bhyt`.
    pub section: String,
    pub dry_run: bool,
    pub force: bool,
}

/// One input's outcome, for the report and the table.
struct Outcome {
    input: PathBuf,
    shown: String,
    source_text: String,
    result: Result<Planned, String>,
    /// Where in the input it failed, when the failure has a place.
    failed_at: Option<usize>,
}

struct Planned {
    article: Article,
    target: PathBuf,
    slug: String,
    action: Action,
}

#[derive(PartialEq)]
enum Action {
    Write,
    Overwrite,
    Skip,
}

/// File extensions taken from a folder; files named on the command line are read whatever
/// their name.
const EXTENSIONS: &[&str] = &["txt", "text", "htm", "html", "xhtml"];

/// Imports `options.inputs` into the section, printing the plan, what was removed from each
/// file and the closing table to `out`. Returns whether every input was imported or skipped.
pub(crate) fn run(options: &ImportOptions, out: &mut dyn Write) -> Result<bool, Diagnostics> {
    let content = options.root.join("content");
    let config_path = content.join("site.yaml");
    let config_text = std::fs::read(&config_path)
        .map_err(|e| {
            Diagnostic::file_error(
                &config_path,
                format!("cannot read the site configuration: {e}"),
            )
            .with_hint(
                "run loa import in the site folder (the one holding content/), or pass --root DIR",
            )
        })
        .and_then(|bytes| text::decode(&config_path, &bytes))?;
    let config = Config::parse(&config_path, &config_text, None)?;
    let section = options.section.trim_matches('/').to_owned();
    let section_dir = content.join(&section);
    if section.is_empty()
        || section.contains("..")
        || !section_dir.join("_index.md").is_file()
        || !write::is_inside(&content, &section_dir)
    {
        let sections = sections_of(&content);
        return Err(Diagnostic::file_error(
            "--section",
            format!("`{}` is not a section of this site", options.section),
        )
        .with_hint(if sections.is_empty() {
            "create a section first: a folder under content/ with an _index.md".to_owned()
        } else {
            format!("use one of: {}", sections.join(", "))
        })
        .into());
    }
    let rules = Rules::load(
        &content,
        &crate::base::url::host_of(&config.base_url).unwrap_or_default(),
    )?;
    let site = Target::from_config(&config);
    let (inputs, mut errors) = collect_inputs(&options.inputs);
    if inputs.is_empty() && errors.is_empty() {
        errors.push(
            Diagnostic::file_error(
                options
                    .inputs
                    .first()
                    .map_or(Path::new("."), PathBuf::as_path),
                "no file to import",
            )
            .with_hint(format!(
                "name text or HTML exports, or a folder holding them ({})",
                EXTENSIONS.join(", ")
            )),
        );
    }
    if errors.has_errors() {
        return Err(errors);
    }

    let mut outcomes: Vec<Outcome> = inputs
        .par_iter()
        .map(|input| import_one(input, &rules, &site))
        .collect();
    name_files(&mut outcomes, &section_dir, options.force);

    let shown_section = display_path(&section_dir);
    let _ = writeln!(
        out,
        "Importing {} file{} into {shown_section}/{}\n",
        outcomes.len(),
        if outcomes.len() == 1 { "" } else { "s" },
        if options.dry_run {
            " (dry run: nothing is written)"
        } else {
            ""
        }
    );
    for outcome in &mut outcomes {
        if let Ok(planned) = &outcome.result
            && !options.dry_run
            && planned.action != Action::Skip
        {
            let markdown = write::markdown(&planned.article, &planned.slug, &site);
            let overwrite = planned.action == Action::Overwrite;
            if let Err(e) = write::save(&planned.target, &markdown, overwrite) {
                outcome.result = Err(format!(
                    "cannot write {}: {e}",
                    display_path(&planned.target)
                ));
            }
        }
        report(outcome, &site, out);
    }
    table(&outcomes, out);
    let written = outcomes
        .iter()
        .filter(|o| matches!(&o.result, Ok(p) if p.action != Action::Skip))
        .count();
    let drafts = outcomes
        .iter()
        .filter(|o| matches!(&o.result, Ok(p) if p.action != Action::Skip && p.article.draft))
        .count();
    let skipped = outcomes
        .iter()
        .filter(|o| matches!(&o.result, Ok(p) if p.action == Action::Skip))
        .count();
    let failed = outcomes.iter().filter(|o| o.result.is_err()).count();
    let _ = writeln!(
        out,
        "\n{written} article{} {} ({drafts} draft{} to review), {skipped} skipped, {failed} failed",
        if written == 1 { "" } else { "s" },
        if options.dry_run {
            "to write"
        } else {
            "written"
        },
        if drafts == 1 { "" } else { "s" },
    );
    if drafts > 0 && !options.dry_run {
        let _ = writeln!(
            out,
            "Next: loa serve to review the drafts; loa check --drafts lists every note left for the editor."
        );
    }
    Ok(failed == 0)
}

/// Each article's file: `<slug of the title>.md`, numbered when an earlier input of the run
/// has the same title; an existing article is skipped unless `force`, and a folder article
/// (`<slug>/index.md`) is always kept.
fn name_files(outcomes: &mut [Outcome], section_dir: &Path, force: bool) {
    let mut taken: HashSet<String> = HashSet::new();
    for outcome in outcomes {
        let Ok(planned) = &mut outcome.result else {
            continue;
        };
        let base = text::slugify(&planned.article.title);
        let mut slug = base.clone();
        let mut n = 1;
        while !taken.insert(slug.clone()) {
            n += 1;
            slug = format!("{base}-{n}");
        }
        if let Some(refusal) = write::refusal(section_dir, &slug) {
            outcome.result = Err(refusal);
            continue;
        }
        planned.target = write::file(section_dir, &slug);
        planned.action = if section_dir.join(&slug).is_dir() {
            Action::Skip
        } else if !planned.target.exists() {
            Action::Write
        } else if force {
            Action::Overwrite
        } else {
            Action::Skip
        };
        planned.slug = slug;
    }
}

fn import_one(input: &Path, rules: &Rules, site: &Target) -> Outcome {
    let shown = display_path(input);
    let bytes = match std::fs::read(input) {
        Ok(b) => b,
        Err(e) => {
            return Outcome {
                input: input.to_owned(),
                shown,
                source_text: String::new(),
                result: Err(format!("cannot read: {e}")),
                failed_at: None,
            };
        }
    };
    let decoded = decode::decode(input, &bytes);
    let is_html = input.extension().is_some_and(|e| {
        ["htm", "html", "xhtml"].contains(&e.to_string_lossy().to_ascii_lowercase().as_str())
    }) || html::looks_like_html(&decoded.text);
    let doc = if is_html {
        html::parse(&decoded.text, site)
    } else {
        Ok(plain::parse(&decoded.text))
    };
    let doc = match doc {
        Ok(doc) => doc,
        Err((failed_at, message)) => {
            return Outcome {
                input: input.to_owned(),
                shown,
                source_text: decoded.text,
                result: Err(message),
                failed_at,
            };
        }
    };
    let result = clean::article(doc, &decoded.text, rules, site).map(|mut article| {
        if let Some(encoding) = decoded.encoding {
            article.warnings.push(format!("read as {encoding}"));
        }
        Planned {
            article,
            target: PathBuf::new(),
            slug: String::new(),
            action: Action::Write,
        }
    });
    Outcome {
        input: input.to_owned(),
        shown,
        source_text: decoded.text,
        result,
        failed_at: None,
    }
}

/// The files to import, in a stable order: named files as given, folders walked by name.
fn collect_inputs(inputs: &[PathBuf]) -> (Vec<PathBuf>, Diagnostics) {
    let mut files = Vec::new();
    let mut errors = Diagnostics::new();
    for input in inputs {
        if input.is_file() {
            files.push(input.clone());
        } else if input.is_dir() {
            let walker = walkdir::WalkDir::new(input)
                .sort_by_file_name()
                .into_iter()
                .filter_entry(|e| {
                    e.depth() == 0
                        || !crate::base::files::is_ignored_name(&e.file_name().to_string_lossy())
                });
            for entry in walker.flatten() {
                let wanted = entry.path().extension().is_some_and(|e| {
                    EXTENSIONS.contains(&e.to_string_lossy().to_ascii_lowercase().as_str())
                });
                if entry.file_type().is_file() && wanted {
                    files.push(entry.into_path());
                }
            }
        } else {
            errors.push(
                Diagnostic::file_error(input, "no such file or folder")
                    .with_hint("name text or HTML exports, or a folder holding them"),
            );
        }
    }
    (files, errors)
}

/// Sections of the site, as `--section` takes them.
fn sections_of(content: &Path) -> Vec<String> {
    let mut sections: Vec<String> = walkdir::WalkDir::new(content)
        .sort_by_file_name()
        .into_iter()
        .flatten()
        .filter(|e| e.depth() > 1 && e.file_name() == "_index.md")
        .filter_map(|e| {
            let dir = e.path().parent()?.strip_prefix(content).ok()?;
            Some(dir.to_string_lossy().replace('\\', "/"))
        })
        .collect();
    sections.sort();
    sections
}

/// `file:line:col` of a byte offset in the decoded input, for findings.
fn location(shown: &str, source: &str, at: Option<usize>) -> String {
    match at {
        Some(at) => {
            let span = Span::from_offsets(source, at, at);
            format!("{shown}:{}:{}", span.line, span.column)
        }
        None => shown.to_owned(),
    }
}

fn report(outcome: &Outcome, site: &Target, out: &mut dyn Write) {
    let planned = match &outcome.result {
        Ok(p) => p,
        Err(message) => {
            let at = location(&outcome.shown, &outcome.source_text, outcome.failed_at);
            let _ = writeln!(out, "{at}: error: {message}\n");
            return;
        }
    };
    let a = &planned.article;
    let target = display_path(&planned.target);
    let action = match planned.action {
        Action::Write if a.draft => "  (draft)".to_owned(),
        Action::Write => String::new(),
        Action::Overwrite => format!(
            "  (overwrites the existing file{})",
            if a.draft { ", draft" } else { "" }
        ),
        Action::Skip => "  (skipped: the file exists; --force overwrites it)".to_owned(),
    };
    let _ = writeln!(out, "{} → {target}{action}", outcome.shown);
    let width = a
        .findings
        .iter()
        .map(|f| {
            location(&outcome.shown, &outcome.source_text, f.at)
                .chars()
                .count()
        })
        .max()
        .unwrap_or(0);
    for f in &a.findings {
        let at = location(&outcome.shown, &outcome.source_text, f.at);
        let _ = writeln!(out, "  {at:<width$}  {:<11}  {}", f.kind, f.message);
    }
    if a.date.is_none() {
        let _ = writeln!(
            out,
            "  no real date: imported as a draft dated {} (today), with a note for the editor",
            site.today.date_vi()
        );
    }
    let _ = writeln!(out);
}

fn table(outcomes: &[Outcome], out: &mut dyn Write) {
    let mut rows = vec![[
        "file".to_owned(),
        "title".to_owned(),
        "date".to_owned(),
        "words".to_owned(),
        "warnings".to_owned(),
    ]];
    for o in outcomes {
        let file = o
            .input
            .file_name()
            .map_or(o.shown.clone(), |n| n.to_string_lossy().into_owned());
        rows.push(match &o.result {
            Ok(p) => {
                let a = &p.article;
                let mut warnings = a.warnings.clone();
                if p.action == Action::Skip {
                    warnings.insert(0, "skipped: exists".to_owned());
                }
                [
                    file,
                    shorten(&a.title, 48),
                    match a.date {
                        None => "none (draft)".to_owned(),
                        Some(d) if a.draft => format!("{} (draft)", d.datetime_vi()),
                        Some(d) => d.datetime_vi(),
                    },
                    write::word_count(&a.body).to_string(),
                    if warnings.is_empty() {
                        "-".to_owned()
                    } else {
                        warnings.join("; ")
                    },
                ]
            }
            Err(message) => [
                file,
                "-".into(),
                "-".into(),
                "-".into(),
                format!("error: {message}"),
            ],
        });
    }
    let widths: Vec<usize> = (0..4)
        .map(|c| rows.iter().map(|r| r[c].chars().count()).max().unwrap_or(0))
        .collect();
    for row in &rows {
        let _ = writeln!(
            out,
            "{:<w0$}  {:<w1$}  {:<w2$}  {:>w3$}  {}",
            row[0],
            row[1],
            row[2],
            row[3],
            row[4],
            w0 = widths[0],
            w1 = widths[1],
            w2 = widths[2],
            w3 = widths[3],
        );
    }
}

/// `text` cut to `max` characters at a word boundary, with an ellipsis.
fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let cut: String = text.chars().take(max - 1).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{}…", cut.trim_end_matches([',', ':', ';', ' ']))
}
