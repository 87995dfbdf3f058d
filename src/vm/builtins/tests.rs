//! Tests of the formatting and builtin machinery on a real `Interp`, with expected results
//! recorded from python3.11 (`format(v, spec)`, `fmt % args`, `fmt.format(*a, **k)`).

use crate::vm::dict::Key;
use crate::vm::value::{Flow, Value};
use crate::vm::{Dict, Interp, Types};
use num_bigint::BigInt;
use rustc_hash::FxHashMap;
use std::rc::Rc;

fn interp() -> Interp {
    Interp::new(Rc::new(Types::new()), 1, 0, 0, 4, vec![], Rc::new(FxHashMap::default()))
}

fn big(s: &str) -> Value {
    crate::vm::ops::int_value(s.parse::<BigInt>().unwrap())
}

fn dict(items: Vec<(Value, Value)>) -> Value {
    let mut d = Dict::new();
    for (k, v) in items {
        d.insert(Key::new(k).ok().unwrap(), v);
    }
    Value::dict(d)
}

/// `OK:text` or `ERR:Class: message`, as the Python side of the tables prints it.
fn outcome(it: &mut Interp, r: Result<String, Flow>) -> String {
    match r {
        Ok(s) => format!("OK:{s}"),
        Err(Flow::Raise(exc)) => {
            let name = it.class_of(&exc).name.clone();
            let msg = it.str_of(&exc).map(|s| s.to_string()).unwrap_or_default();
            format!("ERR:{name}: {msg}")
        }
        Err(Flow::Request(_)) => "REQUEST".to_string(),
    }
}

