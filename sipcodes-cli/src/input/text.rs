//! Plain-text SIP traces: messages written one after another as text, with whatever a tool
//! puts between them. SIPp's `-trace_msg` log (a dashed line with the time, then `UDP message
//! sent (N bytes):`), sngrep's text export (`YYYY/MM/DD HH:MM:SS.uuuuuu SRC -> DST` before
//! each message), and bare messages separated as SIP separates them (a blank line ends the
//! head, Content-Length the body) are all read alike: a message starts at a SIP start line,
//! its head ends at the first empty line, and its body runs for its Content-Length or up to
//! the next start line or separator. Lines are read with LF or CRLF endings and handed on
//! with CRLF, as SIP writes them.

use std::io::BufRead;
use std::net::SocketAddr;
use std::sync::Arc;

use super::framing::{self, MAX_HEAD};
use super::{Position, ReadError, Seen, Sink, Timestamp, Transport, Undecoded};

/// The longest line kept; the rest of a longer line is skipped.
const MAX_LINE: usize = 64 * 1024;

/// What the lines before a message said about it.
#[derive(Default, Clone)]
struct Context {
    timestamp: Option<Timestamp>,
    source: Option<SocketAddr>,
    destination: Option<SocketAddr>,
    transport: Option<Transport>,
}

struct Message {
    line: u64,
    bytes: Vec<u8>,
    head_ended: bool,
    body_wanted: usize,
    body: usize,
    context: Context,
}

/// Reads a text trace from `input`, named `file`.
///
/// # Errors
///
/// When a line holds a NUL byte, which no text trace has: the input is binary.
pub fn read(file: &Arc<str>, mut input: impl BufRead, sink: &mut dyn Sink) -> Result<(), ReadError> {
    let mut line = Vec::new();
    let mut offset = 0u64;
    let mut number = 0u64;
    let mut context = Context::default();
    let mut message: Option<Message> = None;
    loop {
        line.clear();
        let read = read_line(&mut input, &mut line).map_err(|e| ReadError {
            file: Arc::clone(file),
            offset: Some(offset),
            what: format!("reading failed: {e}"),
        })?;
        if read == 0 {
            break;
        }
        if let Some(nul) = line.iter().position(|&b| b == 0) {
            return Err(ReadError {
                file: Arc::clone(file),
                offset: Some(offset + nul as u64),
                what:
                    "a NUL byte: this is not a text trace, nor a pcap or pcapng file (their first bytes would say so)"
                        .to_owned(),
            });
        }
        offset += read as u64;
        number += 1;
        if offset % (1 << 20) < read as u64 {
            sink.progress(offset);
        }
        let text = line.strip_suffix(b"\n").unwrap_or(&line);
        let text = text.strip_suffix(b"\r").unwrap_or(text);
        if let Some(current) = message.as_mut() {
            let separator = framing::starts_like_sip(&line) || read_separator(text, &mut Context::default());
            if !current.head_ended {
                if separator && framing::starts_like_sip(&line) {
                    emit(file, message.take(), sink);
                } else {
                    current.bytes.extend_from_slice(text);
                    current.bytes.extend_from_slice(b"\r\n");
                    if text.is_empty() {
                        current.head_ended = true;
                        current.body_wanted = framing::content_length(&current.bytes).ok().flatten().unwrap_or(0);
                        if current.body_wanted == 0 {
                            emit(file, message.take(), sink);
                        }
                    } else if current.bytes.len() > MAX_HEAD {
                        sink.undecoded(Undecoded::TooLarge, &seen(file, current));
                        message = None;
                    }
                    continue;
                }
            } else if separator {
                emit(file, message.take(), sink);
            } else {
                let wanted = current.body_wanted - current.body;
                let mut piece = text.to_vec();
                piece.extend_from_slice(b"\r\n");
                piece.truncate(wanted);
                current.body += piece.len();
                current.bytes.extend_from_slice(&piece);
                if current.body >= current.body_wanted {
                    emit(file, message.take(), sink);
                }
                continue;
            }
        }
        if framing::starts_like_sip(&line) {
            let mut bytes = text.to_vec();
            bytes.extend_from_slice(b"\r\n");
            message = Some(Message {
                line: number,
                bytes,
                head_ended: false,
                body_wanted: 0,
                body: 0,
                context: std::mem::take(&mut context),
            });
        } else {
            read_separator(text, &mut context);
        }
    }
    emit(file, message, sink);
    sink.progress(offset);
    Ok(())
}

