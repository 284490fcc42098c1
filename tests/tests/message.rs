//! `sipcodes::message`: what the parsers accept (messages modelled on RFC 4475's torture
//! tests, compact forms, folds, lists), where they frame a message on a stream, and which
//! rule and byte they name for what they reject, at every position of a message.

use std::fmt::Write as _;

use proptest::prelude::*;
use sipcodes::message::{CSeq, Message, ParseMessageError, ParseMessageErrorKind as Kind, StartLine, parameter};
use sipcodes::{ParseStatusLineErrorKind, compact_form};

/// A request as tortuous as RFC 4475 §3.1.1.1's: blanks before colons, folds inside values
/// and around `;` and `=`, names in odd cases, compact forms, an empty Subject, an unknown
/// header field, leading zeros, Via lists over several lines, and a body.
const TORTUOUS: &str = concat!(
    "INVITE sip:carol@chicago.example.com;unknownparam SIP/2.0\r\n",
    "TO :\r\n sip:carol@chicago.example.com ;   tag    = 8321234356\r\n",
    "from   : \"Alice \\\\\\\"the\\\" Caller\"     <sip:alice@atlanta.example.com>\r\n  ;\r\n  tag = 9fxced76sl\r\n",
    "MaX-fOrWaRdS: 0070\r\n",
    "Call-ID: torture.3848276298220188511@atlanta.example.com\r\n",
    "Content-Length   : 13\r\n",
    "cseq: 0042\r\n  INVITE\r\n",
    "Via  : SIP  /   2.0\r\n /UDP\r\n    192.0.2.1;rport;branch=z9hG4bKnashds8\r\n",
    "s :\r\n",
    "SomeNewHeader:   a value\r\n and its continuation\r\n",
    "OddValue: ;;,,;;,;\r\n",
    "c: text/plain\r\n",
    "Route:\r\n <sip:ss1.example.com;lr>,\r\n <sip:ss2.example.com;lr>\r\n",
    "v:  SIP/2.0/TCP spindle.example.com   ;\r\n  branch  =   z9hG4bK9ikj8  ,\r\n",
    " SIP  /    2.0   / UDP  192.168.255.111   ; branch=\r\n z9hG4bK30239\r\n",
    "m:\"Quoted string \\\"\\\"\" <sip:alice@atlanta.example.com> ; newparam =\r\n      newvalue ;\r\n  secondparam ; q = 0.33\r\n",
    "\r\n",
    "Hello, Carol!",
);

/// A response with ten header fields, the shape most traffic has.
const RESPONSE: &str = concat!(
    "SIP/2.0 200 OK\r\n",
    "Via: SIP/2.0/UDP server10.biloxi.example.com;branch=z9hG4bK4b43c2ff8.1;received=192.0.2.3\r\n",
    "Via: SIP/2.0/UDP bigbox3.site3.atlanta.example.com;branch=z9hG4bK77ef4c2312983.1;received=192.0.2.2\r\n",
    "Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bK776asdhds;received=192.0.2.1\r\n",
    "Record-Route: <sip:server10.biloxi.example.com;lr>, <sip:bigbox3.site3.atlanta.example.com;lr>\r\n",
    "To: Bob <sip:bob@biloxi.example.com>;tag=a6c85cf\r\n",
    "From: Alice <sip:alice@atlanta.example.com>;tag=1928301774\r\n",
    "Call-ID: a84b4c76e66710@pc33.atlanta.example.com\r\n",
    "CSeq: 314159 INVITE\r\n",
    "Contact: <sip:bob@192.0.2.4>\r\n",
    "Content-Length: 0\r\n",
    "\r\n",
);

fn parse(text: &str) -> Message<'_> {
    Message::parse(text.as_bytes()).unwrap_or_else(|error| panic!("{error}\n{text}"))
}

fn error_of(bytes: &[u8]) -> (Kind, usize) {
    let error = Message::parse(bytes).expect_err("an error");
    (error.kind(), error.offset())
}

