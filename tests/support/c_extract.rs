//! A small reader of C source files: splits a file into its top-level items
//! (function definitions, declarations, preprocessor lines) by matching
//! braces outside comments, strings and character literals, and extracts one
//! function together with the file-local helpers it needs (static functions,
//! static variables, types and macros it names, transitively), each under
//! the `#if` conditions it had in the file. Enough for CZMQ's selftests;
//! not a C parser.

use std::collections::BTreeSet;

/// What a top-level item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `#define NAME ...`
    Define,
    /// Any other preprocessor line (`#include`, `#undef`, `#pragma`, ...);
    /// the conditionals are tracked, not kept as items.
    Directive,
    /// A function definition (with a body).
    Function,
    /// Anything ending in `;`: prototypes, variables, types.
    Declaration,
}

/// One top-level item of a C file.
#[derive(Debug, Clone)]
pub struct Item {
    pub kind: Kind,
    /// The item's source text, exactly as in the file.
    pub text: String,
    /// 1-based line of the item's first character.
    pub line: usize,
    /// The names the item defines (a function's name, a variable, a type,
    /// a macro, enumerators).
    pub names: Vec<String>,
    /// Whether the item may be copied next to the extracted function: it
    /// is file-local (static, a type, a macro). Non-static functions and
    /// variables belong to the library under test and must come from it.
    pub local: bool,
    /// The `#if` chains around the item, outermost first; each chain is
    /// its directive lines so far (`#ifdef X`, `#else`, ...).
    pub conditions: Vec<Vec<String>>,
    /// Every identifier the item mentions.
    pub refs: BTreeSet<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    Ident(String),
    Punct(char),
}

const KEYWORDS: &[&str] = &[
    "auto", "bool", "break", "byte", "case", "char", "const", "continue", "default", "do",
    "double", "else", "enum", "extern", "float", "for", "goto", "if", "inline", "int", "long",
    "register", "restrict", "return", "short", "signed", "size_t", "sizeof", "static", "struct",
    "switch", "typedef", "union", "unsigned", "void", "volatile", "while",
];

fn is_keyword(word: &str) -> bool {
    KEYWORDS.contains(&word)
}

/// Skips a comment, string or character literal starting at `i`; returns
/// the index after it, or `None` if none starts there.
fn skip_opaque(s: &[u8], i: usize) -> Option<usize> {
    match s[i] {
        b'/' if s.get(i + 1) == Some(&b'/') => {
            let mut j = i;
            while j < s.len() && s[j] != b'\n' {
                j += 1;
            }
            Some(j)
        }
        b'/' if s.get(i + 1) == Some(&b'*') => {
            let mut j = i + 2;
            while j + 1 < s.len() && !(s[j] == b'*' && s[j + 1] == b'/') {
                j += 1;
            }
            Some((j + 2).min(s.len()))
        }
        quote @ (b'"' | b'\'') => {
            let mut j = i + 1;
            while j < s.len() && s[j] != quote {
                if s[j] == b'\\' {
                    j += 1;
                }
                j += 1;
            }
            Some((j + 1).min(s.len()))
        }
        _ => None,
    }
}

/// The end of the preprocessor line starting at `i` (backslash
/// continuations included), before its newline.
fn directive_end(s: &[u8], i: usize) -> usize {
    let mut j = i;
    while j < s.len() {
        if s[j] == b'\\' && s.get(j + 1) == Some(&b'\n') {
            j += 2;
            continue;
        }
        if s[j] == b'\n' {
            break;
        }
        // A block comment may hide a newline.
        if s[j] == b'/' && s.get(j + 1) == Some(&b'*') {
            j = skip_opaque(s, j).unwrap_or(s.len());
            continue;
        }
        j += 1;
    }
    j
}

/// Whether only blanks precede `i` on its line.
fn at_line_start(s: &[u8], i: usize) -> bool {
    s[..i]
        .iter()
        .rev()
        .take_while(|&&c| c != b'\n')
        .all(|c| c.is_ascii_whitespace())
}

