//! The error of the audit's entry points: bytes that are not the message they should be.

use core::fmt;

use crate::message::ParseMessageError;

/// Which of the messages given the error is about.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Part {
    /// The request (of [`check_exchange`](super::check_exchange)).
    Request,
    /// The response.
    Response,
    /// A message of a trace, request or response ([`Auditor`](super::Auditor)).
    Message,
}

impl Part {
    const fn noun(self) -> &'static str {
        match self {
            Part::Request => "request",
            Part::Response => "response",
            Part::Message => "message",
        }
    }
}

/// What went wrong.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
#[non_exhaustive]
pub enum AuditErrorKind {
    /// The bytes are not a SIP message: the message parser's error says which rule failed.
    Malformed(ParseMessageError),
    /// A response was expected and a request came (its Request-Line at byte 0).
    NotAResponse,
    /// A request was expected and a response came (its Status-Line at byte 0).
    NotARequest,
}

/// Bytes the audit cannot read as the message it was given: malformed (with the byte
/// offset and the rule of RFC 3261's grammar that failed) or a request where a response
/// belongs, and the other way round. The audit never panics on any input.
///
/// ```
/// use sipcodes::audit::{self, Part};
///
/// let error = audit::check_response(b"SIP/2.0 200 OK\r\nCSeq 1 INVITE\r\n\r\n").unwrap_err();
/// assert_eq!((error.part(), error.offset(), error.rule()), (Part::Response, 21, "HCOLON"));
/// assert_eq!(
///     error.to_string(),
///     "cannot audit the response: invalid SIP message at byte 21: expected `:` after the header field name (HCOLON), found `1`"
/// );
/// let error = audit::check_response(b"OPTIONS sip:a.example.com SIP/2.0\r\n\r\n").unwrap_err();
/// assert_eq!((error.offset(), error.rule()), (0, "Status-Line"));
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct AuditError {
    part: Part,
    kind: AuditErrorKind,
}

impl AuditError {
    pub(super) const fn new(part: Part, kind: AuditErrorKind) -> Self {
        AuditError { part, kind }
    }

    /// Which message the error is about.
    #[must_use]
    pub const fn part(&self) -> Part {
        self.part
    }

    /// What went wrong.
    #[must_use]
    pub const fn kind(&self) -> AuditErrorKind {
        self.kind
    }

    /// Where: a byte offset in the message's bytes (its length when they end too early).
    #[must_use]
    pub const fn offset(&self) -> usize {
        match self.kind {
            AuditErrorKind::Malformed(error) => error.offset(),
            AuditErrorKind::NotAResponse | AuditErrorKind::NotARequest => 0,
        }
    }

    /// The rule of RFC 3261's grammar (§25.1) that failed, e.g. `"HCOLON"`, `"Status-Line"`.
    #[must_use]
    pub fn rule(&self) -> &'static str {
        match self.kind {
            AuditErrorKind::Malformed(error) => error.rule(),
            AuditErrorKind::NotAResponse => "Status-Line",
            AuditErrorKind::NotARequest => "Request-Line",
        }
    }
}

impl fmt::Display for AuditError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        let noun = self.part.noun();
        match self.kind {
            AuditErrorKind::Malformed(error) => write!(formatter, "cannot audit the {noun}: {error}"),
            AuditErrorKind::NotAResponse => write!(
                formatter,
                "cannot audit the {noun}: expected a SIP response at byte 0 (Status-Line), found a request; give the request as the exchange's first message"
            ),
            AuditErrorKind::NotARequest => write!(
                formatter,
                "cannot audit the {noun}: expected a SIP request at byte 0 (Request-Line), found a response"
            ),
        }
    }
}

#[cfg(feature = "std")]
impl std::error::Error for AuditError {}
