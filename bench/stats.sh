#!/usr/bin/env bash
# The statistics' share of a build of the sample site (27 districts × 4 indicators × 60
# months): runs `loa build --timings` RUNS times into fresh folders (tmpfs when there is one)
# and prints the median of each phase, and what the statistics produce.
#   bash bench/stats.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-21}
cargo build --release --quiet
work=$(mktemp -d /dev/shm/loa-stats.XXXXXX 2>/dev/null || mktemp -d)
trap 'rm -rf "$work"' EXIT
for i in $(seq "$runs"); do
  ./target/release/loa build --timings --output "$work/out$i" >> "$work/timings"
done
echo "median over $runs runs (ms), $(nproc) cores:"
python3 - "$work/timings" <<'PY'
import statistics, sys
phases = {}
for line in open(sys.argv[1]):
    if " ms  " in line:
        ms, phase = line.strip().split(" ms  ", 1)
        phases.setdefault(phase, []).append(float(ms))
for phase, values in phases.items():
    print(f"{statistics.median(values):9.1f}  {phase}")
PY
out="$work/out1/thong-ke"
echo "statistics output: $(find "$out" -name index.html | wc -l) pages, $(find "$out" -name '*.csv' | wc -l) CSV, $(find "$out" -name '*.json' | wc -l) JSON, $(find "$out" -type f | wc -l) files, $(du -sh "$out" | cut -f1)"
echo "charts: $(grep -o '<svg' -r "$out" --include=index.html | wc -l) SVG in statistics pages"
