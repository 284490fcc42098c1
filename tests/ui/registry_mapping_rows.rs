// A mapping row gives exactly one of a value and `none`, and maps to a failure response.

sipcodes_macros::registry!(sipcodes, q850 = "ui/registry_mapping_rows.toml");

fn main() {}
