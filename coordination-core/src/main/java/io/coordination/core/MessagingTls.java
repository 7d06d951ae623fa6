package io.coordination.core;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * TLS of the messaging between members (Raft and membership traffic goes through it): every member presents the
 * certificate of its key store and trusts those signed by its trust store. Certificates need a subject alternative
 * name matching the member's host. Atomix's membership gossip (UDP) is not covered; members on an untrusted network
 * need a private network besides.
 *
 * @param keyStore key store (JKS or PKCS12) with this member's key and certificate
 * @param keyStorePassword its password
 * @param trustStore trust store with the certificates (or CA) of the members
 * @param trustStorePassword its password
 */
public record MessagingTls(Path keyStore, String keyStorePassword, Path trustStore, String trustStorePassword) {

	/**
	 * Validates the stores exist.
	 * @param keyStore key store
	 * @param keyStorePassword its password
	 * @param trustStore trust store
	 * @param trustStorePassword its password
	 */
	public MessagingTls {
		Objects.requireNonNull(keyStore, "keyStore");
		Objects.requireNonNull(trustStore, "trustStore");
		if (!Files.isReadable(keyStore)) {
			throw new IllegalArgumentException("TLS key store not readable: " + keyStore.toAbsolutePath());
		}
		if (!Files.isReadable(trustStore)) {
			throw new IllegalArgumentException("TLS trust store not readable: " + trustStore.toAbsolutePath());
		}
	}

	@Override
	public String toString() {
		return "MessagingTls[keyStore=" + this.keyStore + ", trustStore=" + this.trustStore + "]";
	}

}
