//! The views of the machine, each redrawn from the view model: cores and GILs, the process
//! tree, threads (with why they wait, the kernel's English reasons translated by `zh`; in
//! manual mode every thread the machine lets the learner pick has a "Run Tn next" button),
//! memory per process, queues and pipes, locks, a glossary of the jargon, and the console
//! (which follows new output unless the learner scrolled up). Invariant: pure functions of
//! the model, one card each, and a card never appears or vanishes while stepping (an empty
//! one says "none yet"), so the layout does not jump; the only action is `Choose`.

use super::state::{Action, Lang, Model};
use super::{fmt_ns, proc_class, thread_class, zh};
use crate::sim::host_of_pid;
use crate::sim::view::{ProcView, ThreadStatus, ThreadView, View};
use crate::sim::Stream;
use std::cell::Cell;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub model: Rc<Model>,
    pub on: Callback<Action>,
}

#[derive(Properties, PartialEq)]
pub struct ConsoleProps {
    pub model: Rc<Model>,
}

fn thread_name(v: &View, tid: u32) -> String {
    v.threads.iter().find(|t| t.tid == tid).map(|t| format!("T{tid} {}", t.name)).unwrap_or_else(|| format!("T{tid}"))
}

pub(super) fn thread_chip(v: &View, tid: u32) -> Html {
    html! { <span class={classes!("chip", thread_class(tid))}>{ thread_name(v, tid) }</span> }
}

/// "GIL" with its meaning as a tooltip.
fn gil(l: Lang) -> Html {
    html! {
        <abbr title={l.t(
            "Global Interpreter Lock: in CPython only the thread holding its process's GIL runs Python code, so the threads of one process take turns even on several cores",
            "全局解释器锁（GIL）：CPython 中只有持有本进程 GIL 的线程能执行 Python 代码，所以同一进程的线程即使有多个核也只能轮流运行",
        )}>{ "GIL" }</abbr>
    }
}

pub(super) fn state_text(l: Lang, t: &ThreadView) -> (String, &'static str) {
    match &t.state {
        ThreadStatus::Running => (l.t("running", "运行中").into(), "running"),
        ThreadStatus::Ready => (l.t("ready", "就绪").into(), "ready"),
        ThreadStatus::Blocked { .. } => (l.t("blocked", "阻塞").into(), "blocked"),
        ThreadStatus::Sleeping { .. } => (l.t("sleeping", "睡眠").into(), "sleeping"),
        ThreadStatus::Exiting { .. } => (l.t("exiting", "正在退出").into(), "exiting"),
        ThreadStatus::Finished => (l.t("finished", "已结束").into(), "finished"),
    }
}

/// Why a blocked thread waits, in the page's language.
pub fn reason_text(l: Lang, reason: &str) -> String {
    match l {
        Lang::En => reason.to_string(),
        Lang::Zh => zh::wait_reason(reason),
    }
}

fn state_detail(l: Lang, t: &ThreadView) -> String {
    let at = match t.line {
        Some(n) => format!("{} {n}", l.t("at line", "位于第")) + l.t("", " 行"),
        None => String::new(),
    };
    let why = match &t.state {
        // A lock the thread holds itself is a waiter lock (Condition, Event, Semaphore...):
        // only another thread's notify releases it.
        ThreadStatus::Blocked { reason, until_ns, holder: Some(h) } if *h == t.tid => {
            let lock = reason.split(" held by ").next().unwrap_or(reason);
            let mut s = format!(
                "{} {lock}",
                l.t("waits for a notify from another thread on its waiter", "等待另一个线程的 notify，所在等待锁为")
            );
            if let Some(u) = until_ns {
                s += &format!(" ({} {})", l.t("at most until", "最长到"), fmt_ns(*u));
            }
            s
        }
        ThreadStatus::Blocked { reason, until_ns, .. } => {
            let mut s = format!("{} {}", l.t("waits for", "等待"), reason_text(l, reason));
            if let Some(u) = until_ns {
                s += &format!(" ({} {})", l.t("at most until", "最长到"), fmt_ns(*u));
            }
            s
        }
        ThreadStatus::Sleeping { until_ns } => format!("{} {}", l.t("until", "直到"), fmt_ns(*until_ns)),
        ThreadStatus::Exiting { until_ns } => {
            format!("{} {}", l.t("the interpreter shuts down until", "解释器关闭中，直到"), fmt_ns(*until_ns))
        }
        _ => String::new(),
    };
    [why, at].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" · ")
}

