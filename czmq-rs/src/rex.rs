//! Regular expressions in CZMQ's dialect (zrex), run by the `regex` crate.
//!
//! CZMQ's zrex compiles its patterns with SLRE, a small backtracking
//! matcher. Its dialect: `^` `$` anchors, `( )` capturing groups, `|`
//! alternatives, `.` any byte, `[...]` and `[^...]` sets (every character
//! in a set is literal: `-` makes no range), `*` `+` `?` greedy and `*?`
//! `+?` lazy repeats, and escapes `\s \S \d \D \w \W` (`\w` is a letter or
//! digit, no `_`), `\a \A` (letter, non-letter), `\n \r \t \0`; any other
//! escaped character stands for itself (so `\x41` is `x41`: SLRE's
//! documentation promises `\xDD`, its code never had it). `{` `}` are
//! ordinary characters. Classes are ASCII (C's locale), text is bytes.
//!
//! Each pattern is translated into the `regex` crate's syntax (bytes, no
//! Unicode) and matched there; the search rules are SLRE's: a pattern that
//! starts with `^` is tried at the start only (every alternative of it),
//! any other is tried from each position before the end of the text (so it
//! never matches empty text, nor at the very end). Where the two differ:
//! the `regex` crate finds a match whenever one exists, where SLRE's
//! alternatives and repeats give up some (SLRE never revisits an
//! alternative once it matched: `(a|ab)c` finds nothing in `abc` there);
//! lazy repeats take the fewest repetitions (SLRE's take one more when
//! there is one: `a+?` matches `aa` of `aaa`); a group inside a repeat
//! captures its last repetition (SLRE records none); a class escape inside
//! a set (`[\d_]`)
//! means the class (SLRE compares bytes against an internal code); a
//! repeat with nothing before it (`*a`, `(+)`) is refused as invalid (SLRE
//! accepts it and then loops forever); a pattern with 100 groups or more is
//! invalid (CZMQ asserts). SLRE's limit of 256 bytes of compiled code does
//! not apply.
//!
//! ```
//! let mut rex = czmq::Rex::new(r"(\d+)-(\d+)-(\d+)");
//! assert!(rex.valid());
//! assert!(rex.matches("tel 123-456-789"));
//! assert_eq!(rex.hits(), 4);
//! assert_eq!(rex.hit(0), Some("123-456-789"));
//! assert_eq!(rex.fetch(), [Some("123"), Some("456"), Some("789")]);
//! ```

use std::ffi::{CStr, CString};

use regex::bytes::{Regex, RegexBuilder};

/// CZMQ's limit on hits (the whole match and the groups).
const MAX_HITS: usize = 100;

/// A compiled expression and the hits of its last match (CZMQ's zrex_t).
#[derive(Clone, Debug)]
pub struct Rex {
    regex: Option<Regex>,
    /// Whether the pattern starts with `^` (then it is tried at 0 only).
    anchored: bool,
    /// Why the pattern is invalid; "No error" otherwise.
    error: CString,
    /// The hits of the last successful match, each NUL-terminated so that
    /// C can borrow them.
    hits: Vec<Vec<u8>>,
}

impl Default for Rex {
    /// No expression yet (CZMQ's `zrex_new (NULL)`): not valid, matching
    /// nothing until [`Rex::eq`] gives it one.
    fn default() -> Rex {
        Rex {
            regex: None,
            anchored: false,
            error: c"No error".to_owned(),
            hits: Vec::new(),
        }
    }
}

impl Rex {
    /// Compiles a pattern in CZMQ's dialect. An invalid pattern still gives
    /// a `Rex`: [`valid`](Rex::valid) is false and
    /// [`strerror`](Rex::strerror) says why (as CZMQ).
    ///
    /// ```
    /// let rex = czmq::Rex::new("(abc");
    /// assert!(!rex.valid());
    /// assert_eq!(rex.strerror(), "No closing bracket");
    /// ```
    pub fn new(pattern: impl AsRef<[u8]>) -> Rex {
        let mut rex = Rex::default();
        rex.compile(pattern.as_ref());
        rex
    }

