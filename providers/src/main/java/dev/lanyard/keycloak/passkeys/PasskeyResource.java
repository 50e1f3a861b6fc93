package dev.lanyard.keycloak.passkeys;

import dev.lanyard.keycloak.access.Browser;
import dev.lanyard.keycloak.http.ApiException;
import dev.lanyard.keycloak.http.JsonBody;
import dev.lanyard.keycloak.signin.PasskeyRequestOptions;
import dev.lanyard.keycloak.signin.SignedInUser;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.KeycloakSession;

import java.io.InputStream;

/**
 * {@code {api}/public/passkeys}: the signed-in user's passkeys (register, list, remove) and the passkey sign-in, in the
 * WebAuthn Level 3 JSON forms a browser passes straight to {@code navigator.credentials}.
 */
@Produces(MediaType.APPLICATION_JSON)
public final class PasskeyResource {

    private final KeycloakSession session;

    public PasskeyResource(KeycloakSession session) {
        this.session = session;
    }

    @POST
    @Path("registration-options")
    public CreationOptionsRepresentation registrationOptions() {
        return new PasskeyService(session).registrationOptions(signedInFromTrustedPage());
    }

    @POST
    @Path("/")
    public Response register(InputStream body) {
        SignedInUser signedIn = signedInFromTrustedPage();
        PasskeyRegistrationRequest request = JsonBody.read(session.getContext().getRequestHeaders(), body,
                PasskeyRegistrationRequest.class);
        return Response.status(201).entity(new PasskeyService(session).register(signedIn, request)).build();
    }

    @GET
    @Path("/")
    public PasskeyListRepresentation list() {
        return new PasskeyService(session).list(Browser.of(session).requireSignedIn("No valid session").user());
    }

    @DELETE
    @Path("{id}")
    public Response remove(@PathParam("id") String id, InputStream body) {
        SignedInUser signedIn = signedInFromTrustedPage();
        // A DELETE often comes without a body: that is a missing proof, not a wrong media type.
        PasskeyDeletionRequest request = session.getContext().getRequestHeaders().getMediaType() == null
                ? new PasskeyDeletionRequest(null, null)
                : JsonBody.read(session.getContext().getRequestHeaders(), body, PasskeyDeletionRequest.class);
        if (request.password() == null && request.credential() == null) {
            throw ApiException.invalidRequest("password or credential (a passkey assertion) is required");
        }
        new PasskeyService(session).remove(signedIn.user(), id, request);
        return Response.noContent().build();
    }

    @POST
    @Path("authentication-options")
    public PasskeyRequestOptions authenticationOptions() {
        return new PasskeyService(session).authenticationOptions();
    }

    /** Signs the browser in: a page of another site must not be able to post it (login CSRF). */
    @POST
    @Path("login")
    public Response login(InputStream body) {
        Browser.of(session).origins().rejectForeignOrigin();
        PasskeyLoginRequest request = JsonBody.read(session.getContext().getRequestHeaders(), body, PasskeyLoginRequest.class);
        PasskeyLoginRepresentation result = new PasskeyService(session).login(request);
        return Response.status(result.httpStatus()).entity(result).build();
    }

    /** Either session cookie, from a trusted page (the origin is checked first, as for the PIN). */
    private SignedInUser signedInFromTrustedPage() {
        Browser browser = Browser.of(session);
        browser.origins().requireTrustedOrigin();
        return browser.requireSignedIn("No valid session");
    }
}
