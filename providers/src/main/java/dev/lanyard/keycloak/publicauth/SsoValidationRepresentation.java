package dev.lanyard.keycloak.publicauth;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.lanyard.keycloak.signin.PublicUserRepresentation;

/** Answer of {@code GET sso/validate}: {@code {"valid", "type": "public"|"admin", "user"}}, or just {@code {"valid": false}}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SsoValidationRepresentation(boolean valid, String type, PublicUserRepresentation user) {

    static SsoValidationRepresentation invalid() {
        return new SsoValidationRepresentation(false, null, null);
    }
}
