//! The audit's rules: one table, in the order [`rules`](super::rules) returns them.
//!
//! The rules about the message as a whole, the exchange and the trace are written below
//! with the check that implements each ([`Check`]); then come the rules derived from
//! `codes.toml`'s header rules, one for each rule a machine can check (no condition, or a
//! condition without a human part) that says must, should or must not, sorted by code.
//! A test holds the derived part equal to the table, so that the two cannot drift apart.
//!
//! # Rule ids
//!
//! An id is kebab-case and never reused for another rule. A header rule's id is
//! `{code}-{must-carry|should-carry|must-not-carry}-{header}`, the header field's canonical
//! name in lower case: `405-must-carry-allow`, `100-must-not-carry-rseq`, and for a code's
//! second such rule under another condition `-2` after it (`488-should-carry-warning-2`,
//! about UPDATE where the first is about INVITE); the rule that
//! every unregistered code shares is `unregistered-must-not-carry-min-se`. Every other
//! rule's id names what it finds: `to-tag-missing`, `408-to-non-invite`.

use core::fmt;

use crate::{Citation, Code, HeaderRule, Requirement, StatusCode};

/// How much a finding matters.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub enum Severity {
    /// A MUST or MUST NOT of an RFC is broken.
    Error,
    /// A SHOULD or SHOULD NOT is broken, a retired code is sent, or a value contradicts
    /// another.
    Warning,
    /// Legal, but worth knowing: an unregistered code or value, a peer's own phrase.
    Info,
}

impl Severity {
    /// `"error"`, `"warning"` or `"info"`.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

impl fmt::Display for Severity {
    /// Writes [`as_str`](Severity::as_str).
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(self.as_str())
    }
}

/// One rule of the audit: what it finds, how much that matters, and the RFC section that
/// says so. All of them: [`rules`](super::rules).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct Rule {
    id: &'static str,
    severity: Severity,
    summary: &'static str,
    citation: Citation,
    pub(super) check: Check,
}

impl Rule {
    /// The rule's stable id, e.g. `"405-must-carry-allow"` (see the module's docs).
    #[must_use]
    pub const fn id(&self) -> &'static str {
        self.id
    }

    /// Error, warning or info.
    #[must_use]
    pub const fn severity(&self) -> Severity {
        self.severity
    }

    /// What the rule asks, in one sentence, e.g. `"A 405 must carry Allow"`.
    #[must_use]
    pub const fn summary(&self) -> &'static str {
        self.summary
    }

    /// The RFC that states the rule, e.g. `"RFC 3261"`.
    #[must_use]
    pub const fn rfc(&self) -> &'static str {
        self.citation.rfc()
    }

    /// The section of the RFC, e.g. `Some("21.4.6")`.
    #[must_use]
    pub const fn section(&self) -> Option<&'static str> {
        self.citation.section()
    }

    /// The RFC and section, with a link.
    #[must_use]
    pub const fn citation(&self) -> Citation {
        self.citation
    }

    /// The header rule of `codes.toml` this rule checks, for a rule derived from one.
    #[must_use]
    pub const fn header_rule(&self) -> Option<&'static HeaderRule> {
        match self.check {
            Check::Header { rule, .. } => Some(rule),
            _ => None,
        }
    }

    /// The status code the rule is about, for a rule about one code (a header rule's, or
    /// `408-to-non-invite`'s); `None` for a rule about any code.
    #[must_use]
    pub const fn code(&self) -> Option<u16> {
        match self.check {
            Check::Header { code, .. } if code != 0 => Some(code),
            Check::Timeout408 => Some(408),
            Check::Accepted202Subscription | Check::Accepted202Refer => Some(202),
            Check::Relayed503 => Some(503),
            _ => None,
        }
    }

    /// Whether a rule about one code applies to `status`: the rules about any code apply to
    /// every status.
    #[must_use]
    pub fn is_about(&self, status: StatusCode) -> bool {
        match self.check {
            Check::Header { code: 0, .. } => status.known().is_none(),
            _ => self.code().is_none_or(|code| code == status.as_u16()),
        }
    }
}

