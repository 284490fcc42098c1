//! Link layers, read down to the IP packet they carry: Ethernet (with 802.1Q and 802.1ad
//! VLAN tags, PPPoE sessions and MPLS labels), Linux cooked captures (SLL and SLL2), raw IP,
//! BSD loopback and PPP.

/// The pcap and pcapng link types read (the LINKTYPE_ values of the tcpdump.org list).
pub mod link_type {
    /// BSD loopback: a 4-byte address family in the capturing host's byte order.
    pub const NULL: u32 = 0;
    /// Ethernet.
    pub const ETHERNET: u32 = 1;
    /// PPP, with or without its HDLC-like address and control bytes.
    pub const PPP: u32 = 9;
    /// Raw IP, as some systems number it.
    pub const RAW_12: u32 = 12;
    /// Raw IP, as OpenBSD numbers it.
    pub const RAW_14: u32 = 14;
    /// PPP in HDLC-like framing.
    pub const PPP_HDLC: u32 = 50;
    /// PPPoE.
    pub const PPP_ETHER: u32 = 51;
    /// Raw IP.
    pub const RAW: u32 = 101;
    /// OpenBSD loopback: the address family in network byte order.
    pub const LOOP: u32 = 108;
    /// Linux cooked capture (SLL).
    pub const LINUX_SLL: u32 = 113;
    /// Raw IPv4.
    pub const IPV4: u32 = 228;
    /// Raw IPv6.
    pub const IPV6: u32 = 229;
    /// Linux cooked capture, version 2 (SLL2).
    pub const LINUX_SLL2: u32 = 276;
}

/// What a frame carries, as far as this reader goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Carried<'a> {
    /// An IPv4 or IPv6 packet.
    Ip(&'a [u8]),
    /// Something else (ARP, LCP, spanning tree): not IP.
    Other,
    /// The link header does not fit in the frame.
    Malformed,
    /// A link type this reader does not know.
    Unsupported,
}

const ETHERTYPE_IPV4: u16 = 0x0800;
const ETHERTYPE_IPV6: u16 = 0x86dd;

/// Reads a frame of link type `link` down to what it carries.
pub fn carried(link: u32, frame: &[u8]) -> Carried<'_> {
    match link {
        link_type::ETHERNET => ethernet(frame),
        link_type::LINUX_SLL => match frame.get(14..16) {
            Some(protocol) => ethertype(u16::from_be_bytes([protocol[0], protocol[1]]), &frame[16..]),
            None => Carried::Malformed,
        },
        link_type::LINUX_SLL2 => match frame.get(..20) {
            Some(header) => ethertype(u16::from_be_bytes([header[0], header[1]]), &frame[20..]),
            None => Carried::Malformed,
        },
        link_type::RAW | link_type::RAW_12 | link_type::RAW_14 | link_type::IPV4 | link_type::IPV6 => raw_ip(frame),
        // The family's byte order depends on the capturing host; the IP version says enough.
        link_type::NULL | link_type::LOOP => match frame.get(4..) {
            Some(packet) => raw_ip(packet),
            None => Carried::Malformed,
        },
        link_type::PPP | link_type::PPP_HDLC => ppp(frame),
        link_type::PPP_ETHER => pppoe(frame),
        _ => Carried::Unsupported,
    }
}

/// An Ethernet frame (Ethernet II; 802.3 frames with a length carry no IP here).
pub fn ethernet(frame: &[u8]) -> Carried<'_> {
    match frame.get(12..14) {
        Some(kind) => ethertype(u16::from_be_bytes([kind[0], kind[1]]), &frame[14..]),
        None => Carried::Malformed,
    }
}

/// What follows an EtherType: VLAN tags, PPPoE and MPLS are stepped through.
fn ethertype(mut kind: u16, mut rest: &[u8]) -> Carried<'_> {
    // Each step consumes a header, so this ends; the bound keeps a crafted frame cheap.
    for _ in 0..16 {
        match kind {
            ETHERTYPE_IPV4 | ETHERTYPE_IPV6 => return raw_ip(rest),
            // 802.1Q, 802.1ad, and the pre-standard QinQ tag.
            0x8100 | 0x88a8 | 0x9100 => {
                let Some(tag) = rest.get(..4) else {
                    return Carried::Malformed;
                };
                kind = u16::from_be_bytes([tag[2], tag[3]]);
                rest = &rest[4..];
            }
            0x8864 => return pppoe(rest),
            0x8847 | 0x8848 => return mpls(rest),
            _ => return Carried::Other,
        }
    }
    Carried::Malformed
}

