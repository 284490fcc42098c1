//! `StatusLine`: what the parsers accept and reject (with the rule and byte offset), what
//! the writers produce, and properties over every registered code and arbitrary input.

use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use sipcodes::{Code, ParseStatusLineError, ParseStatusLineErrorKind as Kind, StatusCode, StatusLine};

fn code(number: u16) -> StatusCode {
    StatusCode::from_u16(number).expect("a valid code")
}

/// The parts of a parsed line, or the failing rule and offset.
fn parts(parsed: Result<StatusLine<'_>, ParseStatusLineError>) -> Result<(&str, u16, &str), (Kind, usize)> {
    parsed
        .map(|line| (line.version(), line.code().as_u16(), line.reason_phrase()))
        .map_err(|error| (error.kind(), error.offset()))
}

fn parse(line: &[u8]) -> Result<(&str, u16, &str), (Kind, usize)> {
    parts(StatusLine::parse(line))
}

fn parse_lenient(line: &[u8]) -> Result<(&str, u16, &str), (Kind, usize)> {
    parts(StatusLine::parse_lenient(line))
}

#[test]
fn accepts_what_the_grammar_accepts() {
    assert_eq!(parse(b"SIP/2.0 486 Busy Here\r\n"), Ok(("SIP/2.0", 486, "Busy Here")));
    // The CRLF is optional.
    assert_eq!(parse(b"SIP/2.0 486 Busy Here"), Ok(("SIP/2.0", 486, "Busy Here")));
    // §7.1: the version is case-insensitive; it is kept as sent.
    assert_eq!(parse(b"sip/2.0 200 OK"), Ok(("sip/2.0", 200, "OK")));
    assert_eq!(parse(b"Sip/2.0 200 OK"), Ok(("Sip/2.0", 200, "OK")));
    // Any SIP/x.y, digits of any length: deciding what to do with it is the stack's call.
    assert_eq!(parse(b"SIP/3.14 200 OK"), Ok(("SIP/3.14", 200, "OK")));
    // An empty phrase after the second SP.
    assert_eq!(parse(b"SIP/2.0 100 "), Ok(("SIP/2.0", 100, "")));
    assert_eq!(parse(b"SIP/2.0 100 \r\n"), Ok(("SIP/2.0", 100, "")));
    // The registered phrase with more after it is the peer's own phrase.
    assert_eq!(parse(b"SIP/2.0 200 OK then\r\n"), Ok(("SIP/2.0", 200, "OK then")));
    assert_eq!(parse(b"SIP/2.0 200 OKAY"), Ok(("SIP/2.0", 200, "OKAY")));
    // Unregistered codes, with the peer's phrase.
    assert_eq!(
        parse(b"SIP/2.0 499 Spam Detected"),
        Ok(("SIP/2.0", 499, "Spam Detected"))
    );
    assert_eq!(parse(b"SIP/2.0 699 x"), Ok(("SIP/2.0", 699, "x")));
    // Every character class of Reason-Phrase: reserved, mark, escaped, UTF-8, SP, HTAB.
    let every_class = "a;/?:@&=+$,-_.!~*'()%2f%C3%A9 é\t漢字 🙂";
    let line = format!("SIP/2.0 200 {every_class}\r\n");
    assert_eq!(parse(line.as_bytes()), Ok(("SIP/2.0", 200, every_class)));
    // Phrase bytes are kept as they are: spaces at either end, escapes not decoded.
    assert_eq!(parse(b"SIP/2.0 200  OK  "), Ok(("SIP/2.0", 200, " OK  ")));
    // C1 controls are UTF8-NONASCII to the grammar, so they pass.
    assert_eq!(parse("SIP/2.0 200 \u{85}".as_bytes()), Ok(("SIP/2.0", 200, "\u{85}")));
}

/// Whether `part` is a sub-slice of `input` (the same memory, not an equal copy).
fn within(input: &[u8], part: &str) -> bool {
    let range = input.as_ptr_range();
    let part = part.as_bytes().as_ptr_range();
    range.start <= part.start && part.end <= range.end
}

#[test]
fn the_phrase_is_borrowed_from_the_input() {
    // Registered phrases (matched whole) and others (scanned), in every parser: the phrase a
    // caller gets points into its own buffer, so it can compute offsets from it. The version
    // is the input's text; `SIP/2.0` exactly at the start (where its offset is 0) is the
    // crate's constant, which spares it a UTF-8 check; any other spelling is borrowed.
    for text in [
        "SIP/2.0 486 Busy Here\r\n",
        "SIP/2.0 200 OK",
        "sip/2.0 180 Ringing (forked)\r\n",
        "SIP/2.0 499 Spam Detected\r\n",
    ] {
        let input = text.as_bytes();
        let lines = [
            StatusLine::parse(input).unwrap(),
            StatusLine::parse_str(text).unwrap(),
            StatusLine::parse_lenient(input).unwrap(),
        ];
        for line in lines {
            assert_eq!(line.version().as_bytes(), &input[..7], "{text:?}: version");
            if text.starts_with("sip/") {
                assert!(within(input, line.version()), "{text:?}: version");
            }
            assert!(within(input, line.reason_phrase()), "{text:?}: reason");
            let offset = line.reason_phrase().as_ptr() as usize - input.as_ptr() as usize;
            assert_eq!(offset, 12, "{text:?}");
        }
    }
    let message = b"SIP/2.0 200 OK\r\nCSeq: 1 INVITE\r\n\r\n";
    let (line, _) = StatusLine::parse_prefix(message).unwrap();
    assert!(within(message, line.reason_phrase()));
    // After skipped line endings, the version is where it was found.
    let message = b"\r\n\r\nSIP/2.0 200 OK\r\n\r\n";
    let (line, _) = StatusLine::parse_prefix_lenient(message).unwrap();
    assert!(within(message, line.version()) && within(message, line.reason_phrase()));
    assert_eq!(line.version().as_ptr() as usize - message.as_ptr() as usize, 4);
}

#[test]
fn rejects_a_bad_version_at_the_first_wrong_byte() {
    assert_eq!(parse(b""), Err((Kind::SipVersion, 0)));
    assert_eq!(parse(b"HTTP/1.1 200 OK"), Err((Kind::SipVersion, 0)));
    assert_eq!(parse(b"SIPS/2.0 200 OK"), Err((Kind::SipVersion, 3)));
    assert_eq!(parse(b"SIP"), Err((Kind::SipVersion, 3)));
    assert_eq!(parse(b"SIP/ 200 OK"), Err((Kind::SipVersion, 4)));
    assert_eq!(parse(b"SIP/2 200 OK"), Err((Kind::SipVersion, 5)));
    assert_eq!(parse(b"SIP/2. 200 OK"), Err((Kind::SipVersion, 6)));
    assert_eq!(parse(b"SIP/.0 200 OK"), Err((Kind::SipVersion, 4)));
    assert_eq!(parse(b"SIP/2.0a 200 OK"), Err((Kind::SipVersion, 7)));
    assert_eq!(parse(b"SIP/2.0.1 200 OK"), Err((Kind::SipVersion, 7)));
    assert_eq!(parse(b"SIP/2.0"), Err((Kind::SpaceAfterVersion, 7)));
    assert_eq!(parse(b"SIP/2.0\t200 OK"), Err((Kind::SpaceAfterVersion, 7)));
    assert_eq!(parse(b"SIP/2.0/UDP 200 OK"), Err((Kind::SpaceAfterVersion, 7)));
}

