// A misspelled key in a registry TOML suggests the key that was meant.

sipcodes_macros::registry!(sipcodes, warn_codes = "ui/registry_unknown_key.toml");

fn main() {}
