package dev.lanyard.keycloak.internals;

import dev.lanyard.keycloak.http.ApiException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.error.KeycloakErrorHandler;
import org.keycloak.utils.KeycloakSessionUtil;

import java.util.List;

/**
 * Lanyard's JSON error for a path under {@code /realms/{realm}/api} that no route serves with the request's method:
 * JAX-RS decides those (a 404 or 405 {@code WebApplicationException} of its resource matching) before any Lanyard
 * code runs, and Keycloak's error handler would answer {@code {"error":"HTTP 404 Not Found"}}. Every other error,
 * and every path of Keycloak's own, is answered by Keycloak's handler exactly as without Lanyard.
 */
@Provider
public final class UnservedRouteErrors implements ExceptionMapper<WebApplicationException> {

    @Context
    KeycloakSession session;

    @Override
    public Response toResponse(WebApplicationException exception) {
        KeycloakSession current = session != null ? session : KeycloakSessionUtil.getKeycloakSession();
        int status = exception.getResponse().getStatus();
        if (!isApiPath(current) || (status != 404 && status != 405)) {
            return KeycloakErrorHandler.getResponse(current, exception);
        }
        current.getTransactionManager().setRollbackOnly();
        ApiException error = status == 404 ? ApiException.notFound("No such route")
                : ApiException.of(405, "method_not_allowed",
                "This route does not answer " + current.getContext().getHttpRequest().getHttpMethod());
        Response.ResponseBuilder answer = Response.status(error.status()).type(MediaType.APPLICATION_JSON_TYPE).entity(error.body());
        List<Object> allowed = exception.getResponse().getHeaders().get(HttpHeaders.ALLOW);
        if (allowed != null) {
            allowed.forEach(method -> answer.header(HttpHeaders.ALLOW, method));
        }
        return answer.build();
    }

    /** {@code realms/{realm}/api} or below, relative to Keycloak's base URI. */
    private static boolean isApiPath(KeycloakSession session) {
        String[] segments = session.getContext().getUri().getPath().replaceFirst("^/", "").split("/");
        return segments.length >= 3 && "realms".equals(segments[0]) && "api".equals(segments[2]);
    }
}
