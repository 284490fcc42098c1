//! The code reference as Markdown: `CODES.md`, and the table in the crate-level rustdoc.

use std::fmt::Write as _;

use crate::table::{
    CANONICAL_FALLBACKS, Citation, Class, ClientReaction, Entry, Registration, Requirement, Table, Word,
};
use crate::tokens::markdown_cell;

/// Renders `table`. With `link_to`, codes link to that enum's variants (rustdoc);
/// without, the result is plain Markdown for GitHub.
pub fn render(table: &Table, source_name: &str, link_to: Option<&str>) -> String {
    let mut out = String::new();
    if link_to.is_none() {
        let _ = writeln!(
            out,
            "# SIP response codes\n\n\
             <!-- Generated from {source_name} by sipcodes-macros. Do not edit by hand: edit {source_name}, then run\n     \
             SIPCODES_BLESS=1 cargo test -p sipcodes-tests --test reference -->\n\n\
             Every SIP response code sipcodes knows, from the IANA SIP response-code registry and the RFCs it cites.\n"
        );
    }
    let heading = if link_to.is_some() { "#" } else { "##" };
    let _ = writeln!(
        out,
        "{heading} Classes\n\n| Class | Name | Meaning | Retry |\n|---|---|---|---|"
    );
    for class in table.classes.iter().flatten() {
        let _ = writeln!(
            out,
            "| {}xx | {} | {} | {} |",
            class.digit,
            class.name,
            markdown_cell(&class.description),
            markdown_cell(&class.advice)
        );
    }
    unregistered_rule(&mut out, table, heading);
    let _ = writeln!(
        out,
        "\n{heading} Codes\n\n| Code | Reason phrase | Rust variant | Class | Defined in | Registration | Must carry | Client reaction |\n|---|---|---|---|---|---|---|---|"
    );
    for entry in &table.entries {
        let code = match link_to {
            Some(enum_name) => format!("[{}]({enum_name}::{})", entry.code, entry.name),
            None => format!("[{}](#{})", entry.code, entry.code),
        };
        let defined = entry.citation.as_ref().map_or("—".to_owned(), Citation::markdown_link);
        let status = match entry.registration {
            Registration::Current => "current".to_owned(),
            other => format!("**{}**", other.text()),
        };
        let must = must_carry(entry);
        let reaction = entry
            .client_reaction
            .clone()
            .or_else(|| table.class(entry.code).map(Class::client_reaction))
            .map_or_else(|| "—".to_owned(), |reaction| reaction_summary(&reaction));
        let _ = writeln!(
            out,
            "| {code} | {} | `{}` | {}xx {} | {defined} | {status} | {must} | {reaction} |",
            entry.reason_phrase,
            entry.name,
            entry.code / 100,
            table.class_name(entry.code).unwrap_or_default()
        );
    }
    if link_to.is_none() {
        let _ = writeln!(out, "\n## Descriptions");
        for entry in &table.entries {
            let _ = writeln!(
                out,
                "\n### {}\n\n**{} {}** — {}",
                entry.code, entry.code, entry.reason_phrase, entry.description
            );
            if let Some(note) = &entry.deprecation {
                let _ = writeln!(out, "\n*{}:* {note}", entry.registration.variant());
            }
            if let Some(treat_as) = &entry.treat_as {
                let target = table.entry(treat_as.target).map_or_else(
                    || treat_as.target.to_string(),
                    |target| format!("{} {}", target.code, target.reason_phrase),
                );
                let cited = treat_as
                    .citation
                    .as_ref()
                    .map_or_else(String::new, |citation| format!(" ({})", citation.markdown_link()));
                let _ = writeln!(out, "\n*Received:* treated as {target}{cited}.");
            }
            if !entry.aliases.is_empty() {
                let aliases: Vec<String> = entry.aliases.iter().map(|alias| format!("\"{alias}\"")).collect();
                let _ = writeln!(out, "\nAlso seen as {}.", aliases.join(", "));
            }
            facts(&mut out, entry, table);
        }
    }
    out
}

/// The *Must carry* cell: each header field a rule requires, once, in the order of its first
/// rule, marked `\*` unless one of its rules requires it without a condition; `—` for none.
fn must_carry(entry: &Entry) -> String {
    // (header, required without a condition)
    let mut headers: Vec<(&str, bool)> = Vec::new();
    for rule in entry
        .header_rules
        .iter()
        .filter(|rule| rule.requirement == Requirement::Must)
    {
        let always = rule.condition.is_none();
        match headers
            .iter_mut()
            .find(|(header, _)| header.eq_ignore_ascii_case(&rule.header))
        {
            Some((_, listed_always)) => *listed_always |= always,
            None => headers.push((&rule.header, always)),
        }
    }
    if headers.is_empty() {
        return "—".to_owned();
    }
    let cells: Vec<String> = headers
        .iter()
        .map(|(header, always)| {
            if *always {
                (*header).to_owned()
            } else {
                format!("{header}\\*")
            }
        })
        .collect();
    cells.join(", ")
}

/// A code's header rules and client reaction, under its description.
fn facts(out: &mut String, entry: &Entry, table: &Table) {
    if !entry.header_rules.is_empty() {
        let _ = writeln!(out, "\n*Header fields:* a response with this code\n");
        for rule in &entry.header_rules {
            let _ = writeln!(out, "- {}", rule.markdown());
        }
    }
    match &entry.client_reaction {
        Some(reaction) => {
            let _ = writeln!(out, "\n*Client reaction:* {}", reaction.markdown());
        }
        None => {
            if let Some(class) = table.class(entry.code) {
                let _ = writeln!(
                    out,
                    "\n*Client reaction,* as for every {}xx code: {}",
                    class.digit,
                    class.client_reaction().markdown()
                );
            }
        }
    }
}

/// How a receiver treats a code the table does not have (RFC 3261 §8.1.3.2).
fn unregistered_rule(out: &mut String, table: &Table, heading: &str) {
    let fallbacks: Vec<String> = CANONICAL_FALLBACKS
        .iter()
        .filter_map(|code| table.entry(*code))
        .map(|entry| format!("{}xx as {} {}", entry.code / 100, entry.code, entry.reason_phrase))
        .collect();
    let _ = writeln!(
        out,
        "\n{heading} Codes not in this table\n\n\
         A peer may send any code from 100 to 699. A receiver that does not know a code treats it as the x00 \
         code of its class, and an unknown provisional code as 183 Session Progress \
         ([RFC 3261, Section 8.1.3.2](https://www.rfc-editor.org/rfc/rfc3261#section-8.1.3.2)): {}. \
         `StatusCode::canonical` applies this rule, and the `treat_as` of deprecated and obsolete codes.\n\n\
         In the table, *Must carry* lists the header fields an RFC requires in a response with the code \
         (with \\* where only under a condition, listed with the code), and *Client reaction* \
         what a client does on receiving it: the code's own, or its class's.",
        fallbacks.join(", ")
    );
}

/// A reaction in a few words, for a table cell: "resubmit (fix: Min-Expires)".
fn reaction_summary(reaction: &ClientReaction) -> String {
    let mut text = reaction.reaction.words().to_owned();
    if !reaction.fix_headers.is_empty() {
        let _ = write!(text, " (fix: {})", reaction.fix_headers.join(", "));
    }
    if reaction.failover && reaction.reaction != crate::table::Reaction::Failover {
        text.push_str(", may fail over");
    }
    text
}
