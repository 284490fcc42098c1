// Codes outside 100-699 are refused.

sipcodes::codes! {
    pub enum MyCode = "ui/code_out_of_range.toml";
}

fn main() {}
