//! Command-line interface: argument parsing and the commands' terminal output.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::base::error::{Diagnostic, Diagnostics, display_path};
use crate::pipeline::{self, Options};

/// loa: a static site generator for public communication (news, policies and statistics).
#[derive(Parser, Debug)]
#[command(version, about, long_about = None)]
pub struct Cli {
    /// The site folder: the one that holds content/ and themes/.
    #[arg(long, global = true, default_value = ".", value_name = "DIR")]
    pub root: PathBuf,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Deletes a replaced output folder; `build` starts it in the background.
    #[command(name = crate::output::REMOVE_COMMAND, hide = true)]
    RemoveReplacedOutput { dir: PathBuf },
    /// Build the site from content/ and the theme into the output folder.
    ///
    /// The site is written to a fresh folder and swapped into place only when every page
    /// rendered, so a failed build leaves the previous output untouched.
    Build {
        /// Include draft and future-dated articles (for previews; never for publishing).
        #[arg(long)]
        drafts: bool,
        /// Where to write the site [default: <root>/output].
        #[arg(long, value_name = "DIR")]
        output: Option<PathBuf>,
        /// Publish under another address than site.yaml's base_url, e.g. a staging server.
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
        /// Print how long each phase of the build took.
        #[arg(long)]
        timings: bool,
        /// Build even when the output's stamp says nothing changed since the last build.
        #[arg(long)]
        force: bool,
    },
    /// Preview the site in a browser that reloads by itself on every save (drafts included).
    ///
    /// The site is built into memory and served on loopback; editing a file rebuilds it, and
    /// a broken edit shows the problem over the last good version of the page.
    Serve {
        /// The port to listen on; 0 picks a free one.
        #[arg(long, default_value_t = 8000)]
        port: u16,
        /// The address to listen on. Anything but loopback lets other computers see drafts.
        #[arg(long, default_value = "127.0.0.1", value_name = "ADDRESS")]
        bind: std::net::IpAddr,
    },
    /// Check the content without writing the site: broken links and anchors, missing images,
    /// alt text, injected spam, leftover placeholders, duplicate titles, heading levels, ...
    ///
    /// Prints `file:line:col  level  rule  message`, grouped by file, and exits with 1 when
    /// there is an error. The same rules run in every build.
    Check {
        /// `text` for people, `json` for tools.
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
        /// Include drafts and future-dated articles.
        #[arg(long)]
        drafts: bool,
    },
    /// Import articles exported from an old portal (plain text or HTML) into a section.
    ///
    /// Each file becomes content/<SECTION>/<slug-of-title>.md: portal chrome and injected spam
    /// removed (each reported with its line and column), title, date, author and source read
    /// from the text, wrapped lines rejoined. Articles that need the editor (no real date,
    /// images to re-insert, removed spam) are drafts with a note `loa check --drafts` lists.
    Import {
        /// Text or HTML files, or folders holding them (.txt, .html).
        #[arg(required = true, value_name = "FILES_OR_DIR")]
        inputs: Vec<PathBuf>,
        /// The section to import into: a folder under content/ with an _index.md, e.g. tin-tuc.
        #[arg(long, value_name = "SECTION")]
        section: String,
        /// Print what would be written and the table, and write nothing.
        #[arg(long)]
        dry_run: bool,
        /// Overwrite articles that exist already (they are skipped otherwise).
        #[arg(long)]
        force: bool,
    },
    /// Create a new, working site in DIR: configuration, sections, one article and the default theme.
    ///
    /// DIR must not exist or be empty: init never overwrites files.
    Init {
        /// The folder to create.
        dir: PathBuf,
    },
}

pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Build {
            drafts,
            output,
            base_url,
            timings,
            force,
        } => {
            let output = output.unwrap_or_else(|| cli.root.join("output"));
            let options = Options {
                root: cli.root,
                drafts,
                base_url,
            };
            match pipeline::build(&options, &output, force) {
                Ok(report) => {
                    print_diagnostics(&report.warnings);
                    let mut text = String::new();
                    if timings {
                        for (phase, took) in &report.timings.0 {
                            text.push_str(&format!(
                                "{:>9.1} ms  {phase}\n",
                                took.as_secs_f64() * 1000.0
                            ));
                        }
                    }
                    text.push_str(&match report.up_to_date {
                        Some(warnings) => format!(
                            "Nothing changed since the last build: {} pages ({} files) in {} are up to date ({:.2} s){}",
                            report.html_pages,
                            report.files,
                            display_path(&output),
                            report.elapsed.as_secs_f64(),
                            match warnings {
                                0 => String::new(),
                                n => format!("; it had {n} warnings, which `loa check` lists"),
                            }
                        ),
                        None => format!(
                            "Built {} pages ({} files) into {} in {:.2} s{}",
                            report.html_pages,
                            report.files,
                            display_path(&output),
                            report.elapsed.as_secs_f64(),
                            if drafts { ", drafts included" } else { "" }
                        ),
                    });
                    say(&text)
                }
                Err(errors) => fail(
                    errors,
                    &format!("the previous {} is unchanged", display_path(&output)),
                ),
            }
        }
        Command::Serve { port, bind } => {
            let options = Options {
                root: cli.root,
                drafts: true,
                base_url: None,
            };
            match crate::serve::run(options, bind, port, |_| {}) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => fail(e.into(), "nothing is served"),
            }
        }
        Command::Check { format, drafts } => {
            let options = Options {
                root: cli.root,
                drafts,
                base_url: None,
            };
            let mut timings = crate::base::timings::Timings::default();
            let (problems, ok) = match pipeline::load(&options, &mut timings) {
                Ok(mut loaded) => {
                    let warnings = std::mem::take(&mut loaded.warnings);
                    pipeline::drop_aside(loaded);
                    (warnings, true)
                }
                Err(errors) => (errors.into_sorted(), false),
            };
            let written = report(&problems, format, &mut std::io::stdout().lock());
            match written {
                Ok(()) if ok => ExitCode::SUCCESS,
                Ok(()) => ExitCode::FAILURE,
                Err(e) => output_failed(&e),
            }
        }
        Command::RemoveReplacedOutput { dir } => match crate::output::remove_own_tree(&dir) {
            Ok(()) => ExitCode::SUCCESS,
            Err(_) => ExitCode::FAILURE,
        },
        Command::Import {
            inputs,
            section,
            dry_run,
            force,
        } => {
            let options = crate::import::ImportOptions {
                root: cli.root,
                inputs,
                section,
                dry_run,
                force,
            };
            match crate::import::run(&options, &mut std::io::stdout().lock()) {
                Ok(true) => ExitCode::SUCCESS,
                Ok(false) => ExitCode::FAILURE,
                Err(errors) => fail(errors, "nothing was imported"),
            }
        }
        Command::Init { dir } => match crate::init::create(&dir) {
            Ok(()) => {
                let shown = display_path(&dir);
                say(&format!(
                    "Created a new site in {shown}.\nNext: cd {shown} && loa build   (the site is written to {shown}/output/)"
                ))
            }
            Err(error) => fail(error.into(), "nothing was written"),
        },
    }
}

