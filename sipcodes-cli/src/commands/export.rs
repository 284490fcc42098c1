//! `sipcodes export`: the library's tables as JSON or CSV, for programs in other languages.
//!
//! Each table is one function that reads the public API into [`Record`]s; the two writers
//! render any table. The output depends on nothing but the tables, so the same build always
//! writes the same bytes: the files under `data/` are this output, checked in.
//!
//! The JSON of every table is one object, `{"table": NAME, "rows": [...]}` (the Q.850 table
//! adds `"profiles"` and `"vendor_profiles"`), described by a JSON Schema in `data/schema/`. The CSV has one line per
//! row with the scalar fields; the codes table starts with the columns of IANA's own CSV of
//! the registry (`Response Code`, `Description`, `Reference`).

use std::fmt::Write as _;
use std::io::Write as _;
use std::process::ExitCode;

use sipcodes::q850::{Cause, FromSipEntry, Location, Mapping, NewNumber, Profile, ProfileTable, ToSipEntry, VENDORS};
use sipcodes::reason::Protocol;
use sipcodes::warning::WarnCode;
use sipcodes::{Citation, ClientReaction, Code, HeaderRule, Requirement, StatusCode};

/// The tables `export` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Table {
    /// Every status code, with its facts.
    Codes,
    /// Q.850 causes and the mapping profiles.
    Q850,
    /// Warning header field codes (RFC 3261 §20.43 and later).
    WarnCodes,
    /// The protocols a Reason header field names (RFC 3326).
    ReasonProtocols,
    /// The audit rules.
    Rules,
}

impl Table {
    /// The name on the command line and in the file names: `warn-codes`.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Table::Codes => "codes",
            Table::Q850 => "q850",
            Table::WarnCodes => "warn-codes",
            Table::ReasonProtocols => "reason-protocols",
            Table::Rules => "rules",
        }
    }
}

/// Export formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// One JSON object, pretty-printed with two spaces, keys in a fixed order.
    Json,
    /// RFC 4180 CSV, CRLF line ends, a header line first.
    Csv,
}

/// A value in an exported row: JSON's kinds, with objects keeping their key order.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// `null`, an empty CSV cell.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A whole number.
    Number(u64),
    /// A string.
    Text(String),
    /// An array.
    List(Vec<Value>),
    /// An object, keys in the order given.
    Object(Record),
}

