//! The six response classes.

use core::fmt;

use crate::ClientReaction;
use crate::code::CLASSES;

/// A response class, given by the first digit of the code (RFC 3261 §7.2).
///
/// Its name, meaning and client reaction come from `codes.toml`.
///
/// ```
/// use sipcodes::Class;
///
/// assert_eq!(Class::from_u16(486), Some(Class::ClientFailure));
/// assert!(Class::GlobalFailure.is_final());
/// assert!(!Class::ClientFailure.advice().is_empty());
/// ```
#[repr(u8)]
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub enum Class {
    /// 1xx: the request was received and is being processed; not a final answer.
    Provisional = 1,
    /// 2xx: the request succeeded.
    Success = 2,
    /// 3xx: the request should be tried at another address.
    Redirection = 3,
    /// 4xx, named "Client Error": the request cannot be fulfilled as sent (RFC 3261 §21
    /// calls the class Request Failure).
    ClientFailure = 4,
    /// 5xx, named "Server Error": the server failed to fulfil an apparently valid request
    /// (RFC 3261 §21 calls the class Server Failure).
    ServerFailure = 5,
    /// 6xx: no server can fulfil the request.
    GlobalFailure = 6,
}

impl Class {
    /// The six classes, 1xx first.
    pub const ALL: &'static [Class] = &[
        Class::Provisional,
        Class::Success,
        Class::Redirection,
        Class::ClientFailure,
        Class::ServerFailure,
        Class::GlobalFailure,
    ];

    /// The class of a code from 100 to 699, or `None` for any other number.
    #[must_use]
    pub const fn from_u16(code: u16) -> Option<Class> {
        match code {
            100..=199 => Some(Class::Provisional),
            200..=299 => Some(Class::Success),
            300..=399 => Some(Class::Redirection),
            400..=499 => Some(Class::ClientFailure),
            500..=599 => Some(Class::ServerFailure),
            600..=699 => Some(Class::GlobalFailure),
            _ => None,
        }
    }

    /// The class's first digit, 1 to 6.
    #[must_use]
    pub const fn digit(self) -> u8 {
        self as u8
    }

    /// The class's name from `codes.toml`, e.g. `"Client Error"` for [`Class::ClientFailure`].
    #[must_use]
    pub const fn name(self) -> &'static str {
        self.facts().name
    }

    /// What responses of this class mean.
    #[must_use]
    pub const fn description(self) -> &'static str {
        self.facts().description
    }

    /// What a client does with a response of this class, in a sentence or two: whether and
    /// where the request may be tried again. The [`advice`](ClientReaction::advice) of
    /// [`client_reaction`](Self::client_reaction).
    #[must_use]
    pub const fn advice(self) -> &'static str {
        self.client_reaction().advice()
    }

    /// What a client does with a response of this class when its code says nothing more
    /// (every code without a reaction of its own in `codes.toml`, and unregistered codes),
    /// with the RFC section that says so.
    ///
    /// ```
    /// use sipcodes::{Class, Reaction};
    ///
    /// assert_eq!(Class::GlobalFailure.client_reaction().reaction(), Reaction::GiveUpEverywhere);
    /// assert_eq!(Class::ClientFailure.client_reaction().advice(), Class::ClientFailure.advice());
    /// ```
    #[must_use]
    pub const fn client_reaction(self) -> &'static ClientReaction {
        &self.facts().client_reaction
    }

    /// Whether responses of this class end the transaction (every class but 1xx).
    #[must_use]
    pub const fn is_final(self) -> bool {
        !matches!(self, Class::Provisional)
    }

    const fn facts(self) -> &'static ClassFacts {
        &CLASSES[self as usize - 1]
    }
}

/// What `codes.toml` says of a class, in its `[class.Nxx]` table: `Code`'s invocation
/// generates the six, 1xx first, as `code::CLASSES`.
#[doc(hidden)]
#[derive(Debug)]
pub struct ClassFacts {
    name: &'static str,
    description: &'static str,
    client_reaction: ClientReaction,
}

/// A class's facts, as the code `codes!` generates for sipcodes' own table writes them. Not a
/// public API.
#[doc(hidden)]
#[must_use]
pub const fn class_facts(name: &'static str, description: &'static str, client_reaction: ClientReaction) -> ClassFacts {
    ClassFacts {
        name,
        description,
        client_reaction,
    }
}

impl fmt::Display for Class {
    /// Writes the class as `4xx Client Error`: its digit and its name.
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "{}xx {}", self.digit(), self.name())
    }
}
