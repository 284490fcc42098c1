// A missing file names the path as written, as resolved, and what it was resolved against.

sipcodes::codes! {
    pub enum MyCode = "no/such/codes.toml";
}

fn main() {}
