#!/usr/bin/env bash
# What would a full build cost if the templates cost nothing? Builds a copy of loa with
# bench/no-templates.patch applied (no page context, no Tera: every page is written as 17,000
# bytes, the average size of the default theme's pages) and times it against loa itself on
# the same site, runs interleaved (bench/compare.sh). Everything else is loa's own work:
# loading, the site model, the content rules, the search index, the statistics, writing.
#
#   bash bench/no-templates.sh SITE [RUNS]
#
# e.g. with a site from `cargo run --release --example corpus -- 10000 /dev/shm/c10k`.
set -euo pipefail
site=${1:?usage: bash bench/no-templates.sh SITE [RUNS]}
runs=${2:-5}
repo=$(cd "$(dirname "$0")/.." && pwd)
copy=$(mktemp -d)
trap 'rm -rf "$copy"' EXIT
cp -r "$repo"/{Cargo.toml,Cargo.lock,build.rs,src,themes} "$copy/"
# Fails loudly when render/mod.rs has moved on from the patch: refresh the patch then.
patch --quiet --directory="$copy" -p1 < "$repo/bench/no-templates.patch"
cargo build --quiet --release --manifest-path "$repo/Cargo.toml"
# A target folder of its own, beside the real binary's (the first run compiles every
# dependency again: about three minutes). The patch leaves `prepare` and `describe` unused: its warnings
# are shown only when the build fails.
CARGO_TARGET_DIR="$repo/target/no-templates" \
  cargo build --quiet --release --manifest-path "$copy/Cargo.toml" 2> "$copy/build.log" ||
  { cat "$copy/build.log"; exit 1; }
bash "$repo/bench/compare.sh" "$repo/target/release/loa" \
  "$repo/target/no-templates/release/loa" "$site" "$runs" build
