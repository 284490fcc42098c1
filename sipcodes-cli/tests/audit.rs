//! `sipcodes audit` on the recorded fixtures, its JSON and SARIF forms, and its exit status.
//!
//! The expected findings come from the fixtures' README (what each round plays, and tshark's
//! counts): Kamailio's 100 carries its own phrase ("trying -- your call is important to
//! us"), an info finding, once per 100 in tshark's table; and the answerer whose forked
//! INVITE the proxy cancels answers the CANCEL with a 200 that has no To tag, which RFC 3261
//! §8.2.6.2 forbids (every response but a 100 carries one). Warnings: Kamailio's registrar
//! answers each REGISTER with a 200 without Date (RFC 3261 §10.3 step 8), the 200s to INVITE
//! (SIPp's, and the proxy's copies of them) and Kamailio's 200 to OPTIONS carry no Supported
//! (RFC 3261 §20, Table 3), and that 200 to OPTIONS no Accept, Accept-Encoding or
//! Accept-Language either (RFC 3261 §11.2). When tshark is installed, the packets are also
//! checked against its own reading of each capture.

mod support;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{Value, json};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

/// The findings as (rule, severity, code, CSeq) in order.
fn findings(report: &Value) -> Vec<(String, String, u64, String)> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|finding| {
            (
                finding["rule"].as_str().unwrap().to_owned(),
                finding["severity"].as_str().unwrap().to_owned(),
                finding["code"].as_u64().unwrap(),
                finding["cseq"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn packets_of(report: &Value, rule: &str) -> Vec<u64> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|finding| finding["rule"] == rule)
        .map(|finding| finding["packet"].as_u64().expect("a packet number"))
        .collect()
}

fn phrase(cseq: &str) -> (String, String, u64, String) {
    (
        "reason-phrase-not-registered".to_owned(),
        "info".to_owned(),
        100,
        cseq.to_owned(),
    )
}

/// A warning on a 200: `200-should-carry-{header}`.
fn missing(header: &str, cseq: &str) -> (String, String, u64, String) {
    (
        format!("200-should-carry-{header}"),
        "warning".to_owned(),
        200,
        cseq.to_owned(),
    )
}

/// The six 200s to REGISTER of both tables (the other two of the eight REGISTERs are answered
/// 423 and 401), none with Date: to bob's second REGISTER (after the 423), carol's, the
/// team's two and dan's, then alice's second (after the 401).
fn registrations() -> Vec<(String, String, u64, String)> {
    [
        "2 REGISTER",
        "1 REGISTER",
        "1 REGISTER",
        "1 REGISTER",
        "1 REGISTER",
        "2 REGISTER",
    ]
    .into_iter()
    .map(|cseq| missing("date", cseq))
    .collect()
}

/// The finding of `rule` (there must be one).
fn finding<'a>(report: &'a Value, rule: &str) -> &'a Value {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|finding| finding["rule"] == rule)
        .unwrap_or_else(|| panic!("a {rule} finding: {report}"))
}

/// A 200 to OPTIONS with nothing to report: the headers RFC 3261 §11.2 asks of it (its
/// example's Accept, Accept-Encoding and Accept-Language) and Supported (empty: no option
/// tags, which RFC 3261 §20.37 allows).
const CLEAN_OPTIONS_200: &[u8] = b"SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK1\r\n\
    From: <sip:a@example.com>;tag=1\r\nTo: <sip:b@example.com>;tag=2\r\nCall-ID: c\r\nCSeq: 1 OPTIONS\r\n\
    Accept: application/sdp\r\nAccept-Encoding: gzip\r\nAccept-Language: en\r\nSupported: \r\n\
    Content-Length: 0\r\n\r\n";

