// A quoted number, an out-of-range warn-code and an uncited code are all reported at once.

sipcodes_macros::registry!(sipcodes, warn_codes = "ui/registry_wrong_type.toml");

fn main() {}
