//! Config (CZMQ's zconfig): the 4/ZPL examples, paths, comments, files,
//! byte-exact round trips of what CZMQ 4.2.1 writes, syntax errors with their
//! line numbers, hostile input, and property tests.

use czmq::{Config, ConfigNodeMut, Error};
use proptest::prelude::*;

/// The example of rfc.zeromq.org/spec:4/ZPL.
const SPEC_EXAMPLE: &str = "\
#   ZPL configuration file example
#   This format is designed to be trivial to write and parse
#
context
    iothreads = 1
    verbose = 1      #   Ask for a trace

main
    type = zmq_queue
    frontend
        option
            hwm = 1000
            swap = 25000000
            subscribe = \"#2\"
        bind = tcp://eth0:5555
    backend
        bind = tcp://eth0:5556
";

/// What CZMQ 4.2.1 writes for the tree of its own selftest (root comments,
/// sections made by `zconfig_new`, a path made by `zconfig_putf`).
const CANONICAL_CERT: &str = "\
#   CURVE certificate
#   -----------------

headers
    email = \"some@random.com\"
    name = \"Justin Kayce\"
curve
    secret-key = \"Top Secret\"
";

/// What CZMQ 4.2.1 writes after loading SPEC_EXAMPLE: every comment on the
/// root, every section with the value "".
const CANONICAL_SPEC_RESAVED: &str = "\
#   ZPL configuration file example
#   This format is designed to be trivial to write and parse
#

context = \"\"
    iothreads = \"1\"
    verbose = \"1\"
main = \"\"
    type = \"zmq_queue\"
    frontend = \"\"
        option = \"\"
            hwm = \"1000\"
            swap = \"25000000\"
            subscribe = \"#2\"
        bind = \"tcp://eth0:5555\"
    backend = \"\"
        bind = \"tcp://eth0:5556\"
";

/// What CZMQ 4.2.1 writes for comments on nested nodes (always at column 0,
/// then an empty line), empty values, values that need their quotes, repeated
/// names and a bare section.
const CANONICAL_NESTED: &str = "\
# server settings

server
    timeout = \"1000\"
    empty = \"\"
# with a hash
#

    pattern = \"a #b\"
    padded = \"  x  \"
    apos = \"it's\"
a
    b
        c = \"with 'apos' and #hash\"
    bind = \"inproc://one\"
    bind = \"ipc://@/two\"
bare
";

/// What CZMQ 4.2.1 writes after loading CANONICAL_CERT: a line without `=`
/// reads as the value "", which is then written out.
const CANONICAL_CERT_RESAVED: &str = "\
#   CURVE certificate
#   -----------------

headers = \"\"
    email = \"some@random.com\"
    name = \"Justin Kayce\"
curve = \"\"
    secret-key = \"Top Secret\"
";

/// CANONICAL_NESTED after a load and save, by CZMQ 4.2.1 or by us.
const CANONICAL_NESTED_RESAVED: &str = "\
# server settings

server = \"\"
    timeout = \"1000\"
    empty = \"\"
# with a hash
#

    pattern = \"a #b\"
    padded = \"  x  \"
    apos = \"it's\"
a = \"\"
    b = \"\"
        c = \"with 'apos' and #hash\"
    bind = \"inproc://one\"
    bind = \"ipc://@/two\"
bare = \"\"
";

/// The syntax error's text ("line N: what", after the file name for a
/// file), checking that it comes as Error::Decode with the parser's own
/// error as its source.
fn malformed(result: czmq::Result<Config>) -> String {
    match result {
        Err(Error::Decode { what, source }) => {
            let syntax = source
                .get_ref()
                .downcast_ref::<czmq::ConfigSyntaxError>()
                .expect("the source is the ZPL syntax error");
            assert!(syntax.line() >= 1);
            match what.as_str() {
                "ZPL text" => syntax.to_string(),
                file => format!("{file}: {syntax}"),
            }
        }
        other => panic!("expected Error::Decode, got {other:?}"),
    }
}

