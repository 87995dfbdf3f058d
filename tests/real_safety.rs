//! The safety of real runs and of `concsim check` against this machine (issue 19), on real
//! OS processes:
//! - the broker serves only the run's own processes: a process outside the run, of this user
//!   or another one, cannot put into a run's queue;
//! - `check`'s and `real`'s temp folders are fresh private directories: links planted at a
//!   predictable path are never followed;
//! - a supervisor killed with SIGKILL leaves no process of its run behind;
//! - `--timeout` ends commands that started a session of their own;
//! - a thread bomb gets CPython's `RuntimeError`, and the supervisor does not panic.
#![cfg(not(target_arch = "wasm32"))]

#[path = "support/procs.rs"]
mod procs;

use std::io::{Read, Write};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_concsim");

/// One test at a time: several count the processes below this test binary.
static SERIAL: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn serial() -> std::sync::MutexGuard<'static, ()> {
    SERIAL.lock().unwrap_or_else(|e| e.into_inner())
}

/// A fresh folder for one test (removed by the test).
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("concsim-safety-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write");
    path
}

/// Polls `what` every 20 ms until it gives Some, or `limit` passes.
fn wait_for<T>(limit: Duration, mut what: impl FnMut() -> Option<T>) -> Option<T> {
    let end = Instant::now() + limit;
    while Instant::now() < end {
        if let Some(t) = what() {
            return Some(t);
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    None
}

/// The abstract socket name of the broker served by supervisor `pid` (/proc/net/unix).
fn broker_name(pid: u32) -> Option<String> {
    let table = std::fs::read_to_string("/proc/net/unix").ok()?;
    let prefix = format!("@concsim-{pid}-");
    table
        .lines()
        .filter_map(|l| l.split_whitespace().last())
        .find(|n| n.starts_with(&prefix))
        .map(|n| n[1..].to_string())
}

/// A program whose child prints the first item it gets from a queue the parent fills only
/// after 2 s: anything else it prints came from outside.
const QUEUE_VICTIM: &str = "from multiprocessing import Process, Queue\nimport time\n\n\
def child(q):\n    print(q.get(), flush=True)\n\n\
if __name__ == '__main__':\n    q = Queue()\n    p = Process(target=child, args=(q,))\n    p.start()\n    \
time.sleep(2)\n    q.put('from the parent')\n    p.join()\n";

/// The request a stranger sends: a put of the string INJECTED into channel 0 (the queue).
fn injected_put() -> String {
    let item = serde_json::json!({ "Str": "INJECTED" }).to_string();
    let ask = serde_json::json!({ "Chan": { "pid": 1000, "origin": [1, 99], "op": { "Put": { "id": 0, "item": item, "block": false } } } });
    format!("{ask}\n")
}

fn start_victim(dir: &Path) -> (Child, String) {
    let prog = write(dir, "victim.py", QUEUE_VICTIM);
    let child = Command::new(BIN)
        .arg("real")
        .arg(&prog)
        .args(["--timeout", "30"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start");
    let name = wait_for(Duration::from_secs(10), || broker_name(child.id())).expect("the broker's socket");
    (child, name)
}

#[test]
fn a_process_outside_the_run_cannot_use_its_broker() {
    use std::os::linux::net::SocketAddrExt;
    let _serial = serial();
    let dir = scratch("inject");
    let (child, name) = start_victim(&dir);
    let addr = std::os::unix::net::SocketAddr::from_abstract_name(name.as_bytes()).expect("addr");
    // This test process is of the run's user but not of the run: it knows the name, not the
    // run's secret.
    let mut stream = std::os::unix::net::UnixStream::connect_addr(&addr).expect("connect");
    stream.set_read_timeout(Some(Duration::from_secs(5))).expect("timeout");
    let _ = stream.write_all(injected_put().as_bytes());
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    let out = child.wait_with_output().expect("run");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(stdout, "from the parent\n", "{}", String::from_utf8_lossy(&out.stderr));
    assert!(answer.is_empty(), "the broker answered a stranger: {}", String::from_utf8_lossy(&answer));
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn another_users_process_cannot_use_a_runs_broker() {
    let python = Path::new("/usr/bin/python3");
    // SAFETY: geteuid(2) has no preconditions.
    let root = unsafe { libc::geteuid() } == 0;
    if !root || !python.exists() || !Path::new("/usr/bin/setpriv").exists() {
        eprintln!("skipped: needs root, setpriv and /usr/bin/python3 to act as another user");
        return;
    }
    let _serial = serial();
    let dir = scratch("inject-uid");
    let (child, name) = start_victim(&dir);
    // uid 65534 (nobody) connects and sends the put (a client in Python: the other user
    // cannot run this test's binary from root's folders).
    let client = format!(
        "import socket\ns = socket.socket(socket.AF_UNIX)\ns.connect('\\0{name}')\ns.settimeout(5)\n\
         try:\n    s.sendall({:?}.encode())\n    print(len(s.recv(100)))\nexcept OSError as e:\n    print(0)\n",
        injected_put()
    );
    let stranger = Command::new("/usr/bin/setpriv")
        .args(["--reuid", "65534", "--regid", "65534", "--clear-groups"])
        .arg(python)
        .args(["-c", &client])
        .current_dir("/")
        .output()
        .expect("setpriv");
    let out = child.wait_with_output().expect("run");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "from the parent\n",
        "the stranger's put arrived (stranger said {:?})",
        String::from_utf8_lossy(&stranger.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&stranger.stdout).trim(),
        "0",
        "the broker answered another user: {}",
        String::from_utf8_lossy(&stranger.stderr)
    );
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn check_never_follows_links_planted_in_the_temp_dir() {
    let _serial = serial();
    let dir = scratch("links");
    let tmp = dir.join("tmp");
    let victim = dir.join("victim");
    std::fs::create_dir_all(&tmp).expect("tmp");
    std::fs::create_dir_all(&victim).expect("victim");
    let precious = write(&dir, "precious.txt", "precious\n");
    // The file a planted link at the first run's trace path points to.
    std::os::unix::fs::symlink(&precious, victim.join("run-0.jsonl")).expect("link");
    let prog = write(&dir, "hello.py", "print('hello')\n");
    let (tmp_c, victim_c) = (tmp.clone(), victim.clone());
    let mut cmd = Command::new(BIN);
    cmd.arg("check").arg(&prog).args(["--runs", "1"]).env("TMPDIR", &tmp);
    // SAFETY: the hook runs in the forked child before exec; it plants, at the path that
    // child's pid names, the link an attacker would plant for it.
    unsafe {
        cmd.pre_exec(move || {
            let planted = tmp_c.join(format!("concsim-check-{}", std::process::id()));
            std::os::unix::fs::symlink(&victim_c, planted)
        });
    }
    let out = cmd.output().expect("check");
    assert_eq!(std::fs::read_to_string(&precious).expect("precious"), "precious\n", "check wrote through a link");
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));
    assert!(String::from_utf8_lossy(&out.stdout).contains("conform: 1/1"));
    // Nothing of check's own is left in the temp dir (only the planted link).
    let left: Vec<String> =
        std::fs::read_dir(&tmp).expect("tmp").flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect();
    assert!(left.iter().all(|n| n.starts_with("concsim-check-") && tmp.join(n).is_symlink()), "{left:?}");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn private_dirs_are_fresh_and_only_ours() {
    use std::os::unix::fs::PermissionsExt;
    let a = concsim::real::private_dir("concsim-safety").expect("a");
    let b = concsim::real::private_dir("concsim-safety").expect("b");
    assert_ne!(a, b);
    for d in [&a, &b] {
        let meta = std::fs::symlink_metadata(d).expect("meta");
        assert!(meta.is_dir() && !meta.file_type().is_symlink());
        assert_eq!(meta.permissions().mode() & 0o777, 0o700);
        std::fs::remove_dir(d).expect("empty");
    }
}

#[test]
fn a_killed_supervisor_leaves_no_process_of_its_run() {
    let _serial = serial();
    let dir = scratch("orphans");
    let prog = write(
        &dir,
        "spin.py",
        "from multiprocessing import Process\n\ndef spin():\n    while True:\n        pass\n\n\
         if __name__ == '__main__':\n    ps = [Process(target=spin) for _ in range(2)]\n    for p in ps:\n        \
         p.start()\n    for p in ps:\n        p.join()\n",
    );
    let mut sup = Command::new(BIN).arg("real").arg(&prog).args(["--timeout", "60"]).spawn().expect("start");
    // The main process and its two spinning children.
    let run = wait_for(Duration::from_secs(10), || {
        let d = procs::descendants_of(sup.id());
        (d.len() >= 3).then_some(d)
    })
    .expect("the run's three processes");
    std::thread::sleep(Duration::from_millis(300));
    let _ = sup.kill();
    let _ = sup.wait();
    let gone = wait_for(Duration::from_secs(2), || run.iter().all(|&p| !procs::alive(p)).then_some(()));
    let left: Vec<u32> = run.iter().copied().filter(|&p| procs::alive(p)).collect();
    for &p in &left {
        // SAFETY: kill(2) of what the test itself leaked.
        unsafe { libc::kill(p as i32, libc::SIGKILL) };
    }
    assert!(gone.is_some(), "{} of the run's {} processes outlived its supervisor: {left:?}", left.len(), run.len());
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn the_timeout_ends_commands_that_left_the_session() {
    let _serial = serial();
    if Command::new("setsid").arg("--help").output().is_err() {
        eprintln!("skipped: no setsid(1)");
        return;
    }
    let dir = scratch("setsid");
    // `setsid -f` forks the sleep into a session of its own and returns at once (the sleep's
    // output away from the command's pipes, which a real run reads to their end).
    let prog = write(
        &dir,
        "detach.py",
        "import subprocess\nsubprocess.run(['setsid', '-f', 'sh', '-c', 'exec sleep 27.5 </dev/null >/dev/null 2>&1'])\n\
         print('started')\n",
    );
    let me = std::process::id();
    let before = procs::descendants_of(me).len();
    let t0 = Instant::now();
    let out = Command::new(BIN).arg("real").arg(&prog).args(["--timeout", "2"]).output().expect("run");
    let took = t0.elapsed();
    let stray = procs::processes().into_iter().find(|&(pid, _, state)| {
        state != 'Z' && std::fs::read(format!("/proc/{pid}/cmdline")).is_ok_and(|c| c == b"sleep\x0027.5\x00")
    });
    if let Some((pid, _, _)) = stray {
        // SAFETY: kill(2) of the sleep the run leaked.
        unsafe { libc::kill(pid as i32, libc::SIGKILL) };
    }
    assert_eq!(String::from_utf8_lossy(&out.stdout), "started\n");
    assert_eq!(out.status.code(), Some(124), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains("the timeout of 2 s ran out"));
    assert!(took < Duration::from_secs(6), "a 2 s timeout took {took:?}");
    assert!(stray.is_none(), "the detached command outlived the run");
    assert_eq!(procs::descendants_of(me).len(), before);
    let _ = std::fs::remove_dir_all(dir);
}

/// Runs `program` for real as uid 65534 with at most `nproc` processes and threads for that
/// user (root is exempt from the limit); None where the machine does not allow it.
fn run_limited(dir: &Path, program: &str, nproc: u32) -> Option<std::process::Output> {
    // SAFETY: geteuid(2) has no preconditions.
    let root = unsafe { libc::geteuid() } == 0;
    if !root || !Path::new("/usr/bin/setpriv").exists() || !Path::new("/usr/bin/prlimit").exists() {
        eprintln!("skipped: needs root, setpriv and prlimit to run under another user's limit");
        return None;
    }
    use std::os::unix::fs::PermissionsExt;
    let _ = std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o755));
    let prog = write(dir, "bomb.py", program);
    let out = Command::new("/usr/bin/setpriv")
        .args(["--reuid", "65534", "--regid", "65534", "--clear-groups", "/usr/bin/prlimit"])
        .arg(format!("--nproc={nproc}"))
        .arg(BIN)
        .arg("real")
        .arg(&prog)
        .args(["--timeout", "30"])
        .current_dir("/")
        .env("TMPDIR", "/tmp")
        .output()
        .expect("setpriv");
    Some(out)
}

#[test]
fn a_thread_bomb_gets_runtime_error() {
    let _serial = serial();
    let dir = scratch("thread-bomb");
    let program = "import threading, time\nts = []\ntry:\n    while True:\n        \
                   t = threading.Thread(target=time.sleep, args=(30,), daemon=True)\n        t.start()\n        \
                   ts.append(t)\nexcept RuntimeError as e:\n    print('RuntimeError:', e, len(ts) > 10)\n";
    let Some(out) = run_limited(&dir, program, 400) else { return };
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(String::from_utf8_lossy(&out.stdout), "RuntimeError: can't start new thread True\n", "{stderr}");
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_fork_bomb_gets_blocking_io_error_and_the_supervisor_holds() {
    let _serial = serial();
    let dir = scratch("fork-bomb");
    let program = "import os, time\nn = 0\ntry:\n    while True:\n        if os.fork() == 0:\n            \
                   time.sleep(1)\n            os._exit(0)\n        n += 1\nexcept BlockingIOError as e:\n    \
                   print('BlockingIOError:', e, n > 10)\n";
    for _ in 0..3 {
        let Some(out) = run_limited(&dir, program, 200) else { return };
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{stderr}");
        assert_eq!(
            String::from_utf8_lossy(&out.stdout),
            "BlockingIOError: [Errno 11] Resource temporarily unavailable True\n",
            "{stderr}"
        );
        assert_eq!(out.status.code(), Some(0), "{stderr}");
    }
    let _ = std::fs::remove_dir_all(dir);
}
