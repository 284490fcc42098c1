//! The errors of the Warning parsers, and of [`WarningValue::new`](super::WarningValue::new).

use core::fmt;

use crate::grammar::QuotedError;

/// A Warning header field value that does not follow RFC 3261's grammar, from [`parse`](super::parse) or
/// [`parse_lenient`](super::parse_lenient), or a part given to
/// [`WarningValue::new`](super::WarningValue::new) that it rejects.
///
/// Says which rule failed ([`kind`](ParseWarningError::kind)), at which byte
/// ([`offset`](ParseWarningError::offset): inside the input, or equal to its length when the
/// input ended too early) and what was found there.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct ParseWarningError {
    kind: ParseWarningErrorKind,
    offset: usize,
    found: Option<u8>,
}

/// The rule of RFC 3261 §25.1 that a [`ParseWarningError`] is about.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
#[non_exhaustive]
pub enum ParseWarningErrorKind {
    /// warn-code: not exactly three digits (or, for [`WarningValue::new`](super::WarningValue::new), above 999).
    Code,
    /// The SP after the code or after the agent is missing.
    Space,
    /// warn-agent: neither a token nor a host (hostname, IPv4 address or bracketed IPv6
    /// address) with an optional `:port`.
    Agent,
    /// warn-text: no `"` where the quoted text should start.
    Text,
    /// After a value, something other than `,` and another value, or the end of the input
    /// (blanks at the end included).
    Separator,
    /// quoted-string: no closing `"` before the input ends.
    UnclosedQuote,
    /// quoted-string: a control character other than tab, or a CR or LF that is not a line
    /// fold.
    QuotedText,
    /// quoted-pair: a backslash followed by CR, LF or a non-ASCII byte.
    Escape,
    /// quoted-string: bytes that are not valid UTF-8.
    Utf8,
}

impl From<QuotedError> for ParseWarningErrorKind {
    fn from(error: QuotedError) -> Self {
        match error {
            QuotedError::Unterminated => ParseWarningErrorKind::UnclosedQuote,
            QuotedError::Byte => ParseWarningErrorKind::QuotedText,
            QuotedError::Escape => ParseWarningErrorKind::Escape,
            QuotedError::Utf8 => ParseWarningErrorKind::Utf8,
        }
    }
}

crate::error::located_error!(ParseWarningError, ParseWarningErrorKind);

impl ParseWarningError {
    /// What the rule wanted at the offset, and the rule's name.
    const fn expectation(&self) -> (&'static str, &'static str) {
        use ParseWarningErrorKind as Kind;
        match self.kind {
            Kind::Code => ("expected a warning code of exactly three digits", "warn-code"),
            Kind::Space => ("expected one space", "SP"),
            Kind::Agent => (
                "expected a host with an optional `:port`, or a token naming the server",
                "warn-agent",
            ),
            Kind::Text => ("expected the warning text in double quotes", "warn-text"),
            Kind::Separator => (
                "expected `,` and another value, or the end of the value",
                "warning-value",
            ),
            Kind::UnclosedQuote => QuotedError::Unterminated.expectation(),
            Kind::QuotedText => QuotedError::Byte.expectation(),
            Kind::Escape => QuotedError::Escape.expectation(),
            Kind::Utf8 => QuotedError::Utf8.expectation(),
        }
    }
}

impl fmt::Display for ParseWarningError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        crate::error::write_located(formatter, "Warning header", self.offset, self.expectation(), self.found)
    }
}
