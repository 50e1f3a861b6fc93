package dev.lanyard.keycloak.permissions;

import dev.lanyard.keycloak.clients.AppAccess;
import dev.lanyard.keycloak.http.ApiException;
import dev.lanyard.keycloak.http.RouteEvents;
import dev.lanyard.keycloak.internals.KeycloakSessions;
import dev.lanyard.keycloak.metrics.LanyardMetrics;
import dev.lanyard.keycloak.internals.AdminActor;
import org.keycloak.common.util.Time;
import org.keycloak.events.Details;
import org.keycloak.events.EventType;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * App permissions. The approved role is a client role mapping of the app (what the admin console shows and
 * tokens carry); the record keeps status, requester and times. Reading combines both: a user who holds a
 * role of the app (directly, through a group or a composite) reads as approved with that role.
 */
final class PermissionService {

    private static final String APP_ROUTE = "users/{userId}/apps/{clientId}/permissions";
    private static final String ADMIN_ROUTE = "admin/users/{userId}/apps/{clientId}/permissions";
    private static final String SESSIONS_ENDED = "lanyard_sessions_ended";
    private static final String OFFLINE_SESSIONS_ENDED = "lanyard_offline_sessions_ended";

    private final KeycloakSession session;
    private final RealmModel realm;
    private final PermissionStore store;

    PermissionService(KeycloakSession session) {
        this.session = session;
        this.realm = session.getContext().getRealm();
        this.store = new PermissionStore(session);
    }

    PermissionRepresentation read(UserModel user, ClientModel client) {
        Optional<AppPermissionEntity> record = store.find(realm, user.getId(), client.getId());
        Optional<RoleModel> held = heldRole(user, client, record.map(AppPermissionEntity::getRole).orElse(null));
        if (held.isPresent()) {
            return representation(user, client, held.get().getName(), PermissionStatus.APPROVED, record);
        }
        return record
                .map(found -> {
                    // Approved once, but the role is gone (removed in the console): that is a revocation.
                    PermissionStatus status = PermissionStatus.of(found.getStatus());
                    return representation(user, client, found.getRole(),
                            status == PermissionStatus.APPROVED ? PermissionStatus.REVOKED : status, record);
                })
                .orElseGet(() -> representation(user, client, null, PermissionStatus.NONE, Optional.empty()));
    }

    /** The app's records, newest change first; each read as {@link #read} reads it. */
    List<PermissionRepresentation> list(ClientModel client, String status, int first, int max) {
        return store.listForClient(realm, client.getId(), status, first, max).stream()
                .map(record -> session.users().getUserById(realm, record.getUserId()))
                .filter(Objects::nonNull)
                .map(user -> read(user, client))
                .toList();
    }

    /**
     * Sets role and status; approval grants the role, any other status takes every direct role of the app away.
     * An app ({@code byApp}) may not grant a composite role: through one it could hand out roles beyond its own
     * (even {@code realm-management}). An admin may give and take only the roles Keycloak's admin API would let
     * them map (403 otherwise). Anything but approval ends the user's sessions of a gated app.
     */
    PermissionRepresentation update(UserModel user, ClientModel client, PermissionUpdateRequest request, AdminActor actor,
                                    boolean byApp) {
        RoleModel role = Optional.ofNullable(request.role()).map(client::getRole)
                .orElseThrow(() -> ApiException.invalidRequest("role must be a role of client " + client.getClientId()));
        PermissionStatus status = PermissionStatus.settable(request.status())
                .orElseThrow(() -> ApiException.invalidRequest("status must be pending, approved, denied or revoked"));
        if (byApp && role.isComposite()) {
            throw ApiException.invalidRequest("role " + role.getName() + " is a composite role; only a realm admin may grant it");
        }
        if (!byApp) {
            requireMappable(actor, Stream.concat(Stream.of(role), user.getClientRoleMappingsStream(client)));
        }
        PermissionRepresentation before = read(user, client);
        AppPermissionEntity record = recordOf(user, client);
        if (status == PermissionStatus.APPROVED) {
            if (record.getRole() != null && !record.getRole().equals(role.getName())) {
                removeDirectMapping(user, client.getRole(record.getRole()));
            }
            user.grantRole(role);
        } else {
            user.getClientRoleMappingsStream(client).toList().forEach(user::deleteRoleMapping);
        }
        record.setRole(role.getName());
        record.setStatus(status.value());
        return endSessionsUnlessApproved(user, client, saved(record, user, client, before, actor, OperationType.UPDATE), byApp);
    }

    /**
     * Takes every directly mapped role of the app away; {@code none} when there was nothing to revoke. An admin
     * ({@code byApp} false) may only take roles that Keycloak's admin API would let them unmap. Ends the user's
     * sessions of a gated app.
     */
    PermissionRepresentation revoke(UserModel user, ClientModel client, AdminActor actor, boolean byApp) {
        PermissionRepresentation before = read(user, client);
        List<RoleModel> mapped = user.getClientRoleMappingsStream(client).toList();
        if (!byApp) {
            requireMappable(actor, mapped.stream());
        }
        Optional<AppPermissionEntity> existing = store.find(realm, user.getId(), client.getId());
        if (existing.isEmpty() && mapped.isEmpty()) {
            return before;
        }
        mapped.forEach(user::deleteRoleMapping);
        AppPermissionEntity record = recordOf(user, client);
        record.setStatus(PermissionStatus.REVOKED.value());
        return endSessionsUnlessApproved(user, client, saved(record, user, client, before, actor, OperationType.DELETE), byApp);
    }

