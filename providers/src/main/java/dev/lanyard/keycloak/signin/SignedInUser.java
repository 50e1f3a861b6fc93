package dev.lanyard.keycloak.signin;

import dev.lanyard.keycloak.internals.RealmAdmins;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;

/**
 * A user with a live Keycloak user session, as proven by a cookie or a token; {@code everyFactorChecked} when its
 * sign-in checked every factor the user has and the realm's browser flow asks for.
 */
public record SignedInUser(UserModel user, UserSessionModel userSession, boolean everyFactorChecked) {

    /** User-session note: the sign-in checked every factor the user has (no OTP or WebAuthn was left out). */
    static final String EVERY_FACTOR_NOTE = "lanyard.every-factor";

    /** The user of a session that Lanyard's sign-in pipeline started (which notes whether it checked every factor). */
    public static SignedInUser of(UserSessionModel userSession) {
        return new SignedInUser(userSession.getUser(), userSession, "true".equals(userSession.getNote(EVERY_FACTOR_NOTE)));
    }

    /**
     * Whether the session may act as the realm's admin says the user may: only when its sign-in checked
     * every factor the user has, so that a password alone never carries an OTP-protected admin's rights.
     */
    public boolean mayAdminister(KeycloakSession session) {
        return mayAdminister(session, RealmAdmins.Right.MANAGE_USERS);
    }

    /** The same for another administration right. */
    public boolean mayAdminister(KeycloakSession session, RealmAdmins.Right right) {
        return everyFactorChecked && RealmAdmins.may(session, session.getContext().getRealm(), user, right);
    }
}
