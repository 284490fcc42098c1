//! What the command-line tests share: running the binary, and finding the shared captures.
#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// Runs `sipcodes` with `args`, feeding `stdin`.
pub fn run(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_sipcodes"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the sipcodes binary runs");
    child
        .stdin
        .take()
        .expect("piped")
        .write_all(stdin)
        .expect("stdin written");
    child.wait_with_output().expect("sipcodes finishes")
}

/// `sipcodes stats --format json PATH`, which must succeed, as JSON.
pub fn stats_json(path: &Path) -> serde_json::Value {
    let output = run(
        &["stats", "--format", "json", path.to_str().expect("a UTF-8 path")],
        b"",
    );
    assert!(
        output.status.success(),
        "{}: {}",
        path.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("stats prints JSON")
}

/// `sipcodes audit --format json --fail-on never PATH`, which must succeed, as JSON.
pub fn audit_json(path: &Path) -> serde_json::Value {
    let output = run(
        &[
            "audit",
            "--format",
            "json",
            "--fail-on",
            "never",
            path.to_str().expect("a UTF-8 path"),
        ],
        b"",
    );
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}: {}",
        path.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("audit prints JSON")
}

fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|value| value == "true")
}

/// The shared captures beside the repository (`../shared/captures` from its root, or the
/// folder `SIPCODES_CAPTURES` names), or `None` (with a message saying the tests are skipped)
/// when they are absent. Under `CI=true` their absence fails the test.
pub fn captures() -> Option<PathBuf> {
    let folder = std::env::var_os("SIPCODES_CAPTURES").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/captures"),
        PathBuf::from,
    );
    if folder.is_dir() {
        return Some(folder);
    }
    assert!(
        !in_ci(),
        "CI=true but the shared captures are not at {}",
        folder.display()
    );
    eprintln!("SKIPPED: no shared captures at {}", folder.display());
    None
}

/// The recorded fixtures of this package's tests, if any are there.
pub fn fixtures() -> Vec<PathBuf> {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut files: Vec<PathBuf> = std::fs::read_dir(folder)
        .map(|entries| entries.filter_map(Result::ok).map(|entry| entry.path()).collect())
        .unwrap_or_default();
    files.retain(|path| {
        path.extension()
            .is_some_and(|extension| ["pcap", "pcapng", "cap"].contains(&extension.to_str().unwrap_or("")))
    });
    files.sort();
    files
}

/// Whether tshark can be run; `false` (with a message) when it cannot. Under `CI=true`
/// its absence fails the test.
pub fn tshark_available() -> bool {
    let found = Command::new("tshark")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success());
    if !found {
        assert!(!in_ci(), "CI=true but tshark is not installed (apt-get install tshark)");
        eprintln!("SKIPPED: tshark is not installed, so sipcodes stats is not compared with tshark -z sip,stat");
    }
    found
}

/// A classic pcap (microsecond, little-endian, raw IP link type) of `frames`, each with the
/// length it had on the wire.
pub fn pcap(frames: &[(&[u8], usize)]) -> Vec<u8> {
    let mut file = vec![
        0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0, 0, 101, 0, 0, 0,
    ];
    for (frame, wire_length) in frames {
        file.extend_from_slice(&[0, 0xf1, 0x53, 0x65, 0, 0, 0, 0]);
        file.extend_from_slice(&u32::try_from(frame.len()).unwrap().to_le_bytes());
        file.extend_from_slice(&u32::try_from(*wire_length).unwrap().to_le_bytes());
        file.extend_from_slice(frame);
    }
    file
}

/// An IPv4 packet carrying a UDP datagram from 192.0.2.1:5060 to 192.0.2.2:5060.
pub fn ipv4_udp(payload: &[u8]) -> Vec<u8> {
    let udp_length = u16::try_from(8 + payload.len()).unwrap();
    let mut packet = vec![0x45, 0];
    packet.extend_from_slice(&(udp_length + 20).to_be_bytes());
    packet.extend_from_slice(&[
        0, 1, 0, 0, 64, 17, 0, 0, 192, 0, 2, 1, 192, 0, 2, 2, 0x13, 0xc4, 0x13, 0xc4,
    ]);
    packet.extend_from_slice(&udp_length.to_be_bytes());
    packet.extend_from_slice(&[0, 0]);
    packet.extend_from_slice(payload);
    packet
}
