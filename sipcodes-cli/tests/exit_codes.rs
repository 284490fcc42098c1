//! What `sipcodes stats` exits with and says on bad input: 0 with a warning for a capture
//! cut short, 2 naming the file and byte offset for one that is not a capture, 2 for bad
//! usage.

mod support;

use serde_json::Value;

const INVITE: &[u8] =
    b"INVITE sip:bob@example.com SIP/2.0\r\nCall-ID: a\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n";
const RINGING: &[u8] = b"SIP/2.0 180 Ringing\r\nCall-ID: a\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n";

fn write_temporary(name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let path = std::env::temp_dir().join(format!("sipcodes-cli-{}-{name}", std::process::id()));
    std::fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn a_capture_cut_short_is_read_to_its_end_with_a_warning() {
    let (invite, ringing) = (support::ipv4_udp(INVITE), support::ipv4_udp(RINGING));
    let file = support::pcap(&[(&invite, invite.len()), (&ringing, ringing.len())]);
    let cut = file.len() - 20;
    let path = write_temporary("cut.pcap", &file[..cut]);
    let output = support::run(&["stats", "--format", "json", path.to_str().unwrap()], b"");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    let record = 24 + 16 + invite.len();
    assert!(
        stderr.contains(&format!(
            "warning: {}: at byte {record}: the capture ends inside a record",
            path.display()
        )),
        "{stderr}"
    );
    let stats: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(stats["requests"]["INVITE"], 1);
    assert_eq!(stats["responses"], serde_json::json!({}));
    std::fs::remove_file(path).unwrap();
}

#[test]
fn a_packet_cut_by_the_snapshot_length_is_reported_truncated() {
    let invite = support::ipv4_udp(INVITE);
    let file = support::pcap(&[(&invite[..60], invite.len())]);
    let output = support::run(&["stats", "--format", "json", "-"], &file);
    assert_eq!(output.status.code(), Some(0));
    let stats: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(stats["undecoded"]["truncated"], 1);
    assert_eq!(stats["messages"], 0);
}

#[test]
fn garbage_exits_2_naming_the_file_and_the_offset() {
    let path = write_temporary("garbage.bin", &[0x7f, b'E', b'L', b'F', 2, 1, 1, 0, 0, 0]);
    let output = support::run(&["stats", path.to_str().unwrap()], b"");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr.contains(&format!(
            "error: {}: at byte 0: not a pcap, pcapng or SIP text trace",
            path.display()
        )),
        "{stderr}"
    );
    std::fs::remove_file(path).unwrap();
}

#[test]
fn a_corrupt_record_exits_2_at_its_offset() {
    let invite = support::ipv4_udp(INVITE);
    let mut file = support::pcap(&[(&invite, invite.len())]);
    let record = file.len();
    // A record header claiming 3 GB captured.
    file.extend_from_slice(&[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xc0, 0, 0, 0, 0xc0]);
    file.extend_from_slice(&[0; 100]);
    let output = support::run(&["stats", "-"], &file);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr.contains(&format!("error: -: at byte {record}: ")), "{stderr}");
}

#[test]
fn a_missing_file_exits_2_and_the_other_inputs_are_still_counted() {
    let output = support::run(&["stats", "--format", "json", "/nonexistent/capture.pcap", "-"], INVITE);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr.contains("error: /nonexistent/capture.pcap: cannot open"),
        "{stderr}"
    );
    let stats: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(stats["requests"]["INVITE"], 1);
}

#[test]
fn bad_usage_exits_2() {
    assert_eq!(support::run(&["stats"], b"").status.code(), Some(2));
    assert_eq!(
        support::run(&["stats", "--format", "xml", "-"], b"").status.code(),
        Some(2)
    );
    assert_eq!(support::run(&["nonsense"], b"").status.code(), Some(2));
}

#[test]
fn help_has_examples_and_nothing_extra_goes_to_a_pipe() {
    let help = support::run(&["stats", "--help"], b"");
    assert_eq!(help.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&help.stdout).contains("Examples:\n  sipcodes stats call.pcap"));
    // Standard error is a pipe here: no progress bar, no stray output.
    let output = support::run(&["stats", "-"], INVITE);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(output.stderr, b"");
}

#[test]
fn text_traces_from_standard_input() {
    let mut trace =
        b"----------------------------------------------- 2024-01-01 00:00:00.000000\nUDP message sent (90 bytes):\n\n"
            .to_vec();
    trace.extend(INVITE.iter().filter(|&&b| b != b'\r'));
    trace.extend_from_slice(b"\n----------------------------------------------- 2024-01-01 00:00:00.100000\nUDP message received (70 bytes):\n\n");
    trace.extend(RINGING.iter().filter(|&&b| b != b'\r'));
    let output = support::run(&["stats", "--format", "json", "-"], &trace);
    assert_eq!(output.status.code(), Some(0));
    let stats: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(stats["requests"], serde_json::json!({ "INVITE": 1 }));
    assert_eq!(stats["responses"], serde_json::json!({ "180": 1 }));
    assert_eq!(stats["packets"], 0);
}
