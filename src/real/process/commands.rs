//! A thread's `subprocess` requests in a real run: finding a program as execvp would, and
//! running the machine's real command to its end. Invariant: what the machine answered is
//! recorded as a `command` event (an input of the run, fed back when it is replayed), and a
//! thread waiting for a command has recorded its segment and released the GIL first, then
//! retries the request to take the answer (the simulator's protocol for anything that
//! waits), so the replay orders it exactly.

use super::{deliver_signals, tickets, Resume, Runner, Segment};
use crate::trace::EventKind;
use crate::vm::request::{CommandAnswer, Request};
use std::ffi::OsStr;
use std::io::{Read, Write};
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

impl Runner {
    pub(super) fn command(&mut self, r: Request, seg: Segment, mut events: Vec<(u32, u32, EventKind)>) {
        let (pid, tid) = (self.proc.pid, self.tid);
        let (argv, answer) = match r {
            Request::ExecLookup { prog } => {
                let answer = CommandAnswer::Lookup { errno: lookup(&prog) };
                (vec![prog], answer)
            }
            Request::ExecRun { argv, input, env, cwd } => match self.command_done.take() {
                Some(answer) => (argv, answer),
                None => {
                    let reason = format!("running {}", argv.join(" "));
                    events.push((pid, tid, EventKind::Block { reason }));
                    self.record(seg, tickets::next(), &mut events);
                    self.drop_gil();
                    let answer = run(&argv, input, &env, cwd);
                    self.take_gil();
                    self.command_done = Some(answer);
                    self.pending = Some(Resume::Retry);
                    return;
                }
            },
            _ => unreachable!("only subprocess requests come here"),
        };
        let value = answer.to_value();
        events.push((pid, tid, EventKind::Command { argv, answer }));
        self.record(seg, tickets::next(), &mut events);
        self.pending = Some(Resume::Value(value));
    }
}

fn is_executable(p: &Path) -> Option<bool> {
    let meta = std::fs::metadata(p).ok()?;
    Some(meta.is_file() && meta.permissions().mode() & 0o111 != 0)
}

/// None when `prog` can be executed, else the errno exec would fail with (ENOENT, EACCES).
fn lookup(prog: &str) -> Option<i64> {
    let candidates: Vec<PathBuf> = if prog.contains('/') {
        vec![PathBuf::from(prog)]
    } else if prog.is_empty() {
        Vec::new()
    } else {
        let path = std::env::var("PATH").unwrap_or_else(|_| "/usr/local/bin:/usr/bin:/bin".into());
        path.split(':').map(|d| Path::new(if d.is_empty() { "." } else { d }).join(prog)).collect()
    };
    let found: Vec<bool> = candidates.iter().filter_map(|p| is_executable(p)).collect();
    match (found.contains(&true), found.is_empty()) {
        (true, _) => None,
        (false, true) => Some(i64::from(libc::ENOENT)),
        (false, false) => Some(i64::from(libc::EACCES)),
    }
}

/// Runs `argv` to its end in the environment `env` (nothing else): `input` on its stdin
/// (none: /dev/null), its stdout and stderr read whole, as bytes. The command dies with this process (a
/// `Popen.kill()` of the Python child ends it) and gets the default signal mask back.
fn run(argv: &[String], input: Option<Vec<u8>>, env: &[(Vec<u8>, Vec<u8>)], cwd: Option<PathBuf>) -> CommandAnswer {
    let mut cmd = Command::new(&argv[0]);
    if let Some(dir) = cwd.filter(|d| d.is_dir()) {
        cmd.current_dir(dir);
    }
    cmd.args(&argv[1..])
        .env_clear()
        .envs(env.iter().map(|(k, v)| (OsStr::from_bytes(k), OsStr::from_bytes(v))))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    cmd.stdin(if input.is_some() { Stdio::piped() } else { Stdio::null() });
    // SAFETY: only async-signal-safe calls between fork and exec.
    unsafe {
        cmd.pre_exec(|| {
            libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL, 0, 0, 0);
            let mut none: libc::sigset_t = std::mem::zeroed();
            libc::sigemptyset(&mut none);
            libc::sigprocmask(libc::SIG_SETMASK, &none, std::ptr::null_mut());
            Ok(())
        });
    }
    let mut child = match cmd.spawn() {
        Ok(c) => c,
        Err(e) => {
            return CommandAnswer::Run { code: 127, out: Vec::new(), err: format!("{}: {e}\n", argv[0]).into_bytes() };
        }
    };
    // Readers and the writer on their own threads: a command that fills one pipe while we
    // wait on another must not deadlock. When the machine has no thread to give, each is
    // done here in turn instead (which only a command filling both pipes could stall).
    // (The writer, when it has its thread, is left to end by itself.)
    let stdin = child.stdin.take().zip(input);
    let _writer = off_thread(stdin, |(mut stdin, text)| {
        let _ = stdin.write_all(&text);
    });
    let out = off_thread(child.stdout.take(), read_all);
    let err = off_thread(child.stderr.take(), read_all);
    // Polled, so a deferred signal for this process (`Popen.terminate()`) lands meanwhile.
    let status = loop {
        match child.try_wait() {
            Ok(Some(s)) => break Some(s),
            Ok(None) => {
                deliver_signals();
                std::thread::sleep(Duration::from_millis(2));
            }
            Err(_) => break None,
        }
    };
    let code = match status {
        Some(s) => s.code().unwrap_or_else(|| 128 + s.signal().unwrap_or(0)),
        None => 1,
    };
    CommandAnswer::Run { code, out: out.finish().unwrap_or_default(), err: err.finish().unwrap_or_default() }
}

fn read_all(mut pipe: impl Read) -> Vec<u8> {
    let mut bytes = Vec::new();
    let _ = pipe.read_to_end(&mut bytes);
    bytes
}

/// `work` on `input`, on a thread of its own when one can be had, else done at once.
enum OffThread<T> {
    Running(std::thread::JoinHandle<Option<T>>),
    Done(Option<T>),
}

impl<T> OffThread<T> {
    /// The work's result (None: there was no input, or its thread panicked).
    fn finish(self) -> Option<T> {
        match self {
            OffThread::Running(handle) => handle.join().ok().flatten(),
            OffThread::Done(result) => result,
        }
    }
}

fn off_thread<I: Send + 'static, T: Send + 'static>(input: Option<I>, work: fn(I) -> T) -> OffThread<T> {
    let Some(input) = input else { return OffThread::Done(None) };
    // The input waits in a slot the thread takes it from: a thread that could not be made
    // leaves it there for the caller.
    let slot = Arc::new(Mutex::new(Some(input)));
    let theirs = slot.clone();
    let spawned = std::thread::Builder::new().spawn(move || {
        let input = theirs.lock().unwrap_or_else(|e| e.into_inner()).take();
        input.map(work)
    });
    match spawned {
        Ok(handle) => OffThread::Running(handle),
        Err(_) => OffThread::Done(slot.lock().unwrap_or_else(|e| e.into_inner()).take().map(work)),
    }
}
