//! The forking-proxy rules of RFC 3261 §16.7–§16.10, RFC 4320 §4 and RFC 6026 §8: unit tests
//! that each name the sentence they check (quoted in the test's doc comment), and property
//! tests over random branch event sequences.

use proptest::prelude::*;
use sipcodes::StatusCode;
use sipcodes::forking::{
    Answer, BranchId, Choice, Closed, ContextError, Disposition, DropReason, Policy, Ranking, Remap503,
    ResponseContext, Selection, Transaction, challenges, select_best, select_best_with,
};

use Transaction::{Invite, NonInvite};

fn code(number: u16) -> StatusCode {
    StatusCode::from_u16(number).unwrap()
}

fn codes<const K: usize>(numbers: [u16; K]) -> [StatusCode; K] {
    numbers.map(code)
}

/// The status and position `select_best_with` gives, as numbers.
fn choose(numbers: &[u16], transaction: Transaction, policy: Policy) -> Option<(u16, Option<usize>)> {
    let finals: Vec<StatusCode> = numbers.iter().copied().map(code).collect();
    select_best_with(&finals, transaction, policy).map(|selection| (selection.status().as_u16(), selection.index()))
}

fn best(numbers: &[u16]) -> Option<(u16, Option<usize>)> {
    choose(numbers, Invite, Policy::RFC3261)
}

fn sent(answer: &Answer<&'static str, 8>) -> Option<u16> {
    match answer.choice {
        Choice::Send(selection) => Some(selection.status().as_u16()),
        Choice::NotNow | Choice::SendNothing => None,
    }
}

fn cancelled(answer: &Answer<&'static str, 8>) -> Vec<usize> {
    answer.cancel.iter().map(BranchId::index).collect()
}

/// An INVITE context with `count` branches and no more to come.
fn invite_context(count: usize) -> (ResponseContext<&'static str, 8>, Vec<BranchId>) {
    forked(Invite, count)
}

fn forked(transaction: Transaction, count: usize) -> (ResponseContext<&'static str, 8>, Vec<BranchId>) {
    let mut context = ResponseContext::new(transaction);
    let branches = (0..count).map(|_| context.add_branch().unwrap()).collect();
    let answer = context.close();
    assert_eq!(answer.choice, Choice::NotNow);
    (context, branches)
}

// ---------------------------------------------------------------------------------------
// select_best: RFC 3261 §16.7 step 6
// ---------------------------------------------------------------------------------------

/// "if a proxy forwarded a request to 4 locations, and received 503, 407, 501, and 404
/// responses, it may choose to forward the 407 (Proxy Authentication Required) response."
#[test]
fn the_rfcs_own_example_forwards_the_407() {
    assert_eq!(best(&[503, 407, 501, 404]), Some((407, Some(1))));
    assert_eq!(
        choose(&[503, 407, 501, 404], Invite, Policy::KAMAILIO),
        Some((407, Some(1)))
    );
}

/// "It MUST choose from the 6xx class responses if any exist in the context."
#[test]
fn a_6xx_is_chosen_whenever_there_is_one() {
    assert_eq!(best(&[302, 486, 603, 500]), Some((603, Some(2))));
    assert_eq!(best(&[401, 600, 604]), Some((600, Some(1))));
    // Even an unregistered 6xx.
    assert_eq!(best(&[486, 699]), Some((699, Some(1))));
    assert_eq!(choose(&[604, 600], Invite, Policy::KAMAILIO), Some((600, Some(1))));
}

/// Step 5: "Any 2xx response" is forwarded at once, and the old rule's flaw was that "the UAC
/// could receive a 6xx response followed by a 2xx response, which should never be allowed to
/// happen". So where a 2xx is among the responses, it is chosen and no 6xx can be: under both
/// rankings, as Kamailio's `resp_class_prio` gives 2xx "high priority" (0) against 6xx's
/// 1000.
#[test]
fn a_2xx_is_chosen_over_a_6xx() {
    for finals in [[200, 603], [603, 200], [699, 299], [202, 600]] {
        let success = finals.iter().position(|&number| number / 100 == 2);
        let expected = success.map(|index| (finals[index], Some(index)));
        for transaction in [Invite, NonInvite] {
            for policy in [Policy::RFC3261, Policy::KAMAILIO] {
                assert_eq!(choose(&finals, transaction, policy), expected, "{finals:?}");
            }
        }
    }
    // And over every other class.
    assert_eq!(best(&[302, 486, 204, 503]), Some((204, Some(2))));
    assert_eq!(choose(&[401, 204, 200], Invite, Policy::KAMAILIO), Some((200, Some(2))));
}

/// "If no 6xx class responses are present, the proxy SHOULD choose from the lowest response
/// class stored in the response context."
#[test]
fn otherwise_the_lowest_class_is_chosen() {
    assert_eq!(best(&[500, 486, 302]), Some((302, Some(2))));
    assert_eq!(best(&[503, 404]), Some((404, Some(1))));
    assert_eq!(best(&[504, 480, 502]), Some((480, Some(1))));
    // 3xx beats even the preferred 4xx (repro ranks 401 and 407 above 3xx).
    assert_eq!(best(&[401, 302]), Some((302, Some(1))));
    assert_eq!(choose(&[401, 302], Invite, Policy::KAMAILIO), Some((302, Some(1))));
}

/// "The proxy SHOULD give preference to responses that provide information affecting
/// resubmission of this request, such as 401, 407, 415, 420, and 484 if the 4xx class is
/// chosen."
#[test]
fn in_4xx_the_resubmission_codes_come_first() {
    for preferred in [401, 407, 415, 420, 484] {
        for other in [400, 403, 404, 408, 480, 486, 487, 499] {
            assert_eq!(
                best(&[other, preferred]),
                Some((preferred, Some(1))),
                "{other} vs {preferred}"
            );
            assert_eq!(
                choose(&[other, preferred], Invite, Policy::KAMAILIO),
                Some((preferred, Some(1))),
                "{other} vs {preferred}"
            );
        }
    }
}

/// "The proxy MAY select any response within that chosen class." The default takes the
/// first stored; the Kamailio ranking the lowest code.
#[test]
fn inside_a_class_the_default_takes_the_first_and_kamailio_the_lowest() {
    assert_eq!(best(&[486, 480, 404]), Some((486, Some(0))));
    assert_eq!(best(&[407, 401]), Some((407, Some(0))));
    assert_eq!(best(&[302, 301]), Some((302, Some(0))));
    assert_eq!(choose(&[486, 480, 404], Invite, Policy::KAMAILIO), Some((404, Some(2))));
    assert_eq!(choose(&[407, 401], Invite, Policy::KAMAILIO), Some((401, Some(1))));
    // Equal codes: the earlier one.
    assert_eq!(choose(&[486, 486], Invite, Policy::KAMAILIO), Some((486, Some(0))));
}

