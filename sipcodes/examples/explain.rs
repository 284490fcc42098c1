//! Explains a SIP response code, given by number or by reason phrase.
//!
//! ```text
//! cargo run --example explain -- 486
//! cargo run --example explain -- "busy here"
//! cargo run --example explain -- 499
//! ```

use std::process::ExitCode;

use sipcodes::{Code, StatusCode};

fn main() -> ExitCode {
    let arguments: Vec<String> = std::env::args().skip(1).collect();
    if arguments.is_empty() {
        eprintln!("usage: explain <code or reason phrase>, e.g. `explain 486` or `explain \"busy here\"`");
        return ExitCode::from(2);
    }
    let query = arguments.join(" ");
    match explain(query.trim()) {
        Ok(text) => {
            println!("{text}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn explain(query: &str) -> Result<String, String> {
    if query.starts_with(|character: char| character.is_ascii_digit()) {
        let number: u16 = query
            .parse()
            .map_err(|_| format!("`{query}` is not a status code: expected a number from 100 to 699"))?;
        let status = StatusCode::from_u16(number).map_err(|error| error.to_string())?;
        return Ok(match status.known() {
            Some(code) => describe(code),
            None => describe_unregistered(status),
        });
    }
    Code::from_reason(query).map(describe).ok_or_else(|| {
        format!("no SIP response code has the reason phrase `{query}`; give a phrase such as \"Busy Here\" or a number such as 486")
    })
}

fn describe(code: Code) -> String {
    let mut lines = vec![
        code.to_string(),
        format!("  class:       {}", code.class()),
        format!("  meaning:     {}", code.description()),
    ];
    let reference = match (code.rfc(), code.section(), code.reference_url()) {
        (Some(rfc), Some(section), Some(url)) => format!("{rfc}, Section {section} <{url}>"),
        (Some(rfc), None, Some(url)) => format!("{rfc} <{url}>"),
        _ => "not defined by an RFC".to_owned(),
    };
    lines.push(format!("  defined in:  {reference}"));
    lines.push(format!("  status:      {}", code.status()));
    if let Some(note) = code.deprecation() {
        lines.push(format!("  note:        {note}"));
    }
    if !code.aliases().is_empty() {
        lines.push(format!("  also seen as: {}", code.aliases().join(", ")));
    }
    lines.push(format!("  retry:       {}", code.class().retry_advice()));
    lines.join("\n")
}

fn describe_unregistered(status: StatusCode) -> String {
    let canonical = status.canonical();
    format!(
        "{number} is not a registered SIP response code.\n  \
         class:       {class}\n  \
         treat as:    {canonical} (RFC 3261 Section 8.1.3.2: a client treats an unknown {digit}xx response as {canonical_number})\n  \
         retry:       {retry}",
        number = status.as_u16(),
        class = status.class(),
        digit = status.class().digit(),
        canonical_number = canonical.as_u16(),
        retry = status.class().retry_advice(),
    )
}
