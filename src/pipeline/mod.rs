//! The build pipeline: load → model → render → write, shared by `build` and `serve`.

pub(crate) mod incremental;
pub(crate) mod options;
pub(crate) mod stamp;
#[cfg(test)]
mod tests;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use crate::base::error::{Diagnostic, Diagnostics};
use crate::base::timings::Timings;
use crate::load::config::Config;
use crate::load::content;
use crate::load::shortcode::Data;
use crate::load::strings::Languages;
use crate::output::Staging;
use crate::render::sink::Sink;
use crate::render::{Theme, render_site};
use crate::rules::{self, Rules};
use crate::site::Site;
use crate::stats;
pub(crate) use options::Options;
use stamp::Stamp;

/// Loads and validates everything a render needs. All problems of all files come back
/// together: a broken config does not hide broken articles.
pub(crate) fn load(options: &Options, timings: &mut Timings) -> Result<Loaded, Diagnostics> {
    let started = Instant::now();
    let mut errors = Diagnostics::new();
    let config_path = options.config_path();
    let config = match std::fs::read(&config_path) {
        Ok(bytes) => crate::base::text::decode(&config_path, &bytes)
            .map_err(Diagnostics::from)
            .and_then(|text| Config::parse(&config_path, &text, options.base_url.as_deref())),
        Err(e) => Err(Diagnostic::file_error(
            &config_path,
            format!("cannot read the site configuration: {e}"),
        )
        .with_hint("run loa in the site folder (the one holding content/), or pass --root DIR")
        .into()),
    };
    let config = match config {
        Ok(c) => Some(c),
        Err(e) => {
            errors.extend(e);
            None
        }
    };
    // With a broken config, still check content and theme against defaults so the author
    // sees every problem in one run.
    let fallback;
    let config_ref = match &config {
        Some(c) => c,
        None => {
            fallback =
                Config::parse(&config_path, FALLBACK_CONFIG, None).map_err(|_| errors.clone())?;
            &fallback
        }
    };
    let theme_dir = options.root.join("themes").join(&config_ref.theme);
    timings.push("read configuration", started.elapsed());
    let started = Instant::now();
    // Without its string table the build fails; loading goes on with empty words so that
    // every other problem is reported in the same run.
    let languages = Languages::load(&theme_dir, &config_ref.language).unwrap_or_else(|e| {
        errors.extend(e);
        Languages::default()
    });
    let strings = languages.site();
    let (stats, stats_problems) = stats::load(&options.content_dir(), strings.clone());
    timings.push("load and validate statistics", started.elapsed());
    let started = Instant::now();
    let has_stats = stats.is_some() || stats_problems.has_errors();
    let theme = Theme::load(&theme_dir, has_stats, &languages);
    let data = match &stats {
        Some(s) => Data::Ready(s),
        None if stats_problems.has_errors() => Data::Broken,
        None => Data::Absent,
    };
    let (content, content_errors) =
        content::load(&options.content_dir(), config_ref, data, &languages);
    timings.push(
        "load theme and content (Markdown, figures)",
        started.elapsed(),
    );
    let started = Instant::now();
    let mut warnings: Vec<Diagnostic> = Vec::new();
    for d in stats_problems {
        if d.is_error() {
            errors.push(d);
        } else {
            warnings.push(d);
        }
    }
    for d in content_errors {
        if d.is_error() {
            errors.push(d);
        } else {
            warnings.push(d);
        }
    }
    let theme = match theme {
        Ok(t) => Some(t),
        Err(e) => {
            errors.extend(e);
            None
        }
    };
    let Some(config) = config else {
        return Err(errors);
    };
    let theme_files = theme.as_ref().map(Theme::files).unwrap_or_default();
    let site = Site::build(
        config,
        content,
        stats,
        options.drafts,
        theme_files,
        languages,
    );
    timings.push("build the site model", started.elapsed());
    let (mut site, theme) = match (site, theme) {
        (Ok(mut site), Some(mut theme)) => {
            warnings.append(&mut site.warnings);
            let problems = theme.set_languages(&site);
            if problems.has_errors() {
                errors.extend(problems);
                return Err(errors);
            }
            (site, theme)
        }
        (site, _) => {
            errors.extend(site.err().into_iter().flatten());
            return Err(errors);
        }
    };
    // The content rules of `loa check` guard every build: nothing they call an error is
    // published.
    let started = Instant::now();
    let rules = match Rules::load(&options.content_dir(), &host_of_site(&site)) {
        Ok(rules) => {
            for d in rules::check(&site, &rules) {
                if d.is_error() {
                    errors.push(d);
                } else {
                    warnings.push(d);
                }
            }
            Some(rules)
        }
        Err(e) => {
            errors.push(e);
            None
        }
    };
    // Pages outnumber everything else on a big site; their facts serve the rules only.
    for page in &mut site.pages {
        page.source.content.facts = None;
    }
    timings.push("check the content rules", started.elapsed());
    // A removal the sanitizer warns of and the check calls an error is one problem.
    let error_lines: std::collections::HashSet<(PathBuf, usize)> = errors
        .iter()
        .map(|d| (d.file.clone(), d.span.line))
        .collect();
    warnings.retain(|w| !error_lines.contains(&(w.file.clone(), w.span.line)));
    // Warnings stay one per place: in drafts the editor's notes are a to-do list.
    let mut errors = {
        let mut collapsed = Diagnostics::new();
        collapsed.extend(collapse_repeats(errors));
        collapsed
    };
    let (Some(rules), false) = (rules, errors.has_errors()) else {
        // Warnings are reported beside the errors, so one run shows everything.
        errors.extend(warnings);
        return Err(errors);
    };
    Ok(Loaded {
        site,
        theme,
        rules,
        warnings,
    })
}

