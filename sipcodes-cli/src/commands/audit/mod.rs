//! `sipcodes audit`: every finding of [`sipcodes::audit`] in the inputs, the rules about one
//! response and the rules about a transaction's several messages, each with where it was
//! seen (the file, the packet or line, the time, the addresses, Call-ID and `CSeq`).
//!
//! The rules are the library's: this command reads messages, hands them in capture order to
//! an [`Auditor`] (one per input, so that two captures' transactions never meet), and writes
//! what it reports as text, as one JSON object, or as SARIF 2.1.0.

mod sarif;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{IsTerminal as _, Write as _};
use std::net::SocketAddr;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use serde_json::{Map, Value, json};
use sipcodes::audit::{self, Auditor, Rule, Severity};
use sipcodes::q850::Mapping;

use super::{Inputs, OutputFormat, read_inputs};
use crate::input::{Position, Seen, Sink, Timestamp, Undecoded, Warning};

/// The least severity that makes `audit` exit with 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FailOn {
    /// Errors only (the default).
    Error,
    /// Errors and warnings.
    Warning,
    /// Any finding.
    Info,
    /// Nothing: exit 0 whatever is found.
    Never,
}

impl FailOn {
    /// Whether a finding of `severity` makes the command fail.
    pub fn fails(self, severity: Severity) -> bool {
        match self {
            FailOn::Error => severity == Severity::Error,
            FailOn::Warning => severity <= Severity::Warning,
            FailOn::Info => true,
            FailOn::Never => false,
        }
    }
}

/// What `audit` is asked to do.
#[derive(Clone, Debug)]
pub struct Options {
    /// Text, JSON or SARIF.
    pub format: OutputFormat,
    /// The least severity that fails the command.
    pub fail_on: FailOn,
    /// The files, or a HEP3 listening.
    pub inputs: Inputs,
    /// The interworking profile a Reason's Q.850 cause is judged by (`--profile`).
    pub profile: &'static dyn Mapping,
}

/// One finding and where it was seen.
#[derive(Clone, Debug)]
pub struct Located {
    /// The rule broken.
    pub rule: &'static Rule,
    /// The finding in the message's terms, e.g. `405 without Allow`.
    pub message: String,
    /// The response's status code; `None` for a finding about a request.
    pub code: Option<u16>,
    /// Where: the input, packet or line, time, addresses, transport.
    pub seen: Seen,
    /// The message's Call-ID.
    pub call_id: Option<String>,
    /// The message's `CSeq`, as `1 INVITE`.
    pub cseq: Option<String>,
}

/// What `audit` counts besides the findings.
#[derive(Clone, Debug, Default)]
pub struct Counts {
    /// Packet records (or datagrams) read.
    pub packets: u64,
    /// SIP messages audited.
    pub messages: u64,
    /// Of them, requests.
    pub requests: u64,
    /// Of them, responses.
    pub responses: u64,
    /// Findings by severity: error, warning, info.
    pub by_severity: [u64; 3],
    /// Findings by rule id.
    pub by_rule: BTreeMap<&'static str, u64>,
    /// What was not read down to a SIP message, by reason.
    pub undecoded: BTreeMap<Undecoded, u64>,
    /// Messages whose start line looked like SIP but whose head did not parse.
    pub malformed_sip: u64,
}

impl Counts {
    /// All findings.
    pub fn findings(&self) -> u64 {
        self.by_severity.iter().sum()
    }

    /// Everything not audited: the undecoded packets and the unparsable messages.
    pub fn undecodable(&self) -> u64 {
        self.undecoded.values().sum::<u64>() + self.malformed_sip
    }
}

/// The audit of a run's inputs: the auditor, the counts, and the findings kept for a JSON
/// or SARIF report (text is written as it is found, and nothing is kept).
pub struct Audit {
    auditor: Auditor,
    profile: &'static dyn Mapping,
    file: Option<Arc<str>>,
    first: Option<Timestamp>,
    clock: Duration,
    keep: bool,
    /// Standard error is a terminal: a progress line may need clearing before a finding.
    terminal: bool,
    /// The findings, when kept.
    pub findings: Vec<Located>,
    /// The counts.
    pub counts: Counts,
}

impl Audit {
    /// An audit that keeps its findings when `keep`, and otherwise writes each to standard
    /// output as text when it is found.
    pub fn new(keep: bool) -> Audit {
        Audit::with_profile(keep, audit::DEFAULT_PROFILE)
    }

