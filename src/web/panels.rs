//! The views of the machine, each redrawn from the view model: cores and GILs, the process
//! tree, threads (with why they wait; in manual mode the ready ones are buttons), memory per
//! process, queues and pipes, locks, and the console. Invariant: pure functions of the
//! model; the only thing they do is dispatch `Choose` in manual mode.

use super::state::{Action, Lang, Model};
use super::{fmt_ns, proc_class, thread_class};
use crate::sim::view::{ProcView, ThreadStatus, ThreadView, View};
use crate::sim::Stream;
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

fn thread_chip(v: &View, tid: u32) -> Html {
    html! { <span class={classes!("chip", thread_class(tid))}>{ thread_name(v, tid) }</span> }
}

fn state_text(l: Lang, t: &ThreadView) -> (String, &'static str) {
    match &t.state {
        ThreadStatus::Running => (l.t("running", "运行中").into(), "running"),
        ThreadStatus::Ready => (l.t("ready", "就绪").into(), "ready"),
        ThreadStatus::Blocked { .. } => (l.t("blocked", "阻塞").into(), "blocked"),
        ThreadStatus::Sleeping { .. } => (l.t("sleeping", "睡眠").into(), "sleeping"),
        ThreadStatus::Exiting { .. } => (l.t("exiting", "正在退出").into(), "exiting"),
        ThreadStatus::Finished => (l.t("finished", "已结束").into(), "finished"),
    }
}

