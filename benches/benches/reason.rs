//! The Reason and Warning header parsers and writers: parse one Reason value, parse one
//! Warning value, write one Reason value.
//!
//! `cargo bench -p sipcodes --bench reason`. Each benchmark handles one value per iteration,
//! so criterion's time is the time for one value.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use sipcodes::reason::{self, ReasonValue};
use sipcodes::warning;
use sipcodes::{Code, StatusCode};

/// A Q.850 value with its text, as `mod_sofia` writes one on a BYE.
const REASON: &[u8] = br#"Q.850;cause=16;text="NORMAL_CLEARING""#;

/// RFC 3326 §2's spacing and two values, for the general path.
const REASON_LIST: &[u8] = br#"SIP ;cause=200 ;text="Call completed elsewhere", Q.850 ;cause=16 ;text="Terminated""#;

/// Kamailio's 392 debugging warning (`msg_translator.c`), a long one.
const WARNING: &[u8] = br#"392 192.0.2.10:5060 "Noisy feedback tells:  pid=2301 req_src_ip=192.0.2.20 req_src_port=5060 in_uri=sip:bob@example.com out_uri=sip:bob@192.0.2.30:5060 via_cnt==1""#;

/// RFC 3261 §20.43's first example, a short one.
const WARNING_SHORT: &[u8] = br#"307 isi.edu "Session parameter 'foo' not understood""#;

fn parse_reason(criterion: &mut Criterion) {
    let mut group = criterion.benchmark_group("parse_reason");
    group.bench_function("one value, read cause and text", |bencher| {
        bencher.iter(|| {
            let values = reason::parse(black_box(REASON)).ok()?;
            let value = values.iter().next()?;
            black_box((value.is_q850(), value.cause(), value.text()));
            Some(())
        });
    });
    group.bench_function("two values (RFC 3326 spacing), read both", |bencher| {
        bencher.iter(|| {
            let values = reason::parse(black_box(REASON_LIST)).ok()?;
            for value in &values {
                black_box((value.protocol(), value.cause(), value.text()));
            }
            Some(())
        });
    });
    group.finish();
}

fn parse_warning(criterion: &mut Criterion) {
    let mut group = criterion.benchmark_group("parse_warning");
    for (name, input) in [("Kamailio 392", WARNING), ("RFC 3261 307", WARNING_SHORT)] {
        group.bench_function(name, |bencher| {
            bencher.iter(|| {
                let values = warning::parse(black_box(input)).ok()?;
                let value = values.iter().next()?;
                black_box((value.code(), value.agent(), value.text()));
                Some(())
            });
        });
    }
    group.finish();
}

fn format_reason(criterion: &mut Criterion) {
    let mut group = criterion.benchmark_group("format_reason");
    let mut buffer = [0; 128];
    group.bench_function("from StatusCode, write_to_slice", |bencher| {
        bencher.iter(|| {
            let code = StatusCode::from_u16(black_box(486)).ok()?;
            ReasonValue::from(code).write_to_slice(&mut buffer).ok()
        });
    });
    let value = ReasonValue::new("Q.850", Some(16), Some("Normal call clearing")).ok();
    group.bench_function("built Q.850 value, write_to_slice", |bencher| {
        bencher.iter(|| black_box(value?).write_to_slice(&mut buffer).ok());
    });
    let mut text = String::with_capacity(128);
    group.bench_function("from Code, Display into a String", |bencher| {
        bencher.iter(|| {
            use std::fmt::Write as _;
            text.clear();
            write!(text, "{}", ReasonValue::from(black_box(Code::BusyHere))).ok()
        });
    });
    group.finish();
}

fn configured() -> Criterion {
    Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(2))
}

criterion_group! {
    name = benches;
    config = configured();
    targets = parse_reason, parse_warning, format_reason
}
criterion_main!(benches);
