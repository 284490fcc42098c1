//! Where a SIP message starts and ends in a run of bytes: the start line recognised by its
//! shape (RFC 3261 §7.1, §7.2), and a message over a stream framed by its Content-Length
//! (RFC 3261 §18.3). This is transport framing only: no method or code is interpreted.

/// The longest start line looked at when deciding whether bytes are SIP.
pub const MAX_START_LINE: usize = 8 * 1024;

/// The longest message head (start line and header fields) a stream may carry before its
/// blank line.
pub const MAX_HEAD: usize = 64 * 1024;

/// Whether `bytes` begin with a SIP start line: `SIP/2.0 ddd ...` (a status line) or
/// `METHOD SP Request-URI SP SIP/2.0` (a request line) ended by a line feed.
pub fn starts_like_sip(bytes: &[u8]) -> bool {
    matches!(start_line(bytes), StartLine::Sip)
}

/// What the first line of `bytes` shows so far.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StartLine {
    /// A SIP start line.
    Sip,
    /// Not a SIP start line, whatever follows.
    NotSip,
    /// Could still become one: the line has not ended yet and what there is fits.
    Unfinished,
}

/// Reads the first line of `bytes` as a possible SIP start line.
pub fn start_line(bytes: &[u8]) -> StartLine {
    let window = &bytes[..bytes.len().min(MAX_START_LINE)];
    let Some(end) = find_byte(window, b'\n') else {
        if bytes.len() >= MAX_START_LINE || !could_start_sip(window) {
            return StartLine::NotSip;
        }
        return StartLine::Unfinished;
    };
    let line = window[..end].strip_suffix(b"\r").unwrap_or(&window[..end]);
    if is_status_line(line) || is_request_line(line) {
        StartLine::Sip
    } else {
        StartLine::NotSip
    }
}

fn is_status_line(line: &[u8]) -> bool {
    line.len() >= 11
        && line[..8].eq_ignore_ascii_case(b"SIP/2.0 ")
        && line[8..11].iter().all(u8::is_ascii_digit)
        && line.get(11).is_none_or(|&b| b == b' ')
}

fn is_request_line(line: &[u8]) -> bool {
    let Some(version_at) = line.len().checked_sub(8) else {
        return false;
    };
    if !line[version_at..].eq_ignore_ascii_case(b" SIP/2.0") {
        return false;
    }
    let Some(method_end) = line.iter().position(|&b| b == b' ') else {
        return false;
    };
    method_end > 0
        && method_end < version_at
        && line[..method_end].iter().all(|&b| is_token(b))
        && !line[method_end + 1..version_at].is_empty()
        && !line[method_end + 1..version_at].contains(&b' ')
}

/// Whether an unfinished first line could still become a SIP start line: a method token (or
/// the `SIP/2.0` of a status line) and then printable text.
fn could_start_sip(bytes: &[u8]) -> bool {
    let version = b"SIP/2.0 ";
    let common = bytes.len().min(version.len());
    if bytes[..common].eq_ignore_ascii_case(&version[..common]) {
        return true;
    }
    match bytes.iter().position(|&b| b == b' ') {
        None => bytes.iter().all(|&b| is_token(b)),
        Some(0) => false,
        Some(end) => {
            bytes[..end].iter().all(|&b| is_token(b))
                && bytes[end..].iter().all(|&b| b == b'\r' || (b' '..=b'~').contains(&b))
        }
    }
}

/// RFC 3261 §25.1's `token` characters.
fn is_token(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"-.!%*_+`'~".contains(&b)
}

/// How much of a stream the message at its start takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Framed {
    /// The whole message is there: its length in bytes, head and body.
    Complete(usize),
    /// More bytes are needed; the total is known once the head is complete.
    NeedMore(Option<usize>),
    /// The head is longer than [`MAX_HEAD`], or the Content-Length is not a number.
    Invalid,
}

