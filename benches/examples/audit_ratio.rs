//! The audit's time against httparse's, robust to a busy machine: the fastest of 200 rounds
//! of each, the three taking turns, so that each is timed when the machine is quietest.
//!
//! `cargo run --release -p sipcodes-benches --example audit_ratio` times the ten-header 200
//! of `benches/audit.rs`; with `BUSY` set in the environment, its 486 with a Reason and a
//! Warning. Criterion's medians (`cargo bench --bench audit`) swing with other work on the
//! machine; a minimum over interleaved rounds does much less.

use std::hint::black_box;
use std::time::{Duration, Instant};

use sipcodes::audit;
use sipcodes::message::Message;
use sipcodes_benches::{BUSY_RESPONSE as BUSY, TEN_HEADER_RESPONSE};

const ITERATIONS: u32 = 20_000;

fn main() {
    let text = if std::env::var_os("BUSY").is_some() {
        BUSY
    } else {
        TEN_HEADER_RESPONSE
    };
    let sip = text.as_bytes();
    let http = text.replacen("SIP/2.0", "HTTP/1.1", 1).into_bytes();
    let mut fastest = [Duration::MAX; 3];
    for _ in 0..200 {
        for (which, fastest) in fastest.iter_mut().enumerate() {
            let start = Instant::now();
            for _ in 0..ITERATIONS {
                match which {
                    0 => {
                        black_box(
                            audit::check_response(black_box(sip))
                                .ok()
                                .map(|report| report.findings().count()),
                        );
                    }
                    1 => {
                        black_box(Message::parse(black_box(sip)).ok());
                    }
                    _ => {
                        let mut headers = [httparse::EMPTY_HEADER; 16];
                        let mut response = httparse::Response::new(&mut headers);
                        let status = response.parse(black_box(&http)).ok();
                        black_box((status, response.code, response.headers.len()));
                    }
                }
            }
            *fastest = (*fastest).min(start.elapsed() / ITERATIONS);
        }
    }
    let [audit, parse, httparse] = fastest.map(|time| time.as_secs_f64() * 1e9);
    println!(
        "fastest ns: audit::check_response {audit:.1}, Message::parse {parse:.1}, httparse {httparse:.1}; \
         audit/httparse {:.2}, parse/httparse {:.2}",
        audit / httparse,
        parse / httparse
    );
}
