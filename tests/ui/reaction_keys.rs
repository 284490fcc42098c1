// A client reaction's `reaction` is one of eight, `fix_headers` only goes with "resubmit", and `advice` is required.

sipcodes::codes! {
    pub enum MyCode = "ui/reaction_keys.toml";
}

fn main() {}
