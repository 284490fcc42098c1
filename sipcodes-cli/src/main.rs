//! `sipcodes`: SIP status codes explained, and SIP captures and traces audited and counted,
//! from the command line.
#![forbid(unsafe_code)]

use std::net::SocketAddr;
use std::process::ExitCode;
use std::time::Duration;

use clap::{CommandFactory, Parser, Subcommand, ValueEnum};
use sipcodes_cli::commands::{self, Inputs, OutputFormat, audit::FailOn};

/// SIP status codes explained; SIP captures and traces audited and counted.
#[derive(Parser)]
#[command(name = "sipcodes", version, long_about = None)]
#[command(after_help = "\
Examples:
  sipcodes explain 486
  sipcodes audit call.pcap
  sipcodes audit --format sarif --fail-on warning capture.pcapng > sipcodes.sarif
  sipcodes stats --format json capture.pcapng

Exit status: 0 on success, 1 when `audit` finds something at or above --fail-on, 2 for bad
usage or an input that cannot be read. Each command's --help says more.")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Explain a SIP response code, a reason phrase, a status line, a Q.850 cause, a
    /// warn-code or a Reason header value.
    ///
    /// A code's explanation gives its class, meaning, defining RFC section, registration,
    /// the header fields its responses carry, how a client reacts, and the audit rules about
    /// it. A Q.850 cause is shown with the SIP responses RFC 3398 and RFC 4497 map it to,
    /// and the way back.
    #[command(after_help = EXPLAIN_EXAMPLES)]
    Explain(ExplainArgs),
    /// Audit SIP responses and transactions in captures, traces or live HEP3 against the
    /// RFCs.
    ///
    /// Every response is checked by the rules of the sipcodes library's audit (its status
    /// line, the header fields its code requires or forbids, Reason and Warning values, the
    /// RFC 4320 rules about non-INVITE transactions), and a transaction's messages together
    /// (a second final response, a 2xx after a 6xx, a proxy relaying a 503). Each finding
    /// says where it was seen: file, packet (or line), time, addresses, Call-ID and CSeq.
    /// The inputs are read as `sipcodes stats` reads them. `--list-rules` prints the rules.
    #[command(after_help = AUDIT_EXAMPLES)]
    Audit(AuditArgs),
    /// Count SIP requests by method and responses by code in captures and traces.
    ///
    /// Reads pcap and pcapng files (Ethernet, Linux cooked SLL and SLL2, raw IP, BSD loopback
    /// and PPP links; VLAN, PPPoE, MPLS, GRE and ERSPAN; IPv4 and IPv6 fragments
    /// reassembled), SIP over UDP, TCP (reassembled, framed by Content-Length), SCTP,
    /// WebSocket (RFC 7118) and HEP3, and plain-text traces (SIPp `-trace_msg`, sngrep's text
    /// export, messages one after another). SIP is recognised by its start line, on any port.
    /// Every response message is counted, retransmissions included, as Wireshark's
    /// `sip,stat` counts them; what could not be decoded is counted by reason (TLS,
    /// truncated packets, non-SIP payloads on SIP ports, ...).
    #[command(after_help = STATS_EXAMPLES)]
    Stats(StatsArgs),
    /// Write a table of the library as JSON or CSV: the same build always writes the same bytes.
    #[command(
        after_help = "Examples:\n  sipcodes export --format json > codes.json\n  sipcodes export --format csv --table q850"
    )]
    Export(ExportArgs),
    /// Write the static reference site (every code, Q.850 cause and warn-code) into a directory.
    #[command(after_help = "Example:\n  sipcodes site public && open public/index.html")]
    Site(SiteArgs),
    /// Print a shell's completion script for sipcodes.
    #[command(
        after_help = "Examples:\n  sipcodes completions bash > ~/.local/share/bash-completion/completions/sipcodes\n  sipcodes completions zsh > ~/.zfunc/_sipcodes\n  sipcodes completions fish > ~/.config/fish/completions/sipcodes.fish"
    )]
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff), e.g. `sipcodes man > sipcodes.1; man ./sipcodes.1`.
    Man,
    /// Map Q.850 causes to SIP status codes and back under a profile (the RFC tables or a
    /// vendor's, listed below), and list where two profiles disagree.
    #[command(subcommand, after_help = Q850_EXAMPLES)]
    Q850(Q850Command),
}

