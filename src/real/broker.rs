//! The real backend's channel broker: the kernel objects behind `multiprocessing` queues,
//! pipes, locks, semaphores, events and shared values, served to every process of a real run
//! over Unix sockets by the supervisor (one thread serves every connection, each of which
//! must come from this machine's same user and show the run's secret first). Invariant: every
//! operation happens under one lock and takes the next ticket of the run's global order
//! there, so the tickets of two operations are in the order they took effect; the channel
//! semantics are the simulator's (`sim::ipc`): the same answers, the same "would block",
//! the same wakeups of the waiters on a channel, the same end-of-file for pipes. A blocked
//! operation with a timeout keeps its deadline here: the broker answers `TimedOut` itself
//! when it passes (with a ticket, like any operation), unless a wakeup came first.
//!
//! Nothing a client sends is ever executed: requests are data (serde), and items are opaque
//! to the broker (a `Pickled` encoded by the sending process, decoded by the receiving one).

use super::broker_net::{NetAnswer, NetAsk, NetBook};
use super::tickets;
use crate::vm::request::ChanOp;
use serde::{Deserialize, Serialize};
use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Write};
use std::os::unix::net::{UnixListener, UnixStream};
use std::time::{Duration, Instant};

/// What a process asks the broker.
#[derive(Serialize, Deserialize, Debug)]
pub enum Ask {
    /// A new child of `parent` is about to be forked: its pid and main thread's tid.
    Reserve { parent: u32 },
    /// The child `pid` runs as OS process `os_pid`.
    Bind { pid: u32, os_pid: i32 },
    /// A new thread in process `pid`: its tid.
    NewThread { pid: u32 },
    /// A channel operation by process `pid`; `origin` names the operation (thread, count).
    /// `timeout_ns`: if it blocks, how long it may wait; the broker then answers `TimedOut`
    /// itself at the deadline (a timed wait is one round trip).
    Chan { pid: u32, origin: (u32, u32), op: ChanAsk, timeout_ns: Option<u64> },
    /// Stop waiting (a signal for the main thread's handlers came): answered `Cancelled`.
    Cancel,
    /// Process `pid` exits: it writes to no channel any more.
    Exit { pid: u32 },
    /// `os.kill(pid, sig)`: the OS pid, if the process ever ran (it then counts as gone
    /// when the signal ends it, see `Signals`).
    Kill { pid: u32, sig: i32 },
    /// Process `pid`'s signals that do not end it (handled or ignored: bit N for signal N),
    /// sent when its handlers change; a forked child starts with its parent's.
    Signals { pid: u32, survive: u64 },
    /// A process group or session operation of process `pid` (the simulator's rules).
    Group { pid: u32, op: crate::vm::request::PgOp },
    /// `os.killpg(pgid, sig)` by process `pid` (pgid 0: its own group): its members.
    KillPg { pid: u32, pgid: i64, sig: i32 },
    /// A socket operation of process `pid` (`broker_net`).
    Net { pid: u32, op: NetAsk },
}

#[derive(Serialize, Deserialize, Debug, Clone)]
pub enum ChanAsk {
    New { maxsize: usize, pipe: bool },
    Put { id: u32, item: String, block: bool },
    Get { id: u32, block: bool },
    Poll { id: u32, block: bool },
    Close { id: u32 },
    Size { id: u32 },
    TaskDone { id: u32 },
    Join { id: u32 },
}

