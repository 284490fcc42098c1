//! Capture formats and transports, read down to the SIP messages they carry.
//!
//! Bytes become frames ([`capture`], [`text`]), frames become IP packets ([`link`],
//! [`tunnel`]), IP packets become datagrams and streams ([`ip`], [`transport`], [`tcp`]), and
//! those become SIP messages ([`framing`], [`websocket`], [`hep`]); [`listen`] receives HEP3
//! live over UDP. Nothing here knows what
//! a method or a status code means: a message is handed on as bytes with the place it was
//! seen ([`Seen`]), and whatever could not be read down to a message is handed on with the
//! reason ([`Undecoded`]).
//!
//! # Memory
//!
//! Memory is bounded by the open TCP flows and fragment sets, never by the input's size:
//! at most [`tcp::MAX_FLOWS`] flows (the least recently used is closed when a new one
//! starts), each buffering at most [`tcp::MAX_OUT_OF_ORDER_BYTES`] of out-of-order data and
//! [`stream::MAX_MESSAGE`] of a message not yet complete; at most [`ip::MAX_FRAGMENT_SETS`]
//! IP datagrams in reassembly, each at most 65,535 bytes, dropped after
//! [`ip::FRAGMENT_TIMEOUT_SECONDS`] of capture time; one capture record at most
//! [`capture::MAX_RECORD`].

pub mod capture;
pub mod decode;
pub mod framing;
pub mod hep;
pub mod ip;
pub mod link;
pub mod listen;
pub mod source;
pub mod stream;
pub mod tcp;
pub mod text;
pub mod transport;
pub mod tunnel;
pub mod websocket;

#[cfg(test)]
pub(crate) mod build;

use std::fmt;
use std::net::SocketAddr;
use std::sync::Arc;

/// Where a message or an undecodable packet was seen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Seen {
    /// The input's name as given on the command line (`-` for standard input).
    pub file: Arc<str>,
    /// The packet (numbered from 1, as Wireshark numbers frames) or the line of a text trace.
    pub position: Position,
    /// When the packet was captured, if the input says.
    pub timestamp: Option<Timestamp>,
    /// The sending address and port, when known.
    pub source: Option<SocketAddr>,
    /// The receiving address and port, when known.
    pub destination: Option<SocketAddr>,
    /// The transport the message travelled on.
    pub transport: Transport,
    /// Whether the message reached the capture inside HEP3 (the address, port, transport and
    /// timestamp are then the ones HEP3 reports).
    pub hep: bool,
}

impl Seen {
    /// A packet's place, before its addresses are known.
    pub fn packet(file: &Arc<str>, number: u64, timestamp: Option<Timestamp>) -> Seen {
        Seen {
            file: Arc::clone(file),
            position: Position::Packet(number),
            timestamp,
            source: None,
            destination: None,
            transport: Transport::Unknown,
            hep: false,
        }
    }

    /// The same packet, between these two endpoints over `transport`.
    #[must_use]
    pub fn between(&self, source: SocketAddr, destination: SocketAddr, transport: Transport) -> Seen {
        Seen {
            source: Some(source),
            destination: Some(destination),
            transport,
            ..self.clone()
        }
    }
}

/// A packet's number or a text trace's line, both counted from 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Position {
    /// The packet's number in the capture, counting every packet record of every section.
    Packet(u64),
    /// The line of a text trace where the message starts.
    Line(u64),
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Position::Packet(number) => write!(f, "packet {number}"),
            Position::Line(number) => write!(f, "line {number}"),
        }
    }
}

/// A capture time: seconds and nanoseconds since the Unix epoch.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Timestamp {
    /// Whole seconds since 1970-01-01T00:00:00Z.
    pub seconds: i64,
    /// Nanoseconds within the second.
    pub nanoseconds: u32,
}

/// The transport a SIP message was carried on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Transport {
    /// UDP.
    Udp,
    /// TCP, reassembled.
    Tcp,
    /// SCTP.
    Sctp,
    /// WebSocket over TCP, in clear (RFC 7118).
    WebSocket,
    /// A text trace, which does not say.
    Text,
    /// Not known yet, or not said.
    Unknown,
}

impl Transport {
    /// The transport's name as SIP's Via header writes it.
    pub fn name(self) -> &'static str {
        match self {
            Transport::Udp => "UDP",
            Transport::Tcp => "TCP",
            Transport::Sctp => "SCTP",
            Transport::WebSocket => "WS",
            Transport::Text => "text",
            Transport::Unknown => "unknown",
        }
    }
}

