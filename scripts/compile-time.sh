#!/usr/bin/env bash
# What sipcodes costs a dependent's build, against rsip: a clean `cargo build` (debug, the
# default profile) of the same tiny program using each crate, then the rebuilds after
# touching sipcodes' codes.toml and a custom codes TOML of the program's own.
#
#   scripts/compile-time.sh             # 3 clean builds of each, in alternation; the median
#                                       # of the per-pair ratios counts
#   RUNS=1 scripts/compile-time.sh      # quicker, noisier
#   scripts/compile-time.sh --timings   # also list what dominates each clean build
#
# The two programs are temporary crates outside the repository, each with its own target
# directory, so they share no build artifacts with each other or with the workspace. The
# sipcodes one depends on this checkout's sipcodes by path. Dependencies are downloaded
# before the clock starts. Nothing in the repository is changed (codes.toml is only touched).
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
runs=${RUNS:-3}
timings=false
for argument in "$@"; do
    case $argument in
        --timings) timings=true ;;
        *) echo "usage: $0 [--timings]  (RUNS=n sets the number of clean builds)" >&2; exit 2 ;;
    esac
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export CARGO_TERM_COLOR=never
unset CARGO_TARGET_DIR RUSTFLAGS CARGO_BUILD_RUSTFLAGS

make_crate() { # name, dependency line, main.rs
    mkdir -p "$work/$1/src"
    cat >"$work/$1/Cargo.toml" <<EOF
[package]
name = "$1"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
$2

# Not part of any enclosing workspace.
[workspace]
EOF
    printf '%s\n' "$3" >"$work/$1/src/main.rs"
}

make_crate with-sipcodes "sipcodes = { path = \"$repo/sipcodes\" }" '
fn main() {
    let number = u16::try_from(std::env::args().count()).unwrap_or(0) + 485;
    let code = sipcodes::StatusCode::from_u16(number).expect("a status code");
    println!("{code} {:?}", code.class());
}'

make_crate with-rsip 'rsip = "0.4"' '
fn main() {
    let number = u16::try_from(std::env::args().count()).unwrap_or(0) + 485;
    let code = rsip::StatusCode::from(number);
    println!("{code} {:?}", code.kind());
}'

for crate in with-sipcodes with-rsip; do
    (cd "$work/$crate" && cargo fetch --quiet)
done

now() { date +%s.%N; }

# Seconds taken by `cargo build $*` in crate $1.
timed_build() {
    local crate=$1 start end
    shift
    start=$(now)
    (cd "$work/$crate" && cargo build --quiet --offline "$@")
    end=$(now)
    awk -v start="$start" -v end="$end" 'BEGIN { print end - start }'
}

median() { sort -g | awk '{ value[NR] = $1 } END { print value[int((NR + 1) / 2)] }'; }

# Clean builds are made with CARGO_INCREMENTAL=0, in both programs. A user gets sipcodes and
# rsip from crates.io, and cargo never compiles a registry crate incrementally; but here
# sipcodes is a path dependency, which cargo would compile incrementally, and a first
# incremental build pays for recording its caches (0.2 to 0.9 s more here): a cost the user
# would never see, charged to sipcodes alone. The rebuilds below keep cargo's defaults.
clean_build() { # crate: the seconds of one clean build
    rm -rf "$work/$1/target"
    CARGO_INCREMENTAL=0 timed_build "$1"
}

# The two programs are built in turn, sipcodes then rsip, $runs times: on a shared machine
# the speed drifts by more than the difference measured, so each ratio is taken within a
# pair built back to back, and the median of those ratios is the figure.
echo "rustc: $(rustc -V); $(nproc) cores; $runs clean debug builds of each, in alternation"
sipcodes_times=() rsip_times=() ratios=()
for _ in $(seq "$runs"); do
    sipcodes_times+=("$(clean_build with-sipcodes)")
    rsip_times+=("$(clean_build with-rsip)")
    ratios+=("$(awk -v a="${sipcodes_times[-1]}" -v b="${rsip_times[-1]}" 'BEGIN { printf "%.3f", a / b }')")
