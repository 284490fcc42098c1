// A deprecated code must say what replaced it; a current one has no note.

sipcodes::codes! {
    pub enum MyCode = "ui/deprecation_note.toml";
}

fn main() {}
