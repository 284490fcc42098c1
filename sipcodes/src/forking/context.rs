//! A forking proxy's response context (RFC 3261 §16.7), fed one branch event at a time.

use core::fmt;

use super::select::{Policy, Selection, Transaction, select_best_with};
use crate::{Code, StatusCode};

/// A branch (client transaction) of a [`ResponseContext`], as returned by
/// [`ResponseContext::add_branch`].
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub struct BranchId(usize);

impl BranchId {
    /// The branch's position: 0 for the first branch added, 1 for the next, and so on.
    #[must_use]
    pub const fn index(self) -> usize {
        self.0
    }
}

impl fmt::Display for BranchId {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "branch {}", self.0)
    }
}

/// What to do with the response an event passed in ([`Answer::disposition`]).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Disposition<R> {
    /// Forward it upstream now (RFC 3261 §16.7 step 5): a provisional response other than 100
    /// to an INVITE, or a 2xx. Your handle comes back.
    Forward(R),
    /// The context keeps it as a candidate for the best final response (§16.7 step 4); if it
    /// is chosen, [`ResponseContext::best`] points at it.
    Hold,
    /// Do not forward it; your handle comes back, with the reason.
    Drop(R, DropReason),
    /// The event carried no response (Timer C, a transport error, a terminated branch,
    /// closing the context or a CANCEL).
    Nothing,
}

/// Why a response is not forwarded ([`Disposition::Drop`]).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
#[non_exhaustive]
pub enum DropReason {
    /// A 100 (Trying): a stateful proxy never forwards one (RFC 3261 §16.7 step 5, §21.1.1).
    Trying,
    /// A provisional response to a non-INVITE request: only 100 may be sent to one
    /// (RFC 4320 §4.1), and 100 is never forwarded.
    ProvisionalToNonInvite,
    /// A final response has been sent upstream already: after that only a 2xx to an INVITE
    /// is forwarded, and nothing more is stored (RFC 3261 §16.7 steps 4 and 5).
    FinalSent,
    /// The branch already had a final response, and this one is not a further 2xx to an
    /// INVITE: a client transaction passes up one final response (RFC 3261 §17.1.1.2,
    /// §17.1.2.2), except for the 2xx responses of a forked INVITE (RFC 6026 §7.2).
    BranchFinished,
    /// The branch was terminated (by [`ResponseContext::on_terminated`], Timer C or a transport
    /// error): there is no client transaction to match it, and RFC 6026 §8.2 forbids
    /// forwarding such a response.
    BranchTerminated,
}

/// Whether this event settled the final response (RFC 3261 §16.7 step 6).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Choice {
    /// Nothing to send now: branches are still pending, the context is still open to new
    /// branches, or the final response was settled by an earlier event.
    NotNow,
    /// Every branch is done and no final response was forwarded: send this now.
    /// [`ResponseContext::best`] gives the chosen response's handle and the 401/407 challenges
    /// to merge into it.
    Send(Selection),
    /// Every branch is done, the request is not an INVITE and no final response other than
    /// a 408 was received: send nothing, and let the server transaction time out
    /// (RFC 4320 §4.2).
    SendNothing,
}

/// The branches to CANCEL now (RFC 3261 §16.7 step 10, §16.8, §16.10).
///
/// A branch is listed once: the context remembers the CANCELs it asked for.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct Cancels<const N: usize> {
    branches: [bool; N],
}

impl<const N: usize> Cancels<N> {
    const NONE: Cancels<N> = Cancels { branches: [false; N] };

    fn insert(&mut self, branch: usize) {
        if let Some(slot) = self.branches.get_mut(branch) {
            *slot = true;
        }
    }

    /// The branches to CANCEL, in order.
    pub fn iter(&self) -> impl Iterator<Item = BranchId> + '_ {
        self.branches
            .iter()
            .enumerate()
            .filter(|&(_, &cancel)| cancel)
            .map(|(index, _)| BranchId(index))
    }

    /// Whether `branch` is to be cancelled.
    #[must_use]
    pub fn contains(&self, branch: BranchId) -> bool {
        self.branches.get(branch.0).copied().unwrap_or(false)
    }

    /// How many branches to CANCEL.
    #[must_use]
    pub fn len(&self) -> usize {
        self.branches.iter().filter(|&&cancel| cancel).count()
    }

    /// No branch to CANCEL.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        !self.branches.contains(&true)
    }
}

