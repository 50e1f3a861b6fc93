package dev.lanyard.keycloak.internals;

import org.keycloak.services.messages.Messages;
import org.keycloak.userprofile.ValidationException;

import java.util.Set;

/** Adapter over Keycloak's user-profile message keys ({@code keycloak-services}). */
public final class UserProfileErrors {

    private static final Set<String> DUPLICATE_ACCOUNT = Set.of(Messages.EMAIL_EXISTS, Messages.USERNAME_EXISTS);

    private UserProfileErrors() {
    }

    /** Whether the profile was refused only because its username or email belongs to another account. */
    public static boolean isOnlyDuplicateAccount(ValidationException e) {
        return e.getErrors().stream().allMatch(UserProfileErrors::isDuplicateAccount);
    }

    /** The first error that does not tell whether an account exists (call when there is one). */
    public static ValidationException.Error firstOtherThanDuplicateAccount(ValidationException e) {
        return e.getErrors().stream().filter(error -> !isDuplicateAccount(error)).findFirst().orElseThrow();
    }

    private static boolean isDuplicateAccount(ValidationException.Error error) {
        return DUPLICATE_ACCOUNT.contains(error.getMessage());
    }
}
