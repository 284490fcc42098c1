//! The Reason header field (RFC 3326 §2, and RFC 6432 §3 for responses): why a request was
//! sent or a call ended, `Q.850;cause=16;text="Normal call clearing"`. Parsed without copying,
//! written without allocating.
//!
//! ```
//! use sipcodes::{Code, reason};
//!
//! // What follows `Reason:`: one or more comma-separated values.
//! let values = reason::parse(br#"SIP;cause=486;text="Busy Here", Q.850;cause=17"#)?;
//! let mut values = values.iter();
//! let sip = values.next().unwrap();
//! assert_eq!(sip.sip_status().and_then(|status| status.known()), Some(Code::BusyHere));
//! assert_eq!(sip.text(), Some("Busy Here"));
//! let q850 = values.next().unwrap();
//! assert!(q850.is_q850());
//! assert_eq!(q850.cause(), Some(17));
//!
//! // Write one without allocating.
//! let value = reason::ReasonValue::from(Code::BusyHere);
//! assert_eq!(value.to_string(), r#"SIP;cause=486;text="Busy Here""#);
//! # Ok::<(), sipcodes::reason::ParseReasonError>(())
//! ```
//!
//! # Grammar
//!
//! RFC 3326 §2, with RFC 3261 §25.1's rules for the pieces:
//!
//! ```text
//! Reason            =  "Reason" HCOLON reason-value *(COMMA reason-value)
//! reason-value      =  protocol *(SEMI reason-params)
//! protocol          =  "SIP" / "Q.850" / token
//! reason-params     =  protocol-cause / reason-text / reason-extension
//! protocol-cause    =  "cause" EQUAL cause
//! cause             =  1*DIGIT
//! reason-text       =  "text" EQUAL quoted-string
//! reason-extension  =  generic-param
//! ```
//!
//! [`parse`] takes what follows the colon (HCOLON's optional whitespace included), and
//! accepts exactly this grammar, whitespace and line folds around `;`, `=` and `,` included,
//! with these deliberate limits:
//! - a parameter named `cause` must be digits, and one named `text` a quoted-string (the
//!   grammar's `generic-param` would also match `cause=abc`, whose meaning is lost);
//! - neither may appear twice in one value, since the two would contradict each other;
//! - a cause must fit in a `u16` (SIP codes are three digits and Q.850 causes below 128);
//! - quoted strings must be UTF-8, since their content is returned as a `&str`.
//!
//! [`parse_lenient`] also takes the one slip listed in its documentation.

use core::fmt;

use crate::grammar::{self, Mode, QuotedError};
use crate::writing;
use crate::{BufferTooSmall, Code, StatusCode};

/// The protocol values of the IANA Reason-protocols registry, generated from
/// `reason-protocols.toml`.
#[cfg(feature = "q850")]
#[cfg_attr(docsrs, doc(cfg(feature = "q850")))]
pub use crate::reason_protocols::Protocol;

/// The protocol value for a SIP status code (RFC 3326 §2).
const SIP: &str = "SIP";
/// The protocol value for an ITU-T Q.850 cause (RFC 3326 §2).
const Q850: &str = "Q.850";

/// Parses a Reason header field value strictly: what follows `Reason:`.
///
/// See the [module documentation](self) for the grammar and the few deliberate limits.
///
/// # Errors
///
/// The first place where the value breaks the grammar: which rule
/// ([`kind`](ParseReasonError::kind)), at which byte ([`offset`](ParseReasonError::offset)).
///
/// ```
/// use sipcodes::reason::{self, ParseReasonErrorKind};
///
/// // RFC 3326 §2's own example, with blanks before each `;`.
/// let values = reason::parse(br#"SIP ;cause=200 ;text="Call completed elsewhere""#)?;
/// assert_eq!(values.iter().next().unwrap().cause(), Some(200));
///
/// let error = reason::parse(b"Q.850;cause=sixteen").unwrap_err();
/// assert_eq!(error.kind(), ParseReasonErrorKind::Cause);
/// assert_eq!(error.offset(), 12);
/// assert_eq!(
///     error.to_string(),
///     "invalid Reason header at byte 12: expected the cause's digits (protocol-cause), found `s`"
/// );
/// # Ok::<(), reason::ParseReasonError>(())
/// ```
pub fn parse(value: &[u8]) -> Result<ReasonValues<'_>, ParseReasonError> {
    ReasonValues::scan(value, Mode::Strict)
}

