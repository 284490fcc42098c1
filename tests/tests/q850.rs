//! `sipcodes::q850`, `WarnCode` and `Protocol` against their TOML files and the RFC text.
//!
//! The TOML is read here with the `toml` crate, not with the macro, so every generated row
//! is checked against an independent reading of the data. The spot checks further down are
//! written out by hand from the RFC 3398 and RFC 4497 tables, so a wrong row in the TOML
//! fails too.

use std::collections::BTreeSet;
use std::sync::LazyLock;

use sipcodes::q850::{self, Cause, CauseClass, Location, NewNumber, Profile};
use sipcodes::reason::Protocol;
use sipcodes::warning::WarnCode;
use sipcodes::{Code, StatusCode};

const Q850_TOML: &str = include_str!("../../sipcodes/q850.toml");
const WARN_TOML: &str = include_str!("../../sipcodes/warn-codes.toml");
const REASON_TOML: &str = include_str!("../../sipcodes/reason-protocols.toml");

fn tables(source: &str, array: &str) -> Vec<toml::Table> {
    let table: toml::Table = source.parse().unwrap();
    table[array]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item.as_table().unwrap().clone())
        .collect()
}

fn int(table: &toml::Table, key: &str) -> Option<i64> {
    table.get(key).map(|value| value.as_integer().unwrap())
}

fn text<'a>(table: &'a toml::Table, key: &str) -> Option<&'a str> {
    table.get(key).map(|value| value.as_str().unwrap())
}

fn list<'a>(table: &'a toml::Table, key: &str) -> Vec<&'a str> {
    table
        .get(key)
        .map(|value| {
            value
                .as_array()
                .unwrap()
                .iter()
                .map(|item| item.as_str().unwrap())
                .collect()
        })
        .unwrap_or_default()
}

fn profile(key: &str) -> Profile {
    match key {
        "rfc3398" => Profile::Rfc3398,
        "rfc4497" => Profile::Rfc4497,
        other => panic!("unknown profile {other}"),
    }
}

fn status(code: u16) -> StatusCode {
    StatusCode::from_u16(code).unwrap()
}

fn cause(value: i64) -> Cause {
    Cause::from_u8(u8::try_from(value).unwrap()).unwrap()
}

fn numbers(status: Option<StatusCode>) -> Option<u16> {
    status.map(StatusCode::as_u16)
}

#[test]
fn every_cause_is_generated_with_its_facts() {
    let causes = tables(Q850_TOML, "cause");
    let classes = tables(Q850_TOML, "class");
    assert_eq!(causes.len(), Cause::ALL.len(), "one variant per [[cause]]");
    for table in &causes {
        let value = u8::try_from(int(table, "value").unwrap()).unwrap();
        let cause = Cause::from_u8(value).unwrap_or_else(|| panic!("cause {value} is missing"));
        assert_eq!(cause.as_u8(), value);
        assert_eq!(cause as u8, value, "the discriminant is the value");
        assert_eq!(cause.name(), text(table, "name").unwrap());
        assert_eq!(cause.description(), text(table, "description").unwrap());
        assert_eq!(cause.is_confirmed(), table.get("unconfirmed").is_none(), "{value}");
        assert_eq!(cause.to_string(), format!("{value} {}", cause.name()));
        let class = classes
            .iter()
            .find(|class| text(class, "key") == text(table, "class"))
            .unwrap();
        assert_eq!(cause.class().name(), text(class, "name").unwrap(), "{value}");
        assert!(cause.class().values().contains(&value), "{value}");
        assert_eq!(CauseClass::of(value), Some(cause.class()));
        assert_eq!(u8::from(cause), value);
    }
    let listed: BTreeSet<i64> = causes.iter().map(|table| int(table, "value").unwrap()).collect();
    for value in 0..=u8::MAX {
        assert_eq!(
            Cause::from_u8(value).is_some(),
            listed.contains(&i64::from(value)),
            "{value}"
        );
    }
}

