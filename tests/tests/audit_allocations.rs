//! `sipcodes::audit::check_response` and `check_exchange` allocate nothing: counted by a
//! global allocator that tallies every call, over clean responses, responses that break many
//! rules (Reason and Warning values parsed, a report filled past its capacity), their
//! findings written out, and malformed input. Its own test binary, so the counting allocator
//! sits under this check alone, in one test.

use std::fmt::Write as _;
use std::hint::black_box;

use sipcodes::audit;
mod counting;

use counting::allocations;

const REQUEST: &[u8] = b"INVITE sip:bob@biloxi.example.com SIP/2.0\r\n\
Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bK776asdhds\r\n\
Max-Forwards: 70\r\n\
To: Bob <sip:bob@biloxi.example.com>\r\n\
From: Alice <sip:alice@atlanta.example.com>;tag=1928301774\r\n\
Call-ID: a84b4c76e66710@pc33.atlanta.example.com\r\n\
CSeq: 314159 INVITE\r\n\
Content-Length: 0\r\n\
\r\n";

const CLEAN: &[u8] = b"SIP/2.0 200 OK\r\n\
Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bK776asdhds;received=192.0.2.1\r\n\
To: Bob <sip:bob@biloxi.example.com>;tag=a6c85cf\r\n\
From: Alice <sip:alice@atlanta.example.com>;tag=1928301774\r\n\
Call-ID: a84b4c76e66710@pc33.atlanta.example.com\r\n\
CSeq: 314159 INVITE\r\n\
Contact: <sip:bob@192.0.2.4>\r\n\
Content-Length: 0\r\n\
\r\n";

/// Breaks many rules: an unregistered phrase, no To tag, Retry-After and Error-Info where
/// they do not belong, a Reason of an unregistered protocol and a Q.850 cause at odds with
/// the code, unregistered warn-codes past the report's capacity, and the exchange's Call-ID.
const FAULTY: &[u8] = b"SIP/2.0 405 Nicht erlaubt\r\n\
Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bK776asdhds\r\n\
To: Bob <sip:bob@biloxi.example.com>\r\n\
From: Alice <sip:alice@atlanta.example.com>;tag=1928301774\r\n\
Call-ID: other@pc33.atlanta.example.com\r\n\
CSeq: 314159 INVITE\r\n\
Retry-After: 30\r\n\
Min-SE: 90\r\n\
Reason: X-Acme;cause=7, Q.850;cause=17;location=U\r\n\
Reason: Q.850;cause=sixteen\r\n\
Warning: 340 h \"a\", 341 h \"b\", 342 h \"c\", 343 h \"d\", 344 h \"e\", 345 h \"f\"\r\n\
Warning: 346 h \"a\", 347 h \"b\", 348 h \"c\", 349 h \"d\", 350 h \"e\", 351 h \"f\"\r\n\
Warning: broken\r\n\
Content-Length: 0\r\n\
\r\n";

#[test]
fn auditing_allocates_nothing() {
    // The counter works: a boxed value is one allocation and one deallocation.
    assert_eq!(allocations(|| drop(black_box(Box::new(486_u16)))), 2);

    let mut text = String::with_capacity(4096);
    assert_eq!(
        allocations(|| {
            for response in [CLEAN, FAULTY] {
                let report = audit::check_response(black_box(response)).unwrap();
                black_box((
                    report.status_line(),
                    report.worst(),
                    report.is_clean(),
                    report.dropped(),
                ));
                text.clear();
                for finding in report.findings() {
                    writeln!(
                        text,
                        "{finding} [{} {}]",
                        finding.rule().id(),
                        finding.rule().citation()
                    )
                    .unwrap();
                }
                let report = audit::check_exchange(black_box(REQUEST), black_box(response)).unwrap();
                black_box(report.findings().count());
            }
        }),
        0,
        "checking responses and exchanges"
    );
    let report = audit::check_response(FAULTY).unwrap();
    assert!(report.dropped() > 0, "the faulty response fills the report");

    // A Reason's cause judged under a vendor's table, the finding written with its name.
    let released = b"SIP/2.0 480 Temporarily Unavailable\r\n\
Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bK776asdhds\r\n\
To: Bob <sip:bob@biloxi.example.com>;tag=a6c85cf\r\n\
From: Alice <sip:alice@atlanta.example.com>;tag=1928301774\r\n\
Call-ID: a84b4c76e66710@pc33.atlanta.example.com\r\n\
CSeq: 314159 INVITE\r\n\
Reason: Q.850;cause=21\r\n\
Content-Length: 0\r\n\
\r\n";
    assert_eq!(
        allocations(|| {
            let report = audit::check_response_with_profile(black_box(released), &sipcodes::q850::ASTERISK).unwrap();
            text.clear();
            for finding in report.findings() {
                write!(text, "{finding}").unwrap();
            }
            let report = audit::check_exchange_with_profile(
                black_box(REQUEST),
                black_box(released),
                &sipcodes::q850::FREESWITCH,
            )
            .unwrap();
            black_box(report.findings().count());
        }),
        0,
        "checking under a chosen profile"
    );
    assert!(
        text.ends_with("Asterisk (chan_pjsip / res_pjsip) maps cause 21 to 403"),
        "{text}"
    );

    assert_eq!(
        allocations(|| {
            for cut in 0..FAULTY.len() {
                if let Err(error) = audit::check_response(black_box(&FAULTY[..cut])) {
                    text.clear();
                    write!(text, "{error}").unwrap();
                    black_box((error.offset(), error.rule()));
                }
            }
            black_box(audit::check_response(black_box(REQUEST)).unwrap_err());
            for rule in audit::rules() {
                black_box((rule.id(), rule.severity(), rule.summary(), rule.citation()));
            }
        }),
        0,
        "errors and the rule table"
    );
}
