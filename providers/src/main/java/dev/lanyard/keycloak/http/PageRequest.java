package dev.lanyard.keycloak.http;

/** Which slice of a list a route answers: {@code first} (from 0) and {@code max} (1 to {@link #MAX_PAGE}) query parameters. */
public record PageRequest(int first, int max) {

    public static final int MAX_PAGE = 100;

    /** The page the query parameters name; 400 {@code invalid_request} for anything but whole numbers in range. */
    public static PageRequest of(String first, String max) {
        return new PageRequest(number("first", first, 0, Integer.MAX_VALUE), number("max", max, 1, MAX_PAGE));
    }

    private static int number(String name, String value, int min, int max) {
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.invalidRequest(name + " must be a whole number from " + min + " to " + max);
    }
}
