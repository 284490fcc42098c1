//! The Warning header field (RFC 3261 §20.43): more about a response's status, as a
//! three-digit code, the host or name of who added it and a text, `305 isi.edu "Incompatible
//! media format"`. Parsed without copying, written without allocating.
//!
//! ```
//! use sipcodes::warning::{self, WarningValue};
//!
//! // What follows `Warning:` (RFC 3261 §20.43's examples): one or more comma-separated values.
//! let values = warning::parse(br#"307 isi.edu "Session parameter 'foo' not understood""#)?;
//! let value = values.iter().next().unwrap();
//! assert_eq!((value.code(), value.agent()), (307, "isi.edu"));
//! assert_eq!(value.text(), "Session parameter 'foo' not understood");
//!
//! // Write one without allocating.
//! let value = WarningValue::new(305, "gw.example.com", "Incompatible media format")?;
//! assert_eq!(value.to_string(), r#"305 gw.example.com "Incompatible media format""#);
//! # Ok::<(), warning::ParseWarningError>(())
//! ```
//!
//! # Grammar
//!
//! RFC 3261 §25.1:
//!
//! ```text
//! Warning        =  "Warning" HCOLON warning-value *(COMMA warning-value)
//! warning-value  =  warn-code SP warn-agent SP warn-text
//! warn-code      =  3DIGIT
//! warn-agent     =  hostport / pseudonym
//! warn-text      =  quoted-string
//! pseudonym      =  token
//! ```
//!
//! [`parse`] takes what follows the colon (HCOLON's optional whitespace included) and accepts
//! exactly this grammar: one space after the code, one after the agent (the quoted-string may
//! be preceded by more whitespace, as its rule allows), and whitespace and line folds around
//! `,`. A warn-agent with a port must have a host before it: a hostname, an IPv4 address or an
//! IPv6 reference in brackets, with the address rules RFC 5954 §4.1 puts in place of RFC
//! 3261's. Quoted text must be UTF-8, since it is returned as a `&str`.
//!
//! [`parse_lenient`] also takes the one slip listed in its documentation.

use core::fmt;

use crate::BufferTooSmall;

use crate::grammar::{self, Mode, QuotedError};
/// The warn-codes of the IANA registry (RFC 3261 §20.43 and later RFCs), generated from
/// `warn-codes.toml`.
#[cfg(feature = "q850")]
#[cfg_attr(docsrs, doc(cfg(feature = "q850")))]
pub use crate::warn_codes::WarnCode;
use crate::writing;

/// Parses a Warning header field value strictly: what follows `Warning:`.
///
/// See the [module documentation](self) for the grammar.
///
/// # Errors
///
/// The first place where the value breaks the grammar: which rule
/// ([`kind`](ParseWarningError::kind)), at which byte ([`offset`](ParseWarningError::offset)).
///
/// ```
/// use sipcodes::warning::{self, ParseWarningErrorKind};
///
/// let error = warning::parse(b"399 example.com unquoted").unwrap_err();
/// assert_eq!(error.kind(), ParseWarningErrorKind::Text);
/// assert_eq!(error.offset(), 16);
/// assert_eq!(
///     error.to_string(),
///     "invalid Warning header at byte 16: expected the warning text in double quotes (warn-text), found `u`"
/// );
/// ```
pub fn parse(value: &[u8]) -> Result<WarningValues<'_>, ParseWarningError> {
    WarningValues::scan(value, Mode::Strict)
}

