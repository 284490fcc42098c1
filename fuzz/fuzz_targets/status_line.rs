//! `StatusLine`'s parsers on arbitrary bytes: no panic, errors inside the input, and every
//! accepted line written back byte for byte.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sipcodes::{ParseStatusLineError, StatusLine};

fuzz_target!(|data: &[u8]| {
    let strict = StatusLine::parse(data);
    check_error(data, strict.as_ref().err());
    let lenient = StatusLine::parse_lenient(data);
    check_error(data, lenient.as_ref().err());
    if let Ok(line) = strict {
        // The reason phrase is borrowed verbatim and the code is three digits, so writing the
        // line reproduces the input, with the CRLF added if it was left off.
        let mut buffer = vec![0; line.encoded_len()];
        assert_eq!(
            line.write_to_slice(&mut buffer),
            Ok(data.len() + if data.ends_with(b"\r\n") { 0 } else { 2 })
        );
        assert!(buffer.starts_with(data));
        assert_eq!(format!("{line}\r\n").as_bytes(), buffer.as_slice());
        assert!(!line.reason().contains(['\r', '\n']));
        // A phrase the parser took is one the constructor takes, and the line is the same.
        let rebuilt = StatusLine::with_reason(line.code(), line.reason()).expect("accepted phrase");
        assert_eq!((rebuilt.code(), rebuilt.reason()), (line.code(), line.reason()));
        // Lenient parsing accepts whatever strict parsing does, trimming only blanks.
        let lenient = lenient.expect("lenient accepts what strict accepts");
        assert_eq!(lenient.code(), line.code());
        assert_eq!(lenient.reason(), line.reason().trim_matches([' ', '\t']));
    }
    if let Ok(text) = core::str::from_utf8(data) {
        assert_eq!(StatusLine::parse_str(text), strict);
    }

    if let Ok(line) = lenient {
        assert!(!line.reason().contains(['\r', '\n']));
        assert!(!line.reason().ends_with([' ', '\t']));
    }

    let prefix = StatusLine::parse_prefix(data);
    check_error(data, prefix.as_ref().err());
    if let Ok((line, rest)) = prefix {
        // The line and its CRLF, then the rest: parsing just the line gives the same result.
        let consumed = &data[..data.len() - rest.len()];
        assert!(consumed.ends_with(b"\r\n"));
        assert_eq!(StatusLine::parse(consumed), Ok(line));
    }
});

fn check_error(data: &[u8], error: Option<&ParseStatusLineError>) {
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
