//! Interleaved A/B timing of the status-line parsers and writers: the crate at a base commit ("old") and
//! the working tree ("new") linked into one program, the same loop over the same inputs
//! timed for each in alternation, many pairs. Separate benchmark runs on a shared machine
//! drift by 10 % or more; a ratio taken within each pair does not. Run by `scripts/ab.sh`.
//!
//! `from_utf8`, which the byte parsers call, runs at a speed that depends on the input's
//! address, so each line is parsed at each of the eight offsets from a word boundary (or at
//! those listed in `AB_OFFSETS`, such as `AB_OFFSETS=0`).

use std::fmt::Write as _;
use std::hint::black_box;
use std::time::Instant;

/// The benchmark suite's lines (`benches/src/lib.rs`): registered phrases, then peers' own.
const REGISTERED: [&str; 8] = [
    "SIP/2.0 100 Trying",
    "SIP/2.0 180 Ringing",
    "SIP/2.0 183 Session Progress",
    "SIP/2.0 200 OK",
    "SIP/2.0 401 Unauthorized",
    "SIP/2.0 407 Proxy Authentication Required",
    "SIP/2.0 486 Busy Here",
    "SIP/2.0 487 Request Terminated",
];
const OTHER: [&str; 8] = [
    "SIP/2.0 100 trying -- your call is important to us",
    "SIP/2.0 180 Ringing (forked)",
    "SIP/2.0 183 Session progress",
    "SIP/2.0 200 Ok",
    "SIP/2.0 401 Unauthorised",
    "SIP/2.0 480 Temporarily not available",
    "SIP/2.0 486 Busy here",
    "SIP/2.0 499 Request blocked by policy",
];

/// Passes over all the inputs per timed sample.
const PASSES: usize = 250;

fn nanoseconds_per_input(inputs: usize, run: &mut dyn FnMut()) -> f64 {
    let start = Instant::now();
    for _ in 0..PASSES {
        run();
    }
    start.elapsed().as_nanos() as f64 / (PASSES * inputs) as f64
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

fn main() {
    let pairs: usize = std::env::args()
        .nth(1)
        .map_or(300, |pairs| pairs.parse().expect("a number of pairs"));
    // `AB_OFFSETS=0` times only lines that start at a word boundary, as in a receive buffer.
    let offsets: Vec<usize> = std::env::var("AB_OFFSETS").map_or_else(
        |_| (0..8).collect(),
        |list| {
            list.split(',')
                .map(|offset| offset.trim().parse().expect("offsets from 0 to 7"))
                .collect()
        },
    );
    println!("{pairs} pairs; ns per line (medians) and the median of the per-pair ratios new/old");
    for (name, lines) in [("registered phrases", REGISTERED), ("other phrases", OTHER)] {
        // Each line with its CRLF and the empty line after it (a whole message, for
        // parse_prefix), at offsets 0 to 7 from the start of its allocation.
        let storage: Vec<Vec<u8>> = offsets
            .iter()
            .flat_map(|&offset| {
                lines.iter().map(move |line| {
                    let mut bytes = vec![b'x'; offset];
                    bytes.extend_from_slice(format!("{line}\r\n\r\n").as_bytes());
                    bytes
                })
            })
            .collect();
        let messages: Vec<&[u8]> = storage
            .iter()
            .enumerate()
            .map(|(index, bytes)| &bytes[offsets[index / lines.len()]..])
            .collect();
        let line_bytes: Vec<&[u8]> = messages.iter().map(|message| &message[..message.len() - 2]).collect();
        let line_texts: Vec<&str> = line_bytes
            .iter()
            .map(|line| std::str::from_utf8(line).expect("ASCII"))
            .collect();
        let inputs = messages.len();
        // The same parser of both crates, on the same inputs.
        macro_rules! compare {
            ($parser:ident, $inputs:expr) => {
                compare(
                    name,
                    stringify!($parser),
                    pairs,
                    inputs,
                    &mut || {
                        for input in black_box($inputs) {
                            black_box(old::StatusLine::$parser(input).ok());
                        }
                    },
                    &mut || {
                        for input in black_box($inputs) {
                            black_box(new::StatusLine::$parser(input).ok());
                        }
                    },
                )
            };
        }
        compare!(parse, &line_bytes);
        compare!(parse_prefix, &messages);
        compare!(parse_str, &line_texts);
    }

    // Formatting: the suite's mix of codes (benches/src/lib.rs), each line made by `new`.
    const MIX: [u16; 16] = [
        100, 180, 183, 200, 200, 401, 407, 486, 487, 100, 180, 200, 499, 299, 150, 699,
    ];
    let old_lines: Vec<old::StatusLine<'static>> = MIX
        .iter()
        .map(|&code| old::StatusLine::new(old::StatusCode::from_u16(code).expect("a status code")))
        .collect();
    let new_lines: Vec<new::StatusLine<'static>> = MIX
        .iter()
        .map(|&code| new::StatusLine::new(new::StatusCode::from_u16(code).expect("a status code")))
        .collect();
    let (mut old_text, mut new_text) = (String::with_capacity(128), String::with_capacity(128));
    compare(
        "formatting",
        "Display",
        pairs,
        MIX.len(),
        &mut || {
            for line in black_box(&old_lines) {
                old_text.clear();
                let _ = write!(old_text, "{line}");
                black_box(&old_text);
            }
        },
        &mut || {
            for line in black_box(&new_lines) {
                new_text.clear();
                let _ = write!(new_text, "{line}");
                black_box(&new_text);
            }
        },
    );
    let (mut old_buffer, mut new_buffer) = ([0_u8; 128], [0_u8; 128]);
    compare(
        "formatting",
        "write_to_slice",
        pairs,
        MIX.len(),
        &mut || {
            for line in black_box(&old_lines) {
                let length = line.write_to_slice(&mut old_buffer).unwrap_or_default();
                black_box(&old_buffer[..length]);
            }
        },
        &mut || {
            for line in black_box(&new_lines) {
                let length = line.write_to_slice(&mut new_buffer).unwrap_or_default();
                black_box(&new_buffer[..length]);
            }
        },
    );
}

/// Times `old` and `new` in alternation, `pairs` times, and prints the median time of each
/// per input and the median of the per-pair ratios new/old.
fn compare(name: &str, operation: &str, pairs: usize, inputs: usize, old: &mut dyn FnMut(), new: &mut dyn FnMut()) {
    let (mut olds, mut news, mut ratios) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..pairs {
        let (a, b) = (nanoseconds_per_input(inputs, old), nanoseconds_per_input(inputs, new));
        olds.push(a);
        news.push(b);
        ratios.push(b / a);
    }
    let (old, new, ratio) = (median(&mut olds), median(&mut news), median(&mut ratios));
    println!("{name:<18} {operation:<14} old {old:6.2}  new {new:6.2}  new/old {ratio:.3}");
}
