//! The scanner behind the Reason parsers: where a value's parts are, or which rule it breaks
//! and where.

use super::{ParseReasonError, ParseReasonErrorKind, ReasonValue};
use crate::grammar::{self, Grammar, ListElement};

impl<'a> ListElement<'a> for ReasonValue<'a> {
    type Spans = ValueSpans;
    type Error = ParseReasonError;

    fn scan(input: &[u8], start: usize, grammar: Grammar) -> Result<ValueSpans, ParseReasonError> {
        scan_value(input, start, grammar)
    }

    fn end(spans: &ValueSpans) -> usize {
        spans.end
    }

    fn read(spans: &ValueSpans, text: &'a str, grammar: Grammar) -> Self {
        // Every span starts and ends next to an ASCII byte, hence on a character boundary.
        let part = |(start, end): (usize, usize)| text.get(start..end).unwrap_or_default();
        ReasonValue {
            protocol: part(spans.protocol),
            cause: spans.cause,
            text: spans.text.map(part),
            params: part(spans.params),
            grammar,
        }
    }

    fn separator_error(input: &[u8], offset: usize) -> ParseReasonError {
        ParseReasonError::at(input, ParseReasonErrorKind::Separator, offset)
    }

    fn utf8_error(input: &[u8], offset: usize) -> ParseReasonError {
        ParseReasonError::at(input, ParseReasonErrorKind::Utf8, offset)
    }
}

/// Where the parts of one scanned reason-value are.
pub(crate) struct ValueSpans {
    protocol: (usize, usize),
    cause: Option<u16>,
    /// The text's content, without its quotes.
    text: Option<(usize, usize)>,
    /// The `*(SEMI reason-params)` part.
    params: (usize, usize),
    /// Where the value ends: before any blanks that follow it.
    end: usize,
}

/// Which of the parameters RFC 3326 names a parameter is.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Special {
    Cause,
    Text,
}

/// Where the parts of one scanned parameter are.
pub(super) struct ParamSpans {
    pub(super) name: (usize, usize),
    pub(super) special: Option<Special>,
    /// The value as sent (a quoted-string with its quotes).
    pub(super) value: Option<(usize, usize)>,
    /// Where the parameter ends.
    pub(super) end: usize,
}

/// Checks one reason-value starting at `start` and returns where its parts are.
fn scan_value(input: &[u8], start: usize, grammar: Grammar) -> Result<ValueSpans, ParseReasonError> {
    use ParseReasonErrorKind as Kind;
    let error = |kind, offset| ParseReasonError::at(input, kind, offset);

    let protocol_end = grammar::token_end(input, start);
    if protocol_end == start {
        return Err(error(Kind::Protocol, start));
    }
    let mut spans = ValueSpans {
        protocol: (start, protocol_end),
        cause: None,
        text: None,
        params: (protocol_end, protocol_end),
        end: protocol_end,
    };
    loop {
        let semicolon = grammar::sws_end(input, spans.end);
        if input.get(semicolon) != Some(&b';') {
            break;
        }
        let param_start = grammar::sws_end(input, semicolon + 1);
        let param = scan_param(input, param_start, grammar)?;
        match (param.special, param.value) {
            (Some(Special::Cause), Some((value_start, value_end))) => {
                if spans.cause.is_some() {
                    return Err(error(Kind::Duplicate, param_start));
                }
                spans.cause = Some(cause_number(input, value_start, value_end)?);
            }
            (Some(Special::Text), Some((value_start, value_end))) => {
                if spans.text.is_some() {
                    return Err(error(Kind::Duplicate, param_start));
                }
                spans.text = Some(match input.get(value_start) {
                    Some(b'"') => (value_start + 1, value_end - 1),
                    _ => (value_start, value_end),
                });
            }
            _ => {}
        }
        spans.end = param.end;
    }
    spans.params.1 = spans.end;
    Ok(spans)
}

/// The number that the digits from `start` to `end` write, already checked to be digits.
fn cause_number(input: &[u8], start: usize, end: usize) -> Result<u16, ParseReasonError> {
    let digits = input.get(start..end).unwrap_or_default();
    digits
        .iter()
        .try_fold(0_u16, |number, digit| {
            number.checked_mul(10)?.checked_add(u16::from(digit - b'0'))
        })
        .ok_or_else(|| ParseReasonError::at(input, ParseReasonErrorKind::CauseTooLarge, start))
}

