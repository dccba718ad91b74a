//! The benchmark corpus (examples/corpus.rs) builds without errors in both shapes: the
//! benchmarks and bench/same-output.sh time and compare nothing if it fails.

use std::process::Command;

#[test]
fn both_corpus_shapes_build_without_errors() {
    for shape in ["news", "wide"] {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        // Through cargo, which `cargo test` has already made build the example.
        let made = Command::new(env!("CARGO"))
            .args(["run", "--quiet", "--example", "corpus", "--"])
            .args(["60", site.to_str().unwrap(), "--shape", shape])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .unwrap();
        assert!(
            made.status.success(),
            "{}",
            String::from_utf8_lossy(&made.stderr)
        );
        let built = Command::new(env!("CARGO_BIN_EXE_loa"))
            .args(["--root", site.to_str().unwrap(), "build"])
            .output()
            .unwrap();
        assert!(
            built.status.success(),
            "the {shape} corpus does not build:\n{}",
            String::from_utf8_lossy(&built.stderr)
        );
        assert!(site.join("output/tin-tuc/index.html").is_file());
    }
}
