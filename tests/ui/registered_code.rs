// With `include_standard = true`, reusing a registered code needs `override = true`, which says
// the entry replaces the registered one in this enum.

sipcodes::codes! {
    pub enum MyCode = "ui/registered_code.toml";
}

fn main() {}
