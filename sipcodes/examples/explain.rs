//! Explains a SIP response code, given by number or by reason phrase.
//!
//! ```text
//! cargo run --example explain -- 486
//! cargo run --example explain -- "busy here"
//! cargo run --example explain -- 499
//! ```

use std::process::ExitCode;

use sipcodes::{Code, HeaderRule, Requirement, StatusCode};

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
    lines.push(format!("  status:      {}", code.registration()));
    if let Some(note) = code.deprecation() {
        lines.push(format!("  note:        {note}"));
    }
    if code.canonical() != code {
        lines.push(format!("  received:    treated as {}", code.canonical()));
    }
    if !code.aliases().is_empty() {
        lines.push(format!("  also seen as: {}", code.aliases().join(", ")));
    }
    if !code.header_rules().is_empty() {
        lines.push("  headers:".to_owned());
        lines.extend(
            code.header_rules()
                .iter()
                .map(|rule| format!("    {}", header_rule(rule))),
        );
    }
    let reaction = code.client_reaction();
    let whose = if reaction.is_class_default() {
        format!(", as for every {}xx code", code.class().digit())
    } else {
        String::new()
    };
    lines.push(format!(
        "  reaction:    {}{whose} ({})",
        reaction.reaction(),
        cited(reaction.rfc(), reaction.section(), reaction.reference_url())
    ));
    if !reaction.fix_headers().is_empty() {
        lines.push(format!(
            "  fix:         what {} says",
            reaction.fix_headers().join(" or ")
        ));
    }
    if reaction.failover() {
        lines.push("  failover:    another server, flow or proxy may be tried".to_owned());
    }
    lines.push(format!("  advice:      {}", code.advice()));
    lines.join("\n")
}

/// "must carry Allow (RFC 3261, Section 21.4.6 <https://…>)".
fn header_rule(rule: &HeaderRule) -> String {
    let requirement = match rule.requirement() {
        Requirement::Must => "must",
        Requirement::Should => "should",
        Requirement::May => "may",
        Requirement::MustNot => "must not",
    };
    let condition = rule
        .condition()
        .map_or_else(String::new, |condition| format!(" when {condition}"));
    format!(
        "{requirement} carry {}{condition} ({})",
        rule.header(),
        cited(rule.rfc(), rule.section(), rule.reference_url())
    )
}

fn cited(rfc: &str, section: Option<&str>, url: &str) -> String {
    match section {
        Some(section) => format!("{rfc}, Section {section} <{url}>"),
        None => format!("{rfc} <{url}>"),
    }
}

fn describe_unregistered(status: StatusCode) -> String {
    let canonical = status.canonical();
    format!(
        "{number} is not a registered SIP response code.\n  \
         class:       {class}\n  \
         treat as:    {canonical} (RFC 3261 Section 8.1.3.2: a client treats an unknown {digit}xx response as {canonical_number})\n  \
         reaction:    {reaction}, as for {canonical_number}\n  \
         advice:      {advice}",
        number = status.as_u16(),
        class = status.class(),
        digit = status.class().digit(),
        canonical_number = canonical.as_u16(),
        reaction = status.reaction(),
        advice = status.advice(),
    )
}

#[cfg(test)]
mod tests {
    use super::{Code, explain};

    #[test]
    fn a_registered_code_shows_every_fact() {
        let text = explain("486").unwrap();
        assert!(text.starts_with("486 Busy Here\n"), "{text}");
        assert!(text.contains("class:       4xx Client Error"), "{text}");
        assert!(
            text.contains("RFC 3261, Section 21.4.24 <https://www.rfc-editor.org/rfc/rfc3261#section-21.4.24>"),
            "{text}"
        );
        assert!(text.contains("status:      current"), "{text}");
        assert!(text.contains(sipcodes::Code::BusyHere.description()), "{text}");
    }

    #[test]
    fn a_phrase_finds_its_code() {
        assert_eq!(explain("busy here"), explain("486"));
        assert!(explain("Call Progress").unwrap().starts_with("183 Session Progress\n"));
    }

    #[test]
    fn deprecated_and_obsolete_codes_say_so() {
        let text = explain("202").unwrap();
        assert!(
            text.contains("status:      deprecated")
                && text.contains("note:")
                && text.contains("received:    treated as 200 OK"),
            "{text}"
        );
        assert!(explain("409").unwrap().contains("status:      obsolete"));
    }

    #[test]
    fn an_unregistered_code_is_explained_by_rfc_3261() {
        // Codes the table does not have, chosen now: the registry grows.
        let unregistered = |class: u16| {
            (class + 1..class + 100)
                .find(|code| Code::from_u16(*code).is_none())
                .map(|code| code.to_string())
                .unwrap()
        };
        let client = unregistered(400);
        let text = explain(&client).unwrap();
        assert!(
            text.starts_with(&format!("{client} is not a registered SIP response code.")),
            "{text}"
        );
        assert!(text.contains("treat as:    400 Bad Request"), "{text}");
        let provisional = explain(&unregistered(100)).unwrap();
        assert!(
            provisional.contains("treat as:    183 Session Progress"),
            "{provisional}"
        );
    }

    #[test]
    fn header_rules_and_the_reaction_are_shown_with_their_rfc_sections() {
        let text = explain("405").unwrap();
        assert!(
            text.contains(
                "    must carry Allow (RFC 3261, Section 21.4.6 <https://www.rfc-editor.org/rfc/rfc3261#section-21.4.6>)"
            ),
            "{text}"
        );
        assert!(
            text.contains("  reaction:    give up, as for every 4xx code (RFC 3261, Section 21.4"),
            "{text}"
        );
        let text = explain("423").unwrap();
        assert!(
            text.contains("    must carry Min-Expires (RFC 3261, Section 10.3 <"),
            "{text}"
        );
        assert!(
            text.contains("  reaction:    resubmit (RFC 3261, Section 10.2.8 <"),
            "{text}"
        );
        assert!(text.contains("  fix:         what Min-Expires says"), "{text}");
        let text = explain("503").unwrap();
        assert!(text.contains("  failover:    another server"), "{text}");
        // A code's own advice replaces its class's.
        let text = explain("486").unwrap();
        assert!(
            text.contains(&format!("  advice:      {}", sipcodes::Code::BusyHere.advice())),
            "{text}"
        );
        assert!(!text.contains(sipcodes::Class::ClientFailure.retry_advice()), "{text}");
        let text = explain("180").unwrap();
        assert!(
            text.contains("    must carry Contact when the response creates an early dialog ("),
            "{text}"
        );
    }

    #[test]
    fn bad_input_gets_a_clear_error() {
        assert_eq!(
            explain("99").unwrap_err(),
            "invalid SIP status code 99: a status code is a number from 100 to 699"
        );
        assert!(
            explain("70000")
                .unwrap_err()
                .contains("expected a number from 100 to 699")
        );
        assert!(
            explain("abc")
                .unwrap_err()
                .starts_with("no SIP response code has the reason phrase `abc`")
        );
    }
}
