package dev.lanyard.keycloak.branding;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.KeycloakSession;

/** {@code GET {api}/public/branding.css}: the realm's branding, which every page of the lanyard login theme loads. */
public final class BrandingResource {

    private static final String CSS = "text/css; charset=utf-8";

    private final KeycloakSession session;

    public BrandingResource(KeycloakSession session) {
        this.session = session;
    }

    @GET
    @Produces(CSS)
    public Response stylesheet() {
        CacheControl revalidate = new CacheControl();
        // An admin's change shows on the next page.
        revalidate.setNoCache(true);
        return Response.ok(Branding.of(session.getContext().getRealm()).stylesheet(), CSS)
                .cacheControl(revalidate).build();
    }
}