/// A muted "none yet" line for an empty card.
pub(super) fn none_yet(l: Lang) -> Html {
    html! { <p class="muted none-yet">{ l.t("none yet", "暂无") }</p> }
}

/// The cards of the machine, in the right-hand column (on a phone each takes its place in
/// the single column, see style.css).
#[component]
pub fn Panels(p: &Props) -> Html {
    let m = &p.model;
    html! {
        <>
            { threads(m, &p.on) }
            <super::frames::FramesView model={p.model.clone()} />
            { super::event_loop::event_loops(m, &p.on) }
            { machine(m) }
            { processes(m) }
            { pools(m) }
            { super::services::executors(m) }
            { super::services::managers(m) }
            { memory(m) }
            { channels(m) }
            { locks(m) }
            { super::services::signals(m) }
            { super::services::files(m) }
            { glossary(m.lang) }
        </>
    }
}

fn machine(m: &Model) -> Html {
    let l = m.lang;
    let v = &m.view;
    let programs = m.programs();
    let hosts = programs.len().max(1);
    let per_host = m.opts.cores.max(1) as usize;
    let free_title = l.t(
        "Each core has its own clock: the virtual time at which it finishes the slice it ran last and can take the next thread. Cores run in parallel, each at its own time.",
        "每个核都有自己的时钟：它跑完上一个时间片、可以接下一个线程的虚拟时刻。各个核并行运行，各有各的时间。",
    );
    let core = |c: &crate::sim::view::CoreView| {
        let who = match c.last_tid {
            Some(t) => thread_chip(v, t),
            None => html! { <span class="muted">{ l.t("idle so far", "尚未使用") }</span> },
        };
        let local = c.index as usize % per_host;
        html! {
            <div class="core">
                <div class="core-name">{ format!("CPU {local}") }</div>
                <div class="core-who"><span class="muted">{ l.t("last ran ", "最近运行 ") }</span>{ who }</div>
                <div class="core-clock muted" title={free_title}>{ l.t("free at ", "空闲于 ") }{ fmt_ns(c.clock_ns) }</div>
            </div>
        }
    };
    let groups = (0..hosts).map(|h| {
        let cores = v.cores.iter().filter(|c| c.index as usize / per_host == h).map(core);
        let head = (hosts > 1).then(|| {
            let name = programs.get(h).map(|p| p.host.clone()).unwrap_or_default();
            html! { <div class="core-host">{ format!("{} {name}", l.t("host", "主机")) }</div> }
        });
        html! { <>{ head.unwrap_or_default() }<div class="cores">{ for cores }</div></> }
    });
    let gils = v.processes.iter().filter(|p| p.exit_code.is_none()).map(|p| {
        html! {
            <li>
                <span class={classes!("pid", proc_class(p.pid))}>{ format!("pid {}", p.pid) }</span>
                { l.t(" ", " 的 ") }{ gil(l) }{ l.t(": ", "：") }
                { match p.gil { Some(t) => thread_chip(v, t), None => html! { <span class="muted">{ l.t("free", "空闲") }</span> } } }
            </li>
        }
    });
    let count = if hosts > 1 {
        format!("{hosts} {} × {per_host} {}", l.t("hosts", "台主机"), l.t("cores each", "个核"))
    } else {
        format!("{per_host} {}", l.t("cores", "个核"))
    };
    let nothing = v.cores.is_empty().then(|| {
        html! { <p class="muted none-yet">{ l.t("Nothing runs: the program does not compile.", "没有任何运行：程序无法编译。") }</p> }
    });
    html! {
        <section class="card machine-card" aria-label={l.t("Machine", "机器")}>
            <h2>{ l.t("Machine", "机器") }<span class="sub">{ count }</span></h2>
            { for groups }
            { nothing.unwrap_or_default() }
            <ul class="gils">{ for gils }</ul>
        </section>
    }
}

