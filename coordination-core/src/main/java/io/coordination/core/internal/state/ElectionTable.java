package io.coordination.core.internal.state;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import io.coordination.InputRules;
import io.coordination.core.internal.protocol.Command;
import io.coordination.core.internal.protocol.ErrorCode;
import io.coordination.core.internal.protocol.Event;
import io.coordination.core.internal.protocol.Result;
import io.coordination.election.ElectionInfo;
import io.coordination.election.Leadership;

/**
 * Leader elections: candidates in arrival order, the first leads; every new leadership gets a fresh fencing token as
 * its term, so terms strictly increase per group even across the group being emptied and re-created.
 */
final class ElectionTable {

	private final StateContext ctx;

	private final TreeMap<String, Election> elections = new TreeMap<>();

	ElectionTable(StateContext ctx) {
		this.ctx = ctx;
	}

	Result join(long session, Command.Join command) {
		InputRules.name("election group", command.group());
		InputRules.name("candidate", command.candidateId());
		InputRules.name("owner", command.owner());
		InputRules.metadata(command.metadata());
		Election election = this.elections.computeIfAbsent(command.group(), Election::new);
		Candidate existing = election.candidates.get(command.candidateId());
		if (existing != null) {
			if (existing.owner.session() == session) {
				return new Result.Joined(election.leader);
			}
			return Result.Failed.of(ErrorCode.ALREADY_CANDIDATE, "Candidate '" + command.candidateId()
					+ "' is already in election group '" + command.group() + "'");
		}
		election.candidates.put(command.candidateId(), new Candidate(command.candidateId(),
				new OwnerKey(session, command.owner()), Map.copyOf(command.metadata()), this.ctx.now));
		this.ctx.involve(session, ref(election));
		if (election.leader == null) {
			elect(election);
		}
		return new Result.Joined(election.leader);
	}

	Result leave(long session, Command.Leave command) {
		InputRules.name("election group", command.group());
		InputRules.name("candidate", command.candidateId());
		Election election = this.elections.get(command.group());
		if (election == null) {
			return Result.UNCHANGED;
		}
		Candidate candidate = election.candidates.get(command.candidateId());
		if (candidate == null || candidate.owner.session() != session) {
			return Result.UNCHANGED;
		}
		election.candidates.remove(command.candidateId());
		afterRemoval(election, session, candidate.id);
		return Result.DONE;
	}

	Result watch(long session, Command.Watch command) {
		InputRules.name("election group", command.group());
		Election election = this.elections.computeIfAbsent(command.group(), Election::new);
		boolean changed;
		if (command.on()) {
			changed = election.watchers.add(session);
			this.ctx.involve(session, ref(election));
		}
		else {
			changed = election.watchers.remove(session);
			if (!election.involves(session)) {
				this.ctx.uninvolve(session, ref(election));
			}
			dropIfIdle(election);
		}
		return changed ? Result.DONE : Result.UNCHANGED;
	}

	void sessionEnded(String group, long session) {
		Election election = this.elections.get(group);
		if (election == null) {
			return;
		}
		election.watchers.remove(session);
		String leaderId = (election.leader != null) ? election.leader.leaderId() : null;
		boolean leaderLeft = false;
		for (Candidate candidate : new ArrayList<>(election.candidates.values())) {
			if (candidate.owner.session() == session) {
				election.candidates.remove(candidate.id);
				leaderLeft |= candidate.id.equals(leaderId);
			}
		}
		if (leaderLeft) {
			elect(election);
		}
		dropIfIdle(election);
	}

	void retry(String group) {
		Election election = this.elections.get(group);
		if (election != null && election.leader == null && !election.candidates.isEmpty()) {
			elect(election);
		}
	}

	private void afterRemoval(Election election, long session, String candidateId) {
		if (!election.involves(session)) {
			this.ctx.uninvolve(session, ref(election));
		}
		if (election.leader != null && election.leader.leaderId().equals(candidateId)) {
			elect(election);
		}
		dropIfIdle(election);
	}

