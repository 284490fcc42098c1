//! HEP3, the Homer encapsulation protocol: a capture agent's copy of a packet, sent as a
//! `HEP3` header and chunks (vendor, type, length, value). The chunks of vendor 0 say the
//! original addresses, ports, transport and time; chunk 15 holds the payload, and chunk 11
//! says what it is (1 for SIP).

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

use super::framing;
use super::{Seen, Sink, Timestamp, Transport, Undecoded};

/// What a HEP3 packet says about the packet it carries.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Hep<'a> {
    /// Chunk 2: the IP protocol number (17 UDP, 6 TCP, 132 SCTP).
    pub ip_protocol: Option<u8>,
    /// Chunks 3 or 5: the source address.
    pub source: Option<IpAddr>,
    /// Chunks 4 or 6: the destination address.
    pub destination: Option<IpAddr>,
    /// Chunk 7.
    pub source_port: Option<u16>,
    /// Chunk 8.
    pub destination_port: Option<u16>,
    /// Chunk 9: seconds since the Unix epoch.
    pub seconds: Option<u32>,
    /// Chunk 10: microseconds within the second.
    pub microseconds: Option<u32>,
    /// Chunk 11: the payload's protocol (1 SIP).
    pub payload_type: Option<u8>,
    /// Chunk 15: the payload.
    pub payload: Option<&'a [u8]>,
    /// Chunk 16 was there: a compressed payload.
    pub compressed: bool,
}

/// Reads a HEP3 packet; `None` when it is not one or its chunks do not fit its length.
pub fn parse(packet: &[u8]) -> Option<Hep<'_>> {
    let rest = packet.strip_prefix(b"HEP3")?;
    let total = usize::from(u16::from_be_bytes([*rest.first()?, *rest.get(1)?]));
    let mut chunks = packet.get(6..total)?;
    let mut hep = Hep::default();
    while !chunks.is_empty() {
        let header = chunks.get(..6)?;
        let vendor = u16::from_be_bytes([header[0], header[1]]);
        let kind = u16::from_be_bytes([header[2], header[3]]);
        let length = usize::from(u16::from_be_bytes([header[4], header[5]]));
        let value = chunks.get(6..length)?;
        chunks = &chunks[length..];
        if vendor != 0 {
            continue;
        }
        match (kind, value.len()) {
            (2, 1) => hep.ip_protocol = Some(value[0]),
            (3, 4) => hep.source = Some(IpAddr::V4(Ipv4Addr::from(array::<4>(value)))),
            (4, 4) => hep.destination = Some(IpAddr::V4(Ipv4Addr::from(array::<4>(value)))),
            (5, 16) => hep.source = Some(IpAddr::V6(Ipv6Addr::from(array::<16>(value)))),
            (6, 16) => hep.destination = Some(IpAddr::V6(Ipv6Addr::from(array::<16>(value)))),
            (7, 2) => hep.source_port = Some(u16::from_be_bytes(array(value))),
            (8, 2) => hep.destination_port = Some(u16::from_be_bytes(array(value))),
            (9, 4) => hep.seconds = Some(u32::from_be_bytes(array(value))),
            (10, 4) => hep.microseconds = Some(u32::from_be_bytes(array(value))),
            (11, 1) => hep.payload_type = Some(value[0]),
            (15, _) => hep.payload = Some(value),
            (16, _) => hep.compressed = true,
            _ => {}
        }
    }
    Some(hep)
}

fn array<const N: usize>(value: &[u8]) -> [u8; N] {
    value.try_into().expect("the length was matched")
}