#[test]
fn classes_are_the_q850_ranges() {
    // Q.850 groups values by their top three bits: 0-31 normal, then 16 values per class.
    let expected = [
        (0..=31, "Normal event"),
        (32..=47, "Resource unavailable"),
        (48..=63, "Service or option not available"),
        (64..=79, "Service or option not implemented"),
        (80..=95, "Invalid message"),
        (96..=111, "Protocol error"),
        (112..=127, "Interworking"),
    ];
    assert_eq!(CauseClass::ALL.len(), expected.len());
    for (class, (range, name)) in CauseClass::ALL.iter().zip(expected) {
        assert_eq!(class.values(), range);
        assert_eq!(class.name(), name);
        assert_eq!(class.to_string(), name);
    }
    assert_eq!(CauseClass::of(128), None);
    assert_eq!(CauseClass::of(0), Some(CauseClass::NormalEvent));
}

#[test]
fn every_location_is_generated() {
    let locations = tables(Q850_TOML, "location");
    assert_eq!(locations.len(), Location::ALL.len());
    for table in &locations {
        let value = u8::try_from(int(table, "value").unwrap()).unwrap();
        let location = Location::from_u8(value).unwrap();
        assert_eq!(location.as_u8(), value);
        assert_eq!(location.name(), text(table, "name").unwrap());
        assert_eq!(location.abbreviation(), text(table, "abbreviation").unwrap());
        assert_eq!(location.to_string(), location.name());
    }
    // The values Q.850-quoting tables list, and nothing else.
    let values: Vec<u8> = Location::ALL.iter().map(|location| location.as_u8()).collect();
    assert_eq!(values, [0, 1, 2, 3, 4, 5, 7, 10]);
    assert_eq!(Location::from_u8(6), None);
    assert_eq!(Location::from_u8(15), None);
}

/// The TOML's cause → status row for `cause` under `profile`, if it lists one.
fn to_sip_row(profile: &str, cause: i64) -> Option<&'static toml::Table> {
    static ROWS: LazyLock<Vec<toml::Table>> = LazyLock::new(|| tables(Q850_TOML, "to_sip"));
    ROWS.iter()
        .find(|row| int(row, "cause") == Some(cause) && list(row, "profiles").contains(&profile))
}

fn from_sip_row(profile: &str, status: i64) -> Option<&'static toml::Table> {
    static ROWS: LazyLock<Vec<toml::Table>> = LazyLock::new(|| tables(Q850_TOML, "from_sip"));
    ROWS.iter()
        .find(|row| int(row, "status") == Some(status) && list(row, "profiles").contains(&profile))
}

fn profile_default(key: &str, field: &str) -> i64 {
    tables(Q850_TOML, "profile")
        .iter()
        .find(|table| text(table, "key") == Some(key))
        .and_then(|table| int(table, field))
        .unwrap()
}

#[test]
fn every_cause_to_status_row_maps_as_the_toml_says() {
    for key in ["rfc3398", "rfc4497"] {
        let profile = profile(key);
        let default = u16::try_from(profile_default(key, "default_status")).unwrap();
        assert_eq!(profile.default_status().as_u16(), default);
        for value in 0..=u8::MAX {
            let row = to_sip_row(key, i64::from(value));
            let plain = numbers(profile.to_sip_raw(value, None, NewNumber::Unknown));
            let Some(row) = row else {
                assert_eq!(plain, Some(default), "{key}: unlisted cause {value} takes the default");
                assert_eq!(
                    numbers(profile.to_sip_raw(value, Some(Location::User), NewNumber::Known)),
                    Some(default)
                );
                if let Some(cause) = Cause::from_u8(value) {
                    assert_eq!(numbers(profile.to_sip(cause, None, NewNumber::Known)), Some(default));
                    assert_eq!(profile.to_sip_note(cause), None);
                }
                continue;
            };
            let expected = int(row, "status").map(|status| u16::try_from(status).unwrap());
            assert_eq!(plain, expected, "{key}: cause {value}");
            assert_eq!(expected.is_none(), row.contains_key("none"), "{key}: cause {value}");
            let user = int(row, "user_status").map(|status| u16::try_from(status).unwrap());
            assert_eq!(
                numbers(profile.to_sip_raw(value, Some(Location::User), NewNumber::Unknown)),
                user.or(expected),
                "{key}: cause {value} from the user"
            );
            for location in Location::ALL.iter().filter(|location| **location != Location::User) {
                assert_eq!(
                    numbers(profile.to_sip_raw(value, Some(*location), NewNumber::Unknown)),
                    expected
                );
            }
            let diagnostic = int(row, "diagnostic_status").map(|status| u16::try_from(status).unwrap());
            assert_eq!(
                numbers(profile.to_sip_raw(value, None, NewNumber::Known)),
                diagnostic.or(expected),
                "{key}: cause {value} with a new number"
            );
            let note = text(row, "none").or(text(row, "note"));
            // Every row is of a cause Q.850 assigns, so the typed call reads the same row.
            let listed = Cause::from_u8(value).unwrap();
            assert_eq!(profile.to_sip_note(listed), note, "{key}: cause {value}");
            assert_eq!(numbers(profile.to_sip(listed, None, NewNumber::Unknown)), expected);
        }
    }
}

