//! [`Config`]: configuration trees in ZPL (rfc.zeromq.org/spec:4/ZPL), the
//! port of CZMQ's `zconfig`.
//!
//! A tree of named nodes, each with an optional value, comments and
//! children; paths such as `"server/timeout"` name nodes below a root.
//! Files are read and written byte for byte as CZMQ reads and writes them;
//! where CZMQ's own output cannot be read back (a value containing `"`),
//! ours can.
//!
//! Nodes are objects, as in CZMQ: each lives at a fixed address while its
//! tree lives ([`ConfigNode`] to read, [`ConfigNodeMut`] to edit), so the C face hands
//! out `zconfig_t *` pointers to any node. Every operation is iterative, so
//! no tree is too deep to parse, write, clone, compare or drop, and bad
//! input is an error, never a panic. This module is pure Rust (no libzmq).

mod ctext;
mod edit;
mod node;
mod parse;

pub use parse::SyntaxError;
mod source;
mod write;

pub use edit::ConfigNodeMut;
pub use node::ConfigNode;

use std::fmt;
use std::fs;
use std::ops::Deref;
use std::path::Path;
use std::ptr::NonNull;
use std::str::FromStr;

use crate::error::{Error, Result};
use source::{Source, Stamp, io_error};

/// A ZPL configuration tree (CZMQ's `zconfig_t`), owned through its root.
/// Derefs to the root [`ConfigNode`] for reading; edits go through
/// [`root_mut`](Config::root_mut), [`locate_mut`](Config::locate_mut) and
/// the shortcuts below, which hand out [`ConfigNodeMut`]s.
///
/// ```
/// use czmq::Config;
/// let mut config: Config = "server\n    timeout = 1000\n".parse()?;
/// assert_eq!(config.get("server/timeout"), Some("1000"));
/// config.put("server/verbose", "1")?;
/// config.set_comment("   Gossip node settings")?;
/// assert_eq!(
///     config.to_string(),
///     "#   Gossip node settings\n\nserver = \"\"\n    timeout = \"1000\"\n    verbose = \"1\"\n"
/// );
/// # Ok::<(), czmq::Error>(())
/// ```
pub struct Config {
    root: NonNull<ConfigNode>,
}

// SAFETY: a Config owns its whole tree (see ConfigNode's Send/Sync); it has no
// thread-bound state, and shared access only reads.
unsafe impl Send for Config {}
// SAFETY: `&Config` only reads the tree (every change needs `&mut Config` or
// a ConfigNodeMut made from it), and ConfigNode has no interior mutability,
// so threads sharing a `&Config` only ever read together.
unsafe impl Sync for Config {}

impl Config {
    /// A new tree: a root node named `name` (cut at a NUL, if any), with no
    /// value and no children. The root's name is never written to a file;
    /// CZMQ calls it "root".
    ///
    /// ```
    /// let config = czmq::Config::new("root");
    /// assert_eq!(config.name(), "root");
    /// assert_eq!(config.value(), None);
    /// assert_eq!(config.children().count(), 0);
    /// ```
    pub fn new(name: &str) -> Config {
        Config {
            root: node::alloc(name),
        }
    }

    /// Takes ownership of a detached node and its subtree.
    ///
    /// # Safety
    /// `root` is live, has no parent, and nothing else owns it.
    pub(super) unsafe fn from_node(root: NonNull<ConfigNode>) -> Config {
        Config { root }
    }

    /// Gives the tree to C: the root's address (a CZMQ `zconfig_t *`),
    /// which [`Config::from_raw`] takes back.
    ///
    /// ```
    /// let root = czmq::Config::parse("a = 1\n")?.into_raw();
    /// // SAFETY: the pointer from into_raw, given back once.
    /// let config = unsafe { czmq::Config::from_raw(root) }.unwrap();
    /// assert_eq!(config.get("a"), Some("1"));
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn into_raw(self) -> *mut ConfigNode {
        let root = self.root;
        std::mem::forget(self);
        root.as_ptr()
    }

