//! An audit of SIP responses against the RFCs: what a response, a request and its response,
//! or a whole trace break, each finding tied to a [`Rule`] with its RFC section.
//!
//! [`check_response`] checks one response: its status line and code, the header fields every
//! response carries, the header rules of `codes.toml` that need no more than the response
//! (a 405 carries Allow), the Reason and Warning values, and the transaction rules one
//! response shows (RFC 4320: no 408 and no provisional response but 100 to a non-INVITE).
//! [`check_exchange`] adds the request: the response must repeat its Call-ID, `CSeq`, From tag,
//! top Via branch and any To tag, and header rules whose condition is about the request can
//! be judged. A Reason's Q.850 cause is judged against the status under RFC 3398's mapping,
//! or under the interworking profile a gateway declares ([`check_response_with_profile`],
//! [`check_exchange_with_profile`], `Auditor::with_profile`). [`Auditor`] (with `std`) reads a trace in order and adds the rules about a
//! transaction's several responses and a proxy's hops. Both checks allocate nothing and work
//! without `std`.
//!
//! ```
//! use sipcodes::audit::{self, Severity};
//!
//! let response = b"SIP/2.0 405 Method Not Allowed\r\n\
//!     Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bKnashds8\r\n\
//!     To: Bob <sip:bob@biloxi.example.com>;tag=8321234356\r\n\
//!     From: Alice <sip:alice@atlanta.example.com>;tag=1928301774\r\n\
//!     Call-ID: a84b4c76e66710\r\n\
//!     CSeq: 1 PUBLISH\r\n\
//!     Content-Length: 0\r\n\
//!     \r\n";
//! let report = audit::check_response(response)?;
//! let findings: Vec<String> = report.findings().map(|finding| finding.to_string()).collect();
//! assert_eq!(findings, ["405 without Allow"]);
//!
//! let finding = report.findings().next().unwrap();
//! let rule = finding.rule();
//! assert_eq!((rule.id(), rule.severity()), ("405-must-carry-allow", Severity::Error));
//! assert_eq!(rule.citation().to_string(), "RFC 3261, Section 21.4.6");
//! assert!(!report.is_clean());
//! # Ok::<(), sipcodes::audit::AuditError>(())
//! ```
//!
//! # Rules
//!
//! [`rules`](fn@rules) lists them all, and `RULES.md` at the root of the repository prints the table.
//! Severity: [`Error`](Severity::Error) for a MUST or MUST NOT broken,
//! [`Warning`](Severity::Warning) for a SHOULD, a retired code or values that contradict each
//! other, [`Info`](Severity::Info) for what is legal but notable (a peer's own reason phrase, an
//! unregistered code). Ids are stable: see [`Rule::id`] and the scheme in `RULES.md`.
//!
//! # Cost
//!
//! A [`Report`] holds at most [`Report::CAPACITY`] findings in place, so that nothing is
//! allocated: further findings are counted ([`Report::dropped`]) but not kept. Checking a
//! response parses it once ([`Message::parse`]), reads its status line again under the strict
//! grammar, and walks its header fields once more; a Reason or Warning value is parsed when
//! the walk meets it.

mod check;
mod error;
mod exchange;
mod rules;
#[cfg(feature = "std")]
mod trace;

use core::fmt;

pub use self::error::{AuditError, AuditErrorKind, Part};
use self::rules::{Check, RULES};
pub use self::rules::{Rule, Severity};
#[cfg(feature = "std")]
#[cfg_attr(docsrs, doc(cfg(feature = "std")))]
pub use self::trace::Auditor;
use crate::message::Message;
use crate::q850::{Mapping, Profile};
use crate::{StatusCode, StatusLine};

/// Every rule of the audit: the ones about any response, an exchange and a trace, then one
/// for each header rule of `codes.toml` a machine can check, by code.
///
/// ```
/// let rules = sipcodes::audit::rules();
/// let allow = rules.iter().find(|rule| rule.id() == "405-must-carry-allow").unwrap();
/// assert_eq!(allow.summary(), "A 405 must carry Allow");
/// assert!(rules.len() >= 30);
/// ```
#[must_use]
pub fn rules() -> &'static [Rule] {
    &RULES
}

/// The rules about `status`: those about any response, and those about its code.
pub fn rules_for(status: StatusCode) -> impl Iterator<Item = &'static Rule> {
    RULES.iter().filter(move |rule| rule.is_about(status))
}

#[inline]
/// Audits one response, such as a UDP datagram (parsed as
/// [`Message::parse`] does).
///
/// # Errors
///
/// The bytes are not a SIP message (the byte offset and the grammar rule that failed), or
/// are a request: see [`AuditError`].
pub fn check_response(response: &[u8]) -> Result<Report<'_>, AuditError> {
    check_response_with_profile(response, DEFAULT_PROFILE)
}

