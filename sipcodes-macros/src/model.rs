//! The codes TOML as written: a typed mirror of the file with the location of every value.
//!
//! This is a hand walk over `toml`'s spanned `DeTable` rather than a serde derive: it keeps
//! `serde_derive` out of every dependent's build, and it lets one pass report every wrong type
//! and unknown key instead of stopping at the first. Rules about what the values mean live in
//! `check.rs`.

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::diagnostic::{Diagnostics, Problem};

/// A value and where it was written (byte range in the TOML source).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located<T> {
    pub value: T,
    pub span: Range<usize>,
}

/// The whole file.
#[derive(Debug, Default)]
pub struct Document {
    /// `[class.1xx]` … `[class.6xx]`, with the span of the `class` key.
    pub classes: Option<Located<Vec<ClassTable>>>,
    /// `include_standard = true`: also generate every code of sipcodes' own table.
    pub include_standard: Option<Located<bool>>,
    /// `[[code]]` tables, in file order.
    pub codes: Vec<CodeTable>,
    /// The TOML did not parse cleanly. What could be read is still here, but rules about
    /// the file as a whole (it defines no codes, say) would only repeat the syntax error.
    pub has_syntax_errors: bool,
    /// The top-level `code` key, or one of its items, was reported as the wrong type, which
    /// already explains why no code was read.
    pub codes_rejected: bool,
}

/// One `[class.Nxx]` table.
#[derive(Debug)]
pub struct ClassTable {
    /// The `1xx` in `[class.1xx]`.
    pub key: Located<String>,
    /// Keys whose problem (wrong type, misspelled, or a syntax error in the table) is
    /// already reported, so that `check.rs` does not also call them missing.
    pub reported: Vec<&'static str>,
    pub name: Option<Located<String>>,
    pub description: Option<Located<String>>,
    pub advice: Option<Located<String>>,
    /// The reaction of every code of the class without a `[code.client_reaction]`, and its citation.
    pub reaction: Option<Located<String>>,
    pub rfc: Option<Located<String>>,
    pub section: Option<Located<String>>,
}

/// One `[[code]]` table.
#[derive(Debug, Default)]
pub struct CodeTable {
    pub span: Range<usize>,
    /// The `[[code]]` header line, where problems of the whole table point.
    pub header: Range<usize>,
    /// Keys whose problem (wrong type, misspelled, or a syntax error in the table) is
    /// already reported, so that `check.rs` does not also call them missing.
    pub reported: Vec<&'static str>,
    pub code: Option<Located<i64>>,
    pub reason_phrase: Option<Located<String>>,
    pub description: Option<Located<String>>,
    pub rfc: Option<Located<String>>,
    pub section: Option<Located<String>>,
    pub registration: Option<Located<String>>,
    pub deprecation: Option<Located<String>>,
    pub name: Option<Located<String>>,
    pub aliases: Option<Located<Vec<Located<String>>>>,
    pub overrides: Option<Located<bool>>,
    pub treat_as: Option<TreatAsTable>,
    /// `[[code.header_rule]]` tables, in file order.
    pub header_rules: Vec<HeaderRuleTable>,
    /// `[code.client_reaction]`.
    pub client_reaction: Option<ClientReactionTable>,
}

/// One `[[code.header_rule]]` table: a header field the response must, should or may carry, or
/// must not.
#[derive(Debug, Default)]
pub struct HeaderRuleTable {
    /// The `[[code.header_rule]]` line, where problems of the whole table point.
    pub start: Range<usize>,
    /// Keys whose problem is already reported.
    pub reported: Vec<&'static str>,
    pub header: Option<Located<String>>,
    pub requirement: Option<Located<String>>,
    pub condition: Option<Located<String>>,
    pub rfc: Option<Located<String>>,
    pub section: Option<Located<String>>,
}

/// `[code.client_reaction]`: what a client does with the response.
#[derive(Debug, Default)]
pub struct ClientReactionTable {
    /// The `[code.client_reaction]` line, where problems of the whole table point.
    pub start: Range<usize>,
    /// Keys whose problem is already reported.
    pub reported: Vec<&'static str>,
    pub reaction: Option<Located<String>>,
    /// One header name or a list of them; written as one string, it is a list of one.
    pub fix_headers: Option<Located<Vec<Located<String>>>>,
    pub failover: Option<Located<bool>>,
    pub advice: Option<Located<String>>,
    pub rfc: Option<Located<String>>,
    pub section: Option<Located<String>>,
}

