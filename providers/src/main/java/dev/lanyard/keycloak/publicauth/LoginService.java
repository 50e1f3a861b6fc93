package dev.lanyard.keycloak.publicauth;

import dev.lanyard.keycloak.signin.Continuation;
import dev.lanyard.keycloak.signin.PasswordSignIn;
import dev.lanyard.keycloak.signin.PublicUserRepresentation;
import dev.lanyard.keycloak.signin.SignInResult;
import org.keycloak.models.KeycloakSession;

/** {@code public/login}: password sign-in ({@link PasswordSignIn}) answered in the seed's shape. */
final class LoginService {

    static final String ROUTE = "public/login";

    private final KeycloakSession session;

    LoginService(KeycloakSession session) {
        this.session = session;
    }

    AuthenticationRepresentation login(LoginRequest request) {
        SignInResult result = new PasswordSignIn(session).signIn(request.email(), request.username(), request.password(),
                Boolean.TRUE.equals(request.rememberMe()), Continuation.API_ANSWER, ROUTE);
        return result.pinToken()
                .map(AuthenticationRepresentation::pinRequired)
                .orElseGet(() -> AuthenticationRepresentation.authenticated(PublicUserRepresentation.of(result.user())));
    }
}
