//! Every rule about a codes table. Takes the document `model.rs` reads, reports every broken
//! rule with its location, and returns the checked table (`table.rs`) the generators read.
//!
//! - `classes.rs`: the `[class.Nxx]` tables of sipcodes' own table;
//! - `entry.rs`: the keys of one `[[code]]` table;
//! - `facts.rs`: its protocol facts (`[[code.header_rule]]`, `[code.client_reaction]`) and a class's `reaction`;
//! - `across.rs`: rules between entries, and between a custom table and the standard one;
//! - `citation.rs`: `rfc` and `section`, wherever a fact is cited (the registries' too).
//!
//! The text rules (the Reason-Phrase grammar, tokens, RFC citations, variant names) live in
//! `lexical.rs`.

mod across;
pub mod citation;
mod classes;
mod entry;
mod facts;

use std::ops::Range;

use crate::diagnostic::{Diagnostics, Problem};
use crate::lexical;
use crate::model::Document;
use crate::schema::{Located, Record};
use crate::table::{Entry, Origin, Table, TableKind, Word};

/// Checks `document` against every rule, reporting all problems to `diagnostics`.
/// Returns `None` when any rule is broken.
pub fn check(document: &Document, kind: TableKind<'_>, diagnostics: &mut Diagnostics) -> Option<Table> {
    let checkpoint = diagnostics.checkpoint();
    let classes = classes::check_classes(document, kind, diagnostics);
    check_include_standard(document, kind, diagnostics);
    check_not_empty(document, diagnostics);
    let mut entries: Vec<Checked<'_>> = document
        .codes()
        .iter()
        .filter_map(|table| {
            entry::check_entry(table, kind, diagnostics).map(|entry| Checked {
                entry,
                source: Some(table),
            })
        })
        .collect();
    across::check_duplicate_codes(document.codes(), diagnostics);
    across::check_overrides(&entries, document, kind, diagnostics);
    let mut merged = merge_standard(document, kind, &mut entries);
    across::check_unique_names(&merged, diagnostics);
    across::check_unique_phrases(&merged, diagnostics);
    across::check_treat_as_targets(&merged, document.codes(), diagnostics);
    if let TableKind::Standard = kind {
        across::check_canonical_fallbacks(&merged, diagnostics);
    }
    if diagnostics.any_since(checkpoint) {
        return None;
    }
    merged.sort_by_key(|checked| checked.entry.code);
    Some(Table {
        classes,
        entries: merged.into_iter().map(|checked| checked.entry).collect(),
    })
}

/// An entry that keeps its own rules, and the table it was read from: `None` for an entry of
/// sipcodes' standard table that `include_standard` brings in.
pub(crate) struct Checked<'a> {
    pub entry: Entry,
    pub source: Option<&'a Record>,
}

fn check_include_standard(document: &Document, kind: TableKind<'_>, diagnostics: &mut Diagnostics) {
    if let (TableKind::Standard, Some(flag)) = (kind, document.include_standard()) {
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

/// A file without codes. A syntax error, or a `code` key of the wrong type, is already
/// reported and explains why no code was read; `code = []` is not, and is a table without
/// codes.
fn check_not_empty(document: &Document, diagnostics: &mut Diagnostics) {
    if !document.codes().is_empty() || document.has_syntax_errors() || document.codes_rejected() {
        return;
    }
    let what = if document.is_blank {
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
        .help("add a `[[code]]` table with at least `code`, `reason_phrase` and `description`"),
    );
}

/// With `include_standard = true`, the standard entries join the table, minus overridden ones.
fn merge_standard<'a>(document: &Document, kind: TableKind<'_>, entries: &mut Vec<Checked<'a>>) -> Vec<Checked<'a>> {
    let mut merged: Vec<Checked<'a>> = Vec::new();
    if let (TableKind::Custom { standard }, Some(flag)) = (kind, document.include_standard()) {
        if flag.value {
            for entry in &standard.table.entries {
                if !entries.iter().any(|own| own.entry.code == entry.code) {
                    let mut entry = entry.clone();
                    entry.origin = Origin::Standard;
                    merged.push(Checked { entry, source: None });
                }
            }
        }
    }
    merged.append(entries);
    merged
}

/// Remembers keys already given, and reports a second one pointing at both.
pub(crate) struct Unique<K> {
    what: &'static str,
    help: &'static str,
    seen: Vec<(K, Range<usize>)>,
}

impl<K: PartialEq + std::fmt::Display> Unique<K> {
    /// Keys named `what` in messages: "`what` 499 is given twice".
    pub fn new(what: &'static str) -> Self {
        Unique {
            what,
            help: "remove one of the two, or correct the value",
            seen: Vec::new(),
        }
    }

    /// What to do about a key given twice, where the general advice is not the best.
    #[must_use]
    pub fn help(mut self, help: &'static str) -> Self {
        self.help = help;
        self
    }

    /// `true` the first time `key` is given.
    pub fn insert(&mut self, key: K, span: Range<usize>, diagnostics: &mut Diagnostics) -> bool {
        // A linear search: tables are a few hundred rows, and a map type would cost the
        // macro crate compile time for nothing measurable.
        if let Some((_, first)) = self.seen.iter().find(|(seen, _)| *seen == key) {
            diagnostics.push(
                Problem::new(span, format!("{} {key} is given twice", self.what), "given again here")
                    .note(first.clone(), "first given here")
                    .help(self.help),
            );
            return false;
        }
        self.seen.push((key, span));
        true
    }
}

/// A value written as one of `T`'s words. An unknown one is reported with the word it is
/// nearest to, or else with every word.
pub(crate) fn check_word<T: Word>(written: &Located<String>, diagnostics: &mut Diagnostics) -> Option<T> {
    if let Some(value) = T::from_text(&written.value) {
        return Some(value);
    }
    let words: Vec<&'static str> = T::WORDS.iter().map(|(_, word)| *word).collect();
    let nearest = lexical::closest(&written.value, &words)
        .or_else(|| lexical::closest(&written.value.replace([' ', '_'], "-"), &words));
    let help = nearest.map_or_else(
        || {
            let quoted: Vec<String> = words.iter().map(|word| format!("\"{word}\"")).collect();
            let listed = match quoted.split_last() {
                Some((last, [])) => last.clone(),
                Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
                None => String::new(),
            };
            format!("use {listed}{}", T::NOTE)
        },
        |word| format!("did you mean \"{word}\"?"),
    );
    diagnostics.push(
        Problem::new(
            written.span.clone(),
            format!("unknown {} {:?}", T::WHAT, written.value),
            format!("unknown {}", T::WHAT),
        )
        .help(help),
    );
    None
}

/// A variant name written under `key` (a code's `name`, a registry row's `variant`): a valid,
/// `UpperCamelCase` Rust identifier.
pub(crate) fn check_variant_name(name: &Located<String>, key: &str, diagnostics: &mut Diagnostics) -> Option<String> {
    let Some(why) = lexical::invalid_variant_name(&name.value) else {
        return Some(name.value.clone());
    };
    let message = format!("`{key}` {:?} {why}", name.value);
    let help = format!(
        "use an UpperCamelCase Rust identifier such as `{}`",
        lexical::suggested_name(&name.value)
    );
    diagnostics.push(Problem::new(name.span.clone(), message, "not a usable variant name").help(help));
    None
}

/// A table being checked, for the problems of its keys.
#[derive(Clone, Copy)]
pub(crate) struct TablePlace<'a> {
    /// How a message names it: "the `[[code]]` table of code 499".
    pub name: &'a str,
    /// Where it starts (its header line), where a missing key is reported.
    pub header: &'a Range<usize>,
    /// Its keys whose problem is already reported (a wrong type, a misspelling, a syntax
    /// error in the table), which are not also reported missing.
    pub reported: &'a [&'static str],
}

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
                .help(format!("write the {} here", key.replace('_', " "))),
        );
        return None;
    }
    Some(value.value.clone())
}

