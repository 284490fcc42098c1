//! A SIP message read without copying: its start line, header fields and body (RFC 3261
//! §7), framed as a datagram or as the next message on a stream (§18.3).
//!
//! [`Message::parse`] reads one whole message, such as a UDP datagram;
//! [`Message::parse_prefix`] reads the first message of a stream buffer and says how many
//! bytes it took, or that more are needed ([`ParseMessageError::is_incomplete`]). Both check
//! the start line and the header fields' framing (names, colons, line endings and folds,
//! control characters, UTF-8, Content-Length) in one pass over the head, and allocate
//! nothing. What a header field's value means is left to the accessors, which read it when
//! asked: [`Message::cseq`], [`Message::to_tag`], [`parameter`], [`Header::values`].
//!
//! ```
//! use sipcodes::message::{CSeq, Message, StartLine};
//!
//! let bytes = b"SIP/2.0 180 Ringing\r\n\
//!     Via: SIP/2.0/UDP pc33.example.com;branch=z9hG4bK776asdhds\r\n\
//!     To: Bob <sip:bob@example.com>;tag=a6c85cf\r\n\
//!     f: Alice <sip:alice@example.com>;tag=1928301774\r\n\
//!     Call-ID: a84b4c76e66710@pc33.example.com\r\n\
//!     CSeq: 314159 INVITE\r\n\
//!     Content-Length: 0\r\n\
//!     \r\n";
//! let message = Message::parse(bytes)?;
//! assert_eq!(message.status().map(|code| code.as_u16()), Some(180));
//! assert_eq!(message.method(), Some("INVITE"));
//! assert_eq!(message.cseq(), Some(CSeq { number: 314159, method: "INVITE" }));
//! assert_eq!(message.call_id(), Some("a84b4c76e66710@pc33.example.com"));
//! assert_eq!((message.from_tag(), message.to_tag()), (Some("1928301774"), Some("a6c85cf")));
//! assert_eq!(message.top_via_branch(), Some("z9hG4bK776asdhds"));
//! assert_eq!(message.header("From").map(|from| from.name()), Some("f"));
//! assert!(message.body().is_empty());
//! if let StartLine::Response(line) = message.start_line() {
//!     assert_eq!(line.reason_phrase(), "Ringing");
//! }
//! # Ok::<(), sipcodes::message::ParseMessageError>(())
//! ```
//!
//! # What is checked
//!
//! - The Request-Line: a token method, one space, a Request-URI (a scheme, `:`, and URI
//!   characters: no `<`, `>`, `"`, blank or control character), one space, `SIP/x.y` in any
//!   case, CRLF. Any version is read; [`RequestLine::is_sip_2_0`] tells.
//! - The Status-Line, by [`StatusLine::parse_prefix_lenient`](crate::StatusLine::parse_prefix_lenient)
//!   (so a peer's odd reason phrase does not lose the message), ended by CRLF.
//! - Each header field: a token name, blanks, `:`, a value whose lines end with CRLF, folded
//!   lines starting with a space or tab, no control character but tab (except as a
//!   quoted-pair inside a quoted string or comment, which RFC 4475 §3.1.1.2 exercises), all
//!   of it valid UTF-8.
//! - The empty line after the header fields.
//! - Content-Length (or `l`): decimal digits, at most one such header field, and that many
//!   body bytes present.
//!
//! CRLFs before the start line are skipped (RFC 3261 §7.5; RFC 5626 §3.5.1 keep-alives), and
//! counted in [`Message::keep_alive_len`]. A bare LF, as a line ending or before the start
//! line, is an error.
//!
//! # Cost
//!
//! Parsing is one pass over the head, sixteen bytes a step over header values, then one UTF-8
//! check of the header fields; it stores no list of header fields, so there is no limit on
//! their number. The lookups by name ([`header`](Message::header),
//! [`headers_named`](Message::headers_named), [`header_values`](Message::header_values)) read
//! the header fields again, in time linear in the head; [`call_id`](Message::call_id),
//! [`cseq`](Message::cseq), [`to_tag`](Message::to_tag), [`from_tag`](Message::from_tag),
//! [`top_via_branch`](Message::top_via_branch) and [`content_type`](Message::content_type)
//! go straight to the line the parse noted. Nothing is quadratic in the input. A stream
//! reader parses its buffer again after each read until the message is whole, so it bounds
//! the buffer (RFC 3261 sets no largest message).