/// What to do after an event: with the response passed in, with the other branches, and
/// upstream.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
#[must_use = "an answer says which responses to forward and which branches to CANCEL"]
#[non_exhaustive]
pub struct Answer<R, const N: usize> {
    /// What to do with the response the event carried.
    pub disposition: Disposition<R>,
    /// Branches to CANCEL now.
    pub cancel: Cancels<N>,
    /// Whether the best final response was chosen, and what it is.
    pub choice: Choice,
}

impl<R, const N: usize> Answer<R, N> {
    const fn new(disposition: Disposition<R>) -> Self {
        Answer {
            disposition,
            cancel: Cancels::NONE,
            choice: Choice::NotNow,
        }
    }
}

/// A misuse of a [`ResponseContext`]; the context is unchanged.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
#[non_exhaustive]
pub enum ContextError {
    /// The branch was not added to this context.
    UnknownBranch(BranchId),
    /// The context holds at most this many branches (its `N`).
    TooManyBranches {
        /// The capacity.
        capacity: usize,
    },
    /// No new branch may be added, for this reason.
    NoNewBranches(Closed),
    /// Timer C applies to INVITE only (RFC 3261 §16.6 step 11).
    TimerCNotInvite(BranchId),
}

/// Why a [`ResponseContext`] takes no new branches.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
#[non_exhaustive]
pub enum Closed {
    /// [`ResponseContext::close`] was called: the target set is exhausted.
    TargetsExhausted,
    /// A 6xx was received: RFC 3261 §16.7 step 5 forbids new branches in this context.
    GlobalFailure,
    /// A final response was sent upstream.
    FinalSent,
    /// The request was cancelled from upstream (RFC 3261 §16.10).
    Cancelled,
}

impl fmt::Display for ContextError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            ContextError::UnknownBranch(branch) => write!(
                formatter,
                "{branch} is not a branch of this response context: use the ids its add_branch returned"
            ),
            ContextError::TooManyBranches { capacity } => write!(
                formatter,
                "the response context holds at most {capacity} {}: raise its capacity (N) or fork to fewer targets",
                if capacity == 1 { "branch" } else { "branches" }
            ),
            ContextError::NoNewBranches(reason) => {
                let why = match reason {
                    Closed::TargetsExhausted => "it was closed",
                    Closed::GlobalFailure => "a 6xx was received (RFC 3261 section 16.7, step 5)",
                    Closed::FinalSent => "a final response was sent upstream",
                    Closed::Cancelled => "the request was cancelled (RFC 3261 section 16.10)",
                };
                write!(formatter, "no new branch may be added to this response context: {why}")
            }
            ContextError::TimerCNotInvite(branch) => write!(
                formatter,
                "Timer C fired on {branch} of a non-INVITE response context: Timer C runs for INVITE only (RFC 3261 section 16.6, step 11)"
            ),
        }
    }
}

impl core::error::Error for ContextError {}

/// Where a branch's client transaction stands.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Stage {
    /// The request was sent; no response yet.
    Calling,
    /// A provisional response arrived; no final one.
    Proceeding,
    /// A final response arrived; `success` if it was a 2xx.
    Finished { success: bool },
    /// The client transaction is gone.
    Terminated,
}

#[derive(Debug)]
struct Branch<R> {
    stage: Stage,
    /// A CANCEL was asked for.
    cancelled: bool,
    /// The stored final response's handle (none for a 408 or 503 the context stands in for).
    response: Option<R>,
}

