package dev.lanyard.keycloak.it.foundation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanyard.keycloak.it.support.Lanyard;
import dev.lanyard.keycloak.it.support.LanyardExtension;
import dev.lanyard.keycloak.it.support.Reply;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code {api}/openapi.json}: a valid OpenAPI 3.1 document whose every route the live server answers. */
@ExtendWith(LanyardExtension.class)
class OpenApiIT {

    /** Routes of the route table (docs/routes.md) that the document must name (a sample of every capability). */
    private static final List<String> EXPECTED = List.of("/public/login", "/public/register", "/public/request-magic-link",
            "/public/verify-pin", "/oauth/token", "/oauth/authorize", "/oauth/consent", "/oauth/login", "/sso/validate",
            "/users/{userId}/apps/{clientId}/permissions", "/admin/clients", "/admin/users", "/auth/{provider}/login",
            "/v1/platform/oauth/token", "/v1/platform/oauth/device/verify", "/v1/auth/tenants/{slug}/oauth/authorize",
            "/openapi.json");

    @Test
    void theDocumentIsValidOpenApi31AndEveryRouteInItAnswers(Lanyard lanyard) {
        Reply reply = lanyard.browser().get(lanyard.api("/openapi.json"));
        assertEquals(200, reply.status(), reply.toString());
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(reply.body());
        assertTrue(parsed.getMessages() == null || parsed.getMessages().isEmpty(), "valid: " + parsed.getMessages());
        assertEquals("3.1.0", parsed.getOpenAPI().getOpenapi());

        JsonNode paths = reply.json().get("paths");
        for (String expected : EXPECTED) {
            assertTrue(paths.has(expected), "documented: " + expected);
        }
        List<String> missing = new ArrayList<>();
        int tried = 0;
        for (Iterator<Map.Entry<String, JsonNode>> routes = paths.fields(); routes.hasNext(); ) {
            Map.Entry<String, JsonNode> route = routes.next();
            URI uri = lanyard.api(route.getKey().replaceAll("\\{[^}]+}", "x").replaceFirst("^/$", "/"));
            for (Iterator<String> methods = route.getValue().fieldNames(); methods.hasNext(); ) {
                String method = methods.next().toUpperCase();
                Reply answer = lanyard.browser().send(method, uri, method.equals("GET") || method.equals("DELETE") ? null
                        : "application/json", method.equals("GET") || method.equals("DELETE") ? null : "{}");
                tried++;
                boolean noSuchRoute = answer.status() == 404 && answer.body().contains("No such route")
                        || answer.status() == 405;
                if (noSuchRoute || answer.status() >= 500) {
                    missing.add(method + " " + route.getKey() + " → " + answer.status());
                }
            }
        }
        System.out.printf("openapi: %d paths, %d operations called, %d not served%n", paths.size(), tried, missing.size());
        assertTrue(missing.isEmpty(), "documented but not served: " + missing);
    }
}
