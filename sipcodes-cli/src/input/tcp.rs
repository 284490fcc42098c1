//! TCP reassembly: each direction of each connection turned back into the byte stream its
//! sender wrote, whatever order the segments were captured in, each byte delivered once
//! (a retransmitted segment adds nothing).
//!
//! Memory is bounded: at most [`MAX_FLOWS`] directions are followed (when a new one starts,
//! the least recently active is closed), and each holds at most [`MAX_OUT_OF_ORDER_BYTES`]
//! in at most [`MAX_OUT_OF_ORDER_SEGMENTS`] segments that arrived ahead of a missing one;
//! past that, the missing bytes are given up as a gap.

use std::collections::HashMap;
use std::hash::{BuildHasher, Hasher, RandomState};
use std::net::SocketAddr;

/// The most flow directions followed at once.
pub const MAX_FLOWS: usize = 4096;
/// The most bytes one direction holds ahead of a missing segment.
pub const MAX_OUT_OF_ORDER_BYTES: usize = 64 * 1024;
/// The most segments one direction holds ahead of a missing segment.
pub const MAX_OUT_OF_ORDER_SEGMENTS: usize = 64;

/// One direction of a connection: from `source` to `destination`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct FlowKey {
    /// The sender.
    pub source: SocketAddr,
    /// The receiver.
    pub destination: SocketAddr,
}

/// A segment as the reassembler needs it.
#[derive(Clone, Copy, Debug)]
pub struct Segment<'a> {
    /// The sequence number.
    pub sequence: u32,
    /// SYN: the sequence number is the initial one, the data starts after it.
    pub syn: bool,
    /// FIN: the sender has no more to send.
    pub fin: bool,
    /// RST: the connection is gone.
    pub rst: bool,
    /// The payload.
    pub payload: &'a [u8],
}

/// What a flow's state is told.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Delivery<'a> {
    /// The next bytes of the stream, in order, each once.
    Data(&'a [u8]),
    /// This many bytes were never captured: what comes next does not follow what came before.
    Gap(u32),
    /// The stream ends (FIN, RST, the flow was closed to make room, or the input ended).
    End,
}

struct Flow<T> {
    /// The sequence number of the next byte expected; `None` until the first segment.
    next: Option<u32>,
    /// The sequence number of the first data byte, when the SYN was seen.
    initial: Option<u32>,
    out_of_order: Vec<(u32, Vec<u8>)>,
    out_of_order_bytes: usize,
    ended: bool,
    last_active: u64,
    state: T,
}

/// Follows TCP flows; `T` is what each direction's reader keeps (its framing state).
pub struct Reassembler<T> {
    flows: HashMap<FlowKey, Flow<T>, FlowHashing>,
    clock: u64,
}

/// Hashes flow keys for the flow table: one multiply-and-rotate per word written, seeded at
/// random per table so that a capture cannot choose colliding keys ahead of time. The
/// standard `SipHash` costs a tenth of the time spent on a TCP capture; a flow key is a few
/// words, so a lighter mix is enough.
#[derive(Clone)]
struct FlowHashing {
    seed: u64,
}

impl Default for FlowHashing {
    fn default() -> Self {
        FlowHashing {
            seed: RandomState::new().hash_one(0x5eed_u64) | 1,
        }
    }
}

impl BuildHasher for FlowHashing {
    type Hasher = FlowHasher;

    fn build_hasher(&self) -> FlowHasher {
        FlowHasher { state: self.seed }
    }
}

/// The hasher [`FlowHashing`] builds.
struct FlowHasher {
    state: u64,
}

impl FlowHasher {
    const MULTIPLIER: u64 = 0x51_7c_c1_b7_27_22_0a_95;

    fn add(&mut self, word: u64) {
        self.state = (self.state.rotate_left(5) ^ word).wrapping_mul(Self::MULTIPLIER);
    }
}

impl Hasher for FlowHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut words = bytes.chunks_exact(8);
        for word in &mut words {
            let mut array = [0; 8];
            array.copy_from_slice(word);
            self.add(u64::from_le_bytes(array));
        }
        let mut rest = [0; 8];
        let tail = words.remainder();
        rest[..tail.len()].copy_from_slice(tail);
        self.add(u64::from_le_bytes(rest) ^ ((tail.len() as u64) << 56));
    }

    fn write_u8(&mut self, value: u8) {
        self.add(u64::from(value));
    }

    fn write_u16(&mut self, value: u16) {
        self.add(u64::from(value));
    }

    fn write_u32(&mut self, value: u32) {
        self.add(u64::from(value));
    }

    fn write_u64(&mut self, value: u64) {
        self.add(value);
    }

    fn write_usize(&mut self, value: usize) {
        self.add(value as u64);
    }

    fn finish(&self) -> u64 {
        // The multiply leaves the low bits weakest; hashbrown takes its bucket from the low
        // bits and its tag from the top seven, so fold the high half down.
        self.state ^ (self.state >> 32)
    }
}

