//! Serde support, behind the `serde` feature.
//!
//! Written by hand against `serde_core`, so a dependent crate compiles this while
//! `serde_derive` is still building, and works without `std` or an allocator.
//!
//! What goes out:
//! - [`StatusCode`], [`Code`](crate::Code) and the enums [`codes!`](crate::codes)
//!   generates: the number, `486`. The number is what identifies a code on
//!   the wire (RFC 3261 §7.2); the reason phrase is only a hint for humans.
//! - [`Class`]: its digit, `4`. The digit is what RFC 3261 §7.2 defines; the name comes from
//!   `codes.toml` and may be reworded, so it is not used as an identifier.
//! - [`Registration`]: `"current"`, `"deprecated"` or `"obsolete"`, as displayed.
//!
//! What comes in, from human-readable formats (JSON, TOML, YAML, ...):
//! - a status code or `Code` from an integer, or from a string `"486"` or `"486 Busy Here"`
//!   (what `Display` writes), parsed by the type's own `FromStr`: a [`StatusCode`] takes the
//!   code followed by any phrase (`"486 Besetzt"`, `"499 Whatever"`), since the phrase never
//!   changes the code (RFC 3261 §7.2), while a generated enum reads only its own phrases and
//!   aliases; out-of-range and malformed values are rejected with the errors of
//!   [`StatusCode::from_u16`] and `FromStr`, and a `Code` (or generated enum) also rejects a
//!   valid code its table does not have, naming the table;
//! - a class from its digit, or from a string `"4"`, `"4xx"`, or `"4xx"` and the class's
//!   name as `Display` writes it.
//!
//! Compact binary formats, which cannot say what comes next, are asked for the integer only.

use core::fmt;
use core::marker::PhantomData;

use serde_core::de::{self, Deserialize, Deserializer, Unexpected, Visitor};
use serde_core::ser::{Serialize, Serializer};

use crate::__private::GeneratedTable;
use crate::{Class, Registration, StatusCode, UnknownCode};

/// Serializes the number, `486`.
#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
impl Serialize for StatusCode {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u16(self.as_u16())
    }
}

/// Deserializes from a number from 100 to 699, or a string `"486"` or `"486 Busy Here"`: the
/// code, then any phrase, which is dropped (see [`FromStr`](core::str::FromStr)).
/// `"486 Besetzt"` is 486 and `"499 Whatever"` is 499.
#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
impl<'de> Deserialize<'de> for StatusCode {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserialize_number(deserializer, NumberVisitor(PhantomData))
    }
}

/// Serializes the class's digit, `4` for 4xx.
#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
impl Serialize for Class {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u8(self.digit())
    }
}

/// Deserializes from a digit from 1 to 6, or a string `"4"`, `"4xx"`, or what `Display` writes.
#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
impl<'de> Deserialize<'de> for Class {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        if deserializer.is_human_readable() {
            deserializer.deserialize_any(ClassVisitor)
        } else {
            deserializer.deserialize_u8(ClassVisitor)
        }
    }
}

/// Serializes as displayed: `"current"`, `"deprecated"` or `"obsolete"`.
#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
impl Serialize for Registration {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// Deserializes from `"current"`, `"deprecated"` or `"obsolete"`.
#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
impl<'de> Deserialize<'de> for Registration {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(RegistrationVisitor)
    }
}

/// The `Serialize` impl of generated enums: the number, `486`.
#[doc(hidden)]
pub fn serialize_code<T: GeneratedTable, S: Serializer>(code: T, serializer: S) -> Result<S::Ok, S::Error> {
    code.into().serialize(serializer)
}

/// The `Deserialize` impl of generated enums: what [`StatusCode`] accepts, if the table has it.
#[doc(hidden)]
pub fn deserialize_code<'de, T: GeneratedTable, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
    deserialize_number(deserializer, NumberVisitor(PhantomData))
}

/// Human-readable formats may hold a number or a string; binary ones are asked for the
/// `u16` that `serialize` wrote, since they cannot tell what comes next.
fn deserialize_number<'de, D: Deserializer<'de>, T: FromStatusCode>(
    deserializer: D,
    visitor: NumberVisitor<T>,
) -> Result<T, D::Error> {
    if deserializer.is_human_readable() {
        deserializer.deserialize_any(visitor)
    } else {
        deserializer.deserialize_u16(visitor)
    }
}

/// What a deserialized [`StatusCode`] becomes. The check runs inside the visitor so that
/// the format can add where in the input the bad value is.
trait FromStatusCode: Sized {
    const EXPECTING: &'static str;

