// sipcodes' own table must describe all six classes.

sipcodes::__private::codes!(::sipcodes; standard; pub enum Code = "ui/class_missing.toml";);

fn main() {}