#[test]
fn rejects_a_bad_code() {
    assert_eq!(parse(b"SIP/2.0 "), Err((Kind::StatusCode, 8)));
    assert_eq!(parse(b"SIP/2.0  200 OK"), Err((Kind::StatusCode, 8)));
    assert_eq!(parse(b"SIP/2.0 48 Busy"), Err((Kind::StatusCode, 10)));
    assert_eq!(parse(b"SIP/2.0 48"), Err((Kind::StatusCode, 10)));
    assert_eq!(parse(b"SIP/2.0 4x6 Busy"), Err((Kind::StatusCode, 9)));
    assert_eq!(parse(b"SIP/2.0 -48 Busy"), Err((Kind::StatusCode, 8)));
    assert_eq!(parse(b"SIP/2.0 4860 Busy"), Err((Kind::StatusCode, 11)));
    assert_eq!(parse(b"SIP/2.0 099 Low"), Err((Kind::StatusCodeOutOfRange, 8)));
    assert_eq!(parse(b"SIP/2.0 000 Zero"), Err((Kind::StatusCodeOutOfRange, 8)));
    assert_eq!(parse(b"SIP/2.0 700 High"), Err((Kind::StatusCodeOutOfRange, 8)));
    assert_eq!(parse(b"SIP/2.0 999 High"), Err((Kind::StatusCodeOutOfRange, 8)));
}

#[test]
fn requires_the_space_after_the_code() {
    assert_eq!(parse(b"SIP/2.0 200"), Err((Kind::SpaceAfterStatusCode, 11)));
    assert_eq!(parse(b"SIP/2.0 200\r\n"), Err((Kind::SpaceAfterStatusCode, 11)));
    assert_eq!(parse(b"SIP/2.0 200\tOK"), Err((Kind::SpaceAfterStatusCode, 11)));
    assert_eq!(parse(b"SIP/2.0 200OK"), Err((Kind::SpaceAfterStatusCode, 11)));
}

#[test]
fn rejects_what_the_reason_phrase_rule_does_not_allow() {
    for control in (0x00..0x20)
        .chain([0x7f])
        .filter(|byte| ![b'\t', b'\r', b'\n'].contains(byte))
    {
        let line = [b"SIP/2.0 200 O".as_slice(), &[control], b"K"].concat();
        assert_eq!(
            parse(&line),
            Err((Kind::ReasonPhrase, 13)),
            "control byte {control:#04x}"
        );
    }
    for punctuation in *br##""#<>[\]^`{|}"## {
        let line = [b"SIP/2.0 200 O".as_slice(), &[punctuation], b"K"].concat();
        assert_eq!(
            parse(&line),
            Err((Kind::ReasonPhrase, 13)),
            "`{}`",
            char::from(punctuation)
        );
    }
    // `escaped` = "%" HEXDIG HEXDIG; the offset is the byte that is not a hex digit.
    assert_eq!(parse(b"SIP/2.0 200 100%"), Err((Kind::Escape, 16)));
    assert_eq!(parse(b"SIP/2.0 200 100% sure"), Err((Kind::Escape, 16)));
    assert_eq!(parse(b"SIP/2.0 200 %4"), Err((Kind::Escape, 14)));
    assert_eq!(parse(b"SIP/2.0 200 %4g"), Err((Kind::Escape, 14)));
    assert_eq!(parse(b"SIP/2.0 200 %%41"), Err((Kind::Escape, 13)));
}

#[test]
fn the_phrase_scan_stops_at_every_position() {
    // The phrase is scanned eight bytes at a time: a byte the rule rejects, a line ending or
    // a broken escape is found at whatever position it has in, or after, a chunk.
    let phrase = b"Temporarily not available; call back later".as_slice();
    for position in 0..phrase.len() {
        let with = |inserted: &[u8]| {
            [
                b"SIP/2.0 480 ".as_slice(),
                &phrase[..position],
                inserted,
                &phrase[position..],
            ]
            .concat()
        };
        let offset = 12 + position;
        assert_eq!(
            parse(&with(b"\"")),
            Err((Kind::ReasonPhrase, offset)),
            "`\"` at {position}"
        );
        assert_eq!(
            parse_lenient(&with(b"\x01")),
            Err((Kind::ReasonPhrase, offset)),
            "0x01 at {position}"
        );
        assert_eq!(
            parse(&with(b"%4g")),
            Err((Kind::Escape, offset + 2)),
            "`%4g` at {position}"
        );
        assert_eq!(parse(&with(b"\r")), Err((Kind::LineEnding, offset)), "CR at {position}");
        // A line ending there ends the line: the rest of the input follows it.
        let message = with(b"\r\n");
        let (line, rest) = StatusLine::parse_prefix(&message).unwrap();
        assert_eq!(line.reason_phrase().as_bytes(), &phrase[..position]);
        assert_eq!(rest, &phrase[position..]);
        let escaped = [with(b"%41").as_slice(), b"\r\n"].concat();
        assert_eq!(
            parse(&escaped).map(|(_, _, phrase)| phrase.len()),
            Ok(phrase.len() + 3),
            "`%41` at {position}"
        );
    }
}

#[test]
fn rejects_invalid_utf8_at_its_first_byte() {
    // A lone continuation byte, a truncated sequence, an overlong encoding, a surrogate.
    assert_eq!(parse(b"SIP/2.0 200 O\x80K"), Err((Kind::Utf8, 13)));
    assert_eq!(parse(b"SIP/2.0 200 caf\xC3"), Err((Kind::Utf8, 15)));
    assert_eq!(parse(b"SIP/2.0 200 \xC0\xAF"), Err((Kind::Utf8, 12)));
    assert_eq!(parse(b"SIP/2.0 200 \xED\xA0\x80"), Err((Kind::Utf8, 12)));
    assert_eq!(parse(b"SIP/2.0 200 \xFF\r\n"), Err((Kind::Utf8, 12)));
    // The first problem in the line is the one reported, whichever rule it breaks.
    assert_eq!(parse(b"SIP/2.0 200 \xFF<"), Err((Kind::Utf8, 12)));
    assert_eq!(parse(b"SIP/2.0 200 \xFF%"), Err((Kind::Utf8, 12)));
    assert_eq!(parse(b"SIP/2.0 200 \xFF\r"), Err((Kind::Utf8, 12)));
    assert_eq!(parse(b"SIP/2.0 200 <\xFF"), Err((Kind::ReasonPhrase, 12)));
}