/// The identifiers and punctuation of `text`, comments, literals and
/// numbers left out; preprocessor lines are lexed like code.
fn tokens(text: &str) -> Vec<Token> {
    let s = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < s.len() {
        if let Some(next) = skip_opaque(s, i) {
            i = next;
            continue;
        }
        let c = s[i];
        if c.is_ascii_alphabetic() || c == b'_' {
            let start = i;
            while i < s.len() && (s[i].is_ascii_alphanumeric() || s[i] == b'_') {
                i += 1;
            }
            out.push(Token::Ident(text[start..i].to_owned()));
        } else if c.is_ascii_digit() {
            while i < s.len() && (s[i].is_ascii_alphanumeric() || s[i] == b'.') {
                i += 1;
            }
        } else {
            if !c.is_ascii_whitespace() {
                out.push(Token::Punct(c as char));
            }
            i += 1;
        }
    }
    out
}

/// The end (exclusive) of the code item starting at `start`: after its `;`
/// at brace depth 0, or after the body of a function definition.
fn code_item_end(s: &[u8], start: usize) -> usize {
    let mut depth = 0usize;
    // Per open #if: the depth at the #if, and after its first branch.
    let mut branches: Vec<(usize, Option<usize>)> = Vec::new();
    let mut header_end = None;
    let mut i = start;
    while i < s.len() {
        if let Some(next) = skip_opaque(s, i) {
            i = next;
            continue;
        }
        if s[i] == b'#' && at_line_start(s, i) {
            let end = directive_end(s, i);
            // Branches of an #if may each open (or close) a brace, as in
            // `#if X\n if (a) {\n#else\n if (b) {\n#endif`: count the
            // first branch only, as if the others were not there.
            let words = tokens(&String::from_utf8_lossy(&s[i..end]));
            match words.get(1) {
                Some(Token::Ident(w)) if matches!(w.as_str(), "if" | "ifdef" | "ifndef") => {
                    branches.push((depth, None))
                }
                Some(Token::Ident(w)) if matches!(w.as_str(), "elif" | "else") => {
                    if let Some((at_if, after_first)) = branches.last_mut() {
                        after_first.get_or_insert(depth);
                        depth = *at_if;
                    }
                }
                Some(Token::Ident(w)) if w == "endif" => {
                    if let Some((_, Some(after_first))) = branches.pop() {
                        depth = after_first;
                    }
                }
                _ => {}
            }
            i = end;
            continue;
        }
        match s[i] {
            b'{' => {
                if depth == 0 && header_end.is_none() {
                    header_end = Some(i);
                }
                depth += 1;
            }
            b'}' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    let header = String::from_utf8_lossy(&s[start..header_end.unwrap_or(i)]);
                    let header: Vec<Token> = tokens(&header);
                    if header.last() == Some(&Token::Punct(')'))
                        && !header.contains(&Token::Punct('='))
                    {
                        return i + 1;
                    }
                }
            }
            b';' if depth == 0 => return i + 1,
            _ => {}
        }
        i += 1;
    }
    s.len()
}