#[test]
fn format_spec_matches_cpython() {
    let table: Vec<(Value, &str, &str)> = vec![
        (Value::Int(1234), "010,", "OK:00,001,234"),
        (Value::Int(1234), "0=10,", "OK:00,001,234"),
        (Value::Int(-1234), "010,", "OK:-0,001,234"),
        (Value::Int(1234), "x<10,", "OK:1,234xxxxx"),
        (Value::Bool(true), ">5", "OK:    1"),
        (Value::Bool(true), "", "OK:True"),
        (Value::Float(1.0_f64), ".3", "OK:1.0"),
        (Value::Float(1234.0_f64), ".3", "OK:1.23e+03"),
        (Value::Float(100.0_f64), ".3", "OK:1e+02"),
        (Value::Float(1e+16_f64), "", "OK:1e+16"),
        (Value::Float(123.0_f64), "10", "OK:     123.0"),
        (Value::Float(1e-05_f64), ".3", "OK:1e-05"),
        (Value::Int(1), "abc", "ERR:ValueError: Invalid format specifier 'abc' for object of type 'int'"),
        (Value::Float(1.5_f64), "d", "ERR:ValueError: Unknown format code 'd' for object of type 'float'"),
        (Value::str("a"), "d", "ERR:ValueError: Unknown format code 'd' for object of type 'str'"),
        (Value::str("a"), "+", "ERR:ValueError: Sign not allowed in string format specifier"),
        (Value::str("a"), "=5", "ERR:ValueError: '=' alignment not allowed in string format specifier"),
        (Value::str("a"), "#", "ERR:ValueError: Alternate form (#) not allowed in string format specifier"),
        (Value::str("a"), ",", "ERR:ValueError: Cannot specify ',' with 's'."),
        (Value::Int(1), ".2", "ERR:ValueError: Precision not allowed in integer format specifier"),
        (Value::Int(1), ",x", "ERR:ValueError: Cannot specify ',' with 'x'."),
        (Value::Int(123456789), "_x", "OK:75b_cd15"),
        (Value::None, ">5", "ERR:TypeError: unsupported format string passed to NoneType.__format__"),
        (Value::Float(12345.678_f64), ",.2f", "OK:12,345.68"),
        (Value::Float(12345.678_f64), "_", "OK:12_345.678"),
        (Value::Float(1e+100_f64), ",", "OK:1e+100"),
        (Value::Float(-0.0_f64), "z", "OK:0.0"),
        (Value::Float(1.5_f64), "%", "OK:150.000000%"),
        (Value::Float(0.5_f64), ".0%", "OK:50%"),
        (Value::Float(1.0_f64), "#.0e", "OK:1.e+00"),
        (Value::Float(1.0_f64), "#g", "OK:1.00000"),
        (Value::Float(f64::INFINITY), "010f", "OK:0000000inf"),
        (Value::Float(f64::NAN), "F", "OK:NAN"),
        (Value::Float(f64::NEG_INFINITY), "+", "OK:-inf"),
        (Value::Int(65), "c", "OK:A"),
        (Value::Int(255), "#X", "OK:0XFF"),
        (Value::Int(-255), "#010x", "OK:-0x00000ff"),
        (Value::Int(5), "n", "OK:5"),
        (Value::Int(3), "e", "OK:3.000000e+00"),
        (Value::Int(3), "%", "OK:300.000000%"),
        (big("1180591620717411303424"), ",", "OK:1,180,591,620,717,411,303,424"),
        (Value::Int(10), "#b", "OK:0b1010"),
        (Value::Float(1.5_f64), "=10", "OK:       1.5"),
        (Value::str("ab"), "^7", "OK:  ab   "),
        (Value::str("abc"), ".2", "OK:ab"),
        (Value::Float(0.1_f64), ".17", "OK:0.10000000000000001"),
        (Value::Int(-1), "0>5", "OK:000-1"),
        (Value::Int(-5), "c", "ERR:OverflowError: %c arg not in range(0x110000)"),
        (Value::Float(1.25_f64), ".1f", "OK:1.2"),
        (Value::Int(12), "^+6", "OK: +12  "),
        (Value::Int(1), "10.2.3", "ERR:ValueError: Invalid format specifier '10.2.3' for object of type 'int'"),
        (Value::Float(1234.5_f64), "010,.1f", "OK:0,001,234.5"),
        (Value::Int(255), "#012_b", "OK:0b0_1111_1111"),
        (Value::Float(-0.001_f64), "z.1f", "OK:0.0"),
        (Value::str("x"), "z", "ERR:ValueError: Negative zero coercion (z) not allowed in string format specifier"),
        (Value::Int(1), "z", "ERR:ValueError: Negative zero coercion (z) not allowed in integer format specifier"),
        (big("18446744073709551616"), "x", "OK:10000000000000000"),
        (big("-18446744073709551616"), "+,", "OK:-18,446,744,073,709,551,616"),
        (Value::Float(1e-07_f64), "", "OK:1e-07"),
        (Value::Float(123456789.0_f64), "g", "OK:1.23457e+08"),
        (Value::Float(0.0001234_f64), ".2e", "OK:1.23e-04"),
        (Value::Float(1e+22_f64), "f", "OK:10000000000000000000000.000000"),
        (Value::Float(5e-324_f64), "", "OK:5e-324"),
        (Value::Float(1.5_f64), "G", "OK:1.5"),
        (Value::Float(1e+300_f64), "E", "OK:1.000000E+300"),
        (Value::str("é"), "^5", "OK:  é  "),
        (Value::Int(7), "*^7", "OK:***7***"),
        (Value::Bool(false), "d", "OK:0"),
        (Value::None, "", "OK:None"),
    ];
    let mut it = interp();
    for (v, spec, want) in table {
        let r = crate::vm::format::format_spec(&mut it, &v, spec);
        assert_eq!(outcome(&mut it, r), want, "format({v:?}, {spec:?})");
    }
}

