// An empty file says what a table needs.

sipcodes::codes! {
    pub enum MyCode = "../../../../tests/ui/empty_file.toml";
}

fn main() {}
