//! Conformance of the generated `Code` and the `StatusCode` runtime against `codes.toml`.
//!
//! The TOML is read here independently (with the `toml` crate, not the macro) so the
//! generated tables are checked against the data rather than against themselves.

use std::collections::BTreeMap;
use std::mem::size_of;

use sipcodes::{Class, Code, ParseStatusCodeErrorKind, Registration, Requirement, StatusCode};

mod codes_toml;

use codes_toml::{entries, number, table, text};

#[test]
fn every_entry_is_reachable_with_its_facts() {
    let entries = entries();
    assert_eq!(entries.len(), Code::ALL.len(), "one variant per [[code]] table");
    for entry in &entries {
        let number = number(entry);
        let code = Code::from_u16(number).unwrap_or_else(|| panic!("{number} missing from Code"));
        assert_eq!(code.as_u16(), number);
        assert_eq!(code as u16, number, "the discriminant is the code");
        assert_eq!(code.reason_phrase(), text(entry, "reason_phrase").unwrap(), "{number}");
        assert_eq!(code.description(), text(entry, "description").unwrap(), "{number}");
        let citation = code.citation();
        assert_eq!(citation.map(|citation| citation.rfc()), text(entry, "rfc"), "{number}");
        assert_eq!(
            citation.and_then(|citation| citation.section()),
            text(entry, "section"),
            "{number}"
        );
        assert_eq!(code.class().digit(), u8::try_from(number / 100).unwrap(), "{number}");
        assert_eq!(Class::from_u16(number), Some(code.class()));
        assert_eq!(code, number);
        assert_eq!(number, code);
        assert_ne!(code, number + 1);
        let first_digit = number / 100;
        assert_eq!(code.is_provisional(), first_digit == 1, "{number}");
        assert_eq!(code.is_final(), first_digit != 1, "{number}");
        assert_eq!(code.is_success(), first_digit == 2, "{number}");
        assert_eq!(code.is_redirection(), first_digit == 3, "{number}");
        assert_eq!(code.is_client_failure(), first_digit == 4, "{number}");
        assert_eq!(code.is_server_failure(), first_digit == 5, "{number}");
        assert_eq!(code.is_global_failure(), first_digit == 6, "{number}");
        let treat_as = entry
            .get("treat_as")
            .map(|treat_as| u16::try_from(treat_as["code"].as_integer().unwrap()).unwrap());
        assert_eq!(code.treat_as().map(Code::as_u16), treat_as, "{number}");
        assert_eq!(code.canonical().as_u16(), treat_as.unwrap_or(number), "{number}");
        let status = match text(entry, "registration").unwrap_or("current") {
            "current" => Registration::Current,
            "deprecated" => Registration::Deprecated,
            "obsolete" => Registration::Obsolete,
            other => panic!("unexpected status {other}"),
        };
        assert_eq!(code.registration(), status, "{number}");
        assert_eq!(code.deprecation(), text(entry, "deprecation"), "{number}");
        let aliases: Vec<&str> = entry
            .get("aliases")
            .map(|aliases| {
                aliases
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|alias| alias.as_str().unwrap())
                    .collect()
            })
            .unwrap_or_default();
        assert_eq!(code.aliases(), aliases.as_slice(), "{number}");
        if let Some(name) = text(entry, "name") {
            assert_eq!(format!("{code:?}"), name, "explicit variant name of {number}");
        }
        // A private code added to the table may cite no RFC; the registry's codes all do
        // (`the_registry_is_covered`).
        let Some(citation) = citation else {
            continue;
        };
        let rfc_number = citation.rfc().strip_prefix("RFC ").unwrap();
        let url = citation.url();
        let (expected_url, expected_text) = if let Some(section) = citation.section() {
            (
                format!("https://www.rfc-editor.org/rfc/rfc{rfc_number}#section-{section}"),
                format!("RFC {rfc_number}, Section {section}"),
            )
        } else {
            (
                format!("https://www.rfc-editor.org/rfc/rfc{rfc_number}"),
                format!("RFC {rfc_number}"),
            )
        };
        assert_eq!(url, expected_url, "{number}");
        assert_eq!(citation.to_string(), expected_text, "{number}");
    }
}

