//! Several hosts on one simulated network: managers reached by host name, per-host pids,
//! link latency, refused connections and the authkey challenge, and determinism of it all.

use concsim::sim::{host_of_pid, run_hosts, HostProgram};
use concsim::{trace, trace::EventKind, RunOptions, RunResult, Stream};

const MASTER: &str = "
import queue, os
from multiprocessing.managers import BaseManager
tasks = queue.Queue()
results = queue.Queue()
class QueueManager(BaseManager):
    pass
QueueManager.register('get_tasks', callable=lambda: tasks)
QueueManager.register('get_results', callable=lambda: results)
m = QueueManager(address=('', 5000), authkey=b'abc')
m.start()
print('master pid', os.getpid(), 'server', m.address)
t = m.get_tasks()
r = m.get_results()
for n in range(5):
    t.put(n)
got = [r.get(timeout=10) for _ in range(5)]
print('results', got)
m.shutdown()
print('master exit')
";

const WORKER: &str = "
import queue, os, time
from multiprocessing.managers import BaseManager
class QueueManager(BaseManager):
    pass
QueueManager.register('get_tasks')
QueueManager.register('get_results')
m = QueueManager(address=(SERVER, 5000), authkey=KEY)
m.connect()
t = m.get_tasks()
r = m.get_results()
print('worker pid', os.getpid())
start = time.time()
n = t.get(timeout=1)
print('one round trip', time.time() - start >= 0.0004)
r.put(n * n)
for i in range(4):
    n = t.get(timeout=1)
    r.put(n * n)
print('worker exit')
";

fn host(name: &str, file: &str, source: &str, start_ns: u64) -> HostProgram {
    HostProgram { host: name.into(), filename: file.into(), source: source.into(), start_ns }
}

fn worker(server: &str, key: &str) -> String {
    WORKER.replace("SERVER", &format!("'{server}'")).replace("KEY", key)
}

/// Each host's stdout, in order.
fn stdout_of(r: &RunResult, host_index: usize) -> String {
    r.output
        .iter()
        .filter(|c| c.stream == Stream::Stdout && host_of_pid(c.pid) == host_index)
        .map(|c| c.text.as_str())
        .collect()
}

fn master_and_worker(server: &str, key: &str) -> RunResult {
    let programs =
        [host("master", "master.py", MASTER, 0), host("worker", "worker.py", &worker(server, key), 500_000_000)];
    run_hosts(&programs, &RunOptions::default())
}

#[test]
fn a_worker_on_another_host_takes_tasks_by_host_name_and_by_address() {
    for server in ["master", "10.0.0.1"] {
        let r = master_and_worker(server, "b'abc'");
        assert_eq!(r.exit_code, 0, "{}", r.stderr());
        assert_eq!(r.hosts, vec!["master".to_string(), "worker".to_string()]);
        assert_eq!(
            stdout_of(&r, 0),
            "master pid 1000 server ('0.0.0.0', 5000)\nresults [0, 1, 4, 9, 16]\nmaster exit\n",
            "{server}"
        );
        // Host 1's pids start at 2000; a message between hosts takes the LAN's latency.
        assert_eq!(stdout_of(&r, 1), "worker pid 2000\none round trip True\nworker exit\n", "{server}");
        let kinds: Vec<&EventKind> = r.trace.iter().map(|e| &e.kind).collect();
        assert!(kinds
            .iter()
            .any(|k| matches!(k, EventKind::Host { name, addr } if name == "worker" && addr == "10.0.0.2")));
        assert!(kinds.iter().any(|k| matches!(k, EventKind::Listen { port: 5000 })));
        assert!(r
            .trace
            .iter()
            .any(|e| e.pid == 2000 && matches!(&e.kind, EventKind::Connect { to, ok: true } if to == "10.0.0.1:5000")));
    }
}

#[test]
fn the_tutorials_127_0_0_1_on_another_host_is_refused() {
    let r = master_and_worker("127.0.0.1", "b'abc'");
    let stderr = r.stderr();
    assert!(stderr.contains("ConnectionRefusedError: [Errno 111] Connection refused"), "{stderr}");
    // The master waits 10 s for results nobody computes, then its get raises queue.Empty.
    assert!(stderr.contains("queue.Empty"), "{stderr}");
    assert_eq!(r.exit_code, 1);
}

#[test]
fn a_wrong_authkey_is_rejected() {
    let r = master_and_worker("master", "b'wrong'");
    let stderr = r.stderr();
    assert!(stderr.contains("multiprocessing.context.AuthenticationError: digest sent was rejected"), "{stderr}");
}

#[test]
fn a_host_that_starts_before_the_server_listens_is_refused() {
    let programs =
        [host("master", "master.py", MASTER, 0), host("worker", "worker.py", &worker("master", "b'abc'"), 0)];
    let r = run_hosts(&programs, &RunOptions::default());
    assert!(r.stderr().contains("ConnectionRefusedError"), "{}", r.stderr());
}

#[test]
fn multi_host_runs_are_deterministic() {
    let a = master_and_worker("master", "b'abc'");
    let b = master_and_worker("master", "b'abc'");
    assert_eq!(trace::to_jsonl(&a.trace), trace::to_jsonl(&b.trace));
    assert!(a.trace.windows(2).all(|w| w[0].seq < w[1].seq));
}

#[test]
fn a_server_that_serves_forever_is_stopped_by_the_time_budget() {
    let server = "
import queue
from multiprocessing.managers import BaseManager
q = queue.Queue()
class M(BaseManager):
    pass
M.register('get_q', callable=lambda: q)
M(address=('', 6000), authkey=b'k').get_server().serve_forever()
";
    let client = "
from multiprocessing.managers import BaseManager
class M(BaseManager):
    pass
M.register('get_q')
m = M(address=('server', 6000), authkey=b'k')
m.connect()
q = m.get_q()
q.put('hello')
print(q.get(), q.qsize())
";
    let programs = [host("server", "server.py", server, 0), host("client", "client.py", client, 100_000_000)];
    let opts = RunOptions { max_time_ns: 5_000_000_000, ..RunOptions::default() };
    let r = run_hosts(&programs, &opts);
    assert_eq!(stdout_of(&r, 1), "hello 0\n", "{}", r.stderr());
    assert_eq!(r.exit_code, concsim::sim::EXIT_BUDGET);
    assert!(r.stderr().contains("--max-time"), "{}", r.stderr());
    assert!(r.elapsed_ns <= 5_000_000_000 + 10_000_000, "{}", r.elapsed_ns);
}