#[test]
fn rejects_a_broken_line_ending_and_trailing_data() {
    assert_eq!(parse(b"SIP/2.0 200 OK\r"), Err((Kind::LineEnding, 14)));
    assert_eq!(parse(b"SIP/2.0 200 OK\rVia: x"), Err((Kind::LineEnding, 14)));
    assert_eq!(parse(b"SIP/2.0 200 OK\n"), Err((Kind::LineEnding, 14)));
    assert_eq!(parse(b"SIP/2.0 200 OK\n\r"), Err((Kind::LineEnding, 14)));
    assert_eq!(parse(b"SIP/2.0 200 OK\r\n\r\n"), Err((Kind::TrailingData, 16)));
    assert_eq!(parse(b"SIP/2.0 200 OK\r\nVia: x"), Err((Kind::TrailingData, 16)));
    assert_eq!(
        StatusLine::parse_str("SIP/2.0 200 OK\r\nVia: x").map_err(|error| (error.kind(), error.offset())),
        Err((Kind::TrailingData, 16))
    );
}

#[test]
fn errors_say_what_where_and_what_was_expected() {
    let message = |line: &[u8]| StatusLine::parse(line).unwrap_err().to_string();
    assert_eq!(
        message(b"HTTP/1.1 200 OK"),
        "invalid status line at byte 0: expected the version, `SIP/` then digits `.` digits (SIP-Version), found `H`"
    );
    assert_eq!(
        message(b"SIP/2.0 48"),
        "invalid status line at byte 10: expected a status code of exactly three digits (Status-Code), found the end of the input"
    );
    assert_eq!(
        message(b"SIP/2.0 700 x"),
        "invalid status line at byte 8: expected a status code from 100 to 699 (Status-Code), found `7`"
    );
    assert_eq!(
        message(b"SIP/2.0 200\r\n"),
        "invalid status line at byte 11: expected one space after the status code, even before an empty reason phrase \
         (SP), found a carriage return (CR)"
    );
    assert_eq!(
        message(b"SIP/2.0 200 O\x01K"),
        "invalid status line at byte 13: expected reason-phrase text: no control character but tab, and none of \
         \" # < > [ \\ ] ^ ` { | } (Reason-Phrase), found the byte 0x01"
    );
    assert_eq!(
        message(b"SIP/2.0 200 100%"),
        "invalid status line at byte 16: expected two hex digits after `%` (escaped), found the end of the input"
    );
    assert_eq!(
        message(b"SIP/2.0 200 \xFF"),
        "invalid status line at byte 12: expected valid UTF-8 in the reason phrase (Reason-Phrase), found the byte 0xFF; \
         `parse_lenient` keeps a reason phrase that is not UTF-8 as bytes"
    );
    assert_eq!(
        message(b"SIP/2.0 200 OK\n"),
        "invalid status line at byte 14: expected the line to end with CRLF, and no CR or LF before it (CRLF), found \
         a line feed (LF)"
    );
    assert_eq!(
        message(b"SIP/2.0 200 OK\r\n\t"),
        "invalid status line at byte 16: expected nothing after the CRLF that ends the status line (CRLF), found a tab; \
         to read the status line at the start of a whole message, use `parse_prefix`"
    );
    assert_eq!(
        message(b"\r\nSIP/2.0 200 OK"),
        "invalid status line at byte 0: expected the version at the start of the input, not an empty line before the \
         status line (SIP-Version), found a carriage return (CR); skip the CRLFs a stream carries before a message \
         (keep-alives), or use `parse_prefix_lenient`, which skips them"
    );
    let error = StatusLine::parse(b"SIP/2.0 200 O\x01K").unwrap_err();
    let _: &dyn core::error::Error = &error;
    assert_eq!(error.found(), Some(0x01));
}

#[test]
fn trailing_data_names_the_prefix_parser_of_the_same_grammar() {
    // A whole message given to a line parser: each error names the parser that reads the
    // line at the start of a message, and that parser then takes the input.
    let strict = b"SIP/2.0 200 OK\r\nVia: x\r\n\r\n";
    let error = StatusLine::parse(strict).unwrap_err();
    assert_eq!((error.kind(), error.offset()), (Kind::TrailingData, 16));
    assert!(error.to_string().ends_with("use `parse_prefix`"), "{error}");
    assert!(StatusLine::parse_prefix(strict).is_ok());

    // Lines ended by a bare LF, which only the lenient parsers take: the hint is
    // `parse_prefix_lenient`, since `parse_prefix` rejects the bare LF.
    let bare_lf = b"SIP/2.0 200 OK\nVia: x\n\n";
    let error = StatusLine::parse_lenient(bare_lf).unwrap_err();
    assert_eq!(
        (error.kind(), error.offset(), error.found()),
        (Kind::TrailingData, 15, Some(b'V'))
    );
    assert_eq!(
        error.to_string(),
        "invalid status line at byte 15: expected nothing after the CRLF that ends the status line (CRLF), found `V`; \
         to read the status line at the start of a whole message, use `parse_prefix_lenient`"
    );
    let (line, rest) = StatusLine::parse_prefix_lenient(bare_lf).unwrap();
    assert_eq!((line.code().as_u16(), rest), (200, b"Via: x\n\n".as_slice()));
    assert_eq!(
        StatusLine::parse_prefix(bare_lf).map_err(|error| (error.kind(), error.offset())),
        Err((Kind::LineEnding, 14))
    );
    // The lenient parser names its own prefix parser after a CRLF too.
    let error = StatusLine::parse_lenient(strict).unwrap_err();
    assert!(error.to_string().ends_with("use `parse_prefix_lenient`"), "{error}");

    // A phrase that is not UTF-8 comes before the data after the line, and is the first
    // problem: the error strict parsing reports, which `parse_prefix` would report too.
    let latin_1 = b"SIP/2.0 486 Occup\xE9\r\nVia: x\r\n\r\n";
    for error in [
        StatusLine::parse(latin_1).unwrap_err(),
        StatusLine::parse_prefix(latin_1).unwrap_err(),
    ] {
        assert_eq!((error.kind(), error.offset()), (Kind::Utf8, 17));
    }
    let error = StatusLine::parse_lenient(latin_1).unwrap_err();
    assert_eq!((error.kind(), error.offset()), (Kind::TrailingData, 20));
    assert!(StatusLine::parse_prefix_lenient(latin_1).is_ok());
}