/// What the broker answers.
#[derive(Serialize, Deserialize, Debug)]
pub enum Reply {
    Reserved {
        pid: u32,
        tid: u32,
        ticket: u64,
    },
    Tid {
        tid: u32,
        ticket: u64,
    },
    /// The operation took effect.
    Done {
        answer: ChanAnswer,
        ticket: u64,
    },
    /// It would block: the connection now waits on the channel and gets `Wake` when it
    /// changes (then the thread retries, as in the simulator).
    Blocked {
        ticket: u64,
    },
    Wake,
    /// A blocked operation's deadline passed before it was woken: it is no longer waiting.
    TimedOut {
        ticket: u64,
    },
    /// The wait is over; a `Wake` or `TimedOut` sent before it says how it ended (the
    /// connection's messages arrive in the order they were sent).
    Cancelled {
        ticket: u64,
    },
    Ticket {
        ticket: u64,
    },
    /// The target's OS pid, if it ever ran, and whether it has exited.
    Killed {
        os_pid: Option<i32>,
        gone: bool,
        /// The signal ends the process (it was not gone; it is now).
        ends: bool,
        ticket: u64,
    },
    /// The asking process was killed (its signal is on its way): it must do nothing more.
    Gone,
    /// A group operation's answer (None: Python's None), or the errno it fails with.
    Group {
        answer: Result<Option<i64>, i64>,
        ticket: u64,
    },
    /// A group's live members: (pid, OS pid, whether the signal ends it); an empty group
    /// is ESRCH.
    KilledGroup {
        members: Vec<(u32, Option<i32>, bool)>,
        ticket: u64,
    },
    Net {
        answer: NetAnswer,
        ticket: u64,
    },
}

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub enum ChanAnswer {
    Id(u32),
    Bool(bool),
    Size(usize),
    /// An item, and the operation that put it (thread, count).
    Item {
        item: String,
        origin: (u32, u32),
    },
    Eof,
    BadChannel,
    Unit,
}

struct Chan {
    items: VecDeque<(String, (u32, u32))>,
    maxsize: usize,
    unfinished: i64,
    pipe: bool,
    writers: Vec<u32>,
}

impl Chan {
    fn at_eof(&self) -> bool {
        self.pipe && self.items.is_empty() && self.writers.is_empty()
    }
}

pub(super) struct State {
    chans: Vec<Chan>,
    /// Connections waiting on a channel: (connection, channel, operation, deadline).
    waiters: Vec<(u64, u32, ChanOp, Option<Instant>)>,
    /// Connections waiting in `accept`: (connection, listener).
    pub(super) accept_waiters: Vec<(u64, u32)>,
    pub(super) net: NetBook,
    /// Each connection's writer, for wakeups.
    conns: Vec<(u64, UnixStream)>,
    /// Logical pid → OS pid, and whether it is gone; pids of host k start at 1000 × (k + 1).
    procs: Vec<(u32, Option<i32>, bool)>,
    /// Each host's next pid.
    next_pids: Vec<u32>,
    /// The signals each process survives (`Ask::Signals`); the startup set when absent.
    survive: Vec<(u32, u64)>,
    /// Each process's (pid, process group, session): a main process leads its own group in
    /// the shell's session (its pid - 1); a child starts in its parent's.
    groups: Vec<(u32, u32, u32)>,
    /// (child, parent) for every process forked in the run.
    parents: Vec<(u32, u32)>,
    next_tid: u32,
}

/// The broker of one run, listening on an abstract Unix socket.
pub struct Broker {
    pub name: String,
    /// The run's secret: every process of the run inherits it through fork, and each
    /// connection must present it before its first request (`Client::connect`).
    pub secret: Secret,
    listener: UnixListener,
}

/// 16 random bytes drawn when the run starts, known only to the run's processes (they are
/// forked, never exec'd, so it stays in their memory): it proves a connection to the
/// broker, or to a process's TCP listener, comes from this run. An abstract socket has no
/// file permissions and anyone on this machine can reach a loopback port, so the name and
/// the port alone prove nothing.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Secret(pub [u8; 16]);

impl Secret {
    /// Fresh bytes from the kernel's random source (getrandom(2)).
    pub fn fresh() -> std::io::Result<Secret> {
        let mut bytes = [0u8; 16];
        let mut got = 0;
        while got < bytes.len() {
            // SAFETY: getrandom(2) writes at most the given length into our buffer.
            let n = unsafe { libc::getrandom(bytes[got..].as_mut_ptr().cast(), bytes.len() - got, 0) };
            if n < 0 {
                let e = std::io::Error::last_os_error();
                if e.kind() != std::io::ErrorKind::Interrupted {
                    return Err(e);
                }
                continue;
            }
            got += n as usize;
        }
        Ok(Secret(bytes))
    }

