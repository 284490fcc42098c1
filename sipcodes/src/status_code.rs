//! Any syntactically valid SIP status code, registered or not.

use core::fmt;
use core::num::NonZeroU16;
use core::str::FromStr;

use crate::__private::GeneratedTable;
use crate::code::canonical_fallback;
use crate::error::{InvalidStatusCode, ParseStatusCodeError, ParseStatusCodeErrorKind};
use crate::header_rules::same_name;
use crate::phrase::trim_blanks;
use crate::status_line::three_digits;
use crate::{Class, ClientReaction, Code, HeaderRule, MissingHeaders, Reaction, Requirement};

/// A SIP status code from 100 to 699, registered or not.
///
/// RFC 3261 §21 lets extensions define new codes, and §8.1.3.2 says how a client treats
/// one it does not know, so a stack must carry codes its table lacks: `StatusCode` does.
/// [`known`](StatusCode::known) gives the registered [`Code`], and
/// [`canonical`](StatusCode::canonical) the code to act on. The per-code facts need neither:
/// [`header_rules`](StatusCode::header_rules) and
/// [`missing_headers`](StatusCode::missing_headers) (what a sender owes, from the code
/// itself), and [`client_reaction`](StatusCode::client_reaction),
/// [`reaction`](StatusCode::reaction) and [`advice`](StatusCode::advice) (what a receiver
/// does, from the canonical code).
///
/// Two bytes, and `Option<StatusCode>` too.
///
/// ```
/// use sipcodes::{Class, Code, StatusCode};
///
/// let busy = StatusCode::from_u16(486)?;
/// assert_eq!(busy.known(), Some(Code::BusyHere));
/// assert_eq!(busy.to_string(), "486 Busy Here");
///
/// let spam = StatusCode::from_u16(499)?;
/// assert_eq!(spam.class(), Class::ClientFailure);
/// if spam.known().is_none() {
///     // 499 is unregistered (as long as no one registers it).
///     assert_eq!(spam.canonical(), Code::BadRequest);
///     assert_eq!(spam.to_string(), "499");
/// }
///
/// assert!(StatusCode::from_u16(700).is_err());
/// # Ok::<(), sipcodes::InvalidStatusCode>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct StatusCode(NonZeroU16);

impl StatusCode {
    /// `code` as a status code.
    ///
    /// # Errors
    ///
    /// [`InvalidStatusCode`] if `code` is not from 100 to 699.
    pub const fn from_u16(code: u16) -> Result<StatusCode, InvalidStatusCode> {
        if code < 100 || code > 699 {
            return Err(InvalidStatusCode::new(code));
        }
        match NonZeroU16::new(code) {
            Some(code) => Ok(StatusCode(code)),
            None => Err(InvalidStatusCode::new(code)),
        }
    }

    /// The number, e.g. `486`.
    #[must_use]
    pub const fn as_u16(self) -> u16 {
        self.0.get()
    }

    /// The class, from the first digit ([`Class::from_u16`]).
    #[must_use]
    pub const fn class(self) -> Class {
        match Class::from_u16(self.as_u16()) {
            Some(class) => class,
            // Never: a status code is from 100 to 699, and every such number has a class.
            None => Class::GlobalFailure,
        }
    }

    /// The registered code, or `None` for an unregistered one.
    #[must_use]
    pub const fn known(self) -> Option<Code> {
        Code::from_u16(self.as_u16())
    }

