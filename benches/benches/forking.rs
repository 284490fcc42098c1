//! The forking response context: nanoseconds per branch event, and per `select_best` call
//! over 2, 8 and 64 stored final responses.
//!
//! `cargo bench -p sipcodes --bench forking`. Self-contained: its inputs are written here.

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use sipcodes::StatusCode;
use sipcodes::forking::{ResponseContext, Transaction, select_best};

/// Final responses a forked INVITE commonly gets back, repeated to fill the branches.
const FINALS: [u16; 12] = [486, 480, 404, 503, 407, 302, 500, 408, 487, 401, 488, 603];

/// Each branch's story: a 100, a ring, then a final response.
const PROVISIONALS: [u16; 2] = [100, 180];

fn status(number: u16) -> StatusCode {
    StatusCode::from_u16(number).unwrap_or_else(|error| panic!("{error}"))
}

fn stored_finals(count: usize) -> Vec<StatusCode> {
    FINALS.iter().copied().cycle().take(count).map(status).collect()
}

/// A parallel fork to `N` targets, every branch answering 100, 180 and a final response,
/// until the best one is chosen. Returns the number of events (branches added, the close
/// and the responses).
fn fork<const N: usize>(finals: &[StatusCode], provisionals: &[StatusCode]) -> usize {
    let mut context = ResponseContext::<usize, N>::new(Transaction::Invite);
    let mut branches = [None; N];
    for slot in &mut branches {
        *slot = context.add_branch().ok();
    }
    black_box(context.close().choice);
    let mut events = N + 1;
    for (index, (branch, final_status)) in branches.iter().flatten().zip(finals).enumerate() {
        for provisional in provisionals {
            black_box(context.on_response(*branch, *provisional, index).ok());
        }
        black_box(context.on_response(*branch, *final_status, index).ok());
        events += provisionals.len() + 1;
    }
    black_box(context.best().map(|best| best.status()));
    events
}

fn select(criterion: &mut Criterion) {
    let mut group = criterion.benchmark_group("forking_select_best");
    for count in [2, 8, 64] {
        let finals = stored_finals(count);
        group.bench_with_input(BenchmarkId::from_parameter(count), &finals, |bencher, finals| {
            bencher.iter(|| select_best(black_box(finals), Transaction::Invite));
        });
    }
    group.finish();
}

fn events(criterion: &mut Criterion) {
    let mut group = criterion.benchmark_group("forking_event");
    let provisionals = PROVISIONALS.map(status);
    macro_rules! branches {
        ($($count:literal),*) => {$(
            let finals = stored_finals($count);
            let events = fork::<$count>(&finals, &provisionals);
            group.throughput(Throughput::Elements(u64::try_from(events).unwrap_or(u64::MAX)));
            group.bench_with_input(BenchmarkId::from_parameter($count), &finals, |bencher, finals| {
                bencher.iter(|| fork::<$count>(black_box(finals), black_box(&provisionals)));
            });
        )*};
    }
    branches!(2, 8, 64);
    group.finish();
}

criterion_group!(benches, select, events);
criterion_main!(benches);