/// What implements a rule.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub(crate) enum Check {
    // The response alone.
    StatusLineLenient,
    SipVersion,
    PhraseNotRegistered,
    CodeUnregistered,
    CodeRetired,
    Accepted202Subscription,
    Accepted202Refer,
    Missing(Mandatory),
    CSeqSyntax,
    ToTagMissing,
    ProvisionalToNonInvite,
    Timeout408,
    RetryAfterNotListed,
    ErrorInfoOutside3xx6xx,
    ReasonSyntax,
    ReasonProtocolUnregistered,
    ReasonQ850In100,
    ReasonQ850Inconsistent,
    ReasonQ850Location,
    WarningSyntax,
    WarnCodeUnregistered,
    // The response with its request.
    CallIdMismatch,
    CSeqMismatch,
    FromTagMismatch,
    ToTagMismatch,
    BranchMismatch,
    // A trace.
    FinalAfterFinal,
    SuccessAfterGlobalFailure,
    ProvisionalAfterFinal,
    Relayed503,
    BranchAfterGlobalFailure,
    ProxyOriginated,
    /// A header rule of `codes.toml`: the code (0 for every unregistered code) and the rule.
    Header {
        code: u16,
        rule: &'static HeaderRule,
    },
}

/// The header fields every response carries (RFC 3261 §8.2.6.2, §8.1.1).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub(crate) enum Mandatory {
    Via,
    From,
    To,
    CallId,
    CSeq,
}

impl Mandatory {
    pub(crate) const ALL: [Mandatory; 5] = [
        Mandatory::Via,
        Mandatory::From,
        Mandatory::To,
        Mandatory::CallId,
        Mandatory::CSeq,
    ];

    pub(crate) const fn name(self) -> &'static str {
        match self {
            Mandatory::Via => "Via",
            Mandatory::From => "From",
            Mandatory::To => "To",
            Mandatory::CallId => "Call-ID",
            Mandatory::CSeq => "CSeq",
        }
    }
}

/// A rule checked by code of this module.
const fn rule(
    id: &'static str,
    severity: Severity,
    summary: &'static str,
    rfc: &'static str,
    section: &'static str,
    url: &'static str,
    check: Check,
) -> Rule {
    Rule {
        id,
        severity,
        summary,
        citation: crate::citation::citation(rfc, Some(section), url),
        check,
    }
}

/// The rule derived from header rule `index` of `code` in `codes.toml` (a compile error if
/// the table has no such rule).
const fn header_rule(id: &'static str, summary: &'static str, code: u16, index: usize) -> Rule {
    let Some(table_code) = Code::from_u16(code) else {
        panic!("a header rule of a code codes.toml does not have");
    };
    let rule = &table_code.header_rules()[index];
    derived(id, summary, code, rule)
}

/// The rule checking `rule`: an error for a must or must not, a warning for a should, and
/// at most advice when its condition has a part no message shows.
const fn derived(id: &'static str, summary: &'static str, code: u16, rule: &'static HeaderRule) -> Rule {
    let severity = match (rule.requirement(), rule.condition()) {
        (_, Some(condition)) if !condition.is_machine_checkable() => Severity::Info,
        (Requirement::Must | Requirement::MustNot, _) => Severity::Error,
        (Requirement::Should | Requirement::May, _) => Severity::Warning,
    };
    Rule {
        id,
        severity,
        summary,
        citation: rule.citation(),
        check: Check::Header { code, rule },
    }
}

use Severity::{Error, Info, Warning};

const RFC3261: &str = "RFC 3261";

/// The rules not derived from a header rule, then the derived ones, sorted by code; the
/// unregistered codes' rule last.
pub(super) static RULES: [Rule; RULE_COUNT] = TABLE;