/// One row, or a nested object: keys in order.
pub type Record = Vec<(&'static str, Value)>;

impl From<&str> for Value {
    fn from(text: &str) -> Self {
        Value::Text(text.to_owned())
    }
}

impl From<String> for Value {
    fn from(text: String) -> Self {
        Value::Text(text)
    }
}

impl From<bool> for Value {
    fn from(value: bool) -> Self {
        Value::Bool(value)
    }
}

impl From<u64> for Value {
    fn from(value: u64) -> Self {
        Value::Number(value)
    }
}

impl From<u16> for Value {
    fn from(value: u16) -> Self {
        Value::Number(value.into())
    }
}

impl From<u8> for Value {
    fn from(value: u8) -> Self {
        Value::Number(value.into())
    }
}

impl<T: Into<Value>> From<Option<T>> for Value {
    fn from(value: Option<T>) -> Self {
        value.map_or(Value::Null, Into::into)
    }
}

/// A table read from the library: its rows, any extra top-level arrays, and the CSV view.
#[derive(Clone, Debug)]
pub struct Export {
    /// The table's name, as on the command line.
    pub table: &'static str,
    /// Top-level arrays written before `rows` (the Q.850 profiles).
    pub extra: Record,
    /// One record per row.
    pub rows: Vec<Record>,
    /// The CSV columns: header text and the row key it reads.
    pub csv_columns: Vec<(String, CsvCell)>,
}

impl Export {
    /// A table with `rows` and the CSV `columns`, and no arrays besides `rows`.
    fn new(table: Table, rows: Vec<Record>, columns: &[(&str, CsvCell)]) -> Self {
        Export {
            table: table.name(),
            extra: Vec::new(),
            rows,
            csv_columns: columns
                .iter()
                .map(|(name, cell)| ((*name).to_owned(), cell.clone()))
                .collect(),
        }
    }
}

/// How a CSV cell is read from a row.
#[derive(Clone, Debug)]
pub enum CsvCell {
    /// The value of a key at the top of the row.
    Key(&'static str),
    /// A key of the object under the first key.
    Nested(&'static str, &'static str),
    /// A key of the object at an index of the array under the first key.
    Indexed(&'static str, usize, &'static str),
}

/// Reads `table` from the library.
#[must_use]
pub fn read(table: Table) -> Export {
    match table {
        Table::Codes => codes(),
        Table::Q850 => q850(),
        Table::WarnCodes => warn_codes(),
        Table::ReasonProtocols => reason_protocols(),
        Table::Rules => rules(),
    }
}

/// The bytes `export` writes for `table` in `format`.
#[must_use]
pub fn render(table: Table, format: Format) -> String {
    let export = read(table);
    match format {
        Format::Json => to_json(&export),
        Format::Csv => to_csv(&export),
    }
}

/// Runs `sipcodes export`: writes the table to standard output. Exit status 0, or 2 when
/// standard output fails.
#[must_use]
pub fn run(table: Table, format: Format) -> ExitCode {
    let text = render(table, format);
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(text.as_bytes()).and_then(|()| stdout.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        // A closed pipe (`| head`) is not worth a message.
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("sipcodes export: cannot write to standard output: {error}");
            ExitCode::from(2)
        }
    }
}

// ---------------------------------------------------------------------------------------
// The tables.

/// A citation as an object: `rfc`, `section` (or null) and `url`.
#[must_use]
pub fn citation(citation: Citation) -> Value {
    Value::Object(vec![
        ("rfc", citation.rfc().into()),
        ("section", citation.section().into()),
        ("url", citation.url().into()),
    ])
}

/// The words a header rule's requirement is written with in the tables (RFC 2119 levels).
#[must_use]
pub const fn requirement(requirement: Requirement) -> &'static str {
    match requirement {
        Requirement::Must => "must",
        Requirement::Should => "should",
        Requirement::May => "may",
        Requirement::MustNot => "must not",
    }
}

/// IANA's way of citing an RFC in its registries: `RFC 3261` is `[RFC3261]`.
#[must_use]
pub fn iana_reference(rfc: &str) -> String {
    format!("[{}]", rfc.replace(' ', ""))
}

fn header_rule(rule: &HeaderRule) -> Value {
    Value::Object(vec![
        ("header", rule.header().into()),
        ("requirement", requirement(rule.requirement()).into()),
        ("condition", rule.condition().map(sipcodes::Condition::text).into()),
        ("citation", citation(rule.citation())),
    ])
}

fn client_reaction(reaction: &ClientReaction) -> Value {
    Value::Object(vec![
        ("reaction", reaction.reaction().as_str().into()),
        (
            "fix_headers",
            Value::List(reaction.fix_headers().iter().map(|&header| header.into()).collect()),
        ),
        ("failover", reaction.failover().into()),
        ("advice", reaction.advice().into()),
        ("class_default", reaction.is_class_default().into()),
        ("citation", citation(reaction.citation())),
    ])
}

