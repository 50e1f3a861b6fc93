package dev.lanyard.keycloak.internals;

import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.authenticators.conditional.ConditionalAuthenticatorFactory;
import org.keycloak.authentication.authenticators.conditional.ConditionalLoaAuthenticatorFactory;
import org.keycloak.authentication.authenticators.util.LoAUtil;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.util.JsonSerialization;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * Keycloak's levels of authentication (step-up): the level a sub-flow's "Condition - Level of authentication" sets
 * (conditions prove nothing themselves), and the record a user session keeps of the levels its sign-in reached
 * (Keycloak's LoA map, which its cookie step reads to decide on a requested {@code acr}).
 */
public final class KeycloakLevelsOfAuthentication {

    private KeycloakLevelsOfAuthentication() {
    }

    /** Whether {@code authenticatorId} is a condition of a conditional sub-flow ("Condition - ..."), which proves nothing. */
    public static boolean isCondition(KeycloakSession session, String authenticatorId) {
        return session.getKeycloakSessionFactory().getProviderFactory(Authenticator.class, authenticatorId)
                instanceof ConditionalAuthenticatorFactory;
    }

    /** The level the "Condition - Level of authentication" step of sub-flow {@code flowId} sets; empty where it has none. */
    public static OptionalInt levelOfFlow(RealmModel realm, String flowId) {
        return realm.getAuthenticationExecutionsStream(flowId)
                .filter(execution -> !execution.isDisabled()
                        && ConditionalLoaAuthenticatorFactory.PROVIDER_ID.equals(execution.getAuthenticator()))
                .map(AuthenticationExecutionModel::getAuthenticatorConfig)
                .filter(configId -> configId != null)
                .map(realm::getAuthenticatorConfigById)
                .filter(config -> config != null)
                .map(LoAUtil::getLevelFromLoaConditionConfiguration)
                .filter(level -> level != null)
                .mapToInt(Integer::intValue)
                .findFirst();
    }

    /**
     * Records on {@code userSession} the step-up {@code levels} its sign-in reached, proven at {@code provenAt} (epoch
     * seconds), as Keycloak's login page records them (its LoA map): Keycloak's cookie step then decides on a requested
     * {@code acr}, each level's maximum age counted from when it was proven.
     */
    public static void record(UserSessionModel userSession, List<Integer> levels, int provenAt) {
        if (levels.isEmpty()) {
            return;
        }
        Map<Integer, Integer> reached = new TreeMap<>();
        levels.forEach(level -> reached.put(level, provenAt));
        try {
            userSession.setNote(Constants.LOA_MAP, JsonSerialization.writeValueAsString(reached));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