/// Parses a Warning header field value, forgiving one slip seen from a real peer; never the
/// default.
///
/// On top of what [`parse`] accepts, this takes an IPv6 address without its brackets as the
/// warn-agent, with or without a port after a last colon: `392 2001:db8::5:5060 "…"`. SER
/// derived servers (the Open IMS Core CSCFs among them) wrote their listening address that way
/// in their `392` debugging warnings. [`WarningValue::agent`] returns it as sent, and writing
/// the value back gives it as sent too, so only this function parses that again.
///
/// # Errors
///
/// As [`parse`], for what is left.
///
/// ```
/// use sipcodes::warning;
///
/// let value = br#"392 2001:db8:0:0:0:0:0:226:6060 "Noisy feedback tells: pid=1""#;
/// let values = warning::parse_lenient(value)?;
/// assert_eq!(values.iter().next().unwrap().agent(), "2001:db8:0:0:0:0:0:226:6060");
/// assert!(warning::parse(value).is_err());
/// # Ok::<(), warning::ParseWarningError>(())
/// ```
pub fn parse_lenient(value: &[u8]) -> Result<WarningValues<'_>, ParseWarningError> {
    WarningValues::scan(value, Mode::Lenient)
}

/// The values of one Warning header field, checked and borrowed from the input; from
/// [`parse`] or [`parse_lenient`]. [`iter`](WarningValues::iter) hands them out one at a time.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct WarningValues<'a> {
    /// The whole input, checked.
    text: &'a str,
    /// The first value, kept from the check: most fields hold only one.
    first: WarningValue<'a>,
    /// Where the second value starts, if there is one.
    rest: Option<usize>,
    mode: Mode,
}

impl<'a> WarningValues<'a> {
    fn scan(input: &'a [u8], mode: Mode) -> Result<Self, ParseWarningError> {
        let mut first = None;
        grammar::check_list(
            input,
            |at| {
                let spans = scan_value(input, at, mode)?;
                let end = spans.end;
                first.get_or_insert(spans);
                Ok(end)
            },
            |offset| ParseWarningError::at(input, ParseWarningErrorKind::Separator, offset),
        )?;
        // Only quoted strings may hold non-ASCII bytes, and each was checked as UTF-8.
        let text = core::str::from_utf8(input)
            .map_err(|error| ParseWarningError::at(input, ParseWarningErrorKind::Utf8, error.valid_up_to()))?;
        // The list has at least one value, and its parts lie on character boundaries.
        let first = first
            .and_then(|spans| Some((spans.value(text)?, spans.end)))
            .ok_or_else(|| ParseWarningError::at(input, ParseWarningErrorKind::Code, 0))?;
        Ok(WarningValues {
            text,
            first: first.0,
            rest: grammar::next_element(input, first.1),
            mode,
        })
    }

    /// The values, in the order sent.
    #[must_use]
    pub fn iter(&self) -> Iter<'a> {
        Iter {
            text: self.text,
            first: Some(self.first),
            at: self.rest,
            mode: self.mode,
        }
    }
}

impl<'a> IntoIterator for WarningValues<'a> {
    type Item = WarningValue<'a>;
    type IntoIter = Iter<'a>;

    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

impl<'a> IntoIterator for &WarningValues<'a> {
    type Item = WarningValue<'a>;
    type IntoIter = Iter<'a>;

    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

/// The values of a Warning header field, one at a time: from [`WarningValues::iter`].
#[derive(Clone, Debug)]
pub struct Iter<'a> {
    text: &'a str,
    /// The first value, until it is handed out.
    first: Option<WarningValue<'a>>,
    /// Where the next value after it starts; `None` after the last.
    at: Option<usize>,
    mode: Mode,
}

impl<'a> Iterator for Iter<'a> {
    type Item = WarningValue<'a>;

    fn next(&mut self) -> Option<WarningValue<'a>> {
        if let Some(first) = self.first.take() {
            return Some(first);
        }
        let bytes = self.text.as_bytes();
        let start = self.at.take()?;
        // The input was checked when it was parsed, so this scan cannot fail.
        let spans = scan_value(bytes, start, self.mode).ok()?;
        self.at = grammar::next_element(bytes, spans.end);
        spans.value(self.text)
    }
}

impl core::iter::FusedIterator for Iter<'_> {}

/// One Warning value: a code, an agent and a text.
///
/// Parsed ones borrow from the input ([`parse`]); built ones come from
/// [`WarningValue::new`], which checks them as [`parse`] would. Either writes itself with
/// [`Display`](fmt::Display), [`write_to_slice`](WarningValue::write_to_slice) or (with the
/// `std` feature) [`write_to`](WarningValue::write_to) as `code SP agent SP "text"`.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct WarningValue<'a> {
    code: u16,
    agent: &'a str,
    text: &'a str,
}

