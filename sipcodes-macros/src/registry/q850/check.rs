//! The rules of `q850.toml`: every reference resolves, every value is in range, every
//! mapping row is unique and complete.

use super::{Cause, Class, FromSip, Location, Outcome, Profile, Q850, SCHEMA, Source, ToSip};
use crate::check::Unique;
use crate::diagnostic::{Diagnostics, Problem};
use crate::registry::{in_range, key_reference, report_no_rows, rfc, section, variant};
use crate::schema::Located;
use crate::schema::{self, Record};

const FAILURE_STATUS: std::ops::RangeInclusive<i64> = 300..=699;
/// Q.850 cause values are seven bits; 0 is not assigned.
const CAUSE_VALUES: std::ops::RangeInclusive<i64> = 1..=127;

/// Reads and checks `source`; `None` if anything is wrong (every problem is in `diagnostics`).
pub(crate) fn load(source: &str, diagnostics: &mut Diagnostics) -> Option<Q850> {
    let checkpoint = diagnostics.checkpoint();
    let records = schema::load_parsed(source, &SCHEMA, diagnostics)?;
    let sources = check_sources(records.tables("source"), diagnostics);
    let source_keys: Vec<String> = sources.iter().map(|source| source.key.clone()).collect();
    let mut variants = Unique::new("variant");
    let (classes, class_keys) = check_classes(records.tables("class"), &mut variants, diagnostics);
    let locations = check_locations(records.tables("location"), &source_keys, &mut variants, diagnostics);
    let causes = check_causes(
        records.tables("cause"),
        &classes,
        &class_keys,
        &source_keys,
        diagnostics,
    );
    // Every value a [[cause]] table gives, even one rejected for another reason: a mapping
    // row that names it is not wrong too.
    let cause_values: Vec<u8> = records
        .tables("cause")
        .iter()
        .filter_map(|record| record.integer("value").cloned())
        .filter_map(|value| u8::try_from(value.value).ok())
        .collect();
    let (profiles, profile_keys) = check_profiles(records.tables("profile"), &cause_values, &mut variants, diagnostics);
    let to_sip = check_to_sip(records.tables("to_sip"), &profile_keys, &cause_values, diagnostics);
    let from_sip = check_from_sip(records.tables("from_sip"), &profile_keys, &cause_values, diagnostics);
    for (array, empty) in [
        ("class", classes.is_empty()),
        ("cause", causes.is_empty()),
        ("location", locations.is_empty()),
        ("profile", profiles.is_empty()),
    ] {
        report_no_rows(array, empty, checkpoint, diagnostics);
    }
    (!diagnostics.any_since(checkpoint)).then_some(Q850 {
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
            let key = record.text("key").cloned()?;
            let cite = record.text("cite").cloned()?;
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
        let key = record.text("key").cloned();
        let variant = variant(record.text("variant").cloned(), variants, diagnostics);
        let first = record.integer("first").cloned();
        let last = record.integer("last").cloned();
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
            (key, record.text("name").cloned(), variant, first_value, last_value)
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
        let value = record.integer("value").cloned().and_then(|value| {
            in_range::<u8>(&value, 0..=15, "location value", diagnostics).map(|number| (number, value.span))
        });
        let variant = variant(record.text("variant").cloned(), variants, diagnostics);
        let sources = check_citations(record.texts("sources").cloned(), source_keys, diagnostics);
        let (Some((value, span)), Some(name), Some(abbreviation), Some(variant), Some(sources)) = (
            value,
            record.text("name").cloned(),
            record.text("abbreviation").cloned(),
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
        let value = record.integer("value").cloned().and_then(|value| {
            in_range::<u8>(&value, CAUSE_VALUES, "cause value", diagnostics).map(|number| (number, value.span))
        });
        let variant = variant(record.text("variant").cloned(), &mut variants, diagnostics);
        let class = record
            .text("class")
            .and_then(|class| key_reference(class, class_keys, "class", diagnostics).map(|index| (index, class)));
        let sources = check_citations(record.texts("sources").cloned(), source_keys, diagnostics);
        let unconfirmed = record.text("unconfirmed").cloned();
        if record.texts("sources").cloned().is_none() && unconfirmed.is_none() {
            diagnostics.push(
                Problem::new(record.header.clone(), "a cause cites no source for its name", "no `sources`")
                    .help("list the [[source]] keys that confirm the name in `sources`, or say in `unconfirmed` why none does"),
            );
            continue;
        }
        let (Some((value, span)), Some(name), Some(description), Some(variant), Some((class, class_text))) = (
            value,
            record.text("name").cloned(),
            record.text("description").cloned(),
            variant,
            class,
        ) else {
            continue;
        };
        if let Some(range) = classes
            .get(class)
            .filter(|range| !(range.first..=range.last).contains(&value))
        {
            diagnostics.push(
                Problem::new(
                    class_text.span.clone(),
                    format!("cause {value} is not in class `{}`", class_text.value),
                    format!("that class holds {}–{}", range.first, range.last),
                )
                .help("Q.850 classes are ranges of values: pick the class whose range holds this value"),
            );
            continue;
        }
        let sources = match sources {
            Some(sources) => sources,
            None if record.texts("sources").cloned().is_some() => continue,
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
        let variant = variant(record.text("variant").cloned(), variants, diagnostics);
        let rfc = rfc(record.text("rfc").cloned(), diagnostics);
        let to_section = section("to_sip_section", record.text("to_sip_section").cloned(), diagnostics);
        let from_section = section(
            "from_sip_section",
            record.text("from_sip_section").cloned(),
            diagnostics,
        );
        let status = record
            .integer("default_status")
            .and_then(|status| in_range::<u16>(status, FAILURE_STATUS, "status code", diagnostics));
        let cause = record
            .integer("default_cause")
            .and_then(|cause| defined_cause(cause, cause_values, diagnostics));
        // The key is known even when the rest of its table is wrong, so that the rows naming
        // it are not reported too.
        let Some(key) = record.text("key").cloned() else {
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
            record.text("description").cloned(),
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
    let texts = record.texts("profiles").cloned()?;
    let indices: Option<Vec<usize>> = texts
        .value
        .iter()
        .map(|text| key_reference(text, profile_keys, "profile", diagnostics))
        .collect();
    indices.map(|indices| (indices, texts.value))
}

/// Exactly one of the mapped value and `none`.
fn outcome<T>(record: &Record, key: &str, value: Option<T>, diagnostics: &mut Diagnostics) -> Option<Outcome<T>> {
    match (record.integer(key).cloned(), value, record.text("none").cloned()) {
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
        let cause = record.integer("cause").cloned();
        let cause_value = cause
            .as_ref()
            .and_then(|cause| defined_cause(cause, cause_values, diagnostics));
        let status = |key: &str, diagnostics: &mut Diagnostics| {
            record
                .integer(key)
                .and_then(|status| in_range::<u16>(status, FAILURE_STATUS, "status code", diagnostics))
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
        if first_in_profiles(&mut rows, cause_value, &cause.span, &profile_texts, diagnostics) {
            mapped.push(ToSip {
                profiles,
                cause: cause_value,
                outcome,
                user_status,
                diagnostic_status,
                note: record.text("note").cloned().map(|note| note.value),
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
        let status = record.integer("status").cloned();
        let status_value = status
            .as_ref()
            .and_then(|status| in_range::<u16>(status, FAILURE_STATUS, "status code", diagnostics));
        let main = record
            .integer("cause")
            .and_then(|cause| defined_cause(cause, cause_values, diagnostics));
        let bearer_cause = record
            .integer("bearer_cause")
            .and_then(|cause| defined_cause(cause, cause_values, diagnostics));
        let outcome = outcome(record, "cause", main, diagnostics);
        let (Some((profiles, profile_texts)), Some(status_value), Some(status), Some(outcome)) =
            (profiles, status_value, status, outcome)
        else {
            continue;
        };
        if first_in_profiles(&mut rows, status_value, &status.span, &profile_texts, diagnostics) {
            mapped.push(FromSip {
                profiles,
                status: status_value,
                outcome,
                bearer_cause,
                printed: record.text("printed").cloned().map(|printed| printed.value),
                note: record.text("note").cloned().map(|note| note.value),
            });
        }
    }
    mapped
}

/// Whether the row for `value` is the first in each of its profiles; every clash is reported.
fn first_in_profiles(
    rows: &mut Unique<String>,
    value: impl std::fmt::Display,
    span: &std::ops::Range<usize>,
    profiles: &[Located<String>],
    diagnostics: &mut Diagnostics,
) -> bool {
    let clashes = profiles
        .iter()
        .filter(|profile| {
            !rows.insert(
                format!("{value} in profile {}", profile.value),
                span.clone(),
                diagnostics,
            )
        })
        .count();
    clashes == 0
}