    /// The registered reason phrase, or `None` for an unregistered code.
    #[must_use]
    #[inline]
    pub const fn reason_phrase(self) -> Option<&'static str> {
        Code::__sipcodes_reason_phrase(self.as_u16())
    }

    /// The code a user agent client acts on. A current registered code is itself. A
    /// deprecated or obsolete one is the code `codes.toml` says to treat it as (its
    /// `treat_as`, see [`Code::canonical`]): 202 is treated as 200 (RFC 6665 §8.3.1), and
    /// 409 and 411, which RFC 3261 dropped, as 400. An unregistered final code is treated as
    /// the x00 code of its class, and an unregistered provisional code as 183 Session
    /// Progress (RFC 3261 §8.1.3.2).
    ///
    /// ```
    /// use sipcodes::{Code, StatusCode};
    ///
    /// let canonical = |code| StatusCode::from_u16(code).unwrap().canonical();
    /// assert_eq!(canonical(486), Code::BusyHere);
    /// assert_eq!(canonical(202), Code::Ok);
    /// assert_eq!(canonical(409), Code::BadRequest);
    /// assert_eq!(canonical(199), Code::EarlyDialogTerminated);
    /// // Codes the table does not have (as long as no one registers them):
    /// for (code, treated_as) in [(150, Code::SessionProgress), (299, Code::Ok), (699, Code::BusyEverywhere)] {
    ///     if Code::from_u16(code).is_none() {
    ///         assert_eq!(canonical(code), treated_as);
    ///     }
    /// }
    /// ```
    #[must_use]
    pub const fn canonical(self) -> Code {
        match self.known() {
            Some(code) => code.canonical(),
            None => canonical_fallback(self.class()),
        }
    }

    /// What a user agent client does with this response: the reaction of its
    /// [`canonical`](Self::canonical) code, so an unregistered code gets the reaction of the
    /// code of its class it is treated as (RFC 3261 §8.1.3.2), and a deprecated one that of
    /// the code it is treated as.
    ///
    /// ```
    /// use sipcodes::{Reaction, StatusCode};
    ///
    /// let reaction = |code| StatusCode::from_u16(code).unwrap().reaction();
    /// assert_eq!(reaction(503), Reaction::Failover);
    /// assert_eq!(reaction(499), Reaction::GiveUp);
    /// assert_eq!(reaction(599), Reaction::RetryLater);
    /// ```
    #[must_use]
    pub const fn client_reaction(self) -> &'static ClientReaction {
        self.canonical().client_reaction()
    }

    /// The next step of a user agent client: [`client_reaction`](Self::client_reaction)'s.
    #[must_use]
    pub const fn reaction(self) -> Reaction {
        self.client_reaction().reaction()
    }

    /// What a user agent client does with this response, in a sentence or two:
    /// [`client_reaction`](Self::client_reaction)'s advice.
    #[must_use]
    pub const fn advice(self) -> &'static str {
        self.client_reaction().advice()
    }

    /// Whether the response may carry a Retry-After header field: that of its
    /// [`canonical`](Self::canonical) code (see [`Code::may_carry_retry_after`]), since this
    /// is what a receiver looks for, and a receiver treats an unregistered code as its
    /// class's x00 (RFC 3261 §8.1.3.2).
    #[must_use]
    pub const fn may_carry_retry_after(self) -> bool {
        self.canonical().may_carry_retry_after()
    }

    /// The header fields a response with this code must, should or may carry, or must not,
    /// each with the RFC section that says so.
    ///
    /// For a registered code, its own rules ([`Code::header_rules`]), a deprecated code's
    /// included. An unregistered code has no definition to take rules from: what a sender
    /// must put in a response comes from the definition of its code, so it is not borrowed
    /// from the [`canonical`](Self::canonical) code (a 499 is treated as a 400 by a receiver,
    /// but it is not a 405 that must carry Allow). It gets the rules that RFC text states for
    /// every response code, which `codes.toml` lists with each code: one, RFC 4028 §5's
    /// Min-SE "must not" ("The Min-SE header field MUST NOT be used in responses except those
    /// with a 422 response code"). Rules that hold for every response alike (From, To,
    /// Call-ID, `CSeq`, Via) are not listed for any code.
    ///
    /// ```
    /// use sipcodes::{Code, Requirement, StatusCode};
    ///
    /// let not_allowed = StatusCode::from_u16(405)?;
    /// assert_eq!(not_allowed.header_rules(), Code::MethodNotAllowed.header_rules());
    ///
    /// // An unregistered code (as long as no one registers 499):
    /// # if Code::from_u16(499).is_none() {
    /// let rules = StatusCode::from_u16(499)?.header_rules();
    /// let [min_se] = rules else { panic!("one rule: {rules:?}") };
    /// assert_eq!((min_se.header(), min_se.requirement()), ("Min-SE", Requirement::MustNot));
    /// assert_eq!((min_se.citation().rfc(), min_se.citation().section()), ("RFC 4028", Some("5")));
    /// # }
    /// # Ok::<(), sipcodes::InvalidStatusCode>(())
    /// ```
    #[must_use]
    pub const fn header_rules(self) -> &'static [HeaderRule] {
        match self.known() {
            Some(code) => code.header_rules(),
            None => UNREGISTERED_HEADER_RULES,
        }
    }

    /// The [`header_rules`](Self::header_rules) a response with this code breaks by lacking a
    /// header field: the unconditional `Must` rules whose header is not among `present`, the
    /// names of the header fields the response carries (any ASCII case, compact forms
    /// included), as [`Code::missing_headers`] checks them. An unregistered code has no
    /// `Must` rule, so nothing is ever missing from it.
    ///
    /// ```
    /// use sipcodes::StatusLine;
    ///
    /// // What a parser gives: the code of a response whose header names were read.
    /// let line = StatusLine::parse(b"SIP/2.0 405 Method Not Allowed\r\n")?;
    /// let missing: Vec<_> = line.code().missing_headers(["Via", "From", "To", "Call-ID", "CSeq"]).collect();
    /// assert_eq!(missing.iter().map(|rule| rule.header()).collect::<Vec<_>>(), ["Allow"]);
    /// assert_eq!(line.code().missing_headers(["v", "f", "t", "i", "CSeq", "allow"]).count(), 0);
    /// # Ok::<(), sipcodes::ParseStatusLineError>(())
    /// ```
    #[must_use]
    pub fn missing_headers<'a, I: IntoIterator<Item = &'a str>>(self, present: I) -> MissingHeaders {
        crate::header_rules::missing_headers(self.header_rules(), present)
    }

    /// 1xx: not a final response.
    #[must_use]
    pub const fn is_provisional(self) -> bool {
        matches!(self.class(), Class::Provisional)
    }

    /// 2xx to 6xx: the response ends the transaction.
    #[must_use]
    pub const fn is_final(self) -> bool {
        !self.is_provisional()
    }

    /// 2xx.
    #[must_use]
    pub const fn is_success(self) -> bool {
        matches!(self.class(), Class::Success)
    }

    /// 3xx.
    #[must_use]
    pub const fn is_redirection(self) -> bool {
        matches!(self.class(), Class::Redirection)
    }

    /// 4xx.
    #[must_use]
    pub const fn is_client_failure(self) -> bool {
        matches!(self.class(), Class::ClientFailure)
    }

    /// 5xx.
    #[must_use]
    pub const fn is_server_failure(self) -> bool {
        matches!(self.class(), Class::ServerFailure)
    }

    /// 6xx.
    #[must_use]
    pub const fn is_global_failure(self) -> bool {
        matches!(self.class(), Class::GlobalFailure)
    }
}

