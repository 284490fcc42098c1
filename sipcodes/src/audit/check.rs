//! The checks of one response, with its request when there is one.

use super::Report;
use super::rules::{Check, FIRST_HEADER_RULE, Mandatory, RULES, Rule};
use crate::message::{Message, StartLine};
use crate::q850::{Cause, Location, NewNumber, Profile};
use crate::warning::WarnCode;
use crate::{Class, Condition, Dialog, HeaderTest, Registration, Requirement, StatusCode, StatusLine};

/// The header fields the checks look at, each one bit.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Field {
    Via,
    From,
    To,
    CallId,
    CSeq,
    RetryAfter,
    ErrorInfo,
    Reason,
    Warning,
}

impl Field {
    /// The field named `name` (any case, compact forms included), if the checks read it.
    fn of(name: &str) -> Option<Field> {
        let is = |full: &str| name.eq_ignore_ascii_case(full);
        match name.len() {
            1 => match name.as_bytes()[0].to_ascii_lowercase() {
                b'v' => Some(Field::Via),
                b'f' => Some(Field::From),
                b't' => Some(Field::To),
                b'i' => Some(Field::CallId),
                _ => None,
            },
            2 if is("To") => Some(Field::To),
            3 if is("Via") => Some(Field::Via),
            4 if is("From") => Some(Field::From),
            4 if is("CSeq") => Some(Field::CSeq),
            6 if is("Reason") => Some(Field::Reason),
            7 if is("Call-ID") => Some(Field::CallId),
            7 if is("Warning") => Some(Field::Warning),
            10 if is("Error-Info") => Some(Field::ErrorInfo),
            11 if is("Retry-After") => Some(Field::RetryAfter),
            _ => None,
        }
    }

    const fn bit(self) -> u16 {
        1 << self as u16
    }
}

/// The rules derived from header rules about `status`'s code (the unregistered codes' rule
/// for a code the table does not have).
fn header_rules(status: StatusCode) -> &'static [Rule] {
    let derived = RULES.get(FIRST_HEADER_RULE..).unwrap_or_default();
    let code = if status.known().is_some() { status.as_u16() } else { 0 };
    let code_of = |rule: &Rule| match rule.check {
        Check::Header { code, .. } => code,
        _ => u16::MAX,
    };
    if code == 0 {
        let start = derived
            .iter()
            .position(|rule| code_of(rule) == 0)
            .unwrap_or(derived.len());
        return derived.get(start..).unwrap_or_default();
    }
    // Sorted by code, the unregistered codes' rule (code 0) last.
    let key = |rule: &Rule| match code_of(rule) {
        0 => u16::MAX,
        code => code,
    };
    let start = derived.partition_point(|rule| key(rule) < code);
    let end = derived.partition_point(|rule| key(rule) <= code);
    derived.get(start..end).unwrap_or_default()
}

/// What one walk over the header fields gathers.
struct Walk<'a> {
    present: u16,
    /// Bit `i`: the header of derived rule `i` is there.
    rule_headers: u64,
    /// The first Q.850 Reason value: its cause, its `location` parameter, and the header
    /// field's value.
    q850: Option<(u16, Option<&'a str>, &'a str)>,
    warn_code: Option<WarnCode>,
}

/// Runs every check of one response.
pub(super) fn response<'a>(report: &mut Report<'a>, request: Option<&Message<'a>>) {
    let message = report.message;
    let StartLine::Response(line) = message.start_line() else {
        return;
    };
    let status = line.code();
    status_line(report, line);
    let derived = header_rules(status);
    let walk = walk(report, status, derived);

    for header in Mandatory::ALL {
        let field = match header {
            Mandatory::Via => Field::Via,
            Mandatory::From => Field::From,
            Mandatory::To => Field::To,
            Mandatory::CallId => Field::CallId,
            Mandatory::CSeq => Field::CSeq,
        };
        if walk.present & field.bit() == 0 {
            report.found(Check::Missing(header), "", 0);
        }
    }
    if walk.present & Field::To.bit() != 0 && status != 100 && message.to_tag().is_none() {
        report.found(Check::ToTagMissing, "", 0);
    }
    let method = message.cseq().map(|cseq| cseq.method);
    if walk.present & Field::CSeq.bit() != 0 && method.is_none() {
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
    if walk.present & Field::RetryAfter.bit() != 0 && !status.may_carry_retry_after() {
        report.found(Check::RetryAfterNotListed, "", 0);
    }
    if walk.present & Field::ErrorInfo.bit() != 0 && status.as_u16() < 300 {
        report.found(Check::ErrorInfoOutside3xx6xx, "", 0);
    }
    if let Some((cause, location, value)) = walk.q850 {
        q850(report, status, cause, location, value, walk.warn_code);
    }
    for (index, rule) in derived.iter().enumerate() {
        let present = walk.rule_headers & (1 << index) != 0;
        if breaks(rule, present, &message, request) {
            report.found_rule(rule, "");
        }
    }
}

