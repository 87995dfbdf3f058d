//! Prints the bytecode of a Python file: `cargo run --release --example dis FILE.py`.
use concsim::lang::{bytecode::Code, compile_module};
use concsim::vm::Value;

fn dump(code: &Code, depth: usize) {
    let pad = "  ".repeat(depth);
    println!("{pad}== {} (args {}, locals {:?})", code.qualname, code.argcount, code.varnames);
    for (i, ins) in code.instrs.iter().enumerate() {
        println!("{pad}{i:4} L{:<3} {:?}", code.positions[i].line, ins);
    }
    for c in &code.consts {
        if let Value::Code(inner) = c {
            dump(inner, depth + 1);
        }
    }
}

fn main() {
    let path = std::env::args().nth(1).expect("usage: dis FILE.py");
    let src = std::fs::read_to_string(&path).expect("readable file");
    match compile_module(&path, &src) {
        Ok(m) => dump(&m.code, 0),
        Err(e) => eprint!("{}", e.render()),
    }
}
