//! sipcodes against rsip, the http crate and httparse, on the same inputs, in one run.
//!
//! `cargo bench -p sipcodes-benches` (or `scripts/bench.sh`, several runs); BENCHMARKS.md has
//! the results, the machine and what each rsip, http and httparse equivalent is. Every
//! benchmark walks a whole mix of inputs per iteration, so criterion's per-element figure is
//! the mean over the mix.

use std::fmt::Write as _;
use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use sipcodes::{Code, StatusCode, StatusLine};

use sipcodes_benches::{LINES, MIX, OTHER_LINES, PHRASES};

sipcodes::codes! {
    /// Every status code from 100 to 699 (`tests/scale/all_codes.toml`): lookups must cost
    /// the same with 600 codes as with the registered ones.
    pub enum AllCodes = "../tests/scale/all_codes.toml";
}

fn elements(count: usize) -> Throughput {
    Throughput::Elements(u64::try_from(count).unwrap_or(u64::MAX))
}

/// (1) integer -> validated code -> reason phrase (or class, where there is no phrase).
fn integer_to_reason_phrase(criterion: &mut Criterion) {
    let mut group = criterion.benchmark_group("1_integer_to_reason");
    group.throughput(elements(MIX.len()));
    group.bench_function("sipcodes", |bencher| {
        bencher.iter(|| {
            for number in black_box(MIX) {
                black_box(StatusCode::from_u16(number).map(StatusCode::reason_phrase).ok());
            }
        });
    });
    group.bench_function("http", |bencher| {
        bencher.iter(|| {
            for number in black_box(MIX) {
                black_box(
                    http::StatusCode::from_u16(number)
                        .map(|code| code.canonical_reason())
                        .ok(),
                );
            }
        });
    });
    // rsip has no reason-phrase lookup: `From<u16>` then `kind()` (its class) is the
    // closest it offers.
    group.bench_function("rsip", |bencher| {
        bencher.iter(|| {
            for number in black_box(MIX) {
                black_box(rsip::StatusCode::from(number).kind());
            }
        });
    });
    group.finish();
}

/// (2) status-line parsing.
fn status_line_parsing(criterion: &mut Criterion) {
    // rsip parses whole messages: the smallest is the status line and the empty line that
    // ends the (here empty) header section. sipcodes gets the same bytes via `parse_prefix`.
    let as_responses =
        |lines: [&str; 8]| -> Vec<Vec<u8>> { lines.iter().map(|line| format!("{line}\r\n").into_bytes()).collect() };
    let (responses, other_responses) = (as_responses(LINES), as_responses(OTHER_LINES));
    let mut group = criterion.benchmark_group("2_parse_status_line");
    group.throughput(elements(LINES.len()));
    // httparse reads HTTP responses: the same lines with `HTTP/1.1` for the version, as the
    // smallest response, the line and the empty line that ends the header section.
    let as_http = |lines: [&str; 8]| -> Vec<Vec<u8>> {
        lines
            .iter()
            .map(|line| format!("{}\r\n", line.replacen("SIP/2.0", "HTTP/1.1", 1)).into_bytes())
            .collect()
    };
    let (http_responses, other_http_responses) = (as_http(LINES), as_http(OTHER_LINES));
    // Lines carrying their registered phrases, then lines whose phrase is not the registered
    // one (the same operations, named with ", other phrases").
    for (suffix, lines, responses, http_responses) in [
        ("", LINES, &responses, &http_responses),
        (", other phrases", OTHER_LINES, &other_responses, &other_http_responses),
    ] {
        group.bench_function(format!("sipcodes parse{suffix}"), |bencher| {
            bencher.iter(|| {
                for line in black_box(lines) {
                    black_box(StatusLine::parse(line.as_bytes()).ok());
                }
            });
        });
        // Text that is already a `&str` needs no second UTF-8 check of the phrase.
        group.bench_function(format!("sipcodes parse_str{suffix}"), |bencher| {
            bencher.iter(|| {
                for line in black_box(lines) {
                    black_box(StatusLine::parse_str(line).ok());
                }
            });
        });
        group.bench_function(format!("rsip Response{suffix}"), |bencher| {
            bencher.iter(|| {
                for response in black_box(responses) {
                    black_box(rsip::Response::try_from(response.as_slice()).ok());
                }
            });
        });
        // The same bytes as rsip gets, through the prefix parser: the status line, then
        // the rest of the message returned.
        group.bench_function(format!("sipcodes parse_prefix{suffix}"), |bencher| {
            bencher.iter(|| {
                for response in black_box(responses) {
                    black_box(StatusLine::parse_prefix(response).ok());
                }
            });
        });
        // httparse's response head parser, with room for no header field (there is none).
        group.bench_function(format!("httparse Response{suffix}"), |bencher| {
            bencher.iter(|| {
                for response in black_box(http_responses) {
                    let mut headers = [httparse::EMPTY_HEADER; 0];
                    let mut parsed = httparse::Response::new(&mut headers);
                    let status = parsed.parse(response).ok();
                    black_box((status, parsed.code, parsed.reason));
                }
            });
        });
    }
    // rsip's own status-line pieces (public but doc-hidden): its version and status-code
    // tokenizers and their conversions, without the header section. The cheapest way rsip
    // has to read a status line.
    group.bench_function("rsip tokenizers", |bencher| {
        bencher.iter(|| {
            for line in black_box(LINES) {
                black_box(rsip_status_line(line.as_bytes()));
            }
        });
    });
    group.finish();
}

