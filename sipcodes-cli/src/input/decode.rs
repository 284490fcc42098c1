//! One captured frame, read down through its link, IP, tunnel and transport layers to the
//! SIP messages it completes.

use std::net::{IpAddr, SocketAddr};

use super::ip::{self, Defragmenter};
use super::link::{self, Carried};
use super::stream::Stream;
use super::tcp::{Delivery, FlowKey, Reassembler, Segment};
use super::transport::{self, is_sip_port};
use super::tunnel::{self, Inner};
use super::{Seen, Sink, Transport, Undecoded, framing, hep, stream};

/// How many encapsulations (GRE, IP in IP) are followed inside one another.
const MAX_NESTING: u8 = 8;

/// The state kept across frames: IP fragments and TCP flows.
#[derive(Default)]
pub struct Decoder {
    fragments: Defragmenter,
    tcp: Reassembler<Stream>,
}

impl Decoder {
    /// A decoder with nothing in reassembly.
    pub fn new() -> Decoder {
        Decoder::default()
    }

    /// Reads one frame of link type `link_type`; `wire_length` is its length on the wire,
    /// more than `frame.len()` when the capture cut it.
    pub fn frame(&mut self, link_type: u32, frame: &[u8], seen: &Seen, sink: &mut dyn Sink) {
        match link::carried(link_type, frame) {
            Carried::Ip(packet) => self.ip(packet, seen, sink, 0),
            Carried::Other => sink.other(seen),
            Carried::Malformed => sink.undecoded(Undecoded::Malformed, seen),
            Carried::Unsupported => sink.undecoded(Undecoded::UnsupportedLinkType, seen),
        }
        self.report_dropped_fragments(seen, sink, false);
    }

