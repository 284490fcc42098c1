//! The protocol facts of one `[[code]]` table: its `[[code.header_rule]]` rules and its
//! `[code.client_reaction]`, and the `reaction` of a class. Every fact cites the RFC that states it.

use crate::check::citation::check_fact_citation;
use crate::check::{TablePlace, check_word, missing_key, required_text};
use crate::diagnostic::{Diagnostics, Problem};
use crate::lexical;
use crate::schema::{Located, Record};
use crate::table::{ClientReaction, HeaderRule, Reaction, Requirement, Word};

/// The most header rules one code may have: `missing_headers` marks the headers it finds in
/// a 64-bit set, so that it needs no allocation.
pub const MAX_HEADER_RULES: usize = 64;

/// The `[[code.header_rule]]` rules of `table`, or `None` when any is broken.
pub fn check_header_rules(table: &Record, label: &str, diagnostics: &mut Diagnostics) -> Option<Vec<HeaderRule>> {
    let checkpoint = diagnostics.checkpoint();
    let rules: Vec<(HeaderRule, &Record)> = table
        .tables("header_rule")
        .iter()
        .filter_map(|header| check_header_rule(header, label, diagnostics).map(|rule| (rule, header)))
        .collect();
    check_duplicate_rules(&rules, label, diagnostics);
    if let Some(extra) = table.tables("header_rule").get(MAX_HEADER_RULES) {
        diagnostics.push(
            Problem::new(
                extra.header.clone(),
                format!(
                    "{label} has {} header rules, more than {MAX_HEADER_RULES}",
                    table.tables("header_rule").len()
                ),
                "one rule too many",
            )
            .help(format!(
                "a code may have at most {MAX_HEADER_RULES} header rules (`missing_headers` tracks them in a \
                 64-bit set so that it never allocates): merge or remove rules"
            )),
        );
    }
    (!diagnostics.any_since(checkpoint)).then(|| rules.into_iter().map(|(rule, _)| rule).collect())
}

fn check_header_rule(table: &Record, label: &str, diagnostics: &mut Diagnostics) -> Option<HeaderRule> {
    let context = format!("a [[code.header_rule]] table of {label}");
    let place = TablePlace {
        name: &context,
        header: &table.header,
        reported: &table.reported,
    };
    let header = required_text(table.text("header"), "header", &place, diagnostics)
        .and_then(|_| check_header_name(table.text("header")?, diagnostics));
    let requirement = required_text(table.text("requirement"), "requirement", &place, diagnostics)
        .and_then(|_| check_requirement(table.text("requirement")?, diagnostics));
    let condition = match table.text("condition") {
        None => Some(None),
        Some(condition) => check_line(
            condition,
            "condition",
            "say in a few words when the rule applies",
            diagnostics,
        )
        .map(Some),
    };
    let citation = check_fact_citation(table.text("rfc"), table.text("section"), &place, diagnostics);
    Some(HeaderRule {
        header: header?,
        requirement: requirement?,
        condition: condition?,
        citation: citation?,
    })
}

/// A header field name: an RFC 3261 `token`, written in full.
fn check_header_name(name: &Located<String>, diagnostics: &mut Diagnostics) -> Option<String> {
    if let Some(character) = lexical::first_invalid_token_character(&name.value) {
        diagnostics.push(
            Problem::new(
                name.span.clone(),
                format!(
                    "header name {:?} contains {}, which a header field name may not contain",
                    name.value,
                    lexical::describe_character(character)
                ),
                "not a header field name",
            )
            .help(format!(
                "a header field name is an RFC 3261 `token` (§25.1): letters, digits and `-.!%*_+`'~`{}",
                if character == ':' {
                    "; write the name without the colon, such as \"Retry-After\""
                } else {
                    ", such as \"Retry-After\""
                }
            )),
        );
        return None;
    }
    if name.value.len() == 1 {
        diagnostics.push(
            Problem::new(
                name.span.clone(),
                format!("header name {:?} is a compact form", name.value),
                "a compact form",
            )
            .help(
                "write the header field's full name, such as \"Contact\" for `m` (RFC 3261 §7.3.3): the compact \
                 forms are matched from it",
            ),
        );
        return None;
    }
    Some(name.value.clone())
}