/// Why a packet, or part of a stream, was not read down to a SIP message.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Undecoded {
    /// TLS records on a SIP port (5060, 5061): SIP inside cannot be read without the session
    /// keys. TLS elsewhere is other traffic.
    Tls,
    /// A payload on a SIP port (5060, 5061) that is not SIP: keep-alives (RFC 5626), STUN,
    /// anything else.
    NotSip,
    /// A packet cut short by the capture's snapshot length, or a message the input ends in.
    Truncated,
    /// A message longer than the reassembly limit.
    TooLarge,
    /// A header that does not parse (IP, UDP, TCP, SCTP, GRE, HEP3, WebSocket).
    Malformed,
    /// A link type this reader does not decode.
    UnsupportedLinkType,
    /// IP fragments whose datagram never completed.
    IncompleteFragments,
    /// TCP data lost from the capture (a segment never seen), and the message it was part of.
    TcpGap,
    /// HEP3 carrying something other than SIP (RTCP, logs, QoS reports).
    HepNotSip,
    /// HEP3 carrying a compressed payload.
    HepCompressed,
    /// IPsec ESP: encrypted.
    Encrypted,
    /// An SCTP message split over several DATA chunks, which this reader does not join.
    SctpFragment,
}

impl Undecoded {
    /// Every reason, in the order reports list them.
    pub const ALL: &'static [Undecoded] = &[
        Undecoded::Tls,
        Undecoded::NotSip,
        Undecoded::Truncated,
        Undecoded::TooLarge,
        Undecoded::Malformed,
        Undecoded::UnsupportedLinkType,
        Undecoded::IncompleteFragments,
        Undecoded::TcpGap,
        Undecoded::HepNotSip,
        Undecoded::HepCompressed,
        Undecoded::Encrypted,
        Undecoded::SctpFragment,
    ];

    /// The reason's key in JSON output.
    pub fn key(self) -> &'static str {
        match self {
            Undecoded::Tls => "tls",
            Undecoded::NotSip => "not_sip",
            Undecoded::Truncated => "truncated",
            Undecoded::TooLarge => "too_large",
            Undecoded::Malformed => "malformed",
            Undecoded::UnsupportedLinkType => "unsupported_link_type",
            Undecoded::IncompleteFragments => "incomplete_fragments",
            Undecoded::TcpGap => "tcp_gap",
            Undecoded::HepNotSip => "hep_not_sip",
            Undecoded::HepCompressed => "hep_compressed",
            Undecoded::Encrypted => "encrypted",
            Undecoded::SctpFragment => "sctp_fragment",
        }
    }

    /// What the reason means, for people.
    pub fn description(self) -> &'static str {
        match self {
            Undecoded::Tls => "TLS (encrypted; no keys)",
            Undecoded::NotSip => "not SIP, on a SIP port (keep-alives, STUN, other)",
            Undecoded::Truncated => "truncated (cut by the snapshot length, or the input ends)",
            Undecoded::TooLarge => "message over the size limit",
            Undecoded::Malformed => "malformed header (IP, UDP, TCP, SCTP, GRE, HEP3, WebSocket)",
            Undecoded::UnsupportedLinkType => "link type not decoded",
            Undecoded::IncompleteFragments => "IP fragments never completed",
            Undecoded::TcpGap => "TCP data missing from the capture",
            Undecoded::HepNotSip => "HEP3 carrying something other than SIP",
            Undecoded::HepCompressed => "HEP3 with a compressed payload",
            Undecoded::Encrypted => "IPsec ESP (encrypted)",
            Undecoded::SctpFragment => "SCTP message split over several chunks",
        }
    }
}

/// What reading an input hands on.
pub trait Sink {
    /// A SIP message (or what starts like one), framed: one datagram, one message cut out of
    /// a stream by its Content-Length, one WebSocket message, one HEP3 payload.
    fn message(&mut self, message: &[u8], seen: &Seen);
    /// Something that was not read down to a SIP message, and why.
    fn undecoded(&mut self, why: Undecoded, seen: &Seen);
    /// A packet that carries no SIP and is not on a SIP port: other traffic.
    fn other(&mut self, seen: &Seen) {
        let _ = seen;
    }
    /// A packet record was read (called before its contents are handed on).
    fn packet(&mut self) {}
    /// How many bytes of the current input have been read so far.
    fn progress(&mut self, bytes: u64) {
        let _ = bytes;
    }
}

/// Something wrong with an input: the file, the byte offset and what is wrong there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The input's name as given.
    pub file: Arc<str>,
    /// The byte offset where the problem is, if it is at one.
    pub offset: Option<u64>,
    /// What is wrong, and what to do.
    pub what: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.offset {
            Some(offset) => write!(f, "{}: at byte {offset}: {}", self.file, self.what),
            None => write!(f, "{}: {}", self.file, self.what),
        }
    }
}

impl std::error::Error for Problem {}

/// An input that cannot be read.
pub type ReadError = Problem;

/// A problem that did not stop the reading, such as a capture that ends inside a record.
pub type Warning = Problem;
