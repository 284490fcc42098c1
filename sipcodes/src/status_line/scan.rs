//! The byte scanners behind [`StatusLine`]'s parsers: where a line's parts are, or which rule
//! it breaks and where.
//!
//! Two independent choices select what is accepted: the [`Grammar`] (RFC 3261's, or the
//! lenient one) and the [`Framing`] (a line alone, or the start of a whole message).
#![allow(
    clippy::inline_always,
    reason = "inlined into each public parser, which the `2_parse_status_line` benchmarks time"
)]

use super::{Reason, SIP_2_0, StatusLine};
use crate::StatusCode;
use crate::grammar::Grammar;
use crate::status_line::error::{ParseStatusLineError, ParseStatusLineErrorKind as Kind};

/// Where the line ends, and what may follow it.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Framing {
    /// The input is the line: the CRLF is optional, and nothing may follow it.
    Line,
    /// The line starts a message: its line ending is required, and what follows is the
    /// caller's.
    Prefix,
}

/// Where the parts of a scanned line are: byte offsets in the input.
pub(super) struct Spans {
    pub(super) version: Version,
    pub(super) code: StatusCode,
    /// Start and end of the reason phrase.
    pub(super) reason: (usize, usize),
    /// Where the line, its line ending included, ends.
    pub(super) end: usize,
}

/// Where the version is.
#[derive(Clone, Copy)]
pub(super) enum Version {
    /// `SIP/2.0` at the start of the input, exactly: the line reads it as [`SIP_2_0`], equal
    /// to the input's bytes, so that they need no UTF-8 check of their own.
    Sip20,
    /// Start and end of any other version, such as `sip/2.0`; the start is past any line
    /// endings the lenient grammar skipped. ASCII, as `scan_version` checked.
    At(usize, usize),
}

impl Version {
    /// The version's text in `input`, which `scan_line` scanned.
    #[inline(always)]
    fn text(self, input: &[u8]) -> Result<&str, ParseStatusLineError> {
        match self {
            Version::Sip20 => Ok(SIP_2_0),
            Version::At(start, end) => core::str::from_utf8(input.get(start..end).unwrap_or_default())
                .map_err(|error| ParseStatusLineError::at(input, Kind::SipVersion, start + error.valid_up_to())),
        }
    }

    /// The version's text in `text`, which `scan_line` scanned: no UTF-8 check, `text` being
    /// text already.
    #[inline(always)]
    fn text_in(self, text: &str) -> Option<&str> {
        match self {
            Version::Sip20 => Some(SIP_2_0),
            Version::At(start, end) => text.get(start..end),
        }
    }
}

/// The line described by `spans`, its parts borrowed from `line`. The UTF-8 check covers the
/// phrase alone (the version and the code are ASCII already); under the lenient grammar, a
/// phrase that fails it is kept as bytes.
#[inline(always)]
pub(super) fn from_bytes<'a>(
    line: &'a [u8],
    spans: &Spans,
    grammar: Grammar,
) -> Result<StatusLine<'a>, ParseStatusLineError> {
    let (start, end) = spans.reason;
    let phrase = line.get(start..end).unwrap_or_default();
    let reason = match core::str::from_utf8(phrase) {
        Ok(text) => Reason::Text(text),
        Err(error) if grammar == Grammar::Strict => {
            return Err(ParseStatusLineError::at(line, Kind::Utf8, start + error.valid_up_to()));
        }
        Err(_) => Reason::Bytes(phrase),
    };
    Ok(StatusLine {
        version: spans.version.text(line)?,
        code: spans.code,
        reason,
    })
}

/// The line's parts, borrowed from `text`, the scanned input.
#[inline(always)]
pub(super) fn from_text<'a>(text: &'a str, spans: &Spans) -> Result<StatusLine<'a>, ParseStatusLineError> {
    let (start, end) = spans.reason;
    // Every boundary is next to an ASCII byte, hence a char boundary: `get` cannot fail.
    let (Some(version), Some(reason)) = (spans.version.text_in(text), text.get(start..end)) else {
        return Err(ParseStatusLineError::at(text.as_bytes(), Kind::Utf8, start));
    };
    Ok(StatusLine {
        version,
        code: spans.code,
        reason: Reason::Text(reason),
    })
}