    pub fn hex(&self) -> String {
        self.0.iter().map(|b| format!("{b:02x}")).collect()
    }

    /// Whether `other` is this secret, compared in time independent of where they differ.
    pub fn matches(&self, other: &[u8]) -> bool {
        other.len() == self.0.len() && self.0.iter().zip(other).fold(0u8, |acc, (a, b)| acc | (a ^ b)) == 0
    }
}

/// Whether the peer of a Unix connection runs as our effective user (SO_PEERCRED, the
/// credentials it had when it connected): another user's process is refused before it
/// says anything.
fn same_user(stream: &UnixStream) -> bool {
    use nix::sys::socket::{getsockopt, sockopt::PeerCredentials};
    getsockopt(stream, PeerCredentials).is_ok_and(|c| c.uid() == nix::unistd::geteuid().as_raw())
}

impl Broker {
    /// Binds the broker's socket (before the first fork, so every process inherits the name
    /// and the secret).
    pub fn bind() -> std::io::Result<Broker> {
        use std::os::linux::net::SocketAddrExt;
        let secret = Secret::fresh()?;
        let name = format!("concsim-{}-{:x}", std::process::id(), tickets::now_ns());
        let addr = std::os::unix::net::SocketAddr::from_abstract_name(name.as_bytes())?;
        let listener = UnixListener::bind_addr(&addr)?;
        listener.set_nonblocking(true)?;
        Ok(Broker { name, secret, listener })
    }

    /// Serves connections on one background thread for the rest of the supervisor's life
    /// (one thread whatever the number of connections: a run that makes thousands of
    /// threads or processes cannot exhaust the supervisor's threads). Host k (of `hosts`,
    /// one `localhost` unless the run has several) has its main process, pid 1000 × (k + 1),
    /// with tid k + 1. `main_os`: the main processes' OS pids, host by host.
    pub fn serve(self, hosts: &[String], main_os: &[i32]) -> std::io::Result<()> {
        let mains = (1..=hosts.len() as u32).map(|k| 1000 * k);
        let state = State {
            chans: Vec::new(),
            waiters: Vec::new(),
            accept_waiters: Vec::new(),
            net: NetBook::new(hosts),
            conns: Vec::new(),
            procs: mains.clone().enumerate().map(|(k, pid)| (pid, main_os.get(k).copied(), false)).collect(),
            survive: Vec::new(),
            parents: Vec::new(),
            groups: (1..=hosts.len() as u32).map(|k| (1000 * k, 1000 * k, 1000 * k - 1)).collect(),
            next_pids: mains.map(|pid| pid + 1).collect(),
            next_tid: hosts.len() as u32 + 1,
        };
        std::thread::Builder::new().name("broker".into()).spawn(move || self.event_loop(state))?;
        Ok(())
    }

