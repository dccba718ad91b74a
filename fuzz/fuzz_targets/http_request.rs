//! `cargo fuzz run http_request`: see loa::fuzzing::http_request for the property checked.
#![no_main]

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| {
    loa::fuzzing::http_request(bytes);
});