impl<'a> WarningValue<'a> {
    /// A value to send: `new(305, "gw.example.com", "Incompatible media format")`.
    ///
    /// `code` is written as three digits, zero-padded (`3DIGIT` allows `042`, though only 3xx
    /// codes are registered for SIP: RFC 3261 §27.2). `agent` is a host, with a port if you
    /// like (`192.0.2.1:5060`, `[2001:db8::1]`), or a token naming the server. `text` is what
    /// goes between the quotes, exactly as it will be written: write `\"` for a quote and
    /// `\\` for a backslash. [`text`](WarningValue::text) returns it the same way.
    ///
    /// # Errors
    ///
    /// [`Code`](ParseWarningErrorKind::Code) (offset 0) for a code above 999;
    /// [`Agent`](ParseWarningErrorKind::Agent) with the offset in `agent` for one that is
    /// neither hostport nor token; for `text`, as [`ReasonValue::new`](crate::reason::ReasonValue::new)
    /// checks its text (no control character but tab, so no CR or LF, no `"` without its
    /// backslash), with the offset in `text`.
    ///
    /// ```
    /// use sipcodes::warning::{ParseWarningErrorKind, WarningValue};
    ///
    /// let value = WarningValue::new(399, "[2001:db8::1]:5060", r#"the \"x\" header is ignored"#)?;
    /// assert_eq!(value.to_string(), r#"399 [2001:db8::1]:5060 "the \"x\" header is ignored""#);
    ///
    /// let error = WarningValue::new(399, "proxy one", "x").unwrap_err();
    /// assert_eq!((error.kind(), error.offset()), (ParseWarningErrorKind::Agent, 5));
    /// let error = WarningValue::new(1000, "proxy", "x").unwrap_err();
    /// assert_eq!(error.kind(), ParseWarningErrorKind::Code);
    /// # Ok::<(), sipcodes::warning::ParseWarningError>(())
    /// ```
    pub fn new(code: u16, agent: &'a str, text: &'a str) -> Result<Self, ParseWarningError> {
        if code > 999 {
            return Err(ParseWarningError {
                kind: ParseWarningErrorKind::Code,
                offset: 0,
                found: None,
            });
        }
        let agent_bytes = agent.as_bytes();
        let agent_end = scan_agent(agent_bytes, 0, Mode::Strict)?;
        if agent_end < agent_bytes.len() {
            return Err(ParseWarningError::at(
                agent_bytes,
                ParseWarningErrorKind::Agent,
                agent_end,
            ));
        }
        grammar::check_quoted_content(text)
            .map_err(|(error, offset)| ParseWarningError::at(text.as_bytes(), error.into(), offset))?;
        Ok(WarningValue { code, agent, text })
    }

    /// The warn-code, from 0 to 999; the registered ones are 3xx.
    #[must_use]
    pub const fn code(&self) -> u16 {
        self.code
    }