/// A forking proxy's response context (RFC 3261 §16.7): it takes the events of each branch
/// and answers which responses to forward, hold or drop, which branches to CANCEL, and, once
/// every branch is done, the final response to send upstream.
///
/// `R` is your handle for a response (the message, an index into your own table, ...): it
/// comes back in [`Disposition::Forward`] and [`Disposition::Drop`], and a held one is what
/// [`ResponseContext::best`] points at. `N` is the most branches the context holds; nothing
/// is allocated, so the context works without `std` or an allocator.
///
/// The protocol rules it applies:
///
/// - forwarded at once while no final response has been sent: every provisional response
///   but 100, and every 2xx; afterwards only a 2xx to an INVITE; never a 100 (RFC 3261
///   §16.7 step 5); for a non-INVITE no provisional at all (RFC 4320 §4.1);
/// - other final responses are held (step 4); a 6xx closes the context to new branches and
///   CANCELs the pending ones (step 5, step 10). A held 6xx is not a final response sent:
///   until it goes up, a provisional response from another branch is still forwarded, and
///   a 2xx goes up in its place (step 5);
/// - a forwarded final response CANCELs every pending branch (step 10). Pending means a
///   provisional response and no final one (step 10), since a CANCEL must not be sent
///   before a provisional response arrives (§9.1): a branch without one is cancelled when its
///   first provisional response comes. Non-INVITE branches are never cancelled (§9.1);
/// - Timer C CANCELs a branch that had a provisional response, and otherwise counts as a
///   408 (§16.8); a transport error counts as a 503 (§16.9);
/// - once the context is closed ([`close`](Self::close), a 6xx, or a [`cancel`](Self::cancel))
///   and every branch is done, the best final response is chosen ([`select_best_with`]),
///   unless a final response was forwarded already (step 6).
///
/// Recursing on a 3xx (step 4) is yours to do: add a branch for each Contact you try before
/// closing, and report the 3xx's branch with [`on_terminated`](Self::on_terminated), not
/// [`on_response`](Self::on_response), when you recurse on all of its contacts, since "the
/// proxy SHOULD NOT add the resulting contactless response to the response context".
///
/// A branch is done when it has a final response or has terminated. RFC 3261 §16.7 step 6
/// waits for every client transaction to terminate, but a client transaction that has a
/// final response passes up no other non-2xx response (§17.1.1.2, §17.1.2.2), so nothing
/// left could change the choice; waiting for Timer D (at least 32 seconds over UDP,
/// §17.1.1.2) would only delay the answer.
///
/// ```
/// use sipcodes::StatusCode;
/// use sipcodes::forking::{Choice, Disposition, ResponseContext, Transaction};
///
/// let code = |number| StatusCode::from_u16(number).unwrap();
/// // Responses are named by &str here; any type will do.
/// let mut context = ResponseContext::<&str, 4>::new(Transaction::Invite);
/// let alice = context.add_branch()?;
/// let bob = context.add_branch()?;
/// let answer = context.close();
/// assert_eq!(answer.choice, Choice::NotNow); // alice and bob are pending
///
/// let answer = context.on_response(alice, code(180), "180 from alice")?;
/// assert_eq!(answer.disposition, Disposition::Forward("180 from alice"));
///
/// let answer = context.on_response(bob, code(486), "486 from bob")?;
/// assert_eq!(answer.disposition, Disposition::Hold);
/// assert_eq!(answer.choice, Choice::NotNow);
///
/// let answer = context.on_response(alice, code(480), "480 from alice")?;
/// let Choice::Send(selection) = answer.choice else { panic!("alice was the last branch") };
/// assert_eq!(selection.status().as_u16(), 486);
/// assert_eq!(context.best().unwrap().response(), Some(&"486 from bob"));
/// # Ok::<(), sipcodes::forking::ContextError>(())
/// ```
#[derive(Debug)]
pub struct ResponseContext<R, const N: usize> {
    transaction: Transaction,
    policy: Policy,
    branches: [Branch<R>; N],
    /// How many branches were added.
    added: usize,
    /// How many of them have neither a final response nor a terminated transaction.
    live: usize,
    /// The stored final responses in the order they arrived, and their branches.
    finals: [StatusCode; N],
    final_branches: [usize; N],
    stored: usize,
    /// Why new branches are refused, if they are.
    closed: Option<Closed>,
    /// A final response was sent upstream (forwarded, or chosen as the best).
    final_sent: bool,
    /// Every pending INVITE branch is to be cancelled, now or at its first provisional.
    cancelling: bool,
    /// The best response, once chosen.
    best: Option<Selection>,
}

