//! Header fields of a parsed message: the iterator over them, name matching with compact
//! forms, folded values, comma-separated values and parameters.
//!
//! Everything here reads text the message parser already checked, so nothing fails: a
//! value that does not fit a rule (an unterminated quoted string, say) still yields
//! something, and the functions that read a particular form (`parameter`, `CSeq::parse`)
//! return `None` when it is not there.

use core::fmt;

use super::scan::{find, next_control};
use crate::grammar::{token_end, wsp_end};
use crate::{compact_form, full_header_name};

/// One header field of a [`Message`](super::Message): its name as sent, its value and where
/// it is in the input.
///
/// ```
/// use sipcodes::message::Message;
///
/// let message = Message::parse(b"SIP/2.0 200 OK\r\nv: SIP/2.0/UDP a.example.com;branch=z9hG4bK1\r\nSubject:  lunch\r\n  at noon\r\n\r\n")?;
/// let mut headers = message.headers();
///
/// let via = headers.next().unwrap();
/// assert_eq!((via.name(), via.offset()), ("v", 16));
/// assert!(via.is("Via") && via.is("via") && via.is("V"));
///
/// let subject = headers.next().unwrap();
/// assert_eq!(subject.value(), "lunch\r\n  at noon");
/// assert_eq!(subject.unfolded(), "lunch at noon");
/// assert_eq!(subject.unfolded().to_string(), "lunch at noon");
/// # Ok::<(), sipcodes::message::ParseMessageError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct Header<'a> {
    name: &'a str,
    value: &'a str,
    offset: usize,
    value_offset: usize,
}

impl<'a> Header<'a> {
    /// The name as sent: `Via`, `v`, `CALL-ID`. Compare it with [`is`](Header::is).
    #[must_use]
    pub const fn name(&self) -> &'a str {
        self.name
    }

    /// The value as sent, without the blanks (and line folds) around it. A value folded
    /// over several lines (RFC 3261 §7.3.1) keeps its CRLFs and the blanks after them:
    /// [`unfolded`](Header::unfolded) reads each fold as one space.
    #[must_use]
    pub const fn value(&self) -> &'a str {
        self.value
    }

    /// Where the header field's line starts: a byte offset in the input given to the parser.
    #[must_use]
    pub const fn offset(&self) -> usize {
        self.offset
    }

    /// Where the value starts: a byte offset in the input given to the parser.
    #[must_use]
    pub const fn value_offset(&self) -> usize {
        self.value_offset
    }

    /// Whether this header field is `name`: the same name in any ASCII case (RFC 3261
    /// §7.3.1), or its compact form (§7.3.3; `m` for `Contact`, and `Contact` for `m`).
    /// The compact forms are those registered with IANA, listed at
    /// [`compact_form`](crate::compact_form).
    #[must_use]
    pub fn is(&self, name: &str) -> bool {
        NameQuery::new(name).matches(self.name)
    }

    /// The value with each line fold read as one space: comparable with a `&str` and
    /// written by `Display`, without allocating.
    #[must_use]
    pub const fn unfolded(&self) -> Unfolded<'a> {
        Unfolded { value: self.value }
    }

    /// The elements of a comma-separated value (RFC 3261 §7.3.1: `Via`, `Contact`, `Route`,
    /// `Allow`, `Supported`, ...), each without the blanks around it. A comma inside a
    /// quoted string or between `<` and `>` separates nothing; empty elements are skipped.
    ///
    /// Only for header fields whose grammar is a list: the values of `WWW-Authenticate`
    /// and its kin hold commas between parameters, and `Date` one inside the date.
    ///
    /// ```
    /// use sipcodes::message::Message;
    ///
    /// let message = Message::parse(b"OPTIONS sip:a.example.com SIP/2.0\r\nContact: \"Watson, Bob\" <sip:bob@b.example.com;x=1,2>, <sip:c@c.example.com>\r\n\r\n")?;
    /// let contact = message.header("m").unwrap();
    /// let values: Vec<&str> = contact.values().collect();
    /// assert_eq!(values, ["\"Watson, Bob\" <sip:bob@b.example.com;x=1,2>", "<sip:c@c.example.com>"]);
    /// # Ok::<(), sipcodes::message::ParseMessageError>(())
    /// ```
    #[must_use]
    pub const fn values(&self) -> Values<'a> {
        Values { rest: self.value }
    }
}

/// A header field name to look for, with its other form: the full name for a compact one,
/// the compact form for a full one.
#[derive(Clone, Copy, Debug)]
pub(super) struct NameQuery<'n> {
    full: &'n str,
    compact: Option<u8>,
}

