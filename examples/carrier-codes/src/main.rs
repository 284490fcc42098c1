//! A downstream crate with its own codes: `CarrierCode` is generated from
//! `carrier_codes.toml` (resolved against this crate's Cargo.toml directory) and has the
//! same API as `sipcodes::Code`.
//!
//! ```text
//! cargo run -p carrier-codes -- 499 480 486 498
//! ```

use sipcodes::StatusCode;

sipcodes::codes! {
    /// Every standard SIP code, plus this carrier's own.
    pub enum CarrierCode = "carrier_codes.toml";
}

fn main() -> std::process::ExitCode {
    let mut arguments: Vec<String> = std::env::args().skip(1).collect();
    if arguments.is_empty() {
        arguments = ["499", "480", "486", "498"].map(String::from).to_vec();
    }
    for argument in arguments {
        match argument.parse::<StatusCode>() {
            Ok(status) => println!("{}", describe(status)),
            Err(error) => {
                eprintln!("error: `{argument}`: {error}");
                return std::process::ExitCode::FAILURE;
            }
        }
    }
    std::process::ExitCode::SUCCESS
}

/// The carrier's phrase where it has one, else the standard phrase, else the number and
/// what RFC 3261 says to treat it as.
fn describe(status: StatusCode) -> String {
    match CarrierCode::try_from(status) {
        Ok(code) => format!("{code}: {}", code.description()),
        Err(_) => format!("{} (unregistered; treat as {})", status.as_u16(), status.canonical()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sipcodes::Code;

    #[test]
    fn carrier_phrases_win_and_standard_ones_fill_in() {
        let status = |code| StatusCode::from_u16(code).unwrap();
        assert_eq!(CarrierCode::SpamSuspected.to_string(), "499 Spam Suspected");
        assert_eq!(
            CarrierCode::reason_phrase_of(status(480)),
            Some("Subscriber Unreachable")
        );
        assert_eq!(CarrierCode::reason_phrase_of(status(486)), Some("Busy Here"));
        assert_eq!(
            CarrierCode::from_reason_phrase("temporarily unavailable"),
            Some(CarrierCode::SubscriberUnreachable)
        );
        // A 4xx code neither table has, chosen now: the registry may have grown since.
        let unknown = (400..500)
            .find(|code| Code::from_u16(*code).is_none() && CarrierCode::from_u16(*code).is_none())
            .unwrap();
        let expected = format!("{unknown} (unregistered; treat as 400 Bad Request)");
        assert_eq!(describe(status(unknown)), expected);
        // Every registered code, plus 499 unless sipcodes has registered it by now.
        let own = usize::from(Code::from_u16(499).is_none());
        assert_eq!(CarrierCode::ALL.len(), Code::ALL.len() + own);
    }
}