/// Reads one line into `line`, keeping at most [`MAX_LINE`] bytes of it; returns how many
/// bytes of input it took.
fn read_line(input: &mut impl BufRead, line: &mut Vec<u8>) -> std::io::Result<usize> {
    let mut taken = 0;
    loop {
        let available = input.fill_buf()?;
        if available.is_empty() {
            return Ok(taken);
        }
        let (chunk, done) = match available.iter().position(|&b| b == b'\n') {
            Some(end) => (&available[..=end], true),
            None => (available, false),
        };
        let room = MAX_LINE.saturating_sub(line.len());
        line.extend_from_slice(&chunk[..chunk.len().min(room)]);
        let length = chunk.len();
        input.consume(length);
        taken += length;
        if done {
            return Ok(taken);
        }
    }
}

fn seen(file: &Arc<str>, message: &Message) -> Seen {
    Seen {
        file: Arc::clone(file),
        position: Position::Line(message.line),
        timestamp: message.context.timestamp,
        source: message.context.source,
        destination: message.context.destination,
        transport: message.context.transport.unwrap_or(Transport::Text),
        hep: false,
    }
}

fn emit(file: &Arc<str>, message: Option<Message>, sink: &mut dyn Sink) {
    if let Some(message) = message {
        sink.message(&message.bytes, &seen(file, &message));
    }
}

/// Reads what the lines between messages say: sngrep's `DATE TIME SRC -> DST`, SIPp's dashed
/// line with a time and its `UDP message sent` line. Returns whether the line is one of them.
fn read_separator(line: &[u8], context: &mut Context) -> bool {
    let Ok(line) = std::str::from_utf8(line) else {
        return false;
    };
    let line = line.trim();
    if let Some(rest) = line.strip_prefix("-----") {
        context.timestamp = parse_time(rest.trim_start_matches('-').trim());
        return true;
    }
    for (name, transport) in [
        ("UDP", Transport::Udp),
        ("TCP", Transport::Tcp),
        ("SCTP", Transport::Sctp),
        ("TLS", Transport::Tcp),
        ("WS", Transport::WebSocket),
    ] {
        if line.starts_with(name) && (line.contains(" message sent") || line.contains(" message received")) {
            context.transport = Some(transport);
            return true;
        }
    }
    let words: Vec<&str> = line.split_whitespace().collect();
    if let [date, time, source, "->", destination] = words[..] {
        if let (Some(timestamp), Ok(source), Ok(destination)) = (
            parse_time(&format!("{date} {time}")),
            source.parse(),
            destination.parse(),
        ) {
            *context = Context {
                timestamp: Some(timestamp),
                source: Some(source),
                destination: Some(destination),
                transport: None,
            };
            return true;
        }
    }
    false
}

