//! `q850.toml`: Q.850 cause values, classes and locations, and the cause ↔ SIP mappings of
//! RFC 3398 and RFC 4497. Checked here, then turned into `Cause`, `CauseClass`, `Location`
//! and `Profile` with their lookup tables.

use std::fmt::Write as _;

use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};

use super::enums::{self, Enum, Variant, column};
use super::record::{self, Array, Kind, Record, optional, required};
use super::{Unique, citation, doc_lines, in_range, key_reference, option_str, rfc, section, variant};
use crate::diagnostic::{Diagnostics, Problem};
use crate::model::Located;

const SCHEMA: &[Array] = &[
    Array {
        name: "source",
        fields: &[required("key", Kind::Text), required("cite", Kind::Text)],
    },
    Array {
        name: "class",
        fields: &[
            required("key", Kind::Text),
            required("name", Kind::Text),
            required("variant", Kind::Text),
            required("first", Kind::Integer),
            required("last", Kind::Integer),
        ],
    },
    Array {
        name: "location",
        fields: &[
            required("value", Kind::Integer),
            required("name", Kind::Text),
            required("variant", Kind::Text),
            required("abbreviation", Kind::Text),
            required("sources", Kind::Texts),
        ],
    },
    Array {
        name: "cause",
        fields: &[
            required("value", Kind::Integer),
            required("name", Kind::Text),
            required("variant", Kind::Text),
            required("class", Kind::Text),
            required("description", Kind::Text),
            optional("sources", Kind::Texts),
            optional("unconfirmed", Kind::Text),
        ],
    },
    Array {
        name: "profile",
        fields: &[
            required("key", Kind::Text),
            required("variant", Kind::Text),
            required("rfc", Kind::Text),
            required("to_sip_section", Kind::Text),
            required("from_sip_section", Kind::Text),
            required("default_status", Kind::Integer),
            required("default_cause", Kind::Integer),
            required("description", Kind::Text),
        ],
    },
    Array {
        name: "to_sip",
        fields: &[
            required("profiles", Kind::Texts),
            required("cause", Kind::Integer),
            optional("status", Kind::Integer),
            optional("none", Kind::Text),
            optional("user_status", Kind::Integer),
            optional("diagnostic_status", Kind::Integer),
            optional("note", Kind::Text),
        ],
    },
    Array {
        name: "from_sip",
        fields: &[
            required("profiles", Kind::Texts),
            required("status", Kind::Integer),
            optional("cause", Kind::Integer),
            optional("none", Kind::Text),
            optional("bearer_cause", Kind::Integer),
            optional("printed", Kind::Text),
            optional("note", Kind::Text),
        ],
    },
];

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

/// A mapped value, or the RFC's reason for sending none.
pub(crate) enum Outcome<T> {
    Mapped(T),
    Nothing(String),
}

pub(crate) struct ToSip {
    pub profiles: Vec<usize>,
    pub cause: u8,
    pub outcome: Outcome<u16>,
    pub user_status: Option<u16>,
    pub diagnostic_status: Option<u16>,
    pub note: Option<String>,
}

pub(crate) struct FromSip {
    pub profiles: Vec<usize>,
    pub status: u16,
    pub outcome: Outcome<u8>,
    pub bearer_cause: Option<u8>,
    pub printed: Option<String>,
    pub note: Option<String>,
}

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
        self.to_sip
            .iter()
            .find(|row| row.cause == cause && row.profiles.contains(&profile))
    }

    pub fn status_row(&self, profile: usize, status: u16) -> Option<&FromSip> {
        self.from_sip
            .iter()
            .find(|row| row.status == status && row.profiles.contains(&profile))
    }
}

/// A SIP status code a mapping may give: a final response that is not a success.
const FAILURE_STATUS: std::ops::RangeInclusive<i64> = 300..=699;
/// Q.850 cause values are seven bits; 0 is not assigned.
const CAUSE_VALUES: std::ops::RangeInclusive<i64> = 1..=127;