/// Parses a Reason header field value, forgiving one slip seen from real peers; never the
/// default.
///
/// On top of what [`parse`] accepts, this takes a `text` parameter whose value is not
/// quoted: `Q.850;cause=16;text=Normal call clearing`. Such values come from Reason values
/// carried inside a URI, as History-Info carries them (RFC 7044 §5 and §10.2), once the URI's
/// escapes are undone: Metaswitch's Sprout, for one, wrote the text there unquoted, as
/// `text=Busy%20Here`. The unquoted text runs to the next `;` or `,`, may hold spaces and tabs
/// (those at its end are dropped), and may not hold `"` or `\`; everything else is as strict
/// as [`parse`], and [`ReasonValue::text`] then returns it as sent. Writing such a value back
/// quotes the text, which gives a value [`parse`] accepts.
///
/// # Errors
///
/// As [`parse`], for what is left.
///
/// ```
/// use sipcodes::reason;
///
/// let values = reason::parse_lenient(b"SIP;cause=486;text=Busy Here")?;
/// let value = values.iter().next().unwrap();
/// assert_eq!(value.text(), Some("Busy Here"));
/// assert_eq!(value.to_string(), r#"SIP;cause=486;text="Busy Here""#);
/// assert!(reason::parse(b"SIP;cause=486;text=Busy Here").is_err());
/// # Ok::<(), reason::ParseReasonError>(())
/// ```
pub fn parse_lenient(value: &[u8]) -> Result<ReasonValues<'_>, ParseReasonError> {
    ReasonValues::scan(value, Mode::Lenient)
}

/// The values of one Reason header field, checked and borrowed from the input; from [`parse`]
/// or [`parse_lenient`]. [`iter`](ReasonValues::iter) hands them out one at a time.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct ReasonValues<'a> {
    /// The whole input, checked.
    text: &'a str,
    /// The first value, kept from the check: most fields hold only one.
    first: ReasonValue<'a>,
    /// Where the second value starts, if there is one.
    rest: Option<usize>,
    mode: Mode,
}

