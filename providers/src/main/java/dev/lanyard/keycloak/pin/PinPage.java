package dev.lanyard.keycloak.pin;

import dev.lanyard.keycloak.http.ApiUrls;
import jakarta.ws.rs.core.Response;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.KeycloakSession;

import java.util.Map;

/**
 * The themed PIN page; outside a login flow (after a magic link or a social login) it posts to
 * {@code {api}/public/verify-pin/form}.
 */
final class PinPage {

    static final String TEMPLATE = "lanyard-pin.ftl";

    private PinPage() {
    }

    static Response show(KeycloakSession session, String pinToken, String error) {
        String action = ApiUrls.of(session, PinGate.ROUTE).path("form").build().toString();
        LoginFormsProvider form = session.getProvider(LoginFormsProvider.class)
                .setAttribute("lanyardPin", Map.of("action", action, "token", pinToken));
        if (error != null) {
            form.setError(error);
        }
        return form.createForm(TEMPLATE);
    }
}