/// A PPPoE session packet (RFC 2516 §4): six bytes of header, then PPP's protocol field.
fn pppoe(rest: &[u8]) -> Carried<'_> {
    match rest.get(6..) {
        Some(ppp_frame) => ppp(ppp_frame),
        None => Carried::Malformed,
    }
}

/// A PPP frame (RFC 1661 §2): the HDLC address and control bytes if present, the protocol
/// (one byte when compressed, RFC 1661 §6.5), then the packet.
pub fn ppp(frame: &[u8]) -> Carried<'_> {
    let frame = frame.strip_prefix(&[0xff, 0x03]).unwrap_or(frame);
    let (protocol, rest) = match frame {
        [first, rest @ ..] if first & 1 == 1 => (u16::from(*first), rest),
        [high, low, rest @ ..] => (u16::from_be_bytes([*high, *low]), rest),
        _ => return Carried::Malformed,
    };
    match protocol {
        0x0021 | 0x0057 => raw_ip(rest),
        _ => Carried::Other,
    }
}

/// MPLS labels (RFC 3032) down to the bottom of the stack, then IP by its version.
fn mpls(mut rest: &[u8]) -> Carried<'_> {
    loop {
        let Some(label) = rest.get(..4) else {
            return Carried::Malformed;
        };
        rest = &rest[4..];
        if label[2] & 1 == 1 {
            return raw_ip(rest);
        }
    }
}

fn raw_ip(packet: &[u8]) -> Carried<'_> {
    match packet.first().map(|b| b >> 4) {
        Some(4 | 6) => Carried::Ip(packet),
        Some(_) => Carried::Other,
        None => Carried::Malformed,
    }
}

#[cfg(test)]
mod tests {
    use super::super::build;
    use super::*;

    #[test]
    fn ethernet_with_vlan_tags() {
        let ip = build::ipv4([192, 0, 2, 1], [192, 0, 2, 2], 17, b"x");
        let frame = build::ethernet(&[0x8100, 0x88a8], 0x0800, &ip);
        assert_eq!(carried(link_type::ETHERNET, &frame), Carried::Ip(&ip));
        assert_eq!(carried(link_type::ETHERNET, &frame[..15]), Carried::Malformed);
        let arp = build::ethernet(&[], 0x0806, &[0; 28]);
        assert_eq!(carried(link_type::ETHERNET, &arp), Carried::Other);
    }

    #[test]
    fn linux_cooked_captures() {
        let ip = build::ipv4([192, 0, 2, 1], [192, 0, 2, 2], 17, b"x");
        let mut sll2 = vec![0x86, 0xdd, 0, 0, 0, 0, 0, 2, 0, 1, 0, 6, 1, 2, 3, 4, 5, 6, 0, 0];
        sll2[..2].copy_from_slice(&0x0800u16.to_be_bytes());
        sll2.extend_from_slice(&ip);
        assert_eq!(carried(link_type::LINUX_SLL2, &sll2), Carried::Ip(&ip));
        assert_eq!(carried(link_type::LINUX_SLL2, &sll2[..19]), Carried::Malformed);
        let mut sll = vec![0; 14];
        sll.extend_from_slice(&0x0800u16.to_be_bytes());
        sll.extend_from_slice(&ip);
        assert_eq!(carried(link_type::LINUX_SLL, &sll), Carried::Ip(&ip));
    }

    #[test]
    fn loopback_pppoe_and_mpls() {
        let ip = build::ipv4([127, 0, 0, 1], [127, 0, 0, 1], 17, b"x");
        let mut null = 2u32.to_le_bytes().to_vec();
        null.extend_from_slice(&ip);
        assert_eq!(carried(link_type::NULL, &null), Carried::Ip(&ip));
        let mut pppoe = vec![0x11, 0, 0, 1, 0, 0, 0x00, 0x21];
        pppoe.extend_from_slice(&ip);
        let frame = build::ethernet(&[0x8100], 0x8864, &pppoe);
        assert_eq!(carried(link_type::ETHERNET, &frame), Carried::Ip(&ip));
        let mut labels = vec![0, 0, 0x10, 64, 0, 0, 0x21, 64];
        labels.extend_from_slice(&ip);
        let frame = build::ethernet(&[], 0x8847, &labels);
        assert_eq!(carried(link_type::ETHERNET, &frame), Carried::Ip(&ip));
        assert_eq!(carried(147, &frame), Carried::Unsupported);
    }
}