#[test]
fn the_spec_example_parses() {
    let config = Config::parse(SPEC_EXAMPLE).unwrap();
    assert_eq!(config.get("context/iothreads"), Some("1"));
    assert_eq!(
        config.get("context/verbose"),
        Some("1"),
        "comment after a value dropped"
    );
    assert_eq!(config.get("main/type"), Some("zmq_queue"));
    assert_eq!(config.get("main/frontend/option/hwm"), Some("1000"));
    assert_eq!(config.get("main/frontend/option/swap"), Some("25000000"));
    assert_eq!(config.get("main/frontend/option/subscribe"), Some("#2"));
    assert_eq!(config.get("main/frontend/bind"), Some("tcp://eth0:5555"));
    assert_eq!(config.get("main/backend/bind"), Some("tcp://eth0:5556"));
    assert_eq!(
        config.comments(),
        [
            "   ZPL configuration file example",
            "   This format is designed to be trivial to write and parse",
            ""
        ]
    );
    let top: Vec<&str> = config.children().map(|c| c.name()).collect();
    assert_eq!(top, ["context", "main"]);
    let frontend: Vec<&str> = config
        .locate("main/frontend")
        .unwrap()
        .children()
        .map(|c| c.name())
        .collect();
    assert_eq!(frontend, ["option", "bind"]);
}

#[test]
fn czmq_discussion_example_keeps_repeated_names_in_order() {
    let config = Config::parse(
        "context\n    iothreads = 1\n    verbose = 1      #   Ask for a trace\n\
         main\n    type = zqueue    #  ZMQ_DEVICE type\n    frontend\n        option\n\
         \x20           hwm = 1000\n            swap = 25000000     #  25MB\n\
         \x20       bind = 'inproc://addr1'\n        bind = 'ipc://addr2'\n\
         \x20   backend\n        bind = inproc://addr3\n",
    )
    .unwrap();
    assert_eq!(config.get("main/type"), Some("zqueue"));
    assert_eq!(config.get("main/frontend/option/swap"), Some("25000000"));
    let binds: Vec<Option<&str>> = config
        .locate("main/frontend")
        .unwrap()
        .children()
        .filter(|c| c.name() == "bind")
        .map(|c| c.value())
        .collect();
    assert_eq!(binds, [Some("inproc://addr1"), Some("ipc://addr2")]);
    assert_eq!(config.get("main/frontend/bind"), Some("inproc://addr1"));
    assert_eq!(config.get("main/backend/bind"), Some("inproc://addr3"));
}

#[test]
fn czmq_selftest_str_load() {
    let config = Config::parse(
        "malamute\n    endpoint = ipc://@/malamute\n    producer = STREAM\n    consumer\n\
         \x20       STREAM2 = .*\n        STREAM3 = HAM\nserver\n    verbose = true\n",
    )
    .unwrap();
    assert_eq!(config.get("malamute/endpoint"), Some("ipc://@/malamute"));
    assert_eq!(config.get("malamute/producer"), Some("STREAM"));
    let consumer: Vec<(&str, Option<&str>)> = config
        .locate("malamute/consumer")
        .unwrap()
        .children()
        .map(|c| (c.name(), c.value()))
        .collect();
    assert_eq!(
        consumer,
        [("STREAM2", Some(".*")), ("STREAM3", Some("HAM"))]
    );
    assert_eq!(config.get("server/verbose"), Some("true"));
    let dup = config.clone();
    assert_eq!(dup.get("server/verbose"), Some("true"));
    assert_eq!(dup, config);
}

