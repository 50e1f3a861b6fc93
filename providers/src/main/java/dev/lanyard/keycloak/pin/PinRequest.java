package dev.lanyard.keycloak.pin;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code PUT public/pin {pin, password}} and {@code POST public/verify-pin {pin_token, pin}}. */
public record PinRequest(String pin, String password, @JsonProperty("pin_token") String pinToken) {
}
