//! What a reassembled TCP stream carries, read message by message: SIP framed by its
//! Content-Length, WebSocket (RFC 7118) after its HTTP upgrade, HEP3 framed by its length,
//! or TLS and other bytes, which are reported and dropped.

use super::framing::{self, Framed, StartLine};
use super::tcp::Delivery;
use super::{Seen, Sink, Transport, Undecoded, hep, websocket};

/// The longest message (head and body) a stream may carry; a longer one is reported and
/// skipped.
pub const MAX_MESSAGE: usize = 128 * 1024;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    /// Nothing recognised yet, or lost track: each new delivery is looked at afresh.
    Unknown,
    /// SIP, framed by Content-Length.
    Sip,
    /// WebSocket frames after the upgrade.
    WebSocket,
    /// HEP3 packets, framed by their length.
    Hep,
    /// TLS records: reported and dropped until the stream ends.
    Tls,
}

/// One direction of a TCP flow, as it is being read.
pub struct Stream {
    mode: Mode,
    buffer: Vec<u8>,
    websocket_message: Vec<u8>,
    /// How many more bytes belong to a message too large to hold, and are dropped.
    skip: usize,
    /// Whether one of the flow's ports is a SIP port.
    sip_port: bool,
    /// Where the latest bytes were seen: the packet a message completes in is where it was
    /// seen.
    last_seen: Seen,
}

impl Stream {
    /// A stream nothing has been read from.
    pub fn new(sip_port: bool, seen: Seen) -> Stream {
        Stream {
            mode: Mode::Unknown,
            buffer: Vec::new(),
            websocket_message: Vec::new(),
            skip: 0,
            sip_port,
            last_seen: seen,
        }
    }

    /// Takes what the reassembler delivers; `seen` is the packet being read.
    pub fn deliver(&mut self, delivery: Delivery<'_>, seen: Option<&Seen>, sink: &mut dyn Sink) {
        if let Some(seen) = seen {
            self.last_seen.clone_from(seen);
        }
        match delivery {
            Delivery::Data(mut bytes) => {
                if self.mode == Mode::Tls {
                    self.report_tls(sink);
                    return;
                }
                let skipped = self.skip.min(bytes.len());
                self.skip -= skipped;
                bytes = &bytes[skipped..];
                // The buffer holds at most an unfinished message and one delivery.
                self.buffer.extend_from_slice(bytes);
                self.read(sink);
                if self.buffer.len() > MAX_MESSAGE {
                    sink.undecoded(Undecoded::TooLarge, &self.last_seen);
                    self.buffer.clear();
                    self.mode = Mode::Unknown;
                }
            }
            Delivery::Gap(_) => {
                if !self.buffer.is_empty() || self.mode == Mode::Sip {
                    sink.undecoded(Undecoded::TcpGap, &self.last_seen);
                }
                self.buffer.clear();
                self.websocket_message.clear();
                self.skip = 0;
                if self.mode != Mode::Tls {
                    self.mode = Mode::Unknown;
                }
            }
            Delivery::End => {
                if !self.buffer.iter().all(|&b| b == b'\r' || b == b'\n') && self.mode != Mode::Tls {
                    sink.undecoded(Undecoded::Truncated, &self.last_seen);
                }
                self.buffer = Vec::new();
                self.websocket_message = Vec::new();
                // The flow may start again with a new connection.
                self.mode = Mode::Unknown;
            }
        }
    }

    fn read(&mut self, sink: &mut dyn Sink) {
        let mut buffer = std::mem::take(&mut self.buffer);
        let mut used = 0;
        while used < buffer.len() {
            let rest = &buffer[used..];
            let step = match self.mode {
                Mode::Unknown | Mode::Sip => self.read_sip(rest, sink),
                Mode::WebSocket => self.read_websocket(rest, sink),
                Mode::Hep => self.read_hep(rest, sink),
                Mode::Tls => Some(rest.len()),
            };
            match step {
                Some(taken) => used += taken,
                None => break,
            }
        }
        buffer.drain(..used);
        self.buffer = buffer;
    }

