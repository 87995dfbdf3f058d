//! A thread's socket requests in a real run (managers): listen, accept, connect and stop
//! listening, ordered by the broker (`broker_net`) and carried out on real TCP sockets
//! (`real::sockets`). Invariant: the segment is recorded with the broker's ticket and the
//! simulator's events (`listen`, `connect`, `accept`), so a replay makes the same moves;
//! blocking (an accept with no connection yet) releases the GIL and retries, as a channel
//! get does.

use super::{sockets, NetAnswer, NetAsk, Reply, Resume, Runner, Segment};
use crate::trace::EventKind;
use crate::vm::request::Request;
use crate::vm::value::Value;

impl Runner {
    pub(super) fn net(&mut self, r: Request, seg: Segment, mut events: Vec<(u32, u32, EventKind)>) {
        let (pid, tid) = (self.proc.pid, self.tid);
        let mut own_listener = None;
        let op = match r {
            Request::NetListen { port } => match sockets::listen() {
                Ok((l, real_port)) => {
                    own_listener = Some(l);
                    NetAsk::Listen { port, real_port }
                }
                Err(e) => return self.net_failed(seg, events, "OSError", e),
            },
            Request::NetUnlisten { port } => NetAsk::Unlisten { port },
            Request::NetAccept { listener, block } => NetAsk::Accept { listener, block },
            Request::NetConnect { host, port } => NetAsk::Connect { host, port },
            _ => unreachable!("only socket requests come here"),
        };
        let answer = match self.ask(crate::real::broker::Ask::Net { pid, op: op.clone() }) {
            Reply::Net { answer, ticket } => (answer, ticket),
            Reply::Blocked { ticket } => {
                let NetAsk::Accept { listener, .. } = op else { super::die("concsim real: only accept blocks") };
                events.push((pid, tid, EventKind::Block { reason: format!("accept on listener#{listener}") }));
                self.record(seg, ticket, &mut events);
                self.drop_gil();
                self.wait_wake();
                self.take_gil();
                if self.interrupted() {
                    // The accept is retried after the main thread's signal handlers.
                    self.pending = None;
                    self.interrupt = Some(crate::vm::signals::Entry::Retry);
                    return;
                }
                self.pending = Some(Resume::Retry);
                return;
            }
            other => super::die(&format!("concsim real: unexpected broker reply {other:?}")),
        };
        let (answer, ticket) = answer;
        let resume = match answer {
            NetAnswer::Listening { id, port } => {
                if let Some(l) = own_listener {
                    self.proc.sched().sockets.add_listener(id, port, l);
                }
                events.push((pid, tid, EventKind::Listen { port }));
                Resume::Value(Value::tuple(vec![Value::Int(i64::from(id)), Value::Int(i64::from(port))]))
            }
            NetAnswer::Unit => {
                if let NetAsk::Unlisten { port } = op {
                    self.proc.sched().sockets.remove_port(port);
                }
                Resume::Value(Value::None)
            }
            NetAnswer::Accepted { rid, wid, peer } => {
                let NetAsk::Accept { listener, .. } = op else { super::die("concsim real: an accept out of turn") };
                match self.claim_stream(listener, rid) {
                    Ok(stream) => {
                        self.proc.sched().sockets.add_connection(rid, wid, stream);
                        events.push((pid, tid, EventKind::Accept { peer: peer.clone() }));
                        let (addr, port) = peer.rsplit_once(':').unwrap_or((&peer, "0"));
                        let peer = Value::tuple(vec![Value::str(addr), Value::Int(port.parse().unwrap_or(0))]);
                        let (rid, wid) = (Value::Int(i64::from(rid)), Value::Int(i64::from(wid)));
                        Resume::Value(Value::tuple(vec![rid, wid, peer]))
                    }
                    Err(e) => self.os_error("ConnectionAbortedError", e),
                }
            }
            NetAnswer::Connected { rid, wid, to, own, real_port } => {
                match sockets::connect(real_port, wid, &self.proc.ctx.secret) {
                    Ok(stream) => {
                        self.proc.sched().sockets.add_connection(rid, wid, stream);
                        events.push((pid, tid, EventKind::Connect { to, ok: true }));
                        let own = Value::tuple(vec![Value::str(&own.0), Value::Int(i64::from(own.1))]);
                        Resume::Value(Value::tuple(vec![Value::Int(i64::from(rid)), Value::Int(i64::from(wid)), own]))
                    }
                    Err(e) => self.os_error("ConnectionRefusedError", e),
                }
            }
            NetAnswer::Refused { to } => {
                events.push((pid, tid, EventKind::Connect { to, ok: false }));
                self.raise("ConnectionRefusedError", vec![Value::Int(111), Value::str("Connection refused")])
            }
            NetAnswer::Raise { class, errno, msg } => self.raise(&class, vec![Value::Int(errno), Value::str(&msg)]),
        };
        self.record(seg, ticket, &mut events);
        self.pending = Some(resume);
    }

    /// The accepted stream whose client writes `rid` (accepted earlier by another accept of
    /// this process, or now).
    fn claim_stream(&mut self, listener: u32, rid: u32) -> std::io::Result<std::net::TcpStream> {
        let (stashed, l) = {
            let mut s = self.proc.sched();
            (s.sockets.take_unclaimed(rid), s.sockets.listener(listener))
        };
        if let Some(stream) = stashed {
            return Ok(stream);
        }
        let Some(l) = l else {
            return Err(std::io::Error::other("the listening socket is in another process"));
        };
        let proc = self.proc.clone();
        let secret = self.proc.ctx.secret;
        sockets::accept_for(&l, rid, &secret, |named, s| proc.sched().sockets.stash(named, s))
    }

    fn os_error(&mut self, class: &str, e: std::io::Error) -> Resume {
        let errno = i64::from(e.raw_os_error().unwrap_or(libc::EIO));
        self.raise(class, vec![Value::Int(errno), Value::str(&e.to_string())])
    }

    fn net_failed(&mut self, seg: Segment, mut events: Vec<(u32, u32, EventKind)>, class: &str, e: std::io::Error) {
        self.record(seg, super::tickets::next(), &mut events);
        self.pending = Some(self.os_error(class, e));
    }
}
