package dev.lanyard.keycloak.realm;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.representations.idm.ClientPoliciesRepresentation;
import org.keycloak.representations.idm.ClientPolicyConditionRepresentation;
import org.keycloak.representations.idm.ClientPolicyExecutorRepresentation;
import org.keycloak.representations.idm.ClientPolicyRepresentation;
import org.keycloak.representations.idm.ClientProfileRepresentation;
import org.keycloak.representations.idm.ClientProfilesRepresentation;
import org.keycloak.services.clientpolicy.ClientPolicyException;
import org.keycloak.services.clientpolicy.ClientPolicyManager;

import java.util.ArrayList;
import java.util.List;

/**
 * Lanyard's client policy in a realm that has Lanyard on: the profile {@value #NAME} runs Lanyard's executors, and the
 * policy {@value #NAME} applies it to every client (each executor acts on the clients its attribute marks). Keycloak
 * runs them where it runs its own client policies, on every grant, native ones included. The policy sits beside
 * the realm's own profiles and policies (Realm settings → Client policies), where an admin can see it; it is added
 * where missing, never changed. Lanyard's client scopes ({@link LanyardClientScopes}) are added in the same places.
 */
public final class LanyardClientPolicy {

    public static final String NAME = "lanyard";
    /** A tenant's own app gets tokens only for members of its tenant (platform). */
    public static final String TENANT_MEMBERSHIP = "lanyard-tenant-membership";
    /** A gated app's refresh only while the user's permission is approved (permissions). */
    public static final String APP_PERMISSION = "lanyard-app-permission";
    private static final List<String> EXECUTORS = List.of(TENANT_MEMBERSHIP, APP_PERMISSION);
    /** Keycloak's condition that matches every client. */
    private static final String ANY_CLIENT = "any-client";
    private static final Logger LOG = Logger.getLogger(LanyardClientPolicy.class);

    private LanyardClientPolicy() {
    }

    public static void installWhereLanyardIsOn(KeycloakSession session) {
        session.realms().getRealmsStream().filter(realm -> Capabilities.of(realm).realmEnabled())
                .forEach(realm -> install(session, realm));
    }

    public static void install(KeycloakSession session, RealmModel realm) {
        LanyardClientScopes.install(realm);
        ClientPolicyManager policies = session.clientPolicy();
        try {
            ClientProfilesRepresentation profiles = policies.getClientProfiles(realm, false);
            List<ClientProfileRepresentation> realmProfiles = listOf(profiles.getProfiles());
            if (realmProfiles.stream().noneMatch(profile -> NAME.equals(profile.getName()))) {
                realmProfiles.add(profile());
                profiles.setProfiles(realmProfiles);
                policies.updateClientProfiles(realm, profiles);
            }
            ClientPoliciesRepresentation realmPolicies = policies.getClientPolicies(realm, false);
            List<ClientPolicyRepresentation> list = listOf(realmPolicies.getPolicies());
            if (list.stream().noneMatch(policy -> NAME.equals(policy.getName()))) {
                list.add(policy());
                realmPolicies.setPolicies(list);
                policies.updateClientPolicies(realm, realmPolicies);
            }
        } catch (ClientPolicyException e) {
            LOG.errorf("Lanyard's client policy could not be added to the client policies of realm %s: %s %s",
                    realm.getName(), e.getError(), e.getErrorDetail());
        }
    }

    private static ClientProfileRepresentation profile() {
        ClientProfileRepresentation profile = new ClientProfileRepresentation();
        profile.setName(NAME);
        profile.setDescription("Lanyard: tenant apps serve their tenant's members only; gated apps refresh only while the "
                + "user's app permission is approved.");
        profile.setExecutors(EXECUTORS.stream().map(id -> {
            ClientPolicyExecutorRepresentation executor = new ClientPolicyExecutorRepresentation();
            executor.setExecutorProviderId(id);
            executor.setConfiguration(JsonNodeFactory.instance.objectNode());
            return executor;
        }).toList());
        return profile;
    }

    private static ClientPolicyRepresentation policy() {
        ClientPolicyConditionRepresentation anyClient = new ClientPolicyConditionRepresentation();
        anyClient.setConditionProviderId(ANY_CLIENT);
        anyClient.setConfiguration(JsonNodeFactory.instance.objectNode());
        ClientPolicyRepresentation policy = new ClientPolicyRepresentation();
        policy.setName(NAME);
        policy.setDescription("Lanyard's checks where Keycloak issues tokens (tenant apps, gated apps).");
        policy.setEnabled(true);
        policy.setConditions(List.of(anyClient));
        policy.setProfiles(List.of(NAME));
        return policy;
    }

    private static <T> List<T> listOf(List<T> list) {
        return list == null ? new ArrayList<>() : new ArrayList<>(list);
    }
}
