//! Status lines from RFC 4475 (the SIP torture tests) and from what real SIP software sends,
//! each with the outcome RFC 3261's grammar gives it. Every case names its source.

use sipcodes::{ParseStatusLineErrorKind as Kind, StatusLine};

enum Expected {
    /// Parsed, with this code and reason phrase.
    Accepted(u16, &'static str),
    /// Rejected by this rule at this byte offset.
    Rejected(Kind, usize),
}

use Expected::{Accepted, Rejected};

struct Case {
    source: &'static str,
    line: &'static [u8],
    expected: Expected,
}

const CASES: &[Case] = &[
    // RFC 4475 §3.1.1.12, "Unusual Reason Phrase" (unreason): a valid response whose phrase
    // mixes reserved and mark characters with UTF-8 Cyrillic text. The bytes are the RFC's.
    Case {
        source: "RFC 4475 §3.1.1.12 unreason",
        line: b"SIP/2.0 200 = 2**3 * 5**2 \xD0\xBD\xD0\xBE\x20\xD1\x81\xD1\x82\xD0\xBE\x20\xD0\xB4\xD0\xB5\xD0\xB2\
                \xD1\x8F\xD0\xBD\xD0\xBE\xD1\x81\xD1\x82\xD0\xBE\x20\xD0\xB4\xD0\xB5\xD0\xB2\xD1\x8F\xD1\x82\xD1\x8C\
                \x20\x2D\x20\xD0\xBF\xD1\x80\xD0\xBE\xD1\x81\xD1\x82\xD0\xBE\xD0\xB5\r\n",
        expected: Accepted(200, "= 2**3 * 5**2 но сто девяносто девять - простое"),
    },
    // RFC 4475 §3.1.1.13, "Empty Reason Phrase" (noreason): valid; the SP after the code
    // is still there.
    Case {
        source: "RFC 4475 §3.1.1.13 noreason",
        line: b"SIP/2.0 100 \r\n",
        expected: Accepted(100, ""),
    },
    // RFC 4475 §3.1.2.19, "Overlarge Response Code" (bigcode): the code is not three
    // digits; the message must be rejected. The fourth digit is where the rule breaks.
    Case {
        source: "RFC 4475 §3.1.2.19 bigcode",
        line: b"SIP/2.0 4294967301 better not break the receiver\r\n",
        expected: Rejected(Kind::StatusCode, 11),
    },
    // SIPp, docs/uas.xml (the example UAS scenario): the lines it sends to an INVITE.
    Case {
        source: "SIPp docs/uas.xml",
        line: b"SIP/2.0 180 Ringing\r\n",
        expected: Accepted(180, "Ringing"),
    },
    Case {
        source: "SIPp docs/uas.xml",
        line: b"SIP/2.0 200 OK\r\n",
        expected: Accepted(200, "OK"),
    },
    // SIPp, regress/github-#0337/reply488.xml.
    Case {
        source: "SIPp regress/github-#0337/reply488.xml",
        line: b"SIP/2.0 488 Not Acceptable Here\r\n",
        expected: Accepted(488, "Not Acceptable Here"),
    },
    // Kamailio, src/modules/tm/config.c: the default `auto_inv_100_reason`, the 100 the tm
    // module sends on its own to every INVITE.
    Case {
        source: "Kamailio tm auto_inv_100_reason",
        line: b"SIP/2.0 100 trying -- your call is important to us\r\n",
        expected: Accepted(100, "trying -- your call is important to us"),
    },
    // Kamailio, src/modules/tm/config.c: `default_code` 500 with `default_reason`, sent by
    // t_reply() when it cannot read its parameters.
    Case {
        source: "Kamailio tm default_code/default_reason",
        line: b"SIP/2.0 500 Server Internal Error\r\n",
        expected: Accepted(500, "Server Internal Error"),
    },
    // pjproject (the SIP stack under Asterisk's chan_pjsip), pjsip/src/pjsip/sip_msg.c:
    // pjsip_msg_print writes "SIP/2.0 ", the code, a space, the phrase and CRLF; the
    // phrases come from init_status_phrase.
    Case {
        source: "pjproject sip_msg.c status_phrase[481]",
        line: b"SIP/2.0 481 Call/Transaction Does Not Exist\r\n",
        expected: Accepted(481, "Call/Transaction Does Not Exist"),
    },
    Case {
        source: "pjproject sip_msg.c status_phrase[504]",
        line: b"SIP/2.0 504 Server Time-out\r\n",
        expected: Accepted(504, "Server Time-out"),
    },
    // pjproject gives every code without a phrase of its own this default one.
    Case {
        source: "pjproject sip_msg.c default_reason_phrase",
        line: b"SIP/2.0 499 Default status message\r\n",
        expected: Accepted(499, "Default status message"),
    },
    // sofia-sip (FreeSWITCH's SIP stack), libsofia-sip-ua/sip/sip_status.c: its phrase table.
    Case {
        source: "sofia-sip sip_status.c sip_486_Busy_here",
        line: b"SIP/2.0 486 Busy Here\r\n",
        expected: Accepted(486, "Busy Here"),
    },
    Case {
        source: "sofia-sip sip_status.c sip_487_Request_terminated",
        line: b"SIP/2.0 487 Request Terminated\r\n",
        expected: Accepted(487, "Request Terminated"),
    },
    // Its 500 phrase is not the RFC's "Server Internal Error": any wording is accepted.
    Case {
        source: "sofia-sip sip_status.c sip_500_Internal_server_error",
        line: b"SIP/2.0 500 Internal Server Error\r\n",
        expected: Accepted(500, "Internal Server Error"),
    },
    // belle-sip (Linphone's SIP stack), src/message.c: belle_sip_response_marshal writes
    // "SIP/2.0 %i %s\r\n" with a phrase from the well_known_codes table, or the one
    // belle_sip_get_well_known_reason_phrase() returns for any other code.
    Case {
        source: "belle-sip message.c well_known_codes 200",
        line: b"SIP/2.0 200 Ok\r\n",
        expected: Accepted(200, "Ok"),
    },
    Case {
        source: "belle-sip message.c well_known_codes 604",
        line: b"SIP/2.0 604 Does not exist anywhere\r\n",
        expected: Accepted(604, "Does not exist anywhere"),
    },
    Case {
        source: "belle-sip message.c unknown code",
        line: b"SIP/2.0 599 Unknown reason\r\n",
        expected: Accepted(599, "Unknown reason"),
    },
];

#[test]
fn every_case_parses_as_expected() {
    for case in CASES {
        let outcome = StatusLine::parse(case.line);
        match (&case.expected, outcome) {
            (Accepted(code, reason), Ok(line)) => {
                assert_eq!(
                    (line.code().as_u16(), line.reason_phrase()),
                    (*code, *reason),
                    "{}",
                    case.source
                );
                assert!(line.is_sip_2_0(), "{}", case.source);
                // Written back, it is the same line, CRLF included.
                let mut buffer = [0; 256];
                let length = line.write_to_slice(&mut buffer).expect("fits");
                assert_eq!(&buffer[..length], case.line, "{}", case.source);
            }
            (Rejected(kind, offset), Err(error)) => {
                assert_eq!((error.kind(), error.offset()), (*kind, *offset), "{}", case.source);
            }
            (_, outcome) => panic!("{}: unexpected outcome {outcome:?}", case.source),
        }
    }
}

#[test]
fn lenient_parsing_agrees_on_every_case() {
    // Leniency only widens what is accepted; none of these lines needs it, and the
    // overlarge code stays an error.
    for case in CASES {
        let strict = StatusLine::parse(case.line).map_err(|error| (error.kind(), error.offset()));
        let lenient = StatusLine::parse_lenient(case.line).map_err(|error| (error.kind(), error.offset()));
        assert_eq!(lenient, strict, "{}", case.source);
    }
}

#[test]
fn rfc_4475_messages_split_at_the_status_line() {
    // RFC 4475 §3.1.1.13 (noreason), its status line and first header field as printed.
    let message = b"SIP/2.0 100 \r\nVia: SIP/2.0/UDP 192.0.2.105;branch=z9hG4bK2398ndaoe\r\n";
    let (line, rest) = StatusLine::parse_prefix(message).expect("valid");
    assert_eq!((line.code().as_u16(), line.reason_phrase()), (100, ""));
    assert_eq!(rest, b"Via: SIP/2.0/UDP 192.0.2.105;branch=z9hG4bK2398ndaoe\r\n");
    // RFC 4475 §3.1.2.19 (bigcode): rejected before any header field is looked at.
    let message =
        b"SIP/2.0 4294967301 better not break the receiver\r\nVia: SIP/2.0/UDP 192.0.2.105;branch=z9hG4bK2398ndaoe\r\n";
    let error = StatusLine::parse_prefix(message).expect_err("overlarge code");
    assert_eq!((error.kind(), error.offset()), (Kind::StatusCode, 11));
}

/// A whole message as some peer sent it, and what the lenient prefix parser reads: the code,
/// the phrase's bytes and where the header fields start. Strict parsing rejects each one, with
/// the rule and offset given.
struct Received {
    source: &'static str,
    message: &'static [u8],
    code: u16,
    phrase: &'static [u8],
    headers_at: usize,
    strict: (Kind, usize),
}

const RECEIVED: &[Received] = &[
    // onsip/SIP.js GitHub #996: a PortaSIP server's response over WebSocket, which SIP.js
    // dropped because of the brackets in the phrase. The first two lines as logged there.
    Received {
        source: "SIP.js #996, PortaSIP 480",
        message: b"SIP/2.0 480 Temporarily Unavailable [call Processing Released]\r\n\
                   Via: SIP/2.0/WSS 192.0.2.252;rport=38474;branch=z9hG4bK4396670\r\n",
        code: 480,
        phrase: b"Temporarily Unavailable [call Processing Released]",
        headers_at: 64,
        strict: (Kind::ReasonPhrase, 36),
    },
    // RFC 5626 §4.4.1: on a connection, a client's keep-alive ping is a double CRLF, sent
    // between messages; RFC 3261 §7.5 has the receiver ignore CRLFs before a start line.
    // sipcapture/heplify-server GitHub #594 met exactly this prefix in captured traffic.
    Received {
        source: "RFC 5626 §4.4.1 ping before a response (heplify-server #594)",
        message: b"\r\n\r\nSIP/2.0 200 OK\r\nCSeq: 1 REGISTER\r\n\r\n",
        code: 200,
        phrase: b"OK",
        headers_at: 20,
        strict: (Kind::LeadingLineEnding, 0),
    },
    // Lines ended by LF alone, as RFC 2543 allowed and RFC 3261 §28.1 no longer does; seen
    // from production peers (aboutsip/pkts GitHub #110) and from scanners (erlnets/nksip
    // GitHub #52).
    Received {
        source: "LF-only message (pkts #110, nksip #52)",
        message: b"SIP/2.0 404 Not Found\nVia: SIP/2.0/UDP 192.0.2.7;branch=z9hG4bK77\nContent-Length: 0\n\n",
        code: 404,
        phrase: b"Not Found",
        headers_at: 22,
        strict: (Kind::LineEnding, 21),
    },
    // Constructed: a gateway wording 486 in French in ISO-8859-1, where `é` is the single
    // byte 0xE9. Such bytes do reach SIP tools (sipcapture/heplify-server GitHub #26 cleans
    // invalid UTF-8 out of captured SIP).
    Received {
        source: "Latin-1 phrase (constructed)",
        message: b"SIP/2.0 486 Occup\xE9\r\nCSeq: 1 INVITE\r\n\r\n",
        code: 486,
        phrase: b"Occup\xE9",
        headers_at: 20,
        strict: (Kind::Utf8, 17),
    },
];

#[test]
fn lenient_prefix_parsing_reads_what_peers_send() {
    for case in RECEIVED {
        let (line, headers) =
            StatusLine::parse_prefix_lenient(case.message).unwrap_or_else(|error| panic!("{}: {error}", case.source));
        assert_eq!(
            (line.code().as_u16(), line.reason_phrase_bytes()),
            (case.code, case.phrase),
            "{}",
            case.source
        );
        assert_eq!(headers, &case.message[case.headers_at..], "{}", case.source);
        assert_eq!(
            line.reason_phrase_is_utf8(),
            std::str::from_utf8(case.phrase).is_ok(),
            "{}",
            case.source
        );
        let strict = StatusLine::parse_prefix(case.message).expect_err(case.source);
        assert_eq!((strict.kind(), strict.offset()), case.strict, "{}", case.source);
    }
}
