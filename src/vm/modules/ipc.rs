//! `_concsim.chan_*` and `net_*`: the natives under `multiprocessing.Queue`/`Pipe` and the
//! managers' sockets. Each one pickles
//! what it sends and asks the kernel (`Request::Chan*`), which owns the channel.
//! Invariant: nothing here keeps channel state; a retry after a wake-up re-runs the whole
//! native call, so pickling happens again and sees the current value.

use super::{arg, float_arg};
use crate::vm::request::Request;
use crate::vm::value::{NativeFn, Value};
use crate::vm::{Flow, Interp, Kwargs};
use std::rc::Rc;

pub const FUNCTIONS: &[(&str, NativeFn)] = &[
    ("chan_new", chan_new),
    ("chan_put", chan_put),
    ("chan_get", chan_get),
    ("chan_poll", chan_poll),
    ("chan_close", chan_close),
    ("chan_size", chan_size),
    ("chan_task_done", chan_task_done),
    ("chan_join", chan_join),
    ("pickle_check", pickle_check),
    ("spawn_exec", spawn_exec),
    ("spawn_data", spawn_data),
    ("net_listen", net_listen),
    ("net_accept", net_accept),
    ("net_connect", net_connect),
    ("net_unlisten", net_unlisten),
    ("hmac_md5", hmac_md5),
    ("random_bytes", random_bytes),
    ("real_commands", real_commands),
    ("exec_lookup", exec_lookup),
    ("exec_run", exec_run),
];

fn id_arg(it: &Interp, args: &[Value]) -> Result<u32, Flow> {
    match args.first() {
        Some(Value::Int(i)) if *i >= 0 => Ok(*i as u32),
        _ => Err(it.err("TypeError", "channel id expected")),
    }
}

fn timeout_arg(it: &mut Interp, v: Option<&Value>) -> Result<Option<u64>, Flow> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(v) => Ok(Some((float_arg(it, v, "timeout")?.max(0.0) * 1e9) as u64)),
    }
}

fn flag(it: &mut Interp, v: Option<&Value>, default: bool) -> Result<bool, Flow> {
    match v {
        Some(v) => it.truthy(v),
        None => Ok(default),
    }
}

/// `chan_new(maxsize=0, pipe=False)`.
fn chan_new(it: &mut Interp, args: &[Value], kw: &Kwargs) -> Result<Value, Flow> {
    let maxsize = match arg(args, kw, 0, "maxsize") {
        Some(Value::Int(n)) if *n > 0 => *n as usize,
        _ => 0,
    };
    let pipe = flag(it, arg(args, kw, 1, "pipe"), false)?;
    Err(Flow::Request(Box::new(Request::ChanNew { maxsize, pipe })))
}

/// `chan_put(id, item, block=True, timeout=None)` → bool.
fn chan_put(it: &mut Interp, args: &[Value], kw: &Kwargs) -> Result<Value, Flow> {
    let id = id_arg(it, args)?;
    let item = it.pickle(args.get(1).unwrap_or(&Value::None))?;
    let block = flag(it, arg(args, kw, 2, "block"), true)?;
    let timeout_ns = timeout_arg(it, arg(args, kw, 3, "timeout"))?;
    Err(Flow::Request(Box::new(Request::ChanPut { id, item, block, timeout_ns })))
}

/// `chan_get(id, block=True, timeout=None)` → (ok, item).
fn chan_get(it: &mut Interp, args: &[Value], kw: &Kwargs) -> Result<Value, Flow> {
    let id = id_arg(it, args)?;
    let block = flag(it, arg(args, kw, 1, "block"), true)?;
    let timeout_ns = timeout_arg(it, arg(args, kw, 2, "timeout"))?;
    Err(Flow::Request(Box::new(Request::ChanGet { id, block, timeout_ns })))
}

/// `chan_poll(id, timeout=0)` → bool.
fn chan_poll(it: &mut Interp, args: &[Value], kw: &Kwargs) -> Result<Value, Flow> {
    let id = id_arg(it, args)?;
    let timeout_ns = match arg(args, kw, 1, "timeout") {
        None => Some(0),
        v => timeout_arg(it, v)?,
    };
    Err(Flow::Request(Box::new(Request::ChanPoll { id, timeout_ns })))
}

