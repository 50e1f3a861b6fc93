package dev.lanyard.keycloak.internals;

import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.authenticators.conditional.ConditionalAuthenticatorFactory;
import org.keycloak.authentication.authenticators.conditional.ConditionalLoaAuthenticatorFactory;
import org.keycloak.authentication.authenticators.util.LoAUtil;
import org.keycloak.common.util.Time;
import org.keycloak.models.ClientModel;
import org.keycloak.protocol.oidc.utils.AcrUtils;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.AuthenticationFlowModel;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.util.JsonSerialization;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;

/**
 * Keycloak's levels of authentication (step-up): the levels the realm's browser flow sets with its "Condition - Level
 * of authentication" steps (conditions, which prove nothing themselves), and the record a user session keeps of the levels its sign-in reached (Keycloak's LoA map,
 * which its cookie step reads to decide on a requested {@code acr}).
 */
public final class KeycloakLevelsOfAuthentication {

    private KeycloakLevelsOfAuthentication() {
    }

    /** Whether {@code authenticatorId} is a condition of a conditional sub-flow ("Condition - ..."), which proves nothing. */
    public static boolean isCondition(KeycloakSession session, String authenticatorId) {
        return session.getKeycloakSessionFactory().getProviderFactory(Authenticator.class, authenticatorId)
                instanceof ConditionalAuthenticatorFactory;
    }

    /** The lowest level the realm's browser flow sets; empty where it uses no levels. */
    public static OptionalInt lowestLevel(RealmModel realm) {
        return levels(realm).keySet().stream().mapToInt(Integer::intValue).min();
    }

    /** The step-up level of the realm's browser flow that takes {@code credentialType}; empty where none does. */
    public static OptionalInt levelOf(KeycloakSession session, RealmModel realm, String credentialType) {
        if (levels(realm).isEmpty()) {
            return OptionalInt.empty();
        }
        Integer level = LoAUtil.getCredentialTypesToLoAMap(session, realm, realm.getBrowserFlow()).get(credentialType);
        return level == null || level < Constants.MINIMUM_LOA ? OptionalInt.empty() : OptionalInt.of(level);
    }

    /**
     * Whether the realm's browser flow takes {@code credentialType} only at a step-up level above its lowest: a sign-in
     * without it still reaches the lower levels, as on Keycloak's login page.
     */
    public static boolean onlyAboveLowestLevel(KeycloakSession session, RealmModel realm, String credentialType) {
        OptionalInt level = levelOf(session, realm, credentialType);
        OptionalInt lowest = lowestLevel(realm);
        return level.isPresent() && lowest.isPresent() && level.getAsInt() > lowest.getAsInt();
    }

    /**
     * The level an authorization request of {@code client} asks for, as Keycloak's authorization endpoint computes it:
     * the lowest among its acr values (the {@code claims} parameter's, {@code acr_values}, else the client's defaults),
     * mapped by the client's or the realm's acr-to-level map, a number standing for itself. Empty when it asks none.
     */
    public static OptionalInt requestedLevel(ClientModel client, String claims, String acrValues) {
        Map<String, Integer> levelOfAcr = AcrUtils.getAcrLoaMap(client);
        return AcrUtils.getAcrValues(claims, acrValues, client).stream().mapToInt(acr -> {
            Integer level = levelOfAcr.get(acr);
            if (level != null) {
                return level;
            }
            try {
                return Integer.parseInt(acr);
            } catch (NumberFormatException unknown) {
                return Constants.MINIMUM_LOA;
            }
        }).min();
    }

    /** The level the "Condition - Level of authentication" step of sub-flow {@code flowId} sets; empty where it has none. */
    public static OptionalInt levelOfFlow(RealmModel realm, String flowId) {
        return realm.getAuthenticationExecutionsStream(flowId)
                .filter(execution -> ConditionalLoaAuthenticatorFactory.PROVIDER_ID.equals(execution.getAuthenticator()))
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
     * Records on {@code userSession}, as Keycloak's login page does, the levels of the realm's browser flow that a
     * sign-in by the {@code checked} credential types reached: every level, lowest first, whose steps take one of them,
     * up to the first that takes none. Keycloak then decides on a requested {@code acr} as after its own login.
     */
    public static void record(KeycloakSession session, RealmModel realm, UserSessionModel userSession, Set<String> checked) {
        Map<Integer, Integer> levels = levels(realm);
        AuthenticationFlowModel flow = realm.getBrowserFlow();
        if (levels.isEmpty() || flow == null) {
            return;
        }
        Map<String, Integer> levelOfType = LoAUtil.getCredentialTypesToLoAMap(session, realm, flow);
        Map<Integer, Integer> reached = new TreeMap<>();
        int now = Time.currentTime();
        for (int level : new TreeMap<>(levels).keySet()) {
            boolean taken = levelOfType.entrySet().stream()
                    .anyMatch(type -> type.getValue() == level && checked.contains(type.getKey()));
            if (!taken) {
                break;
            }
            reached.put(level, now);
        }
        if (!reached.isEmpty()) {
            try {
                userSession.setNote(Constants.LOA_MAP, JsonSerialization.writeValueAsString(reached));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The levels of the realm's browser flow and their maximum ages. */
    private static Map<Integer, Integer> levels(RealmModel realm) {
        return realm.getBrowserFlow() == null ? Map.of() : LoAUtil.getLoaMaxAgesConfiguredInRealmBrowserFlow(realm);
    }
}
