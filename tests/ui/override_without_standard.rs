// Without `include_standard` the enum holds only this file's codes: a registered number is
// reused as it is (486 here), and `override` has nothing to replace.

sipcodes::codes! {
    pub enum MyCode = "ui/override_without_standard.toml";
}

fn main() {}