fn chan_close(it: &mut Interp, args: &[Value], _kw: &Kwargs) -> Result<Value, Flow> {
    let id = id_arg(it, args)?;
    Err(Flow::Request(Box::new(Request::ChanClose { id })))
}

fn chan_size(it: &mut Interp, args: &[Value], _kw: &Kwargs) -> Result<Value, Flow> {
    let id = id_arg(it, args)?;
    Err(Flow::Request(Box::new(Request::ChanSize { id })))
}

fn chan_task_done(it: &mut Interp, args: &[Value], _kw: &Kwargs) -> Result<Value, Flow> {
    let id = id_arg(it, args)?;
    Err(Flow::Request(Box::new(Request::ChanTaskDone { id })))
}

fn chan_join(it: &mut Interp, args: &[Value], _kw: &Kwargs) -> Result<Value, Flow> {
    let id = id_arg(it, args)?;
    Err(Flow::Request(Box::new(Request::ChanJoin { id })))
}

/// `pickle_check(obj)`: raises what pickling `obj` would raise (Pool checks its tasks).
fn pickle_check(it: &mut Interp, args: &[Value], _kw: &Kwargs) -> Result<Value, Flow> {
    let p = it.pickle(args.first().unwrap_or(&Value::None))?;
    it.unpickle(&p)
}

/// `spawn_exec(prep, obj)`: in a forked child, become a spawned process that starts from a
/// fresh interpreter with these two objects (pickled here). Does not return.
fn spawn_exec(it: &mut Interp, args: &[Value], _kw: &Kwargs) -> Result<Value, Flow> {
    let prep = it.pickle(args.first().unwrap_or(&Value::None))?;
    let obj = it.pickle(args.get(1).unwrap_or(&Value::None))?;
    Err(Flow::Request(Box::new(Request::Spawn { prep, obj })))
}

/// `spawn_data(i)`: in a spawned child, its preparation data (0) or process object (1).
fn spawn_data(it: &mut Interp, args: &[Value], _kw: &Kwargs) -> Result<Value, Flow> {
    let which = match args.first() {
        Some(Value::Int(i)) => *i as usize,
        _ => 0,
    };
    it.spawn_data(which)
}

fn port_arg(it: &Interp, v: Option<&Value>) -> Result<u16, Flow> {
    match v {
        Some(Value::Int(p)) if (0..=65535).contains(p) => Ok(*p as u16),
        Some(Value::Int(_)) => Err(it.err("OverflowError", "bind(): port must be 0-65535.")),
        _ => Err(it.err("TypeError", "'port' must be an integer")),
    }
}

/// `net_listen(port)` → (listener id, port): listen on this host (0 picks a free port).
fn net_listen(it: &mut Interp, args: &[Value], kw: &Kwargs) -> Result<Value, Flow> {
    let port = port_arg(it, arg(args, kw, 0, "port"))?;
    Err(Flow::Request(Box::new(Request::NetListen { port })))
}

/// `net_accept(listener, block=True)` → (read chan, write chan, (peer addr, peer port)), or
/// None when `block` is false and no connection waits.
fn net_accept(it: &mut Interp, args: &[Value], kw: &Kwargs) -> Result<Value, Flow> {
    let listener = id_arg(it, args)?;
    let block = flag(it, arg(args, kw, 1, "block"), true)?;
    Err(Flow::Request(Box::new(Request::NetAccept { listener, block })))
}

/// `net_connect(host, port)` → (read chan, write chan, (own addr, own port)).
fn net_connect(it: &mut Interp, args: &[Value], kw: &Kwargs) -> Result<Value, Flow> {
    let host = match arg(args, kw, 0, "host") {
        Some(Value::Str(s)) => s.to_string(),
        _ => return Err(it.err("TypeError", "str, bytes or bytearray expected, not NoneType")),
    };
    let port = port_arg(it, arg(args, kw, 1, "port"))?;
    Err(Flow::Request(Box::new(Request::NetConnect { host, port })))
}

fn net_unlisten(it: &mut Interp, args: &[Value], kw: &Kwargs) -> Result<Value, Flow> {
    let port = port_arg(it, arg(args, kw, 0, "port"))?;
    Err(Flow::Request(Box::new(Request::NetUnlisten { port })))
}

