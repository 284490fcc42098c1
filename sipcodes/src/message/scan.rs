//! The byte scanner behind [`Message`]'s parsers: one pass over the start line and the
//! header fields that checks them, finds where the head ends, reads Content-Length and
//! notes where the header fields the accessors read are.

use super::error::{ParseMessageError, ParseMessageErrorKind as Kind};
use super::{Known, Line, Message, RequestLine, StartLine};
use crate::StatusLine;
use crate::grammar::{is_token_byte, token_end, wsp_end};

/// How the message's end is found when it has no Content-Length.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Framing {
    /// The input is one datagram: without Content-Length, the body is the rest of it.
    Datagram,
    /// The input is the start of a stream: without Content-Length, there is no body.
    Stream,
}

/// An error of `kind` at `offset`; an [`Incomplete`](Kind::Incomplete) one if `offset` is the
/// end of the input, where more bytes could still make the rule hold.
#[cold]
fn error(input: &[u8], kind: Kind, offset: usize) -> ParseMessageError {
    if offset >= input.len() {
        ParseMessageError::at(input, Kind::Incomplete, input.len())
    } else {
        ParseMessageError::at(input, kind, offset)
    }
}

/// The bytes of CRLF keep-alives (RFC 5626 §3.5.1) at the start of `input`: whole CRLF
/// pairs only.
pub(super) fn keep_alive_len(input: &[u8]) -> usize {
    let mut at = 0;
    while input.get(at..at + 2) == Some(b"\r\n") {
        at += 2;
    }
    at
}

/// Parses the message at the start of `input`, after any keep-alives.
#[inline]
pub(super) fn scan(input: &[u8], framing: Framing) -> Result<Message<'_>, ParseMessageError> {
    let start = keep_alive_len(input);
    let (start_line, headers_start) = start_line(input, start)?;
    let head = scan_headers(input, headers_start)?;
    let headers_end = head.body_start - 2;
    let headers = core::str::from_utf8(input.get(headers_start..headers_end).unwrap_or_default())
        .map_err(|utf8| ParseMessageError::at(input, Kind::Utf8, headers_start + utf8.valid_up_to()))?;
    let end = match (head.content_length, framing) {
        (Some(length), _) => match head.body_start.checked_add(length) {
            Some(end) if end <= input.len() => end,
            _ => return Err(ParseMessageError::at(input, Kind::Incomplete, input.len())),
        },
        (None, Framing::Datagram) => input.len(),
        (None, Framing::Stream) => head.body_start,
    };
    Ok(Message {
        input: input.get(..end).unwrap_or(input),
        start,
        start_line,
        headers,
        headers_start,
        body_start: head.body_start,
        content_length: head.content_length,
        known: head.known,
    })
}

/// The start line at `start`, and where the line after it starts.
#[inline]
fn start_line(input: &[u8], start: usize) -> Result<(StartLine<'_>, usize), ParseMessageError> {
    let first = input.get(start..).unwrap_or_default();
    if first == b"\r" {
        // The start of a keep-alive, or of a line ending a stream carries before a message.
        return Err(ParseMessageError::at(input, Kind::Incomplete, input.len()));
    }
    if first
        .get(..4)
        .is_some_and(|version| version.eq_ignore_ascii_case(b"SIP/"))
    {
        status_line(input, start)
    } else {
        request_line(input, start)
    }
}

/// Status-Line: read by [`StatusLine::parse_prefix_lenient`], once its line ending is in
/// the input (its errors on a cut line would name the rule the cut broke, not the cut).
#[inline]
fn status_line(input: &[u8], start: usize) -> Result<(StartLine<'_>, usize), ParseMessageError> {
    let rest = input.get(start..).unwrap_or_default();
    let Some(line_feed) = rest.iter().position(|&byte| byte == b'\n') else {
        return Err(ParseMessageError::at(input, Kind::Incomplete, input.len()));
    };
    let line = rest.get(..=line_feed).unwrap_or_default();
    let (status_line, _) = StatusLine::parse_prefix_lenient(line)
        .map_err(|status| error(input, Kind::StatusLine(status.kind()), start + status.offset()))?;
    // The lenient parser also ends a line at a bare LF; a message's lines end with CRLF.
    if line_feed == 0 || rest.get(line_feed - 1) != Some(&b'\r') {
        return Err(ParseMessageError::at(input, Kind::LineEnding, start + line_feed));
    }
    Ok((StartLine::Response(status_line), start + line_feed + 1))
}

