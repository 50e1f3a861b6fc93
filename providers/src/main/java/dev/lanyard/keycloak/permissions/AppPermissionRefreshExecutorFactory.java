package dev.lanyard.keycloak.permissions;

import dev.lanyard.keycloak.realm.LanyardClientPolicy;
import dev.lanyard.keycloak.realm.LanyardExecutorFactory;

/** Registers {@link AppPermissionRefreshExecutor}, which Lanyard's client policy runs. */
public final class AppPermissionRefreshExecutorFactory extends LanyardExecutorFactory {

    public AppPermissionRefreshExecutorFactory() {
        super(LanyardClientPolicy.APP_PERMISSION, "Lanyard: a refresh of an app that requires app permission (client attribute "
                + "lanyard.permission.required) is refused while the user's permission is not approved.",
                AppPermissionRefreshExecutor::new);
    }
}
