//! Which header fields a response with a given code carries, and the compact forms of header
//! field names.

use crate::Citation;

/// How strongly an RFC asks for a header field in a response (the RFC 2119 levels).
///
/// A SHOULD NOT has no value here: the table describes those in words only.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub enum Requirement {
    /// The response is wrong without the header field (when the rule's condition holds).
    Must,
    /// The response carries the header field unless there is a good reason not to.
    Should,
    /// The response may carry the header field; a receiver is ready for it.
    May,
    /// The response is wrong with the header field.
    MustNot,
}

/// A header field a response with some code must, should or may carry, or must not: one rule
/// of `codes.toml`, with the RFC section that states it.
///
/// Returned by the generated `header_rules` (see [`Code::header_rules`](crate::Code::header_rules)).
///
/// ```
/// use sipcodes::{Code, Requirement};
///
/// let rule = &Code::MethodNotAllowed.header_rules()[0];
/// assert_eq!(rule.header(), "Allow");
/// assert_eq!(rule.requirement(), Requirement::Must);
/// assert_eq!(rule.condition(), None);
/// assert_eq!(rule.citation().to_string(), "RFC 3261, Section 21.4.6");
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct HeaderRule {
    header: &'static str,
    requirement: Requirement,
    condition: Option<&'static Condition>,
    citation: Citation,
}

/// A header rule, as the code `codes!` generates writes one. Not a public API.
#[doc(hidden)]
#[must_use]
pub const fn header_rule(
    header: &'static str,
    requirement: Requirement,
    condition: Option<&'static Condition>,
    citation: Citation,
) -> HeaderRule {
    HeaderRule {
        header,
        requirement,
        condition,
        citation,
    }
}

impl HeaderRule {
    /// The header field's canonical name as its RFC spells it, e.g. `"WWW-Authenticate"`.
    #[must_use]
    pub const fn header(&self) -> &'static str {
        self.header
    }

    /// Must, should, may or must not.
    #[must_use]
    pub const fn requirement(&self) -> Requirement {
        self.requirement
    }

    /// When the rule applies (see [`Condition`]); `None` when it always applies. Its
    /// [`text`](Condition::text) says it in a few words, e.g. `"the response creates an early
    /// dialog"`.
    #[must_use]
    pub const fn condition(&self) -> Option<&'static Condition> {
        self.condition
    }

    /// The RFC section that states the rule, e.g. RFC 3261, Section 21.4.6. Section `"20"` of
    /// RFC 3261 stands for a row of its header field tables (Tables 2 and 3).
    #[must_use]
    pub const fn citation(&self) -> Citation {
        self.citation
    }

    /// Whether the rule is a `Must` without a condition: a response lacking the header field
    /// is wrong, whatever the request was.
    #[must_use]
    pub const fn is_unconditional_must(&self) -> bool {
        matches!(self.requirement, Requirement::Must) && self.condition.is_none()
    }

    /// Whether the header field name `name` is this rule's header: the same name in any ASCII
    /// case, or its compact form (see [`compact_form`]). Blanks around `name` are ignored.
    ///
    /// ```
    /// let contact = &sipcodes::Code::MultipleChoices.header_rules()[0];
    /// assert!(contact.matches_name("contact") && contact.matches_name("m"));
    /// assert!(!contact.matches_name("Contacts"));
    /// ```
    #[must_use]
    pub fn matches_name(&self, name: &str) -> bool {
        match crate::phrase::trim_blanks(name.as_bytes()) {
            // One letter: a compact form (a full name is never one letter).
            [letter] => compact_form(self.header).is_some_and(|compact| letter.eq_ignore_ascii_case(&(compact as u8))),
            name => name.eq_ignore_ascii_case(self.header.as_bytes()),
        }
    }
}

