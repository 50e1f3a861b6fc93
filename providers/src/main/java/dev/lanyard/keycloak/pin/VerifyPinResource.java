package dev.lanyard.keycloak.pin;

import dev.lanyard.keycloak.http.ApiException;
import dev.lanyard.keycloak.http.JsonBody;
import dev.lanyard.keycloak.access.Browser;
import dev.lanyard.keycloak.http.RouteEvents;
import dev.lanyard.keycloak.signin.AuthorizationResume;
import dev.lanyard.keycloak.signin.Continuation;
import dev.lanyard.keycloak.signin.PublicUserRepresentation;
import dev.lanyard.keycloak.signin.SignInPipeline;
import dev.lanyard.keycloak.signin.SignInResult;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.keycloak.events.Details;
import org.keycloak.events.EventType;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.KeycloakSession;

import java.io.InputStream;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code {api}/public/verify-pin}: completes a PIN-gated sign-in (JSON for apps, a form for the PIN page). */
public final class VerifyPinResource {

    private final KeycloakSession session;
    private final AuthorizationResume authorizations;

    /** {@code authorizations} gives a login → code that the PIN held back its code. */
    public VerifyPinResource(KeycloakSession session, AuthorizationResume authorizations) {
        this.session = session;
        this.authorizations = authorizations;
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
            case INVALID_TOKEN -> throw invalidToken();
            case WRONG_PIN -> throw ApiException.of(401, "invalid_pin", "The PIN is not correct");
            case VERIFIED -> {
                SignInResult signedIn = signIn(verification);
                Map<String, Object> answer = new LinkedHashMap<>();
                answer.put("status", "authenticated");
                answer.put("user", PublicUserRepresentation.of(verification.user()));
                if (verification.continuation() instanceof Continuation.Authorization authorization) {
                    answer.put("redirect_to", authorizations.resume(authorization, signedIn).toString());
                }
                yield answer;
            }
        };
    }

    @POST
    @Path("form")
    @Produces(MediaType.TEXT_HTML)
    public Response verifyForm() {
        MultivaluedMap<String, String> form = Browser.of(session).formFromOwnPage();
        String pinToken = form.getFirst("pin_token");
        PinGate.Verification verification = new PinGate(session).verify(pinToken, form.getFirst("pin"));
        return switch (verification.outcome()) {
            case INVALID_TOKEN -> forms().setError("lanyardPinTokenInvalid").createErrorPage(Response.Status.BAD_REQUEST);
            case WRONG_PIN -> PinPage.show(session, pinToken, "lanyardPinInvalid");
            case VERIFIED -> {
                try {
                    signIn(verification);
                } catch (ApiException refused) {
                    yield forms().setError("lanyardSignInRefused").createErrorPage(Response.Status.fromStatusCode(refused.status()));
                }
                yield verification.continuation() instanceof Continuation.Page page
                        ? Response.seeOther(URI.create(page.redirectUri())).build()
                        : forms().setSuccess("lanyardPinVerified").createInfoPage();
            }
        };
    }

    /** The sign-in the PIN held back, through the pipeline (which checks the account again). */
    private SignInResult signIn(PinGate.Verification verification) {
        return new SignInPipeline(session).signIn(verification.signInAttempt(
                RouteEvents.start(session, EventType.LOGIN, PinGate.ROUTE)
                        .client(verification.continuation().clientId())
                        .detail(Details.CREDENTIAL_TYPE, PinGate.CREDENTIAL_TYPE)));
    }

    private static ApiException invalidToken() {
        return ApiException.of(400, "invalid_pin_token", "The PIN token is invalid, used or expired");
    }

    private LoginFormsProvider forms() {
        return session.getProvider(LoginFormsProvider.class);
    }
}