/// The names a function definition or declaration defines.
fn defined_names(kind: Kind, toks: &[Token]) -> Vec<String> {
    let mut names = Vec::new();
    let keep = |name: &Option<String>, names: &mut Vec<String>| {
        if let Some(name) = name {
            if !is_keyword(name) && !names.contains(name) {
                names.push(name.clone());
            }
        }
    };
    let mut last: Option<String> = None;
    let (mut paren, mut brace) = (0usize, 0usize);
    let mut in_initializer = false;
    let mut enum_body = false;
    let mut after_enum_open_or_comma = false;
    for (index, tok) in toks.iter().enumerate() {
        match tok {
            Token::Ident(word) => {
                if brace == 1 && enum_body && after_enum_open_or_comma {
                    keep(&Some(word.clone()), &mut names);
                }
                after_enum_open_or_comma = false;
                if paren == 0 && brace == 0 && !in_initializer {
                    last = Some(word.clone());
                }
            }
            Token::Punct(c) => {
                after_enum_open_or_comma = false;
                match c {
                    '(' => {
                        if paren == 0 && brace == 0 && !in_initializer {
                            keep(&last, &mut names);
                            if kind == Kind::Function {
                                return names;
                            }
                        }
                        paren += 1;
                    }
                    ')' => paren = paren.saturating_sub(1),
                    '{' => {
                        if paren == 0 && brace == 0 && !in_initializer {
                            keep(&last, &mut names);
                            enum_body = toks[..index]
                                .iter()
                                .any(|t| *t == Token::Ident("enum".into()));
                            after_enum_open_or_comma = true;
                        }
                        brace += 1;
                    }
                    '}' => brace = brace.saturating_sub(1),
                    ',' if brace == 1 && enum_body => after_enum_open_or_comma = true,
                    '=' | ';' | ',' | '[' if paren == 0 && brace == 0 => {
                        if !in_initializer {
                            keep(&last, &mut names);
                        }
                        last = None;
                        in_initializer = *c == '=';
                    }
                    _ => {}
                }
            }
        }
    }
    names
}

/// Splits a C file into its top-level items, in file order.
pub fn items(source: &str) -> Vec<Item> {
    let s = source.as_bytes();
    let line_of = |offset: usize| s[..offset].iter().filter(|&&c| c == b'\n').count() + 1;
    let mut items = Vec::new();
    let mut conditions: Vec<Vec<String>> = Vec::new();
    let mut i = 0;
    while i < s.len() {
        if s[i].is_ascii_whitespace() {
            i += 1;
            continue;
        }
        if s[i] == b'/' && matches!(s.get(i + 1), Some(b'/' | b'*')) {
            i = skip_opaque(s, i).unwrap_or(s.len());
            continue;
        }
        if s[i] == b'#' {
            let end = directive_end(s, i);
            let text = source[i..end].to_owned();
            let words: Vec<String> = tokens(&text)
                .into_iter()
                .filter_map(|t| match t {
                    Token::Ident(w) => Some(w),
                    Token::Punct(_) => None,
                })
                .collect();
            match words.first().map(String::as_str) {
                Some("if" | "ifdef" | "ifndef") => conditions.push(vec![text]),
                Some("elif" | "else") => {
                    if let Some(chain) = conditions.last_mut() {
                        chain.push(text);
                    }
                }
                Some("endif") => {
                    conditions.pop();
                }
                Some(word) => {
                    let kind = if word == "define" {
                        Kind::Define
                    } else {
                        Kind::Directive
                    };
                    let names = if kind == Kind::Define {
                        words.get(1).cloned().into_iter().collect()
                    } else {
                        Vec::new()
                    };
                    items.push(Item {
                        kind,
                        refs: words.iter().skip(2).cloned().collect(),
                        text,
                        line: line_of(i),
                        names,
                        local: kind == Kind::Define,
                        conditions: conditions.clone(),
                    });
                }
                None => {}
            }
            i = end;
            continue;
        }
        let end = code_item_end(s, i);
        let text = source[i..end].to_owned();
        let toks = tokens(&text);
        let kind = if text.trim_end().ends_with('}') {
            Kind::Function
        } else {
            Kind::Declaration
        };
        let first = match toks.first() {
            Some(Token::Ident(word)) => word.as_str(),
            _ => "",
        };
        let is_static = toks
            .iter()
            .take_while(|t| **t != Token::Punct('(') && **t != Token::Punct('{'))
            .any(|t| *t == Token::Ident("static".into()));
        let is_type = kind == Kind::Declaration
            && matches!(first, "typedef" | "struct" | "union" | "enum")
            && !toks
                .iter()
                .take_while(|t| **t != Token::Punct('{'))
                .any(|t| *t == Token::Punct('('))
            || first == "typedef";
        let refs = toks
            .iter()
            .filter_map(|t| match t {
                Token::Ident(w) => Some(w.clone()),
                Token::Punct(_) => None,
            })
            .collect();
        items.push(Item {
            kind,
            names: defined_names(kind, &toks),
            line: line_of(i),
            local: is_static || is_type,
            conditions: conditions.clone(),
            refs,
            text,
        });
        i = end;
    }
    items
}