    /// Reads what starts at `rest` as SIP or recognises what else it is; `None` when more
    /// bytes are needed.
    fn read_sip(&mut self, rest: &[u8], sink: &mut dyn Sink) -> Option<usize> {
        let keepalive = rest.iter().take_while(|&&b| b == b'\r' || b == b'\n').count();
        if keepalive > 0 {
            // RFC 5626's CRLF keep-alives between messages.
            if keepalive == rest.len() && self.mode == Mode::Unknown {
                self.report_other(sink);
            }
            return Some(keepalive);
        }
        match framing::start_line(rest) {
            StartLine::Sip => match framing::frame(rest) {
                Framed::Complete(length) if length <= MAX_MESSAGE => {
                    self.mode = Mode::Sip;
                    let mut seen = self.last_seen.clone();
                    seen.transport = Transport::Tcp;
                    sink.message(&rest[..length], &seen);
                    Some(length)
                }
                Framed::NeedMore(Some(length)) if length > MAX_MESSAGE => {
                    // Too large to hold: reported now, and its bytes skipped as they come.
                    sink.undecoded(Undecoded::TooLarge, &self.last_seen);
                    self.mode = Mode::Sip;
                    self.skip = length - rest.len();
                    Some(rest.len())
                }
                Framed::NeedMore(_) => None,
                Framed::Complete(_) | Framed::Invalid => {
                    sink.undecoded(Undecoded::TooLarge, &self.last_seen);
                    self.mode = Mode::Unknown;
                    Some(rest.len())
                }
            },
            StartLine::Unfinished => None,
            StartLine::NotSip => self.recognise(rest, sink),
        }
    }

    fn recognise(&mut self, rest: &[u8], sink: &mut dyn Sink) -> Option<usize> {
        if is_tls_record(rest) {
            self.mode = Mode::Tls;
            self.report_tls(sink);
            return Some(rest.len());
        }
        if rest.starts_with(b"HEP3") {
            self.mode = Mode::Hep;
            return Some(0);
        }
        if rest.starts_with(b"GET ") || rest.starts_with(b"HTTP/1.1 101") {
            let head = framing::head_length(rest)?;
            if contains_ignore_case(&rest[..head], b"upgrade: websocket") {
                self.mode = Mode::WebSocket;
                return Some(head);
            }
        }
        self.report_other(sink);
        self.mode = Mode::Unknown;
        Some(rest.len())
    }

    fn read_websocket(&mut self, rest: &[u8], sink: &mut dyn Sink) -> Option<usize> {
        match websocket::parse(rest, MAX_MESSAGE) {
            websocket::Parsed::NeedMore => None,
            websocket::Parsed::Invalid => {
                sink.undecoded(Undecoded::Malformed, &self.last_seen);
                self.mode = Mode::Unknown;
                self.websocket_message.clear();
                Some(rest.len())
            }
            websocket::Parsed::Frame(frame) => {
                if matches!(frame.opcode, 0..=2) {
                    if self.websocket_message.len() + frame.payload.len() > MAX_MESSAGE {
                        sink.undecoded(Undecoded::TooLarge, &self.last_seen);
                        self.websocket_message.clear();
                    } else {
                        self.websocket_message.extend_from_slice(&frame.payload);
                    }
                    if frame.fin && !self.websocket_message.is_empty() {
                        let message = std::mem::take(&mut self.websocket_message);
                        let mut seen = self.last_seen.clone();
                        seen.transport = Transport::WebSocket;
                        if framing::starts_like_sip(&message) {
                            sink.message(&message, &seen);
                        } else {
                            sink.undecoded(Undecoded::NotSip, &seen);
                        }
                    }
                }
                Some(frame.length)
            }
        }
    }

    fn read_hep(&mut self, rest: &[u8], sink: &mut dyn Sink) -> Option<usize> {
        if rest.len() < 6 {
            return None;
        }
        if !rest.starts_with(b"HEP3") {
            self.mode = Mode::Unknown;
            return Some(0);
        }
        let length = usize::from(u16::from_be_bytes([rest[4], rest[5]]));
        if length < 6 {
            sink.undecoded(Undecoded::Malformed, &self.last_seen);
            self.mode = Mode::Unknown;
            return Some(rest.len());
        }
        let packet = rest.get(..length)?;
        hep::deliver(packet, &self.last_seen, self.sip_port, sink);
        Some(length)
    }

    /// TLS on a SIP port is SIP that cannot be read; elsewhere, it is other traffic.
    fn report_tls(&self, sink: &mut dyn Sink) {
        if self.sip_port {
            sink.undecoded(Undecoded::Tls, &self.last_seen);
        } else {
            sink.other(&self.last_seen);
        }
    }

    fn report_other(&self, sink: &mut dyn Sink) {
        if self.sip_port {
            sink.undecoded(Undecoded::NotSip, &self.last_seen);
        } else {
            sink.other(&self.last_seen);
        }
    }
}

/// Whether bytes start with a TLS record header: content type 20 to 23, version 3.0 to 3.4
/// (RFC 8446 §5.1).
pub fn is_tls_record(bytes: &[u8]) -> bool {
    matches!(bytes, [20..=23, 3, 0..=4, ..])
}