#[test]
fn the_full_rounds_show_kamailios_own_100_phrase_and_a_200_to_cancel_without_to_tag() {
    // Table A: four 100s (one per INVITE the proxy relays: answered, busy, forked and the
    // challenged call's second INVITE, whose CSeq is 2), 80 messages, 41 responses. Of the
    // 22 200s, 6 answer REGISTERs (no Date), 6 INVITEs (answered, forked and challenged
    // calls, each on both hops; no Supported) and 1 the OPTIONS (Kamailio's own: no
    // Supported, Accept, Accept-Encoding or Accept-Language).
    let no_to_tag = (
        "to-tag-missing".to_owned(),
        "error".to_owned(),
        200,
        "1 CANCEL".to_owned(),
    );
    let mut expected = registrations();
    expected.extend([
        phrase("1 INVITE"),
        missing("supported", "1 INVITE"),
        missing("supported", "1 INVITE"),
        phrase("1 INVITE"),
        phrase("1 INVITE"),
        missing("supported", "1 INVITE"),
        missing("supported", "1 INVITE"),
        no_to_tag,
        phrase("2 INVITE"),
        missing("supported", "2 INVITE"),
        missing("supported", "2 INVITE"),
        missing("supported", "1 OPTIONS"),
        missing("accept", "1 OPTIONS"),
        missing("accept-encoding", "1 OPTIONS"),
        missing("accept-language", "1 OPTIONS"),
    ]);
    for name in [
        "udp-ipv4.pcap",
        "tcp-ipv4.pcap",
        "udp-ipv6.pcap",
        "tcp-ipv6.pcap",
        "hep3.pcap",
        "sip-messages.txt",
    ] {
        let report = support::audit_json(&fixture(name));
        assert_eq!(findings(&report), expected, "{name}");
        let summary = &report["summary"];
        assert_eq!(
            (&summary["messages"], &summary["requests"], &summary["responses"]),
            (&json!(80), &json!(39), &json!(41)),
            "{name}"
        );
        assert_eq!(
            (&summary["errors"], &summary["warnings"], &summary["info"]),
            (&json!(1), &json!(16), &json!(4)),
            "{name}"
        );
        assert_eq!(
            summary["by_rule"],
            json!({
                "200-should-carry-accept": 1,
                "200-should-carry-accept-encoding": 1,
                "200-should-carry-accept-language": 1,
                "200-should-carry-date": 6,
                "200-should-carry-supported": 7,
                "reason-phrase-not-registered": 4,
                "to-tag-missing": 1,
            })
        );
        let cancel = finding(&report, "to-tag-missing");
        assert_eq!(cancel["rfc"], "RFC 3261");
        assert_eq!(cancel["section"], "8.2.6.2");
        assert_eq!(cancel["message"], "200 without a To tag");
        assert!(
            cancel["call_id"].as_str().unwrap().starts_with("1-"),
            "SIPp's Call-IDs: {cancel}"
        );
        let date = finding(&report, "200-should-carry-date");
        assert_eq!(
            (&date["rfc"], &date["section"], &date["message"]),
            (&json!("RFC 3261"), &json!("10.3"), &json!("200 without Date"))
        );
        let supported = finding(&report, "200-should-carry-supported");
        assert_eq!(
            (&supported["section"], &supported["message"]),
            (&json!("20"), &json!("200 without Supported"))
        );
        let accept = finding(&report, "200-should-carry-accept");
        assert_eq!(
            (&accept["section"], &accept["message"]),
            (&json!("11.2"), &json!("200 without Accept"))
        );
    }
}

#[test]
fn findings_say_where_they_were_seen() {
    let report = support::audit_json(&fixture("udp-ipv4.pcap"));
    // The packet numbers tshark gives these frames (the filters of `TSHARK_FILTERS`).
    assert_eq!(packets_of(&report, "reason-phrase-not-registered"), [18, 31, 38, 61]);
    assert_eq!(packets_of(&report, "to-tag-missing"), [49]);
    assert_eq!(packets_of(&report, "200-should-carry-date"), [4, 6, 8, 10, 12, 16]);
    assert_eq!(
        packets_of(&report, "200-should-carry-supported"),
        [22, 23, 45, 46, 65, 66, 74]
    );
    for header in ["accept", "accept-encoding", "accept-language"] {
        assert_eq!(packets_of(&report, &format!("200-should-carry-{header}")), [74]);
    }
    let cancel = finding(&report, "to-tag-missing");
    assert_eq!(cancel["file"], fixture("udp-ipv4.pcap").to_str().unwrap());
    assert_eq!(cancel["transport"], "UDP");
    // The cancelled branch's answerer (port 5073) to the proxy.
    assert_eq!(cancel["source"], "127.0.0.1:5073");
    assert_eq!(cancel["destination"], "127.0.0.1:5060");
    assert!(
        cancel["time"].as_str().unwrap().ends_with('Z'),
        "an RFC 3339 time in UTC: {cancel}"
    );
    assert_eq!(cancel["line"], Value::Null);
    // A text trace says the line instead.
    let text = support::audit_json(&fixture("sip-messages.txt"));
    assert_eq!(text["findings"][0]["packet"], Value::Null);
    assert!(text["findings"][0]["line"].as_u64().unwrap() > 1);
    // HEP3 reports the addresses the agent saw, not the datagram's.
    let hep = support::audit_json(&fixture("hep3.pcap"));
    assert_eq!(finding(&hep, "to-tag-missing")["source"], "127.0.0.1:5073");
    assert_eq!(finding(&hep, "to-tag-missing")["hep"], true);
}

