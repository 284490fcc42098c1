//! The first line of a SIP response, `SIP/2.0 486 Busy Here`: parsed without copying,
//! written without allocating.

use core::fmt;

use crate::{Code, StatusCode};

/// The version [`StatusLine::new`] writes, and the one [`StatusLine::is_sip_2_0`] checks for.
const SIP_2_0: &str = "SIP/2.0";

/// The status line of a SIP response (RFC 3261 §7.2 and §25.1):
/// `SIP-Version SP Status-Code SP Reason-Phrase CRLF`.
///
/// Parsing borrows the version and the reason phrase from the input, so it neither copies
/// nor allocates, and takes time linear in the line's length. Formatting writes into a
/// [`Formatter`](fmt::Formatter), a byte slice or (with the `std` feature) any
/// `std::io::Write`, none of which allocates either.
///
/// ```
/// use sipcodes::{Code, StatusLine};
///
/// let line = StatusLine::parse(b"SIP/2.0 486 Busy Here\r\n")?;
/// assert_eq!(line.code().known(), Some(Code::BusyHere));
/// assert_eq!(line.reason(), "Busy Here");
/// assert!(line.is_sip_2_0());
///
/// // A peer's own wording is kept as sent.
/// let line = StatusLine::parse_str("SIP/2.0 480 Gone fishing")?;
/// assert_eq!(line.reason(), "Gone fishing");
///
/// let mut buffer = [0; 64];
/// let length = StatusLine::from(Code::Ok).write_to_slice(&mut buffer)?;
/// assert_eq!(&buffer[..length], b"SIP/2.0 200 OK\r\n");
/// # Ok::<(), Box<dyn core::error::Error>>(())
/// ```
///
/// # Strict and lenient parsing
///
/// [`parse`](StatusLine::parse) accepts exactly what RFC 3261's grammar accepts, with three
/// deliberate differences: the trailing CRLF may be left off (many callers have already split
/// the line from the message); the code must be from 100 to 699 (the grammar's
/// `extension-code` is any three digits, but §7.2 defines six classes and no others); and the
/// reason phrase must be valid UTF-8 (the grammar would also let a stray UTF-8 continuation
/// byte through, but the phrase is returned as a `&str`). Control characters from U+0080 to
/// U+009F are accepted, as the grammar's `UTF8-NONASCII` does.
/// [`parse_lenient`](StatusLine::parse_lenient) also takes the slips some peers make.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct StatusLine<'a> {
    version: &'a str,
    code: StatusCode,
    reason: &'a str,
}

impl StatusLine<'static> {
    /// `SIP/2.0`, `code` and its registered reason phrase.
    ///
    /// A code that is not registered gets the phrase of its class's x00 code: `499` becomes
    /// `SIP/2.0 499 Bad Request`, and `150` becomes `SIP/2.0 150 Trying`. (This is not
    /// [`StatusCode::canonical`], which treats an unknown 1xx as 183: the phrase only has to
    /// describe the class, and x00 is the class's general answer.)
    ///
    /// ```
    /// use sipcodes::{StatusCode, StatusLine};
    ///
    /// let line = |code| StatusLine::new(StatusCode::from_u16(code).unwrap()).to_string();
    /// assert_eq!(line(486), "SIP/2.0 486 Busy Here");
    /// assert_eq!(line(499), "SIP/2.0 499 Bad Request");
    /// assert_eq!(line(150), "SIP/2.0 150 Trying");
    /// ```
    #[must_use]
    pub const fn new(code: StatusCode) -> StatusLine<'static> {
        let reason = match code.known() {
            Some(known) => known.reason_phrase(),
            None => match Code::from_u16(code.as_u16() / 100 * 100) {
                Some(general) => general.reason_phrase(),
                None => "",
            },
        };
        StatusLine {
            version: SIP_2_0,
            code,
            reason,
        }
    }

    /// `SIP/2.0`, `code` and a phrase from a table of `codes!`. Not public API: the
    /// generated `From` impls call it with phrases the macro checked against the strict
    /// Reason-Phrase rule, so the line needs no check at run time.
    #[doc(hidden)]
    #[must_use]
    pub const fn __from_table(code: StatusCode, reason_phrase: &'static str) -> StatusLine<'static> {
        StatusLine {
            version: SIP_2_0,
            code,
            reason: reason_phrase,
        }
    }
}