    /// Accepts connections and answers every complete request line, one at a time (so
    /// each answer sees the state the previous one left, in ticket order).
    fn event_loop(self, mut st: State) {
        use std::os::fd::AsRawFd;
        // What each connection sent that is not a whole line yet, and whether it has shown
        // the secret.
        let mut pending: Vec<(u64, Vec<u8>, bool)> = Vec::new();
        let mut next_conn = 0u64;
        // After the process ran out of descriptors: stop accepting for a moment (the
        // clients wait in the backlog) instead of spinning on the listener.
        let mut accept_paused = false;
        loop {
            let mut fds: Vec<libc::pollfd> = Vec::with_capacity(st.conns.len() + 1);
            let events = if accept_paused { 0 } else { libc::POLLIN };
            fds.push(libc::pollfd { fd: self.listener.as_raw_fd(), events, revents: 0 });
            fds.extend(st.conns.iter().map(|(_, s)| libc::pollfd {
                fd: s.as_raw_fd(),
                events: libc::POLLIN,
                revents: 0,
            }));
            // Until the next waiter's deadline (ppoll's timeout has the kernel's high
            // resolution timers' precision, not the scheduler tick's).
            let next_deadline = st.waiters.iter().filter_map(|w| w.3).min();
            let mut wait = next_deadline.map(|d| d.saturating_duration_since(Instant::now()));
            if accept_paused {
                wait = Some(wait.map_or(ACCEPT_PAUSE, |w| w.min(ACCEPT_PAUSE)));
            }
            let ts =
                wait.map(|w| libc::timespec { tv_sec: w.as_secs() as libc::time_t, tv_nsec: w.subsec_nanos() as _ });
            let ts_ptr = ts.as_ref().map_or(std::ptr::null(), |t| t as *const libc::timespec);
            // SAFETY: ppoll(2) over descriptors this thread owns, for the length of the
            // vector, with a timeout that lives across the call and no signal mask change.
            let ready = unsafe { libc::ppoll(fds.as_mut_ptr(), fds.len() as libc::nfds_t, ts_ptr, std::ptr::null()) };
            // Deadlines that passed while polling are answered before any request read now.
            st.expire(Instant::now());
            if ready < 0 {
                continue;
            }
            accept_paused = false;
            if fds[0].revents != 0 {
                loop {
                    match self.listener.accept() {
                        Ok((stream, _)) => {
                            if !same_user(&stream) {
                                continue;
                            }
                            next_conn += 1;
                            st.conns.push((next_conn, stream));
                            pending.push((next_conn, Vec::new(), false));
                        }
                        Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                        Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => break,
                        Err(_) => {
                            accept_paused = true;
                            break;
                        }
                    }
                }
            }
            let readable: Vec<u64> =
                fds[1..].iter().zip(&st.conns).filter(|(p, _)| p.revents != 0).map(|(_, (conn, _))| *conn).collect();
            for conn in readable {
                if !self.serve_input(conn, &mut st, &mut pending) {
                    st.conns.retain(|(c, _)| *c != conn);
                    st.waiters.retain(|w| w.0 != conn);
                    st.accept_waiters.retain(|(c, _)| *c != conn);
                    pending.retain(|(c, _, _)| *c != conn);
                }
            }
        }
    }

    /// Reads what connection `conn` sent and answers its complete lines; false when the
    /// connection ends (closed, broken, or it spoke out of protocol).
    fn serve_input(&self, conn: u64, st: &mut State, pending: &mut [(u64, Vec<u8>, bool)]) -> bool {
        use std::io::Read;
        let Some(stream) = st.conns.iter().find(|(c, _)| *c == conn).map(|(_, s)| s) else { return false };
        let Some((_, buf, trusted)) = pending.iter_mut().find(|(c, _, _)| *c == conn) else { return false };
        let mut chunk = [0u8; 64 * 1024];
        // One read: poll said there is input, so it does not block.
        let n = match (&*stream).read(&mut chunk) {
            Ok(0) => return false,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => return true,
            Err(_) => return false,
        };
        buf.extend_from_slice(&chunk[..n]);
        let mut start = 0;
        while let Some(end) = buf[start..].iter().position(|&b| b == b'\n').map(|i| start + i) {
            let line = &buf[start..end];
            start = end + 1;
            if !*trusted {
                // The first line of a connection is the run's secret, as hex.
                let shown: Option<Vec<u8>> = (line.len() == 32)
                    .then(|| {
                        line.chunks(2).map(|h| u8::from_str_radix(std::str::from_utf8(h).ok()?, 16).ok()).collect()
                    })
                    .flatten();
                if !shown.is_some_and(|s| self.secret.matches(&s)) {
                    return false;
                }
                *trusted = true;
                continue;
            }
            let Ok(ask) = serde_json::from_slice::<Ask>(line) else { return false };
            let reply = st.answer(conn, ask);
            let Some(w) = st.conns.iter_mut().find(|(c, _)| *c == conn).map(|(_, w)| w) else { return false };
            if !send(w, &reply) {
                return false;
            }
        }
        buf.drain(..start);
        true
    }
}

