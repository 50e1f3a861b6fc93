package dev.lanyard.keycloak.platform;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.lanyard.keycloak.realm.Capabilities;
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
 * Lanyard's client policy in a realm: the profile {@value #NAME} runs {@link TenantMembershipExecutor}, and the policy
 * {@value #NAME} applies it to every client (the executor acts on tenant apps only). It sits beside the realm's own
 * profiles and policies, in Realm settings → Client policies, where an admin can see it; it is added where missing,
 * never changed.
 */
final class TenantBindingPolicy {

    static final String NAME = "lanyard-tenant-binding";
    /** Keycloak's condition that matches every client. */
    private static final String ANY_CLIENT = "any-client";
    private static final Logger LOG = Logger.getLogger(TenantBindingPolicy.class);

    private TenantBindingPolicy() {
    }

    /** Whether the attribute change turns Lanyard on in a realm that may have it. */
    static boolean turnsLanyardOn(RealmModel.RealmAttributeUpdateEvent update) {
        return Capabilities.ENABLED.equals(update.getAttributeName()) && "true".equalsIgnoreCase(update.getAttributeValue())
                && Capabilities.refusalToEnable(update.getRealm().getName()).isEmpty();
    }

    static void installWhereLanyardIsOn(KeycloakSession session) {
        session.realms().getRealmsStream().filter(realm -> Capabilities.of(realm).realmEnabled())
                .forEach(realm -> install(session, realm));
    }

    static void install(KeycloakSession session, RealmModel realm) {
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
            LOG.errorf("Lanyard's tenant binding could not be added to the client policies of realm %s: %s %s",
                    realm.getName(), e.getError(), e.getErrorDetail());
        }
    }

    private static ClientProfileRepresentation profile() {
        ClientPolicyExecutorRepresentation executor = new ClientPolicyExecutorRepresentation();
        executor.setExecutorProviderId(TenantMembershipExecutorFactory.ID);
        executor.setConfiguration(JsonNodeFactory.instance.objectNode());
        ClientProfileRepresentation profile = new ClientProfileRepresentation();
        profile.setName(NAME);
        profile.setDescription("Lanyard: a tenant's own app gets tokens only for members of the tenant's organization.");
        profile.setExecutors(List.of(executor));
        return profile;
    }

    private static ClientPolicyRepresentation policy() {
        ClientPolicyConditionRepresentation anyClient = new ClientPolicyConditionRepresentation();
        anyClient.setConditionProviderId(ANY_CLIENT);
        anyClient.setConfiguration(JsonNodeFactory.instance.objectNode());
        ClientPolicyRepresentation policy = new ClientPolicyRepresentation();
        policy.setName(NAME);
        policy.setDescription("Lanyard: tenant apps (lanyard.platform.tenant) serve members of their tenant only.");
        policy.setEnabled(true);
        policy.setConditions(List.of(anyClient));
        policy.setProfiles(List.of(NAME));
        return policy;
    }

    private static <T> List<T> listOf(List<T> list) {
        return list == null ? new ArrayList<>() : new ArrayList<>(list);
    }
}