    /// Ends the input: flows are closed, incomplete messages and fragments reported.
    pub fn finish(&mut self, seen: &Seen, sink: &mut dyn Sink) {
        self.tcp
            .finish(&mut |_: &FlowKey, stream: &mut Stream, delivery: Delivery<'_>| {
                stream.deliver(delivery, None, sink);
            });
        self.report_dropped_fragments(seen, sink, true);
    }

    fn report_dropped_fragments(&mut self, seen: &Seen, sink: &mut dyn Sink, finish: bool) {
        for _ in 0..self.fragments.take_dropped(finish) {
            sink.undecoded(Undecoded::IncompleteFragments, seen);
        }
    }

    fn ip(&mut self, bytes: &[u8], seen: &Seen, sink: &mut dyn Sink, depth: u8) {
        let Some(packet) = ip::parse(bytes) else {
            sink.undecoded(Undecoded::Malformed, seen);
            return;
        };
        let now = seen.timestamp.map_or(0, |time| time.seconds);
        let truncated = packet.truncated;
        if packet.fragment.is_some() && truncated {
            sink.undecoded(Undecoded::Truncated, seen);
            return;
        }
        let Some(payload) = ip::payload_of(&mut self.fragments, &packet, now) else {
            // A fragment that does not complete its datagram yet.
            return;
        };
        self.ip_payload(
            packet.source,
            packet.destination,
            packet.protocol,
            &payload,
            truncated,
            seen,
            sink,
            depth,
        );
    }

    #[allow(clippy::too_many_arguments)]
    fn ip_payload(
        &mut self,
        source: IpAddr,
        destination: IpAddr,
        protocol: u8,
        payload: &[u8],
        truncated: bool,
        seen: &Seen,
        sink: &mut dyn Sink,
        depth: u8,
    ) {
        match protocol {
            17 => Self::udp(source, destination, payload, truncated, seen, sink),
            6 => self.tcp(source, destination, payload, truncated, seen, sink),
            132 => Self::sctp(source, destination, payload, seen, sink),
            47 if depth < MAX_NESTING => match tunnel::gre(payload) {
                Inner::Ip(packet) => self.ip(packet, seen, sink, depth + 1),
                Inner::Ethernet(frame) => self.carried(link::ethernet(frame), seen, sink, depth + 1),
                Inner::Ppp(frame) => self.carried(link::ppp(frame), seen, sink, depth + 1),
                Inner::Other => sink.other(seen),
                Inner::Malformed => sink.undecoded(Undecoded::Malformed, seen),
            },
            // IPv4 or IPv6 inside IP (RFC 2003, RFC 2473).
            4 | 41 if depth < MAX_NESTING => self.ip(payload, seen, sink, depth + 1),
            50 => sink.undecoded(Undecoded::Encrypted, seen),
            _ => sink.other(seen),
        }
    }

    fn carried(&mut self, carried: Carried<'_>, seen: &Seen, sink: &mut dyn Sink, depth: u8) {
        match carried {
            Carried::Ip(packet) => self.ip(packet, seen, sink, depth),
            Carried::Other => sink.other(seen),
            Carried::Malformed | Carried::Unsupported => sink.undecoded(Undecoded::Malformed, seen),
        }
    }

    fn udp(source: IpAddr, destination: IpAddr, bytes: &[u8], truncated: bool, seen: &Seen, sink: &mut dyn Sink) {
        let Some(udp) = transport::udp(bytes) else {
            sink.undecoded(unreadable_header(truncated), seen);
            return;
        };
        let seen = seen.between(
            SocketAddr::new(source, udp.source_port),
            SocketAddr::new(destination, udp.destination_port),
            Transport::Udp,
        );
        let sip_port = is_sip_port(udp.source_port) || is_sip_port(udp.destination_port);
        datagram(udp.payload, truncated || udp.truncated, sip_port, &seen, sink);
    }

    fn tcp(
        &mut self,
        source: IpAddr,
        destination: IpAddr,
        bytes: &[u8],
        truncated: bool,
        seen: &Seen,
        sink: &mut dyn Sink,
    ) {
        let Some(tcp) = transport::tcp(bytes) else {
            sink.undecoded(unreadable_header(truncated), seen);
            return;
        };
        let key = FlowKey {
            source: SocketAddr::new(source, tcp.source_port),
            destination: SocketAddr::new(destination, tcp.destination_port),
        };
        let seen = seen.between(key.source, key.destination, Transport::Tcp);
        if truncated {
            // The segment's bytes past the capture's cut are unknown: what it carried is
            // reported, and the flow goes on after a gap.
            sink.undecoded(Undecoded::Truncated, &seen);
            return;
        }
        let sip_port = is_sip_port(tcp.source_port) || is_sip_port(tcp.destination_port);
        let segment = Segment {
            sequence: tcp.sequence,
            syn: tcp.syn,
            fin: tcp.fin,
            rst: tcp.rst,
            payload: tcp.payload,
        };
        let mut delivered = false;
        self.tcp.segment(
            key,
            segment,
            || Stream::new(sip_port, seen.clone()),
            &mut |flow: &FlowKey, stream: &mut Stream, delivery: Delivery<'_>| {
                if *flow == key {
                    delivered |= matches!(delivery, Delivery::Data(_));
                    stream.deliver(delivery, Some(&seen), sink);
                } else {
                    // Another flow closed to make room.
                    stream.deliver(delivery, None, sink);
                }
            },
        );
        if !delivered && tcp.payload.is_empty() {
            sink.other(&seen);
        }
    }

    fn sctp(source: IpAddr, destination: IpAddr, bytes: &[u8], seen: &Seen, sink: &mut dyn Sink) {
        let Some(sctp) = transport::sctp(bytes) else {
            sink.undecoded(Undecoded::Malformed, seen);
            return;
        };
        let seen = seen.between(
            SocketAddr::new(source, sctp.source_port),
            SocketAddr::new(destination, sctp.destination_port),
            Transport::Sctp,
        );
        if sctp.data.is_empty() {
            sink.other(&seen);
        }
        let sip_port = is_sip_port(sctp.source_port) || is_sip_port(sctp.destination_port);
        for (data, whole) in sctp.data {
            if whole {
                datagram(data, false, sip_port, &seen, sink);
            } else {
                sink.undecoded(Undecoded::SctpFragment, &seen);
            }
        }
    }
}

/// Why a transport header did not parse: the capture cut it, or it is malformed.
fn unreadable_header(truncated: bool) -> Undecoded {
    if truncated {
        Undecoded::Truncated
    } else {
        Undecoded::Malformed
    }
}

