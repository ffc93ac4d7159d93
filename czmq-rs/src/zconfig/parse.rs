//! Reading ZPL text into a tree, with the rules of CZMQ's
//! `zconfig_chunk_load`: indentation of exactly 4 spaces per level, names of
//! ZPL name characters, values quoted with `"` or `'` or bare up to a `#`,
//! anything else on a line an error naming the line.
//!
//! Where we differ from CZMQ, we do so to read back exactly what is written:
//! a line with a name and no `=` has no value (CZMQ gives it `""`, then
//! writes `name = ""`); comment lines are kept on the node that follows them
//! (CZMQ gathers every column-0 comment on the root), except that the
//! comments opening the file, up to an empty line or the first node, are the
//! root's; and `\r` alone also ends a line, as 4/ZPL asks. Tabs in
//! indentation and NUL bytes are errors.
//!
//! The tree is built with a stack holding the open nodes of its right-most
//! branch, so parsing costs the same at any depth and never recurses.

use std::ptr::NonNull;

use super::node::ConfigNode;
use super::write::{is_name_char, is_space};
use super::{Config, ConfigNodeMut};

/// A syntax error in ZPL text: the 1-based line and what is wrong with it.
/// It is the `source()` of the [`Error::Decode`](crate::Error::Decode) that
/// [`Config::parse`] and [`Config::load`] return.
///
/// ```
/// use czmq::{Config, ConfigSyntaxError, Error};
/// let Err(Error::Decode { source, .. }) = Config::parse("main\n  bind = x\n") else { panic!() };
/// let syntax = source.get_ref().downcast_ref::<ConfigSyntaxError>().unwrap();
/// assert_eq!(syntax.line(), 2);
/// assert!(syntax.to_string().starts_with("line 2: "));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub(super) line: usize,
    pub(super) message: String,
}

impl SyntaxError {
    /// The line the error is on, counting from 1.
    ///
    /// ```
    /// # use czmq::{Config, ConfigSyntaxError, Error};
    /// # let Err(Error::Decode { source, .. }) = Config::parse("a\n b\n") else { panic!() };
    /// assert_eq!(source.get_ref().downcast_ref::<ConfigSyntaxError>().unwrap().line(), 2);
    /// ```
    pub fn line(&self) -> usize {
        self.line
    }

    /// What is wrong with the line.
    ///
    /// ```
    /// # use czmq::{Config, ConfigSyntaxError, Error};
    /// # let Err(Error::Decode { source, .. }) = Config::parse("a\n b\n") else { panic!() };
    /// assert!(!source.get_ref().downcast_ref::<ConfigSyntaxError>().unwrap().message().is_empty());
    /// ```
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl std::fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for SyntaxError {}

/// One line, classified.
#[derive(Debug, PartialEq, Eq)]
enum Line<'a> {
    Blank,
    Comment(&'a str),
    ConfigNode {
        level: usize,
        name: &'a str,
        value: Option<&'a str>,
    },
}

/// Parses a whole ZPL document into a tree whose root is named "root".
pub(super) fn parse_bytes(bytes: &[u8]) -> Result<Config, SyntaxError> {
    let mut builder = Builder::new();
    for (index, raw) in split_byte_lines(bytes).enumerate() {
        let line = index + 1;
        let fail = |message: String| SyntaxError { line, message };
        if raw.contains(&0) {
            return Err(fail("contains a NUL byte".into()));
        }
        let text = std::str::from_utf8(raw).map_err(|_| fail("is not valid UTF-8".into()))?;
        match classify(text).map_err(fail)? {
            Line::Blank => builder.blank(),
            Line::Comment(text) => builder.pending.push(text.to_string()),
            Line::ConfigNode { level, name, value } => {
                builder.node(level, name, value).map_err(fail)?
            }
        }
    }
    Ok(builder.finish())
}

/// The right-most branch of the tree being built, plus the comments waiting
/// for the next node.
struct Builder {
    /// Owns the tree; freed with it if parsing fails.
    tree: Config,
    /// spine[d] is the latest node at depth d; spine[0] is the root.
    spine: Vec<NonNull<ConfigNode>>,
    pending: Vec<String>,
    seen_node: bool,
}

impl Builder {
    fn new() -> Builder {
        let mut tree = Config::new("root");
        let root = tree.root_mut().into_raw_nonnull();
        Builder {
            tree,
            spine: vec![root],
            pending: Vec::new(),
            seen_node: false,
        }
    }

