//! SIP response status codes, complete and verified against the RFCs.
//!
//! - [`Code`]: every registered code, generated from `codes.toml` with its reason phrase,
//!   meaning, defining RFC section and registration status.
//! - [`StatusCode`]: any code from 100 to 699, registered or not, with RFC 3261's rules
//!   for codes a peer does not know ([`StatusCode::canonical`]).
//! - [`Class`]: the six classes and what a client does with each.
//! - [`StatusLine`]: `SIP/2.0 486 Busy Here` parsed without copying, alone or at the start
//!   of a whole message ([`StatusLine::parse_prefix`]), strictly per RFC 3261 §25.1 or
//!   leniently on request, and written without allocating.
//! - [`HeaderRule`] and [`ClientReaction`]: per code, the header fields a response must,
//!   should or may carry ([`Code::missing_headers`] checks one before it is sent), and what
//!   a client does on receiving it ([`Reaction`]), each with the RFC section that says so.
//!
//! Modules, each behind a feature that is off by default (docs.rs builds every one, and
//! marks each module with the feature that enables it):
//!
#![cfg_attr(feature = "forking", doc = "- [`forking`](crate::forking)")]
#![cfg_attr(not(feature = "forking"), doc = "- `forking`")]
//!   (feature `forking`): the best response across forked branches, RFC 3261 §16.7's
//!   response context for forking proxies, allocation-free.
#![cfg_attr(feature = "reason-warning", doc = "- [`reason`](crate::reason)")]
#![cfg_attr(not(feature = "reason-warning"), doc = "- `reason`")]
//!   (feature `reason-warning`): the Reason header field (RFC 3326),
//!   `Q.850;cause=16;text="Normal call clearing"`, parsed without copying and written
//!   without allocating, and `reason::Protocol`, the registered protocols.
#![cfg_attr(feature = "reason-warning", doc = "- [`warning`](crate::warning)")]
#![cfg_attr(not(feature = "reason-warning"), doc = "- `warning`")]
//!   (feature `reason-warning`): the Warning header field (RFC 3261 §20.43),
//!   `305 host "Incompatible media format"`, likewise, and `warning::WarnCode`, the
//!   registered warn-codes.
#![cfg_attr(feature = "q850", doc = "- [`q850`](crate::q850)")]
#![cfg_attr(not(feature = "q850"), doc = "- `q850`")]
//!   (feature `q850`, which turns on `reason-warning`): ITU-T Q.850 cause values and their
//!   mapping to SIP status codes and back (RFC 3398, RFC 4497), generated from TOML like
//!   [`Code`], as are the two registries above.
#![cfg_attr(feature = "message", doc = "- [`message`](crate::message)")]
#![cfg_attr(not(feature = "message"), doc = "- `message`")]
//!   (feature `message`): a SIP message's start line, header fields and body, framed as a
//!   datagram or on a stream, read without copying or allocating.
#![cfg_attr(feature = "audit", doc = "- [`audit`](crate::audit)")]
#![cfg_attr(not(feature = "audit"), doc = "- `audit`")]
//!   (feature `audit`, which turns on `message` and `q850`): a response, an exchange or a
//!   whole trace checked against every rule the tables know, each finding with its RFC
//!   section; allocation-free for one response.
//!
//! And for tables of your own:
//!
//! - [`codes!`]: generate an enum of your own from your own TOML (private, carrier or
//!   newer codes), with the same API.
#![cfg_attr(feature = "q850", doc = "- [`q850_profile!`](crate::q850_profile)")]
#![cfg_attr(not(feature = "q850"), doc = "- `q850_profile!`")]
//!   (feature `q850`): a gateway's own Q.850 mapping from its own TOML, only the rows that
//!   differ from a built-in profile, with the same API as the built-in ones.
//!
//! ```
//! use sipcodes::{Code, StatusCode};
//!
//! let status: StatusCode = "486".parse()?;
//! match status.canonical() {
//!     Code::BusyHere => println!("callee busy: {status}"),
//!     other => println!("failed with {other}"),
//! }
//! # Ok::<(), sipcodes::ParseStatusCodeError>(())
//! ```
//!
//! # Features
//!
//! - `std` (default): `std::io::Write` support. Without it the crate is `#![no_std]`, needs
//!   no allocator, and keeps everything else: codes, classes, parsing and formatting.
//! - `serde` (off by default): `Serialize` and `Deserialize` for [`StatusCode`] and [`Code`]
//!   (as the number, `486`), [`Class`] (as its digit, `4`) and [`Registration`] (as
//!   `"current"`, ...). Deserializing also takes a string, `"486"` or `"486 Busy Here"` (a
//!   class: `"4"`, `"4xx"` or what its `Display` writes), and rejects a bad value with the error
//!   [`StatusCode::from_u16`] or [`FromStr`](core::str::FromStr) gives; a [`Code`] also
//!   rejects a valid code that is not in the table. Built on `serde_core`, so it compiles in
//!   parallel with `serde_derive`, and needs neither `std` nor an allocator.
//! - `forking` (off by default): the `forking` module.
//! - `reason-warning` (off by default): the `reason` and `warning` modules, with
//!   `reason::Protocol` and `warning::WarnCode` generated from `reason-protocols.toml` and
//!   `warn-codes.toml`. Works without `std`. Off by default because generating the
//!   registries adds a few seconds to a dependent's clean build.
//! - `q850` (off by default, turns on `reason-warning`): the `q850` module, generated from
//!   `q850.toml`. Needs neither `std` nor an allocator.
//! - `message` (off by default): the `message` module, a SIP message's start line, header
//!   fields and body read without copying or allocating.
//! - `audit` (off by default, turns on `message` and `q850`): the `audit` module, which checks
//!   responses, exchanges and (with `std`) traces against the RFCs' rules, allocation-free.
//!
//! The full table, generated from `codes.toml`:
//!
#![doc = sipcodes_macros::codes_reference!(rustdoc Code = "codes.toml")]
#![cfg_attr(not(feature = "std"), no_std)]
#![cfg_attr(docsrs, feature(doc_cfg))]
#![forbid(unsafe_code)]