impl<R, const N: usize> ResponseContext<R, N> {
    /// An empty context for a request of the given kind, with [`Policy::RFC3261`].
    #[must_use]
    pub fn new(transaction: Transaction) -> Self {
        Self::with_policy(transaction, Policy::RFC3261)
    }

    /// An empty context that chooses the best response with `policy`.
    #[must_use]
    pub fn with_policy(transaction: Transaction, policy: Policy) -> Self {
        ResponseContext {
            transaction,
            policy,
            branches: core::array::from_fn(|_| Branch {
                stage: Stage::Calling,
                cancelled: false,
                response: None,
            }),
            added: 0,
            live: 0,
            finals: [StatusCode::from(Code::Trying); N],
            final_branches: [0; N],
            stored: 0,
            closed: None,
            final_sent: false,
            cancelling: false,
            best: None,
        }
    }

    /// The kind of request the context serves.
    #[must_use]
    pub const fn transaction(&self) -> Transaction {
        self.transaction
    }

    /// The policy the best response is chosen with.
    #[must_use]
    pub const fn policy(&self) -> Policy {
        self.policy
    }

    /// How many branches were added.
    #[must_use]
    pub const fn branch_count(&self) -> usize {
        self.added
    }

    /// Whether a final response was sent upstream: forwarded (a 2xx) or chosen as the best.
    #[must_use]
    pub const fn is_final_sent(&self) -> bool {
        self.final_sent
    }

    /// The final responses stored so far (RFC 3261 §16.7 step 4), in the order they came;
    /// Timer C and transport errors stand in as 408 and 503. [`select_best`](super::select_best)
    /// over this slice is what the context chooses.
    #[must_use]
    pub fn finals(&self) -> &[StatusCode] {
        self.finals.get(..self.stored).unwrap_or(&[])
    }

    /// A new branch: the request is about to be forwarded to one more target.
    ///
    /// # Errors
    ///
    /// [`ContextError::TooManyBranches`] when `N` branches exist, and
    /// [`ContextError::NoNewBranches`] after [`close`](Self::close), a 6xx (RFC 3261 §16.7
    /// step 5), a final response sent upstream, or a [`cancel`](Self::cancel).
    pub fn add_branch(&mut self) -> Result<BranchId, ContextError> {
        if let Some(reason) = self.closed {
            return Err(ContextError::NoNewBranches(reason));
        }
        if self.added >= N {
            return Err(ContextError::TooManyBranches { capacity: N });
        }
        let branch = BranchId(self.added);
        self.added += 1;
        self.live += 1;
        Ok(branch)
    }

    /// No more branches will be added (the target set is exhausted, RFC 3261 §16.6): once
    /// every branch is done, the best response is chosen. A context that is closed already
    /// stays as it is.
    ///
    /// Read the answer: when every branch is done already, closing is the event that settles
    /// the final response, and its [`Answer::choice`] says what to send.
    ///
    /// ```
    /// use sipcodes::StatusCode;
    /// use sipcodes::forking::{Choice, Disposition, ResponseContext, Transaction};
    ///
    /// let code = |number| StatusCode::from_u16(number).unwrap();
    /// let mut context = ResponseContext::<&str, 4>::new(Transaction::Invite);
    /// let gateway = context.add_branch()?;
    /// let phone = context.add_branch()?;
    /// // The gateway cannot be reached (it counts as a 503), and the phone answers 404.
    /// let _unreachable = context.on_transport_error(gateway)?;
    /// let answer = context.on_response(phone, code(404), "phone 404")?;
    /// assert_eq!((answer.disposition, answer.choice), (Disposition::Hold, Choice::NotNow));
    ///
    /// // The target set is exhausted: this answer says "send the 404".
    /// let answer = context.close();
    /// let Choice::Send(best) = answer.choice else { panic!("every branch is done") };
    /// assert_eq!(best.status().as_u16(), 404);
    /// assert_eq!(context.best().unwrap().response(), Some(&"phone 404"));
    /// # Ok::<(), sipcodes::forking::ContextError>(())
    /// ```
    pub fn close(&mut self) -> Answer<R, N> {
        self.close_for(Closed::TargetsExhausted);
        let mut answer = Answer::new(Disposition::Nothing);
        self.settle(&mut answer);
        answer
    }

