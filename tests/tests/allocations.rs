//! The hot-path operations allocate nothing: counted by a global allocator that tallies every
//! call, not timed. This file is its own test binary, so the counting allocator only sits
//! under these checks.
//!
//! The counters are global, so the checks run one after another inside a single test: a
//! second test thread starting up would allocate and show in the count.

use std::fmt::Write as _;
use std::hint::black_box;

use sipcodes::forking::{ResponseContext, Transaction, select_best};
use sipcodes::q850::{self, Cause, Location, NewNumber, Profile};
use sipcodes::reason::Protocol;
use sipcodes::reason::{self, ReasonValue};
use sipcodes::warning::WarnCode;
use sipcodes::warning::{self, WarningValue};
use sipcodes::{Code, StatusCode, StatusLine};
mod counting;

use counting::allocations;

// The benchmarks' inputs: what is counted here is what they time.
#[path = "../../benches/src/lib.rs"]
mod inputs;
use inputs::{LINES, MIX, OTHER_LINES, PHRASES};

/// Lines the benchmarks do not parse: without a CRLF, and with an unregistered code.
const MORE_LINES: [&str; 2] = ["SIP/2.0 487 Request Terminated", "SIP/2.0 499 Spam Suspected\r\n"];

fn integer_to_reason_phrase() {
    for number in MIX {
        let code = StatusCode::from_u16(black_box(number)).unwrap();
        black_box(code.reason_phrase());
        black_box(code.canonical().reason_phrase());
        black_box(Code::from_u16(number).map(Code::reason_phrase));
    }
    for number in [0, 99, 700, u16::MAX] {
        black_box(StatusCode::from_u16(black_box(number)).unwrap_err());
    }
}

fn status_line_parsing() {
    for line in LINES.into_iter().chain(OTHER_LINES).chain(MORE_LINES) {
        let parsed = StatusLine::parse(black_box(line.as_bytes())).unwrap();
        black_box((parsed.code(), parsed.reason_phrase()));
        // A UTF-8 phrase is borrowed by the lossy accessor too.
        black_box(parsed.reason_phrase_lossy());
        black_box(StatusLine::parse_str(black_box(line)).unwrap());
        black_box(StatusLine::parse_lenient(black_box(line.as_bytes())).unwrap());
    }
    let message = b"SIP/2.0 200 OK\r\nCSeq: 1 INVITE\r\n\r\n";
    black_box(StatusLine::parse_prefix(black_box(message)).unwrap());
    black_box(StatusLine::parse_prefix_lenient(black_box(message)).unwrap());
    // The lenient paths of their own: line endings before the line, a bare LF, a phrase
    // that is not UTF-8 (kept as bytes, and written lossily by Display).
    let lenient = StatusLine::parse_prefix_lenient(black_box(b"\r\n\r\nSIP/2.0 486 Occup\xE9\nCSeq: 1 INVITE\n\n"))
        .unwrap()
        .0;
    black_box((lenient.reason_phrase_bytes(), lenient.reason_phrase_is_utf8()));
    black_box(StatusLine::parse_lenient(black_box(b"\nSIP/2.0  480 [Released]\n")).unwrap());
    for bad in [
        "SIP/2.0 4860 Busy Here",
        "SIP/2.0 486 Busy\rHere",
        "HTTP/1.1 200 OK",
        "",
        "\r\nSIP/2.0 200 OK\r\n",
        "SIP/2.0 200 OK\r\nVia: x\r\n",
    ] {
        black_box(StatusLine::parse(black_box(bad.as_bytes())).unwrap_err());
        black_box(StatusLine::parse_prefix_lenient(black_box(bad.as_bytes())).ok());
    }
}

fn status_line_formatting(buffer: &mut [u8], text: &mut String, wire: &mut Vec<u8>) {
    let lenient = StatusLine::parse_lenient(b"SIP/2.0 486 Occup\xE9").unwrap();
    let own = StatusLine::with_reason_phrase(StatusCode::from_u16(480).unwrap(), "Gone fishing").unwrap();
    let lines = MIX.map(|number| StatusLine::new(StatusCode::from_u16(number).unwrap()));
    for line in lines.into_iter().chain([lenient, own]) {
        let length = line.write_to_slice(black_box(&mut *buffer)).unwrap();
        black_box(&buffer[..length]);
        text.clear();
        write!(text, "{line}").unwrap();
        write!(text, "{}", line.code()).unwrap();
        black_box(&*text);
        wire.clear();
        line.write_to(&mut *wire).unwrap();
        black_box(&*wire);
    }
    black_box(
        StatusLine::new(Code::Ok.into())
            .write_to_slice(&mut [0; 4])
            .unwrap_err(),
    );
}

