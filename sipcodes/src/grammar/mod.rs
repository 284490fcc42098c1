//! What the parsers share: the choice of grammar, and (for the header-field parsers) the RFC
//! 3261 §25.1 rules they are built from, in `field`, and the comma-separated list of values,
//! in `list`.

#[cfg(any(feature = "reason-warning", feature = "message"))]
#[cfg_attr(
    not(feature = "reason-warning"),
    allow(dead_code, reason = "the message parser uses a part")
)]
mod field;
#[cfg(feature = "reason-warning")]
mod list;

#[cfg(any(feature = "reason-warning", feature = "message"))]
pub(crate) use self::field::*;
#[cfg(feature = "reason-warning")]
pub(crate) use self::list::{List, ListElement, ListIter, value_list};

/// Strict or lenient parsing: each parser's `parse_lenient` lists the slips its lenient
/// grammar forgives.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub(crate) enum Grammar {
    /// The RFC's grammar, with the limits the parser documents.
    Strict,
    /// The RFC's grammar and the slips the parser's `parse_lenient` lists.
    Lenient,
}