#[test]
fn get_and_put_by_path() {
    let mut config = Config::new("root");
    config.put("server/timeout", "1000").unwrap();
    config.put("/server/verbose", "1").unwrap();
    config
        .put("zgossip/bind/endpoint", "tcp://127.0.0.1:5670")
        .unwrap();
    assert_eq!(config.get("server/timeout"), Some("1000"));
    assert_eq!(config.get("/server/verbose"), Some("1"));
    assert_eq!(
        config.get("server"),
        Some(""),
        "a node without a value reads as \"\""
    );
    // Made on the way down a path: no value (CZMQ's NULL).
    assert_eq!(config.locate("server").unwrap().value(), None);
    assert_eq!(config.get("server/background"), None);
    assert_eq!(config.get_or("server/background", "0"), "0");
    assert_eq!(config.get_or("server/timeout", "60000"), "1000");
    assert_eq!(config.get(""), None);
    assert_eq!(config.get("server/"), None);
    assert_eq!(config.get("server//timeout"), None);

    // put replaces the first match instead of adding a second node.
    config.put("server/timeout", "2000").unwrap();
    assert_eq!(config.locate("server").unwrap().children().count(), 2);
    assert_eq!(config.get("server/timeout"), Some("2000"));

    // The returned node can be decorated further.
    config
        .put("server/port", "5670")
        .unwrap()
        .set_comment(" the port")
        .unwrap();
    assert_eq!(
        config.locate("server/port").unwrap().comments(),
        [" the port"]
    );

    assert_eq!(
        config.to_string(),
        "server\n    timeout = \"2000\"\n    verbose = \"1\"\n# the port\n\n    port = \"5670\"\n\
         zgossip\n    bind\n        endpoint = \"tcp://127.0.0.1:5670\"\n"
    );
}

#[test]
fn put_refuses_bad_paths_and_values_without_changing_anything() {
    let mut config = Config::new("root");
    let before = config.clone();
    for path in ["", "/", "a//b", "a/", "a b/c", "new/é", "x/#"] {
        assert!(
            matches!(config.put(path, "v"), Err(Error::InvalidArgument(_))),
            "{path:?}"
        );
    }
    for value in ["two\nlines", "cr\rhere", "nul\0", " both \" and ' "] {
        assert!(
            matches!(config.put("new/key", value), Err(Error::InvalidArgument(_))),
            "{value:?}"
        );
    }
    assert_eq!(config, before);
    assert!(config.locate("new").is_none());
}

#[test]
fn tree_navigation_and_removal() {
    let mut config = Config::parse(
        "A1 = abc\n    x\n        1\n        2\n    y = 1\nA2\n    B1 = zqueue\n    B2\n\
         \x20       C1\n            hwm = 1000\n        C2 = 50\n    B3\nA3\n",
    )
    .unwrap();
    assert_eq!(config.at_depth(1).map(|n| n.name()), Some("A3"));
    assert_eq!(
        config
            .locate("A2/B2")
            .unwrap()
            .at_depth(1)
            .map(|n| n.name()),
        Some("C2")
    );
    assert_eq!(
        config.locate("A1/x").unwrap().at_depth(1).map(|n| n.name()),
        Some("2")
    );
    assert!(
        config.locate("A1").unwrap().at_depth(2).is_none(),
        "y, the last, is a leaf"
    );
    assert!(config.at_depth(2).is_none(), "A3 has no children");
    assert_eq!(config.child("A1").and_then(|c| c.value()), Some("abc"));

    let b2 = config.remove("A2/B2").unwrap();
    assert_eq!(b2.get("C1/hwm"), Some("1000"));
    assert!(config.locate("A2/B2").is_none());
    let names: Vec<&str> = config
        .locate("A2")
        .unwrap()
        .children()
        .map(|c| c.name())
        .collect();
    assert_eq!(names, ["B1", "B3"]);

    config.locate_mut("A1").unwrap().clear_children();
    assert!(config.locate("A1/x").is_none());
    assert_eq!(config.get("A1"), Some("abc"));

    assert!(config.remove("/A1").is_some());
    assert!(config.remove("A1").is_none());
    assert!(config.remove("nope/deeper").is_none());
    config.clear_children();
    assert_eq!(config.to_string(), "");
}

#[test]
fn comments_are_written_before_their_node_and_read_back() {
    let mut config = Config::new("root");
    config.set_comment("   CURVE certificate").unwrap();
    config.set_comment("   -----------------").unwrap();
    config.put("metadata/name", "node-1").unwrap();
    config
        .locate_mut("metadata/name")
        .unwrap()
        .set_comment(" two\n lines  ")
        .unwrap();
    let text = config.to_string();
    assert_eq!(
        text,
        "#   CURVE certificate\n#   -----------------\n\nmetadata\n# two\n# lines\n\n    name = \"node-1\"\n"
    );
    let back = Config::parse(&text).unwrap();
    assert_eq!(back.get("metadata/name"), Some("node-1"));
    assert_eq!(back.locate("metadata").unwrap().value(), Some(""));
    assert_eq!(
        back.locate("metadata/name").unwrap().comments(),
        [" two", " lines"]
    );

    config.clear_comments();
    assert!(config.comments().is_empty());
    assert!(config.set_comment("nul\0").is_err());
}

