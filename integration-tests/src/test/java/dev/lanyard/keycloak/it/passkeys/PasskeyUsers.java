package dev.lanyard.keycloak.it.passkeys;

import dev.lanyard.keycloak.it.support.Lanyard;

import java.util.UUID;

/** The passkey tests' users: each new, its email its username, all with one password. */
final class PasskeyUsers {

    static final String PASSWORD = "Correct-Horse-9";

    private PasskeyUsers() {
    }

    /** A new user of {@code realm} with {@link #PASSWORD}, verified and enabled; returns the email. */
    static String newUser(Lanyard lanyard, String realm) {
        String email = "passkey-" + UUID.randomUUID() + "@example.com";
        lanyard.admin().createUser(realm, """
                {"username": "%s", "email": "%s", "emailVerified": true, "enabled": true, "firstName": "Pass", "lastName": "Key",
                 "credentials": [{"type": "password", "value": "%s", "temporary": false}]}""".formatted(email, email, PASSWORD));
        return email;
    }
}