fn proc_node(m: &Model, p: &ProcView) -> Html {
    let l = m.lang;
    let v = &m.view;
    let children = v.processes.iter().filter(|c| c.parent == p.pid && c.pid != p.pid);
    let state = match p.exit_code {
        None => html! { <span class="badge running">{ l.t("alive", "运行中") }</span> },
        Some(c) => html! { <span class="badge finished">{ format!("{} {c}", l.t("exited", "已退出")) }</span> },
    };
    let threads = v.threads.iter().filter(|t| t.pid == p.pid && t.state != ThreadStatus::Finished).count();
    let adopted = (p.ppid != p.parent).then(|| {
        html! { <span class="muted">{ format!(" · {} {}", l.t("parent now", "现在的父进程"), p.ppid) }</span> }
    });
    html! {
        <li>
            <span class={classes!("pid", proc_class(p.pid))}>{ format!("pid {}", p.pid) }</span>
            { " " }<span class="pname">{ &p.name }</span>{ " " }{ state }
            <span class="muted">{ format!(" · {} {threads}", l.t("live threads", "活动线程")) }</span>
            { adopted.unwrap_or_default() }
            <ul>{ for children.map(|c| proc_node(m, c)) }</ul>
        </li>
    }
}

fn processes(m: &Model) -> Html {
    let l = m.lang;
    let v = &m.view;
    let roots = v.processes.iter().filter(|p| !v.processes.iter().any(|q| q.pid == p.parent));
    html! {
        <section class="card procs-card" aria-label={l.t("Processes", "进程")}>
            <h2>{ l.t("Processes", "进程") }<span class="sub">{ l.t("a fork is a branch", "fork 产生一个分支") }</span></h2>
            { if v.processes.is_empty() { none_yet(l) } else { Html::default() } }
            <ul class="tree">{ for roots.map(|p| proc_node(m, p)) }</ul>
        </section>
    }
}

fn threads(m: &Model, on: &Callback<Action>) -> Html {
    let l = m.lang;
    let v = &m.view;
    let frozen = m.frozen();
    let live: Vec<u32> = m.live_threads().collect();
    let solo_of = |tid: u32| live.len() > 1 && live.iter().all(|t| (*t == tid) != frozen.contains(t));
    let rows = v.threads.iter().map(|t| {
        let (label, class) = state_text(l, t);
        let is_frozen = frozen.contains(&t.tid);
        // Freeze and solo: the learner holds threads back to force an interleaving (the
        // scheduler runs a frozen thread only when no other can, so this never deadlocks).
        let hold = (t.state != ThreadStatus::Finished && live.len() > 1).then(|| {
            let tid = t.tid;
            let freeze = { let on = on.clone(); move |_| on.emit(Action::Freeze(tid)) };
            let solo = { let on = on.clone(); move |_| on.emit(Action::Solo(tid)) };
            let soloed = solo_of(tid);
            let freeze_text = if is_frozen { l.t("thaw", "解冻") } else { l.t("freeze", "冻结") };
            let solo_text = if soloed { l.t("end solo", "结束独奏") } else { l.t("solo", "独奏") };
            html! {
                <span class="hold">
                    <button class="ghost small" aria-pressed={is_frozen.to_string()} onclick={freeze} aria-label={format!("{freeze_text} T{tid}")}
                        title={l.t("Frozen: the scheduler runs this thread only when no other thread can", "冻结：只有在其他线程都不能运行时，调度器才运行这个线程")}>
                        <span aria-hidden="true">{ "❄ " }</span>{ freeze_text }
                    </button>
                    <button class="ghost small" aria-pressed={soloed.to_string()} onclick={solo} aria-label={format!("{solo_text} T{tid}")}
                        title={l.t("Solo: freeze every other thread, so this one runs alone while it can", "独奏：冻结其他所有线程，让这个线程尽可能单独运行")}>
                        { solo_text }
                    </button>
                </span>
            }
        });
        let pick = (m.manual && m.runnable.contains(&t.tid)).then(|| {
            let on = on.clone();
            let tid = t.tid;
            // The visible text names the thread, so what a screen reader announces is what
            // the learner sees.
            html! {
                <button class="pick" onclick={move |_| on.emit(Action::Choose(tid))}>
                    <span aria-hidden="true">{ "▶ " }</span>{ format!("{} T{tid} {}", l.t("Run", "运行"), l.t("next", "下一个")) }
                </button>
            }
        });
        let holder = match &t.state {
            ThreadStatus::Blocked { holder: Some(h), .. } if *h == t.tid => html! {
                <span class="held" title={l.t(
                    "A Condition, Event, Semaphore or Barrier waits on a lock of its own that only another thread's notify releases: the thread holds that waiter lock while it waits.",
                    "Condition、Event、Semaphore 或 Barrier 在自己的一把“等待锁”上等待，只有别的线程 notify 才会释放它：线程等待时持有这把等待锁。",
                )}>{ l.t("(a lock of its own: why?)", "（它自己持有的锁：为什么？）") }</span>
            },
            ThreadStatus::Blocked { holder: Some(h), .. } => {
                html! { <span class="held">{ l.t("held by ", "持有者 ") }{ thread_chip(v, *h) }</span> }
            }
            _ => html! {},
        };
        let locals = t
            .locals
            .iter()
            .map(|x| html! { <div class="var"><code>{ format!("{} = {}", x.name, x.repr) }</code></div> });
        html! {
            <tr class={classes!(class, (t.state == ThreadStatus::Finished).then_some("dim"))}>
                <td class="c-thread">{ thread_chip(v, t.tid) }</td>
                <td class="c-pid"><span class={classes!("pid", proc_class(t.pid))}>{ t.pid }</span></td>
                <td class="c-state"><span class={classes!("badge", class)}>{ label }</span>{ if is_frozen { html! { <span class="frozen-mark" title={l.t("frozen", "已冻结")}>{ "❄" }</span> } } else { Html::default() } }{ pick.unwrap_or_default() }{ hold.unwrap_or_default() }</td>
                <td class="detail">{ state_detail(l, t) }{ holder }{ for locals }</td>
            </tr>
        }
    });
    let frozen_hint = (!frozen.is_empty()).then(|| {
        html! { <p class="hint">{ l.t("❄ Frozen threads wait while any other thread can run: a way to force the interleaving you want to watch.", "❄ 被冻结的线程会一直等到没有别的线程能运行：用它来强制出你想观察的交错。") }</p> }
    });
    let hint = m.manual.then(|| {
        html! { <p class="hint">{ l.t("Manual mode: press “Run Tn next” on a ready thread to give it the next slice.", "手动模式：在就绪线程上按“运行 Tn 下一个”，让它运行下一个时间片。") }</p> }
    });
    html! {
        <section class="card threads-card" aria-label={l.t("Threads", "线程")}>
            <h2>{ l.t("Threads", "线程") }</h2>
            { hint.unwrap_or_default() }
            { frozen_hint.unwrap_or_default() }
            { if v.threads.is_empty() { none_yet(l) } else { Html::default() } }
            <table class="threads stack">
                <thead><tr>
                    <th>{ l.t("thread", "线程") }</th><th>{ "pid" }</th><th>{ l.t("state", "状态") }</th><th>{ l.t("why / where", "原因 / 位置") }</th>
                </tr></thead>
                <tbody>{ for rows }</tbody>
            </table>
        </section>
    }
}

