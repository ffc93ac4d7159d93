//! Leader election within a group, as Zyre 2.0.1's draft API holds it
//! (`zyre_set_contest_in_group`, its `zyre_election` class): an echo-wave
//! election over the group's members in which the lowest UUID among the
//! contestants wins.
//!
//! A contestant starts a wave with its own UUID as challenger (ELECT) to
//! every member. A node that hears a challenger lower than the wave it
//! supports (or any, when it supports none) adopts it, remembers the
//! sender as the wave's father and passes ELECT on to every other member.
//! Each node counts the ELECTs of the wave it supports; once it has one
//! from every member it echoes ELECT back to its father, or, if the wave is
//! its own, has won and tells every member (LEADER). A node passes the
//! first LEADER it hears on to every member; once it has LEADER from every
//! member the election is over and the application is told (a LEADER
//! event). Members that do not contest still take part, so the group
//! agrees on a leader even if only some contest.
//!
//! Like Zyre, a contestant starts a fresh wave (discarding a running one)
//! when a peer in the group says HELLO or JOIN, and when the group's leader
//! leaves it or goes away (unless a better wave is already running there).
//! Unlike Zyre, a member that leaves is no longer waited for, a wave whose
//! challenger left is dropped, and ELECTs naming a member that left, or a
//! LEADER of an election that has ended, change nothing: in Zyre those
//! stall the group or pass LEADER back and forth without end. Unlike Zyre 2.0.1, a contestant also starts one
//! when it joins a group that has members already: in Zyre that case waits
//! for the next member to arrive. This module is the state machine only;
//! the node actor decides which messages reach it (only from members of a
//! group it is in) and sends what its [`Step`]s say.

use std::collections::BTreeMap;

use crate::PeerId;

/// What the node has to do after an election event, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Step {
    /// Send ELECT with this challenger to these peers.
    Elect {
        /// The receivers.
        to: Vec<PeerId>,
        /// The wave's challenger.
        challenger: PeerId,
    },
    /// Send LEADER naming this leader to these peers.
    Leader {
        /// The receivers.
        to: Vec<PeerId>,
        /// The winner.
        leader: PeerId,
    },
    /// The election is over: tell the application who leads the group
    /// (possibly this node).
    Elected(PeerId),
}

/// One running election: the wave this node supports.
#[derive(Debug, Default)]
struct Wave {
    /// The challenger of the current active wave (Zyre's "caw").
    challenger: Option<PeerId>,
    /// Who passed us that wave (none for our own).
    father: Option<PeerId>,
    /// ELECTs of the supported wave heard.
    elects: usize,
    /// Our part is done: the echo to the father (or, for our own wave,
    /// LEADER) went out.
    answered: bool,
    /// LEADERs heard.
    leaders: usize,
    /// The leader the first LEADER named.
    announced: Option<PeerId>,
}

impl Wave {
    /// A wave of our own, with us as challenger.
    fn ours(me: PeerId) -> Wave {
        Wave {
            challenger: Some(me),
            ..Wave::default()
        }
    }
}

/// A group's election state.
#[derive(Debug, Default)]
struct GroupElection {
    /// This node contests the group's leadership.
    contest: bool,
    /// The node elected last (possibly this one; none before an election
    /// has ended, or once that leader has gone).
    leader: Option<PeerId>,
    /// The election running, if any.
    wave: Option<Wave>,
    /// Members that left (until they are members again; the last
    /// [`LEFT_REMEMBERED`]): ELECTs still in flight that name one of them
    /// as challenger are ignored, or such a zombie wave, better than any
    /// live one, would hold the group forever.
    left: Vec<PeerId>,
}

/// How many departed members a group remembers: late ELECTs come from an
/// election in progress, so the last few are the ones that matter, and a
/// long-lived node in a busy group must not collect every UUID it met.
const LEFT_REMEMBERED: usize = 64;

/// Every group's election state for one node: each event goes in, the
/// [`Step`]s to carry out come out (see the tests below for a whole group).
#[derive(Debug)]
pub(super) struct Elections {
    me: PeerId,
    groups: BTreeMap<String, GroupElection>,
}

impl Elections {
    /// No elections yet for the node `me`.
    pub(super) fn new(me: PeerId) -> Elections {
        Elections {
            me,
            groups: BTreeMap::new(),
        }
    }

    /// This node contests the leadership of `group` from now on (Zyre's
    /// `SET CONTEST`).
    pub(super) fn set_contest(&mut self, group: &str) {
        self.group(group).contest = true;
    }