    /// A CANCEL for the request came from upstream: every pending branch is cancelled and no
    /// new branch is added (RFC 3261 §16.10). The branches then typically answer 487, which
    /// becomes the best response. For a non-INVITE this does nothing, since "A CANCEL request
    /// SHOULD NOT be sent to cancel a request other than INVITE" (RFC 3261 §9.1).
    pub fn cancel(&mut self) -> Answer<R, N> {
        let mut answer = Answer::new(Disposition::Nothing);
        if self.transaction == Transaction::Invite {
            self.close_for(Closed::Cancelled);
            self.cancel_pending(&mut answer);
            self.settle(&mut answer);
        }
        answer
    }

    /// A response arrived on `branch`, with `response` as your handle for it.
    ///
    /// The class of `status` says what the response is: there is no separate call for final
    /// responses, so a 1xx cannot be passed as one.
    ///
    /// Timer C is yours to run: for an INVITE, reset it on a provisional response from 101
    /// to 199 (RFC 3261 §16.7 step 2), and call [`on_timer_c`](Self::on_timer_c) when it fires.
    ///
    /// # Errors
    ///
    /// [`ContextError::UnknownBranch`] if `branch` is not one of this context's.
    pub fn on_response(
        &mut self,
        branch: BranchId,
        status: StatusCode,
        response: R,
    ) -> Result<Answer<R, N>, ContextError> {
        let invite = self.transaction == Transaction::Invite;
        let stage = self.branch_mut(branch)?.stage;
        let mut answer = Answer::new(Disposition::Nothing);
        answer.disposition = match stage {
            Stage::Terminated => Disposition::Drop(response, DropReason::BranchTerminated),
            // RFC 6026 §7.2: a forked INVITE's client transaction passes up every 2xx.
            Stage::Finished { success } if success && invite && status.is_success() => Disposition::Forward(response),
            Stage::Finished { .. } => Disposition::Drop(response, DropReason::BranchFinished),
            Stage::Calling | Stage::Proceeding if status.is_provisional() => {
                self.provisional(branch, status, response, &mut answer)
            }
            Stage::Calling | Stage::Proceeding => self.first_final(branch, status, response, &mut answer),
        };
        self.settle(&mut answer);
        Ok(answer)
    }

    /// A provisional response on a branch with no final one (RFC 3261 §16.7 step 5).
    fn provisional(
        &mut self,
        branch: BranchId,
        status: StatusCode,
        response: R,
        answer: &mut Answer<R, N>,
    ) -> Disposition<R> {
        let cancelling = self.cancelling;
        if let Some(slot) = self.branches.get_mut(branch.0) {
            slot.stage = Stage::Proceeding;
            // §9.1: a CANCEL decided earlier waited for this provisional response.
            if cancelling && !slot.cancelled {
                slot.cancelled = true;
                answer.cancel.insert(branch.0);
            }
        }
        if status.as_u16() == 100 {
            Disposition::Drop(response, DropReason::Trying)
        } else if self.transaction != Transaction::Invite {
            Disposition::Drop(response, DropReason::ProvisionalToNonInvite)
        } else if self.final_sent {
            Disposition::Drop(response, DropReason::FinalSent)
        } else {
            Disposition::Forward(response)
        }
    }