/// "A proxy which receives a 503 (Service Unavailable) response SHOULD NOT forward it
/// upstream unless it can determine that any subsequent requests it might proxy will also
/// generate a 503." Another 5xx is preferred to a 503.
#[test]
fn a_503_is_the_last_5xx_chosen() {
    assert_eq!(best(&[503, 502]), Some((502, Some(1))));
    assert_eq!(best(&[503, 599, 504]), Some((599, Some(1))));
    // Kamailio ranks by number: 503 before 504, then sends it as 500.
    assert_eq!(choose(&[504, 503], Invite, Policy::KAMAILIO), Some((500, Some(1))));
}

/// "If the only response that was received is a 503, the proxy SHOULD generate a 500
/// response and forward that upstream."
#[test]
fn a_lone_503_is_sent_as_500() {
    for policy in [
        Policy::RFC3261,
        Policy::KAMAILIO,
        Policy::RFC3261.with_remap_503(Remap503::WhenAlone),
    ] {
        assert_eq!(choose(&[503], Invite, policy), Some((500, Some(0))));
        assert_eq!(choose(&[503, 503], NonInvite, policy), Some((500, Some(0))));
        assert_eq!(choose(&[180, 503], Invite, policy), Some((500, Some(1))));
    }
    let forward = Policy::RFC3261.with_remap_503(Remap503::Never);
    assert_eq!(choose(&[503], Invite, forward), Some((503, Some(0))));
}

/// The options for a 503 that is chosen but was not the only response: `Always` (the
/// default) sends 500, `WhenAlone` forwards it, as does `Never`.
#[test]
fn the_503_options_differ_only_when_the_503_is_not_alone() {
    let kamailio = |remap| Policy::KAMAILIO.with_remap_503(remap);
    assert_eq!(
        choose(&[504, 503], Invite, kamailio(Remap503::Always)),
        Some((500, Some(1)))
    );
    assert_eq!(
        choose(&[504, 503], Invite, kamailio(Remap503::WhenAlone)),
        Some((503, Some(1)))
    );
    assert_eq!(
        choose(&[504, 503], Invite, kamailio(Remap503::Never)),
        Some((503, Some(1)))
    );
    // A 408 never counts for a non-INVITE, so the 503 is alone there.
    assert_eq!(
        choose(&[408, 503], NonInvite, kamailio(Remap503::WhenAlone)),
        Some((500, Some(1)))
    );
    let policy = Policy::RFC3261
        .with_ranking(Ranking::Kamailio)
        .with_remap_503(Remap503::Never);
    assert_eq!(policy.ranking(), Ranking::Kamailio);
    assert_eq!(policy.remap_503(), Remap503::Never);
    assert_eq!(Policy::default(), Policy::RFC3261);
}

/// "If there are no final responses in the context, the proxy MUST send a 408 (Request
/// Timeout) response to the server transaction." RFC 4320 §4.2: "A transaction-stateful SIP
/// element MUST NOT send a response with Status-Code of 408 to a non-INVITE request."
#[test]
fn no_final_response_gives_408_for_invite_and_nothing_otherwise() {
    assert_eq!(best(&[]), Some((408, None)));
    assert_eq!(choose(&[], NonInvite, Policy::RFC3261), None);
    // A received 408 is never chosen for a non-INVITE.
    assert_eq!(choose(&[408], NonInvite, Policy::RFC3261), None);
    assert_eq!(choose(&[408, 486], NonInvite, Policy::RFC3261), Some((486, Some(1))));
    assert_eq!(choose(&[408, 486], Invite, Policy::KAMAILIO), Some((408, Some(0))));
    assert_eq!(select_best(&[], NonInvite), None);
}

/// Step 4: "Final responses received are stored in the response context". A 1xx passed as a
/// final response is not one, and is skipped.
#[test]
fn provisional_entries_are_skipped() {
    assert_eq!(best(&[180, 100]), Some((408, None)));
    assert_eq!(best(&[180, 486]), Some((486, Some(1))));
    assert_eq!(choose(&[183], NonInvite, Policy::RFC3261), None);
}

/// RFC 3261 §8.1.3.2: an unrecognized final response is "treated as being equivalent to the
/// x00 response code of that class", so an unregistered code ranks as its class's x00.
#[test]
fn unregistered_codes_rank_by_their_class() {
    assert_eq!(best(&[499, 302]), Some((302, Some(1))));
    assert_eq!(best(&[499, 401]), Some((401, Some(1))));
    assert_eq!(best(&[380, 699]), Some((699, Some(1))));
    // 599 ranks as 500, so neither last in 5xx nor sent as 500.
    assert_eq!(best(&[503, 599]), Some((599, Some(1))));
    // Kamailio's numeric order, with an unregistered 4xx counted as 400 (chosen now: the
    // registry grows).
    let unregistered = sipcodes_tests::unregistered_code(400);
    assert_eq!(
        choose(&[486, unregistered], Invite, Policy::KAMAILIO),
        Some((unregistered, Some(1)))
    );
    assert_eq!(
        choose(&[unregistered, 400], Invite, Policy::KAMAILIO),
        Some((unregistered, Some(0)))
    );
}

/// Step 7: "the proxy MUST collect any WWW-Authenticate and Proxy-Authenticate header field
/// values from all other 401 (Unauthorized) and 407 (Proxy Authentication Required)
/// responses received so far".
#[test]
fn challenges_are_the_other_401_and_407_responses() {
    let finals = codes([407, 404, 401, 407, 486]);
    let selection = select_best(&finals, Invite).unwrap();
    assert_eq!(selection.index(), Some(0));
    assert!(selection.merges_challenges());
    assert_eq!(challenges(&finals, selection).collect::<Vec<_>>(), [2, 3]);

    let finals = codes([486, 404]);
    let selection = select_best(&finals, Invite).unwrap();
    assert!(!selection.merges_challenges());
    assert_eq!(challenges(&finals, selection).count(), 0);
    // A 3xx chosen over a 401: nothing to merge.
    let finals = codes([401, 302]);
    assert_eq!(challenges(&finals, select_best(&finals, Invite).unwrap()).count(), 0);
}

