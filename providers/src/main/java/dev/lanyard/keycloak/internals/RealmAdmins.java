package dev.lanyard.keycloak.internals;

import org.keycloak.models.ClientModel;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.utils.RoleUtils;
import org.keycloak.models.utils.SystemClientUtil;
import org.keycloak.representations.AccessToken;
import org.keycloak.services.resources.admin.AdminAuth;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;
import org.keycloak.services.resources.admin.fgap.AdminPermissions;

/**
 * Adapter over Keycloak's admin permission evaluator ({@code keycloak-services}): who administers a realm's
 * users. A session is judged by the user's roles; a bearer token as Keycloak's admin REST API judges it, by an
 * {@link AdminAuth} built from the token, so only the roles the token carries count.
 *
 * <p>A session is judged through a token too: one that carries every role of the user. Keycloak before 26.7
 * builds its evaluator of a bare user without the realm when fine-grained admin permissions v2 are on (the
 * default), and that evaluator refuses every admin; the token form is judged alike on every 26.x.
 */
public final class RealmAdmins {

    private RealmAdmins() {
    }

    /** The administration rights Lanyard's routes ask for (realm-management roles, or fine-grained permissions). */
    public enum Right { MANAGE_USERS, VIEW_CLIENTS, MANAGE_CLIENTS }

    /** Whether the realm's own user has {@code right} in the realm. */
    public static boolean may(KeycloakSession session, RealmModel realm, UserModel user, Right right) {
        return allows(AdminPermissions.evaluator(session, realm, userAuth(realm, user)), right);
    }

    /** Whether the token, issued to {@code client} for {@code user}, gives its bearer {@code right}. */
    public static boolean tokenMay(KeycloakSession session, RealmModel realm, AccessToken token, UserModel user,
                                   ClientModel client, Right right) {
        return allows(AdminPermissions.evaluator(session, realm, new AdminAuth(realm, token, user, client)), right);
    }

    /**
     * Whether the caller of Keycloak's admin REST API in this request has {@code right} in {@code realm}, judged as
     * that API judges it: by the token it verified and the user of the session it verified the token against (the
     * realm's own admin or a master admin). Keycloak's admin API always sets that token; a call without one is the
     * server's own (a realm import at start-up) and is allowed.
     */
    public static boolean adminRequestMay(KeycloakSession session, RealmModel realm, Right right) {
        KeycloakContext context = session.getContext();
        if (!(context.getBearerToken() instanceof AccessToken token)) {
            return true;
        }
        UserSessionModel userSession = context.getUserSession();
        return userSession != null && allows(AdminPermissions.evaluator(session, realm,
                new AdminAuth(userSession.getRealm(), token, userSession.getUser(), context.getClient())), right);
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
        return AdminPermissions.evaluator(session, realm, userAuth(realm, user)).roles().canMapRole(role);
    }

    /** The same for the bearer of {@code token}, judged by what the token carries. */
    public static boolean tokenMayMapRole(KeycloakSession session, RealmModel realm, AccessToken token, UserModel user,
                                          ClientModel client, RoleModel role) {
        return AdminPermissions.evaluator(session, realm, new AdminAuth(realm, token, user, client)).roles().canMapRole(role);
    }

    /**
     * The user as a caller of the admin REST API through Keycloak's admin console, holding all the user's roles
     * (composites and groups' roles included). Only looked up: judging rights writes nothing.
     */
    private static AdminAuth userAuth(RealmModel realm, UserModel user) {
        ClientModel console = realm.getClientByClientId(Constants.ADMIN_CONSOLE_CLIENT_ID);
        AccessToken token = new AccessToken();
        token.id(KeycloakModelUtils.generateId());
        token.subject(user.getId());
        token.issuedFor(Constants.ADMIN_CONSOLE_CLIENT_ID);
        // Present even when empty, so that Keycloak does not look for a user session to fill the roles in.
        token.setRealmAccess(new AccessToken.Access());
        for (RoleModel role : RoleUtils.getDeepUserRoleMappings(user)) {
            AccessToken.Access access = role.isClientRole()
                    ? token.addAccess(((ClientModel) role.getContainer()).getClientId())
                    : token.getRealmAccess();
            access.addRole(role.getName());
        }
        return new AdminAuth(realm, token, user, console);
    }

    /** Keycloak's record of who made an admin change: the token's client, or the realm's system client for a session. */
    static AdminAuth actor(KeycloakSession session, UserModel user, AccessToken token, ClientModel client) {
        RealmModel realm = session.getContext().getRealm();
        return new AdminAuth(realm, token, user, client != null ? client : SystemClientUtil.getSystemClient(realm));
    }
}
