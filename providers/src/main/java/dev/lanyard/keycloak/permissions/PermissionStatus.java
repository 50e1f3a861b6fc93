package dev.lanyard.keycloak.permissions;

import java.util.Locale;
import java.util.Optional;

/** Where a user stands with an app. {@code none}: no record and no role; the others can be set. */
enum PermissionStatus {
    NONE, PENDING, APPROVED, DENIED, REVOKED;

    String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** A status a caller may set; empty for anything else ({@code none} included). */
    static Optional<PermissionStatus> settable(String value) {
        for (PermissionStatus status : values()) {
            if (status != NONE && status.value().equals(value)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }

    static PermissionStatus of(String stored) {
        return valueOf(stored.toUpperCase(Locale.ROOT));
    }
}