/// A status line through rsip's version and status-code tokenizers.
fn rsip_status_line(line: &[u8]) -> Option<(rsip::Version, rsip::StatusCode)> {
    use rsip::common::{status_code, version};
    let (rest, version) = version::Tokenizer::<&[u8], u8>::tokenize(line).ok()?;
    let rest = rest.strip_prefix(b" ")?;
    let (_, status) = status_code::Tokenizer::<&[u8], u8>::tokenize(rest).ok()?;
    Some((version.try_into().ok()?, status.try_into().ok()?))
}

/// (3) status-line formatting into a buffer that is reused.
fn status_line_formatting(criterion: &mut Criterion) {
    let lines: Vec<StatusLine<'static>> = MIX
        .iter()
        .map(|&number| StatusLine::new(StatusCode::from_u16(number).unwrap_or(StatusCode::from(Code::Ok))))
        .collect();
    let rsip_codes: Vec<rsip::StatusCode> = MIX.iter().map(|&number| rsip::StatusCode::from(number)).collect();
    let mut buffer = [0_u8; 128];
    let mut text = String::with_capacity(128);
    let mut wire: Vec<u8> = Vec::with_capacity(128);
    let mut group = criterion.benchmark_group("3_format_status_line");
    group.throughput(elements(MIX.len()));
    group.bench_function("sipcodes write_to_slice", |bencher| {
        bencher.iter(|| {
            for line in black_box(&lines) {
                let length = line.write_to_slice(&mut buffer).unwrap_or_default();
                black_box(&buffer[..length]);
            }
        });
    });
    // `Display` on both sides, without the CRLF: one `write!` of the line.
    group.bench_function("sipcodes Display", |bencher| {
        bencher.iter(|| {
            for line in black_box(&lines) {
                text.clear();
                let _ = write!(text, "{line}");
                black_box(&text);
            }
        });
    });
    group.bench_function("sipcodes write_to (Vec)", |bencher| {
        bencher.iter(|| {
            for line in black_box(&lines) {
                wire.clear();
                let _ = line.write_to(&mut wire);
                black_box(&wire);
            }
        });
    });
    // What rsip's `Response` Display writes for its first line, without the CRLF.
    group.bench_function("rsip Display", |bencher| {
        bencher.iter(|| {
            for code in black_box(&rsip_codes) {
                text.clear();
                let _ = write!(text, "{} {}", rsip::Version::V2, code);
                black_box(&text);
            }
        });
    });
    group.finish();
}

/// (4) reason phrase -> code. Neither rsip nor http has this: sipcodes' length-dispatched
/// `match` against the obvious alternative, a scan of every code's phrase.
fn reason_phrase_to_code(criterion: &mut Criterion) {
    let mut group = criterion.benchmark_group("4_reason_to_code");
    group.throughput(elements(PHRASES.len()));
    group.bench_function("sipcodes from_reason", |bencher| {
        bencher.iter(|| {
            for phrase in black_box(PHRASES) {
                black_box(Code::from_reason_phrase(phrase));
            }
        });
    });
    group.bench_function("linear scan", |bencher| {
        bencher.iter(|| {
            for phrase in black_box(PHRASES) {
                black_box(
                    Code::ALL
                        .iter()
                        .find(|code| code.reason_phrase().eq_ignore_ascii_case(phrase)),
                );
            }
        });
    });
    group.finish();
}

/// The lookups over the standard table and over the 600-code one.
fn scale(criterion: &mut Criterion) {
    let mut group = criterion.benchmark_group("5_scale_from_u16");
    group.throughput(elements(MIX.len()));
    group.bench_function("Code", |bencher| {
        bencher.iter(|| {
            for number in black_box(MIX) {
                black_box(Code::from_u16(number).map(Code::reason_phrase));
            }
        });
    });
    group.bench_function("AllCodes (600)", |bencher| {
        bencher.iter(|| {
            for number in black_box(MIX) {
                black_box(AllCodes::from_u16(number).map(AllCodes::reason_phrase));
            }
        });
    });
    group.finish();

    let mut group = criterion.benchmark_group("5_scale_from_reason");
    group.throughput(elements(PHRASES.len()));
    group.bench_function("Code", |bencher| {
        bencher.iter(|| {
            for phrase in black_box(PHRASES) {
                black_box(Code::from_reason_phrase(phrase));
            }
        });
    });
    group.bench_function("AllCodes (600)", |bencher| {
        bencher.iter(|| {
            for phrase in black_box(PHRASES) {
                black_box(AllCodes::from_reason_phrase(phrase));
            }
        });
    });
    group.finish();
}

fn configured() -> Criterion {
    // Short runs: the whole suite takes about a minute on two cores.
    Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(2))
}

criterion_group! {
    name = benches;
    config = configured();
    targets = integer_to_reason_phrase, status_line_parsing, status_line_formatting, reason_phrase_to_code, scale
}
criterion_main!(benches);
