//! SIP response status codes, complete and verified against the RFCs.
//!
//! - [`Code`]: every registered code, generated from `codes.toml` with its reason phrase,
//!   meaning, defining RFC section and registration status.
//! - [`StatusCode`]: any code from 100 to 699, registered or not, with RFC 3261's rules
//!   for codes a peer does not know ([`StatusCode::canonical`]).
//! - [`Class`]: the six classes and their retry advice.
//! - [`StatusLine`]: `SIP/2.0 486 Busy Here` parsed without copying (strictly per RFC 3261
//!   §25.1, or leniently on request) and written without allocating.
//! - [`codes!`]: generate an enum of your own from your own TOML (private, carrier or
//!   newer codes), with the same API.
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
//!
//! The full table, generated from `codes.toml`:
//!
#![doc = sipcodes_macros::codes_reference!(rustdoc Code = "codes.toml")]
#![cfg_attr(not(feature = "std"), no_std)]
#![cfg_attr(docsrs, feature(doc_cfg))]
#![forbid(unsafe_code)]

mod class;
mod code;
mod error;
mod registration;
#[cfg(feature = "serde")]
mod serde;
mod status_code;
mod status_line;

pub use crate::class::Class;
pub use crate::code::Code;
pub use crate::error::{InvalidStatusCode, ParseStatusCodeError, ParseStatusCodeErrorKind, UnknownCode};
pub use crate::registration::Registration;
pub use crate::status_code::StatusCode;
pub use crate::status_line::{BufferTooSmall, ParseStatusLineError, ParseStatusLineErrorKind, StatusLine};

/// Generates a status-code enum of your own from a codes TOML, with the same API as [`Code`].
///
/// The path is resolved against your crate's `Cargo.toml` directory; editing the file
/// rebuilds your crate.
///
/// ```ignore
/// sipcodes::codes! {
///     /// Our carrier's codes.
///     pub enum CarrierCode = "carrier_codes.toml";
/// }
/// ```
#[macro_export]
macro_rules! codes {
    ($($input:tt)*) => {
        $crate::__private::codes!($crate; $($input)*);
    };
}

// The README's examples run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;

#[doc(hidden)]
pub mod __private {
    pub use sipcodes_macros::codes;
}
