package dev.lanyard.keycloak.internals;

import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.SystemClientUtil;
import org.keycloak.representations.AccessToken;
import org.keycloak.services.resources.admin.AdminAuth;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;
import org.keycloak.services.resources.admin.fgap.AdminPermissions;

/**
 * Adapter over Keycloak's admin permission evaluator ({@code keycloak-services}): who administers a realm's
 * users. A session is judged by the user's roles; a bearer token as Keycloak's admin REST API judges it, by an
 * {@link AdminAuth} built from the token, so only the roles the token carries count.
 */
public final class RealmAdmins {

    private RealmAdmins() {
    }

    /** The administration rights Lanyard's routes ask for (realm-management roles, or fine-grained permissions). */
    public enum Right { MANAGE_USERS, VIEW_CLIENTS, MANAGE_CLIENTS }

    /** Whether the realm's own user has {@code right} in the realm. */
    public static boolean may(KeycloakSession session, RealmModel realm, UserModel user, Right right) {
        return allows(AdminPermissions.evaluator(session, realm, realm, user), right);
    }

    /** Whether the token, issued to {@code client} for {@code user}, gives its bearer {@code right}. */
    public static boolean tokenMay(KeycloakSession session, RealmModel realm, AccessToken token, UserModel user,
                                   ClientModel client, Right right) {
        return allows(AdminPermissions.evaluator(session, realm, new AdminAuth(realm, token, user, client)), right);
    }

    private static boolean allows(AdminPermissionEvaluator evaluator, Right right) {
        return switch (right) {
            case MANAGE_USERS -> evaluator.users().canManage();
            case VIEW_CLIENTS -> evaluator.clients().canView();
            case MANAGE_CLIENTS -> evaluator.clients().canManage();
        };
    }

    /** Whether the realm's own user may map {@code role} to users, as Keycloak's role-mapping endpoints decide. */
    public static boolean mayMapRole(KeycloakSession session, RealmModel realm, UserModel user, RoleModel role) {
        return AdminPermissions.evaluator(session, realm, realm, user).roles().canMapRole(role);
    }

    /** The same for the bearer of {@code token}, judged by what the token carries. */
    public static boolean tokenMayMapRole(KeycloakSession session, RealmModel realm, AccessToken token, UserModel user,
                                          ClientModel client, RoleModel role) {
        return AdminPermissions.evaluator(session, realm, new AdminAuth(realm, token, user, client)).roles().canMapRole(role);
    }

    /** Keycloak's record of who made an admin change: the token's client, or the realm's system client for a session. */
    static AdminAuth actor(KeycloakSession session, UserModel user, AccessToken token, ClientModel client) {
        RealmModel realm = session.getContext().getRealm();
        return new AdminAuth(realm, token, user, client != null ? client : SystemClientUtil.getSystemClient(realm));
    }
}