/// Checks a line's syntax under `grammar` and `framing`, except the reason phrase's UTF-8,
/// which [`from_bytes`] checks.
#[inline(always)]
pub(super) fn scan_line(line: &[u8], grammar: Grammar, framing: Framing) -> Result<Spans, ParseStatusLineError> {
    let error = |kind, offset| ParseStatusLineError::at(line, kind, offset);
    let byte = |offset: usize| line.get(offset).copied();
    let lenient = grammar == Grammar::Lenient;

    let (version, code, reason_start) = match common_start(line) {
        // The separator after the code, one space, or (lenient) more spaces and tabs.
        Some(code) => (
            Version::Sip20,
            code,
            skip_separator(line, COMMON_REASON_START - 1, grammar),
        ),
        None => scan_start(line, grammar)?,
    };
    if let Some(spans) = registered_phrase(line, grammar, framing, (version, code, reason_start)) {
        return Ok(spans);
    }
    let mut reason_end = scan_reason(line, reason_start, grammar)?;
    let end = match (byte(reason_end), byte(reason_end + 1)) {
        (None, _) if framing == Framing::Prefix => return Err(error(Kind::LineEnding, reason_end)),
        (None, _) => reason_end,
        (Some(b'\r'), Some(b'\n')) => reason_end + 2,
        (Some(b'\n'), _) if lenient => reason_end + 1,
        // A CR without its LF, or a bare LF.
        _ => {
            return Err(first_of(
                line,
                reason_start,
                grammar,
                error(Kind::LineEnding, reason_end),
            ));
        }
    };
    if framing == Framing::Line && end < line.len() {
        let trailing = error(Kind::TrailingData, end).under(grammar);
        return Err(first_of(line, reason_start, grammar, trailing));
    }
    if lenient {
        while reason_end > reason_start && matches!(byte(reason_end - 1), Some(b' ' | b'\t')) {
            reason_end -= 1;
        }
    }
    Ok(Spans {
        version,
        code,
        reason: (reason_start, reason_end),
        end,
    })
}

/// Where the phrase starts in a line that begins `SIP/2.0 200 `.
const COMMON_REASON_START: usize = b"SIP/2.0 200 ".len();

/// The code of a line that starts as nearly all do: `SIP/2.0`, a space, a code from 100 to
/// 699 and a space, checked in a few compares. `None` for any other start, which
/// [`scan_start`] then checks rule by rule.
#[inline(always)]
fn common_start(line: &[u8]) -> Option<StatusCode> {
    const VERSION_AND_SPACE: u64 = u64::from_ne_bytes(*b"SIP/2.0 ");
    let (head, rest) = line.split_first_chunk::<8>()?;
    if u64::from_ne_bytes(*head) != VERSION_AND_SPACE || rest.get(3) != Some(&b' ') {
        return None;
    }
    StatusCode::from_u16(three_digits(rest, 0)?).ok()
}

