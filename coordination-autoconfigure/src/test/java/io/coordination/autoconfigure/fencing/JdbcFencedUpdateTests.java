package io.coordination.autoconfigure.fencing;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseBuilder;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseType;

import io.coordination.fencing.StaleFencingTokenException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JdbcFencedUpdateTests {

	private JdbcTemplate jdbc;

	private JdbcFencedUpdate inventory;

	@BeforeEach
	void createTable() {
		this.jdbc = new JdbcTemplate(new EmbeddedDatabaseBuilder().setType(EmbeddedDatabaseType.H2)
			.generateUniqueName(true)
			.build());
		this.jdbc.execute("CREATE TABLE inventory (sku VARCHAR(20) PRIMARY KEY, quantity INT, fence_token BIGINT)");
		this.jdbc.update("INSERT INTO inventory (sku, quantity) VALUES ('apple', 10)");
		this.inventory = new JdbcFencedUpdate(this.jdbc, "inventory", "sku", "fence_token");
	}

	@Test
	void aHigherOrEqualTokenWrites() {
		assertThat(this.inventory.update("apple", 5, Map.of("quantity", 9))).isTrue();
		assertThat(this.inventory.update("apple", 5, Map.of("quantity", 8))).isTrue();
		assertThat(this.inventory.update("apple", 7, Map.of("quantity", 7))).isTrue();
		assertThat(this.jdbc.queryForMap("SELECT quantity, fence_token FROM inventory WHERE sku = 'apple'"))
			.containsEntry("QUANTITY", 7)
			.containsEntry("FENCE_TOKEN", 7L);
	}

	@Test
	void aStaleTokenIsRefusedAndChangesNothing() {
		this.inventory.update("apple", 7, Map.of("quantity", 7));
		assertThatThrownBy(() -> this.inventory.update("apple", 6, Map.of("quantity", 100)))
			.isInstanceOfSatisfying(StaleFencingTokenException.class, (ex) -> {
				assertThat(ex.getMessage()).contains("inventory[apple]").contains("6").contains("7");
			});
		assertThat(this.jdbc.queryForObject("SELECT quantity FROM inventory WHERE sku = 'apple'", Integer.class))
			.isEqualTo(7);
	}

	@Test
	void aMissingRowIsReportedNotFenced() {
		assertThat(this.inventory.update("pear", 3, Map.of("quantity", 1))).isFalse();
	}

	@Test
	void namesMustBePlainIdentifiers() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new JdbcFencedUpdate(this.jdbc, "inventory; DROP TABLE x", "sku", "fence_token"))
			.withMessageContaining("inventory; DROP TABLE x");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.inventory.update("apple", 1, Map.of("quantity = 0 --", 1)))
			.withMessageContaining("quantity = 0 --");
		assertThatIllegalArgumentException().isThrownBy(() -> this.inventory.update("apple", 1, Map.of()));
	}

}
