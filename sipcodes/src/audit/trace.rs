//! The stateful auditor: a trace's messages in order, and the rules about a transaction's
//! responses and a proxy's hops.

use std::collections::{HashMap, VecDeque};
use std::time::Duration;

use super::rules::Check;
use super::{AuditError, AuditErrorKind, Findings, Part, Report, check};
use crate::message::Message;
use crate::q850::Mapping;
use crate::{Class, StatusCode};

/// How long a transaction is remembered after its last message: 64×T1, 32 seconds, the
/// longest RFC 3261 §17 keeps a transaction waiting (Timers B, F, H and J; RFC 6026's
/// Timer L) with T1 at its default of 500 ms.
const LIFETIME: Duration = Duration::from_secs(32);

/// How many To tags of a transaction's branches are remembered; past that, a proxy's own
/// responses on the transaction are not judged.
const BRANCH_TAGS: usize = 8;

/// Reads a trace's messages in the order they were captured and audits each: what
/// [`check_response`](super::check_response) finds in a response, and the rules about a
/// transaction across messages:
///
/// - `final-after-final`: a second, different final response (an INVITE's 2xx from several
///   forks excepted); `2xx-after-6xx`; `provisional-after-final`;
/// - at a proxy, seen at two hops of one transaction (the hop below carries the hop above's
///   Via branch second): `503-relayed`, `branch-after-6xx` (a new branch once a 6xx was
///   received or sent), `proxy-originated-response` (a provisional but 100, or a 2xx, whose
///   To tag none of the branches sent).
///
/// A transaction is the top Via branch with the method (an ACK joins its INVITE's), as RFC
/// 3261 §17.2.3 matches them, stored as a 64-bit hash: two transactions whose hashes collide
/// (a chance of about one in 2^64 for each pair) would be taken for one.
///
/// # Memory
///
/// Bounded whatever the trace's length: a transaction is forgotten 32 seconds (64×T1) after
/// its last message, and at most [`capacity`](Auditor::with_capacity) transactions are kept,
/// the oldest forgotten first (4096 by default). Each takes a fixed 120 bytes or so (no
/// header field is copied), so the default bound is about half a megabyte.
///
/// ```
/// use std::time::Duration;
/// use sipcodes::audit::Auditor;
///
/// let response = |status: &str| format!(
///     "SIP/2.0 {status}\r\nVia: SIP/2.0/UDP a.example.com;branch=z9hG4bK1\r\n\
///      From: <sip:a@example.com>;tag=1\r\nTo: <sip:b@example.com>;tag=2\r\n\
///      Call-ID: c1\r\nCSeq: 1 INVITE\r\nContact: <sip:b@192.0.2.4>\r\nSupported: 100rel\r\n\
///      Content-Length: 0\r\n\r\n"
/// );
/// let mut auditor = Auditor::new();
/// let (declined, ok) = (response("603 Decline"), response("200 OK"));
/// assert!(auditor.observe(Duration::ZERO, declined.as_bytes())?.is_clean());
/// let report = auditor.observe(Duration::from_millis(20), ok.as_bytes())?;
/// let findings: Vec<String> = report.findings().map(|finding| finding.to_string()).collect();
/// assert_eq!(findings, ["200 after a 603 for the same transaction"]);
/// # Ok::<(), sipcodes::audit::AuditError>(())
/// ```
#[derive(Debug)]
pub struct Auditor {
    /// What a Reason's Q.850 cause is judged by.
    profile: &'static dyn Mapping,
    transactions: HashMap<u64, Transaction>,
    /// Every transaction's key once, with when it was put there: oldest first.
    order: VecDeque<(u64, Duration)>,
    capacity: usize,
}

