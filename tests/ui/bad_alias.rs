// Aliases follow the same rules as reason phrases.

sipcodes::codes! {
    pub enum MyCode = "ui/bad_alias.toml";
}

fn main() {}
