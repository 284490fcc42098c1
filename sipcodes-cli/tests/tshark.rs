//! `sipcodes stats` compared with `tshark -q -z sip,stat` on every capture at hand: the shared
//! captures beside the repository and the recorded fixtures of this package. Skipped, saying
//! why, when tshark is not installed; under `CI=true` that fails instead.

mod support;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use serde_json::Value;

/// tshark's `sip,stat` counts: responses by code, requests by method.
fn tshark_counts(path: &Path) -> (BTreeMap<String, u64>, BTreeMap<String, u64>) {
    let output = Command::new("tshark")
        .arg("-r")
        .arg(path)
        .args(["-q", "-z", "sip,stat"])
        .output()
        .expect("tshark runs");
    assert!(
        output.status.success(),
        "tshark on {}: {}",
        path.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    let text = String::from_utf8_lossy(&output.stdout);
    let mut responses = BTreeMap::new();
    let mut requests = BTreeMap::new();
    let mut in_requests = false;
    for line in text.lines() {
        if line.starts_with("* List of SIP Request methods") {
            in_requests = true;
            continue;
        }
        if line.starts_with('*') {
            in_requests = false;
            continue;
        }
        let Some((label, count)) = line.rsplit_once(':') else {
            continue;
        };
        let Some(count) = count
            .trim()
            .strip_suffix("Packets")
            .and_then(|n| n.trim().parse::<u64>().ok())
        else {
            continue;
        };
        let label = label.trim();
        if let Some(status) = label.strip_prefix("SIP ") {
            let code = status.split_whitespace().next().unwrap_or_default();
            *responses.entry(code.to_owned()).or_default() += count;
        } else if in_requests {
            *requests.entry(label.to_owned()).or_default() += count;
        }
    }
    (responses, requests)
}

fn as_counts(value: &Value) -> BTreeMap<String, u64> {
    value
        .as_object()
        .expect("an object")
        .iter()
        .map(|(key, count)| (key.clone(), count.as_u64().expect("a count")))
        .collect()
}

#[test]
fn stats_count_what_tshark_counts() {
    if !support::tshark_available() {
        return;
    }
    let mut files = support::fixtures();
    if let Some(folder) = support::captures() {
        let mut shared: Vec<_> = std::fs::read_dir(folder)
            .unwrap()
            .filter_map(Result::ok)
            .map(|entry| entry.path())
            .collect();
        shared.retain(|path| path.extension().is_some_and(|extension| extension != "md"));
        shared.sort();
        files.extend(shared);
    }
    for path in files {
        let (mut responses, mut requests) = tshark_counts(&path);
        if path.ends_with("tests/fixtures/hep3.pcap") && responses.is_empty() && requests.is_empty() {
            // A tshark without a HEP dissector (4.0 has none) sees only UDP here. The HEP3
            // payloads are byte for byte those of udp-ipv4.pcap (fixtures/README.md): its
            // reading is the one to agree with.
            (responses, requests) = tshark_counts(&path.with_file_name("udp-ipv4.pcap"));
        }
        let stats = support::stats_json(&path);
        assert_eq!(
            as_counts(&stats["responses"]),
            responses,
            "{}: responses, sipcodes (left) and tshark (right)",
            path.display()
        );
        assert_eq!(
            as_counts(&stats["requests"]),
            requests,
            "{}: requests, sipcodes (left) and tshark (right)",
            path.display()
        );
        eprintln!("{}: agrees with tshark", path.display());
    }
}
