//! The hot-path operations allocate nothing: counted by a global allocator that tallies every
//! call, not timed. This file is its own test binary, so the counting allocator only sits
//! under these checks.
//!
//! The counters are global, so the checks run one after another inside a single test: a
//! second test thread starting up would allocate and show in the count.

use std::alloc::System;
use std::fmt::Write as _;
use std::hint::black_box;

use sipcodes::{Code, StatusCode, StatusLine};
use stats_alloc::{INSTRUMENTED_SYSTEM, Region, StatsAlloc};

// The benchmarks' inputs: what is counted here is what they time.
#[path = "../../sipcodes/benches/inputs/mod.rs"]
mod inputs;
use inputs::{LINES, MIX, OTHER_LINES, PHRASES};

#[global_allocator]
static ALLOCATOR: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

/// Lines the benchmarks do not parse: without a CRLF, and with an unregistered code.
const MORE_LINES: [&str; 2] = ["SIP/2.0 487 Request Terminated", "SIP/2.0 499 Spam Suspected\r\n"];

/// How many allocations, reallocations and deallocations `operation` made.
fn allocations(operation: impl FnOnce()) -> usize {
    let region = Region::new(ALLOCATOR);
    operation();
    let change = region.change();
    change.allocations + change.reallocations + change.deallocations
}

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
        black_box((parsed.code(), parsed.reason()));
        black_box(StatusLine::parse_str(black_box(line)).unwrap());
        black_box(StatusLine::parse_lenient(black_box(line.as_bytes())).unwrap());
    }
    let message = b"SIP/2.0 200 OK\r\nCSeq: 1 INVITE\r\n\r\n";
    black_box(StatusLine::parse_prefix(black_box(message)).unwrap());
    for bad in [
        "SIP/2.0 4860 Busy Here",
        "SIP/2.0 486 Busy\rHere",
        "HTTP/1.1 200 OK",
        "",
    ] {
        black_box(StatusLine::parse(black_box(bad.as_bytes())).unwrap_err());
    }
}

fn status_line_formatting(buffer: &mut [u8], text: &mut String) {
    for number in MIX {
        let line = StatusLine::new(StatusCode::from_u16(number).unwrap());
        let length = line.write_to_slice(black_box(&mut *buffer)).unwrap();
        black_box(&buffer[..length]);
        text.clear();
        write!(text, "{line}").unwrap();
        write!(text, "{}", line.code()).unwrap();
        black_box(&*text);
    }
    black_box(
        StatusLine::new(Code::Ok.into())
            .write_to_slice(&mut [0; 4])
            .unwrap_err(),
    );
}

fn reason_phrase_to_code() {
    for code in Code::ALL {
        black_box(Code::from_reason(black_box(code.reason_phrase())));
        for alias in code.aliases() {
            black_box(Code::from_reason(black_box(alias)));
        }
    }
    for phrase in PHRASES.into_iter().chain(["BUSY HERE", "", "Busy Here, really"]) {
        black_box(Code::from_reason(black_box(phrase)));
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
        black_box(rule.names(black_box("m")));
        black_box(sipcodes::compact_form(black_box(rule.header())));
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
    // Formatting writes into buffers the caller reuses: a slice, and a String that already
    // has room (so writing to it does not grow it).
    let mut buffer = [0; 64];
    let mut text = String::with_capacity(128);
    assert_eq!(
        allocations(|| status_line_formatting(&mut buffer, &mut text)),
        0,
        "status-line formatting"
    );
    assert_eq!(allocations(reason_phrase_to_code), 0, "reason phrase -> code");
    assert_eq!(
        allocations(header_rules_and_reactions),
        0,
        "header rules, missing headers and reactions"
    );
}
