//! `q850.toml`: Q.850 cause values, classes and locations, and the cause ↔ SIP mappings of
//! RFC 3398 and RFC 4497. Checked here, then turned into `Cause`, `CauseClass`, `Location`
//! and `Profile` with their lookup tables.
//!
//! - this file: the schema of `q850.toml` and the checked model;
//! - `check.rs`: the rules a file must keep;
//! - `expand.rs`: the tokens of the four types.

mod check;
mod expand;

pub(crate) use check::load;
pub(crate) use expand::{expand, from_sip_text, to_sip_text};

use crate::schema::{TableSchema, ValueType, key, optional, required};
use crate::table::Citation;

/// The top level: one array of tables a row.
const SCHEMA: TableSchema = TableSchema::new(
    "",
    &[
        key("source", ValueType::Tables(&SOURCE)), // where causes' names were checked
        key("class", ValueType::Tables(&CLASS)),   // the Q.850 classes, ranges of causes
        key("location", ValueType::Tables(&LOCATION)), // where in the network a cause arose
        key("cause", ValueType::Tables(&CAUSE)),   // the cause values
        key("profile", ValueType::Tables(&PROFILE)), // the mapping documents
        key("to_sip", ValueType::Tables(&TO_SIP)), // cause -> status rows
        key("from_sip", ValueType::Tables(&FROM_SIP)), // status -> cause rows
    ],
);

const SOURCE: TableSchema = TableSchema::new(
    "[[source]]",
    &[required("key", ValueType::Text), required("cite", ValueType::Text)],
);

const CLASS: TableSchema = TableSchema::new(
    "[[class]]",
    &[
        required("key", ValueType::Text),      // how causes name the class
        required("name", ValueType::Text),     // "Normal event"
        required("variant", ValueType::Text),  // of `CauseClass`
        required("first", ValueType::Integer), // the lowest cause in it
        required("last", ValueType::Integer),  // and the highest
    ],
);

const LOCATION: TableSchema = TableSchema::new(
    "[[location]]",
    &[
        required("value", ValueType::Integer),     // 0 to 15
        required("name", ValueType::Text),         // as Q.850 words it
        required("variant", ValueType::Text),      // of `Location`
        required("abbreviation", ValueType::Text), // "RPN"
        required("sources", ValueType::Texts),     // keys of [[source]] that confirm it
    ],
);

const CAUSE: TableSchema = TableSchema::new(
    "[[cause]]",
    &[
        required("value", ValueType::Integer),    // 1 to 127
        required("name", ValueType::Text),        // as Q.850 words it
        required("variant", ValueType::Text),     // of `Cause`
        required("class", ValueType::Text),       // the key of its [[class]]
        required("description", ValueType::Text), // ours, in a sentence
        optional("sources", ValueType::Texts),    // keys of [[source]] that confirm the name
        optional("unconfirmed", ValueType::Text), // why the name rests on less
    ],
);

const PROFILE: TableSchema = TableSchema::new(
    "[[profile]]",
    &[
        required("key", ValueType::Text),               // how rows name the profile
        required("variant", ValueType::Text),           // of `Profile`
        required("rfc", ValueType::Text),               // the mapping document
        required("to_sip_section", ValueType::Text),    // its cause -> status table
        required("from_sip_section", ValueType::Text),  // its status -> cause table
        required("default_status", ValueType::Integer), // for a cause it does not list
        required("default_cause", ValueType::Integer),  // for a status it does not list
        required("description", ValueType::Text),       // what the document is
    ],
);

const TO_SIP: TableSchema = TableSchema::new(
    "[[to_sip]]",
    &[
        required("profiles", ValueType::Texts),            // the profiles the row is in
        required("cause", ValueType::Integer),             // the cause mapped
        optional("status", ValueType::Integer),            // to this status
        optional("none", ValueType::Text),                 // or to none, and why
        optional("user_status", ValueType::Integer),       // where the location is the user
        optional("diagnostic_status", ValueType::Integer), // where the diagnostic has a new number
        optional("note", ValueType::Text),                 // anything else the RFC says
    ],
);

