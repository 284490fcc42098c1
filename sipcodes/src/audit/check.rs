//! The checks of one response, with its request when there is one.

use super::Findings;
use super::rules::{Check, HEADER_RULE_SPANS, RULES, Rule};
use crate::message::{Message, Seen, StartLine};
use crate::q850::{Cause, Location, Mapping, NewNumber};
use crate::warning::WarnCode;
use crate::{Class, Condition, Dialog, HeaderTest, Registration, Requirement, StatusCode, StatusLine};

/// The rules derived from header rules about `status`'s code (the unregistered codes' rule
/// for a code the table does not have).
fn header_rules(status: StatusCode) -> &'static [Rule] {
    let Some(&(start, count)) = HEADER_RULE_SPANS.get(usize::from(status.as_u16() - 100)) else {
        return &[];
    };
    let start = usize::from(start);
    RULES.get(start..start + usize::from(count)).unwrap_or_default()
}

/// What the Reason and Warning header fields hold, for the Q.850 checks.
#[derive(Default)]
struct Values<'a> {
    /// The first Q.850 Reason value: its cause, its `location` parameter, and the header
    /// field's value.
    q850: Option<(u16, Option<&'a str>, &'a str)>,
    warn_code: Option<WarnCode>,
}

/// Runs every check of one response, judging a Reason's Q.850 cause by `profile`.
pub(super) fn response<'a>(
    message: &Message<'a>,
    report: &mut Findings<'a>,
    request: Option<&Message<'a>>,
    profile: &'static dyn Mapping,
) {
    let StartLine::Response(line) = message.start_line() else {
        return;
    };
    let status = line.code();
    status_line(message, report, line);
    retired(report, status);
    // What the parse noted: no second walk over the header fields unless a Reason or a
    // Warning is there, or a header rule names a header field the parse does not note.
    let seen = message.seen();
    let present = message.has_dialog_fields();
    for ((check, _), present) in Check::MISSING.into_iter().zip(present) {
        if !present {
            report.found(check, "", 0);
        }
    }
    let [_, _, has_to, _, has_cseq] = present;
    if has_to && status != 100 && message.to_tag().is_none() {
        report.found(Check::ToTagMissing, "", 0);
    }
    let method = if has_cseq {
        message.cseq().map(|cseq| cseq.method)
    } else {
        None
    };
    if has_cseq && method.is_none() {
        let value = message.header("CSeq").map_or("", |header| header.value());
        report.found(Check::CSeqSyntax, value, 0);
    }
    if let Some(method) = method {
        if method != "INVITE" {
            if status.is_provisional() && status != 100 {
                report.found(Check::ProvisionalToNonInvite, method, 0);
            }
            if status == 408 {
                report.found(Check::Timeout408, method, 0);
            }
        }
        if status == 202 {
            match method {
                "SUBSCRIBE" | "NOTIFY" => report.found(Check::Accepted202Subscription, method, 0),
                "REFER" => report.found(Check::Accepted202Refer, method, 0),
                _ => {}
            }
        }
    }
    if seen & Seen::RETRY_AFTER != 0 && !status.may_carry_retry_after() {
        report.found(Check::RetryAfterNotListed, "", 0);
    }
    if seen & Seen::ERROR_INFO != 0 && status.as_u16() < 300 {
        report.found(Check::ErrorInfoOutside3xx6xx, "", 0);
    }
    let mut values = Values::default();
    if seen & (Seen::REASON | Seen::WARNING) != 0 {
        // One walk for both.
        for header in message.headers() {
            let name = header.name().as_bytes();
            if name.eq_ignore_ascii_case(b"Reason") {
                reason(report, status, header.value(), &mut values);
            } else if name.eq_ignore_ascii_case(b"Warning") {
                warning(report, header.value(), &mut values);
            }
        }
    }
    if let Some((cause, location, value)) = values.q850 {
        q850(report, status, (cause, location, value), values.warn_code, profile);
    }
    for rule in header_rules(status) {
        let Some(header_rule) = rule.header_rule() else {
            continue;
        };
        let present = match header_rule.header() {
            "Min-SE" => seen & Seen::MIN_SE != 0,
            "RSeq" => seen & Seen::RSEQ != 0,
            header => message.header(header).is_some(),
        };
        if breaks(rule, present, message, request) {
            report.found_rule(rule, "", 0);
        }
    }
}

