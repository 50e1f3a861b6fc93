package dev.lanyard.keycloak.admin;

import dev.lanyard.keycloak.flow.ThemeMessages;
import dev.lanyard.keycloak.http.ApiException;
import dev.lanyard.keycloak.internals.UserProfileErrors;
import dev.lanyard.keycloak.secrets.PasswordPolicy;
import dev.lanyard.keycloak.internals.AdminActor;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.userprofile.UserProfile;
import org.keycloak.userprofile.UserProfileContext;
import org.keycloak.userprofile.UserProfileProvider;
import org.keycloak.userprofile.ValidationException;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Seed 004's "register a new user" for admins: a Keycloak user checked by the realm's user profile (as the admin
 * API creates one) and password policy, with an optional realm role that the admin may map (as Keycloak's
 * role-mapping API decides). An existing email or username is a 409; the change is a {@code USER} admin event.
 */
final class UserAdminService {

    private final KeycloakSession session;
    private final RealmModel realm;

    UserAdminService(KeycloakSession session) {
        this.session = session;
        this.realm = session.getContext().getRealm();
    }

    NewUserRepresentation create(NewUserRequest request, AdminActor actor) {
        String email = trimmed(request.email());
        String password = request.password();
        if (email == null || password == null || password.isEmpty()) {
            throw ApiException.invalidRequest("email and password are required");
        }
        String username = trimmed(request.username()) == null ? email : trimmed(request.username());
        RoleModel role = null;
        if (trimmed(request.role()) != null) {
            role = realm.getRole(trimmed(request.role()));
            if (role == null) {
                throw ApiException.invalidRequest("No such realm role: " + request.role());
            }
            if (!actor.mayMapRole(session, role)) {
                throw ApiException.accessDenied("The caller may not do this");
            }
        }
        PasswordPolicy.require(session, username, password);
        UserProfile profile = session.getProvider(UserProfileProvider.class)
                .create(UserProfileContext.USER_API, Map.of(UserModel.USERNAME, username, UserModel.EMAIL, email));
        try {
            profile.validate();
        } catch (ValidationException e) {
            if (UserProfileErrors.isOnlyDuplicateAccount(e)) {
                throw ApiException.conflict("An account with this email or username already exists");
            }
            throw ApiException.invalidRequest(UserProfileErrors.firstOtherThanDuplicateAccount(e).getFormattedMessage(
                    (key, parameters) -> ThemeMessages.format(session, key, parameters)));
        }
        UserModel user = profile.create();
        user.setEnabled(true);
        PasswordPolicy.set(session, user, password);
        if (role != null) {
            user.grantRole(role);
        }
        NewUserRepresentation created = new NewUserRepresentation(user.getId(), user.getEmail(), user.getUsername(),
                role == null ? null : role.getName(), Instant.ofEpochMilli(user.getCreatedTimestamp()).toString());
        actor.recordEvent(session, ResourceType.USER, OperationType.CREATE, List.of("users", user.getId()), created);
        return created;
    }

    private static String trimmed(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
