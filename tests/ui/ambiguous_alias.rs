// An alias that is another code's phrase or alias would make from_reason_phrase ambiguous.

sipcodes::codes! {
    pub enum MyCode = "ui/ambiguous_alias.toml";
}

fn main() {}
