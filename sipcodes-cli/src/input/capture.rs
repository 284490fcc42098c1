//! pcap and pcapng files, read as a stream through a buffer of bounded size: every section
//! and interface of a pcapng, each packet numbered from 1 as Wireshark numbers frames.

use std::io::Read;
use std::sync::Arc;

use pcap_parser::pcapng::Block;
use pcap_parser::traits::PcapNGPacketBlock;
use pcap_parser::{PcapBlockOwned, PcapError};

use super::decode::Decoder;
use super::{ReadError, Seen, Sink, Timestamp, Warning};

/// The largest capture record (a packet record of a pcap, a block of a pcapng) read; a
/// longer one is taken for a corrupt length.
pub const MAX_RECORD: usize = 16 * 1024 * 1024;

const INITIAL_BUFFER: usize = 256 * 1024;

/// An interface of a pcapng section: its link type, and how to read its timestamps.
#[derive(Clone, Copy)]
struct Interface {
    link_type: u32,
    /// Timestamp units per second.
    units_per_second: u64,
    /// Seconds added to every timestamp.
    offset_seconds: i64,
}

/// Reads a pcap or pcapng from `input` (named `file`) through `decoder` into `sink`. A
/// capture that ends inside a record is read up to there, with a warning.
///
/// # Errors
///
/// When the input is not a capture, or is corrupt: the error names the byte offset.
pub fn read(
    file: &Arc<str>,
    input: impl Read + Send,
    decoder: &mut Decoder,
    sink: &mut dyn Sink,
) -> Result<Vec<Warning>, ReadError> {
    let error = |offset: usize, what: String| ReadError {
        file: Arc::clone(file),
        offset: Some(offset as u64),
        what,
    };
    let mut reader = match pcap_parser::create_reader(INITIAL_BUFFER, input) {
        Ok(reader) => reader,
        Err(PcapError::Eof) => {
            return Ok(vec![Warning {
                file: Arc::clone(file),
                offset: None,
                what: "empty input".to_owned(),
            }]);
        }
        Err(PcapError::Incomplete(_) | PcapError::UnexpectedEof) => {
            return Err(error(0, "the capture ends inside its file header".to_owned()));
        }
        Err(other) => {
            return Err(error(
                0,
                format!("not a pcap or pcapng file header ({})", describe(&other)),
            ));
        }
    };
    let mut warnings = Vec::new();
    let mut records = Records {
        file,
        legacy: None,
        interfaces: Vec::new(),
        number: 0,
        last_seen: Seen::packet(file, 0, None),
    };
    loop {
        let offset = reader.consumed();
        if offset > 0 {
            if let Some(what) = corrupt_header(reader.data(), records.legacy) {
                return Err(error(offset, what));
            }
        }
        match reader.next() {
            Ok((length, block)) => {
                records.block(block, offset, decoder, sink)?;
                reader.consume(length);
                if records.number % 1024 == 0 {
                    sink.progress(reader.consumed() as u64);
                }
            }
            Err(failure) => {
                let failure = Failure::from(&failure);
                match failure {
                    Failure::Eof => break,
                    Failure::Incomplete => {
                        reader
                            .refill()
                            .map_err(|e| error(offset, format!("reading failed ({})", describe(&e))))?;
                    }
                    Failure::BufferTooSmall => {
                        let size = reader.data().len().max(INITIAL_BUFFER) * 2;
                        if size > 2 * MAX_RECORD || !reader.grow(size) {
                            return Err(error(
                                offset,
                                format!("a record longer than {} MiB: a corrupt length", MAX_RECORD >> 20),
                            ));
                        }
                        reader
                            .refill()
                            .map_err(|e| error(offset, format!("reading failed ({})", describe(&e))))?;
                    }
                    Failure::UnexpectedEof => {
                        let left = reader.data().len();
                        warnings.push(Warning {
                            file: Arc::clone(file),
                            offset: Some(offset as u64),
                            what: format!(
                                "the capture ends inside a record ({left} bytes of it are there): read up to there; was the capture cut short?"
                            ),
                        });
                        break;
                    }
                    Failure::Corrupt(what) => return Err(error(offset, format!("{what}: the file is corrupt here"))),
                }
            }
        }
    }
    decoder.finish(&records.last_seen, sink);
    sink.progress(reader.consumed() as u64);
    Ok(warnings)
}

