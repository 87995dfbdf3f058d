//! `sys`, `os`, `time` and `random`: the process's view of the simulated machine.
//! Invariant: times are virtual (`Interp::now()`), pids come from the kernel, and every
//! operation that waits or changes the process table is a kernel `Request`.

use super::{arg, float_arg, int_arg};
use crate::vm::native::NativeData;
use crate::vm::request::Request;
use crate::vm::value::{Module, NativeFn, Value};
use crate::vm::Stream;
use crate::vm::{Flow, Interp, Kwargs};

/// Virtual wall clock at time zero: 2024-01-01T00:00:00Z, so `time.time()` looks plausible
/// and never depends on the host.
pub const EPOCH_BASE_S: f64 = 1_704_067_200.0;

pub const SYS: &[(&str, NativeFn)] = &[
    ("exit", sys_exit),
    ("getrecursionlimit", getrecursionlimit),
    ("getswitchinterval", getswitchinterval),
    ("setswitchinterval", setswitchinterval),
    ("setrecursionlimit", noop),
    ("exc_info", exc_info),
    ("_getframe", getframe),
];

/// `sys._getframe()` reached by a call the evaluation loop does not answer (it answers
/// direct calls with the thread's frames: `modules::frame_native`).
pub fn getframe(it: &mut Interp, _args: &[Value], _kw: &Kwargs) -> Result<Value, Flow> {
    Err(it.err("TypeError", "concsim supports sys._getframe() only when called directly"))
}

pub const OS: &[(&str, NativeFn)] = &[
    ("getpid", getpid),
    ("getppid", getppid),
    ("fork", fork),
    ("_exit", os_exit),
    ("waitpid", waitpid),
    ("wait", wait),
    ("kill", kill),
    ("cpu_count", cpu_count),
    ("sched_getaffinity", sched_getaffinity),
    ("WEXITSTATUS", wexitstatus),
    ("WIFEXITED", wifexited),
    ("WIFSIGNALED", wifsignaled),
    ("WTERMSIG", wtermsig),
    ("waitstatus_to_exitcode", waitstatus_to_exitcode),
    ("register_at_fork", register_at_fork),
];

pub const TIME: &[(&str, NativeFn)] = &[
    ("sleep", sleep),
    ("time", time_time),
    ("time_ns", time_ns),
    ("perf_counter", perf_counter),
    ("monotonic", perf_counter),
    ("process_time", perf_counter),
    ("perf_counter_ns", perf_counter_ns),
    ("monotonic_ns", perf_counter_ns),
];

pub const RANDOM: &[(&str, NativeFn)] = &[
    ("seed", random_seed),
    ("random", random_random),
    ("randint", random_randint),
    ("randrange", random_randrange),
    ("uniform", random_uniform),
    ("choice", random_choice),
    ("shuffle", random_shuffle),
    ("getrandbits", random_getrandbits),
    ("sample", random_sample),
    ("choices", random_choices),
    ("expovariate", random_expovariate),
    ("normalvariate", random_normalvariate),
    ("gauss", random_gauss),
    ("getstate", random_getstate),
    ("setstate", random_setstate),
    ("_generator", random_generator),
];

/// A `random.Random`'s generator (`_concsim_random.Random._rng`): the module's functions as
/// methods drawing from the object's own state.
pub const RANDOM_METHODS: &[(&str, NativeFn)] = &random_methods![
    "seed" => random_seed,
    "random" => random_random,
    "randint" => random_randint,
    "randrange" => random_randrange,
    "uniform" => random_uniform,
    "choice" => random_choice,
    "shuffle" => random_shuffle,
    "getrandbits" => random_getrandbits,
    "sample" => random_sample,
    "choices" => random_choices,
    "expovariate" => random_expovariate,
    "normalvariate" => random_normalvariate,
    "gauss" => random_gauss,
    "getstate" => random_getstate,
    "setstate" => random_setstate
];

pub const FILE_METHODS: &[(&str, NativeFn)] =
    &[("write", file_write), ("flush", file_flush), ("fileno", file_fileno), ("isatty", file_isatty)];

