// A phrase is written with single spaces between words and nothing around it: `Display`
// writes it as it is, and lookups fold blanks in what they are given.

sipcodes::codes! {
    pub enum MyCode = "ui/phrase_blanks.toml";
}

fn main() {}
