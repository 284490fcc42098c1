//! The keys of one `[[code]]` table, each on its own.

use std::ops::Range;

use crate::check::{Mode, TablePlace, facts, missing_key, required_text};
use crate::diagnostic::{Diagnostics, Problem};
use crate::lexical;
use crate::model::{CodeTable, Located, TreatAsTable};
use crate::table::{Citation, Entry, Origin, Registration, TreatAs};

pub fn check_entry(table: &CodeTable, mode: Mode<'_>, diagnostics: &mut Diagnostics) -> Option<Entry> {
    let before = diagnostics.problems().len();
    let context = "this [[code]] table";
    let place = TablePlace(context, &table.header, &table.reported);
    let code = check_code(table.code.as_ref(), &place, diagnostics);
    let label = code.map_or_else(|| "[[code]]".to_owned(), |code| format!("code {code}"));
    // Once the code is known, a missing key names the entry it is missing from.
    let context = code.map_or_else(
        || context.to_owned(),
        |code| format!("the [[code]] table of code {code}"),
    );
    let place = TablePlace(&context, &table.header, &table.reported);
    let reason = required_text(table.reason_phrase.as_ref(), "reason_phrase", &place, diagnostics);
    if let Some(reason) = &table.reason_phrase {
        check_phrase(reason, "reason phrase", diagnostics);
    }
    let description = required_text(table.description.as_ref(), "description", &place, diagnostics);
    // `rfc` may be left out, in sipcodes' own table too, for a private or vendor code no RFC
    // defines; the conformance test pins an RFC on every registered code.
    let citation = check_citation(table.rfc.as_ref(), table.section.as_ref(), diagnostics);
    let (registration, deprecation) = check_registration(table, &label, diagnostics);
    let treat_as = table
        .treat_as
        .as_ref()
        .and_then(|treat_as| check_treat_as(treat_as, code, registration, &label, mode, diagnostics));
    let name = check_name(table, &label, diagnostics);
    let aliases = check_aliases(table, diagnostics);
    let header_rules = facts::check_header_rules(table, &label, diagnostics);
    // Checked when given; a broken one has reported its problems, so the entry is not built.
    let client_reaction = table
        .client_reaction
        .as_ref()
        .and_then(|reaction| facts::check_client_reaction(reaction, &label, diagnostics));
    if let (Mode::Standard, Some(flag)) = (mode, &table.overrides) {
        diagnostics.push(
            Problem::new(
                flag.span.clone(),
                "`override` has no meaning in sipcodes' own table",
                "not allowed here",
            )
            .help("remove it: there is no other table to override"),
        );
    }
    if diagnostics.problems().len() > before {
        return None;
    }
    let origin = if table.overrides.as_ref().is_some_and(|flag| flag.value) {
        Origin::Override
    } else {
        Origin::Own
    };
    Some(Entry {
        code: code?,
        name: name?,
        reason_phrase: reason?,
        description: description?,
        citation: citation?,
        registration,
        deprecation,
        treat_as,
        aliases,
        origin,
        header_rules: header_rules?,
        client_reaction,
    })
}

fn check_code(code: Option<&Located<i64>>, place: &TablePlace<'_>, diagnostics: &mut Diagnostics) -> Option<u16> {
    let Some(code) = code else {
        missing_key("code", place, diagnostics);
        return None;
    };
    match u16::try_from(code.value) {
        Ok(value) if (100..=699).contains(&value) => Some(value),
        _ => {
            diagnostics.push(
                Problem::new(
                    code.span.clone(),
                    format!("code {} is outside 100–699", code.value),
                    "not a SIP status code",
                )
                .help("a SIP status code has three digits and its first digit, 1 to 6, is its class (RFC 3261 §7.2)"),
            );
            None
        }
    }
}

/// A reason phrase or an alias: the Reason-Phrase grammar (RFC 3261 §25.1), and single
/// spaces between words, as lookups and `Display` rely on.
fn check_phrase(phrase: &Located<String>, what: &str, diagnostics: &mut Diagnostics) {
    if let Some((character, why)) = lexical::first_invalid_phrase_character(&phrase.value) {
        diagnostics.push(
            Problem::new(
                phrase.span.clone(),
                format!(
                    "{what} {:?} contains {}, {why}",
                    phrase.value,
                    lexical::describe_character(character)
                ),
                "not allowed in a Reason-Phrase",
            )
            .help(
                "a Reason-Phrase (RFC 3261 §25.1) allows letters, digits, spaces, tabs, non-ASCII text, \
                 `-_.!~*'()`, `;/?:@&=+$,` and `%` followed by two hex digits",
            ),
        );
        return;
    }
    if let Some((why, _)) = lexical::blank_problem(&phrase.value) {
        diagnostics.push(
            Problem::new(
                phrase.span.clone(),
                format!("{what} {:?} {why}", phrase.value),
                "blanks are single spaces between words",
            )
            .help(format!(
                "write {:?}: `Display` writes the phrase as it is, and lookups trim and fold blanks in what they are given",
                phrase.value.split_whitespace().collect::<Vec<_>>().join(" ")
            )),
        );
    }
}

