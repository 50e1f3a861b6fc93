package dev.lanyard.keycloak.permissions;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;

/**
 * The request and status record of one user's permission for one app. The approved role itself is a
 * Keycloak client role mapping; this row keeps what Keycloak has no place for: status, requester, times.
 */
@Entity
@Table(name = "LANYARD_APP_PERMISSION",
        uniqueConstraints = @UniqueConstraint(columnNames = {"REALM_ID", "USER_ID", "CLIENT_ID"}))
@NamedQueries({
        @NamedQuery(name = "lanyardPermissionOf", query = "select p from AppPermissionEntity p"
                + " where p.realmId = :realmId and p.userId = :userId and p.clientId = :clientId"),
        @NamedQuery(name = "lanyardPermissionsOfClient", query = "select p from AppPermissionEntity p"
                + " where p.realmId = :realmId and p.clientId = :clientId order by p.updatedAt desc, p.id"),
        @NamedQuery(name = "lanyardPermissionsOfClientWithStatus", query = "select p from AppPermissionEntity p"
                + " where p.realmId = :realmId and p.clientId = :clientId and p.status = :status"
                + " order by p.updatedAt desc, p.id"),
        @NamedQuery(name = "lanyardDeletePermissionsOfUser",
                query = "delete from AppPermissionEntity p where p.realmId = :realmId and p.userId = :userId"),
        @NamedQuery(name = "lanyardDeletePermissionsOfClient",
                query = "delete from AppPermissionEntity p where p.realmId = :realmId and p.clientId = :clientId"),
        @NamedQuery(name = "lanyardDeletePermissionsOfRealm",
                query = "delete from AppPermissionEntity p where p.realmId = :realmId")
})
public class AppPermissionEntity {

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "USER_ID", length = 36, nullable = false)
    private String userId;

    /** The client's internal id, so a renamed client keeps its records. */
    @Column(name = "CLIENT_ID", length = 36, nullable = false)
    private String clientId;

    @Column(name = "ROLE")
    private String role;

    @Column(name = "STATUS", length = 16, nullable = false)
    private String status;

    /** The columns' size: longer requester emails and names are refused before anything is written. */
    static final int REQUESTER_LENGTH = 255;

    @Column(name = "REQUESTER_EMAIL", length = REQUESTER_LENGTH)
    private String requesterEmail;

    @Column(name = "REQUESTER_NAME", length = REQUESTER_LENGTH)
    private String requesterName;

    @Column(name = "REQUESTED_AT")
    private Long requestedAt;

    @Column(name = "UPDATED_AT", nullable = false)
    private long updatedAt;

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getRealmId() {
        return realmId;
    }

    public void setRealmId(String realmId) {
        this.realmId = realmId;
    }

    public String getUserId() {
        return userId;
    }

    public void setUserId(String userId) {
        this.userId = userId;
    }

    public String getClientId() {
        return clientId;
    }

    public void setClientId(String clientId) {
        this.clientId = clientId;
    }

    public String getRole() {
        return role;
    }

    public void setRole(String role) {
        this.role = role;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public String getRequesterEmail() {
        return requesterEmail;
    }

    public void setRequesterEmail(String requesterEmail) {
        this.requesterEmail = requesterEmail;
    }

    public String getRequesterName() {
        return requesterName;
    }

    public void setRequesterName(String requesterName) {
        this.requesterName = requesterName;
    }

    public Long getRequestedAt() {
        return requestedAt;
    }

    public void setRequestedAt(Long requestedAt) {
        this.requestedAt = requestedAt;
    }

    public long getUpdatedAt() {
        return updatedAt;
    }

    public void setUpdatedAt(long updatedAt) {
        this.updatedAt = updatedAt;
    }
}