#[test]
fn a_tortuous_request_reads_as_rfc_4475_expects() {
    let message = parse(TORTUOUS);
    let StartLine::Request(line) = message.start_line() else {
        panic!("a request");
    };
    assert_eq!(line.method(), "INVITE");
    assert_eq!(line.request_uri(), "sip:carol@chicago.example.com;unknownparam");
    assert!(line.is_sip_2_0());
    assert!(message.is_request() && !message.is_response());
    assert_eq!(message.method(), Some("INVITE"));
    assert_eq!(message.status(), None);
    assert_eq!(
        message.cseq(),
        Some(CSeq {
            number: 42,
            method: "INVITE"
        })
    );
    assert_eq!(
        message.call_id(),
        Some("torture.3848276298220188511@atlanta.example.com")
    );
    assert_eq!(message.to_tag(), Some("8321234356"));
    assert_eq!(message.from_tag(), Some("9fxced76sl"));
    assert_eq!(message.content_length(), Some(13));
    assert_eq!(message.content_type(), Some("text/plain"));
    assert_eq!(message.body(), b"Hello, Carol!");
    assert_eq!(message.top_via_branch(), Some("z9hG4bKnashds8"));
    assert_eq!(
        message.via_branches().collect::<Vec<_>>(),
        [Some("z9hG4bKnashds8"), Some("z9hG4bK9ikj8"), Some("z9hG4bK30239")]
    );
    assert_eq!(message.header("Subject").map(|subject| subject.value()), Some(""));
    assert_eq!(
        message.header("max-forwards").map(|header| header.value()),
        Some("0070")
    );
    assert_eq!(
        message.header("somenewheader").unwrap().unfolded(),
        "a value and its continuation"
    );
    assert_eq!(message.header_values("OddValue").collect::<Vec<_>>(), [";;", ";;", ";"]);
    assert_eq!(
        message.header_values("route").collect::<Vec<_>>(),
        ["<sip:ss1.example.com;lr>", "<sip:ss2.example.com;lr>"]
    );
    let contact = message.header("Contact").unwrap();
    assert_eq!(contact.name(), "m");
    assert_eq!(parameter(contact.value(), "newparam"), Some("newvalue"));
    assert_eq!(parameter(contact.value(), "secondparam"), Some(""));
    assert_eq!(parameter(contact.value(), "q"), Some("0.33"));
    let names: Vec<&str> = message.headers().map(|header| header.name()).collect();
    assert_eq!(
        names,
        [
            "TO",
            "from",
            "MaX-fOrWaRdS",
            "Call-ID",
            "Content-Length",
            "cseq",
            "Via",
            "s",
            "SomeNewHeader",
            "OddValue",
            "c",
            "Route",
            "v",
            "m"
        ]
    );
}

#[test]
fn every_header_field_points_at_its_line_and_value() {
    for text in [TORTUOUS, RESPONSE] {
        let message = parse(text);
        for header in message.headers() {
            assert!(text[header.offset()..].starts_with(header.name()), "{header:?}");
            assert!(text[header.value_offset()..].starts_with(header.value()), "{header:?}");
            assert!(!header.value().starts_with([' ', '\t', '\r', '\n']));
            assert!(!header.value().ends_with([' ', '\t', '\r', '\n']));
            assert!(message.header(header.name()).is_some());
        }
        // The header fields and the empty line are the whole head.
        let last = message.headers().last().unwrap();
        let line_end = last.value_offset() + last.value().len();
        assert_eq!(&text.as_bytes()[line_end..message.head().len()], b"\r\n\r\n");
    }
}

#[test]
fn quoted_pairs_may_carry_control_characters_and_nothing_else_may() {
    // RFC 4475 §3.1.1.2: an odd method and URI, and a display name whose quoted-pairs
    // escape BEL, NUL and DEL; a UTF-8 parameter value.
    let message = concat!(
        "!odd-Method0123456789_*+`.%indeed'~ sip:1_odd.URI~(to-be!sure)&isn't+it$/crazy?,/;;*:&it+has=1,weird!*pas$wo~d_too.(doesn't-it)@example.com SIP/2.0\r\n",
        "Via: SIP/2.0/TCP host1.example.com;branch=z9hG4bK-.!%66*_+`'~\r\n",
        "To: \"BEL:\\\x07 NUL:\\\x00 DEL:\\\x7F\" <sip:1_odd.URI~(to-be!sure)&isn't+it$/crazy?,/;;*@example.com>\r\n",
        "From: token1~` token2'+_ token3*%!.- <sip:mundane@example.com> ;fromParam''~+*_!.-%=\"работающий\";tag=_token~1'+`*%!-.\r\n",
        "Call-ID: odd.method.!$%()*+,-./:;<=>?[]^_`{|}~\r\n",
        "CSeq: 139122385 !odd-Method0123456789_*+`.%indeed'~\r\n",
        "Server: comment (with a \\\x01 control, escaped)\r\n",
        "Content-Length: 0\r\n",
        "\r\n",
    );
    let parsed = parse(message);
    assert_eq!(parsed.method(), Some("!odd-Method0123456789_*+`.%indeed'~"));
    assert_eq!(parsed.cseq().map(|cseq| cseq.method), parsed.method());
    assert_eq!(parsed.from_tag(), Some("_token~1'+`*%!-."));
    assert_eq!(parsed.top_via_branch(), Some("z9hG4bK-.!%66*_+`'~"));
    assert_eq!(
        parameter(parsed.header("From").unwrap().value(), "fromparam''~+*_!.-%"),
        Some("\"работающий\"")
    );
    // The same control characters without their backslash.
    for control in ["\x07", "\x00", "\x7F"] {
        let escaped = format!("\\{control}");
        let bare = message.replacen(&escaped, control, 1);
        let at = message.find(&escaped).unwrap();
        assert_eq!(error_of(bare.as_bytes()), (Kind::FieldValue, at), "{control:?}");
    }
    // Outside a quoted string or comment, a backslash escapes nothing.
    let outside = "OPTIONS sip:a.example.com SIP/2.0\r\nX: a\\\x07b\r\n\r\n";
    assert_eq!(error_of(outside.as_bytes()), (Kind::FieldValue, 40));
}