/// When a [`HeaderRule`] applies: every part must hold, and a condition without parts always
/// holds.
///
/// The parts a message shows: the request's method (read from the response's own `CSeq`),
/// whether the response creates a dialog or an early dialog (RFC 3261 §12.1), header fields
/// the response carries, and header fields the request carried or lacked (checkable only with
/// the request at hand). What no message shows ("the failure is temporary") is the
/// [`human`](Condition::human) part; a rule with one is never checked as an error, only
/// reported as advice. [`text`](Condition::text), also what `Display` writes, says the whole
/// condition in English, as rustdoc and `CODES.md` print it.
///
/// ```
/// use sipcodes::Code;
///
/// let rules = Code::SessionIntervalTooSmall.header_rules();
/// assert!(rules.iter().all(|rule| rule.condition().is_none()));
/// for rule in Code::Ringing.header_rules() {
///     if let Some(condition) = rule.condition() {
///         assert_eq!(condition.to_string(), condition.text());
///     }
/// }
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct Condition {
    methods: &'static [&'static str],
    dialog: Option<Dialog>,
    response_carries: &'static [HeaderTest],
    request_carried: &'static [HeaderTest],
    request_lacked: &'static [HeaderTest],
    human: Option<&'static str>,
    text: &'static str,
}

/// A header field a [`Condition`] looks for in a message: present, and, when
/// [`token`](HeaderTest::token) is given, listing that token (`Require: 100rel`), holding
/// that parameter (`Session-Expires: refresher=uac`), or a parameter of that name
/// (`Contact: +sip.instance`).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct HeaderTest {
    header: &'static str,
    token: Option<&'static str>,
}

/// Which dialog a response must create for a [`Condition`] to hold (RFC 3261 §12.1).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Dialog {
    /// A dialog: a 2xx with a To tag answering a request that creates one (INVITE,
    /// SUBSCRIBE, REFER).
    Creates,
    /// An early dialog: a 101 to 199 with a To tag answering an INVITE.
    CreatesEarly,
}

/// A condition, as the code `codes!` generates writes one. Not a public API.
#[doc(hidden)]
#[must_use]
#[allow(clippy::too_many_arguments, reason = "one argument a part, written by a generator")]
pub const fn condition(
    methods: &'static [&'static str],
    dialog: Option<Dialog>,
    response_carries: &'static [HeaderTest],
    request_carried: &'static [HeaderTest],
    request_lacked: &'static [HeaderTest],
    human: Option<&'static str>,
    text: &'static str,
) -> Condition {
    Condition {
        methods,
        dialog,
        response_carries,
        request_carried,
        request_lacked,
        human,
        text,
    }
}

/// A header test, as the code `codes!` generates writes one. Not a public API.
#[doc(hidden)]
#[must_use]
pub const fn header_test(header: &'static str, token: Option<&'static str>) -> HeaderTest {
    HeaderTest { header, token }
}

impl Condition {
    /// The request methods the rule is about, as the response's `CSeq` names them; empty for
    /// any method.
    #[must_use]
    pub const fn methods(&self) -> &'static [&'static str] {
        self.methods
    }

    /// Whether the response must create a dialog or an early dialog; `None` when that does
    /// not matter.
    #[must_use]
    pub const fn dialog(&self) -> Option<Dialog> {
        self.dialog
    }

    /// Header fields the response carries, all of them.
    #[must_use]
    pub const fn response_carries(&self) -> &'static [HeaderTest] {
        self.response_carries
    }

    /// Header fields the request carried, all of them: checkable with the request only.
    #[must_use]
    pub const fn request_carried(&self) -> &'static [HeaderTest] {
        self.request_carried
    }

    /// Header fields the request did not carry, none of them: checkable with the request
    /// only.
    #[must_use]
    pub const fn request_lacked(&self) -> &'static [HeaderTest] {
        self.request_lacked
    }

    /// What no message shows, e.g. `"the failure is temporary"`; `None` when a machine can
    /// check the whole condition.
    #[must_use]
    pub const fn human(&self) -> Option<&'static str> {
        self.human
    }

    /// The whole condition in English, e.g. `"the response creates an early dialog"`.
    #[must_use]
    pub const fn text(&self) -> &'static str {
        self.text
    }

    /// Whether checking the condition needs the request (it has a part about what the request
    /// carried or lacked).
    #[must_use]
    pub const fn needs_request(&self) -> bool {
        !self.request_carried.is_empty() || !self.request_lacked.is_empty()
    }

    /// Whether a machine can check the whole condition: it has no [`human`](Condition::human)
    /// part.
    #[must_use]
    pub const fn is_machine_checkable(&self) -> bool {
        self.human.is_none()
    }
}

