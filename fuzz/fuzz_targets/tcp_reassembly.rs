//! TCP reassembly on arbitrary segments: no panic, and the stream each flow is told is the
//! bytes its segments carried, in sequence order, each at most once. Every payload byte is
//! the low byte of its own sequence number, so a delivery shows where it came from: within
//! one delivery and from one to the next (across a gap of the size the gap says) the bytes
//! must count up by one.
#![no_main]

use std::cell::Cell;
use std::net::SocketAddr;

use libfuzzer_sys::fuzz_target;
use sipcodes_cli::input::tcp::{Delivery, FlowKey, Reassembler, Segment};

#[derive(Default)]
struct Told {
    /// The low byte of the sequence number the next delivered byte must have.
    next: Option<u8>,
    ended: bool,
}

fuzz_target!(|data: &[u8]| {
    let mut reassembler = Reassembler::<Told>::new();
    let carried = Cell::new(0u64);
    let delivered = Cell::new(0u64);
    let mut check = |_: &FlowKey, told: &mut Told, delivery: Delivery<'_>| {
        if told.ended && delivery != Delivery::End {
            // A new connection on the flow's addresses and ports: a new stream.
            *told = Told::default();
        }
        match delivery {
            Delivery::Data(bytes) => {
                assert!(!bytes.is_empty());
                for &byte in bytes {
                    if let Some(next) = told.next {
                        assert_eq!(byte, next, "a byte out of sequence");
                    }
                    told.next = Some(byte.wrapping_add(1));
                }
                delivered.set(delivered.get() + bytes.len() as u64);
                assert!(delivered.get() <= carried.get(), "more bytes told than carried");
            }
            Delivery::Gap(missing) => {
                assert!(missing > 0);
                told.next = told.next.map(|next| next.wrapping_add(missing as u8));
            }
            // A second End: a new connection (a new SYN) that carried nothing ended too.
            Delivery::End => told.ended = true,
        }
    };
    // Each segment: flow (1 byte), flags (1), sequence number (4), payload length (1).
    for op in data.chunks_exact(7) {
        let key = FlowKey {
            source: SocketAddr::from(([192, 0, 2, op[0] & 3], 5060)),
            destination: SocketAddr::from(([192, 0, 2, 9], 5060)),
        };
        let sequence = u32::from_be_bytes([op[2], op[3], op[4], op[5]]);
        let syn = op[1] & 1 != 0;
        let first = sequence.wrapping_add(u32::from(syn));
        let payload: Vec<u8> = (0..u32::from(op[6])).map(|i| first.wrapping_add(i) as u8).collect();
        carried.set(carried.get() + payload.len() as u64);
        let segment = Segment {
            sequence,
            syn,
            fin: op[1] & 2 != 0,
            rst: op[1] & 4 != 0,
            payload: &payload,
        };
        reassembler.segment(key, segment, Told::default, &mut check);
    }
    reassembler.finish(&mut check);
    assert_eq!(reassembler.flows(), 0);
});
