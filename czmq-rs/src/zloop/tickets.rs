//! The ticket queue: thousands of resettable timeouts that share one delay.
//!
//! With one delay for all, a new or reset ticket always expires last, so the
//! queue stays in expiry order by appending: creating, resetting, deleting
//! and finding the next expiry are all O(1) (amortised). A reset or delete
//! does not search the queue; it bumps or drops the ticket's generation, and
//! the entries it leaves behind go stale and are skipped or swept away.

use std::collections::VecDeque;
use std::time::Instant;

use super::ids::IdMap;

struct Ticket<H> {
    /// Bumped by every reset: queue entries of older generations are stale.
    generation: u64,
    /// None while the handler runs (or after it was lost to a panic).
    handler: Option<H>,
}

/// A due ticket, popped with its handler lent out; give the handler back with
/// [`TicketQueue::finish`].
pub(super) struct Due<H> {
    pub id: u64,
    pub generation: u64,
    pub handler: H,
}

/// Tickets by id, plus their expiries in order; `H` is the handler type.
pub(super) struct TicketQueue<H> {
    tickets: IdMap<Ticket<H>>,
    /// (expiry, ticket id, generation), in expiry order.
    queue: VecDeque<(Instant, u64, u64)>,
}

impl<H> TicketQueue<H> {
    pub fn new() -> Self {
        TicketQueue {
            tickets: IdMap::default(),
            queue: VecDeque::new(),
        }
    }

    /// How many tickets are pending.
    pub fn len(&self) -> usize {
        self.tickets.len()
    }

    pub fn is_empty(&self) -> bool {
        self.tickets.is_empty()
    }

    /// Adds ticket `id` (ids must be new), expiring at `when`.
    pub fn insert(&mut self, id: u64, when: Instant, handler: H) {
        self.tickets.insert(
            id,
            Ticket {
                generation: 0,
                handler: Some(handler),
            },
        );
        self.push(when, id, 0);
    }

    /// Moves a ticket's expiry to `when`; false when there is no such ticket.
    pub fn reset(&mut self, id: u64, when: Instant) -> bool {
        let Some(ticket) = self.tickets.get_mut(&id) else {
            return false;
        };
        ticket.generation += 1;
        let generation = ticket.generation;
        self.push(when, id, generation);
        true
    }

    /// Deletes a ticket; false when there is no such ticket.
    pub fn remove(&mut self, id: u64) -> bool {
        // Its queue entries go stale and are dropped when they reach the front.
        self.tickets.remove(&id).is_some()
    }

    /// The next expiry, dropping stale entries at the front.
    pub fn next_expiry(&mut self) -> Option<Instant> {
        while let Some(&(when, id, generation)) = self.queue.front() {
            if self.is_live(id, generation) {
                return Some(when);
            }
            self.queue.pop_front();
        }
        None
    }

    /// Pops the next ticket that is due at `now`, lending out its handler.
    pub fn pop_due(&mut self, now: Instant) -> Option<Due<H>> {
        loop {
            let when = self.next_expiry()?;
            if when > now {
                return None;
            }
            let (_, id, generation) = self.queue.pop_front()?;
            match self.tickets.get_mut(&id).and_then(|t| t.handler.take()) {
                Some(handler) => {
                    return Some(Due {
                        id,
                        generation,
                        handler,
                    });
                }
                // Lost to a panic in an earlier run: it can never fire.
                None => {
                    self.tickets.remove(&id);
                }
            }
        }
    }

    /// Takes back a handler lent by [`pop_due`](TicketQueue::pop_due): a
    /// ticket fires once, unless it was reset while its handler ran (then it
    /// is armed again); one deleted meanwhile is gone already.
    pub fn finish(&mut self, due: Due<H>) {
        match self.tickets.get_mut(&due.id) {
            Some(ticket) if ticket.generation != due.generation => {
                ticket.handler = Some(due.handler)
            }
            Some(_) => {
                self.tickets.remove(&due.id);
            }
            None => {}
        }
    }

    fn is_live(&self, id: u64, generation: u64) -> bool {
        self.tickets
            .get(&id)
            .is_some_and(|t| t.generation == generation)
    }

