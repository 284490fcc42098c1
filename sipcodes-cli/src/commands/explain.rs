//! `sipcodes explain`: what a SIP response code means, given by number, reason phrase or
//! status line, with its header rules, the client's reaction and the audit rules about it;
//! a Q.850 cause and both RFC 3398 and RFC 4497 mappings; a Reason header value; a warn-code.

use std::fmt::Write as _;
use std::process::ExitCode;

use sipcodes::{Citation, Code, HeaderRule, Requirement, StatusCode, StatusLine};

/// Explains `arguments` (joined by spaces) on standard output: 0, or 2 with the reason on
/// standard error when they name nothing sipcodes knows.
pub fn run(arguments: &[String]) -> ExitCode {
    match explain_arguments(arguments) {
        Ok(text) => {
            super::print(&format!("{text}\n"));
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("sipcodes: error: {message}");
            ExitCode::from(2)
        }
    }
}

/// The explanation of `arguments`: a registry's value (`q850 17`, `warning 305`, `reason …`,
/// a Reason value), else a code, a phrase or a status line.
///
/// # Errors
///
/// What the arguments name is not known, or is malformed: the message says which and what
/// would do.
pub fn explain_arguments(arguments: &[String]) -> Result<String, String> {
    registry::explain(arguments).unwrap_or_else(|| explain(arguments.join(" ").trim()))
}

fn explain(query: &str) -> Result<String, String> {
    if query.starts_with("SIP/") {
        // A status line as a capture shows it: strict first, then as a lenient peer sends it.
        let line = StatusLine::parse_str(query)
            .or_else(|strict| StatusLine::parse_lenient(query.as_bytes()).map_err(|_| strict.to_string()))?;
        let status = line.code();
        let mut text = match status.known() {
            Some(code) => describe(code),
            None => describe_unregistered(status),
        };
        if status
            .known()
            .is_some_and(|code| !code.reason_phrase().eq_ignore_ascii_case(line.reason_phrase()))
        {
            let _ = write!(
                text,
                "\n  phrase:      \"{}\" as sent; the code alone has the meaning (RFC 3261 Section 21)",
                line.reason_phrase()
            );
        }
        return Ok(with_audit_rules(text, status));
    }
    if query.starts_with(|character: char| character.is_ascii_digit()) {
        let status = if query.bytes().all(|byte| byte.is_ascii_digit()) {
            let number: u16 = query
                .parse()
                .map_err(|_| format!("`{query}` is not a status code: expected a number from 100 to 699"))?;
            StatusCode::from_u16(number).map_err(|error| error.to_string())?
        } else {
            // A code and its phrase, `486 Busy Here`: what `StatusCode` parses and displays.
            query.parse::<StatusCode>().map_err(|error| error.to_string())?
        };
        let text = match status.known() {
            Some(code) => describe(code),
            None => describe_unregistered(status),
        };
        return Ok(with_audit_rules(text, status));
    }
    Code::from_reason_phrase(query)
        .map(|code| with_audit_rules(describe(code), code.status_code()))
        .ok_or_else(|| {
            format!("no SIP response code has the reason phrase `{query}`; give a phrase such as \"Busy Here\" or a number such as 486")
        })
}

/// `text`, then the audit rules about `status`'s code, and how many more apply to every
/// response.
fn with_audit_rules(text: String, status: StatusCode) -> String {
    let (own, general): (Vec<&sipcodes::audit::Rule>, Vec<&sipcodes::audit::Rule>) =
        sipcodes::audit::rules_for(status).partition(|rule| rule.code().is_some() || rule.header_rule().is_some());
    let mut lines = vec![text, "  audit rules:".to_owned()];
    lines.extend(own.iter().map(|rule| {
        format!(
            "    {} ({}): {} ({})",
            rule.id(),
            rule.severity(),
            rule.summary(),
            cited(rule.citation())
        )
    }));
    lines.push(format!(
        "    and {} rules about every response (sipcodes audit --list-rules)",
        general.len()
    ));
    lines.join("\n")
}

