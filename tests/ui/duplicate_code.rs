// A code given twice points at both places.

sipcodes::codes! {
    pub enum MyCode = "ui/duplicate_code.toml";
}

fn main() {}
