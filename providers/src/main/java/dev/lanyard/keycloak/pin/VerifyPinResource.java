package dev.lanyard.keycloak.pin;

import dev.lanyard.keycloak.common.ApiException;
import dev.lanyard.keycloak.common.JsonBody;
import dev.lanyard.keycloak.common.PublicUserRepresentation;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.KeycloakSession;

import java.io.InputStream;
import java.net.URI;
import java.util.Map;

/** {@code {api}/public/verify-pin}: completes a PIN-gated sign-in (JSON for apps, a form for the PIN page). */
public final class VerifyPinResource {

    /** Where a PIN-gated browser sign-in continues after the PIN (a magic link's redirect URI). */
    public static final String REDIRECT_URI = "redirect_uri";
    public static final String CLIENT_ID = "client_id";

    private final KeycloakSession session;

    public VerifyPinResource(KeycloakSession session) {
        this.session = session;
    }

    @POST
    @Path("/")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> verify(InputStream body) {
        PinRequest request = JsonBody.read(session.getContext().getRequestHeaders(), body, PinRequest.class);
        if (request.pinToken() == null || request.pin() == null) {
            throw ApiException.invalidRequest("pin_token and pin are required");
        }
        PinGate.Verification verification = new PinGate(session).verify(request.pinToken(), request.pin());
        return switch (verification.outcome()) {
            case INVALID_TOKEN -> throw ApiException.of(400, "invalid_pin_token", "The PIN token is invalid, used or expired");
            case WRONG_PIN -> throw ApiException.unauthorized("invalid_pin", "The PIN is not correct");
            case VERIFIED -> {
                new PinGate(session).signIn(verification);
                yield Map.of("status", "authenticated", "user", PublicUserRepresentation.of(verification.user()));
            }
        };
    }

    @POST
    @Path("form")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response verifyForm(@FormParam("pin_token") String pinToken, @FormParam("pin") String pin) {
        PinGate.Verification verification = new PinGate(session).verify(pinToken, pin);
        return switch (verification.outcome()) {
            case INVALID_TOKEN -> session.getProvider(LoginFormsProvider.class).setError("lanyardPinTokenInvalid")
                    .createErrorPage(Response.Status.BAD_REQUEST);
            case WRONG_PIN -> PinPage.show(session, pinToken, "lanyardPinInvalid");
            case VERIFIED -> {
                new PinGate(session).signIn(verification);
                String redirectUri = verification.continuation().get(REDIRECT_URI);
                yield redirectUri == null
                        ? session.getProvider(LoginFormsProvider.class).setSuccess("lanyardPinVerified").createInfoPage()
                        : Response.seeOther(URI.create(redirectUri)).build();
            }
        };
    }
}
