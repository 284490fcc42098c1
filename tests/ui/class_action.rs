// Each class of sipcodes' own table has a reaction: `reaction` is required and is one of eight.

sipcodes::__private::codes!(::sipcodes; standard; pub enum Code = "ui/class_action.toml";);

fn main() {}
