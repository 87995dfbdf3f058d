//! The simulated network: hosts (a name, an address, their own cores and pid range),
//! listening sockets, and connections — a connection is a pair of pipe channels whose items
//! take the link's latency to arrive. Invariant: every host, port and message is reached
//! through `Machine`'s vectors in creation order, and a message is delivered at a virtual
//! time that depends only on when it was sent and the link, so runs stay deterministic.

use super::kernel::{Machine, RunState};
use crate::limits::{LAN_NS, LOOPBACK_NS};
use crate::trace::EventKind;
use crate::vm::pickle::Pickled;
use crate::vm::request::{Request, Resume, WaitOn};
use crate::vm::value::Value;
use std::collections::VecDeque;

/// Linux's first ephemeral port (`net.ipv4.ip_local_port_range`).
const FIRST_EPHEMERAL_PORT: u16 = 32768;
/// Pids of host k are `1000 * (k + 1)` and up: host 0 keeps the single-host numbering.
const PIDS_PER_HOST: u32 = 1000;

pub struct Host {
    pub name: String,
    pub addr: String,
    /// The host's first pid (its main process); `pid_base - 1` is its shell.
    pub pid_base: u32,
    next_pid: u32,
    next_port: u16,
}

impl Host {
    pub fn new(name: &str, index: usize) -> Host {
        let pid_base = PIDS_PER_HOST * (index as u32 + 1);
        Host {
            name: name.to_string(),
            addr: format!("10.0.0.{}", index + 1),
            pid_base,
            next_pid: pid_base,
            next_port: FIRST_EPHEMERAL_PORT,
        }
    }

    pub fn alloc_pid(&mut self) -> u32 {
        self.next_pid += 1;
        self.next_pid - 1
    }

    /// A new pid, or None when the host's pid range is used up (fork fails with EAGAIN).
    pub fn try_alloc_pid(&mut self) -> Option<u32> {
        (self.next_pid < self.pid_base + PIDS_PER_HOST - 1).then(|| self.alloc_pid())
    }

    /// The next ephemeral port, as Linux hands them out (shared with real runs' broker).
    pub fn alloc_port(&mut self) -> u16 {
        self.next_port = self.next_port.wrapping_add(1).max(FIRST_EPHEMERAL_PORT);
        self.next_port
    }
}

pub struct Listener {
    pub host: usize,
    pub port: u16,
    /// The process that listens (it answers connections until it exits).
    pub owner: u32,
    pub open: bool,
    /// Connections made but not accepted yet: (server's read chan, server's write chan, peer).
    pub pending: VecDeque<(u32, u32, String)>,
}

/// A message on its way: `item` enters channel `chan` at `at`.
pub struct InFlight {
    pub at: u64,
    pub chan: u32,
    pub item: Pickled,
}

impl Machine {
    pub(super) fn net_request(&mut self, tid: u32, r: Request, now: u64) {
        let pid = self.thread_pid(tid);
        let host = self.procs[self.proc_of(pid)].host;
        match r {
            Request::NetListen { port } => {
                let port = if port == 0 { self.free_port(host) } else { port };
                if self.listener_at(host, port).is_some() {
                    let args = vec![Value::Int(98), Value::str("Address already in use")];
                    return self.raise(tid, pid, now, "OSError", args);
                }
                let id = self.listeners.len() as u32;
                self.listeners.push(Listener { host, port, owner: pid, open: true, pending: VecDeque::new() });
                self.emit(now, pid, tid, EventKind::Listen { port });
                let answer = Value::tuple(vec![Value::Int(i64::from(id)), Value::Int(i64::from(port))]);
                self.make_ready(tid, now, Resume::Value(answer));
            }
            Request::NetAccept { listener, block } => {
                let Some(l) = self.listeners.get_mut(listener as usize).filter(|l| l.open) else {
                    let args = vec![Value::Int(22), Value::str("Invalid argument")];
                    return self.raise(tid, pid, now, "OSError", args);
                };
                match l.pending.pop_front() {
                    Some((rid, wid, peer)) => {
                        self.set_chan_writers(wid, vec![pid], now);
                        self.emit(now, pid, tid, EventKind::Accept { peer: peer.clone() });
                        let (addr, port) = peer.rsplit_once(':').unwrap_or((&peer, "0"));
                        let peer = Value::tuple(vec![Value::str(addr), Value::Int(port.parse().unwrap_or(0))]);
                        let answer = Value::tuple(vec![Value::Int(i64::from(rid)), Value::Int(i64::from(wid)), peer]);
                        self.make_ready(tid, now, Resume::Value(answer));
                    }
                    None if block => self.block_on(tid, WaitOn::Accept { listener }, None, now, Value::None),
                    None => self.make_ready(tid, now, Resume::Value(Value::None)),
                }
            }
            Request::NetConnect { host: name, port } => {
                let Some(target) = self.resolve(host, &name) else {
                    let args = vec![Value::Int(-2), Value::str("Name or service not known")];
                    return self.raise(tid, pid, now, "OSError", args);
                };
                let to = format!("{}:{port}", self.hosts[target].addr);
                let Some(li) = self.listener_at(target, port) else {
                    self.emit(now, pid, tid, EventKind::Connect { to, ok: false });
                    let args = vec![Value::Int(111), Value::str("Connection refused")];
                    return self.raise(tid, pid, now, "ConnectionRefusedError", args);
                };
                // Replaying a real run, a message arrives when the real run says it was
                // received: the recorded order already holds the link's real latency.
                let latency = match () {
                    _ if self.replay_real() => 0,
                    _ if target == host => LOOPBACK_NS,
                    _ => LAN_NS,
                };
                let owner = self.listeners[li].owner;
                let to_server = self.new_chan(vec![pid], latency);
                let to_client = self.new_chan(vec![owner], latency);
                let client_port = self.hosts[host].alloc_port();
                let own_addr = client_addr(&self.hosts, host, &name).to_string();
                let peer = format!("{own_addr}:{client_port}");
                self.listeners[li].pending.push_back((to_server, to_client, peer));
                self.emit(now, pid, tid, EventKind::Connect { to, ok: true });
                self.wake_acceptors(li as u32, now + latency);
                let own = Value::tuple(vec![Value::str(&own_addr), Value::Int(i64::from(client_port))]);
                let answer =
                    Value::tuple(vec![Value::Int(i64::from(to_client)), Value::Int(i64::from(to_server)), own]);
                self.make_ready(tid, now, Resume::Value(answer));
            }
            Request::NetUnlisten { port } => {
                if let Some(li) = self.listener_at(host, port) {
                    self.listeners[li].open = false;
                    self.wake_acceptors(li as u32, now);
                }
                self.make_ready(tid, now, Resume::Value(Value::None));
            }
            _ => {}
        }
    }