#[test]
fn all_is_ascending_and_complete() {
    assert!(
        Code::ALL
            .windows(2)
            .all(|pair| pair[0] < pair[1] && pair[0].as_u16() < pair[1].as_u16())
    );
    let registered: Vec<Code> = (0..=u16::MAX).filter_map(Code::from_u16).collect();
    assert_eq!(registered.as_slice(), Code::ALL);
}

#[test]
fn the_registry_is_covered() {
    // The IANA SIP response-code registry, plus 409 and 411 from RFC 2543.
    let registry = [
        100, 180, 181, 182, 183, 199, 200, 202, 204, 300, 301, 302, 305, 380, 400, 401, 402, 403, 404, 405, 406, 407,
        408, 409, 410, 411, 412, 413, 414, 415, 416, 417, 420, 421, 422, 423, 424, 425, 428, 429, 430, 433, 436, 437,
        438, 439, 440, 469, 470, 480, 481, 482, 483, 484, 485, 486, 487, 488, 489, 491, 493, 494, 500, 501, 502, 503,
        504, 505, 513, 555, 580, 600, 603, 604, 606, 607, 608,
    ];
    // Every code of the registry is in the table, defined by an RFC. A table may hold more
    // (a private code, or one registered since this list was written).
    for number in registry {
        let code = Code::from_u16(number).unwrap_or_else(|| panic!("{number} is missing"));
        assert!(code.citation().is_some(), "{number} cites no RFC");
    }
    assert_eq!(
        Code::from_u16(202).map(Code::registration),
        Some(Registration::Deprecated)
    );
    for obsolete in [409, 411] {
        let code = Code::from_u16(obsolete).unwrap();
        assert_eq!(code.registration(), Registration::Obsolete);
        assert_eq!(code.citation().map(|citation| citation.rfc()), Some("RFC 2543"));
    }
}

#[test]
fn every_u16_is_judged_by_the_range_rule() {
    for value in 0..=u16::MAX {
        let status = StatusCode::from_u16(value);
        if (100..=699).contains(&value) {
            let status = status.unwrap();
            assert_eq!(status.as_u16(), value);
            assert_eq!(u16::from(status), value);
            assert_eq!(StatusCode::try_from(value), Ok(status));
            assert_eq!(status.class(), Class::from_u16(value).unwrap());
            assert_eq!(status.known(), Code::from_u16(value));
            assert_eq!(status.reason_phrase(), Code::from_u16(value).map(Code::reason_phrase));
        } else {
            let error = status.unwrap_err();
            assert_eq!(error.code(), value);
            assert_eq!(StatusCode::try_from(value), Err(error));
            assert_eq!(Class::from_u16(value), None);
            assert_eq!(Code::from_u16(value), None);
        }
    }
}

#[test]
fn predicates_follow_the_class() {
    for value in 100..=699 {
        let status = StatusCode::from_u16(value).unwrap();
        let class = value / 100;
        assert_eq!(status.is_provisional(), class == 1, "{value}");
        assert_eq!(status.is_final(), class != 1, "{value}");
        assert_eq!(status.is_success(), class == 2, "{value}");
        assert_eq!(status.is_redirection(), class == 3, "{value}");
        assert_eq!(status.is_client_failure(), class == 4, "{value}");
        assert_eq!(status.is_server_failure(), class == 5, "{value}");
        assert_eq!(status.is_global_failure(), class == 6, "{value}");
        assert_eq!(status.class().is_final(), status.is_final());
    }
}