    /// Edit access to a node of the tree being built.
    fn edit(&mut self, node: NonNull<ConfigNode>) -> ConfigNodeMut<'_> {
        // The spine holds live nodes of `self.tree`, which `&mut self`
        // borrows exclusively.
        let _ = &mut self.tree;
        ConfigNodeMut::new(node)
    }

    /// An empty line ends the file's opening comment block, which belongs to
    /// the root (CZMQ writes the root's comments first, then an empty line);
    /// later comments wait for the node they precede.
    fn blank(&mut self) {
        if self.seen_node || self.pending.is_empty() || !self.tree.comments().is_empty() {
            return;
        }
        let lines = std::mem::take(&mut self.pending);
        let root = self.spine[0];
        self.edit(root).push_comments(lines);
    }

    /// Adds a node as the last child of the latest node at depth `level`.
    fn node(&mut self, level: usize, name: &str, value: Option<&str>) -> Result<(), String> {
        if level >= self.spine.len() {
            return Err(format!(
                "indentation error: {} levels deep, but the line above allows at most {}",
                level,
                self.spine.len() - 1
            ));
        }
        self.spine.truncate(level + 1);
        if !self.seen_node {
            // Comments opening the file are the file's: the root's.
            self.blank();
        }
        let parent = self.spine[level];
        let comments = std::mem::take(&mut self.pending);
        let mut parent = self.edit(parent);
        let mut node = parent.add_child_unchecked(name);
        // As CZMQ: a name without `=` has the value "".
        node.set_value_unchecked(value.unwrap_or(""));
        node.push_comments(comments);
        let child = node.into_raw_nonnull();
        self.spine.push(child);
        self.seen_node = true;
        Ok(())
    }

    fn finish(mut self) -> Config {
        // Comments after the last node have nothing to precede; keep them on
        // the root rather than lose them.
        let lines = std::mem::take(&mut self.pending);
        let root = self.spine[0];
        self.edit(root).push_comments(lines);
        self.tree
    }
}

/// Splits bytes on `\n`, `\r\n` and `\r`.
fn split_byte_lines(bytes: &[u8]) -> impl Iterator<Item = &[u8]> {
    let mut rest = Some(bytes);
    std::iter::from_fn(move || {
        let current = rest?;
        match current.iter().position(|b| *b == b'\n' || *b == b'\r') {
            Some(at) => {
                let skip = if current[at..].starts_with(b"\r\n") {
                    2
                } else {
                    1
                };
                rest = Some(&current[at + skip..]);
                Some(&current[..at])
            }
            None => {
                rest = None;
                Some(current)
            }
        }
    })
}

/// Classifies one line (without its line ending).
fn classify(line: &str) -> Result<Line<'_>, String> {
    let line = line.trim_end_matches(is_space);
    if line.is_empty() {
        return Ok(Line::Blank);
    }
    let body = line.trim_start_matches(' ');
    let indent = line.len() - body.len();
    if let Some(c) = body.chars().next().filter(|c| is_space(*c)) {
        return Err(if c == '\t' {
            "a tab in the indentation (indent with 4 spaces per level)".into()
        } else {
            format!("{c:?} in the indentation (indent with 4 spaces per level)")
        });
    }
    let (level, extra) = (indent / 4, indent % 4);
    if extra != 0 {
        return Err(format!(
            "indentation of {indent} spaces is not a multiple of 4"
        ));
    }
    if let Some(text) = body.strip_prefix('#') {
        return Ok(Line::Comment(text));
    }
    let name_len = body.find(|c| !is_name_char(c)).unwrap_or(body.len());
    let (name, rest) = body.split_at(name_len);
    if name.is_empty() {
        return Err(format!("expected a name, found {}", snippet(body)));
    }
    if name.starts_with('/') || name.ends_with('/') {
        return Err(format!(
            "'/' is not valid at the start or end of name {name:?}"
        ));
    }
    let rest = rest.trim_start_matches(is_space);
    let value = match rest.strip_prefix('=') {
        Some(after) => Some(collect_value(after.trim_start_matches(is_space))?),
        None => {
            end_of_line(rest, "after the name (expected '=')")?;
            None
        }
    };
    Ok(Line::ConfigNode { level, name, value })
}