#[test]
fn the_fragmented_and_segmented_rounds_show_the_one_100() {
    // Table B: one 100, 33 messages, 17 responses; no call is cancelled and no OPTIONS sent
    // in these rounds. The registrations' 200s lack Date, the answered call's two 200s
    // Supported.
    let mut expected = registrations();
    expected.extend([
        phrase("1 INVITE"),
        missing("supported", "1 INVITE"),
        missing("supported", "1 INVITE"),
    ]);
    for name in ["fragmented-udp.pcap", "fragmented-udp-ipv6.pcap", "segmented-tcp.pcap"] {
        let report = support::audit_json(&fixture(name));
        assert_eq!(findings(&report), expected, "{name}");
        assert_eq!(report["summary"]["messages"], 33, "{name}");
        assert_eq!(report["summary"]["responses"], 17, "{name}");
    }
}

/// Each rule the fixtures break, and the tshark display filter that picks the packets it
/// finds: tshark's own reading of the same rule.
const TSHARK_FILTERS: [(&str, &str); 7] = [
    (
        "to-tag-missing",
        "sip.Status-Line && !sip.to.tag && sip.Status-Code != 100",
    ),
    (
        "reason-phrase-not-registered",
        "sip.Status-Code == 100 && !(sip.Status-Line contains \" Trying\")",
    ),
    (
        "200-should-carry-date",
        "sip.Status-Code == 200 && sip.CSeq.method == \"REGISTER\" && !sip.Date",
    ),
    (
        "200-should-carry-supported",
        "sip.Status-Code == 200 && (sip.CSeq.method == \"INVITE\" || sip.CSeq.method == \"OPTIONS\") && !sip.Supported",
    ),
    (
        "200-should-carry-accept",
        "sip.Status-Code == 200 && sip.CSeq.method == \"OPTIONS\" && !sip.Accept",
    ),
    (
        "200-should-carry-accept-encoding",
        "sip.Status-Code == 200 && sip.CSeq.method == \"OPTIONS\" && !sip.Accept-Encoding",
    ),
    (
        "200-should-carry-accept-language",
        "sip.Status-Code == 200 && sip.CSeq.method == \"OPTIONS\" && !sip.Accept-Language",
    ),
];

#[test]
fn tshark_sees_the_same_packets() {
    if !support::tshark_available() {
        return;
    }
    let tshark = |path: &Path, filter: &str| -> Vec<u64> {
        let output = Command::new("tshark")
            .args([
                "-r",
                path.to_str().unwrap(),
                "-Y",
                filter,
                "-T",
                "fields",
                "-e",
                "frame.number",
            ])
            .output()
            .expect("tshark runs");
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        String::from_utf8(output.stdout)
            .unwrap()
            .lines()
            .map(|line| line.trim().parse().unwrap())
            .collect()
    };
    for name in [
        "udp-ipv4.pcap",
        "tcp-ipv4.pcap",
        "udp-ipv6.pcap",
        "tcp-ipv6.pcap",
        "fragmented-udp.pcap",
        "fragmented-udp-ipv6.pcap",
        "segmented-tcp.pcap",
    ] {
        let path = fixture(name);
        let report = support::audit_json(&path);
        for (rule, filter) in TSHARK_FILTERS {
            assert_eq!(packets_of(&report, rule), tshark(&path, filter), "{name}: {rule}");
        }
        // No finding of a rule without a filter here.
        let rules: BTreeSet<&str> = TSHARK_FILTERS.iter().map(|(rule, _)| *rule).collect();
        for finding in report["findings"].as_array().unwrap() {
            assert!(rules.contains(finding["rule"].as_str().unwrap()), "{name}: {finding}");
        }
    }
}

