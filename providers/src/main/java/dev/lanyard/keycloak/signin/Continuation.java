package dev.lanyard.keycloak.signin;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import org.keycloak.OAuth2Constants;
import org.keycloak.util.JsonSerialization;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Where a sign-in resumes once a second step (the PIN) held it back: it travels with the challenge, serialized
 * as JSON ({@link #toJson}), and comes back when the step is done. Readers ignore members they do not know, and a
 * kind they do not know reads as {@link ApiAnswer}, so a challenge issued by another node version still resumes.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type", defaultImpl = Continuation.ApiAnswer.class)
@JsonSubTypes({
        @JsonSubTypes.Type(value = Continuation.ApiAnswer.class, name = "api-answer"),
        @JsonSubTypes.Type(value = Continuation.Authorization.class, name = "authorization"),
        @JsonSubTypes.Type(value = Continuation.Page.class, name = "page")})
@JsonIgnoreProperties(ignoreUnknown = true)
public sealed interface Continuation {

    /** Nothing to resume: the route answers the app itself. */
    Continuation API_ANSWER = new ApiAnswer();

    /** The client the sign-in is for, named in its events; null when none is. */
    String clientId();

    /** The route answers the app (JSON) or, on the PIN page, says the sign-in is done. */
    record ApiAnswer() implements Continuation {
        @Override
        public String clientId() {
            return null;
        }
    }

    /** An authorization request (its parameters, as sent) that gets its code once the sign-in is done. */
    record Authorization(Map<String, List<String>> parameters) implements Continuation {

        public Authorization {
            parameters = parameters.entrySet().stream()
                    .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, entry -> List.copyOf(entry.getValue())));
        }

        @Override
        public String clientId() {
            List<String> clientId = parameters.getOrDefault(OAuth2Constants.CLIENT_ID, List.of());
            return clientId.isEmpty() ? null : clientId.get(0);
        }
    }

    /** A browser sign-in that goes on to {@code redirectUri} (of {@code clientId}'s app). */
    record Page(String redirectUri, String clientId) implements Continuation {
    }

    default String toJson() {
        try {
            return JsonSerialization.writeValueAsString(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The continuation {@link #toJson} wrote; {@link #API_ANSWER} for none. */
    static Continuation fromJson(String json) {
        if (json == null) {
            return API_ANSWER;
        }
        try {
            return JsonSerialization.readValue(json, Continuation.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