/// Request-Line = Method SP Request-URI SP SIP-Version CRLF (RFC 3261 §25.1).
#[inline]
fn request_line(input: &[u8], start: usize) -> Result<(StartLine<'_>, usize), ParseMessageError> {
    let method_end = token_end(input, start);
    if method_end == start || input.get(method_end) != Some(&b' ') {
        return Err(error(input, Kind::Method, method_end));
    }
    let uri_start = method_end + 1;
    let uri_end = request_uri_end(input, uri_start)?;
    let version_start = uri_end + 1;
    let version_end = crate::status_line::scan_version(input, version_start)
        .map_err(|version| error(input, Kind::SipVersion, version.offset()))?;
    match (input.get(version_end), input.get(version_end + 1)) {
        (Some(b'\r'), Some(b'\n')) => {}
        (Some(b'\r'), None) => return Err(ParseMessageError::at(input, Kind::Incomplete, input.len())),
        _ => return Err(error(input, Kind::LineEnding, version_end)),
    }
    // Every byte of the line is ASCII: a token, URI characters and the version.
    let text =
        |from: usize, to: usize| core::str::from_utf8(input.get(from..to).unwrap_or_default()).unwrap_or_default();
    let request_line = RequestLine {
        method: text(start, method_end),
        request_uri: text(uri_start, uri_end),
        version: text(version_start, version_end),
    };
    Ok((StartLine::Request(request_line), version_end + 2))
}

/// Where the Request-URI starting at `start` ends, at the SP after it: a scheme
/// (`ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )`), `:`, then the characters a SIP URI or an
/// absoluteURI may hold (RFC 3261 §25.1: unreserved, reserved, `%` escapes and the brackets
/// of an IPv6 reference). Not a full URI parse: the audit reads the URI, this only frames it.
fn request_uri_end(input: &[u8], start: usize) -> Result<usize, ParseMessageError> {
    if !input.get(start).is_some_and(u8::is_ascii_alphabetic) {
        return Err(error(input, Kind::RequestUri, start));
    }
    let rest = input.get(start..).unwrap_or_default();
    let scheme_end = start
        + rest
            .iter()
            .position(|&byte| !(byte.is_ascii_alphanumeric() || matches!(byte, b'+' | b'-' | b'.')))
            .unwrap_or(rest.len());
    if input.get(scheme_end) != Some(&b':') {
        return Err(error(input, Kind::RequestUri, scheme_end));
    }
    let rest = input.get(scheme_end..).unwrap_or_default();
    let end = scheme_end + rest.iter().position(|&byte| !is_uri_byte(byte)).unwrap_or(rest.len());
    if input.get(end) != Some(&b' ') {
        return Err(error(input, Kind::RequestUri, end));
    }
    Ok(end)
}

/// Whether a Request-URI may hold `byte`: an alphanumeric, `- _ . ! ~ * ' ( )`
/// (unreserved), `; / ? : @ & = + $ ,` (reserved), `%` (escaped) or `[ ]`
/// (`IPv6reference`). The token bytes but `` ` ``, and a few more.
fn is_uri_byte(byte: u8) -> bool {
    (is_token_byte(byte) && byte != b'`')
        || matches!(
            byte,
            b'(' | b')' | b';' | b'/' | b'?' | b':' | b'@' | b'&' | b'=' | b'$' | b',' | b'[' | b']'
        )
}

/// What the header scan found.
struct Head {
    /// Where the body starts: after the empty line.
    body_start: usize,
    content_length: Option<usize>,
    known: Known,
}