pub fn init_sys(it: &mut Interp, m: &Module) {
    let argv = it.argv.iter().map(|a| Value::str(a)).collect();
    m.set("argv", Value::list(argv));
    m.set("stdout", it.stdout_obj.clone());
    m.set("stderr", it.stderr_obj.clone());
    m.set("__stdout__", it.stdout_obj.clone());
    m.set("__stderr__", it.stderr_obj.clone());
    m.set("platform", Value::str("linux"));
    m.set("version", Value::str("3.11.7 (concsim)"));
    m.set(
        "version_info",
        Value::tuple(vec![Value::Int(3), Value::Int(11), Value::Int(7), Value::str("final"), Value::Int(0)]),
    );
    m.set("maxsize", Value::Int(i64::MAX));
    // CPython's for `python3 FILE`: the program's directory first, then where the simulated
    // machine keeps the standard library.
    let mut path = vec![Value::str(&it.script_dir)];
    path.extend(["/usr/lib/python311.zip", "/usr/lib/python3.11", "/usr/lib/python3.11/lib-dynload"].map(Value::str));
    m.set("path", Value::list(path));
    m.set("executable", Value::str("/usr/bin/python3"));
}

pub fn init_os(m: &Module) {
    m.set("WNOHANG", Value::Int(1));
    m.set("name", Value::str("posix"));
    m.set("sep", Value::str("/"));
    m.set("linesep", Value::str("\n"));
    let mut environ = crate::vm::Dict::new();
    for (k, v) in MACHINE_ENVIRONMENT {
        environ.set_str(k, Value::str(v));
    }
    m.set("environ", Value::dict(environ));
}

/// The environment every program of the simulated machine starts with: a login shell's for
/// root (the machine's only user, uid 0). Fixed rather than the host's, so a run stays a
/// function of its inputs; `concsim real` gives its programs (and the commands they run) the
/// same one, so a real run replays in the simulator.
pub const MACHINE_ENVIRONMENT: &[(&str, &str)] = &[
    ("HOME", "/root"),
    ("LANG", "C.UTF-8"),
    ("LOGNAME", "root"),
    ("PATH", "/usr/local/bin:/usr/bin:/bin"),
    ("SHELL", "/bin/sh"),
    ("USER", "root"),
];

fn noop(_it: &mut Interp, _a: &[Value], _k: &Kwargs) -> Result<Value, Flow> {
    Ok(Value::None)
}

fn sys_exit(it: &mut Interp, args: &[Value], _k: &Kwargs) -> Result<Value, Flow> {
    Err(it.err_args("SystemExit", args.iter().take(1).cloned().collect()))
}

fn getrecursionlimit(_it: &mut Interp, _a: &[Value], _k: &Kwargs) -> Result<Value, Flow> {
    Ok(Value::Int(1000))
}

fn getswitchinterval(it: &mut Interp, _a: &[Value], _k: &Kwargs) -> Result<Value, Flow> {
    Ok(Value::Float(it.switch_interval_ns as f64 / 1e9))
}

/// Changes how long the simulator's threads keep the GIL (real runs keep CPython's 5 ms).
fn setswitchinterval(it: &mut Interp, args: &[Value], kw: &Kwargs) -> Result<Value, Flow> {
    let seconds = match arg(args, kw, 0, "interval") {
        Some(Value::Float(f)) => *f,
        Some(Value::Int(i)) => *i as f64,
        Some(Value::Bool(b)) => f64::from(u8::from(*b)),
        Some(other) => {
            return Err(it.err("TypeError", format!("must be real number, not {}", other.type_name())));
        }
        None => {
            return Err(it.err("TypeError", "setswitchinterval() missing required argument 'interval' (pos 1)"));
        }
    };
    if seconds <= 0.0 || seconds.is_nan() {
        return Err(it.err("ValueError", "switch interval must be strictly positive"));
    }
    it.switch_interval_ns = ((seconds * 1e9) as u64).max(1);
    Ok(Value::None)
}