impl core::fmt::Display for Condition {
    /// Writes [`text`](Condition::text).
    fn fmt(&self, formatter: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        formatter.write_str(self.text)
    }
}

impl HeaderTest {
    /// The header field's canonical name, e.g. `"Require"`.
    #[must_use]
    pub const fn header(&self) -> &'static str {
        self.header
    }

    /// The token the header field must list or hold, e.g. `"100rel"` in `Require`,
    /// `"refresher=uac"` in `Session-Expires`, `"reg-id"` in `Contact`; `None` when being
    /// present is enough.
    #[must_use]
    pub const fn token(&self) -> Option<&'static str> {
        self.token
    }
}

impl core::fmt::Display for HeaderTest {
    /// `Require: 100rel`, or the name alone.
    fn fmt(&self, formatter: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self.token {
            Some(token) => write!(formatter, "{}: {token}", self.header),
            None => formatter.write_str(self.header),
        }
    }
}

/// The compact forms of header field names: the one-letter name, the full name, and the RFC
/// and section that assign it. The only place they are written.
const COMPACT_FORMS: [(char, &str, &str, &str); 20] = [
    ('a', "Accept-Contact", "RFC 3841", "12"),
    ('b', "Referred-By", "RFC 3892", "8"),
    ('c', "Content-Type", "RFC 3261", "20.15"),
    ('d', "Request-Disposition", "RFC 3841", "12"),
    ('e', "Content-Encoding", "RFC 3261", "20.12"),
    ('f', "From", "RFC 3261", "20.20"),
    ('i', "Call-ID", "RFC 3261", "20.8"),
    ('j', "Reject-Contact", "RFC 3841", "12"),
    ('k', "Supported", "RFC 3261", "20.37"),
    ('l', "Content-Length", "RFC 3261", "20.14"),
    ('m', "Contact", "RFC 3261", "20.10"),
    // RFC 8224 replaced RFC 4474 and dropped Identity-Info; `n` stays registered.
    ('n', "Identity-Info", "RFC 4474", "14.1"),
    ('o', "Event", "RFC 6665", "7.3"),
    ('r', "Refer-To", "RFC 3515", "7"),
    ('s', "Subject", "RFC 3261", "20.36"),
    ('t', "To", "RFC 3261", "20.39"),
    ('u', "Allow-Events", "RFC 6665", "7.3"),
    ('v', "Via", "RFC 3261", "20.42"),
    ('x', "Session-Expires", "RFC 4028", "12.1"),
    ('y', "Identity", "RFC 4474", "14.1"),
];

/// The compact form of the header field `name` (any ASCII case), e.g. `Some('m')` for
/// `"Contact"`; `None` for a header field without one.
///
/// RFC 3261 §7.3.3 lets a message use the compact form wherever the full name may stand.
/// Covered: the forms of RFC 3261 §20 (`i c e l f m s k t v`), RFC 6665 (`o` Event, `u`
/// Allow-Events), RFC 3515 (`r` Refer-To), RFC 3892 (`b` Referred-By), RFC 4028 (`x`
/// Session-Expires), RFC 3841 (`a` Accept-Contact, `j` Reject-Contact, `d`
/// Request-Disposition) and RFC 4474 (`y` Identity, `n` Identity-Info).
///
/// ```
/// assert_eq!(sipcodes::compact_form("Call-ID"), Some('i'));
/// assert_eq!(sipcodes::compact_form("allow-events"), Some('u'));
/// assert_eq!(sipcodes::compact_form("Allow"), None);
/// ```
#[must_use]
pub fn compact_form(name: &str) -> Option<char> {
    COMPACT_FORMS
        .iter()
        .find(|(_, full, _, _)| full.eq_ignore_ascii_case(name))
        .map(|(compact, _, _, _)| *compact)
}

