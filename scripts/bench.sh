#!/usr/bin/env bash
# Runs the whole benchmark suite RUNS times (default 3), keeps each run's criterion results,
# then prints the Markdown table of medians for BENCHMARKS.md and redraws
# docs/benchmarks.svg.
#
#   scripts/bench.sh            # 3 runs, about 2.5 minutes each on a 2-core machine
#   RUNS=5 scripts/bench.sh
#   scripts/bench.sh 2_parse    # only the benchmarks whose names match (criterion's filter)
#
# On a shared machine a single run can be off by 10 % or more on either side; the table gives
# the median of the per-run ratios and their range, so a target is judged on all the runs.
set -euo pipefail

cd "$(dirname "$0")/.."
runs="${RUNS:-3}"
target="${CARGO_TARGET_DIR:-$PWD/target}"
kept="$target/bench-runs"
rm -rf "$kept"
mkdir -p "$kept"
directories=()
for run in $(seq 1 "$runs"); do
    echo "== run $run of $runs" >&2
    # Only this run's results, even when a filter leaves groups out.
    rm -rf "$target/criterion"
    # criterion's report goes to the log; on failure, its end is shown.
    if ! cargo bench -p sipcodes-benches -- "$@" >"$kept/$run.log" 2>&1; then
        tail -n 30 "$kept/$run.log" >&2
        exit 1
    fi
    cp -r "$target/criterion" "$kept/$run"
    directories+=("$kept/$run")
done
python3 scripts/bench-chart.py "${directories[@]}"