// ---------------------------------------------------------------------------------------
// ResponseContext: steps 4, 5, 6, 7 and 10, §16.8, §16.9, §16.10
// ---------------------------------------------------------------------------------------

/// Step 5: "Until a final response has been sent on the server transaction, the following
/// responses MUST be forwarded immediately: Any provisional response other than 100
/// (Trying)"; "a stateful proxy MUST NOT forward any 100 (Trying) response."
#[test]
fn provisional_responses_but_100_are_forwarded() {
    let (mut context, branches) = invite_context(2);
    let answer = context.on_response(branches[0], code(100), "100").unwrap();
    assert_eq!(answer.disposition, Disposition::Drop("100", DropReason::Trying));
    for number in [180, 183, 199, 150] {
        let answer = context.on_response(branches[0], code(number), "1xx").unwrap();
        assert_eq!(answer.disposition, Disposition::Forward("1xx"), "{number}");
        assert!(answer.cancel.is_empty());
        assert_eq!(answer.choice, Choice::NotNow);
    }
}

/// Step 5: "Any 2xx response" is forwarded at once, and step 10: "If the forwarded response
/// was a final response, the proxy MUST generate a CANCEL request for all pending client
/// transactions".
#[test]
fn a_2xx_is_forwarded_and_cancels_the_pending_branches() {
    // Still open to new branches: the 2xx closes it.
    let mut context = ResponseContext::<&str, 8>::new(Invite);
    let branches: Vec<_> = (0..4).map(|_| context.add_branch().unwrap()).collect();
    let _ = context.on_response(branches[1], code(180), "ringing").unwrap();
    let _ = context.on_response(branches[2], code(183), "progress").unwrap();
    let _ = context.on_response(branches[3], code(486), "busy").unwrap();
    let answer = context.on_response(branches[0], code(200), "ok").unwrap();
    assert_eq!(answer.disposition, Disposition::Forward("ok"));
    assert_eq!(cancelled(&answer), [1, 2]);
    assert_eq!(answer.cancel.len(), 2);
    assert!(context.is_final_sent());
    assert_eq!(
        context.add_branch(),
        Err(ContextError::NoNewBranches(Closed::FinalSent))
    );
}

/// Step 5: "After a final response has been sent on the server transaction, the following
/// responses MUST be forwarded immediately: Any 2xx response to an INVITE request. A
/// stateful proxy MUST NOT immediately forward any other responses."
#[test]
fn after_a_final_only_2xx_to_invite_are_forwarded() {
    let (mut context, branches) = invite_context(3);
    let _ = context.on_response(branches[0], code(200), "first ok").unwrap();
    let answer = context.on_response(branches[1], code(180), "late ringing").unwrap();
    assert_eq!(
        answer.disposition,
        Disposition::Drop("late ringing", DropReason::FinalSent)
    );
    // The branch rang after the 2xx: it gets its CANCEL now (§9.1).
    assert_eq!(cancelled(&answer), [1]);
    let answer = context.on_response(branches[1], code(200), "second ok").unwrap();
    assert_eq!(answer.disposition, Disposition::Forward("second ok"));
    assert!(answer.cancel.is_empty());
    let answer = context.on_response(branches[2], code(486), "busy").unwrap();
    assert_eq!(answer.disposition, Disposition::Drop("busy", DropReason::FinalSent));
    assert_eq!(answer.choice, Choice::NotNow);
    // RFC 6026 §7.2: more 2xx on the same forked INVITE branch are passed on too.
    let answer = context.on_response(branches[0], code(200), "another ok").unwrap();
    assert_eq!(answer.disposition, Disposition::Forward("another ok"));
    // Nothing was stored after the final response (step 4).
    assert!(context.finals().is_empty());
    assert!(context.best().is_none());
}

/// Step 5: "If a 6xx response is received, it is not immediately forwarded, but the stateful
/// proxy SHOULD cancel all client pending transactions ... and it MUST NOT create any new
/// branches in this context."
#[test]
fn a_6xx_is_held_cancels_and_closes_the_context() {
    let mut context = ResponseContext::<&str, 8>::new(Invite);
    let desk = context.add_branch().unwrap();
    let mobile = context.add_branch().unwrap();
    let _ = context.on_response(mobile, code(180), "ringing").unwrap();
    let answer = context.on_response(desk, code(603), "decline").unwrap();
    assert_eq!(answer.disposition, Disposition::Hold);
    assert_eq!(cancelled(&answer), [1]);
    assert_eq!(answer.choice, Choice::NotNow);
    assert_eq!(
        context.add_branch(),
        Err(ContextError::NoNewBranches(Closed::GlobalFailure))
    );
    // "then at that point the 6xx is forwarded upstream": after the 487, without close().
    let answer = context.on_response(mobile, code(487), "terminated").unwrap();
    assert_eq!(sent(&answer), Some(603));
    let best = context.best().unwrap();
    assert_eq!(best.response(), Some(&"decline"));
    assert_eq!(best.branch(), Some(desk));
}

/// Step 5: "the UAC could receive a 6xx response followed by a 2xx response, which should
/// never be allowed to happen." A 2xx after a held 6xx goes up; the 6xx never does.
#[test]
fn a_2xx_after_a_held_6xx_wins() {
    let (mut context, branches) = invite_context(2);
    let _ = context.on_response(branches[0], code(600), "busy everywhere").unwrap();
    let answer = context.on_response(branches[1], code(200), "ok").unwrap();
    assert_eq!(answer.disposition, Disposition::Forward("ok"));
    assert_eq!(answer.choice, Choice::NotNow);
    assert!(context.is_final_sent());
    assert!(context.best().is_none());
}

/// Step 6: "A stateful proxy MUST send a final response ... if no final responses have been
/// immediately forwarded by the above rules and all client transactions in this response
/// context have been terminated."
#[test]
fn the_best_is_sent_once_every_branch_is_done() {
    let (mut context, branches) = invite_context(4);
    let mut last = None;
    for (branch, (number, name)) in branches
        .iter()
        .zip([(503, "503"), (407, "407"), (501, "501"), (404, "404")])
    {
        let answer = context.on_response(*branch, code(number), name).unwrap();
        assert_eq!(answer.disposition, Disposition::Hold);
        last = Some(answer.choice);
    }
    let Some(Choice::Send(selection)) = last else {
        panic!("the fourth final response completes the context: {last:?}")
    };
    assert_eq!(selection.status().as_u16(), 407);
    let best = context.best().unwrap();
    assert_eq!(best.response(), Some(&"407"));
    assert_eq!(best.selection(), selection);
    assert_eq!(best.status(), code(407));
    assert_eq!(context.finals(), codes([503, 407, 501, 404]));
}

