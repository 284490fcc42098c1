//! The header rules and client reactions of `Code` and `StatusCode` against `codes.toml`,
//! read here independently with the `toml` crate, and the MUST rules against the sentences
//! of the RFCs that state them.

use sipcodes::{
    Citation, Class, Code, Condition, Dialog, HeaderRule, HeaderTest, Reaction, Requirement, StatusCode, compact_form,
    full_header_name,
};

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

/// The keys of a `[[code.header_rule]]` table that say when it applies.
const CONDITION_KEYS: [&str; 6] = [
    "methods",
    "dialog",
    "response_carries",
    "request_carried",
    "request_lacked",
    "human",
];

fn has_condition(table: &toml::Table) -> bool {
    CONDITION_KEYS.iter().any(|key| table.contains_key(*key))
}

/// A list of strings under `key`, empty when the key is absent.
fn texts(table: &toml::Table, key: &str) -> Vec<String> {
    table.get(key).map_or_else(Vec::new, |list| {
        list.as_array()
            .unwrap()
            .iter()
            .map(|item| item.as_str().unwrap().to_owned())
            .collect()
    })
}

/// A header test as `codes.toml` writes it, "Header" or "Header: token", read here on its own.
fn written_test(test: &HeaderTest) -> String {
    match test.token() {
        Some(token) => format!("{}: {token}", test.header()),
        None => test.header().to_owned(),
    }
}

/// The rule's `Condition` has exactly the parts its table lists, and its text names each.
fn assert_condition(condition: Option<&Condition>, table: &toml::Table, code: Code) {
    assert!(!table.contains_key("condition"), "{code}: the free-text key is gone");
    let Some(condition) = condition else {
        assert!(!has_condition(table), "{code}: {table:?} has a condition");
        return;
    };
    let methods = texts(table, "methods");
    assert_eq!(condition.methods(), methods, "{code}");
    let dialog = text(table, "dialog").map(|dialog| match dialog {
        "creates" => Dialog::Creates,
        "creates-early" => Dialog::CreatesEarly,
        other => panic!("{code}: unexpected dialog {other:?}"),
    });
    assert_eq!(condition.dialog(), dialog, "{code}");
    let tests = |tests: &[HeaderTest]| tests.iter().map(written_test).collect::<Vec<_>>();
    assert_eq!(
        tests(condition.response_carries()),
        texts(table, "response_carries"),
        "{code}"
    );
    assert_eq!(
        tests(condition.request_carried()),
        texts(table, "request_carried"),
        "{code}"
    );
    assert_eq!(
        tests(condition.request_lacked()),
        texts(table, "request_lacked"),
        "{code}"
    );
    assert_eq!(condition.human(), text(table, "human"), "{code}");
    assert_eq!(condition.is_machine_checkable(), !table.contains_key("human"), "{code}");
    assert_eq!(
        condition.needs_request(),
        table.contains_key("request_carried") || table.contains_key("request_lacked"),
        "{code}"
    );
    // The text says every part, in the words the file uses.
    let said = condition.text();
    assert_eq!(condition.to_string(), said);
    for method in &methods {
        assert!(
            said.contains(&format!("answering {method}")) || said.contains(&format!(" or {method}")),
            "{code}: {said}"
        );
    }
    match dialog {
        Some(Dialog::Creates) => assert!(said.contains("creates a dialog"), "{code}: {said}"),
        Some(Dialog::CreatesEarly) => assert!(said.contains("creates an early dialog"), "{code}: {said}"),
        None => assert!(!said.contains("the response creates"), "{code}: {said}"),
    }
    for test in texts(table, "response_carries") {
        assert!(
            said.contains("the response carries") && said.contains(&test),
            "{code}: {said}"
        );
    }
    for test in texts(table, "request_carried") {
        assert!(
            said.contains("the request carried") && said.contains(&test),
            "{code}: {said}"
        );
    }
    for test in texts(table, "request_lacked") {
        assert!(said.contains(&format!("no {test}")), "{code}: {said}");
    }
    if let Some(human) = text(table, "human") {
        assert!(said.ends_with(human), "{code}: {said}");
        assert!(!human.ends_with('.'), "{code}: {human}");
    }
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
            assert_condition(rule.condition(), table, code);
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
            .filter(|table| text(table, "requirement") == Some("must") && !has_condition(table))
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
    assert_eq!(step(500), "retry later");
    assert_eq!(step(501), "give up");
    assert_eq!(step(513), "resubmit fixing []");
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

/// A rule that holds only under a condition, and the RFC sentence that states it, quoted (line
/// breaks folded into single spaces, page breaks dropped).
struct QuotedRule {
    code: Code,
    header: &'static str,
    requirement: Requirement,
    /// Words the rule's condition must name: the method answered, the trigger.
    condition: &'static [&'static str],
    rfc: &'static str,
    section: &'static str,
    sentence: &'static str,
}

