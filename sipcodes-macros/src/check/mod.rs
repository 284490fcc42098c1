//! Every rule about a codes table. Takes the mirror from `model.rs`, reports every broken
//! rule with its location, and returns the checked table (`table.rs`) the generators read.
//!
//! - `classes.rs`: the `[class.Nxx]` tables of sipcodes' own table;
//! - `entry.rs`: the keys of one `[[code]]` table;
//! - `facts.rs`: its protocol facts (`[[code.header_rule]]`, `[code.client_reaction]`) and a class's `reaction`;
//! - `across.rs`: rules between entries, and between a custom table and the standard one.
//!
//! The text rules (the Reason-Phrase grammar, variant names) live in `lexical.rs`.

mod across;
mod classes;
mod entry;
mod facts;

use std::ops::Range;

use crate::diagnostic::{Diagnostics, Problem};
use crate::model::{CodeTable, Document, Located};
use crate::table::{Entry, Origin, Table};

/// Which kind of table is being checked.
#[derive(Debug, Clone, Copy)]
pub enum Mode<'a> {
    /// sipcodes' own table: the six classes are described, the codes
    /// `StatusCode::canonical` falls back on exist, and every fact cites an RFC.
    Standard,
    /// A user's table, checked against sipcodes' own table.
    Custom { standard: &'a Table },
}

/// Checks `document` against every rule, reporting all problems to `diagnostics`.
/// Returns `None` when any rule is broken.
pub fn check(document: &Document, source: &str, mode: Mode<'_>, diagnostics: &mut Diagnostics) -> Option<Table> {
    let before = diagnostics.problems().len();
    let classes = classes::check_classes(document, mode, diagnostics);
    check_include_standard(document, mode, diagnostics);
    check_not_empty(document, source, diagnostics);
    let mut entries: Vec<(Entry, &CodeTable)> = document
        .codes
        .iter()
        .filter_map(|table| entry::check_entry(table, mode, diagnostics).map(|entry| (entry, table)))
        .collect();
    across::check_duplicate_codes(&document.codes, diagnostics);
    across::check_overrides(&entries, document, mode, diagnostics);
    let mut merged = merge_standard(document, mode, &mut entries);
    across::check_unique_names(&merged, diagnostics);
    across::check_unique_phrases(&merged, diagnostics);
    across::check_treat_as_targets(&merged, &document.codes, diagnostics);
    if let Mode::Standard = mode {
        across::check_canonical_fallbacks(&merged, diagnostics);
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

/// A file without codes. A syntax error, or a `code` key of the wrong type, is already
/// reported and explains why no code was read; `code = []` is not, and is a table without
/// codes.
fn check_not_empty(document: &Document, source: &str, diagnostics: &mut Diagnostics) {
    if !document.codes.is_empty() || document.has_syntax_errors || document.codes_rejected {
        return;
    }
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
        .help("add a `[[code]]` table with at least `code`, `reason_phrase` and `description`"),
    );
}

/// A file that holds nothing but a relative path to a `.toml` file is what git writes for a
/// symbolic link where it cannot make one: say so once, rather than report the path as
/// TOML.
pub fn symlink_placeholder(source: &str) -> Option<Problem> {
    let text = source.trim();
    let placeholder = !text.is_empty()
        && !text.contains(['\n', '=', '[', '#', '"'])
        && std::path::Path::new(text)
            .extension()
            .is_some_and(|extension| extension.eq_ignore_ascii_case("toml"));
    placeholder.then(|| {
        Problem::new(
            0..source.len(),
            format!("the file holds only the path `{text}`, not a codes table"),
            "a path, not TOML",
        )
        .help(
            "this looks like a symbolic link checked out as a text file (git without symlink support, such as \
             Windows without Developer Mode or `core.symlinks=false`): replace the file with the table itself",
        )
    })
}

/// With `include_standard = true`, the standard entries join the table, minus overridden ones.
fn merge_standard<'a>(
    document: &Document,
    mode: Mode<'_>,
    entries: &mut Vec<(Entry, &'a CodeTable)>,
) -> Vec<(Entry, Option<&'a CodeTable>)> {
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
                .help(format!("write the {} here", key.replace('_', " "))),
        );
        return None;
    }
    Some(value.value.clone())
}

/// Reports `key` as missing, unless its problem is already reported: a misspelled `reason_phrse`
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
        match crate::load_table(source, Mode::Custom { standard }) {
            Ok(_) => Vec::new(),
            Err(problems) => problems.into_iter().map(|problem| problem.message).collect(),
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
