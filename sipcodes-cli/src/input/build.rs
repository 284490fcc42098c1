//! Hand-built packets for the layers' tests, and a sink that records what it is told.

use super::{Seen, Sink, Undecoded};

/// Records everything a reader hands on.
#[derive(Default)]
pub struct Recorder {
    pub messages: Vec<Vec<u8>>,
    pub seen: Vec<Seen>,
    pub undecoded: Vec<Undecoded>,
    pub other: usize,
}

impl Sink for Recorder {
    fn message(&mut self, message: &[u8], seen: &Seen) {
        self.messages.push(message.to_vec());
        self.seen.push(seen.clone());
    }
    fn undecoded(&mut self, why: Undecoded, _: &Seen) {
        self.undecoded.push(why);
    }
    fn other(&mut self, _: &Seen) {
        self.other += 1;
    }
}

fn be16(n: usize) -> [u8; 2] {
    u16::try_from(n).expect("a test packet fits in 64 KiB").to_be_bytes()
}

/// An Ethernet frame with the given VLAN-style tags (each with VLAN id 100) before `kind`.
pub fn ethernet(tags: &[u16], kind: u16, payload: &[u8]) -> Vec<u8> {
    let mut frame = vec![0x02, 0, 0, 0, 0, 2, 0x02, 0, 0, 0, 0, 1];
    for tag in tags {
        frame.extend_from_slice(&tag.to_be_bytes());
        frame.extend_from_slice(&[0x00, 100]);
    }
    frame.extend_from_slice(&kind.to_be_bytes());
    frame.extend_from_slice(payload);
    frame
}

/// An IPv4 packet, not fragmented.
pub fn ipv4(source: [u8; 4], destination: [u8; 4], protocol: u8, payload: &[u8]) -> Vec<u8> {
    ipv4_fragment(source, destination, protocol, 0x1234, 0, false, payload)
}

fn ipv4_fragment(
    source: [u8; 4],
    destination: [u8; 4],
    protocol: u8,
    id: u16,
    offset: usize,
    more: bool,
    payload: &[u8],
) -> Vec<u8> {
    let flags = u16::try_from(offset / 8).unwrap() | if more { 0x2000 } else { 0 };
    let mut packet = vec![0x45, 0];
    packet.extend_from_slice(&be16(20 + payload.len()));
    packet.extend_from_slice(&id.to_be_bytes());
    packet.extend_from_slice(&flags.to_be_bytes());
    packet.extend_from_slice(&[64, protocol, 0, 0]);
    packet.extend_from_slice(&source);
    packet.extend_from_slice(&destination);
    packet.extend_from_slice(payload);
    packet
}

/// An IPv4 datagram's payload cut into fragments of `size` bytes (a multiple of 8).
pub fn ipv4_fragments(
    source: [u8; 4],
    destination: [u8; 4],
    protocol: u8,
    payload: &[u8],
    size: usize,
) -> Vec<Vec<u8>> {
    let count = payload.len().div_ceil(size);
    payload
        .chunks(size)
        .enumerate()
        .map(|(index, piece)| {
            ipv4_fragment(
                source,
                destination,
                protocol,
                0x4242,
                index * size,
                index + 1 < count,
                piece,
            )
        })
        .collect()
}

/// A UDP header and payload.
pub fn udp(source_port: u16, destination_port: u16, payload: &[u8]) -> Vec<u8> {
    let mut datagram = source_port.to_be_bytes().to_vec();
    datagram.extend_from_slice(&destination_port.to_be_bytes());
    datagram.extend_from_slice(&be16(8 + payload.len()));
    datagram.extend_from_slice(&[0, 0]);
    datagram.extend_from_slice(payload);
    datagram
}

/// UDP in IPv4.
pub fn ipv4_udp(
    source: [u8; 4],
    source_port: u16,
    destination: [u8; 4],
    destination_port: u16,
    payload: &[u8],
) -> Vec<u8> {
    ipv4(source, destination, 17, &udp(source_port, destination_port, payload))
}