impl<'n> NameQuery<'n> {
    pub(super) fn new(name: &'n str) -> Self {
        match name.as_bytes() {
            &[letter] => NameQuery {
                full: full_header_name(char::from(letter)).unwrap_or(name),
                compact: Some(letter.to_ascii_lowercase()),
            },
            _ => NameQuery {
                full: name,
                #[allow(clippy::cast_possible_truncation, reason = "compact forms are ASCII letters")]
                compact: compact_form(name).map(|letter| letter as u8),
            },
        }
    }

    /// Whether a header field named `found` is the one looked for.
    pub(super) fn matches(&self, found: &str) -> bool {
        match found.as_bytes() {
            &[letter] => self.compact == Some(letter.to_ascii_lowercase()),
            found => found.eq_ignore_ascii_case(self.full.as_bytes()),
        }
    }
}

/// The header fields of a [`Message`](super::Message), in order: from
/// [`Message::headers`](super::Message::headers).
#[derive(Clone, Debug)]
pub struct Headers<'a> {
    /// The header fields' lines, each with its CRLF, as the parser checked them.
    text: &'a str,
    /// Where `text` starts in the input.
    base: usize,
    /// Where the next line starts in `text`.
    at: usize,
}

impl<'a> Headers<'a> {
    pub(super) const fn new(text: &'a str, base: usize) -> Self {
        Headers { text, base, at: 0 }
    }
}

impl<'a> Iterator for Headers<'a> {
    type Item = Header<'a>;

    #[inline]
    fn next(&mut self) -> Option<Header<'a>> {
        let (header, next) = header_at(self.text, self.base, self.at)?;
        self.at = next;
        Some(header)
    }
}

impl core::iter::FusedIterator for Headers<'_> {}

/// The header field whose line starts at `at` in `text` (the checked lines, starting at
/// `base` in the input), and where the next line starts.
#[inline]
pub(super) fn header_at(text: &str, base: usize, at: usize) -> Option<(Header<'_>, usize)> {
    let end = line_end(text.as_bytes(), at)?;
    Some((header_in_line(text, base, at, end)?, end + 2))
}

/// Where the line starting at `at` ends: at the first CRLF that no blank follows (the parser
/// checked that every CR in a value starts a CRLF).
#[inline]
fn line_end(bytes: &[u8], at: usize) -> Option<usize> {
    let mut search = at;
    loop {
        let control = next_control(bytes, search);
        match bytes.get(control)? {
            b'\r' if !matches!(bytes.get(control + 2), Some(b' ' | b'\t')) => return Some(control),
            b'\r' => search = control + 3,
            _ => search = control + 1,
        }
    }
}

/// The header field on the line from `at` to `end` (where its CRLF is) in `text`.
#[inline]
pub(super) fn header_in_line(text: &str, base: usize, at: usize, end: usize) -> Option<Header<'_>> {
    let bytes = text.as_bytes();
    if at >= end {
        return None;
    }
    // The parser checked the line: a token, blanks, a colon.
    let name_end = token_end(bytes, at);
    let value_start = wsp_end(bytes, name_end) + 1;
    let mut value_end = end;
    while value_end > value_start && matches!(bytes.get(value_end - 1), Some(b' ' | b'\t' | b'\r' | b'\n')) {
        value_end -= 1;
    }
    let value_start = lws_end(bytes, value_start).min(value_end);
    Some(Header {
        name: text.get(at..name_end)?,
        value: text.get(value_start..value_end)?,
        offset: base + at,
        value_offset: base + value_start,
    })
}

/// Blanks: SP and HTAB.
const BLANK: [char; 2] = [' ', '\t'];

/// `text` without the linear whitespace (blanks and line folds) around it.
fn trim_lws(text: &str) -> &str {
    let bytes = text.as_bytes();
    let is_lws = |byte: &u8| matches!(byte, b' ' | b'\t' | b'\r' | b'\n');
    let start = bytes.iter().position(|byte| !is_lws(byte)).unwrap_or(bytes.len());
    let end = bytes
        .iter()
        .rposition(|byte| !is_lws(byte))
        .map_or(start, |last| last + 1);
    text.get(start..end).unwrap_or_default()
}

/// A header field value with each line fold (RFC 3261 §7.3.1: a CRLF and the blanks around
/// it) read as one space: from [`Header::unfolded`].
///
/// Compares with a `&str` and writes with `Display` without allocating; [`parts`](Unfolded::parts)
/// gives the pieces between the folds. Blanks that are not part of a fold are kept as sent.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct Unfolded<'a> {
    value: &'a str,
}

impl<'a> Unfolded<'a> {
    /// `value`, a header field value as a message holds it, read with its folds as spaces.
    #[cfg(feature = "audit")]
    pub(crate) const fn new(value: &'a str) -> Self {
        Unfolded { value }
    }

