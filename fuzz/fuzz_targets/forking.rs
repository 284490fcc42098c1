//! A forking proxy's response context driven by arbitrary branch events: no panic, and what
//! goes upstream keeps RFC 3261 §16.7's promises (no 100, one final for a non-INVITE, never a
//! 2xx after a 6xx or any other non-2xx final), CANCELs only for pending branches and for
//! every one once due, and the best response is one received or the 408/500 rules.
//!
//! Input: byte 0 picks the request kind and the policy; then each event is one byte (low
//! three bits: the kind; high bits: the branch), a response event taking two more bytes for
//! the status code.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sipcodes::StatusCode;
use sipcodes::forking::{
    Answer, Choice, Disposition, Policy, Ranking, Remap503, ResponseContext, Transaction, select_best_with,
};

const BRANCHES: usize = 6;

/// The fuzz input's view of a branch.
#[derive(Clone, Copy, PartialEq)]
enum Seen {
    Calling,
    Proceeding,
    Done,
}

struct Run {
    transaction: Transaction,
    policy: Policy,
    context: ResponseContext<u16, BRANCHES>,
    branches: Vec<(Seen, bool)>,
    upstream: Vec<u16>,
    cancel_due: bool,
}

impl Run {
    fn check(&mut self, answer: Answer<u16, BRANCHES>) {
        if let Disposition::Forward(number) = answer.disposition {
            self.upstream.push(number);
        }
        for branch in answer.cancel.iter() {
            let (seen, cancelled) = &mut self.branches[branch.index()];
            assert_eq!(self.transaction, Transaction::Invite, "CANCEL of a non-INVITE");
            assert!(*seen == Seen::Proceeding && !*cancelled, "CANCEL of {branch}, not pending");
            *cancelled = true;
        }
        if let Choice::Send(selection) = answer.choice {
            let finals = self.context.finals();
            assert_eq!(select_best_with(finals, self.transaction, self.policy), Some(selection));
            let status = selection.status().as_u16();
            match selection.index() {
                None => assert!(status == 408 && self.transaction == Transaction::Invite),
                Some(index) => {
                    let received = finals[index].as_u16();
                    assert!(status == received || (received, status) == (503, 500));
                }
            }
            self.upstream.push(status);
        }
        if self.cancel_due {
            for (index, &(seen, cancelled)) in self.branches.iter().enumerate() {
                assert!(seen != Seen::Proceeding || cancelled, "branch {index} pending, not cancelled");
            }
        }
        let finals: Vec<u16> = self.upstream.iter().copied().filter(|&number| number >= 200).collect();
        assert!(!self.upstream.contains(&100), "100 upstream");
        match self.transaction {
            Transaction::NonInvite => assert!(finals.len() <= 1 && self.upstream.len() == finals.len()),
            Transaction::Invite => {
                assert!(finals.len() <= 1 || finals.iter().all(|&number| number < 300), "{finals:?}");
            }
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&setup, mut events)) = data.split_first() else {
        return;
    };
    let transaction = if setup & 1 == 0 { Transaction::Invite } else { Transaction::NonInvite };
    let ranking = if setup & 2 == 0 { Ranking::Rfc3261 } else { Ranking::Kamailio };
    let remap = [Remap503::Always, Remap503::WhenAlone, Remap503::Never][usize::from(setup >> 2) % 3];
    let policy = Policy::RFC3261.with_ranking(ranking).with_remap_503(remap);
    let mut run = Run {
        transaction,
        policy,
        context: ResponseContext::with_policy(transaction, policy),
        branches: Vec::new(),
        upstream: Vec::new(),
        cancel_due: false,
    };
    let invite = transaction == Transaction::Invite;
    let mut ids = Vec::new();
    while let Some((&event, rest)) = events.split_first() {
        events = rest;
        let index = usize::from(event >> 3);
        let branch = ids.get(index).copied();
        let answer = match (event & 7, branch) {
            (0, _) => match run.context.add_branch() {
                Ok(id) => {
                    ids.push(id);
                    run.branches.push((Seen::Calling, false));
                    continue;
                }
                Err(error) => {
                    assert!(!error.to_string().is_empty());
                    continue;
                }
            },
            (1, _) => run.context.close(),
            (2, _) => {
                run.cancel_due |= invite;
                run.context.cancel()
            }
            (3, Some(id)) => {
                let Some((number, rest)) = events.split_first_chunk::<2>() else {
                    break;
                };
                events = rest;
                let number = 100 + u16::from_le_bytes(*number) % 600;
                let status = StatusCode::from_u16(number).unwrap();
                let upstream_final = run.upstream.iter().any(|&sent| sent >= 200);
                let answer = run.context.on_response(id, status, number).unwrap();
                let (seen, _) = &mut run.branches[index];
                if *seen != Seen::Done {
                    if status.is_provisional() {
                        *seen = Seen::Proceeding;
                    } else {
                        *seen = Seen::Done;
                        let forwarded = matches!(answer.disposition, Disposition::Forward(_));
                        run.cancel_due |= invite && (forwarded || (status.is_global_failure() && !upstream_final));
                    }
                }
                answer
            }
            (4, Some(id)) => match run.context.on_timer_c(id) {
                Ok(answer) => {
                    if run.branches[index].0 == Seen::Calling {
                        run.branches[index].0 = Seen::Done;
                    }
                    answer
                }
                Err(error) => {
                    assert!(!invite, "{error}");
                    continue;
                }
            },
            (5, Some(id)) => {
                run.branches[index].0 = Seen::Done;
                run.context.on_transport_error(id).unwrap()
            }
            (6 | 7, Some(id)) => {
                run.branches[index].0 = Seen::Done;
                run.context.on_terminated(id).unwrap()
            }
            _ => continue,
        };
        run.check(answer);
    }
    // Close and end every branch: an INVITE then has had a final response upstream.
    let answer = run.context.close();
    run.check(answer);
    for (index, id) in ids.iter().enumerate() {
        run.branches[index].0 = Seen::Done;
        let answer = run.context.on_terminated(*id).unwrap();
        run.check(answer);
    }
    assert!(run.context.is_final_sent());
    if invite {
        assert!(run.upstream.iter().any(|&sent| sent >= 200));
    }
});