#[test]
fn save_and_load_through_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("test.cfg");
    let mut config = Config::parse(CANONICAL_CERT).unwrap();
    config.save(&path).unwrap();
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        CANONICAL_CERT_RESAVED
    );

    let mut loaded = Config::load(&path).unwrap();
    assert_eq!(loaded, config);
    assert_eq!(loaded.filename(), Some(path.as_path()));
    assert_eq!(loaded.get("headers/email"), Some("some@random.com"));
    assert_eq!(loaded.get("curve/secret-key"), Some("Top Secret"));
    assert!(!loaded.has_changed());

    // Saving back to its own file is not a change (CZMQ restats the file).
    loaded.put("headers/email", "other@random.com").unwrap();
    loaded.save(&path).unwrap();
    assert!(!loaded.has_changed());
    loaded.reload().unwrap();
    assert_eq!(loaded.get("headers/email"), Some("other@random.com"));
    assert!(!loaded.has_changed());

    // Another writer changes the file: seen, and reload picks it up.
    std::fs::write(&path, "headers\n    email = changed@random.com\n").unwrap();
    assert!(loaded.has_changed());
    loaded.reload().unwrap();
    assert!(!loaded.has_changed());
    assert_eq!(loaded.get("headers/email"), Some("changed@random.com"));
    assert_eq!(loaded.get("curve/secret-key"), None);

    // A broken file leaves the tree as it was.
    std::fs::write(&path, "headers\n  email = x\n").unwrap();
    assert!(matches!(loaded.reload(), Err(Error::Decode { .. })));
    assert_eq!(loaded.get("headers/email"), Some("changed@random.com"));

    // A directory that doesn't exist: an error, not a panic.
    let nowhere = dir.path().join("path/that/doesnt/exist/test.cfg");
    assert_eq!(config.save(&nowhere), Err(Error::NoEntry));
    assert_eq!(Config::load(&nowhere).unwrap_err(), Error::NoEntry);
    assert!(matches!(
        Config::new("root").reload(),
        Err(Error::InvalidArgument(_))
    ));
}

#[test]
fn load_errors_name_the_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.cfg");
    std::fs::write(&path, "a = 1\nb = 2\n c = 3\n").unwrap();
    let why = malformed(Config::load(&path));
    assert!(why.contains("bad.cfg"), "{why}");
    assert!(why.contains("line 3:"), "{why}");
}

#[test]
fn canonical_files_round_trip_byte_for_byte() {
    // As CZMQ: a file written from a built tree loads with sections valued
    // "", and is saved that way; from then on it round-trips exactly.
    for (built, resaved) in [
        (CANONICAL_CERT, CANONICAL_CERT_RESAVED),
        (CANONICAL_NESTED, CANONICAL_NESTED_RESAVED),
        (SPEC_EXAMPLE, CANONICAL_SPEC_RESAVED),
    ] {
        assert_eq!(Config::parse(built).unwrap().to_string(), resaved);
    }
    for sample in [
        CANONICAL_CERT_RESAVED,
        CANONICAL_SPEC_RESAVED,
        CANONICAL_NESTED_RESAVED,
    ] {
        let config = Config::parse(sample).unwrap();
        assert_eq!(config.to_string(), sample);
        assert_eq!(config.to_bytes(), sample.as_bytes());
        assert_eq!(Config::from_bytes(sample.as_bytes()).unwrap(), config);
    }
    // And through a file, as zgossip's LOAD then SAVE would.
    let dir = tempfile::tempdir().unwrap();
    for (i, sample) in [
        CANONICAL_CERT_RESAVED,
        CANONICAL_SPEC_RESAVED,
        CANONICAL_NESTED_RESAVED,
    ]
    .iter()
    .enumerate()
    {
        let source = dir.path().join(format!("in-{i}.cfg"));
        let target = dir.path().join(format!("out-{i}.cfg"));
        std::fs::write(&source, sample).unwrap();
        Config::load(&source).unwrap().save(&target).unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), sample.as_bytes());
    }
}

