//! A tiny evaluator for XLSForm `relevant` expressions: who is eligible for an indicator
//! (papi-method.md §1.3: many PAPI items are asked only of users of a service).
//!
//! Supported: `${name}`, string literals (`'a'`, `"a"`), numbers, `=`, `!=`, `<`, `<=`, `>`,
//! `>=`, `and`, `or`, `not(…)`, parentheses, `selected(${q}, 'a')`, `count-selected(${q})`,
//! `string-length(${q})`, `true()`, `false()`. Comparisons are numeric when both sides read as
//! numbers, otherwise textual (ordering on text is false, as XPath's NaN comparison is).
//! Parsing and evaluation never panic, whatever the input (property-tested): a form typed by a
//! commune officer must give an error, not crash the server.

use std::fmt;

/// Maximum nesting depth accepted, so hostile input cannot overflow the stack.
const MAX_DEPTH: usize = 64;

#[derive(Debug, Clone, PartialEq)]
pub enum Node<V> {
    Var(V),
    Str(String),
    Num(f64),
    Bool(bool),
    Not(Box<Node<V>>),
    And(Box<Node<V>>, Box<Node<V>>),
    Or(Box<Node<V>>, Box<Node<V>>),
    Cmp(CmpOp, Box<Node<V>>, Box<Node<V>>),
    Selected(Box<Node<V>>, Box<Node<V>>),
    CountSelected(Box<Node<V>>),
    StringLength(Box<Node<V>>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CmpOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

/// A parsed expression whose variables are question names.
pub type Expr = Node<String>;
/// An expression whose variables are bound to column indices (fast per-row evaluation).
pub type BoundExpr = Node<usize>;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RelevanceError {
    #[error("relevance expression: {message} at character {position}")]
    Syntax { message: String, position: usize },
    #[error("relevance expression refers to unknown question `{0}`")]
    UnknownVariable(String),
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Var(String),
    Str(String),
    Num(f64),
    Ident(String),
    Op(CmpOp),
    LParen,
    RParen,
    Comma,
}

fn syntax(message: &str, position: usize) -> RelevanceError {
    RelevanceError::Syntax {
        message: message.to_string(),
        position,
    }
}

fn lex(s: &str) -> Result<Vec<(Tok, usize)>, RelevanceError> {
    let cs: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < cs.len() {
        let c = cs[i];
        let start = i;
        match c {
            c if c.is_whitespace() => i += 1,
            '(' => {
                out.push((Tok::LParen, start));
                i += 1
            }
            ')' => {
                out.push((Tok::RParen, start));
                i += 1
            }
            ',' => {
                out.push((Tok::Comma, start));
                i += 1
            }
            '$' => {
                if cs.get(i + 1) != Some(&'{') {
                    return Err(syntax("expected `{` after `$`", i));
                }
                let close = cs[i + 2..]
                    .iter()
                    .position(|&c| c == '}')
                    .ok_or_else(|| syntax("unclosed `${`", i))?;
                let name: String = cs[i + 2..i + 2 + close].iter().collect();
                let name = name.trim().to_string();
                if name.is_empty() {
                    return Err(syntax("empty question name", i));
                }
                out.push((Tok::Var(name), start));
                i += close + 3;
            }
            '\'' | '"' => {
                let close = cs[i + 1..]
                    .iter()
                    .position(|&d| d == c)
                    .ok_or_else(|| syntax("unclosed string", i))?;
                out.push((Tok::Str(cs[i + 1..i + 1 + close].iter().collect()), start));
                i += close + 2;
            }
            '=' => {
                out.push((Tok::Op(CmpOp::Eq), start));
                i += 1
            }
            '!' => {
                if cs.get(i + 1) != Some(&'=') {
                    return Err(syntax("expected `!=`", i));
                }
                out.push((Tok::Op(CmpOp::Ne), start));
                i += 2
            }
            '<' | '>' => {
                let eq = cs.get(i + 1) == Some(&'=');
                let op = match (c, eq) {
                    ('<', false) => CmpOp::Lt,
                    ('<', true) => CmpOp::Le,
                    ('>', false) => CmpOp::Gt,
                    _ => CmpOp::Ge,
                };
                out.push((Tok::Op(op), start));
                i += if eq { 2 } else { 1 };
            }
            c if c.is_ascii_digit() || c == '.' || c == '-' => {
                let mut j = i + 1;
                while j < cs.len() && (cs[j].is_ascii_digit() || cs[j] == '.') {
                    j += 1;
                }
                let text: String = cs[i..j].iter().collect();
                let n = text
                    .parse::<f64>()
                    .map_err(|_| syntax("bad number", start))?;
                out.push((Tok::Num(n), start));
                i = j;
            }
            c if c.is_alphabetic() || c == '_' => {
                let mut j = i + 1;
                while j < cs.len() && (cs[j].is_alphanumeric() || cs[j] == '_' || cs[j] == '-') {
                    j += 1;
                }
                out.push((Tok::Ident(cs[i..j].iter().collect()), start));
                i = j;
            }
            _ => return Err(syntax(&format!("unexpected `{c}`"), i)),
        }
    }
    Ok(out)
}

struct Parser {
    toks: Vec<(Tok, usize)>,
    pos: usize,
    end: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos).map(|t| &t.0)
    }
    fn at(&self) -> usize {
        self.toks.get(self.pos).map_or(self.end, |t| t.1)
    }
    fn expect(&mut self, t: Tok, what: &str) -> Result<(), RelevanceError> {
        if self.peek() == Some(&t) {
            self.pos += 1;
            Ok(())
        } else {
            Err(syntax(&format!("expected {what}"), self.at()))
        }
    }
    fn is_ident(&self, word: &str) -> bool {
        matches!(self.peek(), Some(Tok::Ident(w)) if w == word)
    }

