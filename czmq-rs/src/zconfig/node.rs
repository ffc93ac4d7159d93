//! [`ConfigNode`]: one node of a configuration tree, and the raw links between
//! nodes.
//!
//! Every node lives in its own heap allocation (made by `Box::into_raw`,
//! freed by `Box::from_raw` in [`free_tree`]) and never moves while its tree
//! lives, so C may keep a pointer to any node across insertions, as with
//! CZMQ. A node holds its children as pointers in order, and a pointer back
//! to its parent and its own place among its siblings. Only this module
//! touches the links; shared access goes through `&ConfigNode` (borrowed from the
//! tree's owner, so the whole tree is frozen meanwhile) and exclusive access
//! through [`ConfigNodeMut`](super::ConfigNodeMut), never through a `&mut ConfigNode` that
//! safe code could `mem::swap`.

use std::ffi::CStr;
use std::fmt;
use std::ptr::NonNull;

use super::ctext::CText;
use super::source::Source;
use super::write;

/// A node of a ZPL tree (a C `zconfig_t *`): a name, an optional value,
/// comment lines and children in order. Borrowed from a
/// [`Config`](super::Config) (which derefs to its root node) or lent by
/// [`ConfigNodeMut`](super::ConfigNodeMut).
///
/// ```
/// let config = czmq::Config::parse("server\n    timeout = 1000\n")?;
/// let timeout = config.locate("server/timeout").unwrap();
/// assert_eq!(timeout.name(), "timeout");
/// assert_eq!(timeout.parent().map(|p| p.name()), Some("server"));
/// # Ok::<(), czmq::Error>(())
/// ```
pub struct ConfigNode {
    pub(super) name: CText,
    pub(super) value: Option<CText>,
    pub(super) comments: Vec<String>,
    pub(super) children: Vec<NonNull<ConfigNode>>,
    pub(super) parent: Option<NonNull<ConfigNode>>,
    /// This node's index in its parent's `children`.
    pub(super) index: usize,
    /// The file the tree was loaded from (roots only).
    pub(super) source: Option<Source>,
}

// SAFETY: a ConfigNode's pointers lead only to nodes of its own tree, which the
// tree's owner (a Config, or C holding the root) owns as a whole; shared
// access reads through `&ConfigNode` and exclusive access needs `&mut Config` or
// a ConfigNodeMut, so the Rust borrow rules on the owner cover every node.
// Nothing is thread-bound (no thread-locals, no Rc).
unsafe impl Send for ConfigNode {}
// SAFETY: as above; `&ConfigNode` gives read-only access with no interior
// mutability.
unsafe impl Sync for ConfigNode {}

/// Allocates a detached node.
pub(super) fn alloc(name: &str) -> NonNull<ConfigNode> {
    let node = Box::new(ConfigNode {
        name: CText::new(name),
        value: None,
        comments: Vec::new(),
        children: Vec::new(),
        parent: None,
        index: 0,
        source: None,
    });
    NonNull::from(Box::leak(node))
}

/// Attaches the detached node `child` as the last child of `parent`.
///
/// # Safety
/// Both are live nodes, `child` has no parent and is not an ancestor of
/// `parent`, and no reference into either node is alive.
pub(super) unsafe fn attach_last(parent: NonNull<ConfigNode>, child: NonNull<ConfigNode>) {
    // SAFETY: the caller guarantees both nodes are live (leaked Boxes from
    // `alloc`) and that no reference into either is alive; `child` has no
    // parent and is not an ancestor of `parent`, so they are distinct nodes and
    // the two exclusive references never overlap.
    unsafe {
        let p = &mut *parent.as_ptr();
        let c = &mut *child.as_ptr();
        c.parent = Some(parent);
        c.index = p.children.len();
        p.children.push(child);
    }
}