#[test]
fn every_status_to_cause_row_maps_as_the_toml_says() {
    for key in ["rfc3398", "rfc4497"] {
        let profile = profile(key);
        let default = profile_default(key, "default_cause");
        assert_eq!(i64::from(profile.default_cause().as_u8()), default);
        for code in 100..=699 {
            let status = status(code);
            let row = from_sip_row(key, i64::from(code));
            if code < 400 {
                // The tables are of failures (RFC 3398 Section 8.2.6, RFC 4497 Section 8.4.4:
                // "4xx-6xx"); the classes before are in `nothing_before_4xx_is_a_release`.
                assert!(row.is_none(), "{key}: a row for {code}");
                continue;
            }
            let Some(row) = row else {
                assert_eq!(profile.from_sip(status, None), Some(cause(default)), "{key}: {code}");
                assert_eq!(
                    profile.from_sip(status, Some(WarnCode::IncompatibleMediaFormat)),
                    Some(cause(default)),
                    "{key}: {code}"
                );
                assert_eq!(profile.from_sip_note(status), None);
                continue;
            };
            let expected = int(row, "cause").map(cause);
            assert_eq!(profile.from_sip(status, None), expected, "{key}: {code}");
            assert_eq!(expected.is_none(), row.contains_key("none"), "{key}: {code}");
            let bearer = int(row, "bearer_cause").map(cause);
            for warning in WarnCode::ALL.iter().copied() {
                let wanted = if warning.is_bearer_capability() {
                    bearer.or(expected)
                } else {
                    expected
                };
                assert_eq!(
                    profile.from_sip(status, Some(warning)),
                    wanted,
                    "{key}: {code} {warning}"
                );
            }
            assert_eq!(profile.printed_as(status), text(row, "printed"));
            let note = text(row, "none").or(text(row, "note"));
            assert_eq!(profile.from_sip_note(status), note, "{key}: {code}");
        }
    }
}

/// Only a 4xx to 6xx ends a call; the RFCs map the other classes to other messages.
///
/// RFC 3398 Section 8.2.2: "A 100 response SHOULD NOT trigger any PSTN interworking
/// messages"; Section 8.2.3 maps 18x to ACM or CPG and Section 8.2.4 "200 OK" to "ANM, ACK".
/// RFC 4497 Sections 8.2.1.2 to 8.2.1.4 do the same with QSIG messages. For 3xx, RFC 3398
/// Section 8.2.5: "Alternatively, the gateway MAY send a REL message to the PSTN with a
/// redirection indicator (23)", while RFC 4497 Section 8.2.1.5: "Unless the gateway supports
/// the QSIG Call Diversion Supplementary Service, no QSIG message SHALL be sent."
#[test]
fn nothing_before_4xx_is_a_release() {
    for code in 100..=399 {
        let status = status(code);
        let redirection = code >= 300;
        for warning in [None, Some(WarnCode::IncompatibleMediaFormat)] {
            let rfc3398 = redirection.then_some(Cause::RedirectionToNewDestination);
            assert_eq!(Profile::Rfc3398.from_sip(status, warning), rfc3398, "{code}");
            assert_eq!(q850::from_sip(status, warning), rfc3398, "{code}");
            assert_eq!(Profile::Rfc4497.from_sip(status, warning), None, "{code}");
        }
        let section = |profile: Profile| {
            let note = profile.from_sip_note(status).unwrap();
            note.split(':').next().unwrap().to_owned()
        };
        let (rfc3398, rfc4497) = match code {
            100..=199 => (
                "RFC 3398 Sections 8.2.2 and 8.2.3",
                "RFC 4497 Sections 8.2.1.2 and 8.2.1.3",
            ),
            200..=299 => ("RFC 3398 Section 8.2.4", "RFC 4497 Section 8.2.1.4"),
            _ => ("RFC 3398 Section 8.2.5", "RFC 4497 Section 8.2.1.5"),
        };
        assert_eq!(section(Profile::Rfc3398), rfc3398, "{code}");
        assert_eq!(section(Profile::Rfc4497), rfc4497, "{code}");
        assert_eq!(Profile::Rfc3398.printed_as(status), None);
    }
    // Cause 23's own name says what it is for.
    assert_eq!(
        Cause::RedirectionToNewDestination.to_string(),
        "23 Redirection to new destination"
    );
}