fn exc_info(it: &mut Interp, _a: &[Value], _k: &Kwargs) -> Result<Value, Flow> {
    match it.handling.clone() {
        Some(e) => {
            let cls = it.class_of(&e);
            Ok(Value::tuple(vec![Value::Class(cls), e, Value::None]))
        }
        None => Ok(Value::tuple(vec![Value::None, Value::None, Value::None])),
    }
}

fn getpid(it: &mut Interp, _a: &[Value], _k: &Kwargs) -> Result<Value, Flow> {
    Ok(Value::Int(it.pid as i64))
}

fn getppid(it: &mut Interp, _a: &[Value], _k: &Kwargs) -> Result<Value, Flow> {
    if it.ordered_ppid {
        return Err(Flow::Request(Box::new(Request::GetPpid)));
    }
    Ok(Value::Int(it.ppid as i64))
}

fn fork(_it: &mut Interp, _a: &[Value], _k: &Kwargs) -> Result<Value, Flow> {
    Err(Flow::Request(Box::new(Request::Fork)))
}

fn os_exit(it: &mut Interp, args: &[Value], kw: &Kwargs) -> Result<Value, Flow> {
    let code = match arg(args, kw, 0, "status") {
        Some(v) => int_arg(it, v, "_exit()")?,
        None => return Err(it.err("TypeError", "_exit() missing required argument 'status' (pos 1)")),
    };
    Err(Flow::Request(Box::new(Request::Exit { code: code as i32 })))
}

fn waitpid(it: &mut Interp, args: &[Value], kw: &Kwargs) -> Result<Value, Flow> {
    let pid = int_arg(it, arg(args, kw, 0, "pid").unwrap_or(&Value::Int(-1)), "waitpid()")?;
    let options = int_arg(it, arg(args, kw, 1, "options").unwrap_or(&Value::Int(0)), "waitpid()")?;
    Err(Flow::Request(Box::new(Request::WaitPid { pid, nohang: options & 1 != 0, timeout_ns: None })))
}

fn wait(_it: &mut Interp, _a: &[Value], _k: &Kwargs) -> Result<Value, Flow> {
    Err(Flow::Request(Box::new(Request::WaitPid { pid: -1, nohang: false, timeout_ns: None })))
}

fn kill(it: &mut Interp, args: &[Value], kw: &Kwargs) -> Result<Value, Flow> {
    let pid = int_arg(it, arg(args, kw, 0, "pid").unwrap_or(&Value::Int(0)), "kill()")?;
    let sig = int_arg(it, arg(args, kw, 1, "signal").unwrap_or(&Value::Int(15)), "kill()")?;
    if !(0..crate::vm::signals::NSIG as i64).contains(&sig) {
        return Err(it.err_args("OSError", vec![Value::Int(22), Value::str("Invalid argument")]));
    }
    // 0 and -pgid name a process group (see modules::signal); -1 every process.
    match pid {
        1.. => {
            Err(Flow::Request(Box::new(Request::Kill { pid: pid.min(i64::from(u32::MAX)) as u32, sig: sig as i32 })))
        }
        0 => Err(Flow::Request(Box::new(Request::KillPg { pgid: 0, sig: sig as i32 }))),
        -1 => Err(it.err("NotImplementedError", "concsim does not support os.kill(-1, sig) yet")),
        _ => Err(Flow::Request(Box::new(Request::KillPg { pgid: -pid, sig: sig as i32 }))),
    }
}

fn cpu_count(it: &mut Interp, _a: &[Value], _k: &Kwargs) -> Result<Value, Flow> {
    Ok(Value::Int(it.cores as i64))
}