/// Reads and checks `source`; `None` if anything is wrong (every problem is in `diagnostics`).
pub(crate) fn load(source: &str, diagnostics: &mut Diagnostics) -> Option<Q850> {
    let before = diagnostics.problems().len();
    let records = record::load(source, SCHEMA, diagnostics)?;
    let sources = check_sources(records.get("source"), diagnostics);
    let source_keys: Vec<String> = sources.iter().map(|source| source.key.clone()).collect();
    let mut variants = Unique::new("variant");
    let (classes, class_keys) = check_classes(records.get("class"), &mut variants, diagnostics);
    let locations = check_locations(records.get("location"), &source_keys, &mut variants, diagnostics);
    let causes = check_causes(records.get("cause"), &classes, &class_keys, &source_keys, diagnostics);
    // Every value a [[cause]] table gives, even one rejected for another reason: a mapping
    // row that names it is not wrong too.
    let cause_values: Vec<u8> = records
        .get("cause")
        .iter()
        .filter_map(|record| record.integer("value"))
        .filter_map(|value| u8::try_from(value.value).ok())
        .collect();
    let (profiles, profile_keys) = check_profiles(records.get("profile"), &cause_values, &mut variants, diagnostics);
    let to_sip = check_to_sip(records.get("to_sip"), &profile_keys, &cause_values, diagnostics);
    let from_sip = check_from_sip(records.get("from_sip"), &profile_keys, &cause_values, diagnostics);
    for (array, empty) in [
        ("class", classes.is_empty()),
        ("cause", causes.is_empty()),
        ("location", locations.is_empty()),
        ("profile", profiles.is_empty()),
    ] {
        if empty && diagnostics.problems().len() == before {
            diagnostics.push(
                Problem::new(0..0, format!("the file defines no [[{array}]] table"), "")
                    .help(format!("add at least one [[{array}]] table")),
            );
        }
    }
    (diagnostics.problems().len() == before).then_some(Q850 {
        sources,
        classes,
        locations,
        causes,
        profiles,
        to_sip,
        from_sip,
    })
}

fn check_sources(records: &[Record], diagnostics: &mut Diagnostics) -> Vec<Source> {
    let mut keys = Unique::new("source");
    records
        .iter()
        .filter_map(|record| {
            let key = record.text("key")?;
            let cite = record.text("cite")?;
            keys.insert(key.value.clone(), key.span, diagnostics).then_some(Source {
                key: key.value,
                cite: cite.value,
            })
        })
        .collect()
}

fn check_classes(
    records: &[Record],
    variants: &mut Unique<String>,
    diagnostics: &mut Diagnostics,
) -> (Vec<Class>, Vec<String>) {
    let mut keys = Unique::new("class");
    let mut classes = Vec::new();
    let mut class_keys = Vec::new();
    for record in records {
        let key = record.text("key");
        let variant = variant(record.text("variant"), variants, diagnostics);
        let first = record.integer("first");
        let last = record.integer("last");
        let first_value = first
            .as_ref()
            .and_then(|first| in_range::<u8>(first, 0..=127, "cause value", diagnostics));
        let last_value = last
            .as_ref()
            .and_then(|last| in_range::<u8>(last, 0..=127, "cause value", diagnostics));
        if let (Some(first_value), Some(last_value), Some(last)) = (first_value, last_value, &last) {
            if last_value < first_value {
                diagnostics.push(Problem::new(
                    last.span.clone(),
                    format!("`last` ({last_value}) is below `first` ({first_value})"),
                    "an empty range",
                ));
                continue;
            }
        }
        let (Some(key), Some(name), Some(variant), Some(first), Some(last)) =
            (key, record.text("name"), variant, first_value, last_value)
        else {
            continue;
        };
        if keys.insert(key.value.clone(), key.span, diagnostics) {
            class_keys.push(key.value);
            classes.push(Class {
                name: name.value,
                variant,
                first,
                last,
            });
        }
    }
    (classes, class_keys)
}

/// The sources a row cites, each one defined by a [[source]] table.
fn check_citations(
    texts: Option<Located<Vec<Located<String>>>>,
    keys: &[String],
    diagnostics: &mut Diagnostics,
) -> Option<Vec<usize>> {
    let texts = texts?;
    let indices: Vec<Option<usize>> = texts
        .value
        .iter()
        .map(|text| key_reference(text, keys, "source", diagnostics))
        .collect();
    indices.into_iter().collect()
}

