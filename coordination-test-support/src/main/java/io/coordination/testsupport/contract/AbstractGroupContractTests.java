package io.coordination.testsupport.contract;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import io.coordination.Coordination;
import io.coordination.group.GroupListener;
import io.coordination.group.GroupMember;
import io.coordination.group.Membership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * What every implementation's group membership does.
 */
public abstract class AbstractGroupContractTests extends AbstractContractTests {

	@Test
	void membersJoinAndLeaveAndListenersHearIt() throws Exception {
		String group = name("workers");
		List<String> events = new CopyOnWriteArrayList<>();
		Membership first = client(0).group(group).join("w1", Map.of("slots", "4"));
		assertThat(first.member().metadata()).containsEntry("slots", "4");
		try (AutoCloseable listening = client(2).group(group).addListener(new GroupListener() {

			@Override
			public void joined(GroupMember member) {
				events.add("+" + member.memberId());
			}

			@Override
			public void left(GroupMember member) {
				events.add("-" + member.memberId());
			}

		})) {
			Coordination other = open();
			other.group(group).join("w2", Map.of());
			assertThat(client(1).group(group).members()).extracting(GroupMember::memberId).containsExactly("w1", "w2");
			other.close();
			first.close();
			await().atMost(seconds(10)).until(() -> events.size() == 4);
		}
		assertThat(events).containsExactly("+w1", "+w2", "-w2", "-w1");
		assertThat(client(1).group(group).members()).isEmpty();
	}

	@Test
	void memberIdsAreUnique() {
		String group = name("workers");
		try (Membership first = client(0).group(group).join("same", Map.of())) {
			assertThatIllegalStateException().isThrownBy(() -> client(1).group(group).join("same", Map.of()))
				.withMessageContaining("'same'");
		}
	}

}
