package dev.lanyard.keycloak.common;

import java.util.List;

/** Body of a 422 answer on the platform routes: {@code {"detail":[{"loc","msg","type"}]}}. */
public record ValidationErrorRepresentation(List<ValidationProblem> detail) {
}
