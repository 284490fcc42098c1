// A protocol value must be a token, and names differing only in case are one protocol.

sipcodes_macros::registry!(sipcodes, reason_protocols = "ui/registry_reason_protocol.toml");

fn main() {}