#[test]
fn parse_prefix_returns_the_rest_of_the_message() {
    let message = b"SIP/2.0 180 Ringing\r\nVia: SIP/2.0/UDP host\r\n\r\n";
    let (line, rest) = StatusLine::parse_prefix(message).unwrap();
    assert_eq!((line.code().as_u16(), line.reason_phrase()), (180, "Ringing"));
    assert_eq!(rest, b"Via: SIP/2.0/UDP host\r\n\r\n");
    let (line, rest) = StatusLine::parse_prefix(b"SIP/2.0 100 \r\n").unwrap();
    assert_eq!((line.reason_phrase(), rest), ("", b"".as_slice()));
    // The CRLF is required here: without it the line may not be complete yet.
    let error = StatusLine::parse_prefix(b"SIP/2.0 180 Ringing").unwrap_err();
    assert_eq!((error.kind(), error.offset()), (Kind::LineEnding, 19));
    let error = StatusLine::parse_prefix(b"SIP/2.0 180 Ringing\nVia: x").unwrap_err();
    assert_eq!((error.kind(), error.offset()), (Kind::LineEnding, 19));
}

#[test]
fn strict_parsers_name_a_line_ending_before_the_line() {
    for input in [
        b"\r\nSIP/2.0 200 OK\r\n".as_slice(),
        b"\nSIP/2.0 200 OK\r\n",
        b"\r\n\r\n",
    ] {
        for error in [
            StatusLine::parse(input).unwrap_err(),
            StatusLine::parse_prefix(input).unwrap_err(),
        ] {
            assert_eq!(
                (error.kind(), error.offset()),
                (Kind::LeadingLineEnding, 0),
                "{input:?}"
            );
        }
    }
}

#[test]
fn parse_prefix_lenient_returns_the_rest_after_any_line_ending() {
    let prefix = |message| {
        StatusLine::parse_prefix_lenient(message)
            .map(|(line, rest)| (line.code().as_u16(), line.reason_phrase(), rest))
            .map_err(|error| (error.kind(), error.offset()))
    };
    // What parse_prefix takes, it takes alike.
    let message = b"SIP/2.0 180 Ringing\r\nVia: SIP/2.0/UDP host\r\n\r\n";
    assert_eq!(
        prefix(message),
        Ok((180, "Ringing", b"Via: SIP/2.0/UDP host\r\n\r\n".as_slice()))
    );
    // Keep-alive CRLFs before it, a bare LF after it, blanks and quotes in the phrase.
    assert_eq!(
        prefix(b"\r\n\r\nSIP/2.0  488  \"no common codec\" \nVia: x\n\n"),
        Ok((488, "\"no common codec\"", b"Via: x\n\n".as_slice()))
    );
    assert_eq!(prefix(b"SIP/2.0 200\nVia: x\n"), Ok((200, "", b"Via: x\n".as_slice())));
    assert_eq!(prefix(b"SIP/2.0 200 OK\n"), Ok((200, "OK", b"".as_slice())));
    // A line ending is still required, and a lone CR is still no line ending.
    assert_eq!(prefix(b"SIP/2.0 180 Ringing"), Err((Kind::LineEnding, 19)));
    assert_eq!(prefix(b"SIP/2.0 180 Ringing \t"), Err((Kind::LineEnding, 21)));
    assert_eq!(prefix(b"SIP/2.0 180 Ringing\rVia: x"), Err((Kind::LineEnding, 19)));
    assert_eq!(prefix(b"\r\n"), Err((Kind::SipVersion, 2)));
    // Not UTF-8: the code and the rest are there.
    let (line, rest) =
        StatusLine::parse_prefix_lenient(b"SIP/2.0 480 Indisponible \xE0 pr\xE9sent\r\nVia: x\r\n").unwrap();
    assert_eq!(line.code().as_u16(), 480);
    assert_eq!(line.reason_phrase_bytes(), b"Indisponible \xE0 pr\xE9sent");
    assert_eq!(rest, b"Via: x\r\n");
}

#[test]
fn a_phrase_that_is_not_utf8_is_kept_as_bytes_and_written_as_received() {
    let input = b"\r\nSIP/2.0 486 Occup\xE9\r\n";
    let line = StatusLine::parse_lenient(input).unwrap();
    assert_eq!((line.version(), line.code().as_u16()), ("SIP/2.0", 486));
    assert!(!line.reason_phrase_is_utf8());
    assert_eq!(line.reason_phrase(), "");
    assert_eq!(line.reason_phrase_bytes(), b"Occup\xE9");
    assert!(within(input, line.version()));
    // For logs: the text with U+FFFD, as `Display` writes it, and what String's own lossy
    // conversion gives.
    assert_eq!(line.reason_phrase_lossy(), "Occup\u{FFFD}");
    assert_eq!(line.reason_phrase_lossy(), String::from_utf8_lossy(b"Occup\xE9"));
    assert!(input.as_ptr_range().contains(&line.reason_phrase_bytes().as_ptr()));
    // Display is text: U+FFFD for each invalid sequence. The byte writers send what came.
    assert_eq!(line.to_string(), "SIP/2.0 486 Occup\u{FFFD}");
    let mut buffer = [0; 32];
    let length = line.write_to_slice(&mut buffer).unwrap();
    assert_eq!(&buffer[..length], b"SIP/2.0 486 Occup\xE9\r\n");
    assert_eq!(line.encoded_len(), length);
    let mut wire = Vec::new();
    line.write_to(&mut wire).unwrap();
    assert_eq!(wire, &buffer[..length]);
    // A line that is UTF-8 says so, in every parser and constructor.
    assert!(
        StatusLine::parse_lenient(b"SIP/2.0 486 Occup\xC3\xA9")
            .unwrap()
            .reason_phrase_is_utf8()
    );
    assert!(StatusLine::new(code(486)).reason_phrase_is_utf8());
    // Strict parsing still rejects it, at the first byte that is not UTF-8.
    let error = StatusLine::parse(b"SIP/2.0 486 Occup\xE9\r\n").unwrap_err();
    assert_eq!((error.kind(), error.offset()), (Kind::Utf8, 17));
    let error = StatusLine::parse_prefix(b"SIP/2.0 486 Occup\xE9\r\n").unwrap_err();
    assert_eq!((error.kind(), error.offset()), (Kind::Utf8, 17));
}