/// Prints a command's closing lines. A closed pipe (`loa build | head -1`) or a full disk is
/// a message and exit status 1, not a panic.
fn say(text: &str) -> ExitCode {
    let mut out = std::io::stdout().lock();
    match writeln!(out, "{text}").and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => output_failed(&e),
    }
}

fn output_failed(error: &std::io::Error) -> ExitCode {
    let _ = writeln!(
        std::io::stderr(),
        "error: cannot write the command's output: {error}"
    );
    ExitCode::FAILURE
}

fn print_diagnostics(diagnostics: &[Diagnostic]) {
    let mut err = std::io::stderr().lock();
    for d in diagnostics {
        let _ = writeln!(err, "{d}");
    }
}

fn fail(errors: Diagnostics, consequence: &str) -> ExitCode {
    let mut all = errors.into_sorted();
    root_causes_first(&mut all);
    let count = all.iter().filter(|d| d.is_error()).count();
    print_diagnostics(&all);
    // Already failing: a stderr that cannot be written (a full disk) changes nothing.
    let _ = writeln!(
        std::io::stderr(),
        "error: {count} problem{} found; {consequence}",
        if count == 1 { "" } else { "s" }
    );
    ExitCode::FAILURE
}

/// Puts first the files that could not be read or loaded (errors no content rule found): a
/// page that fails to load makes every link to it broken, and the reader must see why before
/// the links. The order stays by file and position otherwise.
fn root_causes_first(sorted: &mut [Diagnostic]) {
    let failed: std::collections::HashSet<std::path::PathBuf> = sorted
        .iter()
        .filter(|d| d.is_error() && d.rule.is_none())
        .map(|d| d.file.clone())
        .collect();
    sorted.sort_by_key(|d| !failed.contains(&d.file));
}

/// `loa check` output: one line per finding, grouped by file, then a summary line.
fn report(problems: &[Diagnostic], format: Format, out: &mut dyn Write) -> std::io::Result<()> {
    let mut sorted: Vec<Diagnostic> = problems.to_vec();
    sorted.sort_by(|a, b| (&a.file, a.span).cmp(&(&b.file, b.span)));
    root_causes_first(&mut sorted);
    if format == Format::Json {
        let items: Vec<serde_json::Value> = sorted
            .iter()
            .map(|d| {
                serde_json::json!({
                    "file": display_path(&d.file),
                    "line": d.span.line,
                    "column": d.span.column,
                    "level": if d.is_error() { "error" } else { "warning" },
                    "rule": d.rule.unwrap_or("build"),
                    "message": d.message,
                    "hint": d.hint,
                })
            })
            .collect();
        writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&items).unwrap_or_default()
        )?;
        return out.flush();
    }
    let mut last_file = None;
    for d in &sorted {
        if last_file != Some(&d.file) {
            if last_file.is_some() {
                writeln!(out)?;
            }
            last_file = Some(&d.file);
        }
        let level = if d.is_error() { "error" } else { "warning" };
        writeln!(
            out,
            "{}  {level}  {}  {}",
            d.location(),
            d.rule.unwrap_or("build"),
            d.message
        )?;
        if let Some(note) = &d.note {
            writeln!(out, "    note: {note}")?;
        }
        if let Some(hint) = &d.hint {
            writeln!(out, "    help: {hint}")?;
        }
    }
    let errors = sorted.iter().filter(|d| d.is_error()).count();
    let files: std::collections::HashSet<_> = sorted.iter().map(|d| &d.file).collect();
    writeln!(
        out,
        "{}{errors} errors, {} warnings in {} files",
        if sorted.is_empty() { "" } else { "\n" },
        sorted.len() - errors,
        files.len()
    )?;
    out.flush()
}