	private void elect(Election election) {
		Candidate first = election.candidates.isEmpty() ? null : election.candidates.values().iterator().next();
		if (first == null) {
			election.leader = null;
		}
		else if (!this.ctx.canMint()) {
			election.leader = null;
			this.ctx.starved.add(ref(election));
		}
		else {
			election.leader = new Leadership(election.group, first.id, this.ctx.owner(first.owner), this.ctx.mint(),
					Instant.ofEpochMilli(this.ctx.now));
		}
		TreeSet<Long> audience = new TreeSet<>(election.watchers);
		for (Candidate candidate : election.candidates.values()) {
			audience.add(candidate.owner.session());
		}
		for (long session : audience) {
			this.ctx.send(session, new Event.LeaderChanged(election.group, election.leader));
		}
	}

	private void dropIfIdle(Election election) {
		if (election.candidates.isEmpty() && election.watchers.isEmpty()) {
			this.elections.remove(election.group);
		}
	}

	private static Ref ref(Election election) {
		return new Ref(Ref.Kind.ELECTION, election.group);
	}

	// ---- queries

	ElectionInfo info(String group) {
		Election election = this.elections.get(group);
		return (election != null) ? info(election) : new ElectionInfo(group, null, List.of());
	}

	private ElectionInfo info(Election election) {
		List<ElectionInfo.Candidate> candidates = new ArrayList<>();
		for (Candidate candidate : election.candidates.values()) {
			candidates.add(new ElectionInfo.Candidate(candidate.id, this.ctx.owner(candidate.owner),
					candidate.metadata, Instant.ofEpochMilli(candidate.since)));
		}
		return new ElectionInfo(election.group, election.leader, candidates);
	}

	List<ElectionInfo> elections() {
		List<ElectionInfo> infos = new ArrayList<>();
		for (Election election : this.elections.values()) {
			if (!election.candidates.isEmpty()) {
				infos.add(info(election));
			}
		}
		return infos;
	}

	// ---- snapshot

	List<Snapshot.ElectionData> toData() {
		List<Snapshot.ElectionData> data = new ArrayList<>();
		for (Election election : this.elections.values()) {
			List<Snapshot.CandidateData> candidates = new ArrayList<>();
			for (Candidate candidate : election.candidates.values()) {
				candidates.add(new Snapshot.CandidateData(candidate.id, candidate.owner.session(),
						candidate.owner.id(), candidate.metadata, candidate.since));
			}
			data.add(new Snapshot.ElectionData(election.group, candidates, election.leader,
					new ArrayList<>(election.watchers)));
		}
		return data;
	}

	void restore(List<Snapshot.ElectionData> data) {
		this.elections.clear();
		for (Snapshot.ElectionData electionData : data) {
			Election election = new Election(electionData.group());
			for (Snapshot.CandidateData c : electionData.candidates()) {
				election.candidates.put(c.id(), new Candidate(c.id(), new OwnerKey(c.session(), c.owner()),
						Map.copyOf(c.metadata()), c.since()));
				this.ctx.involve(c.session(), ref(election));
			}
			election.leader = electionData.leader();
			for (long watcher : electionData.watchers()) {
				election.watchers.add(watcher);
				this.ctx.involve(watcher, ref(election));
			}
			this.elections.put(election.group, election);
		}
	}

	private static final class Election {

		final String group;

		final LinkedHashMap<String, Candidate> candidates = new LinkedHashMap<>();

		final TreeSet<Long> watchers = new TreeSet<>();

		Leadership leader;

		Election(String group) {
			this.group = group;
		}

		boolean involves(long session) {
			if (this.watchers.contains(session)) {
				return true;
			}
			for (Candidate candidate : this.candidates.values()) {
				if (candidate.owner.session() == session) {
					return true;
				}
			}
			return false;
		}

	}

	private record Candidate(String id, OwnerKey owner, Map<String, String> metadata, long since) {
	}

}
