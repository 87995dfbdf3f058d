//! The supervisor's reach over the whole process tree of a run. The supervisor is the child
//! subreaper of everything the run starts, so every process of the run — the program's
//! processes, the real commands they run, and whatever those start in a session or process
//! group of their own (`setsid`, a daemon's double fork) — is a descendant of it, by
//! parent chain, until it is reaped. Killing the run's process group misses what left the
//! group; `kill_all` follows the parent chains instead. Invariant: it returns only when no
//! descendant is left alive (zombies wait for the reaper), passing over the tree again as
//! long as it finds one, so a process forked while it worked is killed too.

use std::time::Duration;

/// (pid, parent pid, is a zombie) of every process in /proc.
fn processes() -> Vec<(i32, i32, bool)> {
    let Ok(dir) = std::fs::read_dir("/proc") else { return Vec::new() };
    let mut all = Vec::new();
    for entry in dir.flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<i32>() else { continue };
        let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else { continue };
        // The command name is in parentheses and may hold anything: the fields after the
        // last ')' are state, ppid, ...
        let mut after = stat.rsplit_once(')').map(|(_, r)| r).unwrap_or("").split_whitespace();
        let zombie = after.next() == Some("Z");
        let ppid = after.next().and_then(|p| p.parse::<i32>().ok()).unwrap_or(0);
        all.push((pid, ppid, zombie));
    }
    all
}

/// The live (not zombie) descendants of `root`.
pub fn live_descendants(root: i32) -> Vec<i32> {
    let all = processes();
    let mut found = vec![root];
    let mut i = 0;
    while i < found.len() {
        let p = found[i];
        found.extend(all.iter().filter(|q| q.1 == p && q.0 != p).map(|q| q.0));
        i += 1;
    }
    found.remove(0);
    found.retain(|p| all.iter().any(|q| q.0 == *p && !q.2));
    found
}

/// SIGKILLs every live descendant of this process until none is left (bounded: a tree that
/// still grows after many passes has its stragglers left to the reaper's next call).
pub fn kill_all() {
    let me = std::process::id() as i32;
    for _ in 0..200 {
        let live = live_descendants(me);
        if live.is_empty() {
            return;
        }
        for pid in live {
            // SAFETY: kill(2) of a descendant of ours (only a descendant's own parent could
            // reap it and free its pid between the scan and this call, microseconds apart).
            unsafe { libc::kill(pid, libc::SIGKILL) };
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}
