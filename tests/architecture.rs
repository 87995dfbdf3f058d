//! The layering ARCHITECTURE.md promises, checked on the sources: `lang → vm → sim →
//! check/explore/real → cli/web`. The VM knows nothing of the machine that runs it: no file
//! under `src/vm` names `crate::sim`, `crate::trace`, `crate::real`, `crate::web`,
//! `crate::explore`, `crate::check` or `crate::cli`; and the graph of `crate::` references
//! between the crate's top-level modules has no cycle except lang ↔ vm (bytecode constants
//! are VM values).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("readable source folder") {
        let path = entry.expect("directory entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level modules each top-level module names through `crate::…` (comments
/// included: a doc link to a downstream layer is a dependency in spirit too).
fn references() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    for file in files {
        let rel = file.strip_prefix(&src).expect("under src");
        let first = rel.components().next().expect("non-empty path").as_os_str().to_string_lossy().to_string();
        let module = first.trim_end_matches(".rs").to_string();
        let text = std::fs::read_to_string(&file).expect("readable source");
        let targets = graph.entry(module.clone()).or_default();
        for (at, _) in text.match_indices("crate::") {
            let name: String = text[at + 7..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
            if !name.is_empty() && name != module {
                targets.insert(name);
            }
        }
    }
    graph
}

#[test]
fn vm_never_names_the_machine_or_its_consumers() {
    let graph = references();
    let vm = &graph["vm"];
    let forbidden: Vec<&String> = vm
        .iter()
        .filter(|m| ["sim", "trace", "real", "web", "explore", "check", "cli"].contains(&m.as_str()))
        .collect();
    assert!(forbidden.is_empty(), "src/vm names crate::{forbidden:?}; the VM must not know the layers above it");
}

#[test]
fn module_graph_has_no_cycle_but_lang_and_vm() {
    let graph = references();
    let allowed = |a: &str, b: &str| matches!((a, b), ("lang", "vm") | ("vm", "lang"));
    // Depth-first search for a back edge, ignoring the allowed pair.
    fn visit<'a>(
        node: &'a str,
        graph: &'a BTreeMap<String, BTreeSet<String>>,
        allowed: &dyn Fn(&str, &str) -> bool,
        path: &mut Vec<&'a str>,
        done: &mut BTreeSet<&'a str>,
    ) -> Option<Vec<String>> {
        if let Some(i) = path.iter().position(|n| *n == node) {
            let mut cycle: Vec<String> = path[i..].iter().map(|s| s.to_string()).collect();
            cycle.push(node.to_string());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node);
        for next in graph.get(node).into_iter().flatten() {
            if allowed(node, next) || !graph.contains_key(next.as_str()) {
                continue;
            }
            if let Some(c) = visit(next, graph, allowed, path, done) {
                return Some(c);
            }
        }
        path.pop();
        done.insert(node);
        None
    }
    let mut done = BTreeSet::new();
    for node in graph.keys() {
        if let Some(cycle) = visit(node, &graph, &allowed, &mut Vec::new(), &mut done) {
            panic!("the crate's modules depend on each other in a cycle: {}", cycle.join(" → "));
        }
    }
}
