package dev.lanyard.keycloak.pin;

import dev.lanyard.keycloak.flow.FlowStep;
import dev.lanyard.keycloak.internals.LoginAttempts;
import dev.lanyard.keycloak.signin.SecondStep;
import jakarta.ws.rs.core.Response;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * "Lanyard PIN" in a browser flow: the themed PIN page for a user who has a PIN (users without one are sent
 * to "Set up PIN" when the step is required). Wrong PINs count in the brute-force detector; after the
 * configured number of wrong tries this login fails and must start over.
 */
final class PinAuthenticator extends FlowStep {

    private static final String FAILURES_NOTE = "lanyard.pin.failures";

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        context.challenge(context.form().createForm(PinPage.TEMPLATE));
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        UserModel user = context.getUser();
        String pin = context.getHttpRequest().getDecodedFormParameters().getFirst("pin");
        LoginAttempts attempts = new LoginAttempts(context.getSession());
        context.getEvent().user(user).detail(Details.CREDENTIAL_TYPE, PinCredentialProvider.TYPE);
        if (attempts.isLocked(user)) {
            context.getEvent().error(Errors.USER_TEMPORARILY_DISABLED);
            context.failureChallenge(AuthenticationFlowError.USER_TEMPORARILY_DISABLED,
                    context.form().setError("lanyardPinInvalid").createForm(PinPage.TEMPLATE));
            return;
        }
        if (new PinGate(context.getSession()).matches(user, pin)) {
            attempts.succeeded(user, PinGate.SECOND_FACTOR);
            context.getAuthenticationSession().removeAuthNote(FAILURES_NOTE);
            // A login that ends in the sign-in pipeline (social login by API) is not asked a second time.
            context.getAuthenticationSession().setClientNote(SecondStep.CHECKED_IN_FLOW_NOTE, "true");
            context.success();
            return;
        }
        attempts.failed(user, PinGate.SECOND_FACTOR);
        context.getEvent().error(Errors.INVALID_USER_CREDENTIALS);
        int failures = failures(context) + 1;
        if (failures >= settings(context).maxAttempts()) {
            context.getAuthenticationSession().removeAuthNote(FAILURES_NOTE);
            context.failure(AuthenticationFlowError.INVALID_CREDENTIALS,
                    context.form().setError("lanyardPinTooManyAttempts").createErrorPage(Response.Status.UNAUTHORIZED));
            return;
        }
        context.getAuthenticationSession().setAuthNote(FAILURES_NOTE, Integer.toString(failures));
        context.challenge(context.form().setError("lanyardPinInvalid").createForm(PinPage.TEMPLATE));
    }

    private static int failures(AuthenticationFlowContext context) {
        String note = context.getAuthenticationSession().getAuthNote(FAILURES_NOTE);
        return note == null ? 0 : Integer.parseInt(note);
    }

    private static PinSettings settings(AuthenticationFlowContext context) {
        AuthenticatorConfigModel config = context.getAuthenticatorConfig();
        return PinSettings.of(context.getRealm(), config == null ? null : config.getConfig());
    }

    @Override
    public boolean requiresUser() {
        return true;
    }

    @Override
    public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return new PinGate(session).isSetUpFor(user);
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
        user.addRequiredAction(SetPinRequiredActionFactory.ID);
    }
}
