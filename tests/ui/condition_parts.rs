// Each part of a header rule's condition is checked: the dialog word, the methods, each
// "Header" or "Header: token" item, no empty list, a human part without a final period, and
// a dialog that the methods can create.

sipcodes::codes! {
    pub enum MyCode = "ui/condition_parts.toml";
}

fn main() {}