/// One error repeated through a file (a missing page linked five hundred times) is one
/// error, at its first place, with a note of the lines where it comes again.
fn collapse_repeats(found: impl IntoIterator<Item = Diagnostic>) -> Vec<Diagnostic> {
    let mut found: Vec<Diagnostic> = found.into_iter().collect();
    found.sort_by(|a, b| (&a.file, a.span).cmp(&(&b.file, b.span)));
    let mut kept: Vec<Diagnostic> = Vec::with_capacity(found.len());
    let mut again: Vec<Vec<usize>> = Vec::new();
    let mut first: HashMap<(PathBuf, bool, String), usize> = HashMap::new();
    for d in found {
        let key = (d.file.clone(), d.is_error(), d.message.clone());
        if let Some(&i) = first.get(&key) {
            again[i].push(d.span.line);
            continue;
        }
        first.insert(key, kept.len());
        kept.push(d);
        again.push(Vec::new());
    }
    for (d, lines) in kept.iter_mut().zip(again) {
        if lines.is_empty() {
            continue;
        }
        // An editor removes every occurrence of a spam term or a bad link: the lines are
        // listed while a list still reads as one.
        let mut shown: Vec<String> = lines.iter().take(20).map(usize::to_string).collect();
        if lines.len() > 20 {
            shown.push("...".into());
        }
        let repeat = format!(
            "the same {} more time{} in this file (line{} {})",
            lines.len(),
            if lines.len() == 1 { "" } else { "s" },
            if lines.len() == 1 { "" } else { "s" },
            shown.join(", ")
        );
        d.note = Some(match d.note.take() {
            Some(note) => format!("{note}; {repeat}"),
            None => repeat,
        });
    }
    kept
}

fn host_of_site(site: &Site) -> String {
    crate::base::url::host_of(&site.config.base_url).unwrap_or_default()
}

/// A site ready to render, and the warnings found on the way.
pub(crate) struct Loaded {
    pub site: Site,
    pub theme: Theme,
    /// The content rules, loaded once: the preview runs them again on every edit.
    pub rules: Rules,
    pub warnings: Vec<Diagnostic>,
}

const FALLBACK_CONFIG: &str = "title: loa\nbase_url: https://example.invalid/\ncontact: {address: '', hotline: '', email: ''}\n";

