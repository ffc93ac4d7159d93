//! Shared by the `zre_perf` and `zre_elect` examples: our nodes on
//! loopback that find each other through a gossip hub, as
//! `zre/benches/zyre_loopback.h` makes Zyre's.
//!
//! Node `index` listens at `tcp://127.0.0.1:BASEPORT+1+index`; node 0 is
//! the gossip hub at BASEPORT and the others gossip-connect to it.

use std::time::Duration;

use zre::Node;

/// How long a benchmark waits for any one event.
pub const TIMEOUT: Duration = Duration::from_secs(20);

/// Node `index`, named `n<index>`, set up by `configure` and started.
pub fn loopback_node(index: usize, baseport: u16, configure: impl FnOnce(&mut Node)) -> Node {
    let mut node = Node::new(&format!("n{index}")).expect("node");
    let port = baseport + 1 + u16::try_from(index).expect("few nodes");
    node.set_endpoint(&format!("tcp://127.0.0.1:{port}"))
        .expect("set");
    let hub = format!("tcp://127.0.0.1:{baseport}");
    match index {
        0 => node.gossip_bind(&hub),
        _ => node.gossip_connect(&hub),
    }
    .expect("gossip");
    configure(&mut node);
    node.start().expect("start");
    node
}