impl<'a> StatusLine<'a> {
    /// `SIP/2.0`, `code` and a reason phrase of your own (another language, more detail).
    ///
    /// The phrase is checked against RFC 3261's Reason-Phrase rule, so the line written is
    /// always one a strict parser accepts.
    ///
    /// # Errors
    ///
    /// If the phrase holds a byte the rule does not allow, or a `%` not followed by two hex
    /// digits; the error's offset is the byte offset in `reason`. The rule allows no control
    /// character but tab (so no CR or LF), and none of `"`, `#`, `<`, `>`, `[`, `\`, `]`, `^`,
    /// `` ` ``, `{`, `|`, `}`.
    ///
    /// ```
    /// use sipcodes::{Code, ParseStatusLineErrorKind, StatusLine};
    ///
    /// let line = StatusLine::with_reason(Code::BusyHere.into(), "Besetzt")?;
    /// assert_eq!(line.to_string(), "SIP/2.0 486 Besetzt");
    ///
    /// let error = StatusLine::with_reason(Code::BusyHere.into(), "Busy\r\nVia: evil").unwrap_err();
    /// assert_eq!(error.kind(), ParseStatusLineErrorKind::LineEnding);
    /// assert_eq!(error.offset(), 4);
    /// # Ok::<(), sipcodes::ParseStatusLineError>(())
    /// ```
    pub fn with_reason(code: StatusCode, reason: &'a str) -> Result<StatusLine<'a>, ParseStatusLineError> {
        let bytes = reason.as_bytes();
        let end = scan_reason(bytes, 0, Mode::Strict)?;
        if end < bytes.len() {
            // The phrase stopped at a CR or LF.
            return Err(ParseStatusLineError::at(
                bytes,
                ParseStatusLineErrorKind::LineEnding,
                end,
            ));
        }
        Ok(StatusLine {
            version: SIP_2_0,
            code,
            reason,
        })
    }

    /// Parses a status line following RFC 3261 §25.1 exactly; the trailing CRLF is optional.
    ///
    /// The version is matched case-insensitively (§7.1) and may be any `SIP/x.y`; see
    /// [`is_sip_2_0`](StatusLine::is_sip_2_0). Any code from 100 to 699 is accepted, registered
    /// or not, with whatever phrase the peer sent, including none (`SIP/2.0 100 `).
    ///
    /// # Errors
    ///
    /// Which rule failed and at which byte: see [`ParseStatusLineErrorKind`]. Anything after
    /// the CRLF is [`TrailingData`](ParseStatusLineErrorKind::TrailingData); to parse the
    /// first line of a whole message, use [`parse_prefix`](StatusLine::parse_prefix).
    ///
    /// ```
    /// use sipcodes::{ParseStatusLineErrorKind, StatusLine};
    ///
    /// let line = StatusLine::parse(b"sip/2.0 100 \r\n")?;
    /// assert_eq!((line.code().as_u16(), line.reason()), (100, ""));
    ///
    /// let error = StatusLine::parse(b"SIP/2.0 4860 Busy Here").unwrap_err();
    /// assert_eq!(error.kind(), ParseStatusLineErrorKind::StatusCode);
    /// assert_eq!(error.offset(), 11);
    /// assert_eq!(
    ///     error.to_string(),
    ///     "invalid status line at byte 11: expected a status code of exactly three digits (Status-Code), found `0`"
    /// );
    /// # Ok::<(), sipcodes::ParseStatusLineError>(())
    /// ```
    pub fn parse(line: &'a [u8]) -> Result<StatusLine<'a>, ParseStatusLineError> {
        let spans = scan_line(line, Mode::Strict)?;
        Self::from_bytes(line, &spans)
    }

    /// [`parse`](StatusLine::parse) for text that is already a `&str`: the reason phrase is
    /// not validated as UTF-8 a second time.
    ///
    /// # Errors
    ///
    /// As [`parse`](StatusLine::parse).
    pub fn parse_str(line: &'a str) -> Result<StatusLine<'a>, ParseStatusLineError> {
        let spans = scan_line(line.as_bytes(), Mode::Strict)?;
        Self::from_text(line, &spans)
    }

    /// Parses the status line at the start of a whole message and returns it with the bytes
    /// after its CRLF (the header fields and body), so a message parser can carry on there.
    ///
    /// The line is checked as strictly as by [`parse`](StatusLine::parse), and its CRLF is
    /// required.
    ///
    /// # Errors
    ///
    /// As [`parse`](StatusLine::parse); a message without a CRLF after the status line is a
    /// [`LineEnding`](ParseStatusLineErrorKind::LineEnding) error at the end of the input.
    ///
    /// ```
    /// use sipcodes::StatusLine;
    ///
    /// let message = b"SIP/2.0 200 OK\r\nCSeq: 1 INVITE\r\n\r\n";
    /// let (line, headers) = StatusLine::parse_prefix(message)?;
    /// assert_eq!(line.code().as_u16(), 200);
    /// assert_eq!(headers, b"CSeq: 1 INVITE\r\n\r\n");
    /// # Ok::<(), sipcodes::ParseStatusLineError>(())
    /// ```
    pub fn parse_prefix(message: &'a [u8]) -> Result<(StatusLine<'a>, &'a [u8]), ParseStatusLineError> {
        let spans = scan_line(message, Mode::Prefix)?;
        let line = Self::from_bytes(message, &spans)?;
        Ok((line, message.get(spans.end..).unwrap_or_default()))
    }

    /// Parses a status line, forgiving the slips some SIP peers make; never the default.
    ///
    /// On top of what [`parse`](StatusLine::parse) accepts, this takes:
    /// - several spaces or tabs between the version, the code and the phrase;
    /// - no space at all after the code when the phrase is empty (`SIP/2.0 200`);
    /// - a line ended by a bare LF;
    /// - in the phrase, any printable ASCII (such as `"`, `<` or `[`) and a `%` that starts
    ///   no escape; spaces and tabs at the end of the phrase are dropped.
    ///
    /// It still rejects a bad version or code, control characters, invalid UTF-8, a CR not
    /// followed by LF, and anything after the line ending, so the result is still one line
    /// and a valid `&str`.
    ///
    /// # Errors
    ///
    /// As [`parse`](StatusLine::parse), for what is left.
    ///
    /// ```
    /// use sipcodes::StatusLine;
    ///
    /// let line = StatusLine::parse_lenient(b"SIP/2.0  404\tNot \"here\" \n")?;
    /// assert_eq!((line.code().as_u16(), line.reason()), (404, "Not \"here\""));
    /// assert!(StatusLine::parse(b"SIP/2.0  404\tNot \"here\" \n").is_err());
    /// # Ok::<(), sipcodes::ParseStatusLineError>(())
    /// ```
    pub fn parse_lenient(line: &'a [u8]) -> Result<StatusLine<'a>, ParseStatusLineError> {
        let spans = scan_line(line, Mode::Lenient)?;
        Self::from_bytes(line, &spans)
    }

    #[allow(
        clippy::inline_always,
        reason = "inlined into each parser, a line takes ~20 ns instead of ~40 (BENCHMARKS.md)"
    )]
    #[inline(always)]
    fn from_bytes(line: &'a [u8], spans: &Spans) -> Result<StatusLine<'a>, ParseStatusLineError> {
        // One UTF-8 check from the start of the line to the end of the phrase: the version
        // and the code are ASCII already, so an error can only be in the phrase. Both parts
        // are then borrowed from the checked text.
        let text = core::str::from_utf8(line.get(..spans.reason.1).unwrap_or_default())
            .map_err(|error| ParseStatusLineError::at(line, ParseStatusLineErrorKind::Utf8, error.valid_up_to()))?;
        Self::from_text(text, spans)
    }

    /// The line's parts, borrowed from `text`: the line from its start, at least up to the end
    /// of the phrase.
    #[allow(
        clippy::inline_always,
        reason = "inlined into each parser, a line takes ~20 ns instead of ~40 (BENCHMARKS.md)"
    )]
    #[inline(always)]
    fn from_text(text: &'a str, spans: &Spans) -> Result<StatusLine<'a>, ParseStatusLineError> {
        let (start, end) = spans.reason;
        // Every boundary is next to an ASCII byte, hence a char boundary: `get` cannot fail.
        let (Some(version), Some(reason)) = (text.get(..spans.version_end), text.get(start..end)) else {
            return Err(ParseStatusLineError::at(
                text.as_bytes(),
                ParseStatusLineErrorKind::Utf8,
                start,
            ));
        };
        Ok(StatusLine {
            version,
            code: spans.code,
            reason,
        })
    }

    /// The SIP-Version as received, e.g. `SIP/2.0` (or `sip/2.0`: the comparison is
    /// case-insensitive); `SIP/2.0` for a line made with [`new`](StatusLine::new).
    ///
    /// The parsers accept any `SIP/x.y`, so that a stack can answer an unsupported version
    /// itself; [`is_sip_2_0`](StatusLine::is_sip_2_0) tells whether it is the one in use.
    #[must_use]
    pub const fn version(&self) -> &'a str {
        self.version
    }

    /// Whether the version is `SIP/2.0`, in any ASCII case: the only version RFC 3261
    /// defines, and the one a response to a SIP/2.0 request carries.
    #[must_use]
    pub fn is_sip_2_0(&self) -> bool {
        self.version.as_bytes().eq_ignore_ascii_case(SIP_2_0.as_bytes())
    }

    /// The status code.
    #[must_use]
    pub const fn code(&self) -> StatusCode {
        self.code
    }

    /// The reason phrase, borrowed from the parsed input; possibly empty. Escapes such as
    /// `%20` are left as they are.
    #[must_use]
    pub const fn reason(&self) -> &'a str {
        self.reason
    }

