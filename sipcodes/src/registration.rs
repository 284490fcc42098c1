//! Where a code stands in the registry.

use core::fmt;

/// Whether a code is in current use (from the `registration` key of `codes.toml`).
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

impl Registration {
    /// Every registration status, in the order of the variants.
    pub const ALL: &'static [Registration] = &[Registration::Current, Registration::Deprecated, Registration::Obsolete];

    /// `"current"`, `"deprecated"` or `"obsolete"`: how `codes.toml`, `Display` and serde
    /// write it.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Registration::Current => "current",
            Registration::Deprecated => "deprecated",
            Registration::Obsolete => "obsolete",
        }
    }
}

impl fmt::Display for Registration {
    /// Writes [`as_str`](Registration::as_str): `current`, `deprecated` or `obsolete`.
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(self.as_str())
    }
}
