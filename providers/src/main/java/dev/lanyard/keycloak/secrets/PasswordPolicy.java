package dev.lanyard.keycloak.secrets;

import dev.lanyard.keycloak.flow.ThemeMessages;
import dev.lanyard.keycloak.http.ApiException;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelException;
import org.keycloak.models.UserCredentialModel;
import org.keycloak.models.UserModel;
import org.keycloak.policy.PasswordPolicyManagerProvider;
import org.keycloak.policy.PolicyError;

/** The realm's password policy for passwords that Lanyard's routes set: a refusal is a 400 with the policy's own message. */
public final class PasswordPolicy {

    private PasswordPolicy() {
    }

    /** The checks that need no account (length, digits, not the username, ...), before anything is written. */
    public static void require(KeycloakSession session, String username, String password) {
        require(session, session.getProvider(PasswordPolicyManagerProvider.class).validate(username, password));
    }

    public static void require(KeycloakSession session, PolicyError error) {
        if (error != null) {
            throw ApiException.invalidRequest(ThemeMessages.format(session, error.getMessage(), error.getParameters()));
        }
    }

    /** Sets the account's password; the checks that need the account (e.g. "not email") refuse here. */
    public static void set(KeycloakSession session, UserModel user, String password) {
        try {
            user.credentialManager().updateCredential(UserCredentialModel.password(password, false));
        } catch (ModelException e) {
            throw ApiException.invalidRequest(ThemeMessages.format(session, e.getMessage(), e.getParameters()));
        }
    }
}