impl<'a> ReasonValues<'a> {
    fn scan(input: &'a [u8], mode: Mode) -> Result<Self, ParseReasonError> {
        let mut first = None;
        grammar::check_list(
            input,
            |at| {
                let spans = scan_value(input, at, mode)?;
                let end = spans.end;
                first.get_or_insert(spans);
                Ok(end)
            },
            |offset| ParseReasonError::at(input, ParseReasonErrorKind::Separator, offset),
        )?;
        // Only quoted strings may hold non-ASCII bytes, and each was checked as UTF-8.
        let text = core::str::from_utf8(input)
            .map_err(|error| ParseReasonError::at(input, ParseReasonErrorKind::Utf8, error.valid_up_to()))?;
        // The list has at least one value, and its parts lie on character boundaries.
        let first = first
            .and_then(|spans| Some((spans.value(text, mode)?, spans.end)))
            .ok_or_else(|| ParseReasonError::at(input, ParseReasonErrorKind::Protocol, 0))?;
        Ok(ReasonValues {
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

    /// The first value whose protocol is `protocol`, in any ASCII case: `find("Q.850")`. RFC
    /// 3326 §2 has each value of a message name a different protocol.
    #[must_use]
    pub fn find(&self, protocol: &str) -> Option<ReasonValue<'a>> {
        self.iter().find(|value| value.protocol.eq_ignore_ascii_case(protocol))
    }
}

impl<'a> IntoIterator for ReasonValues<'a> {
    type Item = ReasonValue<'a>;
    type IntoIter = Iter<'a>;

    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

impl<'a> IntoIterator for &ReasonValues<'a> {
    type Item = ReasonValue<'a>;
    type IntoIter = Iter<'a>;

    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

/// The values of a Reason header field, one at a time: from [`ReasonValues::iter`].
#[derive(Clone, Debug)]
pub struct Iter<'a> {
    text: &'a str,
    /// The first value, until it is handed out.
    first: Option<ReasonValue<'a>>,
    /// Where the next value after it starts; `None` after the last.
    at: Option<usize>,
    mode: Mode,
}

impl<'a> Iterator for Iter<'a> {
    type Item = ReasonValue<'a>;

    fn next(&mut self) -> Option<ReasonValue<'a>> {
        if let Some(first) = self.first.take() {
            return Some(first);
        }
        let bytes = self.text.as_bytes();
        let start = self.at.take()?;
        // The input was checked when it was parsed, so this scan cannot fail.
        let spans = scan_value(bytes, start, self.mode).ok()?;
        self.at = grammar::next_element(bytes, spans.end);
        spans.value(self.text, self.mode)
    }
}

impl core::iter::FusedIterator for Iter<'_> {}

/// One Reason value: a protocol, and optionally a cause, a text and other parameters.
///
/// Parsed ones borrow from the input ([`parse`]); built ones come from a [`StatusCode`] or
/// [`ReasonValue::new`]. Either writes itself with [`Display`](fmt::Display),
/// [`write_to_slice`](ReasonValue::write_to_slice) or (with the `std` feature)
/// [`write_to`](ReasonValue::write_to), always as a value [`parse`] accepts: the protocol,
/// then `;cause=`, then `;text="…"`, then the other parameters as sent.
///
/// Two values are equal when their protocols, causes, texts and other parameters are, each
/// as sent: `SIP` and `sip` differ, and so do `cause=16` and no cause.
#[derive(Clone, Copy, Debug)]
pub struct ReasonValue<'a> {
    protocol: &'a str,
    cause: Option<u16>,
    text: Option<&'a str>,
    /// The `*(SEMI reason-params)` part as sent, for [`params`](ReasonValue::params); empty
    /// for a value built here.
    params: &'a str,
    mode: Mode,
}

impl ReasonValue<'static> {
    /// `SIP;cause=486;text="Busy Here"`: the SIP protocol, `code` and its registered reason
    /// phrase.
    ///
    /// A code that is not registered gets no text (`SIP;cause=499`): the text describes this
    /// one code, and another code's phrase would misstate it; the cause alone says all there
    /// is to say.
    ///
    /// ```
    /// use sipcodes::{Code, StatusCode};
    /// use sipcodes::reason::ReasonValue;
    ///
    /// let value = |code| ReasonValue::from_status(StatusCode::from_u16(code).unwrap()).to_string();
    /// assert_eq!(value(600), r#"SIP;cause=600;text="Busy Everywhere""#);
    /// if Code::from_u16(499).is_none() {
    ///     // 499 is unregistered (as long as no one registers it).
    ///     assert_eq!(value(499), "SIP;cause=499");
    /// }
    /// ```
    #[must_use]
    pub const fn from_status(code: StatusCode) -> ReasonValue<'static> {
        ReasonValue {
            protocol: SIP,
            cause: Some(code.as_u16()),
            // Every registered phrase is checked against the Reason-Phrase rule when the table
            // is generated; that rule has no `"` and no `\`, so each is also quoted-string text.
            text: code.reason_phrase(),
            params: "",
            mode: Mode::Strict,
        }
    }
}

