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

// The layout of `status_line`: the public types here, the scanner behind the parsers in
// `scan`, their errors in `error` and the writers in `write`. The list of values, its iterator
// and the `IntoIterator` impls are `grammar`'s, shared with `reason`.
mod error;
mod scan;
mod write;

pub use self::error::{ParseWarningError, ParseWarningErrorKind};
use crate::grammar::{self, Grammar, ListElement as _};

/// The warn-codes of the IANA registry (RFC 3261 §20.43 and later RFCs), generated from
/// `warn-codes.toml`.
pub use crate::warn_codes::WarnCode;

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
    WarningValue::scan_list(value, Grammar::Strict).map(WarningValues)
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
    WarningValue::scan_list(value, Grammar::Lenient).map(WarningValues)
}

grammar::value_list! {
    #[derive(PartialEq, Eq, Hash, Debug)]
    WarningValues of WarningValue in "Warning"
}

/// One Warning value: a code, an agent and a text.
///
/// Parsed ones borrow from the input ([`parse`]); built ones come from
/// [`WarningValue::new`], which checks them as [`parse`] would. Either writes itself with
/// [`Display`](core::fmt::Display), [`write_to_slice`](WarningValue::write_to_slice) or (with the
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
            return Err(ParseWarningError::at(&[], ParseWarningErrorKind::Code, 0));
        }
        let agent_bytes = agent.as_bytes();
        let agent_end = scan::scan_agent(agent_bytes, 0, Grammar::Strict)?;
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
    ///
    /// ```
    /// use sipcodes::warning::{self, WarnCode};
    ///
    /// let values = warning::parse(br#"305 gw "Incompatible media format", 199 gw "x""#)?;
    /// let codes: Vec<_> = values.iter().map(|value| value.known_warn_code()).collect();
    /// assert_eq!(codes, [Some(WarnCode::IncompatibleMediaFormat), None]);
    /// # Ok::<(), warning::ParseWarningError>(())
    /// ```
    #[must_use]
    pub const fn known_warn_code(&self) -> Option<WarnCode> {
        WarnCode::from_u16(self.code)
    }
}
