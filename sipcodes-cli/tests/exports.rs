//! `sipcodes export` and the exports checked in under `data/`: the files match what the
//! command writes (regenerate them with `SIPCODES_BLESS=1`), the JSON validates against the
//! schemas in `data/schema/`, the CSV of the codes reads as IANA's registry file does, and the
//! same build always writes the same bytes.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use sipcodes_cli::commands::export::{self, Format, Table};

/// The tables the command exports.
const TABLES: [Table; 5] = [
    Table::Codes,
    Table::Q850,
    Table::WarnCodes,
    Table::ReasonProtocols,
    Table::Rules,
];

fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../data")
}

fn file_name(table: Table, format: Format) -> String {
    let extension = match format {
        Format::Json => "json",
        Format::Csv => "csv",
    };
    format!("{}.{extension}", table.name())
}

fn sipcodes(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sipcodes"))
        .args(args)
        .output()
        .expect("the sipcodes binary runs")
}

/// Compares `data/NAME` with `generated`; rewrites it under `SIPCODES_BLESS`. Returns the
/// stale file's name instead of panicking, so that one run names every stale file.
fn check_up_to_date(name: &str, generated: &str) -> Option<String> {
    let path = data_dir().join(name);
    let checked_in = std::fs::read_to_string(&path).unwrap_or_default();
    if checked_in == generated {
        return None;
    }
    if std::env::var_os("SIPCODES_BLESS").is_some() {
        std::fs::write(&path, generated).unwrap();
        return None;
    }
    Some(format!("data/{name}"))
}

#[test]
fn the_checked_in_exports_are_up_to_date() {
    let mut stale = Vec::new();
    for table in TABLES {
        for format in [Format::Json, Format::Csv] {
            let generated = export::render(table, format);
            stale.extend(check_up_to_date(&file_name(table, format), &generated));
        }
    }
    assert!(
        stale.is_empty(),
        "{} stale: they no longer match the library's tables.\nRegenerate them with:\n\n    \
         SIPCODES_BLESS=1 cargo test -p sipcodes-cli --test exports\n\nthen review and commit the change.",
        stale.join(", ")
    );
}

#[test]
fn the_command_writes_the_checked_in_bytes_every_time() {
    for table in TABLES {
        for (format, flag) in [(Format::Json, "json"), (Format::Csv, "csv")] {
            let first = sipcodes(&["export", "--format", flag, "--table", table.name()]);
            assert!(first.status.success(), "{}", String::from_utf8_lossy(&first.stderr));
            let second = sipcodes(&["export", "--format", flag, "--table", table.name()]);
            assert_eq!(first.stdout, second.stdout, "{} {flag}", table.name());
            let checked_in = std::fs::read(data_dir().join(file_name(table, format))).unwrap_or_default();
            if std::env::var_os("SIPCODES_BLESS").is_none() {
                assert!(
                    first.stdout == checked_in,
                    "data/{} differs from the command's output",
                    file_name(table, format)
                );
            }
        }
    }
    // The codes table is the default.
    assert_eq!(
        sipcodes(&["export", "--format", "csv"]).stdout,
        sipcodes(&["export", "--format", "csv", "--table", "codes"]).stdout
    );
}

fn validator(table: Table) -> jsonschema::Validator {
    let path = data_dir().join(format!("schema/{}.schema.json", table.name()));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
    let schema: serde_json::Value =
        serde_json::from_str(&text).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
    jsonschema::draft202012::new(&schema)
        .unwrap_or_else(|error| panic!("{}: not a valid schema: {error}", path.display()))
}

#[test]
fn every_json_export_validates_against_its_schema() {
    for table in TABLES {
        let validator = validator(table);
        let text = export::render(table, Format::Json);
        let instance: serde_json::Value = serde_json::from_str(&text).expect("the export is JSON");
        let errors: Vec<String> = validator
            .iter_errors(&instance)
            .map(|error| format!("{} at {}", error, error.instance_path()))
            .take(5)
            .collect();
        assert!(errors.is_empty(), "{}: {}", table.name(), errors.join("\n"));
    }
}

