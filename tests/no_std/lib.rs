//! sipcodes without its `std` feature, used from a `#![no_std]` crate.
//!
//! `.ci/run` builds this library against a sysroot that holds only `core` (and
//! `compiler_builtins`): any `std` or `alloc`, here, in sipcodes, in the code `codes!`
//! generates or in `serde_core`, fails that build with "can't find crate". So the build
//! proves that the code, class, parsing and status-line API, the Reason and Warning parsers,
//! the SIP message parser, the serde impls, the Q.850 mapping and the macro work with neither
//! `std` nor an allocator.
//! The `const` items are checked by that build; the unit tests run the functions under the
//! ordinary test harness.

#![cfg_attr(not(test), no_std)]

use core::fmt::{self, Write};

use serde_core::de::value::Error as DeserializeError;
use serde_core::de::{Deserialize, IntoDeserializer};
use sipcodes::{BufferTooSmall, Class, Code, ParseStatusCodeError, StatusCode, StatusLine};

sipcodes::codes! {
    /// The standard codes plus a device vendor's private one.
    pub enum DeviceCode = "device_codes.toml";
}

const BUSY: StatusCode = match StatusCode::from_u16(486) {
    Ok(status) => status,
    Err(_) => panic!("486 is a status code"),
};

// The Q.850 mapping is const as well, and needs only core.
const _: () = {
    assert!(matches!(
        sipcodes::q850::Cause::from_u8(17),
        Some(sipcodes::q850::Cause::UserBusy)
    ));
    let busy = sipcodes::q850::Cause::UserBusy;
    match sipcodes::q850::to_sip(busy, None, sipcodes::q850::NewNumber::Unknown) {
        Some(status) => assert!(status.as_u16() == 486),
        None => panic!("cause 17 maps to a response"),
    }
    match sipcodes::StatusCode::from_u16(486) {
        Ok(status) => assert!(matches!(sipcodes::q850::from_sip(status, None), Some(cause) if cause.as_u8() == 17)),
        Err(_) => panic!("486 is a status code"),
    }
    assert!(matches!(
        sipcodes::warning::WarnCode::from_u16(305),
        Some(sipcodes::warning::WarnCode::IncompatibleMediaFormat)
    ));
};

// The const API, evaluated while this crate compiles without std.
const _: () = {
    assert!(BUSY.as_u16() == 486);
    assert!(matches!(BUSY.known(), Some(Code::BusyHere)));
    assert!(matches!(BUSY.canonical(), Code::BusyHere));
    assert!(matches!(BUSY.class(), Class::ClientFailure));
    assert!(BUSY.is_final() && BUSY.is_client_failure() && !BUSY.is_provisional());
    assert!(BUSY.reason_phrase().is_some());
    assert!(StatusCode::from_u16(99).is_err() && StatusCode::from_u16(700).is_err());
    assert!(matches!(Class::from_u16(183), Some(Class::Provisional)));
    assert!(Class::from_u16(700).is_none());
    assert!(Class::GlobalFailure.digit() == 6 && Class::GlobalFailure.is_final());
    assert!(matches!(DeviceCode::from_u16(497), Some(DeviceCode::BatteryLow)));
    assert!(matches!(DeviceCode::from_u16(486), Some(DeviceCode::BusyHere)));
    assert!(StatusLine::new(BUSY).encoded_len() == "SIP/2.0 486 Busy Here\r\n".len());
};

/// Text written into a fixed array: formatting with no allocator.
pub struct Buffer<const N: usize> {
    bytes: [u8; N],
    len: usize,
}

impl<const N: usize> Buffer<N> {
    /// An empty buffer.
    #[must_use]
    pub const fn new() -> Self {
        Buffer { bytes: [0; N], len: 0 }
    }

    /// What has been written.
    #[must_use]
    pub fn as_str(&self) -> &str {
        // `write_str` only ever appends whole `&str`s, so the bytes are UTF-8.
        core::str::from_utf8(&self.bytes[..self.len]).unwrap_or_default()
    }
}

