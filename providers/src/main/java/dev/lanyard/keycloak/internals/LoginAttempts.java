package dev.lanyard.keycloak.internals;

import org.keycloak.models.KeycloakContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;
import org.keycloak.services.managers.BruteForceProtector;

import java.util.Set;

/** Adapter over Keycloak's brute-force detector ({@code keycloak-services}): every attempt is reported to it. */
public final class LoginAttempts {

    private final KeycloakSession session;

    public LoginAttempts(KeycloakSession session) {
        this.session = session;
    }

    /** Locked by the detector, temporarily or for good: such a user stays out even with the right secret. */
    public boolean isLocked(UserModel user) {
        KeycloakContext context = session.getContext();
        if (!context.getRealm().isBruteForceProtected()) {
            return false;
        }
        BruteForceProtector protector = protector();
        return protector.isTemporarilyDisabled(session, context.getRealm(), user)
                || protector.isPermanentlyLockedOut(session, context.getRealm(), user);
    }

    public void failed(UserModel user, String credentialType) {
        KeycloakContext context = session.getContext();
        if (context.getRealm().isBruteForceProtected()) {
            protector().failedLogin(context.getRealm(), user, context.getConnection(), context.getUri(),
                    Set.of(credentialType));
        }
    }

    public void succeeded(UserModel user, String credentialType) {
        KeycloakContext context = session.getContext();
        if (context.getRealm().isBruteForceProtected()) {
            protector().successfulLogin(context.getRealm(), user, context.getConnection(), context.getUri(),
                    Set.of(credentialType));
        }
    }

    private BruteForceProtector protector() {
        return session.getProvider(BruteForceProtector.class);
    }
}
