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
    }
}