fn reason_phrase_to_code() {
    for code in Code::ALL {
        black_box(Code::from_reason_phrase(black_box(code.reason_phrase())));
        for alias in code.aliases() {
            black_box(Code::from_reason_phrase(black_box(alias)));
        }
    }
    for phrase in PHRASES.into_iter().chain(["BUSY HERE", "", "Busy Here, really"]) {
        black_box(Code::from_reason_phrase(black_box(phrase)));
    }
}

/// The header names of a typical 405 response, as the benchmark checks them.
const RESPONSE_405: [&str; 7] = ["Via", "From", "To", "Call-ID", "CSeq", "Allow", "Content-Length"];

fn header_rules_and_reactions() {
    for code in Code::ALL {
        black_box(code.header_rules());
        black_box(code.missing_headers(black_box(RESPONSE_405)).count());
        black_box(code.missing_headers(black_box(["v", "f", "t", "i", "l"])).next());
        black_box(code.missing_headers(black_box([])).last());
        black_box(code.may_carry_retry_after());
        black_box(code.client_reaction().fix_headers());
        black_box((code.reaction(), code.advice()));
    }
    for number in MIX {
        let status = StatusCode::from_u16(black_box(number)).unwrap();
        black_box((status.reaction(), status.advice(), status.may_carry_retry_after()));
        black_box(status.client_reaction());
    }
    for rule in Code::MultipleChoices.header_rules() {
        black_box(rule.matches_name(black_box("m")));
        black_box(sipcodes::compact_form(black_box(rule.header())));
    }
}

/// A forked INVITE and a forked non-INVITE from first branch to final answer, and the choice
/// over stored responses: the context lives on the stack.
fn forking() {
    // An answer is #[must_use]; this takes it without a warning.
    fn keep<T>(value: T) {
        black_box(value);
    }

    let code = |number| StatusCode::from_u16(number).unwrap();
    let finals = [503, 407, 501, 404, 180, 603].map(code);
    for transaction in [Transaction::Invite, Transaction::NonInvite] {
        for length in 0..=finals.len() {
            black_box(select_best(black_box(&finals[..length]), transaction));
        }
        let mut context = ResponseContext::<u16, 8>::new(transaction);
        let branches = [(); 6].map(|()| context.add_branch().unwrap());
        keep(context.close());
        for (branch, number) in branches.iter().zip([100, 180, 183, 401, 407, 486]) {
            keep(context.on_response(*branch, code(number), number).unwrap());
        }
        if transaction == Transaction::Invite {
            keep(context.on_timer_c(branches[1]).unwrap());
        }
        keep(context.on_transport_error(branches[2]).unwrap());
        // A 603 for the non-INVITE; for the INVITE a 480, so a 401 is chosen and the 407 merged.
        let last = if transaction == Transaction::Invite { 480 } else { 603 };
        keep(context.on_response(branches[0], code(last), last).unwrap());
        keep(context.on_response(branches[1], code(487), 487).unwrap());
        keep(context.on_terminated(branches[5]).unwrap());
        let best = context.best().unwrap();
        black_box((best.status(), best.response(), best.challenges().count()));
    }
}

/// Reason values as peers send them, with every part the parser reads: several values,
/// whitespace, escapes, other parameters, and (lenient) unquoted text.
const REASONS: [&str; 4] = [
    "Q.850;cause=16;text=\"NORMAL_CLEARING\"",
    "SIP ;cause=200 ;text=\"Call completed elsewhere\", Q.850 ;cause=16 ;text=\"Terminated\"",
    "Q.850;cause=31;location=LN;x=\"a \\\"b\\\"\"",
    "SIP;cause=486;text=Busy Here",
];

/// Warning values: an IPv4 agent with a port, an IPv6 reference, two values, and (lenient)
/// an IPv6 agent without brackets.
const WARNINGS: [&str; 4] = [
    "392 192.0.2.10:5060 \"Noisy feedback tells:  pid=2301 req_src_ip=192.0.2.20\"",
    "305 [2001:db8::1]:5060 \"Incompatible media format\"",
    "307 isi.edu \"Session parameter 'foo' not understood\", 399 gw \"x\"",
    "392 2001:db8:0:0:0:0:0:226:6060 \"Noisy feedback tells:\"",
];

