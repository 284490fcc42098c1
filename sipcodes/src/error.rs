//! Errors of the codes' API, and [`BufferTooSmall`], which every `write_to_slice` returns;
//! the parsers' errors are beside their parsers. Each says what was wrong and what is valid.

use core::fmt;

use crate::Registration;

/// A number outside 100–699 was given as a SIP status code.
///
/// ```
/// let error = sipcodes::StatusCode::from_u16(99).unwrap_err();
/// assert_eq!(error.code(), 99);
/// assert_eq!(error.to_string(), "invalid SIP status code 99: a status code is a number from 100 to 699");
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct InvalidStatusCode {
    code: u16,
}

impl InvalidStatusCode {
    pub(crate) const fn new(code: u16) -> Self {
        InvalidStatusCode { code }
    }

    /// The rejected number.
    #[must_use]
    pub const fn code(&self) -> u16 {
        self.code
    }
}

impl fmt::Display for InvalidStatusCode {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            formatter,
            "invalid SIP status code {}: a status code is a number from 100 to 699",
            self.code
        )
    }
}

impl core::error::Error for InvalidStatusCode {}

/// A code that a generated table (such as [`Code`](crate::Code)) has no entry for.
///
/// ```
/// use sipcodes::{Code, StatusCode};
///
/// // 699 is not registered, and `Code` holds registered codes only.
/// # if Code::from_u16(699).is_none() {
/// let error = Code::try_from(StatusCode::from_u16(699).unwrap()).unwrap_err();
/// assert_eq!(error.code(), 699);
/// assert_eq!(error.table(), "Code");
/// assert_eq!(error.to_string(), "status code 699 is not in the `Code` table");
/// # }
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct UnknownCode {
    code: u16,
    table: &'static str,
}

impl UnknownCode {
    pub(crate) const fn new(code: u16, table: &'static str) -> Self {
        UnknownCode { code, table }
    }

    /// The code that has no entry.
    #[must_use]
    pub const fn code(&self) -> u16 {
        self.code
    }

    /// The name of the enum whose table has no entry for the code, e.g. `"Code"`.
    #[must_use]
    pub const fn table(&self) -> &'static str {
        self.table
    }
}

impl fmt::Display for UnknownCode {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            formatter,
            "status code {} is not in the `{}` table",
            self.code, self.table
        )
    }
}

impl core::error::Error for UnknownCode {}

/// A deprecated or obsolete code given where a current one is needed: returned by the
/// `for_sending` check of [`Code`](crate::Code) and every generated enum.
///
/// A receiver acts on whatever code it gets ([`StatusCode::canonical`](crate::StatusCode::canonical)
/// maps 202 to 200, for instance); a sender should not start using a code the registry has
/// retired, and this error says what to send instead.
///
/// ```
/// use sipcodes::{Code, Registration, StatusLine};
///
/// let error = Code::Accepted.for_sending().unwrap_err();
/// assert_eq!(error.code(), 202);
/// assert_eq!(error.reason_phrase(), "Accepted");
/// assert_eq!(error.registration(), Registration::Deprecated);
/// assert!(error.to_string().starts_with("202 Accepted is deprecated: "));
///
/// // The usual check before writing a response:
/// let line = StatusLine::from(Code::Ok.for_sending()?);
/// assert_eq!(line.to_string(), "SIP/2.0 200 OK");
///
/// // In a constant, the same check is a compile error for a retired code.
/// const CHECKED: Code = match Code::Ok.for_sending() {
///     Ok(code) => code,
///     Err(_) => panic!("a retired code"),
/// };
/// # Ok::<(), sipcodes::DeprecatedCode>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct DeprecatedCode {
    code: u16,
    reason_phrase: &'static str,
    registration: Registration,
    note: &'static str,
}

impl DeprecatedCode {
    pub(crate) const fn new(
        code: u16,
        reason_phrase: &'static str,
        registration: Registration,
        note: &'static str,
    ) -> Self {
        DeprecatedCode {
            code,
            reason_phrase,
            registration,
            note,
        }
    }

    /// The code, e.g. `202`.
    #[must_use]
    pub const fn code(&self) -> u16 {
        self.code
    }

