//! `sipcodes stats --format json` on the recorded fixtures, pinned to tshark's reading of
//! each as `fixtures/README.md` gives it (tables A and B), and the text traces recorded with
//! them.

mod support;

use std::path::Path;

use serde_json::{Value, json};

fn table_a() -> (Value, Value) {
    (
        json!({ "ACK": 10, "BYE": 6, "CANCEL": 1, "INVITE": 10, "MESSAGE": 3, "OPTIONS": 1, "REGISTER": 8 }),
        json!({ "100": 4, "180": 8, "200": 22, "401": 1, "404": 1, "407": 1, "423": 1, "486": 2, "487": 1 }),
    )
}

fn table_b() -> (Value, Value) {
    (
        json!({ "ACK": 2, "BYE": 2, "INVITE": 2, "MESSAGE": 2, "REGISTER": 8 }),
        json!({ "100": 1, "180": 2, "200": 12, "401": 1, "423": 1 }),
    )
}

fn check(file: &str, (requests, responses): (Value, Value), packets: u64) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(file);
    let stats = support::stats_json(&path);
    assert_eq!(stats["requests"], requests, "{file}: requests");
    assert_eq!(stats["responses"], responses, "{file}: responses");
    assert_eq!(stats["undecoded"], json!({}), "{file}: nothing left undecoded");
    assert_eq!(stats["packets"], packets, "{file}: packets");
}

#[test]
fn udp_and_tcp_over_ipv4_and_ipv6() {
    check("udp-ipv4.pcap", table_a(), 80);
    check("udp-ipv6.pcap", table_a(), 80);
    // TCP: handshakes, ACKs and FINs besides the 80 messages.
    check("tcp-ipv4.pcap", table_a(), 244);
    check("tcp-ipv6.pcap", table_a(), 244);
}

#[test]
fn fragmented_udp_is_reassembled() {
    // 41 packets: 33 messages, four of them in three fragments each.
    check("fragmented-udp.pcap", table_b(), 41);
    check("fragmented-udp-ipv6.pcap", table_b(), 41);
}

#[test]
fn big_messages_over_several_tcp_segments() {
    // 133 packets; the four big messages each in three segments.
    check("segmented-tcp.pcap", table_b(), 133);
}

#[test]
fn hep3_is_unwrapped_to_the_sip_inside() {
    // tshark 4.0.17 has no HEP dissector and counts nothing here; the 80 HEP3 payloads are
    // byte for byte the 80 UDP payloads of udp-ipv4.pcap, so table A is the reading to match.
    check("hep3.pcap", table_a(), 80);
}

#[test]
fn text_traces() {
    // The 80 UDP payloads of udp-ipv4.pcap, one after another.
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let stats = support::stats_json(&path.join("sip-messages.txt"));
    let (requests, responses) = table_a();
    assert_eq!((&stats["requests"], &stats["responses"]), (&requests, &responses));
    // SIPp's log of the callers: 16 messages sent, 19 received.
    let stats = support::stats_json(&path.join("sipp-trace-msg.log"));
    assert_eq!(
        stats["requests"],
        json!({ "ACK": 5, "BYE": 3, "INVITE": 5, "MESSAGE": 2, "OPTIONS": 1 })
    );
    assert_eq!(
        stats["responses"],
        json!({ "100": 4, "180": 4, "200": 8, "404": 1, "407": 1, "486": 1 })
    );
    assert_eq!(stats["messages"], 35);
}
