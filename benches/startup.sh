#!/usr/bin/env bash
# Start-up, memory and idle CPU of the real binary under Xvfb (benchmarks 4 and 5 of
# docs/PERFORMANCE.md). Usage: benches/startup.sh [RUNS]   (default 10 runs per subject)
#
# Each run starts the program in a fresh virtual display with TANDEM_FIRST_FRAME_PROBE set: the
# program prints first_frame_ms (time from the start of main to its first frame) and closes. The
# wall time and peak RSS of the whole process come from /usr/bin/time. Subjects: a bare eframe
# window (examples/hello_window.rs), Tandem on the empty template, Tandem on a 10,000-note board.
# Then Tandem is left idle on the example board for 10 s and its CPU use measured.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10}
command -v Xvfb >/dev/null || { echo "needs Xvfb (apt-get install xvfb)" >&2; exit 2; }
cargo build --release --quiet --bin tandem --example hello_window
work=$(mktemp -d)
trap 'kill $xvfb 2>/dev/null || true; rm -rf "$work"' EXIT
target/release/tandem new --fill 10000 -o "$work/big.tandem.json" --force
target/release/tandem new -o "$work/empty.tandem.json" --force

disp=:$((200 + RANDOM % 100))
Xvfb "$disp" -screen 0 1600x1000x24 -nolisten tcp -noreset >/dev/null 2>&1 &
xvfb=$!
sleep 1
export DISPLAY=$disp TANDEM_FIRST_FRAME_PROBE=1 TANDEM_HOME="$work/home"

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

measure() { # name command...
  local name=$1; shift
  : >"$work/$name.txt"
  for _ in $(seq "$runs"); do
    /usr/bin/time -f "wall=%e rss_kb=%M" "$@" >/dev/null 2>>"$work/$name.txt"
  done
  local ff wall rss
  ff=$(grep -o 'first_frame_ms=[0-9.]*' "$work/$name.txt" | cut -d= -f2 | median)
  wall=$(grep -o 'wall=[0-9.]*' "$work/$name.txt" | cut -d= -f2 | median)
  rss=$(grep -o 'rss_kb=[0-9]*' "$work/$name.txt" | cut -d= -f2 | median)
  printf '%-8s first frame %7.1f ms   process %5.2f s   peak RSS %7.1f MB\n' "$name" "$ff" "$wall" "$(echo "$rss / 1024" | bc -l)"
  eval "${name}_ff=$ff ${name}_rss=$rss"
}

measure hello target/release/examples/hello_window
measure empty target/release/tandem "$work/empty.tandem.json"
measure big target/release/tandem "$work/big.tandem.json"
echo
printf 'start-up ratio to hello: empty %.2f, 10,000 notes %.2f\n' "$(echo "$empty_ff / $hello_ff" | bc -l)" "$(echo "$big_ff / $hello_ff" | bc -l)"
printf 'peak RSS ratio, 10,000 notes to empty: %.2f\n' "$(echo "$big_rss / $empty_rss" | bc -l)"

# Idle: CPU time used in 10 s with nothing happening.
unset TANDEM_FIRST_FRAME_PROBE
target/release/tandem assets/examples/spotify-uber.tandem.json >/dev/null 2>&1 &
app=$!
sleep 3
ticks() { awk '{print $14 + $15}' "/proc/$app/stat"; }
t0=$(ticks)
sleep 10
t1=$(ticks)
kill "$app"
hz=$(getconf CLK_TCK)
printf 'idle CPU over 10 s: %.2f %% of one core\n' "$(echo "($t1 - $t0) / $hz / 10 * 100" | bc -l)"
