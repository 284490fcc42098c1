//! `audit-rules.toml`: the rules of `sipcodes::audit` other than those derived from header
//! rules, checked and turned into the table `audit::rules()` starts with.
//!
//! The generated items are `const SPECIFIED: [Rule; N]`, each element a call
//! `rule(id, Severity::…, summary, rfc, section, url, Check::…)`, and `const DERIVED: [Rule;
//! M]`, one `header_rule(id, summary, code, index)` for each header rule of the codes table a
//! machine can check (a must, should or must not whose condition, if any, has no human
//! part), resolved where
//! `registry!` is invoked (sipcodes' `audit::rules` module, which defines those names).
//!
//! A derived rule's id is `{code}-{must-carry|should-carry|must-not-carry}-{header}`, the
//! header field's name in lower case: `405-must-carry-allow`; a code's second such rule,
//! under another condition, adds `-2` (`488-should-carry-warning-2`). Its summary says the
//! condition in the words `Condition::text` makes.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::{report_no_rows, rfc, section};
use crate::check::{Unique, check_variant_name};
use crate::diagnostic::{Diagnostics, Problem};
use crate::lexical;
use crate::schema::{self, Located, TableSchema, ValueType, key, required};
use crate::table::{Citation, Requirement};

/// The top level: one array of tables a rule.
const SCHEMA: TableSchema = TableSchema::new("", &[key("rule", ValueType::Tables(&RULE))]);

const RULE: TableSchema = TableSchema::new(
    "[[rule]]",
    &[
        required("id", ValueType::Text),       // stable, kebab-case
        required("severity", ValueType::Text), // error, warning or info
        required("summary", ValueType::Text),  // what the rule asks
        required("rfc", ValueType::Text),      // the RFC that says so
        required("section", ValueType::Text),  // and its section
        required("check", ValueType::Text),    // the `Check` variant implementing it
    ],
);

/// The severities, as the TOML writes them, and the runtime's variants.
const SEVERITIES: [(&str, &str); 3] = [("error", "Error"), ("warning", "Warning"), ("info", "Info")];

pub(crate) struct AuditRule {
    pub id: String,
    pub severity: &'static str,
    pub summary: String,
    pub rfc: String,
    pub section: String,
    pub check: String,
}

pub(crate) struct AuditRules {
    pub rules: Vec<AuditRule>,
}

pub(crate) fn load(source: &str, diagnostics: &mut Diagnostics) -> Option<AuditRules> {
    let checkpoint = diagnostics.checkpoint();
    let records = schema::load_parsed(source, &SCHEMA, diagnostics)?;
    let mut ids = Unique::new("id");
    let mut checks = Unique::new("check");
    let mut rules = Vec::new();
    for record in records.tables("rule") {
        // Ids and checks are compared whatever else is wrong with the rule.
        let id = record.text("id").cloned().filter(|id| {
            check_id(id, diagnostics) && ids.insert(format!("{:?}", id.value), id.span.clone(), diagnostics)
        });
        let severity = record.text("severity").and_then(|word| severity(word, diagnostics));
        let summary = record
            .text("summary")
            .cloned()
            .filter(|summary| check_summary(summary, diagnostics));
        let rfc = rfc(record.text("rfc").cloned(), diagnostics);
        let section = section("section", record.text("section").cloned(), diagnostics);
        let check = record.text("check").and_then(|check| {
            let name = check_variant_name(check, "check", diagnostics)?;
            checks
                .insert(format!("`{name}`"), check.span.clone(), diagnostics)
                .then_some(name)
        });
        let (Some(id), Some(severity), Some(summary), Some(rfc), Some(section), Some(check)) =
            (id, severity, summary, rfc, section, check)
        else {
            continue;
        };
        rules.push(AuditRule {
            id: id.value,
            severity,
            summary: summary.value,
            rfc,
            section,
            check,
        });
    }
    report_no_rows("rule", rules.is_empty(), checkpoint, diagnostics);
    (!diagnostics.any_since(checkpoint)).then_some(AuditRules { rules })
}

/// The runtime variant of the severity `word`, or a problem that suggests the nearest.
fn severity(word: &Located<String>, diagnostics: &mut Diagnostics) -> Option<&'static str> {
    if let Some((_, variant)) = SEVERITIES.iter().find(|(known, _)| *known == word.value) {
        return Some(variant);
    }
    let words: Vec<&str> = SEVERITIES.iter().map(|(known, _)| *known).collect();
    let help = match lexical::closest(&word.value, &words) {
        Some(known) => format!("did you mean `{known}`?"),
        None => "a severity is `error` (a MUST broken), `warning` (a SHOULD) or `info`".to_owned(),
    };
    diagnostics.push(
        Problem::new(
            word.span.clone(),
            format!("unknown severity {:?}", word.value),
            "no such severity",
        )
        .help(help),
    );
    None
}

