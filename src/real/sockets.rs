//! One process's real TCP sockets (managers' connections in a real run): its listeners on
//! 127.0.0.1, and for each connection channel the stream it reads or writes. Invariant: a
//! stream carries only frames — a 4-byte big-endian length and that many bytes — and the
//! first frame a client sends names the channel it writes (so the acceptor can match the
//! stream to the connection the broker handed it, whatever order the OS accepted them in),
//! followed by the run's secret (`broker::Secret`): a stream from anything but a process of
//! this run is dropped before it is read further.
//! What arrives is data: a frame is parsed as a `Pickled` value (serde) or refused, never
//! executed, and a frame longer than `MAX_FRAME` is refused before it is read.
//!
//! The broker (`broker_net`) orders every send and receive; a receive reads its frame only
//! once the broker says the matching send happened, so a read waits at most for bytes in
//! flight on the loopback interface (bounded by `IO_TIMEOUT`, in case the sender died
//! between the two).

use super::broker::Secret;
use crate::limits::MAX_FRAME;
use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::{Ipv4Addr, TcpListener, TcpStream};
use std::os::fd::AsRawFd;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// How long a read or an accept waits for what the broker says is already on its way.
pub const IO_TIMEOUT: Duration = Duration::from_secs(10);

#[derive(Default)]
pub struct Sockets {
    /// Listener id → (the program's port, the OS listener).
    listeners: HashMap<u32, (u16, Arc<TcpListener>)>,
    /// Connection channel → the stream this process reads it from, and the stream it writes
    /// it to. Kept apart: when both ends of a connection are in one process (a server thread
    /// and a client thread), a channel is written to one stream and read from the other.
    readers: HashMap<u32, Arc<TcpStream>>,
    writers: HashMap<u32, Arc<TcpStream>>,
    /// Accepted streams not yet claimed, by the channel their client writes.
    unclaimed: HashMap<u32, TcpStream>,
}

impl Sockets {
    /// The stream this process writes `chan` to (`writing`), or reads it from.
    pub fn stream(&self, chan: u32, writing: bool) -> Option<Arc<TcpStream>> {
        let side = if writing { &self.writers } else { &self.readers };
        side.get(&chan).cloned()
    }

    pub fn listener(&self, id: u32) -> Option<Arc<TcpListener>> {
        self.listeners.get(&id).map(|l| l.1.clone())
    }

    pub fn add_listener(&mut self, id: u32, port: u16, l: TcpListener) {
        self.listeners.insert(id, (port, Arc::new(l)));
    }

    /// Stops listening on the program's `port` (the OS listener closes).
    pub fn remove_port(&mut self, port: u16) {
        self.listeners.retain(|_, (p, _)| *p != port);
    }

    pub fn add_connection(&mut self, rid: u32, wid: u32, stream: TcpStream) {
        let s = Arc::new(stream);
        self.readers.insert(rid, s.clone());
        self.writers.insert(wid, s);
    }

    /// The process closed channel `chan`, which it writes. The peer learns it from the broker
    /// (its channel's writers), not from the stream: the stream is not shut down, because a
    /// forked child may still write it (`shutdown` would end the connection for every
    /// process that shares the socket); it closes once this process holds neither channel.
    pub fn close(&mut self, chan: u32) {
        self.writers.remove(&chan);
    }

    pub fn take_unclaimed(&mut self, wid: u32) -> Option<TcpStream> {
        self.unclaimed.remove(&wid)
    }

    pub fn stash(&mut self, wid: u32, s: TcpStream) {
        self.unclaimed.insert(wid, s);
    }
}

/// A listener on an ephemeral port of 127.0.0.1 (the program's port is virtual: two runs at
/// once, or a port already taken on this machine, never collide).
pub fn listen() -> std::io::Result<(TcpListener, u16)> {
    let l = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))?;
    let port = l.local_addr()?.port();
    Ok((l, port))
}

/// Dials the listener's real port and names the channel this client writes, with the
/// run's secret.
pub fn connect(real_port: u16, wid: u32, secret: &Secret) -> std::io::Result<TcpStream> {
    let s = TcpStream::connect((Ipv4Addr::LOCALHOST, real_port))?;
    s.set_nodelay(true)?;
    let mut head = wid.to_be_bytes().to_vec();
    head.extend_from_slice(&secret.0);
    write_frame(&s, &head)?;
    Ok(s)
}

/// Accepts on `l` until the stream whose client writes `wid` arrives; the others are left in
/// `stash` for the accepts they belong to (or dropped, when they do not speak the protocol
/// or do not know the run's secret).
pub fn accept_for(
    l: &TcpListener,
    wid: u32,
    secret: &Secret,
    mut stash: impl FnMut(u32, TcpStream),
) -> std::io::Result<TcpStream> {
    let deadline = Instant::now() + IO_TIMEOUT;
    loop {
        if !wait_readable(l.as_raw_fd(), deadline)? {
            return Err(std::io::Error::new(std::io::ErrorKind::TimedOut, "the client never dialed"));
        }
        let (s, _) = match l.accept() {
            Ok(x) => x,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        s.set_nodelay(true)?;
        s.set_read_timeout(Some(IO_TIMEOUT))?;
        let Ok(head) = read_frame(&s) else { continue };
        if head.len() != 4 + secret.0.len() || !secret.matches(&head[4..]) {
            continue;
        }
        let Ok(bytes) = <[u8; 4]>::try_from(&head[..4]) else { continue };
        let named = u32::from_be_bytes(bytes);
        if named == wid {
            return Ok(s);
        }
        stash(named, s);
    }
}

/// Polls `fd` for input until `deadline`; false when it passes first.
fn wait_readable(fd: i32, deadline: Instant) -> std::io::Result<bool> {
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Ok(false);
        }
        let mut pfd = libc::pollfd { fd, events: libc::POLLIN, revents: 0 };
        let ms = left.as_millis().clamp(1, 1000) as i32;
        // SAFETY: poll(2) on one valid pollfd.
        let r = unsafe { libc::poll(&mut pfd, 1, ms) };
        if r > 0 {
            return Ok(true);
        }
        if r < 0 {
            let e = std::io::Error::last_os_error();
            if e.kind() != std::io::ErrorKind::Interrupted {
                return Err(e);
            }
        }
    }
}

pub fn write_frame(mut s: &TcpStream, bytes: &[u8]) -> std::io::Result<()> {
    let len = u32::try_from(bytes.len()).map_err(|_| std::io::Error::other("frame too long"))?;
    let mut frame = Vec::with_capacity(bytes.len() + 4);
    frame.extend_from_slice(&len.to_be_bytes());
    frame.extend_from_slice(bytes);
    s.write_all(&frame)
}

pub fn read_frame(mut s: &TcpStream) -> std::io::Result<Vec<u8>> {
    s.set_read_timeout(Some(IO_TIMEOUT))?;
    let mut len = [0u8; 4];
    s.read_exact(&mut len)?;
    let len = u32::from_be_bytes(len) as usize;
    if len > MAX_FRAME {
        return Err(std::io::Error::new(std::io::ErrorKind::InvalidData, "a frame over the size limit"));
    }
    let mut buf = vec![0u8; len];
    s.read_exact(&mut buf)?;
    Ok(buf)
}
