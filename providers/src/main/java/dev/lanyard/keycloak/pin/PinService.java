package dev.lanyard.keycloak.pin;

import dev.lanyard.keycloak.common.ApiException;
import dev.lanyard.keycloak.common.LoginAttempts;
import dev.lanyard.keycloak.common.RouteEvents;
import dev.lanyard.keycloak.common.ThemeMessages;
import org.keycloak.credential.CredentialProvider;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserCredentialModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.OTPCredentialModel;
import org.keycloak.models.credential.PasswordCredentialModel;

/**
 * A user's PIN: set (after the password re-confirms the user), removed, checked. Wrong PINs count in
 * Keycloak's brute-force detector as a second factor ("otp" category), as wrong one-time codes do.
 */
public final class PinService {

    static final String ROUTE = "public/pin";
    /** The brute-force detector's category for second-factor failures. */
    static final String SECOND_FACTOR = OTPCredentialModel.TYPE;

    private final KeycloakSession session;

    public PinService(KeycloakSession session) {
        this.session = session;
    }

    public boolean hasPin(UserModel user) {
        return user.credentialManager().isConfiguredFor(PinCredentialProvider.TYPE);
    }

    public boolean matches(UserModel user, String pin) {
        return pin != null && user.credentialManager().isValid(new UserCredentialModel(null, PinCredentialProvider.TYPE, pin));
    }

    /** Sets or changes the PIN of a signed-in user, who confirms with the account password. */
    void setWithPassword(UserModel user, String password, String pin) {
        EventBuilder event = RouteEvents.start(session, EventType.UPDATE_CREDENTIAL, ROUTE).user(user)
                .detail(Details.CREDENTIAL_TYPE, PinCredentialProvider.TYPE);
        LoginAttempts attempts = new LoginAttempts(session);
        if (attempts.isLocked(user)) {
            event.error(Errors.USER_TEMPORARILY_DISABLED);
            throw invalidPassword();
        }
        if (password == null || !user.credentialManager().isValid(UserCredentialModel.password(password))) {
            attempts.failed(user, PasswordCredentialModel.TYPE);
            event.error(Errors.INVALID_USER_CREDENTIALS);
            throw invalidPassword();
        }
        requireAcceptable(pin, PinSettings.of(session.getContext().getRealm(), null), event);
        set(user, pin);
        event.success();
    }

    /** Sets the PIN without a password check: for the "Set up PIN" required action inside a login. */
    void set(UserModel user, String pin) {
        credentials().set(user, pin);
    }

    void remove(UserModel user) {
        EventBuilder event = RouteEvents.start(session, EventType.REMOVE_CREDENTIAL, ROUTE).user(user)
                .detail(Details.CREDENTIAL_TYPE, PinCredentialProvider.TYPE);
        if (credentials().remove(user)) {
            event.success();
        }
    }

    /** 400 with the policy's message when the PIN is malformed or trivial. */
    void requireAcceptable(String pin, PinSettings settings, EventBuilder event) {
        settings.problem(pin).ifPresent(problem -> {
            event.error(Errors.INVALID_INPUT);
            throw ApiException.of(400, "invalid_pin_format", ThemeMessages.format(session, problem.messageKey(), problem.parameters()));
        });
    }

    private PinCredentialProvider credentials() {
        return (PinCredentialProvider) session.getProvider(CredentialProvider.class, PinCredentialProviderFactory.ID);
    }

    private static ApiException invalidPassword() {
        return ApiException.unauthorized("invalid_credentials", "The password is not correct");
    }
}
