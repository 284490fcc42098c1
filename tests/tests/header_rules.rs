//! The header rules and client reactions of `Code` and `StatusCode` against `codes.toml`,
//! read here independently with the `toml` crate, and the MUST rules against the sentences
//! of the RFCs that state them.

use sipcodes::{Citation, Class, Code, HeaderRule, Reaction, Requirement, StatusCode, compact_form, full_header_name};

mod codes_toml;

use codes_toml::{entries, number, table, text};

fn code_of(entry: &toml::Table) -> Code {
    Code::from_u16(number(entry)).unwrap()
}

/// The `[[code.header_rule]]` tables of an entry, in file order.
fn header_tables(entry: &toml::Table) -> Vec<toml::Table> {
    entry.get("header_rule").map_or_else(Vec::new, |headers| {
        headers
            .as_array()
            .unwrap()
            .iter()
            .map(|header| header.as_table().unwrap().clone())
            .collect()
    })
}

fn requirement(text: &str) -> Requirement {
    match text {
        "must" => Requirement::Must,
        "should" => Requirement::Should,
        "may" => Requirement::May,
        "must not" => Requirement::MustNot,
        other => panic!("unexpected requirement {other:?}"),
    }
}

fn action(text: &str) -> Reaction {
    match text {
        "wait" => Reaction::Wait,
        "done" => Reaction::Done,
        "redirect" => Reaction::Redirect,
        "resubmit" => Reaction::Resubmit,
        "retry-later" => Reaction::RetryLater,
        "failover" => Reaction::Failover,
        "give-up" => Reaction::GiveUp,
        "give-up-everywhere" => Reaction::GiveUpEverywhere,
        other => panic!("unexpected action {other:?}"),
    }
}

/// Checks a fact's citation against the `rfc` and `section` of its TOML table.
fn assert_cites(citation: Citation, table: &toml::Table, code: Code) {
    let rfc = text(table, "rfc").unwrap_or_else(|| panic!("{code}: every fact is cited"));
    let section = text(table, "section");
    assert_eq!((citation.rfc(), citation.section()), (rfc, section), "{code}");
    let number = rfc.strip_prefix("RFC ").unwrap();
    let (url, display) = match section {
        Some(section) => (
            format!("https://www.rfc-editor.org/rfc/rfc{number}#section-{section}"),
            format!("{rfc}, Section {section}"),
        ),
        None => (format!("https://www.rfc-editor.org/rfc/rfc{number}"), rfc.to_owned()),
    };
    assert_eq!(citation.url(), url, "{code}");
    assert_eq!(citation.to_string(), display, "{code}");
}

#[test]
fn every_header_rule_is_reachable_with_its_citation() {
    let mut rules = 0;
    for entry in entries() {
        let code = code_of(&entry);
        let tables = header_tables(&entry);
        assert_eq!(code.header_rules().len(), tables.len(), "{code}");
        for (rule, table) in code.header_rules().iter().zip(&tables) {
            assert_eq!(rule.header(), text(table, "header").unwrap(), "{code}");
            assert_eq!(
                rule.requirement(),
                requirement(text(table, "requirement").unwrap()),
                "{code}"
            );
            assert_eq!(rule.condition(), text(table, "condition"), "{code}");
            assert_cites(rule.citation(), table, code);
            assert_eq!(
                rule.is_unconditional_must(),
                rule.requirement() == Requirement::Must && rule.condition().is_none()
            );
            rules += 1;
        }
        let retry_after = tables.iter().any(|table| {
            text(table, "header") == Some("Retry-After") && text(table, "requirement") != Some("must not")
        });
        assert_eq!(code.may_carry_retry_after(), retry_after, "{code}");
    }
    assert!(rules > Code::ALL.len(), "every code has at least the Min-SE rule");
}

