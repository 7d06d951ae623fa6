package io.coordination.core;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * TLS of the messaging between members (Raft and membership traffic goes through it): every member presents the
 * certificate of its key store and trusts those signed by its trust store. Certificates need a subject alternative
 * name matching the member's host. Every TCP connection between members is mutual TLS (a process without a certificate
 * the trust store accepts cannot join, not even as a client member); Atomix's UDP messaging is switched off.
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

	/**
	 * Messaging TLS from key stores held in memory (for example those of a Spring Boot SSL bundle read from PEM
	 * files): Atomix reads its stores from files, so they are written as PKCS12 files readable by this user only, with
	 * a random password, deleted when the JVM exits.
	 * @param keyStore this member's key and certificate chain
	 * @param keyPassword the password of its key entries ({@code null} for none)
	 * @param trustStore the certificates (or CA) of the members
	 * @return the TLS settings
	 * @throws IllegalArgumentException if the stores cannot be read or written
	 */
	public static MessagingTls fromKeyStores(java.security.KeyStore keyStore, String keyPassword,
			java.security.KeyStore trustStore) {
		try {
			char[] password = new char[32];
			java.security.SecureRandom random = new java.security.SecureRandom();
			for (int i = 0; i < password.length; i++) {
				password[i] = (char) ('a' + random.nextInt(26));
			}
			Path directory = java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
					? Files.createTempDirectory("coordination-messaging-tls-",
							java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
									java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")))
					: Files.createTempDirectory("coordination-messaging-tls-");
			Path keys = write(copy(keyStore, keyPassword, password, true), directory.resolve("member.p12"), password);
			Path trust = write(copy(trustStore, null, password, false), directory.resolve("trust.p12"), password);
			for (Path file : new Path[] { keys, trust, directory }) {
				file.toFile().deleteOnExit();
			}
			return new MessagingTls(keys, new String(password), trust, new String(password));
		}
		catch (java.io.IOException | java.security.GeneralSecurityException ex) {
			throw new IllegalArgumentException("Cannot prepare the messaging TLS stores: " + ex.getMessage(), ex);
		}
	}

	private static java.security.KeyStore copy(java.security.KeyStore source, String keyPassword, char[] password,
			boolean keys) throws java.io.IOException, java.security.GeneralSecurityException {
		java.security.KeyStore target = java.security.KeyStore.getInstance("PKCS12");
		target.load(null, password);
		for (String alias : java.util.Collections.list(source.aliases())) {
			if (!keys) {
				// trust material: the certificates only (of key entries too: a store can serve as both)
				java.security.cert.Certificate certificate = source.getCertificate(alias);
				if (certificate != null) {
					target.setCertificateEntry(alias, certificate);
				}
			}
			else if (source.isKeyEntry(alias)) {
				java.security.Key key = source.getKey(alias,
						(keyPassword != null) ? keyPassword.toCharArray() : new char[0]);
				target.setKeyEntry(alias, key, password, source.getCertificateChain(alias));
			}
			else if (source.isCertificateEntry(alias)) {
				target.setCertificateEntry(alias, source.getCertificate(alias));
			}
		}
		return target;
	}

	private static Path write(java.security.KeyStore store, Path file, char[] password)
			throws java.io.IOException, java.security.GeneralSecurityException {
		try (java.io.OutputStream out = Files.newOutputStream(file)) {
			store.store(out, password);
		}
		return file;
	}

	@Override
	public String toString() {
		return "MessagingTls[keyStore=" + this.keyStore + ", trustStore=" + this.trustStore + "]";
	}

}