/// Detaches `node` from its parent (if any), renumbering the siblings after
/// it; the node then heads a tree of its own.
///
/// # Safety
/// `node` is live and no reference into it, its parent or its siblings is
/// alive.
pub(super) unsafe fn detach(node: NonNull<ConfigNode>) {
    // SAFETY: the caller guarantees `node` is live and that no reference into
    // it, its parent or its siblings is alive; `n` (the node) and `p` (its
    // parent, a different node) are borrowed exclusively, and `n` is not used
    // after `p` is made; the siblings renumbered at the end are separate
    // allocations, written through their own pointers while `p` only holds
    // the vector of those pointers.
    unsafe {
        let n = &mut *node.as_ptr();
        let Some(parent) = n.parent.take() else {
            return;
        };
        let index = n.index;
        n.index = 0;
        let p = &mut *parent.as_ptr();
        if p.children.get(index) == Some(&node) {
            p.children.remove(index);
        } else if let Some(at) = p.children.iter().position(|c| *c == node) {
            p.children.remove(at);
        }
        for (i, sibling) in p.children.iter().enumerate().skip(index) {
            (*sibling.as_ptr()).index = i;
        }
    }
}

/// Frees `node` and its whole subtree, iteratively (a deep tree must not
/// overflow the stack). The node must already be detached.
///
/// # Safety
/// `node` is live, detached, and nothing refers to it or below it any more.
pub(super) unsafe fn free_tree(node: NonNull<ConfigNode>) {
    let mut pending = vec![node];
    while let Some(next) = pending.pop() {
        // SAFETY: every node of the subtree came from `alloc` (Box::leak)
        // and appears exactly once, as a child of one node; the caller gave
        // up the subtree, so each is freed once and not used again.
        let mut boxed = unsafe { Box::from_raw(next.as_ptr()) };
        pending.append(&mut boxed.children);
    }
}

/// Copies the subtree at `from` into a new detached tree, iteratively.
pub(super) fn copy_tree(from: &ConfigNode) -> NonNull<ConfigNode> {
    let root = alloc(from.name());
    let mut pending: Vec<(&ConfigNode, NonNull<ConfigNode>)> = vec![(from, root)];
    while let Some((source, target)) = pending.pop() {
        // SAFETY: `target` is a node this function allocated and has not
        // lent out; this is the only reference to it now.
        let t = unsafe { &mut *target.as_ptr() };
        t.value = source.value.clone();
        t.comments = source.comments.clone();
        t.source = None;
        for child in source.children() {
            let copy = alloc(child.name());
            // SAFETY: both are live nodes this function owns; `t` is not
            // used again until it is reborrowed on its next visit.
            unsafe { attach_last(target, copy) };
            pending.push((child, copy));
        }
    }
    root
}

impl ConfigNode {
    /// The node's name.
    ///
    /// ```
    /// let config = czmq::Config::parse("server = 1\n")?;
    /// assert_eq!(config.name(), "root");
    /// assert_eq!(config.child("server").map(|c| c.name()), Some("server"));
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn name(&self) -> &str {
        self.name.as_str()
    }

    /// The name as a C string, stored in the node (what `zconfig_name`
    /// lends to C).
    ///
    /// ```
    /// let config = czmq::Config::new("root");
    /// assert_eq!(config.name_c_str().to_bytes(), b"root");
    /// ```
    pub fn name_c_str(&self) -> &CStr {
        self.name.as_c_str()
    }

    /// The node's value, or None if it has none. As in CZMQ, a node made by
    /// [`add_child`](super::ConfigNodeMut::add_child) or on the way down a
    /// [`put`](super::ConfigNodeMut::put) path has none, and a line without `=`
    /// (a section such as `main`) reads as `""`.
    ///
    /// ```
    /// let mut config = czmq::Config::parse("main\n    empty =\n")?;
    /// assert_eq!(config.locate("main").unwrap().value(), Some(""));
    /// assert_eq!(config.locate("main/empty").unwrap().value(), Some(""));
    /// config.put("a/b", "1")?;
    /// assert_eq!(config.locate("a").unwrap().value(), None);
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn value(&self) -> Option<&str> {
        self.value.as_ref().map(CText::as_str)
    }

    /// The value as a C string, stored in the node (what `zconfig_value`
    /// lends to C).
    ///
    /// ```
    /// let config = czmq::Config::parse("a = 1\n")?;
    /// let a = config.locate("a").unwrap();
    /// assert_eq!(a.value_c_str().map(|v| v.to_bytes()), Some(&b"1"[..]));
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn value_c_str(&self) -> Option<&CStr> {
        self.value.as_ref().map(CText::as_c_str)
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

    /// The node's children, in order (CZMQ's `zconfig_child` then
    /// `zconfig_next`).
    ///
    /// ```
    /// let config = czmq::Config::parse("a = 1\nb = 2\n")?;
    /// let names: Vec<&str> = config.children().map(|c| c.name()).collect();
    /// assert_eq!(names, ["a", "b"]);
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn children(
        &self,
    ) -> impl DoubleEndedIterator<Item = &ConfigNode> + ExactSizeIterator + '_ {
        self.children.iter().map(|child| {
            // SAFETY: children are live nodes of this tree; `&self` is
            // borrowed from the tree's owner, so nothing changes them while
            // the returned reference lives.
            unsafe { child.as_ref() }
        })
    }