    fn or(&mut self, d: usize) -> Result<Expr, RelevanceError> {
        if d > MAX_DEPTH {
            return Err(syntax("expression nested too deeply", self.at()));
        }
        let mut l = self.and(d)?;
        while self.is_ident("or") {
            self.pos += 1;
            let r = self.and(d)?;
            l = Node::Or(Box::new(l), Box::new(r));
        }
        Ok(l)
    }
    fn and(&mut self, d: usize) -> Result<Expr, RelevanceError> {
        let mut l = self.cmp(d)?;
        while self.is_ident("and") {
            self.pos += 1;
            let r = self.cmp(d)?;
            l = Node::And(Box::new(l), Box::new(r));
        }
        Ok(l)
    }
    fn cmp(&mut self, d: usize) -> Result<Expr, RelevanceError> {
        let l = self.primary(d)?;
        if let Some(Tok::Op(op)) = self.peek() {
            let op = *op;
            self.pos += 1;
            let r = self.primary(d)?;
            return Ok(Node::Cmp(op, Box::new(l), Box::new(r)));
        }
        Ok(l)
    }
    fn args(&mut self, d: usize, n: usize, name: &str) -> Result<Vec<Expr>, RelevanceError> {
        self.expect(Tok::LParen, &format!("`(` after {name}"))?;
        let mut v = Vec::new();
        if self.peek() != Some(&Tok::RParen) {
            loop {
                v.push(self.or(d + 1)?);
                if self.peek() == Some(&Tok::Comma) {
                    self.pos += 1;
                } else {
                    break;
                }
            }
        }
        self.expect(Tok::RParen, "`)`")?;
        if v.len() != n {
            return Err(syntax(
                &format!("{name}() takes {n} argument(s), got {}", v.len()),
                self.at(),
            ));
        }
        Ok(v)
    }
    fn primary(&mut self, d: usize) -> Result<Expr, RelevanceError> {
        let at = self.at();
        let Some((tok, _)) = self.toks.get(self.pos).cloned() else {
            return Err(syntax("unexpected end of expression", at));
        };
        self.pos += 1;
        match tok {
            Tok::Var(v) => Ok(Node::Var(v)),
            Tok::Str(s) => Ok(Node::Str(s)),
            Tok::Num(n) => Ok(Node::Num(n)),
            Tok::LParen => {
                let e = self.or(d + 1)?;
                self.expect(Tok::RParen, "`)`")?;
                Ok(e)
            }
            Tok::Ident(name) => match name.as_str() {
                "not" => {
                    let mut a = self.args(d, 1, "not")?;
                    Ok(Node::Not(Box::new(a.remove(0))))
                }
                "selected" => {
                    let mut a = self.args(d, 2, "selected")?;
                    let b = a.remove(1);
                    Ok(Node::Selected(Box::new(a.remove(0)), Box::new(b)))
                }
                "count-selected" => {
                    let mut a = self.args(d, 1, "count-selected")?;
                    Ok(Node::CountSelected(Box::new(a.remove(0))))
                }
                "string-length" => {
                    let mut a = self.args(d, 1, "string-length")?;
                    Ok(Node::StringLength(Box::new(a.remove(0))))
                }
                "true" | "false" => {
                    self.args(d, 0, &name)?;
                    Ok(Node::Bool(name == "true"))
                }
                _ => Err(syntax(&format!("unknown function `{name}`"), at)),
            },
            _ => Err(syntax("expected a value", at)),
        }
    }
}