impl<T> Default for Reassembler<T> {
    fn default() -> Self {
        Reassembler {
            flows: HashMap::default(),
            clock: 0,
        }
    }
}

/// The signed distance from `from` to `to` in sequence space (RFC 793's modular arithmetic).
#[allow(clippy::cast_possible_wrap)]
fn distance(from: u32, to: u32) -> i64 {
    i64::from(to.wrapping_sub(from) as i32)
}

impl<T> Reassembler<T> {
    /// A reassembler following no flow yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// How many flow directions are followed now.
    pub fn flows(&self) -> usize {
        self.flows.len()
    }

    /// Takes one segment of the flow `key`; `new_state` makes the state of a flow seen for the
    /// first time, and `deliver` gets what the segment makes available, in order.
    pub fn segment(
        &mut self,
        key: FlowKey,
        segment: Segment<'_>,
        new_state: impl FnOnce() -> T,
        deliver: &mut impl FnMut(&FlowKey, &mut T, Delivery<'_>),
    ) {
        self.clock += 1;
        // The length first: the lookup (a hash of the key) only when the table is full.
        if self.flows.len() >= MAX_FLOWS && !self.flows.contains_key(&key) {
            self.close_least_recent(deliver);
        }
        let flow = self.flows.entry(key).or_insert_with(|| Flow {
            next: None,
            initial: None,
            out_of_order: Vec::new(),
            out_of_order_bytes: 0,
            ended: false,
            last_active: 0,
            state: new_state(),
        });
        flow.last_active = self.clock;
        if segment.syn {
            let first = segment.sequence.wrapping_add(1);
            // A SYN with another initial sequence number than the one that opened the flow
            // (or a SYN in a flow joined midway) is a new connection on the same addresses
            // and ports: the old one ends. A retransmitted SYN changes nothing.
            if flow.next.is_some() && flow.initial != Some(first) {
                if !flow.ended {
                    flow.end(&key, deliver);
                }
                flow.out_of_order.clear();
                flow.out_of_order_bytes = 0;
                flow.ended = false;
                flow.next = None;
            }
            flow.initial = Some(first);
            flow.next.get_or_insert(first);
        }
        let data_sequence = segment.sequence.wrapping_add(u32::from(segment.syn));
        let next = *flow.next.get_or_insert(data_sequence);
        if !segment.payload.is_empty() && !flow.ended {
            let ahead = distance(next, data_sequence);
            if ahead <= 0 {
                flow.take_in_order(&key, data_sequence, segment.payload, deliver);
            } else {
                flow.hold(&key, data_sequence, segment.payload, deliver);
            }
        }
        if (segment.fin || segment.rst) && !flow.ended {
            flow.end(&key, deliver);
        }
    }

    /// Ends every flow: what was held past a gap is delivered, then [`Delivery::End`].
    pub fn finish(&mut self, deliver: &mut impl FnMut(&FlowKey, &mut T, Delivery<'_>)) {
        let mut keys: Vec<FlowKey> = self.flows.keys().copied().collect();
        // The order the flows were last active in, so that output does not depend on hashing.
        keys.sort_by_key(|key| self.flows[key].last_active);
        for key in keys {
            if let Some(mut flow) = self.flows.remove(&key) {
                if !flow.ended {
                    flow.end(&key, deliver);
                }
            }
        }
    }

    fn close_least_recent(&mut self, deliver: &mut impl FnMut(&FlowKey, &mut T, Delivery<'_>)) {
        let Some(key) = self
            .flows
            .iter()
            .min_by_key(|(_, flow)| flow.last_active)
            .map(|(key, _)| *key)
        else {
            return;
        };
        if let Some(mut flow) = self.flows.remove(&key) {
            if !flow.ended {
                flow.end(&key, deliver);
            }
        }
    }
}

impl<T> Flow<T> {
    fn take_in_order(
        &mut self,
        key: &FlowKey,
        sequence: u32,
        payload: &[u8],
        deliver: &mut impl FnMut(&FlowKey, &mut T, Delivery<'_>),
    ) {
        let next = self.next.unwrap_or(sequence);
        let already = usize::try_from(-distance(next, sequence)).unwrap_or(usize::MAX);
        if already < payload.len() {
            let fresh = &payload[already..];
            deliver(key, &mut self.state, Delivery::Data(fresh));
            self.next = Some(next.wrapping_add(len32(fresh)));
        }
        self.drain_held(key, deliver);
    }

    /// Delivers the held segments that now follow on.
    fn drain_held(&mut self, key: &FlowKey, deliver: &mut impl FnMut(&FlowKey, &mut T, Delivery<'_>)) {
        while let Some(next) = self.next {
            let Some(index) = self
                .out_of_order
                .iter()
                .position(|(sequence, _)| distance(next, *sequence) <= 0)
            else {
                return;
            };
            let (sequence, data) = self.out_of_order.swap_remove(index);
            self.out_of_order_bytes -= data.len();
            let already = usize::try_from(-distance(next, sequence)).unwrap_or(usize::MAX);
            if already < data.len() {
                deliver(key, &mut self.state, Delivery::Data(&data[already..]));
                self.next = Some(next.wrapping_add(len32(&data[already..])));
            }
        }
    }

    fn hold(
        &mut self,
        key: &FlowKey,
        sequence: u32,
        payload: &[u8],
        deliver: &mut impl FnMut(&FlowKey, &mut T, Delivery<'_>),
    ) {
        if self
            .out_of_order
            .iter()
            .any(|(held, data)| *held == sequence && data.len() >= payload.len())
        {
            return;
        }
        while !self.out_of_order.is_empty()
            && (self.out_of_order_bytes + payload.len() > MAX_OUT_OF_ORDER_BYTES
                || self.out_of_order.len() >= MAX_OUT_OF_ORDER_SEGMENTS)
        {
            self.skip_to_held(key, deliver);
        }
        if payload.len() > MAX_OUT_OF_ORDER_BYTES {
            // Larger than what may be held: the bytes before it are given up now.
            let next = self.next.unwrap_or(sequence);
            deliver(key, &mut self.state, Delivery::Gap(sequence.wrapping_sub(next)));
            self.next = Some(sequence);
            self.take_in_order(key, sequence, payload, deliver);
            return;
        }
        self.out_of_order_bytes += payload.len();
        self.out_of_order.push((sequence, payload.to_vec()));
        if self.out_of_order_bytes > MAX_OUT_OF_ORDER_BYTES || self.out_of_order.len() > MAX_OUT_OF_ORDER_SEGMENTS {
            self.skip_to_held(key, deliver);
        }
    }

    /// Gives up the bytes missing before the earliest held segment, and delivers from there.
    fn skip_to_held(&mut self, key: &FlowKey, deliver: &mut impl FnMut(&FlowKey, &mut T, Delivery<'_>)) {
        let Some(next) = self.next else { return };
        let Some(earliest) = self
            .out_of_order
            .iter()
            .map(|(sequence, _)| *sequence)
            .min_by_key(|sequence| distance(next, *sequence))
        else {
            return;
        };
        let missing = earliest.wrapping_sub(next);
        if distance(next, earliest) > 0 {
            deliver(key, &mut self.state, Delivery::Gap(missing));
            self.next = Some(earliest);
        }
        self.drain_held(key, deliver);
    }

    fn end(&mut self, key: &FlowKey, deliver: &mut impl FnMut(&FlowKey, &mut T, Delivery<'_>)) {
        while !self.out_of_order.is_empty() {
            self.skip_to_held(key, deliver);
        }
        self.out_of_order = Vec::new();
        self.ended = true;
        deliver(key, &mut self.state, Delivery::End);
    }
}

/// A payload's length in sequence space (a segment never exceeds 64 KiB; anything longer is
/// cut to what the sequence space can count).
fn len32(bytes: &[u8]) -> u32 {
    u32::try_from(bytes.len()).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key() -> FlowKey {
        FlowKey {
            source: "192.0.2.1:40000".parse().unwrap(),
            destination: "192.0.2.2:5060".parse().unwrap(),
        }
    }

    fn segment(sequence: u32, payload: &[u8]) -> Segment<'_> {
        Segment {
            sequence,
            syn: false,
            fin: false,
            rst: false,
            payload,
        }
    }

    /// Feeds segments, and returns what the flow was told, data joined between events.
    fn run(segments: &[Segment<'_>]) -> Vec<String> {
        let mut reassembler = Reassembler::<()>::new();
        let mut told = Vec::new();
        let mut deliver = |_: &FlowKey, (): &mut (), delivery: Delivery<'_>| match delivery {
            Delivery::Data(bytes) => told.push(String::from_utf8_lossy(bytes).into_owned()),
            Delivery::Gap(n) => told.push(format!("<gap {n}>")),
            Delivery::End => told.push("<end>".to_owned()),
        };
        for segment in segments {
            reassembler.segment(key(), *segment, || (), &mut deliver);
        }
        reassembler.finish(&mut deliver);
        told
    }

    #[test]
    fn in_order_after_syn() {
        let syn = Segment {
            syn: true,
            ..segment(99, b"")
        };
        assert_eq!(
            run(&[syn, segment(100, b"abc"), segment(103, b"def")]),
            ["abc", "def", "<end>"]
        );
    }

    #[test]
    fn retransmitted_segments_count_once() {
        let told = run(&[
            segment(100, b"abc"),
            segment(100, b"abc"),
            segment(101, b"bcde"),
            segment(103, b"de"),
        ]);
        assert_eq!(told, ["abc", "de", "<end>"]);
    }

    #[test]
    fn out_of_order_segments_are_put_back_in_order() {
        let told = run(&[
            segment(100, b"ab"),
            segment(106, b"gh"),
            segment(104, b"ef"),
            segment(102, b"cd"),
        ]);
        assert_eq!(told.concat(), "abcdefgh<end>");
    }

    #[test]
    fn sequence_numbers_wrap() {
        let told = run(&[segment(u32::MAX - 1, b"ab"), segment(1, b"de"), segment(0, b"c")]);
        assert_eq!(told.concat(), "abcde<end>");
    }

    #[test]
    fn a_missing_segment_is_a_gap_at_the_end() {
        let told = run(&[segment(100, b"ab"), segment(104, b"ef")]);
        assert_eq!(told, ["ab", "<gap 2>", "ef", "<end>"]);
    }

    #[test]
    fn fin_ends_and_later_retransmissions_add_nothing() {
        let fin = Segment {
            fin: true,
            ..segment(102, b"cd")
        };
        let told = run(&[segment(100, b"ab"), fin, segment(100, b"abcd")]);
        assert_eq!(told, ["ab", "cd", "<end>"]);
    }

    #[test]
    fn held_bytes_are_bounded() {
        let big = vec![b'x'; 1000];
        let mut segments = vec![segment(0, b"a")];
        // Every segment leaves a hole of one byte before it: none can be delivered in order.
        for i in 0..200u32 {
            segments.push(segment(2 + i * 1001, &big));
        }
        let mut reassembler = Reassembler::<()>::new();
        let mut gaps = 0;
        for segment in &segments {
            reassembler.segment(
                key(),
                *segment,
                || (),
                &mut |_: &FlowKey, (): &mut (), delivery: Delivery<'_>| {
                    if matches!(delivery, Delivery::Gap(_)) {
                        gaps += 1;
                    }
                },
            );
            let flow = reassembler.flows.values().next().unwrap();
            assert!(flow.out_of_order_bytes <= MAX_OUT_OF_ORDER_BYTES);
            assert!(flow.out_of_order.len() <= MAX_OUT_OF_ORDER_SEGMENTS);
        }
        assert!(gaps > 100);
    }

    #[test]
    fn a_new_syn_is_a_new_connection() {
        let syn = |sequence| Segment {
            syn: true,
            ..segment(sequence, b"")
        };
        let told = run(&[
            syn(99),
            segment(100, b"ab"),
            syn(99),
            segment(102, b"cd"),
            syn(5000),
            segment(5001, b"new"),
        ]);
        assert_eq!(told, ["ab", "cd", "<end>", "new", "<end>"]);
    }

    #[test]
    fn flows_are_bounded() {
        let mut reassembler = Reassembler::<()>::new();
        let mut ends = 0;
        for port in 0..u16::try_from(MAX_FLOWS + 10).unwrap() {
            let key = FlowKey {
                source: SocketAddr::from(([192, 0, 2, 1], port)),
                destination: key().destination,
            };
            reassembler.segment(
                key,
                segment(1, b"x"),
                || (),
                &mut |_: &FlowKey, (): &mut (), delivery: Delivery<'_>| {
                    if delivery == Delivery::End {
                        ends += 1;
                    }
                },
            );
        }
        assert_eq!(reassembler.flows(), MAX_FLOWS);
        assert_eq!(ends, 10);
    }
}
