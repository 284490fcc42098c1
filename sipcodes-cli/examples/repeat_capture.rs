//! Makes a large capture for the benchmarks out of a small one: the packets of a pcap
//! (Ethernet or raw IP links) written again and again, each pass later in time than the one
//! before, until the output reaches a size or a number of passes.
//!
//! TCP stays reassemblable: every pass shifts the sequence and acknowledgement numbers of
//! every segment by one more mebibyte (more than any flow of a fixture carries), so that the
//! handshake of each pass opens a new connection on the same addresses and ports and the
//! segments of a pass never overlap those of another; the TCP checksum is computed again.
//! Each pass after the first also renames, at the same length, the Call-IDs, tags and
//! branches of its SIP messages over UDP and TCP, so that `sipcodes audit` sees each pass's
//! dialogs and transactions as new ones rather than as retransmissions of the last pass's:
//! what it finds in N passes is N times what it finds in the fixture. UDP and TCP checksums
//! are computed again; anything else is copied unchanged but for the record's timestamp.
//!
//! ```sh
//! cargo run --release -p sipcodes-cli --example repeat_capture -- \
//!     sipcodes-cli/tests/fixtures/udp-ipv4.pcap target/bench/udp-200M.pcap --bytes 200M
//! cargo run --release -p sipcodes-cli --example repeat_capture -- \
//!     sipcodes-cli/tests/fixtures/hep3.pcap target/bench/hep3-x10.pcap --passes 10
//! ```
//!
//! It prints the number of passes and of packets written on standard error; the output may
//! be `/dev/stdout`, to be read by `sipcodes stats -`.
#![forbid(unsafe_code)]

use std::fs;
use std::io::{BufWriter, Write};
use std::process::ExitCode;

#[path = "support/pcap_file.rs"]
mod pcap_file;
use pcap_file::{LINKTYPE_ETHERNET, parse};

/// How far every pass moves TCP sequence numbers.
const SEQUENCE_SHIFT: u32 = 1 << 20;

fn main() -> ExitCode {
    pcap_file::main_with("repeat_capture", run)
}

fn usage() -> String {
    "usage: repeat_capture INPUT.pcap OUTPUT.pcap (--bytes SIZE[K|M|G] | --passes N)".to_owned()
}

fn run() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "-h" || a == "--help") {
        println!("{}", usage());
        return Ok(());
    }
    let [input, output, flag, value] = args.as_slice() else {
        return Err(usage());
    };
    let (target_bytes, target_passes) = match flag.as_str() {
        "--bytes" => (Some(parse_size(value)?), None),
        "--passes" => (
            None,
            Some(value.parse::<u64>().map_err(|e| format!("--passes {value}: {e}"))?),
        ),
        _ => return Err(usage()),
    };
    let bytes = fs::read(input).map_err(|e| format!("{input}: {e}"))?;
    let capture = parse(&bytes).map_err(|e| format!("{input}: {e}"))?;
    if capture.records.is_empty() {
        return Err(format!("{input}: no packets"));
    }
    let first = capture.records.first().map_or(0, |r| r.time);
    let last = capture.records.last().map_or(0, |r| r.time);
    // Each pass starts one second after the previous one ended.
    let pass_span = last.saturating_sub(first) + capture.units;

    let file = fs::File::create(output).map_err(|e| format!("{output}: {e}"))?;
    let mut out = BufWriter::with_capacity(1 << 20, file);
    let write_error = |e: std::io::Error| format!("{output}: {e}");
    out.write_all(&capture.header).map_err(write_error)?;
    let mut written = 24_u64;
    let mut passes = 0_u64;
    let mut packets = 0_u64;
    let mut data = Vec::new();
    // A shift that wraps around is still a valid TCP sequence number.
    let mut shift = 0_u32;
    loop {
        let done = match (target_bytes, target_passes) {
            (Some(bytes), _) => written >= bytes,
            (None, Some(n)) => passes >= n,
            (None, None) => true,
        };
        if done {
            break;
        }
        for record in &capture.records {
            data.clear();
            data.extend_from_slice(&record.data);
            if passes != 0 {
                rewrite(capture.link_type, &mut data, shift, passes);
            }
            let time = record.time + passes * pass_span;
            let seconds =
                u32::try_from(time / capture.units).map_err(|_| "timestamps beyond 2106: fewer passes".to_owned())?;
            let fraction = u32::try_from(time % capture.units).map_err(|e| e.to_string())?;
            let length = u32::try_from(data.len()).map_err(|e| e.to_string())?;
            for field in [seconds, fraction, length, record.original_length] {
                let bytes = if capture.big_endian {
                    field.to_be_bytes()
                } else {
                    field.to_le_bytes()
                };
                out.write_all(&bytes).map_err(write_error)?;
            }
            out.write_all(&data).map_err(write_error)?;
            written += 16 + data.len() as u64;
            packets += 1;
        }
        passes += 1;
        shift = shift.wrapping_add(SEQUENCE_SHIFT);
    }
    out.flush().map_err(write_error)?;
    // On standard error: the output may be standard output.
    eprintln!("{output}: {passes} passes, {packets} packets, {written} bytes");
    Ok(())
}

