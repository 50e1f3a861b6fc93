package dev.lanyard.keycloak.publicauth;

import dev.lanyard.keycloak.signin.PublicUserRepresentation;

/** Answer of {@code GET public/session}. */
public record SessionRepresentation(PublicUserRepresentation user) {
}