/// Frames the message at the start of `stream` by its blank line and Content-Length
/// (RFC 3261 §18.3; the compact form `l` of §7.3.3 included). A missing Content-Length
/// counts as zero, as a stream requires it; the first Content-Length of the head is the one
/// read.
///
/// One pass over the head, a line at a time: only a line whose name starts with `c` or `l`
/// is looked at more closely.
pub fn frame(stream: &[u8]) -> Framed {
    let window = &stream[..stream.len().min(MAX_HEAD + 4)];
    let need_more = || {
        if stream.len() > MAX_HEAD {
            Framed::Invalid
        } else {
            Framed::NeedMore(None)
        }
    };
    // The start line is not a header field.
    let Some(first) = find_byte(window, b'\n') else {
        return need_more();
    };
    let mut at = first + 1;
    let mut body = None;
    let head_length = loop {
        let rest = &window[at..];
        if rest.starts_with(b"\r\n") {
            break at + 2;
        }
        if rest.starts_with(b"\n") {
            break at + 1;
        }
        let Some(end) = find_byte(rest, b'\n') else {
            return need_more();
        };
        if body.is_none() {
            body = header_content_length(&rest[..end]);
        }
        at += end + 1;
    };
    let length = match body {
        None => head_length,
        Some(Ok(body)) => head_length.saturating_add(body),
        Some(Err(InvalidContentLength)) => return Framed::Invalid,
    };
    if stream.len() >= length {
        Framed::Complete(length)
    } else {
        Framed::NeedMore(Some(length))
    }
}

/// The length of the head: up to and including the empty line (CRLF CRLF; a bare LF LF is
/// accepted too).
pub fn head_length(bytes: &[u8]) -> Option<usize> {
    let window = &bytes[..bytes.len().min(MAX_HEAD + 4)];
    let mut at = 0;
    while let Some(found) = find_byte(&window[at..], b'\n') {
        let line_feed = at + found;
        let rest = &window[line_feed + 1..];
        if rest.starts_with(b"\r\n") {
            return Some(line_feed + 3);
        }
        if rest.starts_with(b"\n") {
            return Some(line_feed + 2);
        }
        at = line_feed + 1;
    }
    None
}