/// A value: quoted up to the matching quote, or bare up to a comment.
fn collect_value(text: &str) -> Result<&str, String> {
    match text.chars().next() {
        Some(quote @ ('"' | '\'')) => {
            let inner = &text[1..];
            let end = inner
                .find(quote)
                .ok_or_else(|| format!("missing closing {quote} in the value"))?;
            end_of_line(&inner[end + 1..], "after the quoted value")?;
            Ok(&inner[..end])
        }
        _ => {
            let bare = text.find('#').map_or(text, |at| &text[..at]);
            Ok(bare.trim_end_matches(is_space))
        }
    }
}

/// Only whitespace or a comment may follow.
fn end_of_line(rest: &str, place: &str) -> Result<(), String> {
    let rest = rest.trim_start_matches(is_space);
    if rest.is_empty() || rest.starts_with('#') {
        Ok(())
    } else {
        Err(format!("unexpected text {place}: {}", snippet(rest)))
    }
}

/// The start of some offending text, short enough for an error message.
fn snippet(text: &str) -> String {
    const MAX: usize = 40;
    match text.char_indices().nth(MAX) {
        Some((cut, _)) => format!("{:?}...", &text[..cut]),
        None => format!("{text:?}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(level: usize, name: &'static str, value: Option<&'static str>) -> Line<'static> {
        Line::ConfigNode { level, name, value }
    }

    #[test]
    fn lines_are_classified_like_czmq() {
        assert_eq!(classify("").unwrap(), Line::Blank);
        assert_eq!(classify("   \t ").unwrap(), Line::Blank);
        assert_eq!(classify("#   note  ").unwrap(), Line::Comment("   note"));
        assert_eq!(classify("    # inner").unwrap(), Line::Comment(" inner"));
        assert_eq!(classify("main").unwrap(), node(0, "main", None));
        assert_eq!(classify("main   # c").unwrap(), node(0, "main", None));
        assert_eq!(classify("    a = 1").unwrap(), node(1, "a", Some("1")));
        assert_eq!(classify("a=1").unwrap(), node(0, "a", Some("1")));
        assert_eq!(classify("a =").unwrap(), node(0, "a", Some("")));
        assert_eq!(classify("a = \"\"").unwrap(), node(0, "a", Some("")));
        assert_eq!(
            classify("a = 1 2   # trace").unwrap(),
            node(0, "a", Some("1 2"))
        );
        assert_eq!(classify("a = \"#2\"").unwrap(), node(0, "a", Some("#2")));
        assert_eq!(
            classify("a = ' x \" y '  # c").unwrap(),
            node(0, "a", Some(" x \" y "))
        );
        assert_eq!(
            classify("a = x\"y'z").unwrap(),
            node(0, "a", Some("x\"y'z"))
        );
        assert_eq!(classify("a/b = 1").unwrap(), node(0, "a/b", Some("1")));
    }

    #[test]
    fn bad_lines_are_refused() {
        for bad in [
            "  a",
            "\ta",
            "    \ta",
            "\x0ca",
            "= 1",
            "\"a\" = 1",
            "/a = 1",
            "a/ = 1",
            "a b",
            "a = \"open",
            "a = 'open",
            "a = \"x\" y",
            "é = 1",
        ] {
            assert!(classify(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn snippets_are_bounded() {
        let long = "x".repeat(10_000);
        assert!(snippet(&long).len() < 60);
        assert_eq!(snippet("ab"), "\"ab\"");
    }

    #[test]
    fn deeper_than_allowed_is_an_indentation_error() {
        let err = parse_bytes(b"a\n        b\n").unwrap_err();
        assert_eq!(err.line, 2);
        assert!(err.message.contains("indentation"), "{err}");
    }
}
