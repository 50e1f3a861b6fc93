package dev.lanyard.keycloak.platform;

import dev.lanyard.keycloak.access.Browser;
import dev.lanyard.keycloak.http.ApiException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;

/**
 * {@code {api}/v1/auth/tenants/{slug}/oauth}: one tenant (the organization whose alias is the slug) served
 * directly, for GLOBAL apps and the tenant's own apps. An unknown slug is a 404.
 */
@Produces(MediaType.APPLICATION_JSON)
public final class TenantResource {

    private final KeycloakSession session;
    private final String slug;

    public TenantResource(KeycloakSession session, String slug) {
        this.session = session;
        this.slug = slug;
    }

    @GET
    @Path("authorize")
    public Response authorize() {
        OrganizationModel tenant = tenant();
        AuthorizeRequest request = AuthorizeRequest.read(session, client -> PlatformApps.servesTenant(client, tenant));
        return Response.status(Response.Status.FOUND)
                .location(request.continueIn(tenant, request.loginHint().orElse(null)))
                .build();
    }

    @GET
    @Path("logout")
    public Response logout() {
        Browser browser = Browser.of(session);
        return new PlatformLogoutService(session).logout(browser.signedIn(), browser.origins().isFromTrustedOrigin(), tenant(),
                "v1/auth/tenants/" + slug + "/oauth/logout");
    }

    private OrganizationModel tenant() {
        return new Tenants(session).bySlug(slug).orElseThrow(() -> ApiException.notFound("No such tenant"));
    }
}