/// RFC 3428 §7, for every 2xx to MESSAGE (200, and the 202 of a relay).
const MESSAGE_2XX_CONTACT: &str = "A 2xx response to a MESSAGE request MUST NOT contain a body. A UAS MUST NOT \
                                   insert a Contact header field into a 2xx response.";

/// RFC 6086 §5.2.3, for every response that may carry Recv-Info (18x and 2xx).
const NO_RECV_INFO_UNASKED: &str = "A UA MUST NOT include a Recv-Info header field in a response if the \
                                    associated request did not contain a Recv-Info header field.";

const CONDITIONAL_RULES: [QuotedRule; 20] = [
    QuotedRule {
        code: Code::Ok,
        header: "Expires",
        requirement: Requirement::Must,
        condition: &["PUBLISH"],
        rfc: "RFC 3903",
        section: "6",
        sentence: "The ESC returns a 200 (OK) response. The response MUST contain an Expires header field \
                   indicating the expiration interval chosen by the ESC.",
    },
    QuotedRule {
        code: Code::Ok,
        header: "SIP-ETag",
        requirement: Requirement::Must,
        condition: &["PUBLISH"],
        rfc: "RFC 3903",
        section: "6",
        sentence: "The response MUST also contain a SIP-ETag header field that contains a single entity-tag \
                   identifying the publication.",
    },
    QuotedRule {
        code: Code::Ok,
        header: "Record-Route",
        requirement: Requirement::MustNot,
        condition: &["PUBLISH"],
        rfc: "RFC 3903",
        section: "6",
        sentence: "The ESC MUST NOT include a Record-Route header field in any response to a PUBLISH request.",
    },
    QuotedRule {
        code: Code::Ok,
        header: "Contact",
        requirement: Requirement::MustNot,
        condition: &["MESSAGE"],
        rfc: "RFC 3428",
        section: "7",
        sentence: MESSAGE_2XX_CONTACT,
    },
    // A relay's 202 is a 2xx to MESSAGE too (RFC 3428 §7: "A UAS which is, in fact, a message
    // relay [...] SHOULD return a 202 (Accepted) response").
    QuotedRule {
        code: Code::Accepted,
        header: "Contact",
        requirement: Requirement::MustNot,
        condition: &["MESSAGE"],
        rfc: "RFC 3428",
        section: "7",
        sentence: MESSAGE_2XX_CONTACT,
    },
    // The MUST on the refresher parameter of "the Session-Expires header field in the 2xx
    // response" is what requires the field there.
    QuotedRule {
        code: Code::Ok,
        header: "Session-Expires",
        requirement: Requirement::Must,
        condition: &["INVITE", "UPDATE", "session timer"],
        rfc: "RFC 4028",
        section: "9",
        sentence: "The UAS MUST set the value of the refresher parameter in the Session-Expires header field in \
                   the 2xx response.",
    },
    QuotedRule {
        code: Code::Ok,
        header: "Require",
        requirement: Requirement::Must,
        condition: &["Session-Expires: refresher=uac"],
        rfc: "RFC 4028",
        section: "9",
        sentence: "If the refresher parameter in the Session-Expires header field in the 2xx response has a value \
                   of 'uac', the UAS MUST place a Require header field into the response with the value 'timer'.",
    },
    QuotedRule {
        code: Code::Ok,
        header: "Require",
        requirement: Requirement::Should,
        condition: &["Session-Expires: refresher=uas", "Supported: timer"],
        rfc: "RFC 4028",
        section: "9",
        sentence: "If the refresher parameter in the 2xx response has a value of 'uas' and the Supported header \
                   field in the request contained the value 'timer', the UAS SHOULD place a Require header field \
                   into the response with the value 'timer'.",
    },
    QuotedRule {
        code: Code::Ok,
        header: "Require",
        requirement: Requirement::Must,
        condition: &["REGISTER", "Contact: reg-id", "Supported: outbound"],
        rfc: "RFC 5626",
        section: "6",
        sentence: "Provided that the UAC had included an outbound option-tag (defined in Section 11.4) in a \
                   Supported header field value in the REGISTER request, the registrar MUST include the outbound \
                   option-tag in a Require header field value in its response to that REGISTER request.",
    },
    QuotedRule {
        code: Code::Ok,
        header: "Recv-Info",
        requirement: Requirement::Must,
        condition: &["INVITE", "Recv-Info", "reliable 18x"],
        rfc: "RFC 6086",
        section: "7.1",
        sentence: "** Mandatory in at least one reliable 18x/2xx response, if sent, to the INVITE request, if the \
                   associated INVITE request contained a Recv-Info header field.",
    },
    QuotedRule {
        code: Code::Ok,
        header: "Recv-Info",
        requirement: Requirement::Must,
        condition: &["UPDATE", "PRACK", "Recv-Info"],
        rfc: "RFC 6086",
        section: "7.1",
        sentence: "*** Mandatory if the associated request contained a Recv-Info header field.",
    },
    QuotedRule {
        code: Code::Ok,
        header: "Recv-Info",
        requirement: Requirement::MustNot,
        condition: &["no Recv-Info"],
        rfc: "RFC 6086",
        section: "5.2.3",
        sentence: NO_RECV_INFO_UNASKED,
    },
    QuotedRule {
        code: Code::Ringing,
        header: "Recv-Info",
        requirement: Requirement::MustNot,
        condition: &["no Recv-Info"],
        rfc: "RFC 6086",
        section: "5.2.3",
        sentence: NO_RECV_INFO_UNASKED,
    },
    QuotedRule {
        code: Code::ExtensionRequired,
        header: "Proxy-Authenticate",
        requirement: Requirement::Must,
        condition: &["sec-agree", "HTTP Digest"],
        rfc: "RFC 3329",
        section: "2.3.2",
        sentence: "The server MUST also add necessary information so that the client can initiate the preferred \
                   security mechanism (e.g., a Proxy-Authenticate header field for HTTP Digest).",
    },
    QuotedRule {
        code: Code::SecurityAgreementRequired,
        header: "Proxy-Authenticate",
        requirement: Requirement::Must,
        condition: &["HTTP Digest"],
        rfc: "RFC 3329",
        section: "2.3.1",
        sentence: "Therefore, the server MUST add the necessary information so that the client can initiate that \
                   mechanism (e.g., a Proxy-Authenticate header field for HTTP Digest).",
    },
    QuotedRule {
        code: Code::NotAcceptableHere,
        header: "Warning",
        requirement: Requirement::Should,
        condition: &["INVITE"],
        rfc: "RFC 3261",
        section: "13.3.1.3",
        sentence: "A UAS rejecting an offer contained in an INVITE SHOULD return a 488 (Not Acceptable Here) \
                   response. Such a response SHOULD include a Warning header field value explaining why the offer \
                   was rejected.",
    },
    QuotedRule {
        code: Code::NotAcceptableHere,
        header: "Warning",
        requirement: Requirement::Should,
        condition: &["UPDATE"],
        rfc: "RFC 3311",
        section: "5.2",
        sentence: "If the new session description is not acceptable, the UAS can reject it by returning a 488 (Not \
                   Acceptable Here) response for the UPDATE. This response SHOULD include a Warning header field.",
    },
    QuotedRule {
        code: Code::Ok,
        header: "Expires",
        requirement: Requirement::Must,
        condition: &["SUBSCRIBE"],
        rfc: "RFC 6665",
        section: "3.1.1",
        sentence: "200-class responses to SUBSCRIBE requests also MUST contain an \"Expires\" header field.",
    },
    QuotedRule {
        code: Code::ServerInternalError,
        header: "Retry-After",
        requirement: Requirement::Must,
        condition: &["UPDATE"],
        rfc: "RFC 3311",
        section: "5.2",
        sentence: "A UAS that receives an UPDATE before it has generated a final response to a previous UPDATE on \
                   the same dialog MUST return a 500 response to the new UPDATE, and MUST include a Retry-After \
                   header field with a randomly chosen value between 0 and 10 seconds.",
    },
    QuotedRule {
        code: Code::ConsentNeeded,
        header: "Permission-Missing",
        requirement: Requirement::Should,
        condition: &[],
        rfc: "RFC 5360",
        section: "5.9.2",
        sentence: "A user agent server generating a 470 (Consent Needed) response SHOULD include a \
                   Permission-Missing header field in it.",
    },
];

