// An unknown key suggests the key that was meant.

sipcodes::codes! {
    pub enum MyCode = "ui/unknown_key.toml";
}

fn main() {}
