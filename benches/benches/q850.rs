//! The Q.850 ↔ SIP mapping: a release cause to the response it becomes, and a failure
//! response to the cause it becomes, over a mix of listed, special and unlisted inputs.
//!
//! `cargo bench -p sipcodes --bench q850`. Every benchmark walks its whole mix per iteration,
//! so criterion's per-element figure is the mean over the mix.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use sipcodes::StatusCode;
use sipcodes::q850::{self, Location, NewNumber, Profile};
use sipcodes::warning::WarnCode;

/// Causes as gateways see them most: normal clearing (no response), busy, no answer, call
/// rejected (location-dependent), congestion, interworking, and two values no table lists.
const CAUSES: [u8; 10] = [16, 17, 19, 21, 31, 34, 41, 127, 4, 200];

/// Failure responses: common ones, the Warning-dependent 488, the unmapped 487, and codes no
/// table lists (which take the default).
const STATUSES: [u16; 10] = [404, 486, 480, 487, 488, 503, 603, 408, 499, 580];

fn elements(count: usize) -> Throughput {
    Throughput::Elements(u64::try_from(count).unwrap_or(u64::MAX))
}

fn cause_to_status(criterion: &mut Criterion) {
    let mut group = criterion.benchmark_group("q850_cause_to_status");
    group.throughput(elements(CAUSES.len()));
    group.bench_function("rfc3398", |bencher| {
        bencher.iter(|| {
            for cause in black_box(CAUSES) {
                black_box(Profile::Rfc3398.to_sip_raw(cause, Some(Location::User), NewNumber::Unknown));
            }
        });
    });
    group.bench_function("rfc4497", |bencher| {
        bencher.iter(|| {
            for cause in black_box(CAUSES) {
                black_box(Profile::Rfc4497.to_sip_raw(cause, Some(Location::RemotePrivateNetwork), NewNumber::Unknown));
            }
        });
    });
    group.finish();
}

fn status_to_cause(criterion: &mut Criterion) {
    let statuses = STATUSES.map(|code| StatusCode::from_u16(code).unwrap_or_else(|error| panic!("{error}")));
    let mut group = criterion.benchmark_group("q850_status_to_cause");
    group.throughput(elements(statuses.len()));
    group.bench_function("rfc3398", |bencher| {
        bencher.iter(|| {
            for status in black_box(statuses) {
                black_box(q850::from_sip(status, None));
            }
        });
    });
    group.bench_function("rfc3398_with_warning", |bencher| {
        bencher.iter(|| {
            for status in black_box(statuses) {
                black_box(q850::from_sip(
                    status,
                    black_box(Some(WarnCode::IncompatibleMediaFormat)),
                ));
            }
        });
    });
    group.finish();
}

fn config() -> Criterion {
    Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
}

criterion_group! {
    name = benches;
    config = config();
    targets = cause_to_status, status_to_cause
}
criterion_main!(benches);