#[test]
fn the_lossy_phrase_borrows_whatever_is_utf8() {
    use std::borrow::Cow;
    let input = "SIP/2.0 480 Zurzeit nicht verfügbar\r\n".as_bytes();
    for line in [
        StatusLine::parse(input).unwrap(),
        StatusLine::parse_lenient(input).unwrap(),
    ] {
        let Cow::Borrowed(phrase) = line.reason_phrase_lossy() else {
            panic!("a UTF-8 phrase is borrowed")
        };
        assert_eq!(phrase, "Zurzeit nicht verfügbar");
        assert!(within(input, phrase));
    }
    assert!(matches!(
        StatusLine::new(code(486)).reason_phrase_lossy(),
        Cow::Borrowed("Busy Here")
    ));
    // Each invalid sequence becomes one U+FFFD, the valid text around it kept.
    let line = StatusLine::parse_lenient(b"SIP/2.0 480 Nicht verf\xFCgbar \xC3\xA9\xFF\xFE").unwrap();
    assert_eq!(
        line.reason_phrase_lossy(),
        "Nicht verf\u{FFFD}gbar \u{E9}\u{FFFD}\u{FFFD}"
    );
    assert_eq!(
        line.reason_phrase_lossy(),
        line.to_string().trim_start_matches("SIP/2.0 480 ")
    );
}

#[test]
fn lenient_parsing_forgives_common_slips_only() {
    assert_eq!(parse_lenient(b"SIP/2.0  200   OK\r\n"), Ok(("SIP/2.0", 200, "OK")));
    assert_eq!(parse_lenient(b"SIP/2.0\t200\tOK"), Ok(("SIP/2.0", 200, "OK")));
    // One space after the version, several after the code (the common start, then more).
    assert_eq!(parse_lenient(b"SIP/2.0 200   OK\r\n"), Ok(("SIP/2.0", 200, "OK")));
    assert_eq!(parse_lenient(b"SIP/2.0 100 \tTrying"), Ok(("SIP/2.0", 100, "Trying")));
    assert_eq!(parse_lenient(b"SIP/2.0 200"), Ok(("SIP/2.0", 200, "")));
    assert_eq!(parse_lenient(b"SIP/2.0 200\r\n"), Ok(("SIP/2.0", 200, "")));
    assert_eq!(parse_lenient(b"SIP/2.0 200\n"), Ok(("SIP/2.0", 200, "")));
    assert_eq!(parse_lenient(b"SIP/2.0 200 OK\n"), Ok(("SIP/2.0", 200, "OK")));
    assert_eq!(parse_lenient(b"SIP/2.0 200 OK \t\r\n"), Ok(("SIP/2.0", 200, "OK")));
    assert_eq!(
        parse_lenient(b"SIP/2.0 200 100% <sure> [really]"),
        Ok(("SIP/2.0", 200, "100% <sure> [really]"))
    );
    assert_eq!(parse_lenient(b"SIP/2.0 200 \"OK\""), Ok(("SIP/2.0", 200, "\"OK\"")));
    // Line endings before the line are skipped, whatever their mix.
    assert_eq!(parse_lenient(b"\r\n\r\nSIP/2.0 200 OK"), Ok(("SIP/2.0", 200, "OK")));
    assert_eq!(parse_lenient(b"\n\r\nsip/2.0 200 OK\n"), Ok(("sip/2.0", 200, "OK")));
    // A phrase that is not UTF-8 keeps the line: its text is empty, its bytes are there.
    assert_eq!(parse_lenient(b"SIP/2.0 200 O\xFFK"), Ok(("SIP/2.0", 200, "")));
    let line = StatusLine::parse_lenient(b"SIP/2.0 200 O\xFFK ").unwrap();
    assert_eq!(line.reason_phrase_bytes(), b"O\xFFK");
    // Still an error: the version, the code, controls, a lone CR, trailing data.
    assert_eq!(parse_lenient(b"SIP/2 200 OK"), Err((Kind::SipVersion, 5)));
    // The version's digits run on: `SIP/2.0200` is a version, and `OK` is no code.
    assert_eq!(parse_lenient(b"SIP/2.0200 OK"), Err((Kind::StatusCode, 11)));
    assert_eq!(parse_lenient(b"SIP/2.0 20 OK"), Err((Kind::StatusCode, 10)));
    assert_eq!(parse_lenient(b"SIP/2.0 700 OK"), Err((Kind::StatusCodeOutOfRange, 8)));
    assert_eq!(parse_lenient(b"SIP/2.0 200OK"), Err((Kind::SpaceAfterStatusCode, 11)));
    assert_eq!(parse_lenient(b"SIP/2.0 200 O\x00K"), Err((Kind::ReasonPhrase, 13)));
    assert_eq!(parse_lenient(b"SIP/2.0 200 O\xFF\x00K"), Err((Kind::ReasonPhrase, 14)));
    assert_eq!(parse_lenient(b"\r\n"), Err((Kind::SipVersion, 2)));
    assert_eq!(parse_lenient(b"SIP/2.0 200 OK\rx"), Err((Kind::LineEnding, 14)));
    assert_eq!(parse_lenient(b"SIP/2.0 200 OK\nVia: x"), Err((Kind::TrailingData, 15)));
}

#[test]
fn new_uses_the_registered_phrase_or_that_of_the_code_a_client_acts_on() {
    for &known in Code::ALL {
        let line = StatusLine::new(known.status_code());
        assert_eq!(
            (line.version(), line.code(), line.reason_phrase()),
            ("SIP/2.0", known.status_code(), known.reason_phrase())
        );
        assert_eq!(StatusLine::from(known), line);
    }
    // RFC 3261 §8.1.3.2, read independently of `canonical`: an unknown final code is taken
    // as its class's x00, an unknown provisional code as 183.
    let mut unregistered = 0;
    for number in 100..=699 {
        let status = code(number);
        if status.known().is_none() {
            let acted_on = if number < 200 { 183 } else { number / 100 * 100 };
            let phrase = Code::from_u16(acted_on)
                .expect("183 and every x00 code are registered")
                .reason_phrase();
            let line = StatusLine::new(status);
            assert_eq!(line.reason_phrase(), phrase, "{number}");
            assert_eq!(line.to_string(), format!("SIP/2.0 {number} {phrase}"));
            unregistered += 1;
        }
    }
    assert_eq!(unregistered, 600 - Code::ALL.len());
    // Not the hop-by-hop 100 Trying for an unknown 1xx.
    let provisional = sipcodes_tests::unregistered_code(100);
    assert_eq!(
        StatusLine::new(code(provisional)).to_string(),
        format!("SIP/2.0 {provisional} Session Progress")
    );
}

