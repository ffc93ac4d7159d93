//! Fuzzes the ZPL parser and the tree's links: hostile config text gives an
//! error, never a panic; whatever parses writes back to text that parses to
//! the same tree; every node's parent and next-sibling links agree with the
//! walk; and removing nodes one by one leaves a consistent tree.
#![no_main]

use czmq::{Config, ConfigNode};
use libfuzzer_sys::fuzz_target;

/// Checks child/next/parent against `children()` at every node.
fn check_links(config: &Config) {
    for (_, node) in config.walk() {
        let children: Vec<&ConfigNode> = node.children().collect();
        let mut linked = Vec::new();
        let mut at = node.first_child();
        while let Some(child) = at {
            assert!(std::ptr::eq(
                child.parent().expect("a child has a parent"),
                node
            ));
            linked.push(child);
            at = child.next();
        }
        assert_eq!(linked.len(), children.len());
        assert!(linked
            .iter()
            .zip(&children)
            .all(|(a, b)| std::ptr::eq(*a, *b)));
    }
}

fuzz_target!(|data: &[u8]| {
    if let Ok(mut config) = Config::from_bytes(data) {
        let text = config.to_string();
        assert_eq!(
            Config::from_bytes(text.as_bytes()).expect("written text parses"),
            config
        );
        assert_eq!(config.clone(), config);
        check_links(&config);
        // Remove the first child of the latest deepest node, repeatedly.
        for (step, byte) in data.iter().take(64).enumerate() {
            let depth = usize::from(*byte % 4);
            let target = config.at_depth(depth).map(|n| n.name().to_string());
            if let Some(name) = target.filter(|_| depth == 1) {
                assert!(config.remove(&name).is_some());
            } else if step % 2 == 0 {
                config
                    .root_mut()
                    .into_at_depth(depth)
                    .map(|mut n| n.clear_children());
            }
            check_links(&config);
        }
    }
});
