//! `sipcodes q850`: a Q.850 cause to a SIP status and back under a named profile, and where
//! two profiles disagree.
//!
//! Every answer line starts with the mapped value (the status code, the cause number, or
//! `none` where the profile sends nothing), then its name, then the row's citation: a script
//! reads the first word.

use std::fmt::Write as _;
use std::io::Write as _;
use std::process::ExitCode;

use serde_json::{Value, json};
use sipcodes::q850::{self, Cause, Location, Mapping, NewNumber, ProfileTable};
use sipcodes::{Code, StatusCode};

use super::OutputFormat;

/// The keys `--profile` and `diff` accept.
pub const PROFILE_KEYS: [&str; 5] = ["rfc3398", "rfc4497", "asterisk", "freeswitch", "opensips"];

/// Where the cause arose, as far as the tables care: at the called user or in a network.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Where {
    /// Location 0: the called user.
    User,
    /// Any network: the tables tell only the user apart.
    Network,
}

/// The built-in profile with key `key`, or a message listing the keys.
///
/// # Errors
///
/// `key` is none of [`PROFILE_KEYS`].
pub fn profile(key: &str) -> Result<&'static dyn Mapping, String> {
    q850::profile(key).ok_or_else(|| format!("unknown profile `{key}`: expected one of {}", PROFILE_KEYS.join(", ")))
}

/// The table behind a built-in vendor profile, for its rows' vendor names.
fn table(key: &str) -> Option<&'static ProfileTable> {
    q850::VENDORS.iter().copied().find(|table| table.key() == key)
}

/// A status code and its phrase: `486 Busy Here`.
fn status_text(status: Option<StatusCode>) -> String {
    match status {
        Some(status) => match Code::from_u16(status.as_u16()) {
            Some(code) => format!("{} {}", status.as_u16(), code.reason_phrase()),
            None => status.as_u16().to_string(),
        },
        None => "none".to_owned(),
    }
}

/// A cause value and its name: Q.850's, or the vendor's for one of its own.
fn cause_text(profile: &dyn Mapping, status: StatusCode, cause: Option<u16>) -> String {
    let Some(value) = cause else {
        return "none".to_owned();
    };
    if let Some(cause) = u8::try_from(value).ok().and_then(Cause::from_u8) {
        return format!("{value} {}", cause.name());
    }
    let vendor = table(profile.key())
        .and_then(|table| table.from_sip_entry(status.as_u16()))
        .and_then(q850::FromSipEntry::vendor_name);
    match vendor {
        Some(name) => format!("{value} {name} (not a Q.850 cause)"),
        None => format!("{value} (not a Q.850 cause)"),
    }
}

/// `sipcodes q850 to-sip`: the answer line for `cause` under the profile `key`.
///
/// # Errors
/// An unknown profile key, with the keys there are.
pub fn to_sip_line(key: &str, cause: u16, location: Option<Where>) -> Result<String, String> {
    let profile = profile(key)?;
    let location = location.map(|location| match location {
        Where::User => Location::User,
        // The tables tell only the user apart; any network location reads the same.
        Where::Network => Location::LocalPublicNetwork,
    });
    let status = profile.to_sip_value(cause, location, NewNumber::Unknown);
    Ok(format!("{}\t{}", status_text(status), profile.to_sip_source(cause)))
}

/// `sipcodes q850 from-sip`: the answer line for `status` under the profile `key`.
///
/// # Errors
/// An unknown profile key, or a status outside 100-699.
pub fn from_sip_line(key: &str, status: u16) -> Result<String, String> {
    let profile = profile(key)?;
    let status = StatusCode::from_u16(status).map_err(|error| error.to_string())?;
    let cause = profile.from_sip_raw(status, None);
    Ok(format!(
        "{}\t{}",
        cause_text(profile, status, cause),
        profile.from_sip_source(status)
    ))
}

/// One cause or status the two profiles map differently.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Disagreement {
    /// The cause (to SIP) or the status (from SIP).
    pub input: u16,
    /// What the first profile gives; `None` where it sends nothing.
    pub a: Option<u16>,
    /// What the second profile gives.
    pub b: Option<u16>,
    /// The first profile's row, cited.
    pub a_source: String,
    /// The second profile's row, cited.
    pub b_source: String,
}

/// Where two profiles disagree, in both directions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diff {
    /// The first profile's key.
    pub a: &'static str,
    /// The second profile's key.
    pub b: &'static str,
    /// The causes they answer differently, by cause.
    pub to_sip: Vec<Disagreement>,
    /// The statuses they release with differently, by status.
    pub from_sip: Vec<Disagreement>,
}

