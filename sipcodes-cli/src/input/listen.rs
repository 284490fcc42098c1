//! HEP3 received live over UDP, as a Homer collector receives it from Kamailio's `siptrace`,
//! `OpenSIPS`, `FreeSWITCH` or a `heplify` agent: each datagram is one HEP3 packet, read by
//! [`hep::deliver`]. A datagram that is not HEP3, or whose chunks do not
//! fit, is handed on as [`Undecoded::Malformed`](super::Undecoded::Malformed) and the
//! listening goes on.

use std::io;
use std::net::{SocketAddr, UdpSocket};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use socket2::{Domain, Protocol, Socket, Type};

use super::{Problem, Seen, Sink, Timestamp, hep};

/// The largest UDP payload: a HEP3 packet's length field is 16 bits too.
const MAX_DATAGRAM: usize = 65_535;

/// The receive buffer asked for: with Linux's default (208 KiB, a few hundred datagrams),
/// a listener that the scheduler leaves waiting for some milliseconds on a busy machine
/// loses datagrams at 20 000 a second; 8 MiB holds some hundreds of milliseconds of them.
pub const RECEIVE_BUFFER: usize = 8 << 20;

/// How often the clock is looked at while no datagram arrives.
const POLL: Duration = Duration::from_millis(100);

/// What a listening saw.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Listened {
    /// Datagrams received.
    pub datagrams: u64,
    /// How long the listening lasted.
    pub elapsed: Duration,
}

/// The name findings and counts from `address` are reported under, e.g. `hep:127.0.0.1:9060`.
pub fn name(address: SocketAddr) -> String {
    format!("hep:{address}")
}

/// Binds a UDP socket to `address`, asking for a receive buffer of [`RECEIVE_BUFFER`]
/// bytes.
///
/// # Errors
///
/// When the address cannot be bound (in use, not local, not permitted).
pub fn bind(address: SocketAddr) -> Result<UdpSocket, Problem> {
    let cannot_listen = |error: io::Error| Problem {
        file: Arc::from(name(address)),
        offset: None,
        what: format!("cannot listen for HEP3 on UDP {address}: {error}"),
    };
    let socket = Socket::new(Domain::for_address(address), Type::DGRAM, Some(Protocol::UDP)).map_err(cannot_listen)?;
    // Linux caps the size at net.core.rmem_max (and doubles it for its bookkeeping); a
    // refusal leaves the default, which still works at lower rates.
    let _ = socket.set_recv_buffer_size(RECEIVE_BUFFER);
    socket.bind(&address.into()).map_err(cannot_listen)?;
    let socket = UdpSocket::from(socket);
    socket.set_read_timeout(Some(POLL)).map_err(|error| Problem {
        file: Arc::from(name(address)),
        offset: None,
        what: format!("cannot set a read timeout: {error}"),
    })?;
    Ok(socket)
}

/// Receives HEP3 datagrams on `socket` into `sink` until `duration` has passed (forever
/// when `None`) or `stop` is set (looked at ten times a second). Each datagram is a packet numbered from 1, seen at the time it arrived
/// unless its HEP3 chunks give the capture agent's time.
///
/// # Errors
///
/// When receiving fails for another reason than a timeout or an ICMP error from an earlier
/// send.
pub fn receive(
    socket: &UdpSocket,
    duration: Option<Duration>,
    stop: &AtomicBool,
    sink: &mut dyn Sink,
) -> Result<Listened, Problem> {
    let address = socket.local_addr().map_err(|error| Problem {
        file: Arc::from("hep"),
        offset: None,
        what: format!("the socket has no address: {error}"),
    })?;
    let file: Arc<str> = Arc::from(name(address));
    let started = Instant::now();
    let mut buffer = vec![0u8; MAX_DATAGRAM];
    let mut listened = Listened::default();
    loop {
        let elapsed = started.elapsed();
        if duration.is_some_and(|duration| elapsed >= duration) || stop.load(Ordering::Relaxed) {
            listened.elapsed = elapsed;
            return Ok(listened);
        }
        let timeout = duration.map_or(POLL, |duration| {
            duration.saturating_sub(elapsed).clamp(Duration::from_millis(1), POLL)
        });
        let _ = socket.set_read_timeout(Some(timeout));
        match socket.recv_from(&mut buffer) {
            Ok((length, peer)) => {
                listened.datagrams += 1;
                sink.packet();
                let mut seen = Seen::packet(&file, listened.datagrams, Some(now()));
                seen.source = Some(peer);
                seen.destination = Some(address);
                hep::deliver(&buffer[..length], &seen, true, sink);
            }
            Err(error)
                if matches!(
                    error.kind(),
                    io::ErrorKind::WouldBlock
                        | io::ErrorKind::TimedOut
                        | io::ErrorKind::Interrupted
                        | io::ErrorKind::ConnectionRefused
                        | io::ErrorKind::ConnectionReset
                ) => {}
            Err(error) => {
                return Err(Problem {
                    file,
                    offset: None,
                    what: format!("receiving failed after {} datagrams: {error}", listened.datagrams),
                });
            }
        }
    }
}

