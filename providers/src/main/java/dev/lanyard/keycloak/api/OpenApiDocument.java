package dev.lanyard.keycloak.api;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.UriBuilder;
import org.keycloak.models.KeycloakSession;

import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The OpenAPI 3.1 document of every Lanyard route, generated from the JAX-RS resources themselves (starting at
 * {@link ApiRootResource}, following its sub-resource locators), so it cannot miss a route or name one that is gone.
 * Every operation documents its path and query parameters, a JSON-or-form body where it reads one, its success
 * answer and the shared error shape; the security schemes are the session cookie, bearer tokens and HTTP Basic.
 */
final class OpenApiDocument {

    private static final List<Class<? extends Annotation>> METHODS = List.of(GET.class, POST.class, PUT.class, DELETE.class,
            PATCH.class, HEAD.class);
    private static final Pattern TEMPLATE = Pattern.compile("\\{([A-Za-z_]+)(?::[^}]*)?}");
    private static final Map<String, Object> ERROR = Map.of("$ref", "#/components/schemas/Error");

    private OpenApiDocument() {
    }

    static Map<String, Object> of(KeycloakSession session, String version) {
        Map<String, Map<String, Object>> paths = new TreeMap<>();
        collect(ApiRootResource.class, "", paths, 0);
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("openapi", "3.1.0");
        document.put("info", Map.of("title", "Lanyard", "version", version,
                "description", "The auth API of the seeds, served by Keycloak (see README). Errors are "
                        + "{\"error\", \"error_description\"} with a 4xx status; platform request-shape errors are seed 001's 422. "
                        + "A missing or bad credential is 401 invalid_session (session cookie) or 401 invalid_token / 403 "
                        + "insufficient_scope with a WWW-Authenticate: Bearer challenge (bearer token); docs/errors.md lists every code."));
        document.put("servers", List.of(Map.of("url", UriBuilder.fromUri(session.getContext().getUri().getBaseUri())
                .path("realms").path(session.getContext().getRealm().getName()).path("api").build().toString())));
        document.put("paths", paths);
        document.put("components", Map.of(
                "schemas", Map.of("Error", Map.of("type", "object", "properties", Map.of(
                        "error", Map.of("type", "string"), "error_description", Map.of("type", "string")))),
                "securitySchemes", Map.of(
                        "session", Map.of("type", "apiKey", "in", "cookie", "name", "public-session"),
                        "bearer", Map.of("type", "http", "scheme", "bearer", "bearerFormat", "JWT"),
                        "basic", Map.of("type", "http", "scheme", "basic"))));
        document.put("security", List.of(Map.of(), Map.of("session", List.of()), Map.of("bearer", List.of()), Map.of("basic", List.of())));
        return document;
    }

    /** Walks a resource class: its resource methods become operations, its locators lead to more resources. */
    private static void collect(Class<?> resource, String prefix, Map<String, Map<String, Object>> paths, int depth) {
        Method[] methods = resource.getMethods();
        Arrays.sort(methods, Comparator.comparing(Method::getName));
        for (Method method : methods) {
            Path path = method.getAnnotation(Path.class);
            String full = join(prefix, path == null ? "" : path.value());
            if (full.contains(".+") || method.isAnnotationPresent(OPTIONS.class)) {
                continue; // the catch-all answers (unknown routes, CORS preflight) are no routes of their own
            }
            String verb = verb(method);
            if (verb != null && full.equals("/") && !verb.equals("get")) {
                continue; // the root answers only GET; the other methods are its 405s
            }
            if (verb != null) {
                paths.computeIfAbsent(openApiPath(full), key -> new TreeMap<>()).put(verb, operation(resource, method, full, verb));
            } else if (path != null && depth < 4 && !method.getReturnType().equals(Object.class)) {
                collect(method.getReturnType(), full, paths, depth + 1);
            }
        }
    }

    private static Map<String, Object> operation(Class<?> resource, Method method, String path, String verb) {
        Map<String, Object> operation = new LinkedHashMap<>();
        operation.put("operationId", resource.getSimpleName() + "." + method.getName() + "." + verb);
        operation.put("tags", List.of(tag(path)));
        List<Map<String, Object>> parameters = new ArrayList<>();
        Matcher template = TEMPLATE.matcher(path);
        while (template.find()) {
            parameters.add(Map.of("name", template.group(1), "in", "path", "required", true, "schema", Map.of("type", "string")));
        }
        boolean body = false;
        for (Parameter parameter : method.getParameters()) {
            QueryParam query = parameter.getAnnotation(QueryParam.class);
            if (query != null) {
                parameters.add(Map.of("name", query.value(), "in", "query", "required", false, "schema", Map.of("type", "string")));
            }
            body |= parameter.getType().equals(InputStream.class);
        }
        if (!parameters.isEmpty()) {
            operation.put("parameters", parameters);
        }
        if (body) {
            Map<String, Object> object = Map.of("type", "object");
            operation.put("requestBody", Map.of("content", Map.of("application/json", Map.of("schema", object),
                    "application/x-www-form-urlencoded", Map.of("schema", object))));
        }
        Map<String, Object> responses = new LinkedHashMap<>();
        responses.put("2XX", Map.of("description", "Success", "content", Map.of("application/json", Map.of("schema", Map.of("type", "object")))));
        responses.put("3XX", Map.of("description", "A redirect, where the route sends the browser on"));
        responses.put("4XX", Map.of("description", "A client mistake", "content", Map.of("application/json", Map.of("schema", ERROR))));
        operation.put("responses", responses);
        return operation;
    }

    private static String verb(Method method) {
        return METHODS.stream().filter(method::isAnnotationPresent).findFirst()
                .map(annotation -> annotation.getSimpleName().toLowerCase()).orElse(null);
    }

    private static String join(String prefix, String path) {
        String joined = (prefix + "/" + path).replaceAll("/+", "/");
        return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
    }

    /** {@code {slug: [a-z]+}} → {@code {slug}}; the root is {@code /}. */
    private static String openApiPath(String path) {
        String plain = TEMPLATE.matcher(path).replaceAll("{$1}");
        return plain.isEmpty() ? "/" : plain;
    }

    private static String tag(String path) {
        String[] parts = path.replaceFirst("^/", "").split("/");
        return parts[0].isEmpty() ? "api" : parts[0].equals("v1") && parts.length > 1 ? "v1/" + parts[1] : parts[0];
    }
}
