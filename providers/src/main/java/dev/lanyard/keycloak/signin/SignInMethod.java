package dev.lanyard.keycloak.signin;

/**
 * How a user proved who they are. A method counts for Keycloak's SSO only where the realm's browser flow offers a
 * step of that method (see {@link BrowserFlowFactors}): a magic link never stands in for a password the flow asks.
 */
public enum SignInMethod {
    /** A password, checked by Keycloak's credential manager; the browser flow's password steps offer it. */
    PASSWORD,
    /** A password and the code of the user's Keycloak OTP credential, both checked by Keycloak's credential manager. */
    PASSWORD_AND_OTP,
    /** A mailed link; the browser flow offers it through Lanyard's magic-link step. */
    MAGIC_LINK,
    /** An identity provider, through Keycloak's own broker endpoint and its first- and post-broker-login flows. */
    IDENTITY_PROVIDER,
    /** A discoverable passkey (Keycloak's {@code webauthn-passwordless} credential) asserted with user presence only. */
    PASSKEY,
    /**
     * A passkey asserted with user verification (a PIN or biometric on the authenticator): two factors, something
     * the user has and something they know or are.
     */
    PASSKEY_WITH_USER_VERIFICATION;

    /** The authenticator id of the magic-link browser step; MagicLinkAuthenticatorFactory registers it. */
    public static final String MAGIC_LINK_STEP = "lanyard-magic-link";

    /** Keycloak's passwordless WebAuthn step (WebAuthnPasswordlessAuthenticatorFactory), which a passkey passes. */
    static final String PASSKEY_STEP = "webauthn-authenticator-passwordless";

    boolean checksPassword() {
        return this == PASSWORD || this == PASSWORD_AND_OTP;
    }

    boolean checksOtp() {
        return this == PASSWORD_AND_OTP;
    }

    boolean checksPasskey() {
        return this == PASSKEY || this == PASSKEY_WITH_USER_VERIFICATION;
    }
}
