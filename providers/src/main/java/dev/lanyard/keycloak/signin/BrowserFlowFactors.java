package dev.lanyard.keycloak.signin;

import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.AuthenticationFlowModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.PasswordCredentialModel;
import org.keycloak.provider.ProviderFactory;

import java.util.Objects;

/**
 * What the realm's browser flow asks of every user beyond the password: a REQUIRED step of another credential
 * kind (OTP, WebAuthn, ...) on a path a login can take (required or alternative sub-flows; conditional ones
 * are judged by the user's own credentials instead). Such a step makes a user who has not set it up go
 * through its setup, which an API sign-in must not let the SSO cookie skip.
 */
final class BrowserFlowFactors {

    private final KeycloakSession session;

    BrowserFlowFactors(KeycloakSession session) {
        this.session = session;
    }

    /** Whether the browser flow demands of {@code user} a factor that an API sign-in does not check. */
    boolean demandMoreOf(UserModel user) {
        AuthenticationFlowModel flow = session.getContext().getRealm().getBrowserFlow();
        return flow != null && demandsMore(flow.getId(), user);
    }

    private boolean demandsMore(String flowId, UserModel user) {
        RealmModel realm = session.getContext().getRealm();
        return realm.getAuthenticationExecutionsStream(flowId).anyMatch(execution -> execution.isAuthenticatorFlow()
                ? (execution.isRequired() || execution.isAlternative()) && demandsMore(execution.getFlowId(), user)
                : execution.isRequired() && isUncheckedFactor(execution, user));
    }

    private boolean isUncheckedFactor(AuthenticationExecutionModel execution, UserModel user) {
        ProviderFactory<Authenticator> factory = session.getKeycloakSessionFactory()
                .getProviderFactory(Authenticator.class, execution.getAuthenticator());
        String category = factory instanceof AuthenticatorFactory authenticator ? authenticator.getReferenceCategory() : null;
        if (category == null || PasswordCredentialModel.TYPE.equals(category)) {
            return false;
        }
        // The PIN gate checks a PIN the user has; one the flow would make them set up is still to come.
        return !Objects.equals(PinGate.CREDENTIAL_TYPE, category) || !new PinGate(session).hasPin(user);
    }
}
