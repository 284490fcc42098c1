//! `CAUSES.md`: the Q.850 causes, both mappings, the warn-codes and the Reason protocols as
//! one Markdown reference.

use std::fmt::Write as _;

use super::q850::{Outcome, Q850, from_sip_text, to_sip_text};
use super::reason::Protocol;
use super::warn::Warning;
use crate::q850_profile::VendorTable;
use crate::tokens::markdown_cell;

/// `names`: the file names of the three TOML files, for the header comment; `vendors`: the
/// profile tables beside the q850 file (`profiles/*.toml`).
pub(crate) fn render(
    q850: &Q850,
    vendors: &[VendorTable],
    warnings: &[Warning],
    protocols: &[Protocol],
    names: &[String; 3],
) -> String {
    let mut out = String::new();
    let [q850_name, warn_name, reason_name] = names;
    let _ = writeln!(
        out,
        "# Why a call ended: Q.850 causes, SIP mappings, warn-codes and Reason protocols\n\n\
         <!-- Generated from {q850_name}, {warn_name} and {reason_name} by sipcodes-macros. Do not edit by hand:\n     \
         edit those files, then run SIPCODES_BLESS=1 cargo test -p sipcodes-tests --test reference -->\n\n\
         The ITU-T Q.850 cause values, the two IETF mappings between them and SIP status codes, the SIP\n\
         warn-codes and the Reason header field's protocol values, as `sipcodes::q850`, `WarnCode` and\n\
         `Protocol` carry them.\n"
    );
    render_profiles(&mut out, q850);
    render_classes(&mut out, q850);
    render_causes(&mut out, q850);
    render_to_sip_notes(&mut out, q850);
    render_from_sip(&mut out, q850);
    render_vendors(&mut out, q850, vendors);
    render_locations(&mut out, q850);
    render_sources(&mut out, q850);
    render_warnings(&mut out, warnings);
    render_protocols(&mut out, protocols);
    out
}

fn render_profiles(out: &mut String, q850: &Q850) {
    let _ = writeln!(
        out,
        "## Mapping documents\n\n| Profile | Cause → status | Status → cause | Defaults |\n|---|---|---|---|"
    );
    for profile in &q850.profiles {
        let to_sip = profile.cause_table_citation().markdown_link();
        let from_sip = profile.status_table_citation().markdown_link();
        let _ = writeln!(
            out,
            "| {} | {to_sip} | {from_sip} | status {}, cause {} |",
            profile.rfc, profile.default_status, profile.default_cause
        );
    }
    for profile in &q850.profiles {
        let _ = writeln!(out, "\n**{}:** {}", profile.rfc, markdown_cell(&profile.description));
    }
    out.push('\n');
}

fn render_classes(out: &mut String, q850: &Q850) {
    let _ = writeln!(out, "## Cause classes\n\n| Values | Class |\n|---|---|");
    for class in &q850.classes {
        let _ = writeln!(out, "| {}–{} | {} |", class.first, class.last, class.name);
    }
    out.push('\n');
}

/// A column header for each profile ("RFC 3398 → SIP"), and the separator row's cells.
fn profile_headers(q850: &Q850, to: &str) -> (String, String) {
    let headers: Vec<String> = q850
        .profiles
        .iter()
        .map(|profile| format!("{} → {to}", profile.rfc))
        .collect();
    (headers.join(" | "), "---|".repeat(headers.len()))
}

/// A cell for each profile, with what `text` says of it.
fn profile_cells(q850: &Q850, text: impl Fn(usize) -> String) -> String {
    let cells: Vec<String> = (0..q850.profiles.len())
        .map(|profile| markdown_cell(&text(profile)))
        .collect();
    cells.join(" | ")
}

fn render_causes(out: &mut String, q850: &Q850) {
    let (headers, separators) = profile_headers(q850, "SIP");
    let _ = writeln!(
        out,
        "## Cause values\n\n| Value | Name | Class | {headers} | Meaning |\n|---|---|---|{separators}---|"
    );
    for cause in &q850.causes {
        let class = q850.classes.get(cause.class).map_or("", |class| class.name.as_str());
        let mappings = profile_cells(q850, |profile| to_sip_text(q850, profile, cause.value));
        let mark = if cause.unconfirmed.is_some() { " ¹" } else { "" };
        let _ = writeln!(
            out,
            "| {} | {}{mark} | {class} | {mappings} | {} |",
            cause.value,
            markdown_cell(&cause.name),
            markdown_cell(&cause.description)
        );
    }
    let unconfirmed: Vec<String> = q850
        .causes
        .iter()
        .filter_map(|cause| cause.unconfirmed.as_ref().map(|why| format!("{}: {why}", cause.value)))
        .collect();
    if !unconfirmed.is_empty() {
        let _ = writeln!(
            out,
            "\n¹ Name not confirmed by two sources. {}.",
            unconfirmed.join("; ")
        );
    }
    out.push('\n');
}