impl<'a> ReasonValue<'a> {
    /// A value of any protocol: `new("Q.850", Some(16), Some("Normal call clearing"))`.
    ///
    /// `text` is what goes between the quotes, exactly as it will be written: write `\"` for
    /// a quote and `\\` for a backslash. [`text`](ReasonValue::text) returns it the same way.
    ///
    /// # Errors
    ///
    /// If `protocol` is not a token ([`Protocol`](ParseReasonErrorKind::Protocol), the offset
    /// in `protocol`), or `text` is not quoted-string content: a control character other than
    /// tab (so no CR or LF), a `"` without its backslash, a backslash at the end or before a
    /// non-ASCII character ([`QuotedText`](ParseReasonErrorKind::QuotedText) and its
    /// siblings, the offset in `text`).
    ///
    /// ```
    /// use sipcodes::reason::{ParseReasonErrorKind, ReasonValue};
    ///
    /// let value = ReasonValue::new("Q.850", Some(16), Some("Normal call clearing"))?;
    /// assert_eq!(value.to_string(), r#"Q.850;cause=16;text="Normal call clearing""#);
    ///
    /// let quoted = ReasonValue::new("SIP", Some(480), Some(r#"Away \"gone fishing\""#))?;
    /// assert_eq!(quoted.to_string(), r#"SIP;cause=480;text="Away \"gone fishing\"""#);
    ///
    /// let error = ReasonValue::new("Q.850", Some(16), Some("Bye\r\nVia: evil")).unwrap_err();
    /// assert_eq!((error.kind(), error.offset()), (ParseReasonErrorKind::QuotedText, 3));
    /// let error = ReasonValue::new("Q 850", Some(16), None).unwrap_err();
    /// assert_eq!((error.kind(), error.offset()), (ParseReasonErrorKind::Protocol, 1));
    /// # Ok::<(), sipcodes::reason::ParseReasonError>(())
    /// ```
    pub fn new(protocol: &'a str, cause: Option<u16>, text: Option<&'a str>) -> Result<Self, ParseReasonError> {
        let protocol_bytes = protocol.as_bytes();
        let protocol_end = grammar::token_end(protocol_bytes, 0);
        if protocol_end == 0 || protocol_end < protocol_bytes.len() {
            return Err(ParseReasonError::at(
                protocol_bytes,
                ParseReasonErrorKind::Protocol,
                protocol_end,
            ));
        }
        if let Some(text) = text {
            grammar::check_quoted_content(text)
                .map_err(|(error, offset)| ParseReasonError::at(text.as_bytes(), error.into(), offset))?;
        }
        Ok(ReasonValue {
            protocol,
            cause,
            text,
            params: "",
            mode: Mode::Strict,
        })
    }

