//! A response against the request it answers (RFC 3261 §8.2.6.2).

use super::Findings;
use super::rules::Check;
use crate::message::Message;

/// Checks that the response repeats what §8.2.6.2 has it copy from `request`.
pub(super) fn check<'a>(response: &Message<'a>, report: &mut Findings<'a>, request: &Message<'a>) {
    if let (Some(sent), Some(received)) = (request.call_id(), response.call_id()) {
        if sent != received {
            report.found(Check::CallIdMismatch, received, 0);
        }
    }
    if let (Some(sent), Some(received)) = (request.cseq(), response.cseq()) {
        if sent != received {
            let value = response.header("CSeq").map_or("", |header| header.value());
            report.found(Check::CSeqMismatch, value, 0);
        }
    }
    if let (Some(sent), Some(received)) = (request.from_tag(), response.from_tag()) {
        if sent != received {
            report.found(Check::FromTagMismatch, received, 0);
        }
    }
    if let Some(sent) = request.to_tag() {
        match response.to_tag() {
            Some(received) if received == sent => {}
            received => report.found(Check::ToTagMismatch, received.unwrap_or("(none)"), 0),
        }
    }
    if let (Some(sent), Some(received)) = (request.top_via_branch(), response.top_via_branch()) {
        if sent != received {
            report.found(Check::BranchMismatch, received, 0);
        }
    }
}
