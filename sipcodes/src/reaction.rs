//! What a user agent client does with a response: the next step, as a value to `match` on,
//! and the facts behind it.

use core::fmt;

use crate::Citation;

/// The next step of a user agent client that received a response, from `codes.toml`: a code's
/// own `[code.client_reaction]`, else its class's.
///
/// ```
/// use sipcodes::{Code, Reaction};
///
/// let next_step = |code: Code| match code.reaction() {
///     Reaction::Resubmit => {
///         let fix = code.client_reaction().fix_headers();
///         format!("fix what {fix:?} names, then send again")
///     }
///     Reaction::Failover => "send the same request to the next server".to_owned(),
///     Reaction::RetryLater => "try again later".to_owned(),
///     Reaction::Wait | Reaction::Done | Reaction::Redirect => "carry on".to_owned(),
///     Reaction::GiveUp | Reaction::GiveUpEverywhere => format!("{}", code.reaction()),
/// };
/// assert_eq!(next_step(Code::Unauthorized), r#"fix what ["WWW-Authenticate"] names, then send again"#);
/// assert_eq!(next_step(Code::ServiceUnavailable), "send the same request to the next server");
/// assert_eq!(next_step(Code::BusyEverywhere), "give up everywhere");
/// ```
///
/// The eight values are the whole set, so a `match` can name each and the compiler checks
/// that none is forgotten; `codes!` accepts no other.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Reaction {
    /// A provisional response: the transaction goes on; wait for the final response.
    Wait,
    /// A success: the request did what it asked; nothing to retry.
    Done,
    /// Send the request to the target or targets in the Contact header field.
    Redirect,
    /// Change the request as the response says (see
    /// [`ClientReaction::fix_headers`]), then send it again as a new transaction.
    Resubmit,
    /// The same request may succeed later, after the time in Retry-After if one is given.
    RetryLater,
    /// Send the same request to the next server, flow or proxy.
    Failover,
    /// Do not send this request to this target again unchanged.
    GiveUp,
    /// The answer is final for every location: try no other target (a 6xx).
    GiveUpEverywhere,
}

impl Reaction {
    /// The reaction in words, e.g. `"retry later"`, as [`Display`](fmt::Display) writes it.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Reaction::Wait => "wait",
            Reaction::Done => "done",
            Reaction::Redirect => "redirect",
            Reaction::Resubmit => "resubmit",
            Reaction::RetryLater => "retry later",
            Reaction::Failover => "fail over",
            Reaction::GiveUp => "give up",
            Reaction::GiveUpEverywhere => "give up everywhere",
        }
    }
}

impl fmt::Display for Reaction {
    /// Writes the reaction in words, e.g. `give up everywhere`.
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(self.as_str())
    }
}

/// What a user agent client does with a response, with the facts a stack branches on and the
/// RFC section that states them: returned by the generated `client_reaction` (see
/// [`Code::client_reaction`](crate::Code::client_reaction)) and
/// [`Class::client_reaction`](crate::Class::client_reaction).
///
/// ```
/// use sipcodes::{Code, Reaction};
///
/// let reaction = Code::IntervalTooBrief.client_reaction();
/// assert_eq!(reaction.reaction(), Reaction::Resubmit);
/// assert_eq!(reaction.fix_headers(), ["Min-Expires"]);
/// assert!(!reaction.failover());
/// assert_eq!(reaction.citation().to_string(), "RFC 3261, Section 10.2.8");
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct ClientReaction {
    reaction: Reaction,
    fix_headers: &'static [&'static str],
    failover: bool,
    advice: &'static str,
    citation: Citation,
    class_default: bool,
}

/// A client reaction, as the code `codes!` generates writes one. Not a public API.
#[doc(hidden)]
#[must_use]
#[allow(clippy::fn_params_excessive_bools, reason = "generated calls")]
pub const fn client_reaction(
    reaction: Reaction,
    fix_headers: &'static [&'static str],
    failover: bool,
    advice: &'static str,
    citation: Citation,
    class_default: bool,
) -> ClientReaction {
    ClientReaction {
        reaction,
        fix_headers,
        failover,
        advice,
        citation,
        class_default,
    }
}

impl ClientReaction {
    /// The next step.
    #[must_use]
    pub const fn reaction(&self) -> Reaction {
        self.reaction
    }

    /// For [`Reaction::Resubmit`]: the response header fields that name what to change, e.g.
    /// `["Min-Expires"]` for 423. Empty when no header field does (484: the user supplies a
    /// longer address) and for every other reaction.
    #[must_use]
    pub const fn fix_headers(&self) -> &'static [&'static str] {
        self.fix_headers
    }

    /// Whether an RFC says that trying another server, flow or proxy is appropriate, in the
    /// case the [`advice`](Self::advice) describes: 503 (RFC 3261 §21.5.4), a 408 made
    /// locally because no response came, and the outbound codes 430 and 439 (RFC 5626).
    #[must_use]
    pub const fn failover(&self) -> bool {
        self.failover
    }

    /// What the client does, in a sentence or two.
    #[must_use]
    pub const fn advice(&self) -> &'static str {
        self.advice
    }

    /// The RFC section that states the reaction, e.g. RFC 3261, Section 21.5.4.
    #[must_use]
    pub const fn citation(&self) -> Citation {
        self.citation
    }

    /// Whether this is the reaction of the whole class, the code saying nothing more.
    #[must_use]
    pub const fn is_class_default(&self) -> bool {
        self.class_default
    }
}
