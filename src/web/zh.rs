//! Chinese for the English text the kernel hands the page: why a thread waits
//! (`sim::view::ThreadStatus::Blocked { reason }`, written by `Machine::wait_reason`,
//! `chan_label` and `accept_label`). The page translates it by pattern, one table entry per
//! shape the kernel writes. Invariant: pure string functions with no dependency on the rest
//! of the crate (tests/web_zh.rs includes this file natively); text of an unknown shape is
//! returned unchanged rather than guessed at.

/// One shape of reason: an English prefix and suffix around a part kept as it is (a lock or
/// channel name, a thread label, a pid, an address), and the Chinese around it.
struct Shape {
    prefix: &'static str,
    suffix: &'static str,
    zh_prefix: &'static str,
    zh_suffix: &'static str,
}

/// The shapes, most specific first (the first that matches wins).
const SHAPES: &[Shape] = &[
    Shape {
        prefix: "an item from pipe#",
        suffix: " (empty)",
        zh_prefix: "管道 pipe#",
        zh_suffix: " 中的数据（管道为空）",
    },
    Shape {
        prefix: "an item from queue#",
        suffix: " (empty)",
        zh_prefix: "队列 queue#",
        zh_suffix: " 中的一个元素（队列为空）",
    },
    Shape {
        prefix: "room in pipe#", suffix: " (full)", zh_prefix: "管道 pipe#", zh_suffix: " 腾出空间（管道已满）"
    },
    Shape {
        prefix: "room in queue#", suffix: " (full)", zh_prefix: "队列 queue#", zh_suffix: " 腾出空位（队列已满）"
    },
    Shape {
        prefix: "all tasks of queue#",
        suffix: " done",
        zh_prefix: "队列 queue#",
        zh_suffix: " 的所有任务完成（join）",
    },
    Shape {
        prefix: "all tasks of pipe#",
        suffix: " done",
        zh_prefix: "管道 pipe#",
        zh_suffix: " 的所有任务完成（join）",
    },
    Shape { prefix: "join ", suffix: "", zh_prefix: "线程 ", zh_suffix: " 结束（join）" },
    Shape { prefix: "waitpid(", suffix: ")", zh_prefix: "子进程 ", zh_suffix: " 退出（waitpid）" },
    Shape { prefix: "a connection on ", suffix: "", zh_prefix: "", zh_suffix: " 上的一个连接" },
];

/// Whole reasons without a variable part.
const WHOLE: &[(&str, &str)] = &[("wait for any child", "任一子进程退出"), ("a connection", "一个连接")];

/// A thread label as the kernel writes it, `'NAME' (pid P, tid T)`, in Chinese punctuation.
fn thread_label(s: &str) -> String {
    s.replace(" (pid ", "（pid ").replace(", tid ", "，tid ").replace(')', "）")
}

/// Why a thread waits, in Chinese; unknown shapes come back unchanged.
pub fn wait_reason(reason: &str) -> String {
    if let Some((_, zh)) = WHOLE.iter().find(|(en, _)| *en == reason) {
        return (*zh).to_string();
    }
    // `lock#N held by 'NAME' (pid P, tid T)` and a bare `lock#N`.
    if reason.starts_with("lock#") {
        return match reason.split_once(" held by ") {
            Some((lock, who)) => format!("锁 {lock}（持有者：{}）", thread_label(who)),
            None => format!("锁 {reason}"),
        };
    }
    for s in SHAPES {
        if let Some(mid) = reason.strip_prefix(s.prefix).and_then(|r| r.strip_suffix(s.suffix)) {
            let mid = if s.prefix == "join " { thread_label(mid) } else { mid.to_string() };
            return format!("{}{mid}{}", s.zh_prefix, s.zh_suffix);
        }
    }
    reason.to_string()
}

#[cfg(test)]
mod tests {
    use super::wait_reason;

    #[test]
    fn every_shape_the_kernel_writes() {
        let table = [
            ("an item from queue#0 (empty)", "队列 queue#0 中的一个元素（队列为空）"),
            ("an item from pipe#3 (empty)", "管道 pipe#3 中的数据（管道为空）"),
            ("room in queue#2 (full)", "队列 queue#2 腾出空位（队列已满）"),
            ("all tasks of queue#1 done", "队列 queue#1 的所有任务完成（join）"),
            ("lock#2", "锁 lock#2"),
            ("lock#2 held by 'Thread-1' (pid 1000, tid 2)", "锁 lock#2（持有者：'Thread-1'（pid 1000，tid 2））"),
            ("join 'Thread-1' (pid 1000, tid 2)", "线程 'Thread-1'（pid 1000，tid 2） 结束（join）"),
            ("waitpid(1001)", "子进程 1001 退出（waitpid）"),
            ("wait for any child", "任一子进程退出"),
            ("a connection on 10.0.0.1:5000", "10.0.0.1:5000 上的一个连接"),
            ("a connection", "一个连接"),
            ("something new", "something new"),
        ];
        for (en, zh) in table {
            assert_eq!(wait_reason(en), zh, "{en}");
        }
    }
}
