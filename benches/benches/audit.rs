//! `sipcodes::audit::check_response` beside httparse: auditing the head of a typical SIP
//! response (ten header fields) against httparse merely parsing the same head sent as an
//! HTTP/1.1 response. The target: auditing takes at most 1.5 times httparse's time.
//!
//! `cargo bench -p sipcodes-benches --bench audit`. `Message::parse` alone is timed as well,
//! so that the audit's own share shows.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use sipcodes::audit;
use sipcodes::message::Message;
use sipcodes_benches::TEN_HEADER_RESPONSE as RESPONSE;

/// A 486 with a Reason and a Warning value to read: ten header fields too.
const BUSY: &str = concat!(
    "SIP/2.0 486 Busy Here\r\n",
    "Via: SIP/2.0/UDP ss2.biloxi.example.com:5060;branch=z9hG4bK721e418c4.1;received=192.0.2.222\r\n",
    "Via: SIP/2.0/UDP ss1.atlanta.example.com:5060;branch=z9hG4bK2d4790.1;received=192.0.2.111\r\n",
    "Via: SIP/2.0/UDP client.atlanta.example.com:5060;branch=z9hG4bK74bf9;received=192.0.2.101\r\n",
    "From: Alice <sip:alice@atlanta.example.com>;tag=9fxced76sl\r\n",
    "To: Bob <sip:bob@biloxi.example.com>;tag=314159\r\n",
    "Call-ID: 3848276298220188511@atlanta.example.com\r\n",
    "CSeq: 2 INVITE\r\n",
    "Reason: Q.850;cause=17;text=\"User busy\"\r\n",
    "Warning: 399 ss2.biloxi.example.com \"Busy\"\r\n",
    "Content-Length: 0\r\n",
    "\r\n",
);

fn audit_head(criterion: &mut Criterion) {
    for (name, sip) in [("200", RESPONSE), ("486 with Reason and Warning", BUSY)] {
        let http = sip.replacen("SIP/2.0", "HTTP/1.1", 1).into_bytes();
        let sip = sip.as_bytes();
        // No error: the 200, like RFC 3261's own example, only lacks the Supported a 2xx to
        // INVITE should carry (a warning).
        assert!(audit::check_response(sip).is_ok_and(|report| report.worst() != Some(audit::Severity::Error)));
        let mut group = criterion.benchmark_group(format!("audit {name}"));
        group.throughput(Throughput::Bytes(u64::try_from(sip.len()).unwrap_or(u64::MAX)));
        group.bench_function("sipcodes audit::check_response", |bencher| {
            bencher.iter(|| {
                let report = audit::check_response(black_box(sip)).ok();
                black_box(report.map(|report| report.findings().count()))
            });
        });
        group.bench_function("sipcodes Message::parse", |bencher| {
            bencher.iter(|| black_box(Message::parse(black_box(sip)).ok()));
        });
        group.bench_function("httparse Response::parse", |bencher| {
            bencher.iter(|| {
                let mut headers = [httparse::EMPTY_HEADER; 16];
                let mut response = httparse::Response::new(&mut headers);
                let status = response.parse(black_box(&http)).ok();
                black_box((status, response.code, response.headers.len()));
            });
        });
        group.finish();
    }
}

criterion_group!(benches, audit_head);
criterion_main!(benches);
