//! `sim::compare`: one program run three ways — threads under the GIL, threads without it,
//! processes — over several seeds (issue 18's comparison of free-threading).

use concsim::sim::compare::{as_processes, compare, Way};
use concsim::RunOptions;

const RACE: &str = "import threading
x = 0
items = []
def work():
    global x
    for i in range(3000):
        x += 1
        items.append(i)
ts = [threading.Thread(target=work) for _ in range(2)]
for t in ts: t.start()
for t in ts: t.join()
print(x, len(items))
";

const BURN: &str = "import threading
def burn():
    s = 0
    for i in range(50000):
        s += i
ts = [threading.Thread(target=burn) for _ in range(4)]
for t in ts: t.start()
for t in ts: t.join()
print('done')
";

#[test]
fn the_gil_guards_the_increment_and_processes_each_count_their_own() {
    let c = compare("race.py", RACE, &RunOptions::default(), 5);
    let gil = c.way(Way::ThreadsGil).unwrap();
    assert_eq!(gil.outcomes.len(), 1);
    assert_eq!(gil.outcomes[0].stdout, "6000 6000\n");
    assert_eq!(gil.outcomes[0].runs, 5);
    // Without the GIL every seed loses some updates of x, never an append.
    let free = c.new_outcomes(Way::ThreadsNoGil);
    assert_eq!(free.iter().map(|o| o.runs).sum::<u32>(), 5, "{:?}", c.way(Way::ThreadsNoGil));
    for o in &free {
        let n: Vec<u32> = o.stdout.split_whitespace().map(|v| v.parse().unwrap()).collect();
        assert!(n[0] < 6000 && n[1] == 6000, "{}", o.stdout);
    }
    // Each process works on its own copy of the globals: the parent's stay 0.
    let procs = c.way(Way::Processes).unwrap();
    assert_eq!(procs.outcomes.iter().map(|o| o.stdout.as_str()).collect::<Vec<_>>(), ["0 0\n"]);
}

#[test]
fn without_the_gil_and_with_processes_cpu_bound_work_uses_the_cores() {
    let c = compare("burn.py", BURN, &RunOptions { cores: 4, ..RunOptions::default() }, 2);
    assert!(c.speedup(Way::ThreadsNoGil).unwrap() > 3.0, "{:?}", c.speedup(Way::ThreadsNoGil));
    assert!(c.speedup(Way::Processes).unwrap() > 3.0, "{:?}", c.speedup(Way::Processes));
    for w in &c.ways {
        assert_eq!(w.outcomes.len(), 1);
        assert_eq!((w.outcomes[0].stdout.as_str(), w.outcomes[0].exit_code), ("done\n", 0), "{:?}", w.way);
    }
}

#[test]
fn threads_become_processes_keeping_line_numbers() {
    assert_eq!(as_processes("print(1)\n"), None);
    let p = as_processes(RACE).unwrap();
    assert_eq!(p.lines().count(), RACE.lines().count());
    assert!(p.starts_with("import threading, multiprocessing\n"));
    assert!(p.contains("multiprocessing.Process(target=work)"));
    let from = as_processes("from threading import Thread\nt = Thread(target=print)\nt.start()\n").unwrap();
    assert_eq!(from, "from multiprocessing import Process as Thread\nt = Thread(target=print)\nt.start()\n");
}
