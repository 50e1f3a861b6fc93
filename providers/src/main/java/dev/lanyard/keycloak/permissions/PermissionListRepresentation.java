package dev.lanyard.keycloak.permissions;

import java.util.List;

/** A page of an app's permission records, for admins working through requests. */
public record PermissionListRepresentation(List<PermissionRepresentation> permissions, int first, int max) {
}