done
echo "  with-sipcodes, each clean build (s): ${sipcodes_times[*]}"
echo "  with-rsip, each clean build (s):     ${rsip_times[*]}"
echo "  ratio of each pair:                  ${ratios[*]}"
printf 'clean build, program using sipcodes: %6.2f s (median)\n' "$(printf '%s\n' "${sipcodes_times[@]}" | median)"
printf 'clean build, program using rsip:     %6.2f s (median)\n' "$(printf '%s\n' "${rsip_times[@]}" | median)"
printf 'ratio sipcodes / rsip:               %6.2f (median of the pairs, %s to %s; target: 0.40 or less)\n' \
    "$(printf '%s\n' "${ratios[@]}" | median)" \
    "$(printf '%s\n' "${ratios[@]}" | sort -g | head -n 1)" "$(printf '%s\n' "${ratios[@]}" | sort -g | tail -n 1)"

# The program is built, but without incremental compilation: build it once more with cargo's
# defaults, as a developer's tree would be, before timing rebuilds. Touching sipcodes' table
# must then rebuild sipcodes and the program.
timed_build with-sipcodes >/dev/null
touch "$repo/sipcodes/codes.toml"
seconds=$(timed_build with-sipcodes)
printf 'rebuild after touching codes.toml:   %6.2f s (sipcodes, then the program)\n' "$seconds"
seconds=$(timed_build with-sipcodes)
printf 'rebuild with nothing changed:        %6.2f s\n' "$seconds"

# Now the program generates an enum of its own with sipcodes::codes!, and the rebuild after
# an edit of its TOML is timed with the table at three sizes: one code, sipcodes'
# registered codes plus that one (include_standard), and every code from 100 to 699
# (tests/scale/all_codes.toml, made by tests/scale/generate.py).
local_table="$work/with-sipcodes/local_codes.toml"
one_code='[[code]]
code = 499
reason_phrase = "Spam Suspected"
description = "The caller was flagged as a likely robocaller."'
cp "$work/with-sipcodes/src/main.rs" "$work/main.rs.plain"
printf '%s\n' '' 'sipcodes::codes! {' '    /// This program'"'"'s own codes.' \
    '    pub enum LocalCode = "local_codes.toml";' '}' >>"$work/with-sipcodes/src/main.rs"
echo "$one_code" >"$local_table"
timed_build with-sipcodes >/dev/null
registered=$(grep -c '^\[\[code\]\]' "$repo/sipcodes/codes.toml")
for size in 1 "$((registered + 1))" 600; do
    case $size in
        1) echo "$one_code" >"$local_table" ;;
        600) cp "$repo/tests/scale/all_codes.toml" "$local_table" ;;
        *) printf 'include_standard = true\n\n%s\n' "$one_code" >"$local_table" ;;
    esac
    seconds=$(timed_build with-sipcodes)
    printf 'rebuild, own table of %3d codes:     %6.2f s (the program only)\n' "$size" "$seconds"
done

if $timings; then
    # The same program as the clean builds above, without its own table.
    cp "$work/main.rs.plain" "$work/with-sipcodes/src/main.rs"
    # cargo's --timings report keeps one record per compiled unit in its HTML.
    for crate in with-sipcodes with-rsip; do
        rm -rf "$work/$crate/target"
        CARGO_INCREMENTAL=0 timed_build "$crate" --timings >/dev/null
        report=$(ls "$work/$crate"/target/cargo-timings/cargo-timing-*.html | head -n 1)
        echo
        echo "slowest units of the clean build using ${crate#with-} (seconds, from cargo build --timings):"
        python3 - "$report" <<'EOF'
import json, re, sys
html = open(sys.argv[1]).read()
units = json.loads(re.search(r"const UNIT_DATA = (\[.*?\]);", html, re.S).group(1))
for unit in sorted(units, key=lambda unit: -unit["duration"])[:8]:
    target = unit["target"].strip() or "(lib)"
    print(f"  {unit['duration']:6.2f}  {unit['name']} {unit['version']} {target}")
EOF
    done
fi
