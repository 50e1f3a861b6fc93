package dev.lanyard.keycloak.internals;

import org.keycloak.models.KeycloakContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;
import org.keycloak.services.managers.BruteForceProtector;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Adapter over Keycloak's brute-force detector ({@code keycloak-services}): every attempt is reported to it. */
public final class LoginAttempts {

    private static final Method FAILED_LOGIN = KeycloakSignatures.widest(BruteForceProtector.class, "failedLogin");
    private static final Method SUCCESSFUL_LOGIN = KeycloakSignatures.widest(BruteForceProtector.class, "successfulLogin");

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
            report(FAILED_LOGIN, context, user, credentialType);
        }
    }

    public void succeeded(UserModel user, String credentialType) {
        KeycloakContext context = session.getContext();
        if (context.getRealm().isBruteForceProtected()) {
            report(SUCCESSFUL_LOGIN, context, user, credentialType);
        }
    }

    /** The credential type is a Set since Keycloak 26.7, a String in 26.6, and not passed before. */
    private void report(Method method, KeycloakContext context, UserModel user, String credentialType) {
        List<Object> arguments = new ArrayList<>(List.of(context.getRealm(), user, context.getConnection(), context.getUri()));
        if (method.getParameterCount() > arguments.size()) {
            Class<?> type = method.getParameterTypes()[arguments.size()];
            arguments.add(type == Set.class ? Set.of(credentialType) : credentialType);
        }
        KeycloakSignatures.invoke(protector(), method, arguments.toArray());
    }

    private BruteForceProtector protector() {
        return session.getProvider(BruteForceProtector.class);
    }
}
