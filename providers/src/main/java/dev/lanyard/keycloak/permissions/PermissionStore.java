package dev.lanyard.keycloak.permissions;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

import java.util.List;
import java.util.Optional;

/** The permission records in Keycloak's database, in the request's transaction. */
final class PermissionStore {

    private final EntityManager em;

    PermissionStore(KeycloakSession session) {
        this.em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    Optional<AppPermissionEntity> find(RealmModel realm, String userId, String clientId) {
        return em.createNamedQuery("lanyardPermissionOf", AppPermissionEntity.class)
                .setParameter("realmId", realm.getId())
                .setParameter("userId", userId)
                .setParameter("clientId", clientId)
                .getResultStream().findFirst();
    }

    List<AppPermissionEntity> listForClient(RealmModel realm, String clientId, String status, int first, int max) {
        TypedQuery<AppPermissionEntity> query = status == null
                ? em.createNamedQuery("lanyardPermissionsOfClient", AppPermissionEntity.class)
                : em.createNamedQuery("lanyardPermissionsOfClientWithStatus", AppPermissionEntity.class).setParameter("status", status);
        return query.setParameter("realmId", realm.getId())
                .setParameter("clientId", clientId)
                .setFirstResult(first)
                .setMaxResults(max)
                .getResultList();
    }

    void save(AppPermissionEntity entity) {
        if (em.contains(entity)) {
            return;
        }
        em.persist(entity);
    }

    /**
     * Inserts a new record in a transaction of its own, committed at once; false when a record of the same user
     * and client got there first (the unique constraint refused this one).
     */
    boolean insertAlone(KeycloakSession session, AppPermissionEntity record) {
        try {
            KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(),
                    own -> own.getProvider(JpaConnectionProvider.class).getEntityManager().persist(record));
            return true;
        } catch (ModelDuplicateException e) {
            return false;
        }
    }

    void deleteForUser(RealmModel realm, String userId) {
        em.createNamedQuery("lanyardDeletePermissionsOfUser")
                .setParameter("realmId", realm.getId()).setParameter("userId", userId).executeUpdate();
    }

    void deleteForClient(RealmModel realm, String clientId) {
        em.createNamedQuery("lanyardDeletePermissionsOfClient")
                .setParameter("realmId", realm.getId()).setParameter("clientId", clientId).executeUpdate();
    }

    void deleteForRealm(RealmModel realm) {
        em.createNamedQuery("lanyardDeletePermissionsOfRealm").setParameter("realmId", realm.getId()).executeUpdate();
    }
}
