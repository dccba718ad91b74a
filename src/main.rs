use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    loa::cli::run(loa::cli::Cli::parse())
}
