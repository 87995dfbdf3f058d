//! Real runs (native only): the same bytecode on real OS processes and threads. Each Python
//! process is a forked OS process, each Python thread an OS thread taking turns on its
//! process's GIL; multiprocessing's channels live in a broker served by the supervisor (this
//! process) over Unix sockets. Invariant: the supervisor is the only ancestor that outlives
//! the run — it is the subreaper of every process the program makes, and whatever happens
//! (the program ends, the timeout, Ctrl-C, a panic) it kills what is left — the whole tree,
//! sessions a command started included (`tree`) — and reaps it, so no orphan or zombie
//! survives `run`; and when the supervisor itself is killed, every Python process of the run
//! ends with it (`lifeline`).
//!
//! The program sees the simulator's pids (1000, 1001, ... in fork order) and tids, so a real
//! run prints what the simulator would for the same schedule, and `random` draws the same
//! numbers per process; the OS pids are in the trace (`os_pid` events).

pub mod broker;
mod broker_net;
mod lifeline;
mod process;
pub mod record;
mod sockets;
pub mod tickets;
mod tree;

use crate::lang;
use crate::sim::{HostProgram, ProcessOptions};
use crate::trace::Event;
use crate::vm::Types;
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// The exit status of a run stopped by `--timeout`, as `timeout(1)`.
pub const EXIT_TIMEOUT: i32 = 124;

#[derive(Clone, Debug)]
pub struct RealOptions {
    /// What the main process boots with, as in the simulator (seed, `args`, stdout
    /// buffering); its `cores` (what `os.cpu_count()` answers, and so `Pool()`'s size)
    /// defaults to this machine's count.
    pub process: ProcessOptions,
    /// Record the trace (returned in `RealResult::trace`).
    pub record_trace: bool,
    /// Kill the run's processes after this long.
    pub timeout: Duration,
    /// The files the run starts with (as the simulator's `RunOptions::files`): written into
    /// a fresh private directory per host that stands for `/` (see `sim::fs::Fs::Dir`).
    pub files: crate::sim::fs::Snapshot,
}

impl Default for RealOptions {
    fn default() -> Self {
        RealOptions {
            process: ProcessOptions {
                cores: std::thread::available_parallelism().map(|n| n.get() as u32).unwrap_or(1),
                ..ProcessOptions::default()
            },
            record_trace: false,
            timeout: Duration::from_secs(60),
            files: crate::sim::fs::Snapshot::default(),
        }
    }
}

pub struct RealResult {
    /// The exit status as a shell reports it (128 + signal for a killed main process).
    pub exit_code: i32,
    pub timed_out: bool,
    pub trace: Vec<Event>,
    /// The number of processes the run made (the main one included).
    pub processes: usize,
}

/// How often the watchdog looks for an interruption.
const WATCH_POLL: Duration = Duration::from_millis(20);

/// The process group of the running program, for the signal handler and the panic hook.
static GROUP: AtomicI32 = AtomicI32::new(0);
/// The signal (SIGINT, SIGTERM, SIGHUP) that interrupted the run, or 0.
static INTERRUPTED: AtomicI32 = AtomicI32::new(0);

extern "C" fn on_signal(sig: libc::c_int) {
    INTERRUPTED.store(sig, Ordering::SeqCst);
    let g = GROUP.load(Ordering::SeqCst);
    if g > 0 {
        // SAFETY: killpg is async-signal-safe.
        unsafe { libc::killpg(g, libc::SIGKILL) };
    }
}

fn kill_group() {
    let g = GROUP.load(Ordering::SeqCst);
    if g > 0 {
        // SAFETY: kill(2) of the run's own process group.
        unsafe { libc::killpg(g, libc::SIGKILL) };
    }
}

/// A fresh directory `PREFIX-XXXXXX` under the temp dir that only this user can enter
/// (mkdtemp(3): mode 0700, created by this call — an existing path or a planted symlink
/// makes it pick another name, never reuse it).
pub fn private_dir(prefix: &str) -> std::io::Result<std::path::PathBuf> {
    let template = std::env::temp_dir().join(format!("{prefix}-XXXXXX"));
    nix::unistd::mkdtemp(&template).map_err(std::io::Error::from)
}

/// Runs `source` for real. Its stdout and stderr are this process's; a program that does not
/// compile prints CPython's SyntaxError and gives status 1.
pub fn run(filename: &str, source: &str, opts: &RealOptions) -> RealResult {
    let program =
        HostProgram { host: "localhost".into(), filename: filename.into(), source: source.into(), start_ns: 0 };
    run_hosts(&[program], opts)
}

