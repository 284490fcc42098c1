// A mistake in the table is reported alone. Beside the errors, the enum is emitted with
// every variant the table evidently meant (the misspelt `reason_phrse` counts as the
// `reason_phrase` its help names, the quoted code as the number), so code that matches on
// those variants compiles on and adds no error or warning of its own. The match is
// exhaustive: the enum has the table's two variants and no other.

sipcodes::codes! {
    pub enum MyCode = "ui/recovery.toml";
}

fn describe(code: MyCode) -> &'static str {
    match code {
        MyCode::SpamSuspected => "refused as spam",
        MyCode::PortedAway => "moved to another carrier",
    }
}

fn main() {
    let code = MyCode::from_u16(499).unwrap_or(MyCode::PortedAway);
    println!("{} {}: {}", code.as_u16(), code.reason_phrase(), describe(code));
}
