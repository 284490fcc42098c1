// A value of the wrong type says what was expected, and how to write it.

sipcodes::codes! {
    pub enum MyCode = "ui/wrong_type.toml";
}

fn main() {}
