//! The checked table: what `check` produces once every rule holds, and the only thing the
//! generators (`expand`, `reference`) read. Nothing in here can be wrong any more; it only
//! says how the facts are named and linked.

use std::fmt::Write as _;

/// Which table a `codes!` invocation reads.
#[derive(Debug, Clone, Copy)]
pub enum TableKind<'a> {
    /// sipcodes' own table: it describes the six classes, has the codes
    /// `StatusCode::canonical` falls back on, cites an RFC for every fact, and generates
    /// `Code` with the class texts and the fallbacks.
    Standard,
    /// A user's table, checked against sipcodes' own.
    Custom { standard: &'a StandardTable },
}

/// sipcodes' own table as a user's table is checked against it.
#[derive(Debug)]
pub struct StandardTable {
    pub table: Table,
    /// The fingerprint of its text, which the user's enum compares at compile time with the
    /// one `sipcodes::Code` was generated from.
    pub fingerprint: u64,
}

/// A checked table, sorted by code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// The six classes, 1xx first; only in a standard table.
    pub classes: Option<Vec<Class>>,
    pub entries: Vec<Entry>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Class {
    pub digit: u16,
    pub name: String,
    pub description: String,
    pub advice: String,
    /// The reaction of every code of the class that has none of its own.
    pub reaction: Reaction,
    pub citation: Citation,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub code: u16,
    /// The Rust variant name.
    pub name: String,
    pub reason_phrase: String,
    pub description: String,
    /// Where the code is defined; `None` for a private or vendor code no RFC defines.
    pub citation: Option<Citation>,
    pub registration: Registration,
    pub deprecation: Option<String>,
    /// The registered code a receiver acts on instead of this one.
    pub treat_as: Option<TreatAs>,
    pub aliases: Vec<String>,
    /// Where the entry came from: the user's own file, or sipcodes' standard table.
    pub origin: Origin,
    /// The header fields a response with this code carries, in file order.
    pub header_rules: Vec<HeaderRule>,
    /// What a client does with the response, where the code says more than its class.
    pub client_reaction: Option<ClientReaction>,
}

/// A header field a response must, should or may carry, or must not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeaderRule {
    /// The canonical name, as its RFC spells it.
    pub header: String,
    pub requirement: Requirement,
    /// When the rule applies; `None` when always.
    pub condition: Option<Condition>,
    pub citation: Citation,
}

/// When a header rule applies: every part must hold. At least one part is given.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Condition {
    /// The request methods (from the response's `CSeq`); empty for any.
    pub methods: Vec<String>,
    pub dialog: Option<Dialog>,
    /// Header fields the response carries.
    pub response_carries: Vec<HeaderTest>,
    /// Header fields the request carried.
    pub request_carried: Vec<HeaderTest>,
    /// Header fields the request did not carry.
    pub request_lacked: Vec<HeaderTest>,
    /// What no message shows, a sentence fragment.
    pub human: Option<String>,
}

/// A header field a condition looks for: `Record-Route`, or `Require: 100rel`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeaderTest {
    /// The canonical name.
    pub header: String,
    /// A token the header field lists, or a `name=value` parameter it holds.
    pub token: Option<String>,
}

/// Which dialog the response creates (RFC 3261 §12.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialog {
    Creates,
    CreatesEarly,
}

impl std::fmt::Display for HeaderTest {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.token {
            Some(token) => write!(formatter, "{}: {token}", self.header),
            None => formatter.write_str(&self.header),
        }
    }
}

