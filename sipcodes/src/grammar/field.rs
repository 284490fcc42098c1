//! The RFC 3261 §25.1 rules that header-field parsers share, each written once: `token`,
//! `SWS`/`LWS`, `quoted-string`, and the `host` and `port` of `hostport` (with the address
//! rules RFC 5954 §4.1 puts in place of RFC 3261's). How an error message names the byte it
//! found is `crate::error::describe_found`, shared with the status-line errors.

/// Whether `byte` may be part of a `token`: an ASCII letter or digit, or one of
/// ``- . ! % * _ + ` ' ~``.
pub(crate) const fn is_token_byte(byte: u8) -> bool {
    TOKEN[byte as usize]
}

/// [`is_token_byte`] for every byte, so a run of token bytes costs one load and one test a
/// byte.
static TOKEN: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < 256 {
        #[allow(clippy::cast_possible_truncation, reason = "`byte` is below 256")]
        let character = byte as u8;
        table[byte] = character.is_ascii_alphanumeric()
            || matches!(
                character,
                b'-' | b'.' | b'!' | b'%' | b'*' | b'_' | b'+' | b'`' | b'\'' | b'~'
            );
        byte += 1;
    }
    table
};

/// Where the run of `token` bytes starting at `start` ends; `start` itself if there is none.
pub(crate) fn token_end(input: &[u8], start: usize) -> usize {
    let rest = input.get(start..).unwrap_or_default();
    start + rest.iter().take_while(|&&byte| is_token_byte(byte)).count()
}

/// Where the run of spaces and tabs (WSP) starting at `start` ends.
pub(crate) fn wsp_end(input: &[u8], start: usize) -> usize {
    let rest = input.get(start..).unwrap_or_default();
    start + rest.iter().take_while(|&&byte| matches!(byte, b' ' | b'\t')).count()
}

/// `SWS = [LWS]`, `LWS = [*WSP CRLF] 1*WSP`: where the optional whitespace starting at `start`
/// ends, a folded line (CRLF followed by a space or tab) included. A CRLF that no space or tab
/// follows ends the header field, so it is not part of it.
pub(crate) fn sws_end(input: &[u8], start: usize) -> usize {
    let after_blanks = wsp_end(input, start);
    if input.get(after_blanks..after_blanks + 2) == Some(b"\r\n") {
        let folded = wsp_end(input, after_blanks + 2);
        if folded > after_blanks + 2 {
            return folded;
        }
    }
    after_blanks
}

/// What is wrong inside a quoted-string.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum QuotedError {
    /// The input ended before the closing DQUOTE.
    Unterminated,
    /// A byte that is neither qdtext nor the start of a quoted-pair: a control character, or a
    /// CR or LF that is not a line fold.
    Byte,
    /// A backslash followed by a byte quoted-pair does not allow (CR, LF or a non-ASCII byte).
    Escape,
    /// Bytes of 0x80 and above that are not UTF-8.
    Utf8,
}

impl QuotedError {
    /// What the rule wanted, and the rule's name, for error messages.
    pub(crate) const fn expectation(self) -> (&'static str, &'static str) {
        match self {
            QuotedError::Unterminated => ("expected the closing `\"`", "quoted-string"),
            QuotedError::Byte => (
                "expected quoted text: no control character but tab, and no CR or LF outside a line fold",
                "qdtext",
            ),
            QuotedError::Escape => (
                "expected an ASCII character other than CR or LF after `\\`",
                "quoted-pair",
            ),
            QuotedError::Utf8 => ("expected valid UTF-8 in the quoted text", "quoted-string"),
        }
    }
}

/// Checks quoted-string's `DQUOTE *(qdtext / quoted-pair) DQUOTE`, the opening DQUOTE at
/// `start`, and returns where the closing DQUOTE ends; or what is wrong, and where.
///
/// qdtext = LWS / %x21 / %x23-5B / %x5D-7E / UTF8-NONASCII, and
/// quoted-pair = "\" (%x00-09 / %x0B-0C / %x0E-7F). Non-ASCII bytes must be UTF-8: the
/// content is handed out as a `&str`.
pub(crate) fn quoted_string_end(input: &[u8], start: usize) -> Result<usize, (QuotedError, usize)> {
    let content_start = start + 1;
    let mut at = content_start;
    loop {
        // The common case, a run of plain text: one load and one test a byte.
        let rest = input.get(at..).unwrap_or_default();
        at += rest.iter().take_while(|&&byte| PLAIN_QDTEXT[usize::from(byte)]).count();
        let Some(&byte) = input.get(at) else {
            return Err((QuotedError::Unterminated, at));
        };
        match byte {
            b'"' => break,
            b'\\' => match input.get(at + 1) {
                None => return Err((QuotedError::Unterminated, at + 1)),
                Some(b'\r' | b'\n' | 0x80..=0xff) => return Err((QuotedError::Escape, at + 1)),
                Some(_) => at += 2,
            },
            b' ' | b'\t' | 0x21 | 0x23..=0x5b | 0x5d..=0x7e | 0x80..=0xff => at += 1,
            b'\r' => {
                let folded = sws_end(input, at);
                if folded == at {
                    return Err((QuotedError::Byte, at));
                }
                at = folded;
            }
            _ => return Err((QuotedError::Byte, at)),
        }
    }
    let content = input.get(content_start..at).unwrap_or_default();
    if let Err(error) = core::str::from_utf8(content) {
        return Err((QuotedError::Utf8, content_start + error.valid_up_to()));
    }
    Ok(at + 1)
}

/// The qdtext bytes that need no further look: all of qdtext but CR (which may start a fold).
static PLAIN_QDTEXT: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < 256 {
        table[byte] = matches!(byte, 0x09 | 0x20 | 0x21 | 0x23..=0x5b | 0x5d..=0x7e | 0x80..=0xff);
        byte += 1;
    }
    table
};

