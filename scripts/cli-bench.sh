#!/usr/bin/env bash
# Throughput and peak memory of the sipcodes command on large captures, beside tshark.
#
# Builds the release binary and the capture generator (sipcodes-cli/examples/repeat_capture.rs),
# makes a small and a large capture of each fixture by repeating its packets (timestamps
# advancing; TCP sequence numbers moved on every pass so reassembly stays valid; Call-IDs, tags
# and branches renamed on every pass so transactions stay apart), checks that `sipcodes stats`
# counts exactly the passes times the fixture's messages (and `sipcodes audit` the passes
# times its findings), then times, on one core (taskset -c CPU), `sipcodes stats` (and
# `sipcodes audit`, when the binary has it) RUNS
# times on each large capture and `tshark -q -z sip,stat` TSHARK_RUNS times, interleaved.
# Reports medians and ranges of the wall time and of SIP messages per second, the ratio to
# tshark, and the peak RSS (/usr/bin/time -v) on the small capture against the large one.
#
#   scripts/cli-bench.sh                      # defaults below
#   scripts/cli-bench.sh --runs 9 --tshark-runs 1 --fixtures udp-ipv4
#
# Options:
#   --runs N          timed runs of each sipcodes command on each capture (default 7)
#   --tshark-runs N   timed runs of tshark on each capture it reads, 0 for none (default 2)
#   --tshark-on WHICH large or small: the capture tshark reads (default large; tshark
#                     takes minutes of CPU time on the large one)
#   --fixtures LIST   comma-separated fixture names under sipcodes-cli/tests/fixtures
#                     (default udp-ipv4,tcp-ipv4)
#   --small SIZE      the small capture's size (default 20M)
#   --large SIZE      the large capture's size (default 200M)
#   --cpu N           the core to pin to (default 0)
#   --out DIR         where captures and results go (default target/bench-cli)
#   -h, --help        this text
#
# Needs: cargo, taskset, /usr/bin/time (package `time`), jq, and tshark for the comparison.
# The results (a Markdown table) are printed and written to DIR/results.md; the raw timings
# to DIR/timings.tsv. Run it when the machine is quiet: the load average is printed before
# and after.
set -euo pipefail

usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; }

runs=7
tshark_runs=2
tshark_on=large
fixtures=udp-ipv4,tcp-ipv4
small=20M
large=200M
cpu=0
out=target/bench-cli
while [[ $# -gt 0 ]]; do
    case "$1" in
        --runs) runs="$2"; shift 2 ;;
        --tshark-runs) tshark_runs="$2"; shift 2 ;;
        --tshark-on) tshark_on="$2"; shift 2 ;;
        --fixtures) fixtures="$2"; shift 2 ;;
        --small) small="$2"; shift 2 ;;
        --large) large="$2"; shift 2 ;;
        --cpu) cpu="$2"; shift 2 ;;
        --out) out="$2"; shift 2 ;;
        -h | --help) usage; exit 0 ;;
        *) echo "cli-bench.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
    esac
done
for n in "$runs" "$tshark_runs" "$cpu"; do
    [[ "$n" =~ ^[0-9]+$ ]] || { echo "cli-bench.sh: '$n' is not a number" >&2; exit 2; }
done
[[ "$tshark_on" == large || "$tshark_on" == small ]] || { echo "cli-bench.sh: --tshark-on large or small" >&2; exit 2; }
[[ "$runs" -ge 1 ]] || { echo "cli-bench.sh: --runs must be at least 1" >&2; exit 2; }

cd "$(dirname "$0")/.."
for tool in taskset jq; do
    command -v "$tool" >/dev/null || { echo "cli-bench.sh: $tool is missing" >&2; exit 2; }
done
[[ -x /usr/bin/time ]] || {
    echo "cli-bench.sh: /usr/bin/time is missing (apt-get install -y time)" >&2
    exit 2
}
if [[ "$tshark_runs" -gt 0 ]] && ! command -v tshark >/dev/null; then
    echo "cli-bench.sh: tshark is missing (apt-get install -y tshark), or pass --tshark-runs 0" >&2
    exit 2
fi