const FROM_SIP: TableSchema = TableSchema::new(
    "[[from_sip]]",
    &[
        required("profiles", ValueType::Texts),       // the profiles the row is in
        required("status", ValueType::Integer),       // the status mapped
        optional("cause", ValueType::Integer),        // to this cause
        optional("none", ValueType::Text),            // or to none, and why
        optional("bearer_cause", ValueType::Integer), // with a bearer-capability warning
        optional("printed", ValueType::Text),         // the row as the RFC prints it
        optional("note", ValueType::Text),            // anything else the RFC says
    ],
);

pub(crate) struct Source {
    pub key: String,
    pub cite: String,
}

pub(crate) struct Class {
    pub name: String,
    pub variant: String,
    pub first: u8,
    pub last: u8,
}

pub(crate) struct Location {
    pub value: u8,
    pub name: String,
    pub variant: String,
    pub abbreviation: String,
    pub sources: Vec<usize>,
}

pub(crate) struct Cause {
    pub value: u8,
    pub name: String,
    pub variant: String,
    pub class: usize,
    pub description: String,
    pub sources: Vec<usize>,
    pub unconfirmed: Option<String>,
}

pub(crate) struct Profile {
    pub variant: String,
    pub rfc: String,
    pub to_sip_section: String,
    pub from_sip_section: String,
    pub default_status: u16,
    pub default_cause: u8,
    pub description: String,
}

impl Profile {
    /// The section with the cause → status table.
    pub fn cause_table_citation(&self) -> Citation {
        Citation::of(&self.rfc, Some(&self.to_sip_section))
    }

    /// The section with the status → cause table.
    pub fn status_table_citation(&self) -> Citation {
        Citation::of(&self.rfc, Some(&self.from_sip_section))
    }
}

/// A mapped value, or the RFC's reason for sending none.
pub(crate) enum Outcome<T> {
    Mapped(T),
    Nothing(String),
}

/// A row of a mapping table: the profiles it is in, the value it maps from, what it maps to,
/// anything else the RFC says, and what the direction adds (`X`).
pub(crate) struct Mapping<F, T, X> {
    pub profiles: Vec<usize>,
    pub from: F,
    pub outcome: Outcome<T>,
    pub note: Option<String>,
    pub more: X,
}

/// Where the location is the user, or the diagnostic has a new number, the RFC's status.
pub(crate) struct ToSipMore {
    pub user_status: Option<u16>,
    pub diagnostic_status: Option<u16>,
}

/// The cause for a bearer-capability warning, and the row as the RFC prints it.
pub(crate) struct FromSipMore {
    pub bearer_cause: Option<u8>,
    pub printed: Option<String>,
}

/// A cause → status row.
pub(crate) type ToSip = Mapping<u8, u16, ToSipMore>;
/// A status → cause row.
pub(crate) type FromSip = Mapping<u16, u8, FromSipMore>;

/// The checked file.
pub(crate) struct Q850 {
    pub sources: Vec<Source>,
    pub classes: Vec<Class>,
    pub locations: Vec<Location>,
    pub causes: Vec<Cause>,
    pub profiles: Vec<Profile>,
    pub to_sip: Vec<ToSip>,
    pub from_sip: Vec<FromSip>,
}

impl Q850 {
    pub fn cause(&self, value: u8) -> Option<&Cause> {
        self.causes.iter().find(|cause| cause.value == value)
    }

    pub fn cause_row(&self, profile: usize, cause: u8) -> Option<&ToSip> {
        row(&self.to_sip, profile, cause)
    }

    pub fn status_row(&self, profile: usize, status: u16) -> Option<&FromSip> {
        row(&self.from_sip, profile, status)
    }
}

/// The row of `profile` that maps from `from`.
fn row<F: PartialEq + Copy, T, X>(rows: &[Mapping<F, T, X>], profile: usize, from: F) -> Option<&Mapping<F, T, X>> {
    rows.iter()
        .find(|row| row.from == from && row.profiles.contains(&profile))
}
