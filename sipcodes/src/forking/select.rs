//! Choosing the best final response (RFC 3261 §16.7 step 6), as a pure function.

use crate::{Class, Code, StatusCode};

/// The request a response context serves: the rules differ for INVITE.
///
/// RFC 3261 §16.7 step 5 forwards late 2xx responses only for INVITE, step 6 answers an
/// INVITE that got no final response with 408, and RFC 4320 §4 forbids a 408, or any
/// provisional response other than 100, to a non-INVITE request.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Transaction {
    /// An INVITE request.
    Invite,
    /// Any other request (BYE, OPTIONS, MESSAGE, REGISTER, ...). CANCEL and ACK are never
    /// forked through a response context (RFC 3261 §16.10, §16.11), so they do not come here.
    NonInvite,
}

/// How responses inside the chosen class are ranked.
///
/// RFC 3261 §16.7 step 6 fixes the class (6xx if any, else the lowest) and leaves the choice
/// inside it to the proxy, with one SHOULD: prefer, in 4xx, the responses that tell the
/// caller how to resubmit (401, 407, 415, 420, 484). Both rankings follow that. A code that
/// is not registered ranks as the x00 code of its class, as RFC 3261 §8.1.3.2 tells a client
/// to treat it ([`StatusCode::canonical`]).
///
/// Both rankings put a 2xx before everything, a 6xx included. A response context never
/// stores a 2xx, because step 5 forwards every 2xx at once; a 2xx among the responses given
/// to [`select_best`] is one that was (or is to be) forwarded, and after it no 6xx may go
/// upstream: step 5 calls "a 6xx response followed by a 2xx response" something "which
/// should never be allowed to happen".
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Default)]
#[non_exhaustive]
pub enum Ranking {
    /// The default. Inside the class: in 4xx, 401, 407, 415, 420 and 484 first (RFC 3261
    /// §16.7 step 6); in 5xx, 503 last, because step 6 says not to forward a 503; then the
    /// response stored first (the earliest position in `finals`).
    #[default]
    Rfc3261,
    /// Kamailio's tm module (`t_pick_branch`, `get_prio` and `resp_class_prio` in
    /// `t_reply.c`): the classes in the order 2xx, 6xx, 3xx, 4xx, 5xx (the same order as
    /// [`Ranking::Rfc3261`]'s: the 2xx first, then step 6's), the same five preferred 4xx
    /// codes, then the lowest code wins (480 before 486, 500 before 503), then the earliest
    /// position. Kamailio compares raw numbers, so an unregistered 499 ranks last in its 4xx
    /// group there; here it ranks as 400.
    Kamailio,
}

/// When a chosen 503 (Service Unavailable) is sent upstream as 500 (Server Internal Error).
///
/// RFC 3261 §16.7 step 6: a proxy SHOULD NOT forward a 503 unless it knows that every request
/// it could proxy would get a 503, and SHOULD send a 500 when a 503 is the only response it
/// received.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Default)]
#[non_exhaustive]
pub enum Remap503 {
    /// The default: every chosen 503 is sent as 500. A response context knows only about one
    /// request, so it can never tell that all requests would fail; this is the general
    /// SHOULD NOT of step 6. Kamailio (`remap_503_500`, on by default) and repro do the same.
    #[default]
    Always,
    /// Only when every final response received is a 503: the narrow reading of step 6's
    /// "the only response that was received". [`Ranking::Rfc3261`] chooses a 503 only when
    /// every final response is a 503, so this differs from `Always` only with
    /// [`Ranking::Kamailio`], which can choose a 503 over a 504.
    WhenAlone,
    /// Never: the 503 is forwarded. For a proxy that knows it cannot serve any request, the
    /// exception step 6 allows. `OpenSIPS` behaves like this (it has no rewrite).
    Never,
}

/// The choices RFC 3261 leaves to a forking proxy, in one value.
///
/// [`Policy::RFC3261`] (also the [`Default`]) is what [`select_best`] uses.
///
/// ```
/// use sipcodes::StatusCode;
/// use sipcodes::forking::{Policy, Ranking, Remap503, Transaction, select_best_with};
///
/// let finals = [486, 480].map(|code| StatusCode::from_u16(code).unwrap());
/// // RFC 3261 default: the first response stored in the chosen class.
/// let best = select_best_with(&finals, Transaction::Invite, Policy::RFC3261).unwrap();
/// assert_eq!(best.status().as_u16(), 486);
/// // Kamailio: the lowest code.
/// let best = select_best_with(&finals, Transaction::Invite, Policy::KAMAILIO).unwrap();
/// assert_eq!(best.status().as_u16(), 480);
///
/// let policy = Policy::RFC3261.with_ranking(Ranking::Kamailio).with_remap_503(Remap503::Never);
/// assert_eq!(policy.ranking(), Ranking::Kamailio);
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Default)]
pub struct Policy {
    ranking: Ranking,
    remap_503: Remap503,
}