#[test]
fn other_valid_torture_cases() {
    // §3.1.1.13: an empty reason phrase; §3.1.1.12: a phrase in UTF-8.
    let message = parse("SIP/2.0 100 \r\nCSeq: 1 INVITE\r\nl: 0\r\n\r\n");
    assert_eq!(message.status().map(sipcodes::StatusCode::as_u16), Some(100));
    assert_eq!(message.status_line().unwrap().reason_phrase(), "");
    assert_eq!(message.method(), Some("INVITE"));
    let message = parse("SIP/2.0 200 = 2**3 * 5**2 но сто девяносто девять - простое\r\nCSeq: 2 OPTIONS\r\n\r\n");
    assert!(message.status_line().unwrap().reason_phrase().ends_with("простое"));
    // §3.1.1.5: `%` in a method is a token character, not an escape.
    let message = parse("RE%47IST%45R sip:registrar.example.com SIP/2.0\r\nCSeq: 1 RE%47IST%45R\r\n\r\n");
    assert_eq!(message.method(), Some("RE%47IST%45R"));
    // §3.1.1.6: no blank between a display name and `<`.
    let message = parse("OPTIONS sip:a.example.com SIP/2.0\r\nTo: \"caller\"<sip:caller@example.com>;tag=323\r\n\r\n");
    assert_eq!(message.to_tag(), Some("323"));
    // §3.1.2.16: any SIP version is read; the caller decides what to do with 7.0.
    let message = parse("OPTIONS sip:t.example.com SIP/7.0\r\n\r\n");
    assert!(!message.request_line().unwrap().is_sip_2_0());
    assert_eq!(message.request_line().unwrap().version(), "SIP/7.0");
    // §3.1.1.7: long values, many header fields.
    let long = format!(
        "OPTIONS sip:a.example.com SIP/2.0\r\nX-Long: {}\r\n{}\r\n",
        "x".repeat(70_000),
        "Via: SIP/2.0/TCP h.example.com;branch=z9hG4bKlong\r\n".repeat(5_000)
    );
    let message = parse(&long);
    assert_eq!(message.header("x-long").unwrap().value().len(), 70_000);
    assert_eq!(message.via_branches().count(), 5_000);
    assert_eq!(message.headers().count(), 5_001);
}

#[test]
fn a_datagram_takes_its_content_length_and_ignores_the_rest() {
    // §3.1.1.8: a second message after the first in one datagram is not read.
    let datagram = concat!(
        "REGISTER sip:example.com SIP/2.0\r\nCSeq: 1 REGISTER\r\nContent-Length: 0\r\n\r\n",
        "INVITE sip:joe@example.com SIP/2.0\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n",
    );
    let message = parse(datagram);
    assert_eq!(message.method(), Some("REGISTER"));
    assert_eq!(message.as_bytes().len(), datagram.find("INVITE").unwrap());
    // Without Content-Length, the body is the rest of the datagram.
    let message = parse("MESSAGE sip:a.example.com SIP/2.0\r\nc: text/plain\r\n\r\nhi\r\nthere");
    assert_eq!(
        (message.content_length(), message.body()),
        (None, b"hi\r\nthere".as_slice())
    );
    // On a stream it is taken to have no body.
    let (message, taken) = Message::parse_prefix(b"MESSAGE sip:a.example.com SIP/2.0\r\n\r\nhi").unwrap();
    assert_eq!((message.body(), taken), (b"".as_slice(), 37));
}