impl<const N: usize> Default for Buffer<N> {
    fn default() -> Self {
        Buffer::new()
    }
}

impl<const N: usize> Write for Buffer<N> {
    fn write_str(&mut self, text: &str) -> fmt::Result {
        let end = self.len + text.len();
        let space = self.bytes.get_mut(self.len..end).ok_or(fmt::Error)?;
        space.copy_from_slice(text.as_bytes());
        self.len = end;
        Ok(())
    }
}

/// Writes what a status code text means: `486 Busy Here: 4xx ..., current, RFC 3261, Section 21.4.24`
/// for a registered code, `499: unregistered 4xx, act as 400 Bad Request` for another, and
/// the parse error for text that is not a status code.
///
/// # Errors
///
/// When the buffer is too small.
pub fn explain(text: &str, out: &mut impl Write) -> fmt::Result {
    let status = match text.parse::<StatusCode>() {
        Ok(status) => status,
        Err(error) => return write!(out, "error: {}", as_error(&error)),
    };
    match status.known() {
        Some(code) => {
            write!(out, "{code}: {}, {}", code.class(), code.registration())?;
            if let Some(citation) = code.citation() {
                write!(out, ", {citation}")?;
            }
            Ok(())
        }
        None => write!(
            out,
            "{status}: unregistered {}xx, act as {}",
            status.class().digit(),
            status.canonical()
        ),
    }
}

/// Errors are `core::error::Error`s without std.
fn as_error(error: &ParseStatusCodeError) -> &dyn core::error::Error {
    error
}

/// Answers a request's status line with the code it asks for: `SIP/2.0 486 Busy Here`
/// parsed from the input without copying, and the registered line written into `out`.
/// Returns the number of bytes written.
///
/// # Errors
///
/// When the input is not a status line, or `out` is too small; both are
/// `core::error::Error`s.
pub fn echo_status_line(line: &[u8], out: &mut [u8]) -> Result<usize, &'static str> {
    let parsed = StatusLine::parse(line).or_else(|_| StatusLine::parse_lenient(line));
    let parsed = parsed.map_err(|error| describe_error(&error))?;
    StatusLine::new(parsed.code())
        .write_to_slice(out)
        .map_err(|error: BufferTooSmall| describe_error(&error))
}

/// A fixed description of an error, chosen through `core::error::Error` alone.
fn describe_error(error: &(dyn core::error::Error + 'static)) -> &'static str {
    if error.is::<BufferTooSmall>() {
        "buffer too small"
    } else {
        "not a status line"
    }
}

/// The status code a Reason header field carries for SIP, rewritten as the Reason value
/// sipcodes writes for it: header parsing and writing with no allocator.
///
/// # Errors
///
/// When the value is not a Reason value or has no SIP status code, or `out` is too small.
pub fn echo_sip_reason(value: &[u8], out: &mut [u8]) -> Result<usize, &'static str> {
    let values = sipcodes::reason::parse(value).map_err(|_| "not a Reason value")?;
    let status = values
        .iter()
        .find_map(|value| value.sip_status())
        .ok_or("no SIP status code")?;
    sipcodes::reason::ReasonValue::from(status)
        .write_to_slice(out)
        .map_err(|error: BufferTooSmall| describe_error(&error))
}

/// The warn-code of each Warning value, in order, into `codes`; how many there were.
///
/// # Errors
///
/// When the value is not a Warning value.
pub fn warn_codes(value: &[u8], codes: &mut [u16]) -> Result<usize, &'static str> {
    let values = sipcodes::warning::parse(value).map_err(|_| "not a Warning value")?;
    let mut count = 0;
    for (slot, value) in codes.iter_mut().zip(&values) {
        *slot = value.code();
        count += 1;
    }
    Ok(count)
}

