//! Replays the HEP packets of a capture over UDP to a listener on loopback, at a given rate
//! for a given time: the benchmark of `sipcodes stats --listen-hep`.
//!
//! The UDP payloads of the capture (a pcap on an Ethernet or raw IP link, IPv4 or IPv6) are
//! sent in capture order, over and over, in whole passes: the number sent is the rate times
//! the duration rounded up to a whole number of passes, so that what a listener should count
//! is that many times what the capture holds. Packets are paced against the clock (each one
//! is due at its index divided by the rate, the sender sleeping until then); a sender that
//! falls behind sends at once, and says at the end how fast it actually went.
//!
//! ```sh
//! cargo run --release -p sipcodes-cli --example hep_replay -- \
//!     sipcodes-cli/tests/fixtures/hep3.pcap 127.0.0.1:9060 --rate 20000 --duration 60
//! ```
//!
//! Only loopback destinations are accepted. The last line printed reads
//! `sent PACKETS packets (PASSES passes of N) in SECONDS s: RATE per second`.
#![forbid(unsafe_code)]

use std::fs;
use std::net::{SocketAddr, UdpSocket};
use std::process::ExitCode;

#[path = "support/pcap_file.rs"]
mod pcap_file;
use std::time::{Duration, Instant};

/// Bounds on what may be asked: a run of at most ten minutes, at most ten million packets a
/// second.
const MAX_SECONDS: u64 = 600;
const MAX_RATE: u64 = 10_000_000;

fn main() -> ExitCode {
    pcap_file::main_with("hep_replay", run)
}

fn usage() -> String {
    "usage: hep_replay CAPTURE.pcap 127.0.0.1:PORT --rate PACKETS_PER_SECOND --duration SECONDS".to_owned()
}

fn run() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "-h" || a == "--help") {
        println!("{}", usage());
        return Ok(());
    }
    let [capture, address, rate_flag, rate, duration_flag, duration] = args.as_slice() else {
        return Err(usage());
    };
    if rate_flag != "--rate" || duration_flag != "--duration" {
        return Err(usage());
    }
    let address: SocketAddr = address.parse().map_err(|e| format!("{address}: {e}"))?;
    if !address.ip().is_loopback() {
        return Err(format!("{address}: only loopback addresses are replayed to"));
    }
    let rate: u64 = rate.parse().map_err(|e| format!("--rate {rate}: {e}"))?;
    let seconds: u64 = duration.parse().map_err(|e| format!("--duration {duration}: {e}"))?;
    if !(1..=MAX_RATE).contains(&rate) {
        return Err(format!("--rate {rate}: from 1 to {MAX_RATE} packets a second"));
    }
    if !(1..=MAX_SECONDS).contains(&seconds) {
        return Err(format!("--duration {seconds}: from 1 to {MAX_SECONDS} seconds"));
    }
    let bytes = fs::read(capture).map_err(|e| format!("{capture}: {e}"))?;
    let payloads = udp_payloads(&bytes).map_err(|e| format!("{capture}: {e}"))?;
    if payloads.is_empty() {
        return Err(format!("{capture}: no UDP payloads"));
    }
    let per_pass = payloads.len() as u64;
    let wanted = rate * seconds;
    let passes = wanted.div_ceil(per_pass);
    let total = passes * per_pass;

    let socket = UdpSocket::bind(if address.is_ipv4() { "127.0.0.1:0" } else { "[::1]:0" })
        .map_err(|e| format!("binding a UDP socket: {e}"))?;
    socket.connect(address).map_err(|e| format!("{address}: {e}"))?;
    let start = Instant::now();
    let mut refused = 0_u64;
    let mut next = payloads.iter().cycle();
    for index in 0..total {
        // At most 6 * 10^9 packets, so the product stays far below u64::MAX.
        let due = Duration::from_nanos(index * 1_000_000_000 / rate);
        if let Some(wait) = due.checked_sub(start.elapsed()) {
            // No spinning: the listener may need the other core. A sleep overshoots by some
            // tens of microseconds, and the packets due meanwhile go out together after it.
            std::thread::sleep(wait);
        }
        let Some(payload) = next.next() else { break };
        match socket.send(payload) {
            Ok(_) => {}
            // Nothing listening yet (ICMP port unreachable reported on a later send).
            Err(e) if e.kind() == std::io::ErrorKind::ConnectionRefused => refused += 1,
            Err(e) => return Err(format!("sending packet {index}: {e}")),
        }
    }
    if refused > 0 {
        eprintln!("hep_replay: {refused} sends refused (nothing listening on {address}?)");
    }
    let took = start.elapsed();
    let per_second = u128::from(total) * 1_000_000 / took.as_micros().max(1);
    println!(
        "sent {total} packets ({passes} passes of {per_pass}) in {:.3} s: {per_second} per second",
        took.as_secs_f64()
    );
    Ok(())
}

/// The UDP payloads of a pcap's packets, in order.
fn udp_payloads(bytes: &[u8]) -> Result<Vec<Vec<u8>>, String> {
    let capture = pcap_file::parse(bytes)?;
    let link_header = if capture.link_type == pcap_file::LINKTYPE_ETHERNET {
        14
    } else {
        0
    };
    Ok(capture
        .records
        .iter()
        .filter_map(|record| record.data.get(link_header..).and_then(udp_payload))
        .map(<[u8]>::to_vec)
        .collect())
}

/// The payload of an unfragmented UDP datagram over IPv4 or IPv6 (no extension headers).
fn udp_payload(ip: &[u8]) -> Option<&[u8]> {
    let udp = match ip.first()? >> 4 {
        4 => {
            let header_length = usize::from(ip[0] & 0x0f) * 4;
            let fragment = u16::from_be_bytes([*ip.get(6)?, *ip.get(7)?]) & 0x3fff;
            if *ip.get(9)? != 17 || fragment != 0 {
                return None;
            }
            ip.get(header_length..)?
        }
        6 => {
            if *ip.get(6)? != 17 {
                return None;
            }
            ip.get(40..)?
        }
        _ => return None,
    };
    let length = usize::from(u16::from_be_bytes([*udp.get(4)?, *udp.get(5)?]));
    udp.get(8..length)
}
