package dev.lanyard.keycloak.signin;

import org.keycloak.events.EventBuilder;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.PasswordCredentialModel;

import java.util.Map;

/**
 * "This user proved who they are, by this method": what a route hands to the {@link SignInPipeline}. The
 * {@code method} decides whether the sign-in may also count for Keycloak's SSO.
 * {@code credentialType} is the brute-force detector's category to report success for (null when the proof
 * was no credential, e.g. a magic link); {@code continuation} travels with a PIN challenge and comes back
 * once the PIN is right (where to redirect, which client); {@code event} is the route's event.
 */
public record SignInAttempt(UserModel user, SignInMethod method, String credentialType, boolean pinVerified, boolean rememberMe,
                            Map<String, String> continuation, EventBuilder event) {

    /** Continuation keys: where a browser sign-in goes after the PIN, and for which client. */
    public static final String REDIRECT_URI = "redirect_uri";
    public static final String CLIENT_ID = "client_id";

    public static SignInAttempt password(UserModel user, boolean rememberMe, EventBuilder event) {
        return password(user, rememberMe, Map.of(), event);
    }

    public static SignInAttempt password(UserModel user, boolean rememberMe, Map<String, String> continuation, EventBuilder event) {
        return new SignInAttempt(user, SignInMethod.PASSWORD, PasswordCredentialModel.TYPE, false, rememberMe, continuation, event);
    }

    public static SignInAttempt link(UserModel user, Map<String, String> continuation, EventBuilder event) {
        return new SignInAttempt(user, SignInMethod.MAGIC_LINK, null, false, false, continuation, event);
    }

    /** A sign-in by an identity provider; {@code pinChecked} when the broker flow already asked for the PIN. */
    public static SignInAttempt brokered(UserModel user, boolean pinChecked, Map<String, String> continuation, EventBuilder event) {
        return new SignInAttempt(user, SignInMethod.IDENTITY_PROVIDER, null, pinChecked, false, continuation, event);
    }

    /** The sign-in a {@code pin_token} held back, now that its PIN was right. */
    public static SignInAttempt afterPin(PinGate.Verification verification, EventBuilder event) {
        return new SignInAttempt(verification.user(), verification.method(), PinGate.SECOND_FACTOR, true,
                verification.rememberMe(), verification.continuation(), event);
    }
}
