//! The protocol values of the Reason header field, generated from `reason-protocols.toml`.

sipcodes_macros::registry!(crate, reason_protocols = "reason-protocols.toml");
