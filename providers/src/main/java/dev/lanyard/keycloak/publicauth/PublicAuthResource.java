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
import java.util.function.Function;

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
        return signIn(body, RegisterRequest.class, request -> new RegistrationService(session).register(request));
    }

    @POST
    @Path("login")
    public Response login(InputStream body) {
        return signIn(body, LoginRequest.class, request -> new LoginService(session).login(request));
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

    /** Registration and login sign the browser in: a page of another site must not be able to post them (login CSRF). */
    private <T> Response signIn(InputStream body, Class<T> type, Function<T, AuthenticationRepresentation> service) {
        Browser.of(session).origins().rejectForeignOrigin();
        AuthenticationRepresentation result = service.apply(JsonBody.read(session.getContext().getRequestHeaders(), body, type));
        return Response.status(result.httpStatus()).entity(result).build();
    }
}
