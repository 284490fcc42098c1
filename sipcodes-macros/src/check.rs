//! Every rule about a codes table. Takes the mirror from `model.rs`, reports every broken
//! rule with its location, and returns the checked table that `expand.rs` turns into tokens.

use std::ops::Range;

use crate::diagnostic::{Diagnostics, Problem};
use crate::model::{ClassTable, CodeTable, Document, Located};

/// Which kind of table is being checked.
#[derive(Debug, Clone, Copy)]
pub enum Mode<'a> {
    /// sipcodes' own table: the six classes are described, and the
    /// codes `StatusCode::canonical` falls back on must exist.
    Standard,
    /// A user's table, checked against sipcodes' own table.
    Custom { standard: &'a Table },
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
    pub retry: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub code: u16,
    /// The Rust variant name.
    pub name: String,
    pub reason: String,
    pub description: String,
    pub rfc: Option<String>,
    pub section: Option<String>,
    pub status: Status,
    pub deprecation: Option<String>,
    pub aliases: Vec<String>,
    /// Where the entry came from: the user's own file, or sipcodes' standard table.
    pub origin: Origin,
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
    /// Written in the file, replacing the standard entry for the same code.
    Override,
    /// Taken from sipcodes' standard table (`include_standard = true`).
    Standard,
}

/// Codes `StatusCode::canonical` maps unregistered codes onto (RFC 3261 §8.1.3.2).
pub const CANONICAL_FALLBACKS: [u16; 6] = [183, 200, 300, 400, 500, 600];

const CLASS_KEYS: [&str; 6] = ["1xx", "2xx", "3xx", "4xx", "5xx", "6xx"];

/// Checks `document` against every rule, reporting all problems to `diagnostics`.
/// Returns `None` when any rule is broken.
pub fn check(document: &Document, source: &str, mode: Mode<'_>, diagnostics: &mut Diagnostics) -> Option<Table> {
    let before = diagnostics.problems().len();
    let classes = check_classes(document, mode, diagnostics);
    check_include_standard(document, mode, diagnostics);
    // A syntax error, or a `code` key of the wrong type, is already reported and explains
    // why no code was read; `code = []` is not, and is a table without codes.
    if document.codes.is_empty() && !document.has_syntax_errors && !document.codes_rejected {
        let what = if source.trim().is_empty() {
            "the file is empty"
        } else {
            "the file defines no codes"
        };
        diagnostics.push(
            Problem::new(
                0..0,
                format!("{what}: a codes table needs at least one [[code]] table"),
                "",
            )
            .help("add a `[[code]]` table with at least `code`, `reason` and `description`"),
        );
    }
    let mut entries: Vec<(Entry, &CodeTable)> = document
        .codes
        .iter()
        .filter_map(|table| check_entry(table, mode, diagnostics).map(|entry| (entry, table)))
        .collect();
    check_duplicate_codes(&document.codes, diagnostics);
    check_overrides(&entries, mode, diagnostics);
    let mut merged = merge_standard(document, mode, &mut entries);
    check_unique_names(&merged, diagnostics);
    check_unique_phrases(&merged, diagnostics);
    if let Mode::Standard = mode {
        check_canonical_fallbacks(&merged, diagnostics);
    }
    if diagnostics.problems().len() > before {
        return None;
    }
    merged.sort_by_key(|(entry, _)| entry.code);
    Some(Table {
        classes,
        entries: merged.into_iter().map(|(entry, _)| entry).collect(),
    })
}