/// Step 7: the 401 and 407 challenges to merge into the chosen one.
#[test]
fn the_chosen_401_names_the_challenges_to_merge() {
    let (mut context, branches) = invite_context(3);
    let _ = context.on_response(branches[0], code(401), "www challenge").unwrap();
    let _ = context.on_response(branches[1], code(486), "busy").unwrap();
    let answer = context.on_response(branches[2], code(407), "proxy challenge").unwrap();
    assert_eq!(sent(&answer), Some(401));
    let best = context.best().unwrap();
    assert_eq!(best.response(), Some(&"www challenge"));
    let others: Vec<_> = best.challenges().collect();
    assert_eq!(others, [(branches[2], &"proxy challenge")]);
}

/// Step 6, the 503 rule, through the context: the 503's handle comes back, to build a 500.
#[test]
fn a_received_503_is_sent_as_500_built_from_it() {
    let (mut context, branches) = invite_context(1);
    let answer = context.on_response(branches[0], code(503), "unavailable").unwrap();
    assert_eq!(sent(&answer), Some(500));
    let best = context.best().unwrap();
    assert_eq!(best.response(), Some(&"unavailable"));
    assert_eq!(best.selection().index(), Some(0));
}

/// §16.8: "If the client transaction has received a provisional response, the proxy MUST
/// generate a CANCEL request matching that transaction. If the client transaction has not
/// received a provisional response, the proxy MUST behave as if the transaction received a
/// 408 (Request Timeout) response."
#[test]
fn timer_c_cancels_a_ringing_branch_and_counts_a_silent_one_as_408() {
    let (mut context, branches) = invite_context(2);
    let _ = context.on_response(branches[0], code(180), "ringing").unwrap();
    let answer = context.on_timer_c(branches[0]).unwrap();
    assert_eq!(cancelled(&answer), [0]);
    assert_eq!(answer.disposition, Disposition::Nothing);
    // Once only.
    assert!(context.on_timer_c(branches[0]).unwrap().cancel.is_empty());

    let answer = context.on_timer_c(branches[1]).unwrap();
    assert!(answer.cancel.is_empty());
    assert_eq!(context.finals(), codes([408]));
    let answer = context.on_response(branches[0], code(487), "terminated").unwrap();
    // 408 and 487 are both 4xx; the 408 was stored first.
    assert_eq!(sent(&answer), Some(408));
    assert_eq!(context.best().unwrap().response(), None);
    assert_eq!(context.best().unwrap().branch(), Some(branches[1]));

    let (mut context, branches) = forked(NonInvite, 1);
    assert_eq!(
        context.on_timer_c(branches[0]).unwrap_err(),
        ContextError::TimerCNotInvite(branches[0])
    );
}

/// §16.9: "the proxy MUST behave as if the forwarded request received a 503 (Service
/// Unavailable) response."
#[test]
fn a_transport_error_counts_as_503() {
    let (mut context, branches) = invite_context(2);
    let _ = context.on_transport_error(branches[0]).unwrap();
    assert_eq!(context.finals(), codes([503]));
    let answer = context.on_response(branches[1], code(504), "timeout").unwrap();
    assert_eq!(sent(&answer), Some(504));

    let (mut context, branches) = invite_context(1);
    let answer = context.on_transport_error(branches[0]).unwrap();
    assert_eq!(sent(&answer), Some(500));
    assert_eq!(context.best().unwrap().response(), None);
    // A response after the transport error has no client transaction left.
    let answer = context.on_response(branches[0], code(200), "too late").unwrap();
    assert_eq!(
        answer.disposition,
        Disposition::Drop("too late", DropReason::BranchTerminated)
    );
}

/// Step 6: "If there are no final responses in the context, the proxy MUST send a 408";
/// RFC 4320 §4.2: "an element that cannot respond before the transaction expires will not
/// send a final response at all."
#[test]
fn branches_that_end_without_a_final_give_408_or_nothing() {
    let (mut context, branches) = invite_context(2);
    let _ = context.on_terminated(branches[0]).unwrap();
    let answer = context.on_terminated(branches[1]).unwrap();
    assert_eq!(sent(&answer), Some(408));
    assert_eq!(context.best().unwrap().response(), None);
    assert_eq!(context.best().unwrap().branch(), None);

    let (mut context, branches) = forked(NonInvite, 2);
    let _ = context.on_response(branches[0], code(408), "timeout").unwrap();
    let answer = context.on_terminated(branches[1]).unwrap();
    assert_eq!(answer.choice, Choice::SendNothing);
    assert!(context.best().is_none());
    assert!(context.is_final_sent());

    // No branch at all.
    let mut context = ResponseContext::<&str, 2>::new(Invite);
    assert_eq!(context.close().choice, Choice::Send(select_best(&[], Invite).unwrap()));
}

/// Step 5 with RFC 4320 §4.1 ("An SIP element MUST NOT send any provisional response with a
/// Status-Code other than 100 to a non-INVITE request") and §9.1 ("A CANCEL request SHOULD
/// NOT be sent to cancel a request other than INVITE"): "a stateful proxy will forward
/// exactly one final response to a non-INVITE request".
#[test]
fn a_non_invite_gets_one_final_no_provisional_and_no_cancel() {
    let (mut context, branches) = forked(NonInvite, 3);
    let answer = context.on_response(branches[0], code(180), "ringing?").unwrap();
    assert_eq!(
        answer.disposition,
        Disposition::Drop("ringing?", DropReason::ProvisionalToNonInvite)
    );
    let _ = context.on_response(branches[1], code(100), "trying").unwrap();
    let answer = context.on_response(branches[2], code(202), "accepted").unwrap();
    assert_eq!(answer.disposition, Disposition::Forward("accepted"));
    assert!(answer.cancel.is_empty());
    let answer = context.on_response(branches[1], code(200), "another").unwrap();
    assert_eq!(answer.disposition, Disposition::Drop("another", DropReason::FinalSent));
    let answer = context.on_response(branches[0], code(404), "not found").unwrap();
    assert_eq!(
        answer.disposition,
        Disposition::Drop("not found", DropReason::FinalSent)
    );
    assert_eq!(answer.choice, Choice::NotNow);
    // An upstream CANCEL has no effect on a non-INVITE.
    assert_eq!(context.cancel().cancel.len(), 0);
}