/// Runs one program per host for real, as `sim::run_hosts` simulates them: host k's main
/// process has pid 1000 × (k + 1) and starts `start_ns` after the run; the hosts share this
/// machine's loopback interface, and the broker gives each its name, address and ports.
/// With several hosts every line of output is tagged `[host] `, as the simulator's CLI
/// shows it. The exit status is the first failing host's, else host 0's.
pub fn run_hosts(programs: &[HostProgram], opts: &RealOptions) -> RealResult {
    let mut compiled = Vec::new();
    for p in programs {
        match lang::compile_module(&p.shown_path(&opts.files), &p.source) {
            Ok(c) => compiled.push(c),
            Err(e) => {
                process::write_fd(2, e.render().as_bytes());
                return RealResult { exit_code: 1, timed_out: false, trace: Vec::new(), processes: 0 };
            }
        }
    }
    let hosts: Vec<String> = programs.iter().map(|p| p.host.clone()).collect();
    if let Err(e) = tickets::init() {
        process::die(&format!("concsim real: cannot map the shared counter: {e}"));
    }
    let broker = match broker::Broker::bind() {
        Ok(b) => b,
        Err(e) => process::die(&format!("concsim real: cannot open the broker's socket: {e}")),
    };
    // The run's own directory: private (0700, made fresh by mkdtemp, so nothing planted in
    // the temp dir is followed), holding the processes' trace files and each host's `/`
    // (filled with the snapshot: the program reads and writes only there); removed after
    // the run.
    let run_dir = match private_dir("concsim-real") {
        Ok(d) => d,
        Err(e) => process::die(&format!("concsim real: cannot make the run's directory: {e}")),
    };
    let trace_dir = opts.record_trace.then(|| run_dir.join("trace"));
    let files_dir = run_dir.join("files");
    let prepared = trace_dir.iter().try_for_each(std::fs::create_dir).and_then(|()| {
        (0..programs.len())
            .try_for_each(|k| crate::sim::fs::Fs::populate(&files_dir.join(format!("host{k}")), &opts.files))
    });
    if let Err(e) = prepared {
        let _ = std::fs::remove_dir_all(&run_dir);
        process::die(&format!("concsim real: cannot prepare the run's files: {e}"));
    }
    let ctx = Arc::new(process::Ctx {
        broker: broker.name.clone(),
        secret: broker.secret,
        trace_dir: trace_dir.clone(),
        t0: tickets::now_ns(),
        hosts: hosts.clone(),
    });
    let lifeline = match lifeline::Lifeline::create() {
        Ok(l) => l,
        Err(e) => process::die(&format!("concsim real: cannot make the run's lifeline: {e}")),
    };
    // SAFETY: prctl(2) on ourselves: orphans of the run are re-parented to us, not to init.
    unsafe { libc::prctl(libc::PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) };
    let _ = std::io::Write::flush(&mut std::io::stdout());
    // Every host's main process is forked now, while this process has one thread (the
    // broker starts after); a later host waits for its start time before it boots.
    let mut mains = Vec::new();
    for (k, (p, c)) in programs.iter().zip(compiled).enumerate() {
        // SAFETY: fork(2) while this process has one thread.
        let main = unsafe { libc::fork() };
        if main < 0 {
            kill_group();
            process::die("concsim real: fork failed");
        }
        let group = mains.first().copied().unwrap_or(0);
        if main == 0 {
            // A main Python process: the run's process group (so the whole run can be killed
            // at once; host 0's main leads it), and it dies with the supervisor.
            // SAFETY: setpgid/prctl on ourselves.
            unsafe {
                libc::setpgid(0, group);
                libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL, 0, 0, 0);
            }
            lifeline.arm_main();
            drop(broker);
            process::defer_signals();
            let wake = ctx.t0 + p.start_ns;
            while tickets::now_ns() < wake {
                std::thread::sleep(Duration::from_nanos(wake - tickets::now_ns()));
            }
            boot_main(k, p, c, opts, ctx, files_dir.join(format!("host{k}")));
        }
        // SAFETY: as above, from the parent's side (whichever runs first wins the race).
        unsafe { libc::setpgid(main, if group == 0 { main } else { group }) };
        if group == 0 {
            GROUP.store(main, Ordering::SeqCst);
        }
        mains.push(main);
    }
    install_handlers();
    if let Err(e) = broker.serve(&hosts, &mains) {
        kill_group();
        process::die(&format!("concsim real: cannot start the broker: {e}"));
    }
    // The watchdog: when the timeout runs out, or Ctrl-C/SIGTERM/SIGHUP arrive (the
    // handler already killed the run's group), it kills every process of the run — those
    // that left the group or started a session of their own too (`tree`) — so the reaper
    // below ends.
    let timed_out = Arc::new(AtomicBool::new(false));
    let reaped = Arc::new(AtomicBool::new(false));
    {
        let (timed_out, reaped) = (timed_out.clone(), reaped.clone());
        let deadline = std::time::Instant::now() + opts.timeout;
        let watchdog = std::thread::Builder::new().name("watchdog".into()).spawn(move || {
            let interrupted = || INTERRUPTED.load(Ordering::SeqCst) != 0;
            while std::time::Instant::now() < deadline && !interrupted() {
                if reaped.load(Ordering::SeqCst) {
                    return;
                }
                std::thread::sleep(deadline.saturating_duration_since(std::time::Instant::now()).min(WATCH_POLL));
            }
            if reaped.load(Ordering::SeqCst) {
                return;
            }
            if !interrupted() {
                timed_out.store(true, Ordering::SeqCst);
            }
            kill_group();
            tree::kill_all();
        });
        if let Err(e) = watchdog {
            kill_group();
            tree::kill_all();
            process::die(&format!("concsim real: cannot start the watchdog: {e}"));
        }
    }
    let (statuses, processes) = reap_all(&mains);
    reaped.store(true, Ordering::SeqCst);
    GROUP.store(0, Ordering::SeqCst);
    let timed_out = timed_out.load(Ordering::SeqCst);
    let codes: Vec<i32> = statuses
        .iter()
        .map(|&s| if libc::WIFSIGNALED(s) { 128 + libc::WTERMSIG(s) } else { libc::WEXITSTATUS(s) })
        .collect();
    let interrupted = INTERRUPTED.load(Ordering::SeqCst);
    let exit_code = if timed_out {
        EXIT_TIMEOUT
    } else if interrupted != 0 {
        // As a shell reports a command that a signal ended.
        128 + interrupted
    } else {
        codes.iter().copied().find(|&c| c != 0).unwrap_or(codes.first().copied().unwrap_or(0))
    };
    if timed_out {
        process::write_fd(
            2,
            format!(
                "concsim real: stopped: the timeout of {} s ran out; the run's processes were killed\n",
                opts.timeout.as_secs_f64()
            )
            .as_bytes(),
        );
    }
    let trace = trace_dir.as_deref().map(|dir| record::merge(dir).unwrap_or_default()).unwrap_or_default();
    let _ = std::fs::remove_dir_all(&run_dir);
    RealResult { exit_code, timed_out, trace, processes }
}

