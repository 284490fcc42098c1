//! `sipcodes stats`: what the inputs hold. Requests by method, responses by code (every
//! response message counted, retransmissions included, as Wireshark's `sip,stat` counts
//! them), responses by class and by the method their CSeq names, and what could not be read
//! down to a SIP message, and why.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::process::ExitCode;

use serde_json::{Map, Value, json};
use sipcodes::message::{Message, StartLine};
use sipcodes::{Class, StatusCode};

use super::{Inputs, OutputFormat, read_inputs};
use crate::input::{Seen, Sink, Undecoded, Warning};

/// What `stats` is asked to do.
#[derive(Clone, Debug)]
pub struct Options {
    /// Text or JSON.
    pub format: OutputFormat,
    /// The files, or a HEP3 listening.
    pub inputs: Inputs,
}

/// Responses of one method (the method their CSeq names), by class.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MethodOutcomes {
    /// Requests of the method.
    pub requests: u64,
    /// Responses to the method, by class: index 0 is 1xx, 5 is 6xx.
    pub responses_by_class: [u64; 6],
}

/// The counts `stats` reports.
#[derive(Clone, Debug, Default)]
pub struct Stats {
    /// Packet records read (text traces have none).
    pub packets: u64,
    /// SIP messages read.
    pub messages: u64,
    /// Requests by method.
    pub requests: BTreeMap<String, u64>,
    /// Responses by code.
    pub responses: BTreeMap<u16, u64>,
    /// By the method of the CSeq (requests by their own method).
    pub methods: BTreeMap<String, MethodOutcomes>,
    /// What was not decoded, by reason.
    pub undecoded: BTreeMap<Undecoded, u64>,
    /// Messages whose start line looked like SIP but whose head did not read.
    pub malformed_sip: u64,
    /// Packets carrying no SIP, not on a SIP port.
    pub other: u64,
}

impl Stats {
    /// Counts one framed message.
    pub fn count(&mut self, bytes: &[u8]) {
        let Ok(message) = Message::parse(bytes) else {
            self.malformed_sip += 1;
            return;
        };
        self.messages += 1;
        match message.start_line() {
            StartLine::Request(line) => {
                let method = line.method();
                bump(&mut self.requests, method, |count| *count += 1);
                bump(&mut self.methods, method, |outcomes| outcomes.requests += 1);
            }
            StartLine::Response(line) => {
                let code = line.code();
                *self.responses.entry(code.as_u16()).or_default() += 1;
                let method = message.cseq().map_or("(no CSeq)", |cseq| cseq.method);
                let class = usize::from(code.class().digit() - 1);
                bump(&mut self.methods, method, |outcomes| {
                    outcomes.responses_by_class[class] += 1;
                });
            }
        }
    }

    /// Responses by class: index 0 is 1xx.
    pub fn responses_by_class(&self) -> [u64; 6] {
        let mut classes = [0; 6];
        for (&code, &count) in &self.responses {
            classes[usize::from(code / 100 - 1)] += count;
        }
        classes
    }

    /// The JSON object `--format json` prints.
    pub fn to_json(&self, inputs: &[String], warnings: &[Warning]) -> Value {
        let requests: Map<String, Value> = self
            .requests
            .iter()
            .map(|(method, &count)| (method.clone(), json!(count)))
            .collect();
        let responses: Map<String, Value> = self
            .responses
            .iter()
            .map(|(code, &count)| (code.to_string(), json!(count)))
            .collect();
        let classes: Map<String, Value> = Class::ALL
            .iter()
            .zip(self.responses_by_class())
            .map(|(class, count)| (format!("{}xx", class.digit()), json!(count)))
            .collect();
        let methods: Map<String, Value> = self
            .methods
            .iter()
            .map(|(method, outcomes)| {
                let by_class: Map<String, Value> = Class::ALL
                    .iter()
                    .zip(outcomes.responses_by_class)
                    .filter(|(_, count)| *count > 0)
                    .map(|(class, count)| (format!("{}xx", class.digit()), json!(count)))
                    .collect();
                (
                    method.clone(),
                    json!({ "requests": outcomes.requests, "responses": by_class }),
                )
            })
            .collect();
        let mut undecoded: Map<String, Value> = self
            .undecoded
            .iter()
            .map(|(why, &count)| (why.key().to_owned(), json!(count)))
            .collect();
        if self.malformed_sip > 0 {
            undecoded.insert("malformed_sip".to_owned(), json!(self.malformed_sip));
        }
        json!({
            "inputs": inputs,
            "packets": self.packets,
            "messages": self.messages,
            "requests": requests,
            "responses": responses,
            "classes": classes,
            "methods": methods,
            "undecoded": undecoded,
            "other_packets": self.other,
            "warnings": warnings.iter().map(ToString::to_string).collect::<Vec<_>>(),
        })
    }