fn check_requirement(requirement: &Located<String>, diagnostics: &mut Diagnostics) -> Option<Requirement> {
    check_word(requirement, diagnostics)
}

/// The same header, requirement and condition twice in one code.
fn check_duplicate_rules(rules: &[(HeaderRule, &Record)], label: &str, diagnostics: &mut Diagnostics) {
    for (index, (rule, table)) in rules.iter().enumerate() {
        let first = rules.iter().take(index).find(|(other, _)| {
            other.header.eq_ignore_ascii_case(&rule.header)
                && other.requirement == rule.requirement
                && other.condition == rule.condition
        });
        if let Some((_, first_table)) = first {
            diagnostics.push(
                Problem::new(
                    table.header.clone(),
                    format!(
                        "{label} has the rule \"{} carry {}{}\" twice",
                        rule.requirement.text(),
                        rule.header,
                        rule.condition
                            .as_deref()
                            .map_or_else(String::new, |condition| format!(" when {condition}"))
                    ),
                    "given again here",
                )
                .note(first_table.header.clone(), "first given here")
                .help("remove one of the two tables, or give them different conditions"),
            );
        }
    }
}

/// A `[code.client_reaction]` table, or `None` when it is broken.
pub fn check_client_reaction(table: &Record, label: &str, diagnostics: &mut Diagnostics) -> Option<ClientReaction> {
    let checkpoint = diagnostics.checkpoint();
    let context = format!("the [code.client_reaction] table of {label}");
    let place = TablePlace {
        name: &context,
        header: &table.header,
        reported: &table.reported,
    };
    let reaction = match table.text("reaction") {
        None => {
            missing_key("reaction", &place, diagnostics);
            None
        }
        Some(reaction) => check_reaction(reaction, diagnostics),
    };
    let advice = match table.text("advice") {
        None => {
            missing_key("advice", &place, diagnostics);
            None
        }
        Some(advice) => check_line(
            advice,
            "advice",
            "say in a sentence or two what the client does",
            diagnostics,
        ),
    };
    let mut fix_headers = Vec::new();
    if let Some(headers) = table.texts("fix_headers") {
        if reaction.is_some_and(|reaction| reaction != Reaction::Resubmit) {
            diagnostics.push(
                Problem::new(
                    headers.span.clone(),
                    format!("`fix_headers` names what to change before resubmitting, but {label} does not resubmit"),
                    "only with `reaction = \"resubmit\"`",
                )
                .help("remove `fix_headers`, or set `reaction = \"resubmit\"`"),
            );
        }
        if headers.value.is_empty() {
            diagnostics.push(
                Problem::new(headers.span.clone(), "`fix_headers` names no header", "empty")
                    .help("name the response header field that says what to change, or remove `fix_headers`"),
            );
        }
        fix_headers = headers
            .value
            .iter()
            .filter_map(|header| check_header_name(header, diagnostics))
            .collect();
    }
    let citation = check_fact_citation(table.text("rfc"), table.text("section"), &place, diagnostics);
    if diagnostics.any_since(checkpoint) {
        return None;
    }
    Some(ClientReaction {
        reaction: reaction?,
        fix_headers,
        failover: table.flag("failover").is_some_and(|flag| flag.value),
        advice: advice?,
        citation: citation?,
    })
}

/// A client reaction's or a class's `reaction`.
pub fn check_reaction(reaction: &Located<String>, diagnostics: &mut Diagnostics) -> Option<Reaction> {
    check_word(reaction, diagnostics)
}

/// A text of one non-empty line.
fn check_line(text: &Located<String>, key: &str, what: &str, diagnostics: &mut Diagnostics) -> Option<String> {
    if text.value.trim().is_empty() || text.value.contains(['\r', '\n']) {
        diagnostics.push(
            Problem::new(
                text.span.clone(),
                format!("`{key}` must be one non-empty line"),
                "empty or several lines",
            )
            .help(what.to_owned()),
        );
        return None;
    }
    Some(text.value.clone())
}
