package dev.lanyard.keycloak.signin;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.keycloak.models.UserModel;

import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The sanitized user every Lanyard route answers with: no attributes, credentials or roles. */
public record PublicUserRepresentation(
        String id,
        String username,
        String email,
        @JsonProperty("email_verified") boolean emailVerified,
        String name,
        @JsonProperty("given_name") String givenName,
        @JsonProperty("family_name") String familyName) {

    public static PublicUserRepresentation of(UserModel user) {
        return new PublicUserRepresentation(user.getId(), user.getUsername(), user.getEmail(), user.isEmailVerified(),
                displayName(user), user.getFirstName(), user.getLastName());
    }

    /** Given and family name joined by a space; null when the user has neither. */
    public static String displayName(UserModel user) {
        String name = Stream.of(user.getFirstName(), user.getLastName())
                .filter(part -> part != null && !part.isBlank())
                .collect(Collectors.joining(" "));
        return name.isEmpty() ? null : name;
    }
}
