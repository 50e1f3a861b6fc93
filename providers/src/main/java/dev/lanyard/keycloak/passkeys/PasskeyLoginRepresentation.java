package dev.lanyard.keycloak.passkeys;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.lanyard.keycloak.signin.PublicUserRepresentation;

/** {@code POST public/passkeys/login}: {@code {"status":"authenticated","user"}}, or {@code pin_required} with a {@code pin_token}, as {@code public/login}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PasskeyLoginRepresentation(String status, PublicUserRepresentation user, @JsonProperty("pin_token") String pinToken) {

    static PasskeyLoginRepresentation authenticated(PublicUserRepresentation user) {
        return new PasskeyLoginRepresentation("authenticated", user, null);
    }

    static PasskeyLoginRepresentation pinRequired(String pinToken) {
        return new PasskeyLoginRepresentation("pin_required", null, pinToken);
    }

    int httpStatus() {
        return pinToken == null ? 200 : 202;
    }
}