/// `os.sched_getaffinity(pid)`: every process may run on any of the machine's cores (numbered
/// from 0, as many as `os.cpu_count()` answers; `concsim real` counts the cores this process
/// may use). Affinity cannot be changed: there is no `sched_setaffinity`.
fn sched_getaffinity(it: &mut Interp, args: &[Value], kw: &Kwargs) -> Result<Value, Flow> {
    if !kw.is_empty() {
        return Err(it.err("TypeError", "posix.sched_getaffinity() takes no keyword arguments"));
    }
    let [pid] = args else {
        return Err(
            it.err("TypeError", format!("posix.sched_getaffinity() takes exactly one argument ({} given)", args.len()))
        );
    };
    crate::vm::ops::index_arg(it, pid)?;
    let mut set = crate::vm::dict::Set::default();
    for core in 0..it.cores {
        if let Ok(k) = crate::vm::dict::Key::new(Value::Int(i64::from(core))) {
            set.insert(k);
        }
    }
    Ok(Value::Set(std::rc::Rc::new(std::cell::RefCell::new(set))))
}

fn status_arg(it: &Interp, args: &[Value]) -> Result<i64, Flow> {
    int_arg(it, args.first().unwrap_or(&Value::Int(0)), "status")
}

fn wexitstatus(it: &mut Interp, args: &[Value], _k: &Kwargs) -> Result<Value, Flow> {
    Ok(Value::Int((status_arg(it, args)? >> 8) & 0xff))
}

fn wifexited(it: &mut Interp, args: &[Value], _k: &Kwargs) -> Result<Value, Flow> {
    Ok(Value::Bool(status_arg(it, args)? & 0x7f == 0))
}

fn wifsignaled(it: &mut Interp, args: &[Value], _k: &Kwargs) -> Result<Value, Flow> {
    let s = status_arg(it, args)?;
    Ok(Value::Bool(s & 0x7f != 0 && s & 0x7f != 0x7f))
}

fn wtermsig(it: &mut Interp, args: &[Value], _k: &Kwargs) -> Result<Value, Flow> {
    Ok(Value::Int(status_arg(it, args)? & 0x7f))
}

fn waitstatus_to_exitcode(it: &mut Interp, args: &[Value], _k: &Kwargs) -> Result<Value, Flow> {
    let s = status_arg(it, args)?;
    Ok(Value::Int(if s & 0x7f == 0 { (s >> 8) & 0xff } else { -(s & 0x7f) }))
}

fn sleep(it: &mut Interp, args: &[Value], kw: &Kwargs) -> Result<Value, Flow> {
    let secs = match arg(args, kw, 0, "secs") {
        Some(v) => float_arg(it, v, "sleep()").map_err(|_| {
            it.err("TypeError", format!("'{}' object cannot be interpreted as an integer", v.type_name()))
        })?,
        None => return Err(it.err("TypeError", "time.sleep() takes exactly one argument (0 given)")),
    };
    if secs < 0.0 {
        return Err(it.err("ValueError", "sleep length must be non-negative"));
    }
    if secs == 0.0 {
        return Err(Flow::Request(Box::new(Request::Yield)));
    }
    Err(Flow::Request(Box::new(Request::Sleep { ns: (secs * 1e9).round() as u64 })))
}

fn time_time(it: &mut Interp, _a: &[Value], _k: &Kwargs) -> Result<Value, Flow> {
    Ok(Value::Float(EPOCH_BASE_S + it.read_clock() as f64 / 1e9))
}

fn time_ns(it: &mut Interp, _a: &[Value], _k: &Kwargs) -> Result<Value, Flow> {
    Ok(Value::Int((EPOCH_BASE_S as i64) * 1_000_000_000 + it.read_clock() as i64))
}

fn perf_counter(it: &mut Interp, _a: &[Value], _k: &Kwargs) -> Result<Value, Flow> {
    Ok(Value::Float(it.read_clock() as f64 / 1e9))
}

fn perf_counter_ns(it: &mut Interp, _a: &[Value], _k: &Kwargs) -> Result<Value, Flow> {
    Ok(Value::Int(it.read_clock() as i64))
}

