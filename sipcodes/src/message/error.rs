//! The error of [`Message`](super::Message)'s parsers.

use core::fmt;

use crate::{ParseStatusLineError, ParseStatusLineErrorKind};

/// Bytes that are not a SIP message, or not all of one yet: from
/// [`Message::parse`](super::Message::parse) and
/// [`Message::parse_prefix`](super::Message::parse_prefix).
///
/// Says which rule of RFC 3261 §25.1 failed ([`kind`](ParseMessageError::kind)), at which byte
/// of the input ([`offset`](ParseMessageError::offset): inside it, or equal to its length when
/// the input ended too early) and what was found there.
/// [`is_incomplete`](ParseMessageError::is_incomplete) tells a message that is only cut short,
/// which more bytes from a stream complete, from a malformed one.
///
/// ```
/// use sipcodes::message::{Message, ParseMessageErrorKind};
///
/// let error = Message::parse(b"INVITE sip:bob@example.com SIP/2.0\r\nCall-ID a84b4c76\r\n\r\n").unwrap_err();
/// assert_eq!(error.kind(), ParseMessageErrorKind::Colon);
/// assert_eq!((error.offset(), error.found()), (44, Some(b'a')));
/// assert_eq!(
///     error.to_string(),
///     "invalid SIP message at byte 44: expected `:` after the header field name (HCOLON), found `a`"
/// );
///
/// let error = Message::parse_prefix(b"SIP/2.0 200 OK\r\nCSeq: 1 INV").unwrap_err();
/// assert!(error.is_incomplete());
/// assert_eq!((error.offset(), error.found()), (27, None));
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct ParseMessageError {
    kind: ParseMessageErrorKind,
    offset: usize,
    found: Option<u8>,
}

/// The rule a [`ParseMessageError`] is about.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
#[non_exhaustive]
pub enum ParseMessageErrorKind {
    /// The input ended before the message did: before the line ending of the start line or
    /// of a header field, before the empty line that ends the header fields, or before the
    /// last byte of the body its Content-Length announces. On a stream, more bytes may
    /// complete it; the offset is the input's length.
    Incomplete,
    /// Request-Line: the Method is not a token followed by one space.
    Method,
    /// Request-Line: the Request-URI is not a scheme, `:` and URI characters followed by one
    /// space (a `<`, `>`, `"` or a second space, for instance).
    RequestUri,
    /// Request-Line: the SIP-Version is not `SIP/` (any case), digits, `.`, digits.
    SipVersion,
    /// The Status-Line, which [`StatusLine::parse_prefix_lenient`](crate::StatusLine::parse_prefix_lenient)
    /// reads: the rule it names.
    StatusLine(ParseStatusLineErrorKind),
    /// CRLF: a line ends otherwise (a bare LF, a CR without its LF, or something after the
    /// Request-Line's version), or a CR or LF stands alone inside a header field.
    LineEnding,
    /// A header field does not start with a name (a token): a line that starts with a
    /// space or tab continues nothing, or a name starts with a byte a token cannot hold.
    FieldName,
    /// HCOLON: the header field name is not followed by `:` (blanks may come between).
    Colon,
    /// A header field value holds a control character (other than a tab) outside a
    /// quoted-pair.
    FieldValue,
    /// The header fields are not valid UTF-8.
    Utf8,
    /// Content-Length: the value is not decimal digits, or too large for this machine.
    ContentLength,
    /// A second Content-Length header field: two lengths leave it unclear where the message
    /// ends (RFC 3261 §18.3 frames a message on a stream by its one Content-Length), so the
    /// message is rejected, as RFC 4475 §3.3.9 expects.
    RepeatedContentLength,
}

crate::error::located_error!(ParseMessageError, ParseMessageErrorKind);

impl ParseMessageError {
    /// Whether the input only ended too early ([`Incomplete`](ParseMessageErrorKind::Incomplete)):
    /// a stream reader reads more and parses again; anything else is a malformed message.
    #[must_use]
    pub const fn is_incomplete(&self) -> bool {
        matches!(self.kind, ParseMessageErrorKind::Incomplete)
    }

    /// The name of the rule of RFC 3261's grammar that failed, e.g. `"HCOLON"`.
    #[cfg(feature = "audit")]
    pub(crate) fn rule(&self) -> &'static str {
        self.expectation().1
    }

    /// What the rule wanted at the offset, and the rule's name.
    fn expectation(&self) -> (&'static str, &'static str) {
        use ParseMessageErrorKind as Kind;
        match self.kind {
            Kind::Incomplete => (
                "expected more of the message: it ends with the empty line after the header fields and then as many body bytes as Content-Length says",
                "SIP-message",
            ),
            Kind::Method => ("expected a method, a token followed by one space", "Method"),
            Kind::RequestUri => (
                "expected a Request-URI, a scheme, `:` and URI characters followed by one space",
                "Request-URI",
            ),
            Kind::SipVersion => ("expected the version, `SIP/` then digits `.` digits", "SIP-Version"),
            Kind::StatusLine(kind) => ParseStatusLineError::at(&[], kind, 0).expectation(),
            Kind::LineEnding => ("expected the line to end here with CRLF, and no CR or LF alone", "CRLF"),
            Kind::FieldName => (
                "expected a header field name, a token at the start of the line",
                "header-name",
            ),
            Kind::Colon => ("expected `:` after the header field name", "HCOLON"),
            Kind::FieldValue => (
                "expected header text: no control character but tab, except escaped by `\\` in a quoted string or comment",
                "header-value",
            ),
            Kind::Utf8 => ("expected valid UTF-8 in the header fields", "UTF8-NONASCII"),
            Kind::ContentLength => (
                "expected the body's length, decimal digits that fit this machine's memory",
                "Content-Length",
            ),
            Kind::RepeatedContentLength => ("expected one Content-Length header field only", "Content-Length"),
        }
    }

    /// What to do about it, for the kinds where there is something to say.
    const fn hint(&self) -> Option<&'static str> {
        use ParseMessageErrorKind as Kind;
        match self.kind {
            Kind::Incomplete => Some("on a stream, read more bytes and parse again"),
            Kind::RepeatedContentLength => Some("two lengths leave the message's end ambiguous (RFC 3261 §18.3)"),
            Kind::LineEnding if matches!(self.found, Some(b'\n')) => {
                Some("text saved with bare LF line endings needs them turned into CRLF first")
            }
            _ => None,
        }
    }
}

impl fmt::Display for ParseMessageError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        crate::error::write_located(formatter, "SIP message", self.offset, self.expectation(), self.found)?;
        match self.hint() {
            Some(hint) => write!(formatter, "; {hint}"),
            None => Ok(()),
        }
    }
}