    /// Takes ownership of the subtree at `node` (CZMQ's `zconfig_destroy`
    /// and `zconfig_remove` start here): a root is taken back whole; any
    /// other node is first detached from its parent, as `zconfig_remove`
    /// does. None for NULL.
    ///
    /// # Safety
    /// `node` is NULL or a live node from [`Config::into_raw`] or
    /// [`ConfigNodeMut::into_raw`]; if it is a root, the caller owns it (it came
    /// from `into_raw` and is given back once); no reference or ConfigNodeMut
    /// into its tree is alive, and the pointer is not used afterwards.
    ///
    /// ```
    /// let root = czmq::Config::parse("a\n    b = 1\n")?.into_raw();
    /// // SAFETY: root is live and no one else uses it meanwhile.
    /// let a = unsafe { czmq::ConfigNodeMut::from_raw(root) }.unwrap().into_locate("a").unwrap().into_raw();
    /// // SAFETY: a is a live child; it is detached and owned from here on.
    /// let sub = unsafe { czmq::Config::from_raw(a) }.unwrap();
    /// assert_eq!(sub.get("b"), Some("1"));
    /// // SAFETY: the root, given back once.
    /// let rest = unsafe { czmq::Config::from_raw(root) }.unwrap();
    /// assert!(rest.locate("a").is_none());
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub unsafe fn from_raw(node: *mut ConfigNode) -> Option<Config> {
        let node = NonNull::new(node)?;
        // SAFETY: the caller guarantees `node` is live, that no reference or
        // ConfigNodeMut into its tree is alive (what detach requires), and that
        // a root is theirs to give back; detaching a root is a no-op, and a
        // detached node is owned by no one else, so from_node takes sole
        // ownership.
        unsafe {
            node::detach(node);
            Some(Config::from_node(node))
        }
    }