/// The interworking profile a Reason's Q.850 cause is judged by unless one is chosen:
/// RFC 3398's mapping.
pub const DEFAULT_PROFILE: &'static dyn Mapping = &Profile::Rfc3398;

/// [`check_response`], judging a Reason's Q.850 cause by `profile` rather than RFC 3398
/// (rule `reason-q850-inconsistent`): a gateway's own responses against the mapping it
/// declares, a built-in one ([`q850::profile`](crate::q850::profile)) or a table of its own
/// ([`q850_profile!`](crate::q850_profile)).
///
/// `FreeSWITCH` answers cause 47 (resource unavailable) with 480 where RFC 3398 says 503:
///
/// ```
/// use sipcodes::audit;
/// use sipcodes::q850::FREESWITCH;
///
/// let response = b"SIP/2.0 480 Temporarily Unavailable\r\n\
///     Via: SIP/2.0/UDP gw.example.com;branch=z9hG4bK74b43\r\n\
///     To: <sip:bob@example.com>;tag=314159\r\n\
///     From: <sip:alice@example.com>;tag=9fxced76sl\r\n\
///     Call-ID: 3848276298220188511@example.com\r\n\
///     CSeq: 1 INVITE\r\n\
///     Reason: Q.850;cause=47\r\n\
///     Content-Length: 0\r\n\
///     \r\n";
/// let report = audit::check_response(response)?;
/// let finding = report.findings().next().unwrap();
/// assert_eq!(
///     finding.to_string(),
///     "480 with Reason: Q.850;cause=47: RFC 3398 maps cause 47 to 503"
/// );
/// assert!(audit::check_response_with_profile(response, &FREESWITCH)?.is_clean());
/// # Ok::<(), sipcodes::audit::AuditError>(())
/// ```
///
/// # Errors
///
/// As [`check_response`].
pub fn check_response_with_profile<'a>(
    response: &'a [u8],
    profile: &'static dyn Mapping,
) -> Result<Report<'a>, AuditError> {
    let message = parse(response, Part::Response)?;
    let mut report = Report::new(message);
    check::response(&report.message, &mut report.findings, None, profile);
    Ok(report)
}

/// Audits a response with the request it answers: everything [`check_response`] checks,
/// then the response against the request (RFC 3261 §8.2.6.2), and the header rules whose
/// condition is about what the request carried.
///
/// # Errors
///
/// Either message is malformed, or the request is a response or the response a request:
/// [`AuditError::part`] says which.
pub fn check_exchange<'a>(request: &'a [u8], response: &'a [u8]) -> Result<Report<'a>, AuditError> {
    check_exchange_with_profile(request, response, DEFAULT_PROFILE)
}

/// [`check_exchange`], judging a Reason's Q.850 cause by `profile` (see
/// [`check_response_with_profile`]).
///
/// # Errors
///
/// As [`check_exchange`].
pub fn check_exchange_with_profile<'a>(
    request: &'a [u8],
    response: &'a [u8],
    profile: &'static dyn Mapping,
) -> Result<Report<'a>, AuditError> {
    let request = parse(request, Part::Request)?;
    if request.is_response() {
        return Err(AuditError::new(Part::Request, AuditErrorKind::NotARequest));
    }
    let message = parse(response, Part::Response)?;
    let mut report = Report::new(message);
    check::response(&report.message, &mut report.findings, Some(&request), profile);
    exchange::check(&report.message, &mut report.findings, &request);
    Ok(report)
}

/// The message in `bytes`, a response unless `part` is a request or any message.
#[inline]
fn parse(bytes: &[u8], part: Part) -> Result<Message<'_>, AuditError> {
    let message = Message::parse(bytes).map_err(|error| AuditError::new(part, AuditErrorKind::Malformed(error)))?;
    if part == Part::Response && message.is_request() {
        return Err(AuditError::new(part, AuditErrorKind::NotAResponse));
    }
    Ok(message)
}

/// What the audit found in one message: the findings, in the order the checks ran, and the
/// message.
#[derive(Clone, Debug)]
pub struct Report<'a> {
    message: Message<'a>,
    findings: Findings<'a>,
}

/// The findings of a report, in place.
#[derive(Clone, Debug)]
pub(crate) struct Findings<'a> {
    list: [Finding<'a>; Report::CAPACITY],
    len: usize,
    dropped: usize,
    status: Option<StatusCode>,
}

impl<'a> Findings<'a> {
    /// Records a finding, or counts it when the list is full.
    fn push(&mut self, finding: Finding<'a>) {
        match self.list.get_mut(self.len) {
            Some(slot) => {
                *slot = finding;
                self.len += 1;
            }
            None => self.dropped = self.dropped.saturating_add(1),
        }
    }