#[test]
fn missing_headers_lists_the_unconditional_musts_absent_from_a_response() {
    for entry in entries() {
        let code = code_of(&entry);
        let required: Vec<String> = header_tables(&entry)
            .iter()
            .filter(|table| text(table, "requirement") == Some("must") && table.get("condition").is_none())
            .map(|table| text(table, "header").unwrap().to_owned())
            .collect();
        // Nothing present: every unconditional MUST is missing, in the table's order.
        let missing: Vec<&str> = code.missing_headers([]).map(HeaderRule::header).collect();
        assert_eq!(missing, required, "{code}");
        assert_eq!(code.missing_headers([]).len(), required.len());
        // Everything present, in any case and among other headers: nothing is missing.
        let mut present: Vec<String> = vec!["Via".into(), "From".into(), "To".into()];
        present.extend(required.iter().map(|name| name.to_ascii_uppercase()));
        assert_eq!(
            code.missing_headers(present.iter().map(String::as_str)).count(),
            0,
            "{code}"
        );
        // One removed: that one is missing.
        for (index, removed) in required.iter().enumerate() {
            let others = required
                .iter()
                .enumerate()
                .filter(|(other, _)| *other != index)
                .map(|(_, name)| name.as_str());
            let missing: Vec<&str> = code.missing_headers(others).map(HeaderRule::header).collect();
            assert_eq!(missing, [removed.as_str()], "{code}");
        }
    }
}

#[test]
fn missing_headers_knows_compact_forms_and_ignores_conditional_rules() {
    // 405: Allow is required, and a lower-case name or blanks around it still count.
    let missing = |code: Code, present: &[&str]| -> Vec<&'static str> {
        code.missing_headers(present.iter().copied())
            .map(HeaderRule::header)
            .collect()
    };
    assert_eq!(missing(Code::MethodNotAllowed, &["Via", "Call-ID"]), ["Allow"]);
    assert!(missing(Code::MethodNotAllowed, &[" allow "]).is_empty());
    assert_eq!(
        missing(Code::MethodNotAllowed, &["Allows", "Allow-Events", "u"]),
        ["Allow"]
    );
    // No unconditional MUST of the standard table names a header with a compact form, so the
    // forms are checked through a rule's `matches_name` here (and through `missing_headers` in
    // extending.rs, with a custom table).
    let contact = Code::MultipleChoices
        .header_rules()
        .iter()
        .find(|rule| rule.header() == "Contact")
        .unwrap();
    assert!(contact.matches_name("m") && contact.matches_name("M") && contact.matches_name("CONTACT"));
    assert!(!contact.matches_name("c") && !contact.matches_name("") && !contact.matches_name("mm"));
    // 180's rules all have conditions, so nothing is ever missing unconditionally.
    assert!(
        Code::Ringing
            .header_rules()
            .iter()
            .all(|rule| !rule.is_unconditional_must())
    );
    assert!(missing(Code::Ringing, &[]).is_empty());
    // 415: three conditional MUSTs, none unconditional.
    assert!(missing(Code::UnsupportedMediaType, &[]).is_empty());
    // Any iterator of names will do, read once: here one that is not `Clone`.
    let names = vec![String::from("WWW-Authenticate")];
    let once = names.into_iter().map(|name| &*Box::leak(name.into_boxed_str()));
    assert!(Code::Unauthorized.missing_headers(once).next().is_none());
}

#[test]
fn compact_forms_are_those_the_rfcs_assign() {
    // RFC 3261 §7.3.3 points at §20, where each header field's section names its compact form.
    for (letter, name) in [
        ('i', "Call-ID"),
        ('m', "Contact"),
        ('e', "Content-Encoding"),
        ('l', "Content-Length"),
        ('c', "Content-Type"),
        ('f', "From"),
        ('s', "Subject"),
        ('k', "Supported"),
        ('t', "To"),
        ('v', "Via"),
        // RFC 6665 §7.3, RFC 3515 §7, RFC 3892 §8, RFC 4028 §12.1, RFC 3841 §12, RFC 4474 §14.1.
        ('o', "Event"),
        ('u', "Allow-Events"),
        ('r', "Refer-To"),
        ('b', "Referred-By"),
        ('x', "Session-Expires"),
        ('a', "Accept-Contact"),
        ('j', "Reject-Contact"),
        ('d', "Request-Disposition"),
        ('y', "Identity"),
        ('n', "Identity-Info"),
    ] {
        assert_eq!(compact_form(name), Some(letter), "{name}");
        assert_eq!(compact_form(&name.to_ascii_lowercase()), Some(letter), "{name}");
        assert_eq!(full_header_name(letter), Some(name));
        assert_eq!(full_header_name(letter.to_ascii_uppercase()), Some(name));
    }
    for name in ["Allow", "Min-SE", "Retry-After", "WWW-Authenticate", ""] {
        assert_eq!(compact_form(name), None, "{name}");
    }
    for letter in ['g', 'h', 'p', 'q', 'w', 'z', '1'] {
        assert_eq!(full_header_name(letter), None, "{letter}");
    }
}