// Spot checks, written out from the RFC text.

/// RFC 3398 Section 7.2.4.1, every row of its tables as printed.
const RFC3398_CAUSE_TO_STATUS: &[(u8, u16)] = &[
    (1, 404),
    (2, 404),
    (3, 404),
    (17, 486),
    (18, 408),
    (19, 480),
    (20, 480),
    (21, 403),
    (22, 410),
    (23, 410),
    (26, 404),
    (27, 502),
    (28, 484),
    (29, 501),
    (31, 480),
    (34, 503),
    (38, 503),
    (41, 503),
    (42, 503),
    (47, 503),
    (55, 403),
    (57, 403),
    (58, 503),
    (65, 488),
    (70, 488),
    (79, 501),
    (87, 403),
    (88, 503),
    (102, 504),
    (111, 500),
    (127, 500),
];

/// RFC 3398 Section 8.2.6.1, every row with a cause (505 where the RFC prints 504).
const RFC3398_STATUS_TO_CAUSE: &[(u16, u8)] = &[
    (400, 41),
    (401, 21),
    (402, 21),
    (403, 21),
    (404, 1),
    (405, 63),
    (406, 79),
    (407, 21),
    (408, 102),
    (410, 22),
    (413, 127),
    (414, 127),
    (415, 79),
    (416, 127),
    (420, 127),
    (421, 127),
    (423, 127),
    (480, 18),
    (481, 41),
    (482, 25),
    (483, 25),
    (484, 28),
    (485, 1),
    (486, 17),
    (500, 41),
    (501, 79),
    (502, 38),
    (503, 41),
    (504, 102),
    (505, 127),
    (513, 127),
    (600, 17),
    (603, 21),
    (604, 1),
];

#[test]
fn rfc3398_rows_as_printed() {
    for &(value, code) in RFC3398_CAUSE_TO_STATUS {
        let cause = Cause::from_u8(value).unwrap();
        assert_eq!(
            numbers(q850::to_sip(cause, None, NewNumber::Unknown)),
            Some(code),
            "cause {value}"
        );
    }
    for &(code, value) in RFC3398_STATUS_TO_CAUSE {
        assert_eq!(
            q850::from_sip(status(code), None).map(Cause::as_u8),
            Some(value),
            "status {code}"
        );
    }
    // "(*) ISDN Cause 16 will usually result in a BYE or CANCEL", and 44 "should not result
    // in any SIP status code being sent".
    assert_eq!(q850::to_sip(Cause::NormalCallClearing, None, NewNumber::Unknown), None);
    assert_eq!(
        q850::to_sip(Cause::RequestedCircuitNotAvailable, None, NewNumber::Unknown),
        None
    );
    // "If a cause value other than those listed below is received, the default response
    // '500 Server internal error' SHOULD be used."
    for value in [0, 4, 69, 95, 128, 255] {
        let status = Profile::Rfc3398.to_sip_raw(value, None, NewNumber::Unknown);
        assert_eq!(numbers(status), Some(500), "cause {value}");
    }
    // 403 "becomes 603" when "the cause location is 'user'".
    let rejected = |location| numbers(q850::to_sip(Cause::CallRejected, location, NewNumber::Unknown));
    assert_eq!(rejected(Some(Location::User)), Some(603));
    assert_eq!(rejected(Some(Location::Transit)), Some(403));
    // "22 number changed (w/ diagnostic) 301 Moved Permanently".
    let changed = |new_number| numbers(q850::to_sip(Cause::NumberChanged, None, new_number));
    assert_eq!(changed(NewNumber::Known), Some(301));
    // "22 number changed (w/o diagnostic) 410 Gone".
    assert_eq!(changed(NewNumber::Unknown), Some(410));
    assert_eq!(NewNumber::default(), NewNumber::Unknown);
    // "487 Request Terminated --- (no mapping)".
    assert_eq!(q850::from_sip(status(487), None), None);
    // 488 and 606 "by Warning header": 31 by default, 65 for a bearer capability.
    for code in [488, 606] {
        assert_eq!(q850::from_sip(status(code), None), Some(Cause::NormalUnspecified));
        assert_eq!(
            q850::from_sip(status(code), Some(WarnCode::IncompatibleMediaFormat)),
            Some(Cause::BearerCapabilityNotImplemented)
        );
        assert_eq!(
            q850::from_sip(status(code), Some(WarnCode::Miscellaneous)),
            Some(Cause::NormalUnspecified)
        );
    }
    // "Any SIP status codes not listed below ... should be mapping to cause code 31", among
    // the "4xx-6xx Received" of Section 8.2.6.
    for code in [409, 422, 491, 499, 580, 599, 607, 699] {
        assert_eq!(
            q850::from_sip(status(code), None),
            Some(Cause::NormalUnspecified),
            "{code}"
        );
    }
    // The row printed "504 Version Not Supported" is 505's.
    assert_eq!(
        Profile::Rfc3398.printed_as(status(505)),
        Some("504 Version Not Supported")
    );
    assert_eq!(Profile::Rfc3398.printed_as(status(504)), None);
    assert_eq!(Profile::Rfc4497.printed_as(status(505)), None);
}