/// The codes table: every code of [`Code::ALL`].
fn codes() -> Export {
    let rows = Code::ALL
        .iter()
        .map(|&code| {
            vec![
                ("code", code.as_u16().into()),
                ("reason_phrase", code.reason_phrase().into()),
                ("class", u64::from(code.class().digit()).into()),
                ("class_name", code.class().name().into()),
                ("description", code.description().into()),
                ("registration", code.registration().as_str().into()),
                ("deprecation", code.deprecation().into()),
                ("treat_as", code.treat_as().map(Code::as_u16).into()),
                ("citation", code.citation().map_or(Value::Null, citation)),
                (
                    "reference",
                    code.citation().map(|cited| iana_reference(cited.rfc())).into(),
                ),
                (
                    "aliases",
                    Value::List(code.aliases().iter().map(|&alias| alias.into()).collect()),
                ),
                ("may_carry_retry_after", code.may_carry_retry_after().into()),
                (
                    "header_rules",
                    Value::List(code.header_rules().iter().map(header_rule).collect()),
                ),
                ("client_reaction", client_reaction(code.client_reaction())),
            ]
        })
        .collect();
    let columns = [
        ("Response Code", CsvCell::Key("code")),
        ("Description", CsvCell::Key("reason_phrase")),
        ("Reference", CsvCell::Key("reference")),
        ("Section", CsvCell::Nested("citation", "section")),
        ("URL", CsvCell::Nested("citation", "url")),
        ("Class", CsvCell::Key("class")),
        ("Class Name", CsvCell::Key("class_name")),
        ("Registration", CsvCell::Key("registration")),
        ("Treat As", CsvCell::Key("treat_as")),
        ("Reaction", CsvCell::Nested("client_reaction", "reaction")),
        ("Aliases", CsvCell::Key("aliases")),
        ("Meaning", CsvCell::Key("description")),
        ("Advice", CsvCell::Nested("client_reaction", "advice")),
    ];
    Export::new(Table::Codes, rows, &columns)
}

/// The ways a release's cause maps to a response, each with the arguments that select it.
pub const TO_SIP_CASES: [(&str, Option<Location>, NewNumber); 3] = [
    ("status", None, NewNumber::Unknown),
    ("status_from_user", Some(Location::User), NewNumber::Unknown),
    ("status_with_new_number", None, NewNumber::Known),
];

/// A warn-code that speaks to an unavailable bearer capability, to read the rows of
/// `from_sip` that depend on one.
#[must_use]
pub fn bearer_warning() -> Option<WarnCode> {
    WarnCode::ALL
        .iter()
        .copied()
        .find(|warning| warning.is_bearer_capability())
}

/// The Q.850 table: one row per cause, with each profile's response; the profiles with
/// their status → cause rows for every code.
fn q850() -> Export {
    let rows = Cause::ALL
        .iter()
        .map(|&cause| {
            let to_sip = Profile::ALL
                .iter()
                .map(|&profile| {
                    let mut mapping: Record = vec![("profile", profile.citation().rfc().into())];
                    for (key, location, new_number) in TO_SIP_CASES {
                        let status = profile.to_sip(cause, location, new_number).map(StatusCode::as_u16);
                        mapping.push((key, status.into()));
                    }
                    mapping.push(("note", profile.to_sip_note(cause).into()));
                    Value::Object(mapping)
                })
                .collect();
            vec![
                ("cause", cause.as_u8().into()),
                ("name", cause.name().into()),
                ("description", cause.description().into()),
                ("class", cause.class().name().into()),
                ("confirmed", cause.is_confirmed().into()),
                ("to_sip", Value::List(to_sip)),
            ]
        })
        .collect();
    let bearer = bearer_warning();
    let profiles = Profile::ALL
        .iter()
        .map(|&profile| {
            let from_sip = Code::ALL
                .iter()
                .map(|&code| {
                    let status = code.status_code();
                    Value::Object(vec![
                        ("status", code.as_u16().into()),
                        ("cause", profile.from_sip(status, None).map(Cause::as_u8).into()),
                        (
                            "cause_with_bearer_warning",
                            profile.from_sip(status, bearer).map(Cause::as_u8).into(),
                        ),
                        ("printed_as", profile.printed_as(status).into()),
                        ("note", profile.from_sip_note(status).into()),
                    ])
                })
                .collect();
            Value::Object(vec![
                ("rfc", profile.citation().rfc().into()),
                ("description", profile.description().into()),
                ("to_sip_section", profile.to_sip_citation().section().into()),
                ("from_sip_section", profile.from_sip_citation().section().into()),
                ("default_status", profile.default_status().as_u16().into()),
                ("default_cause", profile.default_cause().as_u8().into()),
                ("from_sip", Value::List(from_sip)),
            ])
        })
        .collect();
    let mut columns = vec![
        ("Cause".to_owned(), CsvCell::Key("cause")),
        ("Name".to_owned(), CsvCell::Key("name")),
        ("Class".to_owned(), CsvCell::Key("class")),
        ("Confirmed".to_owned(), CsvCell::Key("confirmed")),
    ];
    for (index, profile) in Profile::ALL.iter().enumerate() {
        columns.push((
            format!("{} Status", profile.citation().rfc()),
            CsvCell::Indexed("to_sip", index, "status"),
        ));
        columns.push((
            format!("{} Status From User", profile.citation().rfc()),
            CsvCell::Indexed("to_sip", index, "status_from_user"),
        ));
        columns.push((
            format!("{} Status With New Number", profile.citation().rfc()),
            CsvCell::Indexed("to_sip", index, "status_with_new_number"),
        ));
    }
    columns.push(("Description".to_owned(), CsvCell::Key("description")));
    Export {
        table: Table::Q850.name(),
        extra: vec![
            ("profiles", Value::List(profiles)),
            (
                "vendor_profiles",
                Value::List(VENDORS.iter().map(|table| vendor_profile(table)).collect()),
            ),
        ],
        rows,
        csv_columns: columns,
    }
}

