// A reaction's action is one of eight, `fix` only goes with "resubmit", and `advice` is required.

sipcodes::codes! {
    pub enum MyCode = "ui/reaction_keys.toml";
}

fn main() {}
