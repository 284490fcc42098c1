#!/usr/bin/env bash
# Interleaved A/B timing of the status-line parsers and writers: the crate at BASE (default HEAD) against
# the working tree, linked into one program and timed in alternation (scripts/ab/main.rs).
# Prints, per parser and set of lines, the median time of each and the median of the
# per-pair ratios new/old: below 1.000 means the working tree is faster.
#
#   scripts/ab.sh                # the working tree against HEAD, 300 pairs
#   scripts/ab.sh HEAD~3 600     # against another commit, more pairs
#
# The base is checked out into a temporary directory with its version set to 0.0.0, so that
# cargo accepts the two copies of the crates side by side.
set -euo pipefail

cd "$(dirname "$0")/.."
repo="$PWD"
base="${1:-HEAD}"
pairs="${2:-300}"
work="$(mktemp -d)"
trap 'git -C "$repo" worktree remove --force "$work/base" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

git worktree add --quiet --detach "$work/base" "$base"
# The base's crates as version 0.0.0 (the workspace version and the exact requirement on
# the macro crate).
sed -i -E 's/^version = "[^"]+"/version = "0.0.0"/; s/(sipcodes(-macros)? = \{ version = ")=?[^"]+"/\1=0.0.0"/' \
    "$work/base/Cargo.toml"

mkdir -p "$work/harness/src"
cp scripts/ab/main.rs "$work/harness/src/main.rs"
cat >"$work/harness/Cargo.toml" <<TOML
[package]
name = "sipcodes-ab"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
old = { package = "sipcodes", path = "$work/base/sipcodes" }
new = { package = "sipcodes", path = "$repo/sipcodes" }

[workspace]
TOML
CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$repo/target}/ab" \
    cargo run --quiet --release --manifest-path "$work/harness/Cargo.toml" -- "$pairs"