/// A link to the line a vendor's row was read at: `file:line` in the table's repository at
/// its commit, on GitHub. `None` for a row without a source or a table without a repository.
#[must_use]
pub fn source_url(table: &ProfileTable, source: Option<&str>) -> Option<String> {
    let (repo, commit, source) = (table.repo()?, table.commit()?, source?);
    Some(match source.rsplit_once(':') {
        Some((file, line)) if line.bytes().all(|byte| byte.is_ascii_digit()) => {
            format!("https://github.com/{repo}/blob/{commit}/{file}#L{line}")
        }
        _ => format!("https://github.com/{repo}/blob/{commit}/{source}"),
    })
}

/// The facts both kinds of vendor row end with: the vendor's name, where the row was read,
/// whether RFC 3398 says otherwise, and the note.
fn row_facts(
    table: &ProfileTable,
    vendor_name: Option<&str>,
    source: Option<&str>,
    differs: bool,
    note: Option<&str>,
) -> [(&'static str, Value); 5] {
    [
        ("vendor_name", vendor_name.into()),
        ("source", source.into()),
        ("source_url", source_url(table, source).into()),
        ("differs_from_rfc3398", differs.into()),
        ("note", note.into()),
    ]
}

fn vendor_to_sip(table: &ProfileTable, row: &ToSipEntry) -> Value {
    let mut record = vec![
        ("cause", row.cause().into()),
        ("status", row.status().into()),
        ("user_status", row.user_status().into()),
        ("diagnostic_status", row.diagnostic_status().into()),
    ];
    record.extend(row_facts(
        table,
        row.vendor_name(),
        row.source(),
        row.differs_from_rfc3398(),
        row.note(),
    ));
    Value::Object(record)
}

fn vendor_from_sip(table: &ProfileTable, row: &FromSipEntry) -> Value {
    let mut record = vec![
        ("first", row.statuses().start().to_owned().into()),
        ("last", row.statuses().end().to_owned().into()),
        ("cause", row.cause().into()),
        ("bearer_cause", row.bearer_cause().into()),
    ];
    record.extend(row_facts(
        table,
        row.vendor_name(),
        row.source(),
        row.differs_from_rfc3398(),
        row.note(),
    ));
    Value::Object(record)
}

/// A vendor's table as the gateway's source gives it: its rows, each with the file and line
/// it was read at, and its defaults.
fn vendor_profile(table: &ProfileTable) -> Value {
    Value::Object(vec![
        ("key", table.key().into()),
        ("name", table.name().into()),
        ("description", table.description().into()),
        ("repo", table.repo().into()),
        ("commit", table.commit().into()),
        ("base", table.base().map(Mapping::key).into()),
        (
            "to_sip",
            Value::List(
                table
                    .to_sip_rows()
                    .iter()
                    .map(|row| vendor_to_sip(table, row))
                    .collect(),
            ),
        ),
        (
            "to_sip_default",
            table
                .to_sip_default()
                .map_or(Value::Null, |row| vendor_to_sip(table, row)),
        ),
        (
            "from_sip",
            Value::List(
                table
                    .from_sip_rows()
                    .iter()
                    .map(|row| vendor_from_sip(table, row))
                    .collect(),
            ),
        ),
        (
            "from_sip_defaults",
            Value::List(
                table
                    .from_sip_defaults()
                    .iter()
                    .map(|row| vendor_from_sip(table, row))
                    .collect(),
            ),
        ),
    ])
}

/// The audit rules table: every rule of [`sipcodes::audit::rules`].
fn rules() -> Export {
    let rows = sipcodes::audit::rules()
        .iter()
        .map(|rule| {
            vec![
                ("id", rule.id().into()),
                ("severity", rule.severity().as_str().into()),
                ("summary", rule.summary().into()),
                ("code", rule.code().into()),
                ("citation", citation(rule.citation())),
                ("header_rule", rule.header_rule().map_or(Value::Null, header_rule)),
            ]
        })
        .collect();
    let columns = [
        ("ID", CsvCell::Key("id")),
        ("Severity", CsvCell::Key("severity")),
        ("Code", CsvCell::Key("code")),
        ("RFC", CsvCell::Nested("citation", "rfc")),
        ("Section", CsvCell::Nested("citation", "section")),
        ("URL", CsvCell::Nested("citation", "url")),
        ("Header", CsvCell::Nested("header_rule", "header")),
        ("Summary", CsvCell::Key("summary")),
    ];
    Export::new(Table::Rules, rows, &columns)
}

/// The warn-codes table.
fn warn_codes() -> Export {
    let rows = WarnCode::ALL
        .iter()
        .map(|&warning| {
            vec![
                ("code", warning.as_u16().into()),
                ("text", warning.text().into()),
                ("description", warning.description().into()),
                ("citation", citation(warning.citation())),
                ("bearer_capability", warning.is_bearer_capability().into()),
                ("verified", warning.is_verified().into()),
            ]
        })
        .collect();
    let columns = [
        ("Code", CsvCell::Key("code")),
        ("Text", CsvCell::Key("text")),
        ("RFC", CsvCell::Nested("citation", "rfc")),
        ("Section", CsvCell::Nested("citation", "section")),
        ("Bearer Capability", CsvCell::Key("bearer_capability")),
        ("Verified", CsvCell::Key("verified")),
        ("Description", CsvCell::Key("description")),
    ];
    Export::new(Table::WarnCodes, rows, &columns)
}

/// The Reason protocols table.
fn reason_protocols() -> Export {
    let rows = Protocol::ALL
        .iter()
        .map(|&protocol| {
            vec![
                ("protocol", protocol.name().into()),
                ("cause", protocol.cause().into()),
                ("description", protocol.description().into()),
                ("rfc", protocol.citation().rfc().into()),
                ("section", protocol.citation().section().into()),
            ]
        })
        .collect();
    let columns = [
        ("Protocol", CsvCell::Key("protocol")),
        ("Cause", CsvCell::Key("cause")),
        ("RFC", CsvCell::Key("rfc")),
        ("Section", CsvCell::Key("section")),
        ("Description", CsvCell::Key("description")),
    ];
    Export::new(Table::ReasonProtocols, rows, &columns)
}

// ---------------------------------------------------------------------------------------
// The writers.

/// The JSON text of `export`, ending in a newline.
#[must_use]
pub fn to_json(export: &Export) -> String {
    let mut top: Record = vec![("table", export.table.into())];
    top.extend(export.extra.iter().cloned());
    top.push((
        "rows",
        Value::List(export.rows.iter().cloned().map(Value::Object).collect()),
    ));
    let mut out = String::new();
    write_json(&mut out, &Value::Object(top), 0);
    out.push('\n');
    out
}

fn write_json(out: &mut String, value: &Value, depth: usize) {
    let indent = |out: &mut String, depth: usize| {
        out.push('\n');
        out.extend(std::iter::repeat_n("  ", depth));
    };
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(value) => out.push_str(if *value { "true" } else { "false" }),
        Value::Number(number) => {
            let _ = write!(out, "{number}");
        }
        Value::Text(text) => out.push_str(&serde_json::Value::from(text.as_str()).to_string()),
        Value::List(items) if items.is_empty() => out.push_str("[]"),
        Value::List(items) => {
            out.push('[');
            for (index, item) in items.iter().enumerate() {
                if index > 0 {
                    out.push(',');
                }
                indent(out, depth + 1);
                write_json(out, item, depth + 1);
            }
            indent(out, depth);
            out.push(']');
        }
        Value::Object(fields) => {
            out.push('{');
            for (index, (key, item)) in fields.iter().enumerate() {
                if index > 0 {
                    out.push(',');
                }
                indent(out, depth + 1);
                out.push_str(&serde_json::Value::from(*key).to_string());
                out.push_str(": ");
                write_json(out, item, depth + 1);
            }
            indent(out, depth);
            out.push('}');
        }
    }
}