/// The function `name` of `source` with every file-local item it needs,
/// transitively, in file order, each under its `#if` conditions and with a
/// `#line` directive pointing at `file` (so compiler messages name the
/// original lines). `None` if the file has no such function.
pub fn extract_function(source: &str, name: &str, file: &str) -> Option<String> {
    let items = items(source);
    let root = items
        .iter()
        .position(|item| item.kind == Kind::Function && item.names.iter().any(|n| n == name))?;
    let mut chosen = BTreeSet::from([root]);
    let mut pending: Vec<String> = items[root].refs.iter().cloned().collect();
    let mut seen: BTreeSet<String> = BTreeSet::new();
    while let Some(word) = pending.pop() {
        if !seen.insert(word.clone()) {
            continue;
        }
        for (index, item) in items.iter().enumerate() {
            if item.local && item.names.contains(&word) && chosen.insert(index) {
                pending.extend(item.refs.iter().cloned());
            }
        }
    }
    let mut out = String::new();
    for index in chosen {
        let item = &items[index];
        for chain in &item.conditions {
            for line in chain {
                out.push_str(line);
                out.push('\n');
            }
        }
        out.push_str(&format!("#line {} \"{file}\"\n", item.line));
        out.push_str(&item.text);
        out.push('\n');
        for _ in &item.conditions {
            out.push_str("#endif\n");
        }
        out.push('\n');
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"
#include "czmq_classes.h"
#define LOCAL_MACRO 3
struct _thing_t { int a; };
volatile int library_global = 0;
static int s_unused (void) { return 1; }
static int
s_helper (int x)
{
    //  A brace in a comment: {
    const char *s = "}";
    return x + LOCAL_MACRO + (s [0] == '}');
}
#ifdef CZMQ_BUILD_DRAFT_API
static void s_draft (void) { }
#endif
void
thing_public (void)
{
    library_global++;
}
void
thing_test (bool verbose)
{
    s_helper (1);
#ifdef CZMQ_BUILD_DRAFT_API
    s_draft ();
#endif
    thing_public ();
}
"#;

    #[test]
    fn splits_items_and_finds_names() {
        let items = items(SAMPLE);
        let names: Vec<_> = items.iter().map(|i| i.names.join(",")).collect();
        assert_eq!(
            names,
            [
                "",
                "LOCAL_MACRO",
                "_thing_t",
                "library_global",
                "s_unused",
                "s_helper",
                "s_draft",
                "thing_public",
                "thing_test"
            ]
        );
        assert!(!items[3].local && !items[7].local && items[5].local);
        assert_eq!(items[6].conditions, [vec!["#ifdef CZMQ_BUILD_DRAFT_API"]]);
    }

    /// Each branch of an #if opens a brace closed after the #endif (as in
    /// CZMQ's zsys_dir_create): the item still ends at its own last brace.
    #[test]
    fn braces_opened_in_each_branch_of_an_if_count_once() {
        let source = "int\nf (void)\n{\n#if defined (A)\n    if (a) {\n#else\n    if (b) {\n#endif\n        return 1;\n    }\n    return 0;\n}\nstatic int s_next (void) { return 2; }\n";
        let items = items(source);
        let names: Vec<_> = items.iter().map(|i| i.names.join(",")).collect();
        assert_eq!(names, ["f", "s_next"]);
        assert!(items[0].text.ends_with("return 0;\n}"));
    }

    #[test]
    fn extracts_the_function_and_its_local_helpers_only() {
        let out = extract_function(SAMPLE, "thing_test", "thing.c").expect("found");
        assert!(out.contains("s_helper (int x)") && out.contains("#define LOCAL_MACRO"));
        assert!(out.contains("#ifdef CZMQ_BUILD_DRAFT_API\n#line 15"));
        assert!(!out.contains("s_unused") && !out.contains("library_global++"));
        assert!(!out.contains("thing_public (void)"));
    }
}
