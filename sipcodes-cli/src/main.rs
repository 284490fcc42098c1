//! `sipcodes`: SIP status codes in captures and traces, from the command line.
#![forbid(unsafe_code)]

use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use sipcodes_cli::commands::{self, OutputFormat};

/// SIP status codes in captures and traces.
#[derive(Parser)]
#[command(name = "sipcodes", version, about, long_about = None)]
#[command(
    after_help = "Examples:\n  sipcodes stats call.pcap\n  sipcodes stats --format json capture.pcapng\n\nExit status: 0 on success, 2 for bad usage or an input that cannot be read.\nEach command's --help says more."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
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
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
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

const STATS_EXAMPLES: &str = "\
Examples:
  sipcodes stats call.pcap
  sipcodes stats --format json capture-*.pcapng | jq .responses
  tcpdump -i any -w - port 5060 | sipcodes stats -
  sipcodes stats sipp_messages.log

Exit status: 0 when every input was read (a capture cut short is read to its end, with a
warning), 2 for bad usage or an input that cannot be read (the message names the file and
the byte offset).";

#[derive(clap::Args)]
struct StatsArgs {
    /// How to print the counts.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// pcap, pcapng or text-trace files; `-` reads standard input.
    #[arg(required = true, value_name = "INPUT")]
    inputs: Vec<String>,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// Aligned text.
    Text,
    /// One JSON object: "requests" by method, "responses" by three-digit code, "classes",
    /// "methods", "undecoded" by reason.
    Json,
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Stats(args) => commands::stats::run(&commands::stats::Options {
            format: match args.format {
                Format::Text => OutputFormat::Text,
                Format::Json => OutputFormat::Json,
            },
            inputs: args.inputs,
        }),
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
                Format::Text => OutputFormat::Text,
                Format::Json => OutputFormat::Json,
            },
        ),
    }
}
