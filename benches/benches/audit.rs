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
use sipcodes_benches::{BUSY_RESPONSE as BUSY, TEN_HEADER_RESPONSE as RESPONSE};

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
