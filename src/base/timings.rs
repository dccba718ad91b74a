//! How long each phase of a build took, for `--timings` and the benchmarks.

use std::time::Duration;

/// Phases in the order they ended.
#[derive(Debug, Default)]
pub(crate) struct Timings(pub Vec<(&'static str, Duration)>);

impl Timings {
    pub(crate) fn push(&mut self, phase: &'static str, took: Duration) {
        self.0.push((phase, took));
    }
}