/// Line endings before the start line, SIP-Version SP Status-Code SP, checked rule by rule:
/// where the version is, the code, and where the phrase starts. Out of line: few lines need
/// it, and the common path stays small.
#[inline(never)]
fn scan_start(line: &[u8], grammar: Grammar) -> Result<(Version, StatusCode, usize), ParseStatusLineError> {
    let error = |kind, offset| ParseStatusLineError::at(line, kind, offset);
    let byte = |offset: usize| line.get(offset).copied();
    let lenient = grammar == Grammar::Lenient;

    // RFC 3261 §7.5: on a stream, CRLFs before a start line are ignored (RFC 5626 §4.4.1
    // keep-alives are such CRLFs). The lenient grammar skips them; the strict one says so.
    let version_start = if lenient {
        line.iter().take_while(|byte| matches!(byte, b'\r' | b'\n')).count()
    } else if matches!(byte(0), Some(b'\r' | b'\n')) {
        return Err(error(Kind::LeadingLineEnding, 0));
    } else {
        0
    };
    let version_end = scan_version(line, version_start)?;
    let code_start = skip_separator(line, version_end, grammar);
    if code_start == version_end {
        let kind = match byte(version_end) {
            // More of the version than the rule allows, such as `SIP/2.0a`.
            Some(found) if found.is_ascii_alphanumeric() || found == b'.' => Kind::SipVersion,
            _ => Kind::SpaceAfterVersion,
        };
        return Err(error(kind, version_end));
    }

    // Status-Code: exactly three digits, from 100 to 699.
    let code_end = code_start + 3;
    let number = three_digits(line, code_start).ok_or_else(|| status_code_error(line, code_start))?;
    if byte(code_end).is_some_and(|found| found.is_ascii_digit()) {
        return Err(error(Kind::StatusCode, code_end));
    }
    let code = StatusCode::from_u16(number).map_err(|_| error(Kind::StatusCodeOutOfRange, code_start))?;

    let version = Version::At(version_start, version_end);
    let reason_start = skip_separator(line, code_end, grammar);
    if reason_start > code_end {
        Ok((version, code, reason_start))
    } else if lenient && matches!(byte(code_end), None | Some(b'\r' | b'\n')) {
        // `SIP/2.0 200`: the phrase and its space left out.
        Ok((version, code, code_end))
    } else {
        Err(error(Kind::SpaceAfterStatusCode, code_end))
    }
}

/// The line's spans if its phrase is its code's registered one, followed by a line ending
/// that `grammar` and `framing` accept; `None` sends the phrase to the byte-by-byte scan,
/// which finds the same spans or the error. Nearly every line carries its registered phrase,
/// which the macro checked against the strict Reason-Phrase rule (stricter than the lenient
/// one) when it generated the table.
#[inline(always)]
fn registered_phrase(
    line: &[u8],
    grammar: Grammar,
    framing: Framing,
    (version, code, reason_start): (Version, StatusCode, usize),
) -> Option<Spans> {
    let registered = code.reason_phrase()?;
    let reason_end = reason_start + registered.len();
    if !same_bytes(line.get(reason_start..reason_end)?, registered.as_bytes()) {
        return None;
    }
    let end = match line.get(reason_end..) {
        Some([]) if framing == Framing::Line => reason_end,
        Some([b'\r', b'\n', ..]) => reason_end + 2,
        Some([b'\n', ..]) if grammar == Grammar::Lenient => reason_end + 1,
        _ => return None,
    };
    (framing == Framing::Prefix || end == line.len()).then_some(Spans {
        version,
        code,
        reason: (reason_start, reason_end),
        end,
    })
}

/// Checks SIP-Version = "SIP" "/" 1*DIGIT "." 1*DIGIT from `start`, "SIP" case-insensitively
/// (§7.1), and returns where it ends.
pub(crate) fn scan_version(line: &[u8], start: usize) -> Result<usize, ParseStatusLineError> {
    let error = |offset| ParseStatusLineError::at(line, Kind::SipVersion, offset);
    for (offset, expected) in (start..).zip(b"SIP/") {
        if !line
            .get(offset)
            .is_some_and(|found| found.eq_ignore_ascii_case(expected))
        {
            return Err(error(offset));
        }
    }
    let major_start = start + 4;
    let major_end = skip_digits(line, major_start);
    if major_end == major_start || line.get(major_end) != Some(&b'.') {
        return Err(error(major_end));
    }
    let version_end = skip_digits(line, major_end + 1);
    if version_end == major_end + 1 {
        return Err(error(version_end));
    }
    Ok(version_end)
}

/// The number written by the three ASCII digits at `start`, or `None` if there are not three:
/// RFC 3261's `3DIGIT`, for a Status-Code, a code given as text and a warn-code.
/// Straight-line code: no loop whose exit the branch predictor could miss.
#[inline]
pub(crate) fn three_digits(line: &[u8], start: usize) -> Option<u16> {
    let &[hundreds, tens, units] = line.get(start..)?.first_chunk::<3>()?;
    let [hundreds, tens, units] = [hundreds, tens, units].map(|digit| u16::from(digit.wrapping_sub(b'0')));
    (hundreds < 10 && tens < 10 && units < 10).then_some(hundreds * 100 + tens * 10 + units)
}