const Q850_EXAMPLES: &str = "\
Examples:
  sipcodes q850 to-sip --profile asterisk 21
  sipcodes q850 to-sip --profile rfc3398 21 --location user
  sipcodes q850 from-sip --profile freeswitch 603
  sipcodes q850 diff rfc3398 asterisk --format json

Profiles: rfc3398, rfc4497, asterisk, freeswitch, opensips. Each answer line starts with the mapped
value (the status code, the cause number, or `none`), then its name and the row's citation.";

#[derive(Subcommand)]
enum Q850Command {
    /// The SIP status a profile sends for a Q.850 cause.
    ToSip {
        /// The profile's key.
        #[arg(long, default_value = "rfc3398", value_parser = PROFILES)]
        profile: String,
        /// The cause value (a vendor's own above 127 too).
        cause: u16,
        /// Where the cause arose: at the called user, or in a network.
        #[arg(long, value_enum)]
        location: Option<CauseLocation>,
    },
    /// The Q.850 cause a profile releases with after a SIP status.
    FromSip {
        /// The profile's key.
        #[arg(long, default_value = "rfc3398", value_parser = PROFILES)]
        profile: String,
        /// The status code, 100 to 699.
        status: u16,
    },
    /// Every cause and status two profiles map differently, with both rows' citations.
    Diff {
        /// The first profile's key.
        #[arg(value_parser = PROFILES)]
        a: String,
        /// The second profile's key.
        #[arg(value_parser = PROFILES)]
        b: String,
        /// How to print the disagreements.
        #[arg(long, value_enum, default_value_t = StatsFormat::Text)]
        format: StatsFormat,
    },
}

const PROFILES: [&str; 5] = commands::q850::PROFILE_KEYS;

#[derive(Clone, Copy, ValueEnum)]
enum CauseLocation {
    /// Location 0, the user.
    User,
    /// Any network location.
    Network,
}

#[derive(clap::Args)]
struct ExportArgs {
    /// json (one object, described by data/schema/) or csv (the codes table starts with IANA's columns).
    #[arg(long, value_enum)]
    format: ExportFormat,
    /// The table to write.
    #[arg(long, value_enum, default_value_t = ExportTable::Codes)]
    table: ExportTable,
}

#[derive(Clone, Copy, ValueEnum)]
enum ExportFormat {
    Json,
    Csv,
}

#[derive(Clone, Copy, ValueEnum)]
enum ExportTable {
    Codes,
    Q850,
    WarnCodes,
    ReasonProtocols,
    Rules,
}

#[derive(clap::Args)]
struct SiteArgs {
    /// The directory to write into (created if missing; files of the same name are replaced).
    #[arg(value_name = "OUT_DIR")]
    out_dir: std::path::PathBuf,
}

const EXPLAIN_EXAMPLES: &str = "\
Examples:
  sipcodes explain 486
  sipcodes explain 'busy here'
  sipcodes explain 'SIP/2.0 480 Temporarily Unavailable'
  sipcodes explain q850 17
  sipcodes explain warning 305
  sipcodes explain 'Q.850;cause=16;text=\"Normal call clearing\"'

Exit status: 0, or 2 when the argument names no code, cause or warn-code.";

const AUDIT_EXAMPLES: &str = "\
Examples:
  sipcodes audit call.pcap
  sipcodes audit --format json capture.pcapng | jq '.findings[] | select(.severity == \"error\")'
  sipcodes audit --format sarif --fail-on never capture.pcap > sipcodes.sarif
  sipcodes audit --listen-hep 127.0.0.1:9060 --duration 60
  sipcodes audit --profile freeswitch fs-trunk.pcap
  sipcodes audit --list-rules

Profiles: a Reason header field's Q.850 cause is judged against the status code under RFC 3398's
mapping, or under --profile KEY, the mapping of the gateway whose traffic it is (the keys are
listed under --profile; `sipcodes q850 diff rfc3398 KEY` shows where a table departs from RFC 3398).

