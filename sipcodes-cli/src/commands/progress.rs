//! A progress line on standard error, drawn only when standard error is a terminal.

use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

/// Draws how far through its inputs a command is.
pub struct Progress {
    enabled: bool,
    name: String,
    total: Option<u64>,
    last_drawn: Option<Instant>,
}

impl Progress {
    /// A progress line, shown only if standard error is a terminal.
    pub fn new() -> Progress {
        Progress {
            enabled: std::io::stderr().is_terminal(),
            name: String::new(),
            total: None,
            last_drawn: None,
        }
    }

    /// Starts on the input `name`, of `total` bytes when known.
    pub fn start(&mut self, name: &str, total: Option<u64>) {
        name.clone_into(&mut self.name);
        self.total = total;
        self.last_drawn = None;
    }

    /// Shows that `bytes` of the current input are read, at most ten times a second.
    pub fn update(&mut self, bytes: u64) {
        if !self.enabled
            || self
                .last_drawn
                .is_some_and(|at| at.elapsed() < Duration::from_millis(100))
        {
            return;
        }
        self.last_drawn = Some(Instant::now());
        let line = match self.total {
            Some(total) if total > 0 => {
                let percent = bytes.saturating_mul(100) / total;
                let filled = usize::try_from(percent.min(100) / 5).unwrap_or(20);
                format!(
                    "{} [{}{}] {percent:>3}%",
                    self.name,
                    "#".repeat(filled),
                    " ".repeat(20 - filled)
                )
            }
            _ => format!("{} {} KiB", self.name, bytes / 1024),
        };
        let mut stderr = std::io::stderr().lock();
        let _ = write!(stderr, "\r\x1b[2K{line}");
        let _ = stderr.flush();
    }

    /// Clears the line.
    pub fn clear(&mut self) {
        if self.enabled && self.last_drawn.is_some() {
            clear_line();
        }
    }
}

/// Clears the terminal line standard error is on, where a progress line may stand, so that
/// a line written to standard output on the same terminal starts clean; the progress line
/// is drawn again at its next update. Call only when standard error is a terminal.
pub fn clear_line() {
    let _ = write!(std::io::stderr().lock(), "\r\x1b[2K");
}

impl Default for Progress {
    fn default() -> Self {
        Progress::new()
    }
}