impl fmt::Debug for StatusCode {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.debug_tuple("StatusCode").field(&self.as_u16()).finish()
    }
}

impl fmt::Display for StatusCode {
    /// `486 Busy Here` for a registered code; the number alone, `499`, for another.
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.known() {
            Some(code) => fmt::Display::fmt(&code, formatter),
            None => write!(formatter, "{}", self.as_u16()),
        }
    }
}

impl FromStr for StatusCode {
    type Err = ParseStatusCodeError;

    /// Parses the code, `486`, alone or followed by blanks and any reason phrase:
    /// `486 Busy Here` (what [`Display`](fmt::Display) writes), `486 Besetzt` and `499
    /// Whatever` alike. The phrase is dropped and never changes the code: RFC 3261 §7.2 says
    /// "The Status-Code is intended for use by automata, whereas the Reason-Phrase is intended
    /// for the human user", and that implementations "MAY choose other text". Blanks around
    /// the text are ignored.
    ///
    /// [`Code`] and the enums of [`codes!`](crate::codes) stay strict: their `FromStr` takes
    /// only the code's own reason phrase or an alias of it, since the text names an entry of
    /// their table. [`StatusLine`](crate::StatusLine) keeps a peer's phrase.
    ///
    /// ```
    /// use sipcodes::{ParseStatusCodeErrorKind, StatusCode};
    ///
    /// let parse = |text: &str| text.parse::<StatusCode>().map(StatusCode::as_u16);
    /// assert_eq!(parse("486"), Ok(486));
    /// assert_eq!(parse("486 Busy Here"), Ok(486));
    /// assert_eq!(parse("486 Besetzt"), Ok(486));
    /// assert_eq!(parse(" 499 Whatever "), Ok(499));
    /// // The code must still be three digits from 100 to 699, then a blank.
    /// let error = "486Busy".parse::<StatusCode>().unwrap_err();
    /// assert_eq!(error.kind(), ParseStatusCodeErrorKind::ExpectedSpace);
    /// assert!("700 Nope".parse::<StatusCode>().is_err());
    /// ```
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        split_code_text(text, Code::NAME).map(|(code, _phrase)| code)
    }
}

