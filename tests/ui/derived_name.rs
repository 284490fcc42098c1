// A variant name derived from a phrase with letters outside ASCII would lose them: the table
// must give the name.

sipcodes::codes! {
    pub enum MyCode = "ui/derived_name.toml";
}

fn main() {}