/// The status line and the code.
fn status_line<'a>(message: &Message<'a>, report: &mut Findings<'a>, line: StatusLine<'a>) {
    let status = line.code();
    // The common line, `SIP/2.0`, the code and its registered phrase, each after one space,
    // then CRLF, is strict as it stands: no second parse, no phrase to compare.
    let registered = status.reason_phrase().is_some_and(|phrase| {
        let bytes = message.as_bytes();
        let phrase = phrase.as_bytes();
        bytes.get(..8) == Some(b"SIP/2.0 ".as_slice())
            && bytes.get(11) == Some(&b' ')
            && bytes.get(12..12 + phrase.len()) == Some(phrase)
            && bytes.get(12 + phrase.len()..14 + phrase.len()) == Some(b"\r\n".as_slice())
    });
    if registered {
        return;
    }
    // The message parser reads the line leniently; the strict grammar tells what only the
    // lenient one forgave.
    if StatusLine::parse_prefix(message.as_bytes()).is_err() {
        report.found(Check::StatusLineLenient, "", 0);
    }
    if !line.is_sip_2_0() {
        report.found(Check::SipVersion, line.version(), 0);
    }
    match status.known() {
        None => report.found(Check::CodeUnregistered, "", 0),
        Some(code) => {
            use crate::__private::GeneratedTable as _;
            let phrase = line.reason_phrase();
            if !phrase.is_empty() && !code.has_phrase(phrase.as_bytes()) {
                report.found(Check::PhraseNotRegistered, phrase, 0);
            }
        }
    }
}

/// Whether `status` is a retired code (202 aside, which is retired for some methods only, and
/// judged by its own rules).
fn retired(report: &mut Findings<'_>, status: StatusCode) {
    if let Some(code) = status.known() {
        if code.registration() != Registration::Current && status != 202 {
            report.found(Check::CodeRetired, code.registration().as_str(), 0);
        }
    }
}

/// One Reason header field's values.
fn reason<'a>(report: &mut Findings<'a>, status: StatusCode, value: &'a str, found: &mut Values<'a>) {
    let Ok(values) = crate::reason::parse(value.as_bytes()) else {
        report.found(Check::ReasonSyntax, value, 0);
        return;
    };
    for reason in &values {
        if reason.known_protocol().is_none() {
            report.found(Check::ReasonProtocolUnregistered, reason.protocol(), 0);
        }
        if reason.is_q850() {
            if status == 100 {
                report.found(Check::ReasonQ850In100, value, 0);
            }
            if let (None, Some(cause)) = (found.q850, reason.cause()) {
                let location = reason
                    .params()
                    .find(|(name, _)| name.eq_ignore_ascii_case("location"))
                    .and_then(|(_, location)| location);
                found.q850 = Some((cause, location, value));
            }
        }
    }
}

/// One Warning header field's values.
fn warning<'a>(report: &mut Findings<'a>, value: &'a str, found: &mut Values<'a>) {
    let Ok(values) = crate::warning::parse(value.as_bytes()) else {
        report.found(Check::WarningSyntax, value, 0);
        return;
    };
    for warning in &values {
        match warning.known_warn_code() {
            Some(code) => {
                found.warn_code.get_or_insert(code);
            }
            None => report.found(Check::WarnCodeUnregistered, value, warning.code()),
        }
    }
}

