package dev.lanyard.keycloak.publicauth;

import dev.lanyard.keycloak.access.Browser;
import dev.lanyard.keycloak.http.ApiException;
import dev.lanyard.keycloak.http.JsonBody;
import dev.lanyard.keycloak.signin.SignOut;
import dev.lanyard.keycloak.signin.PublicUserRepresentation;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.KeycloakSession;

import java.io.InputStream;

/**
 * {@code {api}/public}: register, cookie login, session and logout.
 */
@Produces(MediaType.APPLICATION_JSON)
public final class PublicAuthResource {

    private final KeycloakSession session;

    public PublicAuthResource(KeycloakSession session) {
        this.session = session;
    }

    @POST
    @Path("register")
    public Response register(InputStream body) {
        Browser.of(session).origins().rejectForeignOrigin();
        RegisterRequest request = JsonBody.read(session.getContext().getRequestHeaders(), body, RegisterRequest.class);
        AuthenticationRepresentation result = new RegistrationService(session).register(request);
        return Response.status(result.httpStatus()).entity(result).build();
    }

    @POST
    @Path("login")
    public Response login(InputStream body) {
        Browser.of(session).origins().rejectForeignOrigin();
        LoginRequest request = JsonBody.read(session.getContext().getRequestHeaders(), body, LoginRequest.class);
        AuthenticationRepresentation result = new LoginService(session).login(request);
        return Response.status(result.httpStatus()).entity(result).build();
    }

    /** The browser's session, whether Lanyard or Keycloak's login page started it: the one {@code logout} ends. */
    @GET
    @Path("session")
    public SessionRepresentation session() {
        return Browser.of(session).signedIn()
                .map(signedIn -> new SessionRepresentation(PublicUserRepresentation.of(signedIn.user())))
                .orElseThrow(() -> ApiException.invalidSession("No valid public session"));
    }

    @POST
    @Path("logout")
    public Response logout() {
        Browser browser = Browser.of(session);
        browser.origins().requireTrustedOrigin();
        SignOut.browser(session, browser.signedIn(), "public/logout");
        return Response.noContent().build();
    }
}
