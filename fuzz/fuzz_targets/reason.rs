//! `reason::parse` and `reason::parse_lenient` on arbitrary bytes: no panic, errors inside the
//! input, lenient accepting whatever strict accepts, and every accepted value written back as
//! one the strict parser reads to an equal value.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sipcodes::reason::{self, ParseReasonError, ReasonValue};

fuzz_target!(|data: &[u8]| {
    let strict = reason::parse(data);
    check_error(data, strict.as_ref().err());
    let lenient = reason::parse_lenient(data);
    check_error(data, lenient.as_ref().err());
    if let Ok(strict) = &strict {
        let lenient = lenient.as_ref().expect("lenient accepts what strict accepts");
        assert!(strict.iter().eq(lenient.iter()));
        assert!(strict.iter().next().is_some(), "a field has at least one value");
    }
    for values in [strict, lenient].iter().flatten() {
        for value in values {
            // A registered protocol is the one sent, in any case.
            if let Some(protocol) = value.known_protocol() {
                assert!(protocol.name().eq_ignore_ascii_case(value.protocol()));
            }
            let written = value.to_string();
            let again = reason::parse(written.as_bytes()).expect("a written value parses strictly");
            let mut again = again.iter();
            assert_eq!(again.next(), Some(value));
            assert_eq!(again.next(), None);
            // The other writers write the same bytes.
            let mut buffer = vec![0; value.encoded_len()];
            assert_eq!(value.write_to_slice(&mut buffer), Ok(written.len()));
            assert_eq!(buffer, written.as_bytes());
            // The parts rebuild the same value (other parameters aside, and a text with a line
            // fold, which the constructor does not write).
            let folded = value.text().is_some_and(|text| text.contains('\r'));
            if value.params().next().is_none() && !folded {
                let rebuilt = ReasonValue::new(value.protocol(), value.cause(), value.text())
                    .expect("parsed parts are valid parts");
                assert_eq!(rebuilt, value);
            }
        }
    }
});

fn check_error(data: &[u8], error: Option<&ParseReasonError>) {
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
