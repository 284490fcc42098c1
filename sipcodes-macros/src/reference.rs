//! The code reference as Markdown: `CODES.md`, and the table in the crate-level rustdoc.

use std::fmt::Write as _;

use crate::check::{Status, Table};
use crate::expand::{reference_text, reference_url, status_text};

/// Renders `table`. With `link_to`, codes link to that enum's variants (rustdoc);
/// without, the result is plain Markdown for GitHub.
pub fn render(table: &Table, source_name: &str, link_to: Option<&str>) -> String {
    let mut out = String::new();
    let class_name = |digit: u16| {
        table
            .classes
            .iter()
            .flatten()
            .find(|class| class.digit == digit)
            .map_or("", |class| class.name.as_str())
    };
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
            escape_cell(&class.description),
            escape_cell(&class.retry)
        );
    }
    let _ = writeln!(
        out,
        "\n{heading} Codes\n\n| Code | Reason phrase | Class | Defined in | Status |\n|---|---|---|---|---|"
    );
    for entry in &table.entries {
        let code = match link_to {
            Some(enum_name) => format!("[{}]({enum_name}::{})", entry.code, entry.name),
            None => format!("[{}](#{})", entry.code, entry.code),
        };
        let defined = match (reference_text(entry), reference_url(entry)) {
            (Some(text), Some(url)) => format!("[{text}]({url})"),
            _ => "—".to_owned(),
        };
        let status = match entry.status {
            Status::Current => "current".to_owned(),
            other => format!("**{}**", status_text(other)),
        };
        let _ = writeln!(
            out,
            "| {code} | {} | {}xx {} | {defined} | {status} |",
            entry.reason,
            entry.code / 100,
            class_name(entry.code / 100)
        );
    }
    if link_to.is_none() {
        let _ = writeln!(out, "\n## Descriptions");
        for entry in &table.entries {
            let _ = writeln!(
                out,
                "\n### {}\n\n**{} {}** — {}",
                entry.code, entry.code, entry.reason, entry.description
            );
            if let Some(note) = &entry.deprecation {
                let _ = writeln!(out, "\n*{}:* {note}", capitalised(status_text(entry.status)));
            }
            if !entry.aliases.is_empty() {
                let aliases: Vec<String> = entry.aliases.iter().map(|alias| format!("\"{alias}\"")).collect();
                let _ = writeln!(out, "\nAlso seen as {}.", aliases.join(", "));
            }
        }
    }
    out
}

fn escape_cell(text: &str) -> String {
    text.replace('|', "\\|")
}

fn capitalised(word: &str) -> String {
    let mut characters = word.chars();
    characters
        .next()
        .map(|first| first.to_ascii_uppercase())
        .into_iter()
        .chain(characters)
        .collect()
}