/// A TCP segment (ACK set) in IPv4.
pub fn ipv4_tcp(
    source: [u8; 4],
    source_port: u16,
    destination: [u8; 4],
    destination_port: u16,
    sequence: u32,
    payload: &[u8],
) -> Vec<u8> {
    let mut segment = source_port.to_be_bytes().to_vec();
    segment.extend_from_slice(&destination_port.to_be_bytes());
    segment.extend_from_slice(&sequence.to_be_bytes());
    segment.extend_from_slice(&[0, 0, 0, 1, 0x50, 0x10, 0xff, 0xff, 0, 0, 0, 0]);
    segment.extend_from_slice(payload);
    ipv4(source, destination, 6, &segment)
}

/// An IPv6 datagram's payload cut into fragments of `size` bytes (a multiple of 8), each with
/// a hop-by-hop header before the fragment header. `prefix` starts both addresses.
pub fn ipv6_fragments(prefix: [u8; 4], protocol: u8, payload: &[u8], size: usize) -> Vec<Vec<u8>> {
    let count = payload.len().div_ceil(size);
    payload
        .chunks(size)
        .enumerate()
        .map(|(index, piece)| {
            let mut packet = vec![0x60, 0, 0, 0];
            packet.extend_from_slice(&be16(8 + 8 + piece.len()));
            packet.extend_from_slice(&[0, 64]);
            for last in [1, 2] {
                packet.extend_from_slice(&prefix);
                packet.extend_from_slice(&[0; 11]);
                packet.push(last);
            }
            // Hop-by-hop options: next header 44 (fragment), 8 bytes, padding.
            packet.extend_from_slice(&[44, 0, 1, 4, 0, 0, 0, 0]);
            let offset = u16::try_from(index * size / 8).unwrap() << 3 | u16::from(index + 1 < count);
            packet.extend_from_slice(&[protocol, 0]);
            packet.extend_from_slice(&offset.to_be_bytes());
            packet.extend_from_slice(&0xdead_beef_u32.to_be_bytes());
            packet.extend_from_slice(piece);
            packet
        })
        .collect()
}

/// A HEP3 packet carrying `payload` as SIP (chunk 11 = 1), sent at 1700000000.25.
pub fn hep3(
    source: [u8; 4],
    source_port: u16,
    destination: [u8; 4],
    destination_port: u16,
    ip_protocol: u8,
    payload: &[u8],
) -> Vec<u8> {
    let mut chunks = Vec::new();
    let mut chunk = |kind: u16, value: &[u8]| {
        chunks.extend_from_slice(&[0, 0]);
        chunks.extend_from_slice(&kind.to_be_bytes());
        chunks.extend_from_slice(&be16(6 + value.len()));
        chunks.extend_from_slice(value);
    };
    chunk(1, &[2]);
    chunk(2, &[ip_protocol]);
    chunk(3, &source);
    chunk(4, &destination);
    chunk(7, &source_port.to_be_bytes());
    chunk(8, &destination_port.to_be_bytes());
    chunk(9, &1_700_000_000u32.to_be_bytes());
    chunk(10, &250_000u32.to_be_bytes());
    chunk(11, &[1]);
    chunk(12, &2001u32.to_be_bytes());
    chunk(15, payload);
    let mut packet = b"HEP3".to_vec();
    packet.extend_from_slice(&be16(6 + chunks.len()));
    packet.extend_from_slice(&chunks);
    packet
}

/// A classic pcap file (microsecond, little-endian) holding `frames` of link type `link`.
pub fn pcap(link: u32, frames: &[&[u8]]) -> Vec<u8> {
    let mut file = vec![
        0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0, 0,
    ];
    file.extend_from_slice(&link.to_le_bytes());
    for (index, frame) in frames.iter().enumerate() {
        file.extend_from_slice(&(1_700_000_000 + u32::try_from(index).unwrap()).to_le_bytes());
        file.extend_from_slice(&500_000u32.to_le_bytes());
        let length = u32::try_from(frame.len()).unwrap();
        file.extend_from_slice(&length.to_le_bytes());
        file.extend_from_slice(&length.to_le_bytes());
        file.extend_from_slice(frame);
    }
    file
}
