//! `cargo fuzz run import_html`: see loa::fuzzing::import_html for the property checked.
#![no_main]

libfuzzer_sys::fuzz_target!(|text: &str| {
    loa::fuzzing::import_html(text);
});