/// What a pcap's file header says.
#[derive(Clone, Copy)]
struct Legacy {
    link_type: u32,
    nanoseconds: bool,
    big_endian: bool,
    snaplen: u32,
}

/// What is known of the capture so far: its file header or its sections' interfaces, and the
/// packets read.
struct Records<'a> {
    file: &'a Arc<str>,
    legacy: Option<Legacy>,
    interfaces: Vec<Interface>,
    number: u64,
    last_seen: Seen,
}

impl Records<'_> {
    fn block(
        &mut self,
        block: PcapBlockOwned<'_>,
        offset: usize,
        decoder: &mut Decoder,
        sink: &mut dyn Sink,
    ) -> Result<(), ReadError> {
        let error = |what: String| ReadError {
            file: Arc::clone(self.file),
            offset: Some(offset as u64),
            what,
        };
        match block {
            PcapBlockOwned::LegacyHeader(header) => {
                self.legacy = Some(Legacy {
                    link_type: u32::try_from(header.network.0).unwrap_or(u32::MAX),
                    nanoseconds: header.is_nanosecond_precision(),
                    big_endian: header.is_bigendian(),
                    snaplen: header.snaplen,
                });
            }
            PcapBlockOwned::Legacy(record) => {
                let legacy = self
                    .legacy
                    .ok_or_else(|| error("a packet record before the file header".to_owned()))?;
                if record.caplen > record.origlen.max(262_144) {
                    return Err(error(format!(
                        "a packet record says {} bytes were captured of {}: a corrupt record header",
                        record.caplen, record.origlen
                    )));
                }
                let fraction = if legacy.nanoseconds {
                    record.ts_usec
                } else {
                    record.ts_usec.saturating_mul(1000)
                };
                let timestamp = Timestamp {
                    seconds: i64::from(record.ts_sec),
                    nanoseconds: fraction.min(999_999_999),
                };
                self.packet(legacy.link_type, record.data, Some(timestamp), decoder, sink);
            }
            PcapBlockOwned::NG(Block::SectionHeader(_)) => self.interfaces.clear(),
            PcapBlockOwned::NG(Block::InterfaceDescription(description)) => {
                let units_per_second = match description.if_tsresol {
                    resolution if resolution & 0x80 == 0 => 10u64.checked_pow(u32::from(resolution)),
                    resolution => 1u64.checked_shl(u32::from(resolution & 0x7f)),
                };
                self.interfaces.push(Interface {
                    link_type: u32::try_from(description.linktype.0).unwrap_or(u32::MAX),
                    units_per_second: units_per_second.unwrap_or(1_000_000).max(1),
                    offset_seconds: description.if_tsoffset,
                });
            }
            PcapBlockOwned::NG(Block::EnhancedPacket(packet)) => {
                let interface = usize::try_from(packet.if_id)
                    .ok()
                    .and_then(|id| self.interfaces.get(id))
                    .copied()
                    .ok_or_else(|| {
                        error(format!(
                            "a packet on interface {}, which the section does not describe",
                            packet.if_id
                        ))
                    })?;
                let ticks = (u64::from(packet.ts_high) << 32) | u64::from(packet.ts_low);
                self.packet(
                    interface.link_type,
                    packet.packet_data(),
                    Some(timestamp(ticks, interface)),
                    decoder,
                    sink,
                );
            }
            PcapBlockOwned::NG(Block::SimplePacket(packet)) => {
                let interface = *self
                    .interfaces
                    .first()
                    .ok_or_else(|| error("a simple packet block before any interface description".to_owned()))?;
                self.packet(interface.link_type, packet.packet_data(), None, decoder, sink);
            }
            PcapBlockOwned::NG(_) => {}
        }
        Ok(())
    }

    fn packet(
        &mut self,
        link_type: u32,
        data: &[u8],
        timestamp: Option<Timestamp>,
        decoder: &mut Decoder,
        sink: &mut dyn Sink,
    ) {
        self.number += 1;
        sink.packet();
        self.last_seen = Seen::packet(self.file, self.number, timestamp);
        decoder.frame(link_type, data, &self.last_seen, sink);
    }
}

