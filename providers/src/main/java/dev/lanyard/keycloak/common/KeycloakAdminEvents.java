package dev.lanyard.keycloak.common;

import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resources.admin.AdminEventBuilder;

import java.util.List;

/** Adapter over Keycloak's admin events ({@code keycloak-services}): who changed what, from what to what. */
public final class KeycloakAdminEvents {

    private KeycloakAdminEvents() {
    }

    public static void record(KeycloakSession session, Caller caller, OperationType operation, List<String> path,
                              Object representation) {
        new AdminEventBuilder(session.getContext().getRealm(), caller.adminAuth(), session, session.getContext().getConnection())
                .operation(operation)
                .resource(ResourceType.CUSTOM)
                .resourcePath(path.toArray(String[]::new))
                .representation(representation)
                .success();
    }
}