/// [`RULES`], as a constant the index below is computed from.
#[allow(
    clippy::large_const_arrays,
    reason = "read only while compiling, by `header_rule_spans` and to fill `RULES`"
)]
const TABLE: [Rule; RULE_COUNT] = [
    // The status line and the code.
    rule(
        "status-line-lenient",
        Warning,
        "The Status-Line follows RFC 3261's grammar: one space each side of the code, a Reason-Phrase of text characters, CRLF",
        RFC3261,
        "25.1",
        "https://www.rfc-editor.org/rfc/rfc3261#section-25.1",
        Check::StatusLineLenient,
    ),
    rule(
        "sip-version",
        Error,
        "The Status-Line's version is SIP/2.0",
        RFC3261,
        "7.1",
        "https://www.rfc-editor.org/rfc/rfc3261#section-7.1",
        Check::SipVersion,
    ),
    rule(
        "reason-phrase-not-registered",
        Info,
        "The Reason-Phrase is the registered one (another phrase is legal: only the code counts)",
        RFC3261,
        "21",
        "https://www.rfc-editor.org/rfc/rfc3261#section-21",
        Check::PhraseNotRegistered,
    ),
    rule(
        "code-unregistered",
        Info,
        "The code is registered with IANA (a receiver treats an unknown code as its class's x00)",
        RFC3261,
        "8.1.3.2",
        "https://www.rfc-editor.org/rfc/rfc3261#section-8.1.3.2",
        Check::CodeUnregistered,
    ),
    rule(
        "code-retired",
        Warning,
        "The code is current: not deprecated or obsolete",
        RFC3261,
        "21",
        "https://www.rfc-editor.org/rfc/rfc3261#section-21",
        Check::CodeRetired,
    ),
    rule(
        "202-to-subscribe-or-notify",
        Warning,
        "A SUBSCRIBE or NOTIFY is not answered 202: 202 is retired there, 200 is sent",
        "RFC 6665",
        "8.3.1",
        "https://www.rfc-editor.org/rfc/rfc6665#section-8.3.1",
        Check::Accepted202Subscription,
    ),
    rule(
        "202-to-refer",
        Warning,
        "A REFER is not answered 202: 202 is retired there, 200 is sent",
        "RFC 7647",
        "5",
        "https://www.rfc-editor.org/rfc/rfc7647#section-5",
        Check::Accepted202Refer,
    ),
    // What every response carries.
    rule(
        "via-missing",
        Error,
        "A response carries the request's Via header fields",
        RFC3261,
        "8.2.6.2",
        "https://www.rfc-editor.org/rfc/rfc3261#section-8.2.6.2",
        Check::Missing(Mandatory::Via),
    ),
    rule(
        "from-missing",
        Error,
        "A response carries the request's From",
        RFC3261,
        "8.2.6.2",
        "https://www.rfc-editor.org/rfc/rfc3261#section-8.2.6.2",
        Check::Missing(Mandatory::From),
    ),
    rule(
        "to-missing",
        Error,
        "A response carries the request's To",
        RFC3261,
        "8.2.6.2",
        "https://www.rfc-editor.org/rfc/rfc3261#section-8.2.6.2",
        Check::Missing(Mandatory::To),
    ),
    rule(
        "call-id-missing",
        Error,
        "A response carries the request's Call-ID",
        RFC3261,
        "8.2.6.2",
        "https://www.rfc-editor.org/rfc/rfc3261#section-8.2.6.2",
        Check::Missing(Mandatory::CallId),
    ),
    rule(
        "cseq-missing",
        Error,
        "A response carries the request's CSeq",
        RFC3261,
        "8.2.6.2",
        "https://www.rfc-editor.org/rfc/rfc3261#section-8.2.6.2",
        Check::Missing(Mandatory::CSeq),
    ),
    rule(
        "cseq-syntax",
        Error,
        "The CSeq is a sequence number and a method",
        RFC3261,
        "20.16",
        "https://www.rfc-editor.org/rfc/rfc3261#section-20.16",
        Check::CSeqSyntax,
    ),
    rule(
        "to-tag-missing",
        Error,
        "Every response but a 100 carries a To tag",
        RFC3261,
        "8.2.6.2",
        "https://www.rfc-editor.org/rfc/rfc3261#section-8.2.6.2",
        Check::ToTagMissing,
    ),
    // Transactions, as one response shows them.
    rule(
        "provisional-to-non-invite",
        Error,
        "A non-INVITE request gets no provisional response but 100",
        "RFC 4320",
        "4.1",
        "https://www.rfc-editor.org/rfc/rfc4320#section-4.1",
        Check::ProvisionalToNonInvite,
    ),
    rule(
        "408-to-non-invite",
        Error,
        "A transaction-stateful element sends no 408 to a non-INVITE request",
        "RFC 4320",
        "4.2",
        "https://www.rfc-editor.org/rfc/rfc4320#section-4.2",
        Check::Timeout408,
    ),
    // Header fields of any response.
    rule(
        "retry-after-not-listed",
        Info,
        "Retry-After is on a code RFC 3261 lists for it (404, 413, 480, 486, 500, 503, 600, 603)",
        RFC3261,
        "20.33",
        "https://www.rfc-editor.org/rfc/rfc3261#section-20.33",
        Check::RetryAfterNotListed,
    ),
    rule(
        "error-info-outside-300-699",
        Warning,
        "Error-Info is on a 300 to 699 response only",
        RFC3261,
        "20",
        "https://www.rfc-editor.org/rfc/rfc3261#section-20",
        Check::ErrorInfoOutside3xx6xx,
    ),
    rule(
        "reason-syntax",
        Error,
        "A Reason header field follows RFC 3326's grammar",
        "RFC 3326",
        "2",
        "https://www.rfc-editor.org/rfc/rfc3326#section-2",
        Check::ReasonSyntax,
    ),
    rule(
        "reason-protocol-unregistered",
        Info,
        "A Reason value's protocol is registered with IANA",
        "RFC 3326",
        "2",
        "https://www.rfc-editor.org/rfc/rfc3326#section-2",
        Check::ReasonProtocolUnregistered,
    ),
    rule(
        "reason-q850-in-100",
        Error,
        "A 100 carries no Reason with a Q.850 cause",
        "RFC 6432",
        "3",
        "https://www.rfc-editor.org/rfc/rfc6432#section-3",
        Check::ReasonQ850In100,
    ),
    rule(
        "reason-q850-inconsistent",
        Warning,
        "A Reason's Q.850 cause agrees with the status code under RFC 3398's or RFC 4497's mapping",
        "RFC 3398",
        "8.2.6.1",
        "https://www.rfc-editor.org/rfc/rfc3398#section-8.2.6.1",
        Check::ReasonQ850Inconsistent,
    ),
    rule(
        "reason-q850-location",
        Info,
        "A Q.850 cause a gateway generates is located at the user for a 6xx, in the network for a 4xx or 5xx",
        "RFC 3398",
        "8.2.6.1",
        "https://www.rfc-editor.org/rfc/rfc3398#section-8.2.6.1",
        Check::ReasonQ850Location,
    ),
    rule(
        "warning-syntax",
        Error,
        "A Warning header field follows RFC 3261's grammar",
        RFC3261,
        "20.43",
        "https://www.rfc-editor.org/rfc/rfc3261#section-20.43",
        Check::WarningSyntax,
    ),
    rule(
        "warn-code-unregistered",
        Info,
        "A Warning's warn-code is registered with IANA",
        RFC3261,
        "20.43",
        "https://www.rfc-editor.org/rfc/rfc3261#section-20.43",
        Check::WarnCodeUnregistered,
    ),
    // The response against its request.
    rule(
        "call-id-mismatch",
        Error,
        "A response's Call-ID equals its request's",
        RFC3261,
        "8.2.6.2",
        "https://www.rfc-editor.org/rfc/rfc3261#section-8.2.6.2",
        Check::CallIdMismatch,
    ),
    rule(
        "cseq-mismatch",
        Error,
        "A response's CSeq equals its request's",
        RFC3261,
        "8.2.6.2",
        "https://www.rfc-editor.org/rfc/rfc3261#section-8.2.6.2",
        Check::CSeqMismatch,
    ),
    rule(
        "from-tag-mismatch",
        Error,
        "A response's From tag equals its request's",
        RFC3261,
        "8.2.6.2",
        "https://www.rfc-editor.org/rfc/rfc3261#section-8.2.6.2",
        Check::FromTagMismatch,
    ),
    rule(
        "to-tag-mismatch",
        Error,
        "A response to a request with a To tag carries that tag",
        RFC3261,
        "8.2.6.2",
        "https://www.rfc-editor.org/rfc/rfc3261#section-8.2.6.2",
        Check::ToTagMismatch,
    ),
    rule(
        "branch-mismatch",
        Error,
        "A response's top Via branch is its request's",
        RFC3261,
        "8.2.6.2",
        "https://www.rfc-editor.org/rfc/rfc3261#section-8.2.6.2",
        Check::BranchMismatch,
    ),
    // A transaction across a trace.
    rule(
        "final-after-final",
        Error,
        "A transaction has one final response (retransmitted alike); only an INVITE's 2xx from several forks may follow one another",
        RFC3261,
        "17.2",
        "https://www.rfc-editor.org/rfc/rfc3261#section-17.2",
        Check::FinalAfterFinal,
    ),
    rule(
        "2xx-after-6xx",
        Warning,
        "No 2xx follows a 6xx on the same transaction: a proxy forwards a 2xx at once, and a 6xx only when no branch is left",
        RFC3261,
        "16.7",
        "https://www.rfc-editor.org/rfc/rfc3261#section-16.7",
        Check::SuccessAfterGlobalFailure,
    ),
    rule(
        "provisional-after-final",
        Error,
        "No provisional response follows a final one on the same transaction",
        RFC3261,
        "17.2.1",
        "https://www.rfc-editor.org/rfc/rfc3261#section-17.2.1",
        Check::ProvisionalAfterFinal,
    ),
    rule(
        "503-relayed",
        Warning,
        "A proxy does not forward a 503 upstream (it sends 500 instead)",
        RFC3261,
        "16.7",
        "https://www.rfc-editor.org/rfc/rfc3261#section-16.7",
        Check::Relayed503,
    ),
    rule(
        "branch-after-6xx",
        Error,
        "A proxy creates no new branch once a 6xx has arrived",
        RFC3261,
        "16.7",
        "https://www.rfc-editor.org/rfc/rfc3261#section-16.7",
        Check::BranchAfterGlobalFailure,
    ),
    rule(
        "proxy-originated-response",
        Error,
        "A proxy originates no provisional response but 100, and no 2xx: each carries a To tag one of its branches sent",
        RFC3261,
        "16.7",
        "https://www.rfc-editor.org/rfc/rfc3261#section-16.7",
        Check::ProxyOriginated,
    ),
    // Derived from codes.toml's header rules.
    header_rule(
        "100-must-carry-timestamp",
        "A 100 must carry Timestamp when the request carried Timestamp",
        100,
        0,
    ),
    header_rule("100-must-not-carry-rseq", "A 100 must not carry RSeq", 100, 1),
    header_rule("100-must-not-carry-min-se", "A 100 must not carry Min-SE", 100, 2),
    header_rule(
        "180-must-carry-contact",
        "A 180 must carry Contact when the response creates an early dialog",
        180,
        0,
    ),
    header_rule(
        "180-must-carry-record-route",
        "A 180 must carry Record-Route when the response creates an early dialog and the request carried Record-Route",
        180,
        1,
    ),
    header_rule(
        "180-must-carry-require",
        "A 180 must carry Require when the response carries RSeq",
        180,
        2,
    ),
    header_rule(
        "180-must-carry-rseq",
        "A 180 must carry RSeq when the response carries Require: 100rel",
        180,
        3,
    ),
    header_rule(
        "180-must-not-carry-recv-info",
        "A 180 must not carry Recv-Info when the request carried no Recv-Info",
        180,
        6,
    ),
    header_rule("180-must-not-carry-min-se", "A 180 must not carry Min-SE", 180, 7),
    header_rule(
        "181-must-carry-contact",
        "A 181 must carry Contact when the response creates an early dialog",
        181,
        0,
    ),
    header_rule(
        "181-must-carry-record-route",
        "A 181 must carry Record-Route when the response creates an early dialog and the request carried Record-Route",
        181,
        1,
    ),
    header_rule(
        "181-must-carry-require",
        "A 181 must carry Require when the response carries RSeq",
        181,
        2,
    ),
    header_rule(
        "181-must-carry-rseq",
        "A 181 must carry RSeq when the response carries Require: 100rel",
        181,
        3,
    ),
    header_rule(
        "181-must-not-carry-recv-info",
        "A 181 must not carry Recv-Info when the request carried no Recv-Info",
        181,
        5,
    ),
    header_rule("181-must-not-carry-min-se", "A 181 must not carry Min-SE", 181, 6),
    header_rule(
        "182-must-carry-contact",
        "A 182 must carry Contact when the response creates an early dialog",
        182,
        0,
    ),
    header_rule(
        "182-must-carry-record-route",
        "A 182 must carry Record-Route when the response creates an early dialog and the request carried Record-Route",
        182,
        1,
    ),
    header_rule(
        "182-must-carry-require",
        "A 182 must carry Require when the response carries RSeq",
        182,
        2,
    ),
    header_rule(
        "182-must-carry-rseq",
        "A 182 must carry RSeq when the response carries Require: 100rel",
        182,
        3,
    ),
    header_rule(
        "182-must-not-carry-recv-info",
        "A 182 must not carry Recv-Info when the request carried no Recv-Info",
        182,
        5,
    ),
    header_rule("182-must-not-carry-min-se", "A 182 must not carry Min-SE", 182, 6),
    header_rule(
        "183-must-carry-contact",
        "A 183 must carry Contact when the response creates an early dialog",
        183,
        0,
    ),
    header_rule(
        "183-must-carry-record-route",
        "A 183 must carry Record-Route when the response creates an early dialog and the request carried Record-Route",
        183,
        1,
    ),
    header_rule(
        "183-must-carry-require",
        "A 183 must carry Require when the response carries RSeq",
        183,
        2,
    ),
    header_rule(
        "183-must-carry-rseq",
        "A 183 must carry RSeq when the response carries Require: 100rel",
        183,
        3,
    ),
    header_rule(
        "183-must-not-carry-recv-info",
        "A 183 must not carry Recv-Info when the request carried no Recv-Info",
        183,
        5,
    ),
    header_rule("183-must-not-carry-min-se", "A 183 must not carry Min-SE", 183, 6),
    header_rule("199-must-carry-reason", "A 199 must carry Reason", 199, 0),
    header_rule(
        "199-must-carry-require",
        "A 199 must carry Require when the response carries RSeq",
        199,
        1,
    ),
    header_rule(
        "199-must-carry-rseq",
        "A 199 must carry RSeq when the response carries Require: 100rel",
        199,
        2,
    ),
    header_rule("199-must-not-carry-min-se", "A 199 must not carry Min-SE", 199, 3),
    header_rule(
        "200-must-carry-contact",
        "A 200 must carry Contact when the response creates a dialog",
        200,
        0,
    ),
    header_rule(
        "200-must-carry-record-route",
        "A 200 must carry Record-Route when the response creates a dialog and the request carried Record-Route",
        200,
        1,
    ),
    header_rule(
        "200-should-carry-date",
        "A 200 should carry Date when answering REGISTER",
        200,
        3,
    ),
    header_rule(
        "200-must-carry-expires",
        "A 200 must carry Expires when answering SUBSCRIBE",
        200,
        4,
    ),
    header_rule(
        "200-should-carry-supported",
        "A 200 should carry Supported when answering INVITE or OPTIONS",
        200,
        6,
    ),
    header_rule(
        "200-should-carry-accept",
        "A 200 should carry Accept when answering OPTIONS",
        200,
        7,
    ),
    header_rule(
        "200-should-carry-accept-encoding",
        "A 200 should carry Accept-Encoding when answering OPTIONS",
        200,
        8,
    ),
    header_rule(
        "200-should-carry-accept-language",
        "A 200 should carry Accept-Language when answering OPTIONS",
        200,
        9,
    ),
    header_rule(
        "200-must-not-carry-contact",
        "A 200 must not carry Contact when answering MESSAGE",
        200,
        10,
    ),
    header_rule(
        "200-must-carry-expires-2",
        "A 200 must carry Expires when answering PUBLISH",
        200,
        11,
    ),
    header_rule(
        "200-must-carry-sip-etag",
        "A 200 must carry SIP-ETag when answering PUBLISH",
        200,
        12,
    ),
    header_rule(
        "200-must-not-carry-record-route",
        "A 200 must not carry Record-Route when answering PUBLISH",
        200,
        13,
    ),
    header_rule(
        "200-must-carry-require",
        "A 200 must carry Require when the response carries Session-Expires: refresher=uac",
        200,
        15,
    ),
    header_rule(
        "200-should-carry-require",
        "A 200 should carry Require when the response carries Session-Expires: refresher=uas and the request carried Supported: timer",
        200,
        16,
    ),
    header_rule(
        "200-must-carry-require-2",
        "A 200 must carry Require when answering REGISTER and the request carried Contact: +sip.instance and Contact: reg-id and Supported: outbound",
        200,
        17,
    ),
    header_rule(
        "200-must-carry-recv-info",
        "A 200 must carry Recv-Info when answering UPDATE or PRACK and the request carried Recv-Info",
        200,
        19,
    ),
    header_rule(
        "200-must-not-carry-recv-info",
        "A 200 must not carry Recv-Info when the request carried no Recv-Info",
        200,
        20,
    ),
    header_rule("200-must-not-carry-min-se", "A 200 must not carry Min-SE", 200, 21),
    header_rule(
        "202-must-not-carry-contact",
        "A 202 must not carry Contact when answering MESSAGE",
        202,
        0,
    ),
    header_rule("202-must-not-carry-min-se", "A 202 must not carry Min-SE", 202, 1),
    header_rule("204-must-carry-expires", "A 204 must carry Expires", 204, 0),
    header_rule("204-must-not-carry-min-se", "A 204 must not carry Min-SE", 204, 1),
    header_rule("300-should-carry-contact", "A 300 should carry Contact", 300, 0),
    header_rule("300-must-not-carry-min-se", "A 300 must not carry Min-SE", 300, 1),
    header_rule("301-must-not-carry-min-se", "A 301 must not carry Min-SE", 301, 1),
    header_rule("302-must-not-carry-min-se", "A 302 must not carry Min-SE", 302, 2),
    header_rule("305-should-carry-contact", "A 305 should carry Contact", 305, 0),
    header_rule("305-must-not-carry-min-se", "A 305 must not carry Min-SE", 305, 1),
    header_rule("380-must-not-carry-min-se", "A 380 must not carry Min-SE", 380, 1),
    header_rule("400-must-not-carry-min-se", "A 400 must not carry Min-SE", 400, 0),
    header_rule(
        "401-must-carry-www-authenticate",
        "A 401 must carry WWW-Authenticate",
        401,
        0,
    ),
    header_rule("401-must-not-carry-min-se", "A 401 must not carry Min-SE", 401, 2),
    header_rule("402-must-not-carry-min-se", "A 402 must not carry Min-SE", 402, 0),
    header_rule("403-must-not-carry-min-se", "A 403 must not carry Min-SE", 403, 0),
    header_rule("404-must-not-carry-min-se", "A 404 must not carry Min-SE", 404, 1),
    header_rule("405-must-carry-allow", "A 405 must carry Allow", 405, 0),
    header_rule("405-must-not-carry-min-se", "A 405 must not carry Min-SE", 405, 1),
    header_rule("406-must-not-carry-min-se", "A 406 must not carry Min-SE", 406, 0),
    header_rule(
        "407-must-carry-proxy-authenticate",
        "A 407 must carry Proxy-Authenticate",
        407,
        0,
    ),
    header_rule("407-must-not-carry-min-se", "A 407 must not carry Min-SE", 407, 2),
    header_rule("408-must-not-carry-min-se", "A 408 must not carry Min-SE", 408, 0),
    header_rule("409-must-not-carry-min-se", "A 409 must not carry Min-SE", 409, 0),
    header_rule("410-must-not-carry-min-se", "A 410 must not carry Min-SE", 410, 0),
    header_rule("411-must-not-carry-min-se", "A 411 must not carry Min-SE", 411, 0),
    header_rule("412-must-not-carry-min-se", "A 412 must not carry Min-SE", 412, 0),
    header_rule("413-must-not-carry-min-se", "A 413 must not carry Min-SE", 413, 1),
    header_rule("414-must-not-carry-min-se", "A 414 must not carry Min-SE", 414, 0),
    header_rule("415-must-not-carry-min-se", "A 415 must not carry Min-SE", 415, 3),
    header_rule("416-must-not-carry-min-se", "A 416 must not carry Min-SE", 416, 0),
    header_rule("417-must-not-carry-min-se", "A 417 must not carry Min-SE", 417, 1),
    header_rule("420-must-carry-unsupported", "A 420 must carry Unsupported", 420, 0),
    header_rule("420-must-not-carry-min-se", "A 420 must not carry Min-SE", 420, 1),
    header_rule("421-must-carry-require", "A 421 must carry Require", 421, 0),
    header_rule("421-must-not-carry-min-se", "A 421 must not carry Min-SE", 421, 3),
    header_rule("422-must-carry-min-se", "A 422 must carry Min-SE", 422, 0),
    header_rule("423-must-carry-min-expires", "A 423 must carry Min-Expires", 423, 0),
    header_rule("423-must-not-carry-min-se", "A 423 must not carry Min-SE", 423, 1),
    header_rule(
        "424-must-carry-geolocation-error",
        "A 424 must carry Geolocation-Error",
        424,
        0,
    ),
    header_rule("424-must-not-carry-min-se", "A 424 must not carry Min-SE", 424, 1),
    header_rule("425-must-not-carry-min-se", "A 425 must not carry Min-SE", 425, 0),
    header_rule("428-must-not-carry-min-se", "A 428 must not carry Min-SE", 428, 0),
    header_rule("429-must-not-carry-min-se", "A 429 must not carry Min-SE", 429, 0),
    header_rule("430-must-not-carry-min-se", "A 430 must not carry Min-SE", 430, 0),
    header_rule("433-must-not-carry-min-se", "A 433 must not carry Min-SE", 433, 0),
    header_rule("436-must-not-carry-min-se", "A 436 must not carry Min-SE", 436, 0),
    header_rule("437-must-not-carry-min-se", "A 437 must not carry Min-SE", 437, 0),
    header_rule("438-must-not-carry-min-se", "A 438 must not carry Min-SE", 438, 0),
    header_rule("439-must-not-carry-min-se", "A 439 must not carry Min-SE", 439, 0),
    header_rule("440-must-not-carry-min-se", "A 440 must not carry Min-SE", 440, 0),
    header_rule("469-must-carry-recv-info", "A 469 must carry Recv-Info", 469, 0),
    header_rule("469-must-not-carry-min-se", "A 469 must not carry Min-SE", 469, 1),
    header_rule(
        "470-should-carry-permission-missing",
        "A 470 should carry Permission-Missing",
        470,
        0,
    ),
    header_rule("470-must-not-carry-min-se", "A 470 must not carry Min-SE", 470, 1),
    header_rule("480-must-not-carry-min-se", "A 480 must not carry Min-SE", 480, 1),
    header_rule("481-must-not-carry-min-se", "A 481 must not carry Min-SE", 481, 0),
    header_rule("482-must-not-carry-min-se", "A 482 must not carry Min-SE", 482, 0),
    header_rule("483-must-not-carry-min-se", "A 483 must not carry Min-SE", 483, 0),
    header_rule("484-must-not-carry-min-se", "A 484 must not carry Min-SE", 484, 0),
    header_rule("485-must-not-carry-min-se", "A 485 must not carry Min-SE", 485, 1),
    header_rule("486-must-not-carry-min-se", "A 486 must not carry Min-SE", 486, 1),
    header_rule("487-must-not-carry-min-se", "A 487 must not carry Min-SE", 487, 0),
    header_rule(
        "488-should-carry-warning",
        "A 488 should carry Warning when answering INVITE",
        488,
        0,
    ),
    header_rule(
        "488-should-carry-warning-2",
        "A 488 should carry Warning when answering UPDATE",
        488,
        1,
    ),
    header_rule("488-must-not-carry-min-se", "A 488 must not carry Min-SE", 488, 2),
    header_rule(
        "489-should-carry-allow-events",
        "A 489 should carry Allow-Events when answering SUBSCRIBE",
        489,
        0,
    ),
    header_rule("489-must-not-carry-min-se", "A 489 must not carry Min-SE", 489, 1),
    header_rule("491-must-not-carry-min-se", "A 491 must not carry Min-SE", 491, 0),
    header_rule("493-must-not-carry-min-se", "A 493 must not carry Min-SE", 493, 0),
    header_rule(
        "494-must-carry-security-server",
        "A 494 must carry Security-Server",
        494,
        0,
    ),
    header_rule("494-must-not-carry-min-se", "A 494 must not carry Min-SE", 494, 3),
    header_rule("500-must-not-carry-min-se", "A 500 must not carry Min-SE", 500, 3),
    header_rule("501-must-not-carry-min-se", "A 501 must not carry Min-SE", 501, 0),
    header_rule("502-must-not-carry-min-se", "A 502 must not carry Min-SE", 502, 0),
    header_rule("503-must-not-carry-min-se", "A 503 must not carry Min-SE", 503, 1),
    header_rule("504-must-not-carry-min-se", "A 504 must not carry Min-SE", 504, 0),
    header_rule("505-must-not-carry-min-se", "A 505 must not carry Min-SE", 505, 0),
    header_rule("513-must-not-carry-min-se", "A 513 must not carry Min-SE", 513, 0),
    header_rule("555-must-not-carry-min-se", "A 555 must not carry Min-SE", 555, 0),
    header_rule("580-must-not-carry-min-se", "A 580 must not carry Min-SE", 580, 0),
    header_rule("600-must-not-carry-min-se", "A 600 must not carry Min-SE", 600, 1),
    header_rule("603-must-not-carry-min-se", "A 603 must not carry Min-SE", 603, 1),
    header_rule("604-must-not-carry-min-se", "A 604 must not carry Min-SE", 604, 0),
    header_rule("606-must-not-carry-min-se", "A 606 must not carry Min-SE", 606, 1),
    header_rule("607-must-not-carry-min-se", "A 607 must not carry Min-SE", 607, 0),
    header_rule("608-must-not-carry-min-se", "A 608 must not carry Min-SE", 608, 0),
    derived(
        "unregistered-must-not-carry-min-se",
        "An unregistered code must not carry Min-SE",
        0,
        &crate::status_code::UNREGISTERED_HEADER_RULES[0],
    ),
];