/// Whether the programs use `multiprocessing.Pool`: then the pool card is there from the
/// first step (empty until the pool exists), so it does not appear in the middle of a run.
/// (`ThreadPoolExecutor`/`ProcessPoolExecutor` have the executors card instead.)
fn uses_pool(m: &Model) -> bool {
    m.programs().iter().any(|p| p.source.replace("PoolExecutor", "").contains("Pool"))
}

/// Each `multiprocessing.Pool`: its worker processes and what each runs, the tasks not yet
/// handed out, the tasks in the workers' queue and the results on their way back.
fn pools(m: &Model) -> Html {
    let l = m.lang;
    let v = &m.view;
    if v.pools.is_empty() {
        return match uses_pool(m) {
            true => html! {
                <section class="card pool" aria-label={l.t("Pool", "进程池")}>
                    <h2>{ l.t("Pool", "进程池") }</h2>
                    { none_yet(l) }
                </section>
            },
            false => html! {},
        };
    }
    let items = |id: Option<u32>| -> (String, Vec<String>) {
        let c = id.and_then(|id| v.channels.iter().find(|c| c.id == id));
        (id.map(|i| format!("queue#{i}")).unwrap_or_default(), c.map(|c| c.items.clone()).unwrap_or_default())
    };
    let list = |label: &str, name: String, xs: &[String]| {
        let chips = xs.iter().map(|x| html! { <span class="item"><code>{ x }</code></span> });
        let empty = xs.is_empty().then(|| html! { <span class="muted">{ l.t("none", "无") }</span> });
        html! {
            <div class="pool-row">
                <div class="pool-label">{ label.to_string() }<span class="muted">{ format!(" {name}") }</span></div>
                <div class="items">{ for chips }{ for empty }</div>
            </div>
        }
    };
    let state_name = |s: &str| match (l, s) {
        (Lang::Zh, "RUN") => "运行中（RUN）".to_string(),
        (Lang::Zh, "CLOSE") => "已关闭（CLOSE）".to_string(),
        (Lang::Zh, "TERMINATE") => "已终止（TERMINATE）".to_string(),
        _ => s.to_string(),
    };
    v.pools
        .iter()
        .map(|p| {
            let workers = p.workers.iter().map(|w| {
                let proc_ = w.pid.and_then(|pid| v.processes.iter().find(|q| q.pid == pid));
                let thread = w.pid.and_then(|pid| v.threads.iter().find(|t| t.pid == pid));
                let (label, class) = match (proc_.and_then(|q| q.exit_code), thread) {
                    (Some(_), _) | (None, None) => (l.t("exited", "已退出").to_string(), "finished"),
                    (None, Some(t)) if w.task.is_none() && matches!(t.state, ThreadStatus::Blocked { .. }) => {
                        (l.t("idle, waits for a task", "空闲，等待任务").to_string(), "blocked")
                    }
                    (None, Some(t)) => state_text(l, t),
                };
                html! {
                    <tr>
                        <td class="c-pid">{ for w.pid.map(|pid| html! { <span class={classes!("pid", proc_class(pid))}>{ pid }</span> }) }</td>
                        <td class="c-thread"><code>{ &w.name }</code></td>
                        <td class="c-state"><span class={classes!("badge", class)}>{ label }</span></td>
                        <td class="detail">{ match &w.task { Some(t) => html! { <code>{ t }</code> }, None => html! { <span class="muted">{ "—" }</span> } } }</td>
                    </tr>
                }
            });
            let (in_name, in_items) = items(p.inqueue);
            let (out_name, out_items) = items(p.outqueue);
            html! {
                <section class="card pool" aria-label={l.t("Pool", "进程池")}>
                    <h2>{ l.t("Pool", "进程池") }
                        <span class="sub">
                            <span class={classes!("pid", proc_class(p.pid))}>{ format!("pid {}", p.pid) }</span>
                            { format!("Pool({}) · {} · {} {}", p.size, state_name(&p.state), p.pending_jobs, l.t("jobs waiting for results", "个作业等待结果")) }
                        </span>
                    </h2>
                    <table class="threads stack">
                        <thead><tr>
                            <th>{ "pid" }</th><th>{ l.t("worker", "工作进程") }</th><th>{ l.t("state", "状态") }</th><th>{ l.t("running task", "正在执行的任务") }</th>
                        </tr></thead>
                        <tbody>{ for workers }</tbody>
                    </table>
                    { list(l.t("Not handed out yet", "尚未分发"), l.t("(task handler)", "（任务分发线程）").into(), &p.waiting) }
                    { list(l.t("Queued for the workers", "排队等待工作进程"), in_name, &in_items) }
                    { list(l.t("Results on their way back", "返回途中的结果"), out_name, &out_items) }
                </section>
            }
        })
        .collect()
}