fn parse_size(text: &str) -> Result<u64, String> {
    let (digits, unit) = match text.as_bytes().last() {
        Some(b'K' | b'k') => (&text[..text.len() - 1], 1 << 10),
        Some(b'M' | b'm') => (&text[..text.len() - 1], 1 << 20),
        Some(b'G' | b'g') => (&text[..text.len() - 1], 1 << 30),
        _ => (text, 1),
    };
    digits
        .parse::<u64>()
        .map(|n| n * unit)
        .map_err(|e| format!("--bytes {text}: {e}"))
}

/// Makes a packet of pass `pass` (from 0): for TCP over IPv4 or IPv6 (no extension headers,
/// not a fragment), `shift` added to the sequence and acknowledgement numbers; for TCP and
/// UDP, the SIP identifiers in the payload renamed for the pass ([`rename`]) and the
/// checksum computed again. Any other packet is left alone.
fn rewrite(link_type: u32, packet: &mut [u8], shift: u32, pass: u64) {
    let mut ip = 0;
    if link_type == LINKTYPE_ETHERNET {
        let Some(&[a, b]) = packet.get(12..14) else { return };
        match u16::from_be_bytes([a, b]) {
            0x0800 | 0x86dd => ip = 14,
            _ => return,
        }
    }
    let Some(&version) = packet.get(ip) else { return };
    let (protocol, transport, pseudo) = match version >> 4 {
        4 => {
            let Some(v4) = packet.get(ip..ip + 20) else { return };
            let header_length = u16::from(v4[0] & 0x0f) * 4;
            let fragment = u16::from_be_bytes([v4[6], v4[7]]) & 0x3fff;
            let total = u16::from_be_bytes([v4[2], v4[3]]);
            if fragment != 0 || total < header_length || ip + usize::from(total) > packet.len() {
                return;
            }
            let mut sum = add_words(0, &v4[12..20]);
            sum += u32::from(v4[9]) + u32::from(total - header_length);
            (v4[9], ip + usize::from(header_length)..ip + usize::from(total), sum)
        }
        6 => {
            let Some(v6) = packet.get(ip..ip + 40) else { return };
            let payload = u16::from_be_bytes([v6[4], v6[5]]);
            if ip + 40 + usize::from(payload) > packet.len() {
                return;
            }
            let mut sum = add_words(0, &v6[8..40]);
            sum += u32::from(v6[6]) + u32::from(payload);
            (v6[6], ip + 40..ip + 40 + usize::from(payload), sum)
        }
        _ => return,
    };
    let segment = &mut packet[transport];
    let checksum_at = match protocol {
        6 if segment.len() >= 20 => {
            for at in [4, 8] {
                let field = u32::from_be_bytes([segment[at], segment[at + 1], segment[at + 2], segment[at + 3]]);
                // The acknowledgement number means nothing without the ACK flag; moved all
                // the same.
                segment[at..at + 4].copy_from_slice(&field.wrapping_add(shift).to_be_bytes());
            }
            let data = usize::from(segment[12] >> 4) * 4;
            if let Some(payload) = segment.get_mut(data..) {
                rename(payload, pass);
            }
            16
        }
        17 if segment.len() >= 8 => {
            rename(&mut segment[8..], pass);
            if segment[6..8] == [0, 0] && version >> 4 == 4 {
                // No checksum, which UDP over IPv4 allows.
                return;
            }
            6
        }
        _ => return,
    };
    segment[checksum_at] = 0;
    segment[checksum_at + 1] = 0;
    let checksum = match !fold(add_words(pseudo, segment)) {
        // UDP sends a computed zero as all ones; TCP never sees it (RFC 768).
        0 if protocol == 17 => 0xffff,
        sum => sum,
    };
    segment[checksum_at..checksum_at + 2].copy_from_slice(&checksum.to_be_bytes());
}

