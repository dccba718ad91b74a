#!/usr/bin/env bash
# Builds the sample site (content/) RUNS times, each into a folder that never existed (on
# tmpfs when /dev/shm exists, so the disk's inode reuse is not what gets timed), and prints
# what one build produces and the median and best wall time.
#   bash bench/sample.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-21}
cargo build --release --quiet
work=$(mktemp -d /dev/shm/loa-sample.XXXXXX 2>/dev/null || mktemp -d)
trap 'rm -rf "$work"' EXIT
times=()
for i in $(seq "$runs"); do
  start=$(date +%s%N)
  ./target/release/loa build --output "$work/out$i" > "$work/log"
  end=$(date +%s%N)
  times+=($(( (end - start) / 1000 )))
done
sorted=($(printf '%s\n' "${times[@]}" | sort -n))
median=${sorted[$(( runs / 2 ))]}
echo "$(tail -n1 "$work/log")"
echo "html pages: $(find "$work/out1" -name '*.html' | wc -l), files: $(find "$work/out1" -type f ! -name .loa-output | wc -l), output size: $(du -sh "$work/out1" | cut -f1)"
printf 'loa build of the sample site, %d runs: median %.1f ms, best %.1f ms (wall, incl. process start) on %s cores\n' \
  "$runs" "$(awk "BEGIN { print $median / 1000 }")" "$(awk "BEGIN { print ${sorted[0]} / 1000 }")" "$(nproc)"
