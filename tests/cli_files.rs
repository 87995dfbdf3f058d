//! The CLI's loading of a program and its files, against python3 (CPython 3.11) where it
//! answers: a source that is not UTF-8 is CPython's SyntaxError (exit 1) under `run`,
//! `real` and `check`, and a Latin-1 declaration (PEP 263) is honoured; the files beside a program are visible to `run` and `real` (and what
//! the program writes stays in the simulated or private file system).
#![cfg(not(target_arch = "wasm32"))]

use std::path::PathBuf;
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_concsim");

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("concsim-cli-files-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

fn python3_is_311() -> bool {
    Command::new("python3")
        .arg("--version")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).starts_with("Python 3.11"))
        .unwrap_or(false)
}

#[test]
fn a_source_that_is_not_utf8_is_cpythons_syntax_error() {
    let dir = scratch("nonutf8");
    std::fs::write(dir.join("latin.py"), b"x = 1\n# caf\x95 au lait\nprint(x)\n").expect("write");
    let expected = "SyntaxError: Non-UTF-8 code starting with '\\x95' in file ".to_string()
        + &dir.display().to_string()
        + "/latin.py on line 2, but no encoding declared; see https://peps.python.org/pep-0263/ for details\n";
    if python3_is_311() {
        let py = Command::new("python3").arg("latin.py").current_dir(&dir).output().expect("python3");
        assert_eq!(py.status.code(), Some(1));
        assert_eq!(String::from_utf8_lossy(&py.stderr), expected);
    }
    for cmd in [&["run", "latin.py"][..], &["real", "latin.py"], &["check", "latin.py", "--runs", "1"]] {
        let out = Command::new(BIN).args(cmd).current_dir(&dir).output().expect("concsim");
        assert_eq!(out.status.code(), Some(1), "{cmd:?}");
        assert_eq!(String::from_utf8_lossy(&out.stderr), expected, "{cmd:?}");
        assert!(out.stdout.is_empty(), "{cmd:?}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_latin1_declaration_is_honoured_as_cpython_does() {
    let dir = scratch("latin1");
    std::fs::write(
        dir.join("decl.py"),
        b"#!/usr/bin/env python3\n# -*- coding: latin-1 -*-\ns = 'caf\xe9'\nprint(s, len(s))\n",
    )
    .expect("write");
    if python3_is_311() {
        let py = Command::new("python3").arg("decl.py").current_dir(&dir).output().expect("python3");
        assert_eq!(String::from_utf8_lossy(&py.stdout), "caf\u{e9} 4\n");
    }
    for cmd in ["run", "real"] {
        let out = Command::new(BIN).args([cmd, "decl.py"]).current_dir(&dir).output().expect("concsim");
        assert_eq!(String::from_utf8_lossy(&out.stdout), "caf\u{e9} 4\n", "{cmd}");
        assert_eq!(out.status.code(), Some(0), "{cmd}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_files_beside_the_program_are_seen_and_writes_stay_inside() {
    let dir = scratch("beside");
    std::fs::write(dir.join("data.txt"), "one\ntwo\n").expect("write");
    std::fs::write(
        dir.join("prog.py"),
        "import os\nprint(open('data.txt').read().split())\nopen('out.txt', 'w').write('x')\n\
         print(sorted(os.listdir('.')))\nprint(os.getcwd() == os.path.abspath('.'))\n",
    )
    .expect("write");
    let want = "['one', 'two']\n['data.txt', 'out.txt', 'prog.py']\nTrue\n";
    for cmd in ["run", "real"] {
        let out = Command::new(BIN).args([cmd, "prog.py"]).current_dir(&dir).output().expect("concsim");
        assert_eq!(String::from_utf8_lossy(&out.stdout), want, "{cmd}: {}", String::from_utf8_lossy(&out.stderr));
        assert_eq!(out.status.code(), Some(0), "{cmd}");
        assert!(!dir.join("out.txt").exists(), "{cmd} wrote a host file");
    }
    let _ = std::fs::remove_dir_all(&dir);
}
