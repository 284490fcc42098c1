// The free-text `condition` key is retired: alone, the error says which parts to write
// instead; beside parts, it says to remove it and shows the text the parts give.

sipcodes::codes! {
    pub enum MyCode = "ui/condition_free_text.toml";
}

fn main() {}