    /// [`Audit::new`], judging a Reason's Q.850 cause by `profile` rather than RFC 3398.
    pub fn with_profile(keep: bool, profile: &'static dyn Mapping) -> Audit {
        Audit {
            auditor: Auditor::with_profile(profile),
            profile,
            file: None,
            first: None,
            clock: Duration::ZERO,
            keep,
            terminal: std::io::stderr().is_terminal(),
            findings: Vec::new(),
            counts: Counts::default(),
        }
    }

    /// The time since the input's first timestamp; never earlier than the last (a capture
    /// may hold packets slightly out of order), unchanged when the input gives no time.
    fn clock(&mut self, seen: &Seen) -> Duration {
        if self.file.as_ref().is_none_or(|file| !Arc::ptr_eq(file, &seen.file)) {
            // A new input: its transactions are its own.
            self.file = Some(Arc::clone(&seen.file));
            self.auditor = Auditor::with_profile(self.profile);
            self.first = None;
            self.clock = Duration::ZERO;
        }
        if let Some(at) = seen.timestamp {
            let first = *self.first.get_or_insert(at);
            let since = i128::from(at.seconds - first.seconds) * 1_000_000_000 + i128::from(at.nanoseconds)
                - i128::from(first.nanoseconds);
            let since = Duration::from_nanos(u64::try_from(since).unwrap_or(0));
            self.clock = self.clock.max(since);
        }
        self.clock
    }

    fn finding(&mut self, found: Located) {
        self.counts.by_severity[severity_index(found.rule.severity())] += 1;
        *self.counts.by_rule.entry(found.rule.id()).or_default() += 1;
        if self.keep {
            self.findings.push(found);
        } else {
            if self.terminal {
                super::progress::clear_line();
            }
            let mut stdout = std::io::stdout().lock();
            let _ = write!(stdout, "{}", text_finding(&found));
            let _ = stdout.flush();
        }
    }
}

impl Sink for Audit {
    fn message(&mut self, message: &[u8], seen: &Seen) {
        let at = self.clock(seen);
        let Ok(report) = self.auditor.observe(at, message) else {
            self.counts.malformed_sip += 1;
            return;
        };
        self.counts.messages += 1;
        let code = report.status_line().map(|line| line.code().as_u16());
        if code.is_some() {
            self.counts.responses += 1;
        } else {
            self.counts.requests += 1;
        }
        let call_id = report.message().call_id().map(str::to_owned);
        let cseq = report
            .message()
            .cseq()
            .map(|cseq| format!("{} {}", cseq.number, cseq.method));
        let found: Vec<Located> = report
            .findings()
            .map(|finding| Located {
                rule: finding.rule(),
                message: finding.to_string(),
                code,
                seen: seen.clone(),
                call_id: call_id.clone(),
                cseq: cseq.clone(),
            })
            .collect();
        for finding in found {
            self.finding(finding);
        }
    }
    fn undecoded(&mut self, why: Undecoded, _: &Seen) {
        *self.counts.undecoded.entry(why).or_default() += 1;
    }
    fn packet(&mut self) {
        self.counts.packets += 1;
    }
}

fn severity_index(severity: Severity) -> usize {
    match severity {
        Severity::Error => 0,
        Severity::Warning => 1,
        Severity::Info => 2,
    }
}

/// A capture time as RFC 3339 in UTC, to the microsecond: `2026-03-01T12:00:00.250000Z`.
pub fn rfc3339(at: Timestamp) -> String {
    let days = at.seconds.div_euclid(86_400);
    let second_of_day = at.seconds.rem_euclid(86_400);
    // Howard Hinnant's days-to-civil algorithm, for the proleptic Gregorian calendar.
    let shifted = days + 719_468;
    let era = shifted.div_euclid(146_097);
    let day_of_era = shifted.rem_euclid(146_097);
    let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_index + 2) / 5 + 1;
    let month = if month_index < 10 {
        month_index + 3
    } else {
        month_index - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{:06}Z",
        second_of_day / 3600,
        second_of_day / 60 % 60,
        second_of_day % 60,
        at.nanoseconds / 1000
    )
}

fn address(address: Option<SocketAddr>) -> Value {
    address.map_or(Value::Null, |address| json!(address.to_string()))
}

/// The rule as `--list-rules --format json` and the findings' reports describe it.
pub fn rule_json(rule: &Rule) -> Value {
    json!({
        "id": rule.id(),
        "severity": rule.severity().as_str(),
        "summary": rule.summary(),
        "rfc": rule.rfc(),
        "section": rule.section(),
        "url": rule.citation().url().to_string(),
        "code": rule.code(),
    })
}