/// An id is kebab-case: lower-case letters and digits in words joined by single hyphens.
fn check_id(id: &Located<String>, diagnostics: &mut Diagnostics) -> bool {
    let text = id.value.as_str();
    let valid = !text.is_empty()
        && text.split('-').all(|word| {
            !word.is_empty()
                && word
                    .bytes()
                    .all(|byte| byte.is_ascii_lowercase() || byte.is_ascii_digit())
        });
    if !valid {
        diagnostics.push(
            Problem::new(
                id.span.clone(),
                format!("rule id {text:?} is not kebab-case"),
                "not kebab-case",
            )
            .help("write lower-case letters and digits, words joined by single hyphens, e.g. \"to-tag-missing\""),
        );
    }
    valid
}

/// A summary is one sentence without a final period, as the table prints it.
fn check_summary(summary: &Located<String>, diagnostics: &mut Diagnostics) -> bool {
    let text = summary.value.trim();
    let problem = if text.is_empty() {
        Some(("the summary is empty", "say what the rule asks, in one sentence"))
    } else if text.ends_with('.') {
        Some((
            "the summary ends with a period",
            "drop the period: the summary is printed inside tables and sentences",
        ))
    } else {
        None
    };
    if let Some((message, help)) = problem {
        diagnostics.push(Problem::new(summary.span.clone(), message, "here").help(help));
    }
    problem.is_none()
}

pub(crate) fn expand(registry: &AuditRules) -> TokenStream {
    let count = Literal::usize_unsuffixed(registry.rules.len());
    let rules = registry.rules.iter().map(|rule| {
        let (id, summary, rfc, section) = (&rule.id, &rule.summary, &rule.rfc, &rule.section);
        let severity = format_ident!("{}", rule.severity);
        let check = format_ident!("{}", rule.check);
        let url = Citation::of(rfc, Some(section)).url();
        quote!(rule(#id, Severity::#severity, #summary, #rfc, #section, #url, Check::#check))
    });
    quote! {
        /// The rules of `audit-rules.toml`, in file order.
        const SPECIFIED: [Rule; #count] = [#(#rules),*];
    }
}

/// `const DERIVED`: one rule for each header rule of the codes table in `source` a machine can
/// check, by code then in file order. Nothing when the table has problems: `Code`'s own
/// expansion reports them.
pub(crate) fn derived(source: &str) -> TokenStream {
    let Ok(table) = crate::load_table(source, crate::table::TableKind::Standard) else {
        return TokenStream::new();
    };
    let mut entries: Vec<&crate::table::Entry> = table.entries.iter().collect();
    entries.sort_by_key(|entry| entry.code);
    let mut rules = Vec::new();
    for entry in entries {
        for (index, rule) in entry.header_rules.iter().enumerate() {
            let (verb, words) = match rule.requirement {
                Requirement::Must => ("must-carry", "must carry"),
                Requirement::Should => ("should-carry", "should carry"),
                Requirement::MustNot => ("must-not-carry", "must not carry"),
                Requirement::May => continue,
            };
            // A condition with a human part is no machine's to check.
            if rule
                .condition
                .as_ref()
                .is_some_and(|condition| condition.human.is_some())
            {
                continue;
            }
            let code = entry.code;
            let mut id = format!("{code}-{verb}-{}", rule.header.to_ascii_lowercase());
            // A code's second rule of one verb and header, under another condition.
            let earlier = entry
                .header_rules
                .iter()
                .take(index)
                .filter(|other| {
                    other.requirement == rule.requirement
                        && other.header.eq_ignore_ascii_case(&rule.header)
                        && other
                            .condition
                            .as_ref()
                            .is_none_or(|condition| condition.human.is_none())
                })
                .count();
            if earlier > 0 {
                id = format!("{id}-{}", earlier + 1);
            }
            let when = rule
                .condition
                .as_ref()
                .map_or_else(String::new, |condition| format!(" when {}", condition.text()));
            let summary = format!("A {code} {words} {}{when}", rule.header);
            let index = Literal::usize_unsuffixed(index);
            let code = Literal::u16_unsuffixed(code);
            rules.push(quote!(header_rule(#id, #summary, #code, #index)));
        }
    }
    let count = Literal::usize_unsuffixed(rules.len());
    quote! {
        /// One rule for each header rule of the codes table a machine can check, by code.
        const DERIVED: [Rule; #count] = [#(#rules),*];
    }
}
