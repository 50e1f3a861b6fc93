package dev.lanyard.keycloak.http;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.KeycloakSession;
import org.keycloak.representations.idm.OAuth2ErrorRepresentation;
import org.keycloak.utils.KeycloakSessionUtil;


/**
 * Every failure of a Lanyard route: a JSON error body with a 4xx status.
 *
 * <p>JAX-RS returns the response of a {@link WebApplicationException} that carries an entity without
 * consulting Keycloak's error handler, so the transaction would be committed; building the response
 * here marks it rollback-only first, so nothing half-written survives an error. (Keycloak sends error events
 * and records brute-force failures in transactions of their own, so those survive the rollback.)
 */
public final class ApiException extends WebApplicationException {

    private final int status;
    private final Object body;
    private final Long retryAfterSeconds;

    private ApiException(int status, String error, Object body, Long retryAfterSeconds) {
        super(error);
        this.status = status;
        this.body = body;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static ApiException of(int status, String error, String description) {
        return new ApiException(status, error, new OAuth2ErrorRepresentation(error, description), null);
    }

    /** An error whose body carries more than {@code error} and {@code error_description}. */
    public static ApiException withBody(int status, String error, Object body) {
        return new ApiException(status, error, body, null);
    }

    public static ApiException invalidRequest(String description) {
        return of(400, "invalid_request", description);
    }

    public static ApiException unauthorized(String error, String description) {
        return of(401, error, description);
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
                retryAfterSeconds);
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
        return response.build();
    }
}