/// The index of the first `needle` in `bytes`, eight bytes a step: with `w` the eight bytes
/// XOR the needle, a byte equal to the needle is a zero byte of `w`, and
/// `(w - 0x01..01) & !w & 0x80..80` sets the high bit of the lowest zero byte of `w` (a
/// borrow only ever marks bytes above it).
pub fn find_byte(bytes: &[u8], needle: u8) -> Option<usize> {
    const LOW: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let pattern = LOW * u64::from(needle);
    let mut chunks = bytes.chunks_exact(8);
    let mut at = 0;
    for chunk in &mut chunks {
        let word = u64::from_le_bytes([
            chunk[0], chunk[1], chunk[2], chunk[3], chunk[4], chunk[5], chunk[6], chunk[7],
        ]) ^ pattern;
        let found = word.wrapping_sub(LOW) & !word & HIGH;
        if found != 0 {
            return Some(at + (found.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    chunks.remainder().iter().position(|&b| b == needle).map(|i| at + i)
}

/// The value of a header line (without its line feed) if it is a Content-Length; `None`
/// for any other line.
fn header_content_length(line: &[u8]) -> Option<Result<usize, InvalidContentLength>> {
    let name_start = line.iter().position(|b| !b.is_ascii_whitespace())?;
    if !matches!(line[name_start] | 0x20, b'c' | b'l') {
        return None;
    }
    let colon = find_byte(line, b':')?;
    let name = line[..colon].trim_ascii();
    if !(name.eq_ignore_ascii_case(b"content-length") || name.eq_ignore_ascii_case(b"l")) {
        return None;
    }
    let value = line[colon + 1..].trim_ascii();
    if value.is_empty() || value.len() > 9 || !value.iter().all(u8::is_ascii_digit) {
        return Some(Err(InvalidContentLength));
    }
    Some(Ok(value.iter().fold(0, |n, &d| n * 10 + usize::from(d - b'0'))))
}

/// A Content-Length whose value is not a number of at most nine digits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct InvalidContentLength;

/// The Content-Length header field's value, if the head has one.
///
/// # Errors
///
/// When the value is not a number of at most nine digits.
pub fn content_length(head: &[u8]) -> Result<Option<usize>, InvalidContentLength> {
    for line in head.split(|&b| b == b'\n').skip(1) {
        if let Some(found) = header_content_length(line) {
            return found.map(Some);
        }
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn start_lines() {
        assert!(starts_like_sip(b"INVITE sip:bob@example.com SIP/2.0\r\nVia: x\r\n"));
        assert!(starts_like_sip(b"SIP/2.0 180 Ringing\r\n"));
        assert!(starts_like_sip(b"sip/2.0 200 OK\n"));
        assert!(!starts_like_sip(b"HTTP/1.1 200 OK\r\n"));
        assert!(!starts_like_sip(b"GET / HTTP/1.1\r\n"));
        assert!(!starts_like_sip(b"\r\n\r\n"));
        assert!(!starts_like_sip(b"\x16\x03\x01\x00\x10"));
        assert!(!starts_like_sip(b"INVITE  SIP/2.0\r\n"));
        assert_eq!(start_line(b"INVITE sip:bob@exa"), StartLine::Unfinished);
        assert_eq!(start_line(b"SIP/2"), StartLine::Unfinished);
        assert_eq!(start_line(b"\x16\x03\x01"), StartLine::NotSip);
        assert_eq!(start_line(b"HEP3\x00\x20"), StartLine::NotSip);
    }

    #[test]
    fn find_byte_finds_the_first_at_every_offset() {
        // Bytes around the needle that a word-at-a-time search could confuse with it: its
        // neighbours, the high-bit bytes and the needle's XOR partners.
        let fillers = [0x00_u8, 0x09, 0x0b, 0x80, 0x8a, 0xff, 0x01, b'\r'];
        for length in 0..40 {
            for &filler in &fillers {
                let mut bytes = vec![filler; length];
                assert_eq!(find_byte(&bytes, b'\n'), None, "{length} x {filler:#x}");
                for at in 0..length {
                    bytes[at] = b'\n';
                    if at + 3 < length {
                        bytes[at + 3] = b'\n';
                    }
                    assert_eq!(find_byte(&bytes, b'\n'), Some(at), "{length} x {filler:#x}, at {at}");
                    bytes.fill(filler);
                }
            }
        }
        assert_eq!(find_byte(b"\x0b\x0b\x0b\x0b\x0b\x0b\x0b\x0b\x0b\x0a", b'\n'), Some(9));
        assert_eq!(find_byte(b"\x00\x01\x00\x01:", b':'), Some(4));
    }

    #[test]
    fn frame_reads_the_first_content_length_once_the_head_is_complete() {
        let two = b"MESSAGE sip:a SIP/2.0\r\nContent-Length: 2\r\nl: 9\r\n\r\nhi";
        assert_eq!(frame(two), Framed::Complete(two.len()));
        // Names matched without regard to case or the spaces around them.
        let spaced = b"MESSAGE sip:a SIP/2.0\r\nCall-ID: c\r\n CONTENT-length : 2\r\n\r\nhi";
        assert_eq!(frame(spaced), Framed::Complete(spaced.len()));
        // Names that start like it but are other fields.
        let other = b"SIP/2.0 200 OK\r\nContact: <sip:a>\r\nLength: 7\r\nContent-Type: x\r\n\r\n";
        assert_eq!(frame(other), Framed::Complete(other.len()));
        // A bad value counts only once the head is there.
        let bad = b"SIP/2.0 200 OK\r\nContent-Length: 1x\r\n";
        assert_eq!(frame(bad), Framed::NeedMore(None));
        assert_eq!(frame(&[&bad[..], b"\r\n"].concat()), Framed::Invalid);
        assert_eq!(content_length(b"SIP/2.0 200 OK\r\nl: 12\r\n"), Ok(Some(12)));
        assert_eq!(
            content_length(b"SIP/2.0 200 OK\r\nl: 1234567890\r\n"),
            Err(InvalidContentLength)
        );
        // A head longer than the limit with no end in sight.
        let mut long = b"SIP/2.0 200 OK\r\n".to_vec();
        while long.len() <= MAX_HEAD {
            long.extend_from_slice(b"Via: SIP/2.0/UDP host\r\n");
        }
        assert_eq!(frame(&long), Framed::Invalid);
        assert_eq!(frame(b"SIP/2.0 200 OK\r\n"), Framed::NeedMore(None));
        assert_eq!(frame(b"SIP/2.0 200 OK\r\n\r"), Framed::NeedMore(None));
        assert_eq!(frame(b"SIP/2.0 200 OK\n\n"), Framed::Complete(16));
    }

    #[test]
    fn frames_by_content_length() {
        let message = b"MESSAGE sip:a SIP/2.0\r\nl: 5\r\n\r\nhello";
        assert_eq!(frame(message), Framed::Complete(message.len()));
        assert_eq!(
            frame(&message[..message.len() - 1]),
            Framed::NeedMore(Some(message.len()))
        );
        assert_eq!(frame(&message[..10]), Framed::NeedMore(None));
        let no_length = b"SIP/2.0 100 Trying\r\nVia: x\r\n\r\nSIP/2.0";
        assert_eq!(frame(no_length), Framed::Complete(no_length.len() - 7));
        assert_eq!(
            frame(b"SIP/2.0 100 Trying\r\nContent-Length: x\r\n\r\n"),
            Framed::Invalid
        );
        assert_eq!(
            frame(b"SIP/2.0 100 Trying\nContent-Length:  2 \n\nab"),
            Framed::Complete(42)
        );
    }
}