#[test]
fn rejected_torture_cases_name_their_rule_and_byte() {
    let cases: [(&str, Kind, usize); 12] = [
        // §3.1.2.7: a Request-URI in angle brackets.
        ("INVITE <sip:user@example.com> SIP/2.0\r\n\r\n", Kind::RequestUri, 7),
        // §3.1.2.8: blanks inside the Request-URI.
        ("INVITE sip:user@example.com; lr SIP/2.0\r\n\r\n", Kind::SipVersion, 29),
        // §3.1.2.9: two spaces between the Request-Line's elements.
        ("INVITE  sip:user@example.com  SIP/2.0\r\n\r\n", Kind::RequestUri, 7),
        // §3.1.2.10: blanks after the version.
        (
            "OPTIONS sip:remote-target@example.com SIP/2.0  \r\n\r\n",
            Kind::LineEnding,
            45,
        ),
        // §3.1.2.19: a status code of ten digits.
        (
            "SIP/2.0 4294967301 better not break the receiver\r\n\r\n",
            Kind::StatusLine(ParseStatusLineErrorKind::StatusCode),
            11,
        ),
        // §3.1.2.3: a negative Content-Length.
        (
            "INVITE sip:a.example.com SIP/2.0\r\nContent-Length: -999\r\n\r\n",
            Kind::ContentLength,
            50,
        ),
        // §3.3.9: two Content-Lengths.
        (
            "INVITE sip:a.example.com SIP/2.0\r\nContent-Length: 0\r\nl: 138\r\n\r\n",
            Kind::RepeatedContentLength,
            53,
        ),
        (
            "INVITE sip:a.example.com SIP/2.0\r\nContent-Length: 1 2\r\n\r\n",
            Kind::ContentLength,
            52,
        ),
        (
            "INVITE sip:a.example.com SIP/2.0\r\nContent-Length: 99999999999999999999999\r\n\r\n",
            Kind::ContentLength,
            50,
        ),
        // A bare LF ends no line; a line does not start with a blank.
        ("OPTIONS sip:a.example.com SIP/2.0\nTo: a\r\n\r\n", Kind::LineEnding, 33),
        (
            "OPTIONS sip:a.example.com SIP/2.0\r\n To: a\r\n\r\n",
            Kind::FieldName,
            35,
        ),
        ("SIP/2.0 200 OK\r\nTo: a\nFrom: b\r\n\r\n", Kind::LineEnding, 21),
    ];
    for (text, kind, offset) in cases {
        let error = Message::parse(text.as_bytes()).unwrap_err();
        assert_eq!((error.kind(), error.offset()), (kind, offset), "{text:?}: {error}");
        assert_eq!(error.found(), text.as_bytes().get(offset).copied());
        assert!(!error.is_incomplete());
    }
    // §3.1.2.2: a Content-Length larger than the datagram.
    let clerr = "INVITE sip:a.example.com SIP/2.0\r\nContent-Length: 9999\r\n\r\nv=0\r\n";
    let error = Message::parse(clerr.as_bytes()).unwrap_err();
    assert_eq!(
        (error.kind(), error.offset(), error.found()),
        (Kind::Incomplete, clerr.len(), None)
    );
    // A bare LF before the start line is not a keep-alive.
    assert_eq!(error_of(b"\nOPTIONS sip:a SIP/2.0\r\n\r\n"), (Kind::Method, 0));
    // Neither HTTP nor a header field where the start line belongs.
    assert_eq!(error_of(b"HTTP/1.1 200 OK\r\n\r\n"), (Kind::Method, 4));
    assert_eq!(error_of(b"Via: SIP/2.0/UDP h\r\n\r\n"), (Kind::Method, 3));
}

#[test]
fn error_messages_say_what_where_and_which_rule() {
    let error = Message::parse(b"INVITE <sip:user@example.com> SIP/2.0\r\n\r\n").unwrap_err();
    assert_eq!(
        error.to_string(),
        "invalid SIP message at byte 7: expected a Request-URI, a scheme, `:` and URI characters followed by one space (Request-URI), found `<`"
    );
    let error = Message::parse(b"SIP/2.0 2000 OK\r\n\r\n").unwrap_err();
    assert_eq!(
        error.to_string(),
        "invalid SIP message at byte 11: expected a status code of exactly three digits (Status-Code), found `0`"
    );
    let error = Message::parse(b"OPTIONS sip:a SIP/2.0\r\nl: 1\r\nl: 1\r\n\r\nx").unwrap_err();
    assert_eq!(
        error.to_string(),
        "invalid SIP message at byte 29: expected one Content-Length header field only (Content-Length), found `l`; two lengths leave the message's end ambiguous (RFC 3261 §18.3)"
    );
    let error = Message::parse_prefix(b"OPTIONS sip:a SIP/2.0\r\nTo: a\r\n").unwrap_err();
    assert!(
        error
            .to_string()
            .starts_with("invalid SIP message at byte 30: expected more of the message")
    );
    assert!(
        error
            .to_string()
            .ends_with("found the end of the input; on a stream, read more bytes and parse again")
    );
    let error = Message::parse(b"OPTIONS sip:a SIP/2.0\nTo: a\n\n").unwrap_err();
    assert_eq!(
        error.to_string(),
        "invalid SIP message at byte 21: expected the line to end here with CRLF, and no CR or LF alone (CRLF), found a line feed (LF); text saved with bare LF line endings needs them turned into CRLF first"
    );
    let error = Message::parse(b"OPTIONS sip:a SIP/2.0\r\nTo: \xC3\x28\r\n\r\n").unwrap_err();
    assert_eq!(
        (error.kind(), error.offset(), error.found()),
        (Kind::Utf8, 27, Some(0xC3))
    );
}

