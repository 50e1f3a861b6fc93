package dev.lanyard.keycloak.publicauth;

import dev.lanyard.keycloak.common.ApiException;
import dev.lanyard.keycloak.common.JsonBody;
import dev.lanyard.keycloak.common.OriginPolicy;
import dev.lanyard.keycloak.common.PublicSessionCookie;
import dev.lanyard.keycloak.common.PublicUserRepresentation;
import dev.lanyard.keycloak.magiclink.MagicLinkRequestResource;
import dev.lanyard.keycloak.magiclink.MagicLinkResource;
import dev.lanyard.keycloak.pin.PinResource;
import dev.lanyard.keycloak.pin.VerifyPinResource;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.KeycloakSession;

import java.io.InputStream;
import java.util.Map;

/**
 * {@code {api}/public}: register, cookie login, session, logout and the social-only password confirmation;
 * routes the magic-link and PIN paths to their capabilities.
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
        new OriginPolicy(session).rejectForeignOrigin();
        RegisterRequest request = JsonBody.read(session.getContext().getRequestHeaders(), body, RegisterRequest.class);
        AuthenticationRepresentation result = new RegistrationService(session).register(request);
        return Response.status(result.httpStatus()).entity(result).build();
    }

    @POST
    @Path("login")
    public Response login(InputStream body) {
        new OriginPolicy(session).rejectForeignOrigin();
        LoginRequest request = JsonBody.read(session.getContext().getRequestHeaders(), body, LoginRequest.class);
        AuthenticationRepresentation result = new LoginService(session).login(request);
        return Response.status(result.httpStatus()).entity(result).build();
    }

    @GET
    @Path("session")
    public SessionRepresentation session() {
        return new PublicSessionCookie(session).read()
                .map(signedIn -> new SessionRepresentation(PublicUserRepresentation.of(signedIn.user())))
                .orElseThrow(() -> ApiException.unauthorized("invalid_session", "No valid public session"));
    }

    @POST
    @Path("logout")
    public Response logout() {
        new OriginPolicy(session).requireTrustedOrigin();
        new LoginService(session).logout();
        return Response.noContent().build();
    }

    @Path("request-magic-link")
    public MagicLinkRequestResource requestMagicLink() {
        return new MagicLinkRequestResource(session);
    }

    @Path("magic-link")
    public MagicLinkResource magicLink() {
        return new MagicLinkResource(session);
    }

    @Path("pin")
    public PinResource pin() {
        return new PinResource(session);
    }

    @Path("verify-pin")
    public VerifyPinResource verifyPin() {
        return new VerifyPinResource(session);
    }

    /** The mailed link opens a page that asks for a click: mail scanners that fetch links confirm nothing. */
    @GET
    @Path("confirm-password")
    @Produces(MediaType.TEXT_HTML)
    public Response confirmPasswordPage(@QueryParam("token") String token) {
        if (!new PasswordConfirmations(session).isPending(token)) {
            return invalidLinkPage();
        }
        return forms().setAttribute("lanyardConfirm", Map.of(
                        "action", session.getContext().getUri().getRequestUri().toString(),
                        "token", token,
                        "title", "lanyardConfirmPasswordTitle",
                        "message", "lanyardConfirmPasswordMessage",
                        "button", "lanyardConfirmPasswordButton"))
                .createForm("lanyard-confirm.ftl");
    }

    @POST
    @Path("confirm-password")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response confirmPassword(@FormParam("token") String token) {
        return new PasswordConfirmations(session).confirm(token)
                .map(user -> forms().setSuccess("lanyardPasswordConfirmed").createInfoPage())
                .orElseGet(this::invalidLinkPage);
    }

    private Response invalidLinkPage() {
        return forms().setError("lanyardInvalidLink").createErrorPage(Response.Status.BAD_REQUEST);
    }

    private LoginFormsProvider forms() {
        return session.getProvider(LoginFormsProvider.class);
    }
}