fn check_locations(
    records: &[Record],
    source_keys: &[String],
    variants: &mut Unique<String>,
    diagnostics: &mut Diagnostics,
) -> Vec<Location> {
    let mut values = Unique::new("location value");
    let mut locations = Vec::new();
    for record in records {
        let value = record.integer("value").and_then(|value| {
            in_range::<u8>(&value, 0..=15, "location value", diagnostics).map(|number| (number, value.span))
        });
        let variant = variant(record.text("variant"), variants, diagnostics);
        let sources = check_citations(record.texts("sources"), source_keys, diagnostics);
        let (Some((value, span)), Some(name), Some(abbreviation), Some(variant), Some(sources)) = (
            value,
            record.text("name"),
            record.text("abbreviation"),
            variant,
            sources,
        ) else {
            continue;
        };
        if values.insert(value, span, diagnostics) {
            locations.push(Location {
                value,
                name: name.value,
                variant,
                abbreviation: abbreviation.value,
                sources,
            });
        }
    }
    locations
}

fn check_causes(
    records: &[Record],
    classes: &[Class],
    class_keys: &[String],
    source_keys: &[String],
    diagnostics: &mut Diagnostics,
) -> Vec<Cause> {
    let mut values = Unique::new("cause");
    let mut variants = Unique::new("variant");
    let mut causes = Vec::new();
    for record in records {
        let value = record.integer("value").and_then(|value| {
            in_range::<u8>(&value, CAUSE_VALUES, "cause value", diagnostics).map(|number| (number, value.span))
        });
        let variant = variant(record.text("variant"), &mut variants, diagnostics);
        let class = record
            .text("class")
            .and_then(|class| key_reference(&class, class_keys, "class", diagnostics).map(|index| (index, class)));
        let sources = check_citations(record.texts("sources"), source_keys, diagnostics);
        let unconfirmed = record.text("unconfirmed");
        if record.texts("sources").is_none() && unconfirmed.is_none() {
            diagnostics.push(
                Problem::new(record.header.clone(), "a cause cites no source for its name", "no `sources`")
                    .help("list the [[source]] keys that confirm the name in `sources`, or say in `unconfirmed` why none does"),
            );
            continue;
        }
        let (Some((value, span)), Some(name), Some(description), Some(variant), Some((class, class_text))) =
            (value, record.text("name"), record.text("description"), variant, class)
        else {
            continue;
        };
        if let Some(range) = classes
            .get(class)
            .filter(|range| !(range.first..=range.last).contains(&value))
        {
            diagnostics.push(
                Problem::new(
                    class_text.span,
                    format!("cause {value} is not in class `{}`", class_text.value),
                    format!("that class holds {}–{}", range.first, range.last),
                )
                .help("Q.850 classes are ranges of values: pick the class whose range holds this value"),
            );
            continue;
        }
        let sources = match sources {
            Some(sources) => sources,
            None if record.texts("sources").is_some() => continue,
            None => Vec::new(),
        };
        if values.insert(value, span, diagnostics) {
            causes.push(Cause {
                value,
                name: name.value,
                variant,
                class,
                description: description.value,
                sources,
                unconfirmed: unconfirmed.map(|text| text.value),
            });
        }
    }
    causes.sort_by_key(|cause| cause.value);
    causes
}

fn check_profiles(
    records: &[Record],
    cause_values: &[u8],
    variants: &mut Unique<String>,
    diagnostics: &mut Diagnostics,
) -> (Vec<Profile>, Vec<String>) {
    let mut keys = Unique::new("profile");
    let mut profiles = Vec::new();
    let mut profile_keys = Vec::new();
    for record in records {
        let variant = variant(record.text("variant"), variants, diagnostics);
        let rfc = rfc(record.text("rfc"), diagnostics);
        let to_section = section("to_sip_section", record.text("to_sip_section"), diagnostics);
        let from_section = section("from_sip_section", record.text("from_sip_section"), diagnostics);
        let status = record
            .integer("default_status")
            .and_then(|status| in_range::<u16>(&status, FAILURE_STATUS, "status code", diagnostics));
        let cause = record
            .integer("default_cause")
            .and_then(|cause| defined_cause(&cause, cause_values, diagnostics));
        // The key is known even when the rest of its table is wrong, so that the rows naming
        // it are not reported too.
        let Some(key) = record.text("key") else {
            continue;
        };
        if !keys.insert(key.value.clone(), key.span, diagnostics) {
            continue;
        }
        profile_keys.push(key.value);
        let (
            Some(variant),
            Some(rfc),
            Some(to_sip_section),
            Some(from_sip_section),
            Some(default_status),
            Some(default_cause),
            Some(description),
        ) = (
            variant,
            rfc,
            to_section,
            from_section,
            status,
            cause,
            record.text("description"),
        )
        else {
            continue;
        };
        profiles.push(Profile {
            variant,
            rfc,
            to_sip_section,
            from_sip_section,
            default_status,
            default_cause,
            description: description.value,
        });
    }
    (profiles, profile_keys)
}

