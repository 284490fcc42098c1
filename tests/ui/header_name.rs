// A header rule names a header field by its full name, an RFC 3261 token.

sipcodes::codes! {
    pub enum MyCode = "ui/header_name.toml";
}

fn main() {}