#[test]
fn every_reaction_is_the_codes_own_or_its_class() {
    let table = table();
    let classes = table["class"].as_table().unwrap();
    for entry in entries() {
        let code = code_of(&entry);
        let reaction = code.client_reaction();
        let class = classes[&format!("{}xx", code.class().digit())].as_table().unwrap();
        if let Some(own) = entry
            .get("client_reaction")
            .map(|reaction| reaction.as_table().unwrap())
        {
            assert_eq!(reaction.reaction(), action(text(own, "reaction").unwrap()), "{code}");
            let fix: Vec<&str> = match own.get("fix_headers") {
                None => Vec::new(),
                Some(toml::Value::String(one)) => vec![one.as_str()],
                Some(list) => list
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|item| item.as_str().unwrap())
                    .collect(),
            };
            assert_eq!(reaction.fix_headers(), fix.as_slice(), "{code}");
            let failover = own.get("failover").is_some_and(|flag| flag.as_bool().unwrap());
            assert_eq!(reaction.failover(), failover, "{code}");
            assert_eq!(reaction.advice(), text(own, "advice").unwrap(), "{code}");
            assert_cites(reaction.citation(), own, code);
            assert!(!reaction.is_class_default());
            assert_ne!(code.advice(), text(class, "advice").unwrap(), "{code}: own advice");
        } else {
            assert_eq!(reaction, code.class().client_reaction(), "{code}");
            assert_eq!(reaction.reaction(), action(text(class, "reaction").unwrap()), "{code}");
            assert_eq!(reaction.advice(), text(class, "advice").unwrap(), "{code}");
            assert_cites(reaction.citation(), class, code);
            assert!(reaction.fix_headers().is_empty() && !reaction.failover());
            assert!(reaction.is_class_default());
        }
        assert_eq!(code.reaction(), reaction.reaction());
        assert_eq!(code.advice(), reaction.advice());
        // Only a resubmission has something to fix.
        if !reaction.fix_headers().is_empty() {
            assert_eq!(reaction.reaction(), Reaction::Resubmit, "{code}");
        }
    }
    for class in Class::ALL {
        assert_eq!(class.client_reaction().advice(), class.advice());
    }
}

