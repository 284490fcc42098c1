//! `q850_profile!`: one gateway's cause ↔ status mapping, read from its own TOML with the
//! shared loader (`schema`) and checked here, every problem at once; expanded into a
//! `static` `q850::ProfileTable`. sipcodes' own vendor tables (Asterisk, `FreeSWITCH`) go
//! through this very macro.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};
use syn::parse::{ParseStream, Parser};
use syn::{Ident, LitStr, Token};

use crate::check::Unique;
use crate::diagnostic::{self, Diagnostics, Problem};
use crate::invocation;
use crate::registry;
use crate::schema::{self, Field, Located, Record, TableSchema, ValueType};
use crate::tokens::{option_str, option_tokens};

/// The profiles sipcodes ships: what `base` may name, and what a table of one's own may not
/// call itself.
const BUILT_IN: &[&str] = &["rfc3398", "rfc4497", "asterisk", "freeswitch", "opensips"];
/// A vendor may number its own causes past Q.850's seven bits (`FreeSWITCH`: up to 825).
const CAUSES: std::ops::RangeInclusive<i64> = 0..=65_535;
const STATUSES: std::ops::RangeInclusive<i64> = 100..=699;
const RESPONSES: std::ops::RangeInclusive<i64> = 300..=699;

const fn field(name: &'static str, value_type: ValueType, required: bool) -> Field {
    Field {
        name,
        value_type,
        required,
        non_empty: true,
    }
}

const SCHEMA: TableSchema = TableSchema::new(
    "",
    &[
        field("key", ValueType::Text, true),         // how the sipcodes command names it
        field("name", ValueType::Text, true),        // for people
        field("description", ValueType::Text, true), // what it is, how the gateway uses it
        field("base", ValueType::Text, false),       // the profile for what is not listed
        field("repo", ValueType::Text, false),       // where the rows were read
        field("commit", ValueType::Text, false),     // at which commit
        field("to_sip_default", ValueType::Table(&TO_SIP_DEFAULT), false),
        field("from_sip_default", ValueType::Tables(&FROM_SIP_DEFAULT), false),
        field("to_sip", ValueType::Tables(&TO_SIP), false),
        field("from_sip", ValueType::Tables(&FROM_SIP), false),
    ],
);

/// A mapping row's own fields, then the ones every row of a profile may carry: `none` (the
/// reason nothing is sent instead of a mapping), the vendor's name for the case, where the row
/// was read, whether it departs from RFC 3398, and a note.
macro_rules! vendor_row {
    ($($own:expr),* $(,)?) => {
        &[
            $($own,)*
            field("none", ValueType::Text, false),
            field("vendor_name", ValueType::Text, false),
            field("source", ValueType::Text, false),
            field("differs_from_rfc3398", ValueType::Flag, false),
            field("note", ValueType::Text, false),
        ]
    };
}

const TO_SIP_DEFAULT: TableSchema = TableSchema::new(
    "[to_sip_default]",
    vendor_row!(field("status", ValueType::Integer, false)),
);

const FROM_SIP_DEFAULT: TableSchema = TableSchema::new(
    "[[from_sip_default]]",
    vendor_row!(
        field("first", ValueType::Integer, false), // the range it covers; none: any status
        field("last", ValueType::Integer, false),
        field("cause", ValueType::Integer, false),
    ),
);

const TO_SIP: TableSchema = TableSchema::new(
    "[[to_sip]]",
    vendor_row!(
        field("cause", ValueType::Integer, true),
        field("status", ValueType::Integer, false),
        field("user_status", ValueType::Integer, false), // where the location is the user
        field("diagnostic_status", ValueType::Integer, false), // with a new number
    ),
);

const FROM_SIP: TableSchema = TableSchema::new(
    "[[from_sip]]",
    vendor_row!(
        field("status", ValueType::Integer, true),
        field("cause", ValueType::Integer, false),
        field("bearer_cause", ValueType::Integer, false), // with a bearer-capability warning
    ),
);

/// `q850_profile!(runtime; [builtin;] #[attrs] vis static NAME = "file.toml";)`.
struct Invocation {
    runtime: TokenStream,
    builtin: bool,
    attributes: TokenStream,
    visibility: TokenStream,
    name: Ident,
    path: LitStr,
}

