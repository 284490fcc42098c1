//! Inputs by name: a file, or `-` for standard input; a pcap, a pcapng or a text trace,
//! told apart by their first bytes.

use std::fs::File;
use std::io::{self, BufReader, Cursor, Read};
use std::sync::Arc;

use super::decode::Decoder;
use super::{ReadError, Sink, Warning, capture, text};

/// The kind of input, from its first bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// A pcap (any of its four magic numbers).
    Pcap,
    /// A pcapng (its section header block type).
    Pcapng,
    /// Text.
    Text,
    /// Nothing at all.
    Empty,
}

/// Tells a format by the first four bytes; `None` for bytes that are neither a capture nor
/// text.
pub fn sniff(start: &[u8]) -> Option<Format> {
    match start {
        [] => Some(Format::Empty),
        [0xa1, 0xb2, 0xc3, 0xd4, ..]
        | [0xd4, 0xc3, 0xb2, 0xa1, ..]
        | [0xa1, 0xb2, 0x3c, 0x4d, ..]
        | [0x4d, 0x3c, 0xb2, 0xa1, ..] => Some(Format::Pcap),
        [0x0a, 0x0d, 0x0d, 0x0a, ..] => Some(Format::Pcapng),
        bytes
            if bytes
                .iter()
                .all(|&b| b.is_ascii_graphic() || b.is_ascii_whitespace() || b >= 0x80) =>
        {
            Some(Format::Text)
        }
        _ => None,
    }
}

/// The size of an input, when it is a file (for the progress bar).
pub fn size(name: &str) -> Option<u64> {
    if name == "-" {
        None
    } else {
        std::fs::metadata(name).ok().map(|metadata| metadata.len())
    }
}

/// Reads the input `name` into `sink`; returns the warnings.
///
/// # Errors
///
/// When the input cannot be opened or read, or is neither a capture nor a text trace.
pub fn read(name: &str, sink: &mut dyn Sink) -> Result<Vec<Warning>, ReadError> {
    let file: Arc<str> = Arc::from(name);
    if name == "-" {
        read_from(&file, io::stdin(), sink)
    } else {
        let opened = File::open(name).map_err(|error| ReadError {
            file: Arc::clone(&file),
            offset: None,
            what: format!("cannot open: {error}"),
        })?;
        read_from(&file, opened, sink)
    }
}

/// Reads `input`, named `file`, into `sink`.
///
/// # Errors
///
/// As [`read`].
pub fn read_from(file: &Arc<str>, mut input: impl Read + Send, sink: &mut dyn Sink) -> Result<Vec<Warning>, ReadError> {
    // Enough for the sniffing and for the capture reader's first look at a file header,
    // which it takes from one read.
    let mut start = vec![0u8; 64 * 1024];
    let mut filled = 0;
    while filled < start.len() {
        match input.read(&mut start[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(error) if error.kind() == io::ErrorKind::Interrupted => {}
            Err(error) => {
                return Err(ReadError {
                    file: Arc::clone(file),
                    offset: Some(filled as u64),
                    what: format!("reading failed: {error}"),
                });
            }
        }
    }
    let whole = Cursor::new(start[..filled].to_vec()).chain(input);
    match sniff(&start[..filled.min(4)]) {
        Some(Format::Pcap | Format::Pcapng) => capture::read(file, whole, &mut Decoder::new(), sink),
        Some(Format::Text) => text::read(file, BufReader::new(whole), sink).map(|()| Vec::new()),
        Some(Format::Empty) => Ok(vec![Warning {
            file: Arc::clone(file),
            offset: None,
            what: "empty input".to_owned(),
        }]),
        None => Err(ReadError {
            file: Arc::clone(file),
            offset: Some(0),
            what: format!(
                "not a pcap, pcapng or SIP text trace: it starts with the bytes {:02x?}, where a pcap starts with a1 b2 c3 d4 (or reversed), a pcapng with 0a 0d 0d 0a",
                &start[..filled.min(4)]
            ),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_by_their_first_bytes() {
        assert_eq!(sniff(&[0xd4, 0xc3, 0xb2, 0xa1]), Some(Format::Pcap));
        assert_eq!(sniff(&[0x4d, 0x3c, 0xb2, 0xa1]), Some(Format::Pcap));
        assert_eq!(sniff(&[0x0a, 0x0d, 0x0d, 0x0a]), Some(Format::Pcapng));
        assert_eq!(sniff(b"INVI"), Some(Format::Text));
        assert_eq!(sniff(b"\r\n--"), Some(Format::Text));
        assert_eq!(sniff(&[0x7f, 0x45, 0x4c, 0x46]), None);
        assert_eq!(sniff(&[]), Some(Format::Empty));
    }
}
