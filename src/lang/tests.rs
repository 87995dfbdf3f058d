//! Tests of the language front end: every construct compiles, code objects obey the stack
//! effects documented in `bytecode.rs` (checked by abstract interpretation over all paths),
//! selected instruction sequences match CPython 3.9's shapes, SyntaxErrors render exactly as
//! CPython 3.11 prints them (strings verified against `python3`), and no input panics.

use super::bytecode::{Code, CodeKind, Instr, CO_VARARGS, CO_VARKEYWORDS};
use super::{compile_module, CompileError, CompiledModule};
use crate::vm::value::Value;
use std::rc::Rc;

// ---------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------

fn compile(src: &str) -> CompiledModule {
    match compile_module("t.py", src) {
        Ok(m) => {
            for c in all_codes(&m.code) {
                if let Err(e) = verify(&c) {
                    panic!("stack check failed in {}: {e}\n{}\nsource:\n{src}", c.qualname, dis(&c).join("\n"));
                }
            }
            m
        }
        Err(e) => panic!("unexpected error:\n{}\nsource:\n{src}", e.render()),
    }
}

fn error(src: &str) -> CompileError {
    match compile_module("t.py", src) {
        Ok(_) => panic!("expected an error for:\n{src}"),
        Err(e) => e,
    }
}

fn rendered(src: &str) -> String {
    error(src).render()
}

/// The module's code and every code object nested in its constants.
fn all_codes(code: &Rc<Code>) -> Vec<Rc<Code>> {
    let mut out = vec![code.clone()];
    let mut i = 0;
    while i < out.len() {
        let c = out[i].clone();
        for k in &c.consts {
            if let Value::Code(inner) = k {
                out.push(inner.clone());
            }
        }
        i += 1;
    }
    out
}

/// The code object named `qualname`.
fn find(m: &CompiledModule, qualname: &str) -> Rc<Code> {
    all_codes(&m.code)
        .into_iter()
        .find(|c| &*c.qualname == qualname)
        .unwrap_or_else(|| panic!("no code named {qualname}"))
}

fn const_repr(v: &Value) -> String {
    match v {
        Value::None => "None".into(),
        Value::Ellipsis => "Ellipsis".into(),
        Value::Bool(b) => if *b { "True" } else { "False" }.into(),
        Value::Int(i) => i.to_string(),
        Value::BigInt(b) => b.to_string(),
        Value::Float(f) => format!("{f:?}"),
        Value::Str(s) => format!("{s:?}"),
        Value::Bytes(b) => format!("b{:?}", String::from_utf8_lossy(b)),
        Value::Tuple(t) => {
            let items: Vec<String> = t.iter().map(const_repr).collect();
            if items.len() == 1 {
                format!("({},)", items[0])
            } else {
                format!("({})", items.join(", "))
            }
        }
        Value::Code(c) => format!("<code {}>", c.qualname),
        _ => "?".into(),
    }
}

/// One line per instruction, operands resolved: `LoadGlobal print`, `LoadConst 1`.
fn dis(c: &Code) -> Vec<String> {
    c.instrs
        .iter()
        .map(|i| {
            let name = |t: &[Rc<str>], k: u32| t.get(k as usize).map(|s| s.to_string()).unwrap_or("?".into());
            let deref = |k: u32| {
                let k = k as usize;
                if k < c.cellvars.len() {
                    c.cellvars[k].to_string()
                } else {
                    c.freevars.get(k - c.cellvars.len()).map(|s| s.to_string()).unwrap_or("?".into())
                }
            };
            match *i {
                Instr::LoadConst(k) => format!("LoadConst {}", const_repr(&c.consts[k as usize])),
                Instr::LoadFast(k) => format!("LoadFast {}", name(&c.varnames, k)),
                Instr::StoreFast(k) => format!("StoreFast {}", name(&c.varnames, k)),
                Instr::DeleteFast(k) => format!("DeleteFast {}", name(&c.varnames, k)),
                Instr::LoadDeref(k) => format!("LoadDeref {}", deref(k)),
                Instr::StoreDeref(k) => format!("StoreDeref {}", deref(k)),
                Instr::DeleteDeref(k) => format!("DeleteDeref {}", deref(k)),
                Instr::LoadClosure(k) => format!("LoadClosure {}", deref(k)),
                Instr::LoadGlobal(k) => format!("LoadGlobal #{k}"),
                Instr::StoreGlobal(k) => format!("StoreGlobal #{k}"),
                Instr::DeleteGlobal(k) => format!("DeleteGlobal #{k}"),
                Instr::LoadName(k) => format!("LoadName {}", name(&c.names, k)),
                Instr::StoreName(k) => format!("StoreName {}", name(&c.names, k)),
                Instr::DeleteName(k) => format!("DeleteName {}", name(&c.names, k)),
                Instr::LoadBuiltin(k) => format!("LoadBuiltin {}", name(&c.names, k)),
                Instr::LoadAttr(k) => format!("LoadAttr {}", name(&c.names, k)),
                Instr::StoreAttr(k) => format!("StoreAttr {}", name(&c.names, k)),
                Instr::DeleteAttr(k) => format!("DeleteAttr {}", name(&c.names, k)),
                Instr::LoadMethod(k) => format!("LoadMethod {}", name(&c.names, k)),
                Instr::ImportName(k) => format!("ImportName {}", name(&c.names, k)),
                Instr::ImportFrom(k) => format!("ImportFrom {}", name(&c.names, k)),
                other => format!("{other:?}").replace('(', " ").replace(')', ""),
            }
        })
        .collect()
}