fn file_write(it: &mut Interp, args: &[Value], _k: &Kwargs) -> Result<Value, Flow> {
    let fd = match &args[0] {
        Value::Native(n) => match &*n.data.borrow() {
            NativeData::File { fd } => *fd,
            _ => 1,
        },
        _ => 1,
    };
    match args.get(1) {
        Some(Value::Str(s)) => {
            let stream = if fd == 2 { Stream::Stderr } else { Stream::Stdout };
            it.write(stream, s);
            let n = Value::Int(s.chars().count() as i64);
            if it.released_gil(stream) {
                // The write system call released the GIL to a waiting thread.
                return Err(Flow::Request(Box::new(Request::Released { value: Some(n) })));
            }
            Ok(n)
        }
        Some(other) => Err(it.err("TypeError", format!("write() argument must be str, not {}", other.type_name()))),
        None => Err(it.err("TypeError", "TextIOWrapper.write() takes exactly one argument (0 given)")),
    }
}

fn file_fileno(_it: &mut Interp, args: &[Value], _k: &Kwargs) -> Result<Value, Flow> {
    Ok(match &args[0] {
        Value::Native(n) => match &*n.data.borrow() {
            NativeData::File { fd } => Value::Int(*fd as i64),
            _ => Value::Int(1),
        },
        _ => Value::Int(1),
    })
}

fn file_isatty(_it: &mut Interp, _a: &[Value], _k: &Kwargs) -> Result<Value, Flow> {
    Ok(Value::Bool(false))
}

// --- random: the module-level functions on the process's generator ---

/// Wraps each module function as a method of a generator object (`random_on`).
macro_rules! random_methods {
    ($($name:literal => $f:ident),*) => {
        [$(($name, {
            fn method(it: &mut Interp, args: &[Value], kw: &Kwargs) -> Result<Value, Flow> {
                random_on(it, args, kw, $f)
            }
            method as NativeFn
        })),*]
    };
}
use random_methods;

/// Runs module function `f` with the generator `args[0]` in place of the process's: the two
/// states are swapped for the call (`f` draws from `it.rng`) and back after it.
fn random_on(it: &mut Interp, args: &[Value], kw: &Kwargs, f: NativeFn) -> Result<Value, Flow> {
    let Some(Value::Native(n)) = args.first() else {
        return Err(it.err("TypeError", "descriptor requires a 'random.Random' object"));
    };
    let swap = |it: &mut Interp| match &mut *n.data.borrow_mut() {
        NativeData::Random(r) => {
            std::mem::swap(&mut it.rng, &mut **r);
            true
        }
        _ => false,
    };
    if !swap(it) {
        return Err(it.err("TypeError", "descriptor requires a 'random.Random' object"));
    }
    let r = f(it, &args[1..], kw);
    swap(it);
    r
}

/// `random._generator()`: a new generator object, seeded by its owner.
fn random_generator(it: &mut Interp, _a: &[Value], _k: &Kwargs) -> Result<Value, Flow> {
    let cls = it.types.natives["Random"].clone();
    let serial = it.next_serial();
    let rng = Box::new(crate::vm::random::Mt19937::new(0));
    Ok(Value::Native(crate::vm::value::NativeObj::new(cls, serial, NativeData::Random(rng))))
}

/// CPython's `gauss` (Box-Muller, the second value kept for the next call).
fn random_gauss(it: &mut Interp, args: &[Value], kw: &Kwargs) -> Result<Value, Flow> {
    let mu = float_arg(it, arg(args, kw, 0, "mu").unwrap_or(&Value::Float(0.0)), "gauss()")?;
    let sigma = float_arg(it, arg(args, kw, 1, "sigma").unwrap_or(&Value::Float(1.0)), "gauss()")?;
    let z = match it.rng.gauss_next.take() {
        Some(z) => z,
        None => {
            let x2pi = it.rng.random() * std::f64::consts::TAU;
            let g2rad = (-2.0 * (1.0 - it.rng.random()).ln()).sqrt();
            it.rng.gauss_next = Some(x2pi.sin() * g2rad);
            x2pi.cos() * g2rad
        }
    };
    Ok(Value::Float(mu + z * sigma))
}