    /// The code's registered reason phrase, e.g. `"Accepted"`, as the message writes it.
    #[must_use]
    pub const fn reason_phrase(&self) -> &'static str {
        self.reason_phrase
    }

    /// Whether the code is deprecated or obsolete.
    #[must_use]
    pub const fn registration(&self) -> Registration {
        self.registration
    }

    /// What the table says replaced the code, or what to send instead.
    #[must_use]
    pub const fn note(&self) -> &'static str {
        self.note
    }
}

impl fmt::Display for DeprecatedCode {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            formatter,
            "{} {} is {}: {}",
            self.code, self.reason_phrase, self.registration, self.note
        )
    }
}

impl core::error::Error for DeprecatedCode {}

/// A buffer too short for what a `write_to_slice` method was asked to write: a status line
/// ([`StatusLine::write_to_slice`](crate::StatusLine::write_to_slice)), a Reason value or a
/// Warning value.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct BufferTooSmall {
    needed: usize,
    available: usize,
    /// What was being written, for the message: "status line".
    what: &'static str,
}

impl BufferTooSmall {
    pub(crate) const fn new(needed: usize, available: usize, what: &'static str) -> Self {
        BufferTooSmall {
            needed,
            available,
            what,
        }
    }

    /// The bytes the text needs (for a status line, with its CRLF).
    #[must_use]
    pub const fn needed(&self) -> usize {
        self.needed
    }

    /// The bytes the buffer has.
    #[must_use]
    pub const fn available(&self) -> usize {
        self.available
    }
}

impl fmt::Display for BufferTooSmall {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            formatter,
            "buffer too small for the {}: it needs {} bytes and has {}; give a buffer of at least `encoded_len()` bytes",
            self.what, self.needed, self.available
        )
    }
}

impl core::error::Error for BufferTooSmall {}

/// Text that is not a status code: returned by the `FromStr` of
/// [`StatusCode`](crate::StatusCode), [`Code`](crate::Code) and every generated enum.
///
/// Says which rule failed, at which byte of the input, and what was found there, as the
/// status line's errors do.
///
/// ```
/// use sipcodes::{Code, ParseStatusCodeErrorKind, StatusCode};
///
/// let error = "48".parse::<StatusCode>().unwrap_err();
/// assert_eq!(error.kind(), ParseStatusCodeErrorKind::NotThreeDigits);
/// assert_eq!((error.offset(), error.found()), (2, None));
/// assert_eq!(
///     error.to_string(),
///     "invalid status code at byte 2: expected a status code of exactly three digits (Status-Code), \
///      found the end of the input"
/// );
///
/// // A generated enum reads only its own phrases.
/// let error = "486 Besetzt".parse::<Code>().unwrap_err();
/// assert_eq!(error.kind(), ParseStatusCodeErrorKind::PhraseMismatch);
/// assert_eq!((error.offset(), error.found(), error.table()), (4, Some(b'B'), "Code"));
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct ParseStatusCodeError {
    kind: ParseStatusCodeErrorKind,
    offset: usize,
    found: Option<u8>,
    /// The enum whose table was searched, for the kinds about a table.
    table: &'static str,
}

/// Which rule a [`ParseStatusCodeError`] is about.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
#[non_exhaustive]
pub enum ParseStatusCodeErrorKind {
    /// The input is empty, or blanks only.
    Empty,
    /// The code is not exactly three ASCII digits: the offset is the byte that is not a digit
    /// (or a fourth digit).
    NotThreeDigits,
    /// Three digits, but not from 100 to 699.
    OutOfRange,
    /// Something other than a blank follows the digits.
    ExpectedSpace,
    /// The phrase after the code is not its reason phrase or an alias of it in the table of
    /// the enum being parsed ([`StatusCode`](crate::StatusCode) takes any phrase).
    PhraseMismatch,
    /// A valid code that the table of the enum being parsed has no entry for.
    NotInTable,
}

impl ParseStatusCodeError {
    /// The name of the enum whose table the text was parsed against (`"Code"` for
    /// [`StatusCode`](crate::StatusCode) and [`Code`](crate::Code)).
    #[must_use]
    pub const fn table(&self) -> &'static str {
        self.table
    }

    /// What was expected, and the RFC 3261 grammar rule it is part of.
    const fn expectation(&self) -> (&'static str, &'static str) {
        use ParseStatusCodeErrorKind as Kind;

        match self.kind {
            Kind::Empty => ("expected a status code such as `486` or `486 Busy Here`", "Status-Code"),
            Kind::NotThreeDigits => ("expected a status code of exactly three digits", "Status-Code"),
            Kind::OutOfRange => ("expected a status code from 100 to 699", "Status-Code"),
            Kind::ExpectedSpace => ("expected a blank between the code and its reason phrase", "SP"),
            Kind::PhraseMismatch => ("expected the code's reason phrase or an alias of it", "Reason-Phrase"),
            Kind::NotInTable => ("expected a code in the enum's table", "Status-Code"),
        }
    }
}

