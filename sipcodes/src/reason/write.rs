//! Writing a Reason value, into a [`Formatter`](fmt::Formatter), a byte slice or an
//! `std::io::Write`, without allocating.

use core::fmt;

use super::ReasonValue;
use crate::BufferTooSmall;
use crate::writing;

impl ReasonValue<'_> {
    /// The length of what [`write_to_slice`](ReasonValue::write_to_slice) writes.
    #[must_use]
    pub fn encoded_len(&self) -> usize {
        // What `Display` writes, piece by piece.
        let digits = |cause: u16| cause.checked_ilog10().map_or(1, |log| log as usize + 1);
        let cause = self.cause.map_or(0, |cause| ";cause=".len() + digits(cause));
        let text = self.text.map_or(0, |text| ";text=\"\"".len() + text.len());
        let params: usize = self
            .params()
            .map(|(name, value)| 1 + name.len() + value.map_or(0, |value| 1 + value.len()))
            .sum();
        self.protocol.len() + cause + text + params
    }

    /// Writes the value (no header name, no CRLF) to the start of `buffer` and returns its
    /// length.
    ///
    /// # Errors
    ///
    /// If `buffer` is shorter than [`encoded_len`](ReasonValue::encoded_len); nothing is
    /// written then.
    ///
    /// ```
    /// use sipcodes::Code;
    /// use sipcodes::reason::ReasonValue;
    ///
    /// let value = ReasonValue::from(Code::BusyHere);
    /// let mut buffer = [0; 64];
    /// let length = value.write_to_slice(&mut buffer)?;
    /// assert_eq!(&buffer[..length], br#"SIP;cause=486;text="Busy Here""#);
    /// assert!(value.write_to_slice(&mut [0; 8]).is_err());
    /// # Ok::<(), sipcodes::BufferTooSmall>(())
    /// ```
    pub fn write_to_slice(&self, buffer: &mut [u8]) -> Result<usize, BufferTooSmall> {
        writing::display_to_slice(self, self.encoded_len(), buffer, "Reason value")
    }

    /// Writes the value (no header name, no CRLF) to `writer`, in one `write_all` call when it
    /// fits in a 256-byte stack buffer.
    ///
    /// # Errors
    ///
    /// Whatever `writer` returns.
    ///
    /// ```
    /// use sipcodes::Code;
    /// use sipcodes::reason::ReasonValue;
    ///
    /// let mut wire = b"Reason: ".to_vec();
    /// ReasonValue::from(Code::Decline).write_to(&mut wire)?;
    /// assert_eq!(wire, br#"Reason: SIP;cause=603;text="Decline""#);
    /// # Ok::<(), std::io::Error>(())
    /// ```
    #[cfg(feature = "std")]
    #[cfg_attr(docsrs, doc(cfg(feature = "std")))]
    pub fn write_to<W: std::io::Write>(&self, writer: W) -> std::io::Result<()> {
        writing::display_to_io(self, self.encoded_len(), writer)
    }
}

impl fmt::Display for ReasonValue<'_> {
    /// `SIP;cause=486;text="Busy Here"`, then any other parameters as sent.
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(self.protocol)?;
        if let Some(cause) = self.cause {
            write!(formatter, ";cause={cause}")?;
        }
        if let Some(text) = self.text {
            write!(formatter, ";text=\"{text}\"")?;
        }
        for (name, value) in self.params() {
            write!(formatter, ";{name}")?;
            if let Some(value) = value {
                write!(formatter, "={value}")?;
            }
        }
        Ok(())
    }
}
