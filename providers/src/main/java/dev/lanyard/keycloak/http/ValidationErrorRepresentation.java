package dev.lanyard.keycloak.http;

import java.util.List;

/** Seed 001's 422 body: {@code {"detail":[{"loc":["body","grant_type"],"msg":"Field required","type":"missing"}]}}. */
public record ValidationErrorRepresentation(List<Problem> detail) {

    /** One parameter that is missing or of the wrong type; {@code loc} names where it was looked for and its name. */
    public record Problem(List<String> loc, String msg, String type) {
    }
}