    /// Moves the messages that have arrived by `now` into their channels.
    pub(super) fn deliver_due(&mut self, now: u64) {
        while self.in_flight.first().is_some_and(|m| m.at <= now) {
            let m = self.in_flight.remove(0);
            self.chan_arrive(m.chan, m.item, m.at);
        }
    }

    /// Queues `item` for channel `chan`, arriving `latency` after `now` and never before
    /// an earlier message of the same channel (a connection is a byte stream: FIFO).
    pub(super) fn send_in_flight(&mut self, chan: u32, item: Pickled, at: u64) {
        let pos = self.in_flight.partition_point(|m| m.at <= at);
        self.in_flight.insert(pos, InFlight { at, chan, item });
    }

    /// A process's listening sockets close when it exits.
    pub(super) fn net_process_exit(&mut self, pid: u32) {
        for l in self.listeners.iter_mut().filter(|l| l.owner == pid) {
            l.open = false;
        }
    }

    pub(super) fn accept_label(&self, listener: u32) -> String {
        match self.listeners.get(listener as usize) {
            Some(l) => format!("a connection on {}:{}", self.hosts[l.host].addr, l.port),
            None => "a connection".into(),
        }
    }

    fn wake_acceptors(&mut self, listener: u32, at: u64) {
        let waiters: Vec<(u32, u32)> = self
            .threads
            .iter()
            .filter(|t| t.state == RunState::Blocked(WaitOn::Accept { listener }))
            .map(|t| (t.tid, t.pid))
            .collect();
        for (w, p) in waiters {
            self.make_ready(w, at, Resume::Retry);
            self.emit(at, p, w, EventKind::Wake { reason: "connection arrived".into() });
        }
    }

    fn listener_at(&self, host: usize, port: u16) -> Option<usize> {
        listener_at(&self.listeners, host, port)
    }

    fn free_port(&mut self, host: usize) -> u16 {
        free_port(&mut self.hosts, &self.listeners, host)
    }

    fn resolve(&self, from: usize, name: &str) -> Option<usize> {
        resolve(&self.hosts, from, name)
    }
}

/// The open listener on `host:port`, if any. (These free functions are the network's naming
/// rules, shared with real runs' broker so both hand out the same ports and refuse the same
/// connections.)
pub fn listener_at(listeners: &[Listener], host: usize, port: u16) -> Option<usize> {
    listeners.iter().position(|l| l.open && l.host == host && l.port == port)
}

/// An ephemeral port of `host` nobody listens on (`bind` to port 0).
pub fn free_port(hosts: &mut [Host], listeners: &[Listener], host: usize) -> u16 {
    loop {
        let port = hosts[host].alloc_port();
        if listener_at(listeners, host, port).is_none() {
            return port;
        }
    }
}

/// The host an address names, seen from `from`: the wildcard and loopback names are `from`
/// itself; otherwise a host's name or address.
pub fn resolve(hosts: &[Host], from: usize, name: &str) -> Option<usize> {
    if is_loopback(name) {
        return Some(from);
    }
    hosts.iter().position(|h| h.name == name || h.addr == name)
}

/// The wildcard and loopback names: a connection to them stays on the host.
fn is_loopback(name: &str) -> bool {
    matches!(name, "" | "0.0.0.0" | "127.0.0.1" | "localhost")
}

/// The address a client on `host` connects from when it dials `name`: 127.0.0.1 over the
/// loopback (as Linux picks the source address by route), else the host's own address.
pub fn client_addr<'a>(hosts: &'a [Host], host: usize, name: &str) -> &'a str {
    if is_loopback(name) {
        "127.0.0.1"
    } else {
        &hosts[host].addr
    }
}
