// Aliases follow the same rules as reason phrases.

sipcodes::codes! {
    pub enum MyCode = "../../../../tests/ui/bad_alias.toml";
}

fn main() {}