    /// The first final response on a branch (RFC 3261 §16.7 steps 4, 5 and 10).
    fn first_final(
        &mut self,
        branch: BranchId,
        status: StatusCode,
        response: R,
        answer: &mut Answer<R, N>,
    ) -> Disposition<R> {
        let success = status.is_success();
        if let Some(slot) = self.branches.get_mut(branch.0) {
            slot.stage = Stage::Finished { success };
            self.live = self.live.saturating_sub(1);
        }
        if success {
            // A 2xx to an INVITE is always forwarded; a non-INVITE gets one final response.
            if self.transaction == Transaction::NonInvite && self.final_sent {
                return Disposition::Drop(response, DropReason::FinalSent);
            }
            self.final_sent = true;
            self.close_for(Closed::FinalSent);
            self.cancel_pending(answer);
            return Disposition::Forward(response);
        }
        if self.final_sent {
            return Disposition::Drop(response, DropReason::FinalSent);
        }
        if let Some(slot) = self.branches.get_mut(branch.0) {
            slot.response = Some(response);
        }
        self.store(branch.0, status);
        if status.is_global_failure() {
            self.close_for(Closed::GlobalFailure);
            self.cancel_pending(answer);
        }
        Disposition::Hold
    }

    /// Timer C fired on `branch` (RFC 3261 §16.8): a branch that had a provisional response
    /// is cancelled; one that had none is terminated and counts as a 408. A branch that is
    /// done already is left as it is.
    ///
    /// # Errors
    ///
    /// [`ContextError::UnknownBranch`], and [`ContextError::TimerCNotInvite`] in a non-INVITE
    /// context.
    pub fn on_timer_c(&mut self, branch: BranchId) -> Result<Answer<R, N>, ContextError> {
        if self.transaction != Transaction::Invite {
            self.branch_mut(branch)?;
            return Err(ContextError::TimerCNotInvite(branch));
        }
        let slot = self.branch_mut(branch)?;
        let mut answer = Answer::new(Disposition::Nothing);
        match slot.stage {
            Stage::Proceeding => {
                if !slot.cancelled {
                    slot.cancelled = true;
                    answer.cancel.insert(branch.0);
                }
            }
            Stage::Calling => {
                slot.stage = Stage::Terminated;
                self.live = self.live.saturating_sub(1);
                self.store_stand_in(branch.0, Code::RequestTimeout);
            }
            Stage::Finished { .. } | Stage::Terminated => {}
        }
        self.settle(&mut answer);
        Ok(answer)
    }

    /// The transport could not deliver the request on `branch` (RFC 3261 §16.9): the branch
    /// is terminated and counts as a 503. A branch that is done already is left as it is.
    ///
    /// # Errors
    ///
    /// [`ContextError::UnknownBranch`].
    pub fn on_transport_error(&mut self, branch: BranchId) -> Result<Answer<R, N>, ContextError> {
        let slot = self.branch_mut(branch)?;
        let mut answer = Answer::new(Disposition::Nothing);
        if matches!(slot.stage, Stage::Calling | Stage::Proceeding) {
            slot.stage = Stage::Terminated;
            self.live = self.live.saturating_sub(1);
            self.store_stand_in(branch.0, Code::ServiceUnavailable);
        }
        self.settle(&mut answer);
        Ok(answer)
    }

    /// The client transaction of `branch` terminated (a timeout, or its end after a final
    /// response). A branch terminated without a final response adds none; later responses on
    /// it are dropped.
    ///
    /// # Errors
    ///
    /// [`ContextError::UnknownBranch`].
    pub fn on_terminated(&mut self, branch: BranchId) -> Result<Answer<R, N>, ContextError> {
        let slot = self.branch_mut(branch)?;
        let was_live = matches!(slot.stage, Stage::Calling | Stage::Proceeding);
        slot.stage = Stage::Terminated;
        if was_live {
            self.live = self.live.saturating_sub(1);
        }
        let mut answer = Answer::new(Disposition::Nothing);
        self.settle(&mut answer);
        Ok(answer)
    }

