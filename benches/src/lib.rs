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
