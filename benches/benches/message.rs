//! `sipcodes::message` against httparse: the head of a typical SIP response (ten header
//! fields), parsed by `Message::parse`, and the same head as an HTTP/1.1 response parsed by
//! httparse into an array of header fields.
//!
//! `cargo bench -p sipcodes-benches --bench message`. The two do comparable work: each checks
//! the start line and every header field's name and line endings, and hands out borrowed
//! slices; `Message::parse` also reads Content-Length, checks UTF-8 and notes where the
//! header fields its accessors read are, where httparse fills its array.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use sipcodes::message::Message;
use sipcodes_benches::TEN_HEADER_RESPONSE as RESPONSE;

fn message_head(criterion: &mut Criterion) {
    let sip = RESPONSE.as_bytes();
    let http = RESPONSE.replacen("SIP/2.0", "HTTP/1.1", 1).into_bytes();
    let mut group = criterion.benchmark_group("message_head");
    group.throughput(Throughput::Bytes(u64::try_from(sip.len()).unwrap_or(u64::MAX)));
    group.bench_function("sipcodes Message::parse", |bencher| {
        bencher.iter(|| black_box(Message::parse(black_box(sip)).ok()));
    });
    group.bench_function("sipcodes Message::parse_prefix", |bencher| {
        bencher.iter(|| black_box(Message::parse_prefix(black_box(sip)).ok()));
    });
    group.bench_function("httparse Response::parse", |bencher| {
        bencher.iter(|| {
            let mut headers = [httparse::EMPTY_HEADER; 16];
            let mut response = httparse::Response::new(&mut headers);
            let status = response.parse(black_box(&http)).ok();
            black_box((status, response.code, response.headers.len()));
        });
    });
    // What a transaction layer reads next: the parse and the typed accessors.
    group.bench_function("sipcodes parse, then Call-ID, CSeq, tags and top branch", |bencher| {
        bencher.iter(|| {
            let message = Message::parse(black_box(sip)).ok()?;
            black_box((
                message.call_id(),
                message.cseq(),
                message.from_tag(),
                message.to_tag(),
                message.top_via_branch(),
            ));
            Some(())
        });
    });
    // Every header field's name and value, as an audit reads them.
    group.bench_function("sipcodes parse, then every header field", |bencher| {
        bencher.iter(|| {
            let message = Message::parse(black_box(sip)).ok()?;
            for header in message.headers() {
                black_box((header.name(), header.value()));
            }
            Some(())
        });
    });
    group.finish();
}

criterion_group!(benches, message_head);
criterion_main!(benches);