#[test]
fn percent_format_matches_cpython() {
    let table: Vec<(&str, Value, &str)> = vec![
        ("%5.2f|%-6d|%+d|% d|%05d|%x|%#x|%#o|%e|%g|%c|%c|%r|%a|%%|%.3s|%*d|%-*d|%.*f", Value::tuple(vec![Value::Float(3.14159_f64), Value::Int(42), Value::Int(5), Value::Int(5), Value::Int(-42), Value::Int(255), Value::Int(255), Value::Int(8), Value::Float(12345.678_f64), Value::Float(1.234e-05_f64), Value::Int(65), Value::str("z"), Value::str("hi"), Value::str("é"), Value::str("abcdef"), Value::Int(5), Value::Int(3), Value::Int(4), Value::Int(3), Value::Int(2), Value::Float(2.71828_f64)]), "OK: 3.14|42    |+5| 5|-0042|ff|0xff|0o10|1.234568e+04|1.234e-05|A|z|'hi'|'\\xe9'|%|abc|    3|3   |2.72"),
        ("%s", Value::tuple(vec![]), "ERR:TypeError: not enough arguments for format string"),
        ("%s %s", Value::tuple(vec![Value::Int(1)]), "ERR:TypeError: not enough arguments for format string"),
        ("%s", Value::tuple(vec![Value::Int(1), Value::Int(2)]), "ERR:TypeError: not all arguments converted during string formatting"),
        ("%d", Value::str("x"), "ERR:TypeError: %d format: a real number is required, not str"),
        ("%x", Value::Float(1.5_f64), "ERR:TypeError: %x format: an integer is required, not float"),
        ("%d", Value::Float(3.7_f64), "OK:3"),
        ("%(a)s-%(b)r", dict(vec![(Value::str("a"), Value::Int(1)), (Value::str("b"), Value::str("x"))]), "OK:1-'x'"),
        ("%(a)s", Value::Int(5), "ERR:TypeError: format requires a mapping"),
        ("%z", Value::Int(1), "ERR:ValueError: unsupported format character 'z' (0x7a) at index 1"),
        ("%", Value::Int(1), "ERR:ValueError: incomplete format"),
        ("abc", Value::Int(5), "ERR:TypeError: not all arguments converted during string formatting"),
        ("abc", dict(vec![(Value::str("a"), Value::Int(1))]), "OK:abc"),
        ("%s", dict(vec![(Value::str("a"), Value::Int(1))]), "OK:{'a': 1}"),
        ("%c", Value::str("ab"), "ERR:TypeError: %c requires int or char"),
        ("%c", Value::Float(1.5_f64), "ERR:TypeError: %c requires int or char"),
        ("%e", Value::str("x"), "ERR:TypeError: must be real number, not str"),
        ("%*d", Value::tuple(vec![Value::str("a"), Value::Int(1)]), "ERR:TypeError: * wants int"),
        ("%i %u", Value::tuple(vec![Value::Float(1.9_f64), Value::Float(-2.9_f64)]), "OK:1 -2"),
        ("%.3d", Value::Int(5), "OK:005"),
        ("%05s|", Value::str("a"), "OK:    a|"),
        ("%G", Value::Float(1e-10_f64), "OK:1E-10"),
        ("%#.0f", Value::Int(1), "OK:1."),
        ("%s", Value::list(vec![Value::Int(1), Value::Int(2)]), "OK:[1, 2]"),
        ("%o", Value::Int(-8), "OK:-10"),
        ("%x", big("1180591620717411303424"), "OK:400000000000000000"),
        ("%.2f", big("1180591620717411303424"), "OK:1180591620717411303424.00"),
        ("%(a)s %s", dict(vec![(Value::str("a"), Value::Int(1))]), "ERR:TypeError: not enough arguments for format string"),
        ("%s %(a)s", dict(vec![(Value::str("a"), Value::Int(1))]), "OK:{'a': 1} 1"),
        ("%05f", Value::Float(f64::INFINITY), "OK:00inf"),
        ("%5%|", Value::tuple(vec![]), "ERR:TypeError: not enough arguments for format string"),
        ("%5%|", Value::tuple(vec![Value::Int(1)]), "ERR:ValueError: unsupported format character '%' (0x25) at index 2"),
        ("abc", Value::list(vec![Value::Int(1)]), "OK:abc"),
        ("%(a", dict(vec![(Value::str("a"), Value::Int(1))]), "ERR:ValueError: incomplete format key"),
        ("%#5x|", Value::Int(255), "OK: 0xff|"),
        ("%#05x|", Value::Int(255), "OK:0x0ff|"),
        ("%e", big("13582985290493858492773514283592667786034938469317445497485196697278130927542418487205392083207560592298578262953847383475038725543234929971155548342800628721885763499406390331782864144164680730766837160526223176512798435772129956553355286032203080380775759732320198985094884004069116123084147875437183658467465148948790552744165376"), "ERR:OverflowError: int too large to convert to float"),
        ("%d", Value::Float(2.5e+20_f64), "OK:250000000000000000000"),
        ("%s", Value::tuple(vec![Value::None]), "OK:None"),
        ("%5.1s|", Value::str("abc"), "OK:    a|"),
        ("%d%%", Value::Int(50), "OK:50%"),
        ("%-8.3f|", Value::Float(2.5_f64), "OK:2.500   |"),
        ("%+i", Value::Int(0), "OK:+0"),
    ];
    let mut it = interp();
    for (fmt, args, want) in table {
        let r = crate::vm::format::percent_format(&mut it, fmt, &args).map(|v| match v {
            Value::Str(s) => s.to_string(),
            other => format!("{other:?}"),
        });
        assert_eq!(outcome(&mut it, r), want, "{fmt:?} % {args:?}");
    }
}