/// §9.1: "If no provisional response has been received, the CANCEL request MUST NOT be sent;
/// rather, the client MUST wait for the arrival of a provisional response". Step 10 cancels
/// "pending" branches: those with a provisional response and no final one.
#[test]
fn a_cancel_waits_for_the_branchs_first_provisional() {
    let (mut context, branches) = invite_context(3);
    let answer = context.on_response(branches[0], code(603), "decline").unwrap();
    assert!(answer.cancel.is_empty());
    let answer = context.on_response(branches[1], code(100), "trying").unwrap();
    assert_eq!(cancelled(&answer), [1]);
    // A branch cancelled once is not cancelled again.
    assert!(
        context
            .on_response(branches[1], code(180), "ringing")
            .unwrap()
            .cancel
            .is_empty()
    );
    // A branch whose final came first needs no CANCEL (§9.1: "an effective no-op").
    let answer = context.on_response(branches[2], code(486), "busy").unwrap();
    assert!(answer.cancel.is_empty());
    assert_eq!(answer.choice, Choice::NotNow);
    let answer = context.on_response(branches[1], code(487), "terminated").unwrap();
    assert_eq!(sent(&answer), Some(603));
}

/// §16.10: "A proxy MUST cancel any pending client transactions associated with a response
/// context when it receives a matching CANCEL request."
#[test]
fn an_upstream_cancel_cancels_every_pending_branch() {
    let mut context = ResponseContext::<&str, 8>::new(Invite);
    let branches: Vec<_> = (0..3).map(|_| context.add_branch().unwrap()).collect();
    let _ = context.on_response(branches[0], code(180), "ringing").unwrap();
    let _ = context.on_response(branches[1], code(183), "progress").unwrap();
    let answer = context.cancel();
    assert_eq!(cancelled(&answer), [0, 1]);
    assert_eq!(
        context.add_branch(),
        Err(ContextError::NoNewBranches(Closed::Cancelled))
    );
    let _ = context.on_response(branches[0], code(487), "487 a").unwrap();
    let _ = context.on_response(branches[1], code(487), "487 b").unwrap();
    let answer = context.on_response(branches[2], code(180), "late ringing").unwrap();
    assert_eq!(cancelled(&answer), [2]);
    let answer = context.on_response(branches[2], code(487), "487 c").unwrap();
    assert_eq!(sent(&answer), Some(487));
    assert_eq!(context.best().unwrap().response(), Some(&"487 a"));
}

/// §16.6 forwards to targets while the target set has some: the best response waits until
/// the context is closed, so serial forking can add a branch after a failure.
#[test]
fn serial_forking_waits_for_close() {
    let mut context = ResponseContext::<&str, 8>::new(Invite);
    let first = context.add_branch().unwrap();
    let answer = context.on_response(first, code(486), "busy").unwrap();
    assert_eq!(answer.choice, Choice::NotNow);
    let second = context.add_branch().unwrap();
    let _ = context.on_response(second, code(480), "unavailable").unwrap();
    let answer = context.close();
    assert_eq!(sent(&answer), Some(486));
    assert_eq!(
        context.add_branch(),
        Err(ContextError::NoNewBranches(Closed::TargetsExhausted))
    );
    // Closing again changes nothing.
    assert_eq!(context.close().choice, Choice::NotNow);
}

/// Step 4: "If the proxy recurses on all of the contacts in a 3xx response, the proxy SHOULD
/// NOT add the resulting contactless response to the response context." The documented way:
/// a branch for each contact, and the 3xx's branch reported as terminated.
#[test]
fn recursing_on_a_3xx_keeps_it_out_of_the_context() {
    let mut context = ResponseContext::<&str, 8>::new(Invite);
    let redirected = context.add_branch().unwrap();
    // A 302 arrives and the proxy recurses on its one contact: it would win over any 4xx if
    // it were stored, so it is not passed in; its branch is reported as terminated.
    let contact = context.add_branch().unwrap();
    let answer = context.on_terminated(redirected).unwrap();
    assert_eq!(
        (answer.disposition, answer.choice),
        (Disposition::Nothing, Choice::NotNow)
    );
    assert!(context.finals().is_empty());
    let answer = context.close();
    assert_eq!(answer.choice, Choice::NotNow);
    let answer = context.on_response(contact, code(486), "busy").unwrap();
    assert_eq!(sent(&answer), Some(486));
    assert_eq!(context.best().unwrap().branch(), Some(contact));
}

/// `close` is where the decision falls when every branch is done before the target set is
/// exhausted: a transport error counts as a 503 (RFC 3261 §16.9), a 404 arrives, and only
/// closing says "send the 404", so a caller that drops `close`'s answer never answers.
#[test]
fn close_can_carry_the_final_decision() {
    let mut context = ResponseContext::<&str, 8>::new(Invite);
    let gateway = context.add_branch().unwrap();
    let phone = context.add_branch().unwrap();
    let answer = context.on_transport_error(gateway).unwrap();
    assert_eq!(
        (answer.disposition, answer.choice),
        (Disposition::Nothing, Choice::NotNow)
    );
    let answer = context.on_response(phone, code(404), "not found").unwrap();
    assert_eq!((answer.disposition, answer.choice), (Disposition::Hold, Choice::NotNow));
    assert!(!context.is_final_sent());
    let answer = context.close();
    assert_eq!(sent(&answer), Some(404));
    assert!(answer.cancel.is_empty());
    assert!(context.is_final_sent());
    let best = context.best().unwrap();
    assert_eq!((best.branch(), best.response()), (Some(phone), Some(&"not found")));
}

/// RFC 6026 §8.2: "If none is found, the element MUST NOT forward the response." A response
/// on a terminated branch has no client transaction; one after the branch's final response is
/// dropped too, unless it is a further 2xx to an INVITE.
#[test]
fn late_responses_are_dropped() {
    let (mut context, branches) = invite_context(2);
    let _ = context.on_response(branches[0], code(486), "busy").unwrap();
    let answer = context.on_response(branches[0], code(200), "ok after busy").unwrap();
    assert_eq!(
        answer.disposition,
        Disposition::Drop("ok after busy", DropReason::BranchFinished)
    );
    let answer = context
        .on_response(branches[0], code(180), "ringing after busy")
        .unwrap();
    assert_eq!(
        answer.disposition,
        Disposition::Drop("ringing after busy", DropReason::BranchFinished)
    );
    let _ = context.on_terminated(branches[1]).unwrap();
    let answer = context.on_response(branches[1], code(200), "ok after the end").unwrap();
    assert_eq!(
        answer.disposition,
        Disposition::Drop("ok after the end", DropReason::BranchTerminated)
    );
    assert_eq!(context.finals(), codes([486]));
}