/// Checks one reason-params starting at `start` (after `;` and its blanks): `cause`, `text`,
/// or a generic-param, `token [ EQUAL gen-value ]` with gen-value = token / host /
/// quoted-string.
pub(super) fn scan_param(input: &[u8], start: usize, grammar: Grammar) -> Result<ParamSpans, ParseReasonError> {
    use ParseReasonErrorKind as Kind;
    let error = |kind, offset| ParseReasonError::at(input, kind, offset);

    let name_end = grammar::token_end(input, start);
    if name_end == start {
        return Err(error(Kind::ParameterName, start));
    }
    let name = input.get(start..name_end).unwrap_or_default();
    let special = if name.eq_ignore_ascii_case(b"cause") {
        Some(Special::Cause)
    } else if name.eq_ignore_ascii_case(b"text") {
        Some(Special::Text)
    } else {
        None
    };
    let equal = grammar::sws_end(input, name_end);
    if input.get(equal) != Some(&b'=') {
        return match special {
            Some(Special::Cause) => Err(error(Kind::Cause, equal)),
            Some(Special::Text) => Err(error(Kind::Text, equal)),
            None => Ok(ParamSpans {
                name: (start, name_end),
                special,
                value: None,
                end: name_end,
            }),
        };
    }
    let value_start = grammar::sws_end(input, equal + 1);
    let value_end = match (special, input.get(value_start)) {
        (Some(Special::Cause), _) => {
            let end = grammar::digits_end(input, value_start);
            // Digits and nothing else of a token: the error is at the first byte that is not one.
            if end == value_start || grammar::token_end(input, end) > end {
                return Err(error(Kind::Cause, end));
            }
            end
        }
        (_, Some(b'"')) => {
            grammar::quoted_string_end(input, value_start).map_err(|(quoted, offset)| error(quoted.into(), offset))?
        }
        (Some(Special::Text), _) if grammar == Grammar::Lenient => unquoted_text_end(input, value_start)?,
        (Some(Special::Text), _) => return Err(error(Kind::Text, value_start)),
        (None, Some(b'[')) => {
            let close = input
                .get(value_start..)
                .and_then(|rest| rest.iter().position(|&byte| byte == b']'))
                .map(|position| value_start + position + 1);
            match close {
                Some(end) if grammar::is_host(input.get(value_start..end).unwrap_or_default()) => end,
                _ => return Err(error(Kind::ParameterValue, value_start)),
            }
        }
        (None, _) => {
            let end = grammar::token_end(input, value_start);
            if end == value_start {
                return Err(error(Kind::ParameterValue, value_start));
            }
            end
        }
    };
    Ok(ParamSpans {
        name: (start, name_end),
        special,
        value: Some((value_start, value_end)),
        end: value_end,
    })
}

/// Lenient only: the end of a `text` value sent without quotes, which runs to the next `;` or
/// `,` (or the end) and holds any byte a quoted-string could hold unescaped, blanks included;
/// blanks at its end are left out. At least one byte, and UTF-8.
fn unquoted_text_end(input: &[u8], start: usize) -> Result<usize, ParseReasonError> {
    let rest = input.get(start..).unwrap_or_default();
    let run = rest
        .iter()
        .take_while(|&&byte| matches!(byte, b' ' | b'\t' | 0x21 | 0x23..=0x2b | 0x2d..=0x3a | 0x3c..=0x5b | 0x5d..=0x7e | 0x80..=0xff))
        .count();
    let mut end = start + run;
    while end > start && matches!(input.get(end - 1), Some(b' ' | b'\t')) {
        end -= 1;
    }
    if end == start {
        return Err(ParseReasonError::at(input, ParseReasonErrorKind::Text, start));
    }
    if let Err(error) = core::str::from_utf8(input.get(start..end).unwrap_or_default()) {
        return Err(ParseReasonError::at(
            input,
            ParseReasonErrorKind::Utf8,
            start + error.valid_up_to(),
        ));
    }
    Ok(end)
}