    /// The length of the line with its CRLF: what [`write_to_slice`](StatusLine::write_to_slice)
    /// needs.
    #[must_use]
    pub const fn encoded_len(&self) -> usize {
        self.version.len() + self.reason.len() + " 486 \r\n".len()
    }

    /// Writes the line and its CRLF to the start of `buffer` and returns their length.
    ///
    /// # Errors
    ///
    /// If `buffer` is shorter than [`encoded_len`](StatusLine::encoded_len); nothing is
    /// written then.
    ///
    /// ```
    /// use sipcodes::{Code, StatusLine};
    ///
    /// let line = StatusLine::new(Code::BusyHere.into());
    /// let mut buffer = [0; 32];
    /// let length = line.write_to_slice(&mut buffer)?;
    /// assert_eq!(&buffer[..length], b"SIP/2.0 486 Busy Here\r\n");
    ///
    /// let error = line.write_to_slice(&mut [0; 8]).unwrap_err();
    /// assert_eq!((error.needed(), error.available()), (23, 8));
    /// # Ok::<(), sipcodes::BufferTooSmall>(())
    /// ```
    pub fn write_to_slice(&self, buffer: &mut [u8]) -> Result<usize, BufferTooSmall> {
        let needed = self.encoded_len();
        let too_small = BufferTooSmall::new(needed, buffer.len(), "status line");
        let out = buffer.get_mut(..needed).ok_or(too_small)?;
        let (version, rest) = out.split_at_mut(self.version.len());
        copy_short(version, self.version.as_bytes());
        let (code, rest) = rest.split_at_mut(5);
        code.copy_from_slice(&self.code_with_spaces());
        let (reason, crlf) = rest.split_at_mut(self.reason.len());
        copy_short(reason, self.reason.as_bytes());
        crlf.copy_from_slice(b"\r\n");
        Ok(needed)
    }

