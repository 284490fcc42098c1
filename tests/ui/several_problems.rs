// Every problem in a file is reported in one build, in file order.

sipcodes::codes! {
    pub enum MyCode = "../../../../tests/ui/several_problems.toml";
}

fn main() {}
