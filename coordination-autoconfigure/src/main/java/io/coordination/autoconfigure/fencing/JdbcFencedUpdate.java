package io.coordination.autoconfigure.fencing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.JdbcOperations;

import io.coordination.fencing.StaleFencingTokenException;

/**
 * The protected side of fencing for a table: every write carries the writer's fencing token, and the database refuses
 * it in the same statement if a higher token has already written the row.
 *
 * <pre>{@code
 * UPDATE inventory SET quantity = ?, fence_token = ? WHERE sku = ? AND (fence_token IS NULL OR fence_token <= ?)
 * }</pre>
 *
 * A write of a holder whose lock was lost (and granted to another, who wrote since) changes nothing and fails with
 * {@link StaleFencingTokenException}. Equal tokens pass, so a holder can write several times under one lease.
 */
public final class JdbcFencedUpdate {

	private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?");

	private final JdbcOperations jdbc;

	private final String table;

	private final String keyColumn;

	private final String tokenColumn;

	/**
	 * Creates the helper for one table.
	 * @param jdbc how statements run
	 * @param table the table
	 * @param keyColumn the column identifying a row
	 * @param tokenColumn the column keeping the highest fencing token that wrote the row ({@code BIGINT})
	 * @throws IllegalArgumentException if a name is not a plain SQL identifier
	 */
	public JdbcFencedUpdate(JdbcOperations jdbc, String table, String keyColumn, String tokenColumn) {
		this.jdbc = jdbc;
		this.table = identifier("table", table);
		this.keyColumn = identifier("key column", keyColumn);
		this.tokenColumn = identifier("token column", tokenColumn);
	}

	/**
	 * Updates a row if no higher token has written it.
	 * @param key the row's key
	 * @param token the writer's fencing token
	 * @param values the columns to set
	 * @return whether the row exists (and was updated)
	 * @throws StaleFencingTokenException if a higher token already wrote the row
	 */
	public boolean update(Object key, long token, Map<String, ?> values) {
		if (values.isEmpty()) {
			throw new IllegalArgumentException("Nothing to update in " + this.table);
		}
		StringBuilder sql = new StringBuilder("UPDATE ").append(this.table).append(" SET ");
		List<Object> arguments = new ArrayList<>();
		for (Map.Entry<String, ?> value : new LinkedHashMap<>(values).entrySet()) {
			sql.append(identifier("column", value.getKey())).append(" = ?, ");
			arguments.add(value.getValue());
		}
		sql.append(this.tokenColumn).append(" = ? WHERE ").append(this.keyColumn).append(" = ? AND (")
			.append(this.tokenColumn).append(" IS NULL OR ").append(this.tokenColumn).append(" <= ?)");
		arguments.add(token);
		arguments.add(key);
		arguments.add(token);
		if (this.jdbc.update(sql.toString(), arguments.toArray()) > 0) {
			return true;
		}
		List<Long> highest = this.jdbc.queryForList(
				"SELECT " + this.tokenColumn + " FROM " + this.table + " WHERE " + this.keyColumn + " = ?", Long.class,
				key);
		if (highest.isEmpty()) {
			return false;
		}
		throw new StaleFencingTokenException(this.table + "[" + key + "]", token,
				(highest.get(0) != null) ? highest.get(0) : 0);
	}

	private static String identifier(String what, String name) {
		if (name == null || !IDENTIFIER.matcher(name).matches()) {
			throw new IllegalArgumentException(what + " must be a plain SQL identifier: '" + name + "'");
		}
		return name;
	}

}
