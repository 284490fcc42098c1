//! `sipcodes q850`: to-sip, from-sip and diff under the built-in profiles, read the way a
//! script reads them (the first word of the line, or the JSON).

mod support;

use serde_json::{Value, json};

/// Runs the command; its standard output, which must be one line, after exit status 0.
fn line(args: &[&str]) -> String {
    let output = support::run(args, b"");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{args:?}: {stderr}");
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    stdout.trim_end().to_owned()
}

fn first_word(line: &str) -> &str {
    line.split_whitespace().next().unwrap()
}

#[test]
fn to_sip_gives_the_status_first_then_its_name_and_citation() {
    let asterisk = line(&["q850", "to-sip", "--profile", "asterisk", "21"]);
    assert_eq!(
        asterisk,
        "403 Forbidden\tasterisk/asterisk@f0c1c1a7b79b0f8cc0311649bf36824cbeee30a9:channels/chan_pjsip.c:2567"
    );
    // RFC 3398's footnote: 603 when the cause comes from the user; the default profile.
    let user = line(&["q850", "to-sip", "21", "--location", "user"]);
    assert_eq!(user, "603 Decline\tRFC 3398, Section 7.2.4.1");
    let network = line(&["q850", "to-sip", "--profile", "rfc3398", "21", "--location", "network"]);
    assert_eq!(first_word(&network), "403");
    // Asterisk reads no location.
    let asterisk_user = line(&["q850", "to-sip", "--profile", "asterisk", "21", "--location", "user"]);
    assert_eq!(first_word(&asterisk_user), "403");
    // Nothing sent for 16 under RFC 3398; the vendors' defaults.
    assert_eq!(line(&["q850", "to-sip", "16"]), "none\tRFC 3398, Section 7.2.4.1");
    assert_eq!(
        first_word(&line(&["q850", "to-sip", "--profile", "freeswitch", "16"])),
        "480"
    );
    // A FreeSWITCH cause of its own.
    let unwanted = line(&["q850", "to-sip", "--profile", "freeswitch", "819"]);
    assert!(unwanted.starts_with("607 Unwanted\t"), "{unwanted}");
    assert!(unwanted.ends_with("mod_sofia.c:357"), "{unwanted}");
}

#[test]
fn from_sip_gives_the_cause_first() {
    let decline = line(&["q850", "from-sip", "--profile", "rfc3398", "603"]);
    assert_eq!(decline, "21 Call rejected\tRFC 3398, Section 8.2.6.1");
    let unwanted = line(&["q850", "from-sip", "--profile", "freeswitch", "607"]);
    assert!(
        unwanted.starts_with("819 SWITCH_CAUSE_UNWANTED (not a Q.850 cause)\t"),
        "{unwanted}"
    );
    assert!(unwanted.ends_with("sofia_glue.c:1826"), "{unwanted}");
    // Asterisk's class default for an unlisted 5xx.
    let unlisted = line(&["q850", "from-sip", "--profile", "asterisk", "580"]);
    assert!(unlisted.starts_with("34 No circuit/channel available\t"), "{unlisted}");
    assert!(unlisted.ends_with("res/res_pjsip.c:3603"), "{unlisted}");
    assert_eq!(first_word(&line(&["q850", "from-sip", "180"])), "none");
}

/// The softphone maps 603 to 21 (RFC 3398); Asterisk turns 21 into 403.
#[test]
fn a_script_follows_a_decline_through_asterisk() {
    let cause = line(&["q850", "from-sip", "--profile", "rfc3398", "603"]);
    let cause = first_word(&cause).to_owned();
    let back = line(&["q850", "to-sip", "--profile", "asterisk", &cause]);
    assert_eq!(first_word(&back), "403");
}

fn diff_json(a: &str, b: &str) -> Value {
    let output = support::run(&["q850", "diff", a, b, "--format", "json"], b"");
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

fn row<'a>(rows: &'a Value, key: &str, value: u64) -> Option<&'a Value> {
    rows.as_array().unwrap().iter().find(|row| row[key] == value)
}

#[test]
fn diff_lists_every_disagreement_with_both_citations() {
    let diff = diff_json("rfc3398", "asterisk");
    let busy = row(&diff["to_sip"], "cause", 47).unwrap();
    assert_eq!(busy["a"], 503);
    assert_eq!(busy["b"], 603);
    assert_eq!(busy["a_citation"], "RFC 3398, Section 7.2.4.1");
    assert_eq!(
        busy["b_citation"],
        "asterisk/asterisk@f0c1c1a7b79b0f8cc0311649bf36824cbeee30a9:channels/chan_pjsip.c:2590"
    );
    // `null` where a profile sends nothing.
    let clearing = row(&diff["to_sip"], "cause", 16).unwrap();
    assert_eq!((&clearing["a"], &clearing["b"]), (&Value::Null, &json!(603)));
    // Where they agree there is no row: 17 -> 486 in both, 603 -> 21 in both.
    assert!(row(&diff["to_sip"], "cause", 17).is_none());
    assert!(row(&diff["from_sip"], "status", 603).is_none());
    let unavailable = row(&diff["from_sip"], "status", 480).unwrap();
    assert_eq!((&unavailable["a"], &unavailable["b"]), (&json!(18), &json!(19)));

    let vendors = diff_json("asterisk", "freeswitch");
    let rejected = row(&vendors["to_sip"], "cause", 21).unwrap();
    assert_eq!((&rejected["a"], &rejected["b"]), (&json!(403), &json!(603)));

    let same = diff_json("rfc3398", "rfc3398");
    assert_eq!(same["to_sip"], json!([]));
    assert_eq!(same["from_sip"], json!([]));
}

#[test]
fn diff_as_text_names_both_profiles_on_every_line() {
    let output = support::run(&["q850", "diff", "rfc3398", "freeswitch"], b"");
    assert_eq!(output.status.code(), Some(0));
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(
        text.lines()
            .any(|line| line.starts_with("to-sip cause 47: rfc3398 503 (RFC 3398, Section 7.2.4.1); freeswitch 480 (")),
        "{text}"
    );
    assert!(text.trim_end().ends_with("between rfc3398 and freeswitch"), "{text}");
}

#[test]
fn bad_input_exits_2_and_says_what_is_expected() {
    let output = support::run(&["q850", "to-sip", "--profile", "kamailio", "17"], b"");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("rfc3398, rfc4497, asterisk, freeswitch"), "{stderr}");
    let output = support::run(&["q850", "from-sip", "800"], b"");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("800") && stderr.contains("100 to 699"), "{stderr}");
    assert!(output.stdout.is_empty());
}