#[test]
fn canonical_nested_sample_reads_as_czmq_built_it() {
    let config = Config::parse(CANONICAL_NESTED).unwrap();
    // The file cannot tell the root's comments from its first node's (both
    // are written first, then an empty line); we read them as the root's,
    // which writes the same bytes.
    assert_eq!(config.comments(), [" server settings"]);
    assert!(config.locate("server").unwrap().comments().is_empty());
    assert_eq!(config.locate("server").unwrap().value(), Some(""));
    assert_eq!(config.locate("server/empty").unwrap().value(), Some(""));
    let pattern = config.locate("server/pattern").unwrap();
    assert_eq!(pattern.value(), Some("a #b"));
    assert_eq!(pattern.comments(), [" with a hash", ""]);
    assert_eq!(config.get("server/padded"), Some("  x  "));
    assert_eq!(config.get("server/apos"), Some("it's"));
    assert_eq!(config.get("a/b/c"), Some("with 'apos' and #hash"));
    assert_eq!(config.locate("bare").unwrap().value(), Some(""));
}

#[test]
fn the_spec_example_normalises_then_round_trips() {
    let config = Config::parse(SPEC_EXAMPLE).unwrap();
    let written = config.to_string();
    assert!(written.starts_with("#   ZPL configuration file example\n"));
    assert!(written.contains("\n    verbose = \"1\"\n"));
    assert!(written.contains("\n            subscribe = \"#2\"\n"));
    // Sections read as "" and are written so, as CZMQ does.
    assert!(written.contains("\nmain = \"\"\n    type = \"zmq_queue\"\n"));
    let again = Config::parse(&written).unwrap();
    assert_eq!(again.to_string(), written);
}

#[test]
fn values_czmq_cannot_write_are_written_readably() {
    // CZMQ writes `q = "has "dq""` here, which it then fails to load.
    let mut config = Config::new("root");
    config.put("q", "has \"dq\"").unwrap();
    config.put("both", "x\"y'z").unwrap();
    let text = config.to_string();
    assert_eq!(text, "q = 'has \"dq\"'\nboth = x\"y'z\n");
    assert_eq!(Config::parse(&text).unwrap(), config);
}

#[test]
fn crlf_and_cr_line_endings_are_read() {
    let config = Config::parse("a\r\n    b = 1\r\nc = 2\rd = 3").unwrap();
    assert_eq!(config.get("a/b"), Some("1"));
    assert_eq!(config.get("c"), Some("2"));
    assert_eq!(config.get("d"), Some("3"));
    assert_eq!(
        config.to_string(),
        "a = \"\"\n    b = \"1\"\nc = \"2\"\nd = \"3\"\n"
    );
}

#[test]
fn syntax_errors_name_their_line() {
    let cases: &[(&str, usize, &str)] = &[
        ("a = 1\n  b = 2\n", 2, "multiple of 4"),
        ("a = 1\nb\n\tc = 2\n", 3, "tab"),
        ("a\n    b\n            c = 1\n", 3, "indentation"),
        ("        a = 1\n", 1, "indentation"),
        ("a = 1\n\n\nb = \"open\n", 4, "missing closing \""),
        ("a = 'open\n", 1, "missing closing '"),
        ("a = \"x\" y\n", 1, "after the quoted value"),
        ("a = 1\nb c\n", 2, "expected '='"),
        ("= 1\n", 1, "expected a name"),
        ("a = 1\n\"b\" = 2\n", 2, "expected a name"),
        ("a\n    /b = 1\n", 2, "'/'"),
        ("a/ = 1\n", 1, "'/'"),
        ("a = 1\r\nb = 2\r\n  c\r\n", 3, "multiple of 4"),
        ("ok = 1\nnul = a\0b\n", 2, "NUL"),
        ("a = 1\n# fine\n    \x0cb = 1\n", 3, "indentation"),
    ];
    for (input, line, fragment) in cases {
        let why = malformed(Config::parse(input));
        assert!(
            why.starts_with(&format!("line {line}:")),
            "{input:?}: {why}"
        );
        assert!(why.contains(fragment), "{input:?}: {why}");
    }
    let why = malformed(Config::from_bytes(b"a = 1\nb = \xff\xfe\n"));
    assert!(why.starts_with("line 2:") && why.contains("UTF-8"), "{why}");
}

