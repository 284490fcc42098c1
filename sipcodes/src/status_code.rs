//! Any syntactically valid SIP status code, registered or not.

use core::fmt;
use core::num::NonZeroU16;
use core::str::FromStr;

use crate::code::canonical_fallback;
use crate::error::{InvalidStatusCode, ParseStatusCodeError, ParseStatusCodeErrorKind};
use crate::{Class, Code};

/// A SIP status code from 100 to 699, registered or not.
///
/// RFC 3261 §21 lets extensions define new codes, and §8.1.3.2 says how a client treats
/// one it does not know, so a stack must carry codes its table lacks: `StatusCode` does.
/// [`known`](StatusCode::known) gives the registered [`Code`], and
/// [`canonical`](StatusCode::canonical) the code to act on.
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
/// assert_eq!(spam.known(), None);
/// assert_eq!(spam.canonical(), Code::BadRequest);
/// assert_eq!(spam.to_string(), "499");
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

    /// The class, from the first digit.
    #[must_use]
    pub const fn class(self) -> Class {
        match self.as_u16() / 100 {
            1 => Class::Provisional,
            2 => Class::Success,
            3 => Class::Redirection,
            4 => Class::ClientFailure,
            5 => Class::ServerFailure,
            _ => Class::GlobalFailure,
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

    /// The code a user agent client acts on, per RFC 3261 §8.1.3.2: a registered code is
    /// itself; an unregistered final code is treated as the x00 code of its class, and an
    /// unregistered provisional code as 183 Session Progress.
    ///
    /// ```
    /// use sipcodes::{Code, StatusCode};
    ///
    /// let canonical = |code| StatusCode::from_u16(code).unwrap().canonical();
    /// assert_eq!(canonical(486), Code::BusyHere);
    /// assert_eq!(canonical(199), Code::EarlyDialogTerminated);
    /// assert_eq!(canonical(150), Code::SessionProgress);
    /// assert_eq!(canonical(299), Code::Ok);
    /// assert_eq!(canonical(699), Code::BusyEverywhere);
    /// ```
    #[must_use]
    pub const fn canonical(self) -> Code {
        match self.known() {
            Some(code) => code,
            None => canonical_fallback(self.class()),
        }
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

    /// Parses `486`, or `486 Busy Here` (the phrase, or an alias of it, in any ASCII case):
    /// what [`Display`](fmt::Display) writes. An unregistered code is accepted alone.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        use ParseStatusCodeErrorKind as Kind;

        let bytes = text.as_bytes();
        let Some((digits, rest)) = bytes.split_first_chunk::<3>() else {
            let kind = if bytes.is_empty() {
                Kind::Empty
            } else {
                Kind::NotThreeDigits
            };
            return Err(ParseStatusCodeError::new(kind, 0));
        };
        if !digits.iter().all(u8::is_ascii_digit) || rest.first().is_some_and(u8::is_ascii_digit) {
            return Err(ParseStatusCodeError::new(Kind::NotThreeDigits, 0));
        }
        let number = digits
            .iter()
            .fold(0, |number, digit| number * 10 + u16::from(digit - b'0'));
        let code = StatusCode::from_u16(number).map_err(|_| ParseStatusCodeError::new(Kind::OutOfRange, 0))?;
        let Some((&separator, phrase)) = rest.split_first() else {
            return Ok(code);
        };
        if separator != b' ' {
            return Err(ParseStatusCodeError::new(Kind::ExpectedSpace, 3));
        }
        let Some(known) = code.known() else {
            return Err(ParseStatusCodeError::new(Kind::UnregisteredWithPhrase, 4));
        };
        let matches = |candidate: &str| candidate.as_bytes().eq_ignore_ascii_case(phrase);
        if matches(known.reason_phrase()) || known.aliases().iter().any(|alias| matches(alias)) {
            Ok(code)
        } else {
            Err(ParseStatusCodeError::new(Kind::PhraseMismatch, 4))
        }
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