    /// Whether this node contests `group`.
    pub(super) fn contests(&self, group: &str) -> bool {
        self.groups.get(group).is_some_and(|g| g.contest)
    }

    /// The node last elected leader of `group` (`None` before an election
    /// ends).
    #[cfg(test)]
    pub(super) fn leader(&self, group: &str) -> Option<PeerId> {
        self.groups.get(group).and_then(|g| g.leader)
    }

    fn group(&mut self, group: &str) -> &mut GroupElection {
        self.groups.entry(group.to_string()).or_default()
    }

    /// A contestant's fresh wave: ELECT with us as challenger to `members`.
    fn challenge(&mut self, group: &str, members: &[PeerId]) -> Vec<Step> {
        let me = self.me;
        let state = self.group(group);
        if !state.contest {
            state.wave = None;
            return Vec::new();
        }
        state.wave = Some(Wave::ours(me));
        vec![Step::Elect {
            to: members.to_vec(),
            challenger: me,
        }]
    }

    /// A peer joined `group` (its HELLO listed it, or it sent JOIN);
    /// `members` are the group's peers now. A contestant starts a new
    /// election.
    pub(super) fn on_member_joined(&mut self, group: &str, members: &[PeerId]) -> Vec<Step> {
        if !self.contests(group) {
            return Vec::new();
        }
        self.challenge(group, members)
    }

    /// This node joined `group`, whose peers are `members`: a contestant
    /// starts an election if there is anyone to hold it with.
    pub(super) fn on_we_joined(&mut self, group: &str, members: &[PeerId]) -> Vec<Step> {
        match members.is_empty() {
            true => Vec::new(),
            false => self.on_member_joined(group, members),
        }
    }

    /// `peer` left `group` (LEAVE) or went away; `members` are the group's
    /// peers without it. If it was the leader, or the challenger of the
    /// wave running here, a contestant starts a new election, unless one
    /// with a better challenger is already running.
    /// The running one no longer waits for `peer`: a member that leaves
    /// mid-wave never answers (it drops ELECTs for a group it is not in).
    /// So a member that heard the new wave before the old leader's LEAVE
    /// still echoes it; before, it dropped the wave (a contestant started
    /// a worse one of its own) and the group never re-elected.
    pub(super) fn on_member_left(
        &mut self,
        group: &str,
        peer: PeerId,
        members: &[PeerId],
    ) -> Vec<Step> {
        let me = self.me;
        let Some(state) = self.groups.get_mut(group) else {
            return Vec::new();
        };
        state.left.retain(|p| *p != peer && !members.contains(p));
        state.left.push(peer);
        if state.left.len() > LEFT_REMEMBERED {
            state.left.remove(0);
        }
        let leader_gone = state.leader == Some(peer);
        let wave_gone = state.wave.as_ref().and_then(|w| w.challenger) == Some(peer);
        if leader_gone {
            state.leader = None;
        }
        if wave_gone {
            // Its challenger is gone: the wave can never end.
            state.wave = None;
        }
        if leader_gone || wave_gone {
            // A wave still running was started by a member that heard the
            // LEAVE first (or is an election the leaver was not winning): a
            // contestant challenges anew unless that wave's challenger beats
            // it anyway, which it keeps supporting.
            let better = state.wave.as_ref().and_then(|w| w.challenger);
            if state.contest && better.is_none_or(|c| c >= me) {
                state.wave = None;
                return self.challenge(group, members);
            }
        }
        self.settle(group, members)
    }

    /// What the running wave owes once every one of `members` has been
    /// heard: our echo to the father, or LEADER when the wave is ours; and
    /// the end of the election once every member has said LEADER.
    fn settle(&mut self, group: &str, members: &[PeerId]) -> Vec<Step> {
        let me = self.me;
        let Some(state) = self.groups.get_mut(group) else {
            return Vec::new();
        };
        let Some(wave) = state.wave.as_mut() else {
            return Vec::new();
        };
        let mut steps = Vec::new();
        if let Some(challenger) = wave.challenger {
            if !wave.answered && wave.elects > 0 && wave.elects >= members.len() {
                wave.answered = true;
                if challenger == me {
                    steps.push(Step::Leader {
                        to: members.to_vec(),
                        leader: me,
                    });
                } else if let Some(father) = wave.father.filter(|f| members.contains(f)) {
                    // The echo: our part of the wave is done.
                    steps.push(Step::Elect {
                        to: vec![father],
                        challenger,
                    });
                }
            }
        }
        if let Some(leader) = wave.announced.filter(|_| wave.leaders >= members.len()) {
            state.wave = None;
            state.leader = Some(leader);
            steps.push(Step::Elected(leader));
        }
        steps
    }

