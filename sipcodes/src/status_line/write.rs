//! Writing a status line, into a [`Formatter`](fmt::Formatter), a byte slice or an
//! `std::io::Write`, without allocating.
//!
//! Every line [`StatusLine::new`] makes, one per code from 100 to 699, is kept whole,
//! `SIP/2.0 486 Busy Here\r\n`, in one table (16.8 KB of text), so that writing one is a single
//! copy (or a single `write_str`, which matters more: each call through a `Formatter` costs
//! more than the bytes it writes). A parsed line with the registered phrase after `SIP/2.0`
//! is found in the table too; any other line is written in parts.

use core::fmt::{self, Write as _};

use super::error::BufferTooSmall;
use super::scan::same_bytes;
use super::{Reason, SIP_2_0, StatusLine};
use crate::code::canonical_fallback;
use crate::{Class, Code, StatusCode};

/// `"SIP/2.0 486 "`: what comes before the phrase in a line of [`LINES`].
const START: usize = "SIP/2.0 486 ".len();

/// The phrase [`StatusLine::new`] gives `code`: its registered one, or for a code that is not
/// registered, that of the code a client treats it as ([`StatusCode::canonical`]).
pub(super) const fn new_phrase(code: StatusCode) -> &'static str {
    match code.reason_phrase() {
        Some(registered) => registered,
        None => code.canonical().reason_phrase(),
    }
}

/// The phrase of each code from 100 to 699 in the line [`StatusLine::new`] makes: what
/// [`new_phrase`] gives, computed by class and then by registered code, since the
/// compile-time evaluator takes long over 600 lookups (about 0.07 s of each build of the
/// crate, by `-Z time-passes`).
/// `every_code_is_written_alike_by_each_writer` in the tests checks the two agree.
const NEW_PHRASES: [&str; 600] = {
    let mut phrases = [""; 600];
    // An unregistered code: the phrase of the code of its class it is treated as.
    let mut class = 0;
    while class < Class::ALL.len() {
        let phrase = canonical_fallback(Class::ALL[class]).reason_phrase();
        let mut index = 100 * class;
        while index < 100 * (class + 1) {
            phrases[index] = phrase;
            index += 1;
        }
        class += 1;
    }
    let mut index = 0;
    while index < Code::ALL.len() {
        let code = Code::ALL[index];
        phrases[(code.as_u16() - 100) as usize] = code.reason_phrase();
        index += 1;
    }
    phrases
};

/// The length of every code's line with its CRLF, one after another.
const LINES_LENGTH: usize = {
    // A reference, so that the array is not copied at each index while the table is built.
    let phrases = &NEW_PHRASES;
    let mut length = 0;
    let mut index = 0;
    while index < phrases.len() {
        length += START + phrases[index].len() + 2;
        index += 1;
    }
    // Offsets into the table are `u16`s, and `u16::MAX` marks a line that is not in it.
    assert!(
        length < u16::MAX as usize,
        "the status lines of codes.toml's phrases exceed 64 KiB: shorten the longest phrases"
    );
    length
};

/// Every code's line as [`StatusLine::new`] makes it, `SIP/2.0 486 Busy Here\r\n` and
/// `SIP/2.0 499 Bad Request\r\n`, in the order of the codes; and where each line starts:
/// the line of `code` is from `starts[code - 100]` to `starts[code - 99]`.
const LINES_TABLE: ([u8; LINES_LENGTH], [u16; 601]) = {
    // Built when the crate compiles, where each step costs: spaces to start with (so the
    // separators need no step), and one step a byte for the rest.
    let phrases = &NEW_PHRASES;
    let Some(&[s, i, p, slash, major, dot, minor]) = SIP_2_0.as_bytes().first_chunk() else {
        panic!("the version is seven bytes")
    };
    let mut lines = [b' '; LINES_LENGTH];
    let mut starts = [0; 601];
    let mut at = 0;
    let mut number = 100;
    while number < 700 {
        #[allow(clippy::cast_possible_truncation, reason = "`LINES_LENGTH` is under 64 KiB")]
        let start = at as u16;
        starts[(number - 100) as usize] = start;
        let [hundreds, tens, units] = code_digits(number);
        (lines[at], lines[at + 1], lines[at + 2], lines[at + 3]) = (s, i, p, slash);
        (lines[at + 4], lines[at + 5], lines[at + 6]) = (major, dot, minor);
        (lines[at + 8], lines[at + 9], lines[at + 10]) = (hundreds, tens, units);
        at += START;
        let phrase = phrases[(number - 100) as usize].as_bytes();
        let mut index = 0;
        while index < phrase.len() {
            lines[at + index] = phrase[index];
            index += 1;
        }
        at += phrase.len();
        (lines[at], lines[at + 1]) = (b'\r', b'\n');
        at += 2;
        number += 1;
    }
    #[allow(clippy::cast_possible_truncation, reason = "`LINES_LENGTH` is under 64 KiB")]
    let end = at as u16;
    starts[600] = end;
    (lines, starts)
};