/// A Q.850 cause against the status code under `profile` (by default RFC 3398's §7.2.4.1 and
/// §8.2.6.1), and where it says the cause arose (RFC 3398's rule whatever the profile).
fn q850<'a>(
    report: &mut Findings<'a>,
    status: StatusCode,
    (cause, location, value): (u16, Option<&str>, &'a str),
    warn_code: Option<WarnCode>,
    profile: &'static dyn Mapping,
) {
    // Only a failure or a redirection maps to a cause; a cause Q.850 does not assign is
    // judged by no table.
    let Some(cause) = u8::try_from(cause).ok().and_then(Cause::from_u8) else {
        return;
    };
    let location = location.and_then(|text| {
        Location::ALL
            .iter()
            .copied()
            .find(|location| location.abbreviation().eq_ignore_ascii_case(text))
    });
    let value_of = u16::from(cause.as_u8());
    // A status the profile releases with no cause (a 1xx, a 2xx) has nothing to contradict.
    if profile.from_sip_raw(status, warn_code).is_some() && !profile.agrees(status, value_of, location, warn_code) {
        // The status the profile sends for the cause, as the finding states it.
        let sent = profile
            .to_sip(cause, location, NewNumber::Unknown)
            .map_or(0, StatusCode::as_u16);
        let back = profile.from_sip_raw(status, warn_code).unwrap_or_default();
        report.found_q850(value, value_of, (sent, back), profile);
    }
    if let Some(location) = location {
        let misplaced = match status.class() {
            Class::GlobalFailure => location != Location::User,
            Class::ClientFailure | Class::ServerFailure => location == Location::User,
            _ => false,
        };
        if misplaced {
            report.found(Check::ReasonQ850Location, value, 0);
        }
    }
}

/// Whether the message breaks the header rule behind `rule`, its header field being
/// `present` or not; a condition that cannot be judged breaks nothing.
fn breaks(rule: &Rule, present: bool, message: &Message<'_>, request: Option<&Message<'_>>) -> bool {
    let Some(header_rule) = rule.header_rule() else {
        return false;
    };
    let wanted = match header_rule.requirement() {
        Requirement::Must | Requirement::Should => true,
        Requirement::MustNot => false,
        Requirement::May => return false,
    };
    if present == wanted {
        return false;
    }
    header_rule
        .condition()
        .is_none_or(|condition| holds(condition, message, request) == Some(true))
}

/// Whether `condition` holds for the response `message` to `request`: `None` when it cannot
/// be told (a human part, or a part about the request without the request).
pub(super) fn holds(condition: &Condition, message: &Message<'_>, request: Option<&Message<'_>>) -> Option<bool> {
    if !condition.is_machine_checkable() {
        return None;
    }
    let method = message.cseq().map(|cseq| cseq.method);
    if !condition.methods().is_empty() && !method.is_some_and(|method| condition.methods().contains(&method)) {
        return Some(false);
    }
    if let Some(dialog) = condition.dialog() {
        if !creates(dialog, message) {
            return Some(false);
        }
    }
    if !condition.response_carries().iter().all(|test| carries(message, test)) {
        return Some(false);
    }
    if condition.needs_request() {
        let request = request?;
        if !condition.request_carried().iter().all(|test| carries(request, test))
            || condition.request_lacked().iter().any(|test| carries(request, test))
        {
            return Some(false);
        }
    }
    Some(true)
}

/// Whether the response creates the dialog (RFC 3261 §12.1; RFC 6665 §4.1.2.2 for SUBSCRIBE
/// and its NOTIFY, RFC 3515 for REFER).
fn creates(dialog: Dialog, message: &Message<'_>) -> bool {
    let (Some(status), Some(_), Some(cseq)) = (message.status(), message.to_tag(), message.cseq()) else {
        return false;
    };
    match dialog {
        Dialog::Creates => status.is_success() && matches!(cseq.method, "INVITE" | "SUBSCRIBE" | "REFER"),
        Dialog::CreatesEarly => status.is_provisional() && status != 100 && cseq.method == "INVITE",
    }
}

/// Whether `message` carries the header field of `test`, listing its token when it has one
/// (as a list element, a parameter, `refresher=uac`, or a parameter's name or value:
/// `+sip.instance`, `uac`).
fn carries(message: &Message<'_>, test: &HeaderTest) -> bool {
    let Some(token) = test.token() else {
        return message.header(test.header()).is_some();
    };
    message.header_values(test.header()).any(|value| {
        value.split(';').any(|part| {
            let part = part.trim();
            part.eq_ignore_ascii_case(token)
                || part.split_once('=').is_some_and(|(name, value)| {
                    name.trim().eq_ignore_ascii_case(token) || value.trim().eq_ignore_ascii_case(token)
                })
        })
    })
}