/// `rfc` and `section`, wherever a fact is cited: `rfc` like "RFC 3261", `section` like
/// "21.4.24" and only with an `rfc`. `None` when either is malformed.
pub fn check_citation(
    rfc: Option<&Located<String>>,
    section: Option<&Located<String>>,
    diagnostics: &mut Diagnostics,
) -> Option<Citation> {
    let rfc_valid = rfc.is_none_or(|rfc| check_rfc(rfc, diagnostics));
    let section_valid = section.is_none_or(|section| check_section(section, rfc.is_some(), diagnostics));
    (rfc_valid && section_valid).then(|| Citation {
        rfc: rfc.map(|rfc| rfc.value.clone()),
        section: section.map(|section| section.value.clone()),
    })
}

fn check_rfc(rfc: &Located<String>, diagnostics: &mut Diagnostics) -> bool {
    let number = rfc.value.strip_prefix("RFC ");
    let valid = number.is_some_and(|number| {
        !number.is_empty() && !number.starts_with('0') && number.chars().all(|digit| digit.is_ascii_digit())
    });
    if !valid {
        diagnostics.push(
            Problem::new(
                rfc.span.clone(),
                format!("`rfc` must look like \"RFC 3261\", found {:?}", rfc.value),
                "not of the form `RFC <number>`",
            )
            .help("write `RFC`, one space, and the RFC's number"),
        );
    }
    valid
}

fn check_section(section: &Located<String>, has_rfc: bool, diagnostics: &mut Diagnostics) -> bool {
    let valid = !section.value.is_empty()
        && section
            .value
            .split('.')
            .all(|part| !part.is_empty() && part.chars().all(|c| c.is_ascii_alphanumeric()));
    if !valid {
        diagnostics.push(
            Problem::new(
                section.span.clone(),
                format!("`section` must look like \"21.4.24\", found {:?}", section.value),
                "not a section number",
            )
            .help("write the section number alone, parts separated by dots"),
        );
        return false;
    }
    if !has_rfc {
        diagnostics.push(
            Problem::new(
                section.span.clone(),
                "`section` is given without `rfc`",
                "section of which RFC?",
            )
            .help("add `rfc = \"RFC <number>\"`, or remove `section`"),
        );
        return false;
    }
    true
}

fn check_registration(table: &CodeTable, label: &str, diagnostics: &mut Diagnostics) -> (Registration, Option<String>) {
    let status = match table
        .registration
        .as_ref()
        .map(|status| (status.value.as_str(), status))
    {
        None | Some(("current", _)) => Registration::Current,
        Some(("deprecated", _)) => Registration::Deprecated,
        Some(("obsolete", _)) => Registration::Obsolete,
        Some((other, status)) => {
            diagnostics.push(
                Problem::new(
                    status.span.clone(),
                    format!("unknown registration {other:?}"),
                    "unknown registration",
                )
                .help("use \"current\" (the default), \"deprecated\" or \"obsolete\""),
            );
            return (Registration::Current, None);
        }
    };
    let deprecation = match (status, &table.deprecation) {
        (Registration::Current, None) => None,
        (Registration::Current, Some(note)) => {
            diagnostics.push(
                Problem::new(
                    note.span.clone(),
                    format!("{label} is current but has a `deprecation` note"),
                    "only for deprecated or obsolete codes",
                )
                .help("set `registration = \"deprecated\"` or `\"obsolete\"`, or remove the note"),
            );
            None
        }
        (_, Some(note)) if !note.value.trim().is_empty() && !note.value.contains(['\r', '\n']) => {
            Some(note.value.clone())
        }
        (_, Some(note)) => {
            diagnostics.push(
                Problem::new(
                    note.span.clone(),
                    "`deprecation` must be one non-empty line",
                    "empty or several lines",
                )
                .help("say in one sentence what replaced the code"),
            );
            None
        }
        (_, None) => {
            let span = table
                .registration
                .as_ref()
                .map_or(table.span.clone(), |status| status.span.clone());
            diagnostics.push(
                Problem::new(
                    span,
                    format!("{label} is not current but has no `deprecation` note"),
                    "says nothing of what replaced it",
                )
                .help(
                    "add `deprecation = \"...\"`: one sentence saying what replaced the code or what to send instead",
                ),
            );
            None
        }
    };
    (status, deprecation)
}

