//! What the library knows about a SIP response code, given by number or reason phrase: a
//! short demonstration of `Code`. The `sipcodes explain` command says more (status lines,
//! Q.850 causes, warn-codes, Reason values and the audit rules about a code).
//!
//! ```text
//! cargo run --example explain -- 486
//! cargo run --example explain -- "busy here"
//! ```

use std::process::ExitCode;

use sipcodes::{Code, Requirement, StatusCode};

fn main() -> ExitCode {
    let query = std::env::args().skip(1).collect::<Vec<_>>().join(" ");
    let found = match query.trim().parse::<u16>() {
        Ok(number) => StatusCode::from_u16(number).map_err(|error| error.to_string()),
        Err(_) => Code::from_reason_phrase(query.trim())
            .map(Code::status_code)
            .ok_or_else(|| format!("no SIP response code has the reason phrase `{}`", query.trim())),
    };
    let status = match found {
        Ok(status) => status,
        Err(message) => {
            eprintln!("error: {message}; try `explain 486` or `explain \"busy here\"`");
            return ExitCode::from(2);
        }
    };
    let Some(code) = status.known() else {
        println!(
            "{} is not registered; a client treats it as {} (RFC 3261, Section 8.1.3.2)",
            status.as_u16(),
            status.canonical()
        );
        return ExitCode::SUCCESS;
    };
    println!(
        "{code}\n  class:    {}\n  meaning:  {}",
        code.class(),
        code.description()
    );
    if let Some(citation) = code.citation() {
        println!("  defined:  {citation} <{}>", citation.url());
    }
    for rule in code.header_rules() {
        let requirement = match rule.requirement() {
            Requirement::Must => "must carry",
            Requirement::Should => "should carry",
            Requirement::May => "may carry",
            Requirement::MustNot => "must not carry",
        };
        println!("  header:   {requirement} {} ({})", rule.header(), rule.citation());
    }
    println!(
        "  reaction: {}\n  advice:   {}",
        code.client_reaction().reaction(),
        code.advice()
    );
    ExitCode::SUCCESS
}
