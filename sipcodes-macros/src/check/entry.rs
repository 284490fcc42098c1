//! The keys of one `[[code]]` table, each on its own.

use std::ops::Range;

use crate::check::citation::check_citation;
use crate::check::{TablePlace, check_variant_name, check_word, facts, missing_key, required_text};
use crate::diagnostic::{Diagnostics, Problem};
use crate::lexical;
use crate::schema::{Located, Record};
use crate::table::{Entry, Origin, Registration, TableKind, TreatAs};

pub fn check_entry(table: &Record, kind: TableKind<'_>, diagnostics: &mut Diagnostics) -> Option<Entry> {
    let checkpoint = diagnostics.checkpoint();
    let context = "this [[code]] table";
    let place = TablePlace {
        name: context,
        header: &table.header,
        reported: &table.reported,
    };
    let code = check_code(table.integer("code"), &place, diagnostics);
    let label = code.map_or_else(|| "[[code]]".to_owned(), |code| format!("code {code}"));
    // Once the code is known, a missing key names the entry it is missing from.
    let context = code.map_or_else(
        || context.to_owned(),
        |code| format!("the [[code]] table of code {code}"),
    );
    let place = TablePlace {
        name: &context,
        header: &table.header,
        reported: &table.reported,
    };
    let reason = required_text(table.text("reason_phrase"), "reason_phrase", &place, diagnostics);
    if let Some(reason) = table.text("reason_phrase") {
        check_phrase(reason, "reason phrase", diagnostics);
    }
    let description = required_text(table.text("description"), "description", &place, diagnostics);
    // `rfc` may be left out, in sipcodes' own table too, for a private or vendor code no RFC
    // defines; the conformance test pins an RFC on every registered code.
    let citation = check_citation(table.text("rfc"), table.text("section"), diagnostics);
    let (registration, deprecation) = check_registration(table, &label, diagnostics);
    let treat_as = table
        .table("treat_as")
        .and_then(|treat_as| check_treat_as(treat_as, code, registration, &label, kind, diagnostics));
    let name = check_name(table, &label, diagnostics);
    let aliases = check_aliases(table, diagnostics);
    let header_rules = facts::check_header_rules(table, &label, diagnostics);
    // Checked when given; a broken one has reported its problems, so the entry is not built.
    let client_reaction = table
        .table("client_reaction")
        .and_then(|reaction| facts::check_client_reaction(reaction, &label, diagnostics));
    if let (TableKind::Standard, Some(flag)) = (kind, table.flag("override")) {
        diagnostics.push(
            Problem::new(
                flag.span.clone(),
                "`override` has no meaning in sipcodes' own table",
                "not allowed here",
            )
            .help("remove it: there is no other table to override"),
        );
    }
    if diagnostics.any_since(checkpoint) {
        return None;
    }
    let origin = if table.flag("override").is_some_and(|flag| flag.value) {
        Origin::Override
    } else {
        Origin::Own
    };
    Some(Entry {
        code: code?,
        name: name?,
        reason_phrase: reason?,
        description: description?,
        citation: citation.ok()?,
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
            let message = format!("code {} is outside 100–699", code.value);
            let help = "a SIP status code has three digits and its first digit, 1 to 6, is its class (RFC 3261 §7.2)";
            diagnostics.push(Problem::new(code.span.clone(), message, "not a SIP status code").help(help));
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
        let message = format!("{what} {:?} {why}", phrase.value);
        let single_spaced = phrase.value.split_whitespace().collect::<Vec<_>>().join(" ");
        let help = format!(
            "write {single_spaced:?}: `Display` writes the phrase as it is, and lookups trim and fold blanks in what \
             they are given"
        );
        let label = "blanks are single spaces between words";
        diagnostics.push(Problem::new(phrase.span.clone(), message, label).help(help));
    }
}

fn check_registration(table: &Record, label: &str, diagnostics: &mut Diagnostics) -> (Registration, Option<String>) {
    let status = match table.text("registration") {
        None => Registration::Current,
        Some(written) => match check_word(written, diagnostics) {
            Some(registration) => registration,
            None => return (Registration::Current, None),
        },
    };
    let deprecation = match (status, table.text("deprecation")) {
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
                .text("registration")
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
    treat_as: &Record,
    code: Option<u16>,
    status: Registration,
    label: &str,
    kind: TableKind<'_>,
    diagnostics: &mut Diagnostics,
) -> Option<TreatAs> {
    let checkpoint = diagnostics.checkpoint();
    let place = TablePlace {
        name: "`treat_as`",
        header: &treat_as.header,
        reported: &treat_as.reported,
    };
    let target = check_code(treat_as.integer("code"), &place, diagnostics);
    let citation = check_citation(treat_as.text("rfc"), treat_as.text("section"), diagnostics);
    if let (TableKind::Standard, None) = (kind, treat_as.text("rfc")) {
        missing_key("rfc", &place, diagnostics);
    }
    if status == Registration::Current {
        diagnostics.push(
            Problem::new(
                treat_as.header.clone(),
                format!("{label} is current, so a receiver acts on it as itself"),
                "only for deprecated or obsolete codes",
            )
            .help("remove `treat_as`, or set `registration` and `deprecation`"),
        );
    }
    if let (Some(code), Some(target), Some(target_span)) = (code, target, treat_as.integer("code").map(|c| &c.span)) {
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
    if diagnostics.any_since(checkpoint) {
        return None;
    }
    Some(TreatAs {
        target: target?,
        citation: citation.ok()?,
    })
}

fn check_name(table: &Record, label: &str, diagnostics: &mut Diagnostics) -> Option<String> {
    if let Some(name) = table.text("name") {
        return check_variant_name(name, "name", diagnostics);
    }
    let reason = table.text("reason_phrase")?;
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

fn check_aliases(table: &Record, diagnostics: &mut Diagnostics) -> Vec<String> {
    let Some(aliases) = table.texts("aliases") else {
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
            .text("reason_phrase")
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