    /// Writes the line and its CRLF to `writer`, in one `write_all` call when the line fits in
    /// a 256-byte stack buffer (all registered codes' lines do).
    ///
    /// # Errors
    ///
    /// Whatever `writer` returns.
    ///
    /// ```
    /// use sipcodes::{Code, StatusLine};
    ///
    /// let mut wire = Vec::new();
    /// StatusLine::new(Code::Ok.into()).write_to(&mut wire)?;
    /// assert_eq!(wire, b"SIP/2.0 200 OK\r\n");
    /// # Ok::<(), std::io::Error>(())
    /// ```
    #[cfg(feature = "std")]
    #[cfg_attr(docsrs, doc(cfg(feature = "std")))]
    pub fn write_to<W: std::io::Write>(&self, mut writer: W) -> std::io::Result<()> {
        let mut buffer = [0; 256];
        if let Ok(length) = self.write_to_slice(&mut buffer) {
            return writer.write_all(buffer.get(..length).unwrap_or_default());
        }
        writer.write_all(self.version.as_bytes())?;
        writer.write_all(&self.code_with_spaces())?;
        writer.write_all(self.reason.as_bytes())?;
        writer.write_all(b"\r\n")
    }

    /// ` 486 `: the code between the two separating spaces.
    const fn code_with_spaces(&self) -> [u8; 5] {
        let code = self.code.as_u16();
        [b' ', digit(code / 100), digit(code / 10), digit(code), b' ']
    }
}

/// `to.copy_from_slice(from)` for slices of the same length, without a call to `memcpy` from 4
/// to 32 bytes (the version, and nearly every phrase): two overlapping copies of a fixed size.
#[inline]
fn copy_short(to: &mut [u8], from: &[u8]) {
    fn copy<const N: usize>(to: &mut [u8], from: &[u8]) {
        if let (Some(to), Some(from)) = (to.first_chunk_mut::<N>(), from.first_chunk::<N>()) {
            *to = *from;
        }
        if let (Some(to), Some(from)) = (to.last_chunk_mut::<N>(), from.last_chunk::<N>()) {
            *to = *from;
        }
    }
    match from.len() {
        _ if to.len() != from.len() => to.copy_from_slice(from),
        4..8 => copy::<4>(to, from),
        8..=16 => copy::<8>(to, from),
        17..=32 => copy::<16>(to, from),
        _ => to.copy_from_slice(from),
    }
}

/// The last decimal digit of `value`, as ASCII.
const fn digit(value: u16) -> u8 {
    // `as u8` cannot truncate: the value is below 10.
    #[allow(clippy::cast_possible_truncation)]
    let last = (value % 10) as u8;
    b'0' + last
}