fn check_classes(document: &Document, mode: Mode<'_>, diagnostics: &mut Diagnostics) -> Option<Vec<Class>> {
    match (mode, &document.classes) {
        (Mode::Custom { .. }, None) => None,
        (Mode::Custom { .. }, Some(classes)) => {
            diagnostics.push(
                Problem::new(
                    classes.span.clone(),
                    "a custom codes table cannot describe classes",
                    "not allowed here",
                )
                .help("the six classes are described once, in sipcodes' own codes.toml; remove this table"),
            );
            None
        }
        (Mode::Standard, None) => {
            diagnostics.push(
                Problem::new(0..0, "the classes are not described", "")
                    .help("add six tables `[class.1xx]` … `[class.6xx]`, each with `name`, `description` and `retry`"),
            );
            None
        }
        (Mode::Standard, Some(classes)) => {
            let mut found: Vec<Option<Class>> = vec![None; 6];
            for table in &classes.value {
                let Some(position) = CLASS_KEYS.iter().position(|key| *key == table.key.value) else {
                    diagnostics.push(
                        Problem::new(
                            table.key.span.clone(),
                            format!("`class.{}` is not a SIP response class", table.key.value),
                            "no such class",
                        )
                        .help("the classes are `1xx` to `6xx` (RFC 3261 §7.2); remove or rename this table"),
                    );
                    continue;
                };
                if let (Some(class), Some(slot)) = (check_class(table, position, diagnostics), found.get_mut(position))
                {
                    *slot = Some(class);
                }
            }
            for (key, class) in CLASS_KEYS.iter().zip(&found) {
                let described = classes.value.iter().any(|table| table.key.value == *key);
                if class.is_none() && !described {
                    diagnostics.push(
                        Problem::new(
                            classes.span.clone(),
                            format!("class `{key}` is not described"),
                            "the classes are described here",
                        )
                        .help(format!(
                            "add a `[class.{key}]` table with `name`, `description` and `retry`"
                        )),
                    );
                }
            }
            found.into_iter().collect()
        }
    }
}

fn check_class(table: &ClassTable, position: usize, diagnostics: &mut Diagnostics) -> Option<Class> {
    let context = format!("[class.{}]", table.key.value);
    let place = TablePlace(&context, &table.key.span, &table.reported);
    let name = required_text(table.name.as_ref(), "name", &place, diagnostics);
    let description = required_text(table.description.as_ref(), "description", &place, diagnostics);
    let retry = required_text(table.retry.as_ref(), "retry", &place, diagnostics);
    Some(Class {
        digit: u16::try_from(position + 1).ok()?,
        name: name?,
        description: description?,
        retry: retry?,
    })
}

fn check_include_standard(document: &Document, mode: Mode<'_>, diagnostics: &mut Diagnostics) {
    if let (Mode::Standard, Some(flag)) = (mode, &document.include_standard) {
        diagnostics.push(
            Problem::new(
                flag.span.clone(),
                "`include_standard` has no meaning in sipcodes' own table",
                "not allowed here",
            )
            .help("remove it: this table is the standard"),
        );
    }
}

fn check_entry(table: &CodeTable, mode: Mode<'_>, diagnostics: &mut Diagnostics) -> Option<Entry> {
    let before = diagnostics.problems().len();
    let context = "this [[code]] table";
    let place = TablePlace(context, &table.header, &table.reported);
    let code = check_code(table, &place, diagnostics);
    let label = code.map_or_else(|| "[[code]]".to_owned(), |code| format!("code {code}"));
    // Once the code is known, a missing key names the entry it is missing from.
    let context = code.map_or_else(
        || context.to_owned(),
        |code| format!("the [[code]] table of code {code}"),
    );
    let place = TablePlace(&context, &table.header, &table.reported);
    let reason = required_text(table.reason.as_ref(), "reason", &place, diagnostics);
    if let Some(reason) = &table.reason {
        check_phrase(reason, "reason phrase", diagnostics);
    }
    let description = required_text(table.description.as_ref(), "description", &place, diagnostics);
    // `rfc` may be left out, in sipcodes' own table too, for a private or vendor code no RFC
    // defines (issue 2); the conformance test pins an RFC on every registered code.
    let rfc = check_rfc(table, diagnostics);
    let section = check_section(table, diagnostics);
    let (status, deprecation) = check_status(table, &label, diagnostics);
    let name = check_name(table, &label, diagnostics);
    let aliases = check_aliases(table, diagnostics);
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
        reason: reason?,
        description: description?,
        rfc,
        section,
        status,
        deprecation,
        aliases,
        origin,
    })
}

