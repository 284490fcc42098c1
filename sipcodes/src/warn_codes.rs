//! The SIP warn-codes, generated from `warn-codes.toml`.

sipcodes_macros::registry!(crate, warn_codes = "warn-codes.toml");
