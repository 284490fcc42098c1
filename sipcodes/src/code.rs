//! The registered codes, generated from `codes.toml`.
//!
//! What `standard;` generates here, and who reads it:
//!
//! - `Code`, its inherent impl (the same API as every `codes!` enum: lookups, the protocol
//!   facts, the predicates) and its trait impls: `Display`, `FromStr`, the conversions, the
//!   comparisons, serde (through `__impl_serde!`), and `__private::GeneratedTable`, which
//!   `status_code::parse_table_code` and `serde.rs` are generic over.
//! - `Code::__sipcodes_reason_phrase(u16)`, the phrase of any number without a detour through
//!   `Code`: `StatusCode::reason_phrase` (`status_code.rs`).
//! - `CLASSES: [ClassFacts; 6]`, the `[class.Nxx]` tables (name, description and client
//!   reaction): `Class` (`class.rs`).
//! - `canonical_fallback(Class) -> Code`, the code an unregistered one is treated as (RFC 3261
//!   §8.1.3.2): `StatusCode::canonical` (`status_code.rs`) and the table of status lines
//!   (`status_line/write.rs`).
//! - `STANDARD_TABLE_FINGERPRINT`, re-exported through `__private`: every user enum checked
//!   against this table asserts it was the same text.
//!
//! The generated code builds runtime values only through `__private` (`citation`,
//! `header_rule`, `client_reaction`, `class_facts`, `missing_headers`, …), and names the
//! variants of `Class`, `Registration`, `Reaction` and `Requirement`.

sipcodes_macros::codes! {
    crate;
    standard;
    /// Every SIP response code of the IANA registry, plus two obsolete RFC 2543 codes.
    ///
    /// Generated from `codes.toml`, the one place a code, its reason phrase and its facts
    /// are written. Match on it, look codes up by number ([`Code::from_u16`]) or by phrase
    /// ([`Code::from_reason_phrase`]), and print it (`486 Busy Here`).
    ///
    /// ```
    /// use sipcodes::{Class, Code};
    ///
    /// let code = Code::from_u16(486).unwrap();
    /// assert_eq!(code, Code::BusyHere);
    /// assert_eq!(code, 486);
    /// assert_eq!(code.reason_phrase(), "Busy Here");
    /// assert_eq!(code.class(), Class::ClientFailure);
    /// assert!(code.is_client_failure() && code.is_final());
    /// assert_eq!(code.citation().unwrap().to_string(), "RFC 3261, Section 21.4.24");
    /// assert_eq!(code.to_string(), "486 Busy Here");
    /// assert_eq!(Code::from_reason_phrase("busy here"), Some(Code::BusyHere));
    /// ```
    ///
    /// The enum is `#[non_exhaustive]`: new registrations are added in minor releases.
    pub enum Code = "codes.toml";
}
