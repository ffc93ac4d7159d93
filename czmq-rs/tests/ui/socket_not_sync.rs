// A libzmq socket must not be used from two threads at once: Socket is Send
// but not Sync, so a shared reference cannot reach another thread.
use czmq::{Context, SocketType};

fn main() {
    let ctx = Context::new().unwrap();
    let socket = ctx.socket(SocketType::Pair).unwrap();
    std::thread::scope(|s| {
        s.spawn(|| socket.send("from another thread", 0));
        let _ = socket.send("from this thread", 0);
    });
}
