//! The reading behind the `sipcodes` command: [`input`] turns captures and traces into SIP
//! messages, [`commands`] reports on them. This library exists for the binary and its fuzz
//! targets; its interface is not stable.
#![forbid(unsafe_code)]

pub mod commands;
pub mod input;