/// Renames, in a SIP payload, what names a dialog or a transaction (the Call-ID, and the
/// values of the `tag` and `branch` parameters after `z9hG4bK`) for pass `pass`, in place and
/// at the same length, so that the passes' transactions stay apart: the letters and digits
/// of each value are rotated, the first by the pass's last decimal digit, the next by the
/// one before, and so on ([`rotate`]). Within a pass this is one-to-one, so a name is renamed
/// the same way wherever it appears and two names stay two; pass 0 is left as it is. A name
/// cut across two TCP segments is renamed only in part.
fn rename(payload: &mut [u8], pass: u64) {
    if pass == 0 {
        return;
    }
    let mut at = 0;
    while at < payload.len() {
        let line_end = payload[at..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(payload.len(), |i| at + i);
        let line = &payload[at..line_end];
        if line.is_empty() || line == b"\r" {
            // The blank line: the body follows, left alone.
            return;
        }
        let call_id = [&b"call-id:"[..], b"i:"]
            .into_iter()
            .find(|name| line.len() >= name.len() && line[..name.len()].eq_ignore_ascii_case(name));
        if let Some(name) = call_id {
            let value = at + name.len();
            let end = line_end - usize::from(line.ends_with(b"\r"));
            rotate(&mut payload[value..end], pass);
        } else {
            for parameter in [&b";tag="[..], b";branch="] {
                let mut from = at;
                while let Some(found) = payload[from..line_end]
                    .windows(parameter.len())
                    .position(|w| w.eq_ignore_ascii_case(parameter))
                {
                    let mut value = from + found + parameter.len();
                    if payload[value..line_end].starts_with(b"z9hG4bK") {
                        value += 7;
                    }
                    let end = payload[value..line_end]
                        .iter()
                        .position(|b| b";,> \t\r".contains(b))
                        .map_or(line_end, |i| value + i);
                    rotate(&mut payload[value..end], pass);
                    from = end;
                }
            }
        }
        at = line_end + 1;
    }
}

/// Rotates the letters and digits of `value`, each within its own kind (digits, lower case,
/// upper case), by the decimal digits of `pass` from the last one on; other bytes are kept.
fn rotate(value: &mut [u8], pass: u64) {
    let mut digits = pass;
    for byte in value.iter_mut() {
        if digits == 0 {
            return;
        }
        let turn = u8::try_from(digits % 10).unwrap_or(0);
        let (base, size) = match *byte {
            b'0'..=b'9' => (b'0', 10),
            b'a'..=b'z' => (b'a', 26),
            b'A'..=b'Z' => (b'A', 26),
            _ => continue,
        };
        *byte = base + (*byte - base + turn) % size;
        digits /= 10;
    }
}

/// The one's-complement sum of 16-bit big-endian words (an odd last byte padded with zero).
fn add_words(mut sum: u32, bytes: &[u8]) -> u32 {
    let mut chunks = bytes.chunks_exact(2);
    for pair in &mut chunks {
        sum = sum.wrapping_add(u32::from(u16::from_be_bytes([pair[0], pair[1]])));
        sum = (sum & 0xffff) + (sum >> 16);
    }
    if let [last] = chunks.remainder() {
        sum += u32::from(*last) << 8;
    }
    sum
}

fn fold(mut sum: u32) -> u16 {
    while sum > 0xffff {
        sum = (sum & 0xffff) + (sum >> 16);
    }
    u16::try_from(sum).unwrap_or(u16::MAX)
}
