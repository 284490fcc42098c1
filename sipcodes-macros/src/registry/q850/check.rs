//! The rules of `q850.toml`: every reference resolves, every value is in range, every
//! mapping row is unique and complete.

use super::{Cause, Class, FromSipMore, Location, Mapping, Outcome, Profile, Q850, SCHEMA, Source, ToSipMore};
use crate::check::Unique;
use crate::diagnostic::{Diagnostics, Problem};
use crate::registry::{
    given_or_explained, in_range, keep_first, key_reference, report_no_rows, rfc, section, text, variant,
};
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
    let classes = keyed(records.tables("class"), "class", diagnostics, |record, diagnostics| {
        check_class(record, &mut variants, diagnostics)
    });
    let locations = check_locations(records.tables("location"), &source_keys, &mut variants, diagnostics);
    let causes = check_causes(records.tables("cause"), &classes, &source_keys, diagnostics);
    // Every value a [[cause]] table gives, even one rejected for another reason: a mapping
    // row that names it is not wrong too.
    let cause_values: Vec<u8> = records
        .tables("cause")
        .iter()
        .filter_map(|record| record.integer("value").cloned())
        .filter_map(|value| u8::try_from(value.value).ok())
        .collect();
    let profiles = keyed(
        records.tables("profile"),
        "profile",
        diagnostics,
        |record, diagnostics| check_profile(record, &cause_values, &mut variants, diagnostics),
    );
    let mappings = Mappings {
        profile_keys: &profiles.keys,
        cause_values: &cause_values,
    };
    let to_sip = mappings.check(records.tables("to_sip"), "mapping of cause", to_sip_row, diagnostics);
    let from_sip = mappings.check(
        records.tables("from_sip"),
        "mapping of status code",
        from_sip_row,
        diagnostics,
    );
    let (classes, profiles) = (classes.into_rows(), profiles.into_rows());
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

/// The tables other rows name by their `key`: every key given, and the rest of each table as
/// read, `None` where it is wrong.
struct Keyed<R> {
    keys: Vec<String>,
    rows: Vec<Option<R>>,
}

impl<R> Keyed<R> {
    /// The row `key_reference` found at `index`, if it was read.
    fn get(&self, index: usize) -> Option<&R> {
        self.rows.get(index).and_then(Option::as_ref)
    }

    fn into_rows(self) -> Vec<R> {
        self.rows.into_iter().flatten().collect()
    }
}

/// Reads tables with a `key` (`what` in messages), the rest of each through `row`. A key is
/// known even when the rest of its table is wrong, so that the rows naming it are not
/// reported too.
fn keyed<R>(
    records: &[Record],
    what: &'static str,
    diagnostics: &mut Diagnostics,
    mut row: impl FnMut(&Record, &mut Diagnostics) -> Option<R>,
) -> Keyed<R> {
    let mut unique = Unique::new(what);
    let mut keyed = Keyed {
        keys: Vec::new(),
        rows: Vec::new(),
    };
    for record in records {
        let read = row(record, diagnostics);
        if let Some(key) = record.text("key").cloned()
            && unique.insert(key.value.clone(), key.span, diagnostics)
        {
            keyed.keys.push(key.value);
            keyed.rows.push(read);
        }
    }
    keyed
}

fn check_class(record: &Record, variants: &mut Unique<String>, diagnostics: &mut Diagnostics) -> Option<Class> {
    let variant = variant(record.text("variant").cloned(), variants, diagnostics);
    let first = in_range::<u8>(record, "first", 0..=127, "cause value", diagnostics);
    let last = in_range::<u8>(record, "last", 0..=127, "cause value", diagnostics);
    let (first, last) = (first?, last?);
    if last.value < first.value {
        diagnostics.push(Problem::new(
            last.span.clone(),
            format!("`last` ({}) is below `first` ({})", last.value, first.value),
            "an empty range",
        ));
        return None;
    }
    Some(Class {
        name: text(record, "name")?,
        variant: variant?,
        first: first.value,
        last: last.value,
    })
}