/// What is wrong with the record header at the start of `data`, if its length is past what
/// any capture holds: a pcap packet record longer than the file's snapshot length (and 256
/// KiB), a pcapng block shorter than its own 12-byte frame (pcap-parser would underflow on it)
/// or longer than [`MAX_RECORD`]. A pcapng length is read in both byte orders: one of 12
/// bytes to 16 MiB reads as at least 12 either way round.
fn corrupt_header(data: &[u8], legacy: Option<Legacy>) -> Option<String> {
    let word = |big_endian: bool| {
        let bytes: [u8; 4] = data.get(if legacy.is_some() { 8..12 } else { 4..8 })?.try_into().ok()?;
        Some(if big_endian {
            u32::from_be_bytes(bytes)
        } else {
            u32::from_le_bytes(bytes)
        })
    };
    if let Some(legacy) = legacy {
        let captured = word(legacy.big_endian)?;
        return (captured > legacy.snaplen.max(262_144))
            .then(|| format!("a packet record says {captured} bytes were captured: the file is corrupt here"));
    }
    let length = word(false)?.min(word(true)?);
    if length < 12 {
        return Some(format!(
            "a pcapng block {length} bytes long, shorter than a block's 12-byte frame: the file is corrupt here"
        ));
    }
    (u64::from(length) > MAX_RECORD as u64).then(|| {
        format!(
            "a pcapng block says it is {length} bytes long, more than {} MiB: the file is corrupt here",
            MAX_RECORD >> 20
        )
    })
}

/// A pcapng timestamp in seconds and nanoseconds, read with its interface's resolution and
/// offset; out-of-range values are clamped rather than wrapped.
fn timestamp(ticks: u64, interface: Interface) -> Timestamp {
    let seconds = i64::try_from(ticks / interface.units_per_second).unwrap_or(i64::MAX);
    let fraction = u128::from(ticks % interface.units_per_second);
    let nanoseconds = u32::try_from(fraction * 1_000_000_000 / u128::from(interface.units_per_second)).unwrap_or(0);
    Timestamp {
        seconds: seconds.saturating_add(interface.offset_seconds),
        nanoseconds,
    }
}

/// What a reader's error says, owned, so that the reader can be used again.
#[derive(Debug, PartialEq, Eq)]
enum Failure {
    Eof,
    Incomplete,
    BufferTooSmall,
    UnexpectedEof,
    Corrupt(String),
}

impl<I> From<&PcapError<I>> for Failure {
    fn from(error: &PcapError<I>) -> Failure {
        match error {
            PcapError::Eof => Failure::Eof,
            PcapError::Incomplete(_) => Failure::Incomplete,
            PcapError::BufferTooSmall => Failure::BufferTooSmall,
            PcapError::UnexpectedEof => Failure::UnexpectedEof,
            other => Failure::Corrupt(describe(other)),
        }
    }
}

