//! WebSocket frames (RFC 6455 §5.2), as RFC 7118 carries SIP in them: one SIP message per
//! WebSocket message, in text or binary frames, masked from client to server.

/// A frame read from the start of a buffer.
#[derive(Debug, PartialEq, Eq)]
pub struct Frame {
    /// FIN: the last frame of its message.
    pub fin: bool,
    /// The opcode: 0 continuation, 1 text, 2 binary, 8 close, 9 ping, 10 pong.
    pub opcode: u8,
    /// The payload, unmasked.
    pub payload: Vec<u8>,
    /// How many bytes of the buffer the frame took.
    pub length: usize,
}

/// What the start of a buffer holds.
#[derive(Debug, PartialEq, Eq)]
pub enum Parsed {
    /// A whole frame.
    Frame(Frame),
    /// Not yet a whole frame.
    NeedMore,
    /// A frame longer than `limit`, or reserved bits set: not a WebSocket stream this reader
    /// follows.
    Invalid,
}

/// Reads one frame from the start of `bytes`, refusing payloads longer than `limit`.
pub fn parse(bytes: &[u8], limit: usize) -> Parsed {
    let [first, second, ..] = *bytes else {
        return Parsed::NeedMore;
    };
    if first & 0x70 != 0 {
        return Parsed::Invalid;
    }
    let masked = second & 0x80 != 0;
    let (payload_length, mut at) = match second & 0x7f {
        126 => match bytes.get(2..4) {
            Some(length) => (u64::from(u16::from_be_bytes([length[0], length[1]])), 4),
            None => return Parsed::NeedMore,
        },
        127 => match bytes.get(2..10) {
            Some(length) => (length.iter().fold(0, |value, &byte| value << 8 | u64::from(byte)), 10),
            None => return Parsed::NeedMore,
        },
        short => (u64::from(short), 2),
    };
    let Ok(payload_length) = usize::try_from(payload_length) else {
        return Parsed::Invalid;
    };
    if payload_length > limit {
        return Parsed::Invalid;
    }
    let mut mask = [0; 4];
    if masked {
        let Some(key) = bytes.get(at..at + 4) else {
            return Parsed::NeedMore;
        };
        mask.copy_from_slice(key);
        at += 4;
    }
    let Some(payload) = bytes.get(at..at + payload_length) else {
        return Parsed::NeedMore;
    };
    let payload = payload
        .iter()
        .zip(mask.iter().cycle())
        .map(|(byte, key)| byte ^ key)
        .collect();
    Parsed::Frame(Frame {
        fin: first & 0x80 != 0,
        opcode: first & 0x0f,
        payload,
        length: at + payload_length,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masked_and_unmasked_frames() {
        let unmasked = [0x81, 0x03, b'a', b'b', b'c', 0xff];
        assert_eq!(
            parse(&unmasked, 100),
            Parsed::Frame(Frame {
                fin: true,
                opcode: 1,
                payload: b"abc".to_vec(),
                length: 5
            })
        );
        let key = [1, 2, 3, 4];
        let mut masked = vec![0x02, 0x80 | 5];
        masked.extend_from_slice(&key);
        masked.extend(b"hello".iter().zip(key.iter().cycle()).map(|(b, k)| b ^ k));
        assert_eq!(
            parse(&masked, 100),
            Parsed::Frame(Frame {
                fin: false,
                opcode: 2,
                payload: b"hello".to_vec(),
                length: 11
            })
        );
        assert_eq!(parse(&masked[..7], 100), Parsed::NeedMore);
    }

    #[test]
    fn extended_lengths_and_limits() {
        let mut long = vec![0x81, 126, 0x01, 0x00];
        long.extend(std::iter::repeat_n(b'x', 256));
        assert!(matches!(parse(&long, 1000), Parsed::Frame(Frame { length: 260, .. })));
        assert_eq!(parse(&long, 100), Parsed::Invalid);
        assert_eq!(
            parse(&[0x81, 127, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff], 100),
            Parsed::Invalid
        );
        assert_eq!(parse(&[0xc1, 0x00], 100), Parsed::Invalid);
    }
}
