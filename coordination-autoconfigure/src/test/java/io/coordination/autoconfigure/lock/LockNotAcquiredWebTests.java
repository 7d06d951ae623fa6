package io.coordination.autoconfigure.lock;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.coordination.annotation.DistributedLock;
import io.coordination.autoconfigure.SharedNode;
import io.coordination.lock.LockLease;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A request whose {@code @DistributedLock} method does not get its lock is answered 409 with a problem body naming
 * the lock, over real HTTP; it used to be a 500.
 */
@ExtendWith(SharedNode.class)
class LockNotAcquiredWebTests {

	@Test
	void aLockNotAcquiredIsAConflictWithAProblemBody() throws Exception {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(WebApp.class)
			.initializers((initialized) -> initialized.getBeanFactory()
				.registerSingleton("coordination", SharedNode.node().coordination()))
			.properties("server.port=0", "server.address=127.0.0.1", "coordination.discovery.enabled=false",
					"coordination.leader.enabled=false", "spring.main.banner-mode=off")
			.run()) {
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			HttpClient http = HttpClient.newHttpClient();
			HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/accounts/7"))
				.build();
			assertThat(http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);

			try (LockLease held = SharedNode.otherClient().lock("account-7").lock()) {
				HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
				assertThat(response.statusCode()).isEqualTo(409);
				assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
						(type) -> assertThat(type).startsWith("application/problem+json"));
				JsonNode problem = JsonMapper.builder().build().readTree(response.body());
				assertThat(problem.path("status").asInt()).isEqualTo(409);
				assertThat(problem.path("code").asString()).isEqualTo("LOCK_NOT_ACQUIRED");
				assertThat(problem.path("lock").asString()).isEqualTo("account-7");
				assertThat(problem.path("type").asString()).isEqualTo(LockNotAcquiredProblemHandler.TYPE.toString());
			}
		}
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class WebApp {

		@Bean
		Accounts accounts() {
			return new Accounts();
		}

	}

	@RestController
	static class Accounts {

		@GetMapping("/accounts/{id}")
		@DistributedLock(name = "account-#{#id}")
		public String debit(@PathVariable("id") String id) {
			return "debited " + id;
		}

	}

}