mod error;
mod header;
mod scan;

pub use self::error::{ParseMessageError, ParseMessageErrorKind};
pub use self::header::{CSeq, Header, Headers, Parts, Unfolded, Values, parameter};
use self::header::{NameQuery, header_in_line};
use self::scan::Framing;
use crate::{StatusCode, StatusLine};

/// A SIP request or response: its start line, header fields and body, borrowed from the
/// parsed bytes.
///
/// Every offset it gives ([`Header::offset`], [`ParseMessageError::offset`]) is a byte
/// offset in the input given to the parser, keep-alives included.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Message<'a> {
    /// The input, up to the message's end.
    input: &'a [u8],
    /// Where the start line starts: after the keep-alives.
    start: usize,
    start_line: StartLine<'a>,
    /// The header fields' lines, each with its CRLF.
    headers: &'a str,
    /// Where `headers` starts in `input`.
    headers_start: usize,
    /// Where the body starts: after the empty line.
    body_start: usize,
    content_length: Option<usize>,
    known: Known,
}

/// Where the first of each header field the accessors read is, so that they need not look
/// for it.
#[derive(Clone, Copy, PartialEq, Eq, Default, Debug)]
struct Known {
    call_id: Line,
    cseq: Line,
    from: Line,
    to: Line,
    via: Line,
    content_type: Line,
    /// Whether a header field was too far into the input for a [`Line`] to hold it: then an
    /// absent [`Line`] may stand for one, and the accessors look by name.
    beyond: bool,
    /// Which of the header fields of [`Seen`] the message has, one bit each: what the audit
    /// reads without walking the header fields again.
    seen: u8,
}

/// Header fields whose presence the parse notes for the audit, as bits of `Known::seen`.
pub(crate) struct Seen;

impl Seen {
    pub(crate) const REASON: u8 = 1;
    pub(crate) const WARNING: u8 = 1 << 1;
    pub(crate) const RETRY_AFTER: u8 = 1 << 2;
    pub(crate) const ERROR_INFO: u8 = 1 << 3;
    pub(crate) const MIN_SE: u8 = 1 << 4;
    pub(crate) const RSEQ: u8 = 1 << 5;
}

/// Where a header field's line is, from the start of the header fields: its start, and where
/// its CRLF is. `end` is 0 for none (a line holds at least a name and a colon).
#[derive(Clone, Copy, PartialEq, Eq, Default, Debug)]
struct Line {
    start: u32,
    end: u32,
}

/// The first line of a message: a request's or a response's.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum StartLine<'a> {
    /// `INVITE sip:bob@example.com SIP/2.0`.
    Request(RequestLine<'a>),
    /// `SIP/2.0 180 Ringing`.
    Response(StatusLine<'a>),
}

/// The Request-Line of a request (RFC 3261 §7.1): `Method SP Request-URI SP SIP-Version`.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct RequestLine<'a> {
    method: &'a str,
    request_uri: &'a str,
    version: &'a str,
}

impl<'a> RequestLine<'a> {
    /// The method as sent: `INVITE`, or any token (methods are case-sensitive, RFC 3261
    /// §7.1).
    #[must_use]
    pub const fn method(&self) -> &'a str {
        self.method
    }

    /// The Request-URI as sent, e.g. `sip:bob@example.com;transport=tcp`; checked only for
    /// the characters a URI may hold.
    #[must_use]
    pub const fn request_uri(&self) -> &'a str {
        self.request_uri
    }

    /// The SIP-Version as sent, e.g. `SIP/2.0`.
    #[must_use]
    pub const fn version(&self) -> &'a str {
        self.version
    }

    /// Whether the version is `SIP/2.0`, in any ASCII case.
    #[must_use]
    pub fn is_sip_2_0(&self) -> bool {
        self.version.eq_ignore_ascii_case("SIP/2.0")
    }
}

