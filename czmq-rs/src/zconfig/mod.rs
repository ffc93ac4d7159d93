//! [`Config`]: configuration trees in ZPL (rfc.zeromq.org/spec:4/ZPL), the
//! port of CZMQ's `zconfig`.
//!
//! A tree of named nodes, each with an optional value, comments and
//! children; paths such as `"server/timeout"` name nodes below a root. Files
//! are read and written byte for byte as CZMQ reads and writes them; where
//! CZMQ's own output cannot be read back (a value containing `"`), ours can.
//!
//! Every operation is iterative, so no tree is too deep to parse, write,
//! clone, compare or drop, and bad input is an error, never a panic.

mod parse;
mod write;

use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::SystemTime;

use crate::error::{Error, Result};

/// A ZPL configuration tree (CZMQ's `zconfig_t`): a node with a name, an
/// optional value, comments and children. The root is the node you hold;
/// paths are `/`-separated names of nodes below it.
///
/// ```
/// use czmq::Config;
/// let mut config: Config = "server\n    timeout = 1000\n".parse()?;
/// assert_eq!(config.get("server/timeout"), Some("1000"));
/// config.put("server/verbose", "1")?;
/// config.set_comment("   Gossip node settings")?;
/// assert_eq!(
///     config.to_string(),
///     "#   Gossip node settings\n\nserver\n    timeout = \"1000\"\n    verbose = \"1\"\n"
/// );
/// # Ok::<(), czmq::Error>(())
/// ```
pub struct Config {
    name: String,
    value: Option<String>,
    comments: Vec<String>,
    children: Vec<Config>,
    source: Option<Source>,
}

/// The file a tree was loaded from, and how it looked then.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Source {
    path: PathBuf,
    stamp: Option<Stamp>,
}

/// What `has_changed` compares: modification time and size, as CZMQ's zfile.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    modified: Option<SystemTime>,
    len: u64,
}

impl Stamp {
    fn of(path: &Path) -> Option<Stamp> {
        let meta = fs::metadata(path).ok()?;
        Some(Stamp {
            modified: meta.modified().ok(),
            len: meta.len(),
        })
    }
}

/// Maps an I/O error to the crate's errno-based errors.
fn io_error(e: io::Error) -> Error {
    e.raw_os_error()
        .map(Error::from_errno)
        .unwrap_or(Error::Other(libc::EIO))
}

impl Config {
    /// A new tree: a root node named `name`, with no value and no children.
    /// The root's name is never written to a file; CZMQ calls it "root".
    ///
    /// ```
    /// let config = czmq::Config::new("root");
    /// assert_eq!(config.name(), "root");
    /// assert_eq!(config.value(), None);
    /// assert_eq!(config.children().count(), 0);
    /// ```
    pub fn new(name: &str) -> Config {
        Config {
            name: name.to_string(),
            value: None,
            comments: Vec::new(),
            children: Vec::new(),
            source: None,
        }
    }

    /// Parses ZPL text (CZMQ's `zconfig_str_load`). The root is named "root".
    ///
    /// A syntax error is [`Error::Malformed`], naming the line:
    ///
    /// ```
    /// use czmq::{Config, Error};
    /// let config = Config::parse("main\n    bind = tcp://127.0.0.1:5555  # local\n")?;
    /// assert_eq!(config.get("main/bind"), Some("tcp://127.0.0.1:5555"));
    /// match Config::parse("main\n  bind = x\n") {
    ///     Err(Error::Malformed(why)) => assert!(why.starts_with("line 2:"), "{why}"),
    ///     other => panic!("{other:?}"),
    /// }
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn parse(text: &str) -> Result<Config> {
        Config::from_bytes(text.as_bytes())
    }

    /// Parses ZPL from bytes (CZMQ's `zconfig_chunk_load`); the text must be
    /// UTF-8 without NUL bytes.
    ///
    /// ```
    /// let config = czmq::Config::from_bytes(b"a = 1\r\nb = 2\r\n")?;
    /// assert_eq!(config.get("b"), Some("2"));
    /// assert!(czmq::Config::from_bytes(b"a = \xff").is_err());
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn from_bytes(bytes: &[u8]) -> Result<Config> {
        parse::parse_bytes(bytes).map_err(|e| Error::Malformed(e.to_string()))
    }

