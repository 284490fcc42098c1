//! The errors of the Reason parsers, and of [`ReasonValue::new`](super::ReasonValue::new).

use core::fmt;

use crate::grammar::QuotedError;

/// A Reason header field value that does not follow RFC 3326's grammar, from [`parse`](super::parse) or
/// [`parse_lenient`](super::parse_lenient), or a protocol or text given to
/// [`ReasonValue::new`](super::ReasonValue::new) that it rejects.
///
/// Says which rule failed ([`kind`](ParseReasonError::kind)), at which byte
/// ([`offset`](ParseReasonError::offset): inside the input, or equal to its length when the
/// input ended too early) and what was found there.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct ParseReasonError {
    kind: ParseReasonErrorKind,
    offset: usize,
    found: Option<u8>,
}

/// The rule of RFC 3326 §2 (or of RFC 3261 §25.1 that it uses) that a [`ParseReasonError`]
/// is about.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
#[non_exhaustive]
pub enum ParseReasonErrorKind {
    /// protocol: no token where a value starts (an empty value, or one starting with `;`, a
    /// blank or a quote).
    Protocol,
    /// After a value or parameter, something other than `;` and a parameter, `,` and another
    /// value, or the end of the input (blanks at the end included).
    Separator,
    /// reason-params: no token after `;`.
    ParameterName,
    /// generic-param: after `=`, no token, IPv6 reference or quoted-string.
    ParameterValue,
    /// protocol-cause: `cause` without `=` and digits, or with more than digits.
    Cause,
    /// protocol-cause: a number above 65535.
    CauseTooLarge,
    /// reason-text: `text` without `=` and a quoted-string.
    Text,
    /// The same value holds `cause` twice, or `text` twice.
    Duplicate,
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

impl From<QuotedError> for ParseReasonErrorKind {
    fn from(error: QuotedError) -> Self {
        match error {
            QuotedError::Unterminated => ParseReasonErrorKind::UnclosedQuote,
            QuotedError::Byte => ParseReasonErrorKind::QuotedText,
            QuotedError::Escape => ParseReasonErrorKind::Escape,
            QuotedError::Utf8 => ParseReasonErrorKind::Utf8,
        }
    }
}

crate::error::located_error!(ParseReasonError, ParseReasonErrorKind);

impl ParseReasonError {
    /// What the rule wanted at the offset, and the rule's name.
    const fn expectation(&self) -> (&'static str, &'static str) {
        use ParseReasonErrorKind as Kind;
        match self.kind {
            Kind::Protocol => ("expected a protocol token such as `SIP` or `Q.850`", "protocol"),
            Kind::Separator => (
                "expected `;` and a parameter, `,` and another value, or the end of the value",
                "reason-value",
            ),
            Kind::ParameterName => ("expected a parameter name after `;`", "reason-params"),
            Kind::ParameterValue => (
                "expected a token, an IPv6 reference or a quoted-string after `=`",
                "gen-value",
            ),
            Kind::Cause => ("expected the cause's digits", "protocol-cause"),
            Kind::CauseTooLarge => ("expected a cause no larger than 65535", "protocol-cause"),
            Kind::Text => ("expected a quoted-string after `text=`", "reason-text"),
            Kind::Duplicate => (
                "expected at most one `cause` and one `text` in a value",
                "reason-params",
            ),
            Kind::UnclosedQuote => QuotedError::Unterminated.expectation(),
            Kind::QuotedText => QuotedError::Byte.expectation(),
            Kind::Escape => QuotedError::Escape.expectation(),
            Kind::Utf8 => QuotedError::Utf8.expectation(),
        }
    }
}

impl fmt::Display for ParseReasonError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        crate::error::write_located(formatter, "Reason header", self.offset, self.expectation(), self.found)
    }
}
