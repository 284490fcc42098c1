//! The errors of [`StatusLine`](super::StatusLine)'s parsers.

use core::fmt;

use crate::grammar::Grammar;

/// A status line that does not follow RFC 3261's grammar, from
/// [`StatusLine::parse`](super::StatusLine::parse) and its siblings, or a phrase given to
/// [`StatusLine::with_reason_phrase`](super::StatusLine::with_reason_phrase) that the grammar rejects.
///
/// Says which rule failed ([`kind`](ParseStatusLineError::kind)), at which byte
/// ([`offset`](ParseStatusLineError::offset): inside the input, or equal to its length when
/// the input ended too early), what was found there, and, where another parser would take the
/// input, which one.
///
/// ```
/// use sipcodes::{ParseStatusLineErrorKind, StatusLine};
///
/// let error = StatusLine::parse(b"SIP/2.0 486 Busy\x07Here").unwrap_err();
/// assert_eq!(error.kind(), ParseStatusLineErrorKind::ReasonPhrase);
/// assert_eq!(error.offset(), 16);
/// assert_eq!(error.found(), Some(0x07));
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct ParseStatusLineError {
    kind: ParseStatusLineErrorKind,
    offset: usize,
    found: Option<u8>,
    /// The grammar of the parser that failed, for the hint: which parser takes the input
    /// depends on it.
    grammar: Grammar,
}

/// The rule of RFC 3261 §25.1 that a [`ParseStatusLineError`] is about.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
#[non_exhaustive]
pub enum ParseStatusLineErrorKind {
    /// SIP-Version: not `SIP/` (any case), digits, `.`, digits.
    SipVersion,
    /// The input starts with a CR or LF, where the version should be: an empty line before
    /// the status line, such as the CRLFs a stream carries between messages (RFC 3261 §7.5)
    /// and its keep-alives (RFC 5626 §4.4.1).
    /// [`parse_prefix_lenient`](super::StatusLine::parse_prefix_lenient) skips them.
    LeadingLineEnding,
    /// The SP between SIP-Version and Status-Code is missing.
    SpaceAfterVersion,
    /// Status-Code: not exactly three digits.
    StatusCode,
    /// Status-Code: three digits, but not from 100 to 699 (RFC 3261 §7.2 defines six classes).
    StatusCodeOutOfRange,
    /// The SP between Status-Code and Reason-Phrase is missing. It is required even when the
    /// phrase is empty.
    SpaceAfterStatusCode,
    /// Reason-Phrase: a byte it does not allow: a control character other than HTAB, or one
    /// of `"`, `#`, `<`, `>`, `[`, `\`, `]`, `^`, `` ` ``, `{`, `|`, `}`.
    ReasonPhrase,
    /// Reason-Phrase, `escaped`: a `%` not followed by two hex digits.
    Escape,
    /// Reason-Phrase: bytes that are not valid UTF-8 (strict parsing only).
    Utf8,
    /// CRLF: a CR not followed by LF, a bare LF, or (for
    /// [`parse_prefix`](super::StatusLine::parse_prefix)) no CRLF at all.
    LineEnding,
    /// Something follows the CRLF that ends the line.
    TrailingData,
}

crate::error::located_error!(ParseStatusLineError, ParseStatusLineErrorKind; grammar = Grammar::Strict);

impl ParseStatusLineError {
    /// The error, found by a parser of `grammar`.
    pub(super) const fn under(self, grammar: Grammar) -> Self {
        ParseStatusLineError { grammar, ..self }
    }

    /// What the rule wanted at the offset, and the rule's name.
    pub(crate) const fn expectation(&self) -> (&'static str, &'static str) {
        use ParseStatusLineErrorKind as Kind;
        match self.kind {
            Kind::SipVersion => ("expected the version, `SIP/` then digits `.` digits", "SIP-Version"),
            Kind::LeadingLineEnding => (
                "expected the version at the start of the input, not an empty line before the status line",
                "SIP-Version",
            ),
            Kind::SpaceAfterVersion => ("expected one space after the version", "SP"),
            Kind::StatusCode => ("expected a status code of exactly three digits", "Status-Code"),
            Kind::StatusCodeOutOfRange => ("expected a status code from 100 to 699", "Status-Code"),
            Kind::SpaceAfterStatusCode => (
                "expected one space after the status code, even before an empty reason phrase",
                "SP",
            ),
            Kind::ReasonPhrase => (
                "expected reason-phrase text: no control character but tab, and none of \" # < > [ \\ ] ^ ` { | }",
                "Reason-Phrase",
            ),
            Kind::Escape => ("expected two hex digits after `%`", "escaped"),
            Kind::Utf8 => ("expected valid UTF-8 in the reason phrase", "Reason-Phrase"),
            Kind::LineEnding => ("expected the line to end with CRLF, and no CR or LF before it", "CRLF"),
            Kind::TrailingData => ("expected nothing after the CRLF that ends the status line", "CRLF"),
        }
    }

    /// Which parser takes what this one rejected, for the kinds where one does.
    const fn hint(&self) -> Option<&'static str> {
        use ParseStatusLineErrorKind as Kind;
        match (self.kind, self.grammar) {
            (Kind::TrailingData, Grammar::Strict) => {
                Some("to read the status line at the start of a whole message, use `parse_prefix`")
            }
            (Kind::TrailingData, Grammar::Lenient) => {
                Some("to read the status line at the start of a whole message, use `parse_prefix_lenient`")
            }
            (Kind::LeadingLineEnding, _) => Some(
                "skip the CRLFs a stream carries before a message (keep-alives), or use `parse_prefix_lenient`, which skips them",
            ),
            (Kind::Utf8, _) => Some("`parse_lenient` keeps a reason phrase that is not UTF-8 as bytes"),
            _ => None,
        }
    }
}

impl fmt::Display for ParseStatusLineError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        crate::error::write_located(formatter, "status line", self.offset, self.expectation(), self.found)?;
        match self.hint() {
            Some(hint) => write!(formatter, "; {hint}"),
            None => Ok(()),
        }
    }
}
