//! IPv4 (RFC 791) and IPv6 (RFC 8200) headers, and the reassembly of fragmented datagrams.
//!
//! At most [`MAX_FRAGMENT_SETS`] datagrams are in reassembly at once (the oldest is dropped
//! when another starts), and a datagram not complete [`FRAGMENT_TIMEOUT_SECONDS`] after its
//! first fragment is dropped; both are reported as incomplete fragments.

use std::borrow::Cow;
use std::collections::HashMap;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// The most datagrams in reassembly at once.
pub const MAX_FRAGMENT_SETS: usize = 1024;
/// How long, in capture time, a datagram may take to complete.
pub const FRAGMENT_TIMEOUT_SECONDS: i64 = 30;
/// The largest datagram reassembled (IPv4's total length field; IPv6's payload length plus
/// its header).
const MAX_DATAGRAM: usize = 65_535 + 40;

/// An IP packet's header fields and payload.
#[derive(Debug, PartialEq, Eq)]
pub struct Packet<'a> {
    /// The source address.
    pub source: IpAddr,
    /// The destination address.
    pub destination: IpAddr,
    /// The payload's protocol (IPv4's protocol, IPv6's last next header).
    pub protocol: u8,
    /// The payload, as much as was captured.
    pub payload: &'a [u8],
    /// Whether the header says the packet is longer than what was captured.
    pub truncated: bool,
    /// The fragment this packet is, if it is one.
    pub fragment: Option<Fragment>,
}

/// Where a fragment belongs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fragment {
    /// The identification field.
    pub id: u32,
    /// Where the fragment's payload starts in the datagram's payload, in bytes.
    pub offset: usize,
    /// More fragments follow.
    pub more: bool,
}

/// Reads an IPv4 or IPv6 header by its version; `None` when it does not parse.
pub fn parse(bytes: &[u8]) -> Option<Packet<'_>> {
    match bytes.first()? >> 4 {
        4 => parse_v4(bytes),
        6 => parse_v6(bytes),
        _ => None,
    }
}

fn parse_v4(bytes: &[u8]) -> Option<Packet<'_>> {
    let header_length = usize::from(bytes.first()? & 0x0f) * 4;
    if header_length < 20 || bytes.len() < header_length {
        return None;
    }
    let total = usize::from(u16::from_be_bytes([bytes[2], bytes[3]]));
    if total < header_length {
        return None;
    }
    let id = u32::from(u16::from_be_bytes([bytes[4], bytes[5]]));
    let flags_offset = u16::from_be_bytes([bytes[6], bytes[7]]);
    let more = flags_offset & 0x2000 != 0;
    let offset = usize::from(flags_offset & 0x1fff) * 8;
    let end = total.min(bytes.len());
    Some(Packet {
        source: IpAddr::V4(Ipv4Addr::new(bytes[12], bytes[13], bytes[14], bytes[15])),
        destination: IpAddr::V4(Ipv4Addr::new(bytes[16], bytes[17], bytes[18], bytes[19])),
        protocol: bytes[9],
        payload: &bytes[header_length..end],
        truncated: total > bytes.len(),
        fragment: (more || offset > 0).then_some(Fragment { id, offset, more }),
    })
}

fn parse_v6(bytes: &[u8]) -> Option<Packet<'_>> {
    let header = bytes.get(..40)?;
    let payload_length = usize::from(u16::from_be_bytes([header[4], header[5]]));
    let end = (40 + payload_length).min(bytes.len());
    let source: [u8; 16] = header[8..24].try_into().ok()?;
    let destination: [u8; 16] = header[24..40].try_into().ok()?;
    let mut next = header[6];
    let mut at = 40;
    let mut fragment = None;
    // Hop-by-hop, routing, fragment, destination options (RFC 8200 §4).
    loop {
        match next {
            0 | 43 | 60 => {
                let extension = bytes.get(at..at + 2)?;
                next = extension[0];
                at += (usize::from(extension[1]) + 1) * 8;
            }
            44 => {
                let extension = bytes.get(at..at + 8)?;
                next = extension[0];
                let offset_flags = u16::from_be_bytes([extension[2], extension[3]]);
                fragment = Some(Fragment {
                    id: u32::from_be_bytes([extension[4], extension[5], extension[6], extension[7]]),
                    offset: usize::from(offset_flags >> 3) * 8,
                    more: offset_flags & 1 != 0,
                });
                at += 8;
            }
            _ => break,
        }
        if at > end {
            return None;
        }
    }
    Some(Packet {
        source: IpAddr::V6(Ipv6Addr::from(source)),
        destination: IpAddr::V6(Ipv6Addr::from(destination)),
        protocol: next,
        payload: &bytes[at..end],
        truncated: 40 + payload_length > bytes.len(),
        fragment: fragment.filter(|fragment| fragment.more || fragment.offset > 0),
    })
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
struct Key {
    source: IpAddr,
    destination: IpAddr,
    protocol: u8,
    id: u32,
}