impl Policy {
    /// RFC 3261 as written: [`Ranking::Rfc3261`] and [`Remap503::Always`].
    pub const RFC3261: Policy = Policy {
        ranking: Ranking::Rfc3261,
        remap_503: Remap503::Always,
    };

    /// Kamailio tm's defaults: [`Ranking::Kamailio`] and [`Remap503::Always`]
    /// (`remap_503_500 = 1`).
    pub const KAMAILIO: Policy = Policy {
        ranking: Ranking::Kamailio,
        remap_503: Remap503::Always,
    };

    /// This policy with another ranking inside the chosen class.
    #[must_use]
    pub const fn with_ranking(self, ranking: Ranking) -> Policy {
        Policy { ranking, ..self }
    }

    /// This policy with another rule for a chosen 503.
    #[must_use]
    pub const fn with_remap_503(self, remap_503: Remap503) -> Policy {
        Policy { remap_503, ..self }
    }

    /// How responses inside the chosen class are ranked.
    #[must_use]
    pub const fn ranking(self) -> Ranking {
        self.ranking
    }

    /// When a chosen 503 becomes 500.
    #[must_use]
    pub const fn remap_503(self) -> Remap503 {
        self.remap_503
    }
}

/// The final response to send upstream (RFC 3261 §16.7 step 6), and which received response
/// it comes from.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct Selection {
    status: StatusCode,
    index: Option<usize>,
}

impl Selection {
    /// The status code to send upstream: the chosen response's own code, or 500 for a chosen
    /// 503 (see [`Remap503`]), or 408 when an INVITE got no final response at all.
    #[must_use]
    pub const fn status(self) -> StatusCode {
        self.status
    }

    /// The position, in the responses looked at, of the response chosen (for a 503 sent as
    /// 500, the 503's position). `None` only for the 408 that RFC 3261 §16.7 step 6 has a
    /// proxy send when an INVITE got no final response.
    #[must_use]
    pub const fn index(self) -> Option<usize> {
        self.index
    }

    /// Whether the upstream response is 401 or 407, so that RFC 3261 §16.7 step 7 applies:
    /// the WWW-Authenticate and Proxy-Authenticate values of every other 401 and 407 received
    /// ([`challenges`]) are added to it.
    #[must_use]
    pub const fn merges_challenges(self) -> bool {
        is_challenge(self.status)
    }
}

/// Chooses the final response to send upstream once every branch is done (RFC 3261 §16.7
/// step 6), with the default [`Policy::RFC3261`].
///
/// `finals` are the final responses stored in the response context, in the order they were
/// stored; `None` means send nothing.
///
/// - a 2xx if there is one (see below), else a 6xx if there is one, else a response of the
///   lowest class; in 4xx, 401, 407, 415, 420 and 484 first; then the earliest (see
///   [`Ranking::Rfc3261`]);
/// - a chosen 503 is sent as 500 ([`Remap503::Always`]);
/// - no final response: 408 for an INVITE (step 6), nothing for a non-INVITE, which must never
///   get a 408 (RFC 4320 §4.2). For the same reason a received 408 is never chosen for a
///   non-INVITE: another response is, or nothing is sent.
///
/// Provisional (1xx) entries are not final responses and are skipped. A 2xx is chosen over
/// every other response, a 6xx included: step 5 forwards a 2xx at once, and a 6xx must never
/// follow one upstream (see [`Ranking`]). A [`ResponseContext`](super::ResponseContext)
/// forwards its 2xx responses itself and never passes one here.
///
/// ```
/// use sipcodes::StatusCode;
/// use sipcodes::forking::{Transaction, select_best};
///
/// // RFC 3261 §16.7's own example: 503, 407, 501 and 404 received; 407 is forwarded.
/// let finals = [503, 407, 501, 404].map(|code| StatusCode::from_u16(code).unwrap());
/// let best = select_best(&finals, Transaction::Invite).unwrap();
/// assert_eq!(best.status().as_u16(), 407);
/// assert_eq!(best.index(), Some(1));
///
/// // No final response: 408 for an INVITE, nothing for a non-INVITE.
/// assert_eq!(select_best(&[], Transaction::Invite).unwrap().status().as_u16(), 408);
/// assert_eq!(select_best(&[], Transaction::NonInvite), None);
///
/// // A 2xx wins over a 6xx: the caller got the 2xx, and must never get a 6xx after it.
/// let best = select_best(&[603, 200].map(|code| StatusCode::from_u16(code).unwrap()), Transaction::Invite);
/// assert_eq!(best.map(|best| best.status().as_u16()), Some(200));
/// ```
#[must_use]
pub fn select_best(finals: &[StatusCode], transaction: Transaction) -> Option<Selection> {
    select_best_with(finals, transaction, Policy::RFC3261)
}