#[test]
fn compact_forms_and_any_case_name_the_same_header_field() {
    // Every registered compact form, used in a message, answers to its full name in any
    // case, and the full name to the compact form.
    for letter in 'a'..='z' {
        // Content-Length's values are checked: its compact form is tested with the framing.
        let Some(full) = sipcodes::full_header_name(letter).filter(|full| *full != "Content-Length") else {
            continue;
        };
        assert_eq!(compact_form(full), Some(letter));
        let text = format!(
            "OPTIONS sip:a SIP/2.0\r\n{letter}: x\r\n{}: y\r\n\r\n",
            full.to_uppercase()
        );
        let message = parse(&text);
        let values: Vec<&str> = message.headers_named(full).map(|header| header.value()).collect();
        assert_eq!(values, ["x", "y"], "{full}");
        let lower = full.to_lowercase();
        assert_eq!(message.headers_named(&lower).count(), 2);
        let upper = letter.to_ascii_uppercase().to_string();
        assert_eq!(message.headers_named(&upper).count(), 2);
        assert!(
            message
                .headers()
                .all(|header| header.is(full) && header.is(&letter.to_string()))
        );
    }
    let message = parse("OPTIONS sip:a SIP/2.0\r\nAllow: INVITE\r\nz: 1\r\nTo: b\r\n\r\n");
    // A name without a compact form matches only itself; an unregistered letter only itself.
    assert_eq!(message.headers_named("allow").count(), 1);
    assert_eq!(message.headers_named("Z").count(), 1);
    assert!(message.header("t").is_some_and(|to| to.value() == "b"));
    assert!(message.header("Allows").is_none() && message.header("a").is_none());
    // The accessors know the compact forms too.
    let message = parse(
        "SIP/2.0 486 Busy Here\r\nv: SIP/2.0/UDP h;branch=z9hG4bKx\r\nt: <sip:b@h>;tag=2\r\nf: <sip:a@h>;tag=1\r\ni: id@h\r\nCSeq: 1 INVITE\r\nc: text/plain\r\nl: 2\r\n\r\nok",
    );
    assert_eq!(
        (
            message.top_via_branch(),
            message.to_tag(),
            message.from_tag(),
            message.call_id()
        ),
        (Some("z9hG4bKx"), Some("2"), Some("1"), Some("id@h"))
    );
    assert_eq!(
        (message.content_type(), message.body()),
        (Some("text/plain"), b"ok".as_slice())
    );
}

#[test]
fn folded_values_compare_and_print_as_one_line() {
    let message = parse(
        "OPTIONS sip:a SIP/2.0\r\nSubject: I know you're there,\r\n \t pick up the phone   \r\n and talk to me!\r\nX: \r\n \r\n a\r\n\r\n",
    );
    let subject = message.header("s").unwrap();
    assert_eq!(
        subject.value(),
        "I know you're there,\r\n \t pick up the phone   \r\n and talk to me!"
    );
    let unfolded = subject.unfolded();
    assert_eq!(unfolded, "I know you're there, pick up the phone and talk to me!");
    assert!(unfolded != "I know you're there,pick up the phone and talk to me!");
    assert!(unfolded != "I know you're there, pick up the phone and talk to me");
    assert!(unfolded.eq_ignore_ascii_case("i KNOW you're there, pick up the phone and talk to me!"));
    assert_eq!(
        unfolded.to_string(),
        "I know you're there, pick up the phone and talk to me!"
    );
    assert_eq!(
        unfolded.parts().collect::<Vec<_>>(),
        ["I know you're there,", "pick up the phone", "and talk to me!"]
    );
    // Leading folds are HCOLON's whitespace; a blank line of a fold is part of one run.
    assert_eq!(message.header("X").unwrap().value(), "a");
}

#[test]
fn list_values_split_at_commas_outside_quotes_and_angle_brackets() {
    let message = parse(concat!(
        "SIP/2.0 300 Multiple Choices\r\n",
        "Contact: \"Watson, Bob\" <sip:bob@b.example.com;x=\"1,2\">;q=0.5 , <sip:c@c.example.com?Subject=a,b>\r\n",
        "Contact: sip:d@d.example.com;expires=60\r\n",
        "Supported: ,timer,,100rel,\r\n",
        "CSeq: 1 INVITE\r\n",
        "\r\n",
    ));
    let contacts: Vec<&str> = message.header_values("m").collect();
    assert_eq!(
        contacts,
        [
            "\"Watson, Bob\" <sip:bob@b.example.com;x=\"1,2\">;q=0.5",
            "<sip:c@c.example.com?Subject=a,b>",
            "sip:d@d.example.com;expires=60"
        ]
    );
    assert_eq!(parameter(contacts[0], "q"), Some("0.5"));
    assert_eq!(
        parameter(contacts[0], "x"),
        None,
        "a URI parameter is not a header parameter"
    );
    assert_eq!(parameter(contacts[2], "expires"), Some("60"));
    assert_eq!(
        message.header_values("Supported").collect::<Vec<_>>(),
        ["timer", "100rel"]
    );
}

