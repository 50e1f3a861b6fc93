package dev.lanyard.keycloak.api;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * Answer of {@code GET /realms/{realm}/api/}: what is serving, whether the realm's admin turned it on, and which
 * capabilities the realm serves. A realm that is not turned on shows no version.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiInfoRepresentation(String name, String version, boolean enabled, List<String> capabilities) {
}
