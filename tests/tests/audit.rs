//! `sipcodes::audit`: every rule has a message that breaks it and one that does not, the
//! rule table matches `codes.toml`'s header rules, and the example flows of RFC 3261 §24 and
//! RFC 3665 (adapted: bodies left out) show no error or warning, message by message, as
//! request/response exchanges and as traces.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::time::Duration;

use sipcodes::audit::{self, AuditErrorKind, Auditor, Part, Report, Severity};
use sipcodes::{Code, HeaderTest, Requirement};

/// A response with every header field a response carries: `status` (code and phrase) to a
/// request of `method`, with `extra` header fields (each ending in CRLF) before
/// Content-Length.
fn response(status: &str, method: &str, extra: &str) -> String {
    format!(
        "SIP/2.0 {status}\r\n\
         Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bK776asdhds;received=192.0.2.1\r\n\
         To: Bob <sip:bob@biloxi.example.com>;tag=a6c85cf\r\n\
         From: Alice <sip:alice@atlanta.example.com>;tag=1928301774\r\n\
         Call-ID: a84b4c76e66710@pc33.atlanta.example.com\r\n\
         CSeq: 314159 {method}\r\n\
         {extra}\
         Content-Length: 0\r\n\
         \r\n"
    )
}

/// The request `response` answers.
fn request(method: &str, extra: &str) -> String {
    format!(
        "{method} sip:bob@biloxi.example.com SIP/2.0\r\n\
         Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bK776asdhds\r\n\
         Max-Forwards: 70\r\n\
         To: Bob <sip:bob@biloxi.example.com>\r\n\
         From: Alice <sip:alice@atlanta.example.com>;tag=1928301774\r\n\
         Call-ID: a84b4c76e66710@pc33.atlanta.example.com\r\n\
         CSeq: 314159 {method}\r\n\
         {extra}\
         Content-Length: 0\r\n\
         \r\n"
    )
}

/// A code no table registers. Not 499: the end-to-end test registers it as it follows
/// CONTRIBUTING.md.
const UNREGISTERED: u16 = 497;

fn check(message: &str) -> Report<'_> {
    audit::check_response(message.as_bytes()).unwrap_or_else(|error| panic!("{error}\n{message}"))
}