    /// Queues an expiry. It belongs at the back unless the shared delay was
    /// lowered since earlier tickets were queued; then it is sorted in.
    fn push(&mut self, when: Instant, id: u64, generation: u64) {
        match self.queue.back() {
            Some(&(last, _, _)) if last > when => {
                let at = self.queue.partition_point(|&(w, _, _)| w <= when);
                self.queue.insert(at, (when, id, generation));
            }
            _ => self.queue.push_back((when, id, generation)),
        }
        // Resets leave stale entries behind; sweep them once they dominate,
        // which keeps memory bounded and the cost amortised O(1).
        if self.queue.len() > 2 * self.tickets.len() + 64 {
            let tickets = &self.tickets;
            self.queue
                .retain(|(_, id, g)| tickets.get(id).is_some_and(|t| t.generation == *g));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn drain(q: &mut TicketQueue<&'static str>, now: Instant) -> Vec<&'static str> {
        let mut fired = Vec::new();
        while let Some(due) = q.pop_due(now) {
            fired.push(due.handler);
            q.finish(due);
        }
        fired
    }

    #[test]
    fn fires_in_expiry_order_once() {
        let t0 = Instant::now();
        let mut q = TicketQueue::new();
        q.insert(1, t0 + Duration::from_millis(1), "a");
        q.insert(2, t0 + Duration::from_millis(2), "b");
        q.insert(3, t0 + Duration::from_millis(3), "c");
        assert_eq!(q.next_expiry(), Some(t0 + Duration::from_millis(1)));
        assert_eq!(drain(&mut q, t0 + Duration::from_millis(2)), ["a", "b"]);
        assert_eq!(q.len(), 1);
        assert_eq!(drain(&mut q, t0 + Duration::from_millis(9)), ["c"]);
        assert!(q.is_empty());
        assert_eq!(q.next_expiry(), None);
    }

    #[test]
    fn reset_postpones_and_remove_cancels() {
        let t0 = Instant::now();
        let ms = Duration::from_millis;
        let mut q = TicketQueue::new();
        q.insert(1, t0 + ms(1), "a");
        q.insert(2, t0 + ms(2), "b");
        q.insert(3, t0 + ms(3), "c");
        assert!(q.reset(1, t0 + ms(4)));
        assert!(q.remove(2));
        assert!(!q.remove(2));
        assert!(!q.reset(2, t0 + ms(5)));
        assert_eq!(q.next_expiry(), Some(t0 + ms(3)));
        assert_eq!(drain(&mut q, t0 + ms(10)), ["c", "a"]);
    }

    #[test]
    fn reset_while_running_rearms() {
        let t0 = Instant::now();
        let mut q = TicketQueue::new();
        q.insert(1, t0, "a");
        let due = q.pop_due(t0).expect("due");
        assert!(q.reset(1, t0 + Duration::from_millis(1)));
        q.finish(due);
        assert_eq!(q.len(), 1);
        assert_eq!(drain(&mut q, t0 + Duration::from_millis(1)), ["a"]);
        assert!(q.is_empty());
    }

    #[test]
    fn a_handler_lost_to_a_panic_drops_its_ticket() {
        let t0 = Instant::now();
        let mut q = TicketQueue::new();
        q.insert(1, t0, "a");
        q.insert(2, t0, "b");
        // Pop and never finish: as if the handler panicked.
        let lost = q.pop_due(t0).expect("due");
        assert_eq!(lost.id, 1);
        assert!(q.reset(1, t0));
        assert_eq!(drain(&mut q, t0), ["b"]);
        assert!(q.is_empty());
    }

    #[test]
    fn lowered_delay_sorts_new_expiries_in() {
        let t0 = Instant::now();
        let ms = Duration::from_millis;
        let mut q = TicketQueue::new();
        q.insert(1, t0 + ms(60), "slow");
        q.insert(2, t0 + ms(70), "slower");
        q.insert(3, t0 + ms(5), "fast");
        assert_eq!(drain(&mut q, t0 + ms(100)), ["fast", "slow", "slower"]);
    }

    #[test]
    fn stale_entries_stay_bounded() {
        let t0 = Instant::now();
        let mut q = TicketQueue::new();
        for id in 0..10 {
            q.insert(id, t0, "x");
        }
        for round in 1..=1000u32 {
            for id in 0..10 {
                assert!(q.reset(id, t0 + Duration::from_micros(u64::from(round))));
            }
        }
        assert!(q.queue.len() <= 2 * 10 + 64 + 1);
        for id in 0..5 {
            q.remove(id);
        }
        assert!(q.next_expiry().is_some());
        let live: Vec<u64> = q
            .queue
            .iter()
            .filter(|(_, id, g)| q.is_live(*id, *g))
            .map(|(_, id, _)| *id)
            .collect();
        assert_eq!(live, (5..10).collect::<Vec<_>>());
        assert!(
            q.queue
                .iter()
                .zip(q.queue.iter().skip(1))
                .all(|(a, b)| a.0 <= b.0)
        );
    }
}
