// A TOML syntax error points at the broken line.

sipcodes::codes! {
    pub enum MyCode = "../../../../tests/ui/syntax_error.toml";
}

fn main() {}
