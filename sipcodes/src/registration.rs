//! Where a code stands in the registry.

use core::fmt;

/// Whether a code is in current use (from the `status` key of `codes.toml`).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
#[non_exhaustive]
pub enum Registration {
    /// Registered and in use.
    Current,
    /// Registered, but a later RFC says not to send it any more.
    Deprecated,
    /// No longer part of SIP: defined by an RFC that was replaced, kept for old peers.
    Obsolete,
}

impl fmt::Display for Registration {
    /// Writes `current`, `deprecated` or `obsolete`.
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(match self {
            Registration::Current => "current",
            Registration::Deprecated => "deprecated",
            Registration::Obsolete => "obsolete",
        })
    }
}
