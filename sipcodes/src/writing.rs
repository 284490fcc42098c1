//! Writing a value through its `Display` without allocating: into a byte slice, and (with
//! `std`) into an `io::Write`. For the header values, whose `Display` is the wire
//! form.

use core::fmt;

use crate::BufferTooSmall;

/// Writes what `value`'s `Display` writes, `needed` bytes, to the start of `buffer`; nothing
/// if it is too short. `what` names the value in the error.
pub(crate) fn display_to_slice(
    value: &dyn fmt::Display,
    needed: usize,
    buffer: &mut [u8],
    what: &'static str,
) -> Result<usize, BufferTooSmall> {
    let too_small = BufferTooSmall::new(needed, buffer.len(), what);
    let mut writer = SliceWriter {
        buffer: buffer.get_mut(..needed).ok_or(too_small)?,
        written: 0,
    };
    fmt::write(&mut writer, format_args!("{value}")).map_err(|_| too_small)?;
    Ok(writer.written)
}

/// Writes what `value`'s `Display` writes, `needed` bytes, to `writer`: in one `write_all`
/// call from a 256-byte stack buffer when it fits, piece by piece otherwise.
#[cfg(feature = "std")]
pub(crate) fn display_to_io(
    value: &dyn fmt::Display,
    needed: usize,
    mut writer: impl std::io::Write,
) -> std::io::Result<()> {
    let mut buffer = [0; 256];
    match display_to_slice(value, needed, &mut buffer, "") {
        Ok(length) => writer.write_all(buffer.get(..length).unwrap_or_default()),
        Err(_) => write!(writer, "{value}"),
    }
}

/// Writes into a byte slice through `fmt::Write`; running out of room is an error.
struct SliceWriter<'a> {
    buffer: &'a mut [u8],
    written: usize,
}

impl fmt::Write for SliceWriter<'_> {
    fn write_str(&mut self, text: &str) -> fmt::Result {
        let end = self.written + text.len();
        let target = self.buffer.get_mut(self.written..end).ok_or(fmt::Error)?;
        target.copy_from_slice(text.as_bytes());
        self.written = end;
        Ok(())
    }
}
