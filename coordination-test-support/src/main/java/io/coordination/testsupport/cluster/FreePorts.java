package io.coordination.testsupport.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

/**
 * Free TCP ports on 127.0.0.1, distinct within this JVM.
 */
public final class FreePorts {

	private static final Set<Integer> handedOut = new HashSet<>();

	private FreePorts() {
	}

	/**
	 * A port that was free a moment ago and was not handed out before by this JVM.
	 * @return the port
	 */
	public static synchronized int next() {
		for (int attempt = 0; attempt < 100; attempt++) {
			try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
				socket.setReuseAddress(true);
				int port = socket.getLocalPort();
				if (handedOut.add(port)) {
					return port;
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException("No free port on 127.0.0.1", ex);
			}
		}
		throw new IllegalStateException("No new free port on 127.0.0.1 after 100 attempts");
	}

}
