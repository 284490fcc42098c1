// Two codes whose reason phrases derive the same variant name need an explicit `name`.

sipcodes::codes! {
    pub enum MyCode = "ui/duplicate_derived_name.toml";
}

fn main() {}