/// The transaction a SIP message belongs to, written as `branch method`, and the message's
/// length, read from the first message of a stream without an allocator.
///
/// # Errors
///
/// When the bytes are not a message (or not all of one yet), or `out` is too small.
pub fn transaction_of(stream: &[u8], out: &mut impl Write) -> Result<usize, &'static str> {
    let (message, taken) = sipcodes::message::Message::parse_prefix(stream).map_err(|error| {
        if error.is_incomplete() {
            "incomplete"
        } else {
            "not a SIP message"
        }
    })?;
    let branch = message.top_via_branch().ok_or("no branch")?;
    let method = message.method().ok_or("no method")?;
    write!(out, "{branch} {method}").map_err(|_| "buffer too small")?;
    Ok(taken)
}

/// The private table's phrase where it has one, else the standard one.
pub fn device_phrase(code: u16) -> Option<&'static str> {
    let status = StatusCode::try_from(code).ok()?;
    DeviceCode::reason_phrase_of(status)
}

/// A status code from a configuration string, through serde without an allocator.
///
/// # Errors
///
/// When the text is not a status code.
pub fn status_from_config(text: &str) -> Result<StatusCode, DeserializeError> {
    StatusCode::deserialize(text.into_deserializer())
}

/// A registered code from a configuration number, through serde without an allocator.
///
/// # Errors
///
/// When the number is not a registered code.
pub fn code_from_config(number: u64) -> Result<Code, DeserializeError> {
    Code::deserialize(number.into_deserializer())
}

/// A class from a configuration string, through serde without an allocator.
///
/// # Errors
///
/// When the text does not name a class.
pub fn class_from_config(text: &str) -> Result<Class, DeserializeError> {
    Class::deserialize(text.into_deserializer())
}