#[test]
fn cseq_and_tags_read_what_is_there_and_nothing_else() {
    // RFC 4475 §3.1.2.4: a CSeq number beyond 32 bits is not read.
    let message = parse("OPTIONS sip:a SIP/2.0\r\nCSeq: 36893488147419103232 OPTIONS\r\nTo: <sip:a>\r\n\r\n");
    assert_eq!(message.cseq(), None);
    assert!(message.header("CSeq").is_some());
    assert_eq!(message.to_tag(), None);
    assert_eq!(message.from_tag(), None);
    assert_eq!(message.top_via_branch(), None);
    assert_eq!(message.call_id(), None);
    // A response without CSeq has no method.
    let message = parse("SIP/2.0 200 OK\r\n\r\n");
    assert_eq!((message.method(), message.cseq()), (None, None));
    assert_eq!(message.headers().count(), 0);
    for (value, expected) in [
        (
            "4294967295 BYE",
            Some(CSeq {
                number: u32::MAX,
                method: "BYE",
            }),
        ),
        ("1 INVITE x", None),
        ("1INVITE", None),
        (
            " 1 INVITE ",
            Some(CSeq {
                number: 1,
                method: "INVITE",
            }),
        ),
        ("", None),
    ] {
        assert_eq!(CSeq::parse(value), expected, "{value:?}");
    }
    // The first of two To header fields, as RFC 4475 §3.3.8's receiver would see it.
    let message = parse("OPTIONS sip:a SIP/2.0\r\nTo: <sip:a>;tag=1\r\nTo: <sip:b>;tag=2\r\n\r\n");
    assert_eq!(message.to_tag(), Some("1"));
}

#[test]
fn keep_alives_are_skipped_and_counted() {
    let stream = b"\r\n\r\n\r\nSIP/2.0 200 OK\r\nl: 0\r\n\r\n\r\n\r\n";
    let (message, taken) = Message::parse_prefix(stream).unwrap();
    assert_eq!((message.keep_alive_len(), taken), (6, 6 + 24));
    assert!(message.as_bytes().starts_with(b"SIP/2.0"));
    assert_eq!(message.headers().next().unwrap().offset(), 22);
    // What is left is a ping, which never completes a message.
    let rest = &stream[taken..];
    assert_eq!(sipcodes::message::keep_alive_len(rest), 4);
    let error = Message::parse_prefix(rest).unwrap_err();
    assert_eq!((error.kind(), error.offset()), (Kind::Incomplete, 4));
    // A datagram may start with them too.
    assert_eq!(parse("\r\nOPTIONS sip:a SIP/2.0\r\n\r\n").keep_alive_len(), 2);
}

/// `first` then `second` (each with its Content-Length) in one buffer.
fn two_messages() -> (Vec<u8>, usize) {
    let first = format!("\r\n\r\n{TORTUOUS}");
    let stream = format!("{first}{RESPONSE}");
    (stream.into_bytes(), first.len())
}

#[test]
fn a_stream_yields_its_messages_in_turn() {
    let (stream, first_length) = two_messages();
    let (first, taken) = Message::parse_prefix(&stream).unwrap();
    assert_eq!(taken, first_length);
    assert_eq!(first.body(), b"Hello, Carol!");
    let (second, taken_next) = Message::parse_prefix(&stream[taken..]).unwrap();
    assert_eq!(taken + taken_next, stream.len());
    assert_eq!(second.status().map(sipcodes::StatusCode::as_u16), Some(200));
    assert_eq!(second.via_branches().count(), 3);
    assert_eq!(second.top_via_branch(), Some("z9hG4bK4b43c2ff8.1"));
}

#[test]
fn a_message_cut_anywhere_is_incomplete_until_it_is_whole() {
    let (stream, first_length) = two_messages();
    let whole = Message::parse_prefix(&stream).unwrap();
    for cut in 0..first_length {
        let error = Message::parse_prefix(&stream[..cut]).unwrap_err();
        assert_eq!(
            (error.kind(), error.offset(), error.found()),
            (Kind::Incomplete, cut, None),
            "cut at {cut}: {error}"
        );
    }
    for cut in first_length..=stream.len() {
        assert_eq!(
            Message::parse_prefix(&stream[..cut]).as_ref(),
            Ok(&whole),
            "cut at {cut}"
        );
    }
    let response = RESPONSE.as_bytes();
    for cut in 0..response.len() {
        assert!(Message::parse_prefix(&response[..cut]).unwrap_err().is_incomplete());
        assert!(Message::parse(&response[..cut]).unwrap_err().is_incomplete());
    }
}

/// The invariants of any error: inside the input, the byte it names, a message.
fn check_error(input: &[u8], error: &ParseMessageError) {
    assert!(error.offset() <= input.len(), "{error}");
    assert_eq!(error.found(), input.get(error.offset()).copied(), "{error}");
    assert_eq!(error.is_incomplete(), error.offset() == input.len(), "{error}");
    assert!(error.to_string().starts_with("invalid SIP message at byte "));
}

