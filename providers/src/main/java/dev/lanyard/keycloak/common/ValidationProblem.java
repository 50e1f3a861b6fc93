package dev.lanyard.keycloak.common;

import java.util.List;

/** One entry of a 422 {@code detail} list: where the problem is, what it is, and its kind. */
public record ValidationProblem(List<Object> loc, String msg, String type) {

    public static ValidationProblem missing(String location, String field) {
        return new ValidationProblem(List.of(location, field), "Field required", "missing");
    }

    public static ValidationProblem invalid(String location, String field, String message) {
        return new ValidationProblem(List.of(location, field), message, "value_error");
    }
}
