//! Rules between entries, and between a custom table and sipcodes' standard one.

use std::ops::Range;

use crate::check::{Checked, Unique};
use crate::diagnostic::{Diagnostics, Problem};
use crate::model::Document;
use crate::schema::Record;
use crate::table::{CANONICAL_FALLBACKS, Entry, Origin, Registration, TableKind, Word};

pub fn check_duplicate_codes(codes: &[Record], diagnostics: &mut Diagnostics) {
    let mut seen = Unique::new("code").help("remove one of the two entries, or merge them");
    for code in codes.iter().filter_map(|table| table.integer("code")) {
        seen.insert(code.value, code.span.clone(), diagnostics);
    }
}

/// Reusing a registered code in a custom table: with `include_standard = true` the enum
/// would hold two entries for it, so the entry must say `override = true` to replace the
/// standard one. `override` may name a code that is not registered yet, so that the table
/// still builds once it is. Without `include_standard` there is nothing to replace.
pub fn check_overrides(
    entries: &[Checked<'_>],
    document: &Document,
    kind: TableKind<'_>,
    diagnostics: &mut Diagnostics,
) {
    let TableKind::Custom { standard } = kind else {
        return;
    };
    let includes_standard = document.include_standard().is_some_and(|flag| flag.value);
    for Checked { entry, source } in entries {
        let Some(table) = source else { continue };
        match (entry.origin, includes_standard) {
            (Origin::Own, true) => {
                let (Some(registered), Some(code)) = (standard.table.entry(entry.code), table.integer("code")) else {
                    continue;
                };
                diagnostics.push(
                    Problem::new(
                        code.span.clone(),
                        format!(
                            "code {} is already registered as {} {}, which `include_standard = true` brings into this enum",
                            entry.code, registered.code, registered.reason_phrase
                        ),
                        "registered code",
                    )
                    .help(format!(
                        "add `override = true` to this table to put this entry in place of {} {} in this enum \
                         (sipcodes::Code keeps it), or pick an unregistered code",
                        registered.code, registered.reason_phrase
                    )),
                );
            }
            (Origin::Override, false) => {
                if let Some(flag) = table.flag("override") {
                    diagnostics.push(
                        Problem::new(
                            flag.span.clone(),
                            "`override` has no meaning without `include_standard = true`",
                            "nothing to replace",
                        )
                        .help("remove it: this enum holds only the codes of this file, so a registered code may be reused as it is"),
                    );
                }
            }
            _ => {}
        }
    }
}

pub fn check_unique_names(entries: &[Checked<'_>], diagnostics: &mut Diagnostics) {
    // Where a name comes from: the explicit `name`, or else the reason phrase it is derived from.
    let origin_span = |table: &Record| {
        table
            .text("name")
            .or(table.text("reason_phrase"))
            .map_or(table.header.clone(), |value| value.span.clone())
    };
    // A linear search, as in `check_duplicate_codes`.
    let mut seen: Vec<(&Entry, Option<&Record>)> = Vec::new();
    for Checked { entry, source } in entries {
        let Some((first, first_table)) = seen.iter().find(|(first, _)| first.name == entry.name) else {
            seen.push((entry, *source));
            continue;
        };
        let Some(table) = source else { continue };
        if first.code == entry.code {
            // The same code given twice: that is reported once, as a duplicate code.
            continue;
        }
        let how = if table.text("name").is_some() {
            "is named"
        } else {
            "would be named (from its reason phrase)"
        };
        let first_how = if first.origin == Origin::Standard {
            "sipcodes' standard code"
        } else {
            "code"
        };
        let mut problem = Problem::new(
            origin_span(table),
            format!(
                "code {} {how} `{}`, like {first_how} {} {}",
                entry.code, entry.name, first.code, first.reason_phrase
            ),
            "same variant name",
        );
        if let Some(first_table) = first_table {
            problem = problem.note(
                origin_span(first_table),
                format!("{} is named `{}` here", first.code, first.name),
            );
        }
        diagnostics.push(problem.help(format!(
            "give code {} an explicit `name = \"...\"` that says how it differs",
            entry.code
        )));
    }
}

/// `from_reason_phrase` must be unambiguous: an alias may not equal any other code's phrase or alias.
/// Two official phrases may coincide (406 and 606 are both "Not Acceptable"); the lower code wins.
pub fn check_unique_phrases(entries: &[Checked<'_>], diagnostics: &mut Diagnostics) {
    for Checked { entry, source } in entries {
        let Some(table) = source else { continue };
        let Some(aliases) = table.texts("aliases") else {
            continue;
        };
        for alias in &aliases.value {
            let clash = entries
                .iter()
                .filter(|other| other.entry.code != entry.code)
                .find_map(|other| phrase_use(&other.entry, other.source, &alias.value));
            if let Some((clash, place)) = clash {
                let mut problem = Problem::new(
                    alias.span.clone(),
                    format!("alias {:?} of code {} is also {clash}", alias.value, entry.code),
                    "ambiguous alias",
                );
                if let Some(place) = place {
                    problem = problem.note(place, "the same phrase here");
                }
                diagnostics.push(problem.help(
                    "`from_reason_phrase` must find one code per phrase: remove the alias from one of the two codes",
                ));
            }
        }
    }
}

/// How `other` uses `phrase` (in any ASCII case), as its reason phrase or as one of its
/// aliases, and where its table writes it if the entry comes from this file.
fn phrase_use(other: &Entry, other_table: Option<&Record>, phrase: &str) -> Option<(String, Option<Range<usize>>)> {
    let same = |text: &str| text.eq_ignore_ascii_case(phrase);
    if same(&other.reason_phrase) {
        let place = other_table.and_then(|table| table.text("reason_phrase"));
        return Some((
            format!("the reason phrase of {} {}", other.code, other.reason_phrase),
            place.map(|reason| reason.span.clone()),
        ));
    }
    // The entry's aliases are the valid ones; its table's may hold rejected ones too, so it is
    // searched for the place only.
    if !other.aliases.iter().any(|alias| same(alias)) {
        return None;
    }
    let place = other_table
        .and_then(|table| table.texts("aliases"))
        .and_then(|aliases| aliases.value.iter().find(|alias| same(&alias.value)));
    Some((
        format!("an alias of {} {}", other.code, other.reason_phrase),
        place.map(|alias| alias.span.clone()),
    ))
}

pub fn check_canonical_fallbacks(entries: &[Checked<'_>], diagnostics: &mut Diagnostics) {
    for code in CANONICAL_FALLBACKS {
        if !entries.iter().any(|checked| checked.entry.code == code) {
            diagnostics.push(
                Problem::new(0..0, format!("code {code} is missing from sipcodes' own table"), "")
                    .help(format!(
                        "StatusCode::canonical treats unregistered {}xx codes as {code} (RFC 3261 §8.1.3.2); add a [[code]] table for it",
                        code / 100
                    )),
            );
        }
    }
}

/// A `treat_as` target must be in the same enum (so `canonical` can return it) and current
/// (a receiver acts on it as itself; no chains).
pub fn check_treat_as_targets(entries: &[Checked<'_>], codes: &[Record], diagnostics: &mut Diagnostics) {
    for Checked { entry, source } in entries {
        let (Some(treat_as), Some(table)) = (&entry.treat_as, source) else {
            continue;
        };
        let Some(span) = table
            .table("treat_as")
            .and_then(|treat_as| treat_as.integer("code"))
            .map(|code| code.span.clone())
        else {
            continue;
        };
        // A target written in the file whose own entry has a problem is reported there.
        let written = codes.iter().any(|table| {
            table
                .integer("code")
                .is_some_and(|code| code.value == i64::from(treat_as.target))
        });
        match entries
            .iter()
            .map(|other| &other.entry)
            .find(|other| other.code == treat_as.target)
        {
            None if written => {}
            None => diagnostics.push(
                Problem::new(
                    span,
                    format!(
                        "code {} is treated as {}, which this table does not have",
                        entry.code, treat_as.target
                    ),
                    "not in this table",
                )
                .help(format!(
                    "add a [[code]] table for {}, or set `include_standard = true` to bring in the registered codes",
                    treat_as.target
                )),
            ),
            Some(target) if target.registration != Registration::Current => diagnostics.push(
                Problem::new(
                    span,
                    format!(
                        "code {} is treated as {} {}, which is {} itself",
                        entry.code,
                        target.code,
                        target.reason_phrase,
                        target.registration.text()
                    ),
                    "not a current code",
                )
                .help("name the current code a receiver acts on in the end"),
            ),
            Some(_) => {}
        }
    }
}
