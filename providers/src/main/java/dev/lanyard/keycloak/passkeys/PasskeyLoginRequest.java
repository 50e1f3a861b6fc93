package dev.lanyard.keycloak.passkeys;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.lanyard.keycloak.signin.PasskeyAssertion;

/** {@code POST public/passkeys/login}: the {@code AuthenticationResponseJSON} of {@code navigator.credentials.get()}. */
public record PasskeyLoginRequest(PasskeyAssertion credential, @JsonProperty("remember_me") Boolean rememberMe) {
}