/// Waits for every process of the run (we are their subreaper) until none is left (the
/// timeout kills what would not end). Returns the main processes' wait statuses and how
/// many processes were reaped.
fn reap_all(mains: &[i32]) -> (Vec<i32>, usize) {
    let mut main_status = vec![0; mains.len()];
    let mut reaped = 0;
    loop {
        let mut status = 0;
        // SAFETY: waitpid(2) for any child (orphans of the run are ours too).
        let pid = unsafe { libc::waitpid(-1, &mut status, 0) };
        if pid < 0 {
            if std::io::Error::last_os_error().raw_os_error() == Some(libc::EINTR) {
                continue;
            }
            break;
        }
        reaped += 1;
        if let Some(k) = mains.iter().position(|&m| m == pid) {
            main_status[k] = status;
        }
    }
    (main_status, reaped)
}

fn install_handlers() {
    use nix::sys::signal::{sigaction, SaFlags, SigAction, SigHandler, SigSet, Signal};
    let action = SigAction::new(SigHandler::Handler(on_signal), SaFlags::SA_RESTART, SigSet::empty());
    for sig in [Signal::SIGINT, Signal::SIGTERM, Signal::SIGHUP] {
        // SAFETY: the handler only stores an atomic and calls killpg.
        let _ = unsafe { sigaction(sig, &action) };
    }
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        kill_group();
        tree::kill_all();
        previous(info);
    }));
}

/// The main Python process of host `k`: boots the interpreter and runs its main thread
/// (tid k + 1, as the simulator numbers the hosts' main threads); never returns.
fn boot_main(
    k: usize,
    program: &HostProgram,
    compiled: lang::CompiledModule,
    opts: &RealOptions,
    ctx: Arc<process::Ctx>,
    root: std::path::PathBuf,
) -> ! {
    let filename = program.filename.as_str();
    let shown = program.shown_path(&opts.files);
    let (mut interp, module) = crate::sim::boot_main(Rc::new(Types::new()), program, &shown, &compiled, &opts.process);
    interp.clock_log = crate::vm::ClockLog::Record { log: Vec::new(), source: process::clock_now };
    interp.ordered_ppid = true;
    interp.real_commands = true;
    interp.set_files(crate::sim::fs::Fs::Dir(root), &opts.files);
    let pid = crate::sim::kernel::MAIN_PID * (k as u32 + 1);
    let tid = k as u32 + 1;
    interp.pid = pid;
    interp.ppid = pid - 1;
    interp.signals.main_tid = tid;
    let ts = interp.start_module(compiled.code, module);
    let proc = process::RealProcess::new(interp, pid, tid, ctx);
    process::boot_events(&proc, filename, tid);
    process::Runner::main(proc, tid, ts).run();
    // The main thread leaves only through the process's exit.
    process::die("concsim real: the main thread ended without exiting")
}
