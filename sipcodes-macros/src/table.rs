//! The checked table: what `check` produces once every rule holds, and the only thing the
//! generators (`expand`, `reference`) read. Nothing in here can be wrong any more; it only
//! says how the facts are named and linked.

use std::fmt::Write as _;

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
    pub citation: Citation,
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
    pub condition: Option<String>,
    pub citation: Citation,
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

/// Where a fact is stated: an RFC, and optionally its section.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Citation {
    pub rfc: Option<String>,
    pub section: Option<String>,
}

/// `treat_as`: a receiver acts on `code` as if it were `target`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TreatAs {
    pub target: u16,
    pub citation: Citation,
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
    /// A link to the RFC, or its section, on rfc-editor.org.
    pub fn url(&self) -> Option<String> {
        let number = self.rfc.as_deref()?.strip_prefix("RFC ")?;
        Some(match &self.section {
            Some(section) => format!("https://www.rfc-editor.org/rfc/rfc{number}#section-{section}"),
            None => format!("https://www.rfc-editor.org/rfc/rfc{number}"),
        })
    }

    /// "RFC 3261, Section 21.4.24"
    pub fn text(&self) -> Option<String> {
        let rfc = self.rfc.as_deref()?;
        Some(match &self.section {
            Some(section) => format!("{rfc}, Section {section}"),
            None => rfc.to_owned(),
        })
    }

    /// "[RFC 3261, Section 21.4.24](https://…)" for Markdown, or `None` without an RFC.
    pub fn markdown_link(&self) -> Option<String> {
        Some(format!("[{}]({})", self.text()?, self.url()?))
    }
}

impl HeaderRule {
    /// "must carry `Contact` when the response creates an early dialog ([RFC 3261, Section
    /// 12.1.1](https://…))", for Markdown.
    pub fn markdown(&self) -> String {
        let condition = self
            .condition
            .as_deref()
            .map_or_else(String::new, |condition| format!(" when {condition}"));
        let cited = self
            .citation
            .markdown_link()
            .map_or_else(String::new, |link| format!(" ({link})"));
        format!("{} carry `{}`{condition}{cited}", self.requirement.text(), self.header)
    }
}

impl ClientReaction {
    /// "**resubmit**, fixing what `WWW-Authenticate` names: <advice> ([RFC …](https://…))",
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
        let cited = self
            .citation
            .markdown_link()
            .map_or_else(String::new, |link| format!(" ({link})"));
        format!("{text}: {}{cited}", self.advice)
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

impl Requirement {
    /// Every requirement and how the TOML writes it.
    pub const ALL: [(Requirement, &'static str); 4] = [
        (Requirement::Must, "must"),
        (Requirement::Should, "should"),
        (Requirement::May, "may"),
        (Requirement::MustNot, "must not"),
    ];

    /// "must", as the TOML writes it.
    pub fn text(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(requirement, _)| *requirement == self)
            .map_or("", |(_, text)| text)
    }

    /// The variant of `sipcodes::Requirement`.
    pub fn variant(self) -> &'static str {
        match self {
            Requirement::Must => "Must",
            Requirement::Should => "Should",
            Requirement::May => "May",
            Requirement::MustNot => "MustNot",
        }
    }
}

impl Reaction {
    /// Every reaction and how the TOML writes it.
    pub const ALL: [(Reaction, &'static str); 8] = [
        (Reaction::Wait, "wait"),
        (Reaction::Done, "done"),
        (Reaction::Redirect, "redirect"),
        (Reaction::Resubmit, "resubmit"),
        (Reaction::RetryLater, "retry-later"),
        (Reaction::Failover, "failover"),
        (Reaction::GiveUp, "give-up"),
        (Reaction::GiveUpEverywhere, "give-up-everywhere"),
    ];

    /// "retry-later", as the TOML writes it.
    pub fn text(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(reaction, _)| *reaction == self)
            .map_or("", |(_, text)| text)
    }

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

    /// The variant of `sipcodes::Reaction`.
    pub fn variant(self) -> &'static str {
        match self {
            Reaction::Wait => "Wait",
            Reaction::Done => "Done",
            Reaction::Redirect => "Redirect",
            Reaction::Resubmit => "Resubmit",
            Reaction::RetryLater => "RetryLater",
            Reaction::Failover => "Failover",
            Reaction::GiveUp => "GiveUp",
            Reaction::GiveUpEverywhere => "GiveUpEverywhere",
        }
    }
}

impl Registration {
    /// As `codes.toml` writes it: `"deprecated"`.
    pub fn text(self) -> &'static str {
        match self {
            Registration::Current => "current",
            Registration::Deprecated => "deprecated",
            Registration::Obsolete => "obsolete",
        }
    }

    /// As a heading or the start of a sentence: `"Deprecated"`.
    pub fn title(self) -> &'static str {
        match self {
            Registration::Current => "Current",
            Registration::Deprecated => "Deprecated",
            Registration::Obsolete => "Obsolete",
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