#[test]
fn hostile_input_is_an_error_not_a_panic() {
    let huge_indent = format!("a\n{}b = 1\n", " ".repeat(4 * 1_000_000));
    assert!(Config::parse(&huge_indent).is_err());
    let huge_line = format!("a = \"{}", "x".repeat(1_000_000));
    let why = malformed(Config::parse(&huge_line));
    assert!(
        why.len() < 200,
        "error messages stay short: {} bytes",
        why.len()
    );
    assert!(Config::from_bytes(&[0u8; 1000]).is_err());
    assert!(Config::from_bytes(&[0xff; 1000]).is_err());
    assert!(Config::parse("\"\"\"\"'''''===###").is_err());
    // Long but valid: a wide tree.
    let wide: String = (0..10_000).map(|i| format!("key{i} = {i}\n")).collect();
    let config = Config::parse(&wide).unwrap();
    assert_eq!(config.children().count(), 10_000);
    assert_eq!(config.get("key9999"), Some("9999"));
}

#[test]
fn execute_visits_depth_first_and_stops_on_error() {
    let config = Config::parse(SPEC_EXAMPLE).unwrap();
    let mut seen = Vec::new();
    config
        .execute(|node, depth| {
            seen.push(format!("{depth}:{}", node.name()));
            Ok::<(), ()>(())
        })
        .unwrap();
    assert_eq!(
        seen[..6],
        [
            "0:root",
            "1:context",
            "2:iothreads",
            "2:verbose",
            "1:main",
            "2:type"
        ]
    );
    assert_eq!(seen.len(), config.walk().count());

    let mut visited = 0;
    let result = config.execute(|node, _| {
        visited += 1;
        if node.name() == "main" {
            Err(node.name().to_string())
        } else {
            Ok(())
        }
    });
    assert_eq!(result, Err("main".to_string()));
    assert_eq!(visited, 5);
}

#[test]
fn names_and_children_are_checked() {
    let mut config = Config::new("root");
    assert!(config.add_child("bad name").is_err());
    assert!(config.add_child("").is_err());
    let mut child = config.add_child("a/b").unwrap();
    assert!(child.set_name("/lead").is_err());
    child.set_name("$weird-but.valid_@&+").unwrap();
    assert_eq!(config.to_string(), "$weird-but.valid_@&+\n");
    assert_eq!(Config::default().name(), "root");
    assert_eq!(Config::default(), Config::new("root"));
}

#[test]
fn write_to_and_debug() {
    let config = Config::parse(CANONICAL_CERT_RESAVED).unwrap();
    let mut out = Vec::new();
    config.write_to(&mut out).unwrap();
    assert_eq!(out, CANONICAL_CERT_RESAVED.as_bytes());
    let debug = format!("{config:?}");
    assert!(
        debug.contains("Config") && debug.contains("secret-key"),
        "{debug}"
    );
}

// ---------------------------------------------------------------------------
// Property tests

/// A ZPL name, sometimes with an inner '/'.
fn name() -> impl Strategy<Value = String> {
    "[A-Za-z0-9$_@.&+-]{1,5}(/[A-Za-z0-9$_@.&+-]{1,3})?"
}

/// Candidate text: printable ASCII (quotes, '#', spaces) or anything at all.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[ -~]{0,12}",
        any::<String>().prop_map(|s| s.chars().take(12).collect()),
        Just(String::new()),
    ]
}

#[derive(Debug, Clone)]
struct Node {
    name: String,
    value: Option<String>,
    comment: Option<String>,
    children: Vec<Node>,
}