    /// The pieces of the value between its line folds, each without the fold's blanks, in
    /// order; one piece for a value that is not folded.
    #[must_use]
    pub const fn parts(&self) -> Parts<'a> {
        Parts { rest: self.value }
    }

    /// Whether the unfolded value is `text`, ignoring ASCII case (for values RFC 3261 §7.3.1
    /// compares case-insensitively, such as tokens).
    #[must_use]
    pub fn eq_ignore_ascii_case(&self, text: &str) -> bool {
        self.matches(text, <[u8]>::eq_ignore_ascii_case)
    }

    fn matches(&self, text: &str, same: impl Fn(&[u8], &[u8]) -> bool) -> bool {
        let mut rest = text.as_bytes();
        for (index, part) in self.parts().enumerate() {
            if index > 0 {
                match rest.split_first() {
                    Some((b' ', after)) => rest = after,
                    _ => return false,
                }
            }
            match rest.split_at_checked(part.len()) {
                Some((piece, after)) if same(part.as_bytes(), piece) => rest = after,
                _ => return false,
            }
        }
        rest.is_empty()
    }
}

impl PartialEq<str> for Unfolded<'_> {
    fn eq(&self, text: &str) -> bool {
        self.matches(text, |part, piece| part == piece)
    }
}

impl PartialEq<&str> for Unfolded<'_> {
    fn eq(&self, text: &&str) -> bool {
        *self == **text
    }
}

impl fmt::Display for Unfolded<'_> {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (index, part) in self.parts().enumerate() {
            if index > 0 {
                formatter.write_str(" ")?;
            }
            formatter.write_str(part)?;
        }
        Ok(())
    }
}

/// The pieces of a folded value between its folds: from [`Unfolded::parts`].
#[derive(Clone, Debug)]
pub struct Parts<'a> {
    rest: &'a str,
}

impl<'a> Iterator for Parts<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        loop {
            if self.rest.is_empty() {
                return None;
            }
            let (part, rest) = self.rest.split_once("\r\n").unwrap_or((self.rest, ""));
            self.rest = rest.trim_start_matches(BLANK);
            let part = part.trim_end_matches(BLANK);
            // Two folds in a row (a line of blanks) are one run of whitespace.
            if !part.is_empty() {
                return Some(part);
            }
        }
    }
}

impl core::iter::FusedIterator for Parts<'_> {}

/// The elements of a comma-separated header field value: from [`Header::values`].
#[derive(Clone, Debug)]
pub struct Values<'a> {
    rest: &'a str,
}

impl<'a> Iterator for Values<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        while !self.rest.is_empty() {
            let end = skip_to(self.rest.as_bytes(), 0, |byte| byte == b',');
            let element = self.rest.get(..end).unwrap_or(self.rest);
            let element = trim_lws(element);
            self.rest = self.rest.get(end + 1..).unwrap_or_default();
            if !element.is_empty() {
                return Some(element);
            }
        }
        None
    }
}

impl core::iter::FusedIterator for Values<'_> {}

/// Where the first byte `stop` accepts at or after `at` is, outside quoted strings and
/// `<...>`; the end of `bytes` if there is none. A quoted string or `<` left open runs to
/// the end.
#[inline]
fn skip_to(bytes: &[u8], mut at: usize, stop: impl Fn(u8) -> bool + Copy) -> usize {
    loop {
        at = find(bytes, at, |byte| stop(byte) || byte == b'"' || byte == b'<');
        match bytes.get(at) {
            Some(b'"') => at = quoted_end(bytes, at),
            Some(b'<') => at = angle_end(bytes, at),
            _ => return at,
        }
    }
}

/// Where the `<...>` opened at `open` ends (after its `>`); the end of `bytes` if it is not
/// closed.
fn angle_end(bytes: &[u8], open: usize) -> usize {
    (find(bytes, open, |byte| byte == b'>') + 1).min(bytes.len())
}

/// Where the quoted string whose opening quote is at `open` ends (after its closing quote),
/// a backslash escaping the byte after it; the end of `bytes` if it is not closed.
fn quoted_end(bytes: &[u8], open: usize) -> usize {
    let mut at = open + 1;
    loop {
        at = find(bytes, at, |byte| byte == b'"' || byte == b'\\');
        match bytes.get(at) {
            Some(b'"') => return at + 1,
            Some(_) => at += 2,
            None => return bytes.len(),
        }
    }
}

