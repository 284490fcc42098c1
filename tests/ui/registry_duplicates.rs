// A cause value or a mapping row given twice points at both.

sipcodes_macros::registry!(sipcodes, q850 = "ui/registry_duplicates.toml");

fn main() {}