    /// Edit access to the root.
    ///
    /// ```
    /// let mut config = czmq::Config::new("root");
    /// config.root_mut().add_child("a")?.set_value("1")?;
    /// assert_eq!(config.get("a"), Some("1"));
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn root_mut(&mut self) -> ConfigNodeMut<'_> {
        ConfigNodeMut::new(self.root)
    }

    /// Parses ZPL text (CZMQ's `zconfig_str_load`). The root is named "root".
    ///
    /// A syntax error is [`Error::Decode`], whose source is a
    /// [`ConfigSyntaxError`](crate::ConfigSyntaxError) naming the line:
    ///
    /// ```
    /// use czmq::{Config, Error};
    /// let config = Config::parse("main\n    bind = tcp://127.0.0.1:5555  # local\n")?;
    /// assert_eq!(config.get("main/bind"), Some("tcp://127.0.0.1:5555"));
    /// match Config::parse("main\n  bind = x\n") {
    ///     Err(Error::Decode { source, .. }) => assert!(source.to_string().starts_with("line 2:")),
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
        parse::parse_bytes(bytes).map_err(|e| Error::Decode {
            what: "ZPL text".into(),
            source: crate::Cause::new(e),
        })
    }

    /// Loads a tree from a ZPL file, remembering the file for
    /// [`has_changed`](ConfigNode::has_changed) and [`reload`](Config::reload).
    /// A missing file is [`Error::NoEntry`]; a syntax error is
    /// [`Error::Decode`] naming the file, whose source names the line.
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
        let mut config = parse::parse_bytes(&bytes).map_err(|e| Error::Decode {
            what: path.display().to_string(),
            source: crate::Cause::new(e),
        })?;
        config.set_source(Some(Source::new(path, stamp)));
        Ok(config)
    }

    fn set_source(&mut self, source: Option<Source>) {
        // SAFETY: the root is live and owned by `self`, borrowed mutably
        // here, so no other reference into the tree is alive.
        unsafe { (*self.root.as_ptr()).source = source };
    }

    /// Writes the tree to a ZPL file, replacing it (CZMQ's `zconfig_save`).
    /// Saving back to the file the tree was loaded from does not make
    /// [`has_changed`](ConfigNode::has_changed) true.
    ///
    /// ```
    /// let path = std::env::temp_dir().join(format!("zconfig-save-{}.cfg", std::process::id()));
    /// let mut config = czmq::Config::new("root");
    /// config.put("curve/secret-key", "Top Secret")?;
    /// config.save(&path)?;
    /// assert_eq!(std::fs::read_to_string(&path)?, "curve\n    secret-key = \"Top Secret\"\n");
    /// assert_eq!(czmq::Config::load(&path)?.get("curve/secret-key"), Some("Top Secret"));
    /// std::fs::remove_file(&path)?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn save(&mut self, path: impl AsRef<Path>) -> Result<()> {
        self.root_mut().save(path)
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

    /// Renames the root (see [`ConfigNodeMut::set_name`]).
    ///
    /// ```
    /// let mut config = czmq::Config::new("root");
    /// config.set_name("top")?;
    /// assert_eq!(config.name(), "top");
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn set_name(&mut self, name: &str) -> Result<()> {
        self.root_mut().set_name(name)
    }

    /// Sets the root's value (see [`ConfigNodeMut::set_value`]).
    ///
    /// ```
    /// let mut config = czmq::Config::new("root");
    /// config.set_value("1")?;
    /// assert_eq!(config.value(), Some("1"));
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn set_value(&mut self, value: &str) -> Result<()> {
        self.root_mut().set_value(value)
    }

    /// Removes the root's value (see [`ConfigNodeMut::clear_value`]).
    ///
    /// ```
    /// let mut config = czmq::Config::new("root");
    /// config.set_value("1")?;
    /// config.clear_value();
    /// assert_eq!(config.value(), None);
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn clear_value(&mut self) {
        self.root_mut().clear_value()
    }

    /// Adds comment lines to the root (see [`ConfigNodeMut::set_comment`]).
    ///
    /// ```
    /// let mut config = czmq::Config::new("root");
    /// config.set_comment(" hello")?;
    /// assert_eq!(config.to_string(), "# hello\n\n");
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn set_comment(&mut self, text: &str) -> Result<()> {
        self.root_mut().set_comment(text)
    }

    /// Deletes the root's comments (see [`ConfigNodeMut::clear_comments`]).
    ///
    /// ```
    /// let mut config = czmq::Config::parse("# note\n\na = 1\n")?;
    /// config.clear_comments();
    /// assert!(config.comments().is_empty());
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn clear_comments(&mut self) {
        self.root_mut().clear_comments()
    }

    /// Adds a child to the root (see [`ConfigNodeMut::add_child`]).
    ///
    /// ```
    /// let mut config = czmq::Config::new("root");
    /// config.add_child("a")?.set_value("1")?;
    /// assert_eq!(config.get("a"), Some("1"));
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn add_child(&mut self, name: &str) -> Result<ConfigNodeMut<'_>> {
        ConfigNodeMut::new(self.root)
            .add_child(name)
            .map(|n| ConfigNodeMut::new(n.into_raw_nonnull()))
    }

    /// Sets the value at `path`, creating nodes on the way (see
    /// [`ConfigNodeMut::put`]).
    ///
    /// ```
    /// let mut config = czmq::Config::new("root");
    /// config.put("server/timeout", "1000")?;
    /// assert_eq!(config.get("server/timeout"), Some("1000"));
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn put(&mut self, path: &str, value: &str) -> Result<ConfigNodeMut<'_>> {
        ConfigNodeMut::new(self.root)
            .put(path, value)
            .map(|n| ConfigNodeMut::new(n.into_raw_nonnull()))
    }

    /// The first child named `name`, for editing.
    ///
    /// ```
    /// let mut config = czmq::Config::parse("a = 1\n")?;
    /// config.child_mut("a").unwrap().set_value("2")?;
    /// assert_eq!(config.get("a"), Some("2"));
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn child_mut(&mut self, name: &str) -> Option<ConfigNodeMut<'_>> {
        ConfigNodeMut::new(self.root)
            .child_mut(name)
            .map(|n| ConfigNodeMut::new(n.into_raw_nonnull()))
    }

    /// The node at `path`, for editing (see [`ConfigNode::locate`]).
    ///
    /// ```
    /// let mut config = czmq::Config::parse("a\n    b = 1\n")?;
    /// config.locate_mut("a/b").unwrap().set_value("2")?;
    /// assert_eq!(config.get("a/b"), Some("2"));
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn locate_mut(&mut self, path: &str) -> Option<ConfigNodeMut<'_>> {
        self.root_mut().into_locate(path)
    }

    /// Detaches and returns the node at `path` with its subtree (see
    /// [`ConfigNodeMut::remove`]).
    ///
    /// ```
    /// let mut config = czmq::Config::parse("a = 1\nb = 2\n")?;
    /// assert_eq!(config.remove("a").unwrap().value(), Some("1"));
    /// assert_eq!(config.to_string(), "b = \"2\"\n");
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn remove(&mut self, path: &str) -> Option<Config> {
        self.root_mut().remove(path)
    }

    /// Removes all the root's children (see [`ConfigNodeMut::clear_children`]).
    ///
    /// ```
    /// let mut config = czmq::Config::parse("a = 1\n")?;
    /// config.clear_children();
    /// assert_eq!(config.to_string(), "");
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn clear_children(&mut self) {
        self.root_mut().clear_children()
    }
}

