#!/usr/bin/env bash
# The benchmark: generates a site of N articles (6 sections, 2-4 tags each, links, tables)
# with the sample's statistics (27 districts × 4 indicators × 60 months), then measures over
# RUNS runs the median wall time and the peak memory (/usr/bin/time -v) of
#   - the floor: read every article, render it with pulldown-cmark, write it, on all cores;
#   - loa build, a full build, printed also as a multiple of the floor;
#   - loa build again with nothing changed (the no-op rebuild);
#   - loa check;
#   - loa serve, edit-to-reload latency (bench/serve_latency.py);
#   - hugo, when installed (Debian's package), on the same articles as a Hugo site.
#
#   bash bench/run.sh N [RUNS]
#
# HUGO=no skips Hugo (at 100,000 articles it needs about 15 GiB).
#
# Every timed build writes into a folder that never existed, on tmpfs when it has room:
# the work disk's ext4 is 2-3× slower creating files soon after deleting many, which would
# time the disk rather than the program. Everything is deleted at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:?usage: bash bench/run.sh N [RUNS]}
runs=${2:-5}
command -v /usr/bin/time >/dev/null || { echo "needs /usr/bin/time (Debian package: time)"; exit 2; }
cargo build --release --quiet --bin loa --example corpus --example floor
loa=$PWD/target/release/loa

# About 25 KB of output per article and build; tmpfs if that fits twice over.
need_kb=$(( (n * 25 + 50000) * (2 * runs + 4) ))
if [ -d /dev/shm ] && [ "$(df -k --output=avail /dev/shm | tail -1)" -gt "$need_kb" ]; then
  work=$(mktemp -d /dev/shm/loa-bench.XXXXXX); place="tmpfs (/dev/shm)"
else
  mkdir -p target/bench; work=$(mktemp -d "$PWD/target/bench/run.XXXXXX"); place="the work disk"
fi
trap 'rm -rf "$work"' EXIT

hugo_dir=""
if command -v hugo >/dev/null && [ "${HUGO:-}" != no ]; then hugo_dir="$work/hugo-site"; fi
./target/release/examples/corpus "$n" "$work/site" $hugo_dir > /dev/null

# measure NAME CMD...: runs CMD (with {i} replaced by the run number) RUNS times and
# records "wall_seconds peak_kib" per run in $work/NAME.
measure() {
  local name=$1; shift
  for i in $(seq "$runs"); do
    local args=("${@//\{i\}/$i}")
    local start end
    start=$(date +%s%N)
    /usr/bin/time -f "%M" -o "$work/mem" "${args[@]}" > "$work/last.log" 2>&1 || {
      echo "failed: ${args[*]}"; cat "$work/last.log"; exit 1; }
    end=$(date +%s%N)
    echo "$(( (end - start) / 1000 )) $(cat "$work/mem")" >> "$work/$name"
  done
}

measure floor ./target/release/examples/floor "$work/site" "$work/floor{i}"
measure build "$loa" --root "$work/site" build --output "$work/out{i}"
pages=$(grep -o 'Built [0-9]* pages ([0-9]* files)' "$work/last.log")
measure noop "$loa" --root "$work/site" build --output "$work/out1"
grep -q "Nothing changed" "$work/last.log" || { echo "the no-op rebuild built"; exit 1; }
measure check "$loa" --root "$work/site" check
serve=$(python3 bench/serve_latency.py "$work/site" 21 | grep -o 'edit-to-reload over 21 saves: median [0-9.]* ms' | grep -o '[0-9.]* ms$')
if [ -n "$hugo_dir" ]; then
  measure hugo hugo --source "$hugo_dir" --destination "$work/hugo-out{i}" --quiet
  hugo_version=$(hugo version | grep -o 'v[0-9.]*' | head -1)
fi

python3 - "$work" "$n" "$runs" "$place" "$pages" "$serve" "${hugo_version:-}" <<'PY'
import os, statistics, sys
work, n, runs, place, pages, serve, hugo = sys.argv[1:]
def load(name):
    path = os.path.join(work, name)
    if not os.path.exists(path):
        return None
    rows = [tuple(map(int, l.split())) for l in open(path)]
    return statistics.median(r[0] for r in rows) / 1e6, max(r[1] for r in rows) / 1024
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
print(f"\nloa benchmark: {int(n):,} articles + statistics; {pages}; {runs} runs each")
print(f"machine: {os.cpu_count()} cores, {cpu}; outputs written to {place}\n")
print(f"| {'what':<52} | {'median wall':>11} | {'peak memory':>11} |")
print(f"|{'-' * 54}|{'-' * 13}:|{'-' * 13}:|")
rows = [
    ("floor", "floor: read, pulldown-cmark, write, all cores"),
    ("build", "loa build (full)"),
    ("noop", "loa build, nothing changed (no-op rebuild)"),
    ("check", "loa check"),
    ("hugo", f"hugo {hugo} build of the same articles"),
]
got = {}
for key, label in rows:
    m = load(key)
    if m:
        got[key] = m
        print(f"| {label:<52} | {m[0]:>9.3f} s | {m[1]:>7.0f} MiB |")
print(f"| {'loa serve: save of an article to browser reload':<52} | {serve:>11} | {'':>11} |")
print()
print(f"full build = {got['build'][0] / got['floor'][0]:.1f} × the floor")
if "hugo" in got:
    print(f"loa's full build is {got['hugo'][0] / got['build'][0]:.1f} × faster than Hugo and uses "
          f"{got['hugo'][1] / got['build'][1]:.1f} × less memory")
else:
    print("no Hugo comparison (HUGO=no, or not installed: apt-get install hugo)")
PY
