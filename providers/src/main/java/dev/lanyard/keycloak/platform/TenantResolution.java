package dev.lanyard.keycloak.platform;

import jakarta.ws.rs.core.Response;
import org.keycloak.models.KeycloakSession;

import java.net.URI;

/**
 * Where a platform authorize goes: without an email, to the email-first page (unless the client asked for no
 * page); with one, to the tenant that verified its domain, else to the realm's login with Keycloak's
 * {@code organization} scope, which names the user's organization once they have signed in. The second answer is
 * the same for every email, so it tells nothing about accounts.
 */
final class TenantResolution {

    private final KeycloakSession session;

    TenantResolution(KeycloakSession session) {
        this.session = session;
    }

    Response route(AuthorizeRequest request) {
        if (request.loginHint().isEmpty()) {
            return request.mayShowNoPage()
                    ? redirect(request.continueIn(null, null))
                    : EmailFirstPage.show(session, request.parameters());
        }
        String email = request.loginHint().get().trim();
        return redirect(request.continueIn(new Tenants(session).byVerifiedDomain(email).orElse(null), email));
    }

    private static Response redirect(URI target) {
        return Response.status(Response.Status.FOUND).location(target).build();
    }
}