#[test]
fn the_schemas_reject_what_a_consumer_must_not_get() {
    let codes = validator(Table::Codes);
    let text = export::render(Table::Codes, Format::Json);
    let valid: serde_json::Value = serde_json::from_str(&text).unwrap();

    let mut out_of_range = valid.clone();
    out_of_range["rows"][0]["code"] = 700.into();
    assert!(!codes.is_valid(&out_of_range), "a code of 700");

    let mut unknown_requirement = valid.clone();
    let rule = valid["rows"]
        .as_array()
        .unwrap()
        .iter()
        .position(|row| !row["header_rules"].as_array().unwrap().is_empty())
        .unwrap();
    unknown_requirement["rows"][rule]["header_rules"][0]["requirement"] = "ought to".into();
    assert!(
        !codes.is_valid(&unknown_requirement),
        "a requirement that is no RFC 2119 level"
    );

    let mut missing = valid.clone();
    missing["rows"][0].as_object_mut().unwrap().remove("reason_phrase");
    assert!(!codes.is_valid(&missing), "a row without its phrase");

    let mut extra = valid;
    extra["rows"][0]["colour"] = "red".into();
    assert!(!codes.is_valid(&extra), "a field the schema does not describe");
}

/// The cells of an RFC 4180 CSV text, line by line.
fn read_csv(text: &str) -> Vec<Vec<String>> {
    let mut lines = Vec::new();
    let mut line = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut characters = text.chars().peekable();
    while let Some(character) = characters.next() {
        match (quoted, character) {
            (true, '"') if characters.peek() == Some(&'"') => {
                characters.next();
                cell.push('"');
            }
            (true, '"') => quoted = false,
            (false, '"') => quoted = true,
            (false, ',') => line.push(std::mem::take(&mut cell)),
            (false, '\r') => assert_eq!(characters.next(), Some('\n'), "CR without LF"),
            (false, '\n') => panic!("a bare LF ends a line: RFC 4180 wants CRLF"),
            (_, other) => cell.push(other),
        }
        if !quoted && characters.peek() == Some(&'\r') {
            characters.next();
            assert_eq!(characters.next(), Some('\n'), "CR without LF");
            line.push(std::mem::take(&mut cell));
            lines.push(std::mem::take(&mut line));
        }
    }
    assert!(line.is_empty() && cell.is_empty(), "the last line has no CRLF");
    lines
}

#[test]
fn the_codes_csv_starts_with_the_columns_of_ianas_file() {
    let lines = read_csv(&export::render(Table::Codes, Format::Csv));
    assert_eq!(lines[0][..3], ["Response Code", "Description", "Reference"]);
    assert_eq!(lines.len(), 1 + sipcodes::Code::ALL.len());
    assert!(
        lines.iter().all(|line| line.len() == lines[0].len()),
        "every line has every column"
    );
    // RFC 3261 Section 21.4.24 defines 486, and IANA's file cites it as [RFC3261].
    let busy = lines.iter().find(|line| line[0] == "486").expect("a 486 line");
    assert_eq!(busy[..4], ["486", "Busy Here", "[RFC3261]", "21.4.24"]);
    // RFC 6665 registered 489; RFC 3329 the 494 of the security agreement.
    let bad_event = lines.iter().find(|line| line[0] == "489").expect("a 489 line");
    assert_eq!(bad_event[1..3], ["Bad Event", "[RFC6665]"]);
    let agreement = lines.iter().find(|line| line[0] == "494").expect("a 494 line");
    assert_eq!(agreement[1..3], ["Security Agreement Required", "[RFC3329]"]);
    // A retired code says what to treat it as: RFC 6665 Section 8.3.1 for 202.
    let header = &lines[0];
    let column = |name: &str| header.iter().position(|cell| cell == name).unwrap();
    let accepted = lines.iter().find(|line| line[0] == "202").expect("a 202 line");
    assert_eq!(
        (
            accepted[column("Registration")].as_str(),
            accepted[column("Treat As")].as_str()
        ),
        ("deprecated", "200")
    );
}