    /// The tree as ZPL bytes (CZMQ's `zconfig_chunk_save`); the same bytes
    /// as `to_string()`.
    ///
    /// ```
    /// let mut config = czmq::Config::new("root");
    /// config.put("section/value", "somevalue")?;
    /// assert_eq!(config.to_bytes(), b"section\n    value = \"somevalue\"\n");
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn to_bytes(&self) -> Vec<u8> {
        self.to_string().into_bytes()
    }

    /// Loads a tree from a ZPL file, remembering the file for
    /// [`has_changed`](Config::has_changed) and [`reload`](Config::reload).
    /// A missing file is [`Error::NoEntry`]; a syntax error is
    /// [`Error::Malformed`] naming the file and the line.
    ///
    /// ```
    /// let path = std::env::temp_dir().join(format!("zconfig-load-{}.cfg", std::process::id()));
    /// std::fs::write(&path, "server\n    timeout = 1000\n")?;
    /// let config = czmq::Config::load(&path)?;
    /// assert_eq!(config.get("server/timeout"), Some("1000"));
    /// assert_eq!(config.filename(), Some(path.as_path()));
    /// std::fs::remove_file(&path)?;
    /// assert_eq!(czmq::Config::load(&path).unwrap_err(), czmq::Error::NoEntry);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn load(path: impl AsRef<Path>) -> Result<Config> {
        let path = path.as_ref();
        // Stat before reading: a change made while we read shows as changed.
        let stamp = Stamp::of(path);
        let bytes = fs::read(path).map_err(io_error)?;
        let mut config = parse::parse_bytes(&bytes)
            .map_err(|e| Error::Malformed(format!("{}: {e}", path.display())))?;
        config.source = Some(Source {
            path: path.to_path_buf(),
            stamp,
        });
        Ok(config)
    }

    /// Writes the tree to a ZPL file, replacing it (CZMQ's `zconfig_save`).
    /// Saving back to the file the tree was loaded from does not make
    /// [`has_changed`](Config::has_changed) true.
    ///
    /// ```
    /// let path = std::env::temp_dir().join(format!("zconfig-save-{}.cfg", std::process::id()));
    /// let mut config = czmq::Config::new("root");
    /// config.put("curve/secret-key", "Top Secret")?;
    /// config.save(&path)?;
    /// assert_eq!(std::fs::read_to_string(&path)?, "curve\n    secret-key = \"Top Secret\"\n");
    /// assert_eq!(czmq::Config::load(&path)?, config);
    /// std::fs::remove_file(&path)?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn save(&mut self, path: impl AsRef<Path>) -> Result<()> {
        let path = path.as_ref();
        self.write_to(fs::File::create(path).map_err(io_error)?)?;
        if let Some(source) = &mut self.source {
            if source.path == path {
                source.stamp = Stamp::of(path);
            }
        }
        Ok(())
    }

    /// Writes the tree as ZPL to any writer (CZMQ's `zconfig_fprint`).
    ///
    /// ```
    /// let config = czmq::Config::parse("a = 1\n")?;
    /// let mut out = Vec::new();
    /// config.write_to(&mut out)?;
    /// assert_eq!(out, b"a = \"1\"\n");
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn write_to(&self, mut writer: impl io::Write) -> Result<()> {
        writer
            .write_all(self.to_string().as_bytes())
            .map_err(io_error)?;
        writer.flush().map_err(io_error)
    }

    /// The file this tree was loaded from, if any (CZMQ's `zconfig_filename`).
    ///
    /// ```
    /// assert_eq!(czmq::Config::new("root").filename(), None);
    /// ```
    pub fn filename(&self) -> Option<&Path> {
        self.source.as_ref().map(|s| s.path.as_path())
    }

    /// True if the tree was loaded from a file whose modification time or
    /// size has changed since (CZMQ's `zconfig_has_changed`).
    ///
    /// ```
    /// let path = std::env::temp_dir().join(format!("zconfig-changed-{}.cfg", std::process::id()));
    /// std::fs::write(&path, "a = 1\n")?;
    /// let config = czmq::Config::load(&path)?;
    /// assert!(!config.has_changed());
    /// std::fs::write(&path, "a = 22\n")?;
    /// assert!(config.has_changed());
    /// std::fs::remove_file(&path)?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn has_changed(&self) -> bool {
        match &self.source {
            Some(source) => match Stamp::of(&source.path) {
                Some(now) => Some(now) != source.stamp,
                None => false,
            },
            None => false,
        }
    }

    /// Loads the tree again from the file it came from (CZMQ's
    /// `zconfig_reload`). On error the tree is left as it was; a tree that
    /// was not loaded from a file gives [`Error::InvalidArgument`].
    ///
    /// ```
    /// let path = std::env::temp_dir().join(format!("zconfig-reload-{}.cfg", std::process::id()));
    /// std::fs::write(&path, "a = 1\n")?;
    /// let mut config = czmq::Config::load(&path)?;
    /// std::fs::write(&path, "a = 2\n")?;
    /// config.reload()?;
    /// assert_eq!(config.get("a"), Some("2"));
    /// std::fs::write(&path, "  broken\n")?;
    /// assert!(config.reload().is_err());
    /// assert_eq!(config.get("a"), Some("2"));
    /// std::fs::remove_file(&path)?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn reload(&mut self) -> Result<()> {
        let path = self
            .filename()
            .ok_or_else(|| Error::InvalidArgument("the tree was not loaded from a file".into()))?;
        *self = Config::load(path)?;
        Ok(())
    }

    /// The node's name.
    ///
    /// ```
    /// let config = czmq::Config::parse("server = 1\n")?;
    /// assert_eq!(config.name(), "root");
    /// assert_eq!(config.child("server").map(|c| c.name()), Some("server"));
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Renames the node. Names are ZPL names: ASCII letters and digits and
    /// `$ - _ @ . & + /`, not empty, `/` not first or last.
    ///
    /// ```
    /// let mut config = czmq::Config::new("root");
    /// config.put("old", "1")?;
    /// config.locate_mut("old").unwrap().set_name("new")?;
    /// assert_eq!(config.get("new"), Some("1"));
    /// assert!(config.set_name("no spaces").is_err());
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn set_name(&mut self, name: &str) -> Result<()> {
        write::check_name(name)?;
        self.name = name.to_string();
        Ok(())
    }

    /// The node's value, or None if it has none (a section line such as
    /// `main`, or a node made by [`put`](Config::put) on the way to another).
    ///
    /// ```
    /// let config = czmq::Config::parse("main\n    empty =\n")?;
    /// assert_eq!(config.locate("main").unwrap().value(), None);
    /// assert_eq!(config.locate("main/empty").unwrap().value(), Some(""));
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn value(&self) -> Option<&str> {
        self.value.as_deref()
    }

    /// Sets the node's value. Refused ([`Error::InvalidArgument`]) if no
    /// ZPL line can hold it: it contains a line break or NUL, or both `"` and
    /// `'` while also needing quotes (ZPL has no escapes).
    ///
    /// ```
    /// let mut config = czmq::Config::new("root");
    /// let item = config.add_child("greeting")?;
    /// item.set_value("say \"hi\"")?;
    /// assert!(item.set_value("two\nlines").is_err());
    /// assert_eq!(config.to_string(), "greeting = 'say \"hi\"'\n");
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn set_value(&mut self, value: &str) -> Result<()> {
        write::check_value(value)?;
        self.value = Some(value.to_string());
        Ok(())
    }

    /// Removes the node's value; it is then written as a bare name.
    ///
    /// ```
    /// let mut config = czmq::Config::parse("a = 1\n")?;
    /// config.locate_mut("a").unwrap().clear_value();
    /// assert_eq!(config.to_string(), "a\n");
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn clear_value(&mut self) {
        self.value = None;
    }

    /// The value at `path`, or None if there is no such node (CZMQ's
    /// `zconfig_get`). A node without a value gives `""`, as a section line
    /// does in CZMQ. A leading `/` is optional.
    ///
    /// ```
    /// let config = czmq::Config::parse("server\n    verbose = true\n")?;
    /// assert_eq!(config.get("/server/verbose"), Some("true"));
    /// assert_eq!(config.get("server"), Some(""));
    /// assert_eq!(config.get("server/missing"), None);
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn get(&self, path: &str) -> Option<&str> {
        self.locate(path).map(|n| n.value().unwrap_or(""))
    }

    /// The value at `path`, or `default` if there is no such node.
    ///
    /// ```
    /// let config = czmq::Config::parse("server\n    timeout = 500\n")?;
    /// assert_eq!(config.get_or("server/timeout", "60000"), "500");
    /// assert_eq!(config.get_or("server/background", "0"), "0");
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn get_or<'a>(&'a self, path: &str, default: &'a str) -> &'a str {
        self.get(path).unwrap_or(default)
    }

    /// Sets the value at `path`, creating the node and any missing nodes on
    /// the way (CZMQ's `zconfig_put`); where several children share a name
    /// the first is used. A leading `/` is optional. Returns the node.
    /// Nothing changes if a path segment is not a valid name or the value is
    /// refused (see [`set_value`](Config::set_value)).
    ///
    /// ```
    /// let mut config = czmq::Config::new("root");
    /// config.put("/zgossip/bind/endpoint", "tcp://127.0.0.1:9999")?;
    /// assert_eq!(config.get("zgossip/bind/endpoint"), Some("tcp://127.0.0.1:9999"));
    /// assert_eq!(config.locate("zgossip/bind").unwrap().value(), None);
    /// assert!(config.put("a//b", "x").is_err());
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn put(&mut self, path: &str, value: &str) -> Result<&mut Config> {
        write::check_value(value)?;
        let segments = path_segments(path);
        for segment in segments.clone() {
            write::check_name(segment)
                .map_err(|e| Error::InvalidArgument(format!("path {path:?}: {e}")))?;
        }
        let mut node = self;
        for segment in segments {
            let index = match node.children.iter().position(|c| c.name == segment) {
                Some(index) => index,
                None => {
                    node.children.push(Config::new(segment));
                    node.children.len() - 1
                }
            };
            node = &mut node.children[index];
        }
        node.value = Some(value.to_string());
        Ok(node)
    }

    /// Adds a child named `name` after the existing children, with no value
    /// (CZMQ's `zconfig_new (name, parent)`). Names may repeat.
    ///
    /// ```
    /// let mut config = czmq::Config::new("root");
    /// let frontend = config.add_child("frontend")?;
    /// frontend.add_child("bind")?.set_value("inproc://addr1")?;
    /// frontend.add_child("bind")?.set_value("ipc://addr2")?;
    /// assert_eq!(
    ///     config.to_string(),
    ///     "frontend\n    bind = \"inproc://addr1\"\n    bind = \"ipc://addr2\"\n"
    /// );
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn add_child(&mut self, name: &str) -> Result<&mut Config> {
        write::check_name(name)?;
        self.children.push(Config::new(name));
        let last = self.children.len() - 1;
        Ok(&mut self.children[last])
    }

    /// The node's children, in order (CZMQ's `zconfig_child` then
    /// `zconfig_next`).
    ///
    /// ```
    /// let config = czmq::Config::parse("a = 1\nb = 2\n")?;
    /// let names: Vec<&str> = config.children().map(|c| c.name()).collect();
    /// assert_eq!(names, ["a", "b"]);
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn children(&self) -> std::slice::Iter<'_, Config> {
        self.children.iter()
    }

    /// The node's children, mutably.
    ///
    /// ```
    /// let mut config = czmq::Config::parse("a = 1\nb = 2\n")?;
    /// for child in config.children_mut() {
    ///     child.set_value("0")?;
    /// }
    /// assert_eq!(config.get("b"), Some("0"));
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn children_mut(&mut self) -> std::slice::IterMut<'_, Config> {
        self.children.iter_mut()
    }

    /// The first child named `name`.
    ///
    /// ```
    /// let config = czmq::Config::parse("bind = a\nbind = b\n")?;
    /// assert_eq!(config.child("bind").and_then(|c| c.value()), Some("a"));
    /// assert!(config.child("connect").is_none());
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn child(&self, name: &str) -> Option<&Config> {
        self.children.iter().find(|c| c.name == name)
    }

    /// The first child named `name`, mutably.
    ///
    /// ```
    /// let mut config = czmq::Config::parse("a = 1\n")?;
    /// config.child_mut("a").unwrap().set_value("2")?;
    /// assert_eq!(config.get("a"), Some("2"));
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn child_mut(&mut self, name: &str) -> Option<&mut Config> {
        self.children.iter_mut().find(|c| c.name == name)
    }

    /// The node at `path` (CZMQ's `zconfig_locate`): each segment picks the
    /// first child with that name. A leading `/` is optional; an empty
    /// segment matches nothing.
    ///
    /// ```
    /// let config = czmq::Config::parse("section\n    value = somevalue\n")?;
    /// let item = config.locate("section/value").unwrap();
    /// assert_eq!(item.value(), Some("somevalue"));
    /// assert!(config.locate("section/other").is_none());
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn locate(&self, path: &str) -> Option<&Config> {
        let mut node = self;
        for segment in path_segments(path) {
            node = node.child(segment)?;
        }
        Some(node)
    }

    /// The node at `path`, mutably.
    ///
    /// ```
    /// let mut config = czmq::Config::parse("a\n    b = 1\n")?;
    /// config.locate_mut("a/b").unwrap().set_comment(" the b")?;
    /// assert_eq!(config.to_string(), "a\n# the b\n\n    b = \"1\"\n");
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn locate_mut(&mut self, path: &str) -> Option<&mut Config> {
        let mut node = self;
        for segment in path_segments(path) {
            node = node.child_mut(segment)?;
        }
        Some(node)
    }

    /// The latest node at depth `level`, where 0 is this node: the last
    /// child's last child, and so on (CZMQ's `zconfig_at_depth`).
    ///
    /// ```
    /// let config = czmq::Config::parse("a\n    x = 1\nb\n    y = 2\n")?;
    /// assert_eq!(config.at_depth(0).map(|n| n.name()), Some("root"));
    /// assert_eq!(config.at_depth(1).map(|n| n.name()), Some("b"));
    /// assert_eq!(config.at_depth(2).map(|n| n.name()), Some("y"));
    /// assert!(config.at_depth(3).is_none());
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn at_depth(&self, level: usize) -> Option<&Config> {
        let mut node = self;
        for _ in 0..level {
            node = node.children.last()?;
        }
        Some(node)
    }

    /// Detaches and returns the node at `path` with its subtree (CZMQ's
    /// `zconfig_remove`).
    ///
    /// ```
    /// let mut config = czmq::Config::parse("a\n    x = 1\nb = 2\n")?;
    /// let a = config.remove("a").unwrap();
    /// assert_eq!(a.get("x"), Some("1"));
    /// assert_eq!(config.to_string(), "b = \"2\"\n");
    /// assert!(config.remove("a").is_none());
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn remove(&mut self, path: &str) -> Option<Config> {
        let trimmed = path.strip_prefix('/').unwrap_or(path);
        let (parent, name) = match trimmed.rsplit_once('/') {
            Some((parent, name)) => (self.locate_mut(parent)?, name),
            None => (self, trimmed),
        };
        let index = parent.children.iter().position(|c| c.name == name)?;
        Some(parent.children.remove(index))
    }

    /// Removes all the node's children (CZMQ's `zconfig_remove_subtree`).
    ///
    /// ```
    /// let mut config = czmq::Config::parse("main\n    type = zqueue\n")?;
    /// config.locate_mut("main").unwrap().clear_children();
    /// assert!(config.locate("main/type").is_none());
    /// assert!(config.locate("main").is_some());
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn clear_children(&mut self) {
        // Dropping is iterative (see Drop), whatever the subtree's depth.
        self.children.clear();
    }

    /// Adds comment lines to the node, written before it as `#text` (CZMQ's
    /// `zconfig_set_comment`; no space is added after `#`). Text with line
    /// breaks adds one comment per line; trailing whitespace is dropped, as
    /// the parser would drop it. NUL is refused.
    ///
    /// ```
    /// let mut config = czmq::Config::new("root");
    /// config.set_comment("   CURVE certificate")?;
    /// config.set_comment("   -----------------")?;
    /// config.put("curve/public-key", "abc")?;
    /// assert_eq!(config.comments(), ["   CURVE certificate", "   -----------------"]);
    /// assert_eq!(
    ///     config.to_string(),
    ///     "#   CURVE certificate\n#   -----------------\n\ncurve\n    public-key = \"abc\"\n"
    /// );
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn set_comment(&mut self, text: &str) -> Result<()> {
        let mut lines = write::comment_lines(text)?;
        self.comments.append(&mut lines);
        Ok(())
    }

    /// The node's comment lines, without their `#`.
    ///
    /// ```
    /// let config = czmq::Config::parse("#  header\n\nmain\n")?;
    /// assert_eq!(config.comments(), ["  header"]);
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn comments(&self) -> &[String] {
        &self.comments
    }

    /// Deletes the node's comments (CZMQ's `zconfig_set_comment (self, NULL)`).
    ///
    /// ```
    /// let mut config = czmq::Config::parse("# note\n\na = 1\n")?;
    /// config.clear_comments();
    /// assert_eq!(config.to_string(), "a = \"1\"\n");
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn clear_comments(&mut self) {
        self.comments.clear();
    }

    /// Every node of the tree, depth first, each with its depth (0 for this
    /// node), in the order CZMQ's `zconfig_execute` visits them.
    ///
    /// ```
    /// let config = czmq::Config::parse("a\n    b = 1\nc = 2\n")?;
    /// let seen: Vec<(usize, &str)> = config.walk().map(|(d, n)| (d, n.name())).collect();
    /// assert_eq!(seen, [(0, "root"), (1, "a"), (2, "b"), (1, "c")]);
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn walk(&self) -> impl Iterator<Item = (usize, &Config)> + '_ {
        let mut stack = vec![(0, self)];
        std::iter::from_fn(move || {
            let (depth, node) = stack.pop()?;
            stack.extend(node.children.iter().rev().map(|c| (depth + 1, c)));
            Some((depth, node))
        })
    }

    /// Calls `handler` for every node, depth first, with its depth, stopping
    /// at the first error, which it returns (CZMQ's `zconfig_execute`).
    ///
    /// ```
    /// let config = czmq::Config::parse("a = 1\nb = 2\n")?;
    /// let mut sum = 0;
    /// config.execute(|node, depth| {
    ///     if depth == 1 {
    ///         sum += node.value().unwrap_or("0").parse::<i32>().map_err(|e| e.to_string())?;
    ///     }
    ///     Ok::<(), String>(())
    /// }).unwrap();
    /// assert_eq!(sum, 3);
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn execute<E, F>(&self, mut handler: F) -> std::result::Result<(), E>
    where
        F: FnMut(&Config, usize) -> std::result::Result<(), E>,
    {
        self.walk()
            .try_for_each(|(depth, node)| handler(node, depth))
    }
}