fn memory(m: &Model) -> Html {
    let l = m.lang;
    let v = &m.view;
    let cards = v.processes.iter().map(|p| {
        let parent = v.processes.iter().find(|q| q.pid == p.parent);
        let vars = p.globals.iter().map(|x| {
            let differs = parent.and_then(|q| q.globals.iter().find(|y| y.name == x.name)).is_some_and(|y| y.repr != x.repr);
            let title = differs.then(|| l.t("differs from the parent's copy", "与父进程的副本不同"));
            html! {
                <tr class={classes!(differs.then_some("diff"))} {title}>
                    <td class="name"><code>{ &x.name }</code></td><td><code>{ &x.repr }</code></td>
                </tr>
            }
        });
        let empty = p.globals.is_empty().then(|| html! { <tr><td class="muted">{ l.t("(no data globals)", "（没有数据类全局变量）") }</td></tr> });
        html! {
            <div class={classes!("mem", proc_class(p.pid))}>
                <div class="mem-head"><span class={classes!("pid", proc_class(p.pid))}>{ format!("pid {}", p.pid) }</span></div>
                <table>{ for vars }{ for empty }</table>
            </div>
        }
    });
    html! {
        <section class="card memory-card" aria-label={l.t("Memory", "内存")}>
            <h2>{ l.t("Memory", "内存") }<span class="sub">{ l.t("globals of each process", "每个进程的全局变量") }</span></h2>
            { if v.processes.is_empty() { none_yet(l) } else { Html::default() } }
            <div class="mems">{ for cards }</div>
        </section>
    }
}

