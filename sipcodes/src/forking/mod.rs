//! Best response across forked branches: RFC 3261 §16.7's response context for forking
//! proxies, B2BUAs and parallel ringing.
//!
//! A request forked to several targets gets a response, or none, from each. RFC 3261 §16.7
//! says which responses go upstream at once, which wait, when the other branches are
//! cancelled, and which single final response is sent once every branch is done; §16.8 and
//! §16.9 add Timer C and transport errors, RFC 4320 §4 the rules for non-INVITE requests,
//! and RFC 6026 §8 what happens to responses that come too late. These are decisions over
//! status codes and transaction state only, so they live here:
//!
//! - [`select_best`] (and [`select_best_with`] for a [`Policy`] of your own): the choice
//!   among stored final responses (§16.7 step 6), a pure function over a slice;
//! - [`challenges`]: the 401 and 407 responses whose challenges are merged into a chosen
//!   401 or 407 (step 7);
//! - [`ResponseContext`]: the whole of §16.7 for one request, fed branch events, answering
//!   what to forward, hold or drop, which branches to CANCEL, and what to send at the end.
//!
//! Everything is `no_std` and allocation-free: a context holds at most `N` branches, a
//! const generic.
//!
//! Where RFC 3261 leaves a choice, the default ([`Policy::RFC3261`]) takes, inside the
//! chosen class, the first response stored, with 401, 407, 415, 420 and 484 first in 4xx
//! and 503 last in 5xx, and sends every chosen 503 as 500. [`Ranking::Kamailio`] and the
//! [`Remap503`] variants are the alternatives.
//!
//! ```
//! use sipcodes::StatusCode;
//! use sipcodes::forking::{Choice, Disposition, ResponseContext, Transaction};
//!
//! let code = |number| StatusCode::from_u16(number).unwrap();
//! let mut context = ResponseContext::<u32, 8>::new(Transaction::Invite);
//! let desk = context.add_branch()?;
//! let mobile = context.add_branch()?;
//! // No more targets. Closing is an event like the others: had every branch been done
//! // already, its answer would carry the final response to send.
//! let answer = context.close();
//! assert_eq!(answer.choice, Choice::NotNow); // both branches are pending
//!
//! // A 6xx is held, and the other branch is cancelled once it has rung.
//! let answer = context.on_response(desk, code(603), 1)?;
//! assert_eq!(answer.disposition, Disposition::Hold);
//! let answer = context.on_response(mobile, code(180), 2)?;
//! assert_eq!(answer.disposition, Disposition::Forward(2));
//! assert!(answer.cancel.contains(mobile));
//!
//! // The cancelled branch answers 487; now the 603 goes upstream.
//! let answer = context.on_response(mobile, code(487), 3)?;
//! let Choice::Send(best) = answer.choice else { panic!("both branches are done") };
//! assert_eq!(best.status().as_u16(), 603);
//! assert_eq!(context.best().unwrap().response(), Some(&1));
//! # Ok::<(), sipcodes::forking::ContextError>(())
//! ```

mod context;
mod select;

pub use context::{
    Answer, Best, BranchId, Cancels, Choice, Closed, ContextError, Disposition, DropReason, ResponseContext,
};
pub use select::{Policy, Ranking, Remap503, Selection, Transaction, challenges, select_best, select_best_with};