#[test]
fn reactions_read_naturally_in_a_match() {
    // What a stack does with a final response, written against the API.
    let next_step = |status: StatusCode| match status.reaction() {
        Reaction::Wait => "wait".to_owned(),
        Reaction::Done => "done".to_owned(),
        Reaction::Redirect => "redirect".to_owned(),
        Reaction::Resubmit => format!("resubmit fixing {:?}", status.client_reaction().fix_headers()),
        Reaction::Failover => "fail over".to_owned(),
        Reaction::RetryLater if status.client_reaction().failover() => "fail over".to_owned(),
        Reaction::RetryLater => "retry later".to_owned(),
        Reaction::GiveUpEverywhere => "stop every branch".to_owned(),
        Reaction::GiveUp => "give up".to_owned(),
    };
    let step = |code| next_step(StatusCode::from_u16(code).unwrap());
    assert_eq!(step(180), "wait");
    assert_eq!(step(200), "done");
    assert_eq!(step(302), "redirect");
    assert_eq!(step(401), r#"resubmit fixing ["WWW-Authenticate"]"#);
    assert_eq!(step(407), r#"resubmit fixing ["Proxy-Authenticate"]"#);
    assert_eq!(
        step(415),
        r#"resubmit fixing ["Accept", "Accept-Encoding", "Accept-Language"]"#
    );
    assert_eq!(step(420), r#"resubmit fixing ["Unsupported"]"#);
    assert_eq!(step(421), r#"resubmit fixing ["Require"]"#);
    assert_eq!(step(422), r#"resubmit fixing ["Min-SE"]"#);
    assert_eq!(step(423), r#"resubmit fixing ["Min-Expires"]"#);
    assert_eq!(step(484), "resubmit fixing []");
    assert_eq!(step(494), r#"resubmit fixing ["Security-Server"]"#);
    assert_eq!(step(486), "retry later");
    assert_eq!(step(503), "fail over");
    assert_eq!(step(408), "fail over");
    assert_eq!(step(403), "give up");
    assert_eq!(step(603), "stop every branch");
    assert_eq!(Reaction::GiveUpEverywhere.to_string(), "give up everywhere");
}

#[test]
fn status_code_forwards_by_its_canonical_code() {
    for number in 100..=699 {
        let status = StatusCode::from_u16(number).unwrap();
        let canonical = status.canonical();
        assert_eq!(status.client_reaction(), canonical.client_reaction(), "{number}");
        assert_eq!(status.reaction(), canonical.reaction(), "{number}");
        assert_eq!(status.advice(), canonical.advice(), "{number}");
        assert_eq!(
            status.may_carry_retry_after(),
            canonical.may_carry_retry_after(),
            "{number}"
        );
    }
    // An unregistered 4xx is a 400, which has no reaction of its own: the class's.
    let unregistered = StatusCode::from_u16(sipcodes_tests::unregistered_code(400)).unwrap();
    assert_eq!(unregistered.advice(), Class::ClientFailure.advice());
    assert_eq!(unregistered.reaction(), Reaction::GiveUp);
    assert!(!unregistered.may_carry_retry_after());
    // An unregistered 5xx is a 500, which may carry Retry-After (RFC 3261 §20.33).
    assert!(
        StatusCode::from_u16(sipcodes_tests::unregistered_code(500))
            .unwrap()
            .may_carry_retry_after()
    );
}

#[test]
fn retry_after_is_allowed_where_rfc_3261_allows_it() {
    // RFC 3261 §20.33: "The Retry-After header field can be used with a 500 (Server Internal
    // Error) or 503 (Service Unavailable) response [...] and with a 404 (Not Found), 413
    // (Request Entity Too Large), 480 (Temporarily Unavailable), 486 (Busy Here), 600 (Busy),
    // or 603 (Decline) response". Among the codes RFC 3261 defines, exactly those.
    let allowed: Vec<u16> = Code::ALL
        .iter()
        .filter(|code| {
            code.citation().map(|citation| citation.rfc()) == Some("RFC 3261") && code.may_carry_retry_after()
        })
        .map(|code| code.as_u16())
        .collect();
    assert_eq!(allowed, [404, 413, 480, 486, 500, 503, 600, 603]);
}

/// An unconditional MUST rule and the RFC sentence that states it, quoted (line breaks
/// folded into single spaces).
struct Quoted {
    code: Code,
    header: &'static str,
    rfc: &'static str,
    section: &'static str,
    sentence: &'static str,
}

const MUST_RULES: [Quoted; 11] = [
    Quoted {
        code: Code::Unauthorized,
        header: "WWW-Authenticate",
        rfc: "RFC 3261",
        section: "22.2",
        sentence: "The WWW-Authenticate response-header field MUST be included in 401 (Unauthorized) response messages.",
    },
    Quoted {
        code: Code::MethodNotAllowed,
        header: "Allow",
        rfc: "RFC 3261",
        section: "21.4.6",
        sentence: "The response MUST include an Allow header field containing a list of valid methods for the \
                   indicated address.",
    },
    Quoted {
        code: Code::ProxyAuthenticationRequired,
        header: "Proxy-Authenticate",
        rfc: "RFC 3261",
        section: "22.3",
        sentence: "The proxy MUST populate the 407 (Proxy Authentication Required) message with a Proxy- \
                   Authenticate header field value applicable to the proxy for the requested resource.",
    },
    Quoted {
        code: Code::BadExtension,
        header: "Unsupported",
        rfc: "RFC 3261",
        section: "21.4.15",
        sentence: "The server MUST include a list of the unsupported extensions in an Unsupported header field in \
                   the response.",
    },
    Quoted {
        code: Code::ExtensionRequired,
        header: "Require",
        rfc: "RFC 3261",
        section: "21.4.16",
        sentence: "Responses with this status code MUST contain a Require header field listing the required \
                   extensions.",
    },
    Quoted {
        code: Code::SessionIntervalTooSmall,
        header: "Min-SE",
        rfc: "RFC 4028",
        section: "6",
        sentence: "The 422 response MUST contain a Min-SE header field with the minimum timer for that server.",
    },
    Quoted {
        code: Code::IntervalTooBrief,
        header: "Min-Expires",
        rfc: "RFC 3261",
        section: "10.3",
        sentence: "This response MUST contain a Min-Expires header field that states the minimum expiration \
                   interval the registrar is willing to honor.",
    },
    Quoted {
        code: Code::BadLocationInformation,
        header: "Geolocation-Error",
        rfc: "RFC 6442",
        section: "4.3",
        sentence: "Section 4.4 describes a Geolocation-Error header field to provide more detail about what was \
                   wrong with the location information in the request. This header field MUST be included in \
                   the 424 response.",
    },
    Quoted {
        code: Code::BadInfoPackage,
        header: "Recv-Info",
        rfc: "RFC 6086",
        section: "4.2.2",
        sentence: "If a UA receives an INFO request associated with an Info Package that the UA has not indicated \
                   willingness to receive, the UA MUST send a 469 (Bad Info Package) response (see Section 11.6), \
                   which contains a Recv-Info header field with Info Packages for which the UA is willing to \
                   receive INFO requests.",
    },
    Quoted {
        code: Code::SecurityAgreementRequired,
        header: "Security-Server",
        rfc: "RFC 3329",
        section: "2.3.1",
        sentence: "The server MUST add a Security-Server header field to this response listing the security \
                   mechanisms that the server supports.",
    },
    Quoted {
        code: Code::EarlyDialogTerminated,
        header: "Reason",
        rfc: "RFC 6228",
        section: "5",
        sentence: "The UAS MUST also insert a Reason header field [RFC3326] that contains a response code \
                   describing the reason why the early dialog was terminated.",
    },
];

#[test]
fn must_rules_match_the_rfc_sentences() {
    for quoted in &MUST_RULES {
        let code = quoted.code;
        // The quote is a MUST about this header (the sentence may break the name at a hyphen).
        assert!(quoted.sentence.contains("MUST") && !quoted.sentence.contains("MUST NOT"));
        assert!(
            quoted.sentence.replace("- ", "-").contains(quoted.header),
            "{code}: {}",
            quoted.sentence
        );
        let rule = code
            .header_rules()
            .iter()
            .find(|rule| rule.header() == quoted.header)
            .unwrap_or_else(|| panic!("{code} has no rule for {}", quoted.header));
        assert_eq!(rule.requirement(), Requirement::Must, "{code}");
        assert_eq!(rule.condition(), None, "{code}");
        assert_eq!(
            (rule.citation().rfc(), rule.citation().section()),
            (quoted.rfc, Some(quoted.section)),
            "{code}"
        );
        let missing: Vec<&str> = code.missing_headers(["Via", "CSeq"]).map(HeaderRule::header).collect();
        assert!(missing.contains(&quoted.header), "{code}: {missing:?}");
    }
}

#[test]
fn min_se_is_forbidden_in_every_response_but_422() {
    // RFC 4028 §5: "The Min-SE header field MUST NOT be used in responses except for those
    // with a 422 response code." A code added without header rules says nothing of Min-SE;
    // none may allow it.
    let mut forbidding = 0;
    for &code in Code::ALL {
        let min_se: Vec<Requirement> = code
            .header_rules()
            .iter()
            .filter(|rule| rule.header() == "Min-SE")
            .map(HeaderRule::requirement)
            .collect();
        if code == Code::SessionIntervalTooSmall {
            assert_eq!(min_se, [Requirement::Must]);
        } else {
            assert!(
                min_se.iter().all(|requirement| *requirement == Requirement::MustNot),
                "{code}"
            );
            forbidding += usize::from(!min_se.is_empty());
        }
    }
    assert!(forbidding > 0);
}

/// Not a check: prints the MUST, SHOULD and MUST NOT rules as the API returns them
/// (`cargo test -p sipcodes-tests --test header_rules -- --ignored --nocapture`).
#[test]
#[ignore = "prints a table"]
fn print_rules() {
    for &code in Code::ALL {
        for rule in code.header_rules() {
            if rule.requirement() == Requirement::May
                || (rule.header() == "Min-SE" && rule.requirement() == Requirement::MustNot)
            {
                continue;
            }
            println!(
                "| {} | {} | {:?} | {} | {} |",
                code.as_u16(),
                rule.header(),
                rule.requirement(),
                rule.condition().unwrap_or("always"),
                rule.citation()
            );
        }
    }
}
