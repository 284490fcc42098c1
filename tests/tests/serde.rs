//! The `serde` feature through real formats: JSON (`serde_json`) and TOML (`toml`), both
//! directions, and the errors a user sees for bad values.

use std::collections::BTreeMap;

use serde_core::de::value::Error as ValueError;
use serde_core::de::{Deserialize, Deserializer, Visitor};
use sipcodes::{Class, Code, Registration, StatusCode};
use sipcodes_tests::unregistered_code;

fn status(code: u16) -> StatusCode {
    StatusCode::from_u16(code).unwrap()
}

fn json_error<T: for<'de> Deserialize<'de> + std::fmt::Debug>(json: &str) -> String {
    serde_json::from_str::<T>(json).unwrap_err().to_string()
}

#[test]
fn codes_serialize_as_their_number() {
    assert_eq!(serde_json::to_string(&status(486)).unwrap(), "486");
    assert_eq!(
        serde_json::to_string(&status(499)).unwrap(),
        "499",
        "unregistered codes too"
    );
    assert_eq!(serde_json::to_string(&Code::BusyHere).unwrap(), "486");
    assert_eq!(serde_json::to_string(&Class::ClientFailure).unwrap(), "4");
    assert_eq!(
        serde_json::to_string(&Registration::Deprecated).unwrap(),
        r#""deprecated""#
    );

    let mut response = BTreeMap::new();
    response.insert("status", status(486));
    response.insert("unregistered", status(499));
    assert_eq!(
        toml::to_string(&response).unwrap(),
        "status = 486\nunregistered = 499\n"
    );
}

#[test]
fn every_code_class_and_registration_round_trips() {
    for &code in Code::ALL {
        let json = serde_json::to_string(&code).unwrap();
        assert_eq!(json, code.as_u16().to_string());
        assert_eq!(serde_json::from_str::<Code>(&json).unwrap(), code);
        assert_eq!(serde_json::from_str::<StatusCode>(&json).unwrap(), code.status_code());
    }
    for &class in Class::ALL {
        let json = serde_json::to_string(&class).unwrap();
        assert_eq!(serde_json::from_str::<Class>(&json).unwrap(), class);
    }
    for registration in [Registration::Current, Registration::Deprecated, Registration::Obsolete] {
        let json = serde_json::to_string(&registration).unwrap();
        assert_eq!(json, format!("\"{registration}\""), "serialized as displayed");
        assert_eq!(serde_json::from_str::<Registration>(&json).unwrap(), registration);
    }
}

