package dev.lanyard.keycloak.platform;

import jakarta.ws.rs.core.Response;
import org.keycloak.models.KeycloakSession;

import java.net.URI;

/**
 * Where a platform authorize goes: without an email, to the email-first page (unless the client asked for no
 * page); with one, to the tenant it belongs to, or to the realm's login when it belongs to none, in the same
 * redirect shape either way, so the answer does not tell whether the email matched a tenant.
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
        return redirect(request.continueIn(new Tenants(session).forEmail(email).orElse(null), email));
    }

    private static Response redirect(URI target) {
        return Response.status(Response.Status.FOUND).location(target).build();
    }
}