/// The full name of the header field whose compact form is `letter` (either case), e.g.
/// `Some("Contact")` for `'m'`.
///
/// ```
/// assert_eq!(sipcodes::full_header_name('K'), Some("Supported"));
/// assert_eq!(sipcodes::full_header_name('z'), None);
/// ```
#[must_use]
pub fn full_header_name(letter: char) -> Option<&'static str> {
    COMPACT_FORMS
        .iter()
        .find(|(compact, _, _, _)| compact.eq_ignore_ascii_case(&letter))
        .map(|(_, full, _, _)| *full)
}

/// The header rules a response lacks: what the generated `missing_headers` returns (see
/// [`Code::missing_headers`](crate::Code::missing_headers)).
///
/// The header names given are read once, when the iterator is made, and matched against
/// the rules in a 64-bit set (a code has at most 64 rules, which `codes!` checks), so
/// nothing is allocated and any iterator of names will do.
#[derive(Clone, Debug)]
pub struct MissingHeaders {
    rules: &'static [HeaderRule],
    /// Bit `i` is set when rule `i` is an unconditional `Must` whose header was not found.
    missing: u64,
}

/// The generated `missing_headers`: the unconditional `Must` rules of `rules` whose header
/// is not among `present`. Not a public API.
#[doc(hidden)]
pub fn missing_headers<'a, I: IntoIterator<Item = &'a str>>(
    rules: &'static [HeaderRule],
    present: I,
) -> MissingHeaders {
    let mut missing = 0_u64;
    for (index, rule) in rules.iter().enumerate().take(64) {
        if rule.is_unconditional_must() {
            missing |= 1 << index;
        }
    }
    if missing != 0 {
        for name in present {
            for (index, rule) in rules.iter().enumerate().take(64) {
                if missing & (1 << index) != 0 && rule.matches_name(name) {
                    missing &= !(1 << index);
                }
            }
            if missing == 0 {
                break;
            }
        }
    }
    MissingHeaders { rules, missing }
}

impl Iterator for MissingHeaders {
    type Item = &'static HeaderRule;

    fn next(&mut self) -> Option<&'static HeaderRule> {
        if self.missing == 0 {
            return None;
        }
        let index = self.missing.trailing_zeros();
        self.missing &= self.missing - 1;
        self.rules.get(index as usize)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let count = self.missing.count_ones() as usize;
        (count, Some(count))
    }
}

impl ExactSizeIterator for MissingHeaders {}

impl core::iter::FusedIterator for MissingHeaders {}

/// Whether any rule of `rules` lets a response carry `header` (any requirement but
/// `MustNot`): the one derivation of `may_carry_retry_after`. Used by the code `codes!`
/// generates; not a public API.
#[doc(hidden)]
#[must_use]
pub const fn allows(rules: &[HeaderRule], header: &str) -> bool {
    let mut index = 0;
    while index < rules.len() {
        let rule = &rules[index];
        if !matches!(rule.requirement, Requirement::MustNot) && same_name(rule.header.as_bytes(), header.as_bytes()) {
            return true;
        }
        index += 1;
    }
    false
}

/// ASCII-case-insensitive equality, in a `const fn`.
pub(crate) const fn same_name(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut index = 0;
    while index < a.len() {
        if !a[index].eq_ignore_ascii_case(&b[index]) {
            return false;
        }
        index += 1;
    }
    true
}