fn node() -> impl Strategy<Value = Node> {
    let leaf = (
        name(),
        proptest::option::of(text()),
        proptest::option::of(text()),
    )
        .prop_map(|(name, value, comment)| Node {
            name,
            value,
            comment,
            children: Vec::new(),
        });
    leaf.prop_recursive(4, 40, 5, |inner| {
        (
            name(),
            proptest::option::of(text()),
            proptest::option::of(text()),
            prop::collection::vec(inner, 0..5),
        )
            .prop_map(|(name, value, comment, children)| Node {
                name,
                value,
                comment,
                children,
            })
    })
}

/// Builds `node` under `parent`, checking that whatever is refused is
/// refused for a reason ZPL imposes.
fn build(mut parent: ConfigNodeMut<'_>, node: &Node) {
    let mut child = parent.add_child(&node.name).unwrap();
    if let Some(value) = &node.value
        && child.set_value(value).is_err()
    {
        let both_quotes = value.contains('"') && value.contains('\'');
        assert!(
            value.contains(['\n', '\r', '\0']) || both_quotes,
            "refused a writable value {value:?}"
        );
    }
    if let Some(comment) = &node.comment
        && child.set_comment(comment).is_err()
    {
        assert!(comment.contains('\0'), "refused comment {comment:?}");
    }
    for grandchild in &node.children {
        build(child.as_mut(), grandchild);
    }
}

/// The shape of a tree: every node's depth, name and value, in order. A
/// node without a value is written as a bare name, which reads back as
/// the value "" (as in CZMQ), so the two count as the same here.
fn shape(config: &Config) -> Vec<(usize, String, String)> {
    config
        .walk()
        .map(|(d, n)| (d, n.name().to_string(), n.value().unwrap_or("").to_string()))
        .collect()
}

/// Text built from the pieces that matter to the parser.
fn zpl_ish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just(" "),
        Just("    "),
        Just("\n"),
        Just("\r"),
        Just("\t"),
        Just("#"),
        Just("="),
        Just(" = "),
        Just("\""),
        Just("'"),
        Just("/"),
        Just("a"),
        Just("b1"),
        Just("é"),
        Just("\0"),
        Just("\n    "),
        Just("\n        "),
    ];
    prop::collection::vec(piece, 0..60).prop_map(|pieces| pieces.concat())
}

proptest! {
    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let _ = Config::from_bytes(&bytes);
    }

    #[test]
    fn random_strings_never_panic(text in any::<String>()) {
        let _ = Config::parse(&text);
    }

    #[test]
    fn whatever_parses_writes_back_stably(text in zpl_ish()) {
        if let Ok(config) = Config::parse(&text) {
            let written = config.to_string();
            let again = Config::parse(&written).expect("our own output must parse");
            prop_assert_eq!(again.to_string(), written);
            prop_assert_eq!(shape(&again), shape(&config));
        }
    }

    #[test]
    fn random_trees_round_trip(
        nodes in prop::collection::vec(node(), 0..5),
        root_comment in proptest::option::of(text()),
    ) {
        let mut config = Config::new("root");
        if let Some(comment) = &root_comment {
            let _ = config.set_comment(comment);
        }
        for node in &nodes {
            build(config.root_mut(), node);
        }
        let written = config.to_string();
        let parsed = Config::parse(&written).expect("our own output must parse");
        prop_assert_eq!(shape(&parsed), shape(&config));
        // Once read, the text is stable: write, read, write gives the same.
        let rewritten = parsed.to_string();
        let again = Config::parse(&rewritten).expect("our own output must parse");
        prop_assert_eq!(again.to_string(), rewritten);
        prop_assert_eq!(&again, &parsed);
        let comments = |c: &Config| c.walk().map(|(_, n)| n.comments().len()).sum::<usize>();
        prop_assert_eq!(comments(&parsed), comments(&config));
        // Trees are equal too, except where the file cannot tell whose the
        // opening comment block is (the root's, or the first node's).
        let ambiguous = config.comments().is_empty()
            && config.children().next().is_some_and(|c| !c.comments().is_empty());
        if !ambiguous {
            let comment_lists =
                |c: &Config| c.walk().map(|(_, n)| n.comments().to_vec()).collect::<Vec<_>>();
            prop_assert_eq!(comment_lists(&parsed), comment_lists(&config));
        }
        let bytes = Config::from_bytes(written.as_bytes()).unwrap();
        prop_assert_eq!(bytes, parsed);
    }
}