    /// The warn-agent as sent: the host (and port) or the pseudonym of the server that added
    /// the warning.
    #[must_use]
    pub const fn agent(&self) -> &'a str {
        self.agent
    }

    /// The warn-text: the quoted-string's content as sent, without its quotes. Escapes are left
    /// as they are (`\"` is two characters), and so is a line fold inside it.
    #[must_use]
    pub const fn text(&self) -> &'a str {
        self.text
    }

    /// The length of what [`write_to_slice`](WarningValue::write_to_slice) writes.
    #[must_use]
    pub const fn encoded_len(&self) -> usize {
        self.agent.len() + self.text.len() + "399  \"\"".len()
    }

    /// Writes the value (no header name, no CRLF) to the start of `buffer` and returns its
    /// length.
    ///
    /// # Errors
    ///
    /// If `buffer` is shorter than [`encoded_len`](WarningValue::encoded_len); nothing is
    /// written then.
    ///
    /// ```
    /// use sipcodes::warning::WarningValue;
    ///
    /// let value = WarningValue::new(370, "media.example.net", "Insufficient bandwidth")?;
    /// let mut buffer = [0; 64];
    /// let length = value.write_to_slice(&mut buffer).unwrap();
    /// assert_eq!(&buffer[..length], br#"370 media.example.net "Insufficient bandwidth""#);
    /// assert!(value.write_to_slice(&mut [0; 8]).is_err());
    /// # Ok::<(), sipcodes::warning::ParseWarningError>(())
    /// ```
    pub fn write_to_slice(&self, buffer: &mut [u8]) -> Result<usize, BufferTooSmall> {
        writing::display_to_slice(self, self.encoded_len(), buffer, "Warning value")
    }

    /// Writes the value (no header name, no CRLF) to `writer`, in one `write_all` call when it
    /// fits in a 256-byte stack buffer.
    ///
    /// # Errors
    ///
    /// Whatever `writer` returns.
    ///
    /// ```
    /// use sipcodes::warning::WarningValue;
    ///
    /// let mut wire = b"Warning: ".to_vec();
    /// WarningValue::new(304, "gw", "Media type not available").unwrap().write_to(&mut wire)?;
    /// assert_eq!(wire, br#"Warning: 304 gw "Media type not available""#);
    /// # Ok::<(), std::io::Error>(())
    /// ```
    #[cfg(feature = "std")]
    #[cfg_attr(docsrs, doc(cfg(feature = "std")))]
    pub fn write_to<W: std::io::Write>(&self, writer: W) -> std::io::Result<()> {
        writing::display_to_io(self, self.encoded_len(), writer)
    }
}

// Views of the value through registries kept in other modules: the warn-code is read against
// the IANA warn-code registry there.
impl WarningValue<'_> {
    /// Whether the code is in the range RFC 3261 §20.43 gives to SIP's own warnings, 300 to
    /// 399 (1xx and 2xx belong to HTTP/1.1).
    #[must_use]
    pub const fn is_sip_warning(&self) -> bool {
        self.code >= 300 && self.code <= 399
    }

    /// The code as a registered warn-code, if the registry has it.
    #[cfg(feature = "q850")]
    #[cfg_attr(docsrs, doc(cfg(feature = "q850")))]
    #[must_use]
    pub const fn warn_code(&self) -> Option<WarnCode> {
        WarnCode::from_u16(self.code)
    }
}

impl fmt::Display for WarningValue<'_> {
    /// `305 host "Incompatible media format"`.
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "{:03} {} \"{}\"", self.code, self.agent, self.text)
    }
}

/// Where the parts of one scanned warning-value are.
struct ValueSpans {
    code: u16,
    agent: (usize, usize),
    /// The text's content, without its quotes.
    text: (usize, usize),
    /// Where the value ends: after the closing quote.
    end: usize,
}

impl ValueSpans {
    /// The value these spans mark in `text`, the checked input they were found in.
    fn value<'a>(&self, text: &'a str) -> Option<WarningValue<'a>> {
        Some(WarningValue {
            code: self.code,
            agent: text.get(self.agent.0..self.agent.1)?,
            text: text.get(self.text.0..self.text.1)?,
        })
    }
}

