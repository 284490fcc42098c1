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
use sipcodes_benches::TEN_HEADER_RESPONSE;

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