impl fmt::Display for StatusLine<'_> {
    /// Writes `SIP/2.0 486 Busy Here`, without the CRLF.
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        let code = self.code_with_spaces();
        formatter.write_str(self.version)?;
        // Five ASCII bytes: always UTF-8.
        formatter.write_str(core::str::from_utf8(&code).map_err(|_| fmt::Error)?)?;
        formatter.write_str(self.reason)
    }
}

impl<'a> TryFrom<&'a [u8]> for StatusLine<'a> {
    type Error = ParseStatusLineError;

    /// [`StatusLine::parse`].
    fn try_from(line: &'a [u8]) -> Result<Self, Self::Error> {
        StatusLine::parse(line)
    }
}

impl<'a> TryFrom<&'a str> for StatusLine<'a> {
    type Error = ParseStatusLineError;

    /// [`StatusLine::parse_str`].
    fn try_from(line: &'a str) -> Result<Self, Self::Error> {
        StatusLine::parse_str(line)
    }
}

impl From<StatusCode> for StatusLine<'static> {
    /// [`StatusLine::new`].
    fn from(code: StatusCode) -> Self {
        StatusLine::new(code)
    }
}

/// A status line that does not follow RFC 3261's grammar, from [`StatusLine::parse`] and
/// its siblings, or a phrase given to [`StatusLine::with_reason`] that the grammar rejects.
///
/// Says which rule failed ([`kind`](ParseStatusLineError::kind)), at which byte
/// ([`offset`](ParseStatusLineError::offset): inside the input, or equal to its length when
/// the input ended too early) and what was found there.
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
}

/// The rule of RFC 3261 §25.1 that a [`ParseStatusLineError`] is about.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
#[non_exhaustive]
pub enum ParseStatusLineErrorKind {
    /// SIP-Version: not `SIP/` (any case), digits, `.`, digits.
    SipVersion,
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
    /// Reason-Phrase: bytes that are not valid UTF-8.
    Utf8,
    /// CRLF: a CR not followed by LF, a bare LF, or (for
    /// [`parse_prefix`](StatusLine::parse_prefix)) no CRLF at all.
    LineEnding,
    /// Something follows the CRLF that ends the line.
    TrailingData,
}

impl ParseStatusLineError {
    /// An error of `kind` at `offset` in `input`, noting the byte found there.
    #[cold]
    #[inline(never)]
    fn at(input: &[u8], kind: ParseStatusLineErrorKind, offset: usize) -> Self {
        ParseStatusLineError {
            kind,
            offset,
            found: input.get(offset).copied(),
        }
    }

    /// Which rule failed.
    #[must_use]
    pub const fn kind(&self) -> ParseStatusLineErrorKind {
        self.kind
    }

    /// The byte offset of the problem in the input: at most the input's length, which means
    /// the input ended where more was expected.
    #[must_use]
    pub const fn offset(&self) -> usize {
        self.offset
    }

    /// The byte at [`offset`](ParseStatusLineError::offset), or `None` if the input ended there.
    #[must_use]
    pub const fn found(&self) -> Option<u8> {
        self.found
    }

    /// What the rule wanted at the offset, and the rule's name.
    const fn expectation(&self) -> (&'static str, &'static str) {
        use ParseStatusLineErrorKind as Kind;
        match self.kind {
            Kind::SipVersion => ("expected the version, `SIP/` then digits `.` digits", "SIP-Version"),
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
}

impl fmt::Display for ParseStatusLineError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (expected, rule) = self.expectation();
        write!(
            formatter,
            "invalid status line at byte {}: {expected} ({rule}), found ",
            self.offset
        )?;
        crate::grammar::describe_found(self.found, formatter)
    }
}

impl core::error::Error for ParseStatusLineError {}

/// A buffer too short for what a `write_to_slice` method was asked to write: a status line
/// ([`StatusLine::write_to_slice`]), a Reason value or a Warning value.
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

    /// The length of the buffer given.
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

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// RFC 3261's grammar; the CRLF is optional and must end the input.
    Strict,
    /// RFC 3261's grammar, and the CRLF is required; bytes after it are the caller's.
    Prefix,
    /// What [`StatusLine::parse_lenient`] documents.
    Lenient,
}

/// Where the parts of a scanned line are.
struct Spans {
    version_end: usize,
    code: StatusCode,
    /// Start and end of the reason phrase.
    reason: (usize, usize),
    /// Where the line, CRLF included, ends.
    end: usize,
}

