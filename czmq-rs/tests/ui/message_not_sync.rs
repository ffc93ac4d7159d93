// Cloning a message updates libzmq's header of the original, so two threads
// must not share one: Message is Send but not Sync.
use czmq::Message;

fn main() {
    let msg = Message::from(vec![0u8; 100]);
    std::thread::scope(|s| {
        s.spawn(|| msg.clone());
        let _ = msg.clone();
    });
}
