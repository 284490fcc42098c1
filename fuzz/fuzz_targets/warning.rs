//! `warning::parse` and `warning::parse_lenient` on arbitrary bytes: no panic, errors inside
//! the input, lenient accepting whatever strict accepts, and every accepted value written back
//! and read to an equal value (strictly, when the strict parser accepted it).
#![no_main]

use libfuzzer_sys::fuzz_target;
use sipcodes::warning::{self, ParseWarningError, WarningValue};

fuzz_target!(|data: &[u8]| {
    let strict = warning::parse(data);
    check_error(data, strict.as_ref().err());
    let lenient = warning::parse_lenient(data);
    check_error(data, lenient.as_ref().err());
    if let Ok(strict) = &strict {
        let lenient = lenient.as_ref().expect("lenient accepts what strict accepts");
        assert!(strict.iter().eq(lenient.iter()));
        for value in strict {
            // A registered warn-code is the code sent.
            if let Some(code) = value.known_warn_code() {
                assert_eq!(code.as_u16(), value.code());
            }
            let written = value.to_string();
            let again = warning::parse(written.as_bytes()).expect("a written value parses strictly");
            assert!(again.iter().eq([value]));
            // The parts rebuild the same value, but for a text with a line fold, which the
            // constructor does not write.
            if !value.text().contains('\r') {
                let rebuilt =
                    WarningValue::new(value.code(), value.agent(), value.text()).expect("parsed parts are valid parts");
                assert_eq!(rebuilt, value);
            }
        }
    }
    if let Ok(lenient) = &lenient {
        for value in lenient {
            let written = value.to_string();
            let again = warning::parse_lenient(written.as_bytes()).expect("a written value parses leniently");
            assert!(again.iter().eq([value]));
            let mut buffer = vec![0; value.encoded_len()];
            assert_eq!(value.write_to_slice(&mut buffer), Ok(written.len()));
            assert_eq!(buffer, written.as_bytes());
        }
    }
});

fn check_error(data: &[u8], error: Option<&ParseWarningError>) {
    if let Some(error) = error {
        assert!(
            error.offset() <= data.len(),
            "{error}: offset outside {} bytes",
            data.len()
        );
        assert_eq!(error.found(), data.get(error.offset()).copied());
        assert!(!error.to_string().is_empty());
    }
}