/// Checks the header fields from `start` to the empty line after them (message-header =
/// header-name HCOLON header-value CRLF, with line folds), reading Content-Length and
/// noting where the header fields [`Known`] keeps are.
#[inline]
fn scan_headers(input: &[u8], start: usize) -> Result<Head, ParseMessageError> {
    let mut known = Known::default();
    let mut content_length = None;
    let mut at = start;
    loop {
        match input.get(at) {
            Some(b'\r') => {
                return match input.get(at + 1) {
                    Some(b'\n') => Ok(Head {
                        body_start: at + 2,
                        content_length,
                        known,
                    }),
                    None => Err(ParseMessageError::at(input, Kind::Incomplete, input.len())),
                    Some(_) => Err(ParseMessageError::at(input, Kind::LineEnding, at)),
                };
            }
            Some(b'\n') => return Err(error(input, Kind::LineEnding, at)),
            _ => {}
        }
        let name_end = token_end(input, at);
        if name_end == at {
            return Err(error(input, Kind::FieldName, at));
        }
        let colon = wsp_end(input, name_end);
        if input.get(colon) != Some(&b':') {
            return Err(error(input, Kind::Colon, colon));
        }
        let (line_end, next) = value_end(input, colon + 1)?;
        let name = input.get(at..name_end).unwrap_or_default();
        match known.note(name, at - start, line_end - start) {
            Some(Noted::ContentLength) if content_length.is_some() => {
                return Err(ParseMessageError::at(input, Kind::RepeatedContentLength, at));
            }
            Some(Noted::ContentLength) => content_length = Some(read_content_length(input, colon + 1, line_end)?),
            None => {}
        }
        at = next;
    }
}

/// Content-Length = 1*DIGIT (after HCOLON's blanks), in `input[start..end]`.
fn read_content_length(input: &[u8], start: usize, end: usize) -> Result<usize, ParseMessageError> {
    let mut at = start;
    // HCOLON's SWS, a line fold included.
    while let Some(b' ' | b'\t' | b'\r' | b'\n') = input.get(at).filter(|_| at < end) {
        at += 1;
    }
    let digits_start = at;
    let mut length: usize = 0;
    while let Some(&digit) = input.get(at).filter(|_| at < end) {
        if !digit.is_ascii_digit() {
            break;
        }
        length = length
            .checked_mul(10)
            .and_then(|length| length.checked_add(usize::from(digit - b'0')))
            .ok_or_else(|| ParseMessageError::at(input, Kind::ContentLength, digits_start))?;
        at += 1;
    }
    let digits_end = at;
    while let Some(b' ' | b'\t') = input.get(at).filter(|_| at < end) {
        at += 1;
    }
    if digits_end == digits_start || at < end {
        return Err(ParseMessageError::at(
            input,
            Kind::ContentLength,
            if digits_end == digits_start { digits_start } else { at },
        ));
    }
    Ok(length)
}

/// The value starting at `start` (just after the colon): checks its bytes and line folds,
/// and returns where its line ends (the CR of the CRLF that ends the header field) and
/// where the next line starts.
#[inline]
fn value_end(input: &[u8], start: usize) -> Result<(usize, usize), ParseMessageError> {
    let mut at = start;
    loop {
        at = next_control(input, at);
        match input.get(at) {
            Some(b'\t') => at += 1,
            Some(b'\r') => match (input.get(at + 1), input.get(at + 2)) {
                (Some(b'\n'), Some(b' ' | b'\t')) => at += 3,
                (Some(b'\n'), Some(_)) => return Ok((at, at + 2)),
                (Some(b'\n'), None) | (None, _) => {
                    return Err(ParseMessageError::at(input, Kind::Incomplete, input.len()));
                }
                (Some(_), _) => return Err(ParseMessageError::at(input, Kind::LineEnding, at)),
            },
            Some(b'\n') => return Err(error(input, Kind::LineEnding, at)),
            // Another control character: allowed only as a quoted-pair, which the careful
            // scan tells apart, from the value's start (so each value is read at most twice).
            Some(_) => return escaped_value_end(input, start),
            None => return Err(ParseMessageError::at(input, Kind::Incomplete, input.len())),
        }
    }
}

