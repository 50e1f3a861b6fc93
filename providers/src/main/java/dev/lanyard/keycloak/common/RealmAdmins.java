package dev.lanyard.keycloak.common;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.admin.fgap.AdminPermissions;

/** Adapter over Keycloak's admin permission evaluator ({@code keycloak-services}): who administers a realm's users. */
public final class RealmAdmins {

    private RealmAdmins() {
    }

    /** Whether the realm's own user may manage the realm's users (realm-management {@code manage-users} or more). */
    public static boolean mayManageUsers(KeycloakSession session, RealmModel realm, UserModel user) {
        return AdminPermissions.evaluator(session, realm, realm, user).users().canManage();
    }
}