fn describe(code: Code) -> String {
    let mut lines = vec![
        code.to_string(),
        format!("  class:       {}", code.class()),
        format!("  meaning:     {}", code.description()),
    ];
    let reference = code
        .citation()
        .map_or_else(|| "not defined by an RFC".to_owned(), cited);
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
        cited(reaction.citation())
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
        cited(rule.citation())
    )
}

fn cited(citation: Citation) -> String {
    format!("{citation} <{}>", citation.url())
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

/// `q850 <cause>` and `warning <warn-code>`: the registries beside the status codes (with the
/// `q850` feature).
mod registry {
    use sipcodes::q850::{self, Cause, Location, NewNumber, Profile};
    use sipcodes::warning::WarnCode;
    use std::fmt::Write as _;

    use sipcodes::Code;

    /// `None` unless the first argument names a registry, or is a Reason header value.
    pub fn explain(arguments: &[String]) -> Option<Result<String, String>> {
        let (kind, rest) = arguments.split_first()?;
        let value = rest.join(" ");
        match kind.to_ascii_lowercase().as_str() {
            "q850" | "q.850" | "cause" => Some(cause(value.trim())),
            "warning" | "warn" => Some(warning(value.trim())),
            "reason" => Some(reason(value.trim())),
            _ if kind.contains(';') => Some(reason(&arguments.join(" "))),
            _ => None,
        }
    }

    /// A Reason header value (`Q.850;cause=17;text="User busy"`, or several, comma-separated):
    /// each value's cause, explained through its protocol's table.
    fn reason(value: &str) -> Result<String, String> {
        let values = sipcodes::reason::parse_lenient(value.as_bytes()).map_err(|error| error.to_string())?;
        let mut parts = Vec::new();
        for value in &values {
            let mut lines = vec![format!("Reason value `{value}`")];
            if let Some(text) = value.text() {
                lines.push(format!("  text:        {text}"));
            }
            if let Some(q850) = value.known_cause() {
                lines.push(cause(&q850.as_u8().to_string())?);
            } else if let Some(status) = value.sip_status() {
                lines.push(super::explain(&status.as_u16().to_string())?);
                let cause =
                    q850::from_sip(status, None).map_or_else(|| "no cause".to_owned(), |cause| cause.to_string());
                lines.push(format!("  as Q.850 (RFC 3398): {cause}"));
                if let Some(note) = Profile::Rfc3398.from_sip_note(status) {
                    lines.push(format!("    note: {note}"));
                }
            } else {
                let protocol = value.known_protocol().map_or_else(
                    || "a protocol sipcodes does not know".to_owned(),
                    |protocol| protocol.to_string(),
                );
                lines.push(format!("  protocol:    {protocol}; cause {:?}", value.cause()));
            }
            parts.push(lines.join("\n"));
        }
        Ok(parts.join("\n\n"))
    }

    fn cause(value: &str) -> Result<String, String> {
        let number: u8 = value
            .parse()
            .ok()
            .filter(|number| *number <= 127)
            .ok_or_else(|| format!("`{value}` is not a Q.850 cause value: expected a number from 0 to 127"))?;
        let mut lines = match Cause::from_u8(number) {
            Some(cause) => {
                let mut lines = vec![
                    cause.to_string(),
                    format!("  class:       {}", cause.class()),
                    format!("  meaning:     {}", cause.description()),
                ];
                if !cause.is_confirmed() {
                    lines.push("  name:        confirmed by one secondary source only".to_owned());
                }
                lines
            }
            None => vec![format!(
                "{number} is not a cause value Q.850 assigns (as far as sipcodes knows)."
            )],
        };
        for profile in Profile::ALL {
            let reference = profile.to_sip_citation().to_string();
            let answer = match profile.to_sip_raw(number, None, NewNumber::Unknown) {
                Some(status) => {
                    let mut text = status.to_string();
                    if let Some(user) = profile
                        .to_sip_raw(number, Some(Location::User), NewNumber::Unknown)
                        .filter(|user| *user != status)
                    {
                        let _ = write!(text, " ({user} when the location is the user)");
                    }
                    if let Some(moved) = profile
                        .to_sip_raw(number, None, NewNumber::Known)
                        .filter(|moved| *moved != status)
                    {
                        let _ = write!(text, " ({moved} when the diagnostic gives a new number)");
                    }
                    let back = profile
                        .from_sip(status, None)
                        .map_or_else(|| "no cause".to_owned(), |cause| cause.to_string());
                    format!("{text}; back again: {back} ({})", profile.from_sip_citation())
                }
                None => "no status code".to_owned(),
            };
            lines.push(format!("  as SIP ({reference}): {answer}"));
            if let Some(note) = Cause::from_u8(number).and_then(|cause| profile.to_sip_note(cause)) {
                lines.push(format!("    note: {note}"));
            }
        }
        Ok(lines.join("\n"))
    }

    fn warning(value: &str) -> Result<String, String> {
        let number: u16 = value
            .parse()
            .ok()
            .filter(|number| (100..=999).contains(number))
            .ok_or_else(|| format!("`{value}` is not a warn-code: expected a three-digit number such as 305"))?;
        let Some(code) = WarnCode::from_u16(number) else {
            return Err(format!(
                "{number} is not a registered warn-code; the registered ones are 300 to 399"
            ));
        };
        let mut lines = vec![
            code.to_string(),
            format!("  meaning:     {}", code.description()),
            format!("  defined in:  {} <{}>", code.citation(), code.citation().url()),
        ];
        if !code.is_verified() {
            lines.push("  note:        the defining RFC's text was not read".to_owned());
        }
        for failure in [Code::NotAcceptableHere, Code::NotAcceptableAnywhere] {
            for profile in Profile::ALL {
                let cause = profile.from_sip(failure.status_code(), Some(code));
                let cause_text = cause.map_or_else(|| "no cause".to_owned(), |cause| cause.to_string());
                let back = cause
                    .and_then(|cause| profile.to_sip(cause, None, NewNumber::Unknown))
                    .map_or_else(|| "no response".to_owned(), |status| status.to_string());
                lines.push(format!(
                    "  in a {} ({}): cause {cause_text}; back again: {back}",
                    failure.as_u16(),
                    profile.from_sip_citation()
                ));
            }
        }
        Ok(lines.join("\n"))
    }

    #[cfg(test)]
    mod tests {
        use super::explain;

        fn run(arguments: &[&str]) -> Result<String, String> {
            let arguments: Vec<String> = arguments.iter().map(ToString::to_string).collect();
            explain(&arguments).expect("a registry argument")
        }

        #[test]
        fn a_cause_shows_both_mappings_and_the_way_back() {
            let text = run(&["q850", "17"]).unwrap();
            assert!(text.starts_with("17 User busy\n"), "{text}");
            assert!(text.contains("class:       Normal event"), "{text}");
            assert!(
                text.contains("as SIP (RFC 3398, Section 7.2.4.1): 486 Busy Here; back again: 17 User busy"),
                "{text}"
            );
            assert!(
                text.contains("as SIP (RFC 4497, Section 8.4.1): 486 Busy Here"),
                "{text}"
            );
            let rejected = run(&["q850", "21"]).unwrap();
            assert!(
                rejected.contains("403 Forbidden (603 Decline when the location is the user)"),
                "{rejected}"
            );
            let clearing = run(&["Q.850", "16"]).unwrap();
            assert!(
                clearing.contains("(RFC 3398, Section 7.2.4.1): no status code"),
                "{clearing}"
            );
        }

        #[test]
        fn a_reason_value_is_explained_through_its_protocol() {
            let text = run(&[r#"Q.850;cause=17;text="User busy""#]).unwrap();
            assert!(
                text.starts_with("Reason value `Q.850;cause=17;text=\"User busy\"`"),
                "{text}"
            );
            assert!(text.contains("17 User busy"), "{text}");
            assert!(text.contains("486 Busy Here"), "{text}");
            let sip = run(&["reason", r#"SIP;cause=486;text="Busy Here""#]).unwrap();
            assert!(
                sip.contains("486 Busy Here") && sip.contains("as Q.850 (RFC 3398): 17 User busy"),
                "{sip}"
            );
            // A call completed elsewhere releases nothing, and says why.
            let elsewhere = run(&["reason", r#"SIP;cause=200;text="Call completed elsewhere""#]).unwrap();
            assert!(
                elsewhere.contains("as Q.850 (RFC 3398): no cause\n    note: RFC 3398 Section 8.2.4"),
                "{elsewhere}"
            );
            assert!(run(&["reason", "Q.850;cause="]).is_err());
        }

        #[test]
        fn a_warn_code_shows_the_cause_it_gives() {
            let text = run(&["warning", "305"]).unwrap();
            assert!(text.starts_with("305 Incompatible media format\n"), "{text}");
            assert!(text.contains("RFC 3261, Section 20.43"), "{text}");
            assert!(
                text.contains("in a 488 (RFC 3398, Section 8.2.6.1): cause 65 Bearer capability not implemented; back again: 488 Not Acceptable Here"),
                "{text}"
            );
            let other = run(&["warning", "399"]).unwrap();
            assert!(
                other.contains("in a 606 (RFC 4497, Section 8.4.4): cause 31 Normal, unspecified"),
                "{other}"
            );
        }

        #[test]
        fn bad_values_get_clear_errors() {
            assert!(run(&["q850", "128"]).unwrap_err().contains("from 0 to 127"));
            assert!(run(&["q850", "busy"]).unwrap_err().contains("not a Q.850 cause value"));
            assert!(
                run(&["warning", "250"])
                    .unwrap_err()
                    .contains("not a registered warn-code")
            );
            assert!(run(&["warning", "x"]).unwrap_err().contains("not a warn-code"));
            assert!(
                run(&["q850", "12"])
                    .unwrap()
                    .starts_with("12 is not a cause value Q.850 assigns")
            );
            assert!(explain(&["486".to_owned()]).is_none());
        }
    }
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
    fn a_code_with_its_phrase_is_read_as_status_code_reads_it() {
        assert_eq!(explain("486 Busy Here"), explain("486"));
        assert_eq!(explain("486 busy here"), explain("486"));
        // The phrase never changes the code (RFC 3261 §7.2): a peer's own words read as 486.
        assert_eq!(explain("486 Besetzt"), explain("486"));
        assert_eq!(
            explain("486Busy").unwrap_err(),
            "invalid status code at byte 3: expected a blank between the code and its reason phrase (SP), found `B`"
        );
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
        assert!(!text.contains(sipcodes::Class::ClientFailure.advice()), "{text}");
        let text = explain("180").unwrap();
        assert!(
            text.contains("    must carry Contact when the response creates an early dialog ("),
            "{text}"
        );
    }

    #[test]
    fn a_code_lists_its_audit_rules() {
        let text = explain("405").unwrap();
        assert!(
            text.contains("    405-must-carry-allow (error): A 405 must carry Allow (RFC 3261, Section 21.4.6 <https://www.rfc-editor.org/rfc/rfc3261#section-21.4.6>)"),
            "{text}"
        );
        assert!(text.contains("    405-must-not-carry-min-se (error)"), "{text}");
        assert!(!text.contains("to-tag-missing"), "{text}");
        let text = explain("202").unwrap();
        assert!(
            text.contains("    202-to-refer (warning): A REFER is not answered 202"),
            "{text}"
        );
        // An unregistered code, picked when the test runs: none stays unregistered for good.
        let unregistered = (400..500)
            .rev()
            .find(|&number| Code::from_u16(number).is_none())
            .unwrap();
        let text = explain(&unregistered.to_string()).unwrap();
        assert!(
            text.contains("    unregistered-must-not-carry-min-se (error)"),
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