/// `treat_as` on its own: a deprecated or obsolete code, a valid target of the same class
/// other than the code itself, and (in sipcodes' own table) a citation. Whether the target
/// is in the table is checked across entries.
fn check_treat_as(
    treat_as: &TreatAsTable,
    code: Option<u16>,
    status: Registration,
    label: &str,
    mode: Mode<'_>,
    diagnostics: &mut Diagnostics,
) -> Option<TreatAs> {
    let before = diagnostics.problems().len();
    let place = TablePlace("`treat_as`", &treat_as.span, &treat_as.reported);
    let target = check_code(treat_as.code.as_ref(), &place, diagnostics);
    let citation = check_citation(treat_as.rfc.as_ref(), treat_as.section.as_ref(), diagnostics);
    if let (Mode::Standard, None) = (mode, &treat_as.rfc) {
        missing_key("rfc", &place, diagnostics);
    }
    if status == Registration::Current {
        diagnostics.push(
            Problem::new(
                treat_as.span.clone(),
                format!("{label} is current, so a receiver acts on it as itself"),
                "only for deprecated or obsolete codes",
            )
            .help("remove `treat_as`, or set `registration` and `deprecation`"),
        );
    }
    if let (Some(code), Some(target), Some(target_span)) = (code, target, treat_as.code.as_ref().map(|c| &c.span)) {
        if code == target {
            diagnostics.push(
                Problem::new(
                    target_span.clone(),
                    format!("{label} is treated as itself"),
                    "the same code",
                )
                .help("name the registered code a receiver acts on instead"),
            );
        } else if code / 100 != target / 100 {
            diagnostics.push(
                Problem::new(
                    target_span.clone(),
                    format!("{label} would be treated as {target}, a code of another class"),
                    "another class",
                )
                .help(format!(
                    "a received code keeps its class (RFC 3261 §8.1.3.2): name a {}xx code",
                    code / 100
                )),
            );
        }
    }
    if diagnostics.problems().len() > before {
        return None;
    }
    Some(TreatAs {
        target: target?,
        citation: citation?,
    })
}

fn check_name(table: &CodeTable, label: &str, diagnostics: &mut Diagnostics) -> Option<String> {
    if let Some(name) = &table.name {
        return match lexical::invalid_variant_name(&name.value) {
            None => Some(name.value.clone()),
            Some(why) => {
                diagnostics.push(
                    Problem::new(
                        name.span.clone(),
                        format!("`name` {:?} {why}", name.value),
                        "not a usable variant name",
                    )
                    .help(format!(
                        "use an UpperCamelCase Rust identifier such as `{}`",
                        lexical::suggested_name(&name.value)
                    )),
                );
                None
            }
        };
    }
    let reason = table.reason_phrase.as_ref()?;
    if reason.value.trim().is_empty() {
        return None;
    }
    let derived = lexical::variant_name(&reason.value);
    if let Some((offset, letter)) = lexical::first_dropped_letter(&reason.value) {
        diagnostics.push(
            Problem::new(
                phrase_span(reason, offset),
                format!(
                    "the variant name derived from the reason phrase {:?} would drop `{letter}`",
                    reason.value
                ),
                "not an ASCII letter",
            )
            .help(format!(
                "a variant name is made of ASCII letters and digits only; give {label} an explicit `name = \"...\"`{}",
                if derived.is_empty() {
                    String::new()
                } else {
                    format!(" (not `{derived}`)")
                }
            )),
        );
        return None;
    }
    match lexical::invalid_variant_name(&derived) {
        None => Some(derived),
        Some(why) => {
            diagnostics.push(
                Problem::new(
                    reason.span.clone(),
                    format!("the variant name derived from the reason phrase, {derived:?}, {why}"),
                    "no usable variant name",
                )
                .help(format!("give {label} an explicit `name = \"...\"`")),
            );
            None
        }
    }
}

/// Where a character of a phrase stands in the TOML: inside the quotes when the string is
/// written plainly, else the whole string.
fn phrase_span(phrase: &Located<String>, offset: usize) -> Range<usize> {
    let inside = phrase.span.start + 1 + offset;
    let plain = phrase.span.len() == phrase.value.len() + 2;
    match phrase.value[offset..].chars().next() {
        Some(character) if plain => inside..inside + character.len_utf8(),
        _ => phrase.span.clone(),
    }
}

fn check_aliases(table: &CodeTable, diagnostics: &mut Diagnostics) -> Vec<String> {
    let Some(aliases) = &table.aliases else {
        return Vec::new();
    };
    let mut valid = Vec::new();
    for alias in &aliases.value {
        if alias.value.trim().is_empty() {
            diagnostics.push(Problem::new(alias.span.clone(), "an alias is empty", "empty").help("remove it"));
            continue;
        }
        check_phrase(alias, "alias", diagnostics);
        if let Some(reason) = table
            .reason_phrase
            .as_ref()
            .filter(|reason| reason.value.eq_ignore_ascii_case(&alias.value))
        {
            diagnostics.push(
                Problem::new(
                    alias.span.clone(),
                    format!("alias {:?} is the reason phrase again", alias.value),
                    "same as the reason phrase",
                )
                .note(reason.span.clone(), "reason phrase")
                .help("remove it: lookups by phrase already ignore ASCII case"),
            );
            continue;
        }
        valid.push(alias.value.clone());
    }
    valid
}