    /// The first child (CZMQ's `zconfig_child`).
    ///
    /// ```
    /// let config = czmq::Config::parse("a = 1\nb = 2\n")?;
    /// assert_eq!(config.first_child().map(|c| c.name()), Some("a"));
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn first_child(&self) -> Option<&ConfigNode> {
        self.children().next()
    }

    /// The next sibling (CZMQ's `zconfig_next`).
    ///
    /// ```
    /// let config = czmq::Config::parse("a = 1\nb = 2\n")?;
    /// let a = config.first_child().unwrap();
    /// assert_eq!(a.next().map(|c| c.name()), Some("b"));
    /// assert!(a.next().unwrap().next().is_none());
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn next(&self) -> Option<&ConfigNode> {
        let parent = self.parent()?;
        parent.children().nth(self.index + 1)
    }

    /// The parent node; None for a root.
    ///
    /// ```
    /// let config = czmq::Config::parse("a\n    b = 1\n")?;
    /// let b = config.locate("a/b").unwrap();
    /// assert_eq!(b.parent().map(|p| p.name()), Some("a"));
    /// assert!(config.parent().is_none());
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn parent(&self) -> Option<&ConfigNode> {
        // SAFETY: the parent owns this node, so it lives as long as this
        // node does; `&self` comes from a shared borrow of the tree's owner
        // (or of a ConfigNodeMut, which is the tree's only writer), so the parent
        // is not being changed meanwhile.
        self.parent.map(|p| unsafe { &*p.as_ptr() })
    }

    /// The address of the first child, next sibling and parent (NULL when
    /// there is none), as the tree links them: what `zconfig_child`,
    /// `zconfig_next` and the C face hand out. Dereferencing them is the
    /// caller's business (see [`ConfigNodeMut::from_raw`](super::ConfigNodeMut::from_raw)).
    ///
    /// ```
    /// let config = czmq::Config::parse("a = 1\nb = 2\n")?;
    /// let [child, next, parent] = config.locate("a").unwrap().links();
    /// assert!(child.is_null());
    /// assert!(std::ptr::eq(next, config.locate("b").unwrap()));
    /// assert!(std::ptr::eq(parent, &*config));
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn links(&self) -> [*mut ConfigNode; 3] {
        let next = self
            .parent
            // SAFETY: the parent owns this node and is live; only read.
            .and_then(|p| unsafe { p.as_ref() }.children.get(self.index + 1).copied());
        [self.children.first().copied(), next, self.parent]
            .map(|link| link.map_or(std::ptr::null_mut(), NonNull::as_ptr))
    }