fn parse(input: TokenStream) -> syn::Result<Invocation> {
    Parser::parse2(
        |stream: ParseStream<'_>| {
            let runtime = invocation::runtime(stream)?;
            let builtin = stream.peek(Ident) && stream.fork().parse::<Ident>().is_ok_and(|ident| ident == "builtin");
            if builtin {
                stream.parse::<Ident>()?;
                stream.parse::<Token![;]>()?;
            }
            let (attributes, visibility) = invocation::attributes_and_visibility(stream)?;
            if !stream.peek(Token![static]) {
                return Err(stream.error("expected `static`: write `pub static MY_GATEWAY = \"gateway.toml\";`"));
            }
            stream.parse::<Token![static]>()?;
            let (name, path) = invocation::name_and_path(stream, None, true, "one profile per `q850_profile!`")?;
            Ok(Invocation {
                runtime,
                builtin,
                attributes,
                visibility,
                name,
                path,
            })
        },
        input,
    )
}

/// The macro: the `static`, or one error per problem in the file.
pub fn q850_profile(input: TokenStream) -> TokenStream {
    let invocation = match parse(input) {
        Ok(invocation) => invocation,
        Err(error) => return error.to_compile_error(),
    };
    let file = match invocation::read(&invocation.path) {
        Ok(file) => file,
        Err(error) => return error.to_compile_error(),
    };
    let mut diagnostics = Diagnostics::default();
    let table = schema::load_parsed(&file.contents, &SCHEMA, &mut diagnostics)
        .and_then(|record| check(&record, invocation.builtin, &mut diagnostics));
    match table {
        Some(table) if diagnostics.is_empty() => {
            let tracked = file.tracked_path();
            let tokens = expand(&invocation, &table);
            quote! {
                #tokens
                // Makes rustc track the TOML, so editing it rebuilds the crate.
                const _: &[u8] = include_bytes!(#tracked);
            }
        }
        _ => diagnostic::to_compile_errors(&diagnostics.into_sorted_problems(), invocation.path.span(), &file),
    }
}

/// A mapped value, or none and why.
enum Outcome {
    Mapped(u16),
    Nothing,
}

struct Row {
    /// The cause (to SIP) or the status (from SIP); for a default, the range it covers.
    first: u16,
    last: u16,
    outcome: Outcome,
    /// To SIP: the status where the location is the user, and where the diagnostic carries a
    /// new number. From SIP: the cause for a bearer-capability warning, and nothing.
    conditions: [Option<u16>; 2],
    vendor_name: Option<String>,
    source: Option<String>,
    differs: bool,
    note: Option<String>,
}

struct Table {
    key: String,
    name: String,
    description: String,
    base: Option<String>,
    repo: Option<String>,
    commit: Option<String>,
    to_sip_default: Option<Row>,
    from_sip_defaults: Vec<Row>,
    to_sip: Vec<Row>,
    from_sip: Vec<Row>,
}

fn text(record: &Record, name: &str) -> Option<String> {
    record.text(name).map(|text| text.value.clone())
}

fn check(record: &Record, builtin: bool, diagnostics: &mut Diagnostics) -> Option<Table> {
    let checkpoint = diagnostics.checkpoint();
    let key = record.text("key").cloned();
    if let Some(key) = &key {
        check_key(key, builtin, diagnostics);
    }
    let base = record.text("base").cloned();
    if let Some(base) = &base {
        if !BUILT_IN.contains(&base.value.as_str()) || key.as_ref().is_some_and(|key| key.value == base.value) {
            diagnostics.push(
                Problem::new(
                    base.span.clone(),
                    format!("unknown base profile `{}`", base.value),
                    "not a profile",
                )
                .help(format!("name one of sipcodes' profiles: {}", BUILT_IN.join(", "))),
            );
        }
    }
    let repo = record.text("repo").cloned();
    let commit = record.text("commit").cloned();
    match (&repo, &commit) {
        (Some(repo), None) => diagnostics.push(
            Problem::new(repo.span.clone(), "`repo` without `commit`", "which commit was read?")
                .help("add `commit = \"<the 40 hex digits of the commit the rows were read at>\"`"),
        ),
        (None, Some(commit)) => diagnostics.push(
            Problem::new(commit.span.clone(), "`commit` without `repo`", "of which repository?")
                .help("add `repo = \"owner/name\"`"),
        ),
        _ => {}
    }
    let cited = repo.is_some();
    let to_sip_default = record
        .table("to_sip_default")
        .and_then(|default| row(default, None, "status", RESPONSES, cited, diagnostics));
    let from_sip_defaults = check_from_sip_defaults(record.tables("from_sip_default"), cited, diagnostics);
    let to_sip = rows(
        record.tables("to_sip"),
        "cause",
        CAUSES,
        "status",
        RESPONSES,
        cited,
        diagnostics,
    );
    let from_sip = rows(
        record.tables("from_sip"),
        "status",
        STATUSES,
        "cause",
        CAUSES,
        cited,
        diagnostics,
    );
    if base.is_none() {
        let whole = 0..0;
        if to_sip_default.is_none() && record.table("to_sip_default").is_none() {
            diagnostics.push(
                Problem::new(whole.clone(), "a profile without `base` gives no `[to_sip_default]`", "")
                    .help("add `base = \"rfc3398\"` (or another profile) for what the table does not list, or a `[to_sip_default]` with the response for any other cause"),
            );
        }
        let catch_all = record
            .tables("from_sip_default")
            .iter()
            .any(|default| default.integer("first").is_none() && default.integer("last").is_none());
        if !catch_all {
            diagnostics.push(
                Problem::new(whole, "a profile without `base` gives no `[[from_sip_default]]` for any status", "")
                    .help("add `base = \"rfc3398\"` (or another profile), or a `[[from_sip_default]]` without `first` and `last`"),
            );
        }
    }
    if diagnostics.any_since(checkpoint) {
        return None;
    }
    Some(Table {
        key: key?.value,
        name: text(record, "name")?,
        description: text(record, "description")?,
        base: base.map(|base| base.value),
        repo: repo.map(|repo| repo.value),
        commit: commit.map(|commit| commit.value),
        to_sip_default,
        from_sip_defaults,
        to_sip,
        from_sip,
    })
}

fn check_key(key: &Located<String>, builtin: bool, diagnostics: &mut Diagnostics) {
    let well_formed = key.value.starts_with(|character: char| character.is_ascii_lowercase())
        && key
            .value
            .chars()
            .all(|character| character.is_ascii_lowercase() || character.is_ascii_digit() || character == '-');
    if !well_formed {
        diagnostics.push(
            Problem::new(
                key.span.clone(),
                format!("profile key `{}` is not a plain name", key.value),
                "not a key",
            )
            .help("write lowercase letters, digits and `-`, starting with a letter: `key = \"my-gateway\"`"),
        );
    } else if !builtin && BUILT_IN.contains(&key.value.as_str()) {
        diagnostics.push(
            Problem::new(
                key.span.clone(),
                format!("`{}` is a profile sipcodes ships", key.value),
                "taken",
            )
            .help("give your gateway's profile a key of its own, and name the shipped one as `base`"),
        );
    }
}

/// An integer key that must lie in `range`.
fn number(
    record: &Record,
    name: &str,
    range: std::ops::RangeInclusive<i64>,
    diagnostics: &mut Diagnostics,
) -> Option<u16> {
    let value = record.integer(name)?;
    let help = format!("a {name} runs from {} to {}", range.start(), range.end());
    if registry::within(value, &range, name, help, diagnostics) {
        return u16::try_from(value.value).ok();
    }
    None
}

/// One row's outcome, its citation and its note; `key` is `None` for a default, whose range
/// the caller reads.
fn row(
    record: &Record,
    key: Option<(&str, &std::ops::RangeInclusive<i64>)>,
    value: &str,
    values: std::ops::RangeInclusive<i64>,
    cited: bool,
    diagnostics: &mut Diagnostics,
) -> Option<Row> {
    let checkpoint = diagnostics.checkpoint();
    let first = match &key {
        Some((name, range)) => number(record, name, (*range).clone(), diagnostics),
        None => Some(0),
    };
    let mapped = number(record, value, values, diagnostics);
    let outcome = match (record.integer(value), record.text("none")) {
        (Some(given), Some(none)) => {
            diagnostics.push(
                Problem::new(
                    none.span.clone(),
                    format!("a row gives both `{value}` and `none`"),
                    "`none` says nothing is sent",
                )
                .note(given.span.clone(), format!("but `{value}` gives one"))
                .help(format!(
                    "keep `{value}` for what the gateway sends, or `none` to say why it sends nothing"
                )),
            );
            None
        }
        (None, None) if !record.reported.contains(&value) => {
            diagnostics.push(
                Problem::new(
                    record.header.clone(),
                    format!("the row gives neither `{value}` nor `none`"),
                    "incomplete",
                )
                .help(format!("add `{value} = …`, or `none = \"why nothing is sent\"`")),
            );
            None
        }
        (Some(_), None) => mapped.map(Outcome::Mapped),
        (None, Some(_)) => Some(Outcome::Nothing),
        (None, None) => None,
    };
    if cited && record.text("source").is_none() && !record.reported.contains(&"source") {
        diagnostics.push(
            Problem::new(record.header.clone(), "a row of a table read from a repository cites no source", "uncited")
                .help("add `source = \"path/to/file.c:LINE\"`: where in the repository, at the table's commit, the row comes from"),
        );
    }
    if diagnostics.any_since(checkpoint) {
        return None;
    }
    let first = first?;
    Some(Row {
        first,
        last: first,
        outcome: outcome?,
        conditions: [None, None],
        vendor_name: text(record, "vendor_name"),
        source: text(record, "source"),
        differs: record.flag("differs_from_rfc3398").is_some_and(|flag| flag.value),
        note: text(record, "note"),
    })
}

fn rows(
    records: &[Record],
    key: &'static str,
    keys: std::ops::RangeInclusive<i64>,
    value: &str,
    values: std::ops::RangeInclusive<i64>,
    cited: bool,
    diagnostics: &mut Diagnostics,
) -> Vec<Row> {
    let mut seen = Unique::new(key);
    let mut rows: Vec<Row> = records
        .iter()
        .filter_map(|record| {
            // Every row's key counts as given, even a row rejected for something else: a
            // second row for it is a mistake too.
            let unique = record
                .integer(key)
                .is_none_or(|located| seen.insert(located.value, located.span.clone(), diagnostics));
            let conditions = match key {
                "cause" => ["user_status", "diagnostic_status"]
                    .map(|condition| number(record, condition, RESPONSES, diagnostics)),
                _ => [number(record, "bearer_cause", CAUSES, diagnostics), None],
            };
            let row = row(record, Some((key, &keys)), value, values.clone(), cited, diagnostics)?;
            unique.then_some(Row { conditions, ..row })
        })
        .collect();
    rows.sort_by_key(|row| row.first);
    rows
}

fn check_from_sip_defaults(records: &[Record], cited: bool, diagnostics: &mut Diagnostics) -> Vec<Row> {
    let mut ranged: Vec<Row> = Vec::new();
    let mut catch_all: Vec<Row> = Vec::new();
    let mut catch_all_span: Option<std::ops::Range<usize>> = None;
    for record in records {
        let first = number(record, "first", STATUSES, diagnostics);
        let last = number(record, "last", STATUSES, diagnostics);
        let Some(mut row) = row(record, None, "cause", CAUSES, cited, diagnostics) else {
            continue;
        };
        match (record.integer("first"), record.integer("last"), first, last) {
            (None, None, _, _) => {
                if let Some(previous) = &catch_all_span {
                    diagnostics.push(
                        Problem::new(record.header.clone(), "a second default for any status", "duplicate")
                            .note(previous.clone(), "the first")
                            .help("keep one `[[from_sip_default]]` without `first` and `last`"),
                    );
                    continue;
                }
                catch_all_span = Some(record.header.clone());
                row.first = 100;
                row.last = 699;
                catch_all.push(row);
            }
            (Some(_), Some(_), Some(first), Some(last)) if first <= last => {
                if let Some(other) = ranged.iter().find(|other| first <= other.last && other.first <= last) {
                    diagnostics.push(
                        Problem::new(
                            record.header.clone(),
                            format!("{first}–{last} overlaps {}–{}", other.first, other.last),
                            "overlap",
                        )
                        .help("give each status one default: split or narrow the ranges"),
                    );
                    continue;
                }
                row.first = first;
                row.last = last;
                ranged.push(row);
            }
            (Some(_), Some(_), Some(first), Some(last)) => diagnostics.push(
                Problem::new(
                    record.header.clone(),
                    format!("`first` {first} is above `last` {last}"),
                    "empty range",
                )
                .help("write the lower status as `first`"),
            ),
            (Some(_), Some(_), _, _) => {}
            _ => diagnostics.push(
                Problem::new(
                    record.header.clone(),
                    "a default gives `first` without `last`, or `last` without `first`",
                    "half a range",
                )
                .help("give both (`first = 400`, `last = 499`), or neither for any other status"),
            ),
        }
    }
    ranged.sort_by_key(|row| row.first);
    ranged.extend(catch_all);
    ranged
}

/// The fields both entry types end with: where the row came from and how it departs from
/// RFC 3398.
fn provenance(row: &Row) -> TokenStream {
    let vendor_name = option_str(row.vendor_name.as_deref());
    let source = option_str(row.source.as_deref());
    let note = option_str(row.note.as_deref());
    let differs = row.differs;
    quote! {
        __vendor_name: #vendor_name,
        __source: #source,
        __differs_from_rfc3398: #differs,
        __note: #note,
    }
}

/// The row's conditional numbers, each `Some(n)` or `None`.
fn conditions(row: &Row) -> [TokenStream; 2] {
    row.conditions
        .map(|number| option_tokens(number.map(Literal::u16_unsuffixed).map(|number| quote!(#number))))
}

fn to_sip_entry(runtime: &TokenStream, row: &Row) -> TokenStream {
    let cause = Literal::u16_unsuffixed(row.first);
    let status = outcome(&row.outcome);
    let provenance = provenance(row);
    let [user_status, diagnostic_status] = conditions(row);
    quote! {
        #runtime::q850::ToSipEntry {
            __cause: #cause,
            __status: #status,
            __user_status: #user_status,
            __diagnostic_status: #diagnostic_status,
            #provenance
        }
    }
}

fn from_sip_entry(runtime: &TokenStream, row: &Row) -> TokenStream {
    let first = Literal::u16_unsuffixed(row.first);
    let last = Literal::u16_unsuffixed(row.last);
    let cause = outcome(&row.outcome);
    let provenance = provenance(row);
    let [bearer_cause, _] = conditions(row);
    quote! {
        #runtime::q850::FromSipEntry {
            __first: #first,
            __last: #last,
            __cause: #cause,
            __bearer_cause: #bearer_cause,
            #provenance
        }
    }
}

fn outcome(outcome: &Outcome) -> TokenStream {
    match outcome {
        Outcome::Mapped(value) => {
            let value = Literal::u16_unsuffixed(*value);
            quote!(::core::option::Option::Some(#value))
        }
        Outcome::Nothing => quote!(::core::option::Option::None),
    }
}

fn expand(invocation: &Invocation, table: &Table) -> TokenStream {
    let runtime = &invocation.runtime;
    let Invocation {
        attributes,
        visibility,
        name,
        ..
    } = invocation;
    let base = match table.base.as_deref() {
        Some("rfc3398") => quote!(::core::option::Option::Some(&#runtime::q850::Profile::Rfc3398)),
        Some("rfc4497") => quote!(::core::option::Option::Some(&#runtime::q850::Profile::Rfc4497)),
        Some(other) => {
            let table = format_ident!("{}", other.to_ascii_uppercase());
            quote!(::core::option::Option::Some(&#runtime::q850::#table))
        }
        None => quote!(::core::option::Option::None),
    };
    let to_sip = table.to_sip.iter().map(|row| to_sip_entry(runtime, row));
    let from_sip = table.from_sip.iter().map(|row| from_sip_entry(runtime, row));
    let from_sip_defaults = table.from_sip_defaults.iter().map(|row| from_sip_entry(runtime, row));
    let to_sip_default = option_tokens(table.to_sip_default.as_ref().map(|row| to_sip_entry(runtime, row)));
    let (key, title, description) = (&table.key, &table.name, &table.description);
    let repo = option_str(table.repo.as_deref());
    let commit = option_str(table.commit.as_deref());
    quote! {
        #attributes
        #visibility static #name: #runtime::q850::ProfileTable = #runtime::q850::ProfileTable {
            __key: #key,
            __name: #title,
            __description: #description,
            __repo: #repo,
            __commit: #commit,
            __base: #base,
            __to_sip: &[#(#to_sip),*],
            __to_sip_default: #to_sip_default,
            __from_sip: &[#(#from_sip),*],
            __from_sip_defaults: &[#(#from_sip_defaults),*],
        };
    }
}

/// The vendor tables beside the q850 file (`profiles/*.toml`, in name order), for the
/// reference; a file that does not load is left out (`q850_profile!` reports its problems).
pub(crate) fn beside(q850: &std::path::Path) -> Vec<VendorTable> {
    let Some(directory) = q850.parent().map(|parent| parent.join("profiles")) else {
        return Vec::new();
    };
    let Ok(entries) = std::fs::read_dir(directory) else {
        return Vec::new();
    };
    let mut paths: Vec<std::path::PathBuf> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|extension| extension == "toml"))
        .collect();
    paths.sort();
    paths
        .iter()
        .filter_map(|path| {
            let contents = std::fs::read_to_string(path).ok()?;
            let mut diagnostics = Diagnostics::default();
            let record = schema::load_parsed(&contents, &SCHEMA, &mut diagnostics)?;
            let table = check(&record, true, &mut diagnostics)?;
            diagnostics.is_empty().then_some(VendorTable(table))
        })
        .collect()
}

/// A checked profile table, as the reference shows it.
pub(crate) struct VendorTable(Table);

impl VendorTable {
    /// `Asterisk (chan_pjsip / res_pjsip)`.
    pub(crate) fn name(&self) -> &str {
        &self.0.name
    }

    pub(crate) fn key(&self) -> &str {
        &self.0.key
    }

    pub(crate) fn description(&self) -> &str {
        &self.0.description
    }

    /// `repo@commit`, where the rows were read.
    pub(crate) fn read_at(&self) -> Option<String> {
        Some(format!("{}@{}", self.0.repo.as_ref()?, self.0.commit.as_ref()?))
    }

    /// The causes and statuses its rows list.
    pub(crate) fn causes(&self) -> impl Iterator<Item = u16> + '_ {
        self.0.to_sip.iter().map(|row| row.first)
    }

    pub(crate) fn statuses(&self) -> impl Iterator<Item = u16> + '_ {
        self.0.from_sip.iter().map(|row| row.first)
    }

    /// A link to the row's line at the commit read, or the text alone; bold where the value
    /// is not `rfc3398`'s.
    fn cell(&self, row: &Row, default: bool, rfc3398: Option<u16>, nothing: &str) -> String {
        let value = match row.outcome {
            Outcome::Mapped(value) => Some(value),
            Outcome::Nothing => None,
        };
        let text = outcome_text(&row.outcome, nothing);
        let text = if default { format!("{text} (default)") } else { text };
        let text = if value == rfc3398 { text } else { format!("**{text}**") };
        match (&self.0.repo, &self.0.commit, &row.source) {
            (Some(repo), Some(commit), Some(source)) => {
                let (path, line) = source.rsplit_once(':').unwrap_or((source, ""));
                format!("[{text}](https://github.com/{repo}/blob/{commit}/{path}#L{line})")
            }
            _ => text,
        }
    }

    /// What the table does with `cause`, linked to its source line; bold where it is not
    /// `rfc3398`, RFC 3398's status for it. `None` where a base profile decides.
    pub(crate) fn cause_cell(&self, cause: u16, rfc3398: Option<u16>) -> Option<String> {
        let (row, default) = match self.0.to_sip.iter().find(|row| row.first == cause) {
            Some(row) => (row, false),
            None => (self.0.to_sip_default.as_ref()?, true),
        };
        Some(self.cell(row, default, rfc3398, "no response"))
    }

    /// What the table does with `status`; bold where it is not `rfc3398`, RFC 3398's cause.
    pub(crate) fn status_cell(&self, status: u16, rfc3398: Option<u16>) -> Option<String> {
        let (row, default) = match self.0.from_sip.iter().find(|row| row.first == status) {
            Some(row) => (row, false),
            None => (
                self.0
                    .from_sip_defaults
                    .iter()
                    .find(|row| (row.first..=row.last).contains(&status))?,
                true,
            ),
        };
        Some(self.cell(row, default, rfc3398, "no mapping"))
    }

    /// The defaults, in words.
    pub(crate) fn defaults(&self) -> String {
        let mut parts = Vec::new();
        if let Some(row) = &self.0.to_sip_default {
            parts.push(match row.outcome {
                Outcome::Mapped(status) => format!("status {status} for any other cause"),
                Outcome::Nothing => "no response to any cause".to_owned(),
            });
        }
        for row in &self.0.from_sip_defaults {
            let range = if row.first == 100 && row.last == 699 {
                "any other status".to_owned()
            } else {
                format!("{}–{}", row.first, row.last)
            };
            parts.push(match row.outcome {
                Outcome::Mapped(cause) => format!("cause {cause} for {range}"),
                Outcome::Nothing => format!("no cause for {range}"),
            });
        }
        parts.join(", ")
    }
}

fn outcome_text(outcome: &Outcome, nothing: &str) -> String {
    match outcome {
        Outcome::Mapped(value) => value.to_string(),
        Outcome::Nothing => nothing.to_owned(),
    }
}
