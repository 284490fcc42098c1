// Reusing a registered code needs `override = true`; overriding an unregistered one is a mistake.

sipcodes::codes! {
    pub enum MyCode = "ui/registered_code.toml";
}

fn main() {}
