// A class table for a class that does not exist, or missing a key.

sipcodes::__private::codes!(::sipcodes; standard; pub enum Code = "ui/class_unknown.toml";);

fn main() {}