fn ids(report: &Report<'_>) -> Vec<&'static str> {
    report.findings().map(|finding| finding.rule().id()).collect()
}

/// A message that breaks the rule `id`, and one like it that does not.
struct Case {
    id: &'static str,
    breaks: Input,
    passes: Input,
}

enum Input {
    Response(String),
    Exchange(String, String),
    Trace(Vec<String>),
}

impl Input {
    /// Whether auditing the input finds `id` (in the last message of a trace).
    fn finds(&self, id: &str) -> bool {
        match self {
            Input::Response(response) => check(response).has(id),
            Input::Exchange(request, response) => audit::check_exchange(request.as_bytes(), response.as_bytes())
                .unwrap_or_else(|error| panic!("{error}"))
                .has(id),
            Input::Trace(messages) => {
                let mut auditor = Auditor::new();
                let mut found = false;
                for (at, message) in (0_u64..).zip(messages) {
                    let report = auditor
                        .observe(Duration::from_millis(at * 10), message.as_bytes())
                        .unwrap_or_else(|error| panic!("{error}\n{message}"));
                    found = report.has(id);
                }
                found
            }
        }
    }
}

fn one(breaks: String, passes: String) -> (Input, Input) {
    (Input::Response(breaks), Input::Response(passes))
}

/// The Via lines of a response at the hop above a proxy (`upper`) and below it.
const UPPER_VIA: &str = "Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bK776asdhds;received=192.0.2.1\r\n";
const LOWER_VIA: &str = "Via: SIP/2.0/UDP bigbox3.site3.atlanta.example.com;branch=z9hG4bK77ef4c2312983.1\r\n";

/// A response of the trace tests: `status` with To tag `tag`, at the upper hop (one Via) or
/// the lower (the proxy's Via on top).
fn hop(status: &str, tag: &str, lower: bool) -> String {
    let vias = if lower {
        format!("{LOWER_VIA}{UPPER_VIA}")
    } else {
        UPPER_VIA.to_owned()
    };
    format!(
        "SIP/2.0 {status}\r\n{vias}\
         To: Bob <sip:bob@biloxi.example.com>;tag={tag}\r\n\
         From: Alice <sip:alice@atlanta.example.com>;tag=1928301774\r\n\
         Call-ID: a84b4c76e66710@pc33.atlanta.example.com\r\n\
         CSeq: 314159 INVITE\r\n\
         Content-Length: 0\r\n\r\n"
    )
}

/// The INVITE a proxy forwards on branch `branch`, below the caller's Via.
fn forwarded_invite(branch: &str) -> String {
    format!(
        "INVITE sip:bob@192.0.2.4 SIP/2.0\r\n\
         Via: SIP/2.0/UDP bigbox3.site3.atlanta.example.com;branch={branch}\r\n{UPPER_VIA}\
         Max-Forwards: 69\r\n\
         To: Bob <sip:bob@biloxi.example.com>\r\n\
         From: Alice <sip:alice@atlanta.example.com>;tag=1928301774\r\n\
         Call-ID: a84b4c76e66710@pc33.atlanta.example.com\r\n\
         CSeq: 314159 INVITE\r\n\
         Content-Length: 0\r\n\r\n"
    )
}

#[allow(clippy::too_many_lines, reason = "one case a rule, in the rules' order")]
fn cases() -> Vec<Case> {
    let ok = |method: &str| response("200 OK", method, "");
    let invite_ok = ok("INVITE");
    let case = |id, (breaks, passes)| Case { id, breaks, passes };
    let without = |header: &str| {
        let mut kept = String::new();
        for line in invite_ok.lines().filter(|line| !line.starts_with(header)) {
            kept.push_str(line);
            kept.push_str("\r\n");
        }
        kept
    };
    let exchange = |request: String, breaks: String, passes: String| {
        (
            Input::Exchange(request.clone(), breaks),
            Input::Exchange(request, passes),
        )
    };
    let invite = request("INVITE", "");
    let trace = |breaks: Vec<String>, passes: Vec<String>| (Input::Trace(breaks), Input::Trace(passes));
    vec![
        case(
            "status-line-lenient",
            one(
                response("488 \"no common codec\"", "INVITE", ""),
                response("488 no common codec", "INVITE", ""),
            ),
        ),
        case(
            "sip-version",
            one(invite_ok.replacen("SIP/2.0", "SIP/3.0", 1), invite_ok.clone()),
        ),
        case(
            "reason-phrase-not-registered",
            one(
                response("486 Besetzt", "INVITE", ""),
                response("486 Busy Here", "INVITE", ""),
            ),
        ),
        case(
            "code-unregistered",
            one(
                response("497 Spam Suspected", "INVITE", ""),
                response("486 Busy Here", "INVITE", ""),
            ),
        ),
        case(
            "code-retired",
            one(
                response("411 Length Required", "INVITE", ""),
                response("400 Bad Request", "INVITE", ""),
            ),
        ),
        case(
            "202-to-subscribe-or-notify",
            one(
                response("202 Accepted", "SUBSCRIBE", "Expires: 600\r\n"),
                response("202 Accepted", "MESSAGE", ""),
            ),
        ),
        case(
            "202-to-refer",
            one(response("202 Accepted", "REFER", ""), response("200 OK", "REFER", "")),
        ),
        case("via-missing", one(without("Via:"), invite_ok.clone())),
        case("from-missing", one(without("From:"), invite_ok.clone())),
        case("to-missing", one(without("To:"), invite_ok.clone())),
        case(
            "call-id-missing",
            one(without("Call-ID:"), invite_ok.replace("Call-ID:", "i:")),
        ),
        case("cseq-missing", one(without("CSeq:"), invite_ok.clone())),
        case(
            "cseq-syntax",
            one(
                invite_ok.replace("CSeq: 314159 INVITE", "CSeq: INVITE"),
                invite_ok.clone(),
            ),
        ),
        case(
            "to-tag-missing",
            one(
                response("180 Ringing", "INVITE", "").replace(";tag=a6c85cf", ""),
                response("100 Trying", "INVITE", "").replace(";tag=a6c85cf", ""),
            ),
        ),
        case(
            "provisional-to-non-invite",
            one(
                response("180 Ringing", "MESSAGE", ""),
                response("100 Trying", "MESSAGE", ""),
            ),
        ),
        case(
            "408-to-non-invite",
            one(
                response("408 Request Timeout", "OPTIONS", ""),
                response("408 Request Timeout", "INVITE", ""),
            ),
        ),
        case(
            "retry-after-not-listed",
            one(
                response("488 Not Acceptable Here", "INVITE", "Retry-After: 30\r\n"),
                response("486 Busy Here", "INVITE", "Retry-After: 30\r\n"),
            ),
        ),
        case(
            "error-info-outside-300-699",
            one(
                response("200 OK", "INVITE", "Error-Info: <sip:not-in-service@example.com>\r\n"),
                response(
                    "404 Not Found",
                    "INVITE",
                    "Error-Info: <sip:not-in-service@example.com>\r\n",
                ),
            ),
        ),
        case(
            "reason-syntax",
            one(
                response("486 Busy Here", "INVITE", "Reason: Q.850;cause=seventeen\r\n"),
                response("486 Busy Here", "INVITE", "Reason: Q.850;cause=17\r\n"),
            ),
        ),
        case(
            "reason-protocol-unregistered",
            one(
                response("486 Busy Here", "INVITE", "Reason: X-Acme;cause=7\r\n"),
                response("486 Busy Here", "INVITE", "Reason: SIP;cause=486\r\n"),
            ),
        ),
        case(
            "reason-q850-in-100",
            one(
                response("100 Trying", "INVITE", "Reason: Q.850;cause=16\r\n"),
                response("100 Trying", "INVITE", ""),
            ),
        ),
        case(
            // Cause 17 (user busy) is 486, not 404 (RFC 3398 §7.2.4.1 and §8.2.6.1).
            "reason-q850-inconsistent",
            one(
                response("404 Not Found", "INVITE", "Reason: Q.850;cause=17\r\n"),
                response("404 Not Found", "INVITE", "Reason: Q.850;cause=1\r\n"),
            ),
        ),
        case(
            "reason-q850-location",
            one(
                response("603 Decline", "INVITE", "Reason: Q.850;cause=21;location=LN\r\n"),
                response("603 Decline", "INVITE", "Reason: Q.850;cause=21;location=U\r\n"),
            ),
        ),
        case(
            "warning-syntax",
            one(
                response(
                    "488 Not Acceptable Here",
                    "INVITE",
                    "Warning: 305 incompatible media\r\n",
                ),
                response(
                    "488 Not Acceptable Here",
                    "INVITE",
                    "Warning: 305 192.0.2.4 \"Incompatible media format\"\r\n",
                ),
            ),
        ),
        case(
            "warn-code-unregistered",
            one(
                response(
                    "488 Not Acceptable Here",
                    "INVITE",
                    "Warning: 390 192.0.2.4 \"Private\"\r\n",
                ),
                response(
                    "488 Not Acceptable Here",
                    "INVITE",
                    "Warning: 399 192.0.2.4 \"Miscellaneous\"\r\n",
                ),
            ),
        ),
        case(
            "call-id-mismatch",
            exchange(
                invite.clone(),
                invite_ok.replace("Call-ID: a84b4c76e66710", "Call-ID: b84b4c76e66710"),
                invite_ok.clone(),
            ),
        ),
        case(
            "cseq-mismatch",
            exchange(
                invite.clone(),
                invite_ok.replace("314159 INVITE", "314160 INVITE"),
                invite_ok.clone(),
            ),
        ),
        case(
            "from-tag-mismatch",
            exchange(
                invite.clone(),
                invite_ok.replace("tag=1928301774", "tag=1928301775"),
                invite_ok.clone(),
            ),
        ),
        case(
            "to-tag-mismatch",
            exchange(
                invite.replace(
                    "To: Bob <sip:bob@biloxi.example.com>",
                    "To: Bob <sip:bob@biloxi.example.com>;tag=a6c85cf",
                ),
                invite_ok.replace("tag=a6c85cf", "tag=ffff"),
                invite_ok.clone(),
            ),
        ),
        case(
            "branch-mismatch",
            exchange(
                invite.clone(),
                invite_ok.replace("z9hG4bK776asdhds", "z9hG4bK776asdhdt"),
                invite_ok.clone(),
            ),
        ),
        case(
            "final-after-final",
            trace(
                vec![
                    hop("486 Busy Here", "1", false),
                    hop("480 Temporarily Unavailable", "1", false),
                ],
                vec![hop("486 Busy Here", "1", false), hop("486 Busy Here", "1", false)],
            ),
        ),
        case(
            "2xx-after-6xx",
            trace(
                vec![hop("603 Decline", "1", false), hop("200 OK", "2", false)],
                vec![hop("200 OK", "2", false), hop("603 Decline", "1", false)],
            ),
        ),
        case(
            "provisional-after-final",
            trace(
                vec![hop("486 Busy Here", "1", false), hop("180 Ringing", "1", false)],
                vec![hop("180 Ringing", "1", false), hop("486 Busy Here", "1", false)],
            ),
        ),
        case(
            "503-relayed",
            trace(
                vec![
                    forwarded_invite("z9hG4bK77ef4c2312983.1"),
                    hop("503 Service Unavailable", "1", true),
                    hop("503 Service Unavailable", "1", false),
                ],
                vec![
                    forwarded_invite("z9hG4bK77ef4c2312983.1"),
                    hop("503 Service Unavailable", "1", true),
                    hop("500 Server Internal Error", "1", false),
                ],
            ),
        ),
        case(
            "branch-after-6xx",
            trace(
                vec![
                    forwarded_invite("z9hG4bK77ef4c2312983.1"),
                    hop("603 Decline", "1", true),
                    forwarded_invite("z9hG4bK77ef4c2312983.2"),
                ],
                vec![
                    forwarded_invite("z9hG4bK77ef4c2312983.1"),
                    hop("486 Busy Here", "1", true),
                    forwarded_invite("z9hG4bK77ef4c2312983.2"),
                ],
            ),
        ),
        case(
            "proxy-originated-response",
            trace(
                vec![
                    forwarded_invite("z9hG4bK77ef4c2312983.1"),
                    hop("180 Ringing", "bob1", true),
                    hop("180 Ringing", "proxy", false),
                ],
                vec![
                    forwarded_invite("z9hG4bK77ef4c2312983.1"),
                    hop("180 Ringing", "bob1", true),
                    hop("180 Ringing", "bob1", false),
                ],
            ),
        ),
    ]
}

/// A case for a rule derived from a header rule: the code's response with the header field
/// and without it.
fn header_case(rule: &'static audit::Rule) -> Case {
    let header_rule = rule.header_rule().unwrap();
    let code = rule.code().map_or(UNREGISTERED, |code| code);
    let phrase = Code::from_u16(code).map_or("Whatever", Code::reason_phrase);
    // A value of the right shape for the header fields the derived rules name.
    let value = match header_rule.header() {
        "Min-SE" | "RSeq" | "Expires" | "Min-Expires" => "90",
        "Contact" => "<sip:bob@192.0.2.4>",
        "Allow" => "INVITE, ACK, CANCEL, BYE",
        "Reason" => "SIP;cause=480;text=\"Temporarily Unavailable\"",
        "WWW-Authenticate" | "Proxy-Authenticate" => "Digest realm=\"biloxi.example.com\", nonce=\"ea9c8e88\"",
        _ => "x",
    };
    // Messages for which the rule's condition holds: the method it names (else INVITE, so
    // that a provisional is not one to a non-INVITE), the header fields it asks of the
    // response and of the request (a token standing as the value: `Require: 100rel`,
    // `Session-Expires: refresher=uac`, `Contact: +sip.instance`). Every response here has a
    // To tag, so a 2xx or a 1xx to INVITE creates its dialog.
    let condition = header_rule.condition();
    let method = condition
        .and_then(|condition| condition.methods().first().copied())
        .unwrap_or("INVITE");
    let lines = |tests: &[HeaderTest]| -> String {
        let lines: Vec<String> = tests
            .iter()
            .map(|test| format!("{}: {}\r\n", test.header(), test.token().unwrap_or("1")))
            .collect();
        lines.concat()
    };
    let carried = condition.map_or_else(String::new, |condition| lines(condition.response_carries()));
    let with = response(
        &format!("{code} {phrase}"),
        method,
        &format!("{carried}{}: {value}\r\n", header_rule.header()),
    );
    let without = response(&format!("{code} {phrase}"), method, &carried);
    let (breaks, passes) = match header_rule.requirement() {
        Requirement::MustNot => (with, without),
        _ => (without, with),
    };
    let (breaks, passes) = match condition.filter(|condition| condition.needs_request()) {
        // The request carried what the condition says and lacked the rest.
        Some(condition) => {
            let request = request(method, &lines(condition.request_carried()));
            (
                Input::Exchange(request.clone(), breaks),
                Input::Exchange(request, passes),
            )
        }
        None => (Input::Response(breaks), Input::Response(passes)),
    };
    Case {
        id: rule.id(),
        breaks,
        passes,
    }
}

#[test]
fn every_rule_has_a_message_that_breaks_it_and_one_that_does_not() {
    let mut cases = cases();
    cases.extend(
        audit::rules()
            .iter()
            .filter(|rule| rule.header_rule().is_some())
            .map(header_case),
    );
    let tested: BTreeSet<&str> = cases.iter().map(|case| case.id).collect();
    let all: BTreeSet<&str> = audit::rules().iter().map(audit::Rule::id).collect();
    assert_eq!(tested, all, "rules without a case, or cases of no rule");
    assert_eq!(tested.len(), cases.len(), "two cases of one rule");
    for case in &cases {
        assert!(
            case.breaks.finds(case.id),
            "{}: the breaking message is not found",
            case.id
        );
        assert!(!case.passes.finds(case.id), "{}: the passing message is found", case.id);
    }
}

#[test]
fn the_rules_are_at_least_thirty_with_unique_kebab_case_ids() {
    let rules = audit::rules();
    assert!(rules.len() >= 30, "{}", rules.len());
    let ids: BTreeSet<&str> = rules.iter().map(audit::Rule::id).collect();
    assert_eq!(ids.len(), rules.len(), "an id used twice");
    for rule in rules {
        let id = rule.id();
        assert!(
            id.bytes()
                .all(|byte| byte.is_ascii_lowercase() || byte.is_ascii_digit() || byte == b'-')
                && !id.starts_with('-')
                && !id.ends_with('-')
                && !id.contains("--"),
            "{id}"
        );
        assert!(rule.rfc().starts_with("RFC "), "{id}");
        assert!(
            rule.citation().url().starts_with("https://www.rfc-editor.org/rfc/rfc"),
            "{id}"
        );
        assert!(!rule.summary().is_empty() && !rule.summary().ends_with('.'), "{id}");
    }
}

#[test]
fn the_derived_rules_are_the_header_rules_a_machine_can_check() {
    // Every header rule of codes.toml that says must, should or must not, and whose
    // condition (if any) has no human part, has one rule, with the id the scheme gives.
    let mut expected = Vec::new();
    for &code in Code::ALL {
        for header_rule in code.header_rules() {
            let verb = match header_rule.requirement() {
                Requirement::Must => "must-carry",
                Requirement::Should => "should-carry",
                Requirement::MustNot => "must-not-carry",
                Requirement::May => continue,
            };
            if header_rule
                .condition()
                .is_some_and(|condition| !condition.is_machine_checkable())
            {
                continue;
            }
            let mut id = format!("{}-{verb}-{}", code.as_u16(), header_rule.header().to_ascii_lowercase());
            // A code's second rule of the same verb and header, under another condition.
            let same = expected.iter().filter(|(other, _): &&(String, _)| {
                other == &id
                    || other
                        .strip_prefix(id.as_str())
                        .is_some_and(|rest| rest.starts_with('-') && rest[1..].parse::<u8>().is_ok())
            });
            let earlier = same.count();
            if earlier > 0 {
                id = format!("{id}-{}", earlier + 1);
            }
            expected.push((id, header_rule));
        }
    }
    expected.push((
        "unregistered-must-not-carry-min-se".to_owned(),
        &sipcodes::StatusCode::from_u16(UNREGISTERED).unwrap().header_rules()[0],
    ));
    let derived: Vec<(String, &sipcodes::HeaderRule)> = audit::rules()
        .iter()
        .filter_map(|rule| Some((rule.id().to_owned(), rule.header_rule()?)))
        .collect();
    assert_eq!(derived, expected);
    for rule in audit::rules().iter().filter(|rule| rule.header_rule().is_some()) {
        let expected = match rule.header_rule().unwrap().requirement() {
            Requirement::Should => Severity::Warning,
            _ => Severity::Error,
        };
        assert_eq!(rule.severity(), expected, "{}", rule.id());
        assert_eq!(rule.citation(), rule.header_rule().unwrap().citation(), "{}", rule.id());
        // The summary says the rule as codes.toml does, its condition in the generated words.
        let header_rule = rule.header_rule().unwrap();
        let verb = match header_rule.requirement() {
            Requirement::Must => "must carry",
            Requirement::Should => "should carry",
            _ => "must not carry",
        };
        let code = rule
            .code()
            .map_or_else(|| "An unregistered code".to_owned(), |code| format!("A {code}"));
        let when = header_rule
            .condition()
            .map_or_else(String::new, |condition| format!(" when {condition}"));
        assert_eq!(
            rule.summary(),
            format!("{code} {verb} {}{when}", header_rule.header()),
            "{}",
            rule.id()
        );
    }
}

#[test]
fn findings_read_in_the_message_terms() {
    let strings = |message: &str| -> Vec<String> { check(message).findings().map(ToString::to_string).collect() };
    assert_eq!(
        strings(&response("405 Method Not Allowed", "PUBLISH", "")),
        ["405 without Allow"]
    );
    assert_eq!(
        strings(&response("183 Session Progress", "MESSAGE", "")),
        ["183 to a non-INVITE request (MESSAGE)"]
    );
    assert_eq!(
        strings(&response("486 Besetzt", "INVITE", "")),
        ["486 with the phrase \"Besetzt\" (registered: \"Busy Here\")"]
    );
    assert_eq!(strings(&response("202 Accepted", "NOTIFY", "")), ["202 to NOTIFY"]);
    assert_eq!(
        strings(&response("404 Not Found", "INVITE", "Reason: Q.850;cause=17\r\n")),
        ["404 with Reason: Q.850;cause=17: RFC 3398 maps cause 17 to 486"]
    );
    assert_eq!(
        strings(&response("100 Trying", "INVITE", "RSeq: 1\r\n")),
        ["100 with RSeq"]
    );
    let not_allowed = response("405 Method Not Allowed", "PUBLISH", "");
    let finding = *check(&not_allowed).findings().next().unwrap();
    assert_eq!(finding.rule().severity(), Severity::Error);
    assert_eq!(finding.rule().citation().to_string(), "RFC 3261, Section 21.4.6");
}

#[test]
fn q850_causes_are_judged_by_both_profiles_and_the_location() {
    let finds = |status: &str, reason: &str, id: &str| {
        check(&response(status, "INVITE", &format!("Reason: {reason}\r\n"))).has(id)
    };
    // RFC 3398: cause 21 is 403, or 603 from the user; 17 is 486; 34 is 503.
    assert!(!finds("403 Forbidden", "Q.850;cause=21", "reason-q850-inconsistent"));
    assert!(!finds(
        "603 Decline",
        "Q.850;cause=21;location=U",
        "reason-q850-inconsistent"
    ));
    assert!(!finds(
        "503 Service Unavailable",
        "Q.850;cause=34",
        "reason-q850-inconsistent"
    ));
    assert!(finds("486 Busy Here", "Q.850;cause=1", "reason-q850-inconsistent"));
    // 1xx and 2xx map to no cause: nothing to contradict.
    assert!(!finds(
        "183 Session Progress",
        "Q.850;cause=17",
        "reason-q850-inconsistent"
    ));
    // A cause Q.850 does not assign is judged by no table.
    assert!(!finds("486 Busy Here", "Q.850;cause=120", "reason-q850-inconsistent"));
    // A 4xx or 5xx cause is the network's; a 6xx the user's.
    assert!(finds(
        "486 Busy Here",
        "Q.850;cause=17;location=U",
        "reason-q850-location"
    ));
    assert!(!finds(
        "486 Busy Here",
        "Q.850;cause=17;location=RPN",
        "reason-q850-location"
    ));
    // Only a Q.850 value in a 100; a SIP value is not.
    assert!(!finds("100 Trying", "SIP;cause=200", "reason-q850-in-100"));
}

#[test]
fn a_full_report_keeps_its_capacity_of_findings_and_counts_the_rest() {
    let mut warnings = String::new();
    for index in 0..20 {
        write!(warnings, "Warning: {} h \"t\"\r\n", 340 + index).unwrap();
    }
    let message = response("488 Not Acceptable Here", "INVITE", &warnings);
    let report = check(&message);
    assert_eq!(report.findings().count(), Report::CAPACITY);
    assert_eq!(report.dropped(), 20 - Report::CAPACITY);
    assert!(!report.is_clean(), "a full report is never clean");
    assert!(
        report
            .findings()
            .all(|finding| finding.rule().id() == "warn-code-unregistered")
    );
}

#[test]
fn the_report_gives_the_status_line_and_the_worst_severity() {
    let message = response("486 Besetzt", "INVITE", "");
    let report = check(&message);
    let line = report.status_line().unwrap();
    assert_eq!((line.code().as_u16(), line.reason_phrase()), (486, "Besetzt"));
    assert_eq!(report.worst(), Some(Severity::Info));
    assert!(report.is_clean(), "info only");
    assert_eq!(
        report.message().call_id(),
        Some("a84b4c76e66710@pc33.atlanta.example.com")
    );
}

#[test]
fn bad_input_is_an_error_naming_the_byte_and_the_rule() {
    let error = audit::check_response(b"SIP/2.0 200 OK\r\nVia SIP/2.0/UDP a\r\n\r\n").unwrap_err();
    assert_eq!(
        (error.part(), error.offset(), error.rule()),
        (Part::Response, 20, "HCOLON")
    );
    assert!(matches!(error.kind(), AuditErrorKind::Malformed(_)));
    let error = audit::check_response(b"SIP/2.0 2000 OK\r\n\r\n").unwrap_err();
    assert_eq!((error.offset(), error.rule()), (11, "Status-Code"));
    let error = audit::check_response(request("OPTIONS", "").as_bytes()).unwrap_err();
    assert_eq!(
        (error.kind(), error.rule()),
        (AuditErrorKind::NotAResponse, "Status-Line")
    );
    let ok = response("200 OK", "OPTIONS", "");
    let error = audit::check_exchange(ok.as_bytes(), ok.as_bytes()).unwrap_err();
    assert_eq!(
        (error.part(), error.kind()),
        (Part::Request, AuditErrorKind::NotARequest)
    );
    let error =
        audit::check_exchange(request("OPTIONS", "").as_bytes(), b"SIP/2.0 200 OK\r\nl: x\r\n\r\n").unwrap_err();
    assert_eq!((error.part(), error.rule()), (Part::Response, "Content-Length"));
    assert_eq!(
        error.to_string(),
        "cannot audit the response: invalid SIP message at byte 19: expected the body's length, decimal digits that fit this machine's memory (Content-Length), found `x`"
    );
    // Every prefix of a response is an error or a report, never a panic.
    let message = response(
        "486 Busy Here",
        "INVITE",
        "Reason: Q.850;cause=17\r\nWarning: 399 h \"x\"\r\n",
    );
    for cut in 0..message.len() {
        let _ = audit::check_response(&message.as_bytes()[..cut]);
    }
}

#[test]
fn the_auditor_forgets_transactions_after_64_t1_and_beyond_its_capacity() {
    let mut auditor = Auditor::with_capacity(3);
    for index in 0..10 {
        let invite = forwarded_invite(&format!("z9hG4bKbranch{index}"));
        auditor.observe(Duration::from_secs(index), invite.as_bytes()).unwrap();
        assert!(auditor.len() <= 3, "{}", auditor.len());
    }
    let mut auditor = Auditor::new();
    auditor
        .observe(Duration::ZERO, hop("486 Busy Here", "1", false).as_bytes())
        .unwrap();
    assert_eq!(auditor.len(), 1);
    // Within 32 s the transaction is remembered: a different final is found.
    let unavailable = hop("480 Temporarily Unavailable", "1", false);
    let report = auditor
        .observe(Duration::from_secs(31), unavailable.as_bytes())
        .unwrap();
    assert!(report.has("final-after-final"));
    // 32 s after its last message it is forgotten.
    let report = auditor
        .observe(Duration::from_secs(64), unavailable.as_bytes())
        .unwrap();
    assert!(!report.has("final-after-final"));
    assert_eq!(auditor.len(), 1);
    // A long trace keeps the memory bounded.
    let mut auditor = Auditor::with_capacity(100);
    for index in 0..5_000_u64 {
        let ok = hop("200 OK", "2", false).replace("z9hG4bK776asdhds", &format!("z9hG4bK{index}"));
        auditor.observe(Duration::from_millis(index), ok.as_bytes()).unwrap();
    }
    assert!(auditor.len() <= 100);
}

#[test]
fn an_invite_may_get_2xx_from_several_forks() {
    // Each 2xx creates a dialog, so it carries Contact (RFC 3261 §12.1.1), and Supported as
    // a 2xx to INVITE should (Table 3).
    let ok = |tag: &str| {
        hop("200 OK", tag, false).replace(
            "Content-Length",
            "Contact: <sip:bob@192.0.2.4>\r\nSupported: 100rel\r\nContent-Length",
        )
    };
    let messages = [ok("fork1"), ok("fork2")];
    let mut auditor = Auditor::new();
    for message in &messages {
        let report = auditor.observe(Duration::ZERO, message.as_bytes()).unwrap();
        assert!(report.is_clean(), "{:?}", ids(&report));
    }
}

/// RFC 3261 §24.1 and §24.2: registration, and a session set up through two proxies
/// (atlanta.com's and biloxi.com's), then torn down. Bodies left out.
const RFC3261_FLOW: &[&str] = &[
    // §24.1 F1, F2.
    "REGISTER sip:registrar.biloxi.com SIP/2.0\r\n\
Via: SIP/2.0/UDP bobspc.biloxi.com:5060;branch=z9hG4bKnashds7\r\n\
Max-Forwards: 70\r\n\
To: Bob <sip:bob@biloxi.com>\r\n\
From: Bob <sip:bob@biloxi.com>;tag=456248\r\n\
Call-ID: 843817637684230@998sdasdh09\r\n\
CSeq: 1826 REGISTER\r\n\
Contact: <sip:bob@192.0.2.4>\r\n\
Expires: 7200\r\n\
Content-Length: 0\r\n\r\n",
    "SIP/2.0 200 OK\r\n\
Via: SIP/2.0/UDP bobspc.biloxi.com:5060;branch=z9hG4bKnashds7;received=192.0.2.4\r\n\
To: Bob <sip:bob@biloxi.com>;tag=2493k59kd\r\n\
From: Bob <sip:bob@biloxi.com>;tag=456248\r\n\
Call-ID: 843817637684230@998sdasdh09\r\n\
CSeq: 1826 REGISTER\r\n\
Contact: <sip:bob@192.0.2.4>\r\n\
Expires: 7200\r\n\
Content-Length: 0\r\n\r\n",
    // §24.2 F1 to F11.
    "INVITE sip:bob@biloxi.com SIP/2.0\r\n\
Via: SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bKnashds8\r\n\
Max-Forwards: 70\r\n\
To: Bob <sip:bob@biloxi.com>\r\n\
From: Alice <sip:alice@atlanta.com>;tag=1928301774\r\n\
Call-ID: a84b4c76e66710\r\n\
CSeq: 314159 INVITE\r\n\
Contact: <sip:alice@pc33.atlanta.com>\r\n\
Content-Length: 0\r\n\r\n",
    "SIP/2.0 100 Trying\r\n\
Via: SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bKnashds8;received=192.0.2.1\r\n\
To: Bob <sip:bob@biloxi.com>\r\n\
From: Alice <sip:alice@atlanta.com>;tag=1928301774\r\n\
Call-ID: a84b4c76e66710\r\n\
CSeq: 314159 INVITE\r\n\
Content-Length: 0\r\n\r\n",
    "INVITE sip:bob@biloxi.com SIP/2.0\r\n\
Via: SIP/2.0/UDP bigbox3.site3.atlanta.com;branch=z9hG4bK77ef4c2312983.1\r\n\
Via: SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bKnashds8;received=192.0.2.1\r\n\
Max-Forwards: 69\r\n\
To: Bob <sip:bob@biloxi.com>\r\n\
From: Alice <sip:alice@atlanta.com>;tag=1928301774\r\n\
Call-ID: a84b4c76e66710\r\n\
CSeq: 314159 INVITE\r\n\
Contact: <sip:alice@pc33.atlanta.com>\r\n\
Content-Length: 0\r\n\r\n",
    "SIP/2.0 100 Trying\r\n\
Via: SIP/2.0/UDP bigbox3.site3.atlanta.com;branch=z9hG4bK77ef4c2312983.1;received=192.0.2.2\r\n\
Via: SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bKnashds8;received=192.0.2.1\r\n\
To: Bob <sip:bob@biloxi.com>\r\n\
From: Alice <sip:alice@atlanta.com>;tag=1928301774\r\n\
Call-ID: a84b4c76e66710\r\n\
CSeq: 314159 INVITE\r\n\
Content-Length: 0\r\n\r\n",
    "INVITE sip:bob@192.0.2.4 SIP/2.0\r\n\
Via: SIP/2.0/UDP server10.biloxi.com;branch=z9hG4bK4b43c2ff8.1\r\n\
Via: SIP/2.0/UDP bigbox3.site3.atlanta.com;branch=z9hG4bK77ef4c2312983.1;received=192.0.2.2\r\n\
Via: SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bKnashds8;received=192.0.2.1\r\n\
Max-Forwards: 68\r\n\
To: Bob <sip:bob@biloxi.com>\r\n\
From: Alice <sip:alice@atlanta.com>;tag=1928301774\r\n\
Call-ID: a84b4c76e66710\r\n\
CSeq: 314159 INVITE\r\n\
Contact: <sip:alice@pc33.atlanta.com>\r\n\
Content-Length: 0\r\n\r\n",
    "SIP/2.0 180 Ringing\r\n\
Via: SIP/2.0/UDP server10.biloxi.com;branch=z9hG4bK4b43c2ff8.1;received=192.0.2.3\r\n\
Via: SIP/2.0/UDP bigbox3.site3.atlanta.com;branch=z9hG4bK77ef4c2312983.1;received=192.0.2.2\r\n\
Via: SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bKnashds8;received=192.0.2.1\r\n\
To: Bob <sip:bob@biloxi.com>;tag=a6c85cf\r\n\
From: Alice <sip:alice@atlanta.com>;tag=1928301774\r\n\
Call-ID: a84b4c76e66710\r\n\
Contact: <sip:bob@192.0.2.4>\r\n\
CSeq: 314159 INVITE\r\n\
Content-Length: 0\r\n\r\n",
    "SIP/2.0 180 Ringing\r\n\
Via: SIP/2.0/UDP bigbox3.site3.atlanta.com;branch=z9hG4bK77ef4c2312983.1;received=192.0.2.2\r\n\
Via: SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bKnashds8;received=192.0.2.1\r\n\
To: Bob <sip:bob@biloxi.com>;tag=a6c85cf\r\n\
From: Alice <sip:alice@atlanta.com>;tag=1928301774\r\n\
Call-ID: a84b4c76e66710\r\n\
Contact: <sip:bob@192.0.2.4>\r\n\
CSeq: 314159 INVITE\r\n\
Content-Length: 0\r\n\r\n",
    "SIP/2.0 180 Ringing\r\n\
Via: SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bKnashds8;received=192.0.2.1\r\n\
To: Bob <sip:bob@biloxi.com>;tag=a6c85cf\r\n\
From: Alice <sip:alice@atlanta.com>;tag=1928301774\r\n\
Call-ID: a84b4c76e66710\r\n\
Contact: <sip:bob@192.0.2.4>\r\n\
CSeq: 314159 INVITE\r\n\
Content-Length: 0\r\n\r\n",
    "SIP/2.0 200 OK\r\n\
Via: SIP/2.0/UDP server10.biloxi.com;branch=z9hG4bK4b43c2ff8.1;received=192.0.2.3\r\n\
Via: SIP/2.0/UDP bigbox3.site3.atlanta.com;branch=z9hG4bK77ef4c2312983.1;received=192.0.2.2\r\n\
Via: SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bKnashds8;received=192.0.2.1\r\n\
To: Bob <sip:bob@biloxi.com>;tag=a6c85cf\r\n\
From: Alice <sip:alice@atlanta.com>;tag=1928301774\r\n\
Call-ID: a84b4c76e66710\r\n\
CSeq: 314159 INVITE\r\n\
Contact: <sip:bob@192.0.2.4>\r\n\
Content-Length: 0\r\n\r\n",
    "SIP/2.0 200 OK\r\n\
Via: SIP/2.0/UDP bigbox3.site3.atlanta.com;branch=z9hG4bK77ef4c2312983.1;received=192.0.2.2\r\n\
Via: SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bKnashds8;received=192.0.2.1\r\n\
To: Bob <sip:bob@biloxi.com>;tag=a6c85cf\r\n\
From: Alice <sip:alice@atlanta.com>;tag=1928301774\r\n\
Call-ID: a84b4c76e66710\r\n\
CSeq: 314159 INVITE\r\n\
Contact: <sip:bob@192.0.2.4>\r\n\
Content-Length: 0\r\n\r\n",
    "SIP/2.0 200 OK\r\n\
Via: SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bKnashds8;received=192.0.2.1\r\n\
To: Bob <sip:bob@biloxi.com>;tag=a6c85cf\r\n\
From: Alice <sip:alice@atlanta.com>;tag=1928301774\r\n\
Call-ID: a84b4c76e66710\r\n\
CSeq: 314159 INVITE\r\n\
Contact: <sip:bob@192.0.2.4>\r\n\
Content-Length: 0\r\n\r\n",
    // §24.2 F12 to F14: ACK and BYE straight between the user agents.
    "ACK sip:bob@192.0.2.4 SIP/2.0\r\n\
Via: SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bKnashds9\r\n\
Max-Forwards: 70\r\n\
To: Bob <sip:bob@biloxi.com>;tag=a6c85cf\r\n\
From: Alice <sip:alice@atlanta.com>;tag=1928301774\r\n\
Call-ID: a84b4c76e66710\r\n\
CSeq: 314159 ACK\r\n\
Content-Length: 0\r\n\r\n",
    "BYE sip:alice@pc33.atlanta.com SIP/2.0\r\n\
Via: SIP/2.0/UDP 192.0.2.4;branch=z9hG4bKnashds10\r\n\
Max-Forwards: 70\r\n\
From: Bob <sip:bob@biloxi.com>;tag=a6c85cf\r\n\
To: Alice <sip:alice@atlanta.com>;tag=1928301774\r\n\
Call-ID: a84b4c76e66710\r\n\
CSeq: 231 BYE\r\n\
Content-Length: 0\r\n\r\n",
    "SIP/2.0 200 OK\r\n\
Via: SIP/2.0/UDP 192.0.2.4;branch=z9hG4bKnashds10\r\n\
From: Bob <sip:bob@biloxi.com>;tag=a6c85cf\r\n\
To: Alice <sip:alice@atlanta.com>;tag=1928301774\r\n\
Call-ID: a84b4c76e66710\r\n\
CSeq: 231 BYE\r\n\
Content-Length: 0\r\n\r\n",
];

/// RFC 3665 §2.1 (a registration challenged with 401) and §3.8 (a call through two proxies,
/// challenged by the first with 407, that ends in 486 Busy Here), over TCP as there.
const RFC3665_FLOW: &[&str] = &[
    // §2.1 F1 to F4.
    "REGISTER sips:ss2.biloxi.example.com SIP/2.0\r\n\
Via: SIP/2.0/TLS client.biloxi.example.com:5061;branch=z9hG4bKnashds7\r\n\
Max-Forwards: 70\r\n\
From: Bob <sips:bob@biloxi.example.com>;tag=a73kszlfl\r\n\
To: Bob <sips:bob@biloxi.example.com>\r\n\
Call-ID: 1j9FpLxk3uxtm8tn@biloxi.example.com\r\n\
CSeq: 1 REGISTER\r\n\
Contact: <sips:bob@client.biloxi.example.com>\r\n\
Content-Length: 0\r\n\r\n",
    "SIP/2.0 401 Unauthorized\r\n\
Via: SIP/2.0/TLS client.biloxi.example.com:5061;branch=z9hG4bKnashds7;received=192.0.2.201\r\n\
From: Bob <sips:bob@biloxi.example.com>;tag=a73kszlfl\r\n\
To: Bob <sips:bob@biloxi.example.com>;tag=1410948204\r\n\
Call-ID: 1j9FpLxk3uxtm8tn@biloxi.example.com\r\n\
CSeq: 1 REGISTER\r\n\
WWW-Authenticate: Digest realm=\"atlanta.example.com\", qop=\"auth\", nonce=\"ea9c8e88df84f1cec4341ae6cbe5a359\", opaque=\"\", stale=FALSE, algorithm=MD5\r\n\
Content-Length: 0\r\n\r\n",
    "REGISTER sips:ss2.biloxi.example.com SIP/2.0\r\n\
Via: SIP/2.0/TLS client.biloxi.example.com:5061;branch=z9hG4bKnashd92\r\n\
Max-Forwards: 70\r\n\
From: Bob <sips:bob@biloxi.example.com>;tag=ja743ks76zlflH\r\n\
To: Bob <sips:bob@biloxi.example.com>\r\n\
Call-ID: 1j9FpLxk3uxtm8tn@biloxi.example.com\r\n\
CSeq: 2 REGISTER\r\n\
Contact: <sips:bob@client.biloxi.example.com>\r\n\
Authorization: Digest username=\"bob\", realm=\"atlanta.example.com\", nonce=\"ea9c8e88df84f1cec4341ae6cbe5a359\", opaque=\"\", uri=\"sips:ss2.biloxi.example.com\", response=\"dfe56131d1958046689d83306477ecc\"\r\n\
Content-Length: 0\r\n\r\n",
    "SIP/2.0 200 OK\r\n\
Via: SIP/2.0/TLS client.biloxi.example.com:5061;branch=z9hG4bKnashd92;received=192.0.2.201\r\n\
From: Bob <sips:bob@biloxi.example.com>;tag=ja743ks76zlflH\r\n\
To: Bob <sips:bob@biloxi.example.com>;tag=37GkEhwl6\r\n\
Call-ID: 1j9FpLxk3uxtm8tn@biloxi.example.com\r\n\
CSeq: 2 REGISTER\r\n\
Contact: <sips:bob@client.biloxi.example.com>;expires=3600\r\n\
Content-Length: 0\r\n\r\n",
    // §3.8 F1 to F3: challenged by Proxy 1.
    "INVITE sip:bob@biloxi.example.com SIP/2.0\r\n\
Via: SIP/2.0/TCP client.atlanta.example.com:5060;branch=z9hG4bK74bf9\r\n\
Max-Forwards: 70\r\n\
From: Alice <sip:alice@atlanta.example.com>;tag=9fxced76sl\r\n\
To: Bob <sip:bob@biloxi.example.com>\r\n\
Call-ID: 3848276298220188511@atlanta.example.com\r\n\
CSeq: 1 INVITE\r\n\
Contact: <sip:alice@client.atlanta.example.com;transport=tcp>\r\n\
Content-Length: 0\r\n\r\n",
    "SIP/2.0 407 Proxy Authorization Required\r\n\
Via: SIP/2.0/TCP client.atlanta.example.com:5060;branch=z9hG4bK74bf9;received=192.0.2.101\r\n\
From: Alice <sip:alice@atlanta.example.com>;tag=9fxced76sl\r\n\
To: Bob <sip:bob@biloxi.example.com>;tag=3flal12sf\r\n\
Call-ID: 3848276298220188511@atlanta.example.com\r\n\
CSeq: 1 INVITE\r\n\
Proxy-Authenticate: Digest realm=\"atlanta.example.com\", qop=\"auth\", nonce=\"f84f1cec41e6cbe5aea9c8e88d359\", opaque=\"\", stale=FALSE, algorithm=MD5\r\n\
Content-Length: 0\r\n\r\n",
    "ACK sip:bob@biloxi.example.com SIP/2.0\r\n\
Via: SIP/2.0/TCP client.atlanta.example.com:5060;branch=z9hG4bK74bf9\r\n\
Max-Forwards: 70\r\n\
From: Alice <sip:alice@atlanta.example.com>;tag=9fxced76sl\r\n\
To: Bob <sip:bob@biloxi.example.com>;tag=3flal12sf\r\n\
Call-ID: 3848276298220188511@atlanta.example.com\r\n\
CSeq: 1 ACK\r\n\
Content-Length: 0\r\n\r\n",
    // F4 to F8: the INVITE again, through both proxies.
    "INVITE sip:bob@biloxi.example.com SIP/2.0\r\n\
Via: SIP/2.0/TCP client.atlanta.example.com:5060;branch=z9hG4bK74bfa\r\n\
Max-Forwards: 70\r\n\
From: Alice <sip:alice@atlanta.example.com>;tag=9fxced76sl\r\n\
To: Bob <sip:bob@biloxi.example.com>\r\n\
Call-ID: 3848276298220188511@atlanta.example.com\r\n\
CSeq: 2 INVITE\r\n\
Contact: <sip:alice@client.atlanta.example.com;transport=tcp>\r\n\
Proxy-Authorization: Digest username=\"alice\", realm=\"atlanta.example.com\", nonce=\"f84f1cec41e6cbe5aea9c8e88d359\", opaque=\"\", uri=\"sip:bob@biloxi.example.com\", response=\"42ce3cef44b22f50c6a6071bc8\"\r\n\
Content-Length: 0\r\n\r\n",
    "SIP/2.0 100 Trying\r\n\
Via: SIP/2.0/TCP client.atlanta.example.com:5060;branch=z9hG4bK74bfa;received=192.0.2.101\r\n\
From: Alice <sip:alice@atlanta.example.com>;tag=9fxced76sl\r\n\
To: Bob <sip:bob@biloxi.example.com>\r\n\
Call-ID: 3848276298220188511@atlanta.example.com\r\n\
CSeq: 2 INVITE\r\n\
Content-Length: 0\r\n\r\n",
    "INVITE sip:bob@biloxi.example.com SIP/2.0\r\n\
Via: SIP/2.0/TCP ss1.atlanta.example.com:5060;branch=z9hG4bK2d4790.1\r\n\
Via: SIP/2.0/TCP client.atlanta.example.com:5060;branch=z9hG4bK74bfa;received=192.0.2.101\r\n\
Max-Forwards: 69\r\n\
Record-Route: <sip:ss1.atlanta.example.com;lr>\r\n\
From: Alice <sip:alice@atlanta.example.com>;tag=9fxced76sl\r\n\
To: Bob <sip:bob@biloxi.example.com>\r\n\
Call-ID: 3848276298220188511@atlanta.example.com\r\n\
CSeq: 2 INVITE\r\n\
Contact: <sip:alice@client.atlanta.example.com;transport=tcp>\r\n\
Content-Length: 0\r\n\r\n",
    "SIP/2.0 100 Trying\r\n\
Via: SIP/2.0/TCP ss1.atlanta.example.com:5060;branch=z9hG4bK2d4790.1;received=192.0.2.111\r\n\
Via: SIP/2.0/TCP client.atlanta.example.com:5060;branch=z9hG4bK74bfa;received=192.0.2.101\r\n\
From: Alice <sip:alice@atlanta.example.com>;tag=9fxced76sl\r\n\
To: Bob <sip:bob@biloxi.example.com>\r\n\
Call-ID: 3848276298220188511@atlanta.example.com\r\n\
CSeq: 2 INVITE\r\n\
Content-Length: 0\r\n\r\n",
    "INVITE sip:bob@client.biloxi.example.com SIP/2.0\r\n\
Via: SIP/2.0/TCP ss2.biloxi.example.com:5060;branch=z9hG4bK721e418c4.1\r\n\
Via: SIP/2.0/TCP ss1.atlanta.example.com:5060;branch=z9hG4bK2d4790.1;received=192.0.2.111\r\n\
Via: SIP/2.0/TCP client.atlanta.example.com:5060;branch=z9hG4bK74bfa;received=192.0.2.101\r\n\
Max-Forwards: 68\r\n\
Record-Route: <sip:ss2.biloxi.example.com;lr>, <sip:ss1.atlanta.example.com;lr>\r\n\
From: Alice <sip:alice@atlanta.example.com>;tag=9fxced76sl\r\n\
To: Bob <sip:bob@biloxi.example.com>\r\n\
Call-ID: 3848276298220188511@atlanta.example.com\r\n\
CSeq: 2 INVITE\r\n\
Contact: <sip:alice@client.atlanta.example.com;transport=tcp>\r\n\
Content-Length: 0\r\n\r\n",
    // F9 to F14: Bob is busy; each hop acknowledges the 486 and forwards it.
    "SIP/2.0 486 Busy Here\r\n\
Via: SIP/2.0/TCP ss2.biloxi.example.com:5060;branch=z9hG4bK721e418c4.1;received=192.0.2.222\r\n\
Via: SIP/2.0/TCP ss1.atlanta.example.com:5060;branch=z9hG4bK2d4790.1;received=192.0.2.111\r\n\
Via: SIP/2.0/TCP client.atlanta.example.com:5060;branch=z9hG4bK74bfa;received=192.0.2.101\r\n\
From: Alice <sip:alice@atlanta.example.com>;tag=9fxced76sl\r\n\
To: Bob <sip:bob@biloxi.example.com>;tag=314159\r\n\
Call-ID: 3848276298220188511@atlanta.example.com\r\n\
CSeq: 2 INVITE\r\n\
Content-Length: 0\r\n\r\n",
    "ACK sip:bob@client.biloxi.example.com SIP/2.0\r\n\
Via: SIP/2.0/TCP ss2.biloxi.example.com:5060;branch=z9hG4bK721e418c4.1\r\n\
Max-Forwards: 70\r\n\
From: Alice <sip:alice@atlanta.example.com>;tag=9fxced76sl\r\n\
To: Bob <sip:bob@biloxi.example.com>;tag=314159\r\n\
Call-ID: 3848276298220188511@atlanta.example.com\r\n\
CSeq: 2 ACK\r\n\
Content-Length: 0\r\n\r\n",
    "SIP/2.0 486 Busy Here\r\n\
Via: SIP/2.0/TCP ss1.atlanta.example.com:5060;branch=z9hG4bK2d4790.1;received=192.0.2.111\r\n\
Via: SIP/2.0/TCP client.atlanta.example.com:5060;branch=z9hG4bK74bfa;received=192.0.2.101\r\n\
From: Alice <sip:alice@atlanta.example.com>;tag=9fxced76sl\r\n\
To: Bob <sip:bob@biloxi.example.com>;tag=314159\r\n\
Call-ID: 3848276298220188511@atlanta.example.com\r\n\
CSeq: 2 INVITE\r\n\
Content-Length: 0\r\n\r\n",
    "ACK sip:bob@biloxi.example.com SIP/2.0\r\n\
Via: SIP/2.0/TCP ss1.atlanta.example.com:5060;branch=z9hG4bK2d4790.1\r\n\
Max-Forwards: 70\r\n\
From: Alice <sip:alice@atlanta.example.com>;tag=9fxced76sl\r\n\
To: Bob <sip:bob@biloxi.example.com>;tag=314159\r\n\
Call-ID: 3848276298220188511@atlanta.example.com\r\n\
CSeq: 2 ACK\r\n\
Content-Length: 0\r\n\r\n",
    "SIP/2.0 486 Busy Here\r\n\
Via: SIP/2.0/TCP client.atlanta.example.com:5060;branch=z9hG4bK74bfa;received=192.0.2.101\r\n\
From: Alice <sip:alice@atlanta.example.com>;tag=9fxced76sl\r\n\
To: Bob <sip:bob@biloxi.example.com>;tag=314159\r\n\
Call-ID: 3848276298220188511@atlanta.example.com\r\n\
CSeq: 2 INVITE\r\n\
Content-Length: 0\r\n\r\n",
    "ACK sip:bob@biloxi.example.com SIP/2.0\r\n\
Via: SIP/2.0/TCP client.atlanta.example.com:5060;branch=z9hG4bK74bfa\r\n\
Max-Forwards: 70\r\n\
From: Alice <sip:alice@atlanta.example.com>;tag=9fxced76sl\r\n\
To: Bob <sip:bob@biloxi.example.com>;tag=314159\r\n\
Call-ID: 3848276298220188511@atlanta.example.com\r\n\
CSeq: 2 ACK\r\n\
Content-Length: 0\r\n\r\n",
];

/// SHOULDs the RFCs' own example flows leave out: the registrar's Date (RFC 3261 §10.3) in
/// RFC 3261 §24.1 and RFC 3665 §2.1, and Supported in a 2xx to INVITE (RFC 3261 Table 3,
/// `m*`) in RFC 3261 §24.2. The audit warns of them; nothing else may be found.
const EXAMPLES_LEAVE_OUT: [&str; 2] = ["200-should-carry-date", "200-should-carry-supported"];

/// What a clean flow may still show: Info, and the warnings the examples are known for.
fn assert_clean(flow: &str, index: usize, report: &Report<'_>) {
    let unexpected: Vec<&str> = report
        .findings()
        .filter(|finding| {
            finding.rule().severity() != Severity::Info && !EXAMPLES_LEAVE_OUT.contains(&finding.rule().id())
        })
        .map(|finding| finding.rule().id())
        .collect();
    assert!(unexpected.is_empty(), "{flow} message {index}: {:?}", ids(report));
    for finding in report
        .findings()
        .filter(|finding| EXAMPLES_LEAVE_OUT.contains(&finding.rule().id()))
    {
        assert_eq!(finding.rule().severity(), Severity::Warning, "{finding}");
    }
}

#[test]
fn the_rfc_example_flows_show_no_error_and_only_the_warnings_they_are_known_for() {
    for (name, flow) in [("RFC 3261 §24", RFC3261_FLOW), ("RFC 3665", RFC3665_FLOW)] {
        // Each response alone.
        let mut responses = 0;
        for (index, message) in flow.iter().enumerate() {
            if message.starts_with("SIP/2.0") {
                assert_clean(name, index, &check(message));
                responses += 1;
            }
        }
        assert!(responses >= 4, "{name}");
        // As a trace, each message in order.
        let mut auditor = Auditor::new();
        for (index, message) in flow.iter().enumerate() {
            let at = Duration::from_millis(u64::try_from(index).unwrap() * 50);
            assert_clean(name, index, &auditor.observe(at, message.as_bytes()).unwrap());
        }
        // Each response with its request: the last request before it on the same branch.
        for (index, message) in flow
            .iter()
            .enumerate()
            .filter(|(_, message)| message.starts_with("SIP/2.0"))
        {
            let branch = sipcodes::message::Message::parse(message.as_bytes())
                .unwrap()
                .top_via_branch();
            let request = flow[..index]
                .iter()
                .rev()
                .find(|earlier| {
                    !earlier.starts_with("SIP/2.0")
                        && !earlier.starts_with("ACK")
                        && sipcodes::message::Message::parse(earlier.as_bytes())
                            .unwrap()
                            .top_via_branch()
                            == branch
                })
                .unwrap_or_else(|| panic!("{name} message {index}: no request"));
            let report = audit::check_exchange(request.as_bytes(), message.as_bytes()).unwrap();
            assert_clean(name, index, &report);
        }
    }
    // RFC 3665's 407 carries the phrase "Proxy Authorization Required": legal, and noted.
    let report = check(RFC3665_FLOW[5]);
    assert_eq!(ids(&report), ["reason-phrase-not-registered"]);
    assert_eq!(report.worst(), Some(Severity::Info));
}

#[test]
fn explain_lists_the_rules_of_a_code() {
    let status = sipcodes::StatusCode::from_u16(405).unwrap();
    let rules: Vec<&str> = audit::rules_for(status).map(audit::Rule::id).collect();
    assert!(rules.contains(&"405-must-carry-allow"), "{rules:?}");
    assert!(rules.contains(&"405-must-not-carry-min-se"), "{rules:?}");
    assert!(rules.contains(&"to-tag-missing"), "{rules:?}");
    assert!(!rules.contains(&"401-must-carry-www-authenticate"), "{rules:?}");
    assert!(!rules.contains(&"408-to-non-invite"), "{rules:?}");
    let unregistered = sipcodes::StatusCode::from_u16(UNREGISTERED).unwrap();
    assert!(audit::rules_for(unregistered).any(|rule| rule.id() == "unregistered-must-not-carry-min-se"));
}

#[test]
fn a_finding_is_one_line_even_from_a_folded_value() {
    let message = response(
        "486 Busy Here",
        "INVITE",
        "Reason: Q.850;cause=17;\r\n text=seventeen\r\n",
    )
    .replace("CSeq: 314159 INVITE", "CSeq: 314159\r\n INVITE x");
    let report = check(&message);
    let lines: Vec<String> = report.findings().map(ToString::to_string).collect();
    assert_eq!(
        lines,
        [
            "486 with an unreadable CSeq \"314159 INVITE x\"",
            "486 with an unreadable Reason \"Q.850;cause=17; text=seventeen\""
        ]
    );
}

sipcodes::q850_profile! {
    /// The profile in `tests/profiles/audit_pbx.toml`: RFC 3398, but cause 34 goes out as 486.
    static PBX = "profiles/audit_pbx.toml";
}

/// The rule `reason-q850-inconsistent`'s findings for `status` carrying the Reason `reason`
/// under `profile`, as `Display` writes them.
fn q850_findings(status: &str, reason: &str, profile: &'static dyn sipcodes::q850::Mapping) -> Vec<String> {
    let message = response(status, "INVITE", &format!("Reason: {reason}\r\n"));
    let report = audit::check_response_with_profile(message.as_bytes(), profile).unwrap();
    report
        .findings()
        .filter(|finding| finding.rule().id() == "reason-q850-inconsistent")
        .map(ToString::to_string)
        .collect()
}

#[test]
fn a_q850_cause_is_judged_by_the_profile_chosen() {
    use sipcodes::q850::{self, ASTERISK, FREESWITCH, OPENSIPS, Profile};
    // FreeSWITCH's mod_sofia answers cause 47 (resource unavailable) with 480; RFC 3398
    // §7.2.4.1 sends 503 for it, and reads 480 as cause 18 (§8.2.6.1).
    let unavailable = response("480 Temporarily Unavailable", "INVITE", "Reason: Q.850;cause=47\r\n");
    let default = check(&unavailable);
    assert!(default.has("reason-q850-inconsistent"));
    assert_eq!(
        default.findings().map(ToString::to_string).collect::<Vec<_>>(),
        ["480 with Reason: Q.850;cause=47: RFC 3398 maps cause 47 to 503"]
    );
    let rfc3398 = audit::check_response_with_profile(unavailable.as_bytes(), &Profile::Rfc3398).unwrap();
    assert_eq!(
        rfc3398.findings().collect::<Vec<_>>(),
        default.findings().collect::<Vec<_>>()
    );
    let freeswitch = q850::profile("freeswitch").unwrap();
    let report = audit::check_response_with_profile(unavailable.as_bytes(), freeswitch).unwrap();
    assert!(report.is_clean(), "{:?}", report.findings().collect::<Vec<_>>());
    // The other way: what RFC 3398 accepts, a vendor's table may not, and the finding
    // names the vendor's table.
    assert!(q850_findings("503 Service Unavailable", "Q.850;cause=47", &Profile::Rfc3398).is_empty());
    assert_eq!(
        q850_findings("503 Service Unavailable", "Q.850;cause=47", &FREESWITCH),
        ["503 with Reason: Q.850;cause=47: FreeSWITCH (mod_sofia) maps cause 47 to 480"]
    );
    // Asterisk answers cause 21 with 403, as RFC 3398 does; a 480 is neither's.
    assert_eq!(
        q850_findings("480 Temporarily Unavailable", "Q.850;cause=21", &ASTERISK),
        ["480 with Reason: Q.850;cause=21: Asterisk (chan_pjsip / res_pjsip) maps cause 21 to 403"]
    );
    assert_eq!(
        q850_findings("480 Temporarily Unavailable", "Q.850;cause=21", &Profile::Rfc3398),
        ["480 with Reason: Q.850;cause=21: RFC 3398 maps cause 21 to 403"]
    );
    // OpenSIPS maps no cause to a status: the finding gives the status's own cause.
    let opensips = q850_findings("486 Busy Here", "Q.850;cause=1", &OPENSIPS);
    assert_eq!(opensips.len(), 1);
    assert!(
        opensips[0].starts_with("486 with Reason: Q.850;cause=1: OpenSIPS (sip_i) maps 486 to cause "),
        "{opensips:?}"
    );
    // A 1xx, or a cause Q.850 does not assign, is judged under no profile.
    for profile in q850::BUILT_IN {
        assert!(q850_findings("183 Session Progress", "Q.850;cause=47", *profile).is_empty());
        assert!(q850_findings("480 Temporarily Unavailable", "Q.850;cause=120", *profile).is_empty());
    }
}

#[test]
fn a_gateway_s_own_profile_judges_its_traffic() {
    use sipcodes::q850::Profile;
    let busy = response("486 Busy Here", "INVITE", "Reason: Q.850;cause=34\r\n");
    // RFC 3398 sends 503 for cause 34 (no circuit available) and reads 486 as 17.
    assert_eq!(
        q850_findings("486 Busy Here", "Q.850;cause=34", &Profile::Rfc3398),
        ["486 with Reason: Q.850;cause=34: RFC 3398 maps cause 34 to 503"]
    );
    assert!(
        audit::check_response_with_profile(busy.as_bytes(), &PBX)
            .unwrap()
            .is_clean()
    );
    // What the table does not list is RFC 3398's, its base.
    assert_eq!(
        q850_findings("404 Not Found", "Q.850;cause=17", &PBX),
        ["404 with Reason: Q.850;cause=17: Example PBX maps cause 17 to 486"]
    );
    // The exchange and the trace take the profile too.
    let invite = request("INVITE", "");
    let exchange = |profile| audit::check_exchange_with_profile(invite.as_bytes(), busy.as_bytes(), profile).unwrap();
    assert!(
        exchange(&PBX)
            .findings()
            .all(|finding| finding.rule().id() != "reason-q850-inconsistent")
    );
    assert!(exchange(&Profile::Rfc3398).has("reason-q850-inconsistent"));
    assert!(
        audit::check_exchange(invite.as_bytes(), busy.as_bytes())
            .unwrap()
            .has("reason-q850-inconsistent")
    );
    let mut auditor = Auditor::with_profile(&PBX);
    assert_eq!(auditor.profile().key(), "example-pbx");
    assert!(auditor.observe(Duration::ZERO, busy.as_bytes()).unwrap().is_clean());
    let mut auditor = Auditor::new();
    assert_eq!(auditor.profile().key(), "rfc3398");
    assert!(
        auditor
            .observe(Duration::ZERO, busy.as_bytes())
            .unwrap()
            .has("reason-q850-inconsistent")
    );
}
