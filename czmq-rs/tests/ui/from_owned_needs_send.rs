// A zero-copy owner is dropped by whichever thread releases the message last
// (often libzmq's I/O thread), so it must be Send: an Rc is refused.
use std::rc::Rc;

use czmq::Message;

fn main() {
    let shared: Rc<[u8]> = Rc::from(vec![1u8; 64]);
    let _msg = Message::from_owned(shared.clone());
}