    /// Whether the pattern compiled.
    ///
    /// ```
    /// assert!(czmq::Rex::new("a+b").valid());
    /// assert!(!czmq::Rex::default().valid());
    /// ```
    pub fn valid(&self) -> bool {
        self.regex.is_some()
    }

    /// Why the pattern did not compile, or "No error".
    ///
    /// ```
    /// assert_eq!(czmq::Rex::new("[ab").strerror(), "No closing ']' bracket");
    /// assert_eq!(czmq::Rex::new("ab").strerror(), "No error");
    /// ```
    pub fn strerror(&self) -> &str {
        self.error.to_str().unwrap_or_default()
    }

    /// [`strerror`](Rex::strerror) as a C string (for the C face).
    ///
    /// ```
    /// assert_eq!(czmq::Rex::new("a)").strerror_c(), c"Unbalanced brackets");
    /// ```
    pub fn strerror_c(&self) -> &CStr {
        &self.error
    }

    /// Matches the text, keeping the hits (the whole match, then each
    /// group; an unmatched group is empty). False for an invalid pattern.
    ///
    /// ```
    /// let mut rex = czmq::Rex::new(r"\d+-\d+");
    /// assert!(rex.matches("call 12-34 now"));
    /// assert_eq!(rex.hit(0), Some("12-34"));
    /// assert!(!rex.matches("12-"));
    /// assert_eq!(rex.hits(), 0);
    /// ```
    pub fn matches(&mut self, text: impl AsRef<[u8]>) -> bool {
        self.hits.clear();
        let text = text.as_ref();
        let Some(regex) = &self.regex else {
            return false;
        };
        let Some(captures) = regex.captures(text) else {
            return false;
        };
        // SLRE tries start positions before the end only (see the module
        // docs); the leftmost match starts at the end only if no earlier
        // start matches.
        let start = captures.get(0).map_or(0, |m| m.start());
        if !self.anchored && start >= text.len() {
            return false;
        }
        self.hits = captures
            .iter()
            .take(MAX_HITS)
            .map(|group| {
                let mut hit = group.map_or(&b""[..], |m| m.as_bytes()).to_vec();
                hit.push(0);
                hit
            })
            .collect();
        true
    }

    /// Compiles `expression` in place of the current pattern, then matches
    /// `text` with it (CZMQ's `zrex_eq`: a search like
    /// [`matches`](Rex::matches), not a whole-text comparison).
    ///
    /// ```
    /// let mut rex = czmq::Rex::default();
    /// assert!(rex.eq("Mechanism: CURVE", "Mechanism: (.+)"));
    /// assert_eq!(rex.hit(1), Some("CURVE"));
    /// assert!(!rex.eq("Mechanism: CURVE", "Version: (.+)"));
    /// ```
    pub fn eq(&mut self, text: impl AsRef<[u8]>, expression: impl AsRef<[u8]>) -> bool {
        self.compile(expression.as_ref());
        self.matches(text)
    }

    /// Hits of the last match: 0 if it failed, else 1 + the number of groups.
    ///
    /// ```
    /// let mut rex = czmq::Rex::new("(a)(b)?");
    /// rex.matches("a");
    /// assert_eq!(rex.hits(), 3);
    /// ```
    pub fn hits(&self) -> usize {
        self.hits.len()
    }

    /// Hit `index` of the last match as bytes (0 is the whole match).
    ///
    /// ```
    /// let mut rex = czmq::Rex::new("(.)");
    /// rex.matches(b"\xFFx");
    /// assert_eq!(rex.hit_bytes(1), Some(&b"\xFF"[..]));
    /// ```
    pub fn hit_bytes(&self, index: usize) -> Option<&[u8]> {
        self.hits.get(index).map(|hit| &hit[..hit.len() - 1])
    }

    /// Hit `index` of the last match as text; `None` past the last hit (or
    /// when it is not UTF-8: see [`hit_bytes`](Rex::hit_bytes)).
    ///
    /// ```
    /// let mut rex = czmq::Rex::new(r"(\w+)@(\w+)");
    /// rex.matches("mail joe@example");
    /// assert_eq!((rex.hit(1), rex.hit(2), rex.hit(3)), (Some("joe"), Some("example"), None));
    /// ```
    pub fn hit(&self, index: usize) -> Option<&str> {
        std::str::from_utf8(self.hit_bytes(index)?).ok()
    }