/// The names along a path, after one optional leading `/`.
fn path_segments(path: &str) -> std::str::Split<'_, char> {
    path.strip_prefix('/').unwrap_or(path).split('/')
}

impl Default for Config {
    /// An empty tree whose root is named "root", as CZMQ names it.
    fn default() -> Config {
        Config::new("root")
    }
}

impl FromStr for Config {
    type Err = Error;

    /// Same as [`Config::parse`].
    fn from_str(text: &str) -> Result<Config> {
        Config::parse(text)
    }
}

impl fmt::Display for Config {
    /// The tree as ZPL text, as CZMQ's `zconfig_str_save` writes it: this
    /// node's comments, then its subtree with its children at column 0.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = String::new();
        write::write_tree(self, &mut out);
        f.write_str(&out)
    }
}

impl fmt::Debug for Config {
    // Not derived: the derived form recurses once per level.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("name", &self.name)
            .field("value", &self.value)
            .field("zpl", &self.to_string())
            .field("file", &self.filename())
            .finish()
    }
}

impl Clone for Config {
    // Not derived: the derived clone recurses once per level. This builds
    // each node after its children, with an explicit stack.
    fn clone(&self) -> Config {
        struct Frame<'a> {
            source: &'a Config,
            next_child: usize,
            done: Vec<Config>,
        }
        fn frame(source: &Config) -> Frame<'_> {
            Frame {
                source,
                next_child: 0,
                done: Vec::with_capacity(source.children.len()),
            }
        }
        let mut stack = vec![frame(self)];
        let mut copy = None;
        while let Some(top) = stack.last_mut() {
            if let Some(child) = top.source.children.get(top.next_child) {
                top.next_child += 1;
                stack.push(frame(child));
            } else if let Some(finished) = stack.pop() {
                let node = Config {
                    name: finished.source.name.clone(),
                    value: finished.source.value.clone(),
                    comments: finished.source.comments.clone(),
                    children: finished.done,
                    source: finished.source.source.clone(),
                };
                match stack.last_mut() {
                    Some(parent) => parent.done.push(node),
                    None => copy = Some(node),
                }
            }
        }
        // The loop always ends by setting `copy` when it pops the root frame.
        copy.unwrap_or_else(|| Config::new(&self.name))
    }
}