    /// Records that `check` found something in the message.
    fn found(&mut self, check: Check, detail: &'a str, other: u16) {
        if let Some(rule) = RULES.iter().find(|rule| rule.check == check) {
            self.found_rule(rule, detail, other);
        }
    }

    /// Records that `rule` found something in the message.
    fn found_rule(&mut self, rule: &'static Rule, detail: &'a str, other: u16) {
        let index = RULES
            .iter()
            .position(|each| core::ptr::eq(each, rule))
            .unwrap_or_default();
        self.push(Finding {
            rule: u16::try_from(index).unwrap_or_default(),
            status: self.status.map_or(0, StatusCode::as_u16),
            detail,
            other,
            ..Finding::EMPTY
        });
    }

    /// Records that the Q.850 `cause` of the Reason `value` does not agree with the status
    /// under `profile`, which sends `sent` for the cause (0 for no response) and releases with `back` after the status.
    fn found_q850(&mut self, value: &'a str, cause: u16, (sent, back): (u16, u16), profile: &'static dyn Mapping) {
        let Some(index) = RULES
            .iter()
            .position(|rule| rule.check == Check::ReasonQ850Inconsistent)
        else {
            return;
        };
        self.push(Finding {
            rule: u16::try_from(index).unwrap_or_default(),
            status: self.status.map_or(0, StatusCode::as_u16),
            detail: value,
            other: cause,
            profile: profile.name(),
            sent,
            back,
        });
    }
}

impl<'a> Report<'a> {
    /// How many findings a report keeps. A response that breaks more rules keeps the first
    /// eight, in the order the checks ran, and counts the rest in
    /// [`dropped`](Report::dropped). (A report is returned by value: a small one is cheap
    /// to return, and few responses break more than a few rules.)
    pub const CAPACITY: usize = 8;

    #[inline]
    fn new(message: Message<'a>) -> Self {
        Report {
            findings: Findings {
                list: [Finding::EMPTY; Report::CAPACITY],
                len: 0,
                dropped: 0,
                status: message.status(),
            },
            message,
        }
    }

    /// The response's status line; `None` only for a request an [`Auditor`] reports on.
    #[must_use]
    pub const fn status_line(&self) -> Option<StatusLine<'a>> {
        match self.message.start_line() {
            crate::message::StartLine::Response(line) => Some(line),
            crate::message::StartLine::Request(_) => None,
        }
    }

    /// The message audited.
    #[must_use]
    pub const fn message(&self) -> &Message<'a> {
        &self.message
    }

    /// The findings kept, in the order the checks ran.
    pub fn findings(&self) -> impl Iterator<Item = &Finding<'a>> {
        self.findings.list.iter().take(self.findings.len)
    }

    /// How many findings did not fit (beyond [`CAPACITY`](Report::CAPACITY)); 0 normally.
    #[must_use]
    pub const fn dropped(&self) -> usize {
        self.findings.dropped
    }

    /// The gravest severity found, `None` when nothing was.
    #[must_use]
    pub fn worst(&self) -> Option<Severity> {
        self.findings().map(|finding| finding.rule().severity()).min()
    }

    /// Whether nothing of severity Error or Warning was found (Info findings may be there),
    /// dropped findings included: a full report is never clean.
    #[must_use]
    pub fn is_clean(&self) -> bool {
        self.findings.dropped == 0 && self.worst().is_none_or(|worst| worst == Severity::Info)
    }

    /// Whether a finding of the rule with id `id` was kept.
    #[must_use]
    pub fn has(&self, id: &str) -> bool {
        self.findings().any(|finding| finding.rule().id() == id)
    }
}

/// One rule broken by a message: which, and the part of the message that shows it.
///
/// `Display` writes one line in the message's terms, e.g. `405 without Allow`,
/// `180 to a non-INVITE request (MESSAGE)`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Finding<'a> {
    /// The rule's place in [`RULES`]: two bytes rather than a pointer's eight keep a
    /// report small to return.
    rule: u16,
    /// The response's code; 0 for a request.
    status: u16,
    detail: &'a str,
    other: u16,
    /// The name of the interworking profile a Q.850 finding was judged by; empty otherwise.
    profile: &'static str,
    /// Under that profile, the status sent for the cause (0 for none) and the cause released
    /// with after the status (0 for none).
    sent: u16,
    back: u16,
}

impl<'a> Finding<'a> {
    /// What fills the report's unused places; never handed out.
    const EMPTY: Finding<'static> = Finding {
        rule: 0,
        status: 0,
        detail: "",
        other: 0,
        profile: "",
        sent: 0,
        back: 0,
    };

    /// The rule broken.
    #[must_use]
    pub fn rule(&self) -> &'static Rule {
        RULES.get(usize::from(self.rule)).unwrap_or(&RULES[0])
    }

    /// What of the message shows it, as sent (a header field's value, a method, a phrase);
    /// empty when the rule's name says it all.
    #[must_use]
    pub const fn detail(&self) -> &'a str {
        self.detail
    }
}