fn render_to_sip_notes(out: &mut String, q850: &Q850) {
    let _ = writeln!(out, "### Notes on the cause → status rows\n");
    for row in &q850.to_sip {
        let mut notes = Vec::new();
        if let Outcome::Nothing(why) = &row.outcome {
            notes.push(format!("no response: {why}"));
        }
        notes.extend(row.note.clone());
        note_line(out, q850, u16::from(row.from), &row.profiles, &notes);
    }
    out.push('\n');
}

fn render_from_sip(out: &mut String, q850: &Q850) {
    let (headers, separators) = profile_headers(q850, "cause");
    let _ = writeln!(
        out,
        "## Status codes to causes\n\nThe tables are of failures: a 4xx, 5xx or 6xx response no table lists takes the default cause. A 1xx or 2xx response ends nothing and gives no cause. A 3xx gives cause 23 (redirection) under RFC 3398, for the release its Section 8.2.5 allows instead of following the redirection, and none under RFC 4497, which sends no QSIG message for it (Section 8.2.1.5).\n\n| Status | {headers} |\n|---|{separators}"
    );
    let mut statuses: Vec<u16> = q850.from_sip.iter().map(|row| row.from).collect();
    statuses.sort_unstable();
    statuses.dedup();
    for status in &statuses {
        let mappings = profile_cells(q850, |profile| from_sip_text(q850, profile, *status));
        let _ = writeln!(out, "| {status} | {mappings} |");
    }
    let _ = writeln!(out, "\n### Notes on the status → cause rows\n");
    for row in &q850.from_sip {
        let mut notes = Vec::new();
        if let Outcome::Nothing(why) = &row.outcome {
            notes.push(format!("no mapping: {why}"));
        }
        if let Some(printed) = &row.more.printed {
            notes.push(format!("printed in the RFC as \"{printed}\""));
        }
        notes.extend(row.note.clone());
        note_line(out, q850, row.from, &row.profiles, &notes);
    }
    out.push('\n');
}

/// One bullet: the row's cause or status, the RFCs it belongs to, and its notes, if any.
fn note_line(out: &mut String, q850: &Q850, key: u16, profiles: &[usize], notes: &[String]) {
    if notes.is_empty() {
        return;
    }
    let rfcs: Vec<&str> = profiles
        .iter()
        .filter_map(|profile| q850.profiles.get(*profile))
        .map(|profile| profile.rfc.as_str())
        .collect();
    let _ = writeln!(out, "- **{key}** ({}): {}.", rfcs.join(", "), notes.join("; "));
}

fn render_locations(out: &mut String, q850: &Q850) {
    let _ = writeln!(
        out,
        "## Cause locations\n\n| Value | Abbreviation | Location |\n|---|---|---|"
    );
    for location in &q850.locations {
        let _ = writeln!(
            out,
            "| {} | {} | {} |",
            location.value, location.abbreviation, location.name
        );
    }
    out.push('\n');
}

fn render_sources(out: &mut String, q850: &Q850) {
    let _ = writeln!(out, "## Where the names were checked\n");
    for (index, source) in q850.sources.iter().enumerate() {
        let count = q850
            .causes
            .iter()
            .filter(|cause| cause.sources.contains(&index))
            .count();
        let _ = writeln!(
            out,
            "- `{}`: {} ({count} causes).",
            source.key,
            markdown_cell(&source.cite)
        );
    }
    out.push('\n');
}

fn render_warnings(out: &mut String, warnings: &[Warning]) {
    let _ = writeln!(
        out,
        "## Warn-codes\n\n| Code | Warn-text | Defined in | Meaning |\n|---|---|---|---|"
    );
    for warning in warnings {
        let cited = warning.citation().markdown_link();
        let mut meaning = markdown_cell(&warning.description);
        if warning.bearer_capability {
            meaning.push_str(" *Bearer capability: a 488 or 606 with it maps to cause 65.*");
        }
        if let Some(unverified) = &warning.unverified {
            let _ = write!(meaning, " *Unverified: {}.*", markdown_cell(unverified));
        }
        let _ = writeln!(
            out,
            "| {} | {} | {cited} | {meaning} |",
            warning.code,
            markdown_cell(&warning.text)
        );
    }
    out.push('\n');
}

fn render_protocols(out: &mut String, protocols: &[Protocol]) {
    let _ = writeln!(
        out,
        "## Reason protocols\n\n| Protocol | Cause | Registered by |\n|---|---|---|"
    );
    for protocol in protocols {
        let cited = protocol.citation().markdown_link();
        let _ = writeln!(
            out,
            "| `{}` | {} | {cited} |",
            protocol.name,
            markdown_cell(&protocol.cause)
        );
    }
}