/// `treat_as = { code = 200, rfc = "RFC 6665", section = "8.3.1" }`: the code a receiver acts
/// on instead, and where that is stated.
#[derive(Debug, Default)]
pub struct TreatAsTable {
    pub span: Range<usize>,
    /// Keys whose problem is already reported.
    pub reported: Vec<&'static str>,
    pub code: Option<Located<i64>>,
    pub rfc: Option<Located<String>>,
    pub section: Option<Located<String>>,
}

pub const TOP_LEVEL_KEYS: &[&str] = &["class", "code", "include_standard"];
pub const CLASS_KEYS: &[&str] = &["name", "description", "advice", "reaction", "rfc", "section"];
pub const CODE_KEYS: &[&str] = &[
    "code",
    "reason_phrase",
    "description",
    "rfc",
    "section",
    "registration",
    "deprecation",
    "name",
    "aliases",
    "override",
    "treat_as",
    "header_rule",
    "client_reaction",
];
pub const HEADER_RULE_KEYS: &[&str] = &["header", "requirement", "condition", "rfc", "section"];
pub const CLIENT_REACTION_KEYS: &[&str] = &["reaction", "fix_headers", "failover", "advice", "rfc", "section"];
pub const TREAT_AS_KEYS: &[&str] = &["code", "rfc", "section"];

/// Parses `source` and mirrors it. Syntax errors, wrong types and unknown keys go to
/// `diagnostics`; whatever could be read is still returned, so later rules can run too.
pub fn load(source: &str, diagnostics: &mut Diagnostics) -> Document {
    let (root, errors) = DeTable::parse_recoverable(source);
    let mut document = Document {
        has_syntax_errors: !errors.is_empty(),
        ..Document::default()
    };
    let mut error_offsets = Vec::new();
    for error in errors {
        let span = error.span().unwrap_or(0..0);
        error_offsets.push(span.start);
        diagnostics.push(
            Problem::new(span, format!("TOML syntax error: {}", error.message().trim()), "")
                .help("fix the TOML syntax at this place (see https://toml.io)"),
        );
    }
    for (key, value) in root.get_ref() {
        match key.get_ref().as_ref() {
            "class" => document.classes = load_classes(key, value, diagnostics),
            "code" => {
                let before = diagnostics.problems().len();
                document.codes = load_codes(source, value, diagnostics);
                document.codes_rejected = diagnostics.problems().len() > before;
            }
            "include_standard" => document.include_standard = boolean(value, "include_standard", diagnostics),
            _ => {
                unknown_key(key, TOP_LEVEL_KEYS, "at the top level", diagnostics);
            }
        }
    }
    mark_damaged_tables(&mut document, &error_offsets, source.len());
    document
}