cargo build --release --quiet -p sipcodes-cli --bin sipcodes --example repeat_capture
bin=target/release/sipcodes
generator=target/release/examples/repeat_capture
mkdir -p "$out"
has_audit=false
if "$bin" audit --help >/dev/null 2>&1; then has_audit=true; fi

echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(nproc) CPUs"
echo "sipcodes: $("$bin" --version); $(tshark --version 2>/dev/null | head -1 || echo 'no tshark')"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"

# The captures, made once per size (kept between runs).
IFS=, read -r -a names <<<"$fixtures"
declare -A messages
for name in "${names[@]}"; do
    fixture="sipcodes-cli/tests/fixtures/$name.pcap"
    [[ -f "$fixture" ]] || { echo "cli-bench.sh: no fixture $fixture" >&2; exit 2; }
    per_pass="$("$bin" stats --format json "$fixture" | jq .messages)"
    if $has_audit; then
        per_pass_findings="$({ "$bin" audit "$fixture" || true; } | tail -1 | sed -E 's/.*: ([0-9]+) findings.*/\1/')"
    fi
    for size in "$small" "$large"; do
        capture="$out/$name-$size.pcap"
        if [[ ! -f "$capture" || "$fixture" -nt "$capture" || "$generator" -nt "$capture" ]]; then
            "$generator" "$fixture" "$capture" --bytes "$size" 2>"$capture.info"
        fi
        passes="$(sed -E 's/.*: ([0-9]+) passes.*/\1/' "$capture.info")"
        counted="$("$bin" stats --format json "$capture" | jq .messages)"
        messages["$capture"]="$counted"
        if [[ "$counted" -ne $((passes * per_pass)) ]]; then
            echo "cli-bench.sh: $capture: stats counts $counted messages, not $passes x $per_pass" >&2
            exit 1
        fi
        if $has_audit; then
            # Each pass renames its Call-IDs, tags and branches: what audit finds is the
            # fixture's findings as many times.
            findings="$({ "$bin" audit "$capture" || true; } | tail -1 | sed -E 's/.*: ([0-9]+) findings.*/\1/')"
            if [[ "$findings" -ne $((passes * per_pass_findings)) ]]; then
                echo "cli-bench.sh: $capture: audit finds $findings, not $passes x $per_pass_findings" >&2
                exit 1
            fi
        fi
        echo "$capture: $(stat -c %s "$capture") bytes, $passes passes, $counted SIP messages"
    done
done

timings="$out/timings.tsv"
printf 'command\tcapture\trun\twall_s\tuser_s\tsys_s\tmax_rss_kib\n' >"$timings"

# One timed run, pinned to the core: appends a line to the timings.
measure() {
    local label="$1" capture="$2" run="$3"
    shift 3
    local log="$out/time.log" start end status=0
    start="$(date +%s%N)"
    taskset -c "$cpu" /usr/bin/time -v -o "$log" "$@" >"$out/stdout.log" 2>"$out/stderr.log" || status=$?
    end="$(date +%s%N)"
    # audit exits 1 when it finds something to report; anything above is a failure.
    if [[ "$status" -gt 1 ]]; then
        echo "cli-bench.sh: '$*' failed ($status):" >&2
        cat "$out/stderr.log" >&2
        exit 1
    fi
    local user sys rss
    user="$(sed -n 's/^\tUser time (seconds): //p' "$log")"
    sys="$(sed -n 's/^\tSystem time (seconds): //p' "$log")"
    rss="$(sed -n 's/^\tMaximum resident set size (kbytes): //p' "$log")"
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$label" "$capture" "$run" \
        "$(awk -v ns=$((end - start)) 'BEGIN { printf "%.4f", ns / 1e9 }')" \
        "$user" "$sys" "$rss" >>"$timings"
}

# Interleaved: every round runs each command once on each capture, small and large.
for ((run = 1; run <= runs; run++)); do
    for name in "${names[@]}"; do
        for size in "$small" "$large"; do
            capture="$out/$name-$size.pcap"
            measure stats "$capture" "$run" "$bin" stats --format json "$capture"
            if $has_audit; then
                measure audit "$capture" "$run" "$bin" audit "$capture"
            fi
        done
        if [[ "$run" -le "$tshark_runs" ]]; then
            capture="$out/$name-${!tshark_on}.pcap"
            measure tshark "$capture" "$run" tshark -n -r "$capture" -q -z sip,stat
            cp "$out/stdout.log" "$out/tshark-$name.txt"
        fi
    done
    echo "round $run of $runs done (load $(cut -d' ' -f1 /proc/loadavg))"