#[test]
fn conditional_rules_match_the_rfc_sentences() {
    for quoted in &CONDITIONAL_RULES {
        let code = quoted.code;
        // The sentence states this level (a MUST NOT is not read as a MUST) about this header;
        // RFC 6086's table notes say "Mandatory".
        let level_stated = match quoted.requirement {
            Requirement::Must => {
                quoted.sentence.replace("MUST NOT", "").contains("MUST") || quoted.sentence.contains("Mandatory")
            }
            Requirement::MustNot => quoted.sentence.contains("MUST NOT"),
            Requirement::Should => quoted.sentence.contains("SHOULD"),
            Requirement::May => quoted.sentence.contains("MAY"),
        };
        assert!(level_stated, "{code} {}: {}", quoted.header, quoted.sentence);
        // RFC 6086's notes belong to the Recv-Info rows of its table; every other sentence names
        // the header itself.
        assert!(
            quoted.sentence.contains(quoted.header) || quoted.sentence.starts_with('*'),
            "{code}: {}",
            quoted.sentence
        );
        // The rule with this header, level and citation whose condition names every word given
        // (one code may have two rules with the same citation, e.g. 200's Recv-Info MUSTs).
        let names_the_condition = |rule: &&HeaderRule| match rule.condition() {
            Some(condition) => quoted.condition.iter().all(|word| condition.text().contains(word)),
            None => quoted.condition.is_empty(),
        };
        let rule = code
            .header_rules()
            .iter()
            .filter(|rule| {
                rule.header() == quoted.header
                    && rule.requirement() == quoted.requirement
                    && (rule.citation().rfc(), rule.citation().section()) == (quoted.rfc, Some(quoted.section))
            })
            .find(names_the_condition)
            .unwrap_or_else(|| {
                panic!(
                    "{code} has no {:?} rule for {} citing {} §{} under a condition naming {:?}",
                    quoted.requirement, quoted.header, quoted.rfc, quoted.section, quoted.condition
                )
            });
        // A conditional rule never makes a header missing on its own.
        if rule.condition().is_some() {
            assert!(!rule.is_unconditional_must());
            let missing: Vec<&str> = code.missing_headers([]).map(HeaderRule::header).collect();
            assert!(!missing.contains(&quoted.header), "{code}: {missing:?}");
        }
    }
}

