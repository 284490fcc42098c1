//! `sipcodes::reason`: the RFC examples, what real peers send, what strict and lenient parsing
//! reject (with the rule and byte offset), what the writers produce, and properties over
//! arbitrary input.

use proptest::prelude::*;
use sipcodes::reason::{self, ParseReasonError, ParseReasonErrorKind as Kind, ReasonValue};
use sipcodes::{Code, StatusCode};

/// A value's protocol, cause and text.
type Parts<'a> = (&'a str, Option<u16>, Option<&'a str>);

/// Every value of a header field as its parts, or the failing rule and offset.
fn values(parsed: Result<reason::ReasonValues<'_>, ParseReasonError>) -> Result<Vec<Parts<'_>>, (Kind, usize)> {
    parsed
        .map(|values| {
            values
                .iter()
                .map(|value| (value.protocol(), value.cause(), value.text()))
                .collect()
        })
        .map_err(|error| (error.kind(), error.offset()))
}

fn parse(value: &[u8]) -> Result<Vec<Parts<'_>>, (Kind, usize)> {
    values(reason::parse(value))
}

fn parse_lenient(value: &[u8]) -> Result<Vec<Parts<'_>>, (Kind, usize)> {
    values(reason::parse_lenient(value))
}

/// The single value of `value`, strictly parsed.
fn one(value: &[u8]) -> ReasonValue<'_> {
    let values = reason::parse(value).expect("a valid Reason value");
    let mut iter = values.iter();
    let first = iter.next().expect("one value");
    assert_eq!(iter.next(), None, "exactly one value");
    first
}