/// The error for a Status-Code that is not three digits: at the first byte from `start` that
/// is not a digit, or at the end of the input.
#[cold]
fn status_code_error(line: &[u8], start: usize) -> ParseStatusLineError {
    let offset = skip_digits(line, start).min(start + 3);
    ParseStatusLineError::at(line, Kind::StatusCode, offset)
}

/// `a == b` without a call to `memcmp` (for the short phrases of status lines, the call costs
/// more than the comparison) and with few data-dependent branches: any length from 4 to 32
/// takes two overlapping compares of 4, 8 or 16 bytes.
#[inline(always)]
fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    fn first<const N: usize>(bytes: &[u8]) -> Option<&[u8; N]> {
        bytes.first_chunk::<N>()
    }
    fn last<const N: usize>(bytes: &[u8]) -> Option<&[u8; N]> {
        bytes.last_chunk::<N>()
    }
    let length = a.len();
    if length != b.len() {
        return false;
    }
    match length {
        0 => true,
        // Bytes 0, length / 2 and length - 1 cover every byte of 1 to 3.
        1..4 => a.first() == b.first() && a.get(length / 2) == b.get(length / 2) && a.last() == b.last(),
        4..8 => first::<4>(a) == first::<4>(b) && last::<4>(a) == last::<4>(b),
        8..16 => first::<8>(a) == first::<8>(b) && last::<8>(a) == last::<8>(b),
        16..=32 => first::<16>(a) == first::<16>(b) && last::<16>(a) == last::<16>(b),
        _ => {
            // Sixteen bytes at a time, then the last sixteen (which may overlap).
            let mut offset = 0;
            while offset + 16 < length {
                let (x, y) = (
                    a.get(offset..).and_then(first::<16>),
                    b.get(offset..).and_then(first::<16>),
                );
                if x != y {
                    return false;
                }
                offset += 16;
            }
            last::<16>(a) == last::<16>(b)
        }
    }
}

/// The end of the run of ASCII digits starting at `start`.
fn skip_digits(line: &[u8], start: usize) -> usize {
    let run = line.get(start..).unwrap_or_default();
    start + run.iter().take_while(|byte| byte.is_ascii_digit()).count()
}

/// The end of the separator at `start`: one SP, or (lenient) any run of SP and HTAB. Equal to
/// `start` if there is none.
#[inline]
fn skip_separator(line: &[u8], start: usize, grammar: Grammar) -> usize {
    match grammar {
        Grammar::Lenient => {
            let run = line.get(start..).unwrap_or_default();
            start + run.iter().take_while(|byte| matches!(byte, b' ' | b'\t')).count()
        }
        Grammar::Strict if line.get(start) == Some(&b' ') => start + 1,
        Grammar::Strict => start,
    }
}

/// How a byte of a reason phrase is treated. Allowed as it is: zero, so that the classes of a
/// run of bytes OR-ed together tell whether all of them are. Under the strict grammar, bytes of
/// 0x80 and above are checked as UTF-8 afterwards, all at once.
const TEXT: u8 = 0;
const INVALID: u8 = 1;
const PERCENT: u8 = 2;
const LINE_END: u8 = 3;

/// Reason-Phrase = *(reserved / unreserved / escaped / UTF8-NONASCII / UTF8-CONT / SP / HTAB),
/// one class per byte. Lenient: every byte but the control characters is text.
const fn reason_byte_classes(grammar: Grammar) -> [u8; 256] {
    let lenient = matches!(grammar, Grammar::Lenient);
    let mut classes = [INVALID; 256];
    let mut byte = 0;
    while byte < 256 {
        #[allow(clippy::cast_possible_truncation)]
        let character = byte as u8;
        // One arm per alternative of the rule, for reading against the RFC.
        #[allow(clippy::match_same_arms)]
        let class = match character {
            b'\r' | b'\n' => LINE_END,
            b'%' if !lenient => PERCENT,
            // UTF8-NONASCII / UTF8-CONT
            0x80..=0xff => TEXT,
            b'\t' | b' ' => TEXT,
            // reserved
            b';' | b'/' | b'?' | b':' | b'@' | b'&' | b'=' | b'+' | b'$' | b',' => TEXT,
            // unreserved: alphanum / mark
            b'-' | b'_' | b'.' | b'!' | b'~' | b'*' | b'\'' | b'(' | b')' => TEXT,
            b'0'..=b'9' | b'a'..=b'z' | b'A'..=b'Z' => TEXT,
            0x21..=0x7e if lenient => TEXT,
            _ => INVALID,
        };
        classes[byte] = class;
        byte += 1;
    }
    classes
}

