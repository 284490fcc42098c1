//! UDP (RFC 768), TCP (RFC 9293) and SCTP (RFC 9260) headers.

/// The ports SIP is registered on (RFC 3261 §19.1.2): a payload there that is not SIP is
/// reported, where elsewhere it is just other traffic.
pub fn is_sip_port(port: u16) -> bool {
    matches!(port, 5060 | 5061)
}

/// A UDP datagram.
#[derive(Debug, PartialEq, Eq)]
pub struct Udp<'a> {
    /// The source port.
    pub source_port: u16,
    /// The destination port.
    pub destination_port: u16,
    /// The payload, as much as was captured.
    pub payload: &'a [u8],
    /// Whether the length field says more than was captured.
    pub truncated: bool,
}

/// Reads a UDP header.
pub fn udp(bytes: &[u8]) -> Option<Udp<'_>> {
    let header = bytes.get(..8)?;
    let length = usize::from(u16::from_be_bytes([header[4], header[5]]));
    // A length of zero is what IPv6 jumbograms write (RFC 2675); take what there is.
    let end = if length == 0 {
        bytes.len()
    } else {
        length.max(8).min(bytes.len())
    };
    Some(Udp {
        source_port: u16::from_be_bytes([header[0], header[1]]),
        destination_port: u16::from_be_bytes([header[2], header[3]]),
        payload: &bytes[8..end],
        truncated: length > bytes.len(),
    })
}

/// A TCP segment.
#[derive(Debug, PartialEq, Eq)]
pub struct Tcp<'a> {
    /// The source port.
    pub source_port: u16,
    /// The destination port.
    pub destination_port: u16,
    /// The sequence number.
    pub sequence: u32,
    /// SYN.
    pub syn: bool,
    /// FIN.
    pub fin: bool,
    /// RST.
    pub rst: bool,
    /// The payload.
    pub payload: &'a [u8],
}

/// Reads a TCP header.
pub fn tcp(bytes: &[u8]) -> Option<Tcp<'_>> {
    let header = bytes.get(..20)?;
    let data_offset = usize::from(header[12] >> 4) * 4;
    if data_offset < 20 {
        return None;
    }
    let flags = header[13];
    Some(Tcp {
        source_port: u16::from_be_bytes([header[0], header[1]]),
        destination_port: u16::from_be_bytes([header[2], header[3]]),
        sequence: u32::from_be_bytes([header[4], header[5], header[6], header[7]]),
        fin: flags & 0x01 != 0,
        syn: flags & 0x02 != 0,
        rst: flags & 0x04 != 0,
        payload: bytes.get(data_offset..)?,
    })
}

/// An SCTP packet's ports and the user data of its DATA chunks.
#[derive(Debug, PartialEq, Eq)]
pub struct Sctp<'a> {
    /// The source port.
    pub source_port: u16,
    /// The destination port.
    pub destination_port: u16,
    /// Each DATA chunk's user data, and whether it is a whole message (B and E both set).
    pub data: Vec<(&'a [u8], bool)>,
}

/// Reads an SCTP packet's DATA chunks (type 0; RFC 9260 §3.3.1).
pub fn sctp(bytes: &[u8]) -> Option<Sctp<'_>> {
    let header = bytes.get(..12)?;
    let mut chunks = &bytes[12..];
    let mut data = Vec::new();
    while chunks.len() >= 4 {
        let kind = chunks[0];
        let flags = chunks[1];
        let length = usize::from(u16::from_be_bytes([chunks[2], chunks[3]]));
        if length < 4 {
            return None;
        }
        let chunk = chunks.get(..length)?;
        if kind == 0 {
            data.push((chunk.get(16..)?, flags & 0x03 == 0x03));
        }
        // Chunks are padded to four bytes.
        chunks = chunks.get(length.next_multiple_of(4)..).unwrap_or_default();
    }
    Some(Sctp {
        source_port: u16::from_be_bytes([header[0], header[1]]),
        destination_port: u16::from_be_bytes([header[2], header[3]]),
        data,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn udp_lengths() {
        let datagram = [0x13, 0xc4, 0x13, 0xc4, 0, 11, 0, 0, b'a', b'b', b'c', 0, 0];
        let udp = udp(&datagram).unwrap();
        assert_eq!(
            (udp.source_port, udp.payload, udp.truncated),
            (5060, &b"abc"[..], false)
        );
        assert!(super::udp(&datagram[..9]).unwrap().truncated);
        assert_eq!(super::udp(&datagram[..7]), None);
    }

    #[test]
    fn tcp_flags_and_options() {
        let mut segment = vec![
            0x13, 0xc4, 0x9c, 0x40, 0, 0, 0, 7, 0, 0, 0, 0, 0x60, 0x12, 0, 0, 0, 0, 0, 0,
        ];
        segment.extend_from_slice(&[1, 1, 1, 0]);
        segment.extend_from_slice(b"data");
        let tcp = tcp(&segment).unwrap();
        assert_eq!(
            (tcp.sequence, tcp.syn, tcp.fin, tcp.rst, tcp.payload),
            (7, true, false, false, &b"data"[..])
        );
        segment[12] = 0x40;
        assert_eq!(super::tcp(&segment), None);
    }

    #[test]
    fn sctp_data_chunks() {
        let mut packet = vec![0x13, 0xc4, 0x13, 0xc4, 0, 0, 0, 1, 0, 0, 0, 0];
        // A DATA chunk with B and E set, 3 bytes of data, padded to 20.
        packet.extend_from_slice(&[0, 0x03, 0, 19, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, b'a', b'b', b'c', 0]);
        // A SACK, then a DATA chunk that is the first piece of a message.
        packet.extend_from_slice(&[3, 0, 0, 4]);
        packet.extend_from_slice(&[0, 0x02, 0, 17, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, b'd', 0, 0, 0]);
        let sctp = sctp(&packet).unwrap();
        assert_eq!(sctp.data, [(&b"abc"[..], true), (&b"d"[..], false)]);
        packet[14] = 0;
        packet[15] = 2;
        assert_eq!(super::sctp(&packet), None);
    }
}
