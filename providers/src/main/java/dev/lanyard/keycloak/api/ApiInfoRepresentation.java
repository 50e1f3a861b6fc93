package dev.lanyard.keycloak.api;

import java.util.List;

/** Answer of {@code GET /realms/{realm}/api/}: what is serving and which capabilities it has. */
public record ApiInfoRepresentation(String name, String version, List<String> capabilities) {
}