fn header_parsing() {
    for value in REASONS {
        let values = reason::parse_lenient(black_box(value.as_bytes())).unwrap();
        for value in &values {
            black_box((value.protocol(), value.cause(), value.text(), value.sip_status()));
            black_box(value.params().count());
        }
        black_box(
            reason::parse(black_box(value.as_bytes()))
                .map(|values| values.iter().count())
                .ok(),
        );
    }
    black_box(reason::parse(black_box(b"Q.850;cause=sixteen")).unwrap_err());
    for value in WARNINGS {
        let values = warning::parse_lenient(black_box(value.as_bytes())).unwrap();
        for value in &values {
            black_box((value.code(), value.agent(), value.text()));
        }
        black_box(
            warning::parse(black_box(value.as_bytes()))
                .map(|values| values.iter().count())
                .ok(),
        );
    }
    black_box(warning::parse(black_box(b"399 gw unquoted")).unwrap_err());
}

fn header_formatting(buffer: &mut [u8], text: &mut String) {
    for &code in Code::ALL {
        let value = ReasonValue::from(code);
        let length = value.write_to_slice(black_box(&mut *buffer)).unwrap();
        black_box(&buffer[..length]);
        text.clear();
        write!(text, "{value}").unwrap();
        black_box(&*text);
    }
    let value = ReasonValue::new("Q.850", Some(16), Some("Normal call clearing")).unwrap();
    black_box(value.write_to_slice(black_box(&mut *buffer)).unwrap());
    let value = WarningValue::new(305, "gw.example.com", "Incompatible media format").unwrap();
    black_box(value.write_to_slice(black_box(&mut *buffer)).unwrap());
    text.clear();
    write!(text, "{value}").unwrap();
    black_box(value.write_to_slice(&mut [0; 4]).unwrap_err());
}

/// Both directions of the Q.850 mapping, in both profiles, with every input the functions
/// take, and the registry lookups they rest on.
fn q850_mapping() {
    for cause in 0..=u8::MAX {
        black_box(Profile::Rfc3398.to_sip_raw(black_box(cause), None, NewNumber::Unknown));
        for location in Location::ALL {
            black_box(Profile::Rfc3398.to_sip_raw(black_box(cause), Some(*location), NewNumber::Unknown));
        }
        for profile in Profile::ALL {
            black_box(profile.to_sip_raw(black_box(cause), Some(Location::User), black_box(NewNumber::Known)));
            if let Some(cause) = Cause::from_u8(cause) {
                black_box(profile.to_sip(cause, None, NewNumber::Unknown));
                black_box(profile.to_sip_note(cause));
            }
        }
        black_box(Cause::from_u8(black_box(cause)).map(|cause| (cause.name(), cause.class())));
    }
    for number in 100..=699 {
        let status = StatusCode::from_u16(black_box(number)).unwrap();
        black_box(q850::from_sip(status, None));
        black_box(q850::from_sip(status, black_box(WarnCode::from_u16(305))));
        for profile in Profile::ALL {
            black_box(profile.from_sip(status, black_box(WarnCode::from_u16(370))));
            black_box(profile.from_sip_note(status));
        }
    }
    for code in 0..=999 {
        black_box(WarnCode::from_u16(black_box(code)).map(WarnCode::text));
    }
    for name in ["Q.850", "sip", "Preemption", "STIR", ""] {
        black_box(Protocol::from_name(black_box(name)));
    }
}

#[test]
fn the_hot_paths_allocate_nothing() {
    // The counter works: a boxed value is one allocation and one deallocation.
    assert_eq!(allocations(|| drop(black_box(Box::new(486_u16)))), 2);

    assert_eq!(
        allocations(integer_to_reason_phrase),
        0,
        "integer -> code -> reason phrase"
    );
    assert_eq!(allocations(status_line_parsing), 0, "status-line parsing");
    // Formatting writes into buffers the caller reuses: a slice, and a String and a Vec that
    // already have room (so writing to them does not grow them).
    let mut buffer = [0; 64];
    let mut text = String::with_capacity(128);
    let mut wire = Vec::with_capacity(128);
    assert_eq!(
        allocations(|| status_line_formatting(&mut buffer, &mut text, &mut wire)),
        0,
        "status-line formatting"
    );
    assert_eq!(allocations(reason_phrase_to_code), 0, "reason phrase -> code");
    assert_eq!(
        allocations(header_rules_and_reactions),
        0,
        "header rules, missing headers and reactions"
    );
    assert_eq!(allocations(q850_mapping), 0, "Q.850 cause <-> status code");
    assert_eq!(allocations(forking), 0, "forking: select_best and a response context");
    assert_eq!(allocations(header_parsing), 0, "Reason and Warning parsing");
    assert_eq!(
        allocations(|| header_formatting(&mut buffer, &mut text)),
        0,
        "Reason and Warning formatting"
    );
}
