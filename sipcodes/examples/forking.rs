//! A forking proxy's day: requests forked to several phones, branch outcomes in, what goes
//! upstream and which branches get a CANCEL out.
//!
//! `cargo run --example forking`

use sipcodes::StatusCode;
use sipcodes::forking::{
    Answer, BranchId, Choice, ContextError, Disposition, DropReason, ResponseContext, Transaction,
};

/// The proxy's handle for a response: who sent it, and its status line.
#[derive(Clone, Copy, Debug)]
struct Response {
    from: &'static str,
    status: StatusCode,
}

/// Something that happens on one branch.
#[derive(Clone, Copy)]
enum Outcome {
    Responds(u16),
    TimerC,
    TransportError,
    Terminated,
}

/// The most branches a context holds here.
const TARGETS: usize = 4;

struct Proxy {
    context: ResponseContext<Response, TARGETS>,
    /// Each target and its branch.
    branches: Vec<(&'static str, BranchId)>,
}

impl Proxy {
    fn fork(method: &str, transaction: Transaction, targets: &[&'static str]) -> Result<Proxy, ContextError> {
        println!("{method} forked to {}", targets.join(", "));
        let mut proxy = Proxy::branch_out(transaction, targets)?;
        // Every target is tried: the best response is chosen once all branches are done.
        let answer = proxy.context.close();
        proxy.report(answer, None);
        Ok(proxy)
    }

    /// Forks to the first targets of a list that may grow: the context stays open, and
    /// [`Proxy::close`] says when the list has run out.
    fn start(method: &str, transaction: Transaction, targets: &[&'static str]) -> Result<Proxy, ContextError> {
        println!("{method} forked to {} (more targets may follow)", targets.join(", "));
        Proxy::branch_out(transaction, targets)
    }

    fn branch_out(transaction: Transaction, targets: &[&'static str]) -> Result<Proxy, ContextError> {
        let mut proxy = Proxy {
            context: ResponseContext::new(transaction),
            branches: Vec::new(),
        };
        for target in targets {
            let branch = proxy.context.add_branch()?;
            proxy.branches.push((target, branch));
        }
        Ok(proxy)
    }

    /// No more targets. Closing is an event like the others: when every branch is done
    /// already, its answer is the one that says what to send upstream.
    fn close(&mut self) {
        print!("  {:<10} -> {:<36}", "proxy", "no more targets");
        let answer = self.context.close();
        self.report(answer, Some("close the context"));
    }

    fn name(&self, branch: BranchId) -> &'static str {
        self.branches
            .iter()
            .find(|(_, id)| *id == branch)
            .map_or("?", |(name, _)| name)
    }

    fn on(&mut self, target: &'static str, outcome: Outcome) -> Result<(), ContextError> {
        let Some(&(_, branch)) = self.branches.iter().find(|(name, _)| *name == target) else {
            panic!("{target} is not a target of this request");
        };
        let answer = match outcome {
            Outcome::Responds(number) => {
                let status = StatusCode::from_u16(number).expect("the story uses valid codes");
                print!("  {target:<10} -> {:<36}", status.to_string());
                self.context
                    .on_response(branch, status, Response { from: target, status })?
            }
            Outcome::TimerC => {
                print!("  {target:<10} -> {:<36}", "Timer C fires");
                self.context.on_timer_c(branch)?
            }
            Outcome::TransportError => {
                print!("  {target:<10} -> {:<36}", "transport error");
                self.context.on_transport_error(branch)?
            }
            Outcome::Terminated => {
                print!("  {target:<10} -> {:<36}", "transaction ends");
                self.context.on_terminated(branch)?
            }
        };
        let note = match outcome {
            Outcome::Responds(_) => "",
            Outcome::TimerC if answer.cancel.is_empty() => "no response yet: counts as 408",
            Outcome::TimerC => "it rang: cancel it",
            Outcome::TransportError => "counts as 503",
            Outcome::Terminated => "ended without a final response",
        };
        self.report(answer, Some(note));
        Ok(())
    }

    /// Prints what the proxy does; `note` is for an event without a response (`None` when
    /// nothing was printed for the event itself).
    fn report(&self, answer: Answer<Response, TARGETS>, note: Option<&str>) {
        match (answer.disposition, note) {
            (Disposition::Forward(_), _) => println!("forward upstream"),
            (Disposition::Hold, _) => println!("hold"),
            (Disposition::Drop(_, reason), _) => println!("drop: {}", explain(reason)),
            (Disposition::Nothing, Some(note)) => println!("{note}"),
            (Disposition::Nothing, None) => {}
        }
        for branch in answer.cancel.iter() {
            println!("  {:<10} <- CANCEL", self.name(branch));
        }
        match answer.choice {
            Choice::NotNow => {}
            Choice::Send(selection) => {
                let best = self.context.best();
                let from = best
                    .as_ref()
                    .and_then(sipcodes::forking::Best::response)
                    .map(|response| response.from);
                let source = match from {
                    Some(from) => format!("best response, from {from}"),
                    None => "no branch answered in time".to_owned(),
                };
                println!("  {:<10} <- {} ({source})", "upstream", selection.status());
                if let Some(best) = best {
                    for (branch, challenge) in best.challenges() {
                        println!(
                            "  {:<10}    + the challenges of {}'s {}",
                            "",
                            self.name(branch),
                            challenge.status
                        );
                    }
                }
            }
            Choice::SendNothing => println!("  {:<10} <- nothing: the request times out upstream", "upstream"),
        }
    }
}

fn explain(reason: DropReason) -> &'static str {
    match reason {
        DropReason::Trying => "a proxy never forwards 100",
        DropReason::ProvisionalToNonInvite => "no provisional response to a non-INVITE",
        DropReason::FinalSent => "a final response went upstream already",
        DropReason::BranchFinished => "the branch already answered",
        DropReason::BranchTerminated => "the branch has ended",
        _ => "not forwarded",
    }
}

fn main() -> Result<(), ContextError> {
    use Outcome::{Responds, Terminated, TimerC, TransportError};

    let mut call = Proxy::fork("INVITE", Transaction::Invite, &["desk", "mobile", "softphone"])?;
    call.on("desk", Responds(180))?;
    call.on("mobile", Responds(100))?;
    call.on("softphone", TransportError)?;
    call.on("desk", Responds(486))?;
    call.on("mobile", Responds(180))?;
    call.on("mobile", TimerC)?;
    call.on("mobile", Responds(487))?;
    println!();

    let mut call = Proxy::fork("INVITE", Transaction::Invite, &["desk", "mobile"])?;
    call.on("mobile", Responds(183))?;
    call.on("desk", Responds(603))?;
    call.on("mobile", Responds(487))?;
    println!();

    let mut call = Proxy::fork("INVITE", Transaction::Invite, &["desk", "mobile", "tablet"])?;
    call.on("desk", Responds(180))?;
    call.on("tablet", Responds(180))?;
    call.on("mobile", Responds(200))?;
    call.on("desk", Responds(487))?;
    call.on("tablet", Responds(200))?;
    println!();

    let mut call = Proxy::fork("INVITE", Transaction::Invite, &["pbx", "sbc", "registrar"])?;
    call.on("pbx", Responds(407))?;
    call.on("sbc", Responds(404))?;
    call.on("registrar", Responds(401))?;
    println!();

    // Both branches are done before the target list runs out: the answer comes from close.
    let mut call = Proxy::start("INVITE", Transaction::Invite, &["gateway", "voicemail"])?;
    call.on("gateway", TransportError)?;
    call.on("voicemail", Responds(404))?;
    call.close();
    println!();

    let mut message = Proxy::fork("MESSAGE", Transaction::NonInvite, &["desk", "mobile"])?;
    message.on("desk", Responds(408))?;
    message.on("mobile", Terminated)?;
    Ok(())
}