    /// The protocol as sent: `SIP`, `Q.850`, or another token (some peers use their own
    /// name, such as `FreeSWITCH`, for their own causes).
    #[must_use]
    pub const fn protocol(&self) -> &'a str {
        self.protocol
    }

    /// Whether the protocol is `SIP`, in any ASCII case: the cause is a SIP status code (RFC
    /// 3326 §2).
    #[must_use]
    pub fn is_sip(&self) -> bool {
        self.protocol.eq_ignore_ascii_case(SIP)
    }

    /// The `cause` parameter's number, if there is one.
    #[must_use]
    pub const fn cause(&self) -> Option<u16> {
        self.cause
    }

    /// The `text` parameter: the quoted-string's content as sent, without its quotes. Escapes
    /// are left as they are (`\"` is two characters), and so is a line fold inside it.
    #[must_use]
    pub const fn text(&self) -> Option<&'a str> {
        self.text
    }

    /// The status code, if the protocol is SIP (in any case) and the cause is one from 100 to
    /// 699.
    ///
    /// ```
    /// use sipcodes::{Code, reason};
    ///
    /// let values = reason::parse(b"sip;cause=200")?;
    /// let status = values.iter().next().unwrap().sip_status();
    /// assert_eq!(status.and_then(|status| status.known()), Some(Code::Ok));
    /// # Ok::<(), reason::ParseReasonError>(())
    /// ```
    #[must_use]
    pub fn sip_status(&self) -> Option<StatusCode> {
        if !self.is_sip() {
            return None;
        }
        StatusCode::from_u16(self.cause?).ok()
    }

    /// The parameters other than `cause` and `text` (the grammar's `reason-extension`), in
    /// the order sent: each name, and its value if it has one. A value is as sent: a token, an
    /// IPv6 reference in brackets, or a quoted-string with its quotes.
    ///
    /// ```
    /// use sipcodes::reason;
    ///
    /// let values = reason::parse(br#"Q.850;cause=16;location=LN;x="y""#)?;
    /// let params: Vec<_> = values.iter().next().unwrap().params().collect();
    /// assert_eq!(params, [("location", Some("LN")), ("x", Some("\"y\""))]);
    /// # Ok::<(), reason::ParseReasonError>(())
    /// ```
    #[must_use]
    pub fn params(&self) -> Params<'a> {
        Params {
            text: self.params,
            at: 0,
            mode: self.mode,
        }
    }

    /// The length of what [`write_to_slice`](ReasonValue::write_to_slice) writes.
    #[must_use]
    pub fn encoded_len(&self) -> usize {
        // What `Display` writes, piece by piece.
        let digits = |cause: u16| cause.checked_ilog10().map_or(1, |log| log as usize + 1);
        let cause = self.cause.map_or(0, |cause| ";cause=".len() + digits(cause));
        let text = self.text.map_or(0, |text| ";text=\"\"".len() + text.len());
        let params: usize = self
            .params()
            .map(|(name, value)| 1 + name.len() + value.map_or(0, |value| 1 + value.len()))
            .sum();
        self.protocol.len() + cause + text + params
    }

    /// Writes the value (no header name, no CRLF) to the start of `buffer` and returns its
    /// length.
    ///
    /// # Errors
    ///
    /// If `buffer` is shorter than [`encoded_len`](ReasonValue::encoded_len); nothing is
    /// written then.
    ///
    /// ```
    /// use sipcodes::Code;
    /// use sipcodes::reason::ReasonValue;
    ///
    /// let value = ReasonValue::from(Code::BusyHere);
    /// let mut buffer = [0; 64];
    /// let length = value.write_to_slice(&mut buffer)?;
    /// assert_eq!(&buffer[..length], br#"SIP;cause=486;text="Busy Here""#);
    /// assert!(value.write_to_slice(&mut [0; 8]).is_err());
    /// # Ok::<(), sipcodes::BufferTooSmall>(())
    /// ```
    pub fn write_to_slice(&self, buffer: &mut [u8]) -> Result<usize, BufferTooSmall> {
        writing::display_to_slice(self, self.encoded_len(), buffer, "Reason value")
    }

    /// Writes the value (no header name, no CRLF) to `writer`, in one `write_all` call when it
    /// fits in a 256-byte stack buffer.
    ///
    /// # Errors
    ///
    /// Whatever `writer` returns.
    ///
    /// ```
    /// use sipcodes::Code;
    /// use sipcodes::reason::ReasonValue;
    ///
    /// let mut wire = b"Reason: ".to_vec();
    /// ReasonValue::from(Code::Decline).write_to(&mut wire)?;
    /// assert_eq!(wire, br#"Reason: SIP;cause=603;text="Decline""#);
    /// # Ok::<(), std::io::Error>(())
    /// ```
    #[cfg(feature = "std")]
    #[cfg_attr(docsrs, doc(cfg(feature = "std")))]
    pub fn write_to<W: std::io::Write>(&self, writer: W) -> std::io::Result<()> {
        writing::display_to_io(self, self.encoded_len(), writer)
    }
}

