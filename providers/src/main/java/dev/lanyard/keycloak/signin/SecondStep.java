package dev.lanyard.keycloak.signin;

import jakarta.ws.rs.core.Response;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.UserModel;
import org.keycloak.provider.Provider;

import java.util.Optional;

/**
 * The step the {@link SignInPipeline} asks after the first proof (the PIN, provided by the {@code pin} package
 * through {@link SecondStepSpi}): the pipeline needs to know who has it and how to hold a sign-in back for it,
 * without depending on the capability that checks it.
 */
public interface SecondStep extends Provider {

    /** Client note of a browser login whose flow already took the step (e.g. a post-broker-login flow). */
    String CHECKED_IN_FLOW_NOTE = "lanyard.pin-checked";

    /** The credential type the step checks. */
    String credentialType();

    boolean isSetUpFor(UserModel user);

    /**
     * A single-use token that stands for the held-back sign-in ({@code pin_token}); once the step is done it signs
     * the user in by {@code method} and resumes at {@code continuation}.
     */
    String challenge(UserModel user, SignInMethod method, boolean rememberMe, Continuation continuation);

    /**
     * The sign-in {@code challenge} held back, once {@code answer} is right, for the pipeline to finish with
     * {@code event}; empty for a wrong answer (counted by the brute-force detector) or a spent challenge.
     */
    Optional<SignInAttempt> resume(String challenge, String answer, EventBuilder event);

    /** The themed page that asks for the step outside a login flow (after a magic link or a social login). */
    Response page(String challenge);

    @Override
    default void close() {
    }
}
