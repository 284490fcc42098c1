//! GRE (RFC 2784, RFC 2890, and the enhanced GRE of PPTP, RFC 2637 §4.1) and the ERSPAN
//! mirrors carried in it (types I, II and III), read down to the frame or packet inside.

/// What a GRE packet carries.
#[derive(Debug, PartialEq, Eq)]
pub enum Inner<'a> {
    /// An Ethernet frame: transparent bridging, or an ERSPAN mirror.
    Ethernet(&'a [u8]),
    /// An IPv4 or IPv6 packet.
    Ip(&'a [u8]),
    /// A PPP frame (PPTP).
    Ppp(&'a [u8]),
    /// Something this reader does not follow.
    Other,
    /// The header does not fit in the packet.
    Malformed,
}

/// Reads a GRE packet's header.
pub fn gre(packet: &[u8]) -> Inner<'_> {
    let Some(header) = packet.get(..4) else {
        return Inner::Malformed;
    };
    let (flags, version) = (header[0], header[1] & 0x07);
    let protocol = u16::from_be_bytes([header[2], header[3]]);
    let checksum = flags & 0x80 != 0;
    let routing = flags & 0x40 != 0;
    let key = flags & 0x20 != 0;
    let sequence = flags & 0x10 != 0;
    let acknowledgment = version == 1 && header[1] & 0x80 != 0;
    if routing || version > 1 {
        return Inner::Other;
    }
    let length =
        4 + 4 * (usize::from(checksum) + usize::from(key) + usize::from(sequence) + usize::from(acknowledgment));
    let Some(rest) = packet.get(length..) else {
        return Inner::Malformed;
    };
    match protocol {
        0x0800 | 0x86dd => Inner::Ip(rest),
        0x6558 => Inner::Ethernet(rest),
        0x880b => Inner::Ppp(rest),
        // ERSPAN type II has a sequence number and an 8-byte header; type I has neither.
        0x88be => match rest.get(if sequence { 8 } else { 0 }..) {
            Some(frame) => Inner::Ethernet(frame),
            None => Inner::Malformed,
        },
        // ERSPAN type III: 12 bytes, and an 8-byte platform subheader when O is set.
        0x22eb => {
            let Some(erspan) = rest.get(..12) else {
                return Inner::Malformed;
            };
            let header = if erspan[11] & 1 == 1 { 20 } else { 12 };
            match rest.get(header..) {
                Some(frame) => Inner::Ethernet(frame),
                None => Inner::Malformed,
            }
        }
        _ => Inner::Other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn optional_fields_are_skipped() {
        assert_eq!(gre(&[0, 0, 0x08, 0x00, 0x45]), Inner::Ip(&[0x45]));
        // Checksum, key and sequence number present.
        let mut packet = vec![0xb0, 0, 0x65, 0x58];
        packet.extend_from_slice(&[0; 12]);
        packet.push(0xaa);
        assert_eq!(gre(&packet), Inner::Ethernet(&[0xaa]));
        assert_eq!(gre(&packet[..10]), Inner::Malformed);
    }

    #[test]
    fn pptp_enhanced_gre() {
        // Version 1, key and sequence and acknowledgment present, PPP inside.
        let mut packet = vec![0x30, 0x81, 0x88, 0x0b];
        packet.extend_from_slice(&[0; 12]);
        packet.extend_from_slice(&[0xff, 0x03, 0x00, 0x21]);
        assert_eq!(gre(&packet), Inner::Ppp(&[0xff, 0x03, 0x00, 0x21]));
    }

    #[test]
    fn erspan_types() {
        let mut type_two = vec![0x10, 0, 0x88, 0xbe, 0, 0, 0, 1];
        type_two.extend_from_slice(&[0x10; 8]);
        type_two.push(0xee);
        assert_eq!(gre(&type_two), Inner::Ethernet(&[0xee]));
        assert_eq!(gre(&[0, 0, 0x88, 0xbe, 0xee]), Inner::Ethernet(&[0xee]));
        let mut type_three = vec![0x10, 0, 0x22, 0xeb, 0, 0, 0, 1];
        type_three.extend_from_slice(&[0; 11]);
        type_three.push(1);
        type_three.extend_from_slice(&[0; 8]);
        type_three.push(0xee);
        assert_eq!(gre(&type_three), Inner::Ethernet(&[0xee]));
    }
}