#[test]
fn the_shared_captures_are_audited_to_their_end() {
    let Some(folder) = support::captures() else {
        return;
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(&folder)
        .unwrap()
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| {
            path.extension()
                .is_some_and(|extension| ["pcap", "pcapng", "cap"].contains(&extension.to_str().unwrap_or("")))
        })
        .collect();
    files.sort();
    for path in files {
        let report = support::audit_json(&path);
        let stats = support::stats_json(&path);
        // Every message stats reads is audited.
        assert_eq!(report["summary"]["messages"], stats["messages"], "{}", path.display());
        let responses: u64 = stats["responses"]
            .as_object()
            .unwrap()
            .values()
            .map(|count| count.as_u64().unwrap())
            .sum();
        assert_eq!(report["summary"]["responses"], responses, "{}", path.display());
    }
}

/// A text trace of one response with a finding of the given severity.
fn trace_with(severity: &str) -> PathBuf {
    let status = match severity {
        // Obsolete: a warning (`code-retired`).
        "warning" => "409 Conflict",
        // The registered code with another phrase: info.
        "info" => "486 Besetzt",
        // No To tag: an error.
        _ => "486 Busy Here",
    };
    let to_tag = if severity == "error" { "" } else { ";tag=a6c85cf" };
    let message = format!(
        "SIP/2.0 {status}\r\nVia: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK776asdhds\r\n\
         From: <sip:alice@example.com>;tag=1928301774\r\nTo: <sip:bob@example.com>{to_tag}\r\n\
         Call-ID: a84b4c76e66710\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n"
    );
    let path = std::env::temp_dir().join(format!("sipcodes-audit-{}-{severity}.txt", std::process::id()));
    std::fs::write(&path, message).unwrap();
    path
}

#[test]
fn the_exit_status_follows_fail_on() {
    // Rows: the gravest finding; columns: --fail-on error, warning, info, never.
    for (severity, expected) in [
        ("error", [1, 1, 1, 0]),
        ("warning", [0, 1, 1, 0]),
        ("info", [0, 0, 1, 0]),
    ] {
        let path = trace_with(severity);
        let report = support::audit_json(&path);
        assert_eq!(report["findings"][0]["severity"], severity, "{report}");
        for (fail_on, code) in ["error", "warning", "info", "never"].into_iter().zip(expected) {
            let output = support::run(&["audit", "--fail-on", fail_on, path.to_str().unwrap()], b"");
            assert_eq!(
                output.status.code(),
                Some(code),
                "a {severity} with --fail-on {fail_on}"
            );
        }
        // The default is error.
        let output = support::run(&["audit", path.to_str().unwrap()], b"");
        assert_eq!(output.status.code(), Some(expected[0]));
        std::fs::remove_file(path).unwrap();
    }
    // Nothing found: 0 whatever --fail-on says.
    let output = support::run(&["audit", "--fail-on", "info", "-"], CLEAN_OPTIONS_200);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
}

