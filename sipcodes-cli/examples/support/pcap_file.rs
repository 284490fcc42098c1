//! What the benchmark examples share: a pcap file read whole (they read the small fixtures),
//! and how they end.

// Each example reads only some of the fields.
#![allow(dead_code)]

use std::process::ExitCode;

/// Ethernet.
pub const LINKTYPE_ETHERNET: u32 = 1;
/// Raw IPv4 or IPv6.
pub const LINKTYPE_RAW: u32 = 101;

/// A pcap file.
pub struct Capture {
    /// The 24-byte file header, written as it was.
    pub header: [u8; 24],
    /// Whether the fields are big-endian.
    pub big_endian: bool,
    /// Timestamp units per second (10^6 or 10^9).
    pub units: u64,
    /// The link type of every packet.
    pub link_type: u32,
    /// The packets, in file order.
    pub records: Vec<Record>,
}

/// A packet record.
pub struct Record {
    /// Timestamp in `units`.
    pub time: u64,
    /// The packet's length on the wire.
    pub original_length: u32,
    /// The captured bytes.
    pub data: Vec<u8>,
}

/// Runs `run`, printing its error after the program's name and exiting with status 2.
pub fn main_with(name: &str, run: impl FnOnce() -> Result<(), String>) -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{name}: {message}");
            ExitCode::from(2)
        }
    }
}

/// Reads a pcap file (either byte order, micro- or nanosecond timestamps) on an Ethernet or
/// raw IP link.
///
/// # Errors
///
/// When the bytes are not such a file, or a record is cut short.
pub fn parse(bytes: &[u8]) -> Result<Capture, String> {
    let header: [u8; 24] = bytes
        .get(..24)
        .and_then(|h| h.try_into().ok())
        .ok_or("shorter than a pcap file header")?;
    let magic = [header[0], header[1], header[2], header[3]];
    let (big_endian, units) = match magic {
        [0xd4, 0xc3, 0xb2, 0xa1] => (false, 1_000_000),
        [0xa1, 0xb2, 0xc3, 0xd4] => (true, 1_000_000),
        [0x4d, 0x3c, 0xb2, 0xa1] => (false, 1_000_000_000),
        [0xa1, 0xb2, 0x3c, 0x4d] => (true, 1_000_000_000),
        _ => return Err("not a pcap file (pcapng is not read here)".to_owned()),
    };
    let u32_at = |b: &[u8], at: usize| {
        let field = [b[at], b[at + 1], b[at + 2], b[at + 3]];
        if big_endian {
            u32::from_be_bytes(field)
        } else {
            u32::from_le_bytes(field)
        }
    };
    let link_type = u32_at(&header, 20) & 0x0fff_ffff;
    if link_type != LINKTYPE_ETHERNET && link_type != LINKTYPE_RAW {
        return Err(format!(
            "link type {link_type}: only Ethernet (1) and raw IP (101) are read"
        ));
    }
    let mut records = Vec::new();
    let mut at = 24;
    while at < bytes.len() {
        let head = bytes
            .get(at..at + 16)
            .ok_or_else(|| format!("a record header cut short at byte {at}"))?;
        let time = u64::from(u32_at(head, 0)) * units + u64::from(u32_at(head, 4));
        let captured = u32_at(head, 8) as usize;
        let original_length = u32_at(head, 12);
        let data = bytes
            .get(at + 16..at + 16 + captured)
            .ok_or_else(|| format!("a record cut short at byte {at}"))?
            .to_vec();
        records.push(Record {
            time,
            original_length,
            data,
        });
        at += 16 + captured;
    }
    Ok(Capture {
        header,
        big_endian,
        units,
        link_type,
        records,
    })
}