struct Set {
    pieces: Vec<(usize, Vec<u8>)>,
    bytes: usize,
    /// The payload's total length, once the last fragment is seen.
    total: Option<usize>,
    started: i64,
    order: u64,
}

/// What a fragment gives.
#[derive(Debug, PartialEq, Eq)]
pub enum Reassembled {
    /// The datagram is complete: its payload.
    Complete(Vec<u8>),
    /// Waiting for more fragments.
    Pending,
    /// The fragment does not fit (past 64 KiB, or overlapping differently).
    Invalid,
}

/// Datagrams in reassembly.
#[derive(Default)]
pub struct Defragmenter {
    sets: HashMap<Key, Set>,
    order: u64,
    dropped: usize,
}

impl Defragmenter {
    /// Takes a fragment captured at `now` (seconds); returns the datagram's payload when this
    /// fragment completes it.
    pub fn fragment(&mut self, packet: &Packet<'_>, fragment: Fragment, now: i64) -> Reassembled {
        let key = Key {
            source: packet.source,
            destination: packet.destination,
            protocol: packet.protocol,
            id: fragment.id,
        };
        let end = fragment.offset + packet.payload.len();
        if end > MAX_DATAGRAM || (fragment.more && packet.payload.len() % 8 != 0) {
            return Reassembled::Invalid;
        }
        self.expire(now);
        if !self.sets.contains_key(&key) && self.sets.len() >= MAX_FRAGMENT_SETS {
            if let Some(oldest) = self.sets.iter().min_by_key(|(_, set)| set.order).map(|(key, _)| *key) {
                self.sets.remove(&oldest);
                self.dropped += 1;
            }
        }
        self.order += 1;
        let set = self.sets.entry(key).or_insert(Set {
            pieces: Vec::new(),
            bytes: 0,
            total: None,
            started: now,
            order: self.order,
        });
        if !fragment.more {
            set.total = Some(end);
        }
        if !set
            .pieces
            .iter()
            .any(|(offset, data)| *offset == fragment.offset && data.len() == packet.payload.len())
        {
            set.bytes += packet.payload.len();
            set.pieces.push((fragment.offset, packet.payload.to_vec()));
        }
        let Some(total) = set.total else {
            return Reassembled::Pending;
        };
        if set.bytes < total {
            return Reassembled::Pending;
        }
        set.pieces.sort_by_key(|(offset, _)| *offset);
        let mut datagram = Vec::with_capacity(total);
        for (offset, data) in &set.pieces {
            if *offset > datagram.len() {
                return Reassembled::Pending;
            }
            let overlap = datagram.len() - offset;
            if overlap < data.len() {
                datagram.extend_from_slice(&data[overlap..]);
            }
        }
        if datagram.len() < total {
            return Reassembled::Pending;
        }
        self.sets.remove(&key);
        datagram.truncate(total);
        Reassembled::Complete(datagram)
    }

    fn expire(&mut self, now: i64) {
        let before = self.sets.len();
        self.sets
            .retain(|_, set| now.saturating_sub(set.started) <= FRAGMENT_TIMEOUT_SECONDS);
        self.dropped += before - self.sets.len();
    }

    /// How many datagrams were dropped incomplete since the last call, counting those still
    /// in reassembly when `finish` is true.
    pub fn take_dropped(&mut self, finish: bool) -> usize {
        if finish {
            self.dropped += self.sets.len();
            self.sets.clear();
        }
        std::mem::take(&mut self.dropped)
    }
}