done
if [[ "$tshark_runs" -gt 0 ]]; then
    for name in "${names[@]}"; do
        capture="$out/$name-${!tshark_on}.pcap"
        seen="$(sed -n 's/.*Number of SIP messages: \([0-9]*\).*/\1/p' "$out/tshark-$name.txt")"
        echo "tshark counts $seen SIP messages in $capture (sipcodes: ${messages[$capture]})"
    done
fi
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"

# Medians and ranges, per command and capture.
results="$out/results.md"
{
    echo
    echo '| command | capture | bytes | SIP messages | runs | wall s, median (min-max) | messages per wall second, median (min-max) | CPU s (user+sys), median (min-max) | messages per CPU second, median (min-max) | peak RSS MiB, median (min-max) |'
    echo '| --- | --- | ---: | ---: | ---: | --- | --- | --- | --- | --- |'
    for name in "${names[@]}"; do
        for command in stats audit tshark; do
            for size in "$small" "$large"; do
                capture="$out/$name-$size.pcap"
                awk -F'\t' -v c="$command" -v f="$capture" -v m="${messages[$capture]}" \
                    -v bytes="$(stat -c %s "$capture")" '
                    function median(a, n,   i, j, t) {
                        for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
                        return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
                    }
                    $1 == c && $2 == f { n++; w[n] = $4; cpu[n] = $5 + $6; r[n] = $7 / 1024 }
                    END {
                        if (n == 0) exit
                        mw = median(w, n); mc = median(cpu, n); mr = median(r, n)
                        # /usr/bin/time counts CPU time in hundredths of a second.
                        lo = cpu[1] > 0 ? cpu[1] : 0.01
                        printf "| %s | %s | %d | %d | %d | %.3f (%.3f-%.3f) | %.0f (%.0f-%.0f) | %.2f (%.2f-%.2f) | %.0f (%.0f-%.0f) | %.1f (%.1f-%.1f) |\n",
                            c, f, bytes, m, n, mw, w[1], w[n], m / mw, m / w[n], m / w[1], mc, cpu[1], cpu[n],
                            m / (mc > 0 ? mc : 0.01), m / cpu[n], m / lo, mr, r[1], r[n]
                    }' "$timings"
            done
        done
    done
    echo
    for name in "${names[@]}"; do
        capture="$out/$name-${!tshark_on}.pcap"
        awk -F'\t' -v f="$capture" -v name="$name" -v which="$tshark_on" '
            function median(a, n,   i, j, t) {
                for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
                return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
            }
            $2 == f && $1 == "stats" { s++; st[s] = $4; sc[s] = $5 + $6 }
            $2 == f && $1 == "tshark" { t++; ts[t] = $4; tc[t] = $5 + $6 }
            END {
                if (s == 0 || t == 0) exit
                printf "- %s, %s capture: tshark takes %.0fx the wall time of `sipcodes stats` and %.0fx its CPU time (medians)\n",
                    name, which, median(ts, t) / median(st, s), median(tc, t) / median(sc, s)
            }' "$timings"
        capture="$out/$name-$large.pcap"
        small_rss="$(awk -F'\t' -v f="$out/$name-$small.pcap" '$1 == "stats" && $2 == f && $7 > m { m = $7 } END { print m + 0 }' "$timings")"
        large_rss="$(awk -F'\t' -v f="$capture" '$1 == "stats" && $2 == f && $7 > m { m = $7 } END { print m + 0 }' "$timings")"
        awk -v name="$name" -v s="$small_rss" -v l="$large_rss" -v ss="$small" -v ls="$large" 'BEGIN {
            printf "- %s, `sipcodes stats` peak RSS: %.1f MiB on %s, %.1f MiB on %s (%.2fx)\n", name, s / 1024, ss, l / 1024, ls, l / s }'
    done
} | tee "$results"