/// RFC 3261 §8.1.3.2: an unrecognised final response is treated as the x00 response of its
/// class; an unrecognised provisional response other than 100 as 183 Session Progress. A
/// registered code is acted on as itself, or as its `treat_as` code in codes.toml.
#[test]
fn unregistered_codes_are_treated_per_rfc_3261_8_1_3_2() {
    let table = table();
    let treat_as = |value: u16| {
        table["code"]
            .as_array()
            .unwrap()
            .iter()
            .find(|entry| entry["code"].as_integer() == Some(i64::from(value)))
            .and_then(|entry| entry.get("treat_as"))
            .map(|treat_as| u16::try_from(treat_as["code"].as_integer().unwrap()).unwrap())
    };
    let mut unregistered = 0;
    for value in 100..=699 {
        let status = StatusCode::from_u16(value).unwrap();
        if let Some(code) = Code::from_u16(value) {
            let expected = treat_as(value).unwrap_or(value);
            assert_eq!(status.canonical().as_u16(), expected, "{value}");
            assert_eq!(code.canonical(), status.canonical(), "{value}");
        } else {
            unregistered += 1;
            let expected = if value < 200 { 183 } else { value / 100 * 100 };
            assert_eq!(status.canonical().as_u16(), expected, "{value}");
            assert_eq!(status.canonical().class(), status.class(), "{value}");
            assert_eq!(status.reason_phrase(), None);
            assert_eq!(status.to_string(), value.to_string());
        }
    }
    assert_eq!(unregistered, 600 - Code::ALL.len());
}