#[test]
fn the_table_constructor_agrees_with_from_code_and_the_strict_parser() {
    for &known in Code::ALL {
        let line = sipcodes::__private::status_line_from_table(known.into(), known.reason_phrase());
        assert_eq!(line, StatusLine::from(known), "{known}");
        let written = format!("{line}\r\n");
        assert_eq!(StatusLine::parse(written.as_bytes()), Ok(line), "{known}");
        // Parsed, the line borrows the input; written again, it is the same bytes.
        let parsed = StatusLine::parse(written.as_bytes()).unwrap();
        assert_eq!(format!("{parsed}\r\n"), written);
        let mut wire = Vec::new();
        parsed.write_to(&mut wire).unwrap();
        assert_eq!(wire, written.as_bytes());
        // The registered-phrase shortcut gives what the byte-by-byte scan gives.
        assert_eq!(
            StatusLine::with_reason_phrase(known.into(), known.reason_phrase()),
            Ok(line)
        );
    }
}

#[test]
fn a_line_is_the_same_value_however_it_was_made() {
    use std::hash::BuildHasher;
    let hasher = std::collections::hash_map::RandomState::new();
    for number in 100..=699 {
        let made = StatusLine::new(code(number));
        let written = made.to_string();
        // Parsed, made by `new`, or made from the table's own phrase: equal, hashed alike,
        // and shown alike by `Debug`.
        let parsed = StatusLine::parse(written.as_bytes()).unwrap();
        let from_table = sipcodes::__private::status_line_from_table(code(number), made.reason_phrase());
        let own = StatusLine::with_reason_phrase(code(number), made.reason_phrase()).unwrap();
        for other in [parsed, from_table, own] {
            assert_eq!(other, made, "{written}");
            assert_eq!(hasher.hash_one(other), hasher.hash_one(made), "{written}");
            assert_eq!(format!("{other:?}"), format!("{made:?}"));
            assert_eq!(other.to_string(), written);
        }
        // Another phrase is another line, written as given.
        let other = sipcodes::__private::status_line_from_table(code(number), "Ours");
        assert_ne!(other, made);
        assert_eq!(other.to_string(), format!("SIP/2.0 {number} Ours"));
        let mut buffer = [0; 64];
        let length = other.write_to_slice(&mut buffer).unwrap();
        assert_eq!(&buffer[..length], format!("SIP/2.0 {number} Ours\r\n").as_bytes());
    }
    assert_eq!(
        format!("{:?}", StatusLine::new(code(486))),
        r#"StatusLine { version: "SIP/2.0", code: StatusCode(486), reason: Text("Busy Here") }"#
    );
}

#[test]
fn every_code_is_written_alike_by_each_writer() {
    for number in 100..=699 {
        let line = StatusLine::new(code(number));
        let expected = format!("SIP/2.0 {number} {}\r\n", line.reason_phrase());
        assert_eq!(format!("{line}\r\n"), expected);
        let mut buffer = [0; 64];
        let length = line.write_to_slice(&mut buffer).unwrap();
        assert_eq!(&buffer[..length], expected.as_bytes());
        assert_eq!(line.encoded_len(), expected.len());
        let mut wire = Vec::new();
        line.write_to(&mut wire).unwrap();
        assert_eq!(wire, expected.as_bytes());
        // A phrase of one's own after the registered code: no whole-line shortcut.
        let own = StatusLine::with_reason_phrase(code(number), "Ours").unwrap();
        assert_eq!(own.to_string(), format!("SIP/2.0 {number} Ours"));
    }
    // The registered phrase after another version is written as it came.
    let parsed = StatusLine::parse(b"SIP/2.1 486 Busy Here").unwrap();
    assert_eq!(parsed.to_string(), "SIP/2.1 486 Busy Here");
}

#[test]
fn with_reason_checks_the_phrase() {
    let line = StatusLine::with_reason_phrase(code(480), "Nicht erreichbar (Urlaub) ✈").unwrap();
    assert_eq!(line.to_string(), "SIP/2.0 480 Nicht erreichbar (Urlaub) ✈");
    assert_eq!(
        StatusLine::with_reason_phrase(code(200), "").unwrap().to_string(),
        "SIP/2.0 200 "
    );
    let rejected = |phrase| {
        let error = StatusLine::with_reason_phrase(code(200), phrase).unwrap_err();
        (error.kind(), error.offset())
    };
    assert_eq!(rejected("OK\r\nVia: injected"), (Kind::LineEnding, 2));
    assert_eq!(rejected("OK\n"), (Kind::LineEnding, 2));
    assert_eq!(rejected("<b>OK</b>"), (Kind::ReasonPhrase, 0));
    assert_eq!(rejected("50% off"), (Kind::Escape, 3));
    assert_eq!(rejected("bell\u{7}"), (Kind::ReasonPhrase, 4));
}

#[test]
fn writes_the_line_with_and_without_crlf() {
    let line = StatusLine::new(code(486));
    assert_eq!(line.to_string(), "SIP/2.0 486 Busy Here");
    assert_eq!(line.encoded_len(), "SIP/2.0 486 Busy Here\r\n".len());
    let mut buffer = [b'#'; 30];
    assert_eq!(line.write_to_slice(&mut buffer), Ok(23));
    assert_eq!(&buffer, b"SIP/2.0 486 Busy Here\r\n#######");
    // Exactly big enough, and one byte short (nothing is written then).
    assert_eq!(line.write_to_slice(&mut [0; 23]), Ok(23));
    let mut short = [b'#'; 22];
    let error = line.write_to_slice(&mut short).unwrap_err();
    assert_eq!((error.needed(), error.available()), (23, 22));
    assert_eq!(short, [b'#'; 22]);
    assert_eq!(
        error.to_string(),
        "buffer too small for the status line: it needs 23 bytes and has 22; give a buffer of at least \
         `encoded_len()` bytes"
    );
    // A parsed line is written back as it came, version case included.
    let parsed = StatusLine::parse(b"sip/2.0 499 Spam\r\n").unwrap();
    assert_eq!(parsed.to_string(), "sip/2.0 499 Spam");
    assert!(parsed.is_sip_2_0());
    assert!(!StatusLine::parse(b"SIP/2.1 200 OK").unwrap().is_sip_2_0());
}

#[test]
fn write_to_any_io_writer_short_and_long() {
    let mut wire = Vec::new();
    StatusLine::new(code(183)).write_to(&mut wire).unwrap();
    assert_eq!(wire, b"SIP/2.0 183 Session Progress\r\n");
    // Longer than the stack buffer: written in pieces, same bytes.
    let long = "x".repeat(1000);
    let line = StatusLine::with_reason_phrase(code(200), &long).unwrap();
    let mut wire = Vec::new();
    line.write_to(&mut wire).unwrap();
    assert_eq!(wire, format!("SIP/2.0 200 {long}\r\n").as_bytes());
    // A failing writer's error comes back.
    let mut full = [0u8; 4];
    let error = line.write_to(full.as_mut_slice()).unwrap_err();
    assert_eq!(error.kind(), std::io::ErrorKind::WriteZero);
}