    /// ELECT from `from` in `group` naming `challenger`; `members` are the
    /// group's peers.
    pub(super) fn on_elect(
        &mut self,
        group: &str,
        from: PeerId,
        challenger: PeerId,
        members: &[PeerId],
    ) -> Vec<Step> {
        let state = self.group(group);
        state.left.retain(|p| !members.contains(p));
        if state.left.contains(&challenger) {
            return Vec::new();
        }
        let wave = state.wave.get_or_insert_with(Wave::default);
        let mut steps = Vec::new();
        if wave.challenger.is_none_or(|current| challenger < current) {
            // A better wave: support it from now on, and pass it on.
            *wave = Wave {
                challenger: Some(challenger),
                father: Some(from),
                ..Wave::default()
            };
            let to: Vec<PeerId> = members.iter().copied().filter(|&p| p != from).collect();
            steps.push(Step::Elect { to, challenger });
        }
        if wave.challenger == Some(challenger) {
            wave.elects += 1;
        }
        // A challenger worse than the supported wave is ignored.
        steps.extend(self.settle(group, members));
        steps
    }

    /// LEADER (from a member) in `group` naming `leader`; `members` are the
    /// group's peers.
    pub(super) fn on_leader(
        &mut self,
        group: &str,
        leader: PeerId,
        members: &[PeerId],
    ) -> Vec<Step> {
        let me = self.me;
        let state = self.group(group);
        if state.wave.is_none() && state.leader == Some(leader) {
            // A late LEADER of the election that ended here (the group
            // shrank meanwhile, so we counted enough without it). Taking it
            // for a new election, as Zyre does, passes it on to members that
            // have ended too, which pass it back: a storm of LEADER events.
            return Vec::new();
        }
        let wave = state.wave.get_or_insert_with(Wave::default);
        let mut steps = Vec::new();
        if leader != me && wave.leaders == 0 {
            // Pass the news on once. Zyre names the challenger it supports
            // here (the same node once the wave has spread); before any
            // ELECT it has none and asserts, where we pass on `leader`.
            steps.push(Step::Leader {
                to: members.to_vec(),
                leader: wave.challenger.unwrap_or(leader),
            });
        }
        wave.leaders += 1;
        wave.announced.get_or_insert(leader);
        steps.extend(self.settle(group, members));
        steps
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::VecDeque;

    fn id(n: u8) -> PeerId {
        PeerId::from_bytes([n; 16])
    }

    /// What travels on a link: an election message, or the sender's
    /// LEAVE of the group.
    #[derive(Debug, Clone)]
    enum Wire {
        Step(Step),
        Left,
    }

    /// A complete group of nodes with their election state, and the
    /// messages in flight between them: (from, to, what).
    struct Sim {
        nodes: BTreeMap<PeerId, Elections>,
        /// Each node's view of the group's other members.
        members: BTreeMap<PeerId, Vec<PeerId>>,
        /// Nodes that left: they drop what still reaches them.
        gone: Vec<PeerId>,
        net: VecDeque<(PeerId, PeerId, Wire)>,
        /// Who each node was told leads, in order.
        elected: BTreeMap<PeerId, Vec<PeerId>>,
    }

    impl Sim {
        /// Nodes 1..=n, `contest` saying who contests.
        fn new(n: u8, contest: &[u8]) -> Sim {
            let ids: Vec<PeerId> = (1..=n).map(id).collect();
            let mut nodes: BTreeMap<PeerId, Elections> =
                ids.iter().map(|&i| (i, Elections::new(i))).collect();
            for &c in contest {
                nodes.get_mut(&id(c)).unwrap().set_contest("G");
            }
            let members = ids
                .iter()
                .map(|&me| (me, ids.iter().copied().filter(|&p| p != me).collect()))
                .collect();
            Sim {
                nodes,
                members,
                gone: Vec::new(),
                net: VecDeque::new(),
                elected: BTreeMap::new(),
            }
        }

        fn post(&mut self, me: PeerId, steps: Vec<Step>) {
            for step in steps {
                match &step {
                    Step::Elect { to, .. } | Step::Leader { to, .. } => to
                        .iter()
                        .for_each(|&t| self.net.push_back((me, t, Wire::Step(step.clone())))),
                    Step::Elected(leader) => self.elected.entry(me).or_default().push(*leader),
                }
            }
        }

        /// `starters` start a wave, as when a member joins.
        fn start(&mut self, starters: &[u8]) {
            for &s in starters {
                let me = id(s);
                let steps = self
                    .nodes
                    .get_mut(&me)
                    .unwrap()
                    .on_member_joined("G", &self.members[&me]);
                self.post(me, steps);
            }
        }

        /// `who` leaves the group: its LEAVE goes out on each link.
        fn leave(&mut self, who: PeerId) {
            self.gone.push(who);
            for &to in &self.members[&who].clone() {
                self.net.push_back((who, to, Wire::Left));
            }
        }

        /// Delivers messages on the links in the order `pick` chooses, each
        /// link first in first out, until none are left (at most 10,000).
        fn deliver(&mut self, mut pick: impl FnMut(usize) -> usize) {
            for _ in 0..10_000 {
                if self.net.is_empty() {
                    return;
                }
                // Any link may go next, but each link keeps its order
                // (ZeroMQ's DEALER to ROUTER is FIFO): the oldest message on
                // the link of the one picked goes.
                let (from, to, _) = self.net[pick(self.net.len())];
                let first = self
                    .net
                    .iter()
                    .position(|m| (m.0, m.1) == (from, to))
                    .unwrap();
                let (from, to, wire) = self.net.remove(first).unwrap();
                if self.gone.contains(&to) {
                    continue; // not in the group: election messages dropped
                }
                if let Wire::Left = wire {
                    self.members.get_mut(&to).unwrap().retain(|&p| p != from);
                }
                let members = self.members[&to].clone();
                let node = self.nodes.get_mut(&to).unwrap();
                let steps = match wire {
                    Wire::Step(Step::Elect { challenger, .. }) => {
                        node.on_elect("G", from, challenger, &members)
                    }
                    Wire::Step(Step::Leader { leader, .. }) => {
                        node.on_leader("G", leader, &members)
                    }
                    Wire::Step(Step::Elected(_)) => unreachable!(),
                    Wire::Left => node.on_member_left("G", from, &members),
                };
                self.post(to, steps);
            }
            panic!("the election did not settle");
        }
    }

    /// A group of `n` nodes in which `starters` start a wave, delivered in
    /// the order `pick` chooses; who each node was told leads.
    fn run(
        n: u8,
        contest: &[u8],
        starters: &[u8],
        pick: impl FnMut(usize) -> usize,
    ) -> BTreeMap<PeerId, Vec<PeerId>> {
        let mut sim = Sim::new(n, contest);
        sim.start(starters);
        sim.deliver(pick);
        sim.elected
    }

    /// A reproducible delivery order per seed (xorshift).
    fn order(seed: u64) -> impl FnMut(usize) -> usize {
        let mut state = seed | 1;
        move |len| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % len as u64) as usize
        }
    }

    #[test]
    fn the_lowest_contestant_wins_and_everyone_hears_it_once() {
        let elected = run(4, &[2, 3, 4], &[2, 3, 4], |_| 0);
        for n in 1..=4 {
            assert_eq!(elected[&id(n)], [id(2)], "node {n}");
        }
    }

    #[test]
    fn a_lone_contestant_among_bystanders_wins() {
        let elected = run(3, &[3], &[3], |len| len - 1);
        for n in 1..=3 {
            assert_eq!(elected[&id(n)], [id(3)], "node {n}");
        }
    }

    #[test]
    fn nobody_contesting_means_no_election() {
        assert!(run(3, &[], &[1, 2, 3], |_| 0).is_empty());
    }

    #[test]
    fn a_leader_that_leaves_triggers_a_new_election() {
        let mut e = Elections::new(id(5));
        e.set_contest("G");
        let members = [id(1), id(9)];
        e.on_elect("G", id(1), id(1), &members);
        e.on_leader("G", id(1), &members);
        let steps = e.on_leader("G", id(1), &members);
        assert_eq!(steps.last(), Some(&Step::Elected(id(1))));
        assert_eq!(e.leader("G"), Some(id(1)));
        // Someone else leaving changes nothing; the leader leaving does.
        assert!(e.on_member_left("G", id(9), &[id(1)]).is_empty());
        let steps = e.on_member_left("G", id(1), &[id(9)]);
        assert_eq!(
            steps,
            [Step::Elect {
                to: vec![id(9)],
                challenger: id(5)
            }]
        );
        assert_eq!(e.leader("G"), None);
    }

    /// The old leader's LEAVE reaching a bystander after the new wave
    /// did (two links, no order between them): the bystander passed the
    /// wave to the old leader, which never answers; once it has left, the
    /// bystander echoes without it, and the group elects.
    #[test]
    fn a_wave_heard_before_the_old_leaders_leave_still_elects() {
        let (leaver, contestant, bystander) = (id(1), id(2), id(3));
        let mut e = Elections::new(bystander);
        let all = [leaver, contestant];
        e.on_elect("G", leaver, leaver, &all);
        e.on_leader("G", leaver, &all);
        let steps = e.on_leader("G", leaver, &all);
        assert_eq!(steps.last(), Some(&Step::Elected(leaver)));

        // The contestant's new wave first: passed on to the leaver too.
        let steps = e.on_elect("G", contestant, contestant, &all);
        let passed = Step::Elect {
            to: vec![leaver],
            challenger: contestant,
        };
        assert_eq!(steps, [passed]);
        // Then the LEAVE: nothing more to wait for, the echo goes out.
        let steps = e.on_member_left("G", leaver, &[contestant]);
        let echo = Step::Elect {
            to: vec![contestant],
            challenger: contestant,
        };
        assert_eq!(steps, [echo]);
        // The contestant's LEADER ends it.
        let steps = e.on_leader("G", contestant, &[contestant]);
        assert_eq!(steps.last(), Some(&Step::Elected(contestant)));
        assert_eq!(e.leader("G"), Some(contestant));
    }

    #[test]
    fn a_busy_group_remembers_only_the_last_departures() {
        let mut e = Elections::new(id(0));
        e.set_contest("G");
        for n in 1..=200u8 {
            e.on_member_left("G", id(n), &[]);
        }
        let left = &e.groups["G"].left;
        assert_eq!(left.len(), LEFT_REMEMBERED);
        assert_eq!(left.last(), Some(&id(200)));
        // Its ELECTs change nothing while it is gone...
        assert!(e.on_elect("G", id(9), id(200), &[id(9)]).is_empty());
        // ...and count once it is a member again.
        assert!(!e.on_elect("G", id(200), id(200), &[id(200)]).is_empty());
        assert!(!e.groups["G"].left.contains(&id(200)));
    }

    #[test]
    fn joining_alone_starts_nothing_and_bystanders_never_challenge() {
        let mut e = Elections::new(id(1));
        assert!(e.on_we_joined("G", &[id(2)]).is_empty(), "not contesting");
        e.set_contest("G");
        assert!(e.on_we_joined("G", &[]).is_empty(), "nobody to elect with");
        assert_eq!(e.on_we_joined("G", &[id(2)]).len(), 1);
        assert!(e.contests("G") && !e.contests("H"));
    }

    proptest! {
        /// Whatever the order the links deliver in and whoever contests,
        /// every node of the group learns the same leader, the lowest
        /// contestant, once.
        #[test]
        fn any_delivery_order_agrees_on_the_lowest_contestant(
            n in 2u8..7,
            contest_mask in 1u8..127,
            seed in any::<u64>(),
        ) {
            let contest: Vec<u8> = (1..=n).filter(|i| contest_mask & (1 << (i - 1)) != 0).collect();
            prop_assume!(!contest.is_empty());
            let elected = run(n, &contest, &contest, order(seed));
            let winner = id(contest[0]);
            for i in 1..=n {
                prop_assert_eq!(&elected[&id(i)], &vec![winner], "node {}", i);
            }
        }

        /// The leader leaves once elected: its LEAVE and the new waves
        /// reach each member in any order, and every member that stays
        /// hears the next contestant lead, once (nobody, if none is left).
        #[test]
        fn the_group_re_elects_whatever_order_the_leave_arrives_in(
            n in 3u8..7,
            contest_mask in 1u8..127,
            seed in any::<u64>(),
        ) {
            let contest: Vec<u8> = (1..=n).filter(|i| contest_mask & (1 << (i - 1)) != 0).collect();
            prop_assume!(!contest.is_empty());
            let mut sim = Sim::new(n, &contest);
            sim.start(&contest);
            sim.deliver(order(seed));
            let leader = id(contest[0]);
            sim.elected.clear();
            sim.leave(leader);
            sim.deliver(order(seed.rotate_left(17)));
            let next: Vec<PeerId> = contest[1..].first().map(|&c| id(c)).into_iter().collect();
            for i in (1..=n).map(id).filter(|&p| p != leader) {
                let heard = sim.elected.get(&i).cloned().unwrap_or_default();
                prop_assert_eq!(&heard, &next, "node {}", i);
            }
        }
    }
}