/// Misuse is an error that says what to do, never a panic.
#[test]
fn misuse_is_an_error() {
    let mut context = ResponseContext::<&str, 2>::new(Invite);
    let mut other = ResponseContext::<&str, 4>::new(Invite);
    let a = context.add_branch().unwrap();
    let _ = context.add_branch().unwrap();
    assert_eq!(context.add_branch(), Err(ContextError::TooManyBranches { capacity: 2 }));
    let mut single = ResponseContext::<&str, 1>::new(Invite);
    let _ = single.add_branch().unwrap();
    assert_eq!(
        single.add_branch().unwrap_err().to_string(),
        "the response context holds at most 1 branch: raise its capacity (N) or fork to fewer targets"
    );
    let foreign = (0..3).map(|_| other.add_branch().unwrap()).last().unwrap();
    let error = context.on_response(foreign, code(200), "ok").unwrap_err();
    assert_eq!(error, ContextError::UnknownBranch(foreign));
    assert_eq!(context.on_timer_c(foreign).unwrap_err(), error);
    assert_eq!(context.on_transport_error(foreign).unwrap_err(), error);
    assert_eq!(context.on_terminated(foreign).unwrap_err(), error);
    assert_eq!(
        error.to_string(),
        "branch 2 is not a branch of this response context: use the ids its add_branch returned"
    );
    assert_eq!(
        ContextError::TooManyBranches { capacity: 2 }.to_string(),
        "the response context holds at most 2 branches: raise its capacity (N) or fork to fewer targets"
    );
    let _ = context.on_response(a, code(699), "global").unwrap();
    assert_eq!(
        context.add_branch().unwrap_err().to_string(),
        "no new branch may be added to this response context: a 6xx was received (RFC 3261 section 16.7, step 5)"
    );
    assert!(ContextError::TimerCNotInvite(a).to_string().contains("INVITE only"));
    // Nothing was changed by the failed calls.
    assert_eq!(context.branch_count(), 2);
    assert_eq!(context.finals(), codes([699]));
    let empty = ResponseContext::<&str, 0>::new(NonInvite);
    assert_eq!(empty.transaction(), NonInvite);
    assert_eq!(empty.policy(), Policy::RFC3261);
}

// ---------------------------------------------------------------------------------------
// Property tests
// ---------------------------------------------------------------------------------------

/// Status codes to draw from: the ones the rules name, and any other.
fn status() -> impl Strategy<Value = u16> {
    prop_oneof![
        3 => prop::sample::select(vec![
            100, 180, 183, 150, 199, 200, 202, 299, 300, 302, 401, 404, 407, 408, 415, 420, 484, 486, 487,
            499, 500, 502, 503, 599, 600, 603, 699,
        ]),
        1 => 100_u16..=699,
    ]
}

fn transaction() -> impl Strategy<Value = Transaction> {
    prop_oneof![Just(Invite), Just(NonInvite)]
}

/// RFC 3261 §16.7 step 6, checked as properties of the answer rather than by a second
/// ranking: the class, the 4xx preference, the 503 and 408 rules, and (by default) the
/// earliest of the equals.
fn check_selection(numbers: &[u16], transaction: Transaction, policy: Policy) -> Result<(), TestCaseError> {
    let finals: Vec<StatusCode> = numbers.iter().copied().map(code).collect();
    let selection = select_best_with(&finals, transaction, policy);
    let eligible: Vec<(usize, StatusCode)> = finals
        .iter()
        .copied()
        .enumerate()
        .filter(|(_, status)| status.is_final() && !(transaction == NonInvite && status.as_u16() == 408))
        .collect();
    let Some(selection) = selection else {
        prop_assert!(eligible.is_empty() && transaction == NonInvite);
        return Ok(());
    };
    let Some(index) = selection.index() else {
        prop_assert!(eligible.is_empty() && transaction == Invite);
        prop_assert_eq!(selection.status().as_u16(), 408);
        return Ok(());
    };
    let chosen = finals[index];
    prop_assert!(eligible.iter().any(|&(position, _)| position == index));
    // The status is the chosen one's, or 500 for a 503.
    match (chosen.as_u16(), selection.status().as_u16(), policy.remap_503()) {
        (503, 500, Remap503::Always | Remap503::WhenAlone) => {}
        (number, status, _) => prop_assert_eq!(number, status),
    }
    if chosen.as_u16() == 503 && policy.remap_503() == Remap503::WhenAlone {
        let alone = eligible.iter().all(|(_, status)| status.as_u16() == 503);
        prop_assert_eq!(selection.status().as_u16() == 500, alone);
    }
    // A 2xx if any (no 6xx may follow one upstream, step 5), else a 6xx if any, else the
    // lowest class (step 6).
    let class = |status: StatusCode| match status.class().digit() {
        2 => 0,
        6 => 1,
        digit => digit,
    };
    let best_class = eligible.iter().map(|&(_, status)| class(status)).min().unwrap();
    prop_assert_eq!(class(chosen), best_class);
    let preferred = |status: StatusCode| matches!(status.as_u16(), 401 | 407 | 415 | 420 | 484);
    let same_class: Vec<(usize, StatusCode)> = eligible
        .iter()
        .copied()
        .filter(|&(_, status)| class(status) == best_class)
        .collect();
    if same_class.iter().any(|&(_, status)| preferred(status)) {
        prop_assert!(preferred(chosen));
    }
    let group = |status: StatusCode| {
        preferred(status)
            || !(status.is_client_failure() || status.as_u16() == 503 && policy.ranking() == Ranking::Rfc3261)
    };
    let equals = same_class.iter().filter(|&&(_, status)| group(status) == group(chosen));
    if policy.ranking() == Ranking::Rfc3261 {
        // The default: the earliest of the equals.
        prop_assert_eq!(equals.map(|&(position, _)| position).min(), Some(index));
    } else {
        // Kamailio: the lowest code (an unregistered one as its x00), then the earliest.
        let number = |status: StatusCode| StatusCode::from(status.canonical()).as_u16();
        let lowest = equals.clone().map(|&(_, status)| number(status)).min();
        prop_assert_eq!(lowest, Some(number(chosen)));
        let first = equals
            .filter(|&&(_, status)| number(status) == number(chosen))
            .map(|&(position, _)| position)
            .min();
        prop_assert_eq!(first, Some(index));
    }
    Ok(())
}