/// A finding as one object of the JSON report's `findings`.
pub fn finding_json(found: &Located) -> Value {
    let (packet, line) = match found.seen.position {
        Position::Packet(number) => (json!(number), Value::Null),
        Position::Line(number) => (Value::Null, json!(number)),
    };
    json!({
        "rule": found.rule.id(),
        "severity": found.rule.severity().as_str(),
        "code": found.code,
        "message": found.message,
        "rfc": found.rule.rfc(),
        "section": found.rule.section(),
        "url": found.rule.citation().url().to_string(),
        "file": &*found.seen.file,
        "packet": packet,
        "line": line,
        "time": found.seen.timestamp.map(rfc3339),
        "source": address(found.seen.source),
        "destination": address(found.seen.destination),
        "transport": found.seen.transport.name(),
        "hep": found.seen.hep,
        "call_id": found.call_id,
        "cseq": found.cseq,
    })
}

/// The summary object of the JSON report.
pub fn summary_json(counts: &Counts) -> Value {
    let undecoded: Map<String, Value> = counts
        .undecoded
        .iter()
        .map(|(why, &count)| (why.key().to_owned(), json!(count)))
        .chain((counts.malformed_sip > 0).then(|| ("malformed_sip".to_owned(), json!(counts.malformed_sip))))
        .collect();
    json!({
        "packets": counts.packets,
        "messages": counts.messages,
        "requests": counts.requests,
        "responses": counts.responses,
        "findings": counts.findings(),
        "errors": counts.by_severity[0],
        "warnings": counts.by_severity[1],
        "info": counts.by_severity[2],
        "by_rule": counts.by_rule,
        "undecodable": counts.undecodable(),
        "undecoded": undecoded,
    })
}

/// A finding as text: the severity, rule and what was found, then where, as a compiler
/// writes a diagnostic.
pub fn text_finding(found: &Located) -> String {
    let seen = &found.seen;
    let mut place = format!("{}, {}", seen.file, seen.position);
    if let Some(at) = seen.timestamp {
        let _ = write!(place, ", {}", rfc3339(at));
    }
    if let (Some(source), Some(destination)) = (seen.source, seen.destination) {
        let _ = write!(place, ", {source} -> {destination} {}", seen.transport.name());
    }
    if let Some(call_id) = &found.call_id {
        let _ = write!(place, ", Call-ID {call_id}");
    }
    if let Some(cseq) = &found.cseq {
        let _ = write!(place, ", CSeq {cseq}");
    }
    format!(
        "{}[{}]: {} ({})\n  --> {place}\n",
        found.rule.severity(),
        found.rule.id(),
        found.message,
        found.rule.citation()
    )
}

/// The text report's last lines: the counts.
pub fn text_summary(names: &[String], counts: &Counts) -> String {
    let plural = |count: u64, one: &str, many: &str| format!("{count} {}", if count == 1 { one } else { many });
    let mut out = format!(
        "{}: {} ({} requests, {} responses): {}: {}, {}, {}\n",
        names.join(", "),
        plural(counts.messages, "SIP message", "SIP messages"),
        counts.requests,
        counts.responses,
        plural(counts.findings(), "finding", "findings"),
        plural(counts.by_severity[0], "error", "errors"),
        plural(counts.by_severity[1], "warning", "warnings"),
        plural(counts.by_severity[2], "info", "info"),
    );
    if counts.undecodable() > 0 {
        let _ = writeln!(
            out,
            "not audited: {} (see `sipcodes stats`)",
            plural(counts.undecodable(), "packet or message", "packets or messages")
        );
    }
    out
}

/// The JSON report: the inputs, every finding, the summary and the warnings.
pub fn report_json(names: &[String], audit: &Audit, warnings: &[Warning]) -> Value {
    json!({
        "inputs": names,
        "findings": audit.findings.iter().map(finding_json).collect::<Vec<_>>(),
        "summary": summary_json(&audit.counts),
        "warnings": warnings.iter().map(ToString::to_string).collect::<Vec<_>>(),
    })
}

/// `--list-rules`: every rule with its id, severity and citation.
pub fn list_rules(format: OutputFormat) -> ExitCode {
    let rules = audit::rules();
    match format {
        OutputFormat::Json => super::print(&format!("{}\n", json!(rules.iter().map(rule_json).collect::<Vec<_>>()))),
        OutputFormat::Sarif => super::print(&format!("{}\n", sarif::log(&[], &[]))),
        OutputFormat::Text => {
            let width = rules.iter().map(|rule| rule.id().len()).max().unwrap_or(0);
            let mut out = String::new();
            for rule in rules {
                let _ = writeln!(
                    out,
                    "{:<width$}  {:<7}  {} ({})",
                    rule.id(),
                    rule.severity().as_str(),
                    rule.summary(),
                    rule.citation()
                );
            }
            super::print(&out);
        }
    }
    ExitCode::SUCCESS
}