#[test]
fn rfc4497_rows_as_printed() {
    let rfc4497 = |value, location, new_number| numbers(Profile::Rfc4497.to_sip_raw(value, location, new_number));
    let (known, unknown) = (NewNumber::Known, NewNumber::Unknown);
    // Table 1: the rows RFC 3398 also has, except 26, 111 and 127, which Table 1 lacks.
    for &(value, code) in RFC3398_CAUSE_TO_STATUS {
        let expected = if [26, 111, 127].contains(&value) { 500 } else { code };
        assert_eq!(rfc4497(value, None, unknown), Some(expected), "cause {value}");
    }
    // "69 Requested facility not implemented 501 Not implemented".
    assert_eq!(rfc4497(69, None, unknown), Some(501));
    // "603 Decline, if location field in Cause information element indicates user.
    // Otherwise: 403 Forbidden".
    assert_eq!(rfc4497(21, Some(Location::User), unknown), Some(603));
    assert_eq!(rfc4497(21, Some(Location::LocalPublicNetwork), unknown), Some(403));
    assert_eq!(rfc4497(21, None, unknown), Some(403));
    assert_eq!(rfc4497(22, None, known), Some(301));
    assert_eq!(rfc4497(22, None, unknown), Some(410));
    // NOTE 3 and NOTE 2: a response for 16 or 44 is the default.
    assert_eq!(rfc4497(16, None, unknown), Some(500));
    assert_eq!(rfc4497(44, None, unknown), Some(500));
    // Table 2: RFC 3398's rows, 505 printed as 505.
    for &(code, value) in RFC3398_STATUS_TO_CAUSE {
        assert_eq!(
            Profile::Rfc4497.from_sip(status(code), None).map(Cause::as_u8),
            Some(value),
            "{code}"
        );
    }
    // NOTE 7: 487, if clearing must start, takes the default cause 31.
    assert_eq!(
        Profile::Rfc4497.from_sip(status(487), None),
        Some(Cause::NormalUnspecified)
    );
    // NOTE 8: 488 and 606 give 65 or 31.
    assert_eq!(
        Profile::Rfc4497.from_sip(status(606), Some(WarnCode::MediaTypeNotAvailable)),
        Some(Cause::BearerCapabilityNotImplemented)
    );
    assert_eq!(
        Profile::Rfc4497.from_sip(status(488), None),
        Some(Cause::NormalUnspecified)
    );
}

