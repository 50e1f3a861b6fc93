package dev.lanyard.keycloak.platform;

import dev.lanyard.keycloak.http.ApiUrls;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.KeycloakSession;

import java.util.List;
import java.util.Map;

/**
 * The themed email-first page of the platform's authorize: it asks only for the email and sends it back to the
 * same authorize route as its {@code login_hint}, with every original parameter, so the route decides the tenant.
 */
final class EmailFirstPage {

    static final String TEMPLATE = "lanyard-email-first.ftl";

    private EmailFirstPage() {
    }

    static Response show(KeycloakSession session, MultivaluedMap<String, String> parameters) {
        List<Map<String, String>> hidden = parameters.entrySet().stream()
                .filter(parameter -> !AuthorizeRequest.LOGIN_HINT.equals(parameter.getKey()))
                .flatMap(parameter -> parameter.getValue().stream().map(value -> Map.of("name", parameter.getKey(), "value", value)))
                .toList();
        String action = ApiUrls.of(session, PlatformResource.ROUTE).path("oauth/authorize").build().toString();
        return session.getProvider(LoginFormsProvider.class)
                .setAttribute("lanyardEmailFirst", Map.of("action", action, "parameters", hidden))
                .createForm(TEMPLATE);
    }
}