impl Expr {
    /// Parse an XLSForm `relevant` expression.
    pub fn parse(s: &str) -> Result<Expr, RelevanceError> {
        let toks = lex(s)?;
        let mut p = Parser {
            toks,
            pos: 0,
            end: s.chars().count(),
        };
        let e = p.or(0)?;
        if p.pos != p.toks.len() {
            return Err(syntax("unexpected text after expression", p.at()));
        }
        Ok(e)
    }

    /// Question names the expression refers to.
    pub fn variables(&self) -> Vec<&str> {
        let mut out: Vec<&String> = Vec::new();
        self.walk(&mut |v: &String| out.push(v));
        let mut out: Vec<&str> = out.into_iter().map(String::as_str).collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Evaluate with a lookup from question name to the answer text (None = no such
    /// question, treated as an empty answer).
    pub fn eval_with<'a>(&self, lookup: &dyn Fn(&str) -> Option<&'a str>) -> bool {
        truthy(&self.value(&|v: &String| lookup(v).unwrap_or("")))
    }

    /// Bind question names to column indices; unknown names are an error.
    pub fn bind(
        &self,
        resolve: &dyn Fn(&str) -> Option<usize>,
    ) -> Result<BoundExpr, RelevanceError> {
        self.map(&|v: &String| resolve(v).ok_or_else(|| RelevanceError::UnknownVariable(v.clone())))
    }
}

impl BoundExpr {
    /// Evaluate against a row: `field(i)` is the text of column `i`.
    pub fn eval<'a>(&self, field: &dyn Fn(usize) -> &'a str) -> bool {
        truthy(&self.value(&|v: &usize| field(*v)))
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Val<'a> {
    S(std::borrow::Cow<'a, str>),
    N(f64),
    B(bool),
}

fn truthy(v: &Val) -> bool {
    match v {
        Val::B(b) => *b,
        Val::N(n) => *n != 0.0 && !n.is_nan(),
        Val::S(s) => !s.is_empty(),
    }
}

fn as_num(v: &Val) -> Option<f64> {
    match v {
        Val::N(n) => Some(*n),
        Val::B(b) => Some(if *b { 1.0 } else { 0.0 }),
        Val::S(s) => s.trim().parse::<f64>().ok().filter(|n| n.is_finite()),
    }
}

fn as_text<'a>(v: &Val<'a>) -> std::borrow::Cow<'a, str> {
    match v {
        Val::S(s) => s.clone(),
        Val::N(n) => n.to_string().into(),
        Val::B(b) => b.to_string().into(),
    }
}

impl<V> Node<V> {
    fn walk<'s>(&'s self, f: &mut dyn FnMut(&'s V)) {
        match self {
            Node::Var(v) => f(v),
            Node::Str(_) | Node::Num(_) | Node::Bool(_) => {}
            Node::Not(a) | Node::CountSelected(a) | Node::StringLength(a) => a.walk(f),
            Node::And(a, b) | Node::Or(a, b) | Node::Cmp(_, a, b) | Node::Selected(a, b) => {
                a.walk(f);
                b.walk(f)
            }
        }
    }

    fn map<W, E>(&self, f: &dyn Fn(&V) -> Result<W, E>) -> Result<Node<W>, E> {
        let bx = |n: &Node<V>| n.map(f).map(Box::new);
        Ok(match self {
            Node::Var(v) => Node::Var(f(v)?),
            Node::Str(s) => Node::Str(s.clone()),
            Node::Num(n) => Node::Num(*n),
            Node::Bool(b) => Node::Bool(*b),
            Node::Not(a) => Node::Not(bx(a)?),
            Node::CountSelected(a) => Node::CountSelected(bx(a)?),
            Node::StringLength(a) => Node::StringLength(bx(a)?),
            Node::And(a, b) => Node::And(bx(a)?, bx(b)?),
            Node::Or(a, b) => Node::Or(bx(a)?, bx(b)?),
            Node::Cmp(op, a, b) => Node::Cmp(*op, bx(a)?, bx(b)?),
            Node::Selected(a, b) => Node::Selected(bx(a)?, bx(b)?),
        })
    }