    /// The first child named `name`.
    ///
    /// ```
    /// let config = czmq::Config::parse("bind = a\nbind = b\n")?;
    /// assert_eq!(config.child("bind").and_then(|c| c.value()), Some("a"));
    /// assert!(config.child("connect").is_none());
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn child(&self, name: &str) -> Option<&ConfigNode> {
        self.children().find(|c| c.name() == name)
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
    pub fn locate(&self, path: &str) -> Option<&ConfigNode> {
        let mut node = self;
        for segment in path_segments(path) {
            node = node.child(segment)?;
        }
        Some(node)
    }

    /// The value at `path`, or None if there is no such node (CZMQ's
    /// `zconfig_get`). A node without a value gives `""`. A leading `/` is
    /// optional.
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

    /// The value at `path`, or `default` if there is no such node (CZMQ's
    /// `zconfig_resolve`).
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
    pub fn at_depth(&self, level: usize) -> Option<&ConfigNode> {
        let mut node = self;
        for _ in 0..level {
            node = node.children().next_back()?;
        }
        Some(node)
    }

    /// Every node of the subtree, depth first, each with its depth (0 for
    /// this node), in the order CZMQ's `zconfig_execute` visits them.
    ///
    /// ```
    /// let config = czmq::Config::parse("a\n    b = 1\nc = 2\n")?;
    /// let seen: Vec<(usize, &str)> = config.walk().map(|(d, n)| (d, n.name())).collect();
    /// assert_eq!(seen, [(0, "root"), (1, "a"), (2, "b"), (1, "c")]);
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn walk(&self) -> impl Iterator<Item = (usize, &ConfigNode)> + '_ {
        let mut stack = vec![(0, self)];
        std::iter::from_fn(move || {
            let (depth, node) = stack.pop()?;
            stack.extend(node.children().rev().map(|c| (depth + 1, c)));
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
        F: FnMut(&ConfigNode, usize) -> std::result::Result<(), E>,
    {
        self.walk()
            .try_for_each(|(depth, node)| handler(node, depth))
    }

    /// The subtree as ZPL bytes (CZMQ's `zconfig_chunk_save`); the same
    /// bytes as `to_string()`.
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

    /// Writes the subtree as ZPL to any writer (CZMQ's `zconfig_fprint`).
    ///
    /// ```
    /// let config = czmq::Config::parse("a = 1\n")?;
    /// let mut out = Vec::new();
    /// config.write_to(&mut out)?;
    /// assert_eq!(out, b"a = \"1\"\n");
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn write_to(&self, mut writer: impl std::io::Write) -> crate::Result<()> {
        writer
            .write_all(self.to_string().as_bytes())
            .map_err(super::source::io_error)?;
        writer.flush().map_err(super::source::io_error)
    }

    /// The file this tree was loaded from, if any (CZMQ's
    /// `zconfig_filename`); only a root loaded from a file has one.
    ///
    /// ```
    /// assert_eq!(czmq::Config::new("root").filename(), None);
    /// ```
    pub fn filename(&self) -> Option<&std::path::Path> {
        self.source.as_ref().map(|s| s.path.as_path())
    }

    /// The file name as a C string (what `zconfig_filename` lends to C).
    ///
    /// ```
    /// assert!(czmq::Config::new("root").filename_c_str().is_none());
    /// ```
    pub fn filename_c_str(&self) -> Option<&CStr> {
        self.source.as_ref().and_then(|s| s.c_path.as_deref())
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
        self.source.as_ref().is_some_and(Source::has_changed)
    }

    /// A deep copy of this node and its subtree, as a tree of its own
    /// (CZMQ's `zconfig_dup`).
    ///
    /// ```
    /// let config = czmq::Config::parse("a\n    b = 1\n")?;
    /// let a = config.locate("a").unwrap().duplicate();
    /// assert_eq!(a.name(), "a");
    /// assert_eq!(a.get("b"), Some("1"));
    /// # Ok::<(), czmq::Error>(())
    /// ```
    pub fn duplicate(&self) -> super::Config {
        // SAFETY: copy_tree returns a new detached tree owned by no one.
        unsafe { super::Config::from_node(copy_tree(self)) }
    }

    /// Tree equality: names, values, comments and children, iteratively.
    fn same_tree(&self, other: &ConfigNode) -> bool {
        let mut stack = vec![(self, other)];
        while let Some((a, b)) = stack.pop() {
            if a.name != b.name
                || a.value != b.value
                || a.comments != b.comments
                || a.children.len() != b.children.len()
            {
                return false;
            }
            stack.extend(a.children().zip(b.children()));
        }
        true
    }
}

/// The names along a path, after one optional leading `/`.
pub(super) fn path_segments(path: &str) -> std::str::Split<'_, char> {
    path.strip_prefix('/').unwrap_or(path).split('/')
}

impl PartialEq for ConfigNode {
    /// Subtrees are equal when names, values, comments and children are;
    /// the file a tree was loaded from does not count.
    fn eq(&self, other: &ConfigNode) -> bool {
        self.same_tree(other)
    }
}

impl Eq for ConfigNode {}

impl fmt::Display for ConfigNode {
    /// The subtree as ZPL text, as CZMQ's `zconfig_str_save` writes it:
    /// this node's comments, then its subtree with its children at column 0.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = String::new();
        write::write_tree(self, &mut out);
        f.write_str(&out)
    }
}

impl fmt::Debug for ConfigNode {
    // Not derived: the derived form would recurse once per level.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("name", &self.name())
            .field("value", &self.value())
            .field("zpl", &self.to_string())
            .field("file", &self.filename())
            .finish()
    }
}
