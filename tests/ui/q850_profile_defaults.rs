// A profile without a base needs defaults for what it does not list; a profile read from a
// repository cites a source on every row; defaults do not overlap.

sipcodes::q850_profile! {
    pub static VENDOR = "ui/q850_profile_defaults.toml";
}

fn main() {}
