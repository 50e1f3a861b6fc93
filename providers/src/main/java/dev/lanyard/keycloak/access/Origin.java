package dev.lanyard.keycloak.access;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/** A web origin ({@code scheme://host[:port]}) in the canonical form browsers send in the Origin header. */
public record Origin(String value) {

    /** The origin of an absolute http(s) URL or origin string; empty for anything else ("null", relative, junk). */
    public static Optional<Origin> parse(String url) {
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        try {
            URI uri = URI.create(url.trim());
            String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!"http".equals(scheme) && !"https".equals(scheme) || uri.getHost() == null) {
                return Optional.empty();
            }
            int port = uri.getPort();
            boolean defaultPort = port == -1 || ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
            String host = uri.getHost().toLowerCase(Locale.ROOT);
            return Optional.of(new Origin(scheme + "://" + host + (defaultPort ? "" : ":" + port)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
