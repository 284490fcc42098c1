// A `name` that is a Rust keyword is refused.

sipcodes::codes! {
    pub enum MyCode = "ui/keyword_name.toml";
}

fn main() {}
