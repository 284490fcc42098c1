//! A registry TOML as written: arrays of tables (`[[cause]]`, `[[warning]]`, …) whose keys
//! are declared by a schema, read with the same value readers as the codes table, so that a
//! wrong type, an unknown key or a missing key is reported the same way and all at once.

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::diagnostic::{Diagnostics, Problem};
use crate::model::{self, Expected, Located};

/// The type a key's value must have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ValueType {
    Integer,
    Text,
    Texts,
    Flag,
}

/// One key of a table.
#[derive(Debug)]
pub(crate) struct Field {
    pub name: &'static str,
    pub value_type: ValueType,
    pub required: bool,
}

pub(crate) const fn required(name: &'static str, value_type: ValueType) -> Field {
    Field {
        name,
        value_type,
        required: true,
    }
}

pub(crate) const fn optional(name: &'static str, value_type: ValueType) -> Field {
    Field {
        name,
        value_type,
        required: false,
    }
}

/// One `[[name]]` array of tables and the keys its tables take.
#[derive(Debug)]
pub(crate) struct Array {
    pub name: &'static str,
    pub fields: &'static [Field],
}

#[derive(Debug, Clone)]
enum Value {
    Integer(i64),
    Text(String),
    Texts(Vec<Located<String>>),
    Flag(bool),
}

/// One table of an array, with the location of every value.
#[derive(Debug)]
pub(crate) struct Record {
    /// The `[[name]]` header line, where problems of the whole table point.
    pub header: Range<usize>,
    values: Vec<(&'static str, Located<Value>)>,
}

impl Record {
    fn value(&self, name: &str) -> Option<&Located<Value>> {
        self.values.iter().find(|(key, _)| *key == name).map(|(_, value)| value)
    }

    pub fn integer(&self, name: &str) -> Option<Located<i64>> {
        let value = self.value(name)?;
        match &value.value {
            Value::Integer(number) => Some(Located {
                value: *number,
                span: value.span.clone(),
            }),
            _ => None,
        }
    }

    pub fn text(&self, name: &str) -> Option<Located<String>> {
        let value = self.value(name)?;
        match &value.value {
            Value::Text(text) => Some(Located {
                value: text.clone(),
                span: value.span.clone(),
            }),
            _ => None,
        }
    }

    pub fn texts(&self, name: &str) -> Option<Located<Vec<Located<String>>>> {
        let value = self.value(name)?;
        match &value.value {
            Value::Texts(texts) => Some(Located {
                value: texts.clone(),
                span: value.span.clone(),
            }),
            _ => None,
        }
    }

