//! The capture reader on arbitrary bytes (taken as a pcap, pcapng or text trace by their
//! first bytes): no panic, and memory bounded by the reader's limits, whatever the input's
//! lengths and offsets claim. Every message handed on lies within its bounds.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sipcodes_cli::input::{Seen, Sink, Undecoded, source};

struct Check;

impl Sink for Check {
    fn message(&mut self, message: &[u8], seen: &Seen) {
        assert!(!message.is_empty());
        assert!(
            message.len() <= 1 << 17,
            "a message of {} bytes at {}",
            message.len(),
            seen.position
        );
    }
    fn undecoded(&mut self, _: Undecoded, _: &Seen) {}
}

fuzz_target!(|data: &[u8]| {
    if let Err(error) = source::read_from(&"fuzz".into(), data, &mut Check) {
        // An error points inside the input.
        assert!(error.offset.is_none_or(|offset| offset <= data.len() as u64), "{error}");
    }
});
