//! [`ConfigNodeMut`]: exclusive access to one node of a tree, for editing.
//!
//! A ConfigNodeMut is the tree's only writer while it lives (it borrows the
//! tree's owner mutably, or comes from the C face under CZMQ's rules). It
//! only moves down (to children and below): a handle that could move up or
//! sideways could free a node that an outer handle, waiting for its
//! reborrow to end, still points to. It never hands out `&mut ConfigNode`:
//! safe code could swap two nodes' contents through one and break the
//! links.

use std::marker::PhantomData;
use std::ops::Deref;
use std::ptr::NonNull;

use super::Config;
use super::ctext::CText;
use super::node::{self, ConfigNode, path_segments};
use super::source;
use super::write;
use crate::error::{Error, Result};

/// Exclusive access to a node of a [`Config`] tree: edit its name, value,
/// comments and children, or move to another node. Derefs to [`ConfigNode`] for
/// reading.
///
/// ```
/// let mut config = czmq::Config::new("root");
/// let mut server = config.add_child("server")?;
/// server.add_child("timeout")?.set_value("1000")?;
/// server.set_comment(" the server")?;
/// assert_eq!(config.get("server/timeout"), Some("1000"));
/// # Ok::<(), czmq::Error>(())
/// ```
pub struct ConfigNodeMut<'a> {
    node: NonNull<ConfigNode>,
    _tree: PhantomData<&'a mut ConfigNode>,
}

impl Deref for ConfigNodeMut<'_> {
    type Target = ConfigNode;
    fn deref(&self) -> &ConfigNode {
        // SAFETY: the node is live for 'a, and this ConfigNodeMut is the tree's
        // only writer; the shared borrow of `self` stops it writing while
        // the returned reference lives.
        unsafe { self.node.as_ref() }
    }
}

