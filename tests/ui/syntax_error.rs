// A TOML syntax error points at the broken line.

sipcodes::codes! {
    pub enum MyCode = "ui/syntax_error.toml";
}

fn main() {}
