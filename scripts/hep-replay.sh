#!/usr/bin/env bash
# Whether `sipcodes stats --listen-hep` keeps up: the HEP3 packets of
# sipcodes-cli/tests/fixtures/hep3.pcap replayed over loopback (sipcodes-cli/examples/hep_replay.rs)
# at a fixed rate for a fixed time, and what the listener counted compared with what was sent
# and with `sipcodes stats` on a capture of the same packets (the fixture repeated as many
# times, sipcodes-cli/examples/repeat_capture.rs). Then the rate is stepped up to find where
# datagrams start to be lost.
#
#   scripts/hep-replay.sh                                  # 20000/s for 60 s, then the steps
#   scripts/hep-replay.sh --rate 20000 --duration 60 --steps ''
#   scripts/hep-replay.sh --steps '40000 80000 160000 320000' --step-duration 10
#
# Options:
#   --rate N            packets a second of the main run (default 20000)
#   --duration S        seconds of the main run (default 60)
#   --steps 'N ...'     rates tried after it, each for --step-duration seconds
#                       (default '40000 80000 160000 320000')
#   --step-duration S   (default 10)
#   --port P            UDP port on 127.0.0.1 (default 19060)
#   --out DIR           where results go (default target/bench-cli)
#   -h, --help          this text
#
# Prints one line per rate: sent, received datagrams, SIP messages counted, lost (of which
# refused: sent after the listener had stopped, when the replayer fell behind), whether the
# counts by method and code equal those of `stats` on the equivalent capture, and the kernel's
# UDP receive-buffer drops (RcvbufErrors of /proc/net/snmp, for the whole machine) during the
# run. Only 127.0.0.1 is used; every run is bounded by its duration.
set -euo pipefail

usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; }

rate=20000
duration=60
steps='40000 80000 160000 320000'
step_duration=10
port=19060
out=target/bench-cli
while [[ $# -gt 0 ]]; do
    case "$1" in
        --rate) rate="$2"; shift 2 ;;
        --duration) duration="$2"; shift 2 ;;
        --steps) steps="$2"; shift 2 ;;
        --step-duration) step_duration="$2"; shift 2 ;;
        --port) port="$2"; shift 2 ;;
        --out) out="$2"; shift 2 ;;
        -h | --help) usage; exit 0 ;;
        *) echo "hep-replay.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
    esac
done
for n in "$rate" "$duration" "$step_duration" "$port" $steps; do
    [[ "$n" =~ ^[0-9]+$ && "$n" -gt 0 ]] || { echo "hep-replay.sh: '$n' is not a positive number" >&2; exit 2; }
done
[[ "$duration" -le 600 && "$step_duration" -le 600 ]] || { echo "hep-replay.sh: durations of at most 600 s" >&2; exit 2; }
command -v jq >/dev/null || { echo "hep-replay.sh: jq is missing" >&2; exit 2; }

cd "$(dirname "$0")/.."
cargo build --release --quiet -p sipcodes-cli --bin sipcodes --example hep_replay --example repeat_capture
bin=target/release/sipcodes
fixture=sipcodes-cli/tests/fixtures/hep3.pcap
mkdir -p "$out"

listener=""
trap '[[ -n "$listener" ]] && kill "$listener" 2>/dev/null || true' EXIT

rcvbuf_errors() { awk '/^Udp:/ { if (!n++) { for (i = 1; i <= NF; i++) if ($i == "RcvbufErrors") c = i } else print $c }' /proc/net/snmp; }

echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(nproc) CPUs; net.core.rmem_default $(cat /proc/sys/net/core/rmem_default)"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-8s %-5s %-9s %-9s %-9s %-9s %-7s %-8s %-12s %s\n' rate/s secs sent received messages lost loss% refused same-as-pcap rcvbuf-drops

one_run() {
    local rate="$1" seconds="$2"
    local result="$out/hep-$rate.json" replay="$out/hep-$rate.replay"
    # The listener outlasts the replay by half its time and two seconds (a replayer that
    # falls further behind, on a busy machine, has its last packets refused and counted lost).
    "$bin" stats --listen-hep "127.0.0.1:$port" --duration $((seconds + seconds / 2 + 3)) --format json >"$result" 2>"$out/hep-$rate.err" &
    listener=$!
    sleep 1
    local drops_before drops_after
    drops_before="$(rcvbuf_errors)"
    target/release/examples/hep_replay "$fixture" "127.0.0.1:$port" --rate "$rate" --duration "$seconds" >"$replay" 2>"$replay.err"
    wait "$listener"
    listener=""
    drops_after="$(rcvbuf_errors)"
    local sent passes received messages
    sent="$(sed -E 's/^sent ([0-9]+) packets.*/\1/' "$replay")"
    passes="$(sed -E 's/.*\(([0-9]+) passes.*/\1/' "$replay")"
    received="$(jq .packets "$result")"
    messages="$(jq .messages "$result")"
    # The same packets as a capture, counted by `stats` (streamed: it can be gigabytes).
    local same=no
    if [[ "$(jq -c '[.requests, .responses, .methods]' "$result")" == \
          "$(target/release/examples/repeat_capture "$fixture" /dev/stdout --passes "$passes" 2>/dev/null |
              "$bin" stats --format json - | jq -c '[.requests, .responses, .methods]')" ]]; then
        same=yes
    fi
    # Sends refused: the listener had stopped (the replayer fell behind its schedule).
    local refused
    refused="$(sed -n -E 's/.*: ([0-9]+) sends refused.*/\1/p' "$replay.err")"
    printf '%-8s %-5s %-9s %-9s %-9s %-9s %-7s %-8s %-12s %s\n' "$rate" "$seconds" "$sent" "$received" "$messages" \
        $((sent - received)) "$(awk -v s="$sent" -v r="$received" 'BEGIN { printf "%.3f", 100 * (s - r) / s }')" \
        "${refused:-0}" "$same" $((drops_after - drops_before))
    echo "  replayer: $(cat "$replay")"
}

one_run "$rate" "$duration"
for step in $steps; do
    one_run "$step" "$step_duration"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