/// Checks a whole line's syntax, except the reason phrase's UTF-8, which the callers that
/// need a `&str` check with `core::str::from_utf8`; and, but for [`Mode::Prefix`], that
/// nothing follows the line.
#[allow(
    clippy::inline_always,
    reason = "inlined into each parser, a line takes ~20 ns instead of ~40 (BENCHMARKS.md)"
)]
#[inline(always)]
fn scan_line(line: &[u8], mode: Mode) -> Result<Spans, ParseStatusLineError> {
    use ParseStatusLineErrorKind as Kind;
    let error = |kind, offset| ParseStatusLineError::at(line, kind, offset);
    let byte = |offset: usize| line.get(offset).copied();
    let lenient = mode == Mode::Lenient;

    let (version_end, code, reason_start) = match common_start(line) {
        // The separator after the code, one space, or (lenient) more spaces and tabs.
        Some(code) => (
            SIP_2_0.len(),
            code,
            skip_separator(line, COMMON_REASON_START - 1, lenient),
        ),
        None => scan_start(line, lenient)?,
    };
    if let Some(spans) = registered_phrase(line, mode, (version_end, code, reason_start)) {
        return Ok(spans);
    }
    let mut reason_end = scan_reason(line, reason_start, if lenient { Mode::Lenient } else { Mode::Strict })?;
    let end = match (byte(reason_end), byte(reason_end + 1)) {
        (None, _) if mode == Mode::Prefix => return Err(error(Kind::LineEnding, reason_end)),
        (None, _) => reason_end,
        (Some(b'\r'), Some(b'\n')) => reason_end + 2,
        (Some(b'\n'), _) if lenient => reason_end + 1,
        // A CR without its LF, or a bare LF.
        _ => {
            return Err(first_of(line, reason_start, error(Kind::LineEnding, reason_end)));
        }
    };
    if mode != Mode::Prefix && end < line.len() {
        return Err(error(Kind::TrailingData, end));
    }
    if lenient {
        while reason_end > reason_start && matches!(byte(reason_end - 1), Some(b' ' | b'\t')) {
            reason_end -= 1;
        }
    }
    Ok(Spans {
        version_end,
        code,
        reason: (reason_start, reason_end),
        end,
    })
}

/// Where the phrase starts in a line that begins `SIP/2.0 200 `.
const COMMON_REASON_START: usize = b"SIP/2.0 200 ".len();

/// The code of a line that starts as nearly all do: `SIP/2.0`, a space, a code from 100 to
/// 699 and a space, checked in a few compares. `None` for any other start, which
/// [`scan_start`] then checks rule by rule.
#[allow(
    clippy::inline_always,
    reason = "inlined into each parser, a line takes ~20 ns instead of ~40 (BENCHMARKS.md)"
)]
#[inline(always)]
fn common_start(line: &[u8]) -> Option<StatusCode> {
    const VERSION_AND_SPACE: u64 = u64::from_ne_bytes(*b"SIP/2.0 ");
    let (head, rest) = line.split_first_chunk::<8>()?;
    if u64::from_ne_bytes(*head) != VERSION_AND_SPACE || rest.get(3) != Some(&b' ') {
        return None;
    }
    StatusCode::from_u16(three_digits(rest, 0)?).ok()
}

/// SIP-Version SP Status-Code SP, checked rule by rule: where the version ends, the code, and
/// where the phrase starts. Out of line: few lines need it, and the common path stays small.
#[inline(never)]
fn scan_start(line: &[u8], lenient: bool) -> Result<(usize, StatusCode, usize), ParseStatusLineError> {
    use ParseStatusLineErrorKind as Kind;
    let error = |kind, offset| ParseStatusLineError::at(line, kind, offset);
    let byte = |offset: usize| line.get(offset).copied();

    let version_end = scan_version(line)?;
    let code_start = skip_separator(line, version_end, lenient);
    if code_start == version_end {
        let kind = match byte(version_end) {
            // More of the version than the rule allows, such as `SIP/2.0a`.
            Some(found) if found.is_ascii_alphanumeric() || found == b'.' => Kind::SipVersion,
            _ => Kind::SpaceAfterVersion,
        };
        return Err(error(kind, version_end));
    }

    // Status-Code: exactly three digits, from 100 to 699.
    let code_end = code_start + 3;
    let number = three_digits(line, code_start).ok_or_else(|| status_code_error(line, code_start))?;
    if byte(code_end).is_some_and(|found| found.is_ascii_digit()) {
        return Err(error(Kind::StatusCode, code_end));
    }
    let code = StatusCode::from_u16(number).map_err(|_| error(Kind::StatusCodeOutOfRange, code_start))?;

    let reason_start = skip_separator(line, code_end, lenient);
    if reason_start > code_end {
        Ok((version_end, code, reason_start))
    } else if lenient && matches!(byte(code_end), None | Some(b'\r' | b'\n')) {
        // `SIP/2.0 200`: the phrase and its space left out.
        Ok((version_end, code, code_end))
    } else {
        Err(error(Kind::SpaceAfterStatusCode, code_end))
    }
}