#[cfg(test)]
mod tests {
    use super::holds;
    use crate::message::Message;
    use crate::{__private, Dialog, HeaderTest};

    const RELIABLE_183: &[u8] = b"SIP/2.0 183 Session Progress\r\n\
        Via: SIP/2.0/UDP a.example.com;branch=z9hG4bK1\r\n\
        To: <sip:b@example.com>;tag=2\r\nFrom: <sip:a@example.com>;tag=1\r\n\
        Call-ID: c\r\nCSeq: 1 INVITE\r\nRequire: 100rel\r\nRSeq: 1\r\n\
        Session-Expires: 1800;refresher=uac\r\nContent-Length: 0\r\n\r\n";
    const INVITE: &[u8] = b"INVITE sip:b@example.com SIP/2.0\r\n\
        Via: SIP/2.0/UDP a.example.com;branch=z9hG4bK1\r\n\
        To: <sip:b@example.com>\r\nFrom: <sip:a@example.com>;tag=1\r\n\
        Call-ID: c\r\nCSeq: 1 INVITE\r\nRecord-Route: <sip:p.example.com;lr>\r\n\
        Supported: 100rel, timer\r\nContent-Length: 0\r\n\r\n";

    const REQUIRE_100REL: &[HeaderTest] = &[__private::header_test("Require", Some("100rel"))];
    const REFRESHER_UAC: &[HeaderTest] = &[__private::header_test("Session-Expires", Some("uac"))];
    const RECORD_ROUTE: &[HeaderTest] = &[__private::header_test("Record-Route", None)];
    const RECV_INFO: &[HeaderTest] = &[__private::header_test("Recv-Info", None)];
    const TIMER: &[HeaderTest] = &[__private::header_test("Supported", Some("timer"))];

    #[test]
    fn each_part_of_a_condition_is_read_off_the_messages() {
        let response = Message::parse(RELIABLE_183).unwrap();
        let request = Message::parse(INVITE).unwrap();
        let early = Some(Dialog::CreatesEarly);
        // The response's method, dialog and header fields, a token in a list or a parameter.
        let sent_reliably = __private::condition(&["INVITE"], early, REQUIRE_100REL, &[], &[], None, "sent reliably");
        assert_eq!(holds(&sent_reliably, &response, None), Some(true));
        let uac = __private::condition(&[], None, REFRESHER_UAC, &[], &[], None, "uac refreshes");
        assert_eq!(holds(&uac, &response, None), Some(true));
        let other_method = __private::condition(&["UPDATE"], None, &[], &[], &[], None, "answering an UPDATE");
        assert_eq!(holds(&other_method, &response, None), Some(false));
        let full_dialog = __private::condition(&[], Some(Dialog::Creates), &[], &[], &[], None, "creates a dialog");
        assert_eq!(holds(&full_dialog, &response, None), Some(false));
        // What the request carried or lacked: unknown without it.
        let routed = __private::condition(&[], early, &[], RECORD_ROUTE, RECV_INFO, None, "routed, no Recv-Info");
        assert!(routed.needs_request());
        assert_eq!(holds(&routed, &response, None), None);
        assert_eq!(holds(&routed, &response, Some(&request)), Some(true));
        let timer = __private::condition(&[], None, &[], TIMER, &[], None, "timer supported");
        assert_eq!(holds(&timer, &response, Some(&request)), Some(true));
        let lacked = __private::condition(&[], None, &[], &[], TIMER, None, "timer not supported");
        assert_eq!(holds(&lacked, &response, Some(&request)), Some(false));
        // A human part: never judged.
        let human = __private::condition(
            &[],
            None,
            &[],
            &[],
            &[],
            Some("the failure is temporary"),
            "the failure is temporary",
        );
        assert!(!human.is_machine_checkable());
        assert_eq!(holds(&human, &response, Some(&request)), None);
    }
}
