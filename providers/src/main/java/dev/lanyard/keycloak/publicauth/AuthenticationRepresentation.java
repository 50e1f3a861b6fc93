package dev.lanyard.keycloak.publicauth;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.lanyard.keycloak.signin.PublicUserRepresentation;

/** Answer of login and register: {@code {"status", "user"}} or {@code {"status": "pin_required", "pin_token"}}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuthenticationRepresentation(String status, PublicUserRepresentation user,
                                           @JsonProperty("pin_token") String pinToken) {

    static AuthenticationRepresentation authenticated(PublicUserRepresentation user) {
        return new AuthenticationRepresentation("authenticated", user, null);
    }

    static AuthenticationRepresentation created(PublicUserRepresentation user) {
        return new AuthenticationRepresentation("created", user, null);
    }

    static AuthenticationRepresentation verificationRequired() {
        return new AuthenticationRepresentation("verification_required", null, null);
    }

    static AuthenticationRepresentation pinRequired(String pinToken) {
        return new AuthenticationRepresentation("pin_required", null, pinToken);
    }

    /** 200 for a signed-in user, 201 for a new one, 202 when something is still to be done. */
    int httpStatus() {
        return switch (status) {
            case "authenticated" -> 200;
            case "created" -> 201;
            default -> 202;
        };
    }
}