/// The line's spans if its phrase is its code's registered one, followed by the line ending
/// `mode` wants; `None` sends the phrase to the byte-by-byte scan, which finds the same spans
/// or the error. Nearly every line carries its registered phrase, which the macro checked
/// against the strict Reason-Phrase rule (stricter than the lenient one) when it generated
/// the table.
#[allow(
    clippy::inline_always,
    reason = "inlined into each parser, a line takes ~20 ns instead of ~40 (BENCHMARKS.md)"
)]
#[inline(always)]
fn registered_phrase(
    line: &[u8],
    mode: Mode,
    (version_end, code, reason_start): (usize, StatusCode, usize),
) -> Option<Spans> {
    let registered = code.reason_phrase()?;
    let reason_end = reason_start + registered.len();
    if !same_bytes(line.get(reason_start..reason_end)?, registered.as_bytes()) {
        return None;
    }
    let end = match line.get(reason_end..) {
        Some([]) if mode != Mode::Prefix => reason_end,
        Some([b'\r', b'\n', ..]) => reason_end + 2,
        Some([b'\n', ..]) if mode == Mode::Lenient => reason_end + 1,
        _ => return None,
    };
    (mode == Mode::Prefix || end == line.len()).then_some(Spans {
        version_end,
        code,
        reason: (reason_start, reason_end),
        end,
    })
}

/// Checks SIP-Version = "SIP" "/" 1*DIGIT "." 1*DIGIT at the start of the line, "SIP"
/// case-insensitively (§7.1), and returns where it ends.
fn scan_version(line: &[u8]) -> Result<usize, ParseStatusLineError> {
    let error = |offset| ParseStatusLineError::at(line, ParseStatusLineErrorKind::SipVersion, offset);
    for (offset, expected) in b"SIP/".iter().enumerate() {
        if !line
            .get(offset)
            .is_some_and(|found| found.eq_ignore_ascii_case(expected))
        {
            return Err(error(offset));
        }
    }
    let major_end = skip_digits(line, 4);
    if major_end == 4 || line.get(major_end) != Some(&b'.') {
        return Err(error(major_end));
    }
    let version_end = skip_digits(line, major_end + 1);
    if version_end == major_end + 1 {
        return Err(error(version_end));
    }
    Ok(version_end)
}

/// The number written by the three ASCII digits at `start`, or `None` if there are not three.
/// Straight-line code: no loop whose exit the branch predictor could miss.
#[inline]
fn three_digits(line: &[u8], start: usize) -> Option<u16> {
    let &[hundreds, tens, units] = line.get(start..)?.first_chunk::<3>()?;
    let [hundreds, tens, units] = [hundreds, tens, units].map(|digit| u16::from(digit.wrapping_sub(b'0')));
    (hundreds < 10 && tens < 10 && units < 10).then_some(hundreds * 100 + tens * 10 + units)
}

/// The error for a Status-Code that is not three digits: at the first byte from `start` that
/// is not a digit, or at the end of the input.
#[cold]
fn status_code_error(line: &[u8], start: usize) -> ParseStatusLineError {
    let offset = skip_digits(line, start).min(start + 3);
    ParseStatusLineError::at(line, ParseStatusLineErrorKind::StatusCode, offset)
}

/// `a == b` without a call to `memcmp` (for the short phrases of status lines, the call costs
/// more than the comparison) and with few data-dependent branches: any length from 4 to 16
/// takes two overlapping word compares.
#[inline]
fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    fn first<const N: usize>(bytes: &[u8]) -> Option<&[u8; N]> {
        bytes.first_chunk::<N>()
    }
    fn last<const N: usize>(bytes: &[u8]) -> Option<&[u8; N]> {
        bytes.last_chunk::<N>()
    }
    let length = a.len();
    if length != b.len() {
        return false;
    }
    match length {
        0 => true,
        // Bytes 0, length / 2 and length - 1 cover every byte of 1 to 3.
        1..4 => a.first() == b.first() && a.get(length / 2) == b.get(length / 2) && a.last() == b.last(),
        4..8 => first::<4>(a) == first::<4>(b) && last::<4>(a) == last::<4>(b),
        8..=16 => first::<8>(a) == first::<8>(b) && last::<8>(a) == last::<8>(b),
        _ => {
            let word = |chunk: &[u8]| chunk.try_into().map_or(0, u64::from_ne_bytes);
            a.chunks_exact(8)
                .zip(b.chunks_exact(8))
                .all(|(x, y)| word(x) == word(y))
                && last::<8>(a) == last::<8>(b)
        }
    }
}