pub(crate) struct Report {
    /// Some(number of warnings it had) when the output was already built from the same
    /// sources and nothing was done.
    pub up_to_date: Option<usize>,
    pub timings: Timings,
    pub html_pages: usize,
    pub files: usize,
    pub elapsed: Duration,
    pub warnings: Vec<Diagnostic>,
}

/// Builds the site into `output`, replacing it only when everything succeeded. When the
/// output's stamp shows it was built from exactly the same sources, nothing is done.
pub(crate) fn build(options: &Options, output: &Path, force: bool) -> Result<Report, Diagnostics> {
    let started = Instant::now();
    let mut timings = Timings::default();
    let sources = stamp::fingerprint(options);
    if let Some(sources) = &sources
        && !force
        && let Some(previous) = Stamp::read(output)
        && previous.is_current(sources)
    {
        timings.push("compare the sources with the last build", started.elapsed());
        return Ok(Report {
            up_to_date: Some(previous.warnings),
            timings,
            html_pages: previous.pages,
            files: previous.files,
            elapsed: started.elapsed(),
            warnings: Vec::new(),
        });
    }
    timings.push("fingerprint the sources", started.elapsed());
    let loaded = load(options, &mut timings)?;
    let protected = [options.content_dir(), options.root.join("themes")];
    let protected: Vec<&Path> = protected.iter().map(PathBuf::as_path).collect();
    let staging = Staging::create(output, &protected)?;
    let mut report = match render_into(&loaded, &staging, timings) {
        Ok(report) => report,
        // A full disk fails every write after the first: one error says it.
        Err(problems) => return Err(staging.write_failure().map_or(problems, Diagnostics::from)),
    };
    if let Some(sources) = sources {
        let offset = loaded.site.config.offset;
        staging.stamp(
            &Stamp {
                sources,
                until: stamp::stale_from(loaded.site.next_publication, offset),
                offset,
                pages: report.html_pages,
                files: report.files,
                warnings: report.warnings.len(),
            }
            .text(),
        )?;
    }
    let swap = Instant::now();
    staging.commit()?;
    report.timings.push(
        "swap into place, remove the previous output",
        swap.elapsed(),
    );
    report.elapsed = started.elapsed();
    drop_aside(loaded);
    Ok(report)
}

/// Frees a loaded site on another thread. A big site's model is millions of small
/// allocations whose freeing takes tens of milliseconds; nobody waits for it, and when the
/// process ends first, the system takes the memory back at once.
pub(crate) fn drop_aside(loaded: Loaded) {
    rayon::spawn(move || drop(loaded));
}

/// Renders a loaded site into `sink`: a staging folder for `build`, memory for `serve`.
pub(crate) fn render_into(
    loaded: &Loaded,
    sink: &dyn Sink,
    mut timings: Timings,
) -> Result<Report, Diagnostics> {
    let started = Instant::now();
    let Loaded { site, theme, .. } = loaded;
    let mut warnings = loaded.warnings.clone();
    let counting = Counting {
        inner: sink,
        html: AtomicUsize::new(0),
        files: AtomicUsize::new(0),
    };
    let problems = render_site(site, theme, &counting, &mut timings);
    if problems.has_errors() {
        return Err(problems);
    }
    warnings.extend(problems.into_sorted());
    Ok(Report {
        up_to_date: None,
        timings,
        html_pages: counting.html.into_inner(),
        files: counting.files.into_inner(),
        elapsed: started.elapsed(),
        warnings,
    })
}

struct Counting<'a> {
    inner: &'a dyn Sink,
    html: AtomicUsize,
    files: AtomicUsize,
}

impl Sink for Counting<'_> {
    fn write(&self, path: &str, bytes: &[u8]) -> std::io::Result<()> {
        if path.ends_with(".html") {
            self.html.fetch_add(1, Ordering::Relaxed);
        }
        self.files.fetch_add(1, Ordering::Relaxed);
        self.inner.write(path, bytes)
    }

    fn copy(&self, source: &Path, path: &str) -> std::io::Result<()> {
        self.files.fetch_add(1, Ordering::Relaxed);
        self.inner.copy(source, path)
    }
}
