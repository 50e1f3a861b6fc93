package dev.lanyard.keycloak.pin;

import dev.lanyard.keycloak.flow.FlowStep;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.models.UserModel;
import org.keycloak.representations.idm.OAuth2ErrorRepresentation;

/**
 * "Lanyard PIN (direct grant)": the PIN of a password grant, read from the {@code pin} form parameter as
 * Keycloak's direct-grant OTP step reads {@code totp}. A user who has a PIN gets tokens only with the right one;
 * a user without a PIN passes. A missing or wrong PIN fails the flow, which reports it to the brute-force detector.
 */
final class PinDirectGrantAuthenticator extends FlowStep {

    static final String PIN_PARAMETER = "pin";

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        UserModel user = context.getUser();
        PinGate pins = new PinGate(context.getSession());
        if (!pins.isSetUpFor(user)) {
            context.success();
            return;
        }
        String pin = context.getHttpRequest().getDecodedFormParameters().getFirst(PIN_PARAMETER);
        if (!pins.matches(user, pin)) {
            context.getEvent().user(user).detail(Details.CREDENTIAL_TYPE, PinCredentialProvider.TYPE)
                    .error(Errors.INVALID_USER_CREDENTIALS);
            // A failure, not a challenge: the flow then reports the attempt to Keycloak's brute-force detector.
            context.failure(AuthenticationFlowError.INVALID_USER, invalidGrant());
            return;
        }
        context.success();
    }

    /**
     * Keycloak's own answer to wrong direct-grant credentials (its password and OTP steps send the same), so a
     * caller cannot tell a missing or wrong PIN from a wrong password.
     */
    private static Response invalidGrant() {
        return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new OAuth2ErrorRepresentation("invalid_grant", "Invalid user credentials"))
                .build();
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        // A direct grant is one request: there is no form to post back.
    }

    @Override
    public boolean requiresUser() {
        return true;
    }
}
