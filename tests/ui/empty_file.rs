// An empty file says what a table needs.

sipcodes::codes! {
    pub enum MyCode = "ui/empty_file.toml";
}

fn main() {}