    /// The text `--format text` prints.
    pub fn to_text(&self, inputs: &[String]) -> String {
        let mut out = String::new();
        let plural = if inputs.len() == 1 { "" } else { "s" };
        let _ = writeln!(
            out,
            "{} input{plural}: {} packets, {} SIP messages",
            inputs.len(),
            self.packets,
            self.messages
        );
        section(
            &mut out,
            "Requests by method",
            self.requests.iter().map(|(method, count)| (method.clone(), *count)),
        );
        section(
            &mut out,
            "Responses by code",
            self.responses.iter().map(|(&code, &count)| {
                let phrase = StatusCode::from_u16(code)
                    .ok()
                    .and_then(StatusCode::reason_phrase)
                    .unwrap_or("(unregistered)");
                (format!("{code} {phrase}"), count)
            }),
        );
        section(
            &mut out,
            "Responses by class",
            Class::ALL
                .iter()
                .zip(self.responses_by_class())
                .filter(|(_, count)| *count > 0)
                .map(|(class, count)| (format!("{}xx {}", class.digit(), class.name()), count)),
        );
        if !self.methods.is_empty() {
            let _ = writeln!(
                out,
                "\nOutcomes by method (requests; responses by the CSeq's method and class)"
            );
            let width = self.methods.keys().map(String::len).max().unwrap_or(0);
            for (method, outcomes) in &self.methods {
                let _ = write!(out, "  {method:<width$}  {:>6} requests", outcomes.requests);
                for (class, count) in Class::ALL.iter().zip(outcomes.responses_by_class) {
                    if count > 0 {
                        let _ = write!(out, "  {}xx {count}", class.digit());
                    }
                }
                out.push('\n');
            }
        }
        let mut undecoded: Vec<(String, u64)> = self
            .undecoded
            .iter()
            .map(|(why, &count)| (why.description().to_owned(), count))
            .collect();
        if self.malformed_sip > 0 {
            undecoded.push(("SIP start line, unreadable head".to_owned(), self.malformed_sip));
        }
        section(&mut out, "Not decoded", undecoded.into_iter());
        let _ = writeln!(out, "\nOther traffic: {} packets", self.other);
        out
    }
}

/// Applies `change` to the entry of `key`, made (with the key copied) only the first time: the
/// lookup borrows the key, so counting a method already seen allocates nothing.
fn bump<V: Default>(map: &mut BTreeMap<String, V>, key: &str, change: impl FnOnce(&mut V)) {
    if let Some(value) = map.get_mut(key) {
        change(value);
    } else {
        let mut value = V::default();
        change(&mut value);
        map.insert(key.to_owned(), value);
    }
}

fn section(out: &mut String, title: &str, rows: impl Iterator<Item = (String, u64)>) {
    let rows: Vec<(String, u64)> = rows.collect();
    if rows.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n{title}");
    let width = rows.iter().map(|(label, _)| label.len()).max().unwrap_or(0);
    for (label, count) in rows {
        let _ = writeln!(out, "  {label:<width$}  {count:>6}");
    }
}

impl Sink for Stats {
    fn message(&mut self, message: &[u8], _: &Seen) {
        self.count(message);
    }
    fn undecoded(&mut self, why: Undecoded, _: &Seen) {
        *self.undecoded.entry(why).or_default() += 1;
    }
    fn other(&mut self, _: &Seen) {
        self.other += 1;
    }
    fn packet(&mut self) {
        self.packets += 1;
    }
}

impl Stats {
    /// Everything not read down to a SIP message: the undecoded packets and the messages
    /// whose head did not read.
    pub fn undecodable(&self) -> u64 {
        self.undecoded.values().sum::<u64>() + self.malformed_sip
    }
}

/// Runs `stats`: 0 when every input was read, 2 when one could not be (the others are still
/// read and counted). A live listening ends with a summary line on standard error.
pub fn run(options: &Options) -> ExitCode {
    let mut stats = Stats::default();
    let read = read_inputs(&options.inputs, &mut stats);
    let names = options.inputs.names();
    match options.format {
        OutputFormat::Json | OutputFormat::Sarif => {
            super::print(&format!("{}\n", stats.to_json(&names, &read.warnings)));
        }
        OutputFormat::Text => super::print(&stats.to_text(&names)),
    }
    if let Some(listened) = read.listened {
        eprintln!(
            "sipcodes: {}: listened {:.1} s: {} datagrams, {} SIP messages, {} undecodable",
            names.join(", "),
            listened.elapsed.as_secs_f64(),
            listened.datagrams,
            stats.messages,
            stats.undecodable()
        );
    }
    if read.failed {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_by_method_code_class_and_cseq_method() {
        let mut stats = Stats::default();
        stats.count(b"INVITE sip:b SIP/2.0\r\nCSeq: 1 INVITE\r\n\r\n");
        stats.count(b"SIP/2.0 100 Trying\r\nCSeq: 1 INVITE\r\n\r\n");
        stats.count(b"SIP/2.0 100 Trying\r\nCSeq: 1 INVITE\r\n\r\n");
        stats.count(b"SIP/2.0 486 Busy Here\r\nCSeq: 1 INVITE\r\n\r\n");
        stats.count(b"SIP/2.0 200 OK\r\nCSeq: 2 BYE\r\n\r\n");
        stats.count(b"SIP/2.0 1000 Nope\r\n\r\n");
        // A bare LF ends no line in SIP (RFC 3261 §7).
        stats.count(b"SIP/2.0 200 OK\nCSeq: 1 INVITE\n\n");
        assert_eq!(stats.messages, 5);
        assert_eq!(stats.malformed_sip, 2);
        assert_eq!(stats.requests["INVITE"], 1);
        assert_eq!(stats.responses[&100], 2);
        assert_eq!(stats.responses_by_class(), [2, 1, 0, 1, 0, 0]);
        assert_eq!(
            stats.methods["INVITE"],
            MethodOutcomes {
                requests: 1,
                responses_by_class: [2, 0, 0, 1, 0, 0]
            }
        );
        assert_eq!(
            stats.methods["BYE"],
            MethodOutcomes {
                requests: 0,
                responses_by_class: [0, 1, 0, 0, 0, 0]
            }
        );
        let json = stats.to_json(&["x".to_owned()], &[]);
        assert_eq!(json["requests"], json!({ "INVITE": 1 }));
        assert_eq!(json["responses"], json!({ "100": 2, "200": 1, "486": 1 }));
        assert_eq!(json["undecoded"], json!({ "malformed_sip": 2 }));
        let text = stats.to_text(&["x".to_owned()]);
        assert!(text.contains("486 Busy Here"), "{text}");
    }
}
