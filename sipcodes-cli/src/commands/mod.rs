//! The commands: each reads SIP messages from [`input`] (or the code tables)
//! and reports.

pub mod audit;
pub mod explain;
pub mod progress;
pub mod stats;

use std::io::Write as _;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use std::time::Duration;

use self::progress::Progress;
use crate::input::listen::{self, Listened};
use crate::input::{self, Problem, Seen, Sink, Undecoded, Warning};

/// How a command writes its report.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutputFormat {
    /// Aligned text for people.
    Text,
    /// One JSON object.
    Json,
    /// SARIF 2.1.0, for code-scanning services (`audit` only).
    Sarif,
}

/// Where a command's messages come from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Inputs {
    /// Files (pcap, pcapng, text traces), `-` for standard input.
    Files(Vec<String>),
    /// HEP3 datagrams received on a UDP address, for a while or until interrupted (SIGINT
    /// or SIGTERM, which end the listening with its report).
    ListenHep {
        /// The address to bind.
        address: SocketAddr,
        /// How long to listen; `None` until interrupted.
        duration: Option<Duration>,
    },
}

impl Inputs {
    /// The names the report lists: the files, or `hep:ADDRESS`.
    pub fn names(&self) -> Vec<String> {
        match self {
            Inputs::Files(files) => files.clone(),
            Inputs::ListenHep { address, .. } => vec![listen::name(*address)],
        }
    }
}

/// What reading every input came to.
#[derive(Debug, Default)]
pub struct Read {
    /// The warnings of the inputs that were read (already written to standard error).
    pub warnings: Vec<Warning>,
    /// Some input could not be read (the error is already written to standard error).
    pub failed: bool,
    /// What a live listening received, when the input was one.
    pub listened: Option<Listened>,
}

/// Reads every input into `sink`, drawing progress on a terminal and writing warnings and
/// errors to standard error as `sipcodes: warning: …` and `sipcodes: error: …`; an input
/// that cannot be read does not stop the others.
pub fn read_inputs(inputs: &Inputs, sink: &mut dyn Sink) -> Read {
    let mut read = Read::default();
    match inputs {
        Inputs::Files(files) => {
            let mut progress = Progress::new();
            for name in files {
                progress.start(name, input::source::size(name));
                let result = input::source::read(
                    name,
                    &mut WithProgress {
                        sink: &mut *sink,
                        progress: &mut progress,
                    },
                );
                progress.clear();
                match result {
                    Ok(found) => {
                        for warning in &found {
                            eprintln!("sipcodes: warning: {warning}");
                        }
                        read.warnings.extend(found);
                    }
                    Err(error) => report_error(&mut read, &error),
                }
            }
        }
        Inputs::ListenHep { address, duration } => {
            let stop = stop_on_signals();
            match listen::bind(*address).and_then(|socket| listen::receive(&socket, *duration, &stop, sink)) {
                Ok(listened) => read.listened = Some(listened),
                Err(error) => report_error(&mut read, &error),
            }
        }
    }
    read
}

/// A flag that SIGINT or SIGTERM sets, so that a live listening ends with its report; a
/// second signal ends the process at once.
fn stop_on_signals() -> Arc<AtomicBool> {
    let stop = Arc::new(AtomicBool::new(false));
    #[cfg(unix)]
    for signal in [signal_hook::consts::SIGINT, signal_hook::consts::SIGTERM] {
        // Registration fails only for a forbidden signal, which these are not; without it
        // an interrupt ends the process as it would anyway.
        let _ = signal_hook::flag::register_conditional_shutdown(signal, 1, Arc::clone(&stop));
        let _ = signal_hook::flag::register(signal, Arc::clone(&stop));
    }
    stop
}

/// Writes `text` to standard output. A reader that has gone (`sipcodes audit … | head`)
/// ends the writing quietly, as for any command-line filter, instead of a panic.
pub fn print(text: &str) {
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(text.as_bytes()).and_then(|()| stdout.flush());
}

fn report_error(read: &mut Read, error: &Problem) {
    eprintln!("sipcodes: error: {error}");
    read.failed = true;
}

/// A sink that also draws the progress line.
struct WithProgress<'a> {
    sink: &'a mut dyn Sink,
    progress: &'a mut Progress,
}

impl Sink for WithProgress<'_> {
    fn message(&mut self, message: &[u8], seen: &Seen) {
        self.sink.message(message, seen);
    }
    fn undecoded(&mut self, why: Undecoded, seen: &Seen) {
        self.sink.undecoded(why, seen);
    }
    fn other(&mut self, seen: &Seen) {
        self.sink.other(seen);
    }
    fn packet(&mut self) {
        self.sink.packet();
    }
    fn progress(&mut self, bytes: u64) {
        self.progress.update(bytes);
        self.sink.progress(bytes);
    }
}