/// Where RFC 3398 and RFC 4497 give different answers, and nowhere else.
#[test]
fn the_two_profiles_differ_exactly_here() {
    let mut causes = Vec::new();
    for value in 0..=u8::MAX {
        for location in [None, Some(Location::User)] {
            for new_number in [NewNumber::Unknown, NewNumber::Known] {
                let rfc3398 = numbers(Profile::Rfc3398.to_sip_raw(value, location, new_number));
                let rfc4497 = numbers(Profile::Rfc4497.to_sip_raw(value, location, new_number));
                if rfc3398 != rfc4497 && !causes.contains(&(value, rfc3398, rfc4497)) {
                    causes.push((value, rfc3398, rfc4497));
                }
            }
        }
    }
    assert_eq!(
        causes,
        [
            (16, None, Some(500)),
            (26, Some(404), Some(500)),
            (44, None, Some(500)),
            (69, Some(500), Some(501)),
        ]
    );
    let mut statuses = Vec::new();
    for code in 100..=699 {
        let rfc3398 = Profile::Rfc3398.from_sip(status(code), None);
        let rfc4497 = Profile::Rfc4497.from_sip(status(code), None);
        if rfc3398 != rfc4497 {
            statuses.push((code, rfc3398, rfc4497));
        }
    }
    // Every 3xx (RFC 3398 Section 8.2.5 against RFC 4497 Section 8.2.1.5), and 487.
    let mut expected: Vec<_> = (300..=399)
        .map(|code| (code, Some(Cause::RedirectionToNewDestination), None))
        .collect();
    expected.push((487, None, Some(Cause::NormalUnspecified)));
    assert_eq!(statuses, expected);
}

/// Cause → status → cause under RFC 3398: where the two tables are inverse the cause comes
/// back; the lists say exactly where they are not (worked out by hand from the two tables).
#[test]
fn round_trips_and_where_the_tables_are_not_inverse() {
    let mut inverse = Vec::new();
    let mut not_inverse = Vec::new();
    for cause in Cause::ALL {
        let Some(status) = q850::to_sip(*cause, None, NewNumber::Unknown) else {
            continue;
        };
        let back = q850::from_sip(status, None).map(Cause::as_u8);
        if back == Some(cause.as_u8()) {
            inverse.push(cause.as_u8());
        } else if to_sip_row("rfc3398", i64::from(cause.as_u8())).is_some() {
            not_inverse.push((cause.as_u8(), status.as_u16(), back));
        } else {
            // A cause the table does not list goes out as 500, which comes back as 41.
            assert_eq!((status.as_u16(), back), (500, Some(41)), "cause {cause}");
        }
    }
    assert_eq!(inverse, [1, 17, 21, 22, 28, 41, 79, 102]);
    assert_eq!(
        not_inverse,
        [
            (2, 404, Some(1)),
            (3, 404, Some(1)),
            (18, 408, Some(102)),
            (19, 480, Some(18)),
            (20, 480, Some(18)),
            (23, 410, Some(22)),
            (26, 404, Some(1)),
            (27, 502, Some(38)),
            (29, 501, Some(79)),
            (31, 480, Some(18)),
            (34, 503, Some(41)),
            (38, 503, Some(41)),
            (42, 503, Some(41)),
            (47, 503, Some(41)),
            (55, 403, Some(21)),
            (57, 403, Some(21)),
            (58, 503, Some(41)),
            (65, 488, Some(31)),
            (70, 488, Some(31)),
            (87, 403, Some(21)),
            (88, 503, Some(41)),
            (111, 500, Some(41)),
            (127, 500, Some(41)),
        ]
    );
    // Status → cause → status, over every registered code: these come back unchanged.
    let statuses: Vec<u16> = Code::ALL
        .iter()
        .filter(|code| {
            q850::from_sip(code.status_code(), None).and_then(|cause| q850::to_sip(cause, None, NewNumber::Unknown))
                == Some(code.status_code())
        })
        .map(|code| code.as_u16())
        .collect();
    assert_eq!(statuses, [403, 404, 410, 484, 486, 501, 503, 504]);
}

