//! One behaviour, every generated enum: the same checks run against `sipcodes::Code` and
//! against enums generated in this crate from a standalone table, from a superset of the
//! standard table (`include_standard = true`), and from tables with overrides. Each check
//! reads what the enum must do from the enum's own table (`ALL`, `reason_phrase`,
//! `aliases`), so a new generated method or a new table gets the whole suite.

use sipcodes::{Class, Code, ParseStatusCodeErrorKind, Registration, StatusCode, StatusLine};

sipcodes::codes! {
    /// Only a carrier's own codes, one of them a registered number reused.
    pub enum CarrierCode = "extending/carrier.toml";
}

sipcodes::codes! {
    /// Every registered code, one replaced and one added, both with `override = true`.
    pub enum LocalCode = "extending/superset.toml";
}

/// The same tests for each enum, in a module named after it.
macro_rules! same_api {
    ($module:ident, $enum:ident) => {
        mod $module {
            use super::*;

            const NAME: &str = stringify!($enum);

            /// The enum's phrases, as a person might type them: other case, blanks around and
            /// between the words.
            fn sloppy(phrase: &str) -> String {
                format!("  {}\t", phrase.to_ascii_uppercase().replace(' ', "  "))
            }

            #[test]
            fn display_and_from_str_agree_for_every_entry() {
                for &code in $enum::ALL {
                    let number = code.as_u16();
                    let text = code.to_string();
                    assert_eq!(text, format!("{number} {}", code.reason_phrase()));
                    assert_eq!(text.parse::<$enum>(), Ok(code), "{text}");
                    assert_eq!(number.to_string().parse::<$enum>(), Ok(code), "{number}");
                    let sloppy_text = format!(" {number}  {}", sloppy(code.reason_phrase()));
                    assert_eq!(sloppy_text.parse::<$enum>(), Ok(code), "{sloppy_text:?}");
                    for alias in code.aliases() {
                        assert_eq!(format!("{number} {alias}").parse::<$enum>(), Ok(code), "{alias}");
                    }
                }
            }

            #[test]
            fn from_reason_phrase_trims_and_folds_blanks() {
                for &code in $enum::ALL {
                    for phrase in std::iter::once(code.reason_phrase()).chain(code.aliases().iter().copied()) {
                        let found = $enum::from_reason_phrase(phrase).unwrap_or_else(|| panic!("{phrase:?}"));
                        // Two codes may share a phrase (406 and 606): the lower one is found.
                        assert!(found <= code, "{phrase:?}");
                        assert_eq!(
                            $enum::from_reason_phrase(&sloppy(phrase)),
                            Some(found),
                            "{phrase:?}"
                        );
                    }
                }
                assert_eq!($enum::from_reason_phrase("  "), None);
                assert_eq!($enum::from_reason_phrase("No Such Phrase Anywhere"), None);
            }

            #[test]
            fn a_wrong_phrase_or_a_code_outside_the_table_names_the_table() {
                let code = $enum::ALL[0];
                let error = format!("{} No Such Phrase Anywhere", code.as_u16())
                    .parse::<$enum>()
                    .unwrap_err();
                assert_eq!(error.kind(), ParseStatusCodeErrorKind::PhraseMismatch);
                assert_eq!((error.offset(), error.table()), (4, NAME));
                assert!(error.to_string().contains(&format!("`{NAME}` table")), "{error}");
                // A valid code the table lacks, chosen now: tables change.
                if let Some(missing) = (100..=699).find(|number| $enum::from_u16(*number).is_none()) {
                    for text in [missing.to_string(), format!("{missing} Some Phrase")] {
                        let error = text.parse::<$enum>().unwrap_err();
                        assert_eq!(error.kind(), ParseStatusCodeErrorKind::NotInTable, "{text}");
                        assert_eq!(error.table(), NAME);
                        assert!(!error.to_string().contains("not registered"), "{error}");
                    }
                    let error = $enum::try_from(missing).unwrap_err();
                    assert_eq!((error.code(), error.table()), (missing, NAME));
                }
                assert_eq!(
                    "700".parse::<$enum>().unwrap_err().kind(),
                    ParseStatusCodeErrorKind::OutOfRange
                );
                assert_eq!(
                    "".parse::<$enum>().unwrap_err().kind(),
                    ParseStatusCodeErrorKind::Empty
                );
            }

            /// Also the contract the status-line parser's registered-phrase shortcut relies
            /// on, checked for every entry: each phrase of the table passes the runtime's
            /// strict Reason-Phrase rule.
            #[test]
            fn a_status_line_carries_the_tables_own_phrase() {
                let mut buffer = [0; 128];
                for &code in $enum::ALL {
                    let checked = StatusLine::with_reason_phrase(code.into(), code.reason_phrase());
                    assert_eq!(
                        checked.map(|line| line.to_string()),
                        Ok(StatusLine::from(code).to_string())
                    );
                    let line = StatusLine::from(code);
                    let expected = format!("SIP/2.0 {} {}", code.as_u16(), code.reason_phrase());
                    assert_eq!(line.to_string(), expected);
                    assert_eq!(line.code(), StatusCode::from(code));
                    // The macro checked the phrase, so the strict parser accepts the line.
                    let length = line.write_to_slice(&mut buffer).unwrap();
                    let parsed = StatusLine::parse(&buffer[..length]).unwrap();
                    assert_eq!(parsed.to_string(), expected);
                }
            }

            #[test]
            fn codes_compare_and_convert_with_status_codes() {
                for &code in $enum::ALL {
                    let status = StatusCode::from(code);
                    let number = code.as_u16();
                    assert!(status == code && code == status);
                    assert!(status == code.as_u16() && code.as_u16() == status);
                    assert_eq!(code, number);
                    assert_eq!(number, code);
                    assert_ne!(code, number + 1);
                    assert_ne!(number + 1, code);
                    let predicates = |code: $enum| {
                        [
                            code.is_provisional(),
                            code.is_final(),
                            code.is_success(),
                            code.is_redirection(),
                            code.is_client_failure(),
                            code.is_server_failure(),
                            code.is_global_failure(),
                        ]
                    };
                    let expected = [
                        status.is_provisional(),
                        status.is_final(),
                        status.is_success(),
                        status.is_redirection(),
                        status.is_client_failure(),
                        status.is_server_failure(),
                        status.is_global_failure(),
                    ];
                    assert_eq!(predicates(code), expected, "{code}");
                    assert_eq!(code.status_code(), status);
                    assert_eq!(u16::from(code), status.as_u16());
                    assert_eq!($enum::try_from(status), Ok(code));
                    assert_eq!($enum::try_from(code.as_u16()), Ok(code));
                    assert_eq!($enum::from_u16(code.as_u16()), Some(code));
                    assert_eq!(code.class(), status.class());
                    assert_eq!(Class::from_u16(code.as_u16()), Some(code.class()));
                }
            }

            #[test]
            fn receivers_act_on_current_codes_and_senders_are_told_of_retired_ones() {
                for &code in $enum::ALL {
                    let canonical = code.canonical();
                    assert_eq!(canonical, code.treat_as().unwrap_or(code), "{code}");
                    assert_eq!(code.treat_as().is_some(), canonical != code, "{code}");
                    assert_eq!(canonical.registration(), Registration::Current, "{code}");
                    assert_eq!(canonical.class(), code.class(), "{code}");
                    match code.for_sending() {
                        Ok(sent) => {
                            assert_eq!(sent, code);
                            assert_eq!(code.registration(), Registration::Current);
                            assert_eq!(canonical, code, "a current code is acted on as itself");
                        }
                        Err(error) => {
                            assert_ne!(code.registration(), Registration::Current);
                            assert_eq!(error.code(), code.as_u16());
                            assert_eq!(Some(error.note()), code.deprecation());
                            assert!(error.to_string().starts_with(&code.to_string()), "{error}");
                        }
                    }
                }
            }

            #[test]
            fn serde_reads_the_tables_own_text_and_numbers() {
                for &code in $enum::ALL {
                    let number = code.as_u16();
                    assert_eq!(serde_json::to_string(&code).unwrap(), number.to_string());
                    let from_json = |json: String| serde_json::from_str::<$enum>(&json);
                    assert_eq!(from_json(number.to_string()).unwrap(), code);
                    assert_eq!(from_json(format!("\"{code}\"")).unwrap(), code);
                    assert_eq!(
                        from_json(serde_json::to_string(&sloppy(&code.to_string())).unwrap()).unwrap(),
                        code
                    );
                    for alias in code.aliases() {
                        assert_eq!(from_json(format!("\"{number} {alias}\"")).unwrap(), code);
                    }
                }
                if let Some(missing) = (100..=699).find(|number| $enum::from_u16(*number).is_none()) {
                    for json in [missing.to_string(), format!("\"{missing}\"")] {
                        let error = serde_json::from_str::<$enum>(&json).unwrap_err().to_string();
                        assert!(error.contains(&format!("`{NAME}`")), "{error}");
                        assert!(error.contains("StatusCode"), "{error}");
                        assert!(!error.contains("not registered"), "{error}");
                    }
                }
            }
        }
    };
}

