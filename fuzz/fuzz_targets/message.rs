//! `Message`'s parsers on arbitrary bytes: no panic, every error inside the input and naming
//! the byte there, a stream's framing consistent with a datagram's, and every accessor of an
//! accepted message reading without panicking and within the message.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sipcodes::message::{Message, ParseMessageError, keep_alive_len, parameter};

fuzz_target!(|data: &[u8]| {
    let datagram = Message::parse(data);
    if let Err(error) = &datagram {
        check_error(data, error);
    }
    if let Ok(message) = &datagram {
        read_all(data, message);
    }

    match Message::parse_prefix(data) {
        Err(error) => check_error(data, &error),
        Ok((message, taken)) => {
            assert!(taken <= data.len());
            assert_eq!(taken, message.keep_alive_len() + message.as_bytes().len());
            assert_eq!(message.keep_alive_len(), keep_alive_len(data));
            read_all(data, &message);
            // What the stream framed reads as the same message when it is a datagram.
            assert_eq!(Message::parse(&data[..taken]), Ok(message));
            // Every strict prefix of it is incomplete.
            for cut in [0, taken / 2, taken.saturating_sub(1)] {
                if cut < taken {
                    assert!(Message::parse_prefix(&data[..cut]).unwrap_err().is_incomplete());
                }
            }
        }
    }
});

fn check_error(data: &[u8], error: &ParseMessageError) {
    assert!(error.offset() <= data.len(), "{error}: offset outside {} bytes", data.len());
    assert_eq!(error.found(), data.get(error.offset()).copied());
    assert_eq!(error.is_incomplete(), error.offset() == data.len(), "{error}");
    assert!(!error.to_string().is_empty());
}

fn read_all(data: &[u8], message: &Message<'_>) {
    assert!(message.as_bytes().len() + message.keep_alive_len() <= data.len());
    assert!(message.as_bytes().ends_with(message.body()));
    assert!(message.head().ends_with(b"\r\n\r\n"));
    if let Some(length) = message.content_length() {
        assert_eq!(message.body().len(), length);
    }
    let _ = (message.start_line(), message.method(), message.status(), message.cseq());
    let _ = (message.call_id(), message.content_type(), message.to_tag(), message.from_tag());
    let _ = (message.top_via_branch(), message.via_branches().count());
    for header in message.headers() {
        assert_eq!(&data[header.offset()..][..header.name().len()], header.name().as_bytes());
        assert_eq!(&data[header.value_offset()..][..header.value().len()], header.value().as_bytes());
        assert!(header.is(header.name()));
        assert_eq!(message.header(header.name()).map(|first| first.is(header.name())), Some(true));
        let unfolded = header.unfolded();
        assert!(unfolded == unfolded.to_string().as_str());
        for value in header.values() {
            let _ = parameter(value, "tag");
        }
    }
}
