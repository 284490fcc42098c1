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
# kamailio, tcpdump and ip live in sbin, which a plain PATH may leave out.
PATH="$PATH:/usr/sbin:/sbin"
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/.." && pwd)
SCEN="$HERE/record"
readonly HERE REPO SCEN
readonly ALL_ROUNDS="udp-ipv4 tcp-ipv4 udp-ipv6 tcp-ipv6 fragmented-udp fragmented-udp-ipv6 segmented-tcp"

usage() {
	cat <<EOF
Usage: $PROG [--out DIR] [--rounds LIST] [--hep-port PORT] [--no-count-check]
       [--keep-logs] [-h|--help]

Record SIP captures on loopback with Kamailio (proxy and registrar), SIPp
(callers and answerers) and tcpdump, and write them to DIR
(default: sipcodes-cli/tests/fixtures in this repository).

Each round starts a fresh Kamailio and registers the answering user agents
(a REGISTER with too short an Expires gets 423 and is sent again with
Min-Expires; a challenged REGISTER gets 401 and is sent again with
credentials). The four full rounds then play, one after another: a call
answered (200), a call refused busy (486), a call forked to two contacts and
answered by one (180 from both, 200 from one, CANCEL and 487 on the other),
a call challenged (407, then sent again with credentials), OPTIONS to the
proxy (200), MESSAGE to a registered user (200) and to an unknown one (404):
80 SIP messages. The fragmented and segmented rounds play the answered call
and the MESSAGE to the registered user only, both with big bodies: 33 SIP
messages.

Rounds (--rounds takes a comma-separated subset; default: all):
  udp-ipv4             UDP over 127.0.0.1 -> udp-ipv4.pcap; at the same time
                       Kamailio's siptrace mirrors every message as HEP3 to
                       127.0.0.1:9060 (see --hep-port) -> hep3.pcap; the
                       SIPp caller's message log -> sipp-trace-msg.log; the
                       messages of udp-ipv4.pcap as text -> sip-messages.txt
  tcp-ipv4             TCP over 127.0.0.1 -> tcp-ipv4.pcap
  udp-ipv6             UDP over ::1 -> udp-ipv6.pcap
  tcp-ipv6             TCP over ::1 -> tcp-ipv6.pcap
  fragmented-udp       UDP over 127.0.0.1 inside a private network namespace
                       whose loopback has MTU 1500; the INVITE of the answered
                       call and a MESSAGE carry bodies of a few thousand bytes,
                       so they travel as IPv4 fragments -> fragmented-udp.pcap
  fragmented-udp-ipv6  the same over ::1 -> fragmented-udp-ipv6.pcap
  segmented-tcp        the same big messages over TCP on 127.0.0.1 in such a
                       namespace: each travels in several TCP segments
                       -> segmented-tcp.pcap

Options:
  -o, --out DIR     where to write the captures (created if missing)
  -r, --rounds LIST which rounds to record (e.g. udp-ipv4,tcp-ipv4)
  -p, --hep-port PORT
                    the UDP port on 127.0.0.1 that Kamailio sends HEP3 to in
                    the udp-ipv4 round (default 9060); a HEP collector may
                    listen there while the script runs
  -n, --no-count-check
                    after each round, only warn (instead of failing) when
                    tshark does not count the scripted number of SIP messages
                    (80, or 33): on a loaded machine
                    a late answer brings a retransmission, which is real
                    traffic but no longer the traffic the fixtures describe
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
hep_port=9060
count_check=1
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
	-p | --hep-port)
		(($# >= 2)) || die "$1 needs a UDP port number; see --help"
		if ! [[ $2 =~ ^[0-9]{1,5}$ ]] || (($2 < 1 || $2 > 65535 || $2 == 5060)) ||
			(($2 >= 5070 && $2 <= 5080)); then
			die "$1 takes a port from 1 to 65535 other than 5060 and 5070-5080, not '$2'"
		fi
		hep_port=$2
		shift 2
		;;
	-n | --no-count-check)
		count_check=0
		shift
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
	for m in "${missing[@]}"; do
		printf '%s: missing: %s\n' "$PROG" "$m" >&2
	done
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
# The script's own stderr, for messages printed while a command's output is
# redirected to a log (a signal's trap runs inside that redirection).
exec 3>&2

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
		echo "$PROG: logs kept in $work" >&3
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

# forget_bg PID: drop PID from the processes cleanup would stop.
forget_bg() {
	local p keep=()
	for p in "${bg_pids[@]}"; do
		[[ $p == "$1" ]] || keep+=("$p")
	done
	bg_pids=("${keep[@]}")
}

# stop_bg PID SIGNAL: stop one background process and forget it.
stop_bg() {
	kill "-$2" "$1" 2>/dev/null || true
	wait "$1" 2>/dev/null || true
	forget_bg "$1"
}

# wait_bg PID NAME: wait for a background process that ends by itself
# (bounded by its own timeout); fail with its log if it failed.
wait_bg() {
	local rc=0
	wait "$1" || rc=$?
	forget_bg "$1"
	((rc == 0)) || fail "$2 exited with status $rc" "$work/$2.log"
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
	run_in ss -H -ln "$opt" "sport = :$2" 2>/dev/null | grep -q .
}

# --- one round ------------------------------------------------------------
# Ports: Kamailio 5060; answerers bob 5070, carol 5071, team 5072 and 5073,
# dan 5074; callers 5080. HEP collector address 127.0.0.1:$hep_port (Kamailio
# sends HEP from its SIP socket, port 5060, so the SIP capture leaves it out).
readonly FILTER="(port 5060 or portrange 5070-5080) and not port $hep_port"

# uac NAME SCENARIO [SIPP-OPTIONS...]: one SIPp caller run of one call.
uac() {
	local name=$1 scen=$2
	shift 2
	run_in timeout 30 sipp -nostdin -i "$ip" -mi "$ip" -t "$sipp_transport" \
		-trace_err -error_file "$work/$name.errors" -sf "$SCEN/$scen" -p 5080 \
		-m 1 -timeout 20s -timeout_error "$@" "$proxy" >"$work/$name.log" 2>&1 ||
		fail "SIPp caller $name ($scen) failed" "$work/$name.log" "$work/$name.errors" "$work/kamailio.log"
}

# uas NAME SCENARIO PORT CALLS: start a SIPp answerer for CALLS calls.
uas() {
	local name=$1 scen=$2 port=$3 calls=$4
	start_bg "$name" timeout 40 sipp -nostdin -i "$ip" -mi "$ip" -t "$sipp_transport" \
		-trace_err -error_file "$work/$name.errors" -sf "$SCEN/$scen" \
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
		proxy='[::1]:5060'
		;;
	esac
	if [[ $transport == tcp ]]; then sipp_transport=t1; else sipp_transport=u1; fi
	if ((fragment)); then
		# A private namespace whose only interface is a loopback with an
		# Ethernet-sized MTU: messages over 1500 bytes leave as IP fragments
		# (UDP) or in several segments (TCP).
		netns="sipcodes-rec-$$"
		ip netns add "$netns"
		ns_prefix=(ip netns exec "$netns")
		ip netns exec "$netns" ip link set lo mtu 1500 up
		# Loopback hands TCP to itself in segments of up to 64 KB (segmentation
		# offload); cap them so that TCP cuts segments of one MTU as on a wire.
		ip netns exec "$netns" ip link set lo gso_max_size 1500
		lo_mtu=1500
		pad=3000
	fi
	echo "== $round: SIP over $transport, IPv$family${lo_mtu:+, in a private namespace with lo MTU $lo_mtu}"

	# Another SIP server on these ports would answer in place of this one.
	local p
	for p in 5060 5070 5071 5072 5073 5074 5080; do
		if listening "$transport" "$p"; then
			fail "$transport port $p is already in use ($(run_in ss -H -lnp "sport = :$p" | head -n 1)); stop that program first"
		fi
	done

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
		start_bg "tcpdump-hep" timeout 180 tcpdump -i lo -s 0 -U --immediate-mode -n -w "$work/hep3.pcap" udp port "$hep_port"
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
	((hep)) && kam_args+=(-A WITH_HEP -A "HEP_DEST=\"sip:127.0.0.1:$hep_port\"")
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
		check_hep "$work/hep3.pcap" "$pcap"
		cp "$work/hep3.pcap" "$out_dir/hep3.pcap"
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
	[[ $count == "$expected" ]] && return
	if ((count_check)); then
		fail "tshark counts ${count:-no} SIP messages in ${f##*/}, expected $expected (see --no-count-check); logs: $work"
	fi
	echo "$PROG: warning: tshark counts ${count:-no} SIP messages in ${f##*/}, expected $expected" >&2
}

# check_hep HEP-PCAP SIP-PCAP: the HEP3 packets carry, as a set, the very
# messages of the SIP capture: compare the payload chunks (type 15) of the
# one with the UDP payloads of the other.
check_hep() {
	local hep=$1 sip=$2 n_hep n_sip
	n_hep=$(tshark -r "$hep" 2>/dev/null | wc -l)
	echo "   hep3.pcap: $n_hep packets," \
		"$(tshark -r "$hep" -Y 'udp.payload[0:4] == 48:45:50:33' 2>/dev/null | wc -l) start with HEP3"
	# Each HEP3 packet: "HEP3", total length (16 bits), then chunks of vendor
	# (16 bits), type (16 bits), length including these 6 bytes (16 bits).
	tshark -r "$hep" -T fields -e udp.payload 2>/dev/null | perl -ne '
		chomp; s/://g; my $b = pack("H*", $_); my $off = 6;
		while ($off + 6 <= length $b) {
			my (undef, $type, $len) = unpack("nnn", substr($b, $off, 6));
			last if $len < 6;
			print unpack("H*", substr($b, $off + 6, $len - 6)), "\n" if $type == 15;
			$off += $len;
		}' | sort >"$work/hep-payloads"
	tshark -r "$sip" -Y sip -T fields -e udp.payload 2>/dev/null | tr -d : | sort >"$work/sip-payloads"
	n_sip=$(wc -l <"$work/sip-payloads")
	if cmp -s "$work/hep-payloads" "$work/sip-payloads"; then
		echo "   the $n_hep HEP3 payloads are the $n_sip SIP messages of ${sip##*/}, byte for byte"
	elif ((count_check)); then
		fail "the HEP3 payloads of ${hep##*/} are not the SIP messages of ${sip##*/} ($n_hep and $n_sip)"
	else
		echo "$PROG: warning: the HEP3 payloads of ${hep##*/} are not the SIP messages of ${sip##*/} ($n_hep and $n_sip)" >&2
	fi
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
	segmented-tcp) record_round "$r" 4 tcp 1 0 ;;
	esac
done
echo "captures written to $out_dir"