same_api!(code, Code);
same_api!(standalone, CarrierCode);
same_api!(superset_with_overrides, LocalCode);

#[test]
fn the_suite_sees_what_makes_each_table_different() {
    // The standalone table reuses 486 without `override`, with its own phrase.
    assert_eq!(CarrierCode::CarrierBusy.as_u16(), 486);
    assert_eq!(
        StatusLine::from(CarrierCode::CarrierBusy).to_string(),
        "SIP/2.0 486 User Busy"
    );
    assert_eq!("486 Subscriber Busy".parse(), Ok(CarrierCode::CarrierBusy));
    assert!("486 Busy Here".parse::<CarrierCode>().is_err());
    // The superset replaced 480: its line and its text forms use the overriding phrase.
    assert_eq!(
        StatusLine::from(LocalCode::SubscriberUnreachable).to_string(),
        "SIP/2.0 480 Subscriber Unreachable"
    );
    assert_eq!(
        serde_json::from_str::<LocalCode>("\"480 Subscriber Unreachable\"").unwrap(),
        LocalCode::SubscriberUnreachable
    );
    assert_eq!(
        serde_json::from_str::<LocalCode>("\"480 temporarily unavailable\"").unwrap(),
        LocalCode::SubscriberUnreachable,
        "an alias of the overriding entry"
    );
    // Deprecated codes are in the suite through `Code` and the superset.
    assert!(Code::ALL.iter().any(|code| code.for_sending().is_err()));
    assert!(LocalCode::ALL.iter().any(|code| code.for_sending().is_err()));
    assert_eq!(LocalCode::Accepted.canonical(), LocalCode::Ok);
}
