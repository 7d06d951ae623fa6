package io.coordination.autoconfigure.election;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationListener;
import org.springframework.integration.leader.Context;
import org.springframework.integration.leader.event.DefaultLeaderEventPublisher;

/**
 * Republishes leadership events as Spring Integration's {@code OnGrantedEvent} and {@code OnRevokedEvent}, so that
 * Integration components bound to a role follow this instance's leadership of the group of the same name.
 */
final class IntegrationLeadershipBridge implements ApplicationListener<LeadershipEvent> {

	private final DefaultLeaderEventPublisher publisher;

	private final LeadershipCoordinator leadership;

	IntegrationLeadershipBridge(ApplicationEventPublisher events, LeadershipCoordinator leadership) {
		this.publisher = new DefaultLeaderEventPublisher(events);
		this.leadership = leadership;
	}

	@Override
	public void onApplicationEvent(LeadershipEvent event) {
		String group = event.getGroup();
		Context context = new Context() {

			@Override
			public boolean isLeader() {
				return IntegrationLeadershipBridge.this.leadership.isLeader(group);
			}

			@Override
			public String getRole() {
				return group;
			}

		};
		if (event instanceof LeadershipGrantedEvent) {
			this.publisher.publishOnGranted(this, context, group);
		}
		else {
			this.publisher.publishOnRevoked(this, context, group);
		}
	}

}