/// Audits a response without std or an allocator: the id of each rule it breaks, written
/// into `ids`, one a line; how many findings there were.
///
/// # Errors
///
/// The response is malformed (the grammar rule that failed), or `ids` is too small.
pub fn audit_ids<const N: usize>(response: &[u8], ids: &mut Buffer<N>) -> Result<usize, &'static str> {
    let report = sipcodes::audit::check_response(response).map_err(|error| error.rule())?;
    let mut count = 0;
    for finding in report.findings() {
        writeln!(ids, "{}", finding.rule().id()).map_err(|_| "the buffer is too small")?;
        count += 1;
    }
    Ok(count)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn explained(text: &str) -> String {
        let mut buffer = Buffer::<160>::new();
        explain(text, &mut buffer).unwrap();
        buffer.as_str().to_owned()
    }

    /// A 4xx code neither `Code` nor `DeviceCode` has, chosen now: the registry grows.
    fn unregistered() -> u16 {
        (401..500)
            .find(|code| Code::from_u16(*code).is_none() && DeviceCode::from_u16(*code).is_none())
            .unwrap()
    }

    #[test]
    fn explains_registered_unregistered_and_bad_codes_in_a_fixed_buffer() {
        let busy = Code::BusyHere;
        let mut expected = format!("{busy}: {}, {}", busy.class(), busy.registration());
        write!(expected, ", RFC 3261, Section 21.4.24").unwrap();
        assert_eq!(explained("486"), expected);
        let free = unregistered();
        assert_eq!(
            explained(&free.to_string()),
            format!("{free}: unregistered 4xx, act as {}", Code::BadRequest)
        );
        assert_eq!(
            explained("4860"),
            format!("error: {}", "4860".parse::<StatusCode>().unwrap_err())
        );
    }

    #[test]
    fn responses_are_audited_without_std() {
        let mut ids = Buffer::<256>::new();
        let response = b"SIP/2.0 405 Method Not Allowed\r\nVia: SIP/2.0/UDP a.example.com;branch=z9hG4bK1\r\n\
            To: <sip:b@example.com>;tag=2\r\nFrom: <sip:a@example.com>;tag=1\r\nCall-ID: c\r\n\
            CSeq: 1 PUBLISH\r\nContent-Length: 0\r\n\r\n";
        assert_eq!(audit_ids(response, &mut ids), Ok(1));
        assert_eq!(ids.as_str(), "405-must-carry-allow\n");
        assert_eq!(audit_ids(b"SIP/2.0 200 OK\r\nVia x\r\n\r\n", &mut ids), Err("HCOLON"));
    }

    #[test]
    fn a_full_buffer_is_an_error_not_a_panic() {
        let mut buffer = Buffer::<8>::new();
        assert_eq!(explain("486", &mut buffer), Err(fmt::Error));
        assert!(buffer.as_str().len() <= 8);
    }

    #[test]
    fn status_lines_parse_and_write_without_std() {
        let mut out = [0; 64];
        let written = echo_status_line(b"SIP/2.0 486 Busy Here\r\n", &mut out).unwrap();
        assert_eq!(&out[..written], b"SIP/2.0 486 Busy Here\r\n");
        let free = unregistered();
        let line = format!("SIP/2.0 {free} Spam");
        let written = echo_status_line(line.as_bytes(), &mut out).unwrap();
        assert_eq!(&out[..written], format!("SIP/2.0 {free} Bad Request\r\n").as_bytes());
        assert_eq!(echo_status_line(b"HTTP/1.1 200 OK", &mut out), Err("not a status line"));
        assert_eq!(
            echo_status_line(b"SIP/2.0 486 Busy Here", &mut [0; 8]),
            Err("buffer too small")
        );
    }

    #[test]
    fn reason_and_warning_values_without_std() {
        let mut out = [0; 64];
        let written = echo_sip_reason(b"Q.850;cause=17, SIP ;cause=486", &mut out).unwrap();
        assert_eq!(&out[..written], br#"SIP;cause=486;text="Busy Here""#);
        assert_eq!(echo_sip_reason(b"Q.850;cause=17", &mut out), Err("no SIP status code"));
        assert_eq!(echo_sip_reason(b";cause=17", &mut out), Err("not a Reason value"));
        assert_eq!(echo_sip_reason(b"SIP;cause=486", &mut [0; 8]), Err("buffer too small"));
        let mut codes = [0; 4];
        assert_eq!(warn_codes(br#"307 isi.edu "a", 399 gw "b""#, &mut codes), Ok(2));
        assert_eq!(codes[..2], [307, 399]);
        assert_eq!(warn_codes(b"399 gw b", &mut codes), Err("not a Warning value"));
    }

    #[test]
    fn messages_parse_without_std() {
        let mut buffer = Buffer::<64>::new();
        let stream = b"SIP/2.0 200 OK\r\nv: SIP/2.0/TCP h;branch=z9hG4bK1\r\nCSeq: 7 BYE\r\nl: 0\r\n\r\nSIP/2.0";
        assert_eq!(transaction_of(stream, &mut buffer), Ok(stream.len() - 7));
        assert_eq!(buffer.as_str(), "z9hG4bK1 BYE");
        assert_eq!(transaction_of(&stream[..20], &mut buffer), Err("incomplete"));
        assert_eq!(
            transaction_of(b"SIP/2.0 200 OK\n\n", &mut buffer),
            Err("not a SIP message")
        );
    }

    #[test]
    fn the_generated_enum_works_without_std() {
        assert_eq!(device_phrase(497), Some("Battery Low"));
        assert_eq!(device_phrase(486), Some(Code::BusyHere.reason_phrase()));
        assert_eq!(device_phrase(unregistered()), None);
        assert_eq!(device_phrase(700), None);
        assert_eq!(DeviceCode::BatteryLow.to_string(), "497 Battery Low");
    }

    #[test]
    fn serde_works_without_an_allocator() {
        assert_eq!(status_from_config("486 Busy Here").unwrap(), BUSY);
        assert_eq!(status_from_config("499").unwrap().as_u16(), 499);
        assert!(status_from_config("4860").is_err());
        assert_eq!(code_from_config(486).unwrap(), Code::BusyHere);
        assert!(code_from_config(u64::from(unregistered())).is_err());
        assert!(code_from_config(70_000).is_err());
        assert_eq!(class_from_config("6xx").unwrap(), Class::GlobalFailure);
        assert!(class_from_config("7xx").is_err());
    }
}