/// A datagram's payload (UDP, or one SCTP message): SIP, HEP3, or something else.
fn datagram(payload: &[u8], truncated: bool, sip_port: bool, seen: &Seen, sink: &mut dyn Sink) {
    if payload.starts_with(b"HEP3") {
        if truncated {
            sink.undecoded(Undecoded::Truncated, seen);
        } else {
            hep::deliver(payload, seen, sip_port, sink);
        }
    } else if truncated && framing::start_line(payload) != framing::StartLine::NotSip {
        sink.undecoded(Undecoded::Truncated, seen);
    } else if framing::starts_like_sip(payload) {
        sink.message(payload, seen);
    } else if sip_port {
        sink.undecoded(
            if stream::is_tls_record(payload) {
                Undecoded::Tls
            } else {
                Undecoded::NotSip
            },
            seen,
        );
    } else {
        sink.other(seen);
    }
}

#[cfg(test)]
mod tests {
    use super::super::build::{self, Recorder};
    use super::super::link::link_type;
    use super::*;

    const OPTIONS: &[u8] = b"OPTIONS sip:b@example.com SIP/2.0\r\nContent-Length: 0\r\n\r\n";

    fn seen(number: u64) -> Seen {
        Seen::packet(&"test".into(), number, None)
    }

    #[test]
    fn udp_in_ethernet_with_a_vlan_tag() {
        let frame = build::ethernet(
            &[0x8100],
            0x0800,
            &build::ipv4_udp([192, 0, 2, 1], 5060, [192, 0, 2, 2], 5062, OPTIONS),
        );
        let mut recorder = Recorder::default();
        Decoder::new().frame(link_type::ETHERNET, &frame, &seen(3), &mut recorder);
        assert_eq!(recorder.messages, [OPTIONS]);
        let seen = &recorder.seen[0];
        assert_eq!(seen.source, Some("192.0.2.1:5060".parse().unwrap()));
        assert_eq!(seen.destination, Some("192.0.2.2:5062".parse().unwrap()));
        assert_eq!(seen.transport, Transport::Udp);
        assert_eq!(seen.position, super::super::Position::Packet(3));
    }

    #[test]
    fn sip_is_recognised_on_any_port_and_keepalives_on_sip_ports_are_not_sip() {
        let mut recorder = Recorder::default();
        let mut decoder = Decoder::new();
        for (port, payload) in [(40000, OPTIONS), (5060, &b"\r\n\r\n"[..]), (40000, &b"\r\n\r\n"[..])] {
            let packet = build::ipv4_udp([192, 0, 2, 1], port, [192, 0, 2, 2], port, payload);
            decoder.frame(link_type::RAW, &packet, &seen(1), &mut recorder);
        }
        assert_eq!(recorder.messages, [OPTIONS]);
        assert_eq!(recorder.undecoded, [Undecoded::NotSip]);
        assert_eq!(recorder.other, 1);
    }

    #[test]
    fn fragmented_udp_over_ipv6() {
        let mut udp = vec![0x13, 0xc4, 0x13, 0xc4];
        udp.extend_from_slice(&u16::try_from(OPTIONS.len() + 8).unwrap().to_be_bytes());
        udp.extend_from_slice(&[0, 0]);
        udp.extend_from_slice(OPTIONS);
        let fragments = build::ipv6_fragments([0x20, 0x01, 0x0d, 0xb8], 17, &udp, 24);
        let mut recorder = Recorder::default();
        let mut decoder = Decoder::new();
        for (number, fragment) in fragments.iter().enumerate().rev() {
            decoder.frame(link_type::RAW, fragment, &seen(number as u64 + 1), &mut recorder);
        }
        assert_eq!(recorder.messages, [OPTIONS]);
        // Seen in the packet that completed the datagram, as Wireshark shows it.
        assert_eq!(recorder.seen[0].position, super::super::Position::Packet(1));
    }

    #[test]
    fn tcp_split_merged_and_retransmitted() {
        let two = [OPTIONS, OPTIONS].concat();
        let segments: [(u32, &[u8]); 4] = [
            (1000, &two[..30]),
            (1030, &two[30..]),
            (1030, &two[30..]),
            (1000 + u32::try_from(two.len()).unwrap(), OPTIONS),
        ];
        let mut recorder = Recorder::default();
        let mut decoder = Decoder::new();
        for (number, (sequence, payload)) in segments.iter().enumerate() {
            let packet = build::ipv4_tcp([192, 0, 2, 1], 40000, [192, 0, 2, 2], 5060, *sequence, payload);
            decoder.frame(link_type::RAW, &packet, &seen(number as u64 + 1), &mut recorder);
        }
        decoder.finish(&seen(5), &mut recorder);
        assert_eq!(recorder.messages, [OPTIONS, OPTIONS, OPTIONS]);
        assert!(recorder.undecoded.is_empty(), "{:?}", recorder.undecoded);
        assert_eq!(recorder.seen[0].transport, Transport::Tcp);
    }

