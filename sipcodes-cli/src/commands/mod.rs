//! The commands: each reads SIP messages from [`input`](crate::input) (or the code tables)
//! and reports.

pub mod progress;
pub mod q850;
pub mod stats;

/// How a command writes its report.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutputFormat {
    /// Aligned text for people.
    Text,
    /// One JSON object.
    Json,
}
