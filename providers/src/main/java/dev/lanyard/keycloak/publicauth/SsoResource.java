package dev.lanyard.keycloak.publicauth;

import dev.lanyard.keycloak.access.Browser;
import dev.lanyard.keycloak.signin.PublicUserRepresentation;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.KeycloakSession;

/** {@code {api}/sso}: session validation for apps that share a domain with admin and public pages. */
@Produces(MediaType.APPLICATION_JSON)
public final class SsoResource {

    private final KeycloakSession session;

    public SsoResource(KeycloakSession session) {
        this.session = session;
    }

    /** Either cookie; {@code admin} when the user may manage the realm's users. */
    @GET
    @Path("validate")
    public Response validate() {
        return Browser.of(session).lanyardSession()
                .map(signedIn -> Response.ok(new SsoValidationRepresentation(true,
                        signedIn.mayAdminister(session) ? "admin" : "public",
                        PublicUserRepresentation.of(signedIn.user()))).build())
                .orElseGet(() -> Response.status(401).entity(SsoValidationRepresentation.invalid()).build());
    }
}