/// How long the broker stops accepting after running out of descriptors.
const ACCEPT_PAUSE: Duration = Duration::from_millis(20);

fn send(stream: &mut UnixStream, reply: &Reply) -> bool {
    let mut line = serde_json::to_vec(reply).unwrap_or_default();
    line.push(b'\n');
    stream.write_all(&line).is_ok()
}

impl State {
    fn answer(&mut self, conn: u64, ask: Ask) -> Reply {
        let asker = match &ask {
            Ask::Reserve { parent: pid }
            | Ask::NewThread { pid }
            | Ask::Chan { pid, .. }
            | Ask::Exit { pid }
            | Ask::Net { pid, .. } => Some(*pid),
            _ => None,
        };
        // A killed process may still run until the signal lands: it changes nothing any more.
        if asker.is_some_and(|p| self.procs.iter().any(|q| q.0 == p && q.2)) {
            return Reply::Gone;
        }
        let ticket = match &ask {
            Ask::Kill { pid, sig } if self.ends(*pid, *sig) => tickets::end(*pid),
            Ask::Exit { pid } => tickets::end(*pid),
            _ => tickets::next(),
        };
        match ask {
            Ask::Reserve { parent } => {
                let host = crate::sim::host_of_pid(parent).min(self.next_pids.len() - 1);
                let (pid, tid) = (self.next_pids[host], self.next_tid);
                self.next_pids[host] += 1;
                self.next_tid += 1;
                self.procs.push((pid, None, false));
                let inherited = self.survives(parent);
                self.survive.push((pid, inherited));
                self.parents.push((pid, parent));
                if let Some(&(_, g, s)) = self.groups.iter().find(|q| q.0 == parent) {
                    self.groups.push((pid, g, s));
                }
                for c in self.chans.iter_mut() {
                    if c.writers.contains(&parent) {
                        c.writers.push(pid);
                    }
                }
                Reply::Reserved { pid, tid, ticket }
            }
            Ask::Bind { pid, os_pid } => {
                if let Some(p) = self.procs.iter_mut().find(|p| p.0 == pid) {
                    p.1 = Some(os_pid);
                }
                Reply::Ticket { ticket }
            }
            Ask::NewThread { .. } => {
                let tid = self.next_tid;
                self.next_tid += 1;
                Reply::Tid { tid, ticket }
            }
            Ask::Exit { pid } => {
                self.process_gone(pid);
                Reply::Ticket { ticket }
            }
            Ask::Kill { pid, sig } => {
                let ends = self.ends(pid, sig);
                let found = self.procs.iter().find(|p| p.0 == pid).map(|p| (p.1, p.2));
                match found {
                    Some((os_pid, gone)) => {
                        if ends {
                            self.process_gone(pid);
                        }
                        Reply::Killed { os_pid, gone, ends, ticket }
                    }
                    None => Reply::Killed { os_pid: None, gone: true, ends: false, ticket },
                }
            }
            Ask::Group { pid, op } => Reply::Group { answer: self.group(pid, op), ticket },
            Ask::KillPg { pid, pgid, sig } => {
                let group = if pgid == 0 { self.group_of(pid).0 } else { pgid.clamp(0, i64::from(u32::MAX)) as u32 };
                let alive: Vec<u32> = self
                    .groups
                    .iter()
                    .filter(|q| q.1 == group && self.procs.iter().any(|p| p.0 == q.0 && !p.2))
                    .map(|q| q.0)
                    .collect();
                let mut members = Vec::new();
                let mut last = ticket;
                for m in alive {
                    let ends = self.ends(m, sig);
                    if ends {
                        last = tickets::end(m);
                        self.process_gone(m);
                    }
                    let os = self.procs.iter().find(|p| p.0 == m).and_then(|p| p.1);
                    members.push((m, os, ends));
                }
                Reply::KilledGroup { members, ticket: last }
            }
            Ask::Signals { pid, survive } => {
                self.survive.retain(|(p, _)| *p != pid);
                self.survive.push((pid, survive));
                Reply::Ticket { ticket }
            }
            Ask::Cancel => {
                self.waiters.retain(|w| w.0 != conn);
                self.accept_waiters.retain(|(c, _)| *c != conn);
                Reply::Cancelled { ticket }
            }
            Ask::Chan { pid, origin, op, timeout_ns } => {
                let deadline = timeout_ns.map(|ns| Instant::now() + Duration::from_nanos(ns));
                self.chan(conn, pid, origin, op, deadline, ticket)
            }
            Ask::Net { pid, op } => self.net(conn, pid, op, ticket),
        }
    }