    /// Hit `index` as a C string (for the C face; lent until the next match).
    ///
    /// ```
    /// let mut rex = czmq::Rex::new("b+");
    /// rex.matches("abbc");
    /// assert_eq!(rex.hit_c(0), Some(c"bb"));
    /// ```
    pub fn hit_c(&self, index: usize) -> Option<&CStr> {
        CStr::from_bytes_until_nul(self.hits.get(index)?).ok()
    }

    /// The groups' hits (1 onwards), as CZMQ's `zrex_fetch` hands them out.
    ///
    /// ```
    /// let mut rex = czmq::Rex::new("(.+)=(.+)");
    /// rex.matches("key=value");
    /// assert_eq!(rex.fetch(), [Some("key"), Some("value")]);
    /// ```
    pub fn fetch(&self) -> Vec<Option<&str>> {
        (1..self.hits()).map(|index| self.hit(index)).collect()
    }

    /// Replaces the pattern (forgetting the hits).
    fn compile(&mut self, pattern: &[u8]) {
        self.hits.clear();
        self.anchored = pattern.first() == Some(&b'^');
        let compiled = translate(pattern).and_then(|translated| {
            let translated = if self.anchored {
                format!("(?s-u)^(?:{translated})")
            } else {
                format!("(?s-u){translated}")
            };
            RegexBuilder::new(&translated)
                .build()
                .map_err(|e| format!("Cannot compile: {e}"))
        });
        match compiled {
            Ok(regex) => {
                self.regex = Some(regex);
                self.error = c"No error".to_owned();
            }
            Err(reason) => {
                self.regex = None;
                self.error = CString::new(reason.replace('\0', " ")).unwrap_or_default();
            }
        }
    }
}

/// Translates a CZMQ (SLRE) pattern into the `regex` crate's syntax, or
/// says why it is invalid in SLRE's words where SLRE has them.
fn translate(pattern: &[u8]) -> Result<String, String> {
    let mut parser = Parser {
        pattern,
        pos: 0,
        groups: 0,
    };
    let translated = parser.sequence(0)?;
    if parser.groups >= MAX_HITS {
        return Err(format!("Too many groups (at most {})", MAX_HITS - 1));
    }
    Ok(translated)
}

/// Reads a pattern from left to right, SLRE's way.
struct Parser<'a> {
    pattern: &'a [u8],
    pos: usize,
    groups: usize,
}

impl Parser<'_> {
    fn next(&mut self) -> Option<u8> {
        let byte = self.pattern.get(self.pos).copied();
        if byte.is_some() {
            self.pos += 1;
        }
        byte
    }

    /// A sequence of alternatives, up to the end or a `)` (left unread).
    fn sequence(&mut self, depth: usize) -> Result<String, String> {
        let mut alternatives = Vec::new();
        let mut pieces: Vec<String> = Vec::new();
        // Where the last repeatable item starts: as SLRE, a repeat takes
        // everything from there on.
        let mut last_item: Option<usize> = None;
        while let Some(byte) = self.next() {
            match byte {
                b'^' => pieces.push("^".into()),
                b'$' => pieces.push("$".into()),
                b'.' => {
                    last_item = Some(pieces.len());
                    pieces.push(r"[\x00-\xFF]".into());
                }
                b'[' => {
                    last_item = Some(pieces.len());
                    pieces.push(self.set()?);
                }
                b'\\' => {
                    last_item = Some(pieces.len());
                    let escaped = self.next().ok_or("Trailing backslash")?;
                    pieces.push(escape(escaped));
                }
                b'(' => {
                    last_item = Some(pieces.len());
                    self.groups += 1;
                    let inner = self.sequence(depth + 1)?;
                    if self.next() != Some(b')') {
                        return Err("No closing bracket".into());
                    }
                    pieces.push(format!("({inner})"));
                }
                b')' => {
                    if depth == 0 {
                        return Err("Unbalanced brackets".into());
                    }
                    self.pos -= 1;
                    break;
                }
                b'*' | b'+' | b'?' => {
                    let mut repeat = String::from(char::from(byte));
                    if byte != b'?' && self.pattern.get(self.pos) == Some(&b'?') {
                        self.pos += 1;
                        repeat.push('?');
                    }
                    let start = last_item.ok_or("Nothing to repeat")?;
                    let body: String = pieces.drain(start..).collect();
                    pieces.push(format!("(?:{body}){repeat}"));
                }
                b'|' => {
                    alternatives.push(pieces.concat());
                    pieces.clear();
                    last_item = None;
                }
                other => {
                    last_item = Some(pieces.len());
                    pieces.push(literal(other));
                }
            }
        }
        alternatives.push(pieces.concat());
        Ok(alternatives.join("|"))
    }

    /// A set, after its `[`: up to the first `]`, every character literal
    /// except escapes.
    fn set(&mut self) -> Result<String, String> {
        let negated = self.pattern.get(self.pos) == Some(&b'^');
        if negated {
            self.pos += 1;
        }
        let mut members = String::new();
        loop {
            match self.next() {
                None => return Err("No closing ']' bracket".into()),
                Some(b']') => break,
                Some(b'\\') => {
                    let escaped = self.next().ok_or("No closing ']' bracket")?;
                    members.push_str(&escape(escaped));
                }
                Some(other) => members.push_str(&literal(other)),
            }
        }
        Ok(match (members.is_empty(), negated) {
            (true, false) => r"[^\x00-\xFF]".into(),
            (true, true) => r"[\x00-\xFF]".into(),
            (false, false) => format!("[{members}]"),
            (false, true) => format!("[^{members}]"),
        })
    }
}

