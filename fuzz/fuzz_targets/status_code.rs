//! `StatusCode`'s `FromStr` on arbitrary text: no panic, errors inside the input, and every
//! accepted code written and parsed back to itself.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sipcodes::StatusCode;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = core::str::from_utf8(data) else {
        return;
    };
    match text.parse::<StatusCode>() {
        Ok(code) => {
            assert!((100..=699).contains(&code.as_u16()));
            // The number is the first three bytes after the blanks the text starts with.
            let start = text.len() - text.trim_start_matches([' ', '\t']).len();
            assert_eq!(text.get(start..start + 3), Some(code.as_u16().to_string().as_str()));
            // What Display writes (`486 Busy Here`, or `499`) parses back.
            assert_eq!(code.to_string().parse::<StatusCode>(), Ok(code));
            assert_eq!(code.as_u16().to_string().parse::<StatusCode>(), Ok(code));
        }
        Err(error) => {
            assert!(
                error.offset() <= text.len(),
                "{error}: offset outside {} bytes",
                text.len()
            );
            assert!(!error.to_string().is_empty());
        }
    }
});