impl Deref for Config {
    type Target = ConfigNode;
    fn deref(&self) -> &ConfigNode {
        // SAFETY: the root is live while `self` owns it; the shared borrow
        // of `self` keeps every writer away while the reference lives.
        unsafe { self.root.as_ref() }
    }
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
    /// The tree as ZPL text (see [`ConfigNode`]'s Display).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&**self, f)
    }
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self, f)
    }
}

impl Clone for Config {
    /// A deep copy (CZMQ's `zconfig_dup`), made iteratively; the copy
    /// remembers the same source file.
    fn clone(&self) -> Config {
        let mut copy = Config {
            root: node::copy_tree(self),
        };
        copy.set_source(self.source.clone());
        copy
    }
}

impl PartialEq for Config {
    /// Trees are equal when names, values, comments and children are; the
    /// file a tree was loaded from does not count.
    fn eq(&self, other: &Config) -> bool {
        **self == **other
    }
}

impl Eq for Config {}

impl Drop for Config {
    fn drop(&mut self) {
        // SAFETY: the Config owns its detached root and the whole tree;
        // nothing can refer into it once it is being dropped.
        unsafe { node::free_tree(self.root) }
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
        // Miri is slow: the shape matters, not the size.
        let depth = if cfg!(miri) { 200 } else { 200_000 };
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
        let levels = if cfg!(miri) { 20 } else { 1_500 };
        let config = chain(levels);
        let text = config.to_string();
        let parsed = Config::parse(&text).unwrap();
        let path = vec!["n"; levels].join("/");
        assert_eq!(parsed.get(&path), Some("leaf"));
        // Sections read back with the value "" (as CZMQ), then stay put.
        let again = Config::parse(&parsed.to_string()).unwrap();
        assert!(again == parsed);
        assert_eq!(again.to_string(), parsed.to_string());
    }

    #[test]
    fn child_addresses_survive_sibling_insertions() {
        let mut config = Config::new("root");
        let first = config.add_child("first").unwrap().into_raw();
        // Enough insertions to move a Vec's buffer several times; fewer
        // under Miri (CI runs this module there), where each put is slow.
        let siblings = if cfg!(miri) { 100 } else { 1_000 };
        for i in 0..siblings {
            config.put(&format!("s{i}"), "x").unwrap();
        }
        let found = config.locate("first").unwrap();
        assert!(std::ptr::eq(first, found));
        assert_eq!(found.next().map(|n| n.name()), Some("s0"));
        let last = format!("s{}", siblings - 1);
        assert_eq!(config.at_depth(1).map(|n| n.name()), Some(last.as_str()));
    }

    #[test]
    fn removal_renumbers_siblings() {
        let mut config = Config::parse("a = 1\nb = 2\nc = 3\nd = 4\n").unwrap();
        assert!(config.remove("b").is_some());
        let a = config.first_child().unwrap();
        assert_eq!(a.next().map(|n| n.name()), Some("c"));
        assert_eq!(a.next().and_then(|n| n.next()).map(|n| n.name()), Some("d"));
        let c = config.remove("c").unwrap();
        assert!(c.parent().is_none());
        assert_eq!(c.links(), [std::ptr::null_mut(); 3]);
        assert_eq!(
            config
                .first_child()
                .and_then(|n| n.next())
                .map(|n| n.name()),
            Some("d")
        );
        assert!(config.locate("d").unwrap().next().is_none());
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
        loaded.set_source(Some(Source::new(
            Path::new("/nonexistent/zconfig-test.cfg"),
            None,
        )));
        assert_eq!(loaded, Config::parse("a = 1\n").unwrap());
        assert!(
            !loaded.has_changed(),
            "a file that cannot be read has not changed"
        );
        assert_eq!(loaded.clone().filename(), loaded.filename());
    }
}