fn policy() -> impl Strategy<Value = Policy> {
    (
        prop_oneof![Just(Ranking::Rfc3261), Just(Ranking::Kamailio)],
        prop_oneof![Just(Remap503::Always), Just(Remap503::WhenAlone), Just(Remap503::Never)],
    )
        .prop_map(|(ranking, remap)| Policy::RFC3261.with_ranking(ranking).with_remap_503(remap))
}

proptest! {
    #[test]
    fn select_best_follows_step_6(
        numbers in prop::collection::vec(status(), 0..12),
        transaction in transaction(),
        policy in policy(),
    ) {
        check_selection(&numbers, transaction, policy)?;
        let finals: Vec<StatusCode> = numbers.iter().copied().map(code).collect();
        prop_assert_eq!(select_best(&finals, transaction), select_best_with(&finals, transaction, Policy::RFC3261));
    }
}

/// One thing that can happen to a response context.
#[derive(Clone, Copy, Debug)]
enum Event {
    AddBranch,
    Close,
    Cancel,
    Response(usize, u16),
    TimerC(usize),
    TransportError(usize),
    Terminated(usize),
}

fn event() -> impl Strategy<Value = Event> {
    prop_oneof![
        2 => Just(Event::AddBranch),
        1 => Just(Event::Close),
        1 => Just(Event::Cancel),
        8 => (0..6_usize, status()).prop_map(|(branch, number)| Event::Response(branch, number)),
        1 => (0..6_usize).prop_map(Event::TimerC),
        1 => (0..6_usize).prop_map(Event::TransportError),
        1 => (0..6_usize).prop_map(Event::Terminated),
    ]
}

/// The test's own view of a branch, kept from the events alone.
#[derive(Clone, Copy, PartialEq, Debug)]
enum Seen {
    Calling,
    Proceeding,
    Final,
    Terminated,
}

/// What went upstream, and what the test knows independently of the context.
struct Run {
    transaction: Transaction,
    context: ResponseContext<(u16, usize), 5>,
    branches: Vec<(BranchId, Seen, bool)>,
    /// Status codes sent upstream, in order.
    upstream: Vec<u16>,
    /// A final was forwarded, a 6xx stored or an upstream CANCEL taken: every pending
    /// INVITE branch must be cancelled.
    cancel_due: bool,
    closed: bool,
    choices: usize,
    /// Branches that got a 2xx.
    successes: Vec<usize>,
    /// A final response that may go upstream reached a live branch: anything but a 408 to a
    /// non-INVITE (RFC 4320 §4.2), a transport error's 503 included.
    answerable: bool,
}

impl Run {
    fn new(transaction: Transaction) -> Run {
        Run {
            transaction,
            context: ResponseContext::new(transaction),
            branches: Vec::new(),
            upstream: Vec::new(),
            cancel_due: false,
            closed: false,
            choices: 0,
            successes: Vec::new(),
            answerable: false,
        }
    }

    fn upstream_final(&self) -> bool {
        self.upstream.iter().any(|&number| number >= 200)
    }

    fn apply(&mut self, event: Event, step: usize) -> Result<(), TestCaseError> {
        let branch = |index: usize, run: &Run| run.branches.get(index).map(|&(id, _, _)| id);
        let answer = match event {
            Event::AddBranch => {
                match self.context.add_branch() {
                    Ok(id) => {
                        prop_assert!(!self.closed && self.branches.len() < 5);
                        self.branches.push((id, Seen::Calling, false));
                    }
                    Err(ContextError::TooManyBranches { capacity }) => prop_assert_eq!(capacity, self.branches.len()),
                    Err(ContextError::NoNewBranches(_)) => prop_assert!(self.closed),
                    Err(other) => prop_assert!(false, "add_branch: {other}"),
                }
                return Ok(());
            }
            Event::Close => {
                self.closed = true;
                self.context.close()
            }
            Event::Cancel => {
                if self.transaction == Invite {
                    self.closed = true;
                    self.cancel_due = true;
                }
                self.context.cancel()
            }
            Event::Response(index, number) => {
                let Some(id) = branch(index, self) else { return Ok(()) };
                let answer = self.context.on_response(id, code(number), (number, step)).unwrap();
                self.check_disposition(index, number, &answer)?;
                answer
            }
            Event::TimerC(index) => {
                let Some(id) = branch(index, self) else { return Ok(()) };
                match self.context.on_timer_c(id) {
                    Ok(answer) => {
                        prop_assert_eq!(self.transaction, Invite);
                        let seen = self.branches[index].1;
                        prop_assert_eq!(
                            answer.cancel.contains(id),
                            seen == Seen::Proceeding && !self.branches[index].2
                        );
                        if seen == Seen::Calling {
                            self.branches[index].1 = Seen::Terminated;
                        }
                        answer
                    }
                    Err(error) => {
                        prop_assert_eq!(error, ContextError::TimerCNotInvite(id));
                        return Ok(());
                    }
                }
            }
            Event::TransportError(index) => {
                let Some(id) = branch(index, self) else { return Ok(()) };
                if matches!(self.branches[index].1, Seen::Calling | Seen::Proceeding) {
                    self.branches[index].1 = Seen::Terminated;
                    self.answerable = true;
                }
                self.context.on_transport_error(id).unwrap()
            }
            Event::Terminated(index) => {
                let Some(id) = branch(index, self) else { return Ok(()) };
                self.branches[index].1 = Seen::Terminated;
                self.context.on_terminated(id).unwrap()
            }
        };
        self.check_answer(&answer)
    }