impl Condition {
    /// The condition in English, the one place its words are made: each part a clause,
    /// in the order methods, dialog, response, request, human; "when answering INVITE, the
    /// response creates an early dialog, and the request carried Record-Route" reads it
    /// after "when".
    pub fn text(&self) -> String {
        let tests = |tests: &[HeaderTest], joiner: &str| {
            let written: Vec<String> = tests.iter().map(ToString::to_string).collect();
            written.join(joiner)
        };
        let mut clauses = Vec::new();
        if !self.methods.is_empty() {
            clauses.push(format!("answering {}", self.methods.join(" or ")));
        }
        match self.dialog {
            Some(Dialog::Creates) => clauses.push("the response creates a dialog".to_owned()),
            Some(Dialog::CreatesEarly) => clauses.push("the response creates an early dialog".to_owned()),
            None => {}
        }
        if !self.response_carries.is_empty() {
            clauses.push(format!(
                "the response carries {}",
                tests(&self.response_carries, " and ")
            ));
        }
        if !self.request_carried.is_empty() {
            clauses.push(format!("the request carried {}", tests(&self.request_carried, " and ")));
        }
        if !self.request_lacked.is_empty() {
            clauses.push(format!(
                "the request carried no {}",
                tests(&self.request_lacked, " and no ")
            ));
        }
        clauses.extend(self.human.clone());
        match clauses.as_slice() {
            [] => String::new(),
            [one] => one.clone(),
            [first, second] => format!("{first} and {second}"),
            [rest @ .., last] => format!("{}, and {last}", rest.join(", ")),
        }
    }
}

/// The RFC 2119 level of a header rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Requirement {
    Must,
    Should,
    May,
    MustNot,
}

/// What a client does with a response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientReaction {
    pub reaction: Reaction,
    /// The response header fields that name what to change before resubmitting.
    pub fix_headers: Vec<String>,
    /// Whether trying another server, flow or proxy is appropriate.
    pub failover: bool,
    pub advice: String,
    pub citation: Citation,
}

/// The client's next step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reaction {
    Wait,
    Done,
    Redirect,
    Resubmit,
    RetryLater,
    Failover,
    GiveUp,
    GiveUpEverywhere,
}

/// Where a fact is stated: an RFC, and optionally its section or appendix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Citation {
    /// "RFC 3261"
    pub rfc: String,
    /// "21.4.24", or "A.1" for an appendix.
    pub section: Option<String>,
}

/// `treat_as`: a receiver acts on `code` as if it were `target`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TreatAs {
    pub target: u16,
    /// Where the table says so (required in sipcodes' own table).
    pub citation: Option<Citation>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Registration {
    Current,
    Deprecated,
    Obsolete,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// Written in the file being checked.
    Own,
    /// Written in the file with `override = true`: it replaces the standard entry for the
    /// same code, now or once that code is registered.
    Override,
    /// Taken from sipcodes' standard table (`include_standard = true`).
    Standard,
}

/// Codes `StatusCode::canonical` maps unregistered codes onto (RFC 3261 §8.1.3.2).
pub const CANONICAL_FALLBACKS: [u16; 6] = [183, 200, 300, 400, 500, 600];

impl Citation {
    /// The citation of `section` (if any) of `rfc`, both as checked.
    pub fn of(rfc: &str, section: Option<&str>) -> Citation {
        Citation {
            rfc: rfc.to_owned(),
            section: section.map(str::to_owned),
        }
    }

    /// A link to the RFC, or its section or appendix, on rfc-editor.org.
    pub fn url(&self) -> String {
        let number = self.rfc.trim_start_matches("RFC ");
        match &self.section {
            Some(section) if crate::lexical::is_appendix(section) => {
                format!("https://www.rfc-editor.org/rfc/rfc{number}#appendix-{section}")
            }
            Some(section) => format!("https://www.rfc-editor.org/rfc/rfc{number}#section-{section}"),
            None => format!("https://www.rfc-editor.org/rfc/rfc{number}"),
        }
    }

    /// "RFC 3261, Section 21.4.24", or "RFC 3398, Appendix A.1".
    pub fn text(&self) -> String {
        match &self.section {
            Some(section) if crate::lexical::is_appendix(section) => format!("{}, Appendix {section}", self.rfc),
            Some(section) => format!("{}, Section {section}", self.rfc),
            None => self.rfc.clone(),
        }
    }

    /// "[RFC 3261, Section 21.4.24](https://…)" for Markdown.
    pub fn markdown_link(&self) -> String {
        format!("[{}]({})", self.text(), self.url())
    }
}

