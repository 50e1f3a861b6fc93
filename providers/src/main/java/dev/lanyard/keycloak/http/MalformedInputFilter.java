package dev.lanyard.keycloak.http;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.Provider;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;

/**
 * Answers input that Keycloak or its database cannot take with a JSON 4xx on Lanyard's routes, where they would
 * answer 500: a form body that does not decode, and a NUL character anywhere (path, query or form; PostgreSQL
 * cannot store one, so a lookup by such a value fails there). JSON bodies get the same NUL check in {@link JsonBody}.
 *
 * <p>Keycloak (RESTEasy Reactive) parses the form of every POST, PUT and PATCH in a handler that runs after the
 * request filters and before the resource method: a broken percent-escape, an unknown charset or a broken
 * multipart body throws there, and Keycloak's error handler turns that into a 500 before any Lanyard code runs
 * (neither {@code @FormParam} nor {@link FormBody#read} ever sees it). This filter runs before that handler. On
 * a resource method of Lanyard's own classes it
 * <ul>
 *   <li>reads an {@code application/x-www-form-urlencoded} body, checks it with {@link FormBody#decode} and
 *       either answers 400 {@code invalid_request} (415 for an unknown charset) or puts the same bytes back for
 *       the parser;</li>
 *   <li>answers 415 to {@code multipart/form-data}, which no Lanyard route reads.</li>
 * </ul>
 * Keycloak's own endpoints are left as they are.
 *
 * <p>Registered by its {@link Provider} annotation: Keycloak 24 and later pick up JAX-RS providers from the
 * indexed provider jar (ours ships {@code META-INF/beans.xml}).
 */
@Provider
public final class MalformedInputFilter implements ContainerRequestFilter {

    private static final String LANYARD_PACKAGE = "dev.lanyard.keycloak.";

    @Context
    ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        if (!isLanyardRoute(request)) {
            return;
        }
        try {
            check(request);
        } catch (ApiException e) {
            // Nothing has been written yet, so there is no transaction to roll back.
            request.abortWith(Response.status(e.status()).type(MediaType.APPLICATION_JSON_TYPE).entity(e.body()).build());
        }
    }

    private static void check(ContainerRequestContext request) throws IOException {
        requireNoNul(request);
        MediaType type = mediaType(request.getHeaderString(HttpHeaders.CONTENT_TYPE));
        if (type == null) {
            return;
        }
        if (isMultipartForm(type)) {
            throw ApiException.of(415, "unsupported_media_type", "This route does not accept multipart/form-data");
        }
        if (FormBody.isForm(type)) {
            byte[] body = JsonBody.readLimited(request.getEntityStream(), JsonBody.DEFAULT_LIMIT_BYTES);
            FormBody.decode(body, FormBody.charsetOf(type));
            request.setEntityStream(new ByteArrayInputStream(body));
        }
    }

    private static void requireNoNul(ContainerRequestContext request) {
        try {
            UriInfo uri = request.getUriInfo();
            boolean nul = uri.getPath(true).indexOf('\0') >= 0 || uri.getQueryParameters(true).entrySet().stream()
                    .anyMatch(parameter -> parameter.getKey().indexOf('\0') >= 0
                            || parameter.getValue().stream().anyMatch(value -> value.indexOf('\0') >= 0));
            if (nul) {
                throw ApiException.invalidRequest(FormBody.NUL);
            }
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidRequest("The request URI is not correctly encoded");
        }
    }

    private static MediaType mediaType(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            return MediaType.valueOf(header);
        } catch (IllegalArgumentException e) {
            // Left alone: Keycloak's security-headers response filter cannot parse it either and answers 500 on
            // every endpoint, whatever this filter does.
            return null;
        }
    }

    private static boolean isMultipartForm(MediaType type) {
        return "multipart".equalsIgnoreCase(type.getType()) && "form-data".equalsIgnoreCase(type.getSubtype());
    }

    private boolean isLanyardRoute(ContainerRequestContext request) {
        Class<?> target = resource == null ? null : resource.getResourceClass();
        if (target == null) {
            List<Object> matched = request.getUriInfo().getMatchedResources();
            target = matched.isEmpty() ? null : matched.get(0).getClass();
        }
        return target != null && target.getName().startsWith(LANYARD_PACKAGE);
    }
}
