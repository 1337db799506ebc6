package io.github.apimupgrade.core.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/** Whether something accepts connections on a local port. */
public final class Ports {
    /** The carbon HTTPS (management) port of an API-M node without offset. */
    public static final int CARBON_HTTPS = 9443;

    private Ports() {
    }

    public static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