    fn group_of(&self, pid: u32) -> (u32, u32) {
        self.groups.iter().find(|q| q.0 == pid).map_or((pid, pid), |q| (q.1, q.2))
    }

    /// `sim::kernel::signals::pg_request`'s rules over the broker's book.
    fn group(&mut self, caller: u32, op: crate::vm::request::PgOp) -> Result<Option<i64>, i64> {
        use crate::vm::request::PgOp;
        let alive = |st: &State, p: i64| -> Option<u32> {
            let p = if p == 0 { caller } else { u32::try_from(p).ok()? };
            st.procs.iter().any(|q| q.0 == p && !q.2).then_some(p)
        };
        match op {
            PgOp::GetPgid { pid } => alive(self, pid).map(|p| Some(i64::from(self.group_of(p).0))).ok_or(3),
            PgOp::GetSid { pid } => alive(self, pid).map(|p| Some(i64::from(self.group_of(p).1))).ok_or(3),
            PgOp::SetPgid { pid, pgid } => {
                let target = alive(self, pid).ok_or(3)?;
                let is_child = target == caller || self.parents.iter().any(|&(c, p)| c == target && p == caller);
                if !is_child {
                    return Err(3);
                }
                if pgid < 0 {
                    return Err(22);
                }
                let group = if pgid == 0 { target } else { pgid as u32 };
                let (_, sid) = self.group_of(target);
                let (_, my_sid) = self.group_of(caller);
                let group_ok = group == target || self.groups.iter().any(|q| q.1 == group && q.2 == sid);
                if sid == target || sid != my_sid || !group_ok {
                    return Err(1);
                }
                match self.groups.iter_mut().find(|q| q.0 == target) {
                    Some(q) => q.1 = group,
                    None => self.groups.push((target, group, sid)),
                }
                Ok(None)
            }
            PgOp::SetSid => {
                let (pgid, _) = self.group_of(caller);
                if pgid == caller {
                    return Err(1);
                }
                match self.groups.iter_mut().find(|q| q.0 == caller) {
                    Some(q) => (q.1, q.2) = (caller, caller),
                    None => self.groups.push((caller, caller, caller)),
                }
                Ok(None)
            }
        }
    }

    fn survives(&self, pid: u32) -> u64 {
        self.survive.iter().find(|(p, _)| *p == pid).map_or(crate::vm::signals::STARTUP_SURVIVE, |(_, m)| *m)
    }

    /// Whether `sig` sent now ends process `pid` (alive, and the signal not survived).
    fn ends(&self, pid: u32, sig: i32) -> bool {
        let survived = sig != 9 && (1..64).contains(&sig) && self.survives(pid) & (1u64 << sig) != 0;
        sig != 0 && !survived && self.procs.iter().any(|q| q.0 == pid && !q.2)
    }