impl HeaderRule {
    /// "must carry `Contact` when the response creates an early dialog ([RFC 3261, Section
    /// 12.1.1](https://…))", for Markdown.
    pub fn markdown(&self) -> String {
        let condition = self
            .condition
            .as_ref()
            .map_or_else(String::new, |condition| format!(" when {}", condition.text()));
        let cited = self.citation.markdown_link();
        format!(
            "{} carry `{}`{condition} ({cited})",
            self.requirement.text(),
            self.header
        )
    }
}

impl ClientReaction {
    /// "**resubmit**, fixing what `WWW-Authenticate` names: \<advice\> ([RFC …](https://…))",
    /// for Markdown.
    pub fn markdown(&self) -> String {
        let mut text = format!("**{}**", self.reaction.words());
        if !self.fix_headers.is_empty() {
            let headers: Vec<String> = self.fix_headers.iter().map(|header| format!("`{header}`")).collect();
            let _ = write!(text, ", fixing what {} names", headers.join(" or "));
        }
        if self.failover && self.reaction != Reaction::Failover {
            text.push_str(", or fail over");
        }
        format!("{text}: {} ({})", self.advice, self.citation.markdown_link())
    }
}

impl Class {
    /// The reaction of every code of the class without one of its own.
    pub fn client_reaction(&self) -> ClientReaction {
        ClientReaction {
            reaction: self.reaction,
            fix_headers: Vec::new(),
            failover: false,
            advice: self.advice.clone(),
            citation: self.citation.clone(),
        }
    }
}

/// A value a table writes as one of a few words. The runtime type of the same name has a
/// variant for each, named by the word in `UpperCamelCase` ("must not" is
/// `Requirement::MustNot`): the one place each word is written in this crate.
pub trait Word: Copy + PartialEq + 'static {
    /// What a message calls such a value: "requirement".
    const WHAT: &'static str;
    /// Every value, and how the TOML writes it.
    const WORDS: &'static [(Self, &'static str)];
    /// Said after the words in a help line, where there is more to say.
    const NOTE: &'static str = "";

    /// "must not", as the TOML writes it.
    fn text(self) -> &'static str {
        let row = Self::WORDS.iter().find(|(value, _)| *value == self);
        row.map_or("", |(_, text)| text)
    }

    /// The name of the runtime's variant: `MustNot`.
    fn variant(self) -> String {
        crate::lexical::variant_name(self.text())
    }

    /// The value the TOML writes as `text`.
    fn from_text(text: &str) -> Option<Self> {
        let row = Self::WORDS.iter().find(|(_, word)| *word == text);
        row.map(|(value, _)| *value)
    }
}

impl Word for Requirement {
    const WHAT: &'static str = "requirement";
    const WORDS: &'static [(Self, &'static str)] = &[
        (Requirement::Must, "must"),
        (Requirement::Should, "should"),
        (Requirement::May, "may"),
        (Requirement::MustNot, "must not"),
    ];
    const NOTE: &'static str = " (RFC 2119); a SHOULD NOT is described in a comment instead";
}

impl Word for Dialog {
    const WHAT: &'static str = "dialog";
    const WORDS: &'static [(Self, &'static str)] =
        &[(Dialog::Creates, "creates"), (Dialog::CreatesEarly, "creates-early")];
    const NOTE: &'static str = " (RFC 3261 §12.1: a 2xx, or a 101 to 199 to an INVITE, with a To tag)";
}

impl Word for Reaction {
    const WHAT: &'static str = "reaction";
    const WORDS: &'static [(Self, &'static str)] = &[
        (Reaction::Wait, "wait"),
        (Reaction::Done, "done"),
        (Reaction::Redirect, "redirect"),
        (Reaction::Resubmit, "resubmit"),
        (Reaction::RetryLater, "retry-later"),
        (Reaction::Failover, "failover"),
        (Reaction::GiveUp, "give-up"),
        (Reaction::GiveUpEverywhere, "give-up-everywhere"),
    ];
}

impl Word for Registration {
    const WHAT: &'static str = "registration";
    const WORDS: &'static [(Self, &'static str)] = &[
        (Registration::Current, "current"),
        (Registration::Deprecated, "deprecated"),
        (Registration::Obsolete, "obsolete"),
    ];
    const NOTE: &'static str = "; \"current\" is the default";
}

