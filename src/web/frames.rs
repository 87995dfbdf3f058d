//! The frame view: for each live thread, what it has in hand — its call stack (the program's
//! frames; the libraries' too when "show library code" is on), each frame's locals, the
//! values it has loaded but not stored yet ("loaded balance = 0"), its next instruction in
//! plain words, and the frame's bytecode one click away. This is where a learner watches
//! the lost update: two threads holding the same old value of a global.
//! Invariant: a pure function of the model's view (`sim::frames`); it dispatches nothing.

use super::state::{Lang, Model};
use super::thread_class;
use crate::sim::frames::{FrameView, Origin, Plain, StackItem};
use crate::sim::view::{ThreadStatus, ThreadView};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub model: Rc<Model>,
}

/// The next instruction in words.
pub fn plain_text(l: Lang, p: &Plain) -> String {
    match p {
        Plain::Load(x) => format!("{} {x}", l.t("read", "读取")),
        Plain::Store(x) => format!("{} {x}", l.t("store into", "写入")),
        Plain::LoadAttr(a) => format!("{} .{a}", l.t("read attribute", "读取属性")),
        Plain::StoreAttr(a) => format!("{} .{a}", l.t("store into attribute", "写入属性")),
        Plain::LoadItem => l.t("read an item x[k]", "读取元素 x[k]").into(),
        Plain::StoreItem => l.t("store into an item x[k]", "写入元素 x[k]").into(),
        Plain::Operate(op) => format!("{} {op}", l.t("compute", "计算")),
        Plain::Call(n, callee) => match callee {
            Some(f) => format!("{} {f}() ({n} {})", l.t("call", "调用"), l.t("arguments", "个参数")),
            None => format!("{} ({n} {})", l.t("call", "调用"), l.t("arguments", "个参数")),
        },
        Plain::Branch => l.t("test and jump", "判断并跳转").into(),
        Plain::NextItem => l.t("take the loop's next item", "取循环的下一项").into(),
        Plain::Return => l.t("return from the function", "从函数返回").into(),
        Plain::Import(m) => format!("{} {m}", l.t("import", "导入")),
        Plain::Build => l.t("build a value", "构造一个值").into(),
        Plain::Raise => l.t("raise an exception", "抛出异常").into(),
        Plain::Other => l.t("interpreter bookkeeping", "解释器内部操作").into(),
    }
}

/// A value the frame holds, in words.
pub fn held_text(l: Lang, item: &StackItem) -> String {
    let expr = item.expr.as_deref().unwrap_or("");
    match item.origin {
        Origin::Loaded => format!("{} {expr} = {}", l.t("loaded", "已读取"), item.repr),
        Origin::Computed => format!("{} {expr} = {}", l.t("computed", "已算出"), item.repr),
        Origin::Constant => format!("{} {}", l.t("constant", "常量"), item.repr),
        Origin::Earlier => format!("{} {}", l.t("held from before this line:", "本行之前压入："), item.repr),
    }
}

fn frame_html(l: Lang, f: &FrameView, innermost: bool) -> Html {
    let locals = f.locals.iter().map(|v| {
        html! { <li><code>{ &v.name }{ " = " }{ &v.repr }</code></li> }
    });
    let held = f.stack.iter().filter(|i| i.origin != Origin::Earlier || innermost).map(|i| {
        let class = classes!("held", (i.origin == Origin::Loaded).then_some("loaded"));
        let origin = format!("{:?}", i.origin).to_lowercase();
        html! {
            <li {class} data-testid="held" data-origin={origin} data-expr={i.expr.clone().unwrap_or_default()}
                data-repr={i.repr.clone()}>{ held_text(l, i) }</li>
        }
    });
    let next = f.next.as_ref().map(|n| {
        let label = if innermost { l.t("next:", "下一步：") } else { l.t("inside:", "正在执行：") };
        html! {
            <p class="next-instr" data-testid="next-instr">
                <span class="muted">{ label }{ " " }</span>{ plain_text(l, &n.plain) }
                <code class="muted">{ format!("  ({})", n.bytecode) }</code>
            </p>
        }
    });
    let listing = f.bytecode.iter().map(|(k, line, text)| {
        let here = *k == f.pc;
        let row = format!("{} {line:>4} {k:>4}  {text}", if here { "▶" } else { " " });
        html! { <div class={classes!("bc", here.then_some("here"))}>{ row }</div> }
    });
    html! {
        <li class={classes!("frame", f.library.then_some("library"))} data-testid="frame"
            data-function={f.function.clone()} data-line={f.line.to_string()}>
            <div class="frame-head">
                <code class="fn">{ &f.function }</code>
                <span class="muted">{ format!(" {} {}", l.t("line", "行"), f.line) }</span>
                { for f.library.then(|| html! { <span class="muted">{ format!(" · {}", f.file) }</span> }) }
            </div>
            { for (!f.locals.is_empty()).then(|| html! {
                <div class="frame-part"><span class="muted">{ l.t("locals", "局部变量") }</span><ul class="vars">{ for locals }</ul></div>
            }) }
            { for (!f.stack.is_empty()).then(|| html! {
                <div class="frame-part"><span class="muted">{ l.t("holds (loaded, not stored yet)", "手上的值（已读取、尚未写回）") }</span><ul class="stack">{ for held }</ul></div>
            }) }
            { for next }
            <details class="bytecode">
                <summary>{ l.t("bytecode", "字节码") }</summary>
                <pre tabindex="0" aria-label={l.t("bytecode", "字节码")}>{ for listing }</pre>
            </details>
        </li>
    }
}

fn thread_html(l: Lang, t: &ThreadView, library: bool) -> Html {
    let shown: Vec<&FrameView> = t.frames.iter().filter(|f| library || !f.library).collect();
    let n = shown.len();
    // A frame shown last may still be inside a call of library code that is hidden.
    let innermost = t.frames.last();
    let frames = shown.iter().rev().map(|f| frame_html(l, f, innermost.is_some_and(|g| std::ptr::eq(*f, g))));
    html! {
        <li class="thread-frames" data-testid="thread-frames" data-tid={t.tid.to_string()}>
            <div class="thread-head"><span class={classes!("chip", thread_class(t.tid))}>{ format!("T{} {}", t.tid, t.name) }</span></div>
            if n == 0 {
                <p class="muted">{ l.t("only library code", "只在库代码中") }</p>
            } else {
                <ol class="frames">{ for frames }</ol>
            }
        </li>
    }
}

/// Every live thread's frames, innermost first.
#[component]
pub fn FramesView(p: &Props) -> Html {
    let m = &p.model;
    let l = m.lang;
    let live: Vec<&ThreadView> =
        m.view.threads.iter().filter(|t| !matches!(t.state, ThreadStatus::Finished) && !t.frames.is_empty()).collect();
    html! {
        <section class="card frames-card" aria-label={l.t("Frames", "栈帧")}>
            <h2>{ l.t("What each thread holds", "每个线程手上的值") }
                <span class="sub">{ l.t("call stack, locals, values loaded but not stored yet", "调用栈、局部变量、已读取尚未写回的值") }</span></h2>
            if live.is_empty() {
                <p class="muted">{ l.t("no thread is running", "没有正在运行的线程") }</p>
            } else {
                <ul class="threads-frames">{ for live.iter().map(|t| thread_html(l, t, m.library)) }</ul>
            }
        </section>
    }
}
