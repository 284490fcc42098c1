//! The inputs every benchmark (`benches/status_codes.rs`) and `tests/allocations.rs` run on,
//! so that what is timed and what is counted are the same operations on the same data.

/// A realistic mix: the codes of ordinary calls, registrations and cancels, the commonest
/// most often, and four codes that no RFC registers (499, 299, 150, 699).
pub const MIX: [u16; 16] = [
    100, 180, 183, 200, 200, 401, 407, 486, 487, 100, 180, 200, 499, 299, 150, 699,
];

/// Status lines with their CRLF, from the mix (`parse` and friends).
pub const LINES: [&str; 8] = [
    "SIP/2.0 100 Trying\r\n",
    "SIP/2.0 180 Ringing\r\n",
    "SIP/2.0 183 Session Progress\r\n",
    "SIP/2.0 200 OK\r\n",
    "SIP/2.0 401 Unauthorized\r\n",
    "SIP/2.0 407 Proxy Authentication Required\r\n",
    "SIP/2.0 486 Busy Here\r\n",
    "SIP/2.0 487 Request Terminated\r\n",
];

/// Status lines whose phrase is not the registered one: other wordings and cases that peers
/// send, and codes that no RFC registers. Parsing cannot take its registered-phrase shortcut
/// on these, so they show the cost of a full scan of the phrase.
pub const OTHER_LINES: [&str; 8] = [
    "SIP/2.0 100 trying -- your call is important to us\r\n",
    "SIP/2.0 180 Ringing (forked)\r\n",
    "SIP/2.0 183 Session progress\r\n",
    "SIP/2.0 200 Ok\r\n",
    "SIP/2.0 401 Unauthorised\r\n",
    "SIP/2.0 480 Temporarily not available\r\n",
    "SIP/2.0 486 Busy here\r\n",
    "SIP/2.0 499 Request blocked by policy\r\n",
];

/// Reason phrases as they are looked up: the registered wording, other ASCII case, and one
/// that no code has.
pub const PHRASES: [&str; 8] = [
    "Trying",
    "Ringing",
    "Session Progress",
    "OK",
    "Unauthorized",
    "proxy authentication required",
    "Busy Here",
    "Spam Suspected",
];

/// A 200 to an INVITE that crossed two proxies, in the style of RFC 3665's call flows: the
/// head of a typical SIP response, ten header fields (`benches/message.rs`, `benches/audit.rs`).
#[allow(
    dead_code,
    reason = "tests/allocations.rs includes this file, and parses no whole message"
)]
pub const TEN_HEADER_RESPONSE: &str = concat!(
    "SIP/2.0 200 OK\r\n",
    "Via: SIP/2.0/UDP ss2.biloxi.example.com:5060;branch=z9hG4bK721e418c4.1;received=192.0.2.222\r\n",
    "Via: SIP/2.0/UDP ss1.atlanta.example.com:5060;branch=z9hG4bK2d4790.1;received=192.0.2.111\r\n",
    "Via: SIP/2.0/UDP client.atlanta.example.com:5060;branch=z9hG4bK74bf9;received=192.0.2.101\r\n",
    "Record-Route: <sip:ss2.biloxi.example.com;lr>, <sip:ss1.atlanta.example.com;lr>\r\n",
    "From: Alice <sip:alice@atlanta.example.com>;tag=9fxced76sl\r\n",
    "To: Bob <sip:bob@biloxi.example.com>;tag=314159\r\n",
    "Call-ID: 3848276298220188511@atlanta.example.com\r\n",
    "CSeq: 2 INVITE\r\n",
    "Contact: <sip:bob@client.biloxi.example.com>\r\n",
    "Content-Length: 0\r\n",
    "\r\n",
);

/// A 486 with a Reason and a Warning value to read, ten header fields too
/// (`benches/audit.rs`).
#[allow(
    dead_code,
    reason = "tests/allocations.rs includes this file, and parses no whole message"
)]
pub const BUSY_RESPONSE: &str = concat!(
    "SIP/2.0 486 Busy Here\r\n",
    "Via: SIP/2.0/UDP ss2.biloxi.example.com:5060;branch=z9hG4bK721e418c4.1;received=192.0.2.222\r\n",
    "Via: SIP/2.0/UDP ss1.atlanta.example.com:5060;branch=z9hG4bK2d4790.1;received=192.0.2.111\r\n",
    "Via: SIP/2.0/UDP client.atlanta.example.com:5060;branch=z9hG4bK74bf9;received=192.0.2.101\r\n",
    "From: Alice <sip:alice@atlanta.example.com>;tag=9fxced76sl\r\n",
    "To: Bob <sip:bob@biloxi.example.com>;tag=314159\r\n",
    "Call-ID: 3848276298220188511@atlanta.example.com\r\n",
    "CSeq: 2 INVITE\r\n",
    "Reason: Q.850;cause=17;text=\"User busy\"\r\n",
    "Warning: 399 ss2.biloxi.example.com \"Busy\"\r\n",
    "Content-Length: 0\r\n",
    "\r\n",
);