/// Reports `key` as missing, unless its problem is already reported: a misspelled `reason_phrse`
/// is one mistake, not two.
fn missing_key(key: &'static str, place: &TablePlace<'_>, diagnostics: &mut Diagnostics) {
    let TablePlace {
        name: context,
        header,
        reported,
    } = *place;
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
        "reaction" => "\"give-up\"",
        _ => "\"...\"",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The messages `load_table` gives for `source` as a custom table, in order.
    fn messages(source: &str) -> Vec<String> {
        let standard = crate::property_tests::standard();
        match crate::load_table(source, TableKind::Custom { standard }) {
            Ok(_) => Vec::new(),
            Err(rejected) => rejected.problems.into_iter().map(|problem| problem.message).collect(),
        }
    }

    #[test]
    fn one_mistake_is_one_message() {
        // The key lost to a syntax error is not also reported missing.
        assert_eq!(
            messages("[[code]]\ncode 499\nreason_phrase = \"Spam\"\ndescription = \"d\"\n"),
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
        let entry = "[[code]]\ncode = 499\nreason_phrase = \"Spam\"\ndescription = \"d\"\n";
        assert_eq!(messages(&entry.repeat(2)), ["code 499 is given twice"]);
        // Keys really missing from an undamaged table are still reported.
        assert_eq!(
            messages("[[code]]\ncode = 499\n\n[[code]]\ncode 498\n"),
            [
                "missing key `reason_phrase` in the [[code]] table of code 499",
                "missing key `description` in the [[code]] table of code 499",
                "TOML syntax error: key with no value, expected `=`",
            ]
        );
        // A symbolic link checked out as text is one message, not a TOML syntax error and
        // every missing class and code after it.
        assert_eq!(
            messages("../codes.toml\n"),
            ["the file holds only the path `../codes.toml`, not a codes table"]
        );
    }

    #[test]
    fn protocol_facts_are_checked() {
        let entry = "[[code]]\ncode = 499\nreason_phrase = \"Spam\"\ndescription = \"d\"\n";
        let rule = "[[code.header_rule]]\nheader = \"Retry-After\"\nrequirement = \"may\"\nrfc = \"RFC 3261\"\n";
        // A valid rule and reaction load.
        let reaction = "[code.client_reaction]\nreaction = \"resubmit\"\nfix_headers = \"Retry-After\"\nadvice = \"a\"\nrfc = \"RFC 3261\"\n";
        assert_eq!(messages(&format!("{entry}{rule}{reaction}")), Vec::<String>::new());
        // A misspelled `rfc` is one mistake: not also a fact without a citation.
        assert_eq!(
            messages(&format!("{entry}{}", rule.replace("rfc =", "rfcc ="))),
            ["unknown key `rfcc` in a [[code.header_rule]] table"]
        );
        // `[[code.client_reaction]]` is an array, not the one table a code may have.
        assert_eq!(
            messages(&format!(
                "{entry}{}",
                reaction.replace("[code.client_reaction]", "[[code.client_reaction]]")
            )),
            ["`client_reaction` must be one `[code.client_reaction]` table, found an array"]
        );
        // At most 64 rules, each different.
        let many: String = (0..65)
            .map(|index| rule.replace("Retry-After", &format!("X-Header-{index}")))
            .collect();
        assert_eq!(
            messages(&format!("{entry}{many}")),
            ["code 499 has 65 header rules, more than 64"]
        );
    }
}
