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

// The layout of `status_line`: the public types here, the scanner behind the parsers in
// `scan`, their errors in `error` and the writers in `write`. The list of values, its iterator
// and the `IntoIterator` impls are `grammar`'s, shared with `warning`.
mod error;
mod scan;
mod write;

pub use self::error::{ParseReasonError, ParseReasonErrorKind};
use crate::grammar::{self, Grammar, ListElement as _};
use crate::{Code, StatusCode};

/// The protocol values of the IANA Reason-protocols registry, generated from
/// `reason-protocols.toml`.
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
    ReasonValue::scan_list(value, Grammar::Strict).map(ReasonValues)
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
    ReasonValue::scan_list(value, Grammar::Lenient).map(ReasonValues)
}

grammar::value_list! {
    #[derive(PartialEq, Eq, Debug)]
    ReasonValues of ReasonValue in "Reason"
}

impl<'a> ReasonValues<'a> {
    /// The first value whose protocol is `protocol`, in any ASCII case: `find("Q.850")`. RFC
    /// 3326 §2 has each value of a message name a different protocol.
    ///
    /// ```
    /// use sipcodes::reason;
    ///
    /// let values = reason::parse(b"SIP;cause=480, Q.850;cause=18")?;
    /// assert_eq!(values.find("q.850").and_then(|value| value.cause()), Some(18));
    /// assert_eq!(values.find("FreeSWITCH"), None);
    /// # Ok::<(), reason::ParseReasonError>(())
    /// ```
    #[must_use]
    pub fn find(&self, protocol: &str) -> Option<ReasonValue<'a>> {
        self.iter().find(|value| value.protocol.eq_ignore_ascii_case(protocol))
    }
}

/// One Reason value: a protocol, and optionally a cause, a text and other parameters.
///
/// Parsed ones borrow from the input ([`parse`]); built ones come from a [`StatusCode`] or
/// [`ReasonValue::new`]. Either writes itself with [`Display`](core::fmt::Display),
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
    /// The grammar `params` was checked under, which reads it again.
    grammar: Grammar,
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
            grammar: Grammar::Strict,
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
            grammar: Grammar::Strict,
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
            grammar: self.grammar,
        }
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
    /// assert_eq!(value.known_cause(), Cause::from_u8(17));
    /// # Ok::<(), sipcodes::reason::ParseReasonError>(())
    /// ```
    #[cfg(feature = "q850")]
    #[cfg_attr(docsrs, doc(cfg(feature = "q850")))]
    #[must_use]
    pub fn known_cause(&self) -> Option<crate::q850::Cause> {
        if !self.is_q850() {
            return None;
        }
        u8::try_from(self.cause?).ok().and_then(crate::q850::Cause::from_u8)
    }

    /// The protocol as a value of the IANA Reason-protocols registry, if it is one (in any
    /// ASCII case).
    ///
    /// ```
    /// use sipcodes::reason::{self, Protocol};
    ///
    /// let values = reason::parse(b"q.850;cause=16, FreeSWITCH;cause=1")?;
    /// let protocols: Vec<_> = values.iter().map(|value| value.known_protocol().map(Protocol::name)).collect();
    /// assert_eq!(protocols, [Some("Q.850"), None]);
    /// # Ok::<(), reason::ParseReasonError>(())
    /// ```
    #[must_use]
    pub fn known_protocol(&self) -> Option<Protocol> {
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
            grammar: Grammar::Strict,
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
    grammar: Grammar,
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
            let param = scan::scan_param(bytes, grammar::sws_end(bytes, semicolon + 1), self.grammar).ok()?;
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