fn describe<I>(error: &PcapError<I>) -> String {
    match error {
        PcapError::Eof | PcapError::UnexpectedEof | PcapError::Incomplete(_) => "the input ends".to_owned(),
        PcapError::BufferTooSmall => "a record too long".to_owned(),
        PcapError::ReadError => "a read error".to_owned(),
        PcapError::HeaderNotRecognized => "unknown magic number".to_owned(),
        PcapError::NomError(_, kind) | PcapError::OwnedNomError(_, kind) => {
            format!("unreadable block ({})", kind.description())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::build::{self, Recorder};
    use super::super::link::link_type;
    use super::*;

    const BYE: &[u8] = b"BYE sip:b@example.com SIP/2.0\r\nContent-Length: 0\r\n\r\n";

    fn read_bytes(bytes: &[u8]) -> (Recorder, Result<Vec<Warning>, ReadError>) {
        let mut recorder = Recorder::default();
        let result = read(
            &"test.pcap".into(),
            std::io::Cursor::new(bytes.to_vec()),
            &mut Decoder::new(),
            &mut recorder,
        );
        (recorder, result)
    }

    #[test]
    fn packets_are_numbered_and_timed() {
        let frame = build::ipv4_udp([192, 0, 2, 1], 5060, [192, 0, 2, 2], 5060, BYE);
        let (recorder, result) = read_bytes(&build::pcap(link_type::RAW, &[&frame, &frame]));
        assert_eq!(result, Ok(vec![]));
        assert_eq!(recorder.messages.len(), 2);
        assert_eq!(recorder.seen[1].position, super::super::Position::Packet(2));
        assert_eq!(
            recorder.seen[1].timestamp,
            Some(Timestamp {
                seconds: 1_700_000_001,
                nanoseconds: 500_000_000
            })
        );
    }

    #[test]
    fn a_truncated_capture_warns_and_keeps_what_it_read() {
        let frame = build::ipv4_udp([192, 0, 2, 1], 5060, [192, 0, 2, 2], 5060, BYE);
        let file = build::pcap(link_type::RAW, &[&frame, &frame]);
        let (recorder, result) = read_bytes(&file[..file.len() - 10]);
        let warnings = result.unwrap();
        assert_eq!(recorder.messages.len(), 1);
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].offset, Some(24 + 16 + frame.len() as u64));
    }

    #[test]
    fn garbage_is_an_error_at_an_offset() {
        let (_, result) = read_bytes(b"this is not a capture at all, just words");
        assert_eq!(result.unwrap_err().offset, Some(0));
        let frame = build::ipv4_udp([192, 0, 2, 1], 5060, [192, 0, 2, 2], 5060, BYE);
        let mut file = build::pcap(link_type::RAW, &[&frame]);
        let record = file.len();
        // A record header claiming 4 GiB.
        file.extend_from_slice(&[0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
        file.extend_from_slice(&[0; 64]);
        let (recorder, result) = read_bytes(&file);
        assert_eq!(recorder.messages.len(), 1);
        let error = result.unwrap_err();
        assert_eq!(error.offset, Some(record as u64), "{error}");
    }

    #[test]
    fn a_pcapng_block_shorter_than_its_frame_is_an_error() {
        // A section header, then a block whose length (4) cannot hold its own frame.
        let mut file = vec![0x0a, 0x0d, 0x0d, 0x0a, 28, 0, 0, 0, 0x4d, 0x3c, 0x2b, 0x1a, 1, 0, 0, 0];
        file.extend_from_slice(&[0xff; 8]);
        file.extend_from_slice(&[28, 0, 0, 0]);
        file.extend_from_slice(&[4, 0, 0, 0, 4, 0, 0, 0, 0, 0, 0, 0]);
        let (_, result) = read_bytes(&file);
        assert_eq!(result.unwrap_err().offset, Some(28));
    }

    #[test]
    fn pcapng_timestamps_with_their_resolution() {
        let interface = Interface {
            link_type: 1,
            units_per_second: 1_000_000_000,
            offset_seconds: 10,
        };
        assert_eq!(
            timestamp(1_500_000_000_123, interface),
            Timestamp {
                seconds: 1510,
                nanoseconds: 123
            }
        );
        let binary = Interface {
            link_type: 1,
            units_per_second: 1 << 20,
            offset_seconds: 0,
        };
        assert_eq!(
            timestamp((3 << 20) + (1 << 19), binary),
            Timestamp {
                seconds: 3,
                nanoseconds: 500_000_000
            }
        );
    }
}