#[test]
fn every_warn_code_is_generated() {
    let warnings = tables(WARN_TOML, "warning");
    assert_eq!(warnings.len(), WarnCode::ALL.len());
    for table in &warnings {
        let code = u16::try_from(int(table, "code").unwrap()).unwrap();
        let warning = WarnCode::from_u16(code).unwrap();
        assert_eq!(warning.as_u16(), code);
        assert_eq!(warning as u16, code);
        assert_eq!(warning.text(), text(table, "text").unwrap());
        assert_eq!(warning.description(), text(table, "description").unwrap());
        let citation = warning.citation();
        assert_eq!(citation.rfc(), text(table, "rfc").unwrap());
        assert_eq!(citation.section(), text(table, "section"));
        assert_eq!(
            warning.is_bearer_capability(),
            table
                .get("bearer_capability")
                .is_some_and(|flag| flag.as_bool().unwrap())
        );
        assert_eq!(warning.is_verified(), !table.contains_key("unverified"));
        assert_eq!(warning.to_string(), format!("{code} {}", warning.text()));
        let number = &citation.rfc()["RFC ".len()..];
        let expected_url = match citation.section() {
            Some(section) => format!("https://www.rfc-editor.org/rfc/rfc{number}#section-{section}"),
            None => format!("https://www.rfc-editor.org/rfc/rfc{number}"),
        };
        assert_eq!(citation.url(), expected_url, "{code}");
    }
    // RFC 3261 Section 20.43 defines these twelve; RFC 5630 Section 9 adds 380 and 381.
    for code in [300, 301, 302, 303, 304, 305, 306, 307, 330, 331, 370, 399] {
        let warning = WarnCode::from_u16(code).unwrap();
        assert_eq!(
            (warning.citation().rfc(), warning.citation().section()),
            ("RFC 3261", Some("20.43")),
            "{code}"
        );
    }
    assert_eq!(WarnCode::from_u16(380).map(WarnCode::text), Some("SIPS Not Allowed"));
    assert_eq!(WarnCode::from_u16(381).map(WarnCode::text), Some("SIPS Required"));
    assert_eq!(
        WarnCode::IncompatibleMediaFormat.to_string(),
        "305 Incompatible media format"
    );
    for unregistered in [0, 299, 308 + 1, 398, 400, u16::MAX] {
        assert_eq!(WarnCode::from_u16(unregistered), None, "{unregistered}");
    }
}

#[test]
fn every_reason_protocol_is_generated() {
    let protocols = tables(REASON_TOML, "protocol");
    assert_eq!(protocols.len(), Protocol::ALL.len());
    for table in &protocols {
        let name = text(table, "name").unwrap();
        let protocol = Protocol::from_name(name).unwrap();
        assert_eq!(protocol.name(), name);
        assert_eq!(protocol.cause(), text(table, "cause").unwrap());
        let citation = protocol.citation();
        assert_eq!(citation.rfc(), text(table, "rfc").unwrap());
        assert_eq!(citation.section(), Some(text(table, "section").unwrap()));
        assert_eq!(
            citation.to_string(),
            format!("{}, Section {}", citation.rfc(), citation.section().unwrap())
        );
        assert_eq!(protocol.to_string(), name);
        // Tokens compare without regard to case (RFC 3261 Section 7.3.1).
        assert_eq!(Protocol::from_name(&name.to_ascii_lowercase()), Some(protocol));
    }
    // RFC 3326 Section 4 registers SIP and Q.850; RFC 4411 Section 7 adds Preemption, which
    // its own examples write in lower case.
    assert_eq!(Protocol::from_name("Q.850"), Some(Protocol::Q850));
    assert_eq!(Protocol::from_name("SIP"), Some(Protocol::Sip));
    assert_eq!(Protocol::from_name("preemption"), Some(Protocol::Preemption));
    assert_eq!(Protocol::from_name("Q850"), None);
    assert_eq!(Protocol::from_name(""), None);
}

/// Every cause written as a Reason value (`Q.850;cause=17;text="User busy"`) is read back by
/// the strict parser as the same cause and name: the names are quoted-string text.
#[test]
fn every_cause_makes_a_reason_value_the_parser_reads_back() {
    use sipcodes::reason::{self, ReasonValue};

    for cause in (0..=u8::MAX).filter_map(Cause::from_u8) {
        let written = ReasonValue::from(cause).to_string();
        assert_eq!(
            written,
            format!("Q.850;cause={};text=\"{}\"", cause.as_u8(), cause.name())
        );
        let values = reason::parse(written.as_bytes()).unwrap();
        let value = values.iter().next().unwrap();
        assert_eq!(value.known_cause(), Some(cause), "{written}");
        assert_eq!(value.text(), Some(cause.name()));
        assert_eq!(value.known_protocol().map(Protocol::name), Some("Q.850"));
    }
}

/// A Warning value's code is read as a registered warn-code where the registry has it.
#[test]
fn warning_values_name_their_registered_warn_code() {
    let values = sipcodes::warning::parse(br#"305 gw.example.com "Incompatible media format", 399 gw "x""#).unwrap();
    let codes: Vec<_> = values.iter().map(|value| value.known_warn_code()).collect();
    assert_eq!(codes, [WarnCode::from_u16(305), WarnCode::from_u16(399)]);
    assert!(codes.iter().all(Option::is_some));
}
