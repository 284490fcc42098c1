//! The first line of a SIP response, `SIP/2.0 486 Busy Here`: parsed without copying,
//! written without allocating.
//!
//! This module holds the public type; `error` its errors, `scan` the byte scanners behind
//! the parsers, and `write` the writers.

mod error;
mod scan;
mod write;

pub use self::error::{ParseStatusLineError, ParseStatusLineErrorKind};
#[cfg(feature = "message")]
pub(crate) use self::scan::scan_version;
pub(crate) use self::scan::three_digits;

use self::scan::Framing;
use crate::StatusCode;
use crate::grammar::Grammar;

/// The version [`StatusLine::new`] writes, and the one [`StatusLine::is_sip_2_0`] checks for.
const SIP_2_0: &str = "SIP/2.0";

/// The status line of a SIP response (RFC 3261 §7.2 and §25.1):
/// `SIP-Version SP Status-Code SP Reason-Phrase CRLF`.
///
/// Parsing borrows the reason phrase (and any version but `SIP/2.0`, which is the crate's
/// constant) from the input, so it neither copies nor allocates, and takes time linear in the
/// line's length. Formatting writes into a [`Formatter`](core::fmt::Formatter), a byte slice
/// or (with the `std` feature) any `std::io::Write`, none of which allocates either.
///
/// ```
/// use sipcodes::{Code, StatusLine};
///
/// let line = StatusLine::parse(b"SIP/2.0 486 Busy Here\r\n")?;
/// assert_eq!(line.code().known(), Some(Code::BusyHere));
/// assert_eq!(line.reason_phrase(), "Busy Here");
/// assert!(line.is_sip_2_0());
///
/// // A peer's own wording is kept as sent.
/// let line = StatusLine::parse_str("SIP/2.0 480 Gone fishing")?;
/// assert_eq!(line.reason_phrase(), "Gone fishing");
///
/// // The first line of a whole message, and the header fields after it.
/// let (line, headers) = StatusLine::parse_prefix(b"SIP/2.0 200 OK\r\nCSeq: 1 INVITE\r\n\r\n")?;
/// assert_eq!((line.code().as_u16(), headers), (200, b"CSeq: 1 INVITE\r\n\r\n".as_slice()));
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
///
/// Two choices pick the parser: strict or lenient, and a line alone or the start of a whole
/// message:
///
/// | | a line | the start of a message |
/// |---|---|---|
/// | strict | [`parse`](StatusLine::parse), [`parse_str`](StatusLine::parse_str) | [`parse_prefix`](StatusLine::parse_prefix) |
/// | lenient | [`parse_lenient`](StatusLine::parse_lenient) | [`parse_prefix_lenient`](StatusLine::parse_prefix_lenient) |
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct StatusLine<'a> {
    version: &'a str,
    code: StatusCode,
    reason: Reason<'a>,
}