// Views of the value through registries kept in other modules: the protocol names one, and
// the cause is read against it.
impl ReasonValue<'_> {
    /// Whether the protocol is `Q.850`, in any ASCII case: the cause is an ITU-T Q.850 cause
    /// value in decimal (RFC 3326 §2).
    #[must_use]
    pub fn is_q850(&self) -> bool {
        self.protocol.eq_ignore_ascii_case(Q850)
    }

    /// The cause as an ITU-T Q.850 cause, for a `Q.850` value whose cause is one Q.850
    /// assigns (`None` for another protocol, a missing cause, or an unassigned value).
    ///
    /// ```
    /// use sipcodes::q850::Cause;
    /// use sipcodes::reason;
    ///
    /// let values = reason::parse(br#"Q.850;cause=17;text="User busy""#)?;
    /// let value = values.iter().next().unwrap();
    /// assert_eq!(value.q850_cause(), Cause::from_u8(17));
    /// # Ok::<(), sipcodes::reason::ParseReasonError>(())
    /// ```
    #[cfg(feature = "q850")]
    #[cfg_attr(docsrs, doc(cfg(feature = "q850")))]
    #[must_use]
    pub fn q850_cause(&self) -> Option<crate::q850::Cause> {
        if !self.is_q850() {
            return None;
        }
        u8::try_from(self.cause?).ok().and_then(crate::q850::Cause::from_u8)
    }

    /// The protocol as a value of the IANA Reason-protocols registry, if it is one.
    #[cfg(feature = "q850")]
    #[cfg_attr(docsrs, doc(cfg(feature = "q850")))]
    #[must_use]
    pub fn registered_protocol(&self) -> Option<Protocol> {
        Protocol::from_name(self.protocol)
    }
}

impl PartialEq for ReasonValue<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.protocol == other.protocol
            && self.cause == other.cause
            && self.text == other.text
            && self.params().eq(other.params())
    }
}

impl Eq for ReasonValue<'_> {}

impl fmt::Display for ReasonValue<'_> {
    /// `SIP;cause=486;text="Busy Here"`, then any other parameters as sent.
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(self.protocol)?;
        if let Some(cause) = self.cause {
            write!(formatter, ";cause={cause}")?;
        }
        if let Some(text) = self.text {
            write!(formatter, ";text=\"{text}\"")?;
        }
        for (name, value) in self.params() {
            write!(formatter, ";{name}")?;
            if let Some(value) = value {
                write!(formatter, "={value}")?;
            }
        }
        Ok(())
    }
}

impl From<StatusCode> for ReasonValue<'static> {
    /// [`ReasonValue::from_status`].
    fn from(code: StatusCode) -> Self {
        ReasonValue::from_status(code)
    }
}

#[cfg(feature = "q850")]
#[cfg_attr(docsrs, doc(cfg(feature = "q850")))]
impl From<crate::q850::Cause> for ReasonValue<'static> {
    /// `Q.850;cause=17;text="User busy"`: the Q.850 protocol, the cause and its Q.850 name.
    fn from(cause: crate::q850::Cause) -> Self {
        ReasonValue {
            protocol: Q850,
            cause: Some(u16::from(cause.as_u8())),
            // Cause names are plain words (a test writes and reads back every one), so each
            // is quoted-string text as it is.
            text: Some(cause.name()),
            params: "",
            mode: Mode::Strict,
        }
    }
}

impl From<Code> for ReasonValue<'static> {
    /// [`ReasonValue::from_status`]: `SIP`, the code and its reason phrase.
    fn from(code: Code) -> Self {
        ReasonValue::from_status(code.status_code())
    }
}

/// The parameters of a Reason value other than `cause` and `text`: from
/// [`ReasonValue::params`].
#[derive(Clone, Debug)]
pub struct Params<'a> {
    /// The value's `*(SEMI reason-params)` part, checked.
    text: &'a str,
    at: usize,
    mode: Mode,
}

impl<'a> Iterator for Params<'a> {
    /// The name, and the value as sent if there is one.
    type Item = (&'a str, Option<&'a str>);

    fn next(&mut self) -> Option<Self::Item> {
        let bytes = self.text.as_bytes();
        loop {
            let semicolon = grammar::sws_end(bytes, self.at);
            if bytes.get(semicolon) != Some(&b';') {
                return None;
            }
            // The part was checked when it was parsed, so this scan cannot fail.
            let param = scan_param(bytes, grammar::sws_end(bytes, semicolon + 1), self.mode).ok()?;
            self.at = param.end;
            if param.special.is_some() {
                continue;
            }
            let name = self.text.get(param.name.0..param.name.1)?;
            let value = match param.value {
                Some((start, end)) => Some(self.text.get(start..end)?),
                None => None,
            };
            return Some((name, value));
        }
    }
}