/// The end of the run of ASCII digits starting at `start`.
fn skip_digits(line: &[u8], start: usize) -> usize {
    let run = line.get(start..).unwrap_or_default();
    start + run.iter().take_while(|byte| byte.is_ascii_digit()).count()
}

/// The end of the separator at `start`: one SP, or (lenient) any run of SP and HTAB. Equal to
/// `start` if there is none.
fn skip_separator(line: &[u8], start: usize, lenient: bool) -> usize {
    if lenient {
        let run = line.get(start..).unwrap_or_default();
        start + run.iter().take_while(|byte| matches!(byte, b' ' | b'\t')).count()
    } else if line.get(start) == Some(&b' ') {
        start + 1
    } else {
        start
    }
}

/// How a byte of a reason phrase is treated.
const INVALID: u8 = 0;
/// Allowed as it is. Bytes of 0x80 and above are checked as UTF-8 afterwards, all at once.
const TEXT: u8 = 1;
const PERCENT: u8 = 2;
const LINE_END: u8 = 3;

/// Reason-Phrase = *(reserved / unreserved / escaped / UTF8-NONASCII / UTF8-CONT / SP / HTAB),
/// one class per byte. Lenient: every byte but the control characters is text.
const fn reason_byte_classes(lenient: bool) -> [u8; 256] {
    let mut classes = [INVALID; 256];
    let mut byte = 0;
    while byte < 256 {
        #[allow(clippy::cast_possible_truncation)]
        let character = byte as u8;
        // One arm per alternative of the rule, for reading against the RFC.
        #[allow(clippy::match_same_arms)]
        let class = match character {
            b'\r' | b'\n' => LINE_END,
            b'%' if !lenient => PERCENT,
            // UTF8-NONASCII / UTF8-CONT
            0x80..=0xff => TEXT,
            b'\t' | b' ' => TEXT,
            // reserved
            b';' | b'/' | b'?' | b':' | b'@' | b'&' | b'=' | b'+' | b'$' | b',' => TEXT,
            // unreserved: alphanum / mark
            b'-' | b'_' | b'.' | b'!' | b'~' | b'*' | b'\'' | b'(' | b')' => TEXT,
            b'0'..=b'9' | b'a'..=b'z' | b'A'..=b'Z' => TEXT,
            0x21..=0x7e if lenient => TEXT,
            _ => INVALID,
        };
        classes[byte] = class;
        byte += 1;
    }
    classes
}

static STRICT_REASON: [u8; 256] = reason_byte_classes(false);
static LENIENT_REASON: [u8; 256] = reason_byte_classes(true);

/// Scans the reason phrase starting at `start` and returns where it ends: at the first CR or
/// LF, or at the end of the input.
#[allow(
    clippy::inline_always,
    reason = "inlined into each parser, a line takes ~20 ns instead of ~40 (BENCHMARKS.md)"
)]
#[inline(always)]
fn scan_reason(line: &[u8], start: usize, mode: Mode) -> Result<usize, ParseStatusLineError> {
    let classes = if mode == Mode::Lenient {
        &LENIENT_REASON
    } else {
        &STRICT_REASON
    };
    let mut end = start;
    loop {
        // The common case, a run of plain text: one load and one compare a byte.
        let rest = line.get(end..).unwrap_or_default();
        end += rest
            .iter()
            .position(|&byte| classes[usize::from(byte)] != TEXT)
            .unwrap_or(rest.len());
        match line.get(end).map(|&byte| classes[usize::from(byte)]) {
            None | Some(LINE_END) => return Ok(end),
            Some(PERCENT) => {
                for offset in end + 1..end + 3 {
                    if !line.get(offset).is_some_and(u8::is_ascii_hexdigit) {
                        let error = ParseStatusLineError::at(line, ParseStatusLineErrorKind::Escape, offset);
                        return Err(first_of(line, start, error));
                    }
                }
                end += 3;
            }
            Some(_) => {
                let error = ParseStatusLineError::at(line, ParseStatusLineErrorKind::ReasonPhrase, end);
                return Err(first_of(line, start, error));
            }
        }
    }
}

/// `error`, or an invalid UTF-8 sequence in the phrase before it (from `start`) if there is
/// one: the first problem in the line is the one reported.
fn first_of(line: &[u8], start: usize, error: ParseStatusLineError) -> ParseStatusLineError {
    let before = line.get(start..error.offset).unwrap_or_default();
    match core::str::from_utf8(before) {
        Err(utf8) => ParseStatusLineError::at(line, ParseStatusLineErrorKind::Utf8, start + utf8.valid_up_to()),
        Ok(_) => error,
    }
}
