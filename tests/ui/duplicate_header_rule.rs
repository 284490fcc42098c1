// A code has each rule (header, requirement, condition) once; the same header under another condition is a different rule.

sipcodes::codes! {
    pub enum MyCode = "ui/duplicate_header_rule.toml";
}

fn main() {}