/// A reason phrase: text, or (from lenient parsing only) bytes that are not UTF-8.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
enum Reason<'a> {
    Text(&'a str),
    Bytes(&'a [u8]),
}

impl StatusLine<'static> {
    /// `SIP/2.0`, `code` and a reason phrase: the registered one for a registered code.
    ///
    /// A code that is not registered gets the phrase of the code a client treats it as
    /// ([`StatusCode::canonical`], RFC 3261 §8.1.3.2): the x00 code of its class for a final
    /// code, `499` becoming `SIP/2.0 499 Bad Request`, and 183 for a provisional one, `186`
    /// becoming `SIP/2.0 186 Session Progress` (not 100 Trying, which only ever concerns one
    /// hop). So the phrase never tells a reader something the code does not mean to a client.
    ///
    /// ```
    /// use sipcodes::{Code, StatusCode, StatusLine};
    ///
    /// let line = |code| StatusLine::new(StatusCode::from_u16(code).unwrap()).to_string();
    /// assert_eq!(line(486), "SIP/2.0 486 Busy Here");
    /// // Codes the table does not have (as long as no one registers them):
    /// if Code::from_u16(499).is_none() {
    ///     assert_eq!(line(499), "SIP/2.0 499 Bad Request");
    /// }
    /// if Code::from_u16(186).is_none() {
    ///     assert_eq!(line(186), "SIP/2.0 186 Session Progress");
    /// }
    /// ```
    #[must_use]
    pub const fn new(code: StatusCode) -> StatusLine<'static> {
        StatusLine::from_table(code, write::new_phrase(code))
    }

    /// `SIP/2.0`, `code` and `reason_phrase`, unchecked: for phrases of a table, which the
    /// macro checked against the strict Reason-Phrase rule when it read the table.
    /// [`codes!`](crate::codes) reaches it as `__private::status_line_from_table`.
    pub(crate) const fn from_table(code: StatusCode, reason_phrase: &'static str) -> StatusLine<'static> {
        StatusLine {
            version: SIP_2_0,
            code,
            reason: Reason::Text(reason_phrase),
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
    /// If the phrase holds a byte the rule does not allow (see
    /// [`ReasonPhrase`](ParseStatusLineErrorKind::ReasonPhrase)), or a `%` not followed by
    /// two hex digits; the error's offset is the byte offset in `reason_phrase`. A CR or LF
    /// is a [`LineEnding`](ParseStatusLineErrorKind::LineEnding) error.
    ///
    /// ```
    /// use sipcodes::{Code, ParseStatusLineErrorKind, StatusLine};
    ///
    /// let line = StatusLine::with_reason_phrase(Code::BusyHere.into(), "Besetzt")?;
    /// assert_eq!(line.to_string(), "SIP/2.0 486 Besetzt");
    ///
    /// let error = StatusLine::with_reason_phrase(Code::BusyHere.into(), "Busy\r\nVia: evil").unwrap_err();
    /// assert_eq!(error.kind(), ParseStatusLineErrorKind::LineEnding);
    /// assert_eq!(error.offset(), 4);
    /// # Ok::<(), sipcodes::ParseStatusLineError>(())
    /// ```
    pub fn with_reason_phrase(
        code: StatusCode,
        reason_phrase: &'a str,
    ) -> Result<StatusLine<'a>, ParseStatusLineError> {
        let bytes = reason_phrase.as_bytes();
        let end = scan::scan_reason(bytes, 0, Grammar::Strict)?;
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
            reason: Reason::Text(reason_phrase),
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
    /// the CRLF is [`TrailingData`](ParseStatusLineErrorKind::TrailingData), and its message
    /// says what to use instead: to parse the first line of a whole message,
    /// [`parse_prefix`](StatusLine::parse_prefix).
    ///
    /// ```
    /// use sipcodes::{ParseStatusLineErrorKind, StatusLine};
    ///
    /// let line = StatusLine::parse(b"sip/2.0 100 \r\n")?;
    /// assert_eq!((line.code().as_u16(), line.reason_phrase()), (100, ""));
    ///
    /// let error = StatusLine::parse(b"SIP/2.0 4860 Busy Here").unwrap_err();
    /// assert_eq!(error.kind(), ParseStatusLineErrorKind::StatusCode);
    /// assert_eq!(error.offset(), 11);
    /// assert_eq!(
    ///     error.to_string(),
    ///     "invalid status line at byte 11: expected a status code of exactly three digits (Status-Code), found `0`"
    /// );
    ///
    /// let error = StatusLine::parse(b"SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP host\r\n\r\n").unwrap_err();
    /// assert_eq!(error.kind(), ParseStatusLineErrorKind::TrailingData);
    /// assert!(error.to_string().ends_with("use `parse_prefix`"));
    /// # Ok::<(), sipcodes::ParseStatusLineError>(())
    /// ```
    #[inline]
    pub fn parse(line: &'a [u8]) -> Result<StatusLine<'a>, ParseStatusLineError> {
        Self::scan(line, Grammar::Strict, Framing::Line).map(|(line, _)| line)
    }

    /// [`parse`](StatusLine::parse) for text that is already a `&str`: the reason phrase is
    /// not validated as UTF-8 a second time.
    ///
    /// # Errors
    ///
    /// As [`parse`](StatusLine::parse).
    #[inline]
    pub fn parse_str(line: &'a str) -> Result<StatusLine<'a>, ParseStatusLineError> {
        let spans = scan::scan_line(line.as_bytes(), Grammar::Strict, Framing::Line)?;
        scan::from_text(line, &spans)
    }

    /// Parses the status line at the start of a whole message and returns it with the bytes
    /// after its CRLF (the header fields and body), so a message parser can carry on there.
    ///
    /// The line is checked as strictly as by [`parse`](StatusLine::parse), and its CRLF is
    /// required. The message must start with the line: CRLFs before it (RFC 3261 §7.5 has a
    /// stream's receiver ignore them; RFC 5626 §4.4.1 keep-alives are such CRLFs) are a
    /// [`LeadingLineEnding`](ParseStatusLineErrorKind::LeadingLineEnding) error, which
    /// [`parse_prefix_lenient`](StatusLine::parse_prefix_lenient) skips.
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
    #[inline]
    pub fn parse_prefix(message: &'a [u8]) -> Result<(StatusLine<'a>, &'a [u8]), ParseStatusLineError> {
        Self::scan(message, Grammar::Strict, Framing::Prefix)
    }

    /// Parses a status line, forgiving the slips some SIP peers make; never the default.
    ///
    /// On top of what [`parse`](StatusLine::parse) accepts, this takes:
    /// - line endings before the line (CR and LF in any number), which are skipped;
    /// - several spaces or tabs between the version, the code and the phrase;
    /// - no space at all after the code when the phrase is empty (`SIP/2.0 200`);
    /// - a line ended by a bare LF (RFC 2543, which RFC 3261 replaced, allowed it);
    /// - in the phrase, any printable ASCII (such as `"`, `<` or `[`) and a `%` that starts
    ///   no escape; spaces and tabs at the end of the phrase are dropped;
    /// - a phrase that is not UTF-8, such as the Latin-1 of some old gateways: its bytes are
    ///   kept as sent, in [`reason_phrase_bytes`](StatusLine::reason_phrase_bytes), and
    ///   [`reason_phrase_is_utf8`](StatusLine::reason_phrase_is_utf8) says so (see
    ///   [`reason_phrase`](StatusLine::reason_phrase) for what it returns then). RFC 3261 §7.2
    ///   leaves the phrase to humans: a client need not read it, and still acts on the code.
    ///
    /// It still rejects a bad version or code, control characters, a CR not followed by LF,
    /// and anything after the line ending, so the result is still one line.
    ///
    /// # Errors
    ///
    /// As [`parse`](StatusLine::parse), for what is left. The message of a
    /// [`TrailingData`](ParseStatusLineErrorKind::TrailingData) error names
    /// [`parse_prefix_lenient`](StatusLine::parse_prefix_lenient), which reads the line at the
    /// start of a whole message with the same leniency.
    ///
    /// ```
    /// use sipcodes::StatusLine;
    ///
    /// let line = StatusLine::parse_lenient(b"SIP/2.0  404\tNot \"here\" \n")?;
    /// assert_eq!((line.code().as_u16(), line.reason_phrase()), (404, "Not \"here\""));
    /// assert!(StatusLine::parse(b"SIP/2.0  404\tNot \"here\" \n").is_err());
    ///
    /// // Latin-1: the code is there, and the phrase as sent.
    /// let line = StatusLine::parse_lenient(b"SIP/2.0 486 Occup\xE9\r\n")?;
    /// assert_eq!(line.code().as_u16(), 486);
    /// assert!(!line.reason_phrase_is_utf8());
    /// assert_eq!(line.reason_phrase_bytes(), b"Occup\xE9");
    /// assert_eq!(line.to_string(), "SIP/2.0 486 Occup\u{FFFD}");
    /// # Ok::<(), sipcodes::ParseStatusLineError>(())
    /// ```
    #[inline]
    pub fn parse_lenient(line: &'a [u8]) -> Result<StatusLine<'a>, ParseStatusLineError> {
        Self::scan(line, Grammar::Lenient, Framing::Line).map(|(line, _)| line)
    }

    /// [`parse_prefix`](StatusLine::parse_prefix) with what
    /// [`parse_lenient`](StatusLine::parse_lenient) forgives: the status line at the start of
    /// a whole message, after any CRLFs (keep-alives, or what a stream carries between
    /// messages), ended by CRLF or a bare LF; returned with the bytes after its line ending.
    ///
    /// # Errors
    ///
    /// As [`parse_lenient`](StatusLine::parse_lenient); a message without a line ending after
    /// the status line is a [`LineEnding`](ParseStatusLineErrorKind::LineEnding) error at the
    /// end of the input.
    ///
    /// ```
    /// use sipcodes::StatusLine;
    ///
    /// let message = b"\r\n\r\nSIP/2.0 488 \"no common codec\"\nCSeq: 1 INVITE\n\n";
    /// let (line, headers) = StatusLine::parse_prefix_lenient(message)?;
    /// assert_eq!((line.code().as_u16(), line.reason_phrase()), (488, "\"no common codec\""));
    /// assert_eq!(headers, b"CSeq: 1 INVITE\n\n");
    /// # Ok::<(), sipcodes::ParseStatusLineError>(())
    /// ```
    #[inline]
    pub fn parse_prefix_lenient(message: &'a [u8]) -> Result<(StatusLine<'a>, &'a [u8]), ParseStatusLineError> {
        Self::scan(message, Grammar::Lenient, Framing::Prefix)
    }

    /// The line `grammar` and `framing` read at the start of `input`, and what follows it.
    ///
    /// The public parsers are `#[inline]`, and this with them, so that the parser is compiled
    /// into its caller: the line it returns (48 to 64 bytes) then stays in registers. Returned
    /// through memory, the caller reloads it in 16-byte pieces that straddle the parser's
    /// 8-byte stores, which the processor cannot forward from its store buffer; that stall
    /// took a third of a short line's parse time.
    #[allow(
        clippy::inline_always,
        reason = "inlined into each public parser, which the `2_parse_status_line` benchmarks time"
    )]
    #[inline(always)]
    fn scan(
        input: &'a [u8],
        grammar: Grammar,
        framing: Framing,
    ) -> Result<(StatusLine<'a>, &'a [u8]), ParseStatusLineError> {
        let spans = scan::scan_line(input, grammar, framing)?;
        let line = scan::from_bytes(input, &spans, grammar)?;
        Ok((line, input.get(spans.end..).unwrap_or_default()))
    }

    /// The SIP-Version as received, e.g. `SIP/2.0` (or `sip/2.0`: the comparison is
    /// case-insensitive); `SIP/2.0` for a line made with [`new`](StatusLine::new).
    ///
    /// A parsed line that starts with `SIP/2.0` exactly holds the crate's own `"SIP/2.0"`
    /// (the same text, with no UTF-8 check to pay); any other version, and the version after
    /// line endings that lenient parsing skipped, is borrowed from the input.
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
    ///
    /// # A phrase that is not UTF-8
    ///
    /// [`parse_lenient`](StatusLine::parse_lenient) and
    /// [`parse_prefix_lenient`](StatusLine::parse_prefix_lenient) accept a phrase that is not
    /// UTF-8, such as the Latin-1 of some old gateways. This method cannot hand such a phrase
    /// out as a `&str`, and returns `""` for it: a lenient parser's caller who shows or logs
    /// the phrase should use `reason_phrase_lossy` (with the `std` feature), which replaces
    /// what is not UTF-8 with U+FFFD, as `Display` does, or
    /// [`reason_phrase_bytes`](StatusLine::reason_phrase_bytes), which has the bytes as sent.
    /// [`reason_phrase_is_utf8`](StatusLine::reason_phrase_is_utf8) tells such a line apart.
    /// A line made here or parsed strictly always has a UTF-8 phrase.
    ///
    /// ```
    /// use sipcodes::StatusLine;
    ///
    /// let line = StatusLine::parse_lenient(b"SIP/2.0 486 Occup\xE9\r\n")?;
    /// assert_eq!(line.reason_phrase(), "");
    /// assert!(!line.reason_phrase_is_utf8());
    /// assert_eq!(line.reason_phrase_bytes(), b"Occup\xE9");
    /// # Ok::<(), sipcodes::ParseStatusLineError>(())
    /// ```
    #[must_use]
    pub const fn reason_phrase(&self) -> &'a str {
        match self.reason {
            Reason::Text(text) => text,
            Reason::Bytes(_) => "",
        }
    }

    /// The reason phrase as text, whether it is UTF-8 or not: borrowed when it is (always, but
    /// for a phrase that lenient parsing kept as bytes), and otherwise a copy with U+FFFD
    /// REPLACEMENT CHARACTER for each sequence that is not UTF-8, as `Display` writes it. For
    /// showing or logging what a peer sent.
    ///
    /// ```
    /// use std::borrow::Cow;
    /// use sipcodes::StatusLine;
    ///
    /// let line = StatusLine::parse_lenient(b"SIP/2.0 603 Refus\xE9")?;
    /// assert_eq!(line.reason_phrase_lossy(), "Refus\u{FFFD}");
    ///
    /// let line = StatusLine::parse_lenient(b"SIP/2.0 603 Refus\xC3\xA9")?;
    /// assert!(matches!(line.reason_phrase_lossy(), Cow::Borrowed("Refusé")));
    /// # Ok::<(), sipcodes::ParseStatusLineError>(())
    /// ```
    #[cfg(feature = "std")]
    #[cfg_attr(docsrs, doc(cfg(feature = "std")))]
    #[must_use]
    pub fn reason_phrase_lossy(&self) -> std::borrow::Cow<'a, str> {
        match self.reason {
            Reason::Text(text) => std::borrow::Cow::Borrowed(text),
            Reason::Bytes(bytes) => String::from_utf8_lossy(bytes),
        }
    }

    /// The reason phrase's bytes as received, whether UTF-8 or not.
    ///
    /// ```
    /// use sipcodes::StatusLine;
    ///
    /// let line = StatusLine::parse_lenient(b"SIP/2.0 603 Refus\xE9")?;
    /// assert_eq!(line.reason_phrase_bytes(), b"Refus\xE9");
    /// # Ok::<(), sipcodes::ParseStatusLineError>(())
    /// ```
    #[must_use]
    pub const fn reason_phrase_bytes(&self) -> &'a [u8] {
        match self.reason {
            Reason::Text(text) => text.as_bytes(),
            Reason::Bytes(bytes) => bytes,
        }
    }

    /// Whether the reason phrase is UTF-8, so that [`reason_phrase`](StatusLine::reason_phrase)
    /// holds all of it. Always for a line made here or parsed strictly; not for a phrase that
    /// lenient parsing kept as bytes.
    #[must_use]
    pub const fn reason_phrase_is_utf8(&self) -> bool {
        matches!(self.reason, Reason::Text(_))
    }

    /// The length of the line with its CRLF: what [`write_to_slice`](StatusLine::write_to_slice)
    /// needs.
    #[must_use]
    pub const fn encoded_len(&self) -> usize {
        self.version.len() + self.reason_phrase_bytes().len() + " 486 \r\n".len()
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