#[cfg(feature = "audit")]
#[cfg_attr(docsrs, doc(cfg(feature = "audit")))]
pub mod audit;
mod citation;
mod class;
mod code;
mod error;
#[cfg(feature = "forking")]
#[cfg_attr(docsrs, doc(cfg(feature = "forking")))]
pub mod forking;
mod grammar;
mod header_rules;
#[cfg(feature = "message")]
#[cfg_attr(docsrs, doc(cfg(feature = "message")))]
pub mod message;
mod phrase;
#[cfg(feature = "q850")]
#[cfg_attr(docsrs, doc(cfg(feature = "q850")))]
pub mod q850;
mod reaction;
#[cfg(feature = "reason-warning")]
#[cfg_attr(docsrs, doc(cfg(feature = "reason-warning")))]
pub mod reason;
#[cfg(feature = "reason-warning")]
mod reason_protocols;
mod registration;
#[cfg(feature = "serde")]
mod serde;
mod status_code;
mod status_line;
#[cfg(feature = "reason-warning")]
mod warn_codes;
#[cfg(feature = "reason-warning")]
#[cfg_attr(docsrs, doc(cfg(feature = "reason-warning")))]
pub mod warning;
#[cfg(feature = "reason-warning")]
mod writing;

pub use crate::citation::Citation;
pub use crate::class::Class;
pub use crate::code::Code;
pub use crate::error::{
    BufferTooSmall, DeprecatedCode, InvalidStatusCode, ParseStatusCodeError, ParseStatusCodeErrorKind, UnknownCode,
};
pub use crate::header_rules::{
    Condition, Dialog, HeaderRule, HeaderTest, MissingHeaders, Requirement, compact_form, full_header_name,
};
pub use crate::reaction::{ClientReaction, Reaction};
pub use crate::registration::Registration;
pub use crate::status_code::StatusCode;
pub use crate::status_line::{ParseStatusLineError, ParseStatusLineErrorKind, StatusLine};

#[doc = include_str!("codes_macro.md")]
#[macro_export]
macro_rules! codes {
    ($($input:tt)*) => {
        $crate::__codes!($($input)*);
    };
}

/// Generates a `static` [`q850::ProfileTable`] from your gateway's own TOML: its Q.850 cause
/// ↔ SIP status mapping, given as the rows that differ from a base profile, with the same API
/// ([`q850::Mapping`]) as the profiles sipcodes ships.
///
/// ```ignore
/// sipcodes::q850_profile! {
///     /// Our SBC's mapping.
///     pub static MY_GATEWAY = "gateway.toml";
/// }
/// ```
///
/// The TOML (paths are relative to the crate's `Cargo.toml`):
///
/// ```toml
/// key = "my-gateway"            # how the `sipcodes` command names it
/// name = "Example SBC"
/// description = "Our SBC: RFC 3398, but a decline stays a decline."
/// base = "rfc3398"              # rfc3398, rfc4497, asterisk or freeswitch: for what is not listed
/// # repo = "owner/name"         # where the rows were read, with `commit`; then every row
/// # commit = "…"                # needs `source = "path/file.c:LINE"`
///
/// [[to_sip]]                    # cause -> status
/// cause = 21
/// status = 603                  # or `none = "why nothing is sent"`
/// differs_from_rfc3398 = true   # say so where RFC 3398 maps otherwise
///
/// # user_status = 603           the status where the cause's location is the user
/// # diagnostic_status = 301     and where the diagnostic carries a new number
///
/// [[from_sip]]                  # status -> cause
/// status = 603
/// cause = 21
/// # bearer_cause = 65           the cause for a bearer-capability Warning code
///
/// # [to_sip_default] status = …           the response for any unlisted cause
/// # [[from_sip_default]] first/last/cause  the cause for unlisted statuses in a range, or any
/// ```
///
/// Every row and default may also carry `vendor_name` (the gateway's own name for the
/// cause), `note`, and `source`. A cause may be above 127 (a gateway's own causes); read one
/// back with [`Mapping::from_sip_raw`](q850::Mapping::from_sip_raw). The static answers through
/// [`q850::Mapping`], as the built-in profiles do, and [`q850::round_trip`] takes it.
///
/// A table without `base` gives `[to_sip_default]` and a `[[from_sip_default]]` without a
/// range. Every problem in the file is reported at once, at its `file:line:col`.
#[cfg(feature = "q850")]
#[macro_export]
macro_rules! q850_profile {
    ($($input:tt)*) => {
        $crate::__private::q850_profile!($crate; $($input)*);
    };
}

