//! `cargo fuzz run markdown_sanitize`: see loa::fuzzing::markdown_sanitize for the property checked.
#![no_main]

libfuzzer_sys::fuzz_target!(|text: &str| {
    loa::fuzzing::markdown_sanitize(text);
});
