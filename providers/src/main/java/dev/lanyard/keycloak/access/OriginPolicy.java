package dev.lanyard.keycloak.access;

import dev.lanyard.keycloak.http.ApiException;
import dev.lanyard.keycloak.clients.FirstPartyClients;
import dev.lanyard.keycloak.internals.KeycloakCors;
import dev.lanyard.keycloak.internals.KeycloakWebOrigins;

import jakarta.ws.rs.core.HttpHeaders;
import org.keycloak.models.KeycloakSession;

import java.util.Optional;
import java.util.Set;

/**
 * Where a request may come from. Cookie-authenticated writes must come from Keycloak's own origin or a web
 * origin registered on one of the realm's first-party clients ({@link dev.lanyard.keycloak.clients.FirstPartyClients}; CSRF defence); the
 * same origins get CORS headers with credentials, and no other origin gets any.
 */
public final class OriginPolicy {

    private static final String[] METHODS = {"GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"};

    private final KeycloakSession session;

    public OriginPolicy(KeycloakSession session) {
        this.session = session;
    }

    /** 403 unless the request comes from a page of Keycloak's own or names a trusted origin in its Origin (or Referer). */
    public void requireTrustedOrigin() {
        if (!isFromTrustedOrigin()) {
            HttpHeaders headers = session.getContext().getRequestHeaders();
            boolean named = headers.getHeaderString("Origin") != null || headers.getHeaderString("Referer") != null;
            throw ApiException.accessDenied(named ? "The request does not come from an allowed origin"
                    : "A request that acts with the session cookie needs an Origin header: Keycloak's own origin or a "
                    + "first-party app's web origin");
        }
    }

    /**
     * Whether a page of Keycloak's own ({@code Sec-Fetch-Site: same-origin}) or of a trusted origin (its Origin, or
     * Referer) sent the request. {@code same-site} is not enough: a sibling subdomain is another party.
     */
    public boolean isFromTrustedOrigin() {
        HttpHeaders headers = session.getContext().getRequestHeaders();
        if (isFromOwnPage(headers)) {
            return true;
        }
        Optional<Origin> origin = TrustedOrigins.ofRequest(
                headers.getHeaderString("Origin"), headers.getHeaderString("Referer"));
        return origin.isPresent() && isTrusted(origin.get());
    }

    /**
     * 403 when a browser names an origin that is not trusted; requests without an Origin header (not sent by
     * a browser across origins) pass. For writes that set cookies rather than read them, e.g. login.
     */
    public void rejectForeignOrigin() {
        HttpHeaders headers = session.getContext().getRequestHeaders();
        String header = headers.getHeaderString("Origin");
        if (header == null || header.isBlank() || isFromOwnPage(headers)) {
            return;
        }
        Optional<Origin> origin = Origin.parse(header);
        if (origin.isEmpty() || !isTrusted(origin.get())) {
            throw ApiException.accessDenied("The request does not come from an allowed origin");
        }
    }

    /** Whether a page of the request's Origin may read the answer (no Origin: no page asks). */
    public boolean mayReadAnswers() {
        String header = session.getContext().getRequestHeaders().getHeaderString("Origin");
        if (header == null) {
            return true;
        }
        return Origin.parse(header).filter(this::isTrusted).isPresent();
    }

    /** Adds the CORS headers for a cross-origin request (or its preflight) from a trusted origin; nothing for any other. */
    public void addCorsHeaders() {
        HttpHeaders headers = session.getContext().getRequestHeaders();
        boolean preflight = "OPTIONS".equals(session.getContext().getHttpRequest().getHttpMethod())
                && headers.getHeaderString("Access-Control-Request-Method") != null;
        Optional<Origin> origin = Origin.parse(headers.getHeaderString("Origin"));
        session.getContext().getHttpResponse().addHeader("Vary", "Origin");
        if (origin.isEmpty() || !isTrusted(origin.get())) {
            return;
        }
        KeycloakCors.allow(origin.get().value(), preflight, METHODS, HttpHeaders.RETRY_AFTER, HttpHeaders.LOCATION,
                HttpHeaders.WWW_AUTHENTICATE);
    }

    /**
     * The browser's word that a page of Keycloak's own origin sent the request. Keycloak's pages have referrer
     * policy no-referrer, so browsers send their form posts with {@code Origin: null} and no Referer; they still
     * send {@code Sec-Fetch-Site: same-origin}, a header no page can set (a foreign or sandboxed page's request
     * says {@code cross-site} or {@code same-site}).
     */
    private static boolean isFromOwnPage(HttpHeaders headers) {
        return "same-origin".equals(headers.getHeaderString("Sec-Fetch-Site"));
    }

    private boolean isTrusted(Origin origin) {
        Optional<Origin> own = Origin.parse(session.getContext().getUri().getBaseUri().toString());
        if (own.isPresent() && own.get().equals(origin)) {
            return true;
        }
        Set<String> registered = KeycloakWebOrigins.ofFirstPartyClients(session, session.getContext().getRealm());
        return new TrustedOrigins(registered).contains(origin);
    }
}
