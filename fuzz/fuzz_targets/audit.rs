//! `audit::check_response`, `audit::check_exchange` and the trace `Auditor` on arbitrary
//! bytes: no panic; an error names a byte inside the input (or its end) and a grammar rule;
//! a report keeps at most its capacity and every finding writes a line.
//!
//! The input is split at its first NUL byte: the bytes before it are the request of an
//! exchange, the bytes after it the response (the whole input is also a response alone).
#![no_main]

use std::fmt::Write as _;
use std::time::Duration;

use libfuzzer_sys::fuzz_target;
use sipcodes::audit::{self, AuditError, Auditor, Report};

fuzz_target!(|data: &[u8]| {
    let mut text = String::new();
    match audit::check_response(data) {
        Ok(report) => check_report(&report, &mut text),
        Err(error) => check_error(data, &error),
    }
    let (request, response) = match data.iter().position(|&byte| byte == 0) {
        Some(at) => (&data[..at], &data[at + 1..]),
        None => (data, data),
    };
    match audit::check_exchange(request, response) {
        Ok(report) => check_report(&report, &mut text),
        Err(error) => {
            let input = match error.part() {
                audit::Part::Request => request,
                _ => response,
            };
            check_error(input, &error);
        }
    }
    let mut auditor = Auditor::with_capacity(8);
    for (at, message) in (0_u64..).zip([request, response, response, data]) {
        if let Ok(report) = auditor.observe(Duration::from_millis(at), message) {
            check_report(&report, &mut text);
        }
        assert!(auditor.len() <= 8);
    }
});

fn check_report(report: &Report<'_>, text: &mut String) {
    assert!(report.findings().count() <= Report::CAPACITY);
    for finding in report.findings() {
        text.clear();
        write!(text, "{finding}").unwrap();
        assert!(!text.is_empty() && !text.contains('\n'), "{text:?}");
        assert!(audit::rules().iter().any(|rule| std::ptr::eq(rule, finding.rule())));
    }
}

fn check_error(input: &[u8], error: &AuditError) {
    assert!(error.offset() <= input.len(), "{error}: offset outside {} bytes", input.len());
    assert!(!error.rule().is_empty());
    assert!(!error.to_string().is_empty());
}