/// `getstate()`: `(3, (624 state words..., index), gauss_next)` as CPython's.
fn random_getstate(it: &mut Interp, _a: &[Value], _k: &Kwargs) -> Result<Value, Flow> {
    let mut words: Vec<Value> = it.rng.state.iter().map(|w| Value::Int(i64::from(*w))).collect();
    words.push(Value::Int(it.rng.index as i64));
    let gauss = it.rng.gauss_next.map(Value::Float).unwrap_or(Value::None);
    Ok(Value::tuple(vec![Value::Int(3), Value::tuple(words), gauss]))
}

/// `setstate(state)`: the inverse of `getstate`.
fn random_setstate(it: &mut Interp, args: &[Value], kw: &Kwargs) -> Result<Value, Flow> {
    let state = arg(args, kw, 0, "state").cloned().unwrap_or(Value::None);
    let parts = it.collect(&state)?;
    let bad = |it: &Interp| it.err("ValueError", "state vector is the wrong size");
    let [version, words, gauss] = parts.as_slice() else {
        return Err(it.err("ValueError", "concsim's random.setstate() needs a getstate() value"));
    };
    if !matches!(version, Value::Int(3)) {
        return Err(it.err("ValueError", "concsim's random.setstate() needs a getstate() value"));
    }
    let words = it.collect(words)?;
    if words.len() != 625 {
        return Err(bad(it));
    }
    let mut rng = crate::vm::random::Mt19937::new(0);
    for (i, w) in words.iter().enumerate() {
        let v = int_arg(it, w, "setstate()")?;
        if i < 624 {
            rng.state[i] = v as u32;
        } else if (0..=624).contains(&v) {
            rng.index = v as usize;
        } else {
            return Err(it.err("ValueError", "invalid state"));
        }
    }
    rng.gauss_next = match gauss {
        Value::None => None,
        g => Some(float_arg(it, g, "setstate()")?),
    };
    it.rng = rng;
    Ok(Value::None)
}

fn random_seed(it: &mut Interp, args: &[Value], kw: &Kwargs) -> Result<Value, Flow> {
    match arg(args, kw, 0, "a") {
        None | Some(Value::None) => {
            let s = it.fresh_seed();
            it.rng.seed_u64(s);
        }
        Some(Value::Int(i)) => it.rng.seed_u64(i.unsigned_abs()),
        Some(Value::Bool(b)) => it.rng.seed_u64(*b as u64),
        Some(Value::Str(s)) => {
            // CPython hashes str seeds with SHA-512; concsim uses a stable FNV digest
            // (documented difference: same determinism, different numbers).
            let h = crate::vm::random::fnv1a64(s.as_bytes());
            it.rng.seed_u64(h);
        }
        Some(Value::Float(f)) => it.rng.seed_u64(f.to_bits()),
        Some(other) => {
            return Err(it.err(
                "TypeError",
                format!(
                    "The only supported seed types are: None,\nint, float, str, bytes, and bytearray. Not '{}'",
                    other.type_name()
                ),
            ));
        }
    }
    Ok(Value::None)
}

fn random_random(it: &mut Interp, _a: &[Value], _k: &Kwargs) -> Result<Value, Flow> {
    Ok(Value::Float(it.rng.random()))
}

fn randbelow(it: &mut Interp, n: i64) -> i64 {
    it.rng.randbelow(n as u64) as i64
}

fn random_randrange(it: &mut Interp, args: &[Value], kw: &Kwargs) -> Result<Value, Flow> {
    let a = int_arg(it, arg(args, kw, 0, "start").unwrap_or(&Value::Int(0)), "randrange()")?;
    let stop = match arg(args, kw, 1, "stop") {
        Some(Value::None) | None => None,
        Some(v) => Some(int_arg(it, v, "randrange()")?),
    };
    let step = int_arg(it, arg(args, kw, 2, "step").unwrap_or(&Value::Int(1)), "randrange()")?;
    let Some(stop) = stop else {
        if a > 0 {
            return Ok(Value::Int(randbelow(it, a)));
        }
        return Err(it.err("ValueError", "empty range for randrange()"));
    };
    randrange_of(it, a, stop, step)
}