#[test]
fn str_format_matches_cpython() {
    #[allow(clippy::type_complexity)]
    let table: Vec<(&str, Vec<Value>, Vec<(&str, Value)>, &str)> = vec![
        ("{} {}", vec![Value::Int(1), Value::Int(2)], vec![], "OK:1 2"),
        ("{0}{1}{0}", vec![Value::str("a"), Value::str("b")], vec![], "OK:aba"),
        ("{x}", vec![], vec![("x", Value::Int(3))], "OK:3"),
        ("{0[1]}", vec![Value::list(vec![Value::Int(5), Value::Int(6)])], vec![], "OK:6"),
        ("{0[a]}", vec![dict(vec![(Value::str("a"), Value::Int(7))])], vec![], "OK:7"),
        ("{:>{w}}", vec![Value::str("z")], vec![("w", Value::Int(4))], "OK:   z"),
        ("{!r}", vec![Value::str("a")], vec![], "OK:'a'"),
        ("{{}}", vec![], vec![], "OK:{}"),
        ("{} {}", vec![Value::Int(1)], vec![], "ERR:IndexError: Replacement index 1 out of range for positional args tuple"),
        ("{0} {}", vec![Value::Int(1), Value::Int(2)], vec![], "ERR:ValueError: cannot switch from manual field specification to automatic field numbering"),
        ("{} {0}", vec![Value::Int(1), Value::Int(2)], vec![], "ERR:ValueError: cannot switch from automatic field numbering to manual field specification"),
        ("{", vec![], vec![], "ERR:ValueError: Single '{' encountered in format string"),
        ("}", vec![], vec![], "ERR:ValueError: Single '}' encountered in format string"),
        ("{x}", vec![], vec![], "ERR:KeyError: 'x'"),
        ("{0!z}", vec![Value::Int(1)], vec![], "ERR:ValueError: Unknown conversion specifier z"),
        ("{:{}}{}", vec![Value::Int(1), Value::Int(5), Value::Int(2)], vec![], "OK:    12"),
        ("{0:{1}}", vec![Value::Int(3), Value::str(">4")], vec![], "OK:   3"),
        ("{0[2]}", vec![Value::list(vec![Value::Int(1)])], vec![], "ERR:IndexError: list index out of range"),
        ("{0[x]}", vec![Value::list(vec![Value::Int(1)])], vec![], "ERR:TypeError: list indices must be integers or slices, not str"),
        ("{0!s:>5}", vec![Value::Int(1)], vec![], "OK:    1"),
        ("{:{:{}}}", vec![Value::Int(1), Value::Int(2), Value::Int(3)], vec![], "ERR:ValueError: Max string recursion exceeded"),
        ("{0 }", vec![Value::Int(1)], vec![], "ERR:KeyError: '0 '"),
        ("{0[}", vec![Value::Int(1)], vec![], "ERR:ValueError: expected '}' before end of string"),
        ("{:d}", vec![Value::str("a")], vec![], "ERR:ValueError: Unknown format code 'd' for object of type 'str'"),
        ("{0.}", vec![Value::Int(1)], vec![], "ERR:ValueError: Empty attribute in format string"),
        ("{-1}", vec![Value::Int(1)], vec![], "ERR:KeyError: '-1'"),
        ("{[0]}", vec![Value::list(vec![Value::Int(9)])], vec![], "OK:9"),
        ("{:x", vec![Value::Int(1)], vec![], "ERR:ValueError: unmatched '{' in format spec"),
        ("{a", vec![], vec![("a", Value::Int(1))], "ERR:ValueError: expected '}' before end of string"),
        ("{0]", vec![Value::Int(1)], vec![], "ERR:ValueError: expected '}' before end of string"),
        ("{0[0]x}", vec![Value::list(vec![Value::Int(1)])], vec![], "ERR:ValueError: Only '.' or '[' may follow ']' in format field specifier"),
        ("{:,.2f} {:>+8.3e} {:%}", vec![Value::Float(1234.5_f64), Value::Float(0.001234_f64), Value::Float(0.25_f64)], vec![], "OK:1,234.50 +1.234e-03 25.000000%"),
        ("{!a}", vec![Value::str("é")], vec![], "OK:'\\xe9'"),
        ("{:^9}|{:<4}|", vec![Value::str("mid"), Value::Bool(true)], vec![], "OK:   mid   |1   |"),
    ];
    let mut it = interp();
    for (fmt, args, kwargs, want) in table {
        let kwargs: Vec<(Rc<str>, Value)> = kwargs.into_iter().map(|(k, v)| (Rc::from(k), v)).collect();
        let r = crate::vm::format::str_format(&mut it, fmt, &args, &kwargs);
        assert_eq!(outcome(&mut it, r), want, "{fmt:?}.format({args:?})");
    }
}