impl core::iter::FusedIterator for Params<'_> {}

/// Where the parts of one scanned reason-value are.
struct ValueSpans {
    protocol: (usize, usize),
    cause: Option<u16>,
    /// The text's content, without its quotes.
    text: Option<(usize, usize)>,
    /// The `*(SEMI reason-params)` part.
    params: (usize, usize),
    /// Where the value ends: before any blanks that follow it.
    end: usize,
}

impl ValueSpans {
    /// The value these spans mark in `text`, the checked input they were found in.
    fn value<'a>(&self, text: &'a str, mode: Mode) -> Option<ReasonValue<'a>> {
        let part = |(start, end): (usize, usize)| text.get(start..end);
        Some(ReasonValue {
            protocol: part(self.protocol)?,
            cause: self.cause,
            text: match self.text {
                Some(span) => Some(part(span)?),
                None => None,
            },
            params: part(self.params)?,
            mode,
        })
    }
}

/// Which of the parameters RFC 3326 names a parameter is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Special {
    Cause,
    Text,
}

/// Where the parts of one scanned parameter are.
struct ParamSpans {
    name: (usize, usize),
    special: Option<Special>,
    /// The value as sent (a quoted-string with its quotes).
    value: Option<(usize, usize)>,
    /// Where the parameter ends.
    end: usize,
}

/// Checks one reason-value starting at `start` and returns where its parts are.
fn scan_value(input: &[u8], start: usize, mode: Mode) -> Result<ValueSpans, ParseReasonError> {
    use ParseReasonErrorKind as Kind;
    let error = |kind, offset| ParseReasonError::at(input, kind, offset);

    let protocol_end = grammar::token_end(input, start);
    if protocol_end == start {
        return Err(error(Kind::Protocol, start));
    }
    let mut spans = ValueSpans {
        protocol: (start, protocol_end),
        cause: None,
        text: None,
        params: (protocol_end, protocol_end),
        end: protocol_end,
    };
    loop {
        let semicolon = grammar::sws_end(input, spans.end);
        if input.get(semicolon) != Some(&b';') {
            break;
        }
        let param_start = grammar::sws_end(input, semicolon + 1);
        let param = scan_param(input, param_start, mode)?;
        match (param.special, param.value) {
            (Some(Special::Cause), Some((value_start, value_end))) => {
                if spans.cause.is_some() {
                    return Err(error(Kind::Duplicate, param_start));
                }
                spans.cause = Some(cause_number(input, value_start, value_end)?);
            }
            (Some(Special::Text), Some((value_start, value_end))) => {
                if spans.text.is_some() {
                    return Err(error(Kind::Duplicate, param_start));
                }
                spans.text = Some(match input.get(value_start) {
                    Some(b'"') => (value_start + 1, value_end - 1),
                    _ => (value_start, value_end),
                });
            }
            _ => {}
        }
        spans.end = param.end;
    }
    spans.params.1 = spans.end;
    Ok(spans)
}

/// The number that the digits from `start` to `end` write, already checked to be digits.
fn cause_number(input: &[u8], start: usize, end: usize) -> Result<u16, ParseReasonError> {
    let digits = input.get(start..end).unwrap_or_default();
    digits
        .iter()
        .try_fold(0_u16, |number, digit| {
            number.checked_mul(10)?.checked_add(u16::from(digit - b'0'))
        })
        .ok_or_else(|| ParseReasonError::at(input, ParseReasonErrorKind::CauseTooLarge, start))
}