#[test]
fn the_q850_export_reads_the_profiles_as_the_rfcs_print_them() {
    let text = export::render(Table::Q850, Format::Json);
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    let profiles: Vec<&str> = json["profiles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|profile| profile["rfc"].as_str().unwrap())
        .collect();
    assert_eq!(profiles, ["RFC 3398", "RFC 4497"]);
    let cause = |number: u64| {
        json["rows"]
            .as_array()
            .unwrap()
            .iter()
            .find(|row| row["cause"] == number)
            .unwrap()
            .clone()
    };
    // RFC 3398 Section 7.2.4.1: 17 user busy -> 486 Busy Here; 22 number changed -> 410, or
    // 301 with the new number; 16 normal clearing gives no response.
    assert_eq!(cause(17)["to_sip"][0]["status"], 486);
    assert_eq!(cause(22)["to_sip"][0]["status"], 410);
    assert_eq!(cause(22)["to_sip"][0]["status_with_new_number"], 301);
    assert_eq!(cause(16)["to_sip"][0]["status"], serde_json::Value::Null);
    // RFC 3398 Section 8.2.6.1: 404 Not Found -> cause 1; 488 -> 31, or 65 with a Warning
    // about the bearer capability.
    let from = |status: u64| {
        json["profiles"][0]["from_sip"]
            .as_array()
            .unwrap()
            .iter()
            .find(|row| row["status"] == status)
            .unwrap()
            .clone()
    };
    assert_eq!(from(404)["cause"], 1);
    assert_eq!(
        (
            from(488)["cause"].clone(),
            from(488)["cause_with_bearer_warning"].clone()
        ),
        (31.into(), 65.into())
    );
}

#[test]
fn the_q850_export_carries_the_vendor_rows_with_their_sources() {
    let json: serde_json::Value = serde_json::from_str(&export::render(Table::Q850, Format::Json)).unwrap();
    let vendors = json["vendor_profiles"].as_array().unwrap();
    let keys: Vec<&str> = vendors.iter().map(|vendor| vendor["key"].as_str().unwrap()).collect();
    assert_eq!(keys, ["asterisk", "freeswitch", "opensips"]);
    let asterisk = &vendors[0];
    // Asterisk answers cause 21 (call rejected) with 403 (the library's own example), and
    // the row names the line of chan_pjsip.c or res_pjsip.c it was read at.
    let rejected = asterisk["to_sip"]
        .as_array()
        .unwrap()
        .iter()
        .find(|row| row["cause"] == 21)
        .expect("a row for cause 21");
    assert_eq!(rejected["status"], 403);
    let source = rejected["source"].as_str().unwrap();
    assert!(source.contains("pjsip.c:"), "{source}");
    let url = rejected["source_url"].as_str().unwrap();
    assert!(
        url.starts_with("https://github.com/asterisk/asterisk/blob/") && url.contains("#L"),
        "{url}"
    );
    // Every row of every vendor names its source.
    for vendor in vendors {
        for row in vendor["to_sip"]
            .as_array()
            .unwrap()
            .iter()
            .chain(vendor["from_sip"].as_array().unwrap())
        {
            assert!(row["source"].is_string(), "{}: {row}", vendor["key"]);
        }
    }
    // The schema rejects a vendor row without its source.
    let mut missing = json.clone();
    missing["vendor_profiles"][0]["to_sip"][0]
        .as_object_mut()
        .unwrap()
        .remove("source");
    assert!(!validator(Table::Q850).is_valid(&missing));
}

#[test]
fn the_rules_export_lists_every_audit_rule() {
    let json: serde_json::Value = serde_json::from_str(&export::render(Table::Rules, Format::Json)).unwrap();
    let rows = json["rows"].as_array().unwrap();
    assert_eq!(rows.len(), sipcodes::audit::rules().len());
    // RFC 3261 Section 21.4.6: a 405 MUST carry Allow.
    let allow = rows
        .iter()
        .find(|row| row["id"] == "405-must-carry-allow")
        .expect("the 405 rule");
    assert_eq!(allow["severity"], "error");
    assert_eq!(allow["code"], 405);
    assert_eq!(allow["citation"]["rfc"], "RFC 3261");
    assert_eq!(allow["header_rule"]["header"], "Allow");
    assert_eq!(allow["header_rule"]["requirement"], "must");
    // The CSV has one line per rule.
    let lines = read_csv(&export::render(Table::Rules, Format::Csv));
    assert_eq!(lines.len(), 1 + rows.len());
    assert_eq!(lines[0][..2], ["ID", "Severity"]);
    // The schema rejects a severity the audit does not have.
    let mut bad = json.clone();
    bad["rows"][0]["severity"] = "fatal".into();
    assert!(!validator(Table::Rules).is_valid(&bad));
}

#[test]
fn a_bad_table_or_format_is_a_usage_error() {
    for args in [
        &["export", "--format", "xml"][..],
        &["export", "--format", "json", "--table", "causes"],
        &["export"],
    ] {
        let output = sipcodes(args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(output.stdout.is_empty(), "{args:?}");
    }
}