/// One byte, matched as itself.
fn literal(byte: u8) -> String {
    format!(r"\x{byte:02X}")
}

/// SLRE's escape `\<byte>`: a class, a control character, or the byte
/// itself. Classes are bracketed, which also works nested in a set.
fn escape(byte: u8) -> String {
    let class = match byte {
        b's' => r"[\t\n\x0B\x0C\r ]",
        b'S' => r"[^\t\n\x0B\x0C\r ]",
        b'd' => "[0-9]",
        b'D' => "[^0-9]",
        b'a' => "[A-Za-z]",
        b'A' => "[^A-Za-z]",
        b'w' => "[0-9A-Za-z]",
        b'W' => "[^0-9A-Za-z]",
        b'n' => return literal(b'\n'),
        b'r' => return literal(b'\r'),
        b't' => return literal(b'\t'),
        b'0' => return literal(0),
        other => return literal(other),
    };
    class.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dialect() {
        let cases: &[(&str, &str, Option<&str>)] = &[
            ("[a-c]+", "xb-y", Some("-")),
            ("[a-c]+", "abc", Some("a")),
            ("a{2}", "aa a{2}", Some("a{2}")),
            (r"\x41", "Ax41", Some("x41")),
            (r"\w+", "ab_cd", Some("ab")),
            (r"[\d_]+", "x1_2y", Some("1_2")),
            ("$", "abc", None),
            ("a*", "", None),
            ("^a*", "", Some("")),
            ("^b|c", "abc", None),
            ("b|c", "abc", Some("b")),
            ("a+?", "aaa", Some("a")),
            ("ab*", "abbb", Some("abbb")),
            ("[]a]", "]a", None),
            ("[^]", "x", Some("x")),
            (r"\s\S", " x", Some(" x")),
            (r"\a+\A", "ab1", Some("ab1")),
        ];
        for (pattern, text, expected) in cases {
            let mut rex = Rex::new(pattern);
            assert!(rex.valid(), "{pattern}: {}", rex.strerror());
            assert_eq!(
                rex.matches(text),
                expected.is_some(),
                "{pattern} on {text:?}"
            );
            assert_eq!(rex.hit(0), *expected, "{pattern} on {text:?}");
        }
    }

    #[test]
    fn errors() {
        for (pattern, error) in [
            ("(a", "No closing bracket"),
            ("a)", "Unbalanced brackets"),
            ("[a", "No closing ']' bracket"),
            ("*a", "Nothing to repeat"),
            ("a\\", "Trailing backslash"),
        ] {
            let rex = Rex::new(pattern);
            assert!(!rex.valid(), "{pattern}");
            assert_eq!(rex.strerror(), error);
        }
        assert!(!Rex::new("()".repeat(100)).valid());
    }
}
