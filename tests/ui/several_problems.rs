// Every problem in a file is reported in one build, in file order.

sipcodes::codes! {
    pub enum MyCode = "ui/several_problems.toml";
}

fn main() {}
