//! The output folder: leftovers of killed builds removed, a write that fails on a full disk
//! reported once, naming the file, with the previous output left as it was.

mod common;

use common::Fixture;

fn names_beside_output(f: &Fixture, part: &str) -> Vec<String> {
    std::fs::read_dir(f.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(part))
        .collect()
}

#[test]
fn a_killed_builds_staging_folder_is_removed_by_the_next_build() {
    let f = Fixture::news_site("https://example.gov.vn/");
    f.build_ok(&[]);
    // No process has this id (it is above any pid_max), as after a build was killed.
    let dead = ".output.loa-staging-2147483647";
    f.write(&format!("{dead}/.loa-output"), "");
    f.write(&format!("{dead}/tin-tuc/index.html"), "half written");
    // A build that is still running keeps its folder: this test's own process stands in.
    let running = format!(".output.loa-staging-{}", std::process::id());
    f.write(&format!("{running}/.loa-output"), "");

    f.build_ok(&["--force"]);
    assert_eq!(
        names_beside_output(&f, "loa-staging"),
        vec![running.clone()]
    );
    assert!(f.out("index.html").contains("Bảo hiểm xã hội tỉnh Thử"));
    assert!(f.exists("tin-tuc/dong-bhyt-ho-gia-dinh-nam-2022/index.html"));
    std::fs::remove_dir_all(f.path(&running)).unwrap();
}

/// Runs `loa build --force` with writes limited to `kib` KiB per file, the way a full disk
/// fails a write (EFBIG instead of ENOSPC, from a limit any user may set).
fn build_with_file_limit(f: &Fixture, kib: u64) -> common::Run {
    let output = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "trap '' XFSZ; ulimit -f {}; exec \"$0\" build --force",
            kib * 2
        ))
        .arg(env!("CARGO_BIN_EXE_loa"))
        .current_dir(f.dir.path())
        .output()
        .unwrap();
    common::Run::from(output)
}

#[test]
fn a_file_that_cannot_be_written_is_one_error_naming_it() {
    let f = Fixture::news_site("https://example.gov.vn/");
    f.build_ok(&[]);
    let before = f.out("index.html");
    f.write_bytes("content/bieu-mau.pdf", &vec![b'%'; 2 << 20]);

    let run = build_with_file_limit(&f, 1024);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "error: cannot write the output file: File too large (os error 27)\n  --> output/bieu-mau.pdf\n"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("error: 1 problem found"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("the previous output is unchanged"),
        "{}",
        run.stderr
    );
    assert_eq!(f.out("index.html"), before);
    assert!(!f.exists("bieu-mau.pdf"));
    assert!(names_beside_output(&f, "loa-staging").is_empty());
}

#[test]
fn when_every_write_fails_one_error_says_so() {
    let f = Fixture::news_site("https://example.gov.vn/");
    let run = build_with_file_limit(&f, 0);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert_eq!(
        run.stderr
            .matches("error: cannot write the output file: File too large")
            .count(),
        1,
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("more files could not be written"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("error: 1 problem found"),
        "{}",
        run.stderr
    );
    assert!(!f.path("output").exists());
}