/// [`value_end`] for a value holding a control character other than a tab, CR or LF: such a
/// character is allowed only as a quoted-pair (`\` and the character), inside a quoted
/// string or a comment (RFC 3261 §25.1; RFC 4475 §3.1.1.2 has one in a display name).
#[cold]
#[inline(never)]
fn escaped_value_end(input: &[u8], start: usize) -> Result<(usize, usize), ParseMessageError> {
    let mut quoted = false;
    let mut comment_depth: usize = 0;
    let mut at = start;
    while let Some(&byte) = input.get(at) {
        match byte {
            b'\r' => match (input.get(at + 1), input.get(at + 2)) {
                (Some(b'\n'), Some(b' ' | b'\t')) => at += 2,
                (Some(b'\n'), Some(_)) => return Ok((at, at + 2)),
                (Some(b'\n'), None) | (None, _) => break,
                (Some(_), _) => return Err(ParseMessageError::at(input, Kind::LineEnding, at)),
            },
            b'\n' => return Err(error(input, Kind::LineEnding, at)),
            // A backslash before a CR or LF escapes nothing: the line ending is read as one,
            // as `value_end` reads it.
            b'\\' if (quoted || comment_depth > 0) && !matches!(input.get(at + 1), Some(b'\r' | b'\n')) => at += 1,
            b'"' if comment_depth == 0 => quoted = !quoted,
            b'(' if !quoted => comment_depth += 1,
            b')' if !quoted => comment_depth = comment_depth.saturating_sub(1),
            b'\t' => {}
            0..0x20 | 0x7f => return Err(error(input, Kind::FieldValue, at)),
            _ => {}
        }
        at += 1;
    }
    Err(ParseMessageError::at(input, Kind::Incomplete, input.len()))
}

/// Where the first control character (below 0x20, or 0x7F) at or after `at` is; the end of
/// `input` if there is none. Sixteen bytes a step, in a loop the compiler turns into vector
/// compares (most of a head is printable text), then eight to find which byte it was.
#[inline]
pub(super) fn next_control(input: &[u8], mut at: usize) -> usize {
    while let Some(chunk) = input.get(at..).and_then(<[u8]>::first_chunk::<16>) {
        if chunk.iter().fold(false, |found, &byte| found | is_control(byte)) {
            break;
        }
        at += 16;
    }
    // Which byte of the sixteen.
    while let Some(chunk) = input.get(at..).and_then(<[u8]>::first_chunk::<8>) {
        let controls = control_bytes(u64::from_le_bytes(*chunk));
        if controls != 0 {
            return at + (controls.trailing_zeros() / 8) as usize;
        }
        at += 8;
    }
    let rest = input.get(at..).unwrap_or_default();
    at + rest.iter().position(|&byte| is_control(byte)).unwrap_or(rest.len())
}

/// The high bit of each control character's byte in `word`, read little-endian: exact for
/// the lowest one (a borrow only carries upwards, so bytes above it may be marked too).
#[inline]
const fn control_bytes(word: u64) -> u64 {
    const ONES: u64 = u64::from_ne_bytes([1; 8]);
    const HIGH_BITS: u64 = u64::from_ne_bytes([0x80; 8]);
    // A byte below 0x20 borrows into its high bit, which an ASCII byte does not have.
    let below_space = word.wrapping_sub(ONES * 0x20) & !word;
    let delete = word ^ (ONES * 0x7f);
    let is_delete = delete.wrapping_sub(ONES) & !delete;
    (below_space | is_delete) & HIGH_BITS
}

/// Where the first byte that `stop` accepts at or after `at` is; the end of `bytes` if
/// there is none. Sixteen bytes a step, which the compiler turns into vector compares when
/// `stop` is a few comparisons.
#[allow(
    clippy::inline_always,
    reason = "inlined with its predicate, the chunk loop becomes vector compares"
)]
#[inline(always)]
pub(super) fn find(bytes: &[u8], mut at: usize, stop: impl Fn(u8) -> bool + Copy) -> usize {
    while let Some(chunk) = bytes.get(at..).and_then(<[u8]>::first_chunk::<16>) {
        if chunk.iter().fold(false, |found, &byte| found | stop(byte)) {
            break;
        }
        at += 16;
    }
    let rest = bytes.get(at..).unwrap_or_default();
    at + rest.iter().position(|&byte| stop(byte)).unwrap_or(rest.len())
}

/// Whether `byte` is a control character: below 0x20, or 0x7F.
#[inline]
const fn is_control(byte: u8) -> bool {
    byte < 0x20 || byte == 0x7f
}

/// Which header field [`Known::note`] noted, where the scan needs to know.
pub(super) enum Noted {
    ContentLength,
}