/// Like `dis`, with global slots resolved through the module's table.
fn dis_m(m: &CompiledModule, c: &Code) -> Vec<String> {
    dis(c)
        .into_iter()
        .map(|l| {
            for op in ["LoadGlobal", "StoreGlobal", "DeleteGlobal"] {
                if let Some(rest) = l.strip_prefix(&format!("{op} #")) {
                    let k: usize = rest.parse().unwrap();
                    return format!("{op} {}", m.global_names[k]);
                }
            }
            l
        })
        .collect()
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct State {
    depth: i64,
    /// (is_except_handler, level, handler target for try blocks)
    blocks: Vec<(bool, i64)>,
}

/// Abstract interpretation of a code object over every path, using `Instr::stack_effect`: the stack never underflows, every join point agrees on the
/// depth and the block stack, jumps stay in range, and `ReturnValue` leaves exactly one
/// value with no block open.
fn verify(c: &Code) -> Result<(), String> {
    if c.positions.len() != c.instrs.len() {
        return Err("positions and instrs differ in length".into());
    }
    for (i, p) in c.positions.iter().enumerate() {
        if p.line == 0 || p.end_line < p.line {
            return Err(format!("bad position {p:?} at {i}"));
        }
    }
    let n = c.instrs.len();
    let mut states: Vec<Option<State>> = vec![None; n + 1];
    let mut work = vec![0usize];
    states[0] = Some(State { depth: 0, blocks: vec![] });
    let pops = |s: &State, k: i64, pc: usize| -> Result<(), String> {
        if s.depth < k {
            Err(format!("stack underflow at {pc}: depth {} needs {k}", s.depth))
        } else {
            Ok(())
        }
    };
    while let Some(pc) = work.pop() {
        let s = states[pc].clone().unwrap();
        if pc >= n {
            return Err(format!("fell off the end of the code at {pc}"));
        }
        let mut next: Vec<(usize, State)> = Vec::new();
        let target = |t: u32| -> Result<usize, String> {
            if (t as usize) < n {
                Ok(t as usize)
            } else {
                Err(format!("jump out of range at {pc}"))
            }
        };
        let instr = c.instrs[pc];
        use Instr::*;
        // Operands that index a table, and the block stack, which `stack_effect` does not
        // speak of.
        let (table, index) = match instr {
            LoadConst(k) => (c.consts.len(), k),
            LoadFast(k) | StoreFast(k) | DeleteFast(k) => (c.varnames.len(), k),
            LoadDeref(k) | StoreDeref(k) | DeleteDeref(k) | LoadClosure(k) => (c.cellvars.len() + c.freevars.len(), k),
            _ => (usize::MAX, 0),
        };
        if index as usize >= table {
            return Err(format!("operand of {instr:?} out of range at {pc}"));
        }
        let mut blocks = s.blocks.clone();
        let mut handler_blocks = s.blocks.clone();
        match instr {
            BuildSlice(k) if k != 2 && k != 3 => return Err(format!("BuildSlice {k}")),
            MakeFunction(f) if f & !0b1111 != 0 => return Err(format!("MakeFunction flags {f}")),
            ReturnValue if s.depth != 1 || !s.blocks.is_empty() => {
                return Err(format!("ReturnValue at {pc} with {s:?}"));
            }
            Reraise if !matches!(s.blocks.last(), Some((true, _))) => {
                return Err(format!("Reraise outside a handler at {pc}"));
            }
            SetupFinally(_) => {
                handler_blocks.push((true, s.depth));
                blocks.push((false, s.depth));
            }
            PopBlock => match blocks.pop() {
                Some((false, _)) => {}
                other => return Err(format!("PopBlock at {pc} pops {other:?}")),
            },
            PopExcept => match blocks.pop() {
                Some((true, level)) if s.depth > level => {}
                other => return Err(format!("PopExcept at {pc} pops {other:?} at depth {}", s.depth)),
            },
            // [aiter, prev_exc, exc] with the handler's block at aiter's level + 1.
            EndAsyncFor => match blocks.pop() {
                Some((true, level)) if s.depth == level + 2 => {}
                other => return Err(format!("EndAsyncFor at {pc} pops {other:?} at depth {}", s.depth)),
            },
            _ => {}
        }
        let effect = instr.stack_effect();
        pops(&s, effect.needs as i64, pc)?;
        if let Some(d) = effect.fall {
            next.push((pc + 1, State { depth: s.depth + d as i64, blocks }));
        }
        if let Some((t, d)) = effect.jump {
            next.push((target(t)?, State { depth: s.depth + d as i64, blocks: handler_blocks }));
        }
        for (t, st) in next {
            // Handlers are entered with the stack cut to the block's level: depths above the
            // level at the time of the exception do not matter.
            match &states[t] {
                None => {
                    states[t] = Some(st);
                    work.push(t);
                }
                Some(old) if *old == st => {}
                Some(old) => return Err(format!("inconsistent state at {t}: {old:?} vs {st:?} (from {pc})")),
            }
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------
// Programs that must compile (and pass the stack check)
// ---------------------------------------------------------------------------------------

const PROGRAMS: &[&str] = &[
    "x = 1\nprint(x)\n",
    "a = b = c = 3\na, b = b, a\na, b, c = c, b, a\n(a, b), c = (1, 2), 3\n[a, *b] = range(5)\n*a, b = 1, 2, 3\n",
    "x = [1, 2, 3]\nx[0] = 5\nx[1:2] = [7]\nx[::2] = [0, 0]\ndel x[0]\ndel x[:]\n",
    "class C: pass\nc = C()\nc.a = 1\nc.a += 2\nc.b = c.a\ndel c.a\n",
    "x = [0]\nx[0] += 1\nx[0] -= 1\nx[0] *= 2\ny = 3\ny **= 2\ny //= 2\ny %= 5\ny <<= 1\ny >>= 1\ny |= 1\ny &= 3\ny ^= 2\ny /= 2\n",
    "x: int = 1\ny: str\nclass C:\n    z: int = 3\n    w: list\ndef f():\n    q: int = 2\n    r: int\n    return q\n",
    "if a:\n    pass\nelif b:\n    pass\nelif c:\n    x = 1\nelse:\n    x = 2\n",
    "if __name__ == '__main__':\n    print('main')\n",
    "while x < 10:\n    x += 1\n    if x == 3:\n        continue\n    if x == 5:\n        break\nelse:\n    print('done')\n",
    "while True:\n    break\nwhile 1:\n    pass\n",
    "for i in range(10):\n    if i % 2:\n        continue\n    print(i)\nelse:\n    print('no break')\n",
    "for i, (a, b) in enumerate(pairs):\n    for j in range(i):\n        if j > 3:\n            break\n",
    "def f(a, b=2, *args, c, d=4, **kw):\n    return a + b + c + d\n",
    "def f(a, /, b, *, c):\n    return a, b, c\n",
    "def f():\n    pass\ndef g(x):\n    return\ndef h(x):\n    return x * 2\n",
    "@decorator\n@other(1)\ndef f():\n    return 1\n",
    "@dataclass\nclass C(Base, object):\n    '''doc'''\n    x = 1\n    def m(self):\n        return self.x\n",
    "def outer():\n    x = 1\n    def inner():\n        nonlocal x\n        x += 1\n        return x\n    return inner\n",
    "def outer(a):\n    def inner():\n        return a\n    return inner\n",
    "counter = 0\ndef inc():\n    global counter\n    counter += 1\n",
    "class A:\n    def __init__(self):\n        super().__init__()\n        self.x = 1\nclass B(A):\n    def __init__(self, *a, **k):\n        super().__init__(*a, **k)\n    def m(self):\n        return super().m()\n",
    "class C:\n    def m(self):\n        return __class__\n",
    "f = lambda: 1\ng = lambda x, y=2, *a, k=3, **kw: x + y\nh = lambda *, k: k\n",
    "xs = [x * 2 for x in range(10) if x % 2 if x > 3]\nys = {x for x in xs}\nzs = {x: y for x, y in pairs}\nws = [(x, y) for x in a for y in b if x != y]\n",
    "t = sum(x for x in range(10))\ng = (x for x in y)\nprint(max((len(w) for w in words), default=0))\n",
    "def f(items):\n    return [i for i in items if i], {k: v for k, v in items}\n",
    "try:\n    x = 1\nexcept ValueError:\n    pass\nexcept (TypeError, KeyError) as e:\n    print(e)\nexcept Exception as e:\n    raise\nexcept:\n    raise RuntimeError('x') from None\nelse:\n    print('ok')\nfinally:\n    print('done')\n",
    "try:\n    pass\nfinally:\n    pass\n",
    "def f():\n    try:\n        return 1\n    finally:\n        print('f')\n",
    "def f(x):\n    for i in x:\n        try:\n            if i:\n                break\n            else:\n                continue\n        finally:\n            print(i)\n    return x\n",
    "def f(x):\n    while x:\n        try:\n            return g(x)\n        except E as e:\n            if e:\n                continue\n            return e\n        finally:\n            x -= 1\n",
    "def f():\n    try:\n        pass\n    finally:\n        return 2\n",
    "def f():\n    for i in range(3):\n        try:\n            pass\n        finally:\n            break\n",
    "def f():\n    try:\n        raise ValueError\n    except ValueError as e:\n        try:\n            return e\n        finally:\n            del e\n",
    "with open('f') as f:\n    data = f.read()\nwith a as x, b as y, c:\n    pass\nwith lock:\n    n += 1\n",
    "def f(lock):\n    with lock:\n        return 1\n    for i in x:\n        with lock:\n            if i:\n                break\n            continue\n",
    "with a as (x, y):\n    pass\nwith a as self.b:\n    pass\n",
    "assert x\nassert x, 'msg'\nassert x > 0, f'bad {x}'\n",
    "import os\nimport os.path\nimport a.b.c as d\nfrom multiprocessing import Process, Queue as Q\nfrom a.b import C\nfrom os import *\n",
    "from __future__ import print_function, division\nprint('x')\n",
    "'''module doc'''\nfrom __future__ import annotations\n",
    "x = f'{a} and {b!r} and {c:>10} and {d!s:{w}.{p}} {e=} {{lit}}'\ny = f''\nz = f'plain'\nw = 'a' f'{b}' 'c'\n",
    "x = 1 + 2 * 3 - 4 / 5 // 6 % 7 ** 8 @ m\ny = -x\nz = +x\nw = ~x\nv = not x\nu = x << 1 >> 2 | 3 & 4 ^ 5\n",
    "a and b or c\nx = a and b and c\ny = a or b or c\nz = not (a and b)\n",
    "x = a < b\ny = a < b < c\nz = a == b != c <= d >= e > f\nw = a is b\nv = a is not b\nu = a in b\nt = a not in b\nif a < b < c:\n    pass\nif not a < b < c:\n    pass\n",
    "x = a if b else c\nif (a if b else c):\n    pass\n",
    "t = (1, 2, 3)\nl = [1, 2, 3]\ns = {1, 2, 3}\nd = {'a': 1, 'b': 2}\ne = ()\nf = []\ng = {}\nh = (1,)\n",
    "t = (*a, 1, *b)\nl = [*a, 2]\ns = {*a, 3}\nd = {**a, 'k': 1, **b}\ne = {'x': 1, **a}\n",
    "f(1, 2)\nf(a=1)\nf(1, b=2)\nf(*args)\nf(1, *args, 2)\nf(**kw)\nf(a, *b, c=1, **d)\nf(x=1, **kw, y=2)\nf(**a, **b)\no.m(1)\no.m(x=1)\no.m(*a)\n",
    "x = a[1]\ny = a[1:2]\nz = a[::2]\nw = a[1:2, ::3]\nv = a[...]\nu = a[:, None]\n",
    "x = 10 ** 30\ny = -9223372036854775808\nz = 0xFFFFFFFFFFFFFFFFFFFF\nw = 1_000_000\nv = 1.5e10\nu = -2.5\nb = b'bytes'\nn = None\nt = True\nf = False\ne = ...\n",
    "if (n := len(a)) > 10:\n    print(n)\nys = [y for x in data if (y := f(x))]\n",
    "def f():\n    x = 1\n    del x\n    global g\n    g = 2\n    del g\n",
    "class C:\n    x = 1\n    y = x + 1\n    def f(self):\n        return x\n",
    "def f():\n    x = 1\n    class C:\n        y = x\n        def m(self):\n            return x\n    return C\n",
    "class Account:\n    def __init__(self):\n        self.__balance = 0\n    def deposit(self, n):\n        self.__balance += n\n    def __private(self):\n        return self.__balance\n",
    "def f(*args, **kwargs):\n    return g(*args, **kwargs)\n",
    "def f(a):\n    def g():\n        return a\n    a = 2\n    return g\n",
    "def f(self):\n    def g():\n        return self\n    return super().f()\n",
    "raise\nraise E\nraise E('x') from err\n",
    "del a, b[0], c.d\n",
    "x = [[y for y in range(x)] for x in range(3)]\n",
    "def f():\n    return lambda x: lambda y: x + y\n",
    "if a:\n    pass\nelse:\n    if b:\n        pass\n",
    "for x in y:\n    pass\nelse:\n    pass\nwhile z:\n    pass\nelse:\n    pass\n",
    "def f():\n    for x in y:\n        for z in x:\n            return z\n",
    "def f():\n    with a:\n        with b:\n            try:\n                return 1\n            except:\n                return 2\n",
    "print(__debug__)\n",
    "x = 'a' 'b' 'c'\ny = b'a' b'b'\n",
    "class E(Exception):\n    pass\ntry:\n    raise E()\nexcept E:\n    pass\n",
];

#[test]
fn programs_compile_and_verify() {
    for p in PROGRAMS {
        compile(p);
    }
}

// ---------------------------------------------------------------------------------------
// SyntaxErrors: concsim's report must equal CPython 3.11's (`python3 t.py` on stderr). The
// expected strings were produced by running python3 on each source saved as `t.py`.
// ---------------------------------------------------------------------------------------

#[test]
fn syntax_errors_render_like_cpython() {
    let mut failures = Vec::new();
    for (src, expected) in SYNTAX_ERRORS {
        let got = match compile_module("t.py", src) {
            Ok(_) => "<compiled>".to_string(),
            Err(e) => e.render(),
        };
        if got != *expected {
            failures.push(format!("source: {src:?}\nexpected:\n{expected}got:\n{got}"));
        }
    }
    assert!(failures.is_empty(), "{} mismatches:\n{}", failures.len(), failures.join("\n"));
}

const SYNTAX_ERRORS: &[(&str, &str)] = &[
    ("x = {1: 2]\n", "  File \"t.py\", line 1\n    x = {1: 2]\n             ^\nSyntaxError: closing parenthesis ']' does not match opening parenthesis '{'\n"),
    ("break\n", "  File \"t.py\", line 1\n    break\n    ^^^^^\nSyntaxError: 'break' outside loop\n"),
    ("def f():\n    break\n", "  File \"t.py\", line 2\n    break\n    ^^^^^\nSyntaxError: 'break' outside loop\n"),
    ("if x\n    pass\n", "  File \"t.py\", line 1\n    if x\n        ^\nSyntaxError: expected ':'\n"),
    ("continue\n", "  File \"t.py\", line 1\n    continue\n    ^^^^^^^^\nSyntaxError: 'continue' not properly in loop\n"),
    ("def f():\n", "  File \"t.py\", line 1\n    def f():\nIndentationError: expected an indented block after function definition on line 1\n"),
    ("def f():", "  File \"t.py\", line 1\n    def f():\nIndentationError: expected an indented block after function definition on line 1\n"),
    ("def f():\n\n\n", "  File \"t.py\", line 3\n    \nIndentationError: expected an indented block after function definition on line 1\n"),
    ("x=1\nif x:\n", "  File \"t.py\", line 2\n    if x:\nIndentationError: expected an indented block after 'if' statement on line 2\n"),
    ("def f():\n\n", "  File \"t.py\", line 2\n    \nIndentationError: expected an indented block after function definition on line 1\n"),
    ("def f():\n    \n", "  File \"t.py\", line 2\n    \nIndentationError: expected an indented block after function definition on line 1\n"),
    ("def f():\n# c\n", "  File \"t.py\", line 2\n    # c\nIndentationError: expected an indented block after function definition on line 1\n"),
    ("def f(): # c\n", "  File \"t.py\", line 1\n    def f(): # c\nIndentationError: expected an indented block after function definition on line 1\n"),
    ("try:\n    pass\nexcept:\n    pass\nexcept E:\n    pass\n", "  File \"t.py\", line 3\n    except:\n    ^^^^^^^\nSyntaxError: default 'except:' must be last\n"),
    ("exec 'x=1'\n", "  File \"t.py\", line 1\n    exec 'x=1'\n    ^^^^^^^^^^\nSyntaxError: Missing parentheses in call to 'exec'. Did you mean exec(...)?\n"),
    ("def f():\n    x = 1\n    global x\n", "  File \"t.py\", line 3\n    global x\n    ^^^^^^^^\nSyntaxError: name 'x' is assigned to before global declaration\n"),
    ("def f():\n    print(x)\n    global x\n", "  File \"t.py\", line 3\n    global x\n    ^^^^^^^^\nSyntaxError: name 'x' is used prior to global declaration\n"),
    ("x = 1\n    y = 2\n", "  File \"t.py\", line 2\n    y = 2\nIndentationError: unexpected indent\n"),
    ("if x:\npass\n", "  File \"t.py\", line 2\n    pass\n    ^\nIndentationError: expected an indented block after 'if' statement on line 1\n"),
    ("def f():\nreturn 1\n", "  File \"t.py\", line 2\n    return 1\n    ^\nIndentationError: expected an indented block after function definition on line 1\n"),
    ("for i in x:\nprint(i)\n", "  File \"t.py\", line 2\n    print(i)\n    ^\nIndentationError: expected an indented block after 'for' statement on line 1\n"),
    ("if x:\n        a\n    b\n", "  File \"t.py\", line 3\n    b\n     ^\nIndentationError: unindent does not match any outer indentation level\n"),
    ("x = = 1\n", "  File \"t.py\", line 1\n    x = = 1\n        ^\nSyntaxError: invalid syntax\n"),
    ("def f(:\n    pass\n", "  File \"t.py\", line 1\n    def f(:\n          ^\nSyntaxError: invalid syntax\n"),
    ("1 = x\n", "  File \"t.py\", line 1\n    1 = x\n    ^\nSyntaxError: cannot assign to literal here. Maybe you meant '==' instead of '='?\n"),
    ("f() = 1\n", "  File \"t.py\", line 1\n    f() = 1\n    ^^^\nSyntaxError: cannot assign to function call here. Maybe you meant '==' instead of '='?\n"),
    ("f(x=1, 2)\n", "  File \"t.py\", line 1\n    f(x=1, 2)\n            ^\nSyntaxError: positional argument follows keyword argument\n"),
    ("nonlocal x\n", "  File \"t.py\", line 1\n    nonlocal x\n    ^^^^^^^^^^\nSyntaxError: nonlocal declaration not allowed at module level\n"),
    ("def f():\n    nonlocal x\n", "  File \"t.py\", line 2\n    nonlocal x\n    ^^^^^^^^^^\nSyntaxError: no binding for nonlocal 'x' found\n"),
    ("x = (1,\ny = 2\n", "  File \"t.py\", line 1\n    x = (1,\n        ^\nSyntaxError: '(' was never closed\n"),
    ("print(1\n", "  File \"t.py\", line 1\n    print(1\n         ^\nSyntaxError: '(' was never closed\n"),
    ("x = [1, 2\n", "  File \"t.py\", line 1\n    x = [1, 2\n        ^\nSyntaxError: '[' was never closed\n"),
    ("x = )\n", "  File \"t.py\", line 1\n    x = )\n        ^\nSyntaxError: unmatched ')'\n"),
    ("print 'x'\n", "  File \"t.py\", line 1\n    print 'x'\n    ^^^^^^^^^\nSyntaxError: Missing parentheses in call to 'print'. Did you mean print(...)?\n"),
    ("x = 1\nprint x\n", "  File \"t.py\", line 2\n    print x\n    ^^^^^^^\nSyntaxError: Missing parentheses in call to 'print'. Did you mean print(...)?\n"),
    ("if True:\n    print 'a', x\n", "  File \"t.py\", line 2\n    print 'a', x\n    ^^^^^^^^^^^^\nSyntaxError: Missing parentheses in call to 'print'. Did you mean print(...)?\n"),
    ("print 'Process (%s) start...' % os.getpid()\n", "  File \"t.py\", line 1\n    print 'Process (%s) start...' % os.getpid()\n    ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^\nSyntaxError: Missing parentheses in call to 'print'. Did you mean print(...)?\n"),
    ("x = 1)\n", "  File \"t.py\", line 1\n    x = 1)\n         ^\nSyntaxError: unmatched ')'\n"),
    ("return 1\n", "  File \"t.py\", line 1\n    return 1\n    ^^^^^^^^\nSyntaxError: 'return' outside function\n"),
    ("*a, *b = c\n", "  File \"t.py\", line 1\n    *a, *b = c\n    ^^^^^^\nSyntaxError: multiple starred expressions in assignment\n"),
    ("x = 'abc\n", "  File \"t.py\", line 1\n    x = 'abc\n        ^\nSyntaxError: unterminated string literal (detected at line 1)\n"),
    ("x = \"\"\"abc\n\n", "  File \"t.py\", line 1\n    x = \"\"\"abc\n        ^\nSyntaxError: unterminated triple-quoted string literal (detected at line 2)\n"),
    ("s = 'héllo' print 'x'\n", "  File \"t.py\", line 1\n    s = 'héllo' print 'x'\n                 ^^^^^\nSyntaxError: invalid syntax\n"),
    ("print 'héllo'\n", "  File \"t.py\", line 1\n    print 'héllo'\n    ^^^^^^^^^^^^^^\nSyntaxError: Missing parentheses in call to 'print'. Did you mean print(...)?\n"),
    ("s = 'é'; return 1\n", "  File \"t.py\", line 1\n    s = 'é'; return 1\n              ^^^^^^^^\nSyntaxError: 'return' outside function\n"),
    ("x = 1 +\n", "  File \"t.py\", line 1\n    x = 1 +\n           ^\nSyntaxError: invalid syntax\n"),
    ("if x = 1:\n    pass\n", "  File \"t.py\", line 1\n    if x = 1:\n       ^^^^^\nSyntaxError: invalid syntax. Maybe you meant '==' or ':=' instead of '='?\n"),
    ("if x:\n    pass\nelse if y:\n    pass\n", "  File \"t.py\", line 3\n    else if y:\n         ^^\nSyntaxError: expected ':'\n"),
    ("print(\"a\" \"b\" c)\n", "  File \"t.py\", line 1\n    print(\"a\" \"b\" c)\n          ^^^^^^^^^\nSyntaxError: invalid syntax. Perhaps you forgot a comma?\n"),
    ("for i in range(10) print(i)\n", "  File \"t.py\", line 1\n    for i in range(10) print(i)\n                       ^^^^^\nSyntaxError: invalid syntax\n"),
    ("while True print(1)\n", "  File \"t.py\", line 1\n    while True print(1)\n               ^^^^^\nSyntaxError: invalid syntax\n"),
    ("class A\n    pass\n", "  File \"t.py\", line 1\n    class A\n           ^\nSyntaxError: expected ':'\n"),
    ("def f()\n    pass\n", "  File \"t.py\", line 1\n    def f()\n           ^\nSyntaxError: expected ':'\n"),
    ("x = [1 2]\n", "  File \"t.py\", line 1\n    x = [1 2]\n         ^^^\nSyntaxError: invalid syntax. Perhaps you forgot a comma?\n"),
    ("f(a for a in b, c)\n", "  File \"t.py\", line 1\n    f(a for a in b, c)\n      ^^^^^^^^^^^^\nSyntaxError: Generator expression must be parenthesized\n"),
    ("def f(a=1, b):\n    pass\n", "  File \"t.py\", line 1\n    def f(a=1, b):\n               ^\nSyntaxError: non-default argument follows default argument\n"),
    ("try:\n    pass\nexcept Exception, e:\n    pass\n", "  File \"t.py\", line 3\n    except Exception, e:\n           ^^^^^^^^^^^^\nSyntaxError: multiple exception types must be parenthesized\n"),
    ("raise E, 'msg'\n", "  File \"t.py\", line 1\n    raise E, 'msg'\n           ^\nSyntaxError: invalid syntax\n"),
    ("x = 0777\n", "  File \"t.py\", line 1\n    x = 0777\n        ^\nSyntaxError: leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers\n"),
    ("x = 1abc\n", "  File \"t.py\", line 1\n    x = 1abc\n        ^\nSyntaxError: invalid decimal literal\n"),
    ("x = 5 if y\n", "  File \"t.py\", line 1\n    x = 5 if y\n        ^^^^^^\nSyntaxError: expected 'else' after 'if' expression\n"),
    ("True = 1\n", "  File \"t.py\", line 1\n    True = 1\n    ^^^^\nSyntaxError: cannot assign to True\n"),
    ("def f(x, x):\n    pass\n", "  File \"t.py\", line 1\n    def f(x, x):\n             ^\nSyntaxError: duplicate argument 'x' in function definition\n"),
    ("f(x=1, x=2)\n", "  File \"t.py\", line 1\n    f(x=1, x=2)\n           ^^^\nSyntaxError: keyword argument repeated: x\n"),
    ("*a = 1\n", "  File \"t.py\", line 1\n    *a = 1\n    ^^\nSyntaxError: starred assignment target must be in a list or tuple\n"),
    ("def f():\n\tif x:\n        pass\n", "  File \"t.py\", line 3\n    pass\nTabError: inconsistent use of tabs and spaces in indentation\n"),
    ("foo bar\n", "  File \"t.py\", line 1\n    foo bar\n        ^^^\nSyntaxError: invalid syntax\n"),
    ("x = (1, 2\ny = 3\n", "  File \"t.py\", line 1\n    x = (1, 2\n        ^\nSyntaxError: '(' was never closed\n"),
    ("x = 'a' 'b\n", "  File \"t.py\", line 1\n    x = 'a' 'b\n            ^\nSyntaxError: unterminated string literal (detected at line 1)\n"),
    ("def f():\n    return 1\n  x = 2\n", "  File \"t.py\", line 3\n    x = 2\n         ^\nIndentationError: unindent does not match any outer indentation level\n"),
    ("x = `1`\n", "  File \"t.py\", line 1\n    x = `1`\n        ^\nSyntaxError: invalid syntax\n"),
    ("f() += 1\n", "  File \"t.py\", line 1\n    f() += 1\n    ^^^\nSyntaxError: 'function call' is an illegal expression for augmented assignment\n"),
    ("del f()\n", "  File \"t.py\", line 1\n    del f()\n        ^^^\nSyntaxError: cannot delete function call\n"),
    ("for f() in x:\n    pass\n", "  File \"t.py\", line 1\n    for f() in x:\n        ^^^\nSyntaxError: cannot assign to function call\n"),
    ("import\n", "  File \"t.py\", line 1\n    import\n          ^\nSyntaxError: invalid syntax\n"),
    ("from x import\n", "  File \"t.py\", line 1\n    from x import\n                 ^\nSyntaxError: invalid syntax\n"),
    ("x = {'a': 1, 'b' 2}\n", "  File \"t.py\", line 1\n    x = {'a': 1, 'b' 2}\n                   ^\nSyntaxError: ':' expected after dictionary key\n"),
    ("x.1\n", "  File \"t.py\", line 1\n    x.1\n     ^^\nSyntaxError: invalid syntax\n"),
    ("print 'a'\nx = (\n", "  File \"t.py\", line 1\n    print 'a'\n    ^^^^^^^^^\nSyntaxError: Missing parentheses in call to 'print'. Did you mean print(...)?\n"),
    ("x = (\nprint 'a'\n", "  File \"t.py\", line 1\n    x = (\n        ^\nSyntaxError: '(' was never closed\n"),
    ("x ++\n", "  File \"t.py\", line 1\n    x ++\n        ^\nSyntaxError: invalid syntax\n"),
    ("x = 1\nif x:\n  a = 1\n    b = 2\n", "  File \"t.py\", line 4\n    b = 2\nIndentationError: unexpected indent\n"),
    ("x = $\n", "  File \"t.py\", line 1\n    x = $\n        ^\nSyntaxError: invalid syntax\n"),
    ("x = 1 €\n", "  File \"t.py\", line 1\n    x = 1 €\n          ^\nSyntaxError: invalid character '€' (U+20AC)\n"),
    ("a = 1 = 2\n", "  File \"t.py\", line 1\n    a = 1 = 2\n        ^\nSyntaxError: cannot assign to literal\n"),
    ("f(**k, *a)\n", "  File \"t.py\", line 1\n    f(**k, *a)\n           ^\nSyntaxError: iterable argument unpacking follows keyword argument unpacking\n"),
    ("x = [i for i in range(3) if]\n", "  File \"t.py\", line 1\n    x = [i for i in range(3) if]\n                               ^\nSyntaxError: invalid syntax\n"),
    ("with open('f') as f, :\n    pass\n", "  File \"t.py\", line 1\n    with open('f') as f, :\n                         ^\nSyntaxError: invalid syntax\n"),
    ("x = yield = 3\n", "  File \"t.py\", line 1\n    x = yield = 3\n        ^^^^^\nSyntaxError: assignment to yield expression not possible\n"),
    ("def f(*):\n    pass\n", "  File \"t.py\", line 1\n    def f(*):\n          ^\nSyntaxError: named arguments must follow bare *\n"),
    ("class C(x for x in y):\n    pass\n", "  File \"t.py\", line 1\n    class C(x for x in y):\n              ^^^\nSyntaxError: invalid syntax\n"),
    ("f(x for x in y, )\n", "  File \"t.py\", line 1\n    f(x for x in y, )\n      ^^^^^^^^^^^^\nSyntaxError: Generator expression must be parenthesized\n"),
    ("x = 1 if 2 else\n", "  File \"t.py\", line 1\n    x = 1 if 2 else\n                   ^\nSyntaxError: invalid syntax\n"),
    ("print \"a\"\nx = \"abc\n", "  File \"t.py\", line 2\n    x = \"abc\n        ^\nSyntaxError: unterminated string literal (detected at line 2)\n"),
    ("print \"a\"\nx = )\n", "  File \"t.py\", line 2\n    x = )\n        ^\nSyntaxError: unmatched ')'\n"),
    ("x = (\n  1,\n  2\n", "  File \"t.py\", line 1\n    x = (\n        ^\nSyntaxError: '(' was never closed\n"),
    ("foo(1,\n  2\nx = 3\n", "  File \"t.py\", line 1\n    foo(1,\n       ^\nSyntaxError: '(' was never closed\n"),
    ("def f() x:\n    pass\n", "  File \"t.py\", line 1\n    def f() x:\n            ^\nSyntaxError: expected ':'\n"),
    ("try:\n    pass\nfinally\n    pass\n", "  File \"t.py\", line 3\n    finally\n           ^\nSyntaxError: expected ':'\n"),
    ("with a\n    pass\n", "  File \"t.py\", line 1\n    with a\n          ^\nSyntaxError: expected ':'\n"),
    ("for x in y\n    pass\n", "  File \"t.py\", line 1\n    for x in y\n              ^\nSyntaxError: expected ':'\n"),
    ("while x\n    pass\n", "  File \"t.py\", line 1\n    while x\n           ^\nSyntaxError: expected ':'\n"),
    ("class A x:\n    pass\n", "  File \"t.py\", line 1\n    class A x:\n            ^\nSyntaxError: invalid syntax\n"),
    ("if x:\n    pass\nelse x:\n    pass\n", "  File \"t.py\", line 3\n    else x:\n         ^\nSyntaxError: expected ':'\n"),
    ("try x:\n    pass\nexcept:\n    pass\n", "  File \"t.py\", line 1\n    try x:\n        ^\nSyntaxError: expected ':'\n"),
    ("while x y:\n    pass\n", "  File \"t.py\", line 1\n    while x y:\n            ^\nSyntaxError: invalid syntax\n"),
    ("with a b:\n    pass\n", "  File \"t.py\", line 1\n    with a b:\n           ^\nSyntaxError: invalid syntax\n"),
    ("for x in y z:\n    pass\n", "  File \"t.py\", line 1\n    for x in y z:\n               ^\nSyntaxError: invalid syntax\n"),
    ("if x:\n    pass\nelif y\n    pass\n", "  File \"t.py\", line 3\n    elif y\n          ^\nSyntaxError: expected ':'\n"),
    ("try:\n    pass\nexcept E\n    pass\n", "  File \"t.py\", line 3\n    except E\n            ^\nSyntaxError: expected ':'\n"),
    ("x = {'a' 1}\n", "  File \"t.py\", line 1\n    x = {'a' 1}\n         ^^^^^\nSyntaxError: invalid syntax. Perhaps you forgot a comma?\n"),
    ("if x.y = 1:\n    pass\n", "  File \"t.py\", line 1\n    if x.y = 1:\n       ^^^\nSyntaxError: cannot assign to attribute here. Maybe you meant '==' instead of '='?\n"),
    ("while x = 1:\n    pass\n", "  File \"t.py\", line 1\n    while x = 1:\n          ^^^^^\nSyntaxError: invalid syntax. Maybe you meant '==' or ':=' instead of '='?\n"),
    ("x = [a, b c]\n", "  File \"t.py\", line 1\n    x = [a, b c]\n            ^^^\nSyntaxError: invalid syntax. Perhaps you forgot a comma?\n"),
    ("f(a b)\n", "  File \"t.py\", line 1\n    f(a b)\n      ^^^\nSyntaxError: invalid syntax. Perhaps you forgot a comma?\n"),
    ("x = {1: 2 3: 4}\n", "  File \"t.py\", line 1\n    x = {1: 2 3: 4}\n            ^^^\nSyntaxError: invalid syntax. Perhaps you forgot a comma?\n"),
    ("f(x, y\n", "  File \"t.py\", line 1\n    f(x, y\n     ^\nSyntaxError: '(' was never closed\n"),
    ("x = (a b)\n", "  File \"t.py\", line 1\n    x = (a b)\n         ^^^\nSyntaxError: invalid syntax. Perhaps you forgot a comma?\n"),
    ("f(foo 'bar')\n", "  File \"t.py\", line 1\n    f(foo 'bar')\n          ^^^^^\nSyntaxError: invalid syntax\n"),
    ("if x:\n    pass\nelse:\npass\n", "  File \"t.py\", line 4\n    pass\n    ^\nIndentationError: expected an indented block after 'else' statement on line 3\n"),
    ("try:\n    pass\nexcept:\npass\n", "  File \"t.py\", line 4\n    pass\n    ^\nIndentationError: expected an indented block after 'except' statement on line 3\n"),
    ("try:\npass\n", "  File \"t.py\", line 2\n    pass\n    ^\nIndentationError: expected an indented block after 'try' statement on line 1\n"),
    ("class A:\npass\n", "  File \"t.py\", line 2\n    pass\n    ^\nIndentationError: expected an indented block after class definition on line 1\n"),
    ("with x:\npass\n", "  File \"t.py\", line 2\n    pass\n    ^\nIndentationError: expected an indented block after 'with' statement on line 1\n"),
    ("while x:\npass\n", "  File \"t.py\", line 2\n    pass\n    ^\nIndentationError: expected an indented block after 'while' statement on line 1\n"),
    ("if x:\n    pass\nelif y:\npass\n", "  File \"t.py\", line 4\n    pass\n    ^\nIndentationError: expected an indented block after 'elif' statement on line 3\n"),
    ("try:\n    pass\nfinally:\npass\n", "  File \"t.py\", line 4\n    pass\n    ^\nIndentationError: expected an indented block after 'finally' statement on line 3\n"),
    ("x = 123abc\n", "  File \"t.py\", line 1\n    x = 123abc\n          ^\nSyntaxError: invalid decimal literal\n"),
    ("x = 0x\n", "  File \"t.py\", line 1\n    x = 0x\n         ^\nSyntaxError: invalid hexadecimal literal\n"),
    ("x = 0o78\n", "  File \"t.py\", line 1\n    x = 0o78\n           ^\nSyntaxError: invalid digit '8' in octal literal\n"),
    ("x = 0b12\n", "  File \"t.py\", line 1\n    x = 0b12\n           ^\nSyntaxError: invalid digit '2' in binary literal\n"),
    ("x = 1e\n", "  File \"t.py\", line 1\n    x = 1e\n        ^\nSyntaxError: invalid decimal literal\n"),
    ("x = 1_\n", "  File \"t.py\", line 1\n    x = 1_\n         ^\nSyntaxError: invalid decimal literal\n"),
    ("x = 1__0\n", "  File \"t.py\", line 1\n    x = 1__0\n         ^\nSyntaxError: invalid decimal literal\n"),
    ("x = f'abc\n", "  File \"t.py\", line 1\n    x = f'abc\n        ^\nSyntaxError: unterminated string literal (detected at line 1)\n"),
    ("x = 'abc\n\n\n", "  File \"t.py\", line 1\n    x = 'abc\n        ^\nSyntaxError: unterminated string literal (detected at line 1)\n"),
    ("x = \"\"\"abc", "  File \"t.py\", line 1\n    x = \"\"\"abc\n        ^\nSyntaxError: unterminated triple-quoted string literal (detected at line 1)\n"),
    ("x = \"\"\"abc\n", "  File \"t.py\", line 1\n    x = \"\"\"abc\n        ^\nSyntaxError: unterminated triple-quoted string literal (detected at line 1)\n"),
    ("x = \"\"\"abc\nd\n\n", "  File \"t.py\", line 1\n    x = \"\"\"abc\n        ^\nSyntaxError: unterminated triple-quoted string literal (detected at line 3)\n"),
    ("x = rb'abc\ny = 2\n", "  File \"t.py\", line 1\n    x = rb'abc\n        ^\nSyntaxError: unterminated string literal (detected at line 1)\n"),
    ("def f():\n    x = yield = 3\n", "  File \"t.py\", line 2\n    x = yield = 3\n        ^^^^^\nSyntaxError: assignment to yield expression not possible\n"),
    ("(x for x in y) = 1\n", "  File \"t.py\", line 1\n    (x for x in y) = 1\n    ^^^^^^^^^^^^^^\nSyntaxError: cannot assign to generator expression\n"),
    ("f() = x = 1\n", "  File \"t.py\", line 1\n    f() = x = 1\n    ^^^\nSyntaxError: cannot assign to function call\n"),
    ("f(**k, a)\n", "  File \"t.py\", line 1\n    f(**k, a)\n            ^\nSyntaxError: positional argument follows keyword argument unpacking\n"),
    ("x = a.b() = 3\n", "  File \"t.py\", line 1\n    x = a.b() = 3\n        ^^^^^\nSyntaxError: cannot assign to function call\n"),
    ("x + 1 = 2\n", "  File \"t.py\", line 1\n    x + 1 = 2\n    ^^^^^\nSyntaxError: cannot assign to expression here. Maybe you meant '==' instead of '='?\n"),
    ("(a, 1) = x\n", "  File \"t.py\", line 1\n    (a, 1) = x\n        ^\nSyntaxError: cannot assign to literal\n"),
    ("a < b = c\n", "  File \"t.py\", line 1\n    a < b = c\n    ^^^^^\nSyntaxError: cannot assign to comparison\n"),
    ("[x for x in y] = 1\n", "  File \"t.py\", line 1\n    [x for x in y] = 1\n    ^^^^^^^^^^^^^^\nSyntaxError: cannot assign to list comprehension here. Maybe you meant '==' instead of '='?\n"),
    ("x, f() = 1, 2\n", "  File \"t.py\", line 1\n    x, f() = 1, 2\n       ^^^\nSyntaxError: cannot assign to function call here. Maybe you meant '==' instead of '='?\n"),
    ("None = 1\n", "  File \"t.py\", line 1\n    None = 1\n    ^^^^\nSyntaxError: cannot assign to None\n"),
    ("x = 1\0\n", "  File \"t.py\", line 1\n    x = 1\nSyntaxError: source code cannot contain null bytes\n"),
    ("if x:\n if x:\n  if x:\n   if x:\n    if x:\n     if x:\n      if x:\n       if x:\n        if x:\n         if x:\n          if x:\n           if x:\n            if x:\n             if x:\n              if x:\n               if x:\n                if x:\n                 if x:\n                  if x:\n                   if x:\n                    if x:\n                     if x:\n                      if x:\n                       if x:\n                        if x:\n                         if x:\n                          if x:\n                           if x:\n                            if x:\n                             if x:\n                              if x:\n                               if x:\n                                if x:\n                                 if x:\n                                  if x:\n                                   if x:\n                                    if x:\n                                     if x:\n                                      if x:\n                                       if x:\n                                        if x:\n                                         if x:\n                                          if x:\n                                           if x:\n                                            if x:\n                                             if x:\n                                              if x:\n                                               if x:\n                                                if x:\n                                                 if x:\n                                                  if x:\n                                                   if x:\n                                                    if x:\n                                                     if x:\n                                                      if x:\n                                                       if x:\n                                                        if x:\n                                                         if x:\n                                                          if x:\n                                                           if x:\n                                                            if x:\n                                                             if x:\n                                                              if x:\n                                                               if x:\n                                                                if x:\n                                                                 if x:\n                                                                  if x:\n                                                                   if x:\n                                                                    if x:\n                                                                     if x:\n                                                                      if x:\n                                                                       if x:\n                                                                        if x:\n                                                                         if x:\n                                                                          if x:\n                                                                           if x:\n                                                                            if x:\n                                                                             if x:\n                                                                              if x:\n                                                                               if x:\n                                                                                if x:\n                                                                                 if x:\n                                                                                  if x:\n                                                                                   if x:\n                                                                                    if x:\n                                                                                     if x:\n                                                                                      if x:\n                                                                                       if x:\n                                                                                        if x:\n                                                                                         if x:\n                                                                                          if x:\n                                                                                           if x:\n                                                                                            if x:\n                                                                                             if x:\n                                                                                              if x:\n                                                                                               if x:\n                                                                                                if x:\n                                                                                                 if x:\n                                                                                                  if x:\n                                                                                                   if x:\n                                                                                                    if x:\n                                                                                                     pass\n", "  File \"t.py\", line 101\n    if x:\nIndentationError: too many levels of indentation\n"),
    ("x = ((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((()))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))\n", "  File \"t.py\", line 1\n    x = ((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((()))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))\n                                                                                                                                                                                                                ^\nSyntaxError: too many nested parentheses\n"),
    ("x = 1 + \\ 2\n", "  File \"t.py\", line 1\n    x = 1 + \\ 2\n             ^\nSyntaxError: unexpected character after line continuation character\n"),
    ("x = 1 + \\", "  File \"t.py\", line 1\n    x = 1 + \\\n             ^\nSyntaxError: unexpected EOF while parsing\n"),
    ("x = (1 +\n", "  File \"t.py\", line 1\n    x = (1 +\n        ^\nSyntaxError: '(' was never closed\n"),
    ("x = 1\n\\\n", "  File \"t.py\", line 2\n    \\\nSyntaxError: unexpected EOF while parsing\n"),
    ("x = (1]\n", "  File \"t.py\", line 1\n    x = (1]\n          ^\nSyntaxError: closing parenthesis ']' does not match opening parenthesis '('\n"),
    ("x = (1,\n 2]\n", "  File \"t.py\", line 2\n    2]\n     ^\nSyntaxError: closing parenthesis ']' does not match opening parenthesis '(' on line 1\n"),
    ("x = ]\n", "  File \"t.py\", line 1\n    x = ]\n        ^\nSyntaxError: unmatched ']'\n"),
    ("x = 1 if y\n", "  File \"t.py\", line 1\n    x = 1 if y\n        ^^^^^^\nSyntaxError: expected 'else' after 'if' expression\n"),
    ("lambda x y: 1\n", "  File \"t.py\", line 1\n    lambda x y: 1\n             ^\nSyntaxError: invalid syntax\n"),
    ("f(x for x in y, 1)\n", "  File \"t.py\", line 1\n    f(x for x in y, 1)\n      ^^^^^^^^^^^^\nSyntaxError: Generator expression must be parenthesized\n"),
    ("if x y:\n    pass\n", "  File \"t.py\", line 1\n    if x y:\n         ^\nSyntaxError: invalid syntax\n"),
    ("x = [1, 2 for x in y]\n", "  File \"t.py\", line 1\n    x = [1, 2 for x in y]\n         ^^^^\nSyntaxError: did you forget parentheses around the comprehension target?\n"),
    ("import a.b as\n", "  File \"t.py\", line 1\n    import a.b as\n                 ^\nSyntaxError: invalid syntax\n"),
    ("def f(x):\n    return x\n   y = 1\n", "  File \"t.py\", line 3\n    y = 1\n         ^\nIndentationError: unindent does not match any outer indentation level\n"),
    ("class C:\n    def f(self):\n        pass\n  x = 1\n", "  File \"t.py\", line 4\n    x = 1\n         ^\nIndentationError: unindent does not match any outer indentation level\n"),
    ("x = 1\n  \n\ty = 2\n", "  File \"t.py\", line 3\n    y = 2\nIndentationError: unexpected indent\n"),
    ("x = 1\u{a0}+ 2\n", "  File \"t.py\", line 1\n    x = 1\u{a0}+ 2\n         ^\nSyntaxError: invalid non-printable character U+00A0\n"),
    ("x\u{200b} = 1\n", "  File \"t.py\", line 1\n    x\u{200b} = 1\n     ^\nSyntaxError: invalid non-printable character U+200B\n"),
    ("x = 'abc' \u{1}\n", "  File \"t.py\", line 1\n    x = 'abc' \u{1}\n              ^\nSyntaxError: invalid non-printable character U+0001\n"),
    ("return 1\ntry:\n    pass\nexcept:\n    pass\nexcept E:\n    pass\n", "  File \"t.py\", line 1\n    return 1\n    ^^^^^^^^\nSyntaxError: 'return' outside function\n"),
    ("del f()\nbreak\n", "  File \"t.py\", line 1\n    del f()\n        ^^^\nSyntaxError: cannot delete function call\n"),
    ("return 1\ntry:\n    pass\nexcept E, e:\n    pass\n", "  File \"t.py\", line 4\n    except E, e:\n           ^^^^\nSyntaxError: multiple exception types must be parenthesized\n"),
    ("return 1\n*a = 1\n", "  File \"t.py\", line 1\n    return 1\n    ^^^^^^^^\nSyntaxError: 'return' outside function\n"),
    ("return 1\nx = 1 +\n", "  File \"t.py\", line 2\n    x = 1 +\n           ^\nSyntaxError: invalid syntax\n"),
    ("def f():\n    global x\n    x = 1\n    global x\nbreak\n", "  File \"t.py\", line 4\n    global x\n    ^^^^^^^^\nSyntaxError: name 'x' is assigned to before global declaration\n"),
    ("break\ndef f():\n    x = 1\n    global x\n", "  File \"t.py\", line 4\n    global x\n    ^^^^^^^^\nSyntaxError: name 'x' is assigned to before global declaration\n"),
    ("def f(a, a):\n    return 1\nbreak\n", "  File \"t.py\", line 1\n    def f(a, a):\n             ^\nSyntaxError: duplicate argument 'a' in function definition\n"),
    ("a, *b, *c = d\nbreak\n", "  File \"t.py\", line 1\n    a, *b, *c = d\n    ^^^^^^^^^\nSyntaxError: multiple starred expressions in assignment\n"),
    ("f(**k, *a)\nbreak\n", "  File \"t.py\", line 1\n    f(**k, *a)\n           ^\nSyntaxError: iterable argument unpacking follows keyword argument unpacking\n"),
    ("x = f'{x!z}'\n", "  File \"t.py\", line 1\n    x = f'{x!z}'\n                ^\nSyntaxError: f-string: invalid conversion character: expected 's', 'r', or 'a'\n"),
    ("x = f'{}'\n", "  File \"t.py\", line 1\n    x = f'{}'\n             ^\nSyntaxError: f-string: empty expression not allowed\n"),
    ("x = f'{x'\n", "  File \"t.py\", line 1\n    x = f'{x'\n             ^\nSyntaxError: f-string: expecting '}'\n"),
    ("x = f'}'\n", "  File \"t.py\", line 1\n    x = f'}'\n            ^\nSyntaxError: f-string: single '}' is not allowed\n"),
    ("x = f'{x!}'\n", "  File \"t.py\", line 1\n    x = f'{x!}'\n               ^\nSyntaxError: f-string: invalid conversion character: expected 's', 'r', or 'a'\n"),
    ("print(f'a {x:{y:{z}}} b')\n", "  File \"t.py\", line 1\n    print(f'a {x:{y:{z}}} b')\n                            ^\nSyntaxError: f-string: expressions nested too deeply\n"),
    ("x = f'{x:d}' + f'{a b}'\n", "  File \"t.py\", line 1\n    (a b)\n     ^^^\nSyntaxError: f-string: invalid syntax. Perhaps you forgot a comma?\n"),
    ("x = f'{lambda x: 1}'\n", "  File \"t.py\", line 1\n    (lambda x)\n             ^\nSyntaxError: f-string: invalid syntax\n"),
    ("x = 1\ny = f'{!r}'\n", "  File \"t.py\", line 2\n    y = f'{!r}'\n               ^\nSyntaxError: f-string: expression required before '!'\n"),
    ("try:\n    pass\nx = 1\n", "  File \"t.py\", line 3\n    x = 1\n    ^\nSyntaxError: expected 'except' or 'finally' block\n"),
    ("try:\n    pass\n\n\n", "  File \"t.py\", line 4\n    \nSyntaxError: expected 'except' or 'finally' block\n"),
    ("def f():\n    try:\n        pass\n    return 1\n", "  File \"t.py\", line 4\n    return 1\n    ^^^^^^\nSyntaxError: expected 'except' or 'finally' block\n"),
    ("try:\n    pass\nelse:\n    pass\n", "  File \"t.py\", line 3\n    else:\n    ^^^^\nSyntaxError: expected 'except' or 'finally' block\n"),
    ("def f():\n    print 'inside'\n", "  File \"t.py\", line 2\n    print 'inside'\n    ^^^^^^^^^^^^^^\nSyntaxError: Missing parentheses in call to 'print'. Did you mean print(...)?\n"),
    ("for i in range(3):\n    print i, i * 2\n", "  File \"t.py\", line 2\n    print i, i * 2\n    ^^^^^^^^^^^^^^\nSyntaxError: Missing parentheses in call to 'print'. Did you mean print(...)?\n"),
    ("import os\nprint 'pid %d' % os.getpid()\n", "  File \"t.py\", line 2\n    print 'pid %d' % os.getpid()\n    ^^^^^^^^^^^^^^^^^^^^^^^^^^^^\nSyntaxError: Missing parentheses in call to 'print'. Did you mean print(...)?\n"),
    ("if True:\n    x = 1\n  y = 2\n", "  File \"t.py\", line 3\n    y = 2\n         ^\nIndentationError: unindent does not match any outer indentation level\n"),
    ("def f():\n    nonlocal y\n    y = 1\n", "  File \"t.py\", line 2\n    nonlocal y\n    ^^^^^^^^^^\nSyntaxError: no binding for nonlocal 'y' found\n"),
    ("def f(x):\n    global x\n", "  File \"t.py\", line 2\n    global x\n    ^^^^^^^^\nSyntaxError: name 'x' is parameter and global\n"),
    ("def f():\n    x = 1\n    def g():\n        nonlocal x\n        global x\n", "  File \"t.py\", line 4\n    nonlocal x\n    ^^^^^^^^^^\nSyntaxError: name 'x' is nonlocal and global\n"),
    ("class C:\n    return 1\n", "  File \"t.py\", line 2\n    return 1\n    ^^^^^^^^\nSyntaxError: 'return' outside function\n"),
    ("while True:\n    def f():\n        break\n", "  File \"t.py\", line 3\n    break\n    ^^^^^\nSyntaxError: 'break' outside loop\n"),
    ("for x in y:\n    class C:\n        continue\n", "  File \"t.py\", line 3\n    continue\n    ^^^^^^^^\nSyntaxError: 'continue' not properly in loop\n"),
    ("def f():\n    import *\n", "  File \"t.py\", line 2\n    import *\n           ^\nSyntaxError: invalid syntax\n"),
    ("def f():\n    from os import *\n", "  File \"t.py\", line 2\n    from os import *\n                   ^\nSyntaxError: import * only allowed at module level\n"),
    ("x = 1\nglobal x\n", "  File \"t.py\", line 2\n    global x\n    ^^^^^^^^\nSyntaxError: name 'x' is assigned to before global declaration\n"),
    ("def f():\n    y: int = 1\n    global y\n", "  File \"t.py\", line 3\n    global y\n    ^^^^^^^^\nSyntaxError: annotated name 'y' can't be global\n"),
    ("[(y := 1) for y in range(3)]\n", "  File \"t.py\", line 1\n    [(y := 1) for y in range(3)]\n      ^\nSyntaxError: assignment expression cannot rebind comprehension iteration variable 'y'\n"),
    ("class C:\n    [(z := 1) for x in range(3)]\n", "  File \"t.py\", line 2\n    [(z := 1) for x in range(3)]\n      ^\nSyntaxError: assignment expression within a comprehension cannot be used in a class body\n"),
    ("[i for i in (j := range(3))]\n", "  File \"t.py\", line 1\n    [i for i in (j := range(3))]\n                 ^^^^^^^^^^^^^\nSyntaxError: assignment expression cannot be used in a comprehension iterable expression\n"),
    ("def f(a, b, a=1):\n    pass\n", "  File \"t.py\", line 1\n    def f(a, b, a=1):\n                ^\nSyntaxError: duplicate argument 'a' in function definition\n"),
    ("lambda a, a: 1\n", "  File \"t.py\", line 1\n    lambda a, a: 1\n              ^\nSyntaxError: duplicate argument 'a' in function definition\n"),
    ("f(a=1, a=2)\n", "  File \"t.py\", line 1\n    f(a=1, a=2)\n           ^^^\nSyntaxError: keyword argument repeated: a\n"),
    ("x = 1 +* 2\n", "  File \"t.py\", line 1\n    x = 1 +* 2\n           ^\nSyntaxError: invalid syntax\n"),
    ("from __future__ import braces\n", "  File \"t.py\", line 1\n    from __future__ import braces\n    ^\nSyntaxError: not a chance\n"),
    ("from __future__ import nope\n", "  File \"t.py\", line 1\n    from __future__ import nope\n    ^\nSyntaxError: future feature nope is not defined\n"),
    ("x = 1\nfrom __future__ import division\n", "  File \"t.py\", line 2\n    from __future__ import division\n    ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^\nSyntaxError: from __future__ imports must occur at the beginning of the file\n"),
    ("a = 1\n\tb = 2\n", "  File \"t.py\", line 2\n    b = 2\nIndentationError: unexpected indent\n"),
    ("if x:\n\tpass\n        pass\n", "  File \"t.py\", line 3\n    pass\nTabError: inconsistent use of tabs and spaces in indentation\n"),
    ("x = '''\nabc\n", "  File \"t.py\", line 1\n    x = '''\n        ^\nSyntaxError: unterminated triple-quoted string literal (detected at line 2)\n"),
    ("x = [\n  1,\n  2,\n", "  File \"t.py\", line 1\n    x = [\n        ^\nSyntaxError: '[' was never closed\n"),
    ("x = {'a': [1, 2}\n", "  File \"t.py\", line 1\n    x = {'a': [1, 2}\n                   ^\nSyntaxError: closing parenthesis '}' does not match opening parenthesis '['\n"),
    ("print(f'{x!z}')\n", "  File \"t.py\", line 1\n    print(f'{x!z}')\n                  ^\nSyntaxError: f-string: invalid conversion character: expected 's', 'r', or 'a'\n"),
    ("def f():\n    return\n  return\n", "  File \"t.py\", line 3\n    return\n          ^\nIndentationError: unindent does not match any outer indentation level\n"),
    ("x = (yield)\n", "  File \"t.py\", line 1\n    x = (yield)\n         ^^^^^\nSyntaxError: 'yield' outside function\n"),
    ("await x\n", "  File \"t.py\", line 1\n    await x\n    ^^^^^^^\nSyntaxError: 'await' outside function\n"),
    ("del 1\n", "  File \"t.py\", line 1\n    del 1\n        ^\nSyntaxError: cannot delete literal\n"),
    ("(a, b) += 1\n", "  File \"t.py\", line 1\n    (a, b) += 1\n    ^^^^^^\nSyntaxError: 'tuple' is an illegal expression for augmented assignment\n"),
    ("x.y: int, z = 1\n", "  File \"t.py\", line 1\n    x.y: int, z = 1\n            ^\nSyntaxError: invalid syntax\n"),
    ("f(x for x in y, z for z in w)\n", "  File \"t.py\", line 1\n    f(x for x in y, z for z in w)\n      ^^^^^^^^^^^^\nSyntaxError: Generator expression must be parenthesized\n"),
    ("def f(**kw, a):\n    pass\n", "  File \"t.py\", line 1\n    def f(**kw, a):\n                ^\nSyntaxError: arguments cannot follow var-keyword argument\n"),
    ("def f(*, **kw):\n    pass\n", "  File \"t.py\", line 1\n    def f(*, **kw):\n          ^\nSyntaxError: named arguments must follow bare *\n"),
    ("with open(x) as f()\n    pass\n", "  File \"t.py\", line 1\n    with open(x) as f()\n                       ^\nSyntaxError: invalid syntax\n"),
    ("x = 5 6\n", "  File \"t.py\", line 1\n    x = 5 6\n          ^\nSyntaxError: invalid syntax\n"),
    ("x = [1 2 3]\n", "  File \"t.py\", line 1\n    x = [1 2 3]\n         ^^^\nSyntaxError: invalid syntax. Perhaps you forgot a comma?\n"),
    ("if x == 1\n    print(x)\n", "  File \"t.py\", line 1\n    if x == 1\n             ^\nSyntaxError: expected ':'\n"),
    ("else:\n    pass\n", "  File \"t.py\", line 1\n    else:\n    ^^^^\nSyntaxError: invalid syntax\n"),
    ("elif x:\n    pass\n", "  File \"t.py\", line 1\n    elif x:\n    ^^^^\nSyntaxError: invalid syntax\n"),
    ("try:\n    pass\n", "  File \"t.py\", line 2\n    pass\nSyntaxError: expected 'except' or 'finally' block\n"),
    ("  x = 1\n", "  File \"t.py\", line 1\n    x = 1\nIndentationError: unexpected indent\n"),
    ("x = 1\n y = 2\n", "  File \"t.py\", line 2\n    y = 2\nIndentationError: unexpected indent\n"),
    ("def f():\n\treturn 1\n        return 2\n", "  File \"t.py\", line 3\n    return 2\nTabError: inconsistent use of tabs and spaces in indentation\n"),
    ("s = \"abc\nprint(s)\n", "  File \"t.py\", line 1\n    s = \"abc\n        ^\nSyntaxError: unterminated string literal (detected at line 1)\n"),
    ("print(\"hello\"\n", "  File \"t.py\", line 1\n    print(\"hello\"\n         ^\nSyntaxError: '(' was never closed\n"),
    ("print('a' 'b')\nprint('x' y)\n", "  File \"t.py\", line 2\n    print('x' y)\n          ^^^^^\nSyntaxError: invalid syntax. Perhaps you forgot a comma?\n"),
    ("x = 0o\n", "  File \"t.py\", line 1\n    x = 0o\n         ^\nSyntaxError: invalid octal literal\n"),
    ("x = 0b\n", "  File \"t.py\", line 1\n    x = 0b\n         ^\nSyntaxError: invalid binary literal\n"),
    ("x = 1.2.3\n", "  File \"t.py\", line 1\n    x = 1.2.3\n           ^^\nSyntaxError: invalid syntax\n"),
    ("x = 3abc\n", "  File \"t.py\", line 1\n    x = 3abc\n        ^\nSyntaxError: invalid decimal literal\n"),
    ("x = 5 €\n", "  File \"t.py\", line 1\n    x = 5 €\n          ^\nSyntaxError: invalid character '€' (U+20AC)\n"),
    ("def f(x):\n    return x +\n", "  File \"t.py\", line 2\n    return x +\n              ^\nSyntaxError: invalid syntax\n"),
    ("a = 1 if b else\n", "  File \"t.py\", line 1\n    a = 1 if b else\n                   ^\nSyntaxError: invalid syntax\n"),
    ("raise E from\n", "  File \"t.py\", line 1\n    raise E from\n                ^\nSyntaxError: invalid syntax\n"),
    ("import a as\n", "  File \"t.py\", line 1\n    import a as\n               ^\nSyntaxError: invalid syntax\n"),
    ("x = not\n", "  File \"t.py\", line 1\n    x = not\n           ^\nSyntaxError: invalid syntax\n"),
    ("f(**)\n", "  File \"t.py\", line 1\n    f(**)\n        ^\nSyntaxError: invalid syntax\n"),
    ("x = [*]\n", "  File \"t.py\", line 1\n    x = [*]\n          ^\nSyntaxError: invalid syntax\n"),
    ("print(*)\n", "  File \"t.py\", line 1\n    print(*)\n           ^\nSyntaxError: invalid syntax\n"),
    ("x = [f(a) g(b)]\n", "  File \"t.py\", line 1\n    x = [f(a) g(b)]\n         ^^^^^^^^^\nSyntaxError: invalid syntax. Perhaps you forgot a comma?\n"),
    ("print('total:' len(items))\n", "  File \"t.py\", line 1\n    print('total:' len(items))\n          ^^^^^^^^^^^^^^^^^^^\nSyntaxError: invalid syntax. Perhaps you forgot a comma?\n"),
    ("print(a[0] b[1])\n", "  File \"t.py\", line 1\n    print(a[0] b[1])\n          ^^^^^^^^^\nSyntaxError: invalid syntax. Perhaps you forgot a comma?\n"),
    ("d = {'a': f(x) 'b': 2}\n", "  File \"t.py\", line 1\n    d = {'a': f(x) 'b': 2}\n              ^^^^^^^^\nSyntaxError: invalid syntax. Perhaps you forgot a comma?\n"),
    ("if x not in y z:\n    pass\n", "  File \"t.py\", line 1\n    if x not in y z:\n                  ^\nSyntaxError: invalid syntax\n"),
    ("x = (a.b c.d)\n", "  File \"t.py\", line 1\n    x = (a.b c.d)\n         ^^^^^^^\nSyntaxError: invalid syntax. Perhaps you forgot a comma?\n"),
    ("from os import path,\n", "  File \"t.py\", line 1\n    from os import path,\n                        ^\nSyntaxError: trailing comma not allowed without surrounding parentheses\n"),
    ("import os, sys,\n", "  File \"t.py\", line 1\n    import os, sys,\n                   ^\nSyntaxError: invalid syntax\n"),
    ("def f(x y):\n    pass\n", "  File \"t.py\", line 1\n    def f(x y):\n            ^\nSyntaxError: invalid syntax\n"),
    ("class C(A B):\n    pass\n", "  File \"t.py\", line 1\n    class C(A B):\n            ^^^\nSyntaxError: invalid syntax. Perhaps you forgot a comma?\n"),
    ("x = 1 ++ \n", "  File \"t.py\", line 1\n    x = 1 ++ \n             ^\nSyntaxError: invalid syntax\n"),
    ("print 'a' % (b, c), d\n", "  File \"t.py\", line 1\n    print 'a' % (b, c), d\n    ^^^^^^^^^^^^^^^^^^^^^\nSyntaxError: Missing parentheses in call to 'print'. Did you mean print(...)?\n"),
    ("exec code in ns\n", "  File \"t.py\", line 1\n    exec code in ns\n    ^^^^^^^^^^^^^^^\nSyntaxError: Missing parentheses in call to 'exec'. Did you mean exec(...)?\n"),
    ("def f():\n    print x\n", "  File \"t.py\", line 2\n    print x\n    ^^^^^^^\nSyntaxError: Missing parentheses in call to 'print'. Did you mean print(...)?\n"),
    ("if True:\n    print 'yes'\nelse:\n    print 'no'\n", "  File \"t.py\", line 2\n    print 'yes'\n    ^^^^^^^^^^^\nSyntaxError: Missing parentheses in call to 'print'. Did you mean print(...)?\n"),
    ("print('unclosed\n", "  File \"t.py\", line 1\n    print('unclosed\n          ^\nSyntaxError: unterminated string literal (detected at line 1)\n"),
    ("x = '''doc\n\ny = 1\n", "  File \"t.py\", line 1\n    x = '''doc\n        ^\nSyntaxError: unterminated triple-quoted string literal (detected at line 3)\n"),
    ("def f():\n    '''doc\n", "  File \"t.py\", line 2\n    '''doc\n    ^\nSyntaxError: unterminated triple-quoted string literal (detected at line 2)\n"),
    ("for i in range(10)\n    print(i)\n", "  File \"t.py\", line 1\n    for i in range(10)\n                      ^\nSyntaxError: expected ':'\n"),
    ("while True\n    pass\n", "  File \"t.py\", line 1\n    while True\n              ^\nSyntaxError: expected ':'\n"),
    ("def f(self)\n    pass\n", "  File \"t.py\", line 1\n    def f(self)\n               ^\nSyntaxError: expected ':'\n"),
    ("class A(object)\n    pass\n", "  File \"t.py\", line 1\n    class A(object)\n                   ^\nSyntaxError: expected ':'\n"),
    ("with open('f') as f\n    pass\n", "  File \"t.py\", line 1\n    with open('f') as f\n                       ^\nSyntaxError: expected ':'\n"),
    ("try:\n    x = 1\nexcept Exception as e\n    pass\n", "  File \"t.py\", line 3\n    except Exception as e\n                         ^\nSyntaxError: expected ':'\n"),
    ("try\n    x = 1\nexcept:\n    pass\n", "  File \"t.py\", line 1\n    try\n       ^\nSyntaxError: expected ':'\n"),
    ("x = 1\nif x = 1:\n    pass\n", "  File \"t.py\", line 2\n    if x = 1:\n       ^^^^^\nSyntaxError: invalid syntax. Maybe you meant '==' or ':=' instead of '='?\n"),
    ("if x == 1:\nprint(x)\n", "  File \"t.py\", line 2\n    print(x)\n    ^\nIndentationError: expected an indented block after 'if' statement on line 1\n"),
    ("for x in y:\n  a = 1\n   b = 2\n", "  File \"t.py\", line 3\n    b = 2\nIndentationError: unexpected indent\n"),
    ("def f():\n  if x:\n      a = 1\n    b = 2\n", "  File \"t.py\", line 4\n    b = 2\n         ^\nIndentationError: unindent does not match any outer indentation level\n"),
    ("x = [1, 2, 3\nprint(x)\n", "  File \"t.py\", line 1\n    x = [1, 2, 3\n        ^\nSyntaxError: '[' was never closed\n"),
    ("foo(a, b\nbar()\n", "  File \"t.py\", line 1\n    foo(a, b\n       ^\nSyntaxError: '(' was never closed\n"),
    ("x = {'a': 1\n", "  File \"t.py\", line 1\n    x = {'a': 1\n        ^\nSyntaxError: '{' was never closed\n"),
    ("x = (1 + 2))\n", "  File \"t.py\", line 1\n    x = (1 + 2))\n               ^\nSyntaxError: unmatched ')'\n"),
    ("x = [1, 2]]\n", "  File \"t.py\", line 1\n    x = [1, 2]]\n              ^\nSyntaxError: unmatched ']'\n"),
    ("def (x):\n    pass\n", "  File \"t.py\", line 1\n    def (x):\n        ^\nSyntaxError: invalid syntax\n"),
    ("def f(x)::\n    pass\n", "  File \"t.py\", line 1\n    def f(x)::\n             ^\nSyntaxError: invalid syntax\n"),
    ("x = 10 if y > 3\n", "  File \"t.py\", line 1\n    x = 10 if y > 3\n        ^^^^^^^^^^^\nSyntaxError: expected 'else' after 'if' expression\n"),
    ("True += 1\n", "  File \"t.py\", line 1\n    True += 1\n    ^^^^\nSyntaxError: 'True' is an illegal expression for augmented assignment\n"),
    ("del (a, f())\n", "  File \"t.py\", line 1\n    del (a, f())\n            ^^^\nSyntaxError: cannot delete function call\n"),
    ("a + 1 = b\n", "  File \"t.py\", line 1\n    a + 1 = b\n    ^^^^^\nSyntaxError: cannot assign to expression here. Maybe you meant '==' instead of '='?\n"),
    ("[a, b] = [f(), 2] = 3\n", "  File \"t.py\", line 1\n    [a, b] = [f(), 2] = 3\n              ^^^\nSyntaxError: cannot assign to function call\n"),
    ("'abc' = x\n", "  File \"t.py\", line 1\n    'abc' = x\n    ^^^^^\nSyntaxError: cannot assign to literal here. Maybe you meant '==' instead of '='?\n"),
    ("x = y = f() = 3\n", "  File \"t.py\", line 1\n    x = y = f() = 3\n            ^^^\nSyntaxError: cannot assign to function call\n"),
    ("for 1 in x:\n    pass\n", "  File \"t.py\", line 1\n    for 1 in x:\n        ^\nSyntaxError: cannot assign to literal\n"),
    ("with a as 1:\n    pass\n", "  File \"t.py\", line 1\n    with a as 1:\n              ^\nSyntaxError: cannot assign to literal\n"),
    ("[x for 1 in y]\n", "  File \"t.py\", line 1\n    [x for 1 in y]\n           ^\nSyntaxError: cannot assign to literal\n"),
    ("(a := 1) = 2\n", "  File \"t.py\", line 1\n    (a := 1) = 2\n     ^^^^^^\nSyntaxError: cannot assign to named expression here. Maybe you meant '==' instead of '='?\n"),
    ("f(a=1, *b, c)\n", "  File \"t.py\", line 1\n    f(a=1, *b, c)\n                ^\nSyntaxError: positional argument follows keyword argument\n"),
    ("x = 1 2\n", "  File \"t.py\", line 1\n    x = 1 2\n          ^\nSyntaxError: invalid syntax\n"),
    ("return\n", "  File \"t.py\", line 1\n    return\n    ^^^^^^\nSyntaxError: 'return' outside function\n"),
    ("yield x\n", "  File \"t.py\", line 1\n    yield x\n    ^^^^^^^\nSyntaxError: 'yield' outside function\n"),
    ("class C:\n    yield 1\n", "  File \"t.py\", line 2\n    yield 1\n    ^^^^^^^\nSyntaxError: 'yield' outside function\n"),
    ("def f():\n    class C:\n        return 1\n", "  File \"t.py\", line 3\n    return 1\n    ^^^^^^^^\nSyntaxError: 'return' outside function\n"),
    ("while x:\n    pass\nelse:\n    break\n", "  File \"t.py\", line 4\n    break\n    ^^^^^\nSyntaxError: 'break' outside loop\n"),
    ("for x in y:\n    def g():\n        continue\n", "  File \"t.py\", line 3\n    continue\n    ^^^^^^^^\nSyntaxError: 'continue' not properly in loop\n"),
    ("x = 1\n\n\n    y = 2\n", "  File \"t.py\", line 4\n    y = 2\nIndentationError: unexpected indent\n"),
    ("def f():\n    x = 1\n     y = 2\n", "  File \"t.py\", line 3\n    y = 2\nIndentationError: unexpected indent\n"),
    ("if a:\n\tb\n  \tc\n", "  File \"t.py\", line 3\n    c\nTabError: inconsistent use of tabs and spaces in indentation\n"),
    ("s = 'it''s'\nt = 'bad\n", "  File \"t.py\", line 2\n    t = 'bad\n        ^\nSyntaxError: unterminated string literal (detected at line 2)\n"),
    ("x = \\\n  1 + \\ 2\n", "  File \"t.py\", line 2\n    1 + \\ 2\n           ^\nSyntaxError: unexpected character after line continuation character\n"),
    ("a = 1\nb = (2,\n     3\nc = 4\n", "  File \"t.py\", line 2\n    b = (2,\n        ^\nSyntaxError: '(' was never closed\n"),
    ("def f(a, *, b, **c, d):\n    pass\n", "  File \"t.py\", line 1\n    def f(a, *, b, **c, d):\n                        ^\nSyntaxError: arguments cannot follow var-keyword argument\n"),
    ("def f():\n    def g():\n        nonlocal q\n", "  File \"t.py\", line 3\n    nonlocal q\n    ^^^^^^^^^^\nSyntaxError: no binding for nonlocal 'q' found\n"),
    ("def f(a):\n    nonlocal a\n", "  File \"t.py\", line 2\n    nonlocal a\n    ^^^^^^^^^^\nSyntaxError: name 'a' is parameter and nonlocal\n"),
    ("def f():\n    x = 1\n    nonlocal x\n", "  File \"t.py\", line 3\n    nonlocal x\n    ^^^^^^^^^^\nSyntaxError: name 'x' is assigned to before nonlocal declaration\n"),
    ("def f():\n    print(x)\n    nonlocal x\n", "  File \"t.py\", line 3\n    nonlocal x\n    ^^^^^^^^^^\nSyntaxError: name 'x' is used prior to nonlocal declaration\n"),
    ("def f():\n    global x\n    nonlocal x\n", "  File \"t.py\", line 2\n    global x\n    ^^^^^^^^\nSyntaxError: name 'x' is nonlocal and global\n"),
    ("x: int\nglobal x\n", "  File \"t.py\", line 2\n    global x\n    ^^^^^^^^\nSyntaxError: annotated name 'x' can't be global\n"),
    ("def f():\n    x: int\n    global x\n", "  File \"t.py\", line 3\n    global x\n    ^^^^^^^^\nSyntaxError: annotated name 'x' can't be global\n"),
    ("x = 0xg\n", "  File \"t.py\", line 1\n    x = 0xg\n         ^\nSyntaxError: invalid hexadecimal literal\n"),
    ("x = 1e+\n", "  File \"t.py\", line 1\n    x = 1e+\n          ^\nSyntaxError: invalid decimal literal\n"),
    ("x = 1.5j2\n", "  File \"t.py\", line 1\n    x = 1.5j2\n           ^\nSyntaxError: invalid imaginary literal\n"),
    ("x = 08\n", "  File \"t.py\", line 1\n    x = 08\n        ^\nSyntaxError: leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers\n"),
    ("x = 1_000_\n", "  File \"t.py\", line 1\n    x = 1_000_\n             ^\nSyntaxError: invalid decimal literal\n"),
    ("x = .5x\n", "  File \"t.py\", line 1\n    x = .5x\n         ^\nSyntaxError: invalid decimal literal\n"),
    ("émoji = '✓'\nx = é€\n", "  File \"t.py\", line 2\n    x = é€\n         ^\nSyntaxError: invalid character '€' (U+20AC)\n"),
    ("x = 1 ¬ 2\n", "  File \"t.py\", line 1\n    x = 1 ¬ 2\n          ^\nSyntaxError: invalid character '¬' (U+00AC)\n"),
    ("\u{feff}x = 1\ny = (\n", "  File \"t.py\", line 2\n    y = (\n        ^\nSyntaxError: '(' was never closed\n"),
    ("d = {}\nx = f\"{d[\"key\"]}\"\n", "  File \"t.py\", line 2\n    x = f\"{d[\"key\"]}\"\n              ^^^\nSyntaxError: f-string: unmatched '['\n"),
    ("x = f\"{'\\n'.join(y)}\"\n", "  File \"t.py\", line 1\n    x = f\"{'\\n'.join(y)}\"\n                         ^\nSyntaxError: f-string expression part cannot include a backslash\n"),
    ("x = f\"{a # c\n}\"\n", "  File \"t.py\", line 1\n    x = f\"{a # c\n        ^\nSyntaxError: unterminated string literal (detected at line 1)\n"),
    ("x = f\"{a:{b:{c}}}\"\n", "  File \"t.py\", line 1\n    x = f\"{a:{b:{c}}}\"\n                      ^\nSyntaxError: f-string: expressions nested too deeply\n"),
    ("x = f\"{a[}\"\n", "  File \"t.py\", line 1\n    x = f\"{a[}\"\n               ^\nSyntaxError: f-string: closing parenthesis '}' does not match opening parenthesis '['\n"),
    ("x = f\"{a)}\"\n", "  File \"t.py\", line 1\n    x = f\"{a)}\"\n               ^\nSyntaxError: f-string: unmatched ')'\n"),
    ("x = f\"{a!x}\"\n", "  File \"t.py\", line 1\n    x = f\"{a!x}\"\n                ^\nSyntaxError: f-string: invalid conversion character: expected 's', 'r', or 'a'\n"),
    ("x = f\"{a:{b}\"\n", "  File \"t.py\", line 1\n    x = f\"{a:{b}\"\n                 ^\nSyntaxError: f-string: expecting '}'\n"),
    ("x = f\"{a!r=}\"\n", "  File \"t.py\", line 1\n    x = f\"{a!r=}\"\n                 ^\nSyntaxError: f-string: expecting '}'\n"),
    ("x = f\"{1.m}\"\n", "  File \"t.py\", line 1\n    (1.m)\n      ^\nSyntaxError: invalid decimal literal\n"),
    ("\n\nx = f\"{a b}\"\n", "  File \"t.py\", line 3\n    (a b)\n     ^^^\nSyntaxError: f-string: invalid syntax. Perhaps you forgot a comma?\n"),
    ("x = f\"{0777}\"\n", "  File \"t.py\", line 1\n    (0777)\n     ^\nSyntaxError: leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers\n"),
    ("x = f\"{a $ b}\"\n", "  File \"t.py\", line 1\n    (a $ b)\n       ^\nSyntaxError: f-string: invalid syntax\n"),
    ("x, y: int = 1\n", "  File \"t.py\", line 1\n    x, y: int = 1\n    ^\nSyntaxError: only single target (not tuple) can be annotated\n"),
    ("(x, y): int = 1\n", "  File \"t.py\", line 1\n    (x, y): int = 1\n    ^^^^^^\nSyntaxError: only single target (not tuple) can be annotated\n"),
    ("[x, y]: int\n", "  File \"t.py\", line 1\n    [x, y]: int\n    ^^^^^^\nSyntaxError: only single target (not list) can be annotated\n"),
    ("f(): int = 1\n", "  File \"t.py\", line 1\n    f(): int = 1\n    ^^^\nSyntaxError: illegal target for annotation\n"),
    ("sum(x for b in 's' if a else 's')\n", "  File \"t.py\", line 1\n    sum(x for b in 's' if a else 's')\n                            ^^^^\nSyntaxError: invalid syntax\n"),
    ("f(x for x in y if a else b, 1)\n", "  File \"t.py\", line 1\n    f(x for x in y if a else b, 1)\n                        ^^^^\nSyntaxError: invalid syntax\n"),
    ("[x for x in [y for y in (z := w)]]\n", "  File \"t.py\", line 1\n    [x for x in [y for y in (z := w)]]\n                             ^^^^^^\nSyntaxError: assignment expression cannot be used in a comprehension iterable expression\n"),
    ("[x for x in {k: (z := 1) for k in w}]\n", "  File \"t.py\", line 1\n    [x for x in {k: (z := 1) for k in w}]\n                     ^^^^^^\nSyntaxError: assignment expression cannot be used in a comprehension iterable expression\n"),
    ("x = f\"{a!}\"\n", "  File \"t.py\", line 1\n    x = f\"{a!}\"\n               ^\nSyntaxError: f-string: invalid conversion character: expected 's', 'r', or 'a'\n"),
    ("x = f\"{:>5}\"\n", "  File \"t.py\", line 1\n    x = f\"{:>5}\"\n                ^\nSyntaxError: f-string: expression required before ':'\n"),
];
/// The programs of the tutorials in `shared/seeds/`, converted to Python 3 (2to3, console
/// transcripts cut off).
const SEEDS: &[&str] = &[
    r#"# multiprocessing.py
import os

print('Process (%s) start...' % os.getpid())
pid = os.fork()
if pid==0:
    print('I am child process (%s) and my parent is %s.' % (os.getpid(), os.getppid()))
else:
    print('I (%s) just created a child process (%s).' % (os.getpid(), pid))
"#,
    r#"from multiprocessing import Process
import os

def run_proc(name):
	print('Run child process %s (%s)...' % (name,os.getpid()))

if __name__=='__main__':
	print('Run child process %s .' % os.getpid())
	p = Process(target=run_proc,args=('test',))
	print('Process will start.')
	p.start()	# 启动`start()`
	p.join()	# 等待子进程结束再继续往下运行
	print('Process end.')
"#,
    r#"from multiprocessing import pool
import os,time,random

def long_time_task(name):
	print('Run task %s (%s)...' % (name,os.getpid()))
	start = time.time()
	time.sleep(random.random() * 3)
	end = time.time()
	print('Task %s runs %0.2f seconds.' % (name,(end - start)))

if __name__=='__main__':
	print('Parent process %s.' % os.getpid())
	p = Pool()
	for i in range(5):
		p.apply_async(long_time_task,args=(i,))
	print('Waiting for all subprocesses done...')
	p.close()
	p.join()
	print('All subprocesses done.')
"#,
    r#"from multiprocessing import Process,Queue
import os,time,random

def write(q):
	for value in ['A','B','C']:
		print('Put %s to queue...' % value)
		q.put(value)
		time.sleep(random.random())

def read(q):
	while True:
		value = q.get(True)
		print('Get %s from queue.' % value)

if __name__=='__main__':
	q = Queue()
	pw = Process(target=write,args=(q,))
	pr = Process(target=read,args=(q,))
	pw.start()
	pr.start()
	pw.join() # 等待pw结束
	pr.terminate() # pr进程是死循环，无法等待其结束，只能强制终止
"#,
    r#"### 2.Pool进程池方式

"#,
    r#"## 进程间通信

### 多进程间通信

"#,
    r#"### 多进程间通信
"#,
    r#"import os

print('Process (%s) start...' % os.getpid())
# Only works on Unix/Linux/Mac:
pid = os.fork()
if pid == 0:
    print('I am child process (%s) and my parent is %s.' % (os.getpid(), os.getppid()))
else:
    print('I (%s) just created a child process (%s).' % (os.getpid(), pid))
"#,
    r#"from multiprocessing import Process
import os

# 子进程要执行的代码
def run_proc(name):
    print('Run child process %s (%s)...' % (name, os.getpid()))

if __name__=='__main__':
    print('Parent process %s.' % os.getpid())
    p = Process(target=run_proc, args=('test',))
    print('Child process will start.')
    p.start()
    p.join()
    print('Child process end.')
    
"#,
    r#"from multiprocessing import Pool
import os, time, random

def long_time_task(name):
    print(('Run task %s (%s)...' % (name, os.getpid())))
    start = time.time()
    time.sleep(random.random() * 3)
    end = time.time()
    print(('Task %s runs %0.2f seconds.' % (name, (end - start))))

if __name__=='__main__':
    print(('Parent process %s.' % os.getpid()))
    p = Pool(4)	# 默认为CPU的核数
    for i in range(5):
        p.apply_async(long_time_task, args=(i,))
    print('Waiting for all subprocesses done...')
    p.close()	# 先
    p.join()	# 后
    print('All subprocesses done.')
    
    
"#,
    r#"import subprocess

print('$ nslookup www.python.org')
r = subprocess.call(['nslookup', 'www.python.org'])
print('Exit code:', r)

"#,
    r#"import subprocess

print('$ nslookup')
p = subprocess.Popen(['nslookup'], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
output, err = p.communicate(b'set q=mx\npython.org\nexit\n')
print(output.decode('utf-8'))
print('Exit code:', p.returncode)

"""
set q=mx
python.org
exit
"""

"#,
    r#"from multiprocessing import Process, Queue
import os, time, random

# 写数据进程执行的代码:
def write(q):
    print('Process to write: %s' % os.getpid())
    for value in ['A', 'B', 'C']:
        print('Put %s to queue...' % value)
        q.put(value)
        time.sleep(random.random())

# 读数据进程执行的代码:
def read(q):
    print('Process to read: %s' % os.getpid())
    while True:
        value = q.get(True)
        print('Get %s from queue.' % value)

if __name__=='__main__':
    # 父进程创建Queue，并传给各个子进程：
    q = Queue()
    pw = Process(target=write, args=(q,))
    pr = Process(target=read, args=(q,))
    # 启动子进程pw，写入:
    pw.start()
    # 启动子进程pr，读取:
    pr.start()
    # 等待pw结束:
    pw.join()
    # pr进程里是死循环，无法等待其结束，只能强行终止:
    pr.terminate()
    
"#,
    r#"import time, threading

# 新线程执行的代码:
def loop():
    print('thread %s is running...' % threading.current_thread().name)	# 子进程
    n = 0
    while n < 5:
        n = n + 1
        print('thread %s >>> %s' % (threading.current_thread().name, n))
        time.sleep(1)
    print('thread %s ended.' % threading.current_thread().name)

print('thread %s is running...' % threading.current_thread().name)	# 主进程
t = threading.Thread(target=loop, name='LoopThread')
t.start()
t.join()
print('thread %s ended.' % threading.current_thread().name)

"#,
    r#"balance = 0
lock = threading.Lock()

def run_thread(n):
    for i in range(100000):
        # 先要获取锁:
        lock.acquire()
        try:
            # 放心地改吧:
            change_it(n)
        finally:
            # 改完了一定要释放锁:
            lock.release()
"#,
    r#"import threading
    
# 创建全局ThreadLocal对象，其实为一个dict
local_school = threading.local()

def process_student():
    # 获取当前线程关联的student:
    std = local_school.student
    print('Hello, %s (in %s)' % (std, threading.current_thread().name))

def process_thread(name):
    # 绑定ThreadLocal的student:
    local_school.student = name
    process_student()

t1 = threading.Thread(target= process_thread, args=('Alice',), name='Thread-A')
t2 = threading.Thread(target= process_thread, args=('Bob',), name='Thread-B')
t1.start()
t2.start()
t1.join()
t2.join()

"#,
    r#"# task_master.py

import random, time, queue
from multiprocessing.managers import BaseManager

# 发送任务的队列:
task_queue = queue.Queue()
# 接收结果的队列:
result_queue = queue.Queue()

# 从BaseManager继承的QueueManager:
class QueueManager(BaseManager):
    pass

# 把两个Queue都注册到网络上, callable参数关联了Queue对象:
QueueManager.register('get_task_queue', callable=lambda: task_queue)
QueueManager.register('get_result_queue', callable=lambda: result_queue)
# 绑定端口5000, 设置验证码'abc':
manager = QueueManager(address=('', 5000), authkey=b'abc')
# 启动Queue:
manager.start()
# 获得通过网络访问的Queue对象:
task = manager.get_task_queue()
result = manager.get_result_queue()
# 放几个任务进去:
for i in range(10):
    n = random.randint(0, 10000)
    print('Put task %d...' % n)
    task.put(n)
# 从result队列读取结果:
print('Try get results...')
for i in range(10):
    r = result.get(timeout=10)
    print('Result: %s' % r)
# 关闭:
manager.shutdown()
print('master exit.')

"#,
    r#"# task_worker.py

import time, sys, queue
from multiprocessing.managers import BaseManager

# 创建类似的QueueManager:
class QueueManager(BaseManager):
    pass

# 由于这个QueueManager只从网络上获取Queue，所以注册时只提供名字:
QueueManager.register('get_task_queue')
QueueManager.register('get_result_queue')

# 连接到服务器，也就是运行task_master.py的机器:
server_addr = '127.0.0.1'
print('Connect to server %s...' % server_addr)
# 端口和验证码注意保持与task_master.py设置的完全一致:
m = QueueManager(address=(server_addr, 5000), authkey=b'abc')
# 从网络连接:
m.connect()
# 获取Queue的对象:
task = m.get_task_queue()
result = m.get_result_queue()
# 从task队列取任务,并把结果写入result队列:
for i in range(10):
    try:
        n = task.get(timeout=1)
        print('run task %d * %d...' % (n, n))
        r = '%d * %d = %d' % (n, n, n*n)
        time.sleep(1)
        result.put(r)
    except Queue.Empty:
        print('task queue is empty.')
# 处理结束:
print('worker exit.')


"#,
    r#"from multiprocessing import Process
import os


# 子进程要执行的代码
def run_proc(name):
    print(('Run child process %s (%s)...' % (name, os.getpid())))


if __name__ == '__main__':
    print(('Parent process %s.' % os.getpid()))
    p = Process(target=run_proc, args=('test',))
    print('Child process will start.')
    p.start()
    p.join()
    print('Child process end.')
"#,
    r#"from multiprocessing import Pool
import os, time, random

def long_time_task(name):
    print(('Run task %s (%s)...' % (name, os.getpid())))
    start = time.time()
    time.sleep(random.random() * 3)
    end = time.time()
    print(('Task %s runs %0.2f seconds.' % (name, (end - start))))

if __name__=='__main__':
    print(('Parent process %s.' % os.getpid()))
    p = Pool(4)
    for i in range(5):
        p.apply_async(long_time_task, args=(i,))
    print('Waiting for all subprocesses done...')
    p.close()
    print('close pool...')
    p.join()
    print('All subprocesses done.')
"#,
    r#"import subprocess

print('$ nslookup www.Python.org')
r = subprocess.call(['nslookup', 'www.Python.org'])
print(('Exit code:', r))
"#,
    r#"import subprocess

print('$ nslookup')
p = subprocess.Popen(['nslookup'], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
output, err = p.communicate(b'set q=mx\nPython.org\nexit\n')
print((output.decode('utf-8')))
print(('Exit code:', p.returncode))
"#,
];

#[test]
fn seed_programs_compile() {
    for src in SEEDS {
        compile(src);
    }
}

/// The project's own Python test programs (`tests/py`, owned by the VM tests) must compile,
/// except those whose expected output is a SyntaxError, which must match it.
#[test]
fn project_test_programs_compile() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/py");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return;
    };
    let mut n = 0;
    for e in entries.flatten() {
        let path = e.path();
        if path.extension().is_none_or(|x| x != "py") {
            continue;
        }
        let src = std::fs::read_to_string(&path).unwrap();
        let expected = std::fs::read_to_string(path.with_extension("expected")).unwrap_or_default();
        match compile_module("t.py", &src) {
            Ok(m) => {
                for c in all_codes(&m.code) {
                    if let Err(err) = verify(&c) {
                        panic!("{}: stack check failed in {}: {err}", path.display(), c.qualname);
                    }
                }
            }
            Err(err) => {
                let last = err.render().lines().last().unwrap_or_default().to_string();
                assert!(
                    expected.contains(&last.replace('"', "\\\"")),
                    "{}: unexpected error {}",
                    path.display(),
                    err.render()
                );
            }
        }
        n += 1;
    }
    assert!(n > 0 || !dir.exists());
}

// ---------------------------------------------------------------------------------------
// Instruction sequences (CPython 3.9's shapes)
// ---------------------------------------------------------------------------------------

fn module_dis(src: &str) -> Vec<String> {
    let m = compile(src);
    dis_m(&m, &m.code)
}

fn func_dis(src: &str, qualname: &str) -> Vec<String> {
    let m = compile(src);
    let c = find(&m, qualname);
    dis_m(&m, &c)
}

#[test]
fn seq_chained_comparison() {
    assert_eq!(
        module_dis("x = a < b < c\n"),
        [
            "LoadGlobal a",
            "LoadGlobal b",
            "DupTop",
            "RotThree",
            "Compare Lt",
            "JumpIfFalseOrPop 9",
            "LoadGlobal c",
            "Compare Lt",
            "Jump 11",
            "RotTwo",
            "PopTop",
            "StoreGlobal x",
            "LoadConst None",
            "ReturnValue",
        ]
    );
}

#[test]
fn seq_augmented_subscript_and_attribute() {
    assert_eq!(
        func_dis("def f(x, i, o):\n    x[i] += 1\n    o.a -= 2\n", "f"),
        [
            "LoadFast x",
            "LoadFast i",
            "DupTop2",
            "BinarySubscr",
            "LoadConst 1",
            "Inplace Add",
            "RotThree",
            "StoreSubscr",
            "LoadFast o",
            "DupTop",
            "LoadAttr a",
            "LoadConst 2",
            "Inplace Sub",
            "RotTwo",
            "StoreAttr a",
            "LoadConst None",
            "ReturnValue",
        ]
    );
}

#[test]
fn seq_calls() {
    assert_eq!(
        module_dis("f(1, b=2)\no.m(3)\nf(*a, **k)\nf(1, *a, x=2, **k)\n"),
        [
            "LoadGlobal f",
            "LoadConst 1",
            "LoadConst 2",
            "LoadConst (\"b\",)",
            "CallKw 2",
            "PopTop",
            "LoadGlobal o",
            "LoadMethod m",
            "LoadConst 3",
            "CallMethod 1",
            "PopTop",
            "LoadGlobal f",
            "BuildList 0",
            "LoadGlobal a",
            "ListExtend 1",
            "ListToTuple",
            "BuildMap 0",
            "LoadGlobal k",
            "DictMerge 1",
            "CallEx 1",
            "PopTop",
            "LoadGlobal f",
            "LoadConst 1",
            "BuildList 1",
            "LoadGlobal a",
            "ListExtend 1",
            "ListToTuple",
            "BuildMap 0",
            "LoadConst \"x\"",
            "LoadConst 2",
            "BuildMap 1",
            "DictMerge 1",
            "LoadGlobal k",
            "DictMerge 1",
            "CallEx 1",
            "PopTop",
            "LoadConst None",
            "ReturnValue",
        ]
    );
}

#[test]
fn seq_with() {
    assert_eq!(
        module_dis("with m as x:\n    pass\n"),
        [
            "LoadGlobal m",
            "DupTop",
            "LoadAttr __exit__",
            "RotTwo",
            "LoadMethod __enter__",
            "CallMethod 0",
            "StoreGlobal x",
            "SetupFinally 15",
            "PopBlock",
            "LoadConst None",
            "LoadConst None",
            "LoadConst None",
            "Call 3",
            "PopTop",
            "Jump 21",
            "WithExceptStart",
            "PopJumpIfTrue 18",
            "Reraise",
            "PopTop",
            "PopExcept",
            "PopTop",
            "LoadConst None",
            "ReturnValue",
        ]
    );
}

#[test]
fn seq_try_except_as() {
    assert_eq!(
        func_dis("def f():\n    try:\n        g()\n    except E as e:\n        h(e)\n    return 1\n", "f"),
        [
            "SetupFinally 6",
            "LoadGlobal g",
            "Call 0",
            "PopTop",
            "PopBlock",
            "Jump 25",
            "LoadGlobal E",
            "JumpIfNotExcMatch 24",
            "StoreFast e",
            "SetupFinally 20",
            "LoadGlobal h",
            "LoadFast e",
            "Call 1",
            "PopTop",
            "PopBlock",
            "PopExcept",
            "LoadConst None",
            "StoreFast e",
            "DeleteFast e",
            "Jump 25",
            "LoadConst None",
            "StoreFast e",
            "DeleteFast e",
            "Reraise",
            "Reraise",
            "LoadConst 1",
            "ReturnValue",
        ]
    );
}

#[test]
fn seq_return_in_finally_and_break_in_with() {
    // return inside try/finally: the finally body is inlined before ReturnValue
    assert_eq!(
        func_dis("def f():\n    try:\n        return g()\n    finally:\n        h()\n", "f"),
        [
            "SetupFinally 13",
            "LoadGlobal g",
            "Call 0",
            "PopBlock",
            "LoadGlobal h",
            "Call 0",
            "PopTop",
            "ReturnValue",
            "PopBlock",
            "LoadGlobal h",
            "Call 0",
            "PopTop",
            "Jump 17",
            "LoadGlobal h",
            "Call 0",
            "PopTop",
            "Reraise",
            "LoadConst None",
            "ReturnValue",
        ]
    );
    let d = func_dis("def f(l):\n    for x in l:\n        with x:\n            break\n", "f");
    let brk = d.iter().position(|l| l == "CallMethod 0").unwrap();
    assert_eq!(
        d[brk + 1..brk + 10],
        [
            "PopTop",
            "SetupFinally 27",
            "PopBlock",
            "LoadConst None",
            "LoadConst None",
            "LoadConst None",
            "Call 3",
            "PopTop",
            "PopTop",
        ]
    );
}

#[test]
fn seq_comprehension_and_genexpr() {
    let m = compile("def f(y):\n    return [x for x in y if x], sum(x for x in y)\n");
    assert_eq!(
        dis_m(&m, &find(&m, "f")),
        [
            "LoadConst <code f.<locals>.<listcomp>>",
            "MakeFunction 0",
            "LoadFast y",
            "GetIter",
            "Call 1",
            "LoadGlobal sum",
            "LoadConst <code f.<locals>.<genexpr>>",
            "MakeFunction 0",
            "LoadFast y",
            "GetIter",
            "Call 1",
            "Call 1",
            "BuildTuple 2",
            "ReturnValue",
        ]
    );
    let lc = find(&m, "f.<locals>.<listcomp>");
    assert_eq!(lc.kind, CodeKind::Comprehension);
    assert_eq!(lc.argcount, 1);
    assert_eq!(&*lc.varnames[0], ".0");
    assert_eq!(
        dis_m(&m, &lc),
        [
            "BuildList 0",
            "LoadFast .0",
            "ForIter 9",
            "StoreFast x",
            "LoadFast x",
            "PopJumpIfFalse 8",
            "LoadFast x",
            "ListAppend 2",
            "Jump 2",
            "ReturnValue",
        ]
    );
}

#[test]
fn seq_generators() {
    let m = compile("def f(y):\n    return sum(x for x in y)\ndef g(h):\n    v = yield 1\n    r = yield from h\n");
    let ge = find(&m, "f.<locals>.<genexpr>");
    assert!(ge.is_generator());
    assert_eq!(
        dis_m(&m, &ge),
        [
            "LoadFast .0",
            "ForIter 7",
            "StoreFast x",
            "LoadFast x",
            "YieldValue",
            "PopTop",
            "Jump 1",
            "LoadConst None",
            "ReturnValue",
        ]
    );
    let g = find(&m, "g");
    assert!(g.is_generator() && !find(&m, "f").is_generator());
    assert_eq!(
        dis_m(&m, &g),
        [
            "LoadConst 1",
            "YieldValue",
            "StoreFast v",
            "LoadFast h",
            "GetIter",
            "LoadConst None",
            "YieldFrom 9",
            "YieldValue",
            "Jump 6",
            "StoreFast r",
            "LoadConst None",
            "ReturnValue",
        ]
    );
}

#[test]
fn seq_class_with_super() {
    let m = compile("class B(A):\n    def __init__(self, x):\n        super().__init__(x)\n");
    // `__class__` is a cell of the class body, so the body function needs no closure.
    assert_eq!(
        dis_m(&m, &m.code),
        [
            "LoadConst <code B>",
            "MakeFunction 0",
            "LoadConst \"B\"",
            "LoadGlobal A",
            "BuildClass 1",
            "StoreGlobal B",
            "LoadConst None",
            "ReturnValue",
        ]
    );
    let body = find(&m, "B");
    assert_eq!(body.kind, CodeKind::Class);
    assert_eq!(body.cellvars.iter().map(|s| s.to_string()).collect::<Vec<_>>(), ["__class__"]);
    assert_eq!(
        dis_m(&m, &body),
        [
            "LoadClosure __class__",
            "BuildTuple 1",
            "LoadConst <code B.__init__>",
            "MakeFunction 8",
            "StoreName __init__",
            "LoadClosure __class__",
            "ReturnValue",
        ]
    );
    let init = find(&m, "B.__init__");
    assert_eq!(init.freevars.iter().map(|s| s.to_string()).collect::<Vec<_>>(), ["__class__"]);
    assert_eq!(
        dis_m(&m, &init)[..8],
        [
            "LoadGlobal super",
            "LoadDeref __class__",
            "LoadFast self",
            "Call 2",
            "LoadMethod __init__",
            "LoadFast x",
            "CallMethod 1",
            "PopTop",
        ]
    );
}

#[test]
fn seq_fstring_and_assert() {
    assert_eq!(
        module_dis("s = f'a{x!r:>{w}}b{y}'\nassert s, 'm'\n"),
        [
            "LoadConst \"a\"",
            "LoadGlobal x",
            "LoadConst \">\"",
            "LoadGlobal w",
            "FormatValue 0",
            "BuildString 2",
            "FormatValue 6",
            "LoadConst \"b\"",
            "LoadGlobal y",
            "FormatValue 0",
            "BuildString 4",
            "StoreGlobal s",
            "LoadGlobal s",
            "PopJumpIfTrue 18",
            "LoadBuiltin AssertionError",
            "LoadConst \"m\"",
            "Call 1",
            "Raise 1",
            "LoadConst None",
            "ReturnValue",
        ]
    );
}

#[test]
fn seq_imports() {
    assert_eq!(
        module_dis("import a.b\nimport a.b.c as d\nfrom x.y import z as w, v\nfrom m import *\n"),
        [
            "ImportName a.b",
            "PopTop",
            "ImportName a",
            "StoreGlobal a",
            "ImportName a.b.c",
            "StoreGlobal d",
            "ImportName x.y",
            "ImportFrom z",
            "StoreGlobal w",
            "ImportFrom v",
            "StoreGlobal v",
            "PopTop",
            "ImportName m",
            "ImportStar",
            "LoadConst None",
            "ReturnValue",
        ]
    );
}

#[test]
fn seq_unpacking_and_swap() {
    assert_eq!(
        module_dis("a, *b, c = x\na, b = b, a\n"),
        [
            "LoadGlobal x",
            "UnpackEx 257",
            "StoreGlobal a",
            "StoreGlobal b",
            "StoreGlobal c",
            "LoadGlobal b",
            "LoadGlobal a",
            "RotTwo",
            "StoreGlobal a",
            "StoreGlobal b",
            "LoadConst None",
            "ReturnValue",
        ]
    );
}

#[test]
fn seq_boolean_conditions_short_circuit() {
    assert_eq!(
        module_dis("if a and not b:\n    f()\nx = a or b\n"),
        [
            "LoadGlobal a",
            "PopJumpIfFalse 7",
            "LoadGlobal b",
            "PopJumpIfTrue 7",
            "LoadGlobal f",
            "Call 0",
            "PopTop",
            "LoadGlobal a",
            "JumpIfTrueOrPop 10",
            "LoadGlobal b",
            "StoreGlobal x",
            "LoadConst None",
            "ReturnValue",
        ]
    );
}

// ---------------------------------------------------------------------------------------
// Code objects: names, signatures, scopes
// ---------------------------------------------------------------------------------------

fn strs(v: &[Rc<str>]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

#[test]
fn code_signature_and_varnames() {
    let m = compile("def f(a, /, b=1, *args, c, d=2, **kw):\n    x = a\n    return x\n");
    let f = find(&m, "f");
    assert_eq!(strs(&f.varnames), ["a", "b", "c", "d", "args", "kw", "x"]);
    assert_eq!((f.argcount, f.kwonlyargcount), (2, 2));
    assert_eq!(f.flags, CO_VARARGS | CO_VARKEYWORDS);
    assert!(f.has_varargs() && f.has_varkeywords());
    assert_eq!(&*f.name, "f");
    assert_eq!(f.first_line, 1);
    assert_eq!(&*f.filename, "t.py");
    // defaults tuple, kw-only defaults dict, then the code
    assert_eq!(
        dis_m(&m, &m.code)[..7],
        [
            "LoadConst (1,)",
            "LoadConst \"d\"",
            "LoadConst 2",
            "BuildMap 1",
            "LoadConst <code f>",
            "MakeFunction 3",
            "StoreGlobal f",
        ]
    );
}

#[test]
fn code_qualnames() {
    let m = compile(
        "def f():\n    def g():\n        return lambda: [x for x in ()]\n    class C:\n        def m(self): pass\n    return g, C\nclass D:\n    class E:\n        def n(self): pass\ndef h():\n    global k\n    def k(): pass\n",
    );
    let names: Vec<String> = all_codes(&m.code).iter().map(|c| c.qualname.to_string()).collect();
    for q in [
        "<module>",
        "f",
        "f.<locals>.g",
        "f.<locals>.g.<locals>.<lambda>",
        "f.<locals>.g.<locals>.<lambda>.<locals>.<listcomp>",
        "f.<locals>.C",
        "f.<locals>.C.m",
        "D",
        "D.E",
        "D.E.n",
        "h",
        "k",
    ] {
        assert!(names.contains(&q.to_string()), "missing {q} in {names:?}");
    }
    assert_eq!(find(&m, "f.<locals>.g.<locals>.<lambda>").kind, CodeKind::Lambda);
    assert_eq!(&*find(&m, "f.<locals>.g.<locals>.<lambda>").name, "<lambda>");
}

#[test]
fn code_closures_and_cells() {
    let m = compile(
        "def outer(a, b):\n    c = 1\n    def inner():\n        nonlocal c\n        c += a\n        return c\n    return inner\n",
    );
    let outer = find(&m, "outer");
    assert_eq!(strs(&outer.cellvars), ["a", "c"]);
    assert_eq!(outer.cell2arg, [Some(0), None]);
    let inner = find(&m, "outer.<locals>.inner");
    assert_eq!(strs(&inner.freevars), ["a", "c"]);
    assert_eq!(
        dis_m(&m, &outer)[..6],
        [
            "LoadConst 1",
            "StoreDeref c",
            "LoadClosure a",
            "LoadClosure c",
            "BuildTuple 2",
            "LoadConst <code outer.<locals>.inner>",
        ]
    );
    assert_eq!(dis_m(&m, &inner)[..4], ["LoadDeref c", "LoadDeref a", "Inplace Add", "StoreDeref c"]);
}

#[test]
fn code_class_scope_is_skipped_by_methods() {
    let m = compile("x = 0\nclass C:\n    x = 1\n    y = x\n    def m(self):\n        return x\n");
    let c = find(&m, "C");
    assert!(dis_m(&m, &c).contains(&"LoadName x".to_string()));
    assert!(c.cellvars.is_empty());
    assert_eq!(dis_m(&m, &find(&m, "C.m"))[0], "LoadGlobal x");
}

#[test]
fn code_globals_share_one_slot_table() {
    let m = compile("counter = 0\ndef inc():\n    global counter\n    counter += 1\nclass K:\n    global counter\n    counter = 5\n");
    let slot = m.global_names.iter().position(|n| &**n == "counter").unwrap() as u32;
    assert_eq!(m.global_names.iter().filter(|n| &***n == "counter").count(), 1);
    assert!(find(&m, "inc").instrs.contains(&Instr::StoreGlobal(slot)));
    assert!(find(&m, "K").instrs.contains(&Instr::StoreGlobal(slot)));
    assert!(m.code.instrs.contains(&Instr::StoreGlobal(slot)));
}

#[test]
fn code_private_names_are_mangled() {
    let m = compile("class Account:\n    def __init__(self):\n        self.__balance = 0\n    def __check(self):\n        return self.__balance\n");
    let init = find(&m, "Account.__init__");
    assert!(strs(&init.names).contains(&"_Account__balance".to_string()));
    assert!(strs(&find(&m, "Account").names).contains(&"_Account__check".to_string()));
    assert!(all_codes(&m.code).iter().any(|c| &*c.qualname == "Account.__check"));
}

#[test]
fn code_constants() {
    let m = compile("a = 10 ** 30\nb = 123456789012345678901234567890\nc = -9223372036854775808\nd = 0x_ff\ne = (1, 'x', (2.5, None))\nf = b'\\x00'\ng = -0.0\n");
    let consts: Vec<String> = m.code.consts.iter().map(const_repr).collect();
    for want in [
        "30",
        "123456789012345678901234567890",
        "-9223372036854775808",
        "255",
        "(1, \"x\", (2.5, None))",
        "b\"\\0\"",
        "-0.0",
    ] {
        assert!(consts.contains(&want.to_string()), "missing {want} in {consts:?}");
    }
    assert!(m.code.consts.iter().any(|v| matches!(v, Value::BigInt(_))));
    assert!(m.code.consts.iter().any(|v| matches!(v, Value::Int(i64::MIN))));
}

#[test]
fn positions_follow_the_source() {
    let m = compile("x = 1\nprint(x +\n      2)\n");
    let c = &m.code;
    let at = |want: &str| {
        let i = dis_m(&m, c).iter().position(|l| l == want).unwrap();
        c.positions[i]
    };
    let call = at("Call 1");
    assert_eq!((call.line, call.col, call.end_line, call.end_col), (2, 0, 3, 8));
    let add = at("Binary Add");
    assert_eq!((add.line, add.col, add.end_line, add.end_col), (2, 6, 3, 7));
    let store = at("StoreGlobal x");
    assert_eq!((store.line, store.col, store.end_col), (1, 0, 1));
    assert_eq!(c.line_at(0), 1);
}

// ---------------------------------------------------------------------------------------
// Unsupported features and compiler-level errors
// ---------------------------------------------------------------------------------------

#[test]
fn unsupported_features_are_named_with_their_line() {
    let cases: &[(&str, &str, u32)] = &[
        ("def f():\n    await x\n", "'await' outside async function", 2),
        ("async def f():\n    return 1\n    yield 2\n", "'return' with value in async generator", 2),
        ("async def f():\n    yield 1\n    return 2\n", "'return' with value in async generator", 3),
        ("async def f():\n    yield from x\n", "'yield from' inside async function", 2),
        ("def f():\n    async for x in y:\n        pass\n", "'async for' outside async function", 2),
        (
            "def f():\n    return [x async for x in y]\n",
            "asynchronous comprehension outside of an asynchronous function",
            2,
        ),
        (
            "def f():\n    return [await x for x in y]\n",
            "asynchronous comprehension outside of an asynchronous function",
            2,
        ),
        ("def f():\n    async with x:\n        pass\n", "'async with' outside async function", 2),
        (
            "match x:\n    case y:\n        pass\n    case 1:\n        pass\n",
            "name capture 'y' makes remaining patterns unreachable",
            2,
        ),
        ("class C(**kw):\n    pass\n", "concsim does not support '**' in class keyword arguments yet", 1),
        ("from . import x\n", "concsim does not support relative imports yet", 1),
        (
            "try:\n    pass\nexcept* E:\n    break\n",
            "'break', 'continue' and 'return' cannot appear in an except* block",
            4,
        ),
        (
            "def f():\n    try:\n        pass\n    except* E:\n        return 1\n",
            "'break', 'continue' and 'return' cannot appear in an except* block",
            5,
        ),
        ("type X = int\n", "concsim does not support 'type' aliases yet", 1),
        ("class C(*bases):\n    pass\n", "concsim does not support '*' in class bases yet", 1),
        ("x = [(yield) for y in z]\n", "'yield' inside list comprehension", 1),
        ("def f():\n    return {(yield) for y in z}\n", "'yield' inside set comprehension", 2),
        (
            "def f():\n    return [(await y) for y in z]\n",
            "asynchronous comprehension outside of an asynchronous function",
            2,
        ),
        ("x = yield\n", "'yield' outside function", 1),
        ("class C:\n    await x\n", "'await' outside function", 2),
    ];
    for (src, msg, line) in cases {
        let e = error(src);
        assert_eq!((e.kind, e.msg.as_str(), e.line), ("SyntaxError", *msg, *line), "{src}");
    }
}

#[test]
fn py2_print_renders_like_cpython() {
    assert_eq!(
        rendered("import os\n\nprint 'Process (%s) start...' % os.getpid()\n"),
        "  File \"t.py\", line 3\n    print 'Process (%s) start...' % os.getpid()\n    ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^\nSyntaxError: Missing parentheses in call to 'print'. Did you mean print(...)?\n"
    );
}

// ---------------------------------------------------------------------------------------
// Robustness: nothing panics, nothing overflows the stack
// ---------------------------------------------------------------------------------------

/// A small deterministic generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const SOUP: &[&str] = &[
    "(", ")", "[", "]", "{", "}", ":", ",", ".", "=", "==", "+", "-", "*", "**", "/", "//", "%", "<", ">", "not",
    "and", "or", "if", "else", "elif", "for", "in", "while", "def", "class", "return", "yield", "lambda", "try",
    "except", "finally", "with", "as", "import", "from", "global", "nonlocal", "del", "pass", "break", "continue",
    "raise", "assert", "async", "await", "print", "x", "y", "f", "1", "2.5", "'s'", "\"t\"", "f'{x}'", "'''", "\"",
    "'", "\n", "\n    ", "\t", " ", "\\", "#", "@", ";", "...", "*", "->", ":=", "é", "€", "\u{a0}", "\r\n", "0x",
    "1_", "0o9", "b'", "r'", "{x!r}", "%", "~", "^", "|", "&",
];

fn mutate(rng: &mut Rng, src: &str) -> String {
    let chars: Vec<char> = src.chars().collect();
    let mut out: Vec<char> = chars.clone();
    for _ in 0..1 + rng.below(4) {
        let pos = rng.below(out.len() + 1);
        match rng.below(6) {
            0 => out.truncate(pos),
            1 => {
                if pos < out.len() {
                    out.remove(pos);
                }
            }
            2 => {
                let tok: Vec<char> = SOUP[rng.below(SOUP.len())].chars().collect();
                out.splice(pos..pos, tok);
            }
            3 => {
                let c = char::from_u32(rng.below(0x80) as u32).unwrap_or(' ');
                out.insert(pos, c);
            }
            4 => {
                // duplicate a slice
                let a = rng.below(chars.len() + 1);
                let b = (a + rng.below(40)).min(chars.len());
                out.splice(pos..pos, chars[a..b].iter().copied());
            }
            _ => {
                if pos < out.len() {
                    out[pos] = SOUP[rng.below(SOUP.len())].chars().next().unwrap_or(' ');
                }
            }
        }
    }
    out.into_iter().collect()
}

fn check_no_panic(src: &str) {
    let r = std::panic::catch_unwind(|| compile_module("t.py", src));
    match r {
        Err(_) => panic!("compile_module panicked on {src:?}"),
        Ok(Ok(m)) => {
            for c in all_codes(&m.code) {
                if let Err(e) = verify(&c) {
                    panic!("stack check failed on {src:?} in {}: {e}", c.qualname);
                }
            }
        }
        Ok(Err(e)) => {
            let r = e.render();
            assert!(r.ends_with('\n') && !e.msg.is_empty(), "bad error for {src:?}: {r}");
        }
    }
}

#[test]
fn fuzz_mutations_never_panic() {
    let mut corpus = fuzz_corpus();
    corpus.extend(SEEDS.iter().map(|s| s.to_string()));
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for i in 0..6000 {
        let base = &corpus[i % corpus.len()];
        let src = mutate(&mut rng, base);
        check_no_panic(&src);
    }
}

#[test]
fn fuzz_token_soup_never_panics() {
    let mut rng = Rng(42);
    for _ in 0..3000 {
        let n = rng.below(60);
        let src: String = (0..n).map(|_| SOUP[rng.below(SOUP.len())]).collect::<Vec<_>>().join(" ");
        check_no_panic(&src);
        let tight: String = (0..n).map(|_| SOUP[rng.below(SOUP.len())]).collect();
        check_no_panic(&tight);
    }
}

/// Deeply nested programs end as errors, not stack overflows. In the release profile (the
/// one CI and the wasm build use) this runs on a 1 MiB stack, wasm's default; the nesting
/// limits keep the parser and compiler within about 600 KiB there. Debug frames are about
/// four times larger, hence the bigger stack in debug builds.
#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let cases: Vec<String> = vec![
        format!("x = {}1\n", "-".repeat(100_000)),
        format!("x = {}1\n", "1+".repeat(100_000)),
        format!("x = {}1\n", "not ".repeat(50_000)),
        format!("x = {}1{}\n", "(".repeat(100_000), ")".repeat(100_000)),
        format!("x = {}1{}\n", "[".repeat(250), "]".repeat(250)),
        format!("x = a{}\n", ".b".repeat(100_000)),
        format!("x = a{}\n", "()".repeat(100_000)),
        format!("x = {}1\n", "lambda: ".repeat(50_000)),
        format!("x = {}1\n", "lambda a, b: ".repeat(50_000)),
        format!("x = {}1\n", "1 if 1 else ".repeat(50_000)),
        format!("x = {}\n", "1**".repeat(50_000) + "1"),
        format!("x = f'{{{}1{}}}'\n", "(".repeat(50_000), ")".repeat(50_000)),
        format!("x = f'{{{}}}'\n", "-".repeat(50_000) + "1"),
        (0..300).map(|i| format!("{}if x:\n", " ".repeat(i))).collect::<String>() + &" ".repeat(300) + "pass\n",
        format!("{}\n", "if x: ".repeat(10_000) + "pass"),
        format!("x = {}\n", "[1, ".repeat(199) + "1" + &"]".repeat(199)),
        format!("x = ({})\n", "1, ".repeat(100_000)),
        format!("x = {}\n", "'a' ".repeat(100_000)),
        format!("def f():\n    return {}1\n", "-".repeat(300)),
    ];
    let stack = if cfg!(debug_assertions) { 8 << 20 } else { 1 << 20 };
    let h = std::thread::Builder::new()
        .stack_size(stack)
        .spawn(move || {
            let mut kinds = Vec::new();
            for src in &cases {
                match compile_module("t.py", src) {
                    Ok(_) => kinds.push("ok".to_string()),
                    Err(e) => kinds.push(format!("{}: {}", e.kind, e.msg)),
                }
            }
            kinds
        })
        .unwrap();
    let kinds = h.join().expect("compiling deeply nested programs overflowed the stack");
    assert_eq!(kinds[0], "RecursionError: maximum recursion depth exceeded during compilation");
    assert_eq!(kinds[3], "SyntaxError: too many nested parentheses");
    assert_eq!(kinds[13], "IndentationError: too many levels of indentation");
    // Big but shallow programs still compile.
    assert_eq!(kinds[15], "ok");
    assert_eq!(kinds[16], "ok");
    assert_eq!(kinds[17], "ok");
    assert_eq!(kinds[18], "ok");
}

/// Positions checked against CPython 3.11's `co_positions` for the same source.
#[test]
fn positions_match_cpython_for_tracebacks() {
    let m = compile("def f(n):\n    assert n > 0 and n < 5, 'm'\n    assert g(n)\n    with open(n) as fh:\n        n += 1\n    x = f'{n!r:>4}'\n");
    let c = find(&m, "f");
    let pos = |k: usize| {
        let p = c.positions[k];
        (p.line, p.col, p.end_line, p.end_col)
    };
    let raises: Vec<usize> =
        c.instrs.iter().enumerate().filter(|(_, i)| matches!(i, Instr::Raise(1))).map(|(k, _)| k).collect();
    // the raise of the first assert sits on its last comparison, the second on the statement
    assert_eq!(pos(raises[0]), (2, 21, 2, 26));
    assert_eq!(pos(raises[1]), (3, 4, 3, 15));
    // with: setup, exit call and handler on the whole statement
    let we = c.instrs.iter().position(|i| *i == Instr::WithExceptStart).unwrap();
    assert_eq!(pos(we), (4, 4, 5, 14));
    let call3 = c.instrs.iter().position(|i| *i == Instr::Call(3)).unwrap();
    assert_eq!(pos(call3), (4, 4, 5, 14));
    // augmented assignment loads and stores the name at the target
    let inplace = c.instrs.iter().position(|i| matches!(i, Instr::Inplace(_))).unwrap();
    assert_eq!(c.instrs[inplace - 2], Instr::LoadFast(0));
    assert_eq!(pos(inplace - 2), (5, 8, 5, 9));
    assert_eq!(pos(inplace), (5, 8, 5, 14));
    // FormatValue on the whole f-string
    let fv = c.instrs.iter().position(|i| matches!(i, Instr::FormatValue(_))).unwrap();
    assert_eq!(pos(fv), (6, 8, 6, 19));
}

/// The inline programs, the SyntaxError cases, and the project's `tests/py` programs.
fn fuzz_corpus() -> Vec<String> {
    let mut corpus: Vec<String> = PROGRAMS.iter().map(|s| s.to_string()).collect();
    corpus.extend(SYNTAX_ERRORS.iter().map(|(s, _)| s.to_string()));
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/py");
    if let Ok(entries) = std::fs::read_dir(dir) {
        let mut paths: Vec<_> = entries.flatten().map(|e| e.path()).collect();
        paths.sort();
        for p in paths {
            if p.extension().is_some_and(|x| x == "py") {
                if let Ok(s) = std::fs::read_to_string(&p) {
                    corpus.push(s);
                }
            }
        }
    }
    corpus
}