    /// Step 5 and RFC 4320 §4.1, for the response just passed in.
    fn check_disposition(
        &mut self,
        index: usize,
        number: u16,
        answer: &Answer<(u16, usize), 5>,
    ) -> Result<(), TestCaseError> {
        let status = code(number);
        let invite = self.transaction == Invite;
        let before = self.branches[index].1;
        let forwarded = match answer.disposition {
            Disposition::Forward(handle) => {
                prop_assert_eq!(handle.0, number);
                true
            }
            Disposition::Drop(handle, _) => {
                prop_assert_eq!(handle.0, number);
                false
            }
            Disposition::Hold => {
                prop_assert!(status.class().digit() >= 3 && !self.upstream_final());
                prop_assert!(matches!(before, Seen::Calling | Seen::Proceeding));
                false
            }
            Disposition::Nothing => {
                prop_assert!(false, "a response event always has a disposition");
                false
            }
        };
        let live = matches!(before, Seen::Calling | Seen::Proceeding);
        let expected = match status.class().digit() {
            1 => live && invite && number != 100 && !self.upstream_final(),
            2 => {
                (live && (invite || !self.upstream_final())) || (before == Seen::Final && invite && self.had_2xx(index))
            }
            _ => false,
        };
        prop_assert_eq!(forwarded, expected, "{} on a {:?} branch", number, before);
        if forwarded {
            self.upstream.push(number);
        }
        if live && status.is_final() && (invite || number != 408) {
            self.answerable = true;
        }
        if live {
            if status.is_provisional() {
                self.branches[index].1 = Seen::Proceeding;
            } else {
                self.branches[index].1 = Seen::Final;
                if status.is_success() {
                    self.mark_2xx(index);
                }
            }
        }
        if (status.is_success() && forwarded) || (status.is_global_failure() && live && !self.upstream_final()) {
            self.cancel_due = invite;
        }
        if status.is_global_failure() && live || forwarded && status.is_final() {
            self.closed = true;
        }
        Ok(())
    }

    fn had_2xx(&self, index: usize) -> bool {
        self.successes.contains(&index)
    }

    fn mark_2xx(&mut self, index: usize) {
        self.successes.push(index);
    }

    /// The invariants that hold after every event.
    fn check_answer(&mut self, answer: &Answer<(u16, usize), 5>) -> Result<(), TestCaseError> {
        // CANCELs: only INVITE branches with a provisional response, no final one, and no
        // CANCEL before; and every such branch once a CANCEL is due.
        for id in answer.cancel.iter() {
            let (_, seen, cancelled) = self.branches[id.index()];
            prop_assert_eq!(self.transaction, Invite);
            prop_assert_eq!(seen, Seen::Proceeding);
            prop_assert!(!cancelled, "{} cancelled twice", id);
            self.branches[id.index()].2 = true;
        }
        if self.cancel_due {
            for &(id, seen, cancelled) in &self.branches {
                prop_assert!(
                    seen != Seen::Proceeding || cancelled,
                    "{} pending and not cancelled",
                    id
                );
            }
        }
        match answer.choice {
            Choice::NotNow => {}
            Choice::Send(selection) => {
                self.choices += 1;
                self.closed = true;
                prop_assert!(!self.upstream_final(), "a best response after a forwarded final");
                self.upstream.push(selection.status().as_u16());
                let best = self.context.best().unwrap();
                prop_assert_eq!(best.selection(), selection);
                let finals = self.context.finals();
                match (selection.index(), best.response()) {
                    (None, _) => {
                        prop_assert_eq!(self.transaction, Invite);
                        prop_assert_eq!(selection.status().as_u16(), 408);
                        prop_assert!(finals.iter().all(|status| !status.is_final()));
                    }
                    (Some(index), response) => {
                        let received = finals[index].as_u16();
                        prop_assert!(
                            received == selection.status().as_u16()
                                || received == 503 && selection.status().as_u16() == 500
                        );
                        // The handle is the one given with that response, or none for a 408 or
                        // 503 the context stood in for.
                        match response {
                            Some(&(number, _)) => prop_assert_eq!(number, received),
                            None => prop_assert!(received == 408 || received == 503),
                        }
                        for (_, &(number, _)) in best.challenges() {
                            prop_assert!(number == 401 || number == 407);
                        }
                    }
                }
                check_selection(
                    &finals.iter().map(|status| status.as_u16()).collect::<Vec<_>>(),
                    self.transaction,
                    Policy::RFC3261,
                )?;
            }
            Choice::SendNothing => {
                self.choices += 1;
                self.closed = true;
                prop_assert_eq!(self.transaction, NonInvite);
                prop_assert!(self.context.finals().iter().all(|status| status.as_u16() == 408));
            }
        }
        prop_assert!(self.choices <= 1);
        self.check_upstream()
    }

    /// What the UAC sees: RFC 3261 §16.7 step 5's last paragraph and the 6xx note.
    fn check_upstream(&self) -> Result<(), TestCaseError> {
        prop_assert!(!self.upstream.contains(&100), "100 Trying upstream");
        let finals: Vec<u16> = self.upstream.iter().copied().filter(|&number| number >= 200).collect();
        let successes = finals.iter().filter(|&&number| number < 300).count();
        match self.transaction {
            NonInvite => {
                prop_assert!(finals.len() <= 1, "{:?}", finals);
                prop_assert!(self.upstream.iter().all(|&number| number >= 200));
            }
            Invite => {
                // Exactly one non-2xx, or only 2xx: never a 2xx after a 6xx or any other.
                prop_assert!(successes == finals.len() || finals.len() == 1, "{:?}", finals);
            }
        }
        // No provisional after a final.
        if let Some(first) = self.upstream.iter().position(|&number| number >= 200) {
            prop_assert!(self.upstream[first..].iter().all(|&number| number >= 200));
        }
        Ok(())
    }

    /// Closes the context and ends every branch: then exactly one answer settles it.
    fn finish(&mut self, step: usize) -> Result<(), TestCaseError> {
        self.apply(Event::Close, step)?;
        for index in 0..self.branches.len() {
            self.apply(Event::Terminated(index), step)?;
        }
        let some_final = self.upstream_final();
        match self.transaction {
            Invite => prop_assert!(some_final, "an INVITE always gets a final response"),
            // Exactly one final response, unless none but 408s came (RFC 4320 §4.2).
            NonInvite => prop_assert_eq!(some_final, self.answerable),
        }
        prop_assert!(self.context.is_final_sent());
        Ok(())
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn random_branch_events_keep_the_rules(
        transaction in transaction(),
        events in prop::collection::vec(event(), 0..40),
    ) {
        let mut run = Run::new(transaction);
        for (step, event) in events.into_iter().enumerate() {
            run.apply(event, step)?;
        }
        run.finish(usize::MAX)?;
    }
}

#[test]
fn selection_is_small_and_copy() {
    fn copy<T: Copy>(value: T) -> T {
        value
    }
    let selection: Selection = select_best(&codes([486]), Invite).unwrap();
    assert_eq!(copy(selection), selection);
    assert!(size_of::<Selection>() <= 3 * size_of::<usize>());
}
