//! `codes.toml` read with the `toml` crate, independently of the macro, for the tests that
//! check the generated API against the data. A module in a directory, so that it is no test
//! target of its own.

/// The workspace's codes.toml, compiled in: a test that uses it rebuilds when the table
/// changes.
pub const CODES_TOML: &str = include_str!("../../../sipcodes/codes.toml");

/// The whole table.
pub fn table() -> toml::Table {
    CODES_TOML.parse().unwrap()
}

/// The `[[code]]` tables, in file order.
pub fn entries() -> Vec<toml::Table> {
    table()["code"]
        .as_array()
        .unwrap()
        .iter()
        .map(|entry| entry.as_table().unwrap().clone())
        .collect()
}

/// A string value of a table, if the key is there.
pub fn text<'a>(table: &'a toml::Table, key: &str) -> Option<&'a str> {
    table.get(key).map(|value| value.as_str().unwrap())
}

/// The `code` of a `[[code]]` table.
pub fn number(entry: &toml::Table) -> u16 {
    u16::try_from(entry["code"].as_integer().unwrap()).unwrap()
}