/// [`LINES_TABLE`]'s lines as text, checked as UTF-8 when the crate compiles.
static LINES: &str = match core::str::from_utf8(&LINES_TABLE.0) {
    Ok(text) => text,
    Err(_) => panic!("the phrases are UTF-8"),
};
static LINE_STARTS: [u16; 601] = LINES_TABLE.1;

/// Where a line is in [`LINES`], for a line that [`StatusLine::new`] made (or one made from
/// a code and the phrase `new` would give it), or [`TableLine::NONE`]. Writing such a line is
/// one copy, with nothing to look up or compare first; any other line has `NONE`, and its
/// writers compare it with the table instead.
#[derive(Clone, Copy)]
pub(super) struct TableLine(u16);

impl TableLine {
    /// Not known to be one of the table's lines.
    pub(super) const NONE: TableLine = TableLine(u16::MAX);

    /// The line [`StatusLine::new`] makes for `code`.
    pub(super) const fn of(code: StatusCode) -> TableLine {
        TableLine(LINE_STARTS[(code.as_u16() - 100) as usize])
    }

    /// The table's text from the start of this line: `SIP/2.0 486 `, then `phrase_length`
    /// bytes of phrase, then the CRLF if `crlf`. `None` for [`TableLine::NONE`].
    #[inline]
    fn text(self, phrase_length: usize, crlf: bool) -> Option<&'static str> {
        if self.0 == TableLine::NONE.0 {
            return None;
        }
        let start = usize::from(self.0);
        LINES.get(start..start + START + phrase_length + if crlf { 2 } else { 0 })
    }
}

/// Whether `a` and `b` are the same text, in a `const fn`.
pub(super) const fn same_text(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut index = 0;
    while index < a.len() {
        if a[index] != b[index] {
            return false;
        }
        index += 1;
    }
    true
}

/// The three digits of `code`, as ASCII.
const fn code_digits(code: u16) -> [u8; 3] {
    [digit(code / 100), digit(code / 10), digit(code)]
}

/// The last decimal digit of `value`, as ASCII.
const fn digit(value: u16) -> u8 {
    // `as u8` cannot truncate: the value is below 10.
    #[allow(clippy::cast_possible_truncation)]
    let last = (value % 10) as u8;
    b'0' + last
}

/// `SIP/2.0 486 ` for `code`: the start of its line in [`LINES`].
fn line_start(code: StatusCode) -> &'static str {
    // Every code has a line, so `text` finds it; the fallback, never taken, only keeps the
    // twelve bytes the writers count on.
    TableLine::of(code).text(0, false).unwrap_or("SIP/2.0 ??? ")
}

/// ` 486 ` for `code`: the code between its two spaces, from its line in [`LINES`].
fn code_text(code: StatusCode) -> &'static str {
    line_start(code).get(SIP_2_0.len()..).unwrap_or("     ")
}