/// How many rules there are.
pub(super) const RULE_COUNT: usize = 173;

/// Where the rules derived from header rules start in [`RULES`].
pub(super) const FIRST_HEADER_RULE: usize = 36;

/// For each code from 100 to 699, where its derived rules are in [`RULES`]: the first, and
/// how many (the unregistered codes' rule for a code the table does not have). Computed
/// while compiling, so a check finds them in one step.
pub(super) static HEADER_RULE_SPANS: [(u8, u8); 600] = header_rule_spans();

const fn header_rule_spans() -> [(u8, u8); 600] {
    let mut spans = [(0_u8, 0_u8); 600];
    let mut unregistered = (0_u8, 0_u8);
    let mut index = FIRST_HEADER_RULE;
    while index < RULE_COUNT {
        if let Check::Header { code, .. } = TABLE[index].check {
            assert!(index < 255, "more rules than a u8 indexes");
            #[allow(clippy::cast_possible_truncation, reason = "checked just above")]
            let at = index as u8;
            if code == 0 {
                unregistered = (at, 1);
            } else {
                let slot = &mut spans[(code - 100) as usize];
                if slot.1 == 0 {
                    slot.0 = at;
                }
                slot.1 += 1;
            }
        }
        index += 1;
    }
    let mut code = 0;
    while code < 600 {
        #[allow(clippy::cast_possible_truncation, reason = "at most 699")]
        let known = Code::from_u16(code as u16 + 100).is_some();
        if !known {
            spans[code] = unregistered;
        }
        code += 1;
    }
    spans
}