impl fmt::Display for ParseStatusCodeError {
    /// `invalid status code at byte N: expected ... (Rule), found ...`, the shape of every
    /// error here that points into its input, then what to do for the kinds about a table.
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        use ParseStatusCodeErrorKind as Kind;

        write_located(formatter, "status code", self.offset, self.expectation(), self.found)?;
        let table = self.table;
        match self.kind {
            Kind::PhraseMismatch => write!(
                formatter,
                "; the `{table}` table names this code otherwise: give the number alone, or read a `StatusCode` to accept any phrase"
            ),
            Kind::NotInTable => write!(
                formatter,
                "; the `{table}` table has no entry for this code: read a `StatusCode` to accept any code from 100 to 699"
            ),
            Kind::Empty | Kind::NotThreeDigits | Kind::OutOfRange | Kind::ExpectedSpace => Ok(()),
        }
    }
}

/// The parts shared by the errors that point at a byte of their input
/// ([`ParseStatusLineError`](crate::ParseStatusLineError), [`ParseStatusCodeError`] and the
/// Reason and Warning errors): a struct of `kind`, `offset` and `found` gets its constructor
/// `at` and its accessors, and its `Display` starts with [`write_located`]. Further fields
/// are either arguments of `at` (`field: Type`) or given the value `at` gives them after a
/// semicolon (`; field = value`).
macro_rules! located_error {
    ($error:ident, $kind:ident $(, $field:ident: $type:ty)* $(; $fixed:ident = $value:expr)*) => {
        impl $error {
            /// An error of `kind` at `offset` in `input`, noting the byte found there.
            #[cold]
            #[inline(never)]
            pub(crate) fn at(input: &[u8], kind: $kind, offset: usize $(, $field: $type)*) -> Self {
                $error {
                    kind,
                    offset,
                    found: input.get(offset).copied(),
                    $($field,)*
                    $($fixed: $value,)*
                }
            }

            /// Which rule failed.
            #[must_use]
            pub const fn kind(&self) -> $kind {
                self.kind
            }

            /// The byte offset of the problem in the input: at most the input's length, which
            /// means the input ended where more was expected.
            #[must_use]
            pub const fn offset(&self) -> usize {
                self.offset
            }

            #[doc = concat!(
                        "The byte at [`offset`](", stringify!($error), "::offset), or `None` if the input ended there."
                    )]
            #[must_use]
            pub const fn found(&self) -> Option<u8> {
                self.found
            }
        }

        impl core::error::Error for $error {}
    };
}
pub(crate) use located_error;

located_error!(ParseStatusCodeError, ParseStatusCodeErrorKind, table: &'static str);

/// The message of an error that points at a byte of its input, the shape every such error
/// here has: `invalid {what} at byte {offset}: {expected} ({rule}), found {found}`.
pub(crate) fn write_located(
    formatter: &mut fmt::Formatter<'_>,
    what: &str,
    offset: usize,
    (expected, rule): (&str, &str),
    found: Option<u8>,
) -> fmt::Result {
    write!(
        formatter,
        "invalid {what} at byte {offset}: {expected} ({rule}), found "
    )?;
    describe_found(found, formatter)
}

/// Names the byte an error found, for its message: "the end of the input", "a space",
/// "`x`", "the byte 0x07".
fn describe_found(found: Option<u8>, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
    match found {
        None => formatter.write_str("the end of the input"),
        Some(b'\r') => formatter.write_str("a carriage return (CR)"),
        Some(b'\n') => formatter.write_str("a line feed (LF)"),
        Some(b'\t') => formatter.write_str("a tab"),
        Some(b' ') => formatter.write_str("a space"),
        Some(byte @ 0x21..=0x7e) => write!(formatter, "`{}`", char::from(byte)),
        Some(byte) => write!(formatter, "the byte 0x{byte:02X}"),
    }
}