#[test]
fn rfc_3326_examples() {
    // RFC 3326 §2's four examples, written as the RFC prints them: a blank before each `;`.
    assert_eq!(
        parse(br#"SIP ;cause=200 ;text="Call completed elsewhere""#),
        Ok(vec![("SIP", Some(200), Some("Call completed elsewhere"))])
    );
    assert_eq!(
        parse(br#"Q.850 ;cause=16 ;text="Terminated""#),
        Ok(vec![("Q.850", Some(16), Some("Terminated"))])
    );
    assert_eq!(
        parse(br#"SIP ;cause=600 ;text="Busy Everywhere""#),
        Ok(vec![("SIP", Some(600), Some("Busy Everywhere"))])
    );
    assert_eq!(
        parse(br#"SIP ;cause=580 ;text="Precondition Failure""#),
        Ok(vec![("SIP", Some(580), Some("Precondition Failure"))])
    );
    // RFC 3326 §2 lets a message carry a SIP and a Q.850 value; as one field they are a list.
    assert_eq!(
        parse(br#"SIP ;cause=600 ;text="Busy Everywhere", Q.850 ;cause=16 ;text="Terminated""#),
        Ok(vec![
            ("SIP", Some(600), Some("Busy Everywhere")),
            ("Q.850", Some(16), Some("Terminated")),
        ])
    );
    // RFC 6432 §3 gives no example line; it lets any response but 100 carry a Q.850 value,
    // such as a 486 with the user-busy cause.
    assert!(one(b"Q.850;cause=17").is_q850());
}

#[test]
fn what_peers_send() {
    // Asterisk, res/res_pjsip_rfc3326.c (asterisk/asterisk), rfc3326_add_reason_header: the
    // cause alone, from "Q.850;cause=%i", and a fixed value when the call was answered
    // elsewhere.
    assert_eq!(parse(b"Q.850;cause=16"), Ok(vec![("Q.850", Some(16), None)]));
    assert_eq!(
        parse(br#"SIP;cause=200;text="Call completed elsewhere""#),
        Ok(vec![("SIP", Some(200), Some("Call completed elsewhere"))])
    );
    // FreeSWITCH, src/mod/endpoints/mod_sofia/mod_sofia.c (signalwire/freeswitch),
    // sofia_on_hangup: "Q.850;cause=%d;text=\"%s\"" with the cause's FreeSWITCH name.
    assert_eq!(
        parse(br#"Q.850;cause=16;text="NORMAL_CLEARING""#),
        Ok(vec![("Q.850", Some(16), Some("NORMAL_CLEARING"))])
    );
    assert_eq!(
        parse(br#"Q.850;cause=17;text="USER_BUSY""#),
        Ok(vec![("Q.850", Some(17), Some("USER_BUSY"))])
    );
    // Kamailio, src/modules/tm/t_fwd.c (kamailio/kamailio), cancel_reason_pack: REASON_PREFIX
    // "Reason: SIP;cause=" (src/modules/tm/t_reply.h), the final reply's code, and the text in
    // quotes when there is one.
    assert_eq!(
        parse(br#"SIP;cause=600;text="Busy Everywhere""#),
        Ok(vec![("SIP", Some(600), Some("Busy Everywhere"))])
    );
    assert_eq!(parse(b"SIP;cause=200"), Ok(vec![("SIP", Some(200), None)]));
    // OpenSIPS, modules/tm/t_cancel.h (OpenSIPS/opensips), CANCEL_REASON_200: RFC 3326's
    // spacing, kept.
    assert_eq!(
        parse(br#"SIP ;cause=200 ;text="Call completed elsewhere""#),
        Ok(vec![("SIP", Some(200), Some("Call completed elsewhere"))])
    );
}

#[test]
fn whitespace_is_part_of_the_grammar() {
    // SEMI, EQUAL and COMMA are SWS around the character (RFC 3261 §25.1); LWS may fold.
    let expected = vec![("Q.850", Some(16), Some("Terminated")), ("SIP", Some(487), None)];
    for spaced in [
        &br#"Q.850;cause=16;text="Terminated",SIP;cause=487"#[..],
        br#"Q.850 ; cause = 16 ; text = "Terminated" , SIP ; cause = 487"#,
        b"Q.850\t;\tcause\t=\t16;text=\"Terminated\",\tSIP;cause=487",
        b"Q.850;cause=16;\r\n text=\"Terminated\",\r\n\tSIP;cause=487",
        // HCOLON's whitespace, if the caller left it.
        br#"  Q.850;cause=16;text="Terminated", SIP;cause=487"#,
    ] {
        assert_eq!(
            parse(spaced),
            Ok(expected.clone()),
            "{}",
            String::from_utf8_lossy(spaced)
        );
    }
    // A protocol alone is a value; case is kept as sent, and the typed views ignore it.
    assert_eq!(parse(b"sip"), Ok(vec![("sip", None, None)]));
    let value = one(b"sip;CAUSE=486;Text=\"x\"");
    assert_eq!((value.cause(), value.text()), (Some(486), Some("x")));
    assert_eq!(value.sip_status(), Some(StatusCode::from_u16(486).unwrap()));
    // Leading zeros are digits too.
    assert_eq!(one(b"Q.850;cause=016").cause(), Some(16));
    // Quoted text is kept as sent: escapes, non-ASCII, a `;` or `,` inside the quotes.
    assert_eq!(
        one(br#"SIP;cause=480;text="Away \"fishing\"; back, later""#).text(),
        Some(r#"Away \"fishing\"; back, later"#)
    );
    assert_eq!(
        one("Q.850;cause=17;text=\"Teilnehmer besetzt – bitte später\"".as_bytes()).text(),
        Some("Teilnehmer besetzt – bitte später")
    );
    assert_eq!(one(br#"SIP;cause=200;text="""#).text(), Some(""));
}

#[test]
fn typed_views() {
    let values = reason::parse(br#"SIP;cause=486;text="Busy Here", Q.850;cause=17"#).unwrap();
    let sip = values.find("sip").unwrap();
    assert!(sip.is_sip() && !sip.is_q850());
    assert_eq!(sip.sip_status().and_then(StatusCode::known), Some(Code::BusyHere));
    let q850 = values.find("Q.850").unwrap();
    assert!(q850.is_q850() && !q850.is_sip());
    assert_eq!((q850.cause(), q850.sip_status()), (Some(17), None));
    assert!(values.find("STIR").is_none());
    // A SIP cause outside 100 to 699 is no status code; nor is a missing one.
    assert_eq!(one(b"SIP;cause=99").sip_status(), None);
    assert_eq!(one(b"SIP;cause=700").sip_status(), None);
    assert_eq!(one(b"SIP").sip_status(), None);
}

#[test]
fn registered_protocols() {
    use sipcodes::reason::Protocol;
    // The IANA Reason-protocols registry: SIP, Q.850 and Preemption (RFC 4411), in any case.
    let values = reason::parse(b"sip;cause=200, Q.850;cause=16, preemption;cause=1, FreeSWITCH;cause=1").unwrap();
    let names: Vec<_> = values
        .iter()
        .map(|value| value.known_protocol().map(Protocol::name))
        .collect();
    assert_eq!(names, [Some("SIP"), Some("Q.850"), Some("Preemption"), None]);
}

#[test]
fn a_list_hands_out_every_value_however_it_is_walked() {
    fn protocols(iter: reason::Iter<'_>) -> Vec<&str> {
        iter.map(|value| value.protocol()).collect()
    }
    let input = br#"SIP;cause=480, Q.850;cause=18;text="No answer";x=y ,preemption;cause=1"#;
    let values = reason::parse(input).unwrap();
    assert_eq!(protocols(values.iter()), ["SIP", "Q.850", "preemption"]);
    assert_eq!(protocols((&values).into_iter()), ["SIP", "Q.850", "preemption"]);
    assert_eq!(protocols(values.into_iter()), ["SIP", "Q.850", "preemption"]);
    // A copy of a half-walked iterator walks on from where it was; a walked one stays done.
    let mut iter = values.iter();
    iter.next();
    assert_eq!(protocols(iter.clone()), ["Q.850", "preemption"]);
    iter.by_ref().for_each(drop);
    assert_eq!((iter.next(), iter.next()), (None, None));
    // The same value is equal however it was reached.
    assert_eq!(values.find("q.850"), values.iter().nth(1));
}

#[test]
fn a_lenient_list_reads_every_value_leniently() {
    // The values after the first are scanned again as they are handed out: with the grammar
    // of the parser that checked them, so an unquoted text and the parameters after it are
    // read in the second value as in the first.
    let values = reason::parse_lenient(b"SIP;cause=480;text=Not here;a=1, Q.850;cause=18;text=No answer;x=y").unwrap();
    let read: Vec<_> = values
        .iter()
        .map(|value| (value.text(), value.params().collect::<Vec<_>>()))
        .collect();
    assert_eq!(
        read,
        [
            (Some("Not here"), vec![("a", Some("1"))]),
            (Some("No answer"), vec![("x", Some("y"))])
        ]
    );
}

#[test]
fn other_parameters() {
    let value = one(br#"Q.850;cause=16;location=LN;flag;quoted="a b";addr=[2001:db8::1];text="x""#);
    let params: Vec<_> = value.params().collect();
    assert_eq!(
        params,
        [
            ("location", Some("LN")),
            ("flag", None),
            ("quoted", Some("\"a b\"")),
            ("addr", Some("[2001:db8::1]")),
        ]
    );
    // Written back: protocol, cause, text, then the others as sent.
    assert_eq!(
        value.to_string(),
        r#"Q.850;cause=16;text="x";location=LN;flag;quoted="a b";addr=[2001:db8::1]"#
    );
    assert_eq!(one(b"SIP;cause=200").params().next(), None);
}

#[test]
fn parsing_borrows_the_input() {
    let input = br#"SIP;cause=200;text="Call completed elsewhere";x=y"#;
    let value = one(input);
    let range = input.as_ptr_range();
    for part in [
        value.protocol(),
        value.text().unwrap(),
        value.params().next().unwrap().1.unwrap(),
    ] {
        assert!(range.contains(&part.as_ptr()), "{part} is not borrowed from the input");
    }
}

#[test]
fn rejects_with_rule_and_offset() {
    let cases: [(&[u8], Kind, usize); 24] = [
        (b"", Kind::Protocol, 0),
        (b"   ", Kind::Protocol, 3),
        (b";cause=16", Kind::Protocol, 0),
        (b"\"SIP\";cause=16", Kind::Protocol, 0),
        (b"Q.850;", Kind::ParameterName, 6),
        (b"Q.850;;cause=16", Kind::ParameterName, 6),
        (b"Q.850;cause", Kind::Cause, 11),
        (b"Q.850;cause=", Kind::Cause, 12),
        (b"Q.850;cause=sixteen", Kind::Cause, 12),
        (b"Q.850;cause=16a", Kind::Cause, 14),
        (b"Q.850;cause=\"16\"", Kind::Cause, 12),
        (b"Q.850;cause=65536", Kind::CauseTooLarge, 12),
        (b"Q.850;cause=16;cause=17", Kind::Duplicate, 15),
        (b"SIP;text=\"a\";text=\"b\"", Kind::Duplicate, 13),
        (b"SIP;cause=200;text=Call completed elsewhere", Kind::Text, 19),
        (b"SIP;text", Kind::Text, 8),
        (b"SIP;cause=200;text=\"unclosed", Kind::UnclosedQuote, 28),
        (b"SIP;text=\"a\x07b\"", Kind::QuotedText, 11),
        (b"SIP;text=\"a\r\nb\"", Kind::QuotedText, 11),
        (b"SIP;text=\"a\\\r\n\"", Kind::Escape, 12),
        (b"SIP;text=\"caf\xe9\"", Kind::Utf8, 13),
        (b"SIP;x=", Kind::ParameterValue, 6),
        (b"SIP;x=[::1", Kind::ParameterValue, 6),
        (b"SIP;cause=200 trailing", Kind::Separator, 14),
    ];
    for (input, kind, offset) in cases {
        let error = reason::parse(input).unwrap_err();
        assert_eq!(
            (error.kind(), error.offset()),
            (kind, offset),
            "{}",
            String::from_utf8_lossy(input)
        );
        assert_eq!(error.found(), input.get(offset).copied());
    }
    // Lists: an empty element, a trailing comma, blanks at the end.
    assert_eq!(parse(b"SIP;cause=200,,Q.850"), Err((Kind::Protocol, 14)));
    assert_eq!(parse(b"SIP;cause=200, "), Err((Kind::Protocol, 15)));
    assert_eq!(parse(b"SIP;cause=200 "), Err((Kind::Separator, 13)));
    assert_eq!(parse(b"SIP;cause=200\r\n"), Err((Kind::Separator, 13)));
}

#[test]
fn error_messages() {
    let message = |input: &[u8]| reason::parse(input).unwrap_err().to_string();
    assert_eq!(
        message(b"Q.850;cause=16a"),
        "invalid Reason header at byte 14: expected the cause's digits (protocol-cause), found `a`"
    );
    assert_eq!(
        message(b""),
        "invalid Reason header at byte 0: expected a protocol token such as `SIP` or `Q.850` (protocol), found the end of the input"
    );
    assert_eq!(
        message(b"SIP;text=\"a\x07\""),
        "invalid Reason header at byte 11: expected quoted text: no control character but tab, and no CR or LF \
         outside a line fold (qdtext), found the byte 0x07"
    );
}

#[test]
fn lenient_takes_unquoted_text_only() {
    // Unquoted text, as a Reason value carried in a History-Info URI reads once unescaped.
    assert_eq!(
        parse_lenient(b"SIP;cause=486;text=Busy Here"),
        Ok(vec![("SIP", Some(486), Some("Busy Here"))])
    );
    assert_eq!(
        parse_lenient(b"SIP;text=Busy Here \t;cause=486, Q.850;cause=17;text=User busy"),
        Ok(vec![
            ("SIP", Some(486), Some("Busy Here")),
            ("Q.850", Some(17), Some("User busy"))
        ])
    );
    // Strict parsing takes all of it the same way.
    let strict = br#"SIP ;cause=200 ;text="Call completed elsewhere", Q.850;cause=16"#;
    assert_eq!(parse_lenient(strict), parse(strict));
    // And rejects the rest as strict parsing does.
    assert_eq!(parse_lenient(b"SIP;text="), Err((Kind::Text, 9)));
    assert_eq!(parse_lenient(b"SIP;text=a\\b"), Err((Kind::Separator, 10)));
    assert_eq!(parse_lenient(b"SIP;text=a\"b"), Err((Kind::Separator, 10)));
    assert_eq!(parse_lenient(b"SIP;cause=200,,Q.850"), Err((Kind::Protocol, 14)));
    assert_eq!(parse_lenient(b"Q.850;cause=x"), Err((Kind::Cause, 12)));
    // Written back, the text is quoted: a value strict parsing takes.
    let value = reason::parse_lenient(b"SIP;cause=486;text=Busy Here;x=1")
        .unwrap()
        .iter()
        .next()
        .unwrap();
    let written = value.to_string();
    assert_eq!(written, r#"SIP;cause=486;text="Busy Here";x=1"#);
    assert_eq!(one(written.as_bytes()), value);
}

#[test]
fn from_a_status_code() {
    // Every registered code: SIP, the code, its reason phrase; parsed back, the same value.
    for &code in Code::ALL {
        let value = ReasonValue::from(code);
        let written = value.to_string();
        assert_eq!(
            written,
            format!("SIP;cause={};text=\"{}\"", code.as_u16(), code.reason_phrase())
        );
        let parsed = one(written.as_bytes());
        assert_eq!(parsed, value);
        assert_eq!(parsed.sip_status(), Some(code.status_code()));
    }
    // An unregistered code has no text of its own.
    let number = sipcodes_tests::unregistered_code(400);
    let unregistered = ReasonValue::from_status(StatusCode::from_u16(number).unwrap());
    assert_eq!(unregistered.to_string(), format!("SIP;cause={number}"));
    assert_eq!(unregistered.text(), None);
}

#[test]
fn new_checks_protocol_and_text() {
    let value = ReasonValue::new("Q.850", Some(16), Some("Normal call clearing")).unwrap();
    assert_eq!(value.to_string(), r#"Q.850;cause=16;text="Normal call clearing""#);
    assert_eq!(ReasonValue::new("STIR", None, None).unwrap().to_string(), "STIR");
    assert_eq!(
        ReasonValue::new("SIP", Some(480), Some(r#"a \"quoted\" \\ word"#))
            .unwrap()
            .to_string(),
        r#"SIP;cause=480;text="a \"quoted\" \\ word""#
    );
    let error = |protocol, text| {
        let error = ReasonValue::new(protocol, Some(1), text).unwrap_err();
        (error.kind(), error.offset())
    };
    assert_eq!(error("", None), (Kind::Protocol, 0));
    assert_eq!(error("Q 850", None), (Kind::Protocol, 1));
    assert_eq!(error("Q.850;cause=1", None), (Kind::Protocol, 5));
    assert_eq!(error("SIP", Some("a\"b")), (Kind::QuotedText, 1));
    assert_eq!(error("SIP", Some("a\r\n b")), (Kind::QuotedText, 1));
    assert_eq!(error("SIP", Some("a\\")), (Kind::UnclosedQuote, 2));
    assert_eq!(error("SIP", Some("a\\é")), (Kind::Escape, 2));
}

#[test]
fn writers_agree() {
    let value = ReasonValue::new("Q.850", Some(16), Some("Normal call clearing")).unwrap();
    let text = value.to_string();
    assert_eq!(value.encoded_len(), text.len());
    let mut buffer = [0; 64];
    let length = value.write_to_slice(&mut buffer).unwrap();
    assert_eq!(&buffer[..length], text.as_bytes());
    let mut wire = Vec::new();
    value.write_to(&mut wire).unwrap();
    assert_eq!(wire, text.as_bytes());

    let mut short = [0; 10];
    let error = value.write_to_slice(&mut short).unwrap_err();
    assert_eq!((error.needed(), error.available()), (text.len(), 10));
    assert_eq!(short, [0; 10], "nothing written");
    assert_eq!(
        error.to_string(),
        "buffer too small for the Reason value: it needs 42 bytes and has 10; give a buffer of at least \
         `encoded_len()` bytes"
    );

    // Longer than write_to's stack buffer.
    let long_text = "x".repeat(300);
    let long = ReasonValue::new("SIP", None, Some(&long_text)).unwrap();
    let mut wire = Vec::new();
    long.write_to(&mut wire).unwrap();
    assert_eq!(wire, long.to_string().as_bytes());
}

/// A protocol token.
fn protocol() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        proptest::sample::select(vec!["SIP", "Q.850", "sip", "STIR", "FreeSWITCH", "x"]).prop_map(String::from),
        proptest::collection::vec(proptest::sample::select(b"aZ9-.!%*_+`'~".to_vec()), 1..8)
            .prop_map(|bytes| String::from_utf8(bytes).unwrap()),
    ];
    pieces
}

/// Quoted-string content as it is written: qdtext and quoted-pairs.
fn quoted_content() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        proptest::sample::select(vec![
            "a", " ", "\t", "!", "#", "[", "]", "~", ";", ",", "=", "é", "–", "漢"
        ])
        .prop_map(String::from),
        proptest::sample::select(vec!["\\\"", "\\\\", "\\a", "\\\t", "\\\u{7f}", "\\\u{0}"]).prop_map(String::from),
    ];
    proptest::collection::vec(piece, 0..12).prop_map(|pieces| pieces.concat())
}

/// SWS: nothing, blanks, or a folded line.
fn sws() -> impl Strategy<Value = &'static str> {
    proptest::sample::select(vec!["", " ", "\t", "  ", "\r\n ", " \r\n\t"])
}

proptest! {
    #[test]
    fn arbitrary_bytes_never_panic(input in proptest::collection::vec(any::<u8>(), 0..64)) {
        for result in [reason::parse(&input), reason::parse_lenient(&input)] {
            match result {
                Ok(values) => {
                    // Whatever was accepted is written as a value strict parsing accepts.
                    for value in &values {
                        let written = value.to_string();
                        prop_assert_eq!(one(written.as_bytes()), value);
                    }
                }
                Err(error) => {
                    prop_assert!(error.offset() <= input.len());
                    prop_assert_eq!(error.found(), input.get(error.offset()).copied());
                }
            }
        }
    }

    #[test]
    fn reason_like_bytes_never_panic(
        pieces in proptest::collection::vec(
            proptest::sample::select(vec!["SIP", "Q.850", ";", "=", ",", " ", "\r\n", "\t", "\"", "\\", "cause", "text", "16", "[::1]", "é", "\x07", "x"]),
            0..16,
        )
    ) {
        let input = pieces.concat();
        let strict = reason::parse(input.as_bytes());
        let lenient = reason::parse_lenient(input.as_bytes());
        if let Ok(strict) = strict {
            // Lenient parsing takes everything strict parsing takes, the same way.
            let lenient = lenient.expect("lenient accepts what strict accepts");
            prop_assert!(strict.iter().eq(lenient.iter()));
        }
        for values in [strict, lenient].into_iter().flatten() {
            for value in &values {
                let written = value.to_string();
                prop_assert_eq!(one(written.as_bytes()), value);
            }
        }
    }

    #[test]
    fn format_then_parse_is_identity(
        protocol in protocol(),
        cause in proptest::option::of(any::<u16>()),
        text in proptest::option::of(quoted_content()),
    ) {
        let value = ReasonValue::new(&protocol, cause, text.as_deref()).unwrap();
        let written = value.to_string();
        let parsed = one(written.as_bytes());
        prop_assert_eq!(parsed, value);
        prop_assert_eq!((parsed.protocol(), parsed.cause(), parsed.text()), (protocol.as_str(), cause, text.as_deref()));
        prop_assert_eq!(value.encoded_len(), written.len());
    }

    #[test]
    fn lists_with_any_whitespace_parse_back(
        first in quoted_content(),
        cause in any::<u16>(),
        (before, after, semi, equal) in (sws(), sws(), sws(), sws()),
    ) {
        let a = ReasonValue::new("SIP", Some(cause), Some(&first)).unwrap();
        let b = ReasonValue::new("Q.850", Some(16), None).unwrap();
        let list = format!(
            "SIP{semi};{semi}cause{equal}={equal}{cause}{semi};{semi}text{equal}={equal}\"{first}\"{before},{after}Q.850;cause=16"
        );
        let values = reason::parse(list.as_bytes()).unwrap();
        prop_assert_eq!(values.iter().collect::<Vec<_>>(), vec![a, b]);
    }

    #[test]
    fn every_status_code(number in 100_u16..=699) {
        let code = StatusCode::from_u16(number).unwrap();
        let value = ReasonValue::from(code);
        let written = value.to_string();
        let parsed = one(written.as_bytes());
        prop_assert_eq!(parsed.sip_status(), Some(code));
        prop_assert_eq!(parsed.text(), code.reason_phrase());
    }
}