impl<'a> Message<'a> {
    /// Parses one whole message, such as a UDP datagram (RFC 3261 §18.3): the body is as
    /// long as Content-Length says, and bytes after it are ignored (as §18.3 has a datagram's
    /// receiver discard them); without Content-Length, the body is the rest of the input.
    ///
    /// # Errors
    ///
    /// Which rule failed and where: see [`ParseMessageErrorKind`]. A message cut short (a
    /// datagram without the empty line after its header fields, or with fewer body bytes
    /// than Content-Length says) is [`Incomplete`](ParseMessageErrorKind::Incomplete).
    ///
    /// ```
    /// use sipcodes::message::Message;
    ///
    /// let datagram = b"MESSAGE sip:bob@example.com SIP/2.0\r\nl: 5\r\n\r\nHello, and more";
    /// let message = Message::parse(datagram)?;
    /// assert_eq!(message.body(), b"Hello");
    /// assert_eq!(message.as_bytes().len(), datagram.len() - ", and more".len());
    ///
    /// let error = Message::parse(b"MESSAGE sip:bob@example.com SIP/2.0\r\nl: 50\r\n\r\nHello").unwrap_err();
    /// assert!(error.is_incomplete());
    /// # Ok::<(), sipcodes::message::ParseMessageError>(())
    /// ```
    pub fn parse(datagram: &'a [u8]) -> Result<Message<'a>, ParseMessageError> {
        scan::scan(datagram, Framing::Datagram)
    }

    /// Parses the first message in a stream's buffer (TCP, TLS), framed by its
    /// Content-Length (RFC 3261 §18.3), and returns it with the number of bytes it took,
    /// CRLF keep-alives before it included: the next message starts there.
    ///
    /// A message without Content-Length is taken to have no body (on a stream, §20.14 makes
    /// the header field mandatory, and §18.3 frames by it); [`content_length`](Message::content_length)
    /// is then `None`, so a checker can report it.
    ///
    /// # Errors
    ///
    /// [`Incomplete`](ParseMessageErrorKind::Incomplete) (see
    /// [`is_incomplete`](ParseMessageError::is_incomplete)) when the buffer ends before the
    /// message does: read more and parse again. Any other kind is a malformed message, which
    /// leaves the stream's framing lost. A start line is judged once its line ending has
    /// arrived, and a header field once the line after it has begun.
    ///
    /// ```
    /// use sipcodes::message::Message;
    ///
    /// let stream = b"\r\n\r\nSIP/2.0 200 OK\r\nContent-Length: 2\r\n\r\nhiSIP/2.0 180 Ringing\r\nContent-Le";
    /// let (first, taken) = Message::parse_prefix(stream)?;
    /// assert_eq!((first.keep_alive_len(), first.body()), (4, b"hi".as_slice()));
    /// let rest = &stream[taken..];
    /// assert!(rest.starts_with(b"SIP/2.0 180"));
    /// assert!(Message::parse_prefix(rest).unwrap_err().is_incomplete());
    /// # Ok::<(), sipcodes::message::ParseMessageError>(())
    /// ```
    pub fn parse_prefix(stream: &'a [u8]) -> Result<(Message<'a>, usize), ParseMessageError> {
        let message = scan::scan(stream, Framing::Stream)?;
        Ok((message, message.input.len()))
    }

    /// The start line: the Request-Line of a request, the Status-Line of a response.
    #[must_use]
    pub const fn start_line(&self) -> StartLine<'a> {
        self.start_line
    }