/// What the auditor remembers of one transaction.
#[derive(Clone, Copy, Debug, Default)]
struct Transaction {
    last_seen: Duration,
    /// The first final response, and a hash of its To tag.
    final_status: Option<StatusCode>,
    /// A request was forwarded on a branch of this transaction: the element that received
    /// it is a proxy.
    forwarded: bool,
    /// A branch received a 503.
    branch_503: bool,
    /// A branch received this 6xx.
    branch_6xx: Option<StatusCode>,
    /// The To tags (hashed) of the branches' provisional responses but 100, and 2xx.
    branch_tags: [u64; BRANCH_TAGS],
    branch_tag_count: usize,
}

impl Default for Auditor {
    fn default() -> Self {
        Auditor::new()
    }
}

impl Auditor {
    /// An auditor that remembers at most 4096 transactions.
    #[must_use]
    pub fn new() -> Self {
        Auditor::with_capacity(4096)
    }

    /// An auditor that judges a Reason's Q.850 cause by `profile` rather than RFC 3398 (see
    /// [`check_response_with_profile`](super::check_response_with_profile)), and remembers
    /// at most 4096 transactions.
    #[must_use]
    pub fn with_profile(profile: &'static dyn Mapping) -> Self {
        Auditor {
            profile,
            ..Auditor::new()
        }
    }

    /// An auditor that remembers at most `capacity` transactions (at least one).
    #[must_use]
    pub fn with_capacity(capacity: usize) -> Self {
        Auditor {
            profile: super::DEFAULT_PROFILE,
            transactions: HashMap::new(),
            order: VecDeque::new(),
            capacity: capacity.max(1),
        }
    }