#[test]
fn a_100_is_never_sent_reliably() {
    // RFC 3262 §3: "A UAS MUST NOT attempt to send a 100 (Trying) response reliably. Only
    // provisional responses numbered 101 to 199 may be sent reliably." A reliable provisional
    // response "MUST contain a Require header field containing the option tag 100rel, and MUST
    // include an RSeq header field", so each marks one: a 100 carries no RSeq, and the other
    // provisional codes carry RSeq with `Require: 100rel` and Require with RSeq.
    let rseq = |code: Code| -> Vec<(Requirement, Option<&str>)> {
        code.header_rules()
            .iter()
            .filter(|rule| rule.header() == "RSeq")
            .map(|rule| (rule.requirement(), rule.condition().map(Condition::text)))
            .collect()
    };
    assert_eq!(rseq(Code::Trying), [(Requirement::MustNot, None)]);
    let rule = Code::Trying
        .header_rules()
        .iter()
        .find(|rule| rule.header() == "RSeq")
        .unwrap();
    assert_eq!(
        (rule.citation().rfc(), rule.citation().section()),
        ("RFC 3262", Some("3"))
    );
    for &code in Code::ALL
        .iter()
        .filter(|code| code.is_provisional() && **code != Code::Trying)
    {
        assert_eq!(
            rseq(code),
            [(Requirement::Must, Some("the response carries Require: 100rel"))],
            "{code}"
        );
        let require = code
            .header_rules()
            .iter()
            .find(|rule| rule.header() == "Require")
            .unwrap();
        let condition = require.condition().unwrap();
        assert_eq!(condition.response_carries().len(), 1, "{code}");
        assert_eq!(condition.response_carries()[0].header(), "RSeq", "{code}");
        assert!(condition.is_machine_checkable(), "{code}");
    }
}

#[test]
fn use_proxy_should_name_the_proxy_in_contact() {
    // RFC 3261 §21.3.4: "The requested resource MUST be accessed through the proxy given by the
    // Contact field. The Contact field gives the URI of the proxy." Table 2 marks Contact
    // optional for the whole 3xx class; the section's own text makes a 305 without Contact
    // useless, but states no MUST for the sender: a SHOULD citing the section.
    let contact: Vec<_> = Code::UseProxy
        .header_rules()
        .iter()
        .filter(|rule| rule.header() == "Contact")
        .collect();
    assert_eq!(contact.len(), 1);
    assert_eq!(contact[0].requirement(), Requirement::Should);
    assert_eq!(contact[0].condition(), None);
    assert_eq!(
        (contact[0].citation().rfc(), contact[0].citation().section()),
        ("RFC 3261", Some("21.3.4"))
    );
    assert_eq!(Code::UseProxy.reaction(), Reaction::Redirect);
}