static STRICT_REASON: [u8; 256] = reason_byte_classes(Grammar::Strict);
static LENIENT_REASON: [u8; 256] = reason_byte_classes(Grammar::Lenient);

/// Scans the reason phrase starting at `start` and returns where it ends: at the first CR or
/// LF, or at the end of the input.
#[inline(always)]
pub(super) fn scan_reason(line: &[u8], start: usize, grammar: Grammar) -> Result<usize, ParseStatusLineError> {
    let classes = match grammar {
        Grammar::Strict => &STRICT_REASON,
        Grammar::Lenient => &LENIENT_REASON,
    };
    let mut end = start;
    loop {
        // The common case, a run of plain text: eight bytes at a time, whose loads do not
        // depend on each other, and one branch for the eight.
        while let Some(chunk) = line.get(end..).and_then(<[u8]>::first_chunk::<8>) {
            if chunk
                .iter()
                .fold(TEXT, |classes_seen, &byte| classes_seen | classes[usize::from(byte)])
                != TEXT
            {
                break;
            }
            end += 8;
        }
        // The rest of the run: one load and one compare a byte.
        let rest = line.get(end..).unwrap_or_default();
        end += rest
            .iter()
            .position(|&byte| classes[usize::from(byte)] != TEXT)
            .unwrap_or(rest.len());
        match line.get(end).map(|&byte| classes[usize::from(byte)]) {
            None | Some(LINE_END) => return Ok(end),
            Some(PERCENT) => {
                for offset in end + 1..end + 3 {
                    if !line.get(offset).is_some_and(u8::is_ascii_hexdigit) {
                        let error = ParseStatusLineError::at(line, Kind::Escape, offset);
                        return Err(first_of(line, start, grammar, error));
                    }
                }
                end += 3;
            }
            Some(_) => {
                let error = ParseStatusLineError::at(line, Kind::ReasonPhrase, end);
                return Err(first_of(line, start, grammar, error));
            }
        }
    }
}

/// `error`, or (under the strict grammar) an invalid UTF-8 sequence in the phrase before it
/// (from `start`) if there is one: the first problem in the line is the one reported.
fn first_of(line: &[u8], start: usize, grammar: Grammar, error: ParseStatusLineError) -> ParseStatusLineError {
    if grammar == Grammar::Lenient {
        return error;
    }
    let before = line.get(start..error.offset()).unwrap_or_default();
    match core::str::from_utf8(before) {
        Err(utf8) => ParseStatusLineError::at(line, Kind::Utf8, start + utf8.valid_up_to()),
        Ok(_) => error,
    }
}

#[cfg(test)]
mod tests {
    use super::same_bytes;

    #[test]
    fn same_bytes_is_equality_at_every_length_and_position() {
        // Every length through the 4-, 8- and 16-byte overlapping compares and the loop of
        // 16-byte chunks (phrases reach 39 bytes), with a difference at each position: the
        // overlapping chunks must miss none of them.
        let source: [u8; 80] = core::array::from_fn(|index| b"abcdefghijklmnopqrstuvwxyz"[index % 26]);
        for length in 0..=source.len() {
            let a = &source[..length];
            assert!(same_bytes(a, &source[..length]), "length {length}");
            for position in 0..length {
                let mut b = source;
                b[position] ^= 0x20;
                assert!(!same_bytes(a, &b[..length]), "length {length}, position {position}");
            }
            if length > 0 {
                assert!(
                    !same_bytes(a, &source[..length - 1]),
                    "length {length} against one less"
                );
            }
        }
    }
}
