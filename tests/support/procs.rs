//! Processes as /proc shows them, for the tests that count what a real run leaves behind
//! (`tests/real_check.rs`, `tests/real_safety.rs`).
#![allow(dead_code)] // each test file uses its part

/// (pid, parent pid, state letter) of every process on this machine.
pub fn processes() -> Vec<(u32, u32, char)> {
    let mut all = Vec::new();
    for e in std::fs::read_dir("/proc").expect("/proc").flatten() {
        let Ok(pid) = e.file_name().to_string_lossy().parse::<u32>() else { continue };
        let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else { continue };
        let mut after = stat.rsplit_once(')').map(|(_, r)| r).unwrap_or("").split_whitespace();
        let state = after.next().and_then(|s| s.chars().next()).unwrap_or('?');
        let ppid = after.next().and_then(|p| p.parse::<u32>().ok()).unwrap_or(0);
        all.push((pid, ppid, state));
    }
    all
}

/// Processes whose parent chain reaches `root`.
pub fn descendants_of(root: u32) -> Vec<u32> {
    let all = processes();
    let mut found = vec![root];
    let mut i = 0;
    while i < found.len() {
        let p = found[i];
        found.extend(all.iter().filter(|(_, pp, _)| *pp == p).map(|(c, _, _)| *c));
        i += 1;
    }
    found.remove(0);
    found
}

/// Whether `pid` is a process that still runs (not gone, not a zombie).
pub fn alive(pid: u32) -> bool {
    processes().iter().any(|&(p, _, state)| p == pid && state != 'Z')
}
