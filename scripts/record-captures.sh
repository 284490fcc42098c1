#!/usr/bin/env bash
# Record real SIP traffic on loopback as small pcap files for tests.
#
# Kamailio (scripts/record/kamailio.cfg) is the proxy and registrar; SIPp
# (scripts/record/*.xml) plays the callers and the answering user agents;
# tcpdump records. Every address used is loopback (127.0.0.1, ::1), in this
# host's network namespace or in a private one the script creates for the
# fragmented rounds. Every program runs with a bounded number of calls and a
# timeout, and the script stops and removes everything it started on exit.
#
# Run as root (tcpdump on lo, ip netns). See --help.
set -euo pipefail

readonly PROG=${0##*/}
readonly HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
readonly REPO=$(cd "$HERE/.." && pwd)
readonly SCEN="$HERE/record"
readonly ALL_ROUNDS="udp-ipv4 tcp-ipv4 udp-ipv6 tcp-ipv6 fragmented-udp fragmented-udp-ipv6"

usage() {
	cat <<EOF
Usage: $PROG [--out DIR] [--rounds LIST] [--keep-logs] [-h|--help]

Record SIP captures on loopback with Kamailio (proxy and registrar), SIPp
(callers and answerers) and tcpdump, and write them to DIR
(default: sipcodes-cli/tests/fixtures in this repository).

Each round starts a fresh Kamailio, registers the answering user agents,
then plays, one after another: a call answered (200), a call refused busy
(486), a call forked to two contacts and answered by one (180 from both, 200
from one, CANCEL and 487 on the other), a call challenged (407, then sent
again with credentials), a REGISTER with too short an Expires (423, then
again with Min-Expires), a challenged REGISTER (401, then again), OPTIONS to
the proxy (200), MESSAGE to a registered user (200) and to an unknown one
(404).

Rounds (--rounds takes a comma-separated subset; default: all):
  udp-ipv4             UDP over 127.0.0.1 -> udp-ipv4.pcap; at the same time
                       Kamailio's siptrace mirrors every message as HEP3 to
                       127.0.0.1:9060 -> hep3.pcap; the SIPp caller's message
                       log -> sipp-trace-msg.log; the messages of udp-ipv4.pcap
                       as text -> sip-messages.txt
  tcp-ipv4             TCP over 127.0.0.1 -> tcp-ipv4.pcap
  udp-ipv6             UDP over ::1 -> udp-ipv6.pcap
  tcp-ipv6             TCP over ::1 -> tcp-ipv6.pcap
  fragmented-udp       UDP over 127.0.0.1 inside a private network namespace
                       whose loopback has MTU 1500; the INVITE of the answered
                       call and a MESSAGE carry bodies of a few thousand bytes,
                       so they travel as IPv4 fragments -> fragmented-udp.pcap
  fragmented-udp-ipv6  the same over ::1 -> fragmented-udp-ipv6.pcap

Options:
  -o, --out DIR     where to write the captures (created if missing)
  -r, --rounds LIST which rounds to record (e.g. udp-ipv4,tcp-ipv4)
  -k, --keep-logs   keep the Kamailio, SIPp and tcpdump logs (path printed)
  -h, --help        this text

Needs root, and the Debian packages kamailio, sip-tester (sipp), tcpdump,
tshark and iproute2 (ip, ss).
EOF
}

die() {
	printf '%s: %s\n' "$PROG" "$*" >&2
	exit 1
}

out_dir="$REPO/sipcodes-cli/tests/fixtures"
rounds="$ALL_ROUNDS"
keep_logs=0
while (($# > 0)); do
	case $1 in
	-h | --help)
		usage
		exit 0
		;;
	-o | --out)
		(($# >= 2)) || die "$1 needs a directory; see --help"
		out_dir=$2
		shift 2
		;;
	-r | --rounds)
		(($# >= 2)) || die "$1 needs a comma-separated list of rounds; see --help"
		rounds=${2//,/ }
		shift 2
		;;
	-k | --keep-logs)
		keep_logs=1
		shift
		;;
	*) die "unknown argument '$1'; see --help" ;;
	esac
done
for r in $rounds; do
	case " $ALL_ROUNDS " in
	*" $r "*) ;;
	*) die "unknown round '$r'; the rounds are: $ALL_ROUNDS" ;;
	esac
done

# --- what must be installed --------------------------------------------------
missing=()
need() { # need COMMAND DEBIAN-PACKAGE
	command -v "$1" >/dev/null 2>&1 || missing+=("$1 (Debian package $2)")
}
need kamailio kamailio
need sipp sip-tester
need tcpdump tcpdump
need tshark tshark
need ip iproute2
need ss iproute2
need timeout coreutils
need perl perl-base
if ((${#missing[@]} > 0)); then
	printf '%s: missing: %s\n' "$PROG" "${missing[*]}" >&2
	echo "$PROG: install them with: apt-get install -y kamailio sip-tester tcpdump tshark iproute2" >&2
	exit 1
fi
((EUID == 0)) || die "must run as root (tcpdump on lo, ip netns); try: sudo $0 $*"
for f in kamailio.cfg uac-register.xml uas-answer.xml; do
	[[ -f $SCEN/$f ]] || die "missing $SCEN/$f (run from a checkout of the repository)"
done

mkdir -p "$out_dir" || die "cannot create the output directory $out_dir"
out_dir=$(cd "$out_dir" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/sipcodes-record.XXXXXX")

# --- cleanup: every background process and the namespace ---------------------
bg_pids=()
netns=""
cleanup() {
	local rc=$? pid
	for pid in "${bg_pids[@]}"; do
		kill -TERM "$pid" 2>/dev/null || true
	done
	for pid in "${bg_pids[@]}"; do
		wait "$pid" 2>/dev/null || true
	done
	if [[ -n $netns ]]; then
		ip netns del "$netns" 2>/dev/null || true
	fi
	if ((keep_logs)) || ((rc != 0)); then
		echo "$PROG: logs kept in $work" >&2
	else
		rm -rf "$work"
	fi
	exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- helpers ----------------------------------------------------------------
# The current round's network namespace (empty: this one), as a command
# prefix.
ns_prefix=()
run_in() { # run_in CMD...
	"${ns_prefix[@]}" "$@"
}

# start_bg NAME CMD...: start CMD in the background (in the round's
# namespace), output in $work/NAME.log; sets last_pid to CMD's own process
# (the subshell execs it, and ip netns exec execs it in turn).
start_bg() {
	local name=$1
	shift
	(
		trap - EXIT INT TERM
		exec "${ns_prefix[@]}" "$@"
	) >"$work/$name.log" 2>&1 &
	last_pid=$!
	bg_pids+=("$last_pid")
}

# stop_bg PID SIGNAL: stop one background process and forget it.
stop_bg() {
	local pid=$1 sig=$2 p keep=()
	kill "-$sig" "$pid" 2>/dev/null || true
	wait "$pid" 2>/dev/null || true
	for p in "${bg_pids[@]}"; do
		[[ $p == "$pid" ]] || keep+=("$p")
	done
	bg_pids=("${keep[@]}")
}

# wait_bg PID NAME: wait for a background process that ends by itself
# (bounded by its own timeout); fail with its log if it failed.
wait_bg() {
	local pid=$1 name=$2 rc=0 p keep=()
	wait "$pid" || rc=$?
	for p in "${bg_pids[@]}"; do
		[[ $p == "$pid" ]] || keep+=("$p")
	done
	bg_pids=("${keep[@]}")
	((rc == 0)) || fail "$name exited with status $rc" "$work/$name.log"
}

fail() { # fail MESSAGE [LOG...]
	local msg=$1 log
	shift
	for log in "$@"; do
		[[ -f $log ]] && {
			echo "--- $log (last lines)" >&2
			tail -n 25 "$log" >&2
		}
	done
	die "round $round: $msg"
}

# wait_until SECONDS DESCRIPTION CMD...: poll CMD every 0.1 s.
wait_until() {
	local tries=$(($1 * 10)) what=$2
	shift 2
	while ! "$@" >/dev/null 2>&1; do
		((--tries > 0)) || fail "timed out waiting for $what"
		sleep 0.1
	done
}

listening() { # listening udp|tcp PORT
	local opt=-u
	[[ $1 == tcp ]] && opt=-t
	run_in ss -H -ln "$opt" "sport = :$2" | grep -q .
}

# --- one round ------------------------------------------------------------
# Ports: Kamailio 5060; answerers bob 5070, carol 5071, team 5072 and 5073,
# dan 5074; callers 5080. HEP collector address 127.0.0.1:9060 (Kamailio
# sends HEP from its SIP socket, port 5060, so the SIP capture leaves 9060 out).
readonly FILTER='(port 5060 or portrange 5070-5080) and not port 9060'

# sipp_common NAME: the options every SIPp run shares.
sipp_opts() {
	local name=$1
	echo -nostdin -i "$ip" -mi "$ip" -t "$sipp_transport" \
		-trace_err -error_file "$work/$name.errors"
}

# uac NAME SCENARIO [SIPP-OPTIONS...]: one SIPp caller run of one call.
uac() {
	local name=$1 scen=$2
	shift 2
	# shellcheck disable=SC2046
	run_in timeout 30 sipp $(sipp_opts "$name") -sf "$SCEN/$scen" -p 5080 \
		-m 1 -timeout 20s -timeout_error "$@" "$proxy" >"$work/$name.log" 2>&1 ||
		fail "SIPp caller $name ($scen) failed" "$work/$name.log" "$work/$name.errors" "$work/kamailio.log"
}

# uas NAME SCENARIO PORT CALLS: start a SIPp answerer for CALLS calls.
uas() {
	local name=$1 scen=$2 port=$3 calls=$4
	# shellcheck disable=SC2046
	start_bg "$name" timeout 40 sipp $(sipp_opts "$name") -sf "$SCEN/$scen" \
		-p "$port" -s "$name" -m "$calls" -timeout 30s -timeout_error
	uas_pids+=("$last_pid")
	uas_names+=("$name")
}

record_round() {
	round=$1
	local family=$2 transport=$3 fragment=$4 hep=$5
	local pad=0 lo_mtu=""
	case $family in
	4)
		ip=127.0.0.1
		proxy=127.0.0.1:5060
		;;
	6)
		ip=::1
		proxy=[::1]:5060
		;;
	esac
	if [[ $transport == tcp ]]; then sipp_transport=t1; else sipp_transport=u1; fi
	if ((fragment)); then
		# A private namespace whose only interface is a loopback with an
		# Ethernet-sized MTU: messages over 1500 bytes leave as fragments.
		netns="sipcodes-rec-$$"
		ip netns add "$netns"
		ns_prefix=(ip netns exec "$netns")
		ip netns exec "$netns" ip link set lo mtu 1500 up
		lo_mtu=1500
		pad=3000
	fi
	echo "== $round (UDP/TCP: $transport, IPv$family${lo_mtu:+, lo MTU $lo_mtu in a private namespace})"

	# Capture. In the private namespace nothing else runs, so everything on
	# lo is recorded (fragments after the first carry no UDP ports).
	local filter=$FILTER
	((fragment)) && filter=""
	local pcap="$work/$round.pcap" tcpdump_pid hep_pid=""
	# shellcheck disable=SC2086
	start_bg "tcpdump-$round" timeout 180 tcpdump -i lo -s 0 -U --immediate-mode -n -w "$pcap" $filter
	tcpdump_pid=$last_pid
	wait_until 10 "tcpdump to start" grep -q "listening on" "$work/tcpdump-$round.log"
	if ((hep)); then
		start_bg "tcpdump-hep" timeout 180 tcpdump -i lo -s 0 -U --immediate-mode -n -w "$work/hep3.pcap" udp port 9060
		hep_pid=$last_pid
		wait_until 10 "tcpdump (HEP) to start" grep -q "listening on" "$work/tcpdump-hep.log"
	fi

	# The proxy.
	local kam_args=(-f "$SCEN/kamailio.cfg" -DD -E -m 32 -M 8 -n 2
		-Y "$work/run" -P "$work/run/kamailio.pid" -w "$work/run")
	if [[ $family == 4 ]]; then
		kam_args+=(-l "$transport:127.0.0.1:5060")
	else
		kam_args+=(-l "$transport:[::1]:5060")
	fi
	((hep)) && kam_args+=(-A WITH_HEP)
	mkdir -p "$work/run"
	start_bg kamailio timeout 120 kamailio "${kam_args[@]}"
	local kam_pid=$last_pid
	wait_until 10 "Kamailio to listen on 5060" listening "$transport" 5060

	# Registrations: team has two contacts, so calls to it fork.
	uac reg-bob uac-register-brief.xml -set user bob -set cport 5070
	uac reg-carol uac-register.xml -set user carol -set cport 5071 -set expires 3600
	uac reg-team-a uac-register.xml -set user team -set cport 5072 -set expires 3600
	uac reg-team-b uac-register.xml -set user team -set cport 5073 -set expires 3600
	uac reg-dan uac-register.xml -set user dan -set cport 5074 -set expires 3600
	uac reg-alice uac-register-auth.xml

	# The answerers, each for exactly the calls it will get.
	uas_pids=()
	uas_names=()
	if ((fragment)); then
		uas bob uas-answer.xml 5070 1
		uas dan uas-message.xml 5074 1
	else
		uas bob uas-answer.xml 5070 2
		uas carol uas-busy.xml 5071 1
		uas team-a uas-answer.xml 5072 1
		uas team-b uas-ring-cancelled.xml 5073 1
		uas dan uas-message.xml 5074 1
	fi
	local p
	for p in 5070 5071 5072 5073 5074; do
		((fragment)) && [[ $p != 5070 && $p != 5074 ]] && continue
		wait_until 10 "SIPp answerer on port $p" listening "$transport" "$p"
	done

	# The calls, one after another.
	local trace=()
	((hep)) && trace=(-trace_msg -message_overwrite false -message_file "$work/sipp-trace-msg.log")
	uac answered uac-answered.xml -set pad "$pad" "${trace[@]}"
	if ((!fragment)); then
		uac busy uac-busy.xml "${trace[@]}"
		uac forked uac-forked.xml "${trace[@]}"
		uac challenged uac-challenged.xml "${trace[@]}"
		uac options uac-options.xml "${trace[@]}"
		uac message-offline uac-message-offline.xml "${trace[@]}"
	fi
	uac message uac-message.xml -set user dan -set pad "$pad" "${trace[@]}"

	local i
	for i in "${!uas_pids[@]}"; do
		wait_bg "${uas_pids[$i]}" "${uas_names[$i]}"
	done

	# Let the last transactions' messages (ACKs, the HEP copies) go out, then
	# stop the proxy and the captures.
	sleep 0.5
	stop_bg "$kam_pid" TERM
	sleep 0.2
	stop_bg "$tcpdump_pid" INT
	[[ -n $hep_pid ]] && stop_bg "$hep_pid" INT
	if [[ -n $netns ]]; then
		ip netns del "$netns"
		netns=""
		ns_prefix=()
	fi

	if ((fragment)); then
		summarize "$pcap" 33
	else
		summarize "$pcap" 80
	fi
	cp "$pcap" "$out_dir/$round.pcap"
	if ((hep)); then
		cp "$work/hep3.pcap" "$out_dir/hep3.pcap"
		echo "   hep3.pcap: $(tshark -r "$out_dir/hep3.pcap" 2>/dev/null | wc -l) packets," \
			"$(tshark -r "$out_dir/hep3.pcap" -Y 'udp.payload[0:4] == 48:45:50:33' 2>/dev/null | wc -l) start with HEP3"
		cp "$work/sipp-trace-msg.log" "$out_dir/sipp-trace-msg.log"
		messages_as_text "$out_dir/$round.pcap" >"$out_dir/sip-messages.txt"
	fi
}

# summarize PCAP EXPECTED: print the SIP requests by method and responses by
# code, as tshark counts them, and fail unless tshark counts EXPECTED SIP
# messages (a retransmission or a lost message means the round did not play
# as scripted).
summarize() {
	local f=$1 expected=$2 stat count
	stat=$(tshark -r "$f" -q -z sip,stat 2>/dev/null)
	count=$(sed -n 's/^Number of SIP messages: *\([0-9]*\).*/\1/p' <<<"$stat")
	echo "   ${f##*/}: $(tshark -r "$f" 2>/dev/null | wc -l) packets, $count SIP messages"
	sed -n 's/^ *\(SIP [0-9][0-9][0-9] [^:]*[^ :]\|[A-Z][A-Z]*\) *: *\([0-9][0-9]*\) Packets.*$/     \1: \2/p' <<<"$stat"
	[[ $count == "$expected" ]] ||
		fail "tshark counts ${count:-no} SIP messages in ${f##*/}, expected $expected; logs: $work"
}

# messages_as_text PCAP: every SIP message of a UDP capture, in capture order,
# exactly as sent (CRLF line ends, each body Content-Length bytes), one after
# another as on a stream.
messages_as_text() {
	tshark -r "$1" -Y sip -T fields -e udp.payload 2>/dev/null | perl -ne 'chomp; s/://g; print pack("H*", $_)'
}

for r in $rounds; do
	case $r in
	udp-ipv4) record_round "$r" 4 udp 0 1 ;;
	tcp-ipv4) record_round "$r" 4 tcp 0 0 ;;
	udp-ipv6) record_round "$r" 6 udp 0 0 ;;
	tcp-ipv6) record_round "$r" 6 tcp 0 0 ;;
	fragmented-udp) record_round "$r" 4 udp 1 0 ;;
	fragmented-udp-ipv6) record_round "$r" 6 udp 1 0 ;;
	esac
done
echo "captures written to $out_dir"