fn channels(m: &Model) -> Html {
    let l = m.lang;
    let v = &m.view;
    let rows = v.channels.iter().map(|c| {
        let items = c.items.iter().map(|i| html! { <span class="item"><code>{ i }</code></span> });
        let empty = c.items.is_empty().then(|| html! { <span class="muted">{ l.t("empty", "空") }</span> });
        let kind = match (l, c.kind.as_str()) {
            (Lang::Zh, "pipe") => "管道 ",
            (Lang::Zh, _) => "队列 ",
            _ => "",
        };
        html! {
            <div class="chan">
                <div class="chan-head">
                    <b title={l.t("the kernel's name for it: its kind and its number, in creation order", "内核对它的称呼：种类加创建顺序编号")}>{ format!("{kind}{}#{}", c.kind, c.id) }</b>
                    <span class="muted">{ format!(" · {} {:?}", l.t("writers", "写端进程"), c.writers) }</span>
                    { if c.maxsize > 0 && c.maxsize < i32::MAX as usize { html! { <span class="muted">{ format!(" · {} {}", l.t("maxsize", "容量上限"), c.maxsize) }</span> } } else { Html::default() } }
                </div>
                <div class="items">{ for items }{ for empty }</div>
            </div>
        }
    });
    html! {
        <section class="card chans-card" aria-label={l.t("Queues and pipes", "队列与管道")}>
            <h2>{ l.t("Queues and pipes", "队列与管道") }</h2>
            { if v.channels.is_empty() { none_yet(l) } else { Html::default() } }
            <div class="chans">{ for rows }</div>
        </section>
    }
}

fn locks(m: &Model) -> Html {
    let l = m.lang;
    let v = &m.view;
    let rows = v.locks.iter().map(|k| {
        let name = k.name.clone().unwrap_or_else(|| format!("lock#{}", k.serial));
        let title = format!(
            "{} lock#{} {} pid {}",
            l.t("the kernel's name:", "内核的名称："),
            k.serial,
            l.t("= the lock created as number", "= 创建顺序编号，所在进程"),
            k.pid
        );
        let owner = match k.owner {
            Some(t) => html! { <>{ l.t("held by ", "持有者 ") }{ thread_chip(v, t) }</> },
            None => html! { <span class="muted">{ l.t("free", "空闲") }</span> },
        };
        let waiters = k.waiters.iter().map(|t| thread_chip(v, *t));
        html! {
            <tr>
                <td class="c-thread"><code {title}>{ name }</code><span class="muted">{ format!(" pid {}", k.pid) }</span></td>
                <td class="c-state">{ owner }</td>
                <td class="detail">{ for waiters }</td>
            </tr>
        }
    });
    html! {
        <section class="card locks-card" aria-label={l.t("Locks", "锁")}>
            <h2>{ l.t("Locks", "锁") }</h2>
            { if v.locks.is_empty() { none_yet(l) } else { Html::default() } }
            <table class="locks stack">
                <thead><tr><th>{ l.t("lock", "锁") }</th><th>{ l.t("owner", "持有者") }</th><th>{ l.t("waiting", "等待者") }</th></tr></thead>
                <tbody>{ for rows }</tbody>
            </table>
        </section>
    }
}