/// `randrange(start, stop, step)` with CPython 3.11's messages.
fn randrange_of(it: &mut Interp, start: i64, stop: i64, step: i64) -> Result<Value, Flow> {
    if step == 1 {
        let width = stop - start;
        if width <= 0 {
            return Err(it.err("ValueError", format!("empty range for randrange() ({start}, {stop}, {width})")));
        }
        return Ok(Value::Int(start + randbelow(it, width)));
    }
    if step == 0 {
        return Err(it.err("ValueError", "zero step for randrange()"));
    }
    let n = if step > 0 { (stop - start + step - 1) / step } else { (stop - start + step + 1) / step };
    if n <= 0 {
        return Err(it.err("ValueError", "empty range for randrange()"));
    }
    Ok(Value::Int(start + step * randbelow(it, n)))
}

fn random_randint(it: &mut Interp, args: &[Value], kw: &Kwargs) -> Result<Value, Flow> {
    let a = int_arg(it, arg(args, kw, 0, "a").unwrap_or(&Value::Int(0)), "randint()")?;
    let b = int_arg(it, arg(args, kw, 1, "b").unwrap_or(&Value::Int(0)), "randint()")?;
    randrange_of(it, a, b + 1, 1)
}

fn random_uniform(it: &mut Interp, args: &[Value], kw: &Kwargs) -> Result<Value, Flow> {
    let a = float_arg(it, arg(args, kw, 0, "a").unwrap_or(&Value::Int(0)), "uniform()")?;
    let b = float_arg(it, arg(args, kw, 1, "b").unwrap_or(&Value::Int(1)), "uniform()")?;
    Ok(Value::Float(a + (b - a) * it.rng.random()))
}

fn random_choice(it: &mut Interp, args: &[Value], kw: &Kwargs) -> Result<Value, Flow> {
    let seq = arg(args, kw, 0, "seq").cloned().unwrap_or(Value::None);
    let n = it.len_of(&seq)?;
    if n == 0 {
        return Err(it.err("IndexError", "Cannot choose from an empty sequence"));
    }
    let i = randbelow(it, n as i64);
    it.getitem(&seq, &Value::Int(i))
}

fn random_shuffle(it: &mut Interp, args: &[Value], kw: &Kwargs) -> Result<Value, Flow> {
    let Some(Value::List(l)) = arg(args, kw, 0, "x") else {
        return Err(it.err("TypeError", "concsim's random.shuffle() needs a list"));
    };
    let n = l.borrow().len();
    for i in (1..n).rev() {
        let j = randbelow(it, i as i64 + 1) as usize;
        l.borrow_mut().swap(i, j);
    }
    Ok(Value::None)
}

fn random_sample(it: &mut Interp, args: &[Value], kw: &Kwargs) -> Result<Value, Flow> {
    let population = arg(args, kw, 0, "population").cloned().unwrap_or(Value::None);
    if matches!(population, Value::Set(_) | Value::FrozenSet(_) | Value::Dict(_)) {
        return Err(it.err("TypeError", "Population must be a sequence.  For dicts or sets, use sorted(d)."));
    }
    let items = it.collect(&population)?;
    let k = int_arg(it, arg(args, kw, 1, "k").unwrap_or(&Value::Int(0)), "sample()")?;
    let picked = if k < 0 { None } else { it.rng.sample_indices(items.len(), k as usize) };
    match picked {
        Some(idx) => Ok(Value::list(idx.into_iter().map(|i| items[i].clone()).collect())),
        None => Err(it.err("ValueError", "Sample larger than population or is negative")),
    }
}