/// Checks one warning-value starting at `start` and returns where its parts are.
fn scan_value(input: &[u8], start: usize, mode: Mode) -> Result<ValueSpans, ParseWarningError> {
    use ParseWarningErrorKind as Kind;
    let error = |kind, offset| ParseWarningError::at(input, kind, offset);

    // warn-code = 3DIGIT
    let code_end = grammar::digits_end(input, start);
    let code = crate::status_line::three_digits(input, start)
        .filter(|_| code_end == start + 3)
        .ok_or_else(|| error(Kind::Code, code_end.min(start + 3)))?;
    if input.get(code_end) != Some(&b' ') {
        return Err(error(Kind::Space, code_end));
    }

    let agent_start = code_end + 1;
    let agent_end = scan_agent(input, agent_start, mode)?;
    if input.get(agent_end) != Some(&b' ') {
        let kind = match input.get(agent_end) {
            // More of the agent than its rule allows, such as `host:5060x`.
            Some(&byte) if grammar::is_token_byte(byte) || matches!(byte, b':' | b'[' | b']') => Kind::Agent,
            _ => Kind::Space,
        };
        return Err(error(kind, agent_end));
    }

    // warn-text = quoted-string = SWS DQUOTE ...: more blanks may come before the quote.
    let quote = grammar::sws_end(input, agent_end + 1);
    if input.get(quote) != Some(&b'"') {
        return Err(error(Kind::Text, quote));
    }
    let end = grammar::quoted_string_end(input, quote).map_err(|(quoted, offset)| error(quoted.into(), offset))?;
    Ok(ValueSpans {
        code,
        agent: (agent_start, agent_end),
        text: (quote + 1, end - 1),
        end,
    })
}

/// Checks warn-agent = hostport / pseudonym starting at `start` and returns where it ends.
/// Lenient: also an IPv6 address without brackets, with or without a port, where the strict
/// reading stops short of one.
fn scan_agent(input: &[u8], start: usize, mode: Mode) -> Result<usize, ParseWarningError> {
    let strict = strict_agent_end(input, start);
    if mode == Mode::Lenient {
        if let Some(end) = bare_ipv6_end(input, start) {
            if strict.as_ref().map_or(true, |&strict_end| strict_end < end) {
                return Ok(end);
            }
        }
    }
    strict
}

/// warn-agent = hostport / pseudonym, hostport = host [ ":" port ], pseudonym = token.
fn strict_agent_end(input: &[u8], start: usize) -> Result<usize, ParseWarningError> {
    let error = |offset| ParseWarningError::at(input, ParseWarningErrorKind::Agent, offset);
    let part = |to: usize| input.get(start..to).unwrap_or_default();

    let host_end = if input.get(start) == Some(&b'[') {
        // IPv6reference = "[" IPv6address "]"
        let close = part(input.len())
            .iter()
            .position(|&byte| byte == b']')
            .map(|position| start + position + 1);
        match close {
            Some(end) if grammar::is_host(part(end)) => end,
            _ => return Err(error(start)),
        }
    } else {
        let end = grammar::token_end(input, start);
        if end == start {
            return Err(error(start));
        }
        if input.get(end) != Some(&b':') {
            // A pseudonym; a hostname or IPv4 address without a port is a token too.
            return Ok(end);
        }
        if !grammar::is_host(part(end)) {
            return Err(error(start));
        }
        end
    };
    if input.get(host_end) != Some(&b':') {
        return Ok(host_end);
    }
    // port = 1*DIGIT
    let port_end = grammar::digits_end(input, host_end + 1);
    if port_end == host_end + 1 {
        return Err(error(port_end));
    }
    Ok(port_end)
}

/// Lenient only: the end of an IPv6 address without brackets at `start`, with or without a
/// `:port` after it; `None` if the run of hex digits, colons and dots there is neither.
fn bare_ipv6_end(input: &[u8], start: usize) -> Option<usize> {
    let run = input
        .get(start..)?
        .iter()
        .take_while(|byte| byte.is_ascii_hexdigit() || matches!(byte, b':' | b'.'))
        .count();
    let agent = input.get(start..start + run)?;
    if grammar::is_ipv6_address(agent) {
        return Some(start + run);
    }
    let colon = agent.iter().rposition(|&byte| byte == b':')?;
    let (address, port) = (agent.get(..colon)?, agent.get(colon + 1..)?);
    (grammar::is_ipv6_address(address) && !port.is_empty() && port.iter().all(u8::is_ascii_digit))
        .then_some(start + run)
}

/// A Warning header field value that does not follow RFC 3261's grammar, from [`parse`] or
/// [`parse_lenient`], or a part given to [`WarningValue::new`] that it rejects.
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
    /// warn-code: not exactly three digits (or, for [`WarningValue::new`], above 999).
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