fn state_detail(l: Lang, t: &ThreadView) -> String {
    let at = match t.line {
        Some(n) => format!("{} {n}", l.t("at line", "位于第")) + l.t("", " 行"),
        None => String::new(),
    };
    let why = match &t.state {
        ThreadStatus::Blocked { reason, until_ns, .. } => {
            let mut s = format!("{} {reason}", l.t("waits for", "等待"));
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

#[component]
pub fn Panels(p: &Props) -> Html {
    let m = &p.model;
    html! {
        <section class="right">
            { machine(m) }
            { processes(m) }
            { pools(m) }
            { threads(m, &p.on) }
            { memory(m) }
            { channels(m) }
            { locks(m) }
        </section>
    }
}

fn machine(m: &Model) -> Html {
    let l = m.lang;
    let v = &m.view;
    let cores = v.cores.iter().map(|c| {
        let who = match c.last_tid {
            Some(t) => thread_chip(v, t),
            None => html! { <span class="muted">{ l.t("idle so far", "尚未使用") }</span> },
        };
        html! {
            <div class="core">
                <div class="core-name">{ format!("CPU {}", c.index) }</div>
                <div class="core-who"><span class="muted">{ l.t("last ran ", "最近运行 ") }</span>{ who }</div>
                <div class="core-clock muted">{ l.t("free at ", "空闲于 ") }{ fmt_ns(c.clock_ns) }</div>
            </div>
        }
    });
    let gils = v.processes.iter().filter(|p| p.exit_code.is_none()).map(|p| {
        html! {
            <li>
                <span class={classes!("pid", proc_class(p.pid))}>{ format!("pid {}", p.pid) }</span>
                { l.t(" GIL: ", " 的 GIL：") }
                { match p.gil { Some(t) => thread_chip(v, t), None => html! { <span class="muted">{ l.t("free", "空闲") }</span> } } }
            </li>
        }
    });
    html! {
        <section class="card" aria-label={l.t("Machine", "机器")}>
            <h2>{ l.t("Machine", "机器") }<span class="sub">{ format!("{} {}", v.cores.len(), l.t("cores", "个核")) }</span></h2>
            <div class="cores">{ for cores }</div>
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
            { for adopted }
            <ul>{ for children.map(|c| proc_node(m, c)) }</ul>
        </li>
    }
}

fn processes(m: &Model) -> Html {
    let l = m.lang;
    let v = &m.view;
    let roots = v.processes.iter().filter(|p| !v.processes.iter().any(|q| q.pid == p.parent));
    html! {
        <section class="card" aria-label={l.t("Processes", "进程")}>
            <h2>{ l.t("Processes", "进程") }<span class="sub">{ l.t("a fork is a branch", "fork 产生一个分支") }</span></h2>
            <ul class="tree">{ for roots.map(|p| proc_node(m, p)) }</ul>
        </section>
    }
}

fn threads(m: &Model, on: &Callback<Action>) -> Html {
    let l = m.lang;
    let v = &m.view;
    let rows = v.threads.iter().map(|t| {
        let (label, class) = state_text(l, t);
        let pick = (m.manual && m.runnable.contains(&t.tid)).then(|| {
            let on = on.clone();
            let tid = t.tid;
            html! {
                <button class="pick" onclick={move |_| on.emit(Action::Choose(tid))}
                    aria-label={format!("{} {tid}", l.t("Run thread", "运行线程"))}>
                    { l.t("▶ run next", "▶ 下一个运行") }
                </button>
            }
        });
        let holder = match &t.state {
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
                <td>{ thread_chip(v, t.tid) }</td>
                <td><span class={classes!("pid", proc_class(t.pid))}>{ t.pid }</span></td>
                <td><span class={classes!("badge", class)}>{ label }</span>{ for pick }</td>
                <td class="detail">{ state_detail(l, t) }{ holder }{ for locals }</td>
            </tr>
        }
    });
    let hint = m.manual.then(|| {
        html! { <p class="hint">{ l.t("Manual mode: press “run next” on a ready thread to give it the next slice.", "手动模式：在就绪线程上按“下一个运行”，让它运行下一个时间片。") }</p> }
    });
    html! {
        <section class="card" aria-label={l.t("Threads", "线程")}>
            <h2>{ l.t("Threads", "线程") }</h2>
            { for hint }
            <table class="threads">
                <thead><tr>
                    <th>{ l.t("thread", "线程") }</th><th>{ "pid" }</th><th>{ l.t("state", "状态") }</th><th>{ l.t("why / where", "原因 / 位置") }</th>
                </tr></thead>
                <tbody>{ for rows }</tbody>
            </table>
        </section>
    }
}

/// Each `multiprocessing.Pool`: its worker processes and what each runs, the tasks not yet
/// handed out, the tasks in the workers' queue and the results on their way back.
fn pools(m: &Model) -> Html {
    let l = m.lang;
    let v = &m.view;
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
                        <td>{ for w.pid.map(|pid| html! { <span class={classes!("pid", proc_class(pid))}>{ pid }</span> }) }</td>
                        <td><code>{ &w.name }</code></td>
                        <td><span class={classes!("badge", class)}>{ label }</span></td>
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
                            { format!("Pool({}) · {} · {} {}", p.size, p.state, p.pending_jobs, l.t("jobs waiting for results", "个作业等待结果")) }
                        </span>
                    </h2>
                    <table class="threads">
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
        <section class="card" aria-label={l.t("Memory", "内存")}>
            <h2>{ l.t("Memory", "内存") }<span class="sub">{ l.t("globals of each process", "每个进程的全局变量") }</span></h2>
            <div class="mems">{ for cards }</div>
        </section>
    }
}

fn channels(m: &Model) -> Html {
    let l = m.lang;
    let v = &m.view;
    if v.channels.is_empty() {
        return html! {};
    }
    let rows = v.channels.iter().map(|c| {
        let items = c.items.iter().map(|i| html! { <span class="item"><code>{ i }</code></span> });
        let empty = c.items.is_empty().then(|| html! { <span class="muted">{ l.t("empty", "空") }</span> });
        html! {
            <div class="chan">
                <div class="chan-head">
                    <b>{ format!("{}#{}", c.kind, c.id) }</b>
                    <span class="muted">{ format!(" · {} {:?}", l.t("writers", "写端进程"), c.writers) }</span>
                    { for (c.maxsize > 0 && c.maxsize < i32::MAX as usize).then(|| html! { <span class="muted">{ format!(" · maxsize {}", c.maxsize) }</span> }) }
                </div>
                <div class="items">{ for items }{ for empty }</div>
            </div>
        }
    });
    html! {
        <section class="card" aria-label={l.t("Queues and pipes", "队列与管道")}>
            <h2>{ l.t("Queues and pipes", "队列与管道") }</h2>
            { for rows }
        </section>
    }
}

fn locks(m: &Model) -> Html {
    let l = m.lang;
    let v = &m.view;
    if v.locks.is_empty() {
        return html! {};
    }
    let rows = v.locks.iter().map(|k| {
        let name = k.name.clone().unwrap_or_else(|| format!("lock#{}", k.serial));
        let owner = match k.owner {
            Some(t) => html! { <>{ l.t("held by ", "持有者 ") }{ thread_chip(v, t) }</> },
            None => html! { <span class="muted">{ l.t("free", "空闲") }</span> },
        };
        let waiters = k.waiters.iter().map(|t| thread_chip(v, *t));
        html! {
            <tr>
                <td><code>{ name }</code><span class="muted">{ format!(" pid {}", k.pid) }</span></td>
                <td>{ owner }</td>
                <td>{ for waiters }</td>
            </tr>
        }
    });
    html! {
        <section class="card" aria-label={l.t("Locks", "锁")}>
            <h2>{ l.t("Locks", "锁") }</h2>
            <table class="locks">
                <thead><tr><th>{ l.t("lock", "锁") }</th><th>{ l.t("owner", "持有者") }</th><th>{ l.t("waiting", "等待者") }</th></tr></thead>
                <tbody>{ for rows }</tbody>
            </table>
        </section>
    }
}

#[component]
pub fn Console(p: &ConsoleProps) -> Html {
    let m = &p.model;
    let l = m.lang;
    let v = &m.view;
    let chunks = v.console.iter().map(|c| {
        let stream = if c.stream == Stream::Stdout { "stdout" } else { "stderr" };
        let title = format!("pid {} · T{} · {stream}", c.pid, c.tid);
        html! { <span class={classes!("out", proc_class(c.pid), stream)} data-stream={stream} {title}>{ &c.text }</span> }
    });
    let mut pids: Vec<u32> = v.console.iter().map(|c| c.pid).collect();
    pids.sort_unstable();
    pids.dedup();
    html! {
        <section class="card console-card">
            <h2>{ l.t("Console", "控制台") }
                <span class="sub">{ for pids.iter().map(|p| html! { <span class={classes!("pid", proc_class(*p))}>{ format!("pid {p}") }</span> }) }</span>
            </h2>
            <pre class="console" role="log" aria-label={l.t("Console", "控制台")} aria-live="polite">{ for chunks }</pre>
        </section>
    }
}