fn check_code(table: &CodeTable, place: &TablePlace<'_>, diagnostics: &mut Diagnostics) -> Option<u16> {
    let Some(code) = &table.code else {
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

/// A table being checked: how to name it, where it starts, and which of its keys already
/// have a problem reported (a wrong type, or a misspelling).
struct TablePlace<'a>(&'a str, &'a Range<usize>, &'a [&'static str]);

fn required_text(
    value: Option<&Located<String>>,
    key: &'static str,
    place: &TablePlace<'_>,
    diagnostics: &mut Diagnostics,
) -> Option<String> {
    let Some(value) = value else {
        missing_key(key, place, diagnostics);
        return None;
    };
    if value.value.trim().is_empty() {
        diagnostics.push(
            Problem::new(value.span.clone(), format!("`{key}` is empty"), "empty")
                .help(format!("write the {key} here")),
        );
        return None;
    }
    Some(value.value.clone())
}

/// Reports `key` as missing, unless its problem is already reported: a misspelled `reson`
/// is one mistake, not two.
fn missing_key(key: &'static str, place: &TablePlace<'_>, diagnostics: &mut Diagnostics) {
    let TablePlace(context, header, reported) = *place;
    if reported.contains(&key) {
        return;
    }
    diagnostics.push(
        Problem::new(
            header.clone(),
            format!("missing key `{key}` in {context}"),
            format!("`{key}` is required"),
        )
        .help(format!(
            "add a line `{key} = {}` to the table that starts here",
            example_value(key)
        )),
    );
}

/// How the value of a required key is written, for a help line.
fn example_value(key: &str) -> &'static str {
    match key {
        "code" => "<status code>",
        "rfc" => "\"RFC <number>\"",
        _ => "\"...\"",
    }
}

/// RFC 3261 §25.1: `Reason-Phrase = *(reserved / unreserved / escaped / UTF8-NONASCII /
/// UTF8-CONT / SP / HTAB)`.
fn check_phrase(phrase: &Located<String>, what: &str, diagnostics: &mut Diagnostics) {
    if let Some((character, why)) = first_invalid_phrase_character(&phrase.value) {
        diagnostics.push(
            Problem::new(
                phrase.span.clone(),
                format!(
                    "{what} {:?} contains {}, {why}",
                    phrase.value,
                    describe_character(character)
                ),
                "not allowed in a Reason-Phrase",
            )
            .help(
                "a Reason-Phrase (RFC 3261 §25.1) allows letters, digits, spaces, tabs, non-ASCII text, \
                 `-_.!~*'()`, `;/?:@&=+$,` and `%` followed by two hex digits",
            ),
        );
    }
}

/// The first character RFC 3261's Reason-Phrase rule does not allow, and why.
pub fn first_invalid_phrase_character(phrase: &str) -> Option<(char, &'static str)> {
    let mut characters = phrase.chars();
    while let Some(character) = characters.next() {
        let allowed = match character {
            '%' => {
                let escape: String = characters.clone().take(2).collect();
                if escape.len() == 2 && escape.chars().all(|digit| digit.is_ascii_hexdigit()) {
                    characters.nth(1);
                    continue;
                }
                return Some((character, "which must be followed by two hex digits (`%HH`)"));
            }
            // SP / HTAB, `reserved`, and the `mark` half of `unreserved`.
            ' ' | '\t' | ';' | '/' | '?' | ':' | '@' | '&' | '=' | '+' | '$' | ',' | '-' | '_' | '.' | '!' | '~'
            | '*' | '\'' | '(' | ')' => true,
            _ if character.is_ascii_alphanumeric() => true,
            // Also C1 controls (U+0080–U+009F): the grammar's UTF8-NONASCII would let them
            // through, but a code table has no reason to carry them.
            _ if character.is_control() => return Some((character, "which a Reason-Phrase may not contain")),
            _ => !character.is_ascii(),
        };
        if !allowed {
            return Some((character, "which the Reason-Phrase grammar does not allow"));
        }
    }
    None
}

fn describe_character(character: char) -> String {
    match character {
        '\r' => "a carriage return (CR)".to_owned(),
        '\n' => "a line feed (LF)".to_owned(),
        _ if character.is_control() => {
            format!("the control character U+{:04X}", u32::from(character))
        }
        _ => format!("`{character}`"),
    }
}

fn check_rfc(table: &CodeTable, diagnostics: &mut Diagnostics) -> Option<String> {
    // `rfc` may be left out for private or vendor codes that no RFC defines.
    let Some(rfc) = &table.rfc else {
        return None;
    };
    let number = rfc.value.strip_prefix("RFC ");
    let valid = number.is_some_and(|number| {
        !number.is_empty() && !number.starts_with('0') && number.chars().all(|digit| digit.is_ascii_digit())
    });
    if valid {
        Some(rfc.value.clone())
    } else {
        diagnostics.push(
            Problem::new(
                rfc.span.clone(),
                format!("`rfc` must look like \"RFC 3261\", found {:?}", rfc.value),
                "not of the form `RFC <number>`",
            )
            .help("write `RFC`, one space, and the RFC's number"),
        );
        None
    }
}

fn check_section(table: &CodeTable, diagnostics: &mut Diagnostics) -> Option<String> {
    let section = table.section.as_ref()?;
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
        return None;
    }
    if table.rfc.is_none() {
        diagnostics.push(
            Problem::new(
                section.span.clone(),
                "`section` is given without `rfc`",
                "section of which RFC?",
            )
            .help("add `rfc = \"RFC <number>\"`, or remove `section`"),
        );
        return None;
    }
    Some(section.value.clone())
}

fn check_status(table: &CodeTable, label: &str, diagnostics: &mut Diagnostics) -> (Status, Option<String>) {
    let status = match table.status.as_ref().map(|status| (status.value.as_str(), status)) {
        None | Some(("current", _)) => Status::Current,
        Some(("deprecated", _)) => Status::Deprecated,
        Some(("obsolete", _)) => Status::Obsolete,
        Some((other, status)) => {
            diagnostics.push(
                Problem::new(
                    status.span.clone(),
                    format!("unknown status {other:?}"),
                    "unknown status",
                )
                .help("use \"current\" (the default), \"deprecated\" or \"obsolete\""),
            );
            return (Status::Current, None);
        }
    };
    let deprecation = match (status, &table.deprecation) {
        (Status::Current, None) => None,
        (Status::Current, Some(note)) => {
            diagnostics.push(
                Problem::new(
                    note.span.clone(),
                    format!("{label} is current but has a `deprecation` note"),
                    "only for deprecated or obsolete codes",
                )
                .help("set `status = \"deprecated\"` or `\"obsolete\"`, or remove the note"),
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
                .status
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

fn check_name(table: &CodeTable, label: &str, diagnostics: &mut Diagnostics) -> Option<String> {
    if let Some(name) = &table.name {
        return match invalid_variant_name(&name.value) {
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
                        suggested_name(&name.value)
                    )),
                );
                None
            }
        };
    }
    let reason = table.reason.as_ref()?;
    let derived = variant_name(&reason.value);
    match invalid_variant_name(&derived) {
        None => Some(derived),
        Some(why) if !reason.value.trim().is_empty() => {
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
        Some(_) => None,
    }
}

/// A usable variant name close to a rejected `name`, for the help line.
fn suggested_name(rejected: &str) -> String {
    let camel = variant_name(rejected);
    if invalid_variant_name(&camel).is_none() {
        camel
    } else {
        "BusyHere".to_owned()
    }
}

/// `UpperCamelCase` of a reason phrase: every run of ASCII letters and digits is a word.
pub fn variant_name(reason: &str) -> String {
    reason
        .split(|character: char| !character.is_ascii_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(|word| {
            let mut characters = word.chars();
            let first = characters.next().map(|first| first.to_ascii_uppercase());
            first
                .into_iter()
                .chain(characters.map(|rest| rest.to_ascii_lowercase()))
                .collect::<String>()
        })
        .collect()
}

/// Why `name` cannot be a variant of the generated enum, if it cannot.
pub fn invalid_variant_name(name: &str) -> Option<&'static str> {
    const KEYWORDS: &[&str] = &[
        "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern", "false", "fn",
        "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "self",
        "Self", "static", "struct", "super", "trait", "true", "type", "unsafe", "use", "where", "while", "abstract",
        "become", "box", "do", "final", "macro", "override", "priv", "typeof", "unsized", "virtual", "yield", "try",
    ];
    if name.is_empty() {
        return Some("is empty");
    }
    if KEYWORDS.contains(&name) {
        return Some("is a Rust keyword");
    }
    if !name
        .chars()
        .all(|character| character.is_ascii_alphanumeric() || character == '_')
    {
        return Some("is not a valid Rust identifier (ASCII letters, digits and `_` only)");
    }
    if name.starts_with(|character: char| character.is_ascii_digit()) {
        return Some("is not a valid Rust identifier (it starts with a digit)");
    }
    if !name.starts_with(|character: char| character.is_ascii_uppercase()) || name.contains('_') {
        return Some("is not UpperCamelCase, as enum variants are named");
    }
    if name == "ALL" {
        return Some("would clash with the generated `ALL` constant");
    }
    None
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
            .reason
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

fn check_duplicate_codes(codes: &[CodeTable], diagnostics: &mut Diagnostics) {
    // A linear search: tables are a few hundred codes, and a map type would cost the macro
    // crate compile time (BENCHMARKS.md) for nothing measurable.
    let mut first_seen: Vec<(i64, &Range<usize>)> = Vec::new();
    for code in codes.iter().filter_map(|table| table.code.as_ref()) {
        if let Some((_, first)) = first_seen.iter().find(|(seen, _)| *seen == code.value) {
            diagnostics.push(
                Problem::new(
                    code.span.clone(),
                    format!("code {} is given twice", code.value),
                    "given again here",
                )
                .note((*first).clone(), "first given here")
                .help("remove one of the two entries, or merge them"),
            );
        } else {
            first_seen.push((code.value, &code.span));
        }
    }
}

/// In a custom table, reusing a standard code must be deliberate, and `override` must
/// replace something.
fn check_overrides(entries: &[(Entry, &CodeTable)], mode: Mode<'_>, diagnostics: &mut Diagnostics) {
    let Mode::Custom { standard } = mode else {
        return;
    };
    for (entry, table) in entries {
        let registered = standard.entries.iter().find(|standard| standard.code == entry.code);
        match (registered, entry.origin, &table.code) {
            (Some(registered), Origin::Own, Some(code)) => diagnostics.push(
                Problem::new(code.span.clone(), format!("code {} is already registered as {} {}", entry.code, registered.code, registered.reason), "registered code")
                    .help("to replace the registered entry, add `override = true` to this table; otherwise pick an unregistered code"),
            ),
            (None, Origin::Override, _) => {
                if let Some(flag) = &table.overrides {
                    diagnostics.push(
                        Problem::new(flag.span.clone(), format!("code {} overrides nothing: it is not registered", entry.code), "nothing to override")
                            .help("remove `override = true`"),
                    );
                }
            }
            _ => {}
        }
    }
}

/// With `include_standard = true`, the standard entries join the table, minus overridden ones.
fn merge_standard<'a>(
    document: &Document,
    mode: Mode<'a>,
    entries: &mut Vec<(Entry, &'a CodeTable)>,
) -> Vec<(Entry, Option<&'a CodeTable>)>
where
    'a: 'a,
{
    let mut merged: Vec<(Entry, Option<&CodeTable>)> = Vec::new();
    if let (Mode::Custom { standard }, Some(flag)) = (mode, &document.include_standard) {
        if flag.value {
            for entry in &standard.entries {
                if !entries.iter().any(|(own, _)| own.code == entry.code) {
                    let mut entry = entry.clone();
                    entry.origin = Origin::Standard;
                    merged.push((entry, None));
                }
            }
        }
    }
    merged.extend(entries.drain(..).map(|(entry, table)| (entry, Some(table))));
    merged
}

fn check_unique_names(entries: &[(Entry, Option<&CodeTable>)], diagnostics: &mut Diagnostics) {
    // Where a name comes from: the explicit `name`, or else the reason phrase it is derived from.
    let origin_span = |table: &CodeTable| {
        table
            .name
            .as_ref()
            .or(table.reason.as_ref())
            .map_or(table.header.clone(), |value| value.span.clone())
    };
    // A linear search, as in `check_duplicate_codes`.
    let mut seen: Vec<(&Entry, Option<&CodeTable>)> = Vec::new();
    for (entry, table) in entries {
        let Some((first, first_table)) = seen.iter().find(|(first, _)| first.name == entry.name) else {
            seen.push((entry, *table));
            continue;
        };
        let Some(table) = table else { continue };
        if first.code == entry.code {
            // The same code given twice: that is reported once, as a duplicate code.
            continue;
        }
        let how = if table.name.is_some() {
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
                entry.code, entry.name, first.code, first.reason
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

/// `from_reason` must be unambiguous: an alias may not equal any other code's phrase or alias.
/// Two official phrases may coincide (406 and 606 are both "Not Acceptable"); the lower code wins.
fn check_unique_phrases(entries: &[(Entry, Option<&CodeTable>)], diagnostics: &mut Diagnostics) {
    for (entry, table) in entries {
        let Some(table) = table else { continue };
        let Some(aliases) = &table.aliases else {
            continue;
        };
        for alias in &aliases.value {
            let clash = entries
                .iter()
                .filter(|(other, _)| other.code != entry.code)
                .find_map(|(other, other_table)| phrase_use(other, *other_table, &alias.value));
            if let Some((clash, place)) = clash {
                let mut problem = Problem::new(
                    alias.span.clone(),
                    format!("alias {:?} of code {} is also {clash}", alias.value, entry.code),
                    "ambiguous alias",
                );
                if let Some(place) = place {
                    problem = problem.note(place, "the same phrase here");
                }
                diagnostics.push(
                    problem.help(
                        "`from_reason` must find one code per phrase: remove the alias from one of the two codes",
                    ),
                );
            }
        }
    }
}

/// How `other` uses `phrase` (in any ASCII case), as its reason phrase or as one of its
/// aliases, and where its table writes it if the entry comes from this file.
fn phrase_use(other: &Entry, other_table: Option<&CodeTable>, phrase: &str) -> Option<(String, Option<Range<usize>>)> {
    let same = |text: &str| text.eq_ignore_ascii_case(phrase);
    if same(&other.reason) {
        let place = other_table.and_then(|table| table.reason.as_ref());
        return Some((
            format!("the reason phrase of {} {}", other.code, other.reason),
            place.map(|reason| reason.span.clone()),
        ));
    }
    // The entry's aliases are the valid ones; its table's may hold rejected ones too, so it is
    // searched for the place only.
    if !other.aliases.iter().any(|alias| same(alias)) {
        return None;
    }
    let place = other_table
        .and_then(|table| table.aliases.as_ref())
        .and_then(|aliases| aliases.value.iter().find(|alias| same(&alias.value)));
    Some((
        format!("an alias of {} {}", other.code, other.reason),
        place.map(|alias| alias.span.clone()),
    ))
}

fn check_canonical_fallbacks(entries: &[(Entry, Option<&CodeTable>)], diagnostics: &mut Diagnostics) {
    for code in CANONICAL_FALLBACKS {
        if !entries.iter().any(|(entry, _)| entry.code == code) {
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The messages `load_table` gives for `source` as a custom table, in order.
    #[allow(clippy::panic, reason = "a test fails by panicking")]
    fn messages(source: &str) -> Vec<String> {
        let standard = crate::standard_table().unwrap_or_else(|_| panic!("the standard table must load"));
        match crate::load_table(source, Mode::Custom { standard: &standard }) {
            Ok(_) => Vec::new(),
            Err(problems) => problems.into_iter().map(|(problem, _, _)| problem.message).collect(),
        }
    }

    #[test]
    fn one_mistake_is_one_message() {
        // The key lost to a syntax error is not also reported missing.
        assert_eq!(
            messages("[[code]]\ncode 499\nreason = \"Spam\"\ndescription = \"d\"\n"),
            ["TOML syntax error: key with no value, expected `=`"]
        );
        // A `code` of the wrong type is not also "no codes".
        assert_eq!(
            messages("code = 499\n"),
            ["`code` must be an array of `[[code]]` tables, found an integer"]
        );
        // An empty array of code tables is a table without codes, not a wrong type.
        assert_eq!(
            messages("code = []\n"),
            ["the file defines no codes: a codes table needs at least one [[code]] table"]
        );
        // A code given twice is not also a duplicate variant name.
        let entry = "[[code]]\ncode = 499\nreason = \"Spam\"\ndescription = \"d\"\n";
        assert_eq!(messages(&entry.repeat(2)), ["code 499 is given twice"]);
        // Keys really missing from an undamaged table are still reported.
        assert_eq!(
            messages("[[code]]\ncode = 499\n\n[[code]]\ncode 498\n"),
            [
                "missing key `reason` in the [[code]] table of code 499",
                "missing key `description` in the [[code]] table of code 499",
                "TOML syntax error: key with no value, expected `=`",
            ]
        );
    }

    #[test]
    fn variant_names_are_upper_camel_case() {
        assert_eq!(variant_name("Busy Here"), "BusyHere");
        assert_eq!(variant_name("OK"), "Ok");
        assert_eq!(variant_name("Request-URI Too Long"), "RequestUriTooLong");
        assert_eq!(
            variant_name("Call/Transaction Does Not Exist"),
            "CallTransactionDoesNotExist"
        );
        assert_eq!(variant_name("Server Time-out"), "ServerTimeOut");
        assert_eq!(variant_name("Bad Identity-Info"), "BadIdentityInfo");
        assert_eq!(variant_name("Max-Breadth Exceeded"), "MaxBreadthExceeded");
        assert_eq!(variant_name("Überfall"), "Berfall");
    }

    #[test]
    fn invalid_names_say_why() {
        assert_eq!(invalid_variant_name("BusyHere"), None);
        assert_eq!(invalid_variant_name("Self"), Some("is a Rust keyword"));
        assert_eq!(invalid_variant_name("match"), Some("is a Rust keyword"));
        assert!(invalid_variant_name("4xx").is_some_and(|why| why.contains("digit")));
        assert!(invalid_variant_name("Busy Here").is_some_and(|why| why.contains("identifier")));
        assert!(invalid_variant_name("busy_here").is_some_and(|why| why.contains("UpperCamelCase")));
        assert!(invalid_variant_name("").is_some());
        assert!(invalid_variant_name("ALL").is_some());
    }

    #[test]
    fn reason_phrase_grammar() {
        assert_eq!(first_invalid_phrase_character("Busy Here"), None);
        assert_eq!(first_invalid_phrase_character("Call/Transaction Does Not Exist"), None);
        assert_eq!(
            first_invalid_phrase_character("Besetzt ☎ %E2%98%8E (bitte später)"),
            None
        );
        assert_eq!(first_invalid_phrase_character("tab\there"), None);
        assert_eq!(
            first_invalid_phrase_character("Busy\r\nHere").map(|(c, _)| c),
            Some('\r')
        );
        assert_eq!(
            first_invalid_phrase_character("Busy\u{7f}").map(|(c, _)| c),
            Some('\u{7f}')
        );
        assert_eq!(first_invalid_phrase_character("100%").map(|(c, _)| c), Some('%'));
        assert_eq!(first_invalid_phrase_character("%4").map(|(c, _)| c), Some('%'));
        assert_eq!(first_invalid_phrase_character("say \"hi\"").map(|(c, _)| c), Some('"'));
        assert_eq!(first_invalid_phrase_character("<busy>").map(|(c, _)| c), Some('<'));
    }
}
