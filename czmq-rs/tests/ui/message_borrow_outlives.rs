// The bytes of a message are borrowed from it: they cannot outlive it.
use czmq::Message;

fn main() {
    let bytes: &[u8];
    {
        let msg = Message::from("short-lived");
        bytes = &msg;
    }
    println!("{bytes:?}");
}