/// Reads a HEP3 packet seen at `outer` and hands on the SIP it carries, with the addresses,
/// transport and time HEP3 gives.
pub fn deliver(packet: &[u8], outer: &Seen, sip_port: bool, sink: &mut dyn Sink) {
    let Some(hep) = parse(packet) else {
        sink.undecoded(Undecoded::Malformed, outer);
        return;
    };
    let mut seen = outer.clone();
    seen.hep = true;
    seen.transport = match hep.ip_protocol {
        Some(17) => Transport::Udp,
        Some(6) => Transport::Tcp,
        Some(132) => Transport::Sctp,
        _ => Transport::Unknown,
    };
    if let (Some(source), Some(destination)) = (hep.source, hep.destination) {
        seen.source = Some(SocketAddr::new(source, hep.source_port.unwrap_or(0)));
        seen.destination = Some(SocketAddr::new(destination, hep.destination_port.unwrap_or(0)));
    }
    if let Some(seconds) = hep.seconds {
        let nanoseconds = hep.microseconds.filter(|&us| us < 1_000_000).unwrap_or(0) * 1000;
        seen.timestamp = Some(Timestamp {
            seconds: i64::from(seconds),
            nanoseconds,
        });
    }
    if hep.compressed && hep.payload.is_none() {
        sink.undecoded(Undecoded::HepCompressed, &seen);
        return;
    }
    match (hep.payload_type, hep.payload) {
        (Some(1) | None, Some(payload)) if framing::starts_like_sip(payload) => sink.message(payload, &seen),
        (Some(1), _) => sink.undecoded(
            if sip_port {
                Undecoded::NotSip
            } else {
                Undecoded::Malformed
            },
            &seen,
        ),
        _ => sink.undecoded(Undecoded::HepNotSip, &seen),
    }
}

#[cfg(test)]
mod tests {
    use super::super::build;
    use super::*;

    #[test]
    fn chunks_are_read() {
        let packet = build::hep3([10, 0, 0, 1], 5060, [10, 0, 0, 2], 5080, 17, b"SIP/2.0 200 OK\r\n\r\n");
        let hep = parse(&packet).unwrap();
        assert_eq!(hep.ip_protocol, Some(17));
        assert_eq!(hep.source, Some(IpAddr::from([10, 0, 0, 1])));
        assert_eq!(hep.destination_port, Some(5080));
        assert_eq!(hep.seconds, Some(1_700_000_000));
        assert_eq!(hep.microseconds, Some(250_000));
        assert_eq!(hep.payload_type, Some(1));
        assert_eq!(hep.payload, Some(&b"SIP/2.0 200 OK\r\n\r\n"[..]));
    }

    #[test]
    fn the_sip_inside_is_handed_on_with_its_own_addresses() {
        let packet = build::hep3([10, 0, 0, 1], 5060, [10, 0, 0, 2], 5080, 6, b"SIP/2.0 200 OK\r\n\r\n");
        let mut recorder = build::Recorder::default();
        deliver(&packet, &Seen::packet(&"x".into(), 7, None), false, &mut recorder);
        assert_eq!(recorder.messages, [b"SIP/2.0 200 OK\r\n\r\n"]);
        let seen = &recorder.seen[0];
        assert!(seen.hep);
        assert_eq!(seen.transport, Transport::Tcp);
        assert_eq!(seen.source, Some("10.0.0.1:5060".parse().unwrap()));
        assert_eq!(seen.destination, Some("10.0.0.2:5080".parse().unwrap()));
        assert_eq!(
            seen.timestamp,
            Some(Timestamp {
                seconds: 1_700_000_000,
                nanoseconds: 250_000_000
            })
        );
    }

    #[test]
    fn chunks_that_do_not_fit_are_refused() {
        let mut packet = build::hep3([10, 0, 0, 1], 5060, [10, 0, 0, 2], 5080, 17, b"SIP/2.0 200 OK\r\n\r\n");
        let last = packet.len() - 1;
        packet.truncate(last);
        assert_eq!(parse(&packet), None);
        let mut recorder = build::Recorder::default();
        deliver(&packet, &Seen::packet(&"x".into(), 1, None), true, &mut recorder);
        assert_eq!(recorder.undecoded, [Undecoded::Malformed]);
        // A chunk shorter than its own header.
        assert_eq!(parse(b"HEP3\x00\x0c\x00\x00\x00\x02\x00\x03"), None);
    }
}