/// The vendors' tables beside RFC 3398's, one column each; a value in bold differs from RFC
/// 3398, and links to the line of the vendor's source it was read at.
fn render_vendors(out: &mut String, q850: &Q850, vendors: &[VendorTable]) {
    if vendors.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "## Vendor profiles\n\nWhat Asterisk, FreeSWITCH and OpenSIPS ship, read from their source: every value links to the line \
         it was read at, at the commit named below; **bold** marks a value that differs from RFC 3398's (its table, or \
         its default). `sipcodes q850 diff rfc3398 KEY` lists the same differences with both rows' citations.\n\n\
         | Profile | Key | Read at | Defaults |\n|---|---|---|---|"
    );
    for vendor in vendors {
        let _ = writeln!(
            out,
            "| {} | `{}` | `{}` | {} |",
            markdown_cell(vendor.name()),
            vendor.key(),
            vendor.read_at().unwrap_or_default(),
            vendor.defaults()
        );
    }
    for vendor in vendors {
        let _ = writeln!(
            out,
            "\n**{}:** {}",
            markdown_cell(vendor.name()),
            markdown_cell(vendor.description())
        );
    }
    let rfc3398 = q850.profiles.iter().position(|profile| profile.rfc == "RFC 3398");
    let headers = cells(vendors, |vendor| vendor.key().to_owned());
    let separators = "---|".repeat(vendors.len());
    let mut causes: Vec<u16> = q850.causes.iter().map(|cause| u16::from(cause.value)).collect();
    causes.extend(vendors.iter().flat_map(VendorTable::causes));
    causes.sort_unstable();
    causes.dedup();
    let _ = writeln!(
        out,
        "\n### Cause → status\n\n| Cause | RFC 3398 |{headers}\n|---|---|{separators}"
    );
    for cause in causes {
        let (rfc, value) = match (rfc3398, u8::try_from(cause)) {
            (Some(profile), Ok(value)) => (to_sip_text(q850, profile, value), to_sip_value(q850, profile, value)),
            _ => ("500 (not listed: the default)".to_owned(), Some(500)),
        };
        let cells = cells(vendors, |vendor| vendor.cause_cell(cause, value).unwrap_or_default());
        let _ = writeln!(out, "| {cause} | {rfc} |{cells}");
    }
    let mut statuses: Vec<u16> = q850.from_sip.iter().map(|row| row.from).collect();
    statuses.extend(
        vendors
            .iter()
            .flat_map(VendorTable::statuses)
            .filter(|status| *status >= 300),
    );
    statuses.sort_unstable();
    statuses.dedup();
    let _ = writeln!(
        out,
        "\n### Status → cause\n\nA 1xx or 2xx gives no cause under any profile.\n\n| Status | RFC 3398 |{headers}\n|---|---|{separators}"
    );
    for status in statuses {
        let (rfc, value) = match rfc3398 {
            // Section 8.2.5: any 3xx, for the release it allows instead of redirecting.
            _ if status < 400 => ("23 (any 3xx)".to_owned(), Some(23)),
            Some(profile) => (
                from_sip_text(q850, profile, status),
                from_sip_value(q850, profile, status),
            ),
            None => (String::new(), None),
        };
        let cells = cells(vendors, |vendor| vendor.status_cell(status, value).unwrap_or_default());
        let _ = writeln!(out, "| {status} | {rfc} |{cells}");
    }
    out.push('\n');
}

/// The status `profile` sends for `cause` with no location or new number: its row or its
/// default; `None` where it sends none.
fn to_sip_value(q850: &Q850, profile: usize, cause: u8) -> Option<u16> {
    match q850.cause_row(profile, cause).map(|row| &row.outcome) {
        Some(Outcome::Mapped(status)) => Some(*status),
        Some(Outcome::Nothing(_)) => None,
        None => q850.profiles.get(profile).map(|profile| profile.default_status),
    }
}

/// The cause `profile` gives for a failure `status` with no warning.
fn from_sip_value(q850: &Q850, profile: usize, status: u16) -> Option<u16> {
    match q850.status_row(profile, status).map(|row| &row.outcome) {
        Some(Outcome::Mapped(cause)) => Some(u16::from(*cause)),
        Some(Outcome::Nothing(_)) => None,
        None => q850
            .profiles
            .get(profile)
            .map(|profile| u16::from(profile.default_cause)),
    }
}

/// One Markdown cell a vendor: ` text |` each.
fn cells(vendors: &[VendorTable], text: impl Fn(&VendorTable) -> String) -> String {
    vendors.iter().fold(String::new(), |mut cells, vendor| {
        let _ = write!(cells, " {} |", text(vendor));
        cells
    })
}
