package dev.lanyard.keycloak.signin;

import dev.lanyard.keycloak.http.ApiException;
import dev.lanyard.keycloak.internals.KeycloakLevelsOfAuthentication;
import dev.lanyard.keycloak.internals.KeycloakSessions;
import dev.lanyard.keycloak.internals.LoginAttempts;
import org.keycloak.common.util.Time;
import org.keycloak.credential.CredentialModel;
import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.models.credential.OTPCredentialModel;
import org.keycloak.models.credential.PasswordCredentialModel;
import org.keycloak.models.credential.WebAuthnCredentialModel;

import java.util.Optional;
import java.util.Set;

/**
 * The only way a Lanyard route turns "this user proved who they are" into a session (ARCHITECTURE §12). In one
 * order, for every route: the user is enabled, not locked by the brute-force detector, has no pending required
 * action, and passes the {@link SecondStep} (the PIN gate); only then come the Keycloak user session, the cookies
 * and the event.
 *
 * <p>Keycloak's SSO cookies are set only for users whose browser flow could ask for nothing this sign-in did
 * not check: a user with a second factor of another kind (OTP, WebAuthn, ...), or whose realm's browser flow
 * requires such a factor of everyone, gets the {@code public-session} cookie alone, so that a native authorize in that browser still goes through the realm's browser flow, and
 * such a session never counts as an admin session.
 */
public final class SignInPipeline {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final SecondStep secondStep;
    /** Whether the answer sets the session's cookies: for a browser, not for an app that signs in by API alone. */
    private final boolean cookies;

    public SignInPipeline(KeycloakSession session) {
        this(session, true);
    }

    private SignInPipeline(KeycloakSession session, boolean cookies) {
        this.session = session;
        this.realm = session.getContext().getRealm();
        this.secondStep = session.getProvider(SecondStep.class);
        this.cookies = cookies;
    }

    /**
     * The pipeline for an app that keeps no cookies (the authorization challenge): the same checks and session, but
     * no cookie on the answer, which a page could otherwise plant in a browser (login CSRF).
     */
    public static SignInPipeline forApp(KeycloakSession session) {
        return new SignInPipeline(session, false);
    }

    /**
     * The signed-in user, or a {@code pin_token} for a user who has a PIN. 401 {@code invalid_credentials} for a
     * disabled or locked user (as a wrong password answers), 403 {@code action_required} for a pending action.
     */
    public SignInResult signIn(SignInAttempt attempt) {
        UserModel user = attempt.user();
        EventBuilder event = attempt.event().user(user);
        checkAccount(user, event);
        // "Remember me" only where the realm's own switch offers it, as on Keycloak's login page.
        boolean rememberMe = attempt.rememberMe() && realm.isRememberMe();
        if (!attempt.secondStepDone() && secondStep.isSetUpFor(user)) {
            // The detector hears of success only once the PIN is right too: failures add up across both steps.
            return SignInResult.pinRequired(secondStep.challenge(user, attempt.method(), rememberMe, attempt.continuation()));
        }
        if (attempt.credentialType() != null) {
            new LoginAttempts(session).succeeded(user, attempt.credentialType());
        }
        // Keycloak's SSO only for what its browser flow would accept alone: a method it does not offer, or a factor
        // it would still ask, leaves Lanyard's public session only, and Keycloak's login page asks for the rest.
        BrowserFlowFactors browserFlow = new BrowserFlowFactors(session);
        boolean everyFactorChecked = mayShareWithBrowserFlow(user, attempt.method())
                && browserFlow.acceptsAlone(attempt.method(), user);
        UserSessionModel userSession = KeycloakSessions.signIn(session, user, rememberMe, cookies && everyFactorChecked);
        if (everyFactorChecked) {
            userSession.setNote(SignedInUser.EVERY_FACTOR_NOTE, "true");
            // The step-up levels the factors reached, as Keycloak's login page would record them.
            KeycloakLevelsOfAuthentication.record(userSession, browserFlow.reachedLevels(attempt.method(), user),
                    attempt.provenAt() > 0 ? attempt.provenAt() : Time.currentTime());
        }
        if (cookies) {
            new PublicSessionCookie(session).issue(user, userSession);
        }
        event.session(userSession).success();
        return SignInResult.signedIn(user, userSession);
    }

    /** Enabled, not locked by the brute-force detector, no pending action; the event records why not. */
    private void checkAccount(UserModel user, EventBuilder event) {
        if (!user.isEnabled()) {
            event.error(Errors.USER_DISABLED);
            throw invalidCredentials();
        }
        if (new LoginAttempts(session).isLocked(user)) {
            event.error(Errors.USER_TEMPORARILY_DISABLED);
            throw invalidCredentials();
        }
        Optional<String> pendingAction = pendingAction(user);
        if (pendingAction.isPresent()) {
            event.detail("required_action", pendingAction.get()).error("required_action_pending");
            throw ApiException.withBody(403, "action_required", new ActionRequiredRepresentation("action_required",
                    "The account has a pending action that must be completed first: " + pendingAction.get(),
                    pendingAction.get()));
        }
    }

    /**
     * Whether a native authorize may trust this session: the user has no second factor this sign-in did not check
     * (an API sign-in checks the password itself, an OTP code where its method says so and, through the second step,
     * the PIN; a passkey stands for the password, and with user verification for a second factor too).
     */
    private boolean mayShareWithBrowserFlow(UserModel user, SignInMethod method) {
        Set<String> checkedHere = checkedCredentialTypes(method);
        return user.credentialManager().getStoredCredentialsStream()
                .map(CredentialModel::getType)
                .allMatch(checkedHere::contains);
    }

    /** The credential types a sign-in by {@code method} checked, or stands for, and the PIN of the second step. */
    private Set<String> checkedCredentialTypes(SignInMethod method) {
        return switch (method) {
            case PASSWORD_AND_OTP -> Set.of(PasswordCredentialModel.TYPE, OTPCredentialModel.TYPE, secondStep.credentialType());
            // A passkey stands in for the password; with user verification it is a second factor as well.
            case PASSKEY -> Set.of(PasswordCredentialModel.TYPE, WebAuthnCredentialModel.TYPE_PASSWORDLESS, secondStep.credentialType());
            case PASSKEY_WITH_USER_VERIFICATION -> Set.of(PasswordCredentialModel.TYPE, OTPCredentialModel.TYPE,
                    WebAuthnCredentialModel.TYPE_TWOFACTOR, WebAuthnCredentialModel.TYPE_PASSWORDLESS, secondStep.credentialType());
            default -> Set.of(PasswordCredentialModel.TYPE, secondStep.credentialType());
        };
    }

    /** A required action on the account, or email verification where the realm asks for it. */
    private Optional<String> pendingAction(UserModel user) {
        Optional<String> required = user.getRequiredActionsStream().findFirst();
        if (required.isPresent()) {
            return required;
        }
        if (realm.isVerifyEmail() && !user.isEmailVerified()) {
            return Optional.of(UserModel.RequiredAction.VERIFY_EMAIL.name());
        }
        return Optional.empty();
    }

    public static ApiException invalidCredentials() {
        return ApiException.of(401, "invalid_credentials", "Invalid email, username or password");
    }
}