    /**
     * A pending request, unless already pending (idempotent) or approved (never downgraded). A user's first
     * request is inserted in a transaction of its own: of parallel first requests, one makes the record and
     * the others read it.
     */
    PermissionRepresentation requestAccess(UserModel user, ClientModel client, AccessRequest request, AdminActor actor) {
        requireFits("email", request.email());
        requireFits("name", request.name());
        PermissionRepresentation current = read(user, client);
        if (current.status().equals(PermissionStatus.APPROVED.value()) || current.status().equals(PermissionStatus.PENDING.value())) {
            return current;
        }
        Optional<AppPermissionEntity> existing = store.find(realm, user.getId(), client.getId());
        AppPermissionEntity record = existing.orElseGet(() -> newRecord(user, client));
        record.setStatus(PermissionStatus.PENDING.value());
        record.setRequesterEmail(request.email());
        record.setRequesterName(request.name());
        record.setRequestedAt(Time.currentTimeMillis());
        if (existing.isPresent()) {
            return saved(record, user, client, current, actor, OperationType.CREATE);
        }
        record.setUpdatedAt(Time.currentTimeMillis());
        if (!store.insertAlone(session, record)) {
            return read(user, client);
        }
        return recorded(user, client, current, actor, OperationType.CREATE);
    }

    /**
     * A user whose permission for a gated app is no longer approved loses their sessions of the app, online and
     * offline (Keycloak then refuses their refresh tokens), with a {@code REVOKE_GRANT} event when any ended. Their
     * other apps' sessions and the SSO session stay; a new login to the app meets the gate.
     */
    private PermissionRepresentation endSessionsUnlessApproved(UserModel user, ClientModel client, PermissionRepresentation after,
                                                               boolean byApp) {
        if (!AppAccess.isRequired(client) || PermissionStatus.APPROVED.value().equals(after.status())) {
            return after;
        }
        KeycloakSessions.EndedSessions ended = KeycloakSessions.endClientSessions(session, user, client);
        if (ended.total() > 0) {
            RouteEvents.start(session, EventType.REVOKE_GRANT, byApp ? APP_ROUTE : ADMIN_ROUTE)
                    .user(user)
                    .client(client)
                    .detail(Details.REVOKED_CLIENT, client.getClientId())
                    .detail(Details.REASON, "app_permission_" + after.status())
                    .detail(SESSIONS_ENDED, String.valueOf(ended.online()))
                    .detail(OFFLINE_SESSIONS_ENDED, String.valueOf(ended.offline()))
                    .success();
        }
        return after;
    }

    private void requireMappable(AdminActor actor, Stream<RoleModel> roles) {
        if (!roles.allMatch(role -> actor.mayMapRole(session, role))) {
            throw ApiException.accessDenied("The caller may not do this");
        }
    }

    private static void requireFits(String field, String value) {
        if (value != null && value.length() > AppPermissionEntity.REQUESTER_LENGTH) {
            throw ApiException.invalidRequest(field + " must be at most " + AppPermissionEntity.REQUESTER_LENGTH + " characters");
        }
    }

    private PermissionRepresentation saved(AppPermissionEntity record, UserModel user, ClientModel client,
                                           PermissionRepresentation before, AdminActor actor, OperationType operation) {
        record.setUpdatedAt(Time.currentTimeMillis());
        store.save(record);
        return recorded(user, client, before, actor, operation);
    }

    /** The record as it reads now, with the admin event of the change that led to it. */
    private PermissionRepresentation recorded(UserModel user, ClientModel client, PermissionRepresentation before,
                                              AdminActor actor, OperationType operation) {
        PermissionRepresentation after = read(user, client);
        LanyardMetrics.permissionChange(session.getContext().getRealm().getName(), after.status());
        actor.recordEvent(session, ResourceType.CUSTOM, operation, List.of("users", user.getId(), "apps", client.getClientId(), "permissions"),
                Map.of("before", before, "after", after));
        return after;
    }

    private AppPermissionEntity recordOf(UserModel user, ClientModel client) {
        return store.find(realm, user.getId(), client.getId()).orElseGet(() -> newRecord(user, client));
    }

    private AppPermissionEntity newRecord(UserModel user, ClientModel client) {
        AppPermissionEntity created = new AppPermissionEntity();
        created.setId(KeycloakModelUtils.generateId());
        created.setRealmId(realm.getId());
        created.setUserId(user.getId());
        created.setClientId(client.getId());
        return created;
    }

    /** The app role the user holds: the recorded one if still held, else the first by name. */
    private static Optional<RoleModel> heldRole(UserModel user, ClientModel client, String recorded) {
        RoleModel recordedRole = recorded == null ? null : client.getRole(recorded);
        if (recordedRole != null && user.hasRole(recordedRole)) {
            return Optional.of(recordedRole);
        }
        return client.getRolesStream().filter(user::hasRole).min(Comparator.comparing(RoleModel::getName));
    }

    private static void removeDirectMapping(UserModel user, RoleModel role) {
        if (role != null && user.hasDirectRole(role)) {
            user.deleteRoleMapping(role);
        }
    }

    private static PermissionRepresentation representation(UserModel user, ClientModel client, String role,
                                                           PermissionStatus status, Optional<AppPermissionEntity> record) {
        return new PermissionRepresentation(user.getId(), client.getClientId(), role, status.value(),
                record.map(AppPermissionEntity::getRequestedAt).map(PermissionService::iso).orElse(null),
                record.map(AppPermissionEntity::getUpdatedAt).map(PermissionService::iso).orElse(null));
    }

    private static String iso(long millis) {
        return Instant.ofEpochMilli(millis).toString();
    }
}
