//! `sipcodes::warning`: the RFC examples, what real peers send, what strict and lenient
//! parsing reject (with the rule and byte offset), what the writers produce, and properties
//! over arbitrary input.

use proptest::prelude::*;
use sipcodes::warning::{self, ParseWarningError, ParseWarningErrorKind as Kind, WarningValue};

/// A value's code, agent and text.
type Parts<'a> = (u16, &'a str, &'a str);

fn values(parsed: Result<warning::WarningValues<'_>, ParseWarningError>) -> Result<Vec<Parts<'_>>, (Kind, usize)> {
    parsed
        .map(|values| {
            values
                .iter()
                .map(|value| (value.code(), value.agent(), value.text()))
                .collect()
        })
        .map_err(|error| (error.kind(), error.offset()))
}

fn parse(value: &[u8]) -> Result<Vec<Parts<'_>>, (Kind, usize)> {
    values(warning::parse(value))
}

fn parse_lenient(value: &[u8]) -> Result<Vec<Parts<'_>>, (Kind, usize)> {
    values(warning::parse_lenient(value))
}

/// The single value of `value`, strictly parsed.
fn one(value: &[u8]) -> WarningValue<'_> {
    let values = warning::parse(value).expect("a valid Warning value");
    let mut iter = values.iter();
    let first = iter.next().expect("one value");
    assert_eq!(iter.next(), None, "exactly one value");
    first
}

