package dev.lanyard.keycloak.signin;

import org.keycloak.events.EventBuilder;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.PasswordCredentialModel;

/**
 * "This user proved who they are, by this method": what a route hands to the {@link SignInPipeline}. The
 * {@code method} decides whether the sign-in may also count for Keycloak's SSO.
 * {@code credentialType} is the brute-force detector's category to report success for (null when the proof
 * was no credential, e.g. a magic link); {@code secondStepDone} when the {@link SecondStep} was already taken;
 * {@code continuation} travels with a second-step challenge and comes back once the step is done; {@code event}
 * is the route's event; {@code provenAt} when the factors were proven (epoch seconds), when earlier than now (a
 * step-up on an earlier sign-in's factors), else 0.
 */
public record SignInAttempt(UserModel user, SignInMethod method, String credentialType, boolean secondStepDone, boolean rememberMe,
                            Continuation continuation, EventBuilder event, int provenAt) {

    public SignInAttempt(UserModel user, SignInMethod method, String credentialType, boolean secondStepDone, boolean rememberMe,
                         Continuation continuation, EventBuilder event) {
        this(user, method, credentialType, secondStepDone, rememberMe, continuation, event, 0);
    }

    /** This attempt, with the second step taken earlier in the same sign-in (a step-up that already gave the PIN). */
    public SignInAttempt withSecondStepDone() {
        return new SignInAttempt(user, method, credentialType, true, rememberMe, continuation, event, provenAt);
    }

    /**
     * This attempt, on factors proven at {@code time} (epoch seconds): the step-up levels they reached count from then,
     * so that a level's maximum age is not renewed by signing in again on old factors.
     */
    public SignInAttempt provenAt(int time) {
        return new SignInAttempt(user, method, credentialType, secondStepDone, rememberMe, continuation, event, time);
    }

    public static SignInAttempt password(UserModel user, boolean rememberMe, Continuation continuation, EventBuilder event) {
        return new SignInAttempt(user, SignInMethod.PASSWORD, PasswordCredentialModel.TYPE, false, rememberMe, continuation, event);
    }

    /** A password and an OTP code, both checked; the detector hears of success in the password category. */
    public static SignInAttempt passwordAndOtp(UserModel user, Continuation continuation, EventBuilder event) {
        return new SignInAttempt(user, SignInMethod.PASSWORD_AND_OTP, PasswordCredentialModel.TYPE, false, false, continuation, event);
    }

    public static SignInAttempt link(UserModel user, Continuation continuation, EventBuilder event) {
        return new SignInAttempt(user, SignInMethod.MAGIC_LINK, null, false, false, continuation, event);
    }

    /**
     * A passkey checked by Keycloak's WebAuthn stack. One asserted with user verification is two factors and stands
     * for the second step too, unless the realm wants the PIN even then ({@code secondStepStillDue}). The detector
     * hears of it in the password category, the one a passkey stands in for (it drops a {@code webauthn-passwordless}
     * category).
     */
    public static SignInAttempt passkey(UserModel user, boolean userVerified, boolean secondStepStillDue, boolean rememberMe,
                                        Continuation continuation, EventBuilder event) {
        return new SignInAttempt(user, userVerified ? SignInMethod.PASSKEY_WITH_USER_VERIFICATION : SignInMethod.PASSKEY,
                PasswordCredentialModel.TYPE, userVerified && !secondStepStillDue, rememberMe, continuation, event);
    }

    /** A sign-in by an identity provider; {@code secondStepDone} when the broker flow already took the step. */
    public static SignInAttempt brokered(UserModel user, boolean secondStepDone, Continuation continuation, EventBuilder event) {
        return new SignInAttempt(user, SignInMethod.IDENTITY_PROVIDER, null, secondStepDone, false, continuation, event);
    }
}
