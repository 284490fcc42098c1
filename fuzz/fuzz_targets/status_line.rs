//! `StatusLine`'s parsers on arbitrary bytes: no panic, errors inside the input, every
//! accepted line written back byte for byte, and the prefix parsers reading the same line as
//! the line parsers of the same grammar.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sipcodes::{ParseStatusLineError, ParseStatusLineErrorKind, StatusLine};

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
        assert!(line.reason_phrase_is_utf8());
        assert!(!line.reason_phrase().contains(['\r', '\n']));
        // A phrase the parser took is one the constructor takes, and the line is the same.
        let rebuilt = StatusLine::with_reason_phrase(line.code(), line.reason_phrase()).expect("accepted phrase");
        assert_eq!((rebuilt.code(), rebuilt.reason_phrase()), (line.code(), line.reason_phrase()));
        // Lenient parsing accepts whatever strict parsing does, trimming only blanks.
        let lenient = lenient.expect("lenient accepts what strict accepts");
        assert_eq!(lenient.code(), line.code());
        assert_eq!(lenient.reason_phrase(), line.reason_phrase().trim_matches([' ', '\t']));
    }
    if let Ok(text) = core::str::from_utf8(data) {
        assert_eq!(StatusLine::parse_str(text), strict);
    }

    if let Ok(line) = lenient {
        check_lenient(&line);
    }

    let prefix = StatusLine::parse_prefix(data);
    check_error(data, prefix.as_ref().err());
    let lenient_prefix = StatusLine::parse_prefix_lenient(data);
    check_error(data, lenient_prefix.as_ref().err());
    // Data after the line: the error names the prefix parser of the same grammar, which
    // then reads the line.
    if let Some(error) = strict.err().filter(|error| error.kind() == ParseStatusLineErrorKind::TrailingData) {
        assert!(error.to_string().ends_with("use `parse_prefix`"), "{error}");
        assert!(prefix.is_ok(), "{error}");
    }
    if let Some(error) = lenient.err().filter(|error| error.kind() == ParseStatusLineErrorKind::TrailingData) {
        assert!(error.to_string().ends_with("use `parse_prefix_lenient`"), "{error}");
        assert!(lenient_prefix.is_ok(), "{error}");
    }
    if let Ok((line, rest)) = prefix {
        // The line and its CRLF, then the rest: parsing just the line gives the same result.
        let consumed = &data[..data.len() - rest.len()];
        assert!(consumed.ends_with(b"\r\n"));
        assert_eq!(StatusLine::parse(consumed), Ok(line));
    }

    if let Ok((line, rest)) = lenient_prefix {
        // The line (after any line endings) and its line ending, then the rest: the lenient
        // line parser reads the same line from what was consumed.
        check_lenient(&line);
        let consumed = &data[..data.len() - rest.len()];
        assert!(consumed.ends_with(b"\n"));
        assert_eq!(StatusLine::parse_lenient(consumed), Ok(line));
        // Whatever strict prefix parsing accepts, lenient prefix parsing reads alike.
        if let Ok((strict, strict_rest)) = prefix {
            assert_eq!((strict.code(), strict_rest), (line.code(), rest));
        }
    }
});

/// What any lenient result holds: one line's phrase, without blanks at its end, its bytes as
/// sent, and text exactly when those bytes are UTF-8 (written with U+FFFD otherwise).
fn check_lenient(line: &StatusLine<'_>) {
    let bytes = line.reason_phrase_bytes();
    assert!(!bytes.iter().any(|byte| matches!(byte, b'\r' | b'\n')));
    assert!(!bytes.ends_with(b" ") && !bytes.ends_with(b"\t"));
    match core::str::from_utf8(bytes) {
        Ok(text) => {
            assert!(line.reason_phrase_is_utf8());
            assert_eq!(line.reason_phrase(), text);
        }
        Err(_) => {
            assert!(!line.reason_phrase_is_utf8());
            assert_eq!(line.reason_phrase(), "");
        }
    }
    // As text, with U+FFFD where it is not UTF-8: what `Display` ends with.
    let lossy = line.reason_phrase_lossy();
    assert_eq!(lossy, String::from_utf8_lossy(bytes));
    assert!(line.to_string().ends_with(&*lossy));
    let mut buffer = vec![0; line.encoded_len()];
    let length = line.write_to_slice(&mut buffer).expect("encoded_len is enough");
    assert!(buffer[..length].ends_with(&[bytes, b"\r\n"].concat()));
}

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