/// Checks text meant to go between the quotes of a quoted-string, as it will be written
/// (escapes included): `*(qdtext / quoted-pair)`, without line folds. Returns the offset of
/// the first byte that does not fit and why.
pub(crate) fn check_quoted_content(text: &str) -> Result<(), (QuotedError, usize)> {
    let bytes = text.as_bytes();
    let mut at = 0;
    while let Some(&byte) = bytes.get(at) {
        match byte {
            b'\\' => match bytes.get(at + 1) {
                None => return Err((QuotedError::Unterminated, at + 1)),
                Some(b'\r' | b'\n' | 0x80..=0xff) => return Err((QuotedError::Escape, at + 1)),
                Some(_) => at += 2,
            },
            b' ' | b'\t' | 0x21 | 0x23..=0x5b | 0x5d..=0x7e | 0x80..=0xff => at += 1,
            _ => return Err((QuotedError::Byte, at)),
        }
    }
    Ok(())
}

/// port = 1*DIGIT: where the run of digits starting at `start` ends.
pub(crate) fn digits_end(input: &[u8], start: usize) -> usize {
    let rest = input.get(start..).unwrap_or_default();
    start + rest.iter().take_while(|byte| byte.is_ascii_digit()).count()
}

/// `host = hostname / IPv4address / IPv6reference` (RFC 3261 §25.1, with RFC 5954 §4.1's
/// `IPv4address` and `IPv6address`, which are RFC 3986's).
pub(crate) fn is_host(text: &[u8]) -> bool {
    match text {
        [b'[', address @ .., b']'] => is_ipv6_address(address),
        _ => is_ipv4_address(text) || is_hostname(text),
    }
}

/// `IPv6address` as RFC 5954 §4.1 defines it (RFC 3986's rule). The standard library's parser
/// takes exactly that form: eight groups of one to four hex digits, one `::` standing for one
/// or more zero groups, and an optional dotted IPv4 address for the last two.
pub(crate) fn is_ipv6_address(text: &[u8]) -> bool {
    core::str::from_utf8(text).is_ok_and(|text| text.parse::<core::net::Ipv6Addr>().is_ok())
}

/// `IPv4address` as RFC 5954 §4.1 defines it: four dec-octets from 0 to 255 without leading
/// zeros, the form the standard library's parser takes.
pub(crate) fn is_ipv4_address(text: &[u8]) -> bool {
    core::str::from_utf8(text).is_ok_and(|text| text.parse::<core::net::Ipv4Addr>().is_ok())
}

/// `hostname = *( domainlabel "." ) toplabel [ "." ]`, where a label is alphanumerics and
/// hyphens, starting and ending with an alphanumeric, and the top label starts with a letter.
pub(crate) fn is_hostname(text: &[u8]) -> bool {
    let text = text.strip_suffix(b".").unwrap_or(text);
    let label_ok = |label: &[u8]| {
        matches!((label.first(), label.last()), (Some(first), Some(last)) if first.is_ascii_alphanumeric() && last.is_ascii_alphanumeric())
            && label.iter().all(|byte| byte.is_ascii_alphanumeric() || *byte == b'-')
    };
    let mut labels = text.rsplit(|&byte| byte == b'.');
    let Some(top) = labels.next() else {
        return false;
    };
    label_ok(top) && top.first().is_some_and(u8::is_ascii_alphabetic) && labels.all(label_ok)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sws_takes_a_fold_but_not_a_line_end() {
        assert_eq!(sws_end(b" \t;", 0), 2);
        assert_eq!(sws_end(b" \r\n ;", 0), 4);
        assert_eq!(sws_end(b"\r\n\t;", 0), 3);
        // A CRLF that no blank follows ends the field.
        assert_eq!(sws_end(b" \r\n;", 0), 1);
        assert_eq!(sws_end(b";", 0), 0);
    }

    #[test]
    fn quoted_strings() {
        assert_eq!(quoted_string_end(br#""a\"b" x"#, 0), Ok(6));
        assert_eq!(quoted_string_end(b"\"a\r\n b\"", 0), Ok(7));
        assert_eq!(quoted_string_end(b"\"a", 0), Err((QuotedError::Unterminated, 2)));
        assert_eq!(quoted_string_end(b"\"a\\", 0), Err((QuotedError::Unterminated, 3)));
        assert_eq!(quoted_string_end(b"\"a\rb\"", 0), Err((QuotedError::Byte, 2)));
        assert_eq!(quoted_string_end(b"\"a\\\nb\"", 0), Err((QuotedError::Escape, 3)));
        assert_eq!(quoted_string_end(b"\"\x07\"", 0), Err((QuotedError::Byte, 1)));
        assert_eq!(quoted_string_end(b"\"ok \xff\"", 0), Err((QuotedError::Utf8, 4)));
        assert_eq!(quoted_string_end("\"Besetzt – bitte\"".as_bytes(), 0), Ok(19));
    }

    #[test]
    fn hosts() {
        for host in [
            "example.com",
            "example.com.",
            "a",
            "x-1.example",
            "192.0.2.1",
            "[2001:db8::1]",
            "[::ffff:192.0.2.1]",
        ] {
            assert!(is_host(host.as_bytes()), "{host}");
        }
        for not_host in [
            "1example",
            "-a.com",
            "a-.com",
            "a..com",
            "",
            "[2001:db8::1",
            "256.1.1.1",
            "01.2.3.4",
            "[1:2:3:4:5:6:7:8:9]",
            "[::1.2.3]",
        ] {
            assert!(!is_host(not_host.as_bytes()), "{not_host}");
        }
    }
}