/// The words the page uses that a beginner may not know.
fn glossary(l: Lang) -> Html {
    let terms: [(&str, &str); 8] = [
        (l.t("step / decision", "步 / 决定"), l.t("One choice of the scheduler: which ready thread runs next, on which core, and for how many instructions (a slice).", "调度器的一次选择：下一个由哪个就绪线程、在哪个核上运行多少条指令（一个时间片）。")),
        ("GIL", l.t("Global Interpreter Lock: only the thread holding its process's GIL runs Python code; threads of one process take turns, processes run in parallel.", "全局解释器锁：只有持有本进程 GIL 的线程能执行 Python 代码；同一进程的线程轮流运行，不同进程可以并行。")),
        (l.t("free at 85.025 ms", "空闲于 85.025 ms"), l.t("A core's own clock: the virtual time at which it can take the next thread.", "某个核自己的时钟：它可以接下一个线程的虚拟时刻。")),
        (l.t("virtual time", "虚拟时间"), l.t("The simulated machine's time (not your computer's): each instruction costs a fixed time.", "模拟机器的时间（不是你电脑的时间）：每条指令花费固定的时间。")),
        (l.t("decisions / tick", "次决定 / 拍"), l.t("How many scheduling decisions Run makes between two redraws of the page.", "“运行”在两次刷新页面之间做多少次调度决定。")),
        ("lock#2, queue#0", l.t("The kernel's names for locks and queues: their number in creation order (a lock bound to a global shows that name instead).", "内核对锁和队列的称呼：按创建顺序编号（绑定到全局变量的锁显示变量名）。")),
        (l.t("ready / blocked", "就绪 / 阻塞"), l.t("Ready: could run, waits for a core or the GIL. Blocked: waits for something (a lock, an item, a thread to end).", "就绪：可以运行，等待 CPU 核或 GIL。阻塞：在等待某样东西（锁、队列元素、线程结束）。")),
        (l.t("preemption", "抢占"), l.t("The scheduler switches to another thread although the running one could go on.", "正在运行的线程本可以继续，调度器却切换到另一个线程。")),
    ];
    html! {
        <section class="card glossary-card" aria-label={l.t("Glossary", "术语表")}>
            <details>
                <summary><h2 class="inline">{ l.t("Glossary", "术语表") }</h2></summary>
                <dl class="glossary">
                    { for terms.iter().map(|(t, d)| html! { <><dt>{ *t }</dt><dd>{ *d }</dd></> }) }
                </dl>
            </details>
        </section>
    }
}

#[component]
pub fn Console(p: &ConsoleProps) -> Html {
    let m = &p.model;
    let l = m.lang;
    let v = &m.view;
    let node = use_node_ref();
    // Follows new output unless the learner scrolled up to read (then it stays put).
    let follow = use_mut_ref(|| Cell::new(true));
    {
        let node = node.clone();
        let follow = follow.clone();
        use_effect_with(v.console.len(), move |_| {
            if let Some(el) = node.cast::<web_sys::Element>() {
                if follow.borrow().get() {
                    el.set_scroll_top(el.scroll_height());
                }
            }
        });
    }
    let onscroll = {
        let node = node.clone();
        let follow = follow.clone();
        Callback::from(move |_: Event| {
            if let Some(el) = node.cast::<web_sys::Element>() {
                follow.borrow().set(el.scroll_top() + el.client_height() >= el.scroll_height() - 8);
            }
        })
    };
    let hosts: Vec<String> = m.programs().iter().map(|p| p.host.clone()).collect();
    let chunks = v.console.iter().map(|c| {
        let stream = if c.stream == Stream::Stdout { "stdout" } else { "stderr" };
        let host = (hosts.len() > 1).then(|| hosts.get(host_of_pid(c.pid)).cloned().unwrap_or_default());
        let title = match host {
            Some(h) => format!("{h} · pid {} · T{} · {stream}", c.pid, c.tid),
            None => format!("pid {} · T{} · {stream}", c.pid, c.tid),
        };
        html! { <span class={classes!("out", proc_class(c.pid), stream)} data-stream={stream} {title}>{ &c.text }</span> }
    });
    let mut pids: Vec<u32> = v.console.iter().map(|c| c.pid).collect();
    pids.sort_unstable();
    pids.dedup();
    let legend = pids.iter().map(|p| {
        let label = match hosts.len() > 1 {
            true => format!("{} pid {p}", hosts.get(host_of_pid(*p)).cloned().unwrap_or_default()),
            false => format!("pid {p}"),
        };
        html! { <span class={classes!("pid", proc_class(*p))}>{ label }</span> }
    });
    html! {
        <section class="card console-card" aria-label={l.t("Console output", "控制台输出")}>
            <h2>{ l.t("Console", "控制台") }
                <span class="sub">{ for legend }</span>
            </h2>
            <pre ref={node} class="console" role="log" tabindex="0" aria-label={l.t("Console", "控制台")} aria-live="polite" {onscroll}>
                { for chunks }
                { if v.console.is_empty() { html! { <span class="muted">{ l.t("(nothing printed yet)", "（尚无输出）") }</span> } } else { Html::default() } }
            </pre>
        </section>
    }
}
