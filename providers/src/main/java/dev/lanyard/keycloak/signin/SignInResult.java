package dev.lanyard.keycloak.signin;

import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;

import java.util.Optional;

/** What the {@link SignInPipeline} made of an attempt: a session, or a {@code pin_token} that stands before one. */
public record SignInResult(UserModel user, UserSessionModel userSession, Optional<String> pinToken) {

    /** The signed-in user and session, as a session cookie would name them; empty while a PIN is still due. */
    public Optional<SignedInUser> signedInUser() {
        return Optional.ofNullable(userSession).map(SignedInUser::of);
    }

    static SignInResult signedIn(UserModel user, UserSessionModel userSession) {
        return new SignInResult(user, userSession, Optional.empty());
    }

    static SignInResult pinRequired(String pinToken) {
        return new SignInResult(null, null, Optional.of(pinToken));
    }
}