#[test]
fn accepted_is_retired_for_the_methods_whose_rfcs_retire_it() {
    // RFC 6665 §8.3.1: implementations "MUST treat an incoming 202 response as identical to a
    // 200 response and MUST NOT generate 202 response codes to SUBSCRIBE or NOTIFY requests."
    // RFC 7647 §5: "an element accepting a REFER request MUST NOT reply with a 202 response code
    // and MUST treat any 202 responses received as identical to a 200 response."
    // RFC 3428 §7, not updated by either: "A UAS which is, in fact, a message relay [...]
    // SHOULD return a 202 (Accepted) response", and §4: "If the UAC receives a 202 Accepted
    // response [...] the UAC MUST NOT assume the message has been delivered to the final
    // destination."
    let accepted = Code::Accepted;
    let deprecation = accepted.deprecation().unwrap();
    for named in [
        "RFC 6665",
        "SUBSCRIBE",
        "NOTIFY",
        "RFC 7647",
        "REFER",
        "RFC 3428",
        "MESSAGE",
    ] {
        assert!(deprecation.contains(named), "{named}: {deprecation}");
    }
    for named in ["RFC 6665", "RFC 7647", "RFC 3428", "MESSAGE", "final destination"] {
        assert!(accepted.description().contains(named), "{named}");
    }
    // The advice keeps MESSAGE's meaning: no claim of delivery.
    let advice = accepted.advice();
    assert!(advice.contains("MESSAGE") && advice.contains("not that it reached its final destination"));
    assert!(!advice.contains("no longer carries a meaning"));
    assert_eq!(accepted.reaction(), Reaction::Done);
    // What a receiver does is unchanged: 202 is read as 200, and not sent.
    assert_eq!(accepted.canonical(), Code::Ok);
    assert!(accepted.for_sending().is_err());
}

/// A 5xx code whose RFC text makes waiting pointless, the reaction it has instead of the
/// class's "retry later", and the sentence that says so.
const NOT_RETRIED_LATER: [(Code, Reaction, &str, &str, &str); 4] = [
    (
        Code::NotImplemented,
        Reaction::GiveUp,
        "RFC 3261",
        "21.5.2",
        "This is the appropriate response when a UAS does not recognize the request method and is not capable \
         of supporting it for any user.",
    ),
    (
        Code::VersionNotSupported,
        Reaction::GiveUp,
        "RFC 3261",
        "21.5.6",
        "The server is indicating that it is unable or unwilling to complete the request using the same major \
         version as the client, other than with this error message.",
    ),
    (
        Code::MessageTooLarge,
        Reaction::Resubmit,
        "RFC 3398",
        "8.2.6.1",
        "(+) If at all possible, a SIP gateway SHOULD respond to these protocol errors by remedying \
         unacceptable behavior and attempting to re-originate the session.",
    ),
    (
        Code::PreconditionFailure,
        Reaction::GiveUp,
        "RFC 3312",
        "8",
        "When a UAS, acting as an answerer, cannot or is not willing to meet the preconditions in the offer, it \
         SHOULD reject the offer by returning a 580 (Precondition-Failure) response.",
    ),
];

#[test]
fn server_errors_that_waiting_does_not_cure_are_not_retried_later() {
    for (code, reaction, rfc, section, sentence) in NOT_RETRIED_LATER {
        assert!(!sentence.is_empty());
        let own = code.client_reaction();
        assert!(!own.is_class_default(), "{code}");
        assert_eq!(own.reaction(), reaction, "{code}");
        assert_eq!(
            (own.citation().rfc(), own.citation().section()),
            (rfc, Some(section)),
            "{code}"
        );
        assert!(own.fix_headers().is_empty() && !own.failover(), "{code}");
        assert!(own.advice().contains("now or later"), "{code}: {}", own.advice());
        assert_ne!(code.reaction(), Class::ServerFailure.client_reaction().reaction());
    }
    // 555 (RFC 8599, whose full text was not available): the server does not support the push
    // service named in the REGISTER, which no wait changes; the description and the reaction
    // agree.
    let push = Code::PushNotificationServiceNotSupported;
    assert_eq!(push.reaction(), Reaction::GiveUp);
    assert!(push.description().contains("will fail again"));
    assert!(push.advice().contains("now or later"));
    // The codes a later retry can cure keep the class's reaction or their own failover.
    assert_eq!(Code::ServerInternalError.reaction(), Reaction::RetryLater);
    assert_eq!(Code::BadGateway.reaction(), Reaction::RetryLater);
    assert_eq!(Code::ServerTimeout.reaction(), Reaction::RetryLater);
    assert_eq!(Code::ServiceUnavailable.reaction(), Reaction::Failover);
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
                rule.condition().map_or("always", Condition::text),
                rule.citation()
            );
        }
    }
}