/// The CSV text of `export`: a header line, then one line per row, every line ending CRLF
/// (RFC 4180). Lists are joined with `; `.
#[must_use]
pub fn to_csv(export: &Export) -> String {
    let mut out = String::new();
    let header: Vec<&str> = export.csv_columns.iter().map(|(name, _)| name.as_str()).collect();
    write_csv_line(&mut out, header.iter().map(|name| (*name).to_owned()));
    for row in &export.rows {
        write_csv_line(&mut out, export.csv_columns.iter().map(|(_, cell)| csv_cell(row, cell)));
    }
    out
}

fn field<'a>(record: &'a Record, key: &str) -> Option<&'a Value> {
    record.iter().find(|(name, _)| *name == key).map(|(_, value)| value)
}

fn csv_cell(row: &Record, cell: &CsvCell) -> String {
    let value = match cell {
        CsvCell::Key(key) => field(row, key),
        CsvCell::Nested(outer, key) => match field(row, outer) {
            Some(Value::Object(inner)) => field(inner, key),
            _ => None,
        },
        CsvCell::Indexed(outer, index, key) => match field(row, outer) {
            Some(Value::List(items)) => match items.get(*index) {
                Some(Value::Object(inner)) => field(inner, key),
                _ => None,
            },
            _ => None,
        },
    };
    value.map_or_else(String::new, scalar_text)
}