/// A table with a syntax error in it may have lost keys to the error: counting its keys as
/// already reported keeps a "missing key" from repeating the syntax error in other words.
fn mark_damaged_tables(document: &mut Document, error_offsets: &[usize], source_length: usize) {
    if error_offsets.is_empty() {
        return;
    }
    let class_tables = document.classes.iter_mut().flat_map(|classes| classes.value.iter_mut());
    let mut tables: Vec<(usize, &mut Vec<&'static str>, &'static [&'static str])> = class_tables
        .map(|class| (class.key.span.start, &mut class.reported, CLASS_KEYS))
        .collect();
    for code in &mut document.codes {
        tables.push((code.header.start, &mut code.reported, CODE_KEYS));
        for header in &mut code.header_rules {
            tables.push((header.start.start, &mut header.reported, HEADER_RULE_KEYS));
        }
        if let Some(reaction) = &mut code.client_reaction {
            tables.push((reaction.start.start, &mut reaction.reported, CLIENT_REACTION_KEYS));
        }
    }
    tables.sort_by_key(|(start, _, _)| *start);
    let starts: Vec<usize> = tables.iter().map(|(start, _, _)| *start).collect();
    for (start, reported, keys) in tables {
        let end = starts
            .iter()
            .copied()
            .find(|next| *next > start)
            .unwrap_or(source_length);
        if error_offsets.iter().any(|offset| (start..end).contains(offset)) {
            reported.extend(keys.iter().copied());
        }
    }
}

fn load_classes(
    key: &Spanned<std::borrow::Cow<'_, str>>,
    value: &Spanned<DeValue<'_>>,
    diagnostics: &mut Diagnostics,
) -> Option<Located<Vec<ClassTable>>> {
    let DeValue::Table(table) = value.get_ref() else {
        wrong_type(
            value,
            "class",
            "a table of `[class.1xx]` … `[class.6xx]` tables",
            diagnostics,
        );
        return None;
    };
    let mut classes = Vec::new();
    for (class_key, class_value) in table {
        let DeValue::Table(fields) = class_value.get_ref() else {
            wrong_type(
                class_value,
                &format!("class.{}", class_key.get_ref()),
                "a table",
                diagnostics,
            );
            continue;
        };
        let mut class = ClassTable {
            key: located(class_key, class_key.get_ref().to_string()),
            reported: Vec::new(),
            name: None,
            description: None,
            advice: None,
            reaction: None,
            rfc: None,
            section: None,
        };
        for (field, field_value) in fields {
            let name = field.get_ref().as_ref();
            let slot = match name {
                "name" => &mut class.name,
                "description" => &mut class.description,
                "advice" => &mut class.advice,
                "reaction" => &mut class.reaction,
                "rfc" => &mut class.rfc,
                "section" => &mut class.section,
                _ => {
                    class
                        .reported
                        .extend(unknown_key(field, CLASS_KEYS, "in a [class] table", diagnostics));
                    continue;
                }
            };
            *slot = string(field_value, name, diagnostics);
            if slot.is_none() {
                class.reported.extend(known_key(name, CLASS_KEYS));
            }
        }
        classes.push(class);
    }
    Some(located(key, classes))
}

fn load_codes(source: &str, value: &Spanned<DeValue<'_>>, diagnostics: &mut Diagnostics) -> Vec<CodeTable> {
    let DeValue::Array(items) = value.get_ref() else {
        wrong_type(value, "code", "an array of `[[code]]` tables", diagnostics);
        return Vec::new();
    };
    let mut codes = Vec::new();
    for item in items {
        let DeValue::Table(fields) = item.get_ref() else {
            wrong_type(item, "code", "a `[[code]]` table", diagnostics);
            continue;
        };
        let span = item.span();
        let mut code = CodeTable {
            header: first_line(source, span.start),
            span,
            ..CodeTable::default()
        };
        for (field, field_value) in fields {
            let name = field.get_ref().as_ref();
            let before = diagnostics.problems().len();
            match name {
                "code" => code.code = integer(field_value, name, diagnostics),
                "reason_phrase" => code.reason_phrase = string(field_value, name, diagnostics),
                "description" => code.description = string(field_value, name, diagnostics),
                "rfc" => code.rfc = string(field_value, name, diagnostics),
                "section" => code.section = string(field_value, name, diagnostics),
                "registration" => code.registration = string(field_value, name, diagnostics),
                "deprecation" => code.deprecation = string(field_value, name, diagnostics),
                "name" => code.name = string(field_value, name, diagnostics),
                "aliases" => code.aliases = strings(field_value, name, diagnostics),
                "override" => code.overrides = boolean(field_value, name, diagnostics),
                "treat_as" => code.treat_as = treat_as(field_value, diagnostics),
                "header_rule" => code.header_rules = header_rule_tables(source, field_value, diagnostics),
                "client_reaction" => code.client_reaction = client_reaction(source, field_value, diagnostics),
                _ => code
                    .reported
                    .extend(unknown_key(field, CODE_KEYS, "in a [[code]] table", diagnostics)),
            }
            if diagnostics.problems().len() > before {
                code.reported.extend(known_key(name, CODE_KEYS));
            }
        }
        codes.push(code);
    }
    codes
}

fn treat_as(value: &Spanned<DeValue<'_>>, diagnostics: &mut Diagnostics) -> Option<TreatAsTable> {
    let DeValue::Table(fields) = value.get_ref() else {
        wrong_type(
            value,
            "treat_as",
            "a table such as `{ code = 200, rfc = \"RFC 6665\", section = \"8.3.1\" }`",
            diagnostics,
        );
        return None;
    };
    let mut table = TreatAsTable {
        span: value.span(),
        ..TreatAsTable::default()
    };
    for (field, field_value) in fields {
        let name = field.get_ref().as_ref();
        let before = diagnostics.problems().len();
        match name {
            "code" => table.code = integer(field_value, name, diagnostics),
            "rfc" => table.rfc = string(field_value, name, diagnostics),
            "section" => table.section = string(field_value, name, diagnostics),
            _ => table
                .reported
                .extend(unknown_key(field, TREAT_AS_KEYS, "in `treat_as`", diagnostics)),
        }
        if diagnostics.problems().len() > before {
            table.reported.extend(known_key(name, TREAT_AS_KEYS));
        }
    }
    Some(table)
}

/// The `[[code.header_rule]]` tables of one code.
fn header_rule_tables(
    source: &str,
    value: &Spanned<DeValue<'_>>,
    diagnostics: &mut Diagnostics,
) -> Vec<HeaderRuleTable> {
    let DeValue::Array(items) = value.get_ref() else {
        wrong_type(
            value,
            "header_rule",
            "an array of `[[code.header_rule]]` tables",
            diagnostics,
        );
        return Vec::new();
    };
    let mut tables = Vec::new();
    for item in items {
        let DeValue::Table(fields) = item.get_ref() else {
            wrong_type(item, "header_rule", "a `[[code.header_rule]]` table", diagnostics);
            continue;
        };
        let mut table = HeaderRuleTable {
            start: first_line(source, item.span().start),
            ..HeaderRuleTable::default()
        };
        for (field, field_value) in fields {
            let name = field.get_ref().as_ref();
            let before = diagnostics.problems().len();
            match name {
                "header" => table.header = string(field_value, name, diagnostics),
                "requirement" => table.requirement = string(field_value, name, diagnostics),
                "condition" => table.condition = string(field_value, name, diagnostics),
                "rfc" => table.rfc = string(field_value, name, diagnostics),
                "section" => table.section = string(field_value, name, diagnostics),
                _ => table.reported.extend(unknown_key(
                    field,
                    HEADER_RULE_KEYS,
                    "in a [[code.header_rule]] table",
                    diagnostics,
                )),
            }
            if diagnostics.problems().len() > before {
                table.reported.extend(known_key(name, HEADER_RULE_KEYS));
            }
        }
        tables.push(table);
    }
    tables
}

/// The `[code.client_reaction]` table of one code.
fn client_reaction(
    source: &str,
    value: &Spanned<DeValue<'_>>,
    diagnostics: &mut Diagnostics,
) -> Option<ClientReactionTable> {
    let DeValue::Table(fields) = value.get_ref() else {
        wrong_type(
            value,
            "client_reaction",
            "one `[code.client_reaction]` table",
            diagnostics,
        );
        return None;
    };
    let mut table = ClientReactionTable {
        start: first_line(source, value.span().start),
        ..ClientReactionTable::default()
    };
    for (field, field_value) in fields {
        let name = field.get_ref().as_ref();
        let before = diagnostics.problems().len();
        match name {
            "reaction" => table.reaction = string(field_value, name, diagnostics),
            "fix_headers" => {
                table.fix_headers = if let DeValue::String(text) = field_value.get_ref() {
                    Some(located(field_value, vec![located(field_value, text.to_string())]))
                } else {
                    strings(field_value, name, diagnostics)
                }
            }
            "failover" => table.failover = boolean(field_value, name, diagnostics),
            "advice" => table.advice = string(field_value, name, diagnostics),
            "rfc" => table.rfc = string(field_value, name, diagnostics),
            "section" => table.section = string(field_value, name, diagnostics),
            _ => table.reported.extend(unknown_key(
                field,
                CLIENT_REACTION_KEYS,
                "in a [code.client_reaction] table",
                diagnostics,
            )),
        }
        if diagnostics.problems().len() > before {
            table.reported.extend(known_key(name, CLIENT_REACTION_KEYS));
        }
    }
    Some(table)
}

/// The line that starts at `start`: a table's header line.
fn first_line(source: &str, start: usize) -> Range<usize> {
    let end = source
        .get(start..)
        .and_then(|rest| rest.find(['\r', '\n']))
        .map_or(source.len(), |end| start + end);
    start..end.max(start)
}

pub(crate) fn located<T, U>(spanned: &Spanned<T>, value: U) -> Located<U> {
    Located {
        value,
        span: spanned.span(),
    }
}

pub(crate) fn string(
    value: &Spanned<DeValue<'_>>,
    key: &str,
    diagnostics: &mut Diagnostics,
) -> Option<Located<String>> {
    if let DeValue::String(text) = value.get_ref() {
        Some(located(value, text.to_string()))
    } else {
        wrong_type(value, key, "a string", diagnostics);
        None
    }
}

pub(crate) fn strings(
    value: &Spanned<DeValue<'_>>,
    key: &str,
    diagnostics: &mut Diagnostics,
) -> Option<Located<Vec<Located<String>>>> {
    let DeValue::Array(items) = value.get_ref() else {
        wrong_type(value, key, "an array of strings", diagnostics);
        return None;
    };
    let texts = items
        .iter()
        .filter_map(|item| {
            if let DeValue::String(text) = item.get_ref() {
                Some(located(item, text.to_string()))
            } else {
                let found = item.get_ref().type_str();
                diagnostics.push(
                    Problem::new(
                        item.span(),
                        format!(
                            "each item of `{key}` must be a string, found {} {found}",
                            article(found)
                        ),
                        "expected a string",
                    )
                    .help("write every item in double quotes"),
                );
                None
            }
        })
        .collect();
    Some(located(value, texts))
}

pub(crate) fn integer(value: &Spanned<DeValue<'_>>, key: &str, diagnostics: &mut Diagnostics) -> Option<Located<i64>> {
    let DeValue::Integer(number) = value.get_ref() else {
        wrong_type(value, key, "an integer", diagnostics);
        return None;
    };
    if let Ok(parsed) = i64::from_str_radix(number.as_str(), number.radix()) {
        Some(located(value, parsed))
    } else {
        diagnostics.push(Problem::new(
            value.span(),
            format!("`{key}` is too large to be a SIP status code"),
            "not a three-digit number",
        ));
        None
    }
}

pub(crate) fn boolean(value: &Spanned<DeValue<'_>>, key: &str, diagnostics: &mut Diagnostics) -> Option<Located<bool>> {
    if let DeValue::Boolean(flag) = value.get_ref() {
        Some(located(value, *flag))
    } else {
        wrong_type(value, key, "a boolean (`true` or `false`)", diagnostics);
        None
    }
}

pub(crate) fn wrong_type(value: &Spanned<DeValue<'_>>, key: &str, expected: &str, diagnostics: &mut Diagnostics) {
    let found = value.get_ref().type_str();
    let mut problem = Problem::new(
        value.span(),
        format!("`{key}` must be {expected}, found {} {found}", article(found)),
        format!("expected {expected}"),
    );
    if let DeValue::String(text) = value.get_ref() {
        if expected == "an integer" && text.parse::<i64>().is_ok() {
            problem = problem.help(format!("write the number without quotes: `{key} = {text}`"));
        } else if expected == "an array of strings" {
            problem = problem.help(format!("write a list, even of one: `{key} = [{text:?}]`"));
        }
    } else if expected == "a string" && !matches!(value.get_ref(), DeValue::Array(_) | DeValue::Table(_)) {
        problem = problem.help(format!("write the text in double quotes: `{key} = \"...\"`"));
    }
    diagnostics.push(problem);
}

fn article(type_name: &str) -> &'static str {
    if type_name.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    }
}

