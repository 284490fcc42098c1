// Each part of a header rule's condition is checked: the dialog word, the methods, each
// "Header" or "Header: token" item, no empty list, and a human part without a final period.

sipcodes::codes! {
    pub enum MyCode = "ui/condition_parts.toml";
}

fn main() {}
