// A missing required key points at the table that lacks it.

sipcodes::codes! {
    pub enum MyCode = "ui/missing_key.toml";
}

fn main() {}
