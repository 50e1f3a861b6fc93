package dev.lanyard.keycloak.signin;

import java.net.URI;

/**
 * Gives an authorization request that a second step held back its answer, once the sign-in is done: the
 * redirect URI with the code or the refusal. The {@code oauth} package implements it; the entry point hands it to
 * the step's route, so the step does not depend on {@code oauth}.
 */
@FunctionalInterface
public interface AuthorizationResume {

    URI resume(Continuation.Authorization request, SignInResult signedIn);
}
