// The audit's rule table: ids kebab-case and unique, a known severity, a summary without a
// final period, a citation of the usual form, and one rule per check.

sipcodes_macros::registry!(sipcodes, audit_rules = "ui/registry_audit_rules.toml");

fn main() {}