#[test]
fn unreadable_input_exits_2_even_with_findings() {
    let missing = fixture("no-such-capture.pcap");
    let output = support::run(
        &[
            "audit",
            fixture("udp-ipv4.pcap").to_str().unwrap(),
            missing.to_str().unwrap(),
        ],
        b"",
    );
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(&format!("sipcodes: error: {}: cannot open: ", missing.display())),
        "{stderr}"
    );
    // The readable input was still audited.
    assert!(String::from_utf8_lossy(&output.stdout).contains("to-tag-missing"));
    let garbage = support::run(&["audit", "-"], &[0x7f, b'E', b'L', b'F', 2, 1, 1, 0]);
    assert_eq!(garbage.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&garbage.stderr).contains("-: at byte 0: not a pcap, pcapng or SIP text trace"),
        "{}",
        String::from_utf8_lossy(&garbage.stderr)
    );
    // Bad usage.
    assert_eq!(support::run(&["audit"], b"").status.code(), Some(2));
    assert_eq!(
        support::run(&["audit", "--fail-on", "fatal", "x.pcap"], b"")
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn a_capture_cut_short_is_audited_to_its_end_with_a_warning() {
    let whole = std::fs::read(fixture("udp-ipv4.pcap")).unwrap();
    // Cut in the middle of the packet after the 200 to CANCEL.
    let cut = &whole[..whole.len() * 2 / 3];
    let output = support::run(&["audit", "--format", "json", "--fail-on", "never", "-"], cut);
    assert_eq!(output.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("sipcodes: warning: -: at byte ") && stderr.contains("the capture ends inside a record"),
        "{stderr}"
    );
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(packets_of(&report, "to-tag-missing"), [49]);
    assert_eq!(report["warnings"].as_array().unwrap().len(), 1);
}

#[test]
fn text_output_names_the_rule_the_finding_and_where() {
    let output = support::run(&["audit", fixture("udp-ipv4.pcap").to_str().unwrap()], b"");
    assert_eq!(output.status.code(), Some(1));
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(
        text.contains("error[to-tag-missing]: 200 without a To tag (RFC 3261, Section 8.2.6.2)\n  --> "),
        "{text}"
    );
    assert!(
        text.contains("udp-ipv4.pcap, packet 49, ")
            && text.contains("127.0.0.1:5073 -> 127.0.0.1:5060 UDP, Call-ID 1-"),
        "{text}"
    );
    assert!(
        text.ends_with("80 SIP messages (39 requests, 41 responses): 21 findings: 1 error, 16 warnings, 4 info\n"),
        "{text}"
    );
}

#[test]
fn list_rules_prints_every_rule() {
    let rules = sipcodes::audit::rules();
    let output = support::run(&["audit", "--list-rules"], b"");
    assert_eq!(output.status.code(), Some(0));
    let text = String::from_utf8(output.stdout).unwrap();
    assert_eq!(text.lines().count(), rules.len());
    let allow = text
        .lines()
        .find(|line| line.starts_with("405-must-carry-allow "))
        .unwrap();
    assert!(
        allow.contains(" error ") && allow.ends_with("A 405 must carry Allow (RFC 3261, Section 21.4.6)"),
        "{allow}"
    );
    let output = support::run(&["audit", "--list-rules", "--format", "json"], b"");
    let listed: Value = serde_json::from_slice(&output.stdout).unwrap();
    let ids: BTreeSet<&str> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|rule| rule["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, rules.iter().map(sipcodes::audit::Rule::id).collect());
    let to_tag = listed
        .as_array()
        .unwrap()
        .iter()
        .find(|rule| rule["id"] == "to-tag-missing")
        .unwrap();
    assert_eq!(to_tag["severity"], "error");
    assert_eq!(to_tag["rfc"], "RFC 3261");
    assert_eq!(to_tag["section"], "8.2.6.2");
}

/// The properties SARIF 2.1.0 requires of a log and of what the audit writes in it
/// (sections 3.13, 3.14, 3.18, 3.19, 3.27, 3.49 of the OASIS standard).
fn check_sarif(log: &Value) {
    assert_eq!(log["version"], "2.1.0");
    assert!(log["$schema"].as_str().unwrap().contains("sarif-2.1.0"));
    let runs = log["runs"].as_array().expect("runs is an array");
    assert_eq!(runs.len(), 1);
    let driver = &runs[0]["tool"]["driver"];
    assert_eq!(driver["name"], "sipcodes");
    let rules = driver["rules"].as_array().expect("the driver lists its rules");
    assert_eq!(rules.len(), sipcodes::audit::rules().len());
    for rule in rules {
        assert!(rule["id"].is_string(), "{rule}");
        assert!(rule["shortDescription"]["text"].is_string(), "{rule}");
        assert!(
            ["error", "warning", "note"].contains(&rule["defaultConfiguration"]["level"].as_str().unwrap()),
            "{rule}"
        );
        assert!(
            rule["helpUri"]
                .as_str()
                .unwrap()
                .starts_with("https://www.rfc-editor.org/rfc/")
        );
    }
    for result in runs[0]["results"].as_array().expect("results is an array") {
        let id = result["ruleId"].as_str().expect("ruleId");
        let index = usize::try_from(result["ruleIndex"].as_u64().expect("ruleIndex")).unwrap();
        assert_eq!(rules[index]["id"], id, "ruleIndex points at the rule");
        assert!(["error", "warning", "note"].contains(&result["level"].as_str().unwrap()));
        assert!(!result["message"]["text"].as_str().unwrap().is_empty());
        let locations = result["locations"].as_array().expect("locations");
        assert!(!locations.is_empty());
        assert!(locations[0]["physicalLocation"]["artifactLocation"]["uri"].is_string());
        // Code scanning shows a result only at a line.
        assert!(locations[0]["physicalLocation"]["region"]["startLine"].as_u64() >= Some(1));
    }
}

#[test]
fn sarif_has_what_code_scanning_needs() {
    let path = fixture("udp-ipv4.pcap");
    let output = support::run(&["audit", "--format", "sarif", path.to_str().unwrap()], b"");
    // Exit status as for any format.
    assert_eq!(output.status.code(), Some(1));
    let log: Value = serde_json::from_slice(&output.stdout).unwrap();
    check_sarif(&log);
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 21);
    let cancel = results
        .iter()
        .find(|result| result["ruleId"] == "to-tag-missing")
        .unwrap();
    assert_eq!(cancel["level"], "error");
    assert_eq!(
        cancel["message"]["text"],
        "200 without a To tag (RFC 3261, Section 8.2.6.2)"
    );
    assert_eq!(cancel["locations"][0]["message"]["text"], "packet 49");
    assert_eq!(
        cancel["locations"][0]["physicalLocation"]["region"],
        json!({ "startLine": 1 })
    );
    assert!(
        cancel["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            .as_str()
            .unwrap()
            .ends_with("tests/fixtures/udp-ipv4.pcap")
    );
    let phrase = results
        .iter()
        .find(|result| result["ruleId"] == "reason-phrase-not-registered")
        .unwrap();
    assert_eq!(phrase["level"], "note");
    // A text trace's finding points at its line.
    let output = support::run(
        &[
            "audit",
            "--format",
            "sarif",
            fixture("sip-messages.txt").to_str().unwrap(),
        ],
        b"",
    );
    let log: Value = serde_json::from_slice(&output.stdout).unwrap();
    check_sarif(&log);
    let region = &log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"];
    assert!(region["startLine"].as_u64().unwrap() > 1, "{region}");
    // A clean input: a valid log with no results.
    let output = support::run(&["audit", "--format", "sarif", "-"], CLEAN_OPTIONS_200);
    let log: Value = serde_json::from_slice(&output.stdout).unwrap();
    check_sarif(&log);
    assert_eq!(log["runs"][0]["results"], json!([]));
}

#[test]
fn each_command_has_help_with_examples_and_completions_and_a_man_page_exist() {
    for command in ["explain", "audit", "stats"] {
        let output = support::run(&[command, "--help"], b"");
        assert_eq!(output.status.code(), Some(0));
        let help = String::from_utf8(output.stdout).unwrap();
        assert!(
            help.contains(&format!("Examples:\n  sipcodes {command} ")) && help.contains("Exit status: 0"),
            "{help}"
        );
    }
    for shell in ["bash", "zsh", "fish"] {
        let output = support::run(&["completions", shell], b"");
        assert_eq!(output.status.code(), Some(0), "{shell}");
        let script = String::from_utf8(output.stdout).unwrap();
        assert!(
            script.contains("listen-hep") && script.contains("fail-on") && script.contains("list-rules"),
            "{shell}"
        );
    }
    let output = support::run(&["man"], b"");
    let page = String::from_utf8(output.stdout).unwrap();
    assert!(page.contains(".TH sipcodes 1"), "{page}");
    assert!(page.contains("audit"), "{page}");
}

/// A text trace of a FreeSWITCH-style release: an INVITE answered 480 with `Reason: Q.850;
/// cause=47`, as `mod_sofia` answers a resource-unavailable release (RFC 3398 §7.2.4.1 sends
/// 503 for cause 47 instead).
fn freeswitch_480_trace() -> PathBuf {
    let invite = "INVITE sip:bob@example.com SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK74bf9\r\n\
        Max-Forwards: 70\r\nFrom: <sip:alice@example.com>;tag=9fxced76sl\r\nTo: <sip:bob@example.com>\r\n\
        Call-ID: 3848276298220188511@example.com\r\nCSeq: 1 INVITE\r\nContact: <sip:alice@192.0.2.1>\r\n\
        Content-Length: 0\r\n\r\n";
    let unavailable = "SIP/2.0 480 Temporarily Unavailable\r\nVia: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK74bf9\r\n\
        From: <sip:alice@example.com>;tag=9fxced76sl\r\nTo: <sip:bob@example.com>;tag=8321234356\r\n\
        Call-ID: 3848276298220188511@example.com\r\nCSeq: 1 INVITE\r\nReason: Q.850;cause=47;text=\"RESOURCE_UNAVAILABLE\"\r\n\
        Content-Length: 0\r\n\r\n";
    let path = std::env::temp_dir().join(format!("sipcodes-audit-{}-profile.txt", std::process::id()));
    std::fs::write(&path, format!("{invite}{unavailable}")).unwrap();
    path
}

#[test]
fn profile_chooses_the_mapping_a_reason_cause_is_judged_by() {
    let path = freeswitch_480_trace();
    let file = path.to_str().unwrap();
    let audit = |profile: Option<&str>| {
        let mut args = vec!["audit", "--format", "json", "--fail-on", "warning"];
        args.extend(profile.map(|key| ["--profile", key]).into_iter().flatten());
        args.push(file);
        let output = support::run(&args, b"");
        let report: Value = serde_json::from_slice(&output.stdout).expect("audit prints JSON");
        (output.status.code(), report)
    };
    // RFC 3398 by default, and by name: a warning, which --fail-on warning fails.
    for profile in [None, Some("rfc3398")] {
        let (code, report) = audit(profile);
        assert_eq!(code, Some(1), "{report}");
        let findings = report["findings"].as_array().unwrap();
        assert_eq!(findings.len(), 1, "{report}");
        assert_eq!(findings[0]["rule"], "reason-q850-inconsistent");
        assert_eq!(findings[0]["severity"], "warning");
        assert_eq!(
            findings[0]["message"],
            "480 with Reason: Q.850;cause=47;text=\"RESOURCE_UNAVAILABLE\": RFC 3398 maps cause 47 to 503"
        );
    }
    // FreeSWITCH's own table sends 480 for cause 47: nothing to report.
    let (code, report) = audit(Some("freeswitch"));
    assert_eq!(code, Some(0), "{report}");
    assert_eq!(report["findings"], json!([]));
    // Asterisk's table sends 603 for it: a third reading, named in the text output.
    let output = support::run(&["audit", "--profile", "asterisk", file], b"");
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(
        text.contains("warning[reason-q850-inconsistent]: 480 with Reason: Q.850;cause=47;text=\"RESOURCE_UNAVAILABLE\": Asterisk (chan_pjsip / res_pjsip) maps cause 47 to 603 (RFC 3398, Section 8.2.6.1)\n"),
        "{text}"
    );
    // An unknown key is bad usage, and the message lists the keys.
    let output = support::run(&["audit", "--profile", "kamailio", file], b"");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("kamailio") && stderr.contains("rfc3398") && stderr.contains("freeswitch"),
        "{stderr}"
    );
    // --help names the option and its keys.
    let help = String::from_utf8(support::run(&["audit", "--help"], b"").stdout).unwrap();
    assert!(
        help.contains("--profile <KEY>")
            && help.contains("[possible values: rfc3398, rfc4497, asterisk, freeswitch, opensips]"),
        "{help}"
    );
    std::fs::remove_file(path).unwrap();
}
