//! The scanner behind the Warning parsers: where a value's parts are, or which rule it breaks
//! and where.

use super::{ParseWarningError, ParseWarningErrorKind, WarningValue};
use crate::grammar::{self, Grammar, ListElement};

impl<'a> ListElement<'a> for WarningValue<'a> {
    type Spans = ValueSpans;
    type Error = ParseWarningError;

    fn scan(input: &[u8], start: usize, grammar: Grammar) -> Result<ValueSpans, ParseWarningError> {
        scan_value(input, start, grammar)
    }

    fn end(spans: &ValueSpans) -> usize {
        spans.end
    }

    fn read(spans: &ValueSpans, text: &'a str, _: Grammar) -> Self {
        // Every span starts and ends next to an ASCII byte, hence on a character boundary.
        let part = |(start, end): (usize, usize)| text.get(start..end).unwrap_or_default();
        WarningValue {
            code: spans.code,
            agent: part(spans.agent),
            text: part(spans.text),
        }
    }

    fn separator_error(input: &[u8], offset: usize) -> ParseWarningError {
        ParseWarningError::at(input, ParseWarningErrorKind::Separator, offset)
    }

    fn utf8_error(input: &[u8], offset: usize) -> ParseWarningError {
        ParseWarningError::at(input, ParseWarningErrorKind::Utf8, offset)
    }
}

/// Where the parts of one scanned warning-value are.
pub(crate) struct ValueSpans {
    code: u16,
    agent: (usize, usize),
    /// The text's content, without its quotes.
    text: (usize, usize),
    /// Where the value ends: after the closing quote.
    end: usize,
}

/// Checks one warning-value starting at `start` and returns where its parts are.
fn scan_value(input: &[u8], start: usize, grammar: Grammar) -> Result<ValueSpans, ParseWarningError> {
    use ParseWarningErrorKind as Kind;
    let error = |kind, offset| ParseWarningError::at(input, kind, offset);

    // warn-code = 3DIGIT
    let code_end = grammar::digits_end(input, start);
    let code = crate::status_line::three_digits(input, start)
        .filter(|_| code_end == start + 3)
        .ok_or_else(|| error(Kind::Code, code_end.min(start + 3)))?;
    if input.get(code_end) != Some(&b' ') {
        return Err(error(Kind::Space, code_end));
    }

    let agent_start = code_end + 1;
    let agent_end = scan_agent(input, agent_start, grammar)?;
    if input.get(agent_end) != Some(&b' ') {
        let kind = match input.get(agent_end) {
            // More of the agent than its rule allows, such as `host:5060x`.
            Some(&byte) if grammar::is_token_byte(byte) || matches!(byte, b':' | b'[' | b']') => Kind::Agent,
            _ => Kind::Space,
        };
        return Err(error(kind, agent_end));
    }

    // warn-text = quoted-string = SWS DQUOTE ...: more blanks may come before the quote.
    let quote = grammar::sws_end(input, agent_end + 1);
    if input.get(quote) != Some(&b'"') {
        return Err(error(Kind::Text, quote));
    }
    let end = grammar::quoted_string_end(input, quote).map_err(|(quoted, offset)| error(quoted.into(), offset))?;
    Ok(ValueSpans {
        code,
        agent: (agent_start, agent_end),
        text: (quote + 1, end - 1),
        end,
    })
}

/// Checks warn-agent = hostport / pseudonym starting at `start` and returns where it ends.
/// Lenient: also an IPv6 address without brackets, with or without a port, where the strict
/// reading stops short of one.
pub(super) fn scan_agent(input: &[u8], start: usize, grammar: Grammar) -> Result<usize, ParseWarningError> {
    let strict = strict_agent_end(input, start);
    if grammar == Grammar::Lenient {
        if let Some(end) = bare_ipv6_end(input, start) {
            if strict.as_ref().map_or(true, |&strict_end| strict_end < end) {
                return Ok(end);
            }
        }
    }
    strict
}

/// warn-agent = hostport / pseudonym, hostport = host [ ":" port ], pseudonym = token.
fn strict_agent_end(input: &[u8], start: usize) -> Result<usize, ParseWarningError> {
    let error = |offset| ParseWarningError::at(input, ParseWarningErrorKind::Agent, offset);
    let part = |to: usize| input.get(start..to).unwrap_or_default();

    let host_end = if input.get(start) == Some(&b'[') {
        // IPv6reference = "[" IPv6address "]"
        let close = part(input.len())
            .iter()
            .position(|&byte| byte == b']')
            .map(|position| start + position + 1);
        match close {
            Some(end) if grammar::is_host(part(end)) => end,
            _ => return Err(error(start)),
        }
    } else {
        let end = grammar::token_end(input, start);
        if end == start {
            return Err(error(start));
        }
        if input.get(end) != Some(&b':') {
            // A pseudonym; a hostname or IPv4 address without a port is a token too.
            return Ok(end);
        }
        if !grammar::is_host(part(end)) {
            return Err(error(start));
        }
        end
    };
    if input.get(host_end) != Some(&b':') {
        return Ok(host_end);
    }
    // port = 1*DIGIT
    let port_end = grammar::digits_end(input, host_end + 1);
    if port_end == host_end + 1 {
        return Err(error(port_end));
    }
    Ok(port_end)
}

/// Lenient only: the end of an IPv6 address without brackets at `start`, with or without a
/// `:port` after it; `None` if the run of hex digits, colons and dots there is neither.
fn bare_ipv6_end(input: &[u8], start: usize) -> Option<usize> {
    let run = input
        .get(start..)?
        .iter()
        .take_while(|byte| byte.is_ascii_hexdigit() || matches!(byte, b':' | b'.'))
        .count();
    let agent = input.get(start..start + run)?;
    if grammar::is_ipv6_address(agent) {
        return Some(start + run);
    }
    let colon = agent.iter().rposition(|&byte| byte == b':')?;
    let (address, port) = (agent.get(..colon)?, agent.get(colon + 1..)?);
    (grammar::is_ipv6_address(address) && !port.is_empty() && port.iter().all(u8::is_ascii_digit))
        .then_some(start + run)
}
