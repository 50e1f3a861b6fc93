package dev.lanyard.keycloak.console;

import dev.lanyard.keycloak.realm.Capabilities;
import org.keycloak.common.Profile;
import org.keycloak.component.ComponentModel;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.utils.PostMigrationEvent;

import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Keeps the console's stored Lanyard forms equal to the attributes they stand for. The console shows a form as it
 * was last stored, but the attributes are what every route reads, and realm JSON and the admin REST API set them
 * too: a client's entry on the Lanyard clients page follows the client whenever Keycloak saves it (created,
 * imported, updated, renamed, removed), and the Lanyard tab follows its realm when the realm is imported and at
 * each start. What is written here carries a mark in the session, so the forms' own hooks do not copy it back.
 */
final class ConsoleMirror {

    private static final String MIRRORING = ConsoleMirror.class.getName();

    private ConsoleMirror() {
    }

    static void follow(KeycloakSessionFactory factory) {
        if (!Profile.isFeatureEnabled(Profile.Feature.DECLARATIVE_UI)) {
            // No console pages to keep (and no component type to store them under).
            return;
        }
        factory.register(event -> {
            if (event instanceof ClientModel.ClientUpdatedEvent updated) {
                ClientSettingsPage.show(updated.getKeycloakSession(), updated.getUpdatedClient());
            } else if (event instanceof ClientModel.ClientIdChangeEvent renamed) {
                ClientSettingsPage.forget(renamed.getKeycloakSession(), renamed.getUpdatedClient().getRealm(), renamed.getPreviousClientId());
                ClientSettingsPage.show(renamed.getKeycloakSession(), renamed.getUpdatedClient());
            } else if (event instanceof ClientModel.ClientRemovedEvent removed) {
                ClientSettingsPage.forget(removed.getKeycloakSession(), removed.getClient().getRealm(), removed.getClient().getClientId());
            } else if (event instanceof RealmModel.RealmPostCreateEvent created) {
                RealmSettingsTab.show(created.getKeycloakSession(), created.getCreatedRealm());
            } else if (event instanceof PostMigrationEvent) {
                // Settings made before this version, or while Lanyard was not installed.
                KeycloakModelUtils.runJobInTransaction(factory, session -> session.realms().getRealmsStream().forEach(realm -> {
                    RealmSettingsTab.show(session, realm);
                    if (Capabilities.of(realm).realmEnabled()) {
                        realm.getClientsStream().forEach(client -> ClientSettingsPage.show(session, client));
                    }
                }));
            }
        });
    }

    /** Whether the current writes are the mirror's own. */
    static boolean isMirroring(KeycloakSession session) {
        return session.getAttribute(MIRRORING) != null;
    }

    /**
     * Makes the first of {@code stored} (a new one from {@code created} where there is none and any attribute is set)
     * show the attributes, and removes the others.
     */
    static void keep(KeycloakSession session, RealmModel realm, List<ComponentModel> stored, AttributeForm form,
            Function<String, String> attributes, Supplier<ComponentModel> created) {
        if (stored.isEmpty() && !form.anySet(attributes)) {
            return;
        }
        write(session, () -> {
            if (stored.isEmpty()) {
                ComponentModel component = created.get();
                form.show(component, attributes);
                realm.addComponentModel(component);
                return;
            }
            ComponentModel kept = stored.get(0);
            if (!form.shows(kept, attributes)) {
                form.show(kept, attributes);
                realm.updateComponent(kept);
            }
            stored.stream().skip(1).forEach(realm::removeComponent);
        });
    }

    /** A new stored form of the realm's console. */
    static ComponentModel component(RealmModel realm, Class<?> providerType, String providerId, String name) {
        ComponentModel component = new ComponentModel();
        component.setName(name);
        component.setProviderId(providerId);
        component.setProviderType(providerType.getName());
        component.setParentId(realm.getId());
        return component;
    }

    static void write(KeycloakSession session, Runnable writes) {
        session.setAttribute(MIRRORING, Boolean.TRUE);
        try {
            writes.run();
        } finally {
            session.removeAttribute(MIRRORING);
        }
    }
}