/// Reads `YYYY-MM-DD HH:MM:SS[.ffffff]` (or with `/` in the date), taken as UTC.
fn parse_time(text: &str) -> Option<Timestamp> {
    let (date, time) = text.split_once(' ')?;
    // Digits only, at most four: no sign, and no year that overflows the arithmetic below.
    let number = |field: &str| {
        (!field.is_empty() && field.len() <= 4 && field.bytes().all(|b| b.is_ascii_digit()))
            .then(|| field.parse::<i64>().ok())
            .flatten()
    };
    let mut date = date.split(['-', '/']).map(number);
    let (year, month, day) = (date.next()??, date.next()??, date.next()??);
    let (clock, fraction) = time.split_once('.').unwrap_or((time, ""));
    let mut clock = clock.split(':').map(number);
    let (hour, minute, second) = (clock.next()??, clock.next()??, clock.next()??);
    if !fraction.bytes().all(|b| b.is_ascii_digit())
        || !(1..=12).contains(&month)
        || !(1..=31).contains(&day)
        || hour > 23
        || minute > 59
        || second > 60
        || fraction.len() > 9
    {
        return None;
    }
    let nanoseconds = if fraction.is_empty() {
        0
    } else {
        fraction.parse::<u32>().ok()? * 10u32.pow(9 - u32::try_from(fraction.len()).ok()?)
    };
    // Days from the civil date (Howard Hinnant's algorithm).
    let shifted_year = if month <= 2 { year - 1 } else { year };
    let era = shifted_year.div_euclid(400);
    let year_of_era = shifted_year - era * 400;
    let day_of_year = (153 * ((month + 9) % 12) + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    let days = era * 146_097 + day_of_era - 719_468;
    Some(Timestamp {
        seconds: days * 86_400 + hour * 3600 + minute * 60 + second,
        nanoseconds,
    })
}

#[cfg(test)]
mod tests {
    use super::super::build::Recorder;
    use super::*;

    fn read_text(text: &str) -> Recorder {
        let mut recorder = Recorder::default();
        read(&"trace.txt".into(), text.as_bytes(), &mut recorder).unwrap();
        recorder
    }

    #[test]
    fn sipp_trace_msg_log() {
        let log = "----------------------------------------------- 2024-03-01 10:00:00.250000\n\
                   UDP message sent (100 bytes):\n\n\
                   INVITE sip:b@example.com SIP/2.0\nCall-ID: 1\nContent-Length: 5\n\nv=0\n\n\
                   ----------------------------------------------- 2024-03-01 10:00:01.000000\n\
                   UDP message received [50] bytes :\n\n\
                   SIP/2.0 100 Trying\nCall-ID: 1\nContent-Length: 0\n\n";
        let recorder = read_text(log);
        assert_eq!(recorder.messages.len(), 2);
        assert_eq!(
            recorder.messages[0],
            b"INVITE sip:b@example.com SIP/2.0\r\nCall-ID: 1\r\nContent-Length: 5\r\n\r\nv=0\r\n"
        );
        assert_eq!(recorder.seen[0].transport, Transport::Udp);
        assert_eq!(recorder.seen[0].position, Position::Line(4));
        assert_eq!(
            recorder.seen[0].timestamp,
            Some(Timestamp {
                seconds: 1_709_287_200,
                nanoseconds: 250_000_000
            })
        );
        assert_eq!(
            recorder.messages[1],
            b"SIP/2.0 100 Trying\r\nCall-ID: 1\r\nContent-Length: 0\r\n\r\n"
        );
    }

    #[test]
    fn sngrep_export_and_bare_messages() {
        let export = "2016/01/18 12:34:56.000001 10.0.0.1:5060 -> 10.0.0.2:5060\r\n\
                      OPTIONS sip:b SIP/2.0\r\nContent-Length: 0\r\n\r\n\r\n\
                      SIP/2.0 200 OK\r\nContent-Length: 0\r\n\r\n\
                      SIP/2.0 404 Not Found\r\nl: 0\r\n";
        let recorder = read_text(export);
        assert_eq!(recorder.messages.len(), 3);
        assert_eq!(recorder.seen[0].source, Some("10.0.0.1:5060".parse().unwrap()));
        assert_eq!(recorder.seen[1].source, None);
        // The last head is not ended by an empty line: it is handed on as it is.
        assert_eq!(recorder.messages[2], b"SIP/2.0 404 Not Found\r\nl: 0\r\n");
    }

    #[test]
    fn times_out_of_range_are_not_read() {
        assert_eq!(
            parse_time("1970-01-01 00:00:01.5"),
            Some(Timestamp {
                seconds: 1,
                nanoseconds: 500_000_000
            })
        );
        // Found by fuzzing: a year whose seconds overflow.
        assert_eq!(parse_time("99999999999999-01-01 00:00:00"), None);
        assert_eq!(parse_time("2024-01-01 -1:00:00"), None);
        assert_eq!(parse_time("2024-01-01 00:00:00.+5"), None);
    }

    #[test]
    fn binary_data_is_an_error_at_its_offset() {
        let error = read(
            &"x".into(),
            &b"INVITE sip:a SIP/2.0\r\nab\0"[..],
            &mut Recorder::default(),
        )
        .unwrap_err();
        assert_eq!(error.offset, Some(24));
    }
}