fn now() -> Timestamp {
    let since = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    Timestamp {
        seconds: i64::try_from(since.as_secs()).unwrap_or(i64::MAX),
        nanoseconds: since.subsec_nanos(),
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Undecoded, build};
    use super::*;

    #[test]
    fn the_receive_buffer_is_larger_than_the_default() {
        // Linux's default for a new socket; other systems are not checked.
        let Ok(default) = std::fs::read_to_string("/proc/sys/net/core/rmem_default") else {
            return;
        };
        let default: usize = default.trim().parse().unwrap();
        let socket = bind("127.0.0.1:0".parse().unwrap()).unwrap();
        let size = socket2::SockRef::from(&socket).recv_buffer_size().unwrap();
        assert!(size > default, "{size} bytes, the default being {default}");
    }

    #[test]
    fn datagrams_are_read_and_bad_ones_counted_with_their_reason() {
        let socket = bind("127.0.0.1:0".parse().unwrap()).unwrap();
        let address = socket.local_addr().unwrap();
        let sender = UdpSocket::bind("127.0.0.1:0").unwrap();
        let good = build::hep3([10, 0, 0, 1], 5060, [10, 0, 0, 2], 5080, 17, b"SIP/2.0 200 OK\r\n\r\n");
        sender.send_to(b"not HEP at all", address).unwrap();
        sender.send_to(&good[..good.len() - 1], address).unwrap();
        sender.send_to(&good, address).unwrap();
        let mut recorder = build::Recorder::default();
        let listened = receive(
            &socket,
            Some(Duration::from_millis(300)),
            &AtomicBool::new(false),
            &mut recorder,
        )
        .unwrap();
        assert_eq!(listened.datagrams, 3);
        assert_eq!(recorder.undecoded, [Undecoded::Malformed, Undecoded::Malformed]);
        assert_eq!(recorder.messages, [b"SIP/2.0 200 OK\r\n\r\n"]);
        let seen = &recorder.seen[0];
        assert_eq!(seen.position, super::super::Position::Packet(3));
        assert_eq!(seen.source, Some("10.0.0.1:5060".parse().unwrap()));
        assert!(seen.hep);
        assert!(listened.elapsed >= Duration::from_millis(300));
    }

    #[test]
    fn a_stop_ends_the_listening() {
        let socket = bind("127.0.0.1:0".parse().unwrap()).unwrap();
        let stop = AtomicBool::new(true);
        let started = std::time::Instant::now();
        let listened = receive(&socket, None, &stop, &mut build::Recorder::default()).unwrap();
        assert_eq!(listened.datagrams, 0);
        assert!(started.elapsed() < Duration::from_secs(1));
    }

    #[test]
    fn an_address_in_use_is_a_clear_error() {
        let taken = UdpSocket::bind("127.0.0.1:0").unwrap();
        let address = taken.local_addr().unwrap();
        let error = bind(address).unwrap_err();
        assert!(
            error
                .to_string()
                .starts_with(&format!("hep:{address}: cannot listen for HEP3 on UDP {address}: ")),
            "{error}"
        );
    }
}