fn random_choices(it: &mut Interp, args: &[Value], kw: &Kwargs) -> Result<Value, Flow> {
    let population = it.collect(&arg(args, kw, 0, "population").cloned().unwrap_or(Value::None))?;
    let n = population.len();
    let k = int_arg(it, arg(args, kw, 99, "k").unwrap_or(&Value::Int(1)), "choices()")?.max(0) as usize;
    let weights = arg(args, kw, 1, "weights").filter(|w| !w.is_none()).cloned();
    let cum = arg(args, kw, 99, "cum_weights").filter(|w| !w.is_none()).cloned();
    let cum: Option<Vec<f64>> = match (weights, cum) {
        (Some(_), Some(_)) => return Err(it.err("TypeError", "Cannot specify both weights and cumulative weights")),
        (Some(w), None) => {
            let mut total = 0.0;
            let mut out = Vec::new();
            for v in it.collect(&w)? {
                total += float_arg(it, &v, "choices()")?;
                out.push(total);
            }
            Some(out)
        }
        (None, Some(c)) => {
            let mut out = Vec::new();
            for v in it.collect(&c)? {
                out.push(float_arg(it, &v, "choices()")?);
            }
            Some(out)
        }
        (None, None) => None,
    };
    let mut out = Vec::with_capacity(k);
    match cum {
        None => {
            if n == 0 && k > 0 {
                return Err(it.err("IndexError", "list index out of range"));
            }
            for _ in 0..k {
                out.push(population[it.rng.choices_index(n).min(n - 1)].clone());
            }
        }
        Some(cum) => {
            if cum.len() != n {
                return Err(it.err("ValueError", "The number of weights does not match the population"));
            }
            for _ in 0..k {
                match it.rng.choices_weighted_index(&cum) {
                    Some(i) => out.push(population[i].clone()),
                    None => return Err(it.err("ValueError", "Total of weights must be greater than zero")),
                }
            }
        }
    }
    Ok(Value::list(out))
}

fn random_expovariate(it: &mut Interp, args: &[Value], kw: &Kwargs) -> Result<Value, Flow> {
    let lambd = float_arg(it, arg(args, kw, 0, "lambd").unwrap_or(&Value::Float(1.0)), "expovariate()")?;
    if lambd == 0.0 {
        return Err(it.err("ZeroDivisionError", "float division by zero"));
    }
    Ok(Value::Float(-(1.0 - it.rng.random()).ln() / lambd))
}

/// CPython's `normalvariate` (Kinderman and Monahan's ratio method), draw for draw.
fn random_normalvariate(it: &mut Interp, args: &[Value], kw: &Kwargs) -> Result<Value, Flow> {
    let mu = float_arg(it, arg(args, kw, 0, "mu").unwrap_or(&Value::Float(0.0)), "normalvariate()")?;
    let sigma = float_arg(it, arg(args, kw, 1, "sigma").unwrap_or(&Value::Float(1.0)), "normalvariate()")?;
    let magic = 4.0 * (-0.5f64).exp() / 2.0f64.sqrt();
    loop {
        let u1 = it.rng.random();
        let u2 = 1.0 - it.rng.random();
        let z = magic * (u1 - 0.5) / u2;
        if z * z / 4.0 <= -u2.ln() {
            return Ok(Value::Float(mu + z * sigma));
        }
    }
}

fn random_getrandbits(it: &mut Interp, args: &[Value], kw: &Kwargs) -> Result<Value, Flow> {
    let k = int_arg(it, arg(args, kw, 0, "k").unwrap_or(&Value::Int(0)), "getrandbits()")?;
    if !(0..=63).contains(&k) {
        return Err(it.err("ValueError", "concsim's getrandbits() supports 0 <= k < 64"));
    }
    Ok(Value::Int(it.rng.getrandbits(k as u32) as i64))
}

fn register_at_fork(it: &mut Interp, args: &[Value], kw: &Kwargs) -> Result<Value, Flow> {
    if let Some(f) = arg(args, kw, 99, "after_in_child") {
        it.after_fork_child.push(f.clone());
    }
    Ok(Value::None)
}

fn file_flush(it: &mut Interp, _a: &[Value], _k: &Kwargs) -> Result<Value, Flow> {
    it.flush_stdout();
    Ok(Value::None)
}
