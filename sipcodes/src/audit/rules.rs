//! The audit's rules: one table, in the order [`rules`](fn@super::rules) returns them.
//!
//! The rules about the message as a whole, the exchange and the trace are rows of
//! `audit-rules.toml`, each naming the check that implements it ([`Check`]); then come the
//! rules derived from `codes.toml`'s header rules, one for each rule a machine can check that
//! says must, should or must not, by code. `registry!` checks the first file (every problem
//! at its line and column) and generates both parts from the two files, so the table cannot
//! drift from them; a test holds the derived part equal to `Code::header_rules`.
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
/// says so. All of them: [`rules`](fn@super::rules).
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
    MissingVia,
    MissingFrom,
    MissingTo,
    MissingCallId,
    MissingCSeq,
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

impl Check {
    /// The header field a `Missing…` check looks for (RFC 3261 §8.2.6.2, §8.1.1), in the
    /// order of the parse's [`has_dialog_fields`](crate::message::Message::has_dialog_fields).
    pub(crate) const MISSING: [(Check, &'static str); 5] = [
        (Check::MissingVia, "Via"),
        (Check::MissingFrom, "From"),
        (Check::MissingTo, "To"),
        (Check::MissingCallId, "Call-ID"),
        (Check::MissingCSeq, "CSeq"),
    ];

    /// The header field this check finds missing, for a `Missing…` check.
    pub(crate) fn missing(self) -> Option<&'static str> {
        Check::MISSING
            .iter()
            .find(|(check, _)| *check == self)
            .map(|(_, header)| *header)
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

// `SPECIFIED`: the rules of `audit-rules.toml`, checked and generated; `DERIVED`: one for
// each header rule of `codes.toml` a machine can check, by code.
sipcodes_macros::registry!(crate, audit_rules = "audit-rules.toml", codes = "codes.toml");

/// The rule every unregistered code shares: RFC 4028's Min-SE "must not".
const UNREGISTERED: Rule = derived(
    "unregistered-must-not-carry-min-se",
    "An unregistered code must not carry Min-SE",
    0,
    &crate::status_code::UNREGISTERED_HEADER_RULES[0],
);

/// Every rule: `audit-rules.toml`'s, then the derived ones, then the unregistered codes'.
pub(super) static RULES: [Rule; RULE_COUNT] = TABLE;

/// How many rules there are.
pub(super) const RULE_COUNT: usize = SPECIFIED.len() + DERIVED.len() + 1;

/// Where the rules derived from header rules start in [`RULES`].
pub(super) const FIRST_HEADER_RULE: usize = SPECIFIED.len();

/// [`RULES`], as a constant the index below is computed from.
#[allow(
    clippy::large_const_arrays,
    reason = "read only while compiling, by `header_rule_spans` and to fill `RULES`"
)]
const TABLE: [Rule; RULE_COUNT] = {
    let mut table = [SPECIFIED[0]; RULE_COUNT];
    let mut index = 0;
    while index < RULE_COUNT {
        table[index] = if index < FIRST_HEADER_RULE {
            SPECIFIED[index]
        } else if index < FIRST_HEADER_RULE + DERIVED.len() {
            DERIVED[index - FIRST_HEADER_RULE]
        } else {
            UNREGISTERED
        };
        index += 1;
    }
    table
};

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