/// The payload a packet gives: itself, or a reassembled datagram.
pub fn payload_of<'a>(defragmenter: &mut Defragmenter, packet: &Packet<'a>, now: i64) -> Option<Cow<'a, [u8]>> {
    match packet.fragment {
        None => Some(Cow::Borrowed(packet.payload)),
        Some(fragment) => match defragmenter.fragment(packet, fragment, now) {
            Reassembled::Complete(datagram) => Some(Cow::Owned(datagram)),
            Reassembled::Pending | Reassembled::Invalid => None,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::super::build;
    use super::*;

    #[test]
    fn ipv4_header_and_padding() {
        let mut bytes = build::ipv4([192, 0, 2, 1], [192, 0, 2, 2], 17, b"payload");
        bytes.extend_from_slice(&[0; 6]); // Ethernet padding after the datagram
        let packet = parse(&bytes).unwrap();
        assert_eq!(packet.payload, b"payload");
        assert_eq!(packet.protocol, 17);
        assert!(!packet.truncated);
        assert!(parse(&bytes[..25]).unwrap().truncated);
        assert_eq!(parse(&bytes[..19]), None);
    }

    #[test]
    fn ipv6_fragments_out_of_order() {
        let payload: Vec<u8> = (0..100u8).collect();
        let fragments = build::ipv6_fragments([0x20, 0x01, 0x0d, 0xb8], 17, &payload, 32);
        assert_eq!(fragments.len(), 4);
        let mut defragmenter = Defragmenter::default();
        let mut result = None;
        for index in [2, 0, 3, 1] {
            let packet = parse(&fragments[index]).unwrap();
            assert_eq!(packet.protocol, 17);
            let fragment = packet.fragment.unwrap();
            match defragmenter.fragment(&packet, fragment, 0) {
                Reassembled::Complete(datagram) => result = Some(datagram),
                Reassembled::Pending => assert!(result.is_none()),
                Reassembled::Invalid => panic!("valid fragment refused"),
            }
        }
        assert_eq!(result.as_deref(), Some(&payload[..]));
        assert_eq!(defragmenter.take_dropped(true), 0);
    }

    #[test]
    fn ipv4_fragments_and_a_duplicate() {
        let payload: Vec<u8> = (0..50u8).collect();
        let fragments = build::ipv4_fragments([192, 0, 2, 1], [192, 0, 2, 2], 17, &payload, 24);
        let mut defragmenter = Defragmenter::default();
        let first = parse(&fragments[0]).unwrap();
        assert_eq!(
            defragmenter.fragment(&first, first.fragment.unwrap(), 0),
            Reassembled::Pending
        );
        assert_eq!(
            defragmenter.fragment(&first, first.fragment.unwrap(), 0),
            Reassembled::Pending
        );
        let second = parse(&fragments[1]).unwrap();
        assert_eq!(
            defragmenter.fragment(&second, second.fragment.unwrap(), 0),
            Reassembled::Pending
        );
        let third = parse(&fragments[2]).unwrap();
        assert_eq!(
            defragmenter.fragment(&third, third.fragment.unwrap(), 1),
            Reassembled::Complete(payload)
        );
    }

    #[test]
    fn incomplete_datagrams_expire_and_are_bounded() {
        let payload = [0u8; 64];
        let mut defragmenter = Defragmenter::default();
        for id in 0..u16::try_from(MAX_FRAGMENT_SETS + 5).unwrap() {
            let mut fragments = build::ipv4_fragments([192, 0, 2, 1], [192, 0, 2, 2], 17, &payload, 32);
            fragments[0][4..6].copy_from_slice(&id.to_be_bytes());
            let packet = parse(&fragments[0]).unwrap();
            defragmenter.fragment(&packet, packet.fragment.unwrap(), 0);
            assert!(defragmenter.sets.len() <= MAX_FRAGMENT_SETS);
        }
        assert_eq!(defragmenter.take_dropped(false), 5);
        let fragments = build::ipv4_fragments([192, 0, 2, 9], [192, 0, 2, 2], 17, &payload, 32);
        let packet = parse(&fragments[0]).unwrap();
        defragmenter.fragment(&packet, packet.fragment.unwrap(), FRAGMENT_TIMEOUT_SECONDS + 1);
        assert_eq!(defragmenter.take_dropped(false), MAX_FRAGMENT_SETS);
        assert_eq!(defragmenter.take_dropped(true), 1);
    }
}