/// The sources a row cites, each one defined by a `[[source]]` table.
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
        let value = in_range::<u8>(record, "value", 0..=15, "location value", diagnostics);
        let variant = variant(record.text("variant").cloned(), variants, diagnostics);
        let sources = check_citations(record.texts("sources").cloned(), source_keys, diagnostics);
        let (Some(value), Some(variant), Some(sources)) = (value, variant, sources) else {
            continue;
        };
        let (Some(name), Some(abbreviation)) = (text(record, "name"), text(record, "abbreviation")) else {
            continue;
        };
        let location = Location {
            value: value.value,
            name,
            variant,
            abbreviation,
            sources,
        };
        keep_first(&mut locations, &mut values, value, location, diagnostics);
    }
    locations
}

fn check_causes(
    records: &[Record],
    classes: &Keyed<Class>,
    source_keys: &[String],
    diagnostics: &mut Diagnostics,
) -> Vec<Cause> {
    let mut values = Unique::new("cause");
    let mut variants = Unique::new("variant");
    let mut causes = Vec::new();
    for record in records {
        let value = in_range::<u8>(record, "value", CAUSE_VALUES, "cause value", diagnostics);
        let variant = variant(record.text("variant").cloned(), &mut variants, diagnostics);
        let class = record
            .text("class")
            .and_then(|class| key_reference(class, &classes.keys, "class", diagnostics).map(|index| (index, class)));
        let sources = check_citations(record.texts("sources").cloned(), source_keys, diagnostics);
        let unconfirmed = record.text("unconfirmed").cloned();
        if !given_or_explained(
            record,
            "sources",
            "unconfirmed",
            "a cause cites no source for its name",
            "list the [[source]] keys that confirm the name in `sources`, or say in `unconfirmed` why none does",
            diagnostics,
        ) {
            continue;
        }
        let (Some(located), Some(variant), Some((class, class_text))) = (value, variant, class) else {
            continue;
        };
        let value = located.value;
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
            None if record.has("sources") => continue,
            None => Vec::new(),
        };
        let (Some(name), Some(description)) = (text(record, "name"), text(record, "description")) else {
            continue;
        };
        let cause = Cause {
            value,
            name,
            variant,
            class,
            description,
            sources,
            unconfirmed: unconfirmed.map(|text| text.value),
        };
        keep_first(&mut causes, &mut values, located, cause, diagnostics);
    }
    causes.sort_by_key(|cause| cause.value);
    causes
}

fn check_profile(
    record: &Record,
    cause_values: &[u8],
    variants: &mut Unique<String>,
    diagnostics: &mut Diagnostics,
) -> Option<Profile> {
    let variant = variant(record.text("variant").cloned(), variants, diagnostics);
    let rfc = rfc(record.text("rfc").cloned(), diagnostics);
    let to_section = section("to_sip_section", record.text("to_sip_section").cloned(), diagnostics);
    let from_section = section(
        "from_sip_section",
        record.text("from_sip_section").cloned(),
        diagnostics,
    );
    let status = in_range::<u16>(record, "default_status", FAILURE_STATUS, "status code", diagnostics);
    let cause = defined_cause(record, "default_cause", cause_values, diagnostics);
    Some(Profile {
        variant: variant?,
        rfc: rfc?,
        to_sip_section: to_section?,
        from_sip_section: from_section?,
        default_status: status?.value,
        default_cause: cause?.value,
        description: text(record, "description")?,
    })
}

