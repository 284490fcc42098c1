// Empty reason phrases and ones with characters the Reason-Phrase grammar refuses.

sipcodes::codes! {
    pub enum MyCode = "ui/bad_reason.toml";
}

fn main() {}