#[test]
fn strings_are_read_as_from_str_reads_them() {
    assert_eq!(serde_json::from_str::<StatusCode>(r#""486""#).unwrap(), status(486));
    assert_eq!(
        serde_json::from_str::<StatusCode>(r#""486 Busy Here""#).unwrap(),
        status(486)
    );
    assert_eq!(
        serde_json::from_str::<StatusCode>(r#""486 BUSY HERE""#).unwrap(),
        status(486)
    );
    assert_eq!(serde_json::from_str::<StatusCode>(r#""499""#).unwrap(), status(499));
    assert_eq!(
        serde_json::from_str::<Code>(r#""486 Busy Here""#).unwrap(),
        Code::BusyHere
    );
    for &code in Code::ALL {
        // What `Display` writes, and every alias, reads back.
        let displayed = serde_json::to_string(&code.to_string()).unwrap();
        assert_eq!(serde_json::from_str::<Code>(&displayed).unwrap(), code);
        for alias in code.aliases() {
            let text = serde_json::to_string(&format!("{} {alias}", code.as_u16())).unwrap();
            assert_eq!(serde_json::from_str::<Code>(&text).unwrap(), code, "{text}");
        }
    }
}

#[test]
fn classes_are_read_from_a_digit_or_their_written_forms() {
    for &class in Class::ALL {
        let digit = class.digit();
        for text in [
            digit.to_string(),
            format!("{digit}xx"),
            format!("{digit}XX"),
            class.to_string(),
            class.to_string().to_uppercase(),
        ] {
            let json = serde_json::to_string(&text).unwrap();
            assert_eq!(serde_json::from_str::<Class>(&json).unwrap(), class, "{json}");
        }
        assert_eq!(serde_json::from_str::<Class>(&digit.to_string()).unwrap(), class);
    }
}

#[test]
fn out_of_range_numbers_get_from_u16s_error() {
    let from_u16 = StatusCode::from_u16(700).unwrap_err();
    assert_eq!(
        json_error::<StatusCode>("700"),
        format!("{from_u16} at line 1 column 3"),
        "the same error as from_u16, with the place in the input"
    );
    assert_eq!(
        json_error::<StatusCode>("99"),
        "invalid SIP status code 99: a status code is a number from 100 to 699 at line 1 column 2"
    );
    assert_eq!(
        json_error::<Code>("0"),
        "invalid SIP status code 0: a status code is a number from 100 to 699 at line 1 column 1"
    );
    // Numbers no u16 can hold, and negative ones, have no `InvalidStatusCode`; serde names them.
    assert_eq!(
        json_error::<StatusCode>("70000"),
        "invalid value: integer `70000`, expected a SIP status code: a number from 100 to 699, \
         or a string such as \"486\" or \"486 Busy Here\" at line 1 column 5"
    );
    assert_eq!(
        json_error::<StatusCode>("-486"),
        "invalid value: integer `-486`, expected a SIP status code: a number from 100 to 699, \
         or a string such as \"486\" or \"486 Busy Here\" at line 1 column 4"
    );
}

#[test]
fn malformed_strings_get_from_strs_error() {
    for (text, column) in [("48", 4), ("4860", 6), ("", 2), ("486-Busy", 10), ("4x6 Busy", 10)] {
        let from_str = text.parse::<StatusCode>().unwrap_err();
        assert_eq!(
            json_error::<StatusCode>(&format!("\"{text}\"")),
            format!("{from_str} at line 1 column {column}"),
            "{text:?}"
        );
    }
    assert_eq!(
        json_error::<StatusCode>(r#""486Busy""#),
        "invalid status code at byte 3: expected a blank between the code and its reason phrase (SP), found `B` \
         at line 1 column 9"
    );
    let unregistered = unregistered_code(400);
    assert_eq!(
        json_error::<Code>(r#""486 Not Busy""#),
        "invalid status code at byte 4: expected the code's reason phrase or an alias of it (Reason-Phrase), found \
         `N`; the `Code` table names this code otherwise: give the number alone, or read a `StatusCode` to accept \
         any phrase at line 1 column 14"
    );
    assert_eq!(
        json_error::<Code>(&format!("\"{unregistered} Spam\"")),
        "invalid status code at byte 0: expected a code in the enum's table (Status-Code), found `4`; the `Code` \
         table has no entry for this code: read a `StatusCode` to accept any code from 100 to 699 at line 1 column 10"
    );
}

/// RFC 3261 §7.2: the phrase "is intended for the human user" and implementations "MAY choose
/// other text": a `StatusCode` reads the code of CDR or log text whatever its phrase.
#[test]
fn a_status_code_reads_any_phrase() {
    let unregistered = unregistered_code(400);
    for (text, code) in [
        ("486 Besetzt".to_owned(), 486),
        ("486 Not Busy".to_owned(), 486),
        (format!("{unregistered} Whatever"), unregistered),
        (format!("{unregistered} Spam"), unregistered),
    ] {
        let json = serde_json::to_string(&text).unwrap();
        assert_eq!(
            serde_json::from_str::<StatusCode>(&json).unwrap(),
            status(code),
            "{json}"
        );
        let toml = format!("status = {json}\n");
        let table = toml::from_str::<BTreeMap<String, StatusCode>>(&toml).unwrap();
        assert_eq!(table["status"], status(code), "{toml}");
    }
}

#[test]
fn wrong_types_say_what_is_expected() {
    assert_eq!(
        json_error::<StatusCode>("486.0"),
        "invalid type: floating point `486.0`, expected a SIP status code: a number from 100 to 699, \
         or a string such as \"486\" or \"486 Busy Here\" at line 1 column 5"
    );
    assert_eq!(
        json_error::<Code>("true"),
        "invalid type: boolean `true`, expected a registered SIP status code: a number such as 486, \
         or a string such as \"486\" or \"486 Busy Here\" at line 1 column 4"
    );
    assert_eq!(
        json_error::<Class>("[4]"),
        "invalid type: sequence, expected a SIP response class: a digit from 1 to 6, \
         or a string \"4\", \"4xx\" or \"4xx <class name>\" at line 1 column 1"
    );
    assert_eq!(
        json_error::<Registration>("1"),
        "invalid type: integer `1`, expected a registration status: \"current\", \"deprecated\" or \"obsolete\" \
         at line 1 column 1"
    );
}

#[test]
fn a_code_must_be_in_the_table() {
    let unregistered = unregistered_code(400);
    assert_eq!(
        serde_json::from_str::<StatusCode>(&unregistered.to_string()).unwrap(),
        status(unregistered)
    );
    assert_eq!(
        json_error::<Code>(&unregistered.to_string()),
        format!(
            "status code {unregistered} is not in the `Code` table, which holds registered codes only; \
             read a `StatusCode` to accept any code from 100 to 699 at line 1 column 3"
        )
    );
    assert_eq!(
        json_error::<Code>(&format!("\"{unregistered}\"")),
        "invalid status code at byte 0: expected a code in the enum's table (Status-Code), found `4`; the `Code` \
         table has no entry for this code: read a `StatusCode` to accept any code from 100 to 699 at line 1 column 5"
    );
}

#[test]
fn bad_classes_and_registrations_are_rejected() {
    let expecting =
        "expected a SIP response class: a digit from 1 to 6, or a string \"4\", \"4xx\" or \"4xx <class name>\"";
    assert_eq!(
        json_error::<Class>("7"),
        format!("invalid value: integer `7`, {expecting} at line 1 column 1")
    );
    assert_eq!(
        json_error::<Class>("0"),
        format!("invalid value: integer `0`, {expecting} at line 1 column 1")
    );
    assert_eq!(
        json_error::<Class>("-4"),
        format!("invalid value: integer `-4`, {expecting} at line 1 column 2")
    );
    assert_eq!(
        json_error::<Class>("486"),
        format!("invalid value: integer `486`, {expecting} at line 1 column 3"),
        "a status code is not a class"
    );
    assert_eq!(
        json_error::<Class>(r#""7xx""#),
        format!("invalid value: string \"7xx\", {expecting} at line 1 column 5")
    );
    assert_eq!(
        json_error::<Class>(r#""4x""#),
        format!("invalid value: string \"4x\", {expecting} at line 1 column 4")
    );
    let client = Class::ClientFailure;
    assert_eq!(
        json_error::<Class>(r#""4xx Sideways""#),
        format!(
            "class 4xx is named \"{}\", not \"Sideways\": write \"{client}\" or just 4 at line 1 column 14",
            client.name()
        )
    );
    assert_eq!(
        json_error::<Registration>(r#""retired""#),
        "unknown variant `retired`, expected one of `current`, `deprecated`, `obsolete` at line 1 column 9"
    );
}

#[test]
fn toml_reads_numbers_and_strings_and_points_at_bad_values() {
    let config: BTreeMap<String, StatusCode> =
        toml::from_str("busy = 486\nphrase = \"486 Busy Here\"\nprivate = \"499\"\n").unwrap();
    assert_eq!(config["busy"], status(486));
    assert_eq!(config["phrase"], status(486));
    assert_eq!(config["private"], status(499));
    let classes: BTreeMap<String, Class> = toml::from_str("retry = 5\nfail = \"6xx\"\n").unwrap();
    assert_eq!(classes["retry"], Class::ServerFailure);
    assert_eq!(classes["fail"], Class::GlobalFailure);

    let error = toml::from_str::<BTreeMap<String, StatusCode>>("busy = 486\nreject = 700\n").unwrap_err();
    assert_eq!(
        error.to_string(),
        "TOML parse error at line 2, column 10\n  |\n2 | reject = 700\n  |          ^^^\n\
         invalid SIP status code 700: a status code is a number from 100 to 699\n"
    );
    let unregistered = unregistered_code(400);
    let error = toml::from_str::<BTreeMap<String, Code>>(&format!("reject = \"{unregistered}\"\n")).unwrap_err();
    assert_eq!(
        error.to_string(),
        format!(
            "TOML parse error at line 1, column 10\n  |\n1 | reject = \"{unregistered}\"\n  |          ^^^^^\n\
             invalid status code at byte 0: expected a code in the enum's table (Status-Code), found `4`; the \
             `Code` table has no entry for this code: read a `StatusCode` to accept any code from 100 to 699\n"
        )
    );
    let error = toml::from_str::<BTreeMap<String, Code>>("reject = \"486 Busy\"\n").unwrap_err();
    assert!(
        error.to_string().ends_with(
            "invalid status code at byte 4: expected the code's reason phrase or an alias of it (Reason-Phrase), \
             found `B`; the `Code` table names this code otherwise: give the number alone, or read a `StatusCode` to \
             accept any phrase\n"
        ),
        "{error}"
    );
}

/// A compact binary format: it cannot say what comes next, so `deserialize_any` fails and
/// only the typed requests work.
struct Binary(u64);

impl<'de> Deserializer<'de> for Binary {
    type Error = ValueError;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, ValueError> {
        Err(serde_core::de::Error::custom("this format is not self-describing"))
    }

    fn deserialize_u8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ValueError> {
        visitor.visit_u8(u8::try_from(self.0).unwrap())
    }

    fn deserialize_u16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ValueError> {
        visitor.visit_u16(u16::try_from(self.0).unwrap())
    }

    fn is_human_readable(&self) -> bool {
        false
    }

    serde_core::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u32 u64 u128 f32 f64 char str string bytes byte_buf option unit unit_struct
        newtype_struct seq tuple tuple_struct map struct enum identifier ignored_any
    }
}

#[test]
fn binary_formats_are_asked_for_the_integer_they_were_given() {
    assert_eq!(StatusCode::deserialize(Binary(486)).unwrap(), status(486));
    assert_eq!(Code::deserialize(Binary(486)).unwrap(), Code::BusyHere);
    assert_eq!(Class::deserialize(Binary(4)).unwrap(), Class::ClientFailure);
    assert_eq!(
        StatusCode::deserialize(Binary(700)).unwrap_err().to_string(),
        "invalid SIP status code 700: a status code is a number from 100 to 699"
    );
}

sipcodes::codes! {
    /// A custom table, to check that generated enums get serde impls like `Code`.
    pub enum CarrierCode = "extending/carrier.toml";
}

#[test]
fn generated_enums_serialize_like_code() {
    assert_eq!(serde_json::to_string(&CarrierCode::SpamSuspected).unwrap(), "499");
    assert_eq!(
        serde_json::from_str::<CarrierCode>("499").unwrap(),
        CarrierCode::SpamSuspected
    );
    assert_eq!(
        serde_json::from_str::<CarrierCode>("\"499\"").unwrap(),
        CarrierCode::SpamSuspected
    );
    for &code in CarrierCode::ALL {
        let json = serde_json::to_string(&code).unwrap();
        assert_eq!(serde_json::from_str::<CarrierCode>(&json).unwrap(), code);
    }
    let error = serde_json::from_str::<CarrierCode>("404").unwrap_err().to_string();
    assert_eq!(
        error,
        "status code 404 is not in the `CarrierCode` table, which holds the codes of its table only; \
         read a `StatusCode` to accept any code from 100 to 699 at line 1 column 3"
    );
    let error = serde_json::from_str::<CarrierCode>("true").unwrap_err().to_string();
    assert!(
        error.contains("expected a SIP status code of the `CarrierCode` table"),
        "{error}"
    );
    let error = serde_json::from_str::<CarrierCode>("700").unwrap_err().to_string();
    assert!(error.starts_with("invalid SIP status code 700"), "{error}");
}