/// The cause value under `key`, which a `[[cause]]` table must define.
fn defined_cause(
    record: &Record,
    key: &str,
    cause_values: &[u8],
    diagnostics: &mut Diagnostics,
) -> Option<Located<u8>> {
    let cause = in_range::<u8>(record, key, CAUSE_VALUES, "cause value", diagnostics)?;
    if cause_values.contains(&cause.value) {
        return Some(cause);
    }
    diagnostics.push(
        Problem::new(
            cause.span,
            format!("cause {} is not defined in this file", cause.value),
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

/// A `[[to_sip]]` table's cause, the key of the status it maps to and that status, and the
/// statuses for a location and a diagnostic.
fn to_sip_row(record: &Record, cause_values: &[u8], diagnostics: &mut Diagnostics) -> Read<u8, u16, ToSipMore> {
    let status = |key: &str, diagnostics: &mut Diagnostics| {
        in_range::<u16>(record, key, FAILURE_STATUS, "status code", diagnostics).map(|status| status.value)
    };
    let cause = defined_cause(record, "cause", cause_values, diagnostics);
    let more = ToSipMore {
        user_status: status("user_status", diagnostics),
        diagnostic_status: status("diagnostic_status", diagnostics),
    };
    (cause, "status", status("status", diagnostics), more)
}

/// A `[[from_sip]]` table's status, the key of the cause it maps to and that cause, the cause
/// for a bearer-capability warning, and the row as printed.
fn from_sip_row(record: &Record, cause_values: &[u8], diagnostics: &mut Diagnostics) -> Read<u16, u8, FromSipMore> {
    let cause = |key: &str, diagnostics: &mut Diagnostics| {
        defined_cause(record, key, cause_values, diagnostics).map(|cause| cause.value)
    };
    let status = in_range::<u16>(record, "status", FAILURE_STATUS, "status code", diagnostics);
    let more = FromSipMore {
        bearer_cause: cause("bearer_cause", diagnostics),
        printed: text(record, "printed"),
    };
    (status, "cause", cause("cause", diagnostics), more)
}

/// What the rows of both mapping tables are checked against: the profiles' keys and the
/// values the `[[cause]]` tables give.
struct Mappings<'a> {
    profile_keys: &'a [String],
    cause_values: &'a [u8],
}

/// What a mapping table's own function reads of a row: the value it maps from, the key of
/// the value it maps to and that value, and what the direction adds.
type Read<F, T, X> = (Option<Located<F>>, &'static str, Option<T>, X);

/// That function, given the row and the values the `[[cause]]` tables give.
type ReadRow<F, T, X> = fn(&Record, &[u8], &mut Diagnostics) -> Read<F, T, X>;

impl Mappings<'_> {
    /// The rows of a mapping table, each read in part by `read`; the parts every row has are
    /// read here: the profiles it is in, its outcome (the value `read` gives, or `none`) and
    /// its note. A row is kept when all its parts were read and it is the first for its value
    /// in each of its profiles (a repeat is reported as a `what` given twice).
    fn check<F: Copy + std::fmt::Display, T, X>(
        &self,
        records: &[Record],
        what: &'static str,
        read: ReadRow<F, T, X>,
        diagnostics: &mut Diagnostics,
    ) -> Vec<Mapping<F, T, X>> {
        let mut rows = Unique::new(what);
        let mut mapped = Vec::new();
        for record in records {
            let (from, key, to, more) = read(record, self.cause_values, diagnostics);
            let profiles = profiles(record, self.profile_keys, diagnostics);
            let outcome = outcome(record, key, to, diagnostics);
            let (Some((profiles, profile_texts)), Some(from), Some(outcome)) = (profiles, from, outcome) else {
                continue;
            };
            if first_in_profiles(&mut rows, from.value, &from.span, &profile_texts, diagnostics) {
                mapped.push(Mapping {
                    profiles,
                    from: from.value,
                    outcome,
                    note: text(record, "note"),
                    more,
                });
            }
        }
        mapped
    }
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

#[cfg(test)]
mod tests {
    use super::load;
    use crate::diagnostic::Diagnostics;

    /// A small file that keeps every rule.
    const VALID: &str = r#"
[[source]]
key = "rfc3398"
cite = "RFC 3398, Section 7.2.4.1"

[[class]]
key = "normal"
name = "Normal event"
variant = "NormalEvent"
first = 0
last = 31

[[location]]
value = 0
name = "User"
variant = "User"
abbreviation = "U"
sources = ["rfc3398"]

[[cause]]
value = 17
name = "User busy"
variant = "UserBusy"
class = "normal"
description = "The callee cannot take another call."
sources = ["rfc3398"]

[[cause]]
value = 31
name = "Normal, unspecified"
variant = "NormalUnspecified"
class = "normal"
description = "A normal event no other cause describes."
unconfirmed = "a test"

[[profile]]
key = "rfc3398"
variant = "Rfc3398"
rfc = "RFC 3398"
to_sip_section = "7.2.4.1"
from_sip_section = "8.2.6.1"
default_status = 500
default_cause = 31
description = "ISUP interworking."

[[to_sip]]
profiles = ["rfc3398"]
cause = 17
status = 486

[[from_sip]]
profiles = ["rfc3398"]
status = 486
cause = 17
"#;

    /// The messages of the problems `source` has, in file order.
    fn problems(source: &str) -> Vec<String> {
        let mut diagnostics = Diagnostics::default();
        let loaded = load(source, &mut diagnostics);
        let problems: Vec<String> = diagnostics
            .into_sorted_problems()
            .into_iter()
            .map(|problem| problem.message)
            .collect();
        assert_eq!(loaded.is_some(), problems.is_empty(), "{problems:?}");
        problems
    }

    #[test]
    fn a_file_that_keeps_the_rules_loads() {
        assert_eq!(problems(VALID), Vec::<String>::new());
        let mut diagnostics = Diagnostics::default();
        let registry = load(VALID, &mut diagnostics);
        let registry = registry.as_ref();
        assert_eq!(
            registry.and_then(|q850| q850.cause_row(0, 17)).map(|row| row.from),
            Some(17)
        );
        assert_eq!(
            registry.and_then(|q850| q850.status_row(0, 486)).map(|row| row.from),
            Some(486)
        );
        assert_eq!(
            registry.map(|q850| (q850.classes.len(), q850.profiles.len())),
            Some((1, 1))
        );
    }

    #[test]
    fn a_wrong_keyed_table_is_reported_once() {
        // The class's range is empty; the causes that name the class are not reported too.
        let empty_range = VALID.replacen("first = 0\nlast = 31", "first = 31\nlast = 0", 1);
        assert_eq!(problems(&empty_range), ["`last` (0) is below `first` (31)"]);
        // The profile's default status is out of range; the rows that name the profile are
        // not reported too.
        let bad_default = VALID.replacen("default_status = 500", "default_status = 200", 1);
        assert_eq!(problems(&bad_default), ["status code 200 is outside 300–699"]);
    }

    #[test]
    fn a_mapping_row_is_unique_in_its_profile_and_maps_one_way() {
        let twice = format!("{VALID}\n[[to_sip]]\nprofiles = [\"rfc3398\"]\ncause = 17\nstatus = 600\n");
        assert_eq!(
            problems(&twice),
            ["mapping of cause 17 in profile rfc3398 is given twice"]
        );
        let both = VALID.replacen(
            "cause = 17\nstatus = 486\n",
            "cause = 17\nstatus = 486\nnone = \"not sent\"\n",
            1,
        );
        assert_eq!(problems(&both), ["a row gives both `status` and `none`"]);
        let neither = VALID.replacen("status = 486\ncause = 17\n", "status = 486\n", 1);
        assert_eq!(problems(&neither), ["a row gives neither `cause` nor `none`"]);
    }

    #[test]
    fn a_cause_cites_a_source_or_says_why_not() {
        let neither = VALID.replacen("unconfirmed = \"a test\"\n", "", 1);
        assert_eq!(problems(&neither), ["a cause cites no source for its name"]);
    }
}
