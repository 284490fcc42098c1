//! Writing a Warning value, into a [`Formatter`](fmt::Formatter), a byte slice or an
//! `std::io::Write`, without allocating.

use core::fmt;

use super::WarningValue;
use crate::BufferTooSmall;
use crate::writing;

impl WarningValue<'_> {
    /// The length of what [`write_to_slice`](WarningValue::write_to_slice) writes.
    #[must_use]
    pub const fn encoded_len(&self) -> usize {
        self.agent.len() + self.text.len() + "399  \"\"".len()
    }

    /// Writes the value (no header name, no CRLF) to the start of `buffer` and returns its
    /// length.
    ///
    /// # Errors
    ///
    /// If `buffer` is shorter than [`encoded_len`](WarningValue::encoded_len); nothing is
    /// written then.
    ///
    /// ```
    /// use sipcodes::warning::WarningValue;
    ///
    /// let value = WarningValue::new(370, "media.example.net", "Insufficient bandwidth")?;
    /// let mut buffer = [0; 64];
    /// let length = value.write_to_slice(&mut buffer).unwrap();
    /// assert_eq!(&buffer[..length], br#"370 media.example.net "Insufficient bandwidth""#);
    /// assert!(value.write_to_slice(&mut [0; 8]).is_err());
    /// # Ok::<(), sipcodes::warning::ParseWarningError>(())
    /// ```
    pub fn write_to_slice(&self, buffer: &mut [u8]) -> Result<usize, BufferTooSmall> {
        writing::display_to_slice(self, self.encoded_len(), buffer, "Warning value")
    }

    /// Writes the value (no header name, no CRLF) to `writer`, in one `write_all` call when it
    /// fits in a 256-byte stack buffer.
    ///
    /// # Errors
    ///
    /// Whatever `writer` returns.
    ///
    /// ```
    /// use sipcodes::warning::WarningValue;
    ///
    /// let mut wire = b"Warning: ".to_vec();
    /// WarningValue::new(304, "gw", "Media type not available").unwrap().write_to(&mut wire)?;
    /// assert_eq!(wire, br#"Warning: 304 gw "Media type not available""#);
    /// # Ok::<(), std::io::Error>(())
    /// ```
    #[cfg(feature = "std")]
    #[cfg_attr(docsrs, doc(cfg(feature = "std")))]
    pub fn write_to<W: std::io::Write>(&self, writer: W) -> std::io::Result<()> {
        writing::display_to_io(self, self.encoded_len(), writer)
    }
}

impl fmt::Display for WarningValue<'_> {
    /// `305 host "Incompatible media format"`.
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "{:03} {} \"{}\"", self.code, self.agent, self.text)
    }
}