/// The header rules of an unregistered code: RFC 4028 §5's Min-SE "must not", the one rule
/// that RFC text states for every code (but 422), taken from the table where it is written
/// with each code, so that it carries the same citation.
pub(crate) const UNREGISTERED_HEADER_RULES: &[HeaderRule] = min_se_must_not();

/// The table's Min-SE "must not" rule, found in the first code that has it; a compile error
/// if no code has it.
const fn min_se_must_not() -> &'static [HeaderRule] {
    let mut codes = Code::ALL;
    while let [code, more @ ..] = codes {
        let mut rules = code.header_rules();
        while let [rule, rest @ ..] = rules {
            if matches!(rule.requirement(), Requirement::MustNot) && same_name(rule.header().as_bytes(), b"Min-SE") {
                return core::slice::from_ref(rule);
            }
            rules = rest;
        }
        codes = more;
    }
    panic!("codes.toml gives no code the Min-SE \"must not\" rule of RFC 4028 section 5")
}

/// A phrase after a code in text, trimmed, with its byte offset in the text.
type Phrase<'a> = (usize, &'a [u8]);

/// The text form of a status code, shared by [`StatusCode`] and every generated enum: blanks,
/// three digits from 100 to 699, then nothing, or blanks and a phrase. Returns the code and
/// the phrase (trimmed, with its byte offset in `text`). `table` names the enum being parsed,
/// for the errors.
pub(crate) fn split_code_text<'a>(
    text: &'a str,
    table: &'static str,
) -> Result<(StatusCode, Option<Phrase<'a>>), ParseStatusCodeError> {
    use ParseStatusCodeErrorKind as Kind;

    let error = |kind, offset| ParseStatusCodeError::at(text.as_bytes(), kind, offset, table);
    let trimmed = trim_blanks(text.as_bytes());
    let start = leading_blanks(text);
    if trimmed.is_empty() {
        return Err(error(Kind::Empty, start));
    }
    // The first byte of the three that is not a digit, or a fourth digit.
    let digits = trimmed.iter().take_while(|byte| byte.is_ascii_digit()).count();
    let (Some((digits_text, rest)), 3) = (trimmed.split_first_chunk::<3>(), digits) else {
        return Err(error(Kind::NotThreeDigits, start + digits.min(3)));
    };
    let number = three_digits(digits_text, 0).ok_or_else(|| error(Kind::NotThreeDigits, start))?;
    let code = StatusCode::from_u16(number).map_err(|_| error(Kind::OutOfRange, start))?;
    if rest.is_empty() {
        return Ok((code, None));
    }
    let phrase = trim_blanks(rest);
    if phrase.len() == rest.len() {
        return Err(error(Kind::ExpectedSpace, start + 3));
    }
    Ok((code, Some((start + 3 + (rest.len() - phrase.len()), phrase))))
}

/// How many blanks `text` starts with: the offset of the code.
fn leading_blanks(text: &str) -> usize {
    text.bytes().take_while(|byte| matches!(byte, b' ' | b'\t')).count()
}

/// Parses the text form of a code of a generated table (its `FromStr`): the code must be in
/// the table, and a phrase must be its reason phrase or an alias in that table.
pub(crate) fn parse_table_code<T: GeneratedTable>(text: &str) -> Result<T, ParseStatusCodeError> {
    let (code, phrase) = split_code_text(text, T::NAME)?;
    let Some(entry) = T::entry(code.as_u16()) else {
        return Err(ParseStatusCodeError::at(
            text.as_bytes(),
            ParseStatusCodeErrorKind::NotInTable,
            leading_blanks(text),
            T::NAME,
        ));
    };
    match phrase {
        Some((offset, phrase)) if !entry.has_phrase(phrase) => Err(ParseStatusCodeError::at(
            text.as_bytes(),
            ParseStatusCodeErrorKind::PhraseMismatch,
            offset,
            T::NAME,
        )),
        _ => Ok(entry),
    }
}

impl PartialEq<u16> for StatusCode {
    fn eq(&self, other: &u16) -> bool {
        self.as_u16() == *other
    }
}

impl PartialEq<StatusCode> for u16 {
    fn eq(&self, other: &StatusCode) -> bool {
        *self == other.as_u16()
    }
}

impl TryFrom<u16> for StatusCode {
    type Error = InvalidStatusCode;

    fn try_from(code: u16) -> Result<Self, Self::Error> {
        StatusCode::from_u16(code)
    }
}

impl From<StatusCode> for u16 {
    fn from(code: StatusCode) -> u16 {
        code.as_u16()
    }
}