#[test]
fn conversions() {
    let line = StatusLine::try_from(b"SIP/2.0 200 OK".as_slice()).unwrap();
    assert_eq!(line, StatusLine::try_from("SIP/2.0 200 OK").unwrap());
    assert_eq!(line, StatusLine::from(code(200)));
    assert!(StatusLine::try_from("SIP/2.0 2000 OK").is_err());
}

/// Whether the line, written with `Display`, parses back to itself.
fn reparses(line: StatusLine<'_>) -> bool {
    let written = line.to_string();
    StatusLine::parse(written.as_bytes()) == Ok(line)
}

/// A line parser, strict or lenient.
type Parser = for<'a> fn(&'a [u8]) -> Result<StatusLine<'a>, ParseStatusLineError>;
/// A prefix parser, strict or lenient.
type PrefixParser = for<'a> fn(&'a [u8]) -> Result<(StatusLine<'a>, &'a [u8]), ParseStatusLineError>;

/// Runs every parser over `line` and over `twin`, a line the grammar treats alike that takes
/// the full scan rather than a shortcut, and checks that they agree: the same `outcome` (and,
/// for `parse_prefix`, the same rest), or the same error at the same offset.
fn parsers_agree<T: PartialEq + std::fmt::Debug>(
    line: &[u8],
    twin: &[u8],
    outcome: impl Fn(StatusLine<'_>) -> T,
) -> Result<(), TestCaseError> {
    let errors = |error: ParseStatusLineError| (error.kind(), error.offset());
    let parsers: [Parser; 2] = [|line| StatusLine::parse(line), |line| StatusLine::parse_lenient(line)];
    for parse in parsers {
        prop_assert_eq!(
            parse(line).map(&outcome).map_err(errors),
            parse(twin).map(&outcome).map_err(errors)
        );
    }
    let prefix_parsers: [PrefixParser; 2] = [
        |message| StatusLine::parse_prefix(message),
        |message| StatusLine::parse_prefix_lenient(message),
    ];
    for parse in prefix_parsers {
        prop_assert_eq!(
            parse(line).map(|(line, rest)| (outcome(line), rest)).map_err(errors),
            parse(twin).map(|(line, rest)| (outcome(line), rest)).map_err(errors)
        );
    }
    if let (Ok(text), Ok(twin)) = (std::str::from_utf8(line), std::str::from_utf8(twin)) {
        prop_assert_eq!(
            StatusLine::parse_str(text).map(&outcome).map_err(errors),
            StatusLine::parse_str(twin).map(&outcome).map_err(errors)
        );
    }
    Ok(())
}

/// Reason-Phrase text: every ASCII character the rule allows, `%HH` escapes, and any
/// non-ASCII character (UTF-8).
fn legal_phrase() -> impl Strategy<Value = String> {
    let ascii: Vec<char> = "abcXYZ0189 \t;/?:@&=+$,-_.!~*'()".chars().collect();
    let piece = prop_oneof![
        4 => proptest::sample::select(ascii).prop_map(String::from),
        1 => (0u8..=255).prop_map(|byte| format!("%{byte:02X}")),
        1 => any::<char>().prop_filter("non-ASCII", |character| !character.is_ascii()).prop_map(String::from),
    ];
    proptest::collection::vec(piece, 0..40).prop_map(|pieces| pieces.concat())
}

proptest! {
    #[test]
    fn every_registered_code_round_trips(index in 0..Code::ALL.len(), phrase in legal_phrase(), crlf: bool) {
        let status = Code::ALL[index].status_code();
        let line = StatusLine::with_reason_phrase(status, &phrase).unwrap();
        let written = format!("{line}{}", if crlf { "\r\n" } else { "" });
        prop_assert_eq!(StatusLine::parse(written.as_bytes()), Ok(line));
        prop_assert_eq!(StatusLine::parse_str(&written), Ok(line));
        let mut buffer = [0; 256];
        let length = line.write_to_slice(&mut buffer).unwrap();
        prop_assert_eq!(StatusLine::parse(&buffer[..length]), Ok(line));
        prop_assert_eq!(StatusLine::parse_prefix(&buffer[..length]), Ok((line, b"".as_slice())));
        prop_assert!(reparses(StatusLine::new(status)));
    }

    /// Parsing matches a line carrying its code's registered phrase whole; whatever follows
    /// the phrase, the result must be what the byte-by-byte scan gives for the same line with
    /// the phrase in lower case (which the grammar treats alike, and which is never the
    /// registered spelling).
    #[test]
    fn the_registered_phrase_shortcut_agrees_with_the_full_scan(
        index in 0..Code::ALL.len(),
        tail in proptest::collection::vec(proptest::sample::select(b"\r\n \t%aZ9\"\x01\x80\xc3\xa9".to_vec()), 0..6),
    ) {
        let registered = Code::ALL[index];
        let start = format!("SIP/2.0 {} ", registered.as_u16());
        let line = [start.as_bytes(), registered.reason_phrase().as_bytes(), &tail].concat();
        let lower = [start.as_bytes(), registered.reason_phrase().to_ascii_lowercase().as_bytes(), &tail].concat();
        parsers_agree(&line, &lower, |line| (line.code(), line.reason_phrase_bytes().to_ascii_lowercase()))?;
    }

    /// Parsing reads a line that starts `SIP/2.0 ddd ` in a few compares; whatever the
    /// separators, digits and phrase, the result must be what the rule-by-rule scan gives for
    /// the same line with the version in lower case (`sip/2.0`, which the grammar treats alike
    /// and the shortcut never takes).
    #[test]
    fn the_common_start_shortcut_agrees_with_the_rule_by_rule_scan(
        before in proptest::sample::select(vec!["", " ", "  ", "\t", " \t"]),
        after in proptest::sample::select(vec!["", " ", "  ", "\t", " \t"]),
        code in prop_oneof![
            (0u16..=999).prop_map(|number| format!("{number:03}")),
            (0u16..=99).prop_map(|number| number.to_string()),
            (1000u16..=9999).prop_map(|number| number.to_string()),
            Just("2x0".to_owned()),
        ],
        phrase in prop_oneof![
            (0..Code::ALL.len()).prop_map(|index| Code::ALL[index].reason_phrase().to_owned()),
            legal_phrase(),
            Just(" OK".to_owned()),
        ],
        tail in proptest::collection::vec(proptest::sample::select(b"\r\n \t%aZ9\"\x01\x80".to_vec()), 0..4),
    ) {
        let rest = [format!("{before}{code}{after}{phrase}").as_bytes(), &tail].concat();
        let line = [b"SIP/2.0".as_slice(), &rest].concat();
        let lower = [b"sip/2.0".as_slice(), &rest].concat();
        parsers_agree(&line, &lower, |line| {
            (line.version().to_ascii_lowercase(), line.code(), line.reason_phrase_bytes().to_owned())
        })?;
    }

    /// For any version and phrase as parsed, `write_to_slice` writes what `Display` writes, and
    /// so does `write_to`.
    #[test]
    fn writing_agrees_with_display(
        sip in proptest::sample::select(vec!["SIP", "sip", "Sip"]),
        major in prop_oneof![Just(2u64), any::<u64>()],
        minor in prop_oneof![Just(0u64), any::<u64>()],
        number in 100u16..=699,
        phrase in legal_phrase(),
    ) {
        let text = format!("{sip}/{major}.{minor} {number} {phrase}\r\n");
        let line = StatusLine::parse_str(&text).unwrap();
        let mut buffer = [0; 512];
        let length = line.write_to_slice(&mut buffer).unwrap();
        prop_assert_eq!(&buffer[..length], text.as_bytes());
        prop_assert_eq!(format!("{line}\r\n"), text.as_str());
        let mut written = Vec::new();
        line.write_to(&mut written).unwrap();
        prop_assert_eq!(written, text.as_bytes());
    }

    /// A line parser given the line and what follows it: when the error is data after the
    /// line, the prefix parser it names reads the line and returns that data.
    #[test]
    fn trailing_data_goes_to_the_prefix_parser_the_error_names(
        start in proptest::sample::select(vec!["SIP/2.0 ", "sip/2.0  ", "SIP/2.0\t"]),
        number in 100u16..=699,
        phrase in prop_oneof![
            legal_phrase().prop_map(String::into_bytes),
            Just(b"Occup\xE9".to_vec()),
            Just(b" \"quoted\" ".to_vec()),
        ],
        ending in proptest::sample::select(vec!["\r\n", "\n"]),
        rest in proptest::collection::vec(any::<u8>(), 1..16),
    ) {
        let message = [start.as_bytes(), number.to_string().as_bytes(), b" ", &phrase, ending.as_bytes(), &rest].concat();
        for (line, prefix, name) in [
            (StatusLine::parse(&message), StatusLine::parse_prefix(&message), "parse_prefix"),
            (StatusLine::parse_lenient(&message), StatusLine::parse_prefix_lenient(&message), "parse_prefix_lenient"),
        ] {
            let Err(error) = line else {
                prop_assert!(false, "data after the line was accepted");
                continue;
            };
            if error.kind() == Kind::TrailingData {
                let hint = format!("use `{name}`");
                prop_assert!(error.to_string().ends_with(&hint), "{}", error);
                let (_, after) = prefix.unwrap();
                prop_assert_eq!(after, rest.as_slice());
            }
        }
    }

    #[test]
    fn every_code_round_trips(number in 100u16..=699, phrase in legal_phrase()) {
        let line = StatusLine::with_reason_phrase(code(number), &phrase).unwrap();
        prop_assert!(reparses(line));
    }

    #[test]
    fn arbitrary_bytes_never_panic_and_errors_point_inside(bytes in proptest::collection::vec(any::<u8>(), 0..64)) {
        for result in [
            StatusLine::parse(&bytes),
            StatusLine::parse_lenient(&bytes),
            StatusLine::parse_prefix(&bytes).map(|(line, _)| line),
            StatusLine::parse_prefix_lenient(&bytes).map(|(line, _)| line),
        ] {
            match result {
                Ok(line) => {
                    // What is accepted is one line, and the strict form of it parses again.
                    prop_assert!(!line.reason_phrase_bytes().iter().any(|byte| matches!(byte, b'\r' | b'\n')));
                    prop_assert_eq!(line.reason_phrase_is_utf8(), std::str::from_utf8(line.reason_phrase_bytes()).is_ok());
                    if let Ok(strict) = StatusLine::parse(&bytes) {
                        prop_assert!(reparses(strict));
                    }
                }
                Err(error) => {
                    prop_assert!(error.offset() <= bytes.len());
                    prop_assert_eq!(error.found(), bytes.get(error.offset()).copied());
                }
            }
        }
    }

    #[test]
    fn near_miss_lines_never_panic(
        start in proptest::sample::select(vec!["", "SIP/2.0 ", "sip/2.0 ", "SIP/2.0", "SIP/", "SIP/2.", "SIP/20 ", "SIP/2.0  "]),
        middle in proptest::collection::vec(proptest::sample::select(b"0123456789 \t\r\n%aF".to_vec()), 0..8),
        tail in proptest::collection::vec(any::<u8>(), 0..16),
    ) {
        let line = [start.as_bytes(), &middle, &tail].concat();
        match StatusLine::parse(&line) {
            Ok(parsed) => prop_assert!(reparses(parsed)),
            Err(error) => prop_assert!(error.offset() <= line.len()),
        }
        if let Err(error) = StatusLine::parse_lenient(&line) {
            prop_assert!(error.offset() <= line.len());
        }
    }

    #[test]
    fn lenient_accepts_everything_strict_accepts(number in 100u16..=699, phrase in legal_phrase()) {
        let written = format!("SIP/2.0 {number} {phrase}\r\n");
        let strict = StatusLine::parse(written.as_bytes()).unwrap();
        let lenient = StatusLine::parse_lenient(written.as_bytes()).unwrap();
        prop_assert_eq!(lenient.code(), strict.code());
        prop_assert_eq!(lenient.reason_phrase(), strict.reason_phrase().trim_end_matches([' ', '\t']).trim_start_matches([' ', '\t']));
    }

    /// The prefix parsers read the same line as the line parsers of the same grammar, whatever
    /// line endings come before it (which only the lenient grammar skips), whatever bytes its
    /// phrase holds and whatever follows it.
    #[test]
    fn prefix_parsers_agree_with_line_parsers(
        leading in proptest::sample::select(vec!["", "\r\n", "\r\n\r\n", "\n"]),
        number in 100u16..=699,
        phrase in proptest::collection::vec(any::<u8>().prop_filter("not a line ending", |byte| !matches!(byte, b'\r' | b'\n')), 0..24),
        ending in proptest::sample::select(vec!["\r\n", "\n"]),
        rest in proptest::sample::select(vec!["", "Via: x\r\n\r\n", "\n", "\r\n"]),
    ) {
        let line = [leading.as_bytes(), format!("SIP/2.0 {number} ").as_bytes(), &phrase, ending.as_bytes()].concat();
        let message = [line.as_slice(), rest.as_bytes()].concat();
        prop_assert_eq!(
            StatusLine::parse_prefix_lenient(&message),
            StatusLine::parse_lenient(&line).map(|parsed| (parsed, rest.as_bytes()))
        );
        prop_assert_eq!(
            StatusLine::parse_prefix(&message),
            StatusLine::parse(&line).map(|parsed| (parsed, rest.as_bytes()))
        );
    }
}