    fn process_gone(&mut self, pid: u32) {
        if let Some(p) = self.procs.iter_mut().find(|p| p.0 == pid) {
            p.2 = true;
        }
        let mut touched = Vec::new();
        for (i, c) in self.chans.iter_mut().enumerate() {
            if c.writers.contains(&pid) {
                c.writers.retain(|p| *p != pid);
                touched.push(i as u32);
            }
        }
        for id in touched {
            self.wake(id, &[ChanOp::Get]);
        }
        for listener in self.net.process_gone(pid) {
            self.wake_acceptors(listener);
        }
    }

    /// A new pipe-like channel (one direction of a connection) written by `writers`.
    pub(super) fn new_pipe(&mut self, writers: Vec<u32>) -> u32 {
        self.chans.push(Chan { items: VecDeque::new(), maxsize: 0, unfinished: 0, pipe: true, writers });
        self.chans.len() as u32 - 1
    }

    /// Who may still write to channel `id` (its getters retry: it may be at its end now).
    pub(super) fn set_writers(&mut self, id: u32, writers: Vec<u32>) {
        if let Some(c) = self.chans.get_mut(id as usize) {
            c.writers = writers;
        }
        self.wake(id, &[ChanOp::Get]);
    }

    pub(super) fn send_wake(&mut self, conn: u64) {
        if let Some((_, w)) = self.conns.iter_mut().find(|(k, _)| *k == conn) {
            send(w, &Reply::Wake);
        }
    }

    /// Answers `TimedOut` to every waiter whose deadline is not after `now`.
    fn expire(&mut self, now: Instant) {
        let mut late = Vec::new();
        self.waiters.retain(|&(c, _, _, deadline)| {
            let over = deadline.is_some_and(|d| d <= now);
            if over {
                late.push(c);
            }
            !over
        });
        for c in late {
            let ticket = tickets::next();
            if let Some((_, w)) = self.conns.iter_mut().find(|(k, _)| *k == c) {
                send(w, &Reply::TimedOut { ticket });
            }
        }
    }

    /// A channel operation; `deadline`: when a blocked one stops waiting (`expire`).
    fn chan(
        &mut self,
        conn: u64,
        pid: u32,
        origin: (u32, u32),
        op: ChanAsk,
        deadline: Option<Instant>,
        ticket: u64,
    ) -> Reply {
        let done = |answer| Reply::Done { answer, ticket };
        if let ChanAsk::New { maxsize, pipe } = op {
            self.chans.push(Chan { items: VecDeque::new(), maxsize, unfinished: 0, pipe, writers: vec![pid] });
            return done(ChanAnswer::Id(self.chans.len() as u32 - 1));
        }
        let id = match &op {
            ChanAsk::Put { id, .. }
            | ChanAsk::Get { id, .. }
            | ChanAsk::Poll { id, .. }
            | ChanAsk::Close { id }
            | ChanAsk::Size { id }
            | ChanAsk::TaskDone { id }
            | ChanAsk::Join { id } => *id,
            ChanAsk::New { .. } => unreachable!("handled above"),
        };
        let Some(c) = self.chans.get_mut(id as usize) else { return done(ChanAnswer::BadChannel) };
        match op {
            ChanAsk::New { .. } => unreachable!("handled above"),
            ChanAsk::Put { item, block, .. } => {
                if c.maxsize > 0 && c.items.len() >= c.maxsize {
                    if !block {
                        return done(ChanAnswer::Bool(false));
                    }
                    self.waiters.push((conn, id, ChanOp::Put, deadline));
                    return Reply::Blocked { ticket };
                }
                c.unfinished += 1;
                c.items.push_back((item, origin));
                self.wake(id, &[ChanOp::Get]);
                done(ChanAnswer::Bool(true))
            }
            ChanAsk::Get { block, .. } => match c.items.pop_front() {
                Some((item, from)) => {
                    self.wake(id, &[ChanOp::Put]);
                    done(ChanAnswer::Item { item, origin: from })
                }
                None if c.at_eof() => done(ChanAnswer::Eof),
                None if !block => done(ChanAnswer::Bool(false)),
                None => {
                    self.waiters.push((conn, id, ChanOp::Get, deadline));
                    Reply::Blocked { ticket }
                }
            },
            ChanAsk::Poll { block, .. } => {
                let ready = !c.items.is_empty() || c.at_eof();
                if ready || !block {
                    return done(ChanAnswer::Bool(ready));
                }
                self.waiters.push((conn, id, ChanOp::Get, deadline));
                Reply::Blocked { ticket }
            }
            ChanAsk::Close { .. } => {
                c.writers.retain(|p| *p != pid);
                self.wake(id, &[ChanOp::Get]);
                done(ChanAnswer::Unit)
            }
            ChanAsk::Size { .. } => done(ChanAnswer::Size(c.items.len())),
            ChanAsk::TaskDone { .. } => {
                if c.unfinished <= 0 {
                    return done(ChanAnswer::Bool(false));
                }
                c.unfinished -= 1;
                if c.unfinished == 0 {
                    self.wake(id, &[ChanOp::Join]);
                }
                done(ChanAnswer::Bool(true))
            }
            ChanAsk::Join { .. } => {
                if c.unfinished == 0 {
                    return done(ChanAnswer::Unit);
                }
                self.waiters.push((conn, id, ChanOp::Join, deadline));
                Reply::Blocked { ticket }
            }
        }
    }