    /// The Request-Line, if the message is a request.
    #[must_use]
    pub const fn request_line(&self) -> Option<RequestLine<'a>> {
        match self.start_line {
            StartLine::Request(line) => Some(line),
            StartLine::Response(_) => None,
        }
    }

    /// The Status-Line, if the message is a response.
    #[must_use]
    pub const fn status_line(&self) -> Option<StatusLine<'a>> {
        match self.start_line {
            StartLine::Request(_) => None,
            StartLine::Response(line) => Some(line),
        }
    }

    /// Whether the message is a request.
    #[must_use]
    pub const fn is_request(&self) -> bool {
        matches!(self.start_line, StartLine::Request(_))
    }

    /// Whether the message is a response.
    #[must_use]
    pub const fn is_response(&self) -> bool {
        matches!(self.start_line, StartLine::Response(_))
    }

    /// The response's status code; `None` for a request.
    #[must_use]
    pub const fn status(&self) -> Option<StatusCode> {
        match self.start_line {
            StartLine::Request(_) => None,
            StartLine::Response(line) => Some(line.code()),
        }
    }

    /// The method: a request's from its Request-Line, a response's from its `CSeq` (the
    /// method of the request it answers, RFC 3261 §8.2.6.2); `None` for a response whose
    /// `CSeq` is missing or unreadable.
    #[must_use]
    pub fn method(&self) -> Option<&'a str> {
        match self.start_line {
            StartLine::Request(line) => Some(line.method),
            StartLine::Response(_) => self.cseq().map(|cseq| cseq.method),
        }
    }

    /// The header fields, in order.
    #[must_use]
    pub const fn headers(&self) -> Headers<'a> {
        Headers::new(self.headers, self.headers_start)
    }

    /// The first header field named `name`, in any ASCII case or its compact form (see
    /// [`Header::is`]).
    #[must_use]
    pub fn header(&self, name: &str) -> Option<Header<'a>> {
        let query = NameQuery::new(name);
        self.headers().find(|header| query.matches(header.name()))
    }

    /// Every header field named `name` (see [`Header::is`]), in order: the several `Via`
    /// lines of a message, say.
    pub fn headers_named<'n>(&self, name: &'n str) -> impl Iterator<Item = Header<'a>> + use<'a, 'n> {
        let query = NameQuery::new(name);
        self.headers().filter(move |header| query.matches(header.name()))
    }

    /// The elements of every header field named `name`, in order, as one comma-separated
    /// list (RFC 3261 §7.3.1 makes several lines of a list header field equal to one line
    /// joining them with commas): see [`Header::values`].
    ///
    /// ```
    /// use sipcodes::message::Message;
    ///
    /// let message = Message::parse(b"OPTIONS sip:a.example.com SIP/2.0\r\nSupported: timer, 100rel\r\nk: path\r\n\r\n")?;
    /// let supported: Vec<&str> = message.header_values("Supported").collect();
    /// assert_eq!(supported, ["timer", "100rel", "path"]);
    /// # Ok::<(), sipcodes::message::ParseMessageError>(())
    /// ```
    pub fn header_values<'n>(&self, name: &'n str) -> impl Iterator<Item = &'a str> + use<'a, 'n> {
        self.headers_named(name).flat_map(|header| header.values())
    }

    /// The first header field named `name`, whose line the parse noted in `line`.
    fn known(&self, line: Line, name: &str) -> Option<Header<'a>> {
        if line.end == 0 {
            return if self.known.beyond { self.header(name) } else { None };
        }
        let (start, end) = (usize::try_from(line.start).ok()?, usize::try_from(line.end).ok()?);
        header_in_line(self.headers, self.headers_start, start, end)
    }

    /// The Call-ID (or `i`): the first one's value.
    #[must_use]
    pub fn call_id(&self) -> Option<&'a str> {
        self.known(self.known.call_id, "Call-ID").map(|header| header.value())
    }

    /// The first `CSeq`, read by [`CSeq::parse`]; `None` if it is missing or unreadable (see
    /// [`header`](Message::header) to tell those apart).
    #[must_use]
    pub fn cseq(&self) -> Option<CSeq<'a>> {
        CSeq::parse(self.known(self.known.cseq, "CSeq")?.value())
    }

    /// The Content-Length (or `l`), which the parse checked and framed the body by; `None`
    /// if there is none.
    #[must_use]
    pub const fn content_length(&self) -> Option<usize> {
        self.content_length
    }

    /// The Content-Type (or `c`) value, e.g. `application/sdp`.
    #[must_use]
    pub fn content_type(&self) -> Option<&'a str> {
        self.known(self.known.content_type, "Content-Type")
            .map(|header| header.value())
    }

    /// The `tag` parameter of the first To (or `t`); `None` if there is no To or no tag (a
    /// request outside a dialog).
    #[must_use]
    pub fn to_tag(&self) -> Option<&'a str> {
        parameter(self.known(self.known.to, "To")?.value(), "tag")
    }

    /// The `tag` parameter of the first From (or `f`).
    #[must_use]
    pub fn from_tag(&self) -> Option<&'a str> {
        parameter(self.known(self.known.from, "From")?.value(), "tag")
    }

    /// The `branch` parameter of the top Via (the first value of the first Via, or `v`):
    /// with the method, what identifies the transaction (RFC 3261 §17.2.3).
    #[must_use]
    pub fn top_via_branch(&self) -> Option<&'a str> {
        parameter(self.known(self.known.via, "Via")?.value(), "branch")
    }

    /// The `branch` parameter of every Via value, top first, across all Via lines; `None`
    /// for a Via without one.
    pub fn via_branches(&self) -> impl Iterator<Item = Option<&'a str>> + use<'a> {
        self.header_values("Via").map(|via| parameter(via, "branch"))
    }

    /// The body: the bytes after the empty line, as many as Content-Length says.
    #[must_use]
    pub fn body(&self) -> &'a [u8] {
        self.input.get(self.body_start..).unwrap_or_default()
    }

    /// The message's bytes, from its start line to the end of its body (the keep-alives
    /// before it and anything after it left out).
    #[must_use]
    pub fn as_bytes(&self) -> &'a [u8] {
        self.input.get(self.start..).unwrap_or_default()
    }

    /// The message's head, from its start line to the empty line after its header fields,
    /// that line included.
    #[must_use]
    pub fn head(&self) -> &'a [u8] {
        self.input.get(self.start..self.body_start).unwrap_or_default()
    }

    /// Whether the message has Via, From, To, Call-ID and `CSeq` (in that order), read off
    /// what the parse noted.
    #[cfg(feature = "audit")]
    pub(crate) fn has_dialog_fields(&self) -> [bool; 5] {
        let known = &self.known;
        let has = |line: Line, name: &str| line.end != 0 || (known.beyond && self.header(name).is_some());
        [
            has(known.via, "Via"),
            has(known.from, "From"),
            has(known.to, "To"),
            has(known.call_id, "Call-ID"),
            has(known.cseq, "CSeq"),
        ]
    }

    /// Which header fields of [`Seen`] the message has.
    #[cfg(feature = "audit")]
    pub(crate) const fn seen(&self) -> u8 {
        self.known.seen
    }

    /// How many bytes of CRLF keep-alives (RFC 5626 §3.5.1; RFC 3261 §7.5 has a stream's
    /// receiver ignore CRLFs before a start line) came before the start line.
    #[must_use]
    pub const fn keep_alive_len(&self) -> usize {
        self.start
    }
}