impl<'a> ConfigNodeMut<'a> {
    pub(super) fn new(node: NonNull<ConfigNode>) -> ConfigNodeMut<'a> {
        ConfigNodeMut {
            node,
            _tree: PhantomData,
        }
    }

    /// Edit access to the node at `node`, for the C face.
    ///
    /// # Safety
    /// `node` points to a live node of a tree (from [`Config::into_raw`] or
    /// [`ConfigNodeMut::into_raw`]) that stays alive for `'a`, and nothing else
    /// reads or writes that tree while the ConfigNodeMut, or anything derived
    /// from it, lives.
    ///
    /// ```
    /// let root = czmq::Config::new("root").into_raw();
    /// // SAFETY: `root` is the live root from into_raw, used by no one else.
    /// let mut node = unsafe { czmq::ConfigNodeMut::from_raw(root) }.unwrap();
    /// node.put("a", "1")?;
    /// // SAFETY: the same root, given back once; `node` is not used again.
    /// let config = unsafe { czmq::Config::from_raw(root) }.unwrap();
    /// assert_eq!(config.get("a"), Some("1"));
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub unsafe fn from_raw(node: *mut ConfigNode) -> Option<ConfigNodeMut<'a>> {
        NonNull::new(node).map(ConfigNodeMut::new)
    }

    /// The node's address, stable while the tree lives (CZMQ's
    /// `zconfig_t *`).
    ///
    /// ```
    /// let mut config = czmq::Config::new("root");
    /// let a = config.add_child("a")?.into_raw();
    /// config.add_child("b")?; // a stays where it is
    /// assert!(std::ptr::eq(a, config.locate("a").unwrap()));
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn into_raw(self) -> *mut ConfigNode {
        self.node.as_ptr()
    }

    /// The node's link, for the owner's shortcuts.
    pub(super) fn into_raw_nonnull(self) -> NonNull<ConfigNode> {
        self.node
    }

    /// Runs `f` on the node's fields.
    fn with<T>(&mut self, f: impl FnOnce(&mut ConfigNode) -> T) -> T {
        // SAFETY: this ConfigNodeMut is the tree's only writer and `&mut self`
        // excludes every reference it lent; the reference does not escape
        // `f`, and `f` (private to this module) never reaches other nodes
        // through it.
        f(unsafe { &mut *self.node.as_ptr() })
    }

    /// A ConfigNodeMut for another node of the same tree, borrowing this one.
    fn at(&mut self, node: NonNull<ConfigNode>) -> ConfigNodeMut<'_> {
        ConfigNodeMut::new(node)
    }

    /// A shorter-lived handle to the same node, leaving this one usable
    /// afterwards (for passing to functions that take a ConfigNodeMut).
    ///
    /// ```
    /// let mut config = czmq::Config::new("root");
    /// let mut root = config.root_mut();
    /// fn add_a(mut node: czmq::ConfigNodeMut<'_>) { node.put("a", "1").unwrap(); }
    /// add_a(root.as_mut());
    /// root.put("b", "2")?;
    /// assert_eq!(config.get("a"), Some("1"));
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn as_mut(&mut self) -> ConfigNodeMut<'_> {
        let node = self.node;
        self.at(node)
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
        self.with(|n| n.name = CText::new(name));
        Ok(())
    }

    /// Sets the node's value (CZMQ's `zconfig_set_value`). Refused
    /// ([`Error::InvalidArgument`]) if no ZPL line can hold it: it contains
    /// a line break or NUL, or both `"` and `'` while also needing quotes
    /// (ZPL has no escapes).
    ///
    /// ```
    /// let mut config = czmq::Config::new("root");
    /// let mut item = config.add_child("greeting")?;
    /// item.set_value("say \"hi\"")?;
    /// assert!(item.set_value("two\nlines").is_err());
    /// assert_eq!(config.to_string(), "greeting = 'say \"hi\"'\n");
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn set_value(&mut self, value: &str) -> Result<()> {
        write::check_value(value)?;
        self.with(|n| n.value = Some(CText::new(value)));
        Ok(())
    }

    /// Removes the node's value; it is then written as a bare name
    /// (CZMQ's `zconfig_set_value (self, NULL)`).
    ///
    /// ```
    /// let mut config = czmq::Config::parse("a = 1\n")?;
    /// config.locate_mut("a").unwrap().clear_value();
    /// assert_eq!(config.to_string(), "a\n");
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn clear_value(&mut self) {
        self.with(|n| n.value = None);
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
        self.with(|n| n.comments.append(&mut lines));
        Ok(())
    }

    /// Deletes the node's comments (CZMQ's `zconfig_set_comment (self,
    /// NULL)`).
    ///
    /// ```
    /// let mut config = czmq::Config::parse("# note\n\na = 1\n")?;
    /// config.clear_comments();
    /// assert_eq!(config.to_string(), "a = \"1\"\n");
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn clear_comments(&mut self) {
        self.with(|n| n.comments.clear());
    }

    /// Adds a child named `name` after the existing children, with no value
    /// (CZMQ's `zconfig_new (name, parent)`). Names may repeat. The new
    /// node, like every node, keeps its address while the tree lives.
    ///
    /// ```
    /// let mut config = czmq::Config::new("root");
    /// let mut frontend = config.add_child("frontend")?;
    /// frontend.add_child("bind")?.set_value("inproc://addr1")?;
    /// frontend.add_child("bind")?.set_value("ipc://addr2")?;
    /// assert_eq!(
    ///     config.to_string(),
    ///     "frontend\n    bind = \"inproc://addr1\"\n    bind = \"ipc://addr2\"\n"
    /// );
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn add_child(&mut self, name: &str) -> Result<ConfigNodeMut<'_>> {
        write::check_name(name)?;
        let child = node::alloc(name);
        // SAFETY: `child` is new and detached; this ConfigNodeMut is the tree's
        // only writer and `&mut self` holds no lent reference.
        unsafe { node::attach_last(self.node, child) };
        Ok(self.at(child))
    }

    /// [`add_child`](ConfigNodeMut::add_child) for names the parser has checked.
    pub(super) fn add_child_unchecked(&mut self, name: &str) -> ConfigNodeMut<'_> {
        let child = node::alloc(name);
        // SAFETY: as in add_child.
        unsafe { node::attach_last(self.node, child) };
        self.at(child)
    }

    /// [`set_value`](ConfigNodeMut::set_value) for values the parser has read.
    pub(super) fn set_value_unchecked(&mut self, value: &str) {
        self.with(|n| n.value = Some(CText::new(value)));
    }

    /// Appends comment lines as they are.
    pub(super) fn push_comments(&mut self, mut lines: Vec<String>) {
        if !lines.is_empty() {
            self.with(|n| n.comments.append(&mut lines));
        }
    }

    /// Adds a copy of `tree` (its root and subtree) as the last child.
    ///
    /// ```
    /// let mut config = czmq::Config::new("root");
    /// let part = czmq::Config::parse("x = 1\n")?;
    /// config.root_mut().add_tree(&part)?.set_name("part")?;
    /// assert_eq!(config.get("part/x"), Some("1"));
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn add_tree(&mut self, tree: &ConfigNode) -> Result<ConfigNodeMut<'_>> {
        let copy = node::copy_tree(tree);
        // SAFETY: `copy` is a new detached tree; as in add_child.
        unsafe { node::attach_last(self.node, copy) };
        Ok(self.at(copy))
    }

    /// Sets the value at `path`, creating the node and any missing nodes on
    /// the way (CZMQ's `zconfig_put`); where several children share a name
    /// the first is used. A leading `/` is optional. Returns the node.
    /// Nothing changes if a path segment is not a valid name or the value is
    /// refused (see [`set_value`](ConfigNodeMut::set_value)).
    ///
    /// ```
    /// let mut config = czmq::Config::new("root");
    /// config.put("/zgossip/bind/endpoint", "tcp://127.0.0.1:9999")?;
    /// assert_eq!(config.get("zgossip/bind/endpoint"), Some("tcp://127.0.0.1:9999"));
    /// assert_eq!(config.locate("zgossip/bind").unwrap().value(), None);
    /// assert!(config.put("a//b", "x").is_err());
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn put(&mut self, path: &str, value: &str) -> Result<ConfigNodeMut<'_>> {
        write::check_value(value)?;
        for segment in path_segments(path) {
            write::check_name(segment)
                .map_err(|e| Error::InvalidArgument(format!("path {path:?}: {e}")))?;
        }
        let mut at = self.node;
        for segment in path_segments(path) {
            at = match self.find_child(at, segment) {
                Some(child) => child,
                None => {
                    let child = node::alloc(segment);
                    // SAFETY: as in add_child; no reference is alive.
                    unsafe { node::attach_last(at, child) };
                    child
                }
            };
        }
        let mut node = self.at(at);
        node.with(|n| n.value = Some(CText::new(value)));
        Ok(node)
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
        let found = self.find_child(self.node, name)?;
        Some(self.at(found))
    }

    /// The node at `path`, for editing (see [`ConfigNode::locate`]).
    ///
    /// ```
    /// let mut config = czmq::Config::parse("a\n    b = 1\n")?;
    /// config.locate_mut("a/b").unwrap().set_comment(" the b")?;
    /// assert_eq!(config.to_string(), "a = \"\"\n# the b\n\n    b = \"1\"\n");
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn locate_mut(&mut self, path: &str) -> Option<ConfigNodeMut<'_>> {
        let found = self.find(path)?;
        Some(self.at(found))
    }

    /// The node at `path`, by its link (no reference outlives the search,
    /// and the link keeps the provenance the node was allocated with).
    fn find(&self, path: &str) -> Option<NonNull<ConfigNode>> {
        let mut at = self.node;
        for segment in path_segments(path) {
            at = self.find_child(at, segment)?;
        }
        Some(at)
    }

    /// The first child of `parent` named `name`, by its link.
    fn find_child(&self, parent: NonNull<ConfigNode>, name: &str) -> Option<NonNull<ConfigNode>> {
        // SAFETY: `parent` is a live node of this tree, only read here.
        unsafe { parent.as_ref() }
            .children
            .iter()
            .copied()
            // SAFETY: children of a live node are live; only read here.
            .find(|c| unsafe { c.as_ref() }.name() == name)
    }

    /// Moves to the node at `path` below this one.
    ///
    /// ```
    /// let mut config = czmq::Config::parse("a\n    b = 1\n")?;
    /// let mut b = config.root_mut().into_locate("a/b").unwrap();
    /// b.set_value("2")?;
    /// assert_eq!(config.get("a/b"), Some("2"));
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn into_locate(self, path: &str) -> Option<ConfigNodeMut<'a>> {
        self.find(path).map(ConfigNodeMut::new)
    }

    /// Moves to the first child (CZMQ's `zconfig_child`).
    ///
    /// ```
    /// let mut config = czmq::Config::parse("a = 1\nb = 2\n")?;
    /// let a = config.root_mut().into_first_child().unwrap();
    /// assert_eq!(a.name(), "a");
    /// assert_eq!(a.value(), Some("1"));
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn into_first_child(self) -> Option<ConfigNodeMut<'a>> {
        self.children.first().copied().map(ConfigNodeMut::new)
    }

    /// Moves to the latest node at depth `level` (see [`ConfigNode::at_depth`]).
    ///
    /// ```
    /// let mut config = czmq::Config::parse("a\n    x = 1\nb\n    y = 2\n")?;
    /// let y = config.root_mut().into_at_depth(2).unwrap();
    /// assert_eq!(y.name(), "y");
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn into_at_depth(self, level: usize) -> Option<ConfigNodeMut<'a>> {
        let mut at = self.node;
        for _ in 0..level {
            // SAFETY: `at` is a live node of this tree, only read here.
            at = *unsafe { at.as_ref() }.children.last()?;
        }
        Some(ConfigNodeMut::new(at))
    }

    /// Detaches and returns the node at `path` with its subtree (the first
    /// match, as [`locate`](ConfigNode::locate) finds it).
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
        let found = self.find(path)?;
        if found == self.node {
            return None; // an empty path names this node, which stays
        }
        // SAFETY: `found` is a live strict descendant of this node; no
        // reference into the tree is alive (`&mut self`), and once detached
        // it heads a tree of its own, owned by the Config returned.
        unsafe {
            node::detach(found);
            Some(Config::from_node(found))
        }
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
        let children = self.with(|n| std::mem::take(&mut n.children));
        for child in children {
            // SAFETY: each child was owned by this node alone and is now
            // unlinked from it; nothing else refers to it (`&mut self`).
            unsafe {
                (*child.as_ptr()).parent = None;
                node::free_tree(child);
            }
        }
    }

    /// Writes the subtree to a ZPL file, replacing it (CZMQ's
    /// `zconfig_save`). Saving a root back to the file it was loaded from
    /// does not make [`has_changed`](ConfigNode::has_changed) true.
    ///
    /// ```
    /// let path = std::env::temp_dir().join(format!("zconfig-nodesave-{}.cfg", std::process::id()));
    /// let mut config = czmq::Config::parse("a\n    b = 1\n")?;
    /// config.locate_mut("a").unwrap().save(&path)?;
    /// assert_eq!(std::fs::read_to_string(&path)?, "b = \"1\"\n");
    /// std::fs::remove_file(&path)?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn save(&mut self, path: impl AsRef<std::path::Path>) -> Result<()> {
        let path = path.as_ref();
        let file = std::fs::File::create(path).map_err(source::io_error)?;
        self.write_to(file)?;
        let restamp = self.source.as_ref().is_some_and(|s| s.path == path);
        if restamp {
            let fresh = source::Source::new(path, source::Stamp::of(path));
            self.with(|n| n.source = Some(fresh));
        }
        Ok(())
    }

    /// Calls `handler` with the address of every node of the subtree, depth
    /// first, with its depth, until it returns false (CZMQ's
    /// `zconfig_execute`, for the C face, whose handlers may edit the node
    /// they are given). Returns true if every call returned true.
    ///
    /// Children are read after the handler returns, so nodes it adds below
    /// the current node are visited.
    ///
    /// # Safety
    /// `handler` may read or edit the node it is given and add children to
    /// it, but must not free or detach any node of the subtree, nor keep
    /// references across calls.
    ///
    /// ```
    /// let mut config = czmq::Config::parse("a = 1\nb = 2\n")?;
    /// let mut names = Vec::new();
    /// // SAFETY: the handler only reads the node it is given.
    /// let all = unsafe {
    ///     config.root_mut().execute_raw(|node, depth| {
    ///         names.push((depth, unsafe { &*node }.name().to_string()));
    ///         true
    ///     })
    /// };
    /// assert!(all);
    /// assert_eq!(names, [(0, "root".into()), (1, "a".into()), (1, "b".into())]);
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub unsafe fn execute_raw(
        &mut self,
        mut handler: impl FnMut(*mut ConfigNode, usize) -> bool,
    ) -> bool {
        // Each entry is a node whose handler has run and the index of the
        // next child to visit.
        if !handler(self.node.as_ptr(), 0) {
            return false;
        }
        let mut stack: Vec<(NonNull<ConfigNode>, usize)> = vec![(self.node, 0)];
        while let Some((node, next)) = stack.last_mut() {
            // SAFETY: nodes on the stack are live: the handler may not free
            // or detach nodes of the subtree (the caller's contract).
            let child = unsafe { node.as_ref() }.children.get(*next).copied();
            *next += 1;
            match child {
                Some(child) => {
                    if !handler(child.as_ptr(), stack.len()) {
                        return false;
                    }
                    stack.push((child, 0));
                }
                None => {
                    stack.pop();
                }
            }
        }
        true
    }
}