/// A `StatusCode`, as parsing gives it, reaches the per-code facts without `known()`: a
/// registered code's own header rules, and the client reaction of its canonical code.
/// An unregistered code has the one rule RFC 4028 §5 states for every response but 422:
/// "The Min-SE header field MUST NOT be used in responses except those with a 422 response
/// code." codes.toml writes that rule with every other code, so each is compared with it.
#[test]
fn status_codes_reach_the_per_code_facts() {
    let present = ["Via", "From", "To", "Call-ID", "CSeq", "Content-Length"];
    for value in 100..=699 {
        let status = StatusCode::from_u16(value).unwrap();
        assert_eq!(
            status.client_reaction(),
            status.canonical().client_reaction(),
            "{value}"
        );
        assert_eq!(status.reaction(), status.canonical().reaction(), "{value}");
        assert_eq!(status.advice(), status.canonical().advice(), "{value}");
        if let Some(code) = Code::from_u16(value) {
            assert_eq!(status.header_rules(), code.header_rules(), "{value}");
            assert!(
                status.missing_headers(present).eq(code.missing_headers(present)),
                "{value}"
            );
            continue;
        }
        let [rule] = status.header_rules() else {
            panic!("{value}: {:?}", status.header_rules());
        };
        assert_eq!(
            (rule.header(), rule.requirement(), rule.condition()),
            ("Min-SE", Requirement::MustNot, None),
            "{value}"
        );
        assert_eq!(
            (rule.citation().rfc(), rule.citation().section()),
            ("RFC 4028", Some("5")),
            "{value}"
        );
        assert_eq!(status.missing_headers([]).count(), 0, "{value}: nothing is required");
    }
    // The same rule, word for word, as codes.toml gives every registered code but 422.
    let unregistered = StatusCode::from_u16(sipcodes_tests::unregistered_code(400)).unwrap();
    for entry in codes_toml::entries() {
        let number = number(&entry);
        let rules = entry.get("header_rule").or_else(|| entry.get("header"));
        let min_se: Vec<&toml::Table> = rules
            .and_then(toml::Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(toml::Value::as_table)
            .filter(|rule| text(rule, "header") == Some("Min-SE"))
            .collect();
        let [min_se] = min_se[..] else {
            panic!("{number}: one Min-SE rule, not {min_se:?}");
        };
        let requirement = if number == 422 { "must" } else { "must not" };
        assert_eq!(text(min_se, "requirement"), Some(requirement), "{number}");
        if number != 422 {
            let code = Code::from_u16(number).unwrap();
            assert!(
                code.header_rules().contains(&unregistered.header_rules()[0]),
                "{number}"
            );
        }
    }
    // A parsed line's code, straight to its checks.
    let line = sipcodes::StatusLine::parse(b"SIP/2.0 423 Interval Too Brief\r\n").unwrap();
    let missing: Vec<&str> = line
        .code()
        .missing_headers(present)
        .map(sipcodes::HeaderRule::header)
        .collect();
    assert_eq!(missing, ["Min-Expires"]);
}

#[test]
fn a_retired_code_names_its_phrase() {
    let error = Code::Accepted.for_sending().unwrap_err();
    assert_eq!((error.code(), error.reason_phrase()), (202, "Accepted"));
    assert!(error.to_string().starts_with("202 Accepted is "), "{error}");
    for &code in Code::ALL {
        if let Err(error) = code.for_sending() {
            assert_eq!(error.reason_phrase(), code.reason_phrase(), "{code}");
            assert_eq!(error.registration(), code.registration(), "{code}");
        }
    }
}

#[test]
fn display_and_from_str_round_trip() {
    for &code in Code::ALL {
        let status = StatusCode::from(code);
        let shown = status.to_string();
        assert_eq!(shown, format!("{} {}", code.as_u16(), code.reason_phrase()));
        assert_eq!(code.to_string(), shown);
        assert_eq!(shown.parse::<StatusCode>(), Ok(status), "{shown}");
        assert_eq!(code.as_u16().to_string().parse::<StatusCode>(), Ok(status));
        let shouted = format!("{} {}", code.as_u16(), code.reason_phrase().to_uppercase());
        assert_eq!(
            shouted.parse::<StatusCode>(),
            Ok(status),
            "phrases compare ignoring ASCII case"
        );
        for alias in code.aliases() {
            assert_eq!(
                format!("{} {alias}", code.as_u16()).parse::<StatusCode>(),
                Ok(status),
                "{alias}"
            );
        }
        assert_eq!(Code::try_from(status), Ok(code));
        assert_eq!(Code::try_from(code.as_u16()), Ok(code));
        assert_eq!(u16::from(code), code.as_u16());
    }
    for value in (100..=699).filter(|value| Code::from_u16(*value).is_none()) {
        let status = StatusCode::from_u16(value).unwrap();
        assert_eq!(status.to_string().parse::<StatusCode>(), Ok(status));
        assert_eq!(Code::try_from(status).unwrap_err().code(), value);
    }
}

/// Errors point at the byte where the text stops being a status code, as the status line's
/// do: the first of the three that is not a digit, a fourth digit, or the code itself when it
/// is out of range.
#[test]
fn from_str_rejects_with_kind_and_offset() {
    let cases = [
        ("", ParseStatusCodeErrorKind::Empty, 0, None),
        (" \t", ParseStatusCodeErrorKind::Empty, 2, None),
        ("48", ParseStatusCodeErrorKind::NotThreeDigits, 2, None),
        ("4860", ParseStatusCodeErrorKind::NotThreeDigits, 3, Some(b'0')),
        ("+48", ParseStatusCodeErrorKind::NotThreeDigits, 0, Some(b'+')),
        ("4x6", ParseStatusCodeErrorKind::NotThreeDigits, 1, Some(b'x')),
        ("４８６", ParseStatusCodeErrorKind::NotThreeDigits, 0, Some(0xEF)),
        ("099", ParseStatusCodeErrorKind::OutOfRange, 0, Some(b'0')),
        ("700", ParseStatusCodeErrorKind::OutOfRange, 0, Some(b'7')),
        ("486-", ParseStatusCodeErrorKind::ExpectedSpace, 3, Some(b'-')),
        ("486Busy Here", ParseStatusCodeErrorKind::ExpectedSpace, 3, Some(b'B')),
        (" 48", ParseStatusCodeErrorKind::NotThreeDigits, 3, None),
    ];
    // Blanks around the text and between the words are not errors.
    for input in ["486 ", " 486", "486\tBusy Here", "  486  busy \t here  "] {
        assert_eq!(
            input.parse::<StatusCode>(),
            Ok(StatusCode::from_u16(486).unwrap()),
            "{input:?}"
        );
    }
    for (input, kind, offset, found) in cases {
        let error = input.parse::<StatusCode>().unwrap_err();
        assert_eq!(
            (error.kind(), error.offset(), error.found()),
            (kind, offset, found),
            "{input:?}"
        );
        assert!(error.offset() <= input.len());
        assert!(
            error
                .to_string()
                .starts_with(&format!("invalid status code at byte {offset}: expected ")),
            "{error}"
        );
        // A generated enum reads the code the same way before it looks at its table.
        assert_eq!(input.parse::<Code>().unwrap_err(), error, "{input:?}");
    }
    // A phrase that is not the code's own is an error for `Code` only.
    for (input, offset) in [("486 Busy There", 4), ("  486   Busy There", 8)] {
        let error = input.parse::<Code>().unwrap_err();
        assert_eq!(
            (error.kind(), error.offset(), error.found()),
            (ParseStatusCodeErrorKind::PhraseMismatch, offset, Some(b'B'))
        );
        assert_eq!(input.parse::<StatusCode>().map(StatusCode::as_u16), Ok(486));
    }
}

/// RFC 3261 §7.2: "The Status-Code is intended for use by automata, whereas the
/// Reason-Phrase is intended for the human user", and "implementations MAY choose other text,
/// for example, in the language indicated in the Accept-Language header field". So any phrase
/// after a code reads as that code, registered or not.
#[test]
fn from_str_reads_the_code_whatever_the_phrase() {
    let unregistered = sipcodes_tests::unregistered_code(400);
    let cases = [
        ("486 Besetzt".to_owned(), 486),
        ("486 Occupé".to_owned(), 486),
        ("603 Decline".to_owned(), 603),
        ("603 Busy Here".to_owned(), 603),
        ("180 trying -- your call is important to us".to_owned(), 180),
        (format!("{unregistered} Whatever"), unregistered),
        (format!("  {unregistered}\tSpam  Suspected "), unregistered),
    ];
    for (input, code) in cases {
        assert_eq!(
            input.parse::<StatusCode>().map(StatusCode::as_u16),
            Ok(code),
            "{input:?}"
        );
    }
    // `Code` stays strict: its text names an entry of its table.
    let error = "486 Besetzt".parse::<Code>().unwrap_err();
    assert_eq!(error.kind(), ParseStatusCodeErrorKind::PhraseMismatch);
    let error = format!("{unregistered} Whatever").parse::<Code>().unwrap_err();
    assert_eq!(error.kind(), ParseStatusCodeErrorKind::NotInTable);
}

#[test]
fn from_reason_finds_phrases_and_aliases_ignoring_case() {
    let mut owners: BTreeMap<String, u16> = BTreeMap::new();
    for &code in Code::ALL {
        for phrase in std::iter::once(code.reason_phrase()).chain(code.aliases().iter().copied()) {
            owners.entry(phrase.to_ascii_lowercase()).or_insert(code.as_u16());
        }
    }
    for &code in Code::ALL {
        for phrase in std::iter::once(code.reason_phrase()).chain(code.aliases().iter().copied()) {
            // Where two official phrases coincide (406 and 606), the lower code wins.
            let expected = Code::from_u16(owners[&phrase.to_ascii_lowercase()]);
            assert_eq!(Code::from_reason_phrase(phrase), expected, "{phrase}");
            assert_eq!(
                Code::from_reason_phrase(&phrase.to_ascii_uppercase()),
                expected,
                "{phrase}"
            );
            assert_eq!(
                Code::from_reason_phrase(&phrase.to_ascii_lowercase()),
                expected,
                "{phrase}"
            );
        }
    }
    assert_eq!(Code::from_reason_phrase("Not Acceptable"), Some(Code::NotAcceptable));
    assert_eq!(Code::from_reason_phrase("busy here"), Some(Code::BusyHere));
    assert_eq!(Code::from_reason_phrase(" Busy  Here\t"), Some(Code::BusyHere));
    assert_eq!(Code::from_reason_phrase("BusyHere"), None);
    assert_eq!(Code::from_reason_phrase(""), None);
    assert_eq!(Code::from_reason_phrase("Büsy Here"), None);
}

#[test]
fn classes_come_from_the_table() {
    let table = table();
    let classes = table["class"].as_table().unwrap();
    for &class in Class::ALL {
        let entry = classes[&format!("{}xx", class.digit())].as_table().unwrap();
        assert_eq!(class.name(), text(entry, "name").unwrap());
        assert_eq!(class.description(), text(entry, "description").unwrap());
        assert_eq!(class.advice(), text(entry, "advice").unwrap());
        assert_eq!(class.to_string(), format!("{}xx {}", class.digit(), class.name()));
        assert_eq!(Class::from_u16(u16::from(class.digit()) * 100), Some(class));
    }
}

#[test]
fn sizes_are_two_bytes() {
    assert_eq!(size_of::<StatusCode>(), 2);
    assert_eq!(size_of::<Option<StatusCode>>(), 2);
    assert_eq!(size_of::<Code>(), 2);
    assert_eq!(size_of::<Option<Code>>(), 2);
    assert_eq!(size_of::<Class>(), 1);
}

#[test]
fn errors_explain_themselves() {
    let error = StatusCode::from_u16(700).unwrap_err();
    assert_eq!(
        error.to_string(),
        "invalid SIP status code 700: a status code is a number from 100 to 699"
    );
    let boxed: Box<dyn std::error::Error> = Box::new(error);
    assert!(boxed.to_string().contains("100 to 699"));
    let error = "486 Busy There".parse::<Code>().unwrap_err();
    assert_eq!(
        error.to_string(),
        "invalid status code at byte 4: expected the code's reason phrase or an alias of it (Reason-Phrase), found `B`; \
         the `Code` table names this code otherwise: give the number alone, or read a `StatusCode` to accept any phrase"
    );
    let error = "4x6".parse::<StatusCode>().unwrap_err();
    assert_eq!(
        error.to_string(),
        "invalid status code at byte 1: expected a status code of exactly three digits (Status-Code), found `x`"
    );
}

/// A receiver matches on deprecated codes without a warning: this file denies `deprecated`.
#[test]
#[deny(deprecated)]
fn deprecated_codes_still_work() {
    let accepted = Code::Accepted;
    assert_eq!(accepted.as_u16(), 202);
    assert!(accepted.deprecation().unwrap().contains("RFC 6665"));
    let meaning = match StatusCode::from_u16(202).unwrap().known() {
        Some(Code::Ok | Code::Accepted) => "subscription accepted",
        _ => "other",
    };
    assert_eq!(meaning, "subscription accepted");
}

/// `Code` was generated from this very codes.toml, and a user's enum is checked against the
/// same text: the generated fingerprint is the FNV-1a hash of the file, computed here on its
/// own. Every `codes!` enum asserts at compile time that it saw the same fingerprint (the
/// enums of `same_api.rs` and `extending.rs` compile, so theirs hold).
#[test]
fn code_is_generated_from_the_checked_in_table() {
    let fingerprint = codes_toml::CODES_TOML
        .bytes()
        .fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
            (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
        });
    assert_eq!(sipcodes::__private::STANDARD_TABLE_FINGERPRINT, fingerprint);
}
