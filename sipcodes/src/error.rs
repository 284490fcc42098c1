//! Errors of the codes' API; the status line's are beside it, in `status_line`. Each says
//! what was wrong and what is valid.

use core::fmt;

/// A number outside 100–699 was given as a SIP status code.
///
/// ```
/// let error = sipcodes::StatusCode::from_u16(99).unwrap_err();
/// assert_eq!(error.value(), 99);
/// assert_eq!(error.to_string(), "invalid SIP status code 99: a status code is a number from 100 to 699");
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct InvalidStatusCode {
    value: u16,
}

impl InvalidStatusCode {
    pub(crate) const fn new(value: u16) -> Self {
        InvalidStatusCode { value }
    }

    /// The rejected number.
    #[must_use]
    pub const fn value(&self) -> u16 {
        self.value
    }
}

impl fmt::Display for InvalidStatusCode {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            formatter,
            "invalid SIP status code {}: a status code is a number from 100 to 699",
            self.value
        )
    }
}

impl core::error::Error for InvalidStatusCode {}

/// A code that a generated table (such as [`Code`](crate::Code)) has no entry for.
///
/// ```
/// use sipcodes::{Code, StatusCode};
///
/// let error = Code::try_from(StatusCode::from_u16(499).unwrap()).unwrap_err();
/// assert_eq!(error.code(), 499);
/// assert_eq!(error.to_string(), "status code 499 is not in the codes table");
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct UnknownCode {
    code: u16,
}

impl UnknownCode {
    /// An error for `code`. Used by the generated `TryFrom` impls.
    #[must_use]
    pub const fn new(code: u16) -> Self {
        UnknownCode { code }
    }

    /// The code that has no entry.
    #[must_use]
    pub const fn code(&self) -> u16 {
        self.code
    }
}

impl fmt::Display for UnknownCode {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "status code {} is not in the codes table", self.code)
    }
}

impl core::error::Error for UnknownCode {}

/// Text that is not a status code: returned by [`StatusCode`](crate::StatusCode)'s `FromStr`.
///
/// Says which rule failed and at which byte of the input.
///
/// ```
/// use sipcodes::{ParseStatusCodeErrorKind, StatusCode};
///
/// let error = "48".parse::<StatusCode>().unwrap_err();
/// assert_eq!(error.kind(), ParseStatusCodeErrorKind::NotThreeDigits);
/// assert_eq!(error.offset(), 0);
/// assert_eq!(
///     error.to_string(),
///     "invalid status code at byte 0: expected a status code of exactly three digits"
/// );
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct ParseStatusCodeError {
    kind: ParseStatusCodeErrorKind,
    offset: usize,
}

/// Which rule a [`ParseStatusCodeError`] is about.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
#[non_exhaustive]
pub enum ParseStatusCodeErrorKind {
    /// The input is empty.
    Empty,
    /// The code is not exactly three ASCII digits.
    NotThreeDigits,
    /// Three digits, but not from 100 to 699.
    OutOfRange,
    /// Something other than one space follows the digits.
    ExpectedSpace,
    /// The phrase after the code is not its reason phrase or an alias of it.
    PhraseMismatch,
    /// A phrase follows a code that has no registered reason phrase.
    UnregisteredWithPhrase,
}

impl ParseStatusCodeError {
    pub(crate) const fn new(kind: ParseStatusCodeErrorKind, offset: usize) -> Self {
        ParseStatusCodeError { kind, offset }
    }

    /// Which rule failed.
    #[must_use]
    pub const fn kind(&self) -> ParseStatusCodeErrorKind {
        self.kind
    }

    /// The byte offset in the input where the problem starts.
    #[must_use]
    pub const fn offset(&self) -> usize {
        self.offset
    }
}

impl fmt::Display for ParseStatusCodeError {
    /// `invalid status code at byte N: ...`, the shape of every error here that points into
    /// its input.
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.kind {
            ParseStatusCodeErrorKind::Empty => {
                "expected a status code such as `486` or `486 Busy Here`, found the end of the input"
            }
            ParseStatusCodeErrorKind::NotThreeDigits => "expected a status code of exactly three digits",
            ParseStatusCodeErrorKind::OutOfRange => "expected a status code from 100 to 699",
            ParseStatusCodeErrorKind::ExpectedSpace => "expected one space between the code and its reason phrase",
            ParseStatusCodeErrorKind::PhraseMismatch => "the phrase is not this code's reason phrase or an alias of it",
            ParseStatusCodeErrorKind::UnregisteredWithPhrase => {
                "the code is not registered, so no reason phrase can follow it; give the number alone"
            }
        };
        write!(formatter, "invalid status code at byte {}: {what}", self.offset)
    }
}

impl core::error::Error for ParseStatusCodeError {}