/// Reports an unknown key; returns the known key it is a likely typo of.
pub(crate) fn unknown_key(
    key: &Spanned<std::borrow::Cow<'_, str>>,
    known: &[&'static str],
    place: &str,
    diagnostics: &mut Diagnostics,
) -> Option<&'static str> {
    let name = key.get_ref();
    let mut problem = Problem::new(key.span(), format!("unknown key `{name}` {place}"), "unknown key");
    let suggestion = closest(name, known);
    problem = match suggestion {
        Some(suggestion) => problem.help(format!("did you mean `{suggestion}`?")),
        None => problem.help(format!("the keys allowed here are: {}", list(known))),
    };
    diagnostics.push(problem);
    suggestion
}

/// `name` as one of the `known` keys, with a `'static` lifetime.
pub(crate) fn known_key(name: &str, known: &[&'static str]) -> Option<&'static str> {
    known.iter().copied().find(|key| *key == name)
}

fn list(names: &[&str]) -> String {
    names
        .iter()
        .map(|name| format!("`{name}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The known name nearest to `name`, if it is a plausible typo of it, or the known name it
/// is the first word of (`reason` for `reason_phrase`).
pub fn closest(name: &str, known: &[&'static str]) -> Option<&'static str> {
    let lowered = name.to_ascii_lowercase();
    known
        .iter()
        .map(|candidate| (edit_distance(&lowered, candidate), *candidate))
        .filter(|(distance, candidate)| *distance <= (candidate.len() / 3).max(1))
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, candidate)| candidate)
        .or_else(|| {
            known.iter().copied().find(|candidate| {
                candidate
                    .strip_prefix(lowered.as_str())
                    .is_some_and(|rest| rest.starts_with('_'))
            })
        })
}

/// Levenshtein distance over characters.
pub(crate) fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, a_char) in a.chars().enumerate() {
        let mut current = vec![i + 1];
        for (j, b_char) in b.iter().enumerate() {
            let substitution = previous.get(j).copied().unwrap_or(usize::MAX - 1) + usize::from(a_char != *b_char);
            let insertion = current.get(j).copied().unwrap_or(usize::MAX - 1) + 1;
            let deletion = previous.get(j + 1).copied().unwrap_or(usize::MAX - 1) + 1;
            current.push(substitution.min(insertion).min(deletion));
        }
        previous = current;
    }
    previous.last().copied().unwrap_or(0)
}

#[cfg(test)]
#[allow(clippy::indexing_slicing, reason = "tests index what they just built")]
mod tests {
    use super::*;

    #[test]
    fn suggestions_are_for_near_misses_only() {
        assert_eq!(closest("reason_phrse", CODE_KEYS), Some("reason_phrase"));
        assert_eq!(closest("Reason_Phrase", CODE_KEYS), Some("reason_phrase"));
        assert_eq!(closest("reason", CODE_KEYS), Some("reason_phrase"));
        assert_eq!(closest("header", CODE_KEYS), Some("header_rule"));
        assert_eq!(closest("reson", CODE_KEYS), None);
        assert_eq!(closest("alias", CODE_KEYS), Some("aliases"));
        assert_eq!(closest("descripton", CODE_KEYS), Some("description"));
        assert_eq!(closest("colour", CODE_KEYS), None);
    }

    #[test]
    fn load_keeps_locations() {
        let source = "[[code]]\ncode = 486\nreason_phrase = \"Busy Here\"\n";
        let mut diagnostics = Diagnostics::default();
        let document = load(source, &mut diagnostics);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        assert_eq!(document.codes.len(), 1);
        let entry = &document.codes[0];
        let code = entry.code.as_ref().map(|code| (code.value, code.span.clone()));
        assert_eq!(code, Some((486, 16..19)));
        let reason = entry.reason_phrase.as_ref().map(|reason| &source[reason.span.clone()]);
        assert_eq!(reason, Some("\"Busy Here\""));
    }

    #[test]
    fn misspelled_and_mistyped_keys_are_remembered_as_reported() {
        let source = "[[code]]\ncode = \"486\"\nreason_phrse = \"Busy Here\"\n";
        let mut diagnostics = Diagnostics::default();
        let document = load(source, &mut diagnostics);
        assert_eq!(document.codes[0].reported, ["code", "reason_phrase"]);
        assert_eq!(&source[document.codes[0].header.clone()], "[[code]]");
    }

    #[test]
    fn load_reports_every_wrong_type_and_unknown_key() {
        let source = "[[code]]\ncode = \"486\"\nreson = 1\naliases = [1]\n";
        let mut diagnostics = Diagnostics::default();
        load(source, &mut diagnostics);
        let messages: Vec<_> = diagnostics.problems().iter().map(|p| p.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "each item of `aliases` must be a string, found an integer",
                "`code` must be an integer, found a string",
                "unknown key `reson` in a [[code]] table",
            ]
        );
    }
}