    #[test]
    fn gre_pptp_ppp_inside_pppoe_inside_vlan() {
        let inner = build::ipv4_udp([10, 0, 0, 1], 5060, [10, 0, 0, 2], 5060, OPTIONS);
        let mut gre = vec![0x30, 0x01, 0x88, 0x0b, 0, 0, 0, 0, 0, 0, 0, 1, 0xff, 0x03, 0x00, 0x21];
        gre.extend_from_slice(&inner);
        let outer = build::ipv4([192, 0, 2, 1], [192, 0, 2, 2], 47, &gre);
        let mut pppoe = vec![0x11, 0, 0, 1, 0, 0, 0x00, 0x21];
        pppoe.extend_from_slice(&outer);
        let frame = build::ethernet(&[0x8100], 0x8864, &pppoe);
        let mut recorder = Recorder::default();
        Decoder::new().frame(link_type::ETHERNET, &frame, &seen(1), &mut recorder);
        assert_eq!(recorder.messages, [OPTIONS]);
        assert_eq!(recorder.seen[0].source, Some("10.0.0.1:5060".parse().unwrap()));
    }

    #[test]
    fn hep3_over_udp() {
        let hep = build::hep3([10, 0, 0, 1], 5060, [10, 0, 0, 2], 5060, 17, OPTIONS);
        let packet = build::ipv4_udp([192, 0, 2, 1], 40000, [192, 0, 2, 2], 9060, &hep);
        let mut recorder = Recorder::default();
        Decoder::new().frame(link_type::RAW, &packet, &seen(1), &mut recorder);
        assert_eq!(recorder.messages, [OPTIONS]);
        assert!(recorder.seen[0].hep);
    }

    #[test]
    fn hep3_over_tcp_framed_by_its_length() {
        let hep = build::hep3([10, 0, 0, 1], 5060, [10, 0, 0, 2], 5060, 17, OPTIONS);
        let stream = [hep.clone(), hep].concat();
        let mut recorder = Recorder::default();
        let mut decoder = Decoder::new();
        // Two HEP3 packets over three segments, cut inside the first.
        let cut = [0, 10, 100, stream.len()];
        for (number, piece) in cut.windows(2).enumerate() {
            let sequence = 1 + u32::try_from(piece[0]).unwrap();
            let packet = build::ipv4_tcp(
                [192, 0, 2, 1],
                40000,
                [192, 0, 2, 2],
                9061,
                sequence,
                &stream[piece[0]..piece[1]],
            );
            decoder.frame(link_type::RAW, &packet, &seen(number as u64 + 1), &mut recorder);
        }
        assert_eq!(recorder.messages, [OPTIONS, OPTIONS]);
        assert!(
            recorder
                .seen
                .iter()
                .all(|seen| seen.hep && seen.transport == Transport::Udp)
        );
    }

    #[test]
    fn sip_over_sctp() {
        let mut sctp = vec![0x13, 0xc4, 0x13, 0xc4, 0, 0, 0, 1, 0, 0, 0, 0];
        let length = u16::try_from(16 + OPTIONS.len()).unwrap();
        sctp.extend_from_slice(&[0, 0x03]);
        sctp.extend_from_slice(&length.to_be_bytes());
        sctp.extend_from_slice(&[0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0]);
        sctp.extend_from_slice(OPTIONS);
        let packet = build::ipv4([192, 0, 2, 1], [192, 0, 2, 2], 132, &sctp);
        let mut recorder = Recorder::default();
        Decoder::new().frame(link_type::RAW, &packet, &seen(1), &mut recorder);
        assert_eq!(recorder.messages, [OPTIONS]);
        assert_eq!(recorder.seen[0].transport, Transport::Sctp);
    }

    #[test]
    fn a_truncated_packet_is_reported() {
        let packet = build::ipv4_udp([192, 0, 2, 1], 5060, [192, 0, 2, 2], 5060, OPTIONS);
        let mut recorder = Recorder::default();
        Decoder::new().frame(link_type::RAW, &packet[..60], &seen(1), &mut recorder);
        assert!(recorder.messages.is_empty());
        assert_eq!(recorder.undecoded, [Undecoded::Truncated]);
    }
}