    fn from_status_code<E: de::Error>(status: StatusCode) -> Result<Self, E>;

    /// The string form, read through the type's own table.
    fn from_text<E: de::Error>(text: &str) -> Result<Self, E>;
}

impl FromStatusCode for StatusCode {
    const EXPECTING: &'static str =
        "a SIP status code: a number from 100 to 699, or a string such as \"486\" or \"486 Busy Here\"";

    fn from_status_code<E: de::Error>(status: StatusCode) -> Result<Self, E> {
        Ok(status)
    }

    fn from_text<E: de::Error>(text: &str) -> Result<Self, E> {
        text.parse().map_err(E::custom)
    }
}

/// A deserialized code of a generated table ([`Code`](crate::Code), or an enum of
/// [`codes!`](crate::codes)) must be in the table.
impl<T: GeneratedTable> FromStatusCode for T {
    const EXPECTING: &'static str = T::EXPECTING;

    fn from_status_code<E: de::Error>(status: StatusCode) -> Result<Self, E> {
        T::entry(status.as_u16()).ok_or_else(|| {
            E::custom(format_args!(
                "{}, which holds {} only; read a `StatusCode` to accept any code from 100 to 699",
                UnknownCode::new(status.as_u16(), T::NAME),
                T::HOLDS
            ))
        })
    }

    fn from_text<E: de::Error>(text: &str) -> Result<Self, E> {
        crate::status_code::parse_table_code(text).map_err(E::custom)
    }
}

struct NumberVisitor<T>(PhantomData<T>);

impl<T: FromStatusCode> Visitor<'_> for NumberVisitor<T> {
    type Value = T;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(T::EXPECTING)
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<T, E> {
        // Beyond u16 there is no `InvalidStatusCode` to give; serde's own message names the value.
        let number = u16::try_from(value).map_err(|_| E::invalid_value(Unexpected::Unsigned(value), &self))?;
        T::from_status_code(StatusCode::from_u16(number).map_err(E::custom)?)
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<T, E> {
        match u64::try_from(value) {
            Ok(value) => self.visit_u64(value),
            Err(_) => Err(E::invalid_value(Unexpected::Signed(value), &self)),
        }
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<T, E> {
        T::from_text(text)
    }
}

struct ClassVisitor;

impl Visitor<'_> for ClassVisitor {
    type Value = Class;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter
            .write_str("a SIP response class: a digit from 1 to 6, or a string \"4\", \"4xx\" or \"4xx <class name>\"")
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Class, E> {
        Class::ALL
            .iter()
            .copied()
            .find(|class| u64::from(class.digit()) == value)
            .ok_or_else(|| E::invalid_value(Unexpected::Unsigned(value), &self))
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Class, E> {
        match u64::try_from(value) {
            Ok(value) => self.visit_u64(value),
            Err(_) => Err(E::invalid_value(Unexpected::Signed(value), &self)),
        }
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Class, E> {
        let (head, name) = match text.split_once(' ') {
            Some((head, name)) => (head, Some(name)),
            None => (text, None),
        };
        let Some(class) = Class::ALL.iter().copied().find(|class| names_class(head, *class)) else {
            return Err(E::invalid_value(Unexpected::Str(text), &self));
        };
        match name {
            Some(name) if !name.eq_ignore_ascii_case(class.name()) => Err(E::custom(format_args!(
                "class {digit}xx is named \"{}\", not \"{name}\": write \"{class}\" or just {digit}",
                class.name(),
                digit = class.digit(),
            ))),
            _ => Ok(class),
        }
    }
}

/// `4`, `4xx` or `4XX` for 4xx.
fn names_class(head: &str, class: Class) -> bool {
    match head.as_bytes() {
        [digit] | [digit, b'x' | b'X', b'x' | b'X'] => *digit == b'0' + class.digit(),
        _ => false,
    }
}

struct RegistrationVisitor;

impl Visitor<'_> for RegistrationVisitor {
    type Value = Registration;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("a registration status: \"current\", \"deprecated\" or \"obsolete\"")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Registration, E> {
        const NAMES: [&str; 3] = [
            Registration::ALL[0].as_str(),
            Registration::ALL[1].as_str(),
            Registration::ALL[2].as_str(),
        ];
        Registration::ALL
            .iter()
            .copied()
            .find(|registration| registration.as_str() == text)
            .ok_or_else(|| E::unknown_variant(text, &NAMES))
    }
}