/// The causes compared: every Q.850 cause, and every cause a vendor table lists.
fn causes() -> Vec<u16> {
    let mut causes: Vec<u16> = Cause::ALL.iter().map(|cause| u16::from(cause.as_u8())).collect();
    for table in q850::VENDORS {
        causes.extend(table.to_sip_rows().iter().map(q850::ToSipEntry::cause));
    }
    causes.sort_unstable();
    causes.dedup();
    causes
}

/// The statuses compared: every registered code from 300 up (1xx and 2xx end nothing), and
/// every status a vendor table lists.
fn statuses() -> Vec<u16> {
    let mut statuses: Vec<u16> = Code::ALL
        .iter()
        .map(|code| code.status_code().as_u16())
        .filter(|code| *code >= 300)
        .collect();
    for table in q850::VENDORS {
        statuses.extend(
            table
                .from_sip_rows()
                .iter()
                .map(|row| *row.statuses().start())
                .filter(|code| *code >= 300),
        );
    }
    statuses.sort_unstable();
    statuses.dedup();
    statuses
}

/// Every cause and every status that `a` and `b` map differently (with no location, new
/// number or warning).
///
/// # Errors
/// An unknown profile key.
pub fn diff(a: &str, b: &str) -> Result<Diff, String> {
    let (first, second) = (profile(a)?, profile(b)?);
    let to_sip = causes()
        .into_iter()
        .filter_map(|cause| {
            let value = |profile: &dyn Mapping| {
                profile
                    .to_sip_value(cause, None, NewNumber::Unknown)
                    .map(StatusCode::as_u16)
            };
            let (a, b) = (value(first), value(second));
            (a != b).then(|| Disagreement {
                input: cause,
                a,
                b,
                a_source: first.to_sip_source(cause).to_string(),
                b_source: second.to_sip_source(cause).to_string(),
            })
        })
        .collect();
    let from_sip = statuses()
        .into_iter()
        .filter_map(|code| {
            let status = StatusCode::from_u16(code).ok()?;
            let (a, b) = (first.from_sip_raw(status, None), second.from_sip_raw(status, None));
            (a != b).then(|| Disagreement {
                input: code,
                a,
                b,
                a_source: first.from_sip_source(status).to_string(),
                b_source: second.from_sip_source(status).to_string(),
            })
        })
        .collect();
    Ok(Diff {
        a: first.key(),
        b: second.key(),
        to_sip,
        from_sip,
    })
}

fn value_text(value: Option<u16>) -> String {
    value.map_or_else(|| "none".to_owned(), |value| value.to_string())
}

impl Diff {
    /// One line a disagreement: direction, input, each profile's value and citation.
    #[must_use]
    pub fn text(&self) -> String {
        let mut text = String::new();
        for (direction, what, rows) in [
            ("to-sip", "cause", &self.to_sip),
            ("from-sip", "status", &self.from_sip),
        ] {
            for row in rows {
                let _ = writeln!(
                    text,
                    "{direction} {what} {}: {} {} ({}); {} {} ({})",
                    row.input,
                    self.a,
                    value_text(row.a),
                    row.a_source,
                    self.b,
                    value_text(row.b),
                    row.b_source
                );
            }
        }
        let _ = writeln!(
            text,
            "{} causes and {} statuses differ between {} and {}",
            self.to_sip.len(),
            self.from_sip.len(),
            self.a,
            self.b
        );
        text
    }

    /// `{"to_sip": [{"cause": 47, "a": 503, "b": 480, …}], "from_sip": [{"status": 603, …}]}`,
    /// `null` where a profile sends nothing.
    #[must_use]
    pub fn json(&self) -> Value {
        let rows = |rows: &[Disagreement], what: &str| -> Vec<Value> {
            rows.iter()
                .map(|row| {
                    json!({
                        what: row.input,
                        "a": row.a,
                        "b": row.b,
                        "a_citation": row.a_source,
                        "b_citation": row.b_source,
                    })
                })
                .collect()
        };
        json!({
            "a": self.a,
            "b": self.b,
            "to_sip": rows(&self.to_sip, "cause"),
            "from_sip": rows(&self.from_sip, "status"),
        })
    }
}

/// Prints `line` or the error; exit status 0 or 2.
pub fn print(line: Result<String, String>) -> ExitCode {
    match line {
        Ok(line) => {
            // A reader that stops early (`| head`) is no error.
            let _ = writeln!(std::io::stdout().lock(), "{line}");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::from(2)
        }
    }
}

/// `sipcodes q850 diff`.
pub fn run_diff(a: &str, b: &str, format: OutputFormat) -> ExitCode {
    print(diff(a, b).map(|diff| match format {
        OutputFormat::Text => diff.text().trim_end().to_owned(),
        // The command line offers text and json for a diff; SARIF describes findings, not
        // disagreements between tables, so it never gets here.
        OutputFormat::Json | OutputFormat::Sarif => diff.json().to_string(),
    }))
}
