// `q850_profile!` declares a static, not an enum.

sipcodes::q850_profile! {
    pub enum Gateway = "ui/q850_profile_rows.toml";
}

fn main() {}