    pub fn flag(&self, name: &str) -> Option<Located<bool>> {
        let value = self.value(name)?;
        match &value.value {
            Value::Flag(flag) => Some(Located {
                value: *flag,
                span: value.span.clone(),
            }),
            _ => None,
        }
    }
}

/// Every array of a file, in schema order.
#[derive(Debug, Default)]
pub(crate) struct Records {
    arrays: Vec<(&'static str, Vec<Record>)>,
}

impl Records {
    pub fn get(&self, name: &str) -> &[Record] {
        self.arrays
            .iter()
            .find(|(array, _)| *array == name)
            .map_or(&[], |(_, records)| records.as_slice())
    }
}

/// Parses `source` against `schema`. Every wrong type, unknown, empty or missing key goes to
/// `diagnostics`; the tables are returned with what could be read. A file that does not parse
/// as TOML gives `None` after its syntax errors are reported: the rules about its contents
/// would only repeat them.
pub(crate) fn load(source: &str, schema: &'static [Array], diagnostics: &mut Diagnostics) -> Option<Records> {
    let (root, errors) = DeTable::parse_recoverable(source);
    if !errors.is_empty() {
        for error in errors {
            diagnostics.push(
                Problem::new(
                    error.span().unwrap_or(0..0),
                    format!("TOML syntax error: {}", error.message().trim()),
                    "",
                )
                .help("fix the TOML syntax at this place (see https://toml.io)"),
            );
        }
        return None;
    }
    let names: Vec<&'static str> = schema.iter().map(|array| array.name).collect();
    let mut records = Records {
        arrays: schema.iter().map(|array| (array.name, Vec::new())).collect(),
    };
    for (key, value) in root.get_ref() {
        let Some(index) = schema.iter().position(|array| array.name == key.get_ref().as_ref()) else {
            model::unknown_key(key, &names, "at the top level", diagnostics);
            continue;
        };
        let (Some(array), Some((_, tables))) = (schema.get(index), records.arrays.get_mut(index)) else {
            continue;
        };
        *tables = load_array(source, array, value, diagnostics);
    }
    Some(records)
}

fn load_array(source: &str, array: &Array, value: &Spanned<DeValue<'_>>, diagnostics: &mut Diagnostics) -> Vec<Record> {
    let expected = format!("an array of `[[{}]]` tables", array.name);
    let DeValue::Array(items) = value.get_ref() else {
        model::wrong_type(value, array.name, Expected::Tables(&expected), diagnostics);
        return Vec::new();
    };
    let known: Vec<&'static str> = array.fields.iter().map(|field| field.name).collect();
    let place = format!("in a [[{}]] table", array.name);
    let mut records = Vec::new();
    for item in items {
        let DeValue::Table(fields) = item.get_ref() else {
            model::wrong_type(
                item,
                array.name,
                Expected::Tables(&format!("a `[[{}]]` table", array.name)),
                diagnostics,
            );
            continue;
        };
        // The table starts at its `[[name]]` header, which is as long as the name and its
        // brackets (the renderer stops a marker at the end of its line in any case).
        let start = item.span().start;
        let mut record = Record {
            header: start..(start + array.name.len() + 4).min(source.len()),
            values: Vec::new(),
        };
        let mut reported: Vec<&'static str> = Vec::new();
        for (key, field_value) in fields {
            let Some(field) = array.fields.iter().find(|field| field.name == key.get_ref().as_ref()) else {
                reported.extend(model::unknown_key(key, &known, &place, diagnostics));
                continue;
            };
            match read(field, field_value, diagnostics) {
                Some(value) => record.values.push((field.name, value)),
                None => reported.push(field.name),
            }
        }
        for field in array.fields.iter().filter(|field| field.required) {
            if record.value(field.name).is_none() && !reported.contains(&field.name) {
                diagnostics.push(
                    Problem::new(
                        record.header.clone(),
                        format!("missing key `{}` in a [[{}]] table", field.name, array.name),
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
        records.push(record);
    }
    records
}

fn read(field: &Field, value: &Spanned<DeValue<'_>>, diagnostics: &mut Diagnostics) -> Option<Located<Value>> {
    let name = field.name;
    let read = match field.value_type {
        ValueType::Integer => {
            model::integer(value, name, diagnostics).map(|number| (Value::Integer(number.value), number.span))
        }
        ValueType::Flag => model::boolean(value, name, diagnostics).map(|flag| (Value::Flag(flag.value), flag.span)),
        ValueType::Text => {
            let text = model::string(value, name, diagnostics)?;
            if text.value.trim().is_empty() {
                diagnostics.push(
                    Problem::new(text.span, format!("`{name}` is empty"), "empty")
                        .help(format!("write the {name} here, or remove the key")),
                );
                return None;
            }
            Some((Value::Text(text.value), text.span))
        }
        ValueType::Texts => {
            let texts = model::strings(value, name, diagnostics)?;
            if texts.value.is_empty() {
                diagnostics.push(
                    Problem::new(texts.span, format!("`{name}` is an empty list"), "empty")
                        .help(format!("list at least one value in `{name}`")),
                );
                return None;
            }
            Some((Value::Texts(texts.value), texts.span))
        }
    };
    read.map(|(value, span)| Located { value, span })
}

fn example(value_type: ValueType) -> &'static str {
    match value_type {
        ValueType::Integer => "<number>",
        ValueType::Text => "\"...\"",
        ValueType::Texts => "[\"...\"]",
        ValueType::Flag => "true",
    }
}