/// A cause value that a [[cause]] table defines.
fn defined_cause(value: &Located<i64>, cause_values: &[u8], diagnostics: &mut Diagnostics) -> Option<u8> {
    let cause = in_range::<u8>(value, CAUSE_VALUES, "cause value", diagnostics)?;
    if cause_values.contains(&cause) {
        return Some(cause);
    }
    diagnostics.push(
        Problem::new(
            value.span.clone(),
            format!("cause {cause} is not defined in this file"),
            "no [[cause]] with this value",
        )
        .help("add a [[cause]] table for it, or correct the value"),
    );
    None
}

fn profiles(
    record: &Record,
    profile_keys: &[String],
    diagnostics: &mut Diagnostics,
) -> Option<(Vec<usize>, Vec<Located<String>>)> {
    let texts = record.texts("profiles")?;
    let indices: Option<Vec<usize>> = texts
        .value
        .iter()
        .map(|text| key_reference(text, profile_keys, "profile", diagnostics))
        .collect();
    indices.map(|indices| (indices, texts.value))
}

/// Exactly one of the mapped value and `none`.
fn outcome<T>(record: &Record, key: &str, value: Option<T>, diagnostics: &mut Diagnostics) -> Option<Outcome<T>> {
    match (record.integer(key), value, record.text("none")) {
        (Some(given), _, Some(none)) => {
            diagnostics.push(
                Problem::new(
                    none.span,
                    format!("a row gives both `{key}` and `none`"),
                    "`none` says there is no mapping",
                )
                .note(given.span, format!("but `{key}` gives one"))
                .help(format!(
                    "keep `{key}` if the RFC maps this row, or `none` if it says nothing is sent"
                )),
            );
            None
        }
        (Some(_), Some(value), None) => Some(Outcome::Mapped(value)),
        (None, _, Some(none)) => Some(Outcome::Nothing(none.value)),
        (None, _, None) => {
            diagnostics.push(
                Problem::new(
                    record.header.clone(),
                    format!("a row gives neither `{key}` nor `none`"),
                    "no mapping",
                )
                .help(format!(
                    "add `{key} = <value>`, or `none = \"...\"` with the RFC's reason for mapping nothing"
                )),
            );
            None
        }
        (Some(_), None, None) => None,
    }
}

fn check_to_sip(
    records: &[Record],
    profile_keys: &[String],
    cause_values: &[u8],
    diagnostics: &mut Diagnostics,
) -> Vec<ToSip> {
    let mut rows: Unique<String> = Unique::new("mapping of cause");
    let mut mapped = Vec::new();
    for record in records {
        let profiles = profiles(record, profile_keys, diagnostics);
        let cause = record.integer("cause");
        let cause_value = cause
            .as_ref()
            .and_then(|cause| defined_cause(cause, cause_values, diagnostics));
        let status = |key: &str, diagnostics: &mut Diagnostics| {
            record
                .integer(key)
                .and_then(|status| in_range::<u16>(&status, FAILURE_STATUS, "status code", diagnostics))
        };
        let main = status("status", diagnostics);
        let user_status = status("user_status", diagnostics);
        let diagnostic_status = status("diagnostic_status", diagnostics);
        let outcome = outcome(record, "status", main, diagnostics);
        let (Some((profiles, profile_texts)), Some(cause_value), Some(cause), Some(outcome)) =
            (profiles, cause_value, cause, outcome)
        else {
            continue;
        };
        let clashes = profile_texts
            .iter()
            .filter(|profile| {
                !rows.insert(
                    format!("{} in profile {}", cause_value, profile.value),
                    cause.span.clone(),
                    diagnostics,
                )
            })
            .count();
        let fresh = clashes == 0;
        if fresh {
            mapped.push(ToSip {
                profiles,
                cause: cause_value,
                outcome,
                user_status,
                diagnostic_status,
                note: record.text("note").map(|note| note.value),
            });
        }
    }
    mapped
}

