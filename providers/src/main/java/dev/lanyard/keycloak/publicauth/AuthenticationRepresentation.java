package dev.lanyard.keycloak.publicauth;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.lanyard.keycloak.common.PublicUserRepresentation;

/** Answer of login and register: {@code {"status", "user"}}, the user left out where nobody is signed in. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuthenticationRepresentation(String status, PublicUserRepresentation user) {

    static AuthenticationRepresentation authenticated(PublicUserRepresentation user) {
        return new AuthenticationRepresentation("authenticated", user);
    }

    static AuthenticationRepresentation created(PublicUserRepresentation user) {
        return new AuthenticationRepresentation("created", user);
    }

    static AuthenticationRepresentation verificationRequired() {
        return new AuthenticationRepresentation("verification_required", null);
    }
}
