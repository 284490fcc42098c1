// `treat_as` names the current code a receiver acts on instead of a retired one.

sipcodes::codes! {
    pub enum MyCode = "ui/treat_as.toml";
}

fn main() {}