impl fmt::Display for Finding<'_> {
    /// One line: a detail taken from a folded header field value has its folds written as
    /// spaces.
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        let detail = crate::message::Unfolded::new(self.detail);
        let other = self.other;
        let rule = self.rule();
        let Ok(status) = StatusCode::from_u16(self.status) else {
            // A request: the trace rules about requests.
            return match rule.check {
                Check::BranchAfterGlobalFailure => write!(
                    formatter,
                    "{detail} on a new branch after a {other} for the same transaction"
                ),
                _ => formatter.write_str(rule.summary()),
            };
        };
        let registered = status.reason_phrase();
        let status = status.as_u16();
        match rule.check {
            Check::StatusLineLenient => write!(formatter, "{status} in a status line only the lenient grammar reads"),
            Check::SipVersion => write!(formatter, "{status} with version {detail}"),
            Check::PhraseNotRegistered => match registered {
                Some(registered) => write!(
                    formatter,
                    "{status} with the phrase \"{detail}\" (registered: \"{registered}\")"
                ),
                None => write!(formatter, "{status} with the phrase \"{detail}\""),
            },
            Check::CodeUnregistered => write!(formatter, "{status}, a code not registered with IANA"),
            Check::CodeRetired => write!(formatter, "{status}, a {detail} code"),
            Check::Accepted202Subscription | Check::Accepted202Refer => write!(formatter, "{status} to {detail}"),
            Check::MissingVia | Check::MissingFrom | Check::MissingTo | Check::MissingCallId | Check::MissingCSeq => {
                write!(
                    formatter,
                    "{status} without {}",
                    rule.check.missing().unwrap_or_default()
                )
            }
            Check::CSeqSyntax => write!(formatter, "{status} with an unreadable CSeq \"{detail}\""),
            Check::ToTagMissing => write!(formatter, "{status} without a To tag"),
            Check::ProvisionalToNonInvite | Check::Timeout408 => {
                write!(formatter, "{status} to a non-INVITE request ({detail})")
            }
            Check::RetryAfterNotListed => write!(formatter, "{status} with Retry-After"),
            Check::ErrorInfoOutside3xx6xx => write!(formatter, "{status} with Error-Info"),
            Check::ReasonSyntax => write!(formatter, "{status} with an unreadable Reason \"{detail}\""),
            Check::ReasonProtocolUnregistered => {
                write!(
                    formatter,
                    "{status} with a Reason of the unregistered protocol {detail}"
                )
            }
            Check::ReasonQ850In100 => write!(formatter, "{status} with Reason: {detail}"),
            Check::ReasonQ850Inconsistent => {
                let (profile, sent, back) = (self.profile, self.sent, self.back);
                write!(formatter, "{status} with Reason: {detail}: ")?;
                match (sent, back) {
                    (0, 0) => write!(formatter, "{profile} maps cause {other} to no response"),
                    (0, _) => write!(formatter, "{profile} maps {status} to cause {back}"),
                    _ => write!(formatter, "{profile} maps cause {other} to {sent}"),
                }
            }
            Check::ReasonQ850Location => write!(
                formatter,
                "{status} with Reason: {detail}, located elsewhere than RFC 3398 says"
            ),
            Check::WarningSyntax => write!(formatter, "{status} with an unreadable Warning \"{detail}\""),
            Check::WarnCodeUnregistered => write!(formatter, "{status} with the unregistered warn-code {other}"),
            Check::CallIdMismatch => write!(formatter, "{status} with Call-ID {detail}, not the request's"),
            Check::CSeqMismatch => write!(formatter, "{status} with CSeq {detail}, not the request's"),
            Check::FromTagMismatch => write!(formatter, "{status} with From tag {detail}, not the request's"),
            Check::ToTagMismatch => write!(formatter, "{status} with To tag {detail}, not the request's"),
            Check::BranchMismatch => write!(formatter, "{status} with top Via branch {detail}, not the request's"),
            Check::FinalAfterFinal | Check::SuccessAfterGlobalFailure => {
                write!(formatter, "{status} after a {other} for the same transaction")
            }
            Check::ProvisionalAfterFinal => {
                write!(formatter, "{status} after the final {other} of the same transaction")
            }
            Check::Relayed503 => write!(formatter, "{status} forwarded by a proxy that received it"),
            Check::BranchAfterGlobalFailure => formatter.write_str(rule.summary()),
            Check::ProxyOriginated => write!(
                formatter,
                "{status} with To tag {detail}, which none of the proxy's branches sent"
            ),
            Check::Header { rule, .. } => match rule.requirement() {
                crate::Requirement::MustNot => write!(formatter, "{status} with {}", rule.header()),
                _ => write!(formatter, "{status} without {}", rule.header()),
            },
        }
    }
}
