package io.stepwise.local.server;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;

/**
 * Which {@code Host} header values the server answers. On loopback only loopback names: a web page that rebinds
 * its own DNS name to 127.0.0.1 can make the browser reach the server, but the browser still sends the page's
 * name as the Host, so refusing unknown names keeps such pages from driving the API. Bound elsewhere, clients
 * may use any name for the machine and signed requests are what protects the server instead.
 */
final class HostPolicy {
    private static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "127.0.0.1", "::1");

    private final String boundHost;
    private final boolean anyHost;

    private HostPolicy(String boundHost, boolean anyHost) {
        this.boundHost = boundHost;
        this.anyHost = anyHost;
    }

    static HostPolicy forBinding(String host) {
        return new HostPolicy(hostName(host), !isLoopback(host));
    }

    /** Whether {@code host} names only this machine's loopback interface (a name is resolved). */
    static boolean isLoopback(String host) {
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (!address.isLoopbackAddress()) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("cannot resolve --host " + host, e);
        }
    }

    /** Whether a request with this {@code Host} header (null when absent) is answered. */
    boolean allows(String hostHeader) {
        if (anyHost) {
            return true;
        }
        if (hostHeader == null) {
            return false;
        }
        String name = hostName(hostHeader);
        return LOOPBACK_NAMES.contains(name) || name.equals(boundHost);
    }

    /** The host of {@code host[:port]}, {@code [v6][:port]} or a bare IPv6 literal, lower-cased, without brackets. */
    private static String hostName(String authority) {
        String value = authority.trim().toLowerCase(Locale.ROOT);
        if (value.startsWith("[")) {
            int close = value.indexOf(']');
            return close < 0 ? value : value.substring(1, close);
        }
        int colon = value.indexOf(':');
        return colon >= 0 && colon == value.lastIndexOf(':') ? value.substring(0, colon) : value;
    }
}