/// The value of the parameter `name` (any ASCII case) of one header field value, or of the
/// first element of a list (see [`Header::values`] for the others): `tag` of a `To` or
/// `From`, `branch` of a `Via`, `expires` of a `Contact`. `Some("")` for a parameter without
/// a value (`;lr`), `None` if it is absent.
///
/// The parameters are those after the address (RFC 3261 §20.10: after the `>` of a
/// `name-addr`, or after the first `;` of an `addr-spec` or a `Via`), so a URI parameter
/// inside `<...>` is not one of them. Blanks and line folds around `;` and `=` are allowed.
/// A quoted value is returned with its quotes.
///
/// ```
/// use sipcodes::message::parameter;
///
/// let to = "\"Bob; the builder\" <sip:bob@example.com;tag=uri> ; TAG = a6c85cf";
/// assert_eq!(parameter(to, "tag"), Some("a6c85cf"));
/// let via = "SIP/2.0/UDP 192.0.2.1:5060;rport;branch=z9hG4bK776asdhds";
/// assert_eq!(parameter(via, "rport"), Some(""));
/// assert_eq!(parameter(via, "branch"), Some("z9hG4bK776asdhds"));
/// assert_eq!(parameter(via, "received"), None);
/// ```
#[must_use]
pub fn parameter<'a>(value: &'a str, name: &str) -> Option<&'a str> {
    let bytes = value.as_bytes();
    // The address: up to the first `;` outside quotes, or past a `<...>` wherever it is;
    // a list's first element only.
    let mut at = 0;
    loop {
        at = find(bytes, at, |byte| {
            byte == b'"' || byte == b'<' || byte == b';' || byte == b','
        });
        match bytes.get(at) {
            Some(b'"') => at = quoted_end(bytes, at),
            Some(b'<') => {
                at = angle_end(bytes, at);
                break;
            }
            _ => break,
        }
    }
    loop {
        at = lws_end(bytes, at);
        if bytes.get(at) != Some(&b';') {
            return None;
        }
        let name_start = lws_end(bytes, at + 1);
        let name_end = token_end(bytes, name_start);
        let after_name = lws_end(bytes, name_end);
        let found = value.get(name_start..name_end)?;
        let parameter_value = if bytes.get(after_name) == Some(&b'=') {
            let start = lws_end(bytes, after_name + 1);
            let end = if bytes.get(start) == Some(&b'"') {
                quoted_end(bytes, start)
            } else {
                // Up to `;`, `,`, a blank or a line fold (control characters other than these
                // are quoted-pairs inside quotes, so none is here).
                find(bytes, start, |byte| byte <= b' ' || byte == b';' || byte == b',')
            };
            at = end;
            value.get(start..end)?
        } else {
            at = after_name;
            ""
        };
        if found.eq_ignore_ascii_case(name) {
            return Some(parameter_value);
        }
    }
}

/// Where the linear whitespace (blanks and line folds) starting at `at` ends.
fn lws_end(bytes: &[u8], mut at: usize) -> usize {
    while let Some(b' ' | b'\t' | b'\r' | b'\n') = bytes.get(at) {
        at += 1;
    }
    at
}

/// A `CSeq` header field value (RFC 3261 §20.16): the sequence number and the method.
///
/// ```
/// use sipcodes::message::CSeq;
///
/// assert_eq!(CSeq::parse("4711 INVITE"), Some(CSeq { number: 4711, method: "INVITE" }));
/// // Line folds are linear whitespace like any other.
/// assert_eq!(CSeq::parse("0009\r\n  INVITE"), Some(CSeq { number: 9, method: "INVITE" }));
/// assert_eq!(CSeq::parse("4294967296 INVITE"), None);
/// assert_eq!(CSeq::parse("INVITE"), None);
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct CSeq<'a> {
    /// The sequence number. RFC 3261 §8.1.1.5 has a sender keep it below 2³¹; any number
    /// that fits 32 bits is read.
    pub number: u32,
    /// The method, as sent (methods are case-sensitive, RFC 3261 §7.1).
    pub method: &'a str,
}

impl<'a> CSeq<'a> {
    /// Reads `1*DIGIT LWS Method`, with linear whitespace around it; `None` if the value
    /// is not that, or the number does not fit 32 bits.
    #[must_use]
    pub fn parse(value: &'a str) -> Option<CSeq<'a>> {
        let bytes = value.as_bytes();
        let start = lws_end(bytes, 0);
        let digits_end = crate::grammar::digits_end(bytes, start);
        let mut number: u32 = 0;
        for &digit in bytes.get(start..digits_end)? {
            number = number.checked_mul(10)?.checked_add(u32::from(digit - b'0'))?;
        }
        let method_start = lws_end(bytes, digits_end);
        let method_end = token_end(bytes, method_start);
        if digits_end == start || method_start == digits_end || method_end == method_start {
            return None;
        }
        (lws_end(bytes, method_end) == bytes.len()).then_some(CSeq {
            number,
            method: value.get(method_start..method_end)?,
        })
    }
}
