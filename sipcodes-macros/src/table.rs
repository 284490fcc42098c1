//! The checked table: what `check` produces once every rule holds, and the only thing the
//! generators (`expand`, `reference`) read. Nothing in here can be wrong any more; it only
//! says how the facts are named and linked.

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
    pub retry: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub code: u16,
    /// The Rust variant name.
    pub name: String,
    pub reason: String,
    pub description: String,
    pub citation: Citation,
    pub status: Status,
    pub deprecation: Option<String>,
    /// The registered code a receiver acts on instead of this one.
    pub treat_as: Option<TreatAs>,
    pub aliases: Vec<String>,
    /// Where the entry came from: the user's own file, or sipcodes' standard table.
    pub origin: Origin,
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
pub enum Status {
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

impl Status {
    pub fn text(self) -> &'static str {
        match self {
            Status::Current => "current",
            Status::Deprecated => "deprecated",
            Status::Obsolete => "obsolete",
        }
    }
}

impl Table {
    /// The entry for `code`.
    pub fn entry(&self, code: u16) -> Option<&Entry> {
        self.entries.iter().find(|entry| entry.code == code)
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
