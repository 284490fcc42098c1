//! `sipcodes explain`: codes, phrases, status lines, Q.850 causes, warn-codes and Reason
//! values, as the binary prints them, and its exit status.

mod support;

fn explain(arguments: &[&str]) -> (Option<i32>, String, String) {
    let mut all = vec!["explain"];
    all.extend_from_slice(arguments);
    let output = support::run(&all, b"");
    (
        output.status.code(),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

#[test]
fn a_code_shows_its_facts_and_its_audit_rules() {
    let (status, text, _) = explain(&["405"]);
    assert_eq!(status, Some(0));
    assert!(text.starts_with("405 Method Not Allowed\n"), "{text}");
    assert!(
        text.contains(
            "    must carry Allow (RFC 3261, Section 21.4.6 <https://www.rfc-editor.org/rfc/rfc3261#section-21.4.6>)"
        ),
        "{text}"
    );
    assert!(
        text.contains("  audit rules:\n    405-must-carry-allow (error): A 405 must carry Allow"),
        "{text}"
    );
    let every = sipcodes::audit::rules()
        .iter()
        .filter(|rule| rule.code().is_none() && rule.header_rule().is_none())
        .count();
    assert!(
        text.contains(&format!(
            "    and {every} rules about every response (sipcodes audit --list-rules)"
        )),
        "{text}"
    );
}

#[test]
fn a_phrase_and_a_status_line_name_the_same_code() {
    let (_, by_number, _) = explain(&["486"]);
    let (status, by_phrase, _) = explain(&["busy", "here"]);
    assert_eq!(status, Some(0));
    assert_eq!(by_phrase, by_number);
    let (status, by_line, _) = explain(&["SIP/2.0 486 Busy Here"]);
    assert_eq!(status, Some(0));
    assert_eq!(by_line, by_number);
    // A peer's own phrase: the code's meaning, and the phrase noted (RFC 3261 §21).
    let (_, own, _) = explain(&["SIP/2.0 486 Besetzt"]);
    assert!(own.starts_with("486 Busy Here\n"), "{own}");
    assert!(own.contains("  phrase:      \"Besetzt\" as sent"), "{own}");
}

#[test]
fn causes_warn_codes_and_reason_values() {
    let (status, cause, _) = explain(&["q850", "17"]);
    assert_eq!(status, Some(0));
    assert!(cause.starts_with("17 User busy\n"), "{cause}");
    assert!(
        cause.contains("as SIP (RFC 3398, Section 7.2.4.1): 486 Busy Here; back again: 17 User busy"),
        "{cause}"
    );
    let (_, warning, _) = explain(&["warning", "305"]);
    assert!(warning.starts_with("305 Incompatible media format\n"), "{warning}");
    let (_, reason, _) = explain(&["Q.850;cause=16;text=\"Normal call clearing\""]);
    assert!(reason.starts_with("Reason value `Q.850;cause=16;"), "{reason}");
    assert!(reason.contains("16 Normal call clearing"), "{reason}");
}

#[test]
fn what_names_nothing_exits_2_and_says_why() {
    let (status, out, err) = explain(&["no", "such", "phrase"]);
    assert_eq!(status, Some(2));
    assert!(out.is_empty());
    assert_eq!(
        err,
        "sipcodes: error: no SIP response code has the reason phrase `no such phrase`; give a phrase such as \"Busy Here\" or a number such as 486\n"
    );
    let (status, _, err) = explain(&["SIP/2.0 48x Busy"]);
    assert_eq!(status, Some(2));
    assert!(err.contains("invalid status line at byte 10"), "{err}");
    let (status, _, err) = explain(&["q850", "200"]);
    assert_eq!(status, Some(2));
    assert!(err.contains("from 0 to 127"), "{err}");
    // No argument: usage.
    assert_eq!(explain(&[]).0, Some(2));
}