fn check_from_sip(
    records: &[Record],
    profile_keys: &[String],
    cause_values: &[u8],
    diagnostics: &mut Diagnostics,
) -> Vec<FromSip> {
    let mut rows: Unique<String> = Unique::new("mapping of status code");
    let mut mapped = Vec::new();
    for record in records {
        let profiles = profiles(record, profile_keys, diagnostics);
        let status = record.integer("status");
        let status_value = status
            .as_ref()
            .and_then(|status| in_range::<u16>(status, FAILURE_STATUS, "status code", diagnostics));
        let main = record
            .integer("cause")
            .and_then(|cause| defined_cause(&cause, cause_values, diagnostics));
        let bearer_cause = record
            .integer("bearer_cause")
            .and_then(|cause| defined_cause(&cause, cause_values, diagnostics));
        let outcome = outcome(record, "cause", main, diagnostics);
        let (Some((profiles, profile_texts)), Some(status_value), Some(status), Some(outcome)) =
            (profiles, status_value, status, outcome)
        else {
            continue;
        };
        let clashes = profile_texts
            .iter()
            .filter(|profile| {
                !rows.insert(
                    format!("{} in profile {}", status_value, profile.value),
                    status.span.clone(),
                    diagnostics,
                )
            })
            .count();
        let fresh = clashes == 0;
        if fresh {
            mapped.push(FromSip {
                profiles,
                status: status_value,
                outcome,
                bearer_cause,
                printed: record.text("printed").map(|printed| printed.value),
                note: record.text("note").map(|note| note.value),
            });
        }
    }
    mapped
}

// Tokens.

/// What a profile does with `cause`, in words, for docs and the reference.
pub(crate) fn to_sip_text(registry: &Q850, profile: usize, cause: u8) -> String {
    let Some(row) = registry.cause_row(profile, cause) else {
        let default = registry
            .profiles
            .get(profile)
            .map_or(500, |profile| profile.default_status);
        return format!("{default} (not listed: the default)");
    };
    let mut text = match &row.outcome {
        Outcome::Mapped(status) => status.to_string(),
        Outcome::Nothing(_) => "no response".to_owned(),
    };
    if let Some(user) = row.user_status {
        let _ = write!(text, ", {user} when the location is the user");
    }
    if let Some(diagnostic) = row.diagnostic_status {
        let _ = write!(text, ", {diagnostic} with a new number in the diagnostic");
    }
    text
}

/// What a profile does with `status`, in words.
pub(crate) fn from_sip_text(registry: &Q850, profile: usize, status: u16) -> String {
    let Some(row) = registry.status_row(profile, status) else {
        let default = registry
            .profiles
            .get(profile)
            .map_or(31, |profile| profile.default_cause);
        return format!("{default} (not listed: the default)");
    };
    let mut text = match &row.outcome {
        Outcome::Mapped(cause) => cause.to_string(),
        Outcome::Nothing(_) => "no mapping".to_owned(),
    };
    if let Some(bearer) = row.bearer_cause {
        let _ = write!(text, ", {bearer} for a bearer-capability warning");
    }
    text
}

pub(crate) fn expand(runtime: &TokenStream, registry: &Q850) -> TokenStream {
    let classes = enums::expand(&class_enum(registry));
    let causes = enums::expand(&cause_enum(registry));
    let locations = enums::expand(&location_enum(registry));
    let profiles = enums::expand(&profile_enum(runtime, registry));
    quote! {
        #classes
        #causes
        #locations
        #profiles
    }
}

