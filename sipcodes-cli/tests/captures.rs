//! `sipcodes stats --format json` on real captures written by other projects, pinned to
//! Wireshark's reading of each (tshark 4.0.17, `-q -z sip,stat`: every SIP message counted
//! after reassembly, retransmissions included), and to what each holds that is not SIP.

mod support;

use serde_json::{Value, json};

struct Expected {
    file: &'static str,
    requests: Value,
    responses: Value,
    undecoded: Value,
}

fn expected() -> Vec<Expected> {
    vec![
        Expected {
            file: "NormB__sipnab__SIP_DTMF2.cap",
            requests: json!({ "ACK": 3, "INVITE": 3, "REGISTER": 5 }),
            responses: json!({ "100": 8, "180": 2, "200": 7, "603": 1 }),
            undecoded: json!({}),
        },
        Expected {
            file: "NormB__sipnab__b2bua-asterisk.pcapng",
            requests: json!({ "ACK": 6, "BYE": 2, "INVITE": 7, "PUBLISH": 3, "REGISTER": 4, "SUBSCRIBE": 9 }),
            responses: json!({ "100": 3, "180": 2, "200": 9, "401": 7, "404": 1, "480": 1, "489": 6 }),
            undecoded: json!({}),
        },
        Expected {
            file: "aboutsip__pkts__cancel.pcap",
            requests: json!({ "ACK": 1, "CANCEL": 1, "INVITE": 1 }),
            responses: json!({ "100": 1, "180": 1, "200": 1, "487": 1 }),
            undecoded: json!({}),
        },
        // tshark counts 4 of these 81 messages as resent; both count them.
        Expected {
            file: "irontec__sngrep__aaa.pcap",
            requests: json!({ "ACK": 7, "CANCEL": 11, "INVITE": 11, "REGISTER": 18 }),
            responses: json!({ "100": 7, "183": 1, "200": 3, "401": 14, "403": 3, "407": 3, "408": 2, "480": 1 }),
            // 21 keep-alives of five spaces on UDP 5060, which tshark shows as plain UDP.
            undecoded: json!({ "not_sip": 21 }),
        },
        // SIP over TLS without keys: nothing decodable. Of its 12 packets, 11 carry TLS
        // records; packet 5 is a retransmission of bytes already read, counted once.
        Expected {
            file: "irontec__sngrep__tlssaved.pcap",
            requests: json!({}),
            responses: json!({}),
            undecoded: json!({ "tls": 11 }),
        },
        // VLAN, PPPoE, GRE (PPTP's) and PPP around the SIP.
        Expected {
            file: "ntop__nDPI__gre_sip.pcapng",
            requests: json!({ "ACK": 5, "BYE": 2, "CANCEL": 3, "INVITE": 5, "OPTIONS": 1 }),
            responses: json!({ "100": 5, "180": 5, "200": 7, "487": 3 }),
            undecoded: json!({}),
        },
        Expected {
            file: "ntop__nDPI__sip_hello.pcapng",
            requests: json!({ "REGISTER": 4 }),
            responses: json!({ "200": 2, "401": 2 }),
            // 22 keep-alive datagrams on UDP 5060.
            undecoded: json!({ "not_sip": 22 }),
        },
        // SIP over WebSocket after an HTTP upgrade, plus UDP legs.
        Expected {
            file: "sipcapture__heplify__sip_tcp_websocket.pcap",
            requests: json!({ "ACK": 5, "BYE": 4, "INVITE": 5, "OPTIONS": 1 }),
            responses: json!({ "100": 4, "180": 2, "183": 8, "200": 9, "407": 1 }),
            undecoded: json!({}),
        },
    ]
}

#[test]
fn stats_agree_with_tshark_on_the_shared_captures() {
    let Some(folder) = support::captures() else { return };
    for expected in expected() {
        let path = folder.join(expected.file);
        if !path.exists() {
            eprintln!("SKIPPED: {} is not among the shared captures", expected.file);
            continue;
        }
        let stats = support::stats_json(&path);
        assert_eq!(stats["requests"], expected.requests, "{}: requests", expected.file);
        assert_eq!(stats["responses"], expected.responses, "{}: responses", expected.file);
        assert_eq!(stats["undecoded"], expected.undecoded, "{}: not decoded", expected.file);
        let requests: u64 = expected
            .requests
            .as_object()
            .unwrap()
            .values()
            .map(|n| n.as_u64().unwrap())
            .sum();
        let responses: u64 = expected
            .responses
            .as_object()
            .unwrap()
            .values()
            .map(|n| n.as_u64().unwrap())
            .sum();
        assert_eq!(stats["messages"], requests + responses, "{}: messages", expected.file);
    }
}

#[test]
fn several_inputs_are_counted_together() {
    let Some(folder) = support::captures() else { return };
    let cancel = folder.join("aboutsip__pkts__cancel.pcap");
    let hello = folder.join("ntop__nDPI__sip_hello.pcapng");
    if !cancel.exists() || !hello.exists() {
        return;
    }
    let output = support::run(
        &[
            "stats",
            "--format",
            "json",
            cancel.to_str().unwrap(),
            hello.to_str().unwrap(),
        ],
        b"",
    );
    assert!(output.status.success());
    let stats: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(
        stats["responses"],
        json!({ "100": 1, "180": 1, "200": 3, "401": 2, "487": 1 })
    );
    assert_eq!(
        stats["classes"],
        json!({ "1xx": 2, "2xx": 3, "3xx": 0, "4xx": 3, "5xx": 0, "6xx": 0 })
    );
    assert_eq!(
        stats["methods"]["REGISTER"],
        json!({ "requests": 4, "responses": { "2xx": 2, "4xx": 2 } })
    );
    // The 200 answers the CANCEL (its CSeq says so, RFC 3261 §9.2); the INVITE ends in 487.
    assert_eq!(stats["methods"]["INVITE"]["responses"], json!({ "1xx": 2, "4xx": 1 }));
    assert_eq!(
        stats["methods"]["CANCEL"],
        json!({ "requests": 1, "responses": { "2xx": 1 } })
    );
}
