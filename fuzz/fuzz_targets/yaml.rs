//! `cargo fuzz run yaml`: see loa::fuzzing::yaml for the property checked.
#![no_main]

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| {
    loa::fuzzing::yaml(bytes);
});
