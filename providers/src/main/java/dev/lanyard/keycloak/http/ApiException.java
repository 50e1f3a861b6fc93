package dev.lanyard.keycloak.http;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.representations.idm.OAuth2ErrorRepresentation;
import org.keycloak.utils.KeycloakSessionUtil;

import java.util.Optional;
import java.util.StringJoiner;

/**
 * Every failure of a Lanyard route: a JSON error body with a 4xx status.
 *
 * <p>JAX-RS returns the response of a {@link WebApplicationException} that carries an entity without
 * consulting Keycloak's error handler, so the transaction would be committed; building the response
 * here marks it rollback-only first, so nothing half-written survives an error. (Keycloak sends error events
 * and records brute-force failures in transactions of their own, so those survive the rollback.)
 *
 * <p>A missing or bad credential has one answer per kind of route (docs/errors.md): 401 {@code invalid_session}
 * where the browser's session cookie was needed, 401 {@code invalid_token} or 403 {@code insufficient_scope} with
 * RFC 6750's {@code WWW-Authenticate: Bearer} challenge where a bearer token was sent.
 */
public final class ApiException extends WebApplicationException {

    private final int status;
    private final Object body;
    private final Long retryAfterSeconds;
    private final BearerChallenge challenge;

    private ApiException(int status, String error, Object body, Long retryAfterSeconds, BearerChallenge challenge) {
        super(error);
        this.status = status;
        this.body = body;
        this.retryAfterSeconds = retryAfterSeconds;
        this.challenge = challenge;
    }

    public static ApiException of(int status, String error, String description) {
        return new ApiException(status, error, new OAuth2ErrorRepresentation(error, description), null, null);
    }

    /** An error whose body carries more than {@code error} and {@code error_description}. */
    public static ApiException withBody(int status, String error, Object body) {
        return new ApiException(status, error, body, null, null);
    }

    public static ApiException invalidRequest(String description) {
        return of(400, "invalid_request", description);
    }

    /**
     * 401 {@code invalid_session}: a route that acts for the browser's signed-in user found no valid session cookie.
     * No challenge: a session cookie has no HTTP authentication scheme.
     */
    public static ApiException invalidSession(String description) {
        return of(401, "invalid_session", description);
    }

    /**
     * 401 {@code invalid_session} of a route that also takes a bearer token, for a request that sent neither: the
     * {@code Bearer} challenge says a token would do, without an error code, as RFC 6750 §3.1 asks when no
     * credentials were sent.
     */
    public static ApiException sessionOrTokenRequired(String description) {
        return challenged(401, "invalid_session", description, new BearerChallenge(null, null));
    }

    /** 401 {@code invalid_token} (RFC 6750 §3.1): the bearer token sent is not one this route accepts. */
    public static ApiException invalidToken(String description) {
        return challenged(401, "invalid_token", description, new BearerChallenge("invalid_token", null));
    }

    /** 403 {@code insufficient_scope} (RFC 6750 §3.1): the bearer token lacks {@code scope}, which the challenge names. */
    public static ApiException insufficientScope(String scope, String description) {
        return challenged(403, "insufficient_scope", description, new BearerChallenge("insufficient_scope", scope));
    }

    private static ApiException challenged(int status, String error, String description, BearerChallenge challenge) {
        return new ApiException(status, error, new OAuth2ErrorRepresentation(error, description), null, challenge);
    }

    /** A {@code redirect_uri} that no client (or not the named one) registered. */
    public static ApiException invalidRedirectUri() {
        return of(400, "invalid_redirect_uri", "redirect_uri is not registered for this client");
    }

    public static ApiException accessDenied(String description) {
        return of(403, "access_denied", description);
    }

    public static ApiException notFound(String description) {
        return of(404, "not_found", description);
    }

    public static ApiException conflict(String description) {
        return of(409, "conflict", description);
    }

    public static ApiException payloadTooLarge(long limitBytes) {
        return of(413, "payload_too_large", "The request body exceeds " + limitBytes + " bytes");
    }

    public static ApiException unsupportedMediaType(String expected) {
        return of(415, "unsupported_media_type", "The request body must be " + expected);
    }

    public static ApiException tooManyRequests(long retryAfterSeconds) {
        return new ApiException(429, "too_many_requests",
                new OAuth2ErrorRepresentation("too_many_requests", "Too many requests, try again later"),
                retryAfterSeconds, null);
    }


    /** The OAuth error code of the answer. */
    public String error() {
        return getMessage();
    }

    public int status() {
        return status;
    }

    public Object body() {
        return body;
    }

    @Override
    public Response getResponse() {
        KeycloakSession session = KeycloakSessionUtil.getKeycloakSession();
        if (session != null) {
            session.getTransactionManager().setRollbackOnly();
        }
        Response.ResponseBuilder response = Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body);
        if (retryAfterSeconds != null) {
            response.header(HttpHeaders.RETRY_AFTER, retryAfterSeconds);
        }
        if (challenge != null) {
            Optional<String> realm = Optional.ofNullable(session).map(found -> found.getContext().getRealm()).map(RealmModel::getName);
            response.header(HttpHeaders.WWW_AUTHENTICATE, challenge.header(realm));
        }
        return response.build();
    }

    /** RFC 6750 §3's {@code WWW-Authenticate: Bearer} challenge, with the realm's name as Keycloak's own challenges have it. */
    private record BearerChallenge(String error, String scope) {

        String header(Optional<String> realm) {
            StringJoiner attributes = new StringJoiner(", ", "Bearer ", "").setEmptyValue("Bearer");
            realm.ifPresent(name -> attributes.add(quoted("realm", name)));
            Optional.ofNullable(error).ifPresent(code -> attributes.add(quoted("error", code)));
            Optional.ofNullable(scope).ifPresent(needed -> attributes.add(quoted("scope", needed)));
            return attributes.toString();
        }

        private static String quoted(String name, String value) {
            return name + "=\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }
    }
}
