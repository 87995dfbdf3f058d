//! The cards of what the library and the kernel keep beside threads and channels:
//! `concurrent.futures` executors (workers and the work waiting for them), a manager's
//! server process (the objects its proxies reach and the calls it is serving), signals
//! (handlers, pending signals, the alarm) and each host's files. Invariant: as `panels`' —
//! pure functions of the model; a card is there from the first step when the programs'
//! text uses what it shows (empty, it says "none yet") and absent otherwise, so the layout
//! never jumps while stepping.

use super::panels::{none_yet, state_text, thread_chip};
use super::state::{Lang, Model};
use super::{fmt_ns, proc_class};
use crate::sim::view::ThreadStatus;
use yew::prelude::*;

/// Whether any of the programs' text contains one of `words`.
fn uses(m: &Model, words: &[&str]) -> bool {
    m.programs().iter().any(|p| words.iter().any(|w| p.source.contains(w)))
}

fn pid_chip(pid: u32) -> Html {
    html! { <span class={classes!("pid", proc_class(pid))}>{ pid }</span> }
}

/// A row of chips under a label, or a muted "none".
fn chips_row(l: Lang, label: &str, items: &[String]) -> Html {
    let chips = items.iter().map(|x| html! { <span class="item"><code>{ x }</code></span> });
    let empty = items.is_empty().then(|| html! { <span class="muted">{ l.t("none", "无") }</span> });
    html! {
        <div class="pool-row">
            <div class="pool-label">{ label.to_string() }</div>
            <div class="items">{ for chips }{ for empty }</div>
        </div>
    }
}

/// Each executor: its workers (threads of its process, or processes) and what each runs,
/// the calls submitted that no worker has taken yet, and a process pool's two queues.
pub fn executors(m: &Model) -> Html {
    let l = m.lang;
    let v = &m.view;
    let title = l.t("Executors", "执行器");
    if !uses(m, &["Executor"]) {
        return Html::default();
    }
    let blocks = v
        .executors
        .iter()
        .map(|e| {
            let threads = e.kind == "ThreadPoolExecutor";
            let rows = e.workers.iter().map(|w| {
                let thread = w.tid.and_then(|tid| v.threads.iter().find(|t| t.tid == tid));
                let (label, class) = match thread {
                    _ if w.exited => (l.t("exited", "已退出").to_string(), "finished"),
                    Some(t) if w.task.is_none() && matches!(t.state, ThreadStatus::Blocked { .. }) => {
                        (l.t("idle, waits for work", "空闲，等待任务").to_string(), "blocked")
                    }
                    Some(t) => state_text(l, t),
                    None => (l.t("starting", "启动中").to_string(), "ready"),
                };
                let who = match (threads, w.tid) {
                    (true, Some(tid)) => thread_chip(v, tid),
                    _ => html! { <>{ pid_chip(w.pid) }{ " " }<code>{ &w.name }</code></> },
                };
                html! {
                    <tr>
                        <td class="c-thread">{ who }</td>
                        <td class="c-state"><span class={classes!("badge", class)}>{ label }</span></td>
                        <td class="detail">{ match &w.task { Some(t) => html! { <code>{ t }</code> }, None => html! { <span class="muted">{ "—" }</span> } } }</td>
                    </tr>
                }
            });
            let state = match (e.shut_down, l) {
                (true, Lang::Zh) => "已关闭（shutdown）",
                (true, _) => "shut down",
                (false, Lang::Zh) => "运行中",
                (false, _) => "running",
            };
            let queues: Vec<String> = [e.call_queue, e.result_queue].iter().flatten().map(|i| format!("queue#{i}")).collect();
            let worker_head = if threads { l.t("worker thread", "工作线程") } else { l.t("worker process", "工作进程") };
            html! {
                <div class="service">
                    <h3>
                        { pid_chip(e.pid) }
                        { format!(" {}(max_workers={}) · {} · {} {}", e.kind, e.max_workers, state, e.pending, l.t("futures not done", "个 Future 未完成")) }
                    </h3>
                    <table class="threads stack">
                        <thead><tr><th>{ worker_head }</th><th>{ l.t("state", "状态") }</th><th>{ l.t("running", "正在执行") }</th></tr></thead>
                        <tbody>{ for rows }</tbody>
                    </table>
                    { if e.workers.is_empty() { html! { <p class="muted">{ l.t("no worker started yet: the first submit() starts one", "还没有工作者：第一次 submit() 时启动") }</p> } } else { Html::default() } }
                    { chips_row(l, l.t("Submitted, not taken yet", "已提交，尚未被取走"), &e.waiting) }
                    { if queues.is_empty() { Html::default() } else {
                        html! { <p class="muted">{ format!("{} {}", l.t("Calls and results travel pickled through", "调用与结果经 pickle 后通过"), queues.join(" / ")) }</p> }
                    } }
                </div>
            }
        });
    // One card for all of them, so the layout does not change when a second one starts.
    html! {
        <section class="card pool executors-card" aria-label={title}>
            <h2>{ title }</h2>
            { if v.executors.is_empty() { none_yet(l) } else { Html::default() } }
            { for blocks }
        </section>
    }
}