#[test]
fn a_bad_byte_anywhere_in_the_head_is_found_where_it_is() {
    for text in [TORTUOUS, RESPONSE] {
        let head_length = parse(text).head().len();
        for position in 0..text.len() {
            for bad in [0x00, 0x01, 0x1f, 0x7f, 0xff, b'\n', b'\r', b' ', b':', b'"', b'<', b','] {
                let mut bytes = text.as_bytes().to_vec();
                bytes[position] = bad;
                for result in [
                    Message::parse(&bytes),
                    Message::parse_prefix(&bytes).map(|(message, _)| message),
                ] {
                    match result {
                        Err(error) => {
                            check_error(&bytes, &error);
                            // A control character is named where it is (or, where it
                            // replaced an LF, at the CR it leaves alone).
                            if matches!(bad, 0x00 | 0x01 | 0x1f | 0x7f) && position < head_length {
                                let at_line_feed = text.as_bytes()[position] == b'\n';
                                let expected = if at_line_feed { position - 1 } else { position };
                                assert_eq!(error.offset(), expected, "{bad:#x} at {position}: {error}");
                            }
                        }
                        Ok(message) => {
                            // Only after a backslash, as a quoted-pair, or in the body.
                            if matches!(bad, 0x00 | 0x01 | 0x1f | 0x7f) {
                                let escaped = text.as_bytes()[position - 1] == b'\\';
                                assert!(escaped || position >= head_length, "{bad:#x} at {position} accepted");
                            }
                            // Whatever was accepted reads without panicking.
                            for header in message.headers() {
                                let _ = header.values().count();
                                let _ = header.unfolded().to_string();
                            }
                            let _ = (message.cseq(), message.to_tag(), message.via_branches().count());
                        }
                    }
                }
            }
        }
    }
}

proptest! {
    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        for result in [Message::parse(&bytes), Message::parse_prefix(&bytes).map(|(message, _)| message)] {
            match result {
                Err(error) => check_error(&bytes, &error),
                Ok(message) => {
                    prop_assert!(message.as_bytes().len() <= bytes.len());
                    let _ = message.headers().map(|header| header.values().count()).sum::<usize>();
                }
            }
        }
    }

    #[test]
    fn a_stream_of_messages_is_framed_message_by_message(
        messages in proptest::collection::vec((0_usize..3, "[ -~]{0,40}", proptest::bool::ANY), 1..6)
    ) {
        // Each message: keep-alives, a request or a response, and a body of printable bytes
        // (CRLFs included, which must not end anything) framed by its Content-Length.
        let mut stream = Vec::new();
        for (index, (keep_alives, body, request)) in messages.iter().enumerate() {
            let body = body.replace('~', "\r\n");
            stream.extend(b"\r\n\r\n".repeat(*keep_alives));
            let start_line = if *request { "MESSAGE sip:a.example.com SIP/2.0" } else { "SIP/2.0 200 OK" };
            let message = format!("{start_line}\r\nCSeq: {index} MESSAGE\r\nl: {}\r\n\r\n{body}", body.len());
            stream.extend_from_slice(message.as_bytes());
        }
        let mut rest = stream.as_slice();
        for (index, (keep_alives, body, request)) in messages.iter().enumerate() {
            let (message, taken) = Message::parse_prefix(rest).map_err(|error| TestCaseError::fail(error.to_string()))?;
            prop_assert_eq!(message.keep_alive_len(), 4 * keep_alives);
            prop_assert_eq!(message.is_request(), *request);
            prop_assert_eq!(message.cseq().map(|cseq| cseq.number), u32::try_from(index).ok());
            let body = body.replace('~', "\r\n");
            prop_assert_eq!(message.body(), body.as_bytes());
            // Cut anywhere before its end, the same buffer is incomplete.
            prop_assert!(Message::parse_prefix(&rest[..taken / 2]).unwrap_err().is_incomplete());
            rest = &rest[taken..];
        }
        prop_assert!(rest.is_empty());
    }

    #[test]
    fn header_fields_read_back_as_written(
        fields in proptest::collection::vec(("[A-Za-z][A-Za-z0-9.!%*_+`'~-]{0,12}", "[ -~]{0,30}", proptest::bool::ANY), 0..12)
    ) {
        let mut text = String::from("OPTIONS sip:a.example.com SIP/2.0\r\n");
        for (name, value, folded) in &fields {
            let value = value.trim_matches(' ');
            if *folded {
                write!(text, "{name}:\r\n {value}\r\n").unwrap();
            } else {
                write!(text, "{name}: {value}\r\n").unwrap();
            }
        }
        text.push_str("\r\n");
        // Content-Length's value is checked, so leave it out of the random names.
        prop_assume!(fields.iter().all(|(name, _, _)| !name.eq_ignore_ascii_case("content-length") && !name.eq_ignore_ascii_case("l")));
        let message = Message::parse(text.as_bytes()).map_err(|error| TestCaseError::fail(error.to_string()))?;
        let read: Vec<(&str, &str)> = message.headers().map(|header| (header.name(), header.value())).collect();
        let written: Vec<(&str, &str)> = fields.iter().map(|(name, value, _)| (name.as_str(), value.trim_matches(' '))).collect();
        prop_assert_eq!(read, written);
    }
}