    /// The best final response, once an event answered [`Choice::Send`].
    #[must_use]
    pub fn best(&self) -> Option<Best<'_, R, N>> {
        self.best.map(|selection| Best {
            context: self,
            selection,
        })
    }

    fn branch_mut(&mut self, branch: BranchId) -> Result<&mut Branch<R>, ContextError> {
        if branch.0 >= self.added {
            return Err(ContextError::UnknownBranch(branch));
        }
        self.branches
            .get_mut(branch.0)
            .ok_or(ContextError::UnknownBranch(branch))
    }

    fn close_for(&mut self, reason: Closed) {
        if self.closed.is_none() {
            self.closed = Some(reason);
        }
    }

    /// Stores a final response (RFC 3261 §16.7 step 4), unless one was sent upstream.
    fn store(&mut self, branch: usize, status: StatusCode) {
        if self.final_sent {
            return;
        }
        if let (Some(final_slot), Some(branch_slot)) = (
            self.finals.get_mut(self.stored),
            self.final_branches.get_mut(self.stored),
        ) {
            *final_slot = status;
            *branch_slot = branch;
            self.stored += 1;
        }
    }

    /// Stores the 408 or 503 a proxy acts as if it received (RFC 3261 §16.8, §16.9).
    fn store_stand_in(&mut self, branch: usize, code: Code) {
        self.store(branch, code.into());
    }

    /// RFC 3261 §16.7 step 10: CANCEL every INVITE branch that has a provisional response and
    /// no final one; the others get theirs at their first provisional response (§9.1).
    fn cancel_pending(&mut self, answer: &mut Answer<R, N>) {
        if self.transaction != Transaction::Invite {
            return;
        }
        self.cancelling = true;
        for (index, slot) in self.branches.iter_mut().take(self.added).enumerate() {
            if slot.stage == Stage::Proceeding && !slot.cancelled {
                slot.cancelled = true;
                answer.cancel.insert(index);
            }
        }
    }

    /// RFC 3261 §16.7 step 6: once closed, with every branch done and no final response sent,
    /// choose the best one.
    fn settle(&mut self, answer: &mut Answer<R, N>) {
        if self.final_sent || self.closed.is_none() || self.live > 0 {
            return;
        }
        self.final_sent = true;
        self.best = select_best_with(self.finals(), self.transaction, self.policy);
        answer.choice = match self.best {
            Some(selection) => Choice::Send(selection),
            None => Choice::SendNothing,
        };
    }
}

/// The best final response of a [`ResponseContext`], and the responses its challenges come
/// from.
#[derive(Debug)]
pub struct Best<'a, R, const N: usize> {
    context: &'a ResponseContext<R, N>,
    selection: Selection,
}

impl<'a, R, const N: usize> Best<'a, R, N> {
    /// The choice: the status to send, and its position in [`ResponseContext::finals`].
    #[must_use]
    pub const fn selection(&self) -> Selection {
        self.selection
    }

    /// The status code to send upstream.
    #[must_use]
    pub const fn status(&self) -> StatusCode {
        self.selection.status()
    }

    /// The branch the chosen response came from; `None` for the 408 sent when an INVITE got
    /// no final response.
    #[must_use]
    pub fn branch(&self) -> Option<BranchId> {
        let index = self.selection.index()?;
        self.context.final_branches.get(index).copied().map(BranchId)
    }

    /// Your handle for the chosen response. `None` when the context stands in for it: the 408
    /// of a Timer C or of an INVITE with no final response, or the 503 of a transport error.
    /// When [`status`](Self::status) differs from the response's own code (a 503 sent as 500),
    /// send a new response with that status.
    #[must_use]
    pub fn response(&self) -> Option<&'a R> {
        let branch = self.branch()?;
        self.context.branches.get(branch.0)?.response.as_ref()
    }

    /// When the status is 401 or 407, the other 401 and 407 responses received, whose
    /// WWW-Authenticate and Proxy-Authenticate values are to be added unchanged to the one
    /// sent (RFC 3261 §16.7 step 7); empty otherwise.
    pub fn challenges(&self) -> impl Iterator<Item = (BranchId, &'a R)> + 'a {
        let context = self.context;
        let selection = self.selection;
        super::select::challenges(context.finals(), selection).filter_map(move |index| {
            let branch = *context.final_branches.get(index)?;
            let response = context.branches.get(branch)?.response.as_ref()?;
            Some((BranchId(branch), response))
        })
    }
}