impl PartialEq for Config {
    /// Trees are equal when names, values, comments and children are; the
    /// file a tree was loaded from does not count.
    fn eq(&self, other: &Config) -> bool {
        let mut stack = vec![(self, other)];
        while let Some((a, b)) = stack.pop() {
            if a.name != b.name
                || a.value != b.value
                || a.comments != b.comments
                || a.children.len() != b.children.len()
            {
                return false;
            }
            stack.extend(a.children.iter().zip(b.children.iter()));
        }
        true
    }
}

impl Eq for Config {}

impl Drop for Config {
    // The default drop recurses once per level; a deep tree (parsed from
    // hostile input, or built by `put`) would overflow the stack. Detach
    // every descendant into a flat list first, so each drop is shallow.
    fn drop(&mut self) {
        let mut pending = std::mem::take(&mut self.children);
        while let Some(mut node) = pending.pop() {
            pending.append(&mut node.children);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A chain of `depth` nodes below a root, built by `put`.
    fn chain(depth: usize) -> Config {
        let path = vec!["n"; depth].join("/");
        let mut config = Config::new("root");
        config.put(&path, "leaf").unwrap();
        config
    }

    // 200,000 levels would overflow the 2 MiB test-thread stack many times
    // over if any of these recursed once per level.
    #[test]
    fn very_deep_trees_never_recurse() {
        let depth = 200_000;
        let config = chain(depth);
        assert_eq!(config.at_depth(depth).and_then(|n| n.value()), Some("leaf"));
        assert_eq!(config.walk().count(), depth + 1);
        let copy = config.clone();
        // assert! rather than assert_eq!: a failure must not print the tree.
        assert!(copy == config);
        let mut other = chain(depth);
        other.put(&vec!["n"; depth].join("/"), "different").unwrap();
        assert!(other != config);
        let mut visited = 0;
        config
            .execute(|_, _| {
                visited += 1;
                Ok::<(), ()>(())
            })
            .unwrap();
        assert_eq!(visited, depth + 1);
        let path = vec!["n"; depth].join("/");
        assert_eq!(config.get(&path), Some("leaf"));
        drop(copy);
        drop(other);
    }

    #[test]
    fn deep_text_parses_and_writes_back() {
        // Each level costs 4 more spaces: 1,500 levels is about 4.5 MB.
        let config = chain(1_500);
        let text = config.to_string();
        let parsed = Config::parse(&text).unwrap();
        assert_eq!(parsed, config);
        assert_eq!(parsed.to_string(), text);
    }

    #[test]
    fn the_opening_comment_block_belongs_to_the_root() {
        let config = Config::parse("#r1\n#r2\n\n#a\n\na = 1\n#b\n\n    b = 2\n").unwrap();
        assert_eq!(config.comments(), ["r1", "r2"]);
        assert_eq!(config.locate("a").unwrap().comments(), ["a"]);
        assert_eq!(config.locate("a/b").unwrap().comments(), ["b"]);
    }

    #[test]
    fn comments_go_to_the_node_they_precede_except_the_opening_block() {
        let config = Config::parse("# header\na = 1\n    # about b\n    b = 2\n").unwrap();
        assert_eq!(config.comments(), [" header"]);
        assert!(config.locate("a").unwrap().comments().is_empty());
        assert_eq!(config.locate("a/b").unwrap().comments(), [" about b"]);
        let config = Config::parse("#r\n\n# about a\na = 1\n").unwrap();
        assert_eq!(config.comments(), ["r"]);
        assert_eq!(config.locate("a").unwrap().comments(), [" about a"]);
    }

    #[test]
    fn trailing_comments_are_kept_on_the_root() {
        let config = Config::parse("a = 1\n# the end\n").unwrap();
        assert_eq!(config.comments(), [" the end"]);
    }

    #[test]
    fn equality_ignores_the_source_file() {
        let mut loaded = Config::parse("a = 1\n").unwrap();
        loaded.source = Some(Source {
            path: PathBuf::from("/nonexistent/zconfig-test.cfg"),
            stamp: None,
        });
        assert_eq!(loaded, Config::parse("a = 1\n").unwrap());
        assert!(
            !loaded.has_changed(),
            "a file that cannot be read has not changed"
        );
        assert_eq!(loaded.clone().filename(), loaded.filename());
    }

    #[test]
    fn io_errors_map_to_errno_variants() {
        let missing = io::Error::from_raw_os_error(libc::ENOENT);
        assert_eq!(io_error(missing), Error::NoEntry);
        let other = io::Error::other("no errno");
        assert_eq!(io_error(other), Error::Other(libc::EIO));
    }
}