/// The status line and the code.
fn status_line<'a>(report: &mut Report<'a>, line: StatusLine<'a>) {
    let status = line.code();
    // The message parser reads the line leniently; the strict grammar tells what only the
    // lenient one forgave.
    if StatusLine::parse_prefix(report.message.as_bytes()).is_err() {
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
            // 202 is retired for some methods only: its own rules judge it.
            if code.registration() != Registration::Current && status != 202 {
                report.found(Check::CodeRetired, code.registration().as_str(), 0);
            }
        }
    }
}

/// Walks the header fields once: which are there, and the Reason and Warning values.
fn walk<'a>(report: &mut Report<'a>, status: StatusCode, derived: &'static [Rule]) -> Walk<'a> {
    let mut walk = Walk {
        present: 0,
        rule_headers: 0,
        q850: None,
        warn_code: None,
    };
    for header in report.message.headers() {
        let name = header.name();
        for (index, rule) in derived.iter().enumerate().take(64) {
            if rule.header_rule().is_some_and(|rule| rule.matches_name(name)) {
                walk.rule_headers |= 1 << index;
            }
        }
        let Some(field) = Field::of(name) else {
            continue;
        };
        walk.present |= field.bit();
        match field {
            Field::Reason => reason(report, status, header.value(), &mut walk),
            Field::Warning => warning(report, header.value(), &mut walk),
            _ => {}
        }
    }
    walk
}

/// One Reason header field's values.
fn reason<'a>(report: &mut Report<'a>, status: StatusCode, value: &'a str, walk: &mut Walk<'a>) {
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
            if let (None, Some(cause)) = (walk.q850, reason.cause()) {
                let location = reason
                    .params()
                    .find(|(name, _)| name.eq_ignore_ascii_case("location"))
                    .and_then(|(_, location)| location);
                walk.q850 = Some((cause, location, value));
            }
        }
    }
}

/// One Warning header field's values.
fn warning<'a>(report: &mut Report<'a>, value: &'a str, walk: &mut Walk<'a>) {
    let Ok(values) = crate::warning::parse(value.as_bytes()) else {
        report.found(Check::WarningSyntax, value, 0);
        return;
    };
    for warning in &values {
        match warning.known_warn_code() {
            Some(code) => {
                walk.warn_code.get_or_insert(code);
            }
            None => report.found(Check::WarnCodeUnregistered, value, warning.code()),
        }
    }
}

/// A Q.850 cause against the status code (RFC 3398 §7.2.4.1 and §8.2.6.1, RFC 4497), and
/// where it says the cause arose.
fn q850<'a>(
    report: &mut Report<'a>,
    status: StatusCode,
    cause: u16,
    location: Option<&str>,
    value: &'a str,
    warn_code: Option<WarnCode>,
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
    let profiles = [Profile::Rfc3398, Profile::Rfc4497];
    if profiles
        .iter()
        .any(|profile| profile.from_sip(status, warn_code).is_some())
    {
        let maps_back = profiles
            .iter()
            .any(|profile| profile.from_sip(status, warn_code) == Some(cause));
        let maps_to = profiles.iter().any(|profile| {
            [None, Some(Location::User), location].into_iter().any(|location| {
                [NewNumber::Known, NewNumber::Unknown]
                    .into_iter()
                    .any(|new_number| profile.to_sip(cause, location, new_number) == Some(status))
            })
        });
        if !maps_back && !maps_to {
            report.found(Check::ReasonQ850Inconsistent, value, 0);
        }
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
/// (as a list element, or as a parameter's value: `refresher=uac`).
fn carries(message: &Message<'_>, test: &HeaderTest) -> bool {
    let Some(token) = test.token() else {
        return message.header(test.header()).is_some();
    };
    message.header_values(test.header()).any(|value| {
        value.split(';').any(|part| {
            let part = part.trim();
            part.eq_ignore_ascii_case(token)
                || part
                    .split_once('=')
                    .is_some_and(|(_, value)| value.trim().eq_ignore_ascii_case(token))
        })
    })
}
