package dev.lanyard.keycloak.secrets;

import org.keycloak.credential.hash.PasswordHashProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.PasswordPolicy;
import org.keycloak.models.credential.PasswordCredentialModel;

/** Hashes a password the way the realm's password policy says Keycloak stores it. */
public final class RealmPasswordHashing {

    private final KeycloakSession session;

    public RealmPasswordHashing(KeycloakSession session) {
        this.session = session;
    }

    public PasswordCredentialModel hash(String password) {
        PasswordPolicy policy = session.getContext().getRealm().getPasswordPolicy();
        String algorithm = policy.getHashAlgorithm();
        PasswordHashProvider provider = algorithm == null
                ? session.getProvider(PasswordHashProvider.class)
                : session.getProvider(PasswordHashProvider.class, algorithm);
        return provider.encodedCredential(password, policy.getHashIterations());
    }

    /** Spends the time of a password check where there is no account, so timing does not tell whether one exists. */
    public void spendCheckTime(String password) {
        hash(password);
    }
}