#[test]
fn rfc_3261_examples() {
    // RFC 3261 §20.43's two examples.
    assert_eq!(
        parse(br#"307 isi.edu "Session parameter 'foo' not understood""#),
        Ok(vec![(307, "isi.edu", "Session parameter 'foo' not understood")])
    );
    assert_eq!(
        parse(br#"301 isi.edu "Incompatible network address type 'E.164'""#),
        Ok(vec![(301, "isi.edu", "Incompatible network address type 'E.164'")])
    );
    // As one field, a comma-separated list.
    assert_eq!(
        parse(br#"307 isi.edu "Session parameter 'foo' not understood", 301 isi.edu "Incompatible network address type 'E.164'""#),
        Ok(vec![
            (307, "isi.edu", "Session parameter 'foo' not understood"),
            (301, "isi.edu", "Incompatible network address type 'E.164'"),
        ])
    );
}

#[test]
fn what_peers_send() {
    // Kamailio, src/core/msg_translator.c (kamailio/kamailio), warning_builder: WARNING
    // "Warning: 392 ", the listening socket as address:port, then WARNING_PHRASE
    // " \"Noisy feedback tells: " (src/core/msg_translator.h) and " pid=…" after it: two
    // spaces after the colon.
    let kamailio = br#"392 192.0.2.10:5060 "Noisy feedback tells:  pid=2301 req_src_ip=192.0.2.20 req_src_port=5060 in_uri=sip:bob@example.com out_uri=sip:bob@192.0.2.30:5060 via_cnt==1""#;
    let value = one(kamailio);
    assert_eq!((value.code(), value.agent()), (392, "192.0.2.10:5060"));
    assert!(value.text().starts_with("Noisy feedback tells:  pid=2301 "));
    // PJSIP (used by Asterisk), pjsip/src/pjsip/sip_msg.c (pjsip/pjproject),
    // pjsip_warning_hdr_create: "%u %.*s \"%.*s\"" with the endpoint's name, here as
    // pjsip/src/pjsip-simple/evsub.c calls it for a NOTIFY without Subscription-State.
    assert_eq!(
        parse(br#"399 pbx.example.com "Missing Subscription-State header""#),
        Ok(vec![(399, "pbx.example.com", "Missing Subscription-State header")])
    );
    // A warn-agent with an IPv6 reference, as hostport allows.
    assert_eq!(
        parse(br#"305 [2001:db8::1]:5060 "Incompatible media format""#),
        Ok(vec![(305, "[2001:db8::1]:5060", "Incompatible media format")])
    );
    assert_eq!(
        parse(br#"370 [::ffff:192.0.2.1] "Insufficient bandwidth""#),
        Ok(vec![(370, "[::ffff:192.0.2.1]", "Insufficient bandwidth")])
    );
}

#[test]
fn whitespace_and_agents() {
    // quoted-string starts with SWS, so more blanks (or a fold) may come before the text.
    assert_eq!(parse(br#"399 gw   "x""#), Ok(vec![(399, "gw", "x")]));
    assert_eq!(parse(b"399 gw \r\n \"x\""), Ok(vec![(399, "gw", "x")]));
    // But the SP itself is required: a fold alone does not stand for it.
    assert_eq!(parse(b"399 gw\r\n \"x\""), Err((Kind::Space, 6)));
    // COMMA is SWS "," SWS; HCOLON's whitespace may be left on.
    assert_eq!(
        parse(b" 399 a \"x\" ,\r\n\t399 b \"y\""),
        Ok(vec![(399, "a", "x"), (399, "b", "y")])
    );
    // A pseudonym is any token; a host with a port must be a real host.
    assert_eq!(parse(br#"399 my-B2BUA_1 "x""#), Ok(vec![(399, "my-B2BUA_1", "x")]));
    assert_eq!(parse(br#"399 999.1.1.1 "x""#), Ok(vec![(399, "999.1.1.1", "x")]));
    assert_eq!(
        parse(br#"399 host.example.:5060 "x""#),
        Ok(vec![(399, "host.example.:5060", "x")])
    );
    // Any three digits, as warn-code's rule allows.
    assert_eq!(parse(br#"042 gw "x""#), Ok(vec![(42, "gw", "x")]));
    // Quoted text as sent: escapes kept, a comma inside the quotes.
    assert_eq!(parse(br#"399 gw "a \"b\", c""#), Ok(vec![(399, "gw", r#"a \"b\", c"#)]));
    assert_eq!(parse(br#"399 gw """#), Ok(vec![(399, "gw", "")]));
}

#[test]
fn rejects_with_rule_and_offset() {
    let cases: [(&[u8], Kind, usize); 19] = [
        (b"", Kind::Code, 0),
        (b"39 gw \"x\"", Kind::Code, 2),
        (b"3999 gw \"x\"", Kind::Code, 3),
        (b"39x gw \"x\"", Kind::Code, 2),
        (b"399gw \"x\"", Kind::Space, 3),
        (b"399  gw \"x\"", Kind::Agent, 4),
        (b"399\tgw \"x\"", Kind::Space, 3),
        (b"399 gw\"x\"", Kind::Space, 6),
        (b"399 gw", Kind::Space, 6),
        (b"399 gw x", Kind::Text, 7),
        (b"399 gw \"x", Kind::UnclosedQuote, 9),
        (b"399 1host:5060 \"x\"", Kind::Agent, 4),
        (b"399 host:port \"x\"", Kind::Agent, 9),
        (b"399 host:5060x \"x\"", Kind::Agent, 13),
        (b"399 [2001:db8::1 \"x\"", Kind::Agent, 4),
        (b"399 2001:db8::1 \"x\"", Kind::Agent, 4),
        (b"399 gw \"\x01\"", Kind::QuotedText, 8),
        (b"399 gw \"x\" 399", Kind::Separator, 11),
        (b"399 gw \"x\",", Kind::Code, 11),
    ];
    for (input, kind, offset) in cases {
        let error = warning::parse(input).unwrap_err();
        assert_eq!(
            (error.kind(), error.offset()),
            (kind, offset),
            "{}",
            String::from_utf8_lossy(input)
        );
        assert_eq!(error.found(), input.get(offset).copied());
    }
    assert_eq!(
        warning::parse(b"399 gw x").unwrap_err().to_string(),
        "invalid Warning header at byte 7: expected the warning text in double quotes (warn-text), found `x`"
    );
}

#[test]
fn lenient_takes_a_bare_ipv6_agent() {
    // Open IMS Core's P-CSCF (SIP Express Router 2.1.0-dev1), as captured in Doubango's
    // libSigComp test messages: the listening IPv6 address and port, without brackets.
    let ser = br#"392 2001:5C0:1502:1800:0:0:0:226:6060 "Noisy feedback tells:  pid=24454 req_src_ip=2001:5C0:1502:1800:0:0:0:226 req_src_port=5060 in_uri=sip:scscf.v6.ims.test:6060 out_uri=sip:scscf.v6.ims.test:6060 via_cnt==3""#;
    assert_eq!(warning::parse(ser).unwrap_err().kind(), Kind::Agent);
    let values = warning::parse_lenient(ser).unwrap();
    let value = values.iter().next().unwrap();
    assert_eq!(value.agent(), "2001:5C0:1502:1800:0:0:0:226:6060");
    // Written back as sent, which only lenient parsing takes again.
    assert_eq!(value.to_string().as_bytes(), ser);
    // Without a port, and compressed.
    assert_eq!(
        parse_lenient(br#"399 2001:db8::1 "x""#),
        Ok(vec![(399, "2001:db8::1", "x")])
    );
    assert_eq!(parse_lenient(br#"399 ::1 "x""#), Ok(vec![(399, "::1", "x")]));
    // Strict values come out the same.
    let strict = br#"399 gw.example.com:5060 "x", 305 [2001:db8::1] "y""#;
    assert_eq!(parse_lenient(strict), parse(strict));
    // Not an address: still rejected.
    assert_eq!(parse_lenient(br#"399 2001:zz::1 "x""#), Err((Kind::Agent, 4)));
    assert_eq!(parse_lenient(br#"399 1:2:3 "x""#), Err((Kind::Agent, 4)));
    assert_eq!(parse_lenient(b"399 gw x"), Err((Kind::Text, 7)));
}

#[test]
fn registered_warn_codes() {
    use sipcodes::warning::WarnCode;
    let values = warning::parse(br#"305 gw "Incompatible media format", 370 gw "x", 399 gw "y", 199 gw "z""#).unwrap();
    let codes: Vec<_> = values
        .iter()
        .map(|value| value.known_warn_code().map(WarnCode::as_u16))
        .collect();
    // 199 is HTTP's, not in SIP's registry.
    assert_eq!(codes, [Some(305), Some(370), Some(399), None]);
}

#[test]
fn a_list_hands_out_every_value_however_it_is_walked() {
    let values = warning::parse(br#"301 a "x",302 b "y" ,  303 c "z""#).unwrap();
    let codes = |iter: warning::Iter<'_>| iter.map(|value| value.code()).collect::<Vec<_>>();
    assert_eq!(codes(values.iter()), [301, 302, 303]);
    assert_eq!(codes((&values).into_iter()), [301, 302, 303]);
    assert_eq!(codes(values.into_iter()), [301, 302, 303]);
    let mut iter = values.iter();
    iter.next();
    assert_eq!(codes(iter.clone()), [302, 303]);
    iter.by_ref().for_each(drop);
    assert_eq!((iter.next(), iter.next()), (None, None));
    // The agent of a later value is read with the grammar that checked it.
    let values = warning::parse_lenient(br#"301 a "x", 392 2001:db8::5:5060 "y""#).unwrap();
    let agents: Vec<_> = values.iter().map(|value| value.agent()).collect();
    assert_eq!(agents, ["a", "2001:db8::5:5060"]);
}

#[test]
fn new_checks_every_part() {
    let value = WarningValue::new(305, "gw.example.com", "Incompatible media format").unwrap();
    assert_eq!(value.to_string(), r#"305 gw.example.com "Incompatible media format""#);
    assert!(value.is_sip_warning());
    assert_eq!(WarningValue::new(42, "gw", "x").unwrap().to_string(), r#"042 gw "x""#);
    assert!(!WarningValue::new(214, "gw", "x").unwrap().is_sip_warning());
    let error = |code, agent, text| {
        let error = WarningValue::new(code, agent, text).unwrap_err();
        (error.kind(), error.offset())
    };
    assert_eq!(error(1000, "gw", "x"), (Kind::Code, 0));
    assert_eq!(error(399, "", "x"), (Kind::Agent, 0));
    assert_eq!(error(399, "gw one", "x"), (Kind::Agent, 2));
    assert_eq!(error(399, "gw:", "x"), (Kind::Agent, 3));
    // Strict: no bare IPv6 agent is built.
    assert_eq!(error(399, "2001:db8::1", "x"), (Kind::Agent, 0));
    assert_eq!(error(399, "gw", "say \"hi\""), (Kind::QuotedText, 4));
    assert_eq!(error(399, "gw", "line\nbreak"), (Kind::QuotedText, 4));
}

#[test]
fn writers_agree() {
    let value = WarningValue::new(399, "[2001:db8::1]:5060", "Miscellaneous warning").unwrap();
    let text = value.to_string();
    assert_eq!(value.encoded_len(), text.len());
    let mut buffer = [0; 64];
    let length = value.write_to_slice(&mut buffer).unwrap();
    assert_eq!(&buffer[..length], text.as_bytes());
    let mut wire = Vec::new();
    value.write_to(&mut wire).unwrap();
    assert_eq!(wire, text.as_bytes());
    let error = value.write_to_slice(&mut [0; 4]).unwrap_err();
    assert_eq!((error.needed(), error.available()), (text.len(), 4));
    assert!(error.to_string().starts_with("buffer too small for the Warning value"));
}

/// An agent strict parsing takes.
fn agent() -> impl Strategy<Value = String> {
    proptest::sample::select(vec![
        "isi.edu",
        "gw",
        "192.0.2.1",
        "192.0.2.1:5060",
        "host.example.com:1",
        "[2001:db8::1]",
        "[::1]:5061",
        "B2BUA~1",
    ])
    .prop_map(String::from)
}

/// Quoted-string content as it is written.
fn quoted_content() -> impl Strategy<Value = String> {
    let piece = proptest::sample::select(vec!["a", " ", "\t", "'", ",", "\\\"", "\\\\", "é", "漢", "#", "~"]);
    proptest::collection::vec(piece, 0..12).prop_map(|pieces| pieces.concat())
}

proptest! {
    #[test]
    fn arbitrary_bytes_never_panic(input in proptest::collection::vec(any::<u8>(), 0..64)) {
        for result in [warning::parse(&input), warning::parse_lenient(&input)] {
            match result {
                Ok(values) => {
                    for value in &values {
                        let written = value.to_string();
                        let again = warning::parse_lenient(written.as_bytes()).unwrap();
                        prop_assert_eq!(again.iter().next(), Some(value));
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
    fn warning_like_bytes_never_panic(
        pieces in proptest::collection::vec(
            proptest::sample::select(vec!["399", "30", " ", "gw", ":", "5060", "[", "]", "::1", "\"", "\\", ",", "\r\n", "\t", "é", "\x01", "2001:db8"]),
            0..16,
        )
    ) {
        let input = pieces.concat();
        let strict = warning::parse(input.as_bytes());
        let lenient = warning::parse_lenient(input.as_bytes());
        if let Ok(strict) = strict {
            let lenient = lenient.expect("lenient accepts what strict accepts");
            prop_assert!(strict.iter().eq(lenient.iter()));
            for value in &strict {
                let written = value.to_string();
                prop_assert_eq!(one(written.as_bytes()), value);
            }
        }
    }

    #[test]
    fn format_then_parse_is_identity(code in 0_u16..=999, agent in agent(), text in quoted_content()) {
        let value = WarningValue::new(code, &agent, &text).unwrap();
        let written = value.to_string();
        let parsed = one(written.as_bytes());
        prop_assert_eq!(parsed, value);
        prop_assert_eq!((parsed.code(), parsed.agent(), parsed.text()), (code, agent.as_str(), text.as_str()));
        prop_assert_eq!(value.encoded_len(), written.len());
    }
}
