// Two entries with the same variant name, derived or given, must be told apart.

sipcodes::codes! {
    pub enum MyCode = "ui/duplicate_name.toml";
}

fn main() {}