fn class_enum(registry: &Q850) -> Enum {
    let classes = &registry.classes;
    let firsts: Vec<Literal> = classes
        .iter()
        .map(|class| Literal::u8_unsuffixed(class.first))
        .collect();
    let lasts: Vec<Literal> = classes.iter().map(|class| Literal::u8_unsuffixed(class.last)).collect();
    let variants: Vec<Ident> = classes.iter().map(|class| format_ident!("{}", class.variant)).collect();
    Enum {
        name: "CauseClass",
        docs: doc_lines(&[
            "The class of a Q.850 cause value: the range of values it falls in (ITU-T Q.850 groups".to_owned(),
            "cause values by their top three bits). Generated from `q850.toml`.".to_owned(),
        ]),
        repr: None,
        number: "class",
        variants: classes
            .iter()
            .zip(&variants)
            .map(|(class, name)| Variant {
                name: name.clone(),
                value: None,
                docs: doc_lines(&[format!(
                    "{}: cause values {} to {}.",
                    class.name, class.first, class.last
                )]),
            })
            .collect(),
        columns: vec![
            column(
                "name",
                "The class's name, e.g. \"Normal event\".",
                quote!(&'static str),
                enums::texts(classes.iter().map(|class| class.name.as_str())),
            ),
            column(
                "values",
                "The cause values in this class.",
                quote!(::core::ops::RangeInclusive<u8>),
                firsts
                    .iter()
                    .zip(&lasts)
                    .map(|(first, last)| quote!(#first..=#last))
                    .collect(),
            ),
        ],
        extra: quote! {
            /// The class holding `value`, assigned or not; `None` above 127, which no seven-bit
            /// cause value reaches.
            pub const fn of(value: u8) -> ::core::option::Option<CauseClass> {
                match value {
                    #( #firsts..=#lasts => ::core::option::Option::Some(CauseClass::#variants), )*
                    _ => ::core::option::Option::None,
                }
            }
        },
        display: (
            quote!(formatter.write_str(self.name())),
            " Writes the class's name, e.g. `Normal event`.",
        ),
    }
}

fn cause_docs(registry: &Q850, cause: &Cause) -> Vec<String> {
    let class = registry
        .classes
        .get(cause.class)
        .map_or("", |class| class.name.as_str());
    let mut lines = vec![
        format!("`{} {}` ({class})", cause.value, cause.name),
        String::new(),
        cause.description.clone(),
        String::new(),
    ];
    let cites: Vec<&str> = cause
        .sources
        .iter()
        .filter_map(|source| registry.sources.get(*source))
        .map(|source| source.cite.as_str())
        .collect();
    if !cites.is_empty() {
        lines.push(format!("Name checked against: {}.", cites.join("; ")));
    }
    if let Some(unconfirmed) = &cause.unconfirmed {
        lines.push(format!("**Unconfirmed:** {unconfirmed}."));
    }
    lines.push(String::new());
    lines.push("As a SIP response:".to_owned());
    for (index, profile) in registry.profiles.iter().enumerate() {
        let (text, url) = citation(&profile.rfc, Some(&profile.to_sip_section));
        lines.push(format!(
            "- [{text}]({url}): {}.",
            to_sip_text(registry, index, cause.value)
        ));
    }
    doc_lines(&lines)
}

fn cause_enum(registry: &Q850) -> Enum {
    let causes = &registry.causes;
    let class_of = |cause: &Cause| {
        registry
            .classes
            .get(cause.class)
            .map_or("NormalEvent", |class| class.variant.as_str())
    };
    Enum {
        name: "Cause",
        docs: doc_lines(&[
            "An ITU-T Q.850 cause value: why the phone network ended or refused a call, as carried".to_owned(),
            "in an ISUP REL, a Q.931 or QSIG DISCONNECT, or a `Reason: Q.850;cause=N` header field".to_owned(),
            "(RFC 3326).".to_owned(),
            String::new(),
            "A variant's discriminant is its value. Generated from `q850.toml`: every variant documents".to_owned(),
            "its Q.850 name and class, what it means, the tables its name was checked against, and".to_owned(),
            "the SIP response each mapping gives for it.".to_owned(),
        ]),
        repr: Some("u8"),
        number: "cause value",
        variants: causes
            .iter()
            .map(|cause| Variant {
                name: format_ident!("{}", cause.variant),
                value: Some(Literal::u8_unsuffixed(cause.value)),
                docs: cause_docs(registry, cause),
            })
            .collect(),
        columns: vec![
            column(
                "name",
                "The name Q.850 gives the cause, e.g. \"User busy\".",
                quote!(&'static str),
                enums::texts(causes.iter().map(|cause| cause.name.as_str())),
            ),
            column(
                "description",
                "What the cause means, in a sentence.",
                quote!(&'static str),
                enums::texts(causes.iter().map(|cause| cause.description.as_str())),
            ),
            column(
                "class",
                "The Q.850 class the value falls in.",
                quote!(CauseClass),
                enums::paths("CauseClass", causes.iter().map(class_of)),
            ),
            column(
                "is_confirmed",
                "`false` for the few causes whose name rests on a single secondary source; their docs say why.",
                quote!(bool),
                causes
                    .iter()
                    .map(|cause| {
                        let confirmed = cause.unconfirmed.is_none();
                        quote!(#confirmed)
                    })
                    .collect(),
            ),
        ],
        extra: TokenStream::new(),
        display: (
            quote!(::core::write!(formatter, "{} {}", self.as_u8(), self.name())),
            " Writes the value and the name, e.g. `17 User busy`.",
        ),
    }
}

fn location_enum(registry: &Q850) -> Enum {
    let locations = &registry.locations;
    Enum {
        name: "Location",
        docs: doc_lines(&[
            "The location field of a Q.850 cause: which part of the network, or the user, ended the".to_owned(),
            "call. Generated from `q850.toml`.".to_owned(),
        ]),
        repr: Some("u8"),
        number: "four-bit location value",
        variants: locations
            .iter()
            .map(|location| {
                let cites: Vec<&str> = location
                    .sources
                    .iter()
                    .filter_map(|source| registry.sources.get(*source))
                    .map(|source| source.cite.as_str())
                    .collect();
                Variant {
                    name: format_ident!("{}", location.variant),
                    value: Some(Literal::u8_unsuffixed(location.value)),
                    docs: doc_lines(&[
                        format!("`{}` {} ({}).", location.value, location.name, location.abbreviation),
                        String::new(),
                        format!("Checked against: {}.", cites.join("; ")),
                    ]),
                }
            })
            .collect(),
        columns: vec![
            column(
                "name",
                "The location's name, e.g. \"Private network serving the remote user\".",
                quote!(&'static str),
                enums::texts(locations.iter().map(|location| location.name.as_str())),
            ),
            column(
                "abbreviation",
                "The usual abbreviation, e.g. \"RPN\".",
                quote!(&'static str),
                enums::texts(locations.iter().map(|location| location.abbreviation.as_str())),
            ),
        ],
        extra: TokenStream::new(),
        display: (quote!(formatter.write_str(self.name())), " Writes the location's name."),
    }
}

/// A status code the macro has checked, built at compile time.
fn status(runtime: &TokenStream, code: u16) -> TokenStream {
    let code = Literal::u16_unsuffixed(code);
    quote! {
        const {
            match #runtime::StatusCode::from_u16(#code) {
                ::core::result::Result::Ok(code) => code,
                ::core::result::Result::Err(_) => panic!("checked by sipcodes-macros"),
            }
        }
    }
}

fn option_number(code: Option<u16>) -> TokenStream {
    code.map_or_else(
        || quote!(::core::option::Option::None),
        |code| {
            let code = Literal::u16_unsuffixed(code);
            quote!(::core::option::Option::Some(#code))
        },
    )
}

fn option_cause(registry: &Q850, value: Option<u8>) -> TokenStream {
    value.and_then(|value| registry.cause(value)).map_or_else(
        || quote!(::core::option::Option::None),
        |cause| {
            let variant = format_ident!("{}", cause.variant);
            quote!(::core::option::Option::Some(Cause::#variant))
        },
    )
}

fn profile_enum(runtime: &TokenStream, registry: &Q850) -> Enum {
    let profiles = &registry.profiles;
    let to_arms = to_sip_arms(registry);
    let from_arms = from_sip_arms(registry);
    let default_causes = profiles.iter().map(|profile| {
        registry
            .cause(profile.default_cause)
            .map_or("NormalUnspecified", |cause| cause.variant.as_str())
    });
    Enum {
        name: "Profile",
        docs: doc_lines(&[
            "A document that maps Q.850 causes to SIP responses and back. Generated from `q850.toml`,".to_owned(),
            "whose every row was read in the RFC it cites.".to_owned(),
        ]),
        repr: None,
        number: "profile",
        variants: profiles
            .iter()
            .map(|profile| {
                let (to_text, to_url) = citation(&profile.rfc, Some(&profile.to_sip_section));
                let (from_text, from_url) = citation(&profile.rfc, Some(&profile.from_sip_section));
                Variant {
                    name: format_ident!("{}", profile.variant),
                    value: None,
                    docs: doc_lines(&[
                        format!("{}: {}", profile.rfc, profile.description),
                        String::new(),
                        format!("Cause to status: [{to_text}]({to_url}). Status to cause: [{from_text}]({from_url})."),
                    ]),
                }
            })
            .collect(),
        columns: vec![
            column(
                "rfc",
                "The RFC, e.g. \"RFC 3398\".",
                quote!(&'static str),
                enums::texts(profiles.iter().map(|profile| profile.rfc.as_str())),
            ),
            column(
                "to_sip_section",
                "The section with the cause → status table.",
                quote!(&'static str),
                enums::texts(profiles.iter().map(|profile| profile.to_sip_section.as_str())),
            ),
            column(
                "from_sip_section",
                "The section with the status → cause table.",
                quote!(&'static str),
                enums::texts(profiles.iter().map(|profile| profile.from_sip_section.as_str())),
            ),
            column(
                "description",
                "What the document is, in a sentence.",
                quote!(&'static str),
                enums::texts(profiles.iter().map(|profile| profile.description.as_str())),
            ),
            column(
                "default_status",
                "The status code for a cause the table does not list.",
                quote!(#runtime::StatusCode),
                profiles
                    .iter()
                    .map(|profile| status(runtime, profile.default_status))
                    .collect(),
            ),
            column(
                "default_cause",
                "The cause for a status code the table does not list.",
                quote!(Cause),
                enums::paths("Cause", default_causes),
            ),
        ],
        extra: quote! {
            /// The cause → status row for `cause`, if the table lists it.
            pub(crate) const fn to_sip_row(self, cause: u8) -> ::core::option::Option<ToSipRow> {
                match (self, cause) {
                    #(#to_arms)*
                    _ => ::core::option::Option::None,
                }
            }

            /// The status → cause row for `status`, if the table lists it.
            pub(crate) const fn from_sip_row(self, status: u16) -> ::core::option::Option<FromSipRow> {
                match (self, status) {
                    #(#from_arms)*
                    _ => ::core::option::Option::None,
                }
            }
        },
        display: (
            quote!(formatter.write_str(self.rfc())),
            " Writes the RFC, e.g. `RFC 3398`.",
        ),
    }
}

/// The `match` arms of `Profile::to_sip_row`: one per row and profile.
fn to_sip_arms(registry: &Q850) -> Vec<TokenStream> {
    let mut to_arms = Vec::new();
    for row in &registry.to_sip {
        let cause = Literal::u8_unsuffixed(row.cause);
        let (status, no_mapping) = match &row.outcome {
            Outcome::Mapped(status) => (option_number(Some(*status)), option_str(None)),
            Outcome::Nothing(why) => (option_number(None), option_str(Some(why))),
        };
        let user = option_number(row.user_status);
        let diagnostic = option_number(row.diagnostic_status);
        let note = option_str(row.note.as_deref());
        for profile in &row.profiles {
            let variant = registry
                .profiles
                .get(*profile)
                .map(|profile| format_ident!("{}", profile.variant));
            // `ToSipRow` is the runtime's private struct (sipcodes/src/q850.rs), named here
            // field by field: the two must change together.
            to_arms.push(quote! {
                (Profile::#variant, #cause) => ::core::option::Option::Some(ToSipRow {
                    status: #status,
                    user_status: #user,
                    diagnostic_status: #diagnostic,
                    none: #no_mapping,
                    note: #note,
                }),
            });
        }
    }
    to_arms
}

/// The `match` arms of `Profile::from_sip_row`: one per row and profile.
fn from_sip_arms(registry: &Q850) -> Vec<TokenStream> {
    let mut from_arms = Vec::new();
    for row in &registry.from_sip {
        let status = Literal::u16_unsuffixed(row.status);
        let (cause, no_mapping) = match &row.outcome {
            Outcome::Mapped(cause) => (option_cause(registry, Some(*cause)), option_str(None)),
            Outcome::Nothing(why) => (option_cause(registry, None), option_str(Some(why))),
        };
        let bearer = option_cause(registry, row.bearer_cause);
        let printed = option_str(row.printed.as_deref());
        let note = option_str(row.note.as_deref());
        for profile in &row.profiles {
            let variant = registry
                .profiles
                .get(*profile)
                .map(|profile| format_ident!("{}", profile.variant));
            // `FromSipRow` is the runtime's private struct (sipcodes/src/q850.rs), named here
            // field by field: the two must change together.
            from_arms.push(quote! {
                (Profile::#variant, #status) => ::core::option::Option::Some(FromSipRow {
                    cause: #cause,
                    bearer_cause: #bearer,
                    none: #no_mapping,
                    printed: #printed,
                    note: #note,
                }),
            });
        }
    }
    from_arms
}
