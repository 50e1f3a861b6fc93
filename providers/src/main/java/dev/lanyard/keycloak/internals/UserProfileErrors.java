package dev.lanyard.keycloak.internals;

import org.keycloak.services.messages.Messages;
import org.keycloak.userprofile.ValidationException;

/** Adapter over Keycloak's user-profile message keys ({@code keycloak-services}). */
public final class UserProfileErrors {

    private UserProfileErrors() {
    }

    /** Whether the profile was refused because its username or email belongs to another account. */
    public static boolean isDuplicateAccount(ValidationException e) {
        return e.hasError(Messages.EMAIL_EXISTS, Messages.USERNAME_EXISTS);
    }
}
