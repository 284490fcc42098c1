//! Writing a status line, into a [`Formatter`](fmt::Formatter), a byte slice or an
//! `std::io::Write`, without allocating: the version, the code between two spaces, the phrase.

use core::fmt::{self, Write as _};

use super::{Reason, StatusLine};
use crate::{BufferTooSmall, StatusCode};

/// The phrase [`StatusLine::new`] gives `code`: its registered one, or for a code that is not
/// registered, that of the code a client treats it as ([`StatusCode::canonical`]).
pub(super) const fn new_phrase(code: StatusCode) -> &'static str {
    match code.reason_phrase() {
        Some(registered) => registered,
        None => code.canonical().reason_phrase(),
    }
}

/// ` 486 `: the code between the two spaces that separate it from the version and the phrase.
fn code_text(code: StatusCode) -> [u8; 5] {
    let number = code.as_u16();
    // Each digit is below 10, so `as u8` cannot truncate.
    #[allow(clippy::cast_possible_truncation)]
    let digit = |value: u16| b'0' + (value % 10) as u8;
    [b' ', digit(number / 100), digit(number / 10), digit(number), b' ']
}

impl StatusLine<'_> {
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
        let (version, rest) = out.split_at_mut(self.version.len());
        version.copy_from_slice(self.version.as_bytes());
        let (code, rest) = rest.split_at_mut(5);
        code.copy_from_slice(&code_text(self.code));
        let reason = self.reason_phrase_bytes();
        let (phrase, crlf) = rest.split_at_mut(reason.len());
        phrase.copy_from_slice(reason);
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
        let mut buffer = [0; 256];
        if let Ok(length) = self.write_to_slice(&mut buffer) {
            return writer.write_all(buffer.get(..length).unwrap_or_default());
        }
        writer.write_all(self.version.as_bytes())?;
        writer.write_all(&code_text(self.code))?;
        writer.write_all(self.reason_phrase_bytes())?;
        writer.write_all(b"\r\n")
    }
}

impl fmt::Display for StatusLine<'_> {
    /// Writes `SIP/2.0 486 Busy Here`, without the CRLF. A phrase that is not UTF-8 is written
    /// with U+FFFD REPLACEMENT CHARACTER in place of each invalid sequence.
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(self.version)?;
        let code = code_text(self.code);
        formatter.write_str(core::str::from_utf8(&code).map_err(|_| fmt::Error)?)?;
        match self.reason {
            Reason::Text(text) => formatter.write_str(text),
            Reason::Bytes(bytes) => write_lossy(formatter, bytes),
        }
    }
}

/// `bytes` as text, with U+FFFD REPLACEMENT CHARACTER for each sequence that is not UTF-8.
#[cold]
fn write_lossy(formatter: &mut fmt::Formatter<'_>, bytes: &[u8]) -> fmt::Result {
    for chunk in bytes.utf8_chunks() {
        formatter.write_str(chunk.valid())?;
        if !chunk.invalid().is_empty() {
            formatter.write_char(char::REPLACEMENT_CHARACTER)?;
        }
    }
    Ok(())
}