// `__codes!`: `codes!` with the text of this crate's codes.toml, written by build.rs.
include!(concat!(env!("OUT_DIR"), "/standard_table.rs"));

/// What the code generated by [`codes!`] uses; not a public API.
#[doc(hidden)]
pub mod __private {
    #[cfg(feature = "serde")]
    pub use crate::serde::{deserialize_code, serialize_code};
    #[cfg(feature = "serde")]
    pub use serde_core;
    pub use sipcodes_macros::codes;
    #[cfg(feature = "q850")]
    pub use sipcodes_macros::q850_profile;

    pub use crate::citation::citation;
    pub use crate::class::{ClassFacts, class_facts};
    pub use crate::code::STANDARD_TABLE_FINGERPRINT;
    pub use crate::header_rules::{allows, condition, header_rule, header_test, missing_headers};
    pub use crate::phrase::{has_blank_run, same_phrase, trim_blanks};
    pub use crate::reaction::client_reaction;
    use crate::{DeprecatedCode, ParseStatusCodeError, Registration, StatusCode, StatusLine, UnknownCode};

    /// Implemented by every generated enum, [`Code`](crate::Code) included.
    #[doc(hidden)]
    pub trait GeneratedTable: Copy + Into<StatusCode> {
        /// The enum's name, for messages.
        const NAME: &'static str;
        /// What the enum holds, for messages: "registered codes" for [`Code`](crate::Code).
        const HOLDS: &'static str;
        /// What a deserializer expected, for messages.
        const EXPECTING: &'static str;

        /// The entry for `code`, if the table has one.
        fn entry(code: u16) -> Option<Self>;

        /// Whether `phrase` (trimmed) is this code's reason phrase or an alias of it.
        fn has_phrase(self, phrase: &[u8]) -> bool;
    }

    /// The `FromStr` of generated enums.
    ///
    /// # Errors
    ///
    /// The text is not a code of the table, or the phrase is not the code's.
    pub fn parse_code<T: GeneratedTable>(text: &str) -> Result<T, ParseStatusCodeError> {
        crate::status_code::parse_table_code(text)
    }

    /// The error of the generated `TryFrom` impls.
    #[must_use]
    pub const fn unknown_code(code: u16, table: &'static str) -> UnknownCode {
        UnknownCode::new(code, table)
    }

    /// The error of the generated `for_sending`.
    #[must_use]
    pub const fn deprecated_code(
        code: u16,
        reason_phrase: &'static str,
        registration: Registration,
        note: &'static str,
    ) -> DeprecatedCode {
        DeprecatedCode::new(code, reason_phrase, registration, note)
    }

    /// The generated `From<Enum> for StatusLine`: `SIP/2.0`, `code` and the table's
    /// `reason_phrase`, which the macro checked against the strict Reason-Phrase rule when it
    /// read the table.
    #[must_use]
    pub const fn status_line_from_table(code: StatusCode, reason_phrase: &'static str) -> StatusLine<'static> {
        StatusLine::from_table(code, reason_phrase)
    }
}

/// `Serialize` and `Deserialize` for a generated enum, when sipcodes' `serde` feature is on.
#[cfg(feature = "serde")]
#[doc(hidden)]
#[macro_export]
macro_rules! __impl_serde {
    ($name:ident) => {
        #[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
        /// Serializes the number, `486`.
        impl $crate::__private::serde_core::Serialize for $name {
            fn serialize<S>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error>
            where
                S: $crate::__private::serde_core::Serializer,
            {
                $crate::__private::serialize_code(*self, serializer)
            }
        }

        #[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
        /// Deserializes `486`, `"486"` or `"486 Busy Here"` (the table's own phrases and
        /// aliases only), if the table has the code.
        impl<'de> $crate::__private::serde_core::Deserialize<'de> for $name {
            fn deserialize<D>(deserializer: D) -> ::core::result::Result<Self, D::Error>
            where
                D: $crate::__private::serde_core::Deserializer<'de>,
            {
                $crate::__private::deserialize_code(deserializer)
            }
        }
    };
}

/// Without the `serde` feature, generated enums get no serde impls.
#[cfg(not(feature = "serde"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __impl_serde {
    ($name:ident) => {};
}
