//! The broker's book of the run's network (managers' sockets): the hosts, each listening
//! socket with the program's port and the real TCP port behind it, and the connections made
//! but not accepted yet. Invariant: ports, refusals and the order connections are accepted
//! in are the simulator's (`sim::net`'s naming rules, the same ephemeral ports), decided
//! here under the broker's lock with the operation's ticket; the bytes themselves travel
//! over real TCP between the processes (`real::sockets`) and never through the broker.
//!
//! A connection's two directions are broker channels like a pipe's (writers, end of file,
//! wakeups), whose items are empty placeholders: a put here says "a message was sent", and
//! the get that takes it tells the receiver to read that message from its socket.

use super::broker::{Reply, State};
use crate::sim::net::{client_addr, free_port, listener_at, resolve, Host, Listener};
use serde::{Deserialize, Serialize};
use std::collections::VecDeque;

#[derive(Serialize, Deserialize, Debug, Clone)]
pub enum NetAsk {
    /// Listen on the program's `port` (0: a free one); the process listens on `real_port`.
    Listen {
        port: u16,
        real_port: u16,
    },
    Unlisten {
        port: u16,
    },
    Accept {
        listener: u32,
        /// False: answer `Unit` at once when no connection waits.
        block: bool,
    },
    Connect {
        host: String,
        port: u16,
    },
}

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub enum NetAnswer {
    Listening {
        id: u32,
        port: u16,
    },
    /// The next connection: the acceptor reads `rid` and writes `wid`; the client's address.
    Accepted {
        rid: u32,
        wid: u32,
        peer: String,
    },
    /// The client reads `rid` and writes `wid`; it dials `real_port` and names `wid` there.
    /// `own` is the client's address and port on the program's network.
    Connected {
        rid: u32,
        wid: u32,
        to: String,
        own: (String, u16),
        real_port: u16,
    },
    Refused {
        to: String,
    },
    /// An `OSError` (or subclass) with errno and message, as the simulator raises it.
    Raise {
        class: String,
        errno: i64,
        msg: String,
    },
    Unit,
}

/// The run's network as the broker keeps it.
pub struct NetBook {
    hosts: Vec<Host>,
    listeners: Vec<Listener>,
    /// The real TCP port of each listener.
    real_ports: Vec<u16>,
}

impl NetBook {
    pub fn new(host_names: &[String]) -> NetBook {
        let hosts = host_names.iter().enumerate().map(|(i, n)| Host::new(n, i)).collect();
        NetBook { hosts, listeners: Vec::new(), real_ports: Vec::new() }
    }

    /// A process's listeners close when it exits; returns them (their acceptors retry).
    pub fn process_gone(&mut self, pid: u32) -> Vec<u32> {
        let mut closed = Vec::new();
        for (i, l) in self.listeners.iter_mut().enumerate() {
            if l.owner == pid && l.open {
                l.open = false;
                closed.push(i as u32);
            }
        }
        closed
    }
}

fn raise(class: &str, errno: i64, msg: &str) -> NetAnswer {
    NetAnswer::Raise { class: class.into(), errno, msg: msg.into() }
}

impl State {
    pub(super) fn net(&mut self, conn: u64, pid: u32, ask: NetAsk, ticket: u64) -> Reply {
        let host = crate::sim::host_of_pid(pid).min(self.net.hosts.len().saturating_sub(1));
        let done = |answer| Reply::Net { answer, ticket };
        match ask {
            NetAsk::Listen { port, real_port } => {
                let book = &mut self.net;
                let port = if port == 0 { free_port(&mut book.hosts, &book.listeners, host) } else { port };
                if listener_at(&book.listeners, host, port).is_some() {
                    return done(raise("OSError", 98, "Address already in use"));
                }
                let id = book.listeners.len() as u32;
                book.listeners.push(Listener { host, port, owner: pid, open: true, pending: VecDeque::new() });
                book.real_ports.push(real_port);
                done(NetAnswer::Listening { id, port })
            }
            NetAsk::Unlisten { port } => {
                if let Some(li) = listener_at(&self.net.listeners, host, port) {
                    self.net.listeners[li].open = false;
                    self.wake_acceptors(li as u32);
                }
                done(NetAnswer::Unit)
            }
            NetAsk::Accept { listener, block } => {
                let Some(l) = self.net.listeners.get_mut(listener as usize).filter(|l| l.open) else {
                    return done(raise("OSError", 22, "Invalid argument"));
                };
                match l.pending.pop_front() {
                    Some((rid, wid, peer)) => {
                        self.set_writers(wid, vec![pid]);
                        done(NetAnswer::Accepted { rid, wid, peer })
                    }
                    None if !block => done(NetAnswer::Unit),
                    None => {
                        self.accept_waiters.push((conn, listener));
                        Reply::Blocked { ticket }
                    }
                }
            }
            NetAsk::Connect { host: name, port } => {
                let Some(target) = resolve(&self.net.hosts, host, &name) else {
                    return done(raise("OSError", -2, "Name or service not known"));
                };
                let to = format!("{}:{port}", self.net.hosts[target].addr);
                let Some(li) = listener_at(&self.net.listeners, target, port) else {
                    return done(NetAnswer::Refused { to });
                };
                let owner = self.net.listeners[li].owner;
                let to_server = self.new_pipe(vec![pid]);
                let to_client = self.new_pipe(vec![owner]);
                let client_port = self.net.hosts[host].alloc_port();
                let own_addr = client_addr(&self.net.hosts, host, &name).to_string();
                let peer = format!("{own_addr}:{client_port}");
                self.net.listeners[li].pending.push_back((to_server, to_client, peer));
                self.wake_acceptors(li as u32);
                let real_port = self.net.real_ports[li];
                let own = (own_addr, client_port);
                done(NetAnswer::Connected { rid: to_client, wid: to_server, to, own, real_port })
            }
        }
    }

    pub(super) fn wake_acceptors(&mut self, listener: u32) {
        let mut woken = Vec::new();
        self.accept_waiters.retain(|&(c, l)| {
            if l == listener {
                woken.push(c);
            }
            l != listener
        });
        for c in woken {
            self.send_wake(c);
        }
    }
}
