package dev.lanyard.keycloak.passkeys;

import java.util.List;

/** {@code GET public/passkeys}: the caller's passkeys, oldest first. */
public record PasskeyListRepresentation(List<PasskeyRepresentation> passkeys) {
}
