//! Writing a tree as ZPL text, byte for byte as CZMQ's `zconfig_save` does,
//! and the rules that keep every tree writable.
//!
//! CZMQ's layout: each node's comments first, one `#text` line each at column
//! 0, then one empty line; then (for every node but the root) the node's line,
//! indented 4 spaces per level below the root's children, as `name` when it
//! has no value or `name = "value"` when it has one.
//!
//! CZMQ always writes double quotes and so writes a value containing `"` in a
//! form it cannot read back. We keep `"value"` whenever that is readable, use
//! `'value'` for values containing `"`, and write a value containing both
//! quote kinds unquoted, which the parser reads back unchanged as long as the
//! value needs no quoting; values that no ZPL form can hold are refused when
//! they are set (see [`check_value`]), so whatever a tree holds can be written
//! and read back.

use super::ConfigNode;
use crate::error::{Error, Result};

/// C's `isspace` for the "C" locale: what CZMQ's parser trims and skips.
pub(super) fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\x0b' | '\x0c' | '\r')
}

/// The characters ZPL allows in a name (4/ZPL: ALPHA, DIGIT and `$-_@.&+/`).
pub(super) fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '$' | '-' | '_' | '@' | '.' | '&' | '+' | '/')
}

/// Why `name` cannot be a node name, or None if it can.
pub(super) fn name_problem(name: &str) -> Option<String> {
    if name.is_empty() {
        return Some("a name cannot be empty".into());
    }
    if let Some(c) = name.chars().find(|c| !is_name_char(*c)) {
        return Some(format!(
            "{c:?} is not allowed in a name (letters, digits and $-_@.&+/ are)"
        ));
    }
    if name.starts_with('/') || name.ends_with('/') {
        return Some("'/' is not valid at the start or end of a name".into());
    }
    None
}

/// Refuses a name that ZPL cannot hold.
pub(super) fn check_name(name: &str) -> Result<()> {
    match name_problem(name) {
        Some(why) => Err(Error::InvalidArgument(format!("name {name:?}: {why}"))),
        None => Ok(()),
    }
}

/// A value that the parser reads back unchanged when written without quotes.
fn fits_unquoted(value: &str) -> bool {
    let first = value.chars().next();
    !value.contains('#')
        && !matches!(first, None | Some('"') | Some('\''))
        && !value.starts_with(is_space)
        && !value.ends_with(is_space)
}

/// Refuses a value that no ZPL line can hold: one with a line break or a NUL
/// byte, or one with both kinds of quote that would also need quoting.
pub(super) fn check_value(value: &str) -> Result<()> {
    let why = if value.contains(['\n', '\r']) {
        "a value cannot contain a line break"
    } else if value.contains('\0') {
        "a value cannot contain a NUL byte"
    } else if value.contains('"') && value.contains('\'') && !fits_unquoted(value) {
        "a value with both kinds of quote must not need quoting (no '#', no \
         leading or trailing whitespace, no leading quote): ZPL has no escapes"
    } else {
        return Ok(());
    };
    Err(Error::InvalidArgument(format!("value {value:?}: {why}")))
}

/// Splits comment text into the lines it will be written as, refusing NUL.
/// Trailing whitespace is dropped because the parser trims it from every line.
pub(super) fn comment_lines(text: &str) -> Result<Vec<String>> {
    if text.contains('\0') {
        return Err(Error::InvalidArgument(
            "a comment cannot contain a NUL byte".into(),
        ));
    }
    // One final line ending ends the last line; it does not start another.
    let text = text
        .strip_suffix("\r\n")
        .or_else(|| text.strip_suffix(['\n', '\r']))
        .unwrap_or(text);
    Ok(split_lines(text)
        .map(|line| line.trim_end_matches(is_space).to_string())
        .collect())
}

/// Splits on `\n`, `\r\n` and `\r`, the line endings 4/ZPL names.
pub(super) fn split_lines(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(text);
    std::iter::from_fn(move || {
        let current = rest?;
        match current.find(['\n', '\r']) {
            Some(at) => {
                let skip = if current[at..].starts_with("\r\n") {
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

/// Appends `value` in the first form that reads back unchanged.
fn push_value(out: &mut String, value: &str) {
    let quote = if !value.contains('"') {
        Some('"')
    } else if !value.contains('\'') {
        Some('\'')
    } else {
        None // check_value guarantees the bare form reads back
    };
    if let Some(q) = quote {
        out.push(q);
        out.push_str(value);
        out.push(q);
    } else {
        out.push_str(value);
    }
}

/// Writes `root` and its subtree as ZPL, depth first with an explicit stack
/// so that no tree is too deep to write.
pub(super) fn write_tree(root: &ConfigNode, out: &mut String) {
    for (level, node) in root.walk() {
        for comment in &node.comments {
            out.push('#');
            out.push_str(comment);
            out.push('\n');
        }
        if !node.comments.is_empty() {
            out.push('\n');
        }
        if level > 0 {
            out.push_str(&" ".repeat((level - 1) * 4));
            out.push_str(node.name());
            if let Some(value) = node.value() {
                out.push_str(" = ");
                push_value(out, value);
            }
            out.push('\n');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_the_zpl_grammar() {
        for ok in ["a", "Z9", "$x-y_z@w.v&u+t", "a/b", "1"] {
            assert!(check_name(ok).is_ok(), "{ok}");
        }
        for bad in ["", "a b", "/a", "a/", "é", "a=b", "#", "a\tb"] {
            assert!(check_name(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn values_that_no_line_can_hold_are_refused() {
        for ok in [
            "",
            " padded ",
            "has \"dq\"",
            "has 'sq'",
            "a\"b'c",
            "#2",
            "é",
        ] {
            assert!(check_value(ok).is_ok(), "{ok:?}");
        }
        for bad in [
            "a\nb", "a\rb", "a\0b", "a\"b'c #", " a\"b'", "\"a'", "a\"b' ",
        ] {
            assert!(check_value(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn values_pick_the_first_readable_form() {
        let mut out = String::new();
        push_value(&mut out, "plain");
        push_value(&mut out, "say \"hi\"");
        push_value(&mut out, "it's \"x\"");
        assert_eq!(out, "\"plain\"'say \"hi\"'it's \"x\"");
    }

    #[test]
    fn comments_split_into_trimmed_lines() {
        assert_eq!(comment_lines("one").unwrap(), ["one"]);
        assert_eq!(
            comment_lines(" a  \nb\r\nc\rd\n").unwrap(),
            [" a", "b", "c", "d"]
        );
        assert_eq!(comment_lines("").unwrap(), [""]);
        assert!(comment_lines("a\0").is_err());
    }

    #[test]
    fn line_endings_are_lf_crlf_and_cr() {
        let lines: Vec<_> = split_lines("a\nb\r\nc\rd").collect();
        assert_eq!(lines, ["a", "b", "c", "d"]);
        let lines: Vec<_> = split_lines("a\n").collect();
        assert_eq!(lines, ["a", ""]);
    }
}
