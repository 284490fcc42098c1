//! The audit as SARIF 2.1.0 (OASIS Static Analysis Results Interchange Format), the log
//! code-scanning services read: one run whose tool lists every rule, one result per
//! finding. A finding in a text trace points at its line; a capture is binary, so a finding
//! in a packet stands at line 1 of its file (code scanning shows a result only at a line)
//! with the packet named in the location's message and in a logical location.

use std::fmt::Write as _;

use serde_json::{Value, json};
use sipcodes::audit::{self, Severity};

use super::{Located, rfc3339};
use crate::input::Position;

/// The schema the log says it follows.
pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// The SARIF log of `findings` read from `inputs`.
pub fn log(findings: &[Located], inputs: &[String]) -> Value {
    let rules = audit::rules();
    let descriptors: Vec<Value> = rules
        .iter()
        .map(|rule| {
            json!({
                "id": rule.id(),
                "shortDescription": { "text": rule.summary() },
                "fullDescription": { "text": format!("{} ({})", rule.summary(), rule.citation()) },
                "helpUri": rule.citation().url().to_string(),
                "help": { "text": format!("{}: {}", rule.citation(), rule.citation().url()) },
                "defaultConfiguration": { "level": level(rule.severity()) },
                "properties": { "rfc": rule.rfc(), "section": rule.section(), "tags": ["sip"] },
            })
        })
        .collect();
    let results: Vec<Value> = findings
        .iter()
        .map(|found| {
            let index = rules.iter().position(|rule| rule.id() == found.rule.id());
            let seen = &found.seen;
            // Code scanning shows a result only at a line (`region.startLine`); a capture
            // has none, so its findings stand at line 1, the file as a whole, and the
            // location's message names the packet.
            let line = match seen.position {
                Position::Line(line) => line,
                Position::Packet(_) => 1,
            };
            let physical = json!({
                "artifactLocation": { "uri": uri(&seen.file) },
                "region": { "startLine": line },
            });
            let mut location = json!({
                "physicalLocation": physical,
                "message": { "text": seen.position.to_string() },
                "logicalLocations": [{ "name": seen.position.to_string(), "kind": "object" }],
            });
            if let Some(call_id) = &found.call_id {
                location["logicalLocations"]
                    .as_array_mut()
                    .expect("an array")
                    .push(json!({ "name": call_id, "kind": "namespace", "fullyQualifiedName": format!("Call-ID {call_id}") }));
            }
            json!({
                "ruleId": found.rule.id(),
                "ruleIndex": index,
                "level": level(found.rule.severity()),
                "message": { "text": format!("{} ({})", found.message, found.rule.citation()) },
                "locations": [location],
                "partialFingerprints": {
                    "sipcodes/v1": format!("{}|{}|{}", found.rule.id(), found.call_id.as_deref().unwrap_or(""), found.cseq.as_deref().unwrap_or("")),
                },
                "properties": {
                    "code": found.code,
                    "call_id": found.call_id,
                    "cseq": found.cseq,
                    "time": seen.timestamp.map(rfc3339),
                    "source": seen.source.map(|address| address.to_string()),
                    "destination": seen.destination.map(|address| address.to_string()),
                    "transport": seen.transport.name(),
                },
            })
        })
        .collect();
    json!({
        "version": "2.1.0",
        "$schema": SCHEMA,
        "runs": [{
            "tool": { "driver": {
                "name": "sipcodes",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": env!("CARGO_PKG_REPOSITORY"),
                "rules": descriptors,
            } },
            "artifacts": inputs.iter().map(|input| json!({ "location": { "uri": uri(input) } })).collect::<Vec<_>>(),
            "results": results,
            "columnKind": "unicodeCodePoints",
        }],
    })
}

/// A file name as a relative URI reference: path separators kept, what a URI may not hold
/// percent-encoded.
fn uri(file: &str) -> String {
    let mut out = String::with_capacity(file.len());
    for byte in file.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/:@!$&'()*+,;=".contains(&byte) {
            out.push(char::from(byte));
        } else {
            let _ = write!(out, "%{byte:02X}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_become_uri_references() {
        assert_eq!(uri("tests/fixtures/udp-ipv4.pcap"), "tests/fixtures/udp-ipv4.pcap");
        assert_eq!(uri("my capture #1.pcap"), "my%20capture%20%231.pcap");
    }
}