#[test]
fn a_parameter_belongs_to_the_first_element_of_a_list() {
    let via = "SIP/2.0/UDP a.example.com, SIP/2.0/UDP b.example.com;branch=z9hG4bKb";
    assert_eq!(parameter(via, "branch"), None);
    let text = format!("OPTIONS sip:a SIP/2.0\r\nVia: {via}\r\n\r\n");
    let message = parse(&text);
    assert_eq!(message.top_via_branch(), None);
    assert_eq!(message.via_branches().collect::<Vec<_>>(), [None, Some("z9hG4bKb")]);
    // Quoted and bracketed `;` and `,` are not separators; a quoted value keeps its quotes.
    let contact = "\"a;b,c\" <sip:x@h;transport=tcp>;+sip.instance=\"<urn:uuid:1;2>\";expires=30";
    assert_eq!(parameter(contact, "transport"), None);
    assert_eq!(parameter(contact, "+sip.instance"), Some("\"<urn:uuid:1;2>\""));
    assert_eq!(parameter(contact, "EXPIRES"), Some("30"));
    // Unclosed quotes and brackets run to the end: nothing found, nothing panics.
    assert_eq!(parameter("\"open;tag=1", "tag"), None);
    assert_eq!(parameter("<sip:open;tag=1", "tag"), None);
    assert_eq!(parameter(";tag", "tag"), Some(""));
    assert_eq!(parameter("", "tag"), None);
}

#[test]
fn the_smallest_messages_and_the_empty_input() {
    let message = parse("ACK sip:a SIP/2.0\r\n\r\n");
    assert_eq!(
        (message.headers().count(), message.body(), message.content_length()),
        (0, b"".as_slice(), None)
    );
    assert_eq!(message.head(), b"ACK sip:a SIP/2.0\r\n\r\n");
    for empty in [b"".as_slice(), b"\r\n", b"\r\n\r"] {
        assert_eq!(Message::parse(empty).unwrap_err().kind(), Kind::Incomplete);
        assert_eq!(Message::parse_prefix(empty).unwrap_err().offset(), empty.len());
    }
    // A Request-URI is ASCII; a scheme starts with a letter and ends with `:`.
    assert_eq!(
        error_of("OPTIONS sip:caf\u{e9} SIP/2.0\r\n\r\n".as_bytes()),
        (Kind::RequestUri, 15)
    );
    assert_eq!(error_of(b"OPTIONS 1sip:a SIP/2.0\r\n\r\n"), (Kind::RequestUri, 8));
    assert_eq!(error_of(b"OPTIONS sip SIP/2.0\r\n\r\n"), (Kind::RequestUri, 11));
    assert_eq!(error_of(b"OPTIONS sip:a SIP/2.0a\r\n\r\n"), (Kind::LineEnding, 21));
    assert_eq!(error_of(b"OPTIONS sip:a HTTP/1.1\r\n\r\n"), (Kind::SipVersion, 14));
    assert_eq!(error_of(b"OPTIONS sip:a SIP/2.0\r\nTo : \r\n").0, Kind::Incomplete);
    assert_eq!(error_of(b"OPTIONS sip:a SIP/2.0\r\nTo\r\n\r\n"), (Kind::Colon, 25));
    assert_eq!(error_of(b"OPTIONS sip:a SIP/2.0\r\n: a\r\n\r\n"), (Kind::FieldName, 23));
    assert_eq!(
        error_of(b"OPTIONS sip:a SIP/2.0\r\nTo: a\rb\r\n\r\n"),
        (Kind::LineEnding, 28)
    );
}

#[test]
fn hostile_shapes_take_linear_time() {
    // Each of these would take minutes if any scan were quadratic in the input.
    let many = 200_000;
    let tabs = format!("OPTIONS sip:a SIP/2.0\r\nX: {}a\r\n\r\n", "\t".repeat(many));
    assert!(parse(&tabs).header("X").is_some_and(|x| x.value() == "a"));
    let folds = format!("OPTIONS sip:a SIP/2.0\r\nX: a{}\r\n\r\n", "\r\n b".repeat(many));
    assert_eq!(parse(&folds).header("X").unwrap().unfolded().parts().count(), many + 1);
    let escapes = format!("OPTIONS sip:a SIP/2.0\r\nX: \"{}\"\r\n\r\n", "\\\x01".repeat(many));
    assert_eq!(parse(&escapes).headers().count(), 1);
    let semicolons = format!("OPTIONS sip:a SIP/2.0\r\nTo: <sip:a>{}\r\n\r\n", ";x".repeat(many));
    assert_eq!(parse(&semicolons).to_tag(), None);
    let commas = format!("OPTIONS sip:a SIP/2.0\r\nVia: {}\r\n\r\n", "a,".repeat(many));
    assert_eq!(parse(&commas).via_branches().count(), many);
    let keep_alives = "\r\n".repeat(many);
    assert!(
        Message::parse_prefix(keep_alives.as_bytes())
            .unwrap_err()
            .is_incomplete()
    );
    let headers = format!("OPTIONS sip:a SIP/2.0\r\n{}\r\n", "X: 1\r\n".repeat(many));
    let message = parse(&headers);
    assert_eq!((message.headers().count(), message.call_id()), (many, None));
}
