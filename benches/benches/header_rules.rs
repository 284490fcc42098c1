//! `missing_headers`: checking a response's header field names against its code's rules
//! before sending it. `cargo bench -p sipcodes-benches --bench header_rules`.
//!
//! One iteration checks one response, so criterion's time per iteration is the time per call
//! (the iterator drained).

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use sipcodes::Code;

/// The header field names of a typical 405: the five every response copies from the
/// request, the Allow it must carry, and Content-Length.
const RESPONSE_405: [&str; 7] = ["Via", "From", "To", "Call-ID", "CSeq", "Allow", "Content-Length"];

/// The same response in compact forms where there are some (RFC 3261 §7.3.3), lower case.
const RESPONSE_405_COMPACT: [&str; 7] = ["v", "f", "t", "i", "cseq", "allow", "l"];

/// A 401 that forgot its challenge: the one rule found missing.
const RESPONSE_401_BROKEN: [&str; 6] = ["Via", "From", "To", "Call-ID", "CSeq", "Content-Length"];

fn missing_headers(criterion: &mut Criterion) {
    let mut group = criterion.benchmark_group("missing_headers");
    group.bench_function("405_complete", |bencher| {
        bencher.iter(|| {
            black_box(Code::MethodNotAllowed)
                .missing_headers(black_box(RESPONSE_405))
                .count()
        });
    });
    group.bench_function("405_compact_forms", |bencher| {
        bencher.iter(|| {
            black_box(Code::MethodNotAllowed)
                .missing_headers(black_box(RESPONSE_405_COMPACT))
                .count()
        });
    });
    group.bench_function("401_missing_www_authenticate", |bencher| {
        bencher.iter(|| {
            black_box(Code::Unauthorized)
                .missing_headers(black_box(RESPONSE_401_BROKEN))
                .count()
        });
    });
    group.finish();
}

fn settings() -> Criterion {
    Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(2))
}

criterion_group! {
    name = benches;
    config = settings();
    targets = missing_headers
}
criterion_main!(benches);