Live: with --listen-hep, HEP3 datagrams are received on UDP as a Homer collector receives
them (Kamailio's siptrace, OpenSIPS, FreeSWITCH, heplify), and text findings are written as
they are found. The listening ends after --duration, or on Ctrl-C (SIGINT) or SIGTERM; then
the report is written (JSON and SARIF only then) and a summary line goes to standard error.

Exit status: 0 when nothing at or above --fail-on was found, 1 when something was, 2 for
bad usage or an input that cannot be read (the message names the file and byte offset).
A capture cut short is read to its end, with a warning.";

const STATS_EXAMPLES: &str = "\
Examples:
  sipcodes stats call.pcap
  sipcodes stats --format json capture-*.pcapng | jq .responses
  tcpdump -i any -w - port 5060 | sipcodes stats -
  sipcodes stats sipp_messages.log
  sipcodes stats --listen-hep 127.0.0.1:9060 --duration 60

Exit status: 0 when every input was read (a capture cut short is read to its end, with a
warning), 2 for bad usage or an input that cannot be read (the message names the file and
the byte offset).";

#[derive(clap::Args)]
struct ExplainArgs {
    /// A code (486), a phrase (busy here), a status line (SIP/2.0 486 Busy Here), `q850 N`,
    /// `warning N`, or a Reason value (Q.850;cause=17).
    #[arg(required = true, value_name = "ARG", num_args = 1..)]
    arguments: Vec<String>,
}

/// Where the messages come from: files, or a live HEP3 listening.
#[derive(clap::Args)]
struct InputArgs {
    /// pcap, pcapng or text-trace files; `-` reads standard input.
    #[arg(value_name = "INPUT", conflicts_with = "listen_hep")]
    inputs: Vec<String>,
    /// Receive HEP3 over UDP on this address (e.g. 127.0.0.1:9060) instead of reading files.
    #[arg(long, value_name = "ADDR")]
    listen_hep: Option<SocketAddr>,
    /// With --listen-hep: stop after this many seconds (default: until Ctrl-C or SIGTERM).
    #[arg(long, value_name = "SECONDS", requires = "listen_hep")]
    duration: Option<f64>,
}

impl InputArgs {
    fn inputs(self) -> Result<Inputs, String> {
        match self.listen_hep {
            Some(address) => Ok(Inputs::ListenHep {
                address,
                duration: self
                    .duration
                    .map(|seconds| {
                        Duration::try_from_secs_f64(seconds)
                            .map_err(|_| format!("--duration {seconds}: expected a number of seconds, 0 or more"))
                    })
                    .transpose()?,
            }),
            None if self.inputs.is_empty() => {
                Err("no INPUT: give a capture or trace (`-` for standard input), or --listen-hep ADDR".to_owned())
            }
            None => Ok(Inputs::Files(self.inputs)),
        }
    }
}

#[derive(clap::Args)]
struct AuditArgs {
    /// How to write the findings.
    #[arg(long, value_enum, default_value_t = AuditFormat::Text)]
    format: AuditFormat,
    /// Exit with 1 when a finding of this severity or a graver one is found.
    #[arg(long, value_enum, default_value_t = FailOnArg::Error, value_name = "SEVERITY")]
    fail_on: FailOnArg,
    /// Print every rule with its id, severity and citation, and exit.
    #[arg(long)]
    list_rules: bool,
    /// The interworking profile a Reason's Q.850 cause is judged by (rule
    /// `reason-q850-inconsistent`): the mapping the gateway whose traffic this is declares,
    /// RFC 3398's unless given.
    #[arg(long, default_value = "rfc3398", value_parser = PROFILES, value_name = "KEY")]
    profile: String,
    #[command(flatten)]
    input: InputArgs,
}

#[derive(clap::Args)]
struct StatsArgs {
    /// How to print the counts.
    #[arg(long, value_enum, default_value_t = StatsFormat::Text)]
    format: StatsFormat,
    #[command(flatten)]
    input: InputArgs,
}

#[derive(Clone, Copy, ValueEnum)]
enum AuditFormat {
    /// A diagnostic per finding, then the counts.
    Text,
    /// One JSON object: "findings" (rule, severity, code, packet, Call-ID, CSeq, message,
    /// rfc, section, where), "summary" (counts) and "warnings".
    Json,
    /// SARIF 2.1.0, for code-scanning services.
    Sarif,
}

#[derive(Clone, Copy, ValueEnum)]
enum StatsFormat {
    /// Aligned text.
    Text,
    /// One JSON object: "requests" by method, "responses" by three-digit code, "classes",
    /// "methods", "undecoded" by reason.
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum FailOnArg {
    /// Errors: a MUST or MUST NOT broken.
    Error,
    /// Errors and warnings (a SHOULD broken, a retired code).
    Warning,
    /// Any finding.
    Info,
    /// Never: exit 0 whatever is found.
    Never,
}

fn usage_error(message: &str) -> ExitCode {
    eprintln!("sipcodes: error: {message}");
    ExitCode::from(2)
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Export(args) => {
            use commands::export::{Format, Table};
            let format = match args.format {
                ExportFormat::Json => Format::Json,
                ExportFormat::Csv => Format::Csv,
            };
            let table = match args.table {
                ExportTable::Codes => Table::Codes,
                ExportTable::Q850 => Table::Q850,
                ExportTable::WarnCodes => Table::WarnCodes,
                ExportTable::ReasonProtocols => Table::ReasonProtocols,
                ExportTable::Rules => Table::Rules,
            };
            commands::export::run(table, format)
        }
        Command::Site(args) => commands::site::run(&args.out_dir),
        Command::Explain(args) => commands::explain::run(&args.arguments),
        Command::Audit(args) => {
            let format = match args.format {
                AuditFormat::Text => OutputFormat::Text,
                AuditFormat::Json => OutputFormat::Json,
                AuditFormat::Sarif => OutputFormat::Sarif,
            };
            if args.list_rules {
                return commands::audit::list_rules(format);
            }
            let inputs = match args.input.inputs() {
                Ok(inputs) => inputs,
                Err(message) => return usage_error(&message),
            };
            let profile = match commands::q850::profile(&args.profile) {
                Ok(profile) => profile,
                Err(message) => return usage_error(&message),
            };
            commands::audit::run(&commands::audit::Options {
                format,
                profile,
                fail_on: match args.fail_on {
                    FailOnArg::Error => FailOn::Error,
                    FailOnArg::Warning => FailOn::Warning,
                    FailOnArg::Info => FailOn::Info,
                    FailOnArg::Never => FailOn::Never,
                },
                inputs,
            })
        }
        Command::Completions { shell } => {
            clap_complete::generate(shell, &mut Cli::command(), "sipcodes", &mut std::io::stdout());
            ExitCode::SUCCESS
        }
        Command::Man => {
            let mut page = Vec::new();
            match clap_mangen::Man::new(Cli::command()).render(&mut page) {
                Ok(()) => {
                    commands::print(&String::from_utf8_lossy(&page));
                    ExitCode::SUCCESS
                }
                Err(error) => usage_error(&format!("the man page could not be written: {error}")),
            }
        }
        Command::Stats(args) => {
            let inputs = match args.input.inputs() {
                Ok(inputs) => inputs,
                Err(message) => return usage_error(&message),
            };
            commands::stats::run(&commands::stats::Options {
                format: match args.format {
                    StatsFormat::Text => OutputFormat::Text,
                    StatsFormat::Json => OutputFormat::Json,
                },
                inputs,
            })
        }
        Command::Q850(command) => q850(command),
    }
}

fn q850(command: Q850Command) -> ExitCode {
    use commands::q850::{self, Where};
    match command {
        Q850Command::ToSip {
            profile,
            cause,
            location,
        } => q850::print(q850::to_sip_line(
            &profile,
            cause,
            location.map(|location| match location {
                CauseLocation::User => Where::User,
                CauseLocation::Network => Where::Network,
            }),
        )),
        Q850Command::FromSip { profile, status } => q850::print(q850::from_sip_line(&profile, status)),
        Q850Command::Diff { a, b, format } => q850::run_diff(
            &a,
            &b,
            match format {
                StatsFormat::Text => OutputFormat::Text,
                StatsFormat::Json => OutputFormat::Json,
            },
        ),
    }
}
