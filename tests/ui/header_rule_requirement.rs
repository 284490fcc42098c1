// A header rule's requirement is one of the RFC 2119 levels; a near miss gets a suggestion.

sipcodes::codes! {
    pub enum MyCode = "ui/header_rule_requirement.toml";
}

fn main() {}
