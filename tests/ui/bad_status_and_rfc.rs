// An unknown status, a malformed RFC and a section without an RFC.

sipcodes::codes! {
    pub enum MyCode = "ui/bad_status_and_rfc.toml";
}

fn main() {}
