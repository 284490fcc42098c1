//! `sipcodes::message` allocates nothing: parsing, the header iterator, lookups, the typed
//! accessors, folded and listed values, and errors, counted by a global allocator that
//! tallies every call. Its own test binary, so the counting allocator sits under this check
//! alone, in one test (a second test thread would allocate and show in the count).

use std::fmt::Write as _;
use std::hint::black_box;

use sipcodes::message::{CSeq, Message, parameter};
mod counting;

use counting::allocations;

const RESPONSE: &[u8] = b"SIP/2.0 200 OK\r\n\
Via: SIP/2.0/UDP server10.biloxi.example.com;branch=z9hG4bK4b43c2ff8.1;received=192.0.2.3\r\n\
Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bK776asdhds;received=192.0.2.1\r\n\
To: Bob <sip:bob@biloxi.example.com>;tag=a6c85cf\r\n\
f: Alice <sip:alice@atlanta.example.com>;tag=1928301774\r\n\
Call-ID: a84b4c76e66710@pc33.atlanta.example.com\r\n\
CSeq: 314159 INVITE\r\n\
Contact: <sip:bob@192.0.2.4>, \"Bob, again\" <sip:bob@192.0.2.5>;q=0.1\r\n\
Subject: folded\r\n over two lines\r\n\
Content-Type: application/sdp\r\n\
Content-Length: 4\r\n\
\r\n\
v=0\n";

const REQUEST: &[u8] = b"\r\n\r\nINVITE sip:bob@biloxi.example.com SIP/2.0\r\n\
v: SIP/2.0/TCP pc33.atlanta.example.com;branch=z9hG4bKnashds8\r\n\
Max-Forwards: 70\r\n\
t: Bob <sip:bob@biloxi.example.com>\r\n\
From: \"Alice \\\x07\" <sip:alice@atlanta.example.com>;tag=1928301774\r\n\
i: a84b4c76e66710\r\n\
CSeq: 1 INVITE\r\n\
l: 0\r\n\
\r\n";

fn reading(message: &Message<'_>, text: &mut String) {
    black_box((
        message.start_line(),
        message.method(),
        message.status(),
        message.is_request(),
    ));
    black_box((
        message.call_id(),
        message.cseq(),
        message.content_length(),
        message.content_type(),
    ));
    black_box((
        message.to_tag(),
        message.from_tag(),
        message.top_via_branch(),
        message.body(),
    ));
    black_box(message.via_branches().count());
    for contact in message.header_values("Contact") {
        black_box(parameter(contact, "q"));
    }
    black_box(message.headers_named("m").count());
    for header in message.headers() {
        black_box((header.name(), header.value(), header.offset(), header.is("Subject")));
        black_box(header.values().count());
        let unfolded = header.unfolded();
        black_box((unfolded == "folded over two lines", unfolded.parts().count()));
        text.clear();
        write!(text, "{unfolded}").unwrap();
    }
    black_box(CSeq::parse("1 INVITE"));
}

#[test]
fn parsing_and_reading_a_message_allocate_nothing() {
    // The counter works: a boxed value is one allocation and one deallocation.
    assert_eq!(allocations(|| drop(black_box(Box::new(486_u16)))), 2);
    assert_eq!(allocations(|| drop(black_box(String::from("486")))), 2);

    let mut text = String::with_capacity(256);
    assert_eq!(
        allocations(|| {
            let message = Message::parse(black_box(RESPONSE)).unwrap();
            reading(&message, &mut text);
            let (message, taken) = Message::parse_prefix(black_box(REQUEST)).unwrap();
            black_box(taken);
            reading(&message, &mut text);
        }),
        0,
        "parsing and reading"
    );

    let mut stream = Vec::with_capacity(RESPONSE.len() + REQUEST.len());
    stream.extend_from_slice(RESPONSE);
    stream.extend_from_slice(REQUEST);
    assert_eq!(
        allocations(|| {
            for cut in 0..stream.len() {
                black_box(Message::parse_prefix(black_box(&stream[..cut])).ok());
            }
            for bad in [
                b"INVITE <sip:a> SIP/2.0\r\n\r\n".as_slice(),
                b"SIP/2.0 2000 OK\r\n\r\n",
                b"OPTIONS sip:a SIP/2.0\r\nl: 1\r\nl: 1\r\n\r\nx",
                b"OPTIONS sip:a SIP/2.0\r\nTo: \xC3\x28\r\n\r\n",
            ] {
                let error = Message::parse(black_box(bad)).unwrap_err();
                text.clear();
                write!(text, "{error}").unwrap();
                black_box((error.kind(), error.offset(), error.found()));
            }
        }),
        0,
        "streams and errors"
    );
}