impl Reaction {
    /// The reaction in words, as `sipcodes::Reaction`'s `Display` writes it.
    pub fn words(self) -> &'static str {
        match self {
            Reaction::RetryLater => "retry later",
            Reaction::Failover => "fail over",
            Reaction::GiveUp => "give up",
            Reaction::GiveUpEverywhere => "give up everywhere",
            other => other.text(),
        }
    }
}

impl Table {
    /// The entry for `code`.
    pub fn entry(&self, code: u16) -> Option<&Entry> {
        self.entries.iter().find(|entry| entry.code == code)
    }

    /// The class of `code`, where the table describes classes.
    pub fn class(&self, code: u16) -> Option<&Class> {
        self.classes.iter().flatten().find(|class| class.digit == code / 100)
    }

    /// The name of the class of `code` (`"Client Error"` for 4xx), where the table describes
    /// classes.
    pub fn class_name(&self, code: u16) -> Option<&str> {
        self.classes
            .iter()
            .flatten()
            .find(|class| class.digit == code / 100)
            .map(|class| class.name.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn citations_link_sections_and_appendices() {
        let section = Citation::of("RFC 3261", Some("21.4.24"));
        assert_eq!(section.text(), "RFC 3261, Section 21.4.24");
        assert_eq!(section.url(), "https://www.rfc-editor.org/rfc/rfc3261#section-21.4.24");
        let appendix = Citation::of("RFC 3398", Some("A.1"));
        assert_eq!(appendix.text(), "RFC 3398, Appendix A.1");
        assert_eq!(appendix.url(), "https://www.rfc-editor.org/rfc/rfc3398#appendix-A.1");
        let whole = Citation::of("RFC 6665", None);
        assert_eq!(
            whole.markdown_link(),
            "[RFC 6665](https://www.rfc-editor.org/rfc/rfc6665)"
        );
    }

    #[test]
    fn words_name_the_runtime_variants() {
        assert_eq!(Requirement::MustNot.variant(), "MustNot");
        assert_eq!(Reaction::GiveUpEverywhere.variant(), "GiveUpEverywhere");
        assert_eq!(Reaction::RetryLater.variant(), "RetryLater");
        assert_eq!(Reaction::Failover.variant(), "Failover");
        assert_eq!(Registration::Deprecated.variant(), "Deprecated");
        assert_eq!(Reaction::from_text("give-up"), Some(Reaction::GiveUp));
        assert_eq!(Requirement::from_text("must not"), Some(Requirement::MustNot));
        assert_eq!(Registration::from_text("Current"), None);
    }

    #[test]
    fn a_condition_reads_as_one_clause_a_part() {
        let test = |header: &str, token: Option<&str>| HeaderTest {
            header: header.to_owned(),
            token: token.map(str::to_owned),
        };
        let one = Condition {
            request_carried: vec![test("Timestamp", None)],
            ..Condition::default()
        };
        assert_eq!(one.text(), "the request carried Timestamp");
        let two = Condition {
            methods: vec!["UPDATE".to_owned(), "PRACK".to_owned()],
            request_lacked: vec![test("Recv-Info", None), test("Supported", Some("timer"))],
            ..Condition::default()
        };
        assert_eq!(
            two.text(),
            "answering UPDATE or PRACK and the request carried no Recv-Info and no Supported: timer"
        );
        let every = Condition {
            methods: vec!["INVITE".to_owned()],
            dialog: Some(Dialog::CreatesEarly),
            response_carries: vec![test("Require", Some("100rel"))],
            request_carried: vec![test("Record-Route", None)],
            request_lacked: Vec::new(),
            human: Some("the failure is temporary".to_owned()),
        };
        assert_eq!(
            every.text(),
            "answering INVITE, the response creates an early dialog, the response carries Require: 100rel, \
             the request carried Record-Route, and the failure is temporary"
        );
        assert_eq!(Dialog::from_text("creates-early"), Some(Dialog::CreatesEarly));
        assert_eq!(Dialog::CreatesEarly.variant(), "CreatesEarly");
    }
}
