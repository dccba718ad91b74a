//! The machine's floor for a build: read every Markdown file under DIR/content, render it
//! with pulldown-cmark, write the HTML to OUT/<path>/index.html, on all cores, with no front
//! matter parsing, templates or site model. `bench/run.sh` prints loa's build as a multiple
//! of this.
//!
//!     cargo run --release --example floor -- DIR OUT

use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::time::Instant;

// The allocator loa itself uses, so that the floor differs from loa by its work alone.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [dir, out] = args.as_slice() else {
        eprintln!("usage: floor DIR OUT");
        std::process::exit(2);
    };
    let out = Path::new(out);
    if out.exists() {
        eprintln!("{} exists; give a folder that does not", out.display());
        std::process::exit(2);
    }
    let started = Instant::now();
    let content = Path::new(dir).join("content");
    let files: Vec<PathBuf> = walkdir::WalkDir::new(&content)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md"))
        .map(walkdir::DirEntry::into_path)
        .collect();
    let bytes: usize = files
        .par_iter()
        .map(|file| {
            let source = std::fs::read_to_string(file).expect("read");
            let body = source.splitn(3, "---\n").nth(2).unwrap_or(&source);
            let mut html = String::with_capacity(body.len() * 3 / 2);
            pulldown_cmark::html::push_html(
                &mut html,
                pulldown_cmark::Parser::new_ext(body, pulldown_cmark::Options::all()),
            );
            let target = out
                .join(file.strip_prefix(&content).expect("under content"))
                .with_extension("");
            std::fs::create_dir_all(&target).expect("create");
            std::fs::write(target.join("index.html"), &html).expect("write");
            html.len()
        })
        .sum();
    println!(
        "floor: {} files, {} MB of HTML in {:.1} ms",
        files.len(),
        bytes / 1_000_000,
        started.elapsed().as_secs_f64() * 1000.0
    );
}
