//! The few parts of a SIP message head the commands read: the start line (RFC 3261 §7.1,
//! §7.2), Call-ID (§20.8) and CSeq (§20.16). Everything else in the head is skipped.

use std::fmt;

/// A message's first line, as far as it is read here.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StartLine<'a> {
    /// A request and its method, as written (methods are case-sensitive, §7.1).
    Request {
        /// The method.
        method: &'a str,
    },
    /// A response and its status code.
    Response {
        /// The three-digit code.
        code: u16,
    },
}

/// What the commands read from a message head.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Head<'a> {
    /// The first line.
    pub start: StartLine<'a>,
    /// The Call-ID (or its compact form `i`), trimmed.
    pub call_id: Option<&'a str>,
    /// The CSeq's number and method.
    pub cseq: Option<(u32, &'a str)>,
}

/// Why a head could not be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HeadError {
    /// The first line is neither a request line nor a status line.
    StartLine,
    /// The status code is not three digits from 100 to 699.
    StatusCode,
}

impl fmt::Display for HeadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            HeadError::StartLine => "the first line is neither a request line nor a status line",
            HeadError::StatusCode => "the status code is not three digits from 100 to 699",
        })
    }
}

/// Reads a message's start line, Call-ID and CSeq.
///
/// # Errors
///
/// When the start line is not SIP's.
pub fn parse_head(message: &[u8]) -> Result<Head<'_>, HeadError> {
    let head_end = message
        .windows(4)
        .position(|window| window == b"\r\n\r\n")
        .unwrap_or(message.len());
    let head = std::str::from_utf8(&message[..head_end])
        .unwrap_or_else(|error| std::str::from_utf8(&message[..error.valid_up_to()]).unwrap_or_default());
    let mut lines = head.split('\n').map(|line| line.strip_suffix('\r').unwrap_or(line));
    let first = lines.next().ok_or(HeadError::StartLine)?;
    let start = start_line(first)?;
    let mut call_id = None;
    let mut cseq = None;
    for line in lines {
        let Some((name, value)) = line.split_once(':') else {
            continue;
        };
        let name = name.trim();
        let value = value.trim();
        if call_id.is_none() && (name.eq_ignore_ascii_case("call-id") || name.eq_ignore_ascii_case("i")) {
            call_id = Some(value);
        } else if cseq.is_none() && name.eq_ignore_ascii_case("cseq") {
            let mut words = value.split_ascii_whitespace();
            if let (Some(Ok(number)), Some(method)) = (words.next().map(str::parse), words.next()) {
                cseq = Some((number, method));
            }
        }
    }
    Ok(Head { start, call_id, cseq })
}

fn start_line(line: &str) -> Result<StartLine<'_>, HeadError> {
    if line.len() >= 8 && line.as_bytes()[..8].eq_ignore_ascii_case(b"SIP/2.0 ") {
        let rest = &line.as_bytes()[8..];
        return match rest.get(..3) {
            Some(digits) if digits.iter().all(u8::is_ascii_digit) && rest.get(3).is_none_or(|&b| b == b' ') => {
                let code = digits
                    .iter()
                    .fold(0, |code, &digit| code * 10 + u16::from(digit - b'0'));
                if (100..=699).contains(&code) {
                    Ok(StartLine::Response { code })
                } else {
                    Err(HeadError::StatusCode)
                }
            }
            _ => Err(HeadError::StatusCode),
        };
    }
    let mut words = line.split(' ');
    match (words.next(), words.next(), words.next(), words.next()) {
        (Some(method), Some(uri), Some(version), None)
            if !method.is_empty() && !uri.is_empty() && version.eq_ignore_ascii_case("SIP/2.0") =>
        {
            Ok(StartLine::Request { method })
        }
        _ => Err(HeadError::StartLine),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_and_responses() {
        let head =
            parse_head(b"INVITE sip:b@example.com SIP/2.0\r\nCall-ID: abc@host\r\nCSeq: 1 INVITE\r\n\r\nv=0").unwrap();
        assert_eq!(head.start, StartLine::Request { method: "INVITE" });
        assert_eq!(head.call_id, Some("abc@host"));
        assert_eq!(head.cseq, Some((1, "INVITE")));
        let head = parse_head(b"SIP/2.0 486 Busy Here\r\ni: x\r\ncseq:  7   BYE\r\n\r\n").unwrap();
        assert_eq!(head.start, StartLine::Response { code: 486 });
        assert_eq!(head.call_id, Some("x"));
        assert_eq!(head.cseq, Some((7, "BYE")));
    }

    #[test]
    fn start_lines_that_are_not_sip() {
        assert_eq!(parse_head(b"SIP/2.0 99 Low\r\n\r\n"), Err(HeadError::StatusCode));
        assert_eq!(parse_head(b"SIP/2.0 700 High\r\n\r\n"), Err(HeadError::StatusCode));
        assert_eq!(parse_head(b"SIP/2.0 2000 OK\r\n\r\n"), Err(HeadError::StatusCode));
        assert_eq!(parse_head(b"HELLO\r\n\r\n"), Err(HeadError::StartLine));
        assert_eq!(parse_head(b"INVITE sip:a HTTP/1.1\r\n\r\n"), Err(HeadError::StartLine));
    }
}