/// Runs `audit`: 2 when an input could not be read, else 1 when a finding at or above
/// `--fail-on` was found, else 0.
pub fn run(options: &Options) -> ExitCode {
    let mut audit = Audit::with_profile(options.format != OutputFormat::Text, options.profile);
    let read = read_inputs(&options.inputs, &mut audit);
    let names = options.inputs.names();
    match options.format {
        OutputFormat::Text => super::print(&text_summary(&names, &audit.counts)),
        OutputFormat::Json => super::print(&format!("{}\n", report_json(&names, &audit, &read.warnings))),
        OutputFormat::Sarif => super::print(&format!("{}\n", sarif::log(&audit.findings, &names))),
    }
    if let Some(listened) = read.listened {
        let counts = &audit.counts;
        eprintln!(
            "sipcodes: {}: listened {:.1} s: {} datagrams, {} SIP messages, {} undecodable, {} findings ({} errors, {} warnings, {} info)",
            names.join(", "),
            listened.elapsed.as_secs_f64(),
            listened.datagrams,
            counts.messages,
            counts.undecodable(),
            counts.findings(),
            counts.by_severity[0],
            counts.by_severity[1],
            counts.by_severity[2],
        );
    }
    let worst = [Severity::Error, Severity::Warning, Severity::Info]
        .into_iter()
        .find(|severity| audit.counts.by_severity[severity_index(*severity)] > 0);
    if read.failed {
        ExitCode::from(2)
    } else if worst.is_some_and(|worst| options.fail_on.fails(worst)) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_written_in_utc() {
        let at = |seconds, nanoseconds| rfc3339(Timestamp { seconds, nanoseconds });
        assert_eq!(at(0, 0), "1970-01-01T00:00:00.000000Z");
        // `date -u -d @1700000000` prints 2023-11-14 22:13:20.
        assert_eq!(at(1_700_000_000, 250_000_999), "2023-11-14T22:13:20.250000Z");
        // A leap day: `date -u -d @951825600` prints 2000-02-29 12:00:00.
        assert_eq!(at(951_825_600, 0), "2000-02-29T12:00:00.000000Z");
        assert_eq!(at(-1, 0), "1969-12-31T23:59:59.000000Z");
    }

    #[test]
    fn fail_on_takes_the_severity_and_every_graver_one() {
        use Severity::{Error, Info, Warning};
        let failing = |fail_on: FailOn| {
            [Error, Warning, Info]
                .into_iter()
                .filter(|severity| fail_on.fails(*severity))
                .collect::<Vec<_>>()
        };
        assert_eq!(failing(FailOn::Error), [Error]);
        assert_eq!(failing(FailOn::Warning), [Error, Warning]);
        assert_eq!(failing(FailOn::Info), [Error, Warning, Info]);
        assert_eq!(failing(FailOn::Never), []);
    }

    #[test]
    fn each_input_has_its_own_transactions() {
        let response = |status: &str| {
            format!(
                "SIP/2.0 {status}\r\nVia: SIP/2.0/UDP a.example.com;branch=z9hG4bK1\r\n\
                 From: <sip:a@example.com>;tag=1\r\nTo: <sip:b@example.com>;tag=2\r\n\
                 Call-ID: c1\r\nCSeq: 1 INVITE\r\nContact: <sip:b@b.example.com>\r\n\
                 Supported: 100rel\r\nContent-Length: 0\r\n\r\n"
            )
        };
        let mut audit = Audit::new(true);
        let first = Seen::packet(&Arc::from("a.pcap"), 1, None);
        audit.message(response("603 Decline").as_bytes(), &first);
        // The same transaction in another capture is not a 2xx after a 6xx.
        audit.message(
            response("200 OK").as_bytes(),
            &Seen::packet(&Arc::from("b.pcap"), 1, None),
        );
        assert_eq!(audit.counts.findings(), 0);
        audit.message(response("603 Decline").as_bytes(), &first);
        let again = Seen::packet(&first.file, 2, None);
        audit.message(response("200 OK").as_bytes(), &again);
        let rules: Vec<&str> = audit.findings.iter().map(|found| found.rule.id()).collect();
        assert_eq!(rules, ["2xx-after-6xx"]);
        assert_eq!(audit.findings[0].call_id.as_deref(), Some("c1"));
        assert_eq!(audit.findings[0].cseq.as_deref(), Some("1 INVITE"));
        assert_eq!(audit.counts.responses, 4);
    }
}
