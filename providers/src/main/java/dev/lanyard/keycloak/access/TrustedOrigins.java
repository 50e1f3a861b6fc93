package dev.lanyard.keycloak.access;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The origins allowed to send credentialed requests to the API: Keycloak's own origin and the web origins
 * registered on the realm's first-party clients. A wildcard web origin is not honoured here: it would let any
 * site make cookie-authenticated writes.
 */
public final class TrustedOrigins {

    private final Set<Origin> origins;

    public TrustedOrigins(Collection<String> origins) {
        this.origins = origins.stream()
                .map(Origin::parse)
                .flatMap(Optional::stream)
                .collect(Collectors.toUnmodifiableSet());
    }

    public boolean contains(Origin origin) {
        return origins.contains(origin);
    }

    /**
     * The origin a request comes from: its {@code Origin} header, or, where a browser sent none, the origin
     * of its {@code Referer}. Empty when neither names an http(s) origin.
     */
    public static Optional<Origin> ofRequest(String originHeader, String refererHeader) {
        if (originHeader != null && !originHeader.isBlank()) {
            return Origin.parse(originHeader);
        }
        return Origin.parse(refererHeader);
    }
}