    fn value<'a>(&self, get: &dyn Fn(&V) -> &'a str) -> Val<'a> {
        match self {
            Node::Var(v) => Val::S(get(v).into()),
            Node::Str(s) => Val::S(s.clone().into()),
            Node::Num(n) => Val::N(*n),
            Node::Bool(b) => Val::B(*b),
            Node::Not(a) => Val::B(!truthy(&a.value(get))),
            Node::And(a, b) => Val::B(truthy(&a.value(get)) && truthy(&b.value(get))),
            Node::Or(a, b) => Val::B(truthy(&a.value(get)) || truthy(&b.value(get))),
            Node::Cmp(op, a, b) => {
                let (x, y) = (a.value(get), b.value(get));
                Val::B(match (as_num(&x), as_num(&y)) {
                    (Some(p), Some(q)) => match op {
                        CmpOp::Eq => p == q,
                        CmpOp::Ne => p != q,
                        CmpOp::Lt => p < q,
                        CmpOp::Le => p <= q,
                        CmpOp::Gt => p > q,
                        CmpOp::Ge => p >= q,
                    },
                    _ => match op {
                        CmpOp::Eq => as_text(&x) == as_text(&y),
                        CmpOp::Ne => as_text(&x) != as_text(&y),
                        _ => false,
                    },
                })
            }
            Node::Selected(a, b) => {
                let (x, y) = (as_text(&a.value(get)), as_text(&b.value(get)));
                let y = y.trim();
                Val::B(x.split_whitespace().any(|c| c == y))
            }
            Node::CountSelected(a) => {
                Val::N(as_text(&a.value(get)).split_whitespace().count() as f64)
            }
            Node::StringLength(a) => Val::N(as_text(&a.value(get)).chars().count() as f64),
        }
    }
}

impl fmt::Display for CmpOp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            CmpOp::Eq => "=",
            CmpOp::Ne => "!=",
            CmpOp::Lt => "<",
            CmpOp::Le => "<=",
            CmpOp::Gt => ">",
            CmpOp::Ge => ">=",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ev(e: &str, vars: &[(&str, &str)]) -> bool {
        let vars: Vec<(String, String)> = vars
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect();
        Expr::parse(e)
            .unwrap()
            .eval_with(&|n| vars.iter().find(|(k, _)| k == n).map(|(_, v)| v.as_str()))
    }

    #[test]
    fn examples() {
        assert!(ev("${q1} = 'yes'", &[("q1", "yes")]));
        assert!(!ev("${q1} = 'yes'", &[("q1", "no")]));
        assert!(ev("selected(${q2}, 'a')", &[("q2", "b a")]));
        assert!(!ev("selected(${q2}, 'a')", &[("q2", "ab")]));
        assert!(ev("${age} >= 18", &[("age", "18")]));
        assert!(!ev("${age} >= 18", &[("age", "9")]));
        assert!(!ev("${age} >= 18", &[("age", "")]));
        assert!(ev(
            "${q1} = 'yes' and (${age} > 17 or not(selected(${q2}, 'x')))",
            &[("q1", "yes"), ("age", "10"), ("q2", "a")]
        ));
        assert!(ev("${n} = 2", &[("n", "2.0")]));
        assert!(ev("count-selected(${q2}) >= 2", &[("q2", "a b")]));
        assert!(ev("${q1} != ''", &[("q1", "x")]));
        assert!(ev("true()", &[]));
        assert!(ev("${q1} = -1", &[("q1", "-1")]));
    }

    #[test]
    fn errors_and_binding() {
        assert!(Expr::parse("${q1} = ").is_err());
        assert!(Expr::parse("foo(${q})").is_err());
        assert!(Expr::parse("${q1").is_err());
        let e = Expr::parse("${a} = 'x' or ${b} = 1").unwrap();
        assert_eq!(e.variables(), vec!["a", "b"]);
        let cols = ["a", "b"];
        let b = e.bind(&|n| cols.iter().position(|c| *c == n)).unwrap();
        let row = ["y", "1"];
        assert!(b.eval(&|i| row[i]));
        assert_eq!(
            e.bind(&|_| None),
            Err(RelevanceError::UnknownVariable("a".into()))
        );
        let deep = "(".repeat(500) + "1" + &")".repeat(500);
        assert!(Expr::parse(&deep).is_err());
    }

    proptest! {
        #[test]
        fn never_panics(s in "\\PC{0,60}", v in "\\PC{0,10}") {
            if let Ok(e) = Expr::parse(&s) {
                let _ = e.eval_with(&|_| Some(v.as_str()));
            }
        }

        #[test]
        fn never_panics_on_expression_like_text(
            s in "[ ()$'{}a-c0-9=!<>,.-]{0,40}|(\\$\\{[a-c]\\}|'[a-c]'|[0-9]|and|or|not\\(|selected\\(|\\(|\\)|, |=|>=| ){0,20}",
            v in "[a-c0-9 .-]{0,6}",
        ) {
            if let Ok(e) = Expr::parse(&s) {
                let _ = e.eval_with(&|_| Some(v.as_str()));
            }
        }
    }
}