    /// Tells every connection waiting on channel `id` for one of `ops` to retry.
    fn wake(&mut self, id: u32, ops: &[ChanOp]) {
        let mut woken = Vec::new();
        self.waiters.retain(|&(c, i, op, _)| {
            let hit = i == id && ops.contains(&op);
            if hit {
                woken.push(c);
            }
            !hit
        });
        for c in woken {
            self.send_wake(c);
        }
    }
}

/// One thread's connection to the broker (made on first use).
pub struct Client {
    writer: UnixStream,
    reader: BufReader<UnixStream>,
}

impl Client {
    /// Connects to the broker `name` and shows it the run's `secret`.
    pub fn connect(name: &str, secret: &Secret) -> std::io::Result<Client> {
        use std::os::linux::net::SocketAddrExt;
        let addr = std::os::unix::net::SocketAddr::from_abstract_name(name.as_bytes())?;
        let mut writer = UnixStream::connect_addr(&addr)?;
        writer.write_all(format!("{}\n", secret.hex()).as_bytes())?;
        let reader = BufReader::new(writer.try_clone()?);
        Ok(Client { writer, reader })
    }

    pub fn ask(&mut self, ask: &Ask) -> std::io::Result<Reply> {
        let mut line = serde_json::to_vec(ask).map_err(std::io::Error::other)?;
        line.push(b'\n');
        self.writer.write_all(&line)?;
        self.read()
    }

    /// Sends without waiting for the reply (it is read with `read_timeout`).
    pub fn ask_no_reply(&mut self, ask: &Ask) -> std::io::Result<()> {
        let mut line = serde_json::to_vec(ask).map_err(std::io::Error::other)?;
        line.push(b'\n');
        self.writer.write_all(&line)
    }

    /// The next message (a reply or a `Wake`); with a timeout, None when it runs out first.
    pub fn read_timeout(&mut self, timeout: Option<std::time::Duration>) -> std::io::Result<Option<Reply>> {
        self.reader.get_ref().set_read_timeout(timeout)?;
        let r = self.read();
        self.reader.get_ref().set_read_timeout(None)?;
        match r {
            Ok(reply) => Ok(Some(reply)),
            Err(e) if matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut) => Ok(None),
            Err(e) => Err(e),
        }
    }

    fn read(&mut self) -> std::io::Result<Reply> {
        let mut line = String::new();
        if self.reader.read_line(&mut line)? == 0 {
            return Err(std::io::Error::new(std::io::ErrorKind::UnexpectedEof, "the broker is gone"));
        }
        serde_json::from_str(&line).map_err(std::io::Error::other)
    }
}