fn contains_ignore_case(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::super::build::Recorder;
    use super::*;

    fn stream(sip_port: bool) -> Stream {
        Stream::new(sip_port, Seen::packet(&"test".into(), 1, None))
    }

    const INVITE: &[u8] = b"INVITE sip:b@example.com SIP/2.0\r\nContent-Length: 4\r\n\r\nv=0\n";
    const TRYING: &[u8] = b"SIP/2.0 100 Trying\r\nContent-Length: 0\r\n\r\n";

    #[test]
    fn several_messages_in_one_segment() {
        let mut recorder = Recorder::default();
        let mut both = INVITE.to_vec();
        both.extend_from_slice(b"\r\n\r\n");
        both.extend_from_slice(TRYING);
        stream(true).deliver(Delivery::Data(&both), None, &mut recorder);
        assert_eq!(recorder.messages, [INVITE, TRYING]);
        assert!(recorder.undecoded.is_empty());
    }

    #[test]
    fn one_message_over_several_segments() {
        let mut recorder = Recorder::default();
        let mut stream = stream(true);
        for (packet, piece) in INVITE.chunks(7).enumerate() {
            let seen = Seen::packet(&"test".into(), packet as u64 + 1, None);
            stream.deliver(Delivery::Data(piece), Some(&seen), &mut recorder);
        }
        assert_eq!(recorder.messages, [INVITE]);
        // Seen in the packet that completed it.
        assert_eq!(
            recorder.seen[0].position,
            super::super::Position::Packet(INVITE.len().div_ceil(7) as u64)
        );
    }

    #[test]
    fn tls_and_other_bytes_are_reported() {
        let mut recorder = Recorder::default();
        let mut tls = stream(true);
        tls.deliver(Delivery::Data(&[22, 3, 1, 0, 5, 1, 2, 3, 4, 5]), None, &mut recorder);
        tls.deliver(Delivery::Data(b"INVITE sip:x SIP/2.0\r\n\r\n"), None, &mut recorder);
        assert_eq!(recorder.undecoded, [Undecoded::Tls, Undecoded::Tls]);
        // TLS elsewhere (HTTPS, say) is other traffic.
        let mut recorder = Recorder::default();
        stream(false).deliver(Delivery::Data(&[23, 3, 3, 0, 1, 0]), None, &mut recorder);
        assert_eq!((recorder.undecoded.len(), recorder.other), (0, 1));
        assert!(recorder.messages.is_empty());
        let mut recorder = Recorder::default();
        stream(true).deliver(Delivery::Data(b"\x00\x01binary"), None, &mut recorder);
        stream(false).deliver(Delivery::Data(b"\x00\x01binary"), None, &mut recorder);
        assert_eq!(recorder.undecoded, [Undecoded::NotSip]);
        assert_eq!(recorder.other, 1);
    }

    #[test]
    fn a_message_too_large_is_skipped_and_the_next_one_read() {
        let mut recorder = Recorder::default();
        let mut stream = stream(true);
        let body = MAX_MESSAGE + 10;
        let head = format!("MESSAGE sip:b SIP/2.0\r\nContent-Length: {body}\r\n\r\n");
        stream.deliver(Delivery::Data(head.as_bytes()), None, &mut recorder);
        for _ in 0..body / 1000 {
            stream.deliver(Delivery::Data(&[b'x'; 1000]), None, &mut recorder);
        }
        let mut last = vec![b'x'; body % 1000];
        last.extend_from_slice(TRYING);
        stream.deliver(Delivery::Data(&last), None, &mut recorder);
        assert_eq!(recorder.undecoded, [Undecoded::TooLarge]);
        assert_eq!(recorder.messages, [TRYING]);
    }

    #[test]
    fn an_unfinished_message_at_the_end_is_truncated() {
        let mut recorder = Recorder::default();
        let mut stream = stream(true);
        stream.deliver(Delivery::Data(&INVITE[..INVITE.len() - 1]), None, &mut recorder);
        stream.deliver(Delivery::End, None, &mut recorder);
        assert_eq!(recorder.undecoded, [Undecoded::Truncated]);
    }

    #[test]
    fn websocket_after_upgrade() {
        let mut recorder = Recorder::default();
        let mut stream = stream(false);
        let mut bytes = b"GET / HTTP/1.1\r\nUpgrade: websocket\r\nSec-WebSocket-Protocol: sip\r\n\r\n".to_vec();
        let key = [9, 8, 7, 6];
        // The message in two frames, the first not FIN, masked as a client sends.
        for (fin, part) in [(0, &TRYING[..10]), (0x80, &TRYING[10..])] {
            bytes.push(fin | u8::from(fin == 0));
            bytes.push(0x80 | u8::try_from(part.len()).unwrap());
            bytes.extend_from_slice(&key);
            bytes.extend(part.iter().zip(key.iter().cycle()).map(|(b, k)| b ^ k));
        }
        for piece in bytes.chunks(13) {
            stream.deliver(Delivery::Data(piece), None, &mut recorder);
        }
        assert_eq!(recorder.messages, [TRYING]);
        assert_eq!(recorder.seen[0].transport, Transport::WebSocket);
    }
}
