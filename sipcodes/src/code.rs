//! The registered codes, generated from `codes.toml`.

sipcodes_macros::codes! {
    crate;
    standard;
    /// Every SIP response code of the IANA registry, plus two obsolete RFC 2543 codes.
    ///
    /// Generated from `codes.toml`, the one place a code, its reason phrase and its facts
    /// are written. Match on it, look codes up by number ([`Code::from_u16`]) or by phrase
    /// ([`Code::from_reason`]), and print it (`486 Busy Here`).
    ///
    /// ```
    /// use sipcodes::{Class, Code};
    ///
    /// let code = Code::from_u16(486).unwrap();
    /// assert_eq!(code, Code::BusyHere);
    /// assert_eq!(code.reason_phrase(), "Busy Here");
    /// assert_eq!(code.class(), Class::ClientFailure);
    /// assert_eq!(code.rfc(), Some("RFC 3261"));
    /// assert_eq!(code.to_string(), "486 Busy Here");
    /// assert_eq!(Code::from_reason("busy here"), Some(Code::BusyHere));
    /// ```
    ///
    /// The enum is `#[non_exhaustive]`: new registrations are added in minor releases.
    pub enum Code = "codes.toml";
}