fn scalar_text(value: &Value) -> String {
    match value {
        Value::Null | Value::Object(_) => String::new(),
        Value::Bool(value) => value.to_string(),
        Value::Number(number) => number.to_string(),
        Value::Text(text) => text.clone(),
        Value::List(items) => items.iter().map(scalar_text).collect::<Vec<_>>().join("; "),
    }
}

fn write_csv_line(out: &mut String, cells: impl Iterator<Item = String>) {
    for (index, cell) in cells.enumerate() {
        if index > 0 {
            out.push(',');
        }
        if cell.contains([',', '"', '\r', '\n']) {
            out.push('"');
            out.push_str(&cell.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(&cell);
        }
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_only_what_rfc_4180_needs() {
        let mut out = String::new();
        write_csv_line(
            &mut out,
            ["486", "a, b", "say \"hi\"", ""].into_iter().map(str::to_owned),
        );
        assert_eq!(out, "486,\"a, b\",\"say \"\"hi\"\"\",\r\n");
    }

    #[test]
    fn json_keeps_key_order_and_escapes() {
        let mut out = String::new();
        let value = Value::Object(vec![("z", "a\"b\n".into()), ("a", Value::List(vec![]))]);
        write_json(&mut out, &value, 0);
        assert_eq!(out, "{\n  \"z\": \"a\\\"b\\n\",\n  \"a\": []\n}");
    }

    #[test]
    fn iana_reference_drops_the_space() {
        assert_eq!(iana_reference("RFC 3261"), "[RFC3261]");
    }

    #[test]
    fn a_source_links_to_its_line_at_the_tables_commit() {
        let url = source_url(&sipcodes::q850::ASTERISK, Some("channels/chan_pjsip.c:2555")).unwrap();
        assert!(url.starts_with("https://github.com/asterisk/asterisk/blob/"), "{url}");
        assert!(url.ends_with("/channels/chan_pjsip.c#L2555"), "{url}");
        assert_eq!(source_url(&sipcodes::q850::ASTERISK, None), None);
    }
}
