// A gateway's profile: every problem in its rows is reported at once, at its line.

sipcodes::q850_profile! {
    static GATEWAY = "ui/q850_profile_rows.toml";
}

fn main() {}