/// Checks one reason-params starting at `start` (after `;` and its blanks): `cause`, `text`,
/// or a generic-param, `token [ EQUAL gen-value ]` with gen-value = token / host /
/// quoted-string.
fn scan_param(input: &[u8], start: usize, mode: Mode) -> Result<ParamSpans, ParseReasonError> {
    use ParseReasonErrorKind as Kind;
    let error = |kind, offset| ParseReasonError::at(input, kind, offset);

    let name_end = grammar::token_end(input, start);
    if name_end == start {
        return Err(error(Kind::ParameterName, start));
    }
    let name = input.get(start..name_end).unwrap_or_default();
    let special = if name.eq_ignore_ascii_case(b"cause") {
        Some(Special::Cause)
    } else if name.eq_ignore_ascii_case(b"text") {
        Some(Special::Text)
    } else {
        None
    };
    let equal = grammar::sws_end(input, name_end);
    if input.get(equal) != Some(&b'=') {
        return match special {
            Some(Special::Cause) => Err(error(Kind::Cause, equal)),
            Some(Special::Text) => Err(error(Kind::Text, equal)),
            None => Ok(ParamSpans {
                name: (start, name_end),
                special,
                value: None,
                end: name_end,
            }),
        };
    }
    let value_start = grammar::sws_end(input, equal + 1);
    let value_end = match (special, input.get(value_start)) {
        (Some(Special::Cause), _) => {
            let end = grammar::digits_end(input, value_start);
            // Digits and nothing else of a token: the error is at the first byte that is not one.
            if end == value_start || grammar::token_end(input, end) > end {
                return Err(error(Kind::Cause, end));
            }
            end
        }
        (_, Some(b'"')) => {
            grammar::quoted_string_end(input, value_start).map_err(|(quoted, offset)| error(quoted.into(), offset))?
        }
        (Some(Special::Text), _) if mode == Mode::Lenient => unquoted_text_end(input, value_start)?,
        (Some(Special::Text), _) => return Err(error(Kind::Text, value_start)),
        (None, Some(b'[')) => {
            let close = input
                .get(value_start..)
                .and_then(|rest| rest.iter().position(|&byte| byte == b']'))
                .map(|position| value_start + position + 1);
            match close {
                Some(end) if grammar::is_host(input.get(value_start..end).unwrap_or_default()) => end,
                _ => return Err(error(Kind::ParameterValue, value_start)),
            }
        }
        (None, _) => {
            let end = grammar::token_end(input, value_start);
            if end == value_start {
                return Err(error(Kind::ParameterValue, value_start));
            }
            end
        }
    };
    Ok(ParamSpans {
        name: (start, name_end),
        special,
        value: Some((value_start, value_end)),
        end: value_end,
    })
}

/// Lenient only: the end of a `text` value sent without quotes, which runs to the next `;` or
/// `,` (or the end) and holds any byte a quoted-string could hold unescaped, blanks included;
/// blanks at its end are left out. At least one byte, and UTF-8.
fn unquoted_text_end(input: &[u8], start: usize) -> Result<usize, ParseReasonError> {
    let rest = input.get(start..).unwrap_or_default();
    let run = rest
        .iter()
        .take_while(|&&byte| matches!(byte, b' ' | b'\t' | 0x21 | 0x23..=0x2b | 0x2d..=0x3a | 0x3c..=0x5b | 0x5d..=0x7e | 0x80..=0xff))
        .count();
    let mut end = start + run;
    while end > start && matches!(input.get(end - 1), Some(b' ' | b'\t')) {
        end -= 1;
    }
    if end == start {
        return Err(ParseReasonError::at(input, ParseReasonErrorKind::Text, start));
    }
    if let Err(error) = core::str::from_utf8(input.get(start..end).unwrap_or_default()) {
        return Err(ParseReasonError::at(
            input,
            ParseReasonErrorKind::Utf8,
            start + error.valid_up_to(),
        ));
    }
    Ok(end)
}

/// A Reason header field value that does not follow RFC 3326's grammar, from [`parse`] or
/// [`parse_lenient`], or a protocol or text given to [`ReasonValue::new`] that it rejects.
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