impl StatusLine<'_> {
    /// The whole line, with its CRLF if `crlf`, if it has a [`TableLine`].
    #[inline]
    fn table_line(&self, crlf: bool) -> Option<&'static str> {
        self.table_line.text(self.reason_phrase_bytes().len(), crlf)
    }

    /// The whole line, with its CRLF if `crlf`, if it has a [`TableLine`] or is `SIP/2.0`, a
    /// registered code and that code's registered phrase (as a parsed line may be).
    #[inline]
    fn registered_line(&self, crlf: bool) -> Option<&'static str> {
        if let Some(line) = self.table_line(crlf) {
            return Some(line);
        }
        let Reason::Text(reason) = self.reason else {
            return None;
        };
        let registered = self.code.reason_phrase()?;
        if !(same_bytes(reason.as_bytes(), registered.as_bytes())
            && same_bytes(self.version.as_bytes(), SIP_2_0.as_bytes()))
        {
            return None;
        }
        TableLine::of(self.code).text(reason.len(), crlf)
    }

    /// Writes the line and its CRLF to the start of `buffer` and returns their length. A phrase
    /// that is not UTF-8 (see [`reason_phrase_bytes`](StatusLine::reason_phrase_bytes)) is
    /// written as it was received.
    ///
    /// # Errors
    ///
    /// If `buffer` is shorter than [`encoded_len`](StatusLine::encoded_len); nothing is
    /// written then.
    ///
    /// ```
    /// use sipcodes::{Code, StatusLine};
    ///
    /// let line = StatusLine::new(Code::BusyHere.into());
    /// let mut buffer = [0; 32];
    /// let length = line.write_to_slice(&mut buffer)?;
    /// assert_eq!(&buffer[..length], b"SIP/2.0 486 Busy Here\r\n");
    ///
    /// let error = line.write_to_slice(&mut [0; 8]).unwrap_err();
    /// assert_eq!((error.needed(), error.available()), (23, 8));
    /// # Ok::<(), sipcodes::BufferTooSmall>(())
    /// ```
    pub fn write_to_slice(&self, buffer: &mut [u8]) -> Result<usize, BufferTooSmall> {
        let needed = self.encoded_len();
        let too_small = BufferTooSmall::new(needed, buffer.len(), "status line");
        let out = buffer.get_mut(..needed).ok_or(too_small)?;
        if let Some(line) = self.table_line(true) {
            copy_short(out, line.as_bytes());
            return Ok(needed);
        }
        let (version, rest) = out.split_at_mut(self.version.len());
        copy_short(version, self.version.as_bytes());
        let (code, rest) = rest.split_at_mut(5);
        copy_short(code, code_text(self.code).as_bytes());
        let reason = self.reason_phrase_bytes();
        let (phrase, crlf) = rest.split_at_mut(reason.len());
        copy_short(phrase, reason);
        crlf.copy_from_slice(b"\r\n");
        Ok(needed)
    }

    /// Writes the line and its CRLF to `writer` in one `write_all` call when the line fits in
    /// a 256-byte stack buffer (all registered codes' lines do). A phrase that is not UTF-8 is
    /// written as it was received.
    ///
    /// # Errors
    ///
    /// Whatever `writer` returns.
    ///
    /// ```
    /// use sipcodes::{Code, StatusLine};
    ///
    /// let mut wire = Vec::new();
    /// StatusLine::new(Code::Ok.into()).write_to(&mut wire)?;
    /// assert_eq!(wire, b"SIP/2.0 200 OK\r\n");
    /// # Ok::<(), std::io::Error>(())
    /// ```
    #[cfg(feature = "std")]
    #[cfg_attr(docsrs, doc(cfg(feature = "std")))]
    pub fn write_to<W: std::io::Write>(&self, mut writer: W) -> std::io::Result<()> {
        if let Some(line) = self.registered_line(true) {
            return writer.write_all(line.as_bytes());
        }
        let mut buffer = [0; 256];
        if let Ok(length) = self.write_to_slice(&mut buffer) {
            return writer.write_all(buffer.get(..length).unwrap_or_default());
        }
        writer.write_all(self.version.as_bytes())?;
        writer.write_all(code_text(self.code).as_bytes())?;
        writer.write_all(self.reason_phrase_bytes())?;
        writer.write_all(b"\r\n")
    }
}

/// `to.copy_from_slice(from)` for slices of the same length, without a call to `memcpy` from 4
/// to 64 bytes (the version, and nearly every phrase and whole line): two overlapping copies
/// of a fixed size.
#[inline]
fn copy_short(to: &mut [u8], from: &[u8]) {
    fn copy<const N: usize>(to: &mut [u8], from: &[u8]) {
        if let (Some(to), Some(from)) = (to.first_chunk_mut::<N>(), from.first_chunk::<N>()) {
            *to = *from;
        }
        if let (Some(to), Some(from)) = (to.last_chunk_mut::<N>(), from.last_chunk::<N>()) {
            *to = *from;
        }
    }
    match from.len() {
        _ if to.len() != from.len() => to.copy_from_slice(from),
        4..8 => copy::<4>(to, from),
        8..=16 => copy::<8>(to, from),
        17..=32 => copy::<16>(to, from),
        33..=64 => copy::<32>(to, from),
        _ => to.copy_from_slice(from),
    }
}

impl fmt::Display for StatusLine<'_> {
    /// Writes `SIP/2.0 486 Busy Here`, without the CRLF. A phrase that is not UTF-8 is written
    /// with U+FFFD REPLACEMENT CHARACTER in place of each invalid sequence.
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(line) = self.registered_line(false) {
            return formatter.write_str(line);
        }
        self.write_parts(formatter)
    }
}

impl StatusLine<'_> {
    /// A line that is not in the table, in parts: `SIP/2.0 486 ` in one (from the table) or
    /// another version and the code, then the phrase. Out of line, so that the whole-line
    /// path of `fmt` stays small.
    #[inline(never)]
    fn write_parts(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        if same_bytes(self.version.as_bytes(), SIP_2_0.as_bytes()) {
            formatter.write_str(line_start(self.code))?;
        } else {
            formatter.write_str(self.version)?;
            formatter.write_str(code_text(self.code))?;
        }
        match self.reason {
            Reason::Text(text) => formatter.write_str(text),
            Reason::Bytes(bytes) => write_lossy(formatter, bytes),
        }
    }
}

/// `bytes` as text, with U+FFFD REPLACEMENT CHARACTER for each sequence that is not UTF-8.
/// Out of line, so that the common path's frame stays small.
#[cold]
#[inline(never)]
fn write_lossy(formatter: &mut fmt::Formatter<'_>, bytes: &[u8]) -> fmt::Result {
    for chunk in bytes.utf8_chunks() {
        formatter.write_str(chunk.valid())?;
        if !chunk.invalid().is_empty() {
            formatter.write_char(char::REPLACEMENT_CHARACTER)?;
        }
    }
    Ok(())
}