/// How many bytes of CRLF keep-alives start `bytes`: whole CRLF pairs. A stream reader can
/// drop them, and answer a double-CRLF ping with a CRLF pong (RFC 5626 §4.4.1), even before
/// a message follows.
///
/// ```
/// assert_eq!(sipcodes::message::keep_alive_len(b"\r\n\r\n"), 4);
/// assert_eq!(sipcodes::message::keep_alive_len(b"\r\n\r\nSIP/2.0 200 OK"), 4);
/// assert_eq!(sipcodes::message::keep_alive_len(b"\r\n\r"), 2);
/// ```
#[must_use]
pub fn keep_alive_len(bytes: &[u8]) -> usize {
    scan::keep_alive_len(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accessors_look_by_name_when_a_line_was_beyond_what_known_holds() {
        let text = b"SIP/2.0 200 OK\r\nv: SIP/2.0/UDP h;branch=z9hG4bKa\r\nt: <sip:b@h>;tag=2\r\nf: <sip:a@h>;tag=1\r\ni: id\r\nCSeq: 3 BYE\r\nc: text/plain\r\n\r\n";
        let noted = Message::parse(text).unwrap();
        // As if every header field were past the first 4 GiB of the input.
        let looked_up = Message {
            known: Known {
                beyond: true,
                ..Known::default()
            },
            ..noted
        };
        for message in [noted, looked_up] {
            assert_eq!(message.top_via_branch(), Some("z9hG4bKa"));
            assert_eq!((message.to_tag(), message.from_tag()), (Some("2"), Some("1")));
            assert_eq!(message.call_id(), Some("id"));
            assert_eq!(
                message.cseq(),
                Some(CSeq {
                    number: 3,
                    method: "BYE"
                })
            );
            assert_eq!(message.content_type(), Some("text/plain"));
        }
        let without = Message {
            known: Known::default(),
            ..noted
        };
        assert_eq!((without.call_id(), without.cseq()), (None, None));
    }
}