    /// The interworking profile a Reason's Q.850 cause is judged by.
    #[must_use]
    pub fn profile(&self) -> &'static dyn Mapping {
        self.profile
    }

    /// How many transactions are remembered now.
    #[must_use]
    pub fn len(&self) -> usize {
        self.transactions.len()
    }

    /// Whether no transaction is remembered.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.transactions.is_empty()
    }

    /// Audits the next message of the trace, captured at `at` (any clock that does not go
    /// backwards: since the capture began, say). A request's report has no status line, and
    /// findings only of the rules about a proxy's branches.
    ///
    /// # Errors
    ///
    /// The bytes are not a SIP message ([`AuditError`]); the auditor's state is unchanged.
    pub fn observe<'a>(&mut self, at: Duration, message: &'a [u8]) -> Result<Report<'a>, AuditError> {
        let message = Message::parse(message)
            .map_err(|error| AuditError::new(Part::Message, AuditErrorKind::Malformed(error)))?;
        self.expire(at);
        let mut report = Report::new(message);
        if message.is_response() {
            check::response(&report.message, &mut report.findings, None, self.profile);
            self.response(&message, &mut report.findings, at);
        } else {
            self.request(&message, &mut report.findings, at);
        }
        Ok(report)
    }

    /// Forgets the transactions whose last message is older than [`LIFETIME`].
    fn expire(&mut self, now: Duration) {
        while let Some(&(key, put)) = self.order.front() {
            let last_seen = self
                .transactions
                .get(&key)
                .map_or(put, |transaction| transaction.last_seen);
            if last_seen.saturating_add(LIFETIME) <= now {
                self.order.pop_front();
                self.transactions.remove(&key);
            } else if last_seen > put {
                // Seen since it was put there: to the back, with the time it was last seen.
                self.order.pop_front();
                self.order.push_back((key, last_seen));
            } else {
                break;
            }
        }
    }

    /// The transaction with `key`, made when new (forgetting the oldest when full), marked
    /// as seen at `at`; and whether it is new.
    fn transaction(&mut self, key: u64, at: Duration) -> (&mut Transaction, bool) {
        let new = !self.transactions.contains_key(&key);
        if new {
            while self.transactions.len() >= self.capacity {
                match self.order.pop_front() {
                    Some((oldest, _)) => {
                        self.transactions.remove(&oldest);
                    }
                    None => break,
                }
            }
            self.order.push_back((key, at));
        }
        let transaction = self.transactions.entry(key).or_default();
        transaction.last_seen = transaction.last_seen.max(at);
        (transaction, new)
    }

    fn request<'a>(&mut self, message: &Message<'a>, report: &mut Findings<'a>, at: Duration) {
        let (Some(method), Some(branch)) = (message.method(), message.top_via_branch()) else {
            return;
        };
        let key = transaction_key(branch, method);
        let (_, new) = self.transaction(key, at);
        let Some(Some(upper)) = message.via_branches().nth(1) else {
            return;
        };
        let (parent, _) = self.transaction(transaction_key(upper, method), at);
        parent.forwarded = true;
        let failure = parent
            .branch_6xx
            .or(parent.final_status.filter(|status| status.is_global_failure()));
        if let (true, Some(failure), false) = (new, failure, matches!(method, "ACK" | "CANCEL")) {
            report.found(Check::BranchAfterGlobalFailure, method, failure.as_u16());
        }
    }

    fn response<'a>(&mut self, message: &Message<'a>, report: &mut Findings<'a>, at: Duration) {
        let (Some(status), Some(cseq), Some(branch)) = (message.status(), message.cseq(), message.top_via_branch())
        else {
            return;
        };
        let method = cseq.method;
        let tag = message.to_tag().map(hash);
        let (transaction, _) = self.transaction(transaction_key(branch, method), at);
        if status.is_final() {
            match transaction.final_status {
                None => transaction.final_status = Some(status),
                Some(earlier) if earlier.is_global_failure() && status.is_success() => {
                    report.found(Check::SuccessAfterGlobalFailure, "", earlier.as_u16());
                }
                Some(earlier)
                    if earlier != status && !(method == "INVITE" && earlier.is_success() && status.is_success()) =>
                {
                    report.found(Check::FinalAfterFinal, "", earlier.as_u16());
                }
                Some(_) => {}
            }
        } else if let Some(earlier) = transaction.final_status {
            report.found(Check::ProvisionalAfterFinal, "", earlier.as_u16());
        }
        if status == 503 && transaction.branch_503 {
            report.found(Check::Relayed503, "", 0);
        }
        let dialog_forming = (status.is_provisional() && status != 100) || status.is_success();
        if let (true, true, Some(tag)) = (transaction.forwarded, dialog_forming, tag) {
            let known = transaction
                .branch_tags
                .get(..transaction.branch_tag_count)
                .unwrap_or_default();
            if transaction.branch_tag_count < BRANCH_TAGS && !known.contains(&tag) {
                report.found(Check::ProxyOriginated, message.to_tag().unwrap_or_default(), 0);
            }
        }
        // What the hop above learns from this response.
        let Some(Some(upper)) = message.via_branches().nth(1) else {
            return;
        };
        let (parent, _) = self.transaction(transaction_key(upper, method), at);
        parent.branch_503 |= status == 503;
        if status.class() == Class::GlobalFailure {
            parent.branch_6xx.get_or_insert(status);
        }
        if let (true, Some(tag)) = (dialog_forming, tag) {
            let known = parent.branch_tags.get(..parent.branch_tag_count).unwrap_or_default();
            if !known.contains(&tag) {
                if let Some(slot) = parent.branch_tags.get_mut(parent.branch_tag_count) {
                    *slot = tag;
                }
                parent.branch_tag_count = (parent.branch_tag_count + 1).min(BRANCH_TAGS);
            }
        }
    }
}

/// The key of the transaction of `branch` and `method` (an ACK's is its INVITE's).
fn transaction_key(branch: &str, method: &str) -> u64 {
    let method = if method == "ACK" { "INVITE" } else { method };
    let mut key = hash(branch);
    for byte in [0xff].iter().chain(method.as_bytes()) {
        key = (key ^ u64::from(*byte)).wrapping_mul(FNV_PRIME);
    }
    key
}

const FNV_PRIME: u64 = 0x0100_0000_01b3;

/// FNV-1a, 64 bits.
fn hash(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(FNV_PRIME)
    })
}