fn bytes_arg<'a>(it: &Interp, v: Option<&'a Value>, what: &str) -> Result<&'a [u8], Flow> {
    match v {
        Some(Value::Bytes(b)) => Ok(b),
        Some(other) => Err(it.err("TypeError", format!("{what} must be bytes, not {}", other.type_name()))),
        None => Err(it.err("TypeError", format!("{what} is required"))),
    }
}

/// `real_commands()`: whether `subprocess` runs the machine's commands (a real run).
fn real_commands(it: &mut Interp, _args: &[Value], _kw: &Kwargs) -> Result<Value, Flow> {
    Ok(Value::Bool(it.real_commands))
}

/// `exec_lookup(prog)` → None, or the errno exec would fail with.
fn exec_lookup(it: &mut Interp, args: &[Value], _kw: &Kwargs) -> Result<Value, Flow> {
    match args.first() {
        Some(Value::Str(s)) => Err(Flow::Request(Box::new(Request::ExecLookup { prog: s.to_string() }))),
        _ => Err(it.err("TypeError", "exec_lookup() expects a program name")),
    }
}

/// `exec_run(argv, input, env)` → (exit status, stdout, stderr) of the real command; `input`
/// (bytes, or None for /dev/null) and both outputs are bytes; `env` (a dict of str or bytes)
/// is the command's whole environment.
fn exec_run(it: &mut Interp, args: &[Value], _kw: &Kwargs) -> Result<Value, Flow> {
    let argv: Option<Vec<String>> = match args.first() {
        Some(Value::List(l)) => {
            l.borrow().iter().map(|v| if let Value::Str(s) = v { Some(s.to_string()) } else { None }).collect()
        }
        _ => None,
    };
    let Some(argv) = argv.filter(|a| !a.is_empty()) else {
        return Err(it.err("TypeError", "exec_run() expects a non-empty list of str"));
    };
    let input = match args.get(1) {
        Some(Value::Bytes(b)) => Some(b.to_vec()),
        Some(Value::Str(s)) => Some(s.as_bytes().to_vec()),
        _ => None,
    };
    let text = |v: &Value| match v {
        Value::Str(s) => Some(s.as_bytes().to_vec()),
        Value::Bytes(b) => Some(b.to_vec()),
        _ => None,
    };
    let env = match args.get(2) {
        Some(Value::Dict(d)) => d.borrow().iter().filter_map(|(k, v)| Some((text(&k.0)?, text(v)?))).collect(),
        _ => Vec::new(),
    };
    let cwd = match &it.fs {
        crate::vm::fs::Fs::Dir(root) => Some(root.join(it.cwd.trim_start_matches('/'))),
        crate::vm::fs::Fs::Mem(_) => None,
    };
    Err(Flow::Request(Box::new(Request::ExecRun { argv, input, env, cwd })))
}

/// `hmac_md5(key, message)`: the digest of CPython's authkey challenge.
fn hmac_md5(it: &mut Interp, args: &[Value], _kw: &Kwargs) -> Result<Value, Flow> {
    use hmac::Mac;
    let key = bytes_arg(it, args.first(), "key")?;
    let msg = bytes_arg(it, args.get(1), "msg")?;
    let mut mac = hmac::Hmac::<md5::Md5>::new_from_slice(key).map_err(|_| it.err("ValueError", "bad key"))?;
    mac.update(msg);
    Ok(Value::Bytes(Rc::from(&mac.finalize().into_bytes()[..])))
}

/// `random_bytes(n)`: `os.urandom` for the simulator — a splitmix64 stream keyed by the run's
/// seed, the pid and the draw count, so a run stays a function of its seed.
fn random_bytes(it: &mut Interp, args: &[Value], _kw: &Kwargs) -> Result<Value, Flow> {
    let n = match args.first() {
        Some(Value::Int(n)) if *n >= 0 => *n as usize,
        _ => return Err(it.err("ValueError", "negative argument not allowed")),
    };
    let mut state = it.run_seed ^ (u64::from(it.pid) << 32) ^ it.urandom_draws.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    it.urandom_draws += 1;
    let mut bytes = Vec::with_capacity(n);
    while bytes.len() < n {
        state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        bytes.extend_from_slice(&(z ^ (z >> 31)).to_le_bytes());
    }
    bytes.truncate(n);
    Ok(Value::Bytes(Rc::from(bytes)))
}
