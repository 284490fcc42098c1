// A `name` that is not a Rust identifier, or not UpperCamelCase, is refused.

sipcodes::codes! {
    pub enum MyCode = "ui/invalid_name.toml";
}

fn main() {}
