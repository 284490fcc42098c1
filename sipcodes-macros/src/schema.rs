//! Reading a TOML table against a schema: the one loader of the codes table and of the
//! registries.
//!
//! A schema declares each table's keys and the type of each value, down through sub-tables
//! (`[code.client_reaction]`), arrays of tables (`[[code.header_rule]]`), inline tables
//! (`treat_as = { … }`) and tables of tables (`[class.1xx]`). The loader walks `toml`'s
//! spanned `DeTable` by hand rather than through a serde derive: it keeps `serde_derive` out of
//! every dependent's build, and one pass reports every syntax error, wrong type and unknown
//! key instead of stopping at the first. What the values mean is `check`'s business.

use std::borrow::Cow;
use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::diagnostic::{Diagnostics, Problem};
use crate::lexical;

/// A value and where it was written (byte range in the TOML source).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located<T> {
    pub value: T,
    pub span: Range<usize>,
}

/// The type a key's value must have.
#[derive(Debug, Clone, Copy)]
pub(crate) enum ValueType {
    Integer,
    Text,
    Texts,
    /// One string or a list of them; one string is a list of one.
    TextOrTexts,
    Flag,
    /// One table: `[code.client_reaction]`, or inline, `treat_as = { code = 200 }`.
    Table(&'static TableSchema),
    /// An array of tables: `[[code]]`, `[[code.header_rule]]`.
    Tables(&'static TableSchema),
    /// A table of tables under keys of the file's choosing: `[class.1xx]` … `[class.6xx]`.
    Keyed(&'static TableSchema),
}

/// One key of a table.
#[derive(Debug)]
pub(crate) struct Field {
    pub name: &'static str,
    pub value_type: ValueType,
    /// The loader reports the key missing.
    pub required: bool,
    /// The loader reports an empty text, or an empty list.
    pub non_empty: bool,
}

/// A key the loader reads and nothing more: whether it must be given, and what its value
/// may be, are rules in `check/`, which can say more about them.
pub(crate) const fn key(name: &'static str, value_type: ValueType) -> Field {
    Field {
        name,
        value_type,
        required: false,
        non_empty: false,
    }
}

/// A key that must be given, with a text (or list) that is not empty.
#[cfg(feature = "registries")]
pub(crate) const fn required(name: &'static str, value_type: ValueType) -> Field {
    Field {
        name,
        value_type,
        required: true,
        non_empty: true,
    }
}

/// A key that may be left out; given, its text (or list) is not empty.
#[cfg(feature = "registries")]
pub(crate) const fn optional(name: &'static str, value_type: ValueType) -> Field {
    Field {
        name,
        value_type,
        required: false,
        non_empty: true,
    }
}

/// The keys of one kind of table.
#[derive(Debug)]
pub(crate) struct TableSchema {
    /// How messages name one such table: `[[code]]`, `[code.client_reaction]`, `treat_as`;
    /// empty for the top level.
    pub title: &'static str,
    /// What a value that is not such a table should have looked like, where the title does
    /// not say it: "`{ code = 200, rfc = \"RFC 6665\" }`".
    pub example: Option<&'static str>,
    pub fields: &'static [Field],
}

impl TableSchema {
    /// The keys of a table that messages call `title` (empty for the top level).
    pub const fn new(title: &'static str, fields: &'static [Field]) -> Self {
        TableSchema {
            title,
            example: None,
            fields,
        }
    }

    /// The same, with an example of such a table for a message about a value that is not one.
    pub const fn example(self, example: &'static str) -> Self {
        TableSchema {
            example: Some(example),
            ..self
        }
    }

    fn keys(&self) -> Vec<&'static str> {
        self.fields.iter().map(|field| field.name).collect()
    }

    fn field(&self, name: &str) -> Option<&'static Field> {
        // `fields` is `'static`; the borrow of `self` is not what the field lives in.
        let fields: &'static [Field] = self.fields;
        fields.iter().find(|field| field.name == name)
    }

    /// "in a `[[code]]` table", "in `treat_as`", "at the top level".
    fn place(&self) -> String {
        match self.title {
            "" => "at the top level".to_owned(),
            title if title.starts_with('[') => format!("in a {title} table"),
            title => format!("in `{title}`"),
        }
    }
}

/// A value as read.
#[derive(Debug, Clone)]
enum Value {
    Integer(Located<i64>),
    Text(Located<String>),
    Texts(Located<Vec<Located<String>>>),
    Flag(Located<bool>),
    Table(Record),
    /// With the place of the key that holds them.
    Tables(Located<Vec<Record>>),
}

/// One typed accessor a kind of value: `name: Variant -> Type` reads `Value::Variant`.
macro_rules! accessors {
    ($($(#[$doc:meta])* $name:ident: $variant:ident -> $type:ty;)*) => {$(
        $(#[$doc])*
        pub fn $name(&self, name: &str) -> Option<&$type> {
            match self.value(name)? {
                Value::$variant(value) => Some(value),
                _ => None,
            }
        }
    )*};
}

/// One table as read, with the location of every value.
#[derive(Debug, Clone, Default)]
pub(crate) struct Record {
    /// The whole table.
    pub span: Range<usize>,
    /// Its header line (`[[code]]`), or the key of a table of tables (`1xx`), or an inline
    /// table: where problems of the whole table point.
    pub header: Range<usize>,
    /// The key of a table in a table of tables: `1xx` of `[class.1xx]`.
    pub key: Option<Located<String>>,
    /// Keys whose problem is already reported (a wrong type, a misspelling, a syntax error in
    /// the table), which a rule should not report again as missing.
    pub reported: Vec<&'static str>,
    values: Vec<(&'static str, Value)>,
    /// The keys it may have; `None` for a table not read from a file.
    schema: Option<&'static TableSchema>,
    /// What rejected keys evidently meant: the value of a misspelt key under the key its
    /// help names (`reason_phrse` → `reason_phrase`), or a quoted number under its integer key.
    /// Never checked (the mistake is what is reported); the error skeleton uses them.
    meant: Vec<(&'static str, Value)>,
}

impl Record {
    /// The key of a table in a table of tables: `1xx` of `[class.1xx]` (empty elsewhere).
    pub fn key_name(&self) -> &str {
        self.key.as_ref().map_or("", |key| key.value.as_str())
    }

    fn value(&self, name: &str) -> Option<&Value> {
        self.assert_declared(name);
        self.values.iter().find(|(key, _)| *key == name).map(|(_, value)| value)
    }

    /// A rule that asks for a key its table's schema does not declare would read nothing,
    /// silently: a mistake in this crate, caught by its tests.
    fn assert_declared(&self, name: &str) {
        debug_assert!(
            self.schema.is_none_or(|schema| schema.field(name).is_some()),
            "`{name}` is not a key of {:?} tables",
            self.schema.map(|schema| schema.title)
        );
    }

    accessors! {
        /// The integer under `name`.
        integer: Integer -> Located<i64>;
        /// The text under `name`.
        text: Text -> Located<String>;
        /// The list of texts under `name` (one text, where the schema takes either).
        texts: Texts -> Located<Vec<Located<String>>>;
        /// The boolean under `name`.
        flag: Flag -> Located<bool>;
        /// The table under `name`, given as a sub-table or inline.
        table: Table -> Record;
        /// The tables of an array of tables (or of a table of tables), with the place of the
        /// key that holds them: `class` in `[class.1xx]`.
        keyed: Tables -> Located<Vec<Record>>;
    }

    /// Whether the table gives `name` (with a value of the right type).
    #[cfg(feature = "registries")]
    pub fn has(&self, name: &str) -> bool {
        self.value(name).is_some()
    }

    /// The tables of an array of tables, or of a table of tables, in file order.
    pub fn tables(&self, name: &str) -> &[Record] {
        self.keyed(name).map_or(&[], |tables| tables.value.as_slice())
    }

    fn meant(&self, name: &str) -> Option<&Value> {
        self.assert_declared(name);
        self.meant.iter().find(|(key, _)| *key == name).map(|(_, value)| value)
    }

    /// The integer a rejected key evidently meant.
    pub fn meant_integer(&self, name: &str) -> Option<i64> {
        let Value::Integer(number) = self.meant(name)? else {
            return None;
        };
        Some(number.value)
    }

    /// The text a rejected key evidently meant.
    pub fn meant_text(&self, name: &str) -> Option<&str> {
        let Value::Text(text) = self.meant(name)? else {
            return None;
        };
        Some(&text.value)
    }

    /// Visits this table and every table in it, each with the schema of its keys.
    fn visit(&mut self, schema: &'static TableSchema, visitor: &mut dyn FnMut(&mut Record, &'static TableSchema)) {
        visitor(self, schema);
        for (name, value) in &mut self.values {
            let Some(ValueType::Table(inner) | ValueType::Tables(inner) | ValueType::Keyed(inner)) =
                schema.field(name).map(|field| field.value_type)
            else {
                continue;
            };
            match value {
                Value::Table(table) => table.visit(inner, visitor),
                Value::Tables(tables) => {
                    for table in &mut tables.value {
                        table.visit(inner, visitor);
                    }
                }
                _ => {}
            }
        }
    }
}

/// A file as read: its top-level table and whether it parsed cleanly.
#[derive(Debug, Default)]
pub(crate) struct Loaded {
    pub root: Record,
    /// The TOML did not parse cleanly. What could be read is still in `root`, but rules about
    /// the file as a whole would only repeat the syntax error.
    pub has_syntax_errors: bool,
}

/// Parses `source` and reads it against `schema`. Syntax errors, wrong types, unknown keys,
/// and the missing or empty keys the schema itself requires go to `diagnostics`; whatever
/// could be read is returned, so that later rules can run too.
pub(crate) fn load(source: &str, schema: &'static TableSchema, diagnostics: &mut Diagnostics) -> Loaded {
    let (root, errors) = DeTable::parse_recoverable(source);
    let mut error_offsets = Vec::new();
    for error in &errors {
        let span = error.span().unwrap_or(0..0);
        error_offsets.push(span.start);
        diagnostics.push(
            Problem::new(span, format!("TOML syntax error: {}", error.message().trim()), "")
                .help("fix the TOML syntax at this place (see https://toml.io)"),
        );
    }
    let reader = Reader {
        source,
        diagnostics: &mut *diagnostics,
    };
    let mut loaded = Loaded {
        root: reader.record(root.get_ref(), root.span(), schema),
        has_syntax_errors: !errors.is_empty(),
    };
    if !error_offsets.is_empty() {
        mark_damaged_tables(&mut loaded.root, schema, &error_offsets, source.len());
    }
    loaded
        .root
        .visit(schema, &mut |table, schema| report_missing(table, schema, diagnostics));
    loaded
}

/// The top-level table of `source`, or `None` after a syntax error, for a file whose rules
/// would only repeat it.
#[cfg(feature = "registries")]
pub(crate) fn load_parsed(source: &str, schema: &'static TableSchema, diagnostics: &mut Diagnostics) -> Option<Record> {
    let loaded = load(source, schema, diagnostics);
    (!loaded.has_syntax_errors).then_some(loaded.root)
}

/// The keys the schema requires that a table lacks, unless their problem is reported.
fn report_missing(table: &Record, schema: &TableSchema, diagnostics: &mut Diagnostics) {
    for field in schema.fields.iter().filter(|field| field.required) {
        if table.value(field.name).is_none() && !table.reported.contains(&field.name) {
            diagnostics.push(
                Problem::new(
                    table.header.clone(),
                    format!("missing key `{}` {}", field.name, schema.place()),
                    format!("`{}` is required", field.name),
                )
                .help(format!(
                    "add a line `{} = {}` to the table that starts here",
                    field.name,
                    example(field.value_type)
                )),
            );
        }
    }
}

/// A table with a syntax error in it may have lost keys to the error: counting its keys as
/// already reported keeps a "missing key" from repeating the syntax error in other words.
/// A table runs from its start to the start of the next one, so the top level holds only
/// the keys before the first table.
fn mark_damaged_tables(root: &mut Record, schema: &'static TableSchema, error_offsets: &[usize], length: usize) {
    let mut starts = Vec::new();
    root.visit(schema, &mut |table, _| starts.push(table.span.start));
    starts.sort_unstable();
    root.visit(schema, &mut |table, schema| {
        let start = table.span.start;
        let end = starts.iter().copied().find(|next| *next > start).unwrap_or(length);
        if error_offsets.iter().any(|offset| (start..end).contains(offset)) {
            table.reported.extend(schema.keys());
        }
    });
}

struct Reader<'s, 'd> {
    source: &'s str,
    diagnostics: &'d mut Diagnostics,
}

impl Reader<'_, '_> {
    fn record(mut self, fields: &DeTable<'_>, span: Range<usize>, schema: &'static TableSchema) -> Record {
        self.table(fields, span, schema)
    }

    fn table(&mut self, fields: &DeTable<'_>, span: Range<usize>, schema: &'static TableSchema) -> Record {
        let mut record = Record {
            header: first_line(self.source, span.start),
            span,
            schema: Some(schema),
            ..Record::default()
        };
        let known = schema.keys();
        for (key, value) in fields {
            let Some(field) = schema.field(key.get_ref()) else {
                let suggestion = unknown_key(key, &known, &schema.place(), self.diagnostics);
                if let Some(meant) = suggestion.and_then(|name| schema.field(name)) {
                    record
                        .meant
                        .extend(meant_value(meant, value).map(|value| (meant.name, value)));
                }
                record.reported.extend(suggestion);
                continue;
            };
            let checkpoint = self.diagnostics.checkpoint();
            let read = self.value(field, key.span(), value);
            if self.diagnostics.any_since(checkpoint) {
                record.reported.push(field.name);
                record
                    .meant
                    .extend(meant_value(field, value).map(|value| (field.name, value)));
            }
            record.values.extend(read.map(|read| (field.name, read)));
        }
        record
    }

    fn value(&mut self, field: &Field, key_span: Range<usize>, value: &Spanned<DeValue<'_>>) -> Option<Value> {
        let name = field.name;
        let read = match field.value_type {
            ValueType::Integer => Value::Integer(integer(value, name, self.diagnostics)?),
            ValueType::Flag => Value::Flag(boolean(value, name, self.diagnostics)?),
            ValueType::Text => Value::Text(string(value, name, self.diagnostics)?),
            ValueType::Texts => Value::Texts(strings(value, name, self.diagnostics)?),
            ValueType::TextOrTexts => match value.get_ref() {
                DeValue::String(text) => Value::Texts(located(value, vec![located(value, text.to_string())])),
                _ => Value::Texts(strings(value, name, self.diagnostics)?),
            },
            ValueType::Table(schema) => {
                let DeValue::Table(fields) = value.get_ref() else {
                    let expected = schema.example.map_or_else(
                        || format!("one `{}` table", schema.title),
                        |example| format!("a table such as {example}"),
                    );
                    wrong_type(value, name, Expected::Tables(&expected), self.diagnostics);
                    return None;
                };
                let mut table = self.table(fields, value.span(), schema);
                if self.is_inline(value) {
                    table.header = value.span();
                }
                Value::Table(table)
            }
            ValueType::Tables(schema) => {
                let DeValue::Array(items) = value.get_ref() else {
                    let expected = format!("an array of `{}` tables", schema.title);
                    wrong_type(value, name, Expected::Tables(&expected), self.diagnostics);
                    return None;
                };
                let item_expected = format!("a `{}` table", schema.title);
                let mut tables = Vec::new();
                for item in items {
                    let DeValue::Table(fields) = item.get_ref() else {
                        wrong_type(item, name, Expected::Tables(&item_expected), self.diagnostics);
                        continue;
                    };
                    tables.push(self.table(fields, item.span(), schema));
                }
                Value::Tables(Located {
                    value: tables,
                    span: key_span,
                })
            }
            ValueType::Keyed(schema) => {
                let DeValue::Table(entries) = value.get_ref() else {
                    let expected = format!("a table of {} tables", schema.example.unwrap_or(schema.title));
                    wrong_type(value, name, Expected::Tables(&expected), self.diagnostics);
                    return None;
                };
                let mut tables = Vec::new();
                for (entry_key, entry) in entries {
                    let DeValue::Table(fields) = entry.get_ref() else {
                        let key = format!("{name}.{}", entry_key.get_ref());
                        wrong_type(entry, &key, Expected::Tables("a table"), self.diagnostics);
                        continue;
                    };
                    let mut table = self.table(fields, entry_key.span(), schema);
                    table.header = entry_key.span();
                    table.key = Some(located(entry_key, entry_key.get_ref().to_string()));
                    tables.push(table);
                }
                Value::Tables(Located {
                    value: tables,
                    span: key_span,
                })
            }
        };
        if field.non_empty {
            return self.non_empty(name, read);
        }
        Some(read)
    }

    /// Whether a table value is written inline (`{ … }`) rather than under its own header.
    fn is_inline(&self, value: &Spanned<DeValue<'_>>) -> bool {
        self.source.get(value.span()).is_some_and(|text| text.starts_with('{'))
    }

    /// A text or list the schema requires to hold something.
    fn non_empty(&mut self, name: &str, read: Value) -> Option<Value> {
        let (span, empty, what, help) = match &read {
            Value::Text(text) => (
                &text.span,
                text.value.trim().is_empty(),
                format!("`{name}` is empty"),
                format!("write the {name} here, or remove the key"),
            ),
            Value::Texts(texts) => (
                &texts.span,
                texts.value.is_empty(),
                format!("`{name}` is an empty list"),
                format!("list at least one value in `{name}`"),
            ),
            _ => return Some(read),
        };
        if empty {
            self.diagnostics
                .push(Problem::new(span.clone(), what, "empty").help(help));
            return None;
        }
        Some(read)
    }
}

/// What a rejected value evidently meant as `field`'s value, read without reporting: the
/// value itself where it has the field's type, or the number inside a quoted integer.
fn meant_value(field: &Field, value: &Spanned<DeValue<'_>>) -> Option<Value> {
    match (field.value_type, value.get_ref()) {
        (ValueType::Integer, DeValue::Integer(number)) => i64::from_str_radix(number.as_str(), number.radix())
            .ok()
            .map(|number| Value::Integer(located(value, number))),
        (ValueType::Integer, DeValue::String(text)) => text
            .trim()
            .parse()
            .ok()
            .map(|number| Value::Integer(located(value, number))),
        (ValueType::Text, DeValue::String(text)) => Some(Value::Text(located(value, text.to_string()))),
        _ => None,
    }
}

fn example(value_type: ValueType) -> &'static str {
    match value_type {
        ValueType::Integer => "<number>",
        ValueType::Text => "\"...\"",
        ValueType::Texts | ValueType::TextOrTexts => "[\"...\"]",
        ValueType::Flag => "true",
        ValueType::Table(_) | ValueType::Tables(_) | ValueType::Keyed(_) => "{ ... }",
    }
}

/// The line that starts at `start`: a table's header line.
fn first_line(source: &str, start: usize) -> Range<usize> {
    let end = source
        .get(start..)
        .and_then(|rest| rest.find(['\r', '\n']))
        .map_or(source.len(), |end| start + end);
    start..end.max(start)
}

fn located<T, U>(spanned: &Spanned<T>, value: U) -> Located<U> {
    Located {
        value,
        span: spanned.span(),
    }
}

fn string(value: &Spanned<DeValue<'_>>, key: &str, diagnostics: &mut Diagnostics) -> Option<Located<String>> {
    if let DeValue::String(text) = value.get_ref() {
        Some(located(value, text.to_string()))
    } else {
        wrong_type(value, key, Expected::Text, diagnostics);
        None
    }
}

fn strings(
    value: &Spanned<DeValue<'_>>,
    key: &str,
    diagnostics: &mut Diagnostics,
) -> Option<Located<Vec<Located<String>>>> {
    let DeValue::Array(items) = value.get_ref() else {
        wrong_type(value, key, Expected::Texts, diagnostics);
        return None;
    };
    let texts = items
        .iter()
        .filter_map(|item| {
            if let DeValue::String(text) = item.get_ref() {
                Some(located(item, text.to_string()))
            } else {
                let found = item.get_ref().type_str();
                diagnostics.push(
                    Problem::new(
                        item.span(),
                        format!(
                            "each item of `{key}` must be a string, found {} {found}",
                            article(found)
                        ),
                        "expected a string",
                    )
                    .help("write every item in double quotes"),
                );
                None
            }
        })
        .collect();
    Some(located(value, texts))
}

fn integer(value: &Spanned<DeValue<'_>>, key: &str, diagnostics: &mut Diagnostics) -> Option<Located<i64>> {
    let DeValue::Integer(number) = value.get_ref() else {
        wrong_type(value, key, Expected::Integer, diagnostics);
        return None;
    };
    if let Ok(parsed) = i64::from_str_radix(number.as_str(), number.radix()) {
        Some(located(value, parsed))
    } else {
        diagnostics.push(Problem::new(
            value.span(),
            format!("`{key}` is too large to be a SIP status code"),
            "not a three-digit number",
        ));
        None
    }
}

fn boolean(value: &Spanned<DeValue<'_>>, key: &str, diagnostics: &mut Diagnostics) -> Option<Located<bool>> {
    if let DeValue::Boolean(flag) = value.get_ref() {
        Some(located(value, *flag))
    } else {
        wrong_type(value, key, Expected::Boolean, diagnostics);
        None
    }
}

/// The type a key's value must have, for the message that says it has another.
#[derive(Debug, Clone, Copy)]
enum Expected<'a> {
    Integer,
    Boolean,
    Text,
    Texts,
    /// A table or an array of tables, as the message describes it: "a `[[code]]` table".
    Tables(&'a str),
}

impl<'a> Expected<'a> {
    fn description(self) -> &'a str {
        match self {
            Expected::Integer => "an integer",
            Expected::Boolean => "a boolean (`true` or `false`)",
            Expected::Text => "a string",
            Expected::Texts => "an array of strings",
            Expected::Tables(description) => description,
        }
    }
}

fn wrong_type(value: &Spanned<DeValue<'_>>, key: &str, expected: Expected<'_>, diagnostics: &mut Diagnostics) {
    let found = value.get_ref().type_str();
    let description = expected.description();
    let mut problem = Problem::new(
        value.span(),
        format!("`{key}` must be {description}, found {} {found}", article(found)),
        format!("expected {description}"),
    );
    let help = match (expected, value.get_ref()) {
        (Expected::Integer, DeValue::String(text)) if text.parse::<i64>().is_ok() => {
            Some(format!("write the number without quotes: `{key} = {text}`"))
        }
        (Expected::Texts, DeValue::String(text)) => Some(format!("write a list, even of one: `{key} = [{text:?}]`")),
        (Expected::Text, DeValue::Array(_) | DeValue::Table(_) | DeValue::String(_)) => None,
        (Expected::Text, _) => Some(format!("write the text in double quotes: `{key} = \"...\"`")),
        _ => None,
    };
    if let Some(help) = help {
        problem = problem.help(help);
    }
    diagnostics.push(problem);
}

fn article(type_name: &str) -> &'static str {
    if type_name.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    }
}

/// Reports an unknown key; returns the known key it is a likely misspelling of.
fn unknown_key(
    key: &Spanned<Cow<'_, str>>,
    known: &[&'static str],
    place: &str,
    diagnostics: &mut Diagnostics,
) -> Option<&'static str> {
    let name = key.get_ref();
    let mut problem = Problem::new(key.span(), format!("unknown key `{name}` {place}"), "unknown key");
    let suggestion = lexical::closest(name, known).copied();
    let listed: Vec<String> = known.iter().map(|name| format!("`{name}`")).collect();
    problem = match suggestion {
        Some(suggestion) => problem.help(format!("did you mean `{suggestion}`?")),
        None => problem.help(format!("the keys allowed here are: {}", listed.join(", "))),
    };
    diagnostics.push(problem);
    suggestion
}
