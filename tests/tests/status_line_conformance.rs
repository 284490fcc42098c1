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
                    (line.code().as_u16(), line.reason()),
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
    assert_eq!((line.code().as_u16(), line.reason()), (100, ""));
    assert_eq!(rest, b"Via: SIP/2.0/UDP 192.0.2.105;branch=z9hG4bK2398ndaoe\r\n");
    // RFC 4475 §3.1.2.19 (bigcode): rejected before any header field is looked at.
    let message =
        b"SIP/2.0 4294967301 better not break the receiver\r\nVia: SIP/2.0/UDP 192.0.2.105;branch=z9hG4bK2398ndaoe\r\n";
    let error = StatusLine::parse_prefix(message).expect_err("overlarge code");
    assert_eq!((error.kind(), error.offset()), (Kind::StatusCode, 11));
}
