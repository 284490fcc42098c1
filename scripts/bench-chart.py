#!/usr/bin/env python3
"""Turns criterion's results for `cargo bench -p sipcodes-benches` into docs/benchmarks.svg and a
Markdown table (printed, for BENCHMARKS.md).

    cargo bench -p sipcodes-benches
    python3 scripts/bench-chart.py                      # reads target/criterion
    python3 scripts/bench-chart.py /other/target/criterion
    python3 scripts/bench-chart.py run1/criterion run2/criterion run3/criterion

Reads each benchmark's new/estimates.json (the time per iteration) and new/benchmark.json
(how many elements one iteration handles), and shows nanoseconds per element. Within a
group, every bar is compared with the group's first sipcodes benchmark, within each run.
Given several runs (scripts/bench.sh makes them), it shows the median time of each
benchmark, the median of its per-run ratios, and their lowest and highest: on a noisy
machine one run can flatter or wrong either side. Standard library only; the SVG is written
by hand.
"""

import json
import os
import pathlib
import sys
from html import escape
from statistics import median

REPO = pathlib.Path(__file__).resolve().parent.parent
OUTPUT = REPO / "docs" / "benchmarks.svg"

# Titles, in the order the groups are shown; within a group, benchmarks follow ORDER.
GROUPS = {
    "1_integer_to_reason": "1. integer → validated code → reason phrase",
    "2_parse_status_line": "2. status-line parsing",
    "3_format_status_line": "3. status-line formatting into a reused buffer",
    "4_reason_to_code": "4. reason phrase → code",
    "5_scale_from_u16": "5a. from_u16 + reason_phrase: the registered codes (Code) against all 600",
    "5_scale_from_reason": "5b. from_reason: the registered codes (Code) against all 600",
}
ORDER = [
    "sipcodes",
    "sipcodes parse",
    "sipcodes parse_str",
    "sipcodes parse_prefix",
    "sipcodes write_to_slice",
    "sipcodes Display",
    "sipcodes write_to (Vec)",
    "sipcodes from_reason",
    "Code",
    "AllCodes (600)",
    "http",
    "linear scan",
    "rsip",
    "rsip Response",
    "rsip tokenizers",
    "httparse Response",
    "sipcodes parse, other phrases",
    "sipcodes parse_str, other phrases",
    "sipcodes parse_prefix, other phrases",
    "rsip Response, other phrases",
    "httparse Response, other phrases",
    "rsip Display",
]


def criterion_dirs() -> list:
    if len(sys.argv) > 1:
        return [pathlib.Path(argument) for argument in sys.argv[1:]]
    target = os.environ.get("CARGO_TARGET_DIR", str(REPO / "target"))
    return [pathlib.Path(target) / "criterion"]


def load(root: pathlib.Path) -> dict:
    """{group: [(function, nanoseconds per element)]}"""
    groups: dict = {}
    for info_path in sorted(root.glob("*/*/new/benchmark.json")):
        info = json.loads(info_path.read_text())
        estimates = json.loads((info_path.parent / "estimates.json").read_text())
        # criterion reports the slope of the linear fit when it has one, else the mean.
        estimate = estimates.get("slope") or estimates["mean"]
        elements = (info.get("throughput") or {}).get("Elements", 1)
        groups.setdefault(info["group_id"], []).append(
            (info["function_id"], estimate["point_estimate"] / elements)
        )
    for group in groups.values():
        group.sort(key=lambda row: ORDER.index(row[0]) if row[0] in ORDER else len(ORDER))
    return {name: groups[name] for name in GROUPS if name in groups}


def reference(rows: list) -> float:
    return next((time for name, time in rows if name.startswith(("sipcodes", "Code"))), rows[0][1])


def combine(runs: list) -> dict:
    """{group: [(function, median ns, median ratio, lowest ratio, highest ratio)]}, over the
    runs that have the group; ratios are taken within each run."""
    combined = {}
    for group in GROUPS:
        present = [run[group] for run in runs if group in run]
        if not present:
            continue
        times, ratios = {}, {}
        for rows in present:
            base = reference(rows)
            for name, time in rows:
                times.setdefault(name, []).append(time)
                ratios.setdefault(name, []).append(time / base)
        combined[group] = [
            (name, median(times[name]), median(ratios[name]), min(ratios[name]), max(ratios[name]))
            for name in times
        ]
    return combined


def table(groups: dict, runs: int) -> str:
    if runs == 1:
        lines = ["| operation | implementation | ns per element | × the sipcodes time |", "|---|---|---:|---:|"]
    else:
        lines = [
            f"| operation | implementation | ns per element (median of {runs} runs) "
            "| × the sipcodes time (median) | lowest – highest |",
            "|---|---|---:|---:|---:|",
        ]
    for group, rows in groups.items():
        for name, time, ratio, low, high in rows:
            row = f"| {GROUPS[group]} | {name} | {time:.2f} | {ratio:.2f} |"
            lines.append(row if runs == 1 else f"{row} {low:.2f} – {high:.2f} |")
    return "\n".join(lines)


def colour(name: str) -> str:
    if name.startswith("rsip"):
        return "#d9822b"
    if name.startswith("http"):
        return "#7a6fbd"
    if name.startswith("linear"):
        return "#9a9a9a"
    return "#2b7bb9"


def svg(groups: dict, runs: int) -> str:
    width, label_width, bar_space, row, gap = 900, 250, 500, 24, 44
    height = 56 + sum(gap + row * len(rows) for rows in groups.values()) + 10
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="13">',
        f'<rect width="{width}" height="{height}" fill="white"/>',
        '<text x="10" y="24" font-size="16" font-weight="bold">sipcodes against rsip and http: '
        f"nanoseconds per element (shorter is faster){'' if runs == 1 else f', medians of {runs} runs'}</text>",
        '<text x="10" y="44" fill="#444">blue: sipcodes · purple: http · orange: rsip · grey: baselines and '
        "prototypes · (×n): time over the group's first sipcodes bar, within a run</text>",
    ]
    y = 56
    for group, rows in groups.items():
        y += gap - 14
        parts.append(f'<text x="10" y="{y}" font-weight="bold">{escape(GROUPS[group])}</text>')
        y += 14
        longest = max(row[1] for row in rows)
        for name, time, ratio, _, _ in rows:
            length = max(1.0, bar_space * time / longest)
            parts.append(f'<text x="{label_width - 8}" y="{y + 16}" text-anchor="end">{escape(name)}</text>')
            parts.append(
                f'<rect x="{label_width}" y="{y + 4}" width="{length:.1f}" height="{row - 8}" fill="{colour(name)}"/>'
            )
            times = "" if abs(ratio - 1) < 1e-12 else f"  (×{ratio:.1f})"
            parts.append(f'<text x="{label_width + length + 6:.1f}" y="{y + 16}">{time:.1f} ns{times}</text>')
            y += row
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def main() -> None:
    runs = []
    for root in criterion_dirs():
        groups = load(root)
        if not groups:
            sys.exit(f"no criterion results under {root}: run `cargo bench -p sipcodes-benches` first")
        runs.append(groups)
    combined = combine(runs)
    OUTPUT.parent.mkdir(exist_ok=True)
    OUTPUT.write_text(svg(combined, len(runs)))
    print(table(combined, len(runs)))
    print(f"\nwrote {OUTPUT.relative_to(REPO)}", file=sys.stderr)


if __name__ == "__main__":
    main()