impl Known {
    /// Notes the line from `at` to `end` (from the start of the header fields) if `name` is
    /// one of the header fields kept (the first of each); says so for Content-Length, which
    /// the scan reads itself.
    #[inline]
    fn note(&mut self, name: &[u8], at: usize, end: usize) -> Option<Noted> {
        let is = |full: &[u8]| name.eq_ignore_ascii_case(full);
        let slot = match name.len() {
            1 => match name.first().map(u8::to_ascii_lowercase) {
                Some(b'i') => &mut self.call_id,
                Some(b'f') => &mut self.from,
                Some(b't') => &mut self.to,
                Some(b'v') => &mut self.via,
                Some(b'c') => &mut self.content_type,
                Some(b'l') => return Some(Noted::ContentLength),
                _ => return None,
            },
            2 if is(b"To") => &mut self.to,
            3 if is(b"Via") => &mut self.via,
            4 if is(b"From") => &mut self.from,
            4 if is(b"CSeq") => &mut self.cseq,
            7 if is(b"Call-ID") => &mut self.call_id,
            12 if is(b"Content-Type") => &mut self.content_type,
            14 if is(b"Content-Length") => return Some(Noted::ContentLength),
            _ => {
                self.seen |= seen(name);
                return None;
            }
        };
        if slot.end == 0 {
            match (u32::try_from(at), u32::try_from(end)) {
                (Ok(start), Ok(end)) => *slot = Line { start, end },
                _ => self.beyond = true,
            }
        }
        None
    }
}

/// The [`Seen`](super::Seen) bit of the header field `name`, 0 for the others.
#[inline]
fn seen(name: &[u8]) -> u8 {
    use super::Seen;
    let is = |full: &[u8]| name.eq_ignore_ascii_case(full);
    match name.len() {
        4 if is(b"RSeq") => Seen::RSEQ,
        6 if is(b"Reason") => Seen::REASON,
        6 if is(b"Min-SE") => Seen::MIN_SE,
        7 if is(b"Warning") => Seen::WARNING,
        10 if is(b"Error-Info") => Seen::ERROR_INFO,
        11 if is(b"Retry-After") => Seen::RETRY_AFTER,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_found_at_every_position() {
        for length in 0..40 {
            let mut buffer = [b'a'; 40];
            let text = &mut buffer[..length];
            assert_eq!(next_control(text, 0), length);
            for position in 0..length {
                for control in [0x00, 0x09, 0x0d, 0x1f, 0x7f] {
                    text[position] = control;
                    assert_eq!(
                        next_control(text, 0),
                        position,
                        "{control:#x} at {position} of {length}"
                    );
                    // Bytes above 0x7F are text (UTF-8), not control characters.
                    text[position] = 0x80;
                    assert_eq!(next_control(text, 0), length);
                    text[position] = 0xff;
                    assert_eq!(next_control(text, 0), length);
                    text[position] = b'a';
                }
            }
        }
    }

    /// Every value of up to six bytes from an alphabet of the bytes that matter to framing.
    fn short_values(mut check: impl FnMut(&[u8])) {
        const ALPHABET: &[u8] = b"a\"\\() \t\r\n";
        let mut value = [0_u8; 6];
        for length in 0..=value.len() {
            let count = ALPHABET.len().pow(u32::try_from(length).unwrap_or(0));
            for mut number in 0..count {
                for slot in value.iter_mut().take(length) {
                    *slot = ALPHABET[number % ALPHABET.len()];
                    number /= ALPHABET.len();
                }
                check(&value[..length]);
            }
        }
    }

    #[test]
    fn the_careful_scan_frames_a_value_as_the_fast_one_does() {
        // Without a control character to tell apart, both scans find the same line end, or
        // the same error.
        short_values(|value| {
            let mut line = [0_u8; 9];
            line[..value.len()].copy_from_slice(value);
            line[value.len()..value.len() + 3].copy_from_slice(b"\r\nX");
            let line = &line[..value.len() + 3];
            assert_eq!(value_end(line, 0), escaped_value_end(line, 0), "{value:?}");
        });
    }

    #[test]
    fn keep_alives_are_whole_crlfs() {
        assert_eq!(keep_alive_len(b"\r\n\r\nINVITE"), 4);
        assert_eq!(keep_alive_len(b"\r\n\rINVITE"), 2);
        assert_eq!(keep_alive_len(b"\nINVITE"), 0);
    }
}
