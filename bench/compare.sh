#!/usr/bin/env bash
# Compares two loa binaries on the same site, runs interleaved (A, B, A, B, ...) so that the
# drift of a shared machine hits both alike, and prints the median and fastest wall time of
# each. Each build writes into a folder that never existed (on tmpfs when there is one) and
# is deleted after it was timed.
#
#   bash bench/compare.sh OLD_LOA NEW_LOA SITE [RUNS] [build|check]
#
# e.g. with a site from `cargo run --release --example corpus -- 10000 /dev/shm/c10k` and the
# previous commit's binary built in a git worktree.
set -euo pipefail
old=${1:?usage: bash bench/compare.sh OLD_LOA NEW_LOA SITE [RUNS] [build|check]}
new=${2:?usage: bash bench/compare.sh OLD_LOA NEW_LOA SITE [RUNS] [build|check]}
site=${3:?usage: bash bench/compare.sh OLD_LOA NEW_LOA SITE [RUNS] [build|check]}
runs=${4:-10}
what=${5:-build}
work=$(mktemp -d /dev/shm/loa-compare.XXXXXX 2>/dev/null || mktemp -d)
trap 'rm -rf "$work"' EXIT
for i in $(seq "$runs"); do
  for bin in "$old" "$new"; do
    args=(--root "$site" check)
    [ "$what" = build ] && args=(--root "$site" build --output "$work/out")
    start=$(date +%s%N)
    "$bin" "${args[@]}" > /dev/null 2>&1 || { echo "failed: $bin ${args[*]}"; exit 1; }
    end=$(date +%s%N)
    echo "$bin $(( (end - start) / 1000000 ))" >> "$work/times"
    rm -rf "$work/out"
  done
done
python3 - "$work/times" "$what" "$runs" <<'PY'
import statistics, sys
times = {}
for line in open(sys.argv[1]):
    binary, ms = line.rsplit(" ", 1)
    times.setdefault(binary, []).append(int(ms))
print(f"loa {sys.argv[2]}, {sys.argv[3]} interleaved runs each (ms):")
for binary, ms in times.items():
    print(f"  median {statistics.median(ms):7.0f}  fastest {min(ms):6d}  {binary}")
PY