/// [`select_best`] with a [`Policy`] of your choice.
#[must_use]
pub fn select_best_with(finals: &[StatusCode], transaction: Transaction, policy: Policy) -> Option<Selection> {
    let mut best: Option<(Rank, usize)> = None;
    for (index, &status) in finals.iter().enumerate() {
        if !eligible(status, transaction) {
            continue;
        }
        let rank = rank(status, policy.ranking);
        // A strict comparison keeps the earliest of equal ranks.
        if best.is_none_or(|(best_rank, _)| rank < best_rank) {
            best = Some((rank, index));
        }
    }
    let Some((_, index)) = best else {
        return match transaction {
            Transaction::Invite => Some(Selection {
                status: Code::RequestTimeout.into(),
                index: None,
            }),
            Transaction::NonInvite => None,
        };
    };
    let chosen = finals.get(index).copied()?;
    let status = if is_service_unavailable(chosen) && remaps(policy.remap_503, finals, transaction) {
        Code::ServerInternalError.into()
    } else {
        chosen
    };
    Some(Selection {
        status,
        index: Some(index),
    })
}

/// The positions in `finals` of the 401 and 407 responses other than the chosen one: those
/// whose WWW-Authenticate and Proxy-Authenticate values RFC 3261 §16.7 step 7 has a proxy add,
/// unchanged, to a chosen 401 or 407. Empty when the selection is not a 401 or 407.
///
/// ```
/// use sipcodes::StatusCode;
/// use sipcodes::forking::{Transaction, challenges, select_best};
///
/// let finals = [407, 404, 401].map(|code| StatusCode::from_u16(code).unwrap());
/// let best = select_best(&finals, Transaction::Invite).unwrap();
/// assert_eq!(best.index(), Some(0));
/// assert!(best.merges_challenges());
/// assert!(challenges(&finals, best).eq([2]));
/// ```
pub fn challenges(finals: &[StatusCode], selection: Selection) -> impl Iterator<Item = usize> + '_ {
    let merging = selection.merges_challenges();
    finals
        .iter()
        .enumerate()
        .filter(move |&(index, &status)| merging && is_challenge(status) && Some(index) != selection.index)
        .map(|(index, _)| index)
}

/// 401 or 407: a response carrying authentication challenges (RFC 3261 §16.7 step 7).
pub(crate) const fn is_challenge(status: StatusCode) -> bool {
    matches!(status.as_u16(), 401 | 407)
}

const fn is_service_unavailable(status: StatusCode) -> bool {
    status.as_u16() == 503
}

/// Whether a stored response may be chosen: finals only, and never a 408 for a non-INVITE
/// (RFC 4320 §4.2).
const fn eligible(status: StatusCode, transaction: Transaction) -> bool {
    status.is_final() && !(matches!(transaction, Transaction::NonInvite) && status.as_u16() == 408)
}

/// Whether a chosen 503 is sent as 500.
fn remaps(remap_503: Remap503, finals: &[StatusCode], transaction: Transaction) -> bool {
    match remap_503 {
        Remap503::Always => true,
        Remap503::WhenAlone => finals
            .iter()
            .filter(|status| eligible(**status, transaction))
            .all(|&status| is_service_unavailable(status)),
        Remap503::Never => false,
    }
}

/// Lower is better: the class (2xx, 6xx, 3xx, 4xx, 5xx), then a preference group inside it,
/// then (Kamailio) the code.
type Rank = (u8, u8, u16);

fn rank(status: StatusCode, ranking: Ranking) -> Rank {
    let class = status.class();
    // Step 5: a 2xx before anything, since no 6xx may follow one upstream. Step 6: then a
    // 6xx whenever there is one, otherwise the lowest class.
    let class_rank = match class {
        Class::Success => 0,
        Class::GlobalFailure => 1,
        other => other.digit(),
    };
    // The codes singled out are all registered, so an unregistered code (which §8.1.3.2
    // treats as its class's x00) is never one of them: comparing numbers suffices.
    let group = match status.as_u16() {
        401 | 407 | 415 | 420 | 484 => 0,
        _ if matches!(class, Class::ClientFailure) => 1,
        // Kamailio ranks 503 by its number, after 500 to 502.
        503 if matches!(ranking, Ranking::Rfc3261) => 1,
        _ => 0,
    };
    let number = match ranking {
        Ranking::Rfc3261 => 0,
        // §8.1.3.2: an unregistered code counts as its class's x00.
        Ranking::Kamailio => StatusCode::from(status.canonical()).as_u16(),
    };
    (class_rank, group, number)
}