/// Each manager's server process: where it listens, the objects it keeps for the proxies
/// (a proxy in another process is only an id and an address), the calls being served.
pub fn managers(m: &Model) -> Html {
    let l = m.lang;
    let v = &m.view;
    let title = l.t("Manager server", "管理器服务进程");
    if !uses(m, &["Manager"]) {
        return Html::default();
    }
    let blocks = v
        .managers
        .iter()
        .map(|s| {
            let objects = s.objects.iter().map(|o| {
                html! {
                    <tr>
                        <td class="c-thread"><code>{ &o.id }</code></td>
                        <td class="detail"><code>{ &o.repr }</code></td>
                        <td class="c-state">{ o.refs }</td>
                    </tr>
                }
            });
            let serving = s.serving.iter().map(|c| {
                html! {
                    <div class="pool-row">
                        <div class="pool-label">{ thread_chip(v, c.tid) }</div>
                        <div>{ match &c.call {
                            Some(call) => html! { <code>{ call }</code> },
                            None => html! { <span class="muted">{ l.t("waits for the next call", "等待下一个调用") }</span> },
                        } }</div>
                    </div>
                }
            });
            html! {
                <div class="service">
                    <h3>{ pid_chip(s.pid) }{ format!(" {} {}", l.t("listens on", "监听"), s.address) }</h3>
                    <table class="threads stack">
                        <thead><tr><th>{ l.t("object id", "对象 id") }</th><th>{ l.t("value, kept in this process", "值（保存在本进程）") }</th><th>{ l.t("proxies", "代理数") }</th></tr></thead>
                        <tbody>{ for objects }</tbody>
                    </table>
                    { if s.objects.is_empty() { none_yet(l) } else { Html::default() } }
                    { for serving }
                </div>
            }
        });
    html! {
        <section class="card pool manager-card" aria-label={title}>
            <h2>{ title }</h2>
            { if v.managers.is_empty() { none_yet(l) } else { Html::default() } }
            { for blocks }
        </section>
    }
}

/// The processes with signal state: handlers, signals waiting for the main thread, alarms.
pub fn signals(m: &Model) -> Html {
    let l = m.lang;
    let v = &m.view;
    if !uses(m, &["signal", "os.kill", "killpg"]) {
        return Html::default();
    }
    let title = l.t("Signals", "信号");
    let rows = v.signals.iter().map(|s| {
        let handlers = s.handlers.iter().map(|(sig, h)| html! { <span class="item"><code>{ format!("{sig} → {h}") }</code></span> });
        let pending = s.pending.iter().map(|sig| html! { <span class="item pending"><code>{ sig }</code></span> });
        let mut notes = Vec::new();
        if let Some(at) = s.alarm_at_ns {
            notes.push(format!("{} {}", l.t("SIGALRM at", "SIGALRM 于"), fmt_ns(at)));
        }
        if s.stopped {
            notes.push(l.t("stopped until SIGCONT", "已暂停，等待 SIGCONT").to_string());
        }
        html! {
            <tr>
                <td class="c-pid">{ pid_chip(s.pid) }</td>
                <td class="detail">{ for handlers }</td>
                <td class="detail">{ for pending }{ for notes.iter().map(|n| html! { <span class="muted">{ format!(" {n}") }</span> }) }</td>
            </tr>
        }
    });
    html! {
        <section class="card signals-card" aria-label={title}>
            <h2>{ title }<span class="sub">{ l.t("a handler runs in the main thread, between two instructions", "处理函数在主线程中、两条指令之间运行") }</span></h2>
            { if v.signals.is_empty() { none_yet(l) } else { Html::default() } }
            <table class="threads stack">
                <thead><tr><th>{ "pid" }</th><th>{ l.t("handlers", "处理函数") }</th><th>{ l.t("pending", "待处理") }</th></tr></thead>
                <tbody>{ for rows }</tbody>
            </table>
        </section>
    }
}

/// Each host's files (the simulated file system; processes of a host share it).
pub fn files(m: &Model) -> Html {
    let l = m.lang;
    let v = &m.view;
    if !uses(m, &["open(", "tempfile", "pathlib", "shutil", "os.remove", "os.listdir"]) {
        return Html::default();
    }
    let title = l.t("Files", "文件");
    let hosts = m.programs().len() > 1;
    let rows = v.files.iter().map(|f| {
        let path = if hosts { format!("{}:{}", f.host, f.path) } else { f.path.clone() };
        html! {
            <tr>
                <td class="c-thread"><code>{ path }</code>{ if f.written { Html::default() } else { html! { <span class="muted">{ l.t(" (given)", "（原有）") }</span> } } }</td>
                <td class="c-state">{ format!("{} B", f.size) }</td>
                <td class="detail"><code>{ &f.start }</code></td>
            </tr>
        }
    });
    html! {
        <section class="card files-card" aria-label={title}>
            <h2>{ title }<span class="sub">{ l.t("every process of a host sees the same files", "同一主机的进程看到同样的文件") }</span></h2>
            { if v.files.is_empty() { none_yet(l) } else { Html::default() } }
            <table class="threads stack">
                <thead><tr><th>{ l.t("path", "路径") }</th><th>{ l.t("size", "大小") }</th><th>{ l.t("starts with", "开头") }</th></tr></thead>
                <tbody>{ for rows }</tbody>
            </table>
        </section>
    }
}
