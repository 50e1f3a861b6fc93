package dev.lanyard.keycloak.branding;

import org.keycloak.models.RealmModel;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * How a realm's login pages and mails are branded: a product name, a logo and a primary colour. Each comes from the
 * realm's attribute (the admin console's Lanyard tab), else from the server's environment variable, else is not set
 * (keycloak.v2's look, and "Lanyard" as the product name).
 */
public record Branding(String productName, String logoUrl, String primaryColor) {

    public static final String PRODUCT_NAME = "lanyard.brand.productName";
    public static final String LOGO_URL = "lanyard.brand.logoUrl";
    public static final String PRIMARY_COLOR = "lanyard.brand.primaryColor";
    static final Map<String, String> ENVIRONMENT = Map.of(PRODUCT_NAME, "LANYARD_PRODUCT_NAME", LOGO_URL, "LANYARD_LOGO_URL",
            PRIMARY_COLOR, "LANYARD_PRIMARY_COLOR");

    /** What the login pages show where nothing is set: their brand line, and keycloak.v2's primary blue. */
    static final String DEFAULT_PRODUCT_NAME = "Lanyard";
    static final String DEFAULT_PRIMARY_COLOR = "#0066cc";

    private static final int MAX_NAME_LENGTH = 80;
    /** A hex colour or a CSS colour function or name: nothing that could end the declaration it goes into. */
    private static final Pattern COLOR = Pattern.compile("#[0-9a-fA-F]{3,8}|(rgb|rgba|hsl|hsla)\\([0-9.,%/ ]+\\)|[a-zA-Z]{3,20}");
    private static final Pattern LOGO = Pattern.compile("(https?://|data:image/)\\S+");

    /** The branding of the realm whose attributes {@code realmAttribute} reads, on a server of {@code environment}. */
    static Branding of(Function<String, String> realmAttribute, Map<String, String> environment) {
        Function<String, String> setting = attribute -> usable(attribute, realmAttribute.apply(attribute))
                .or(() -> usable(attribute, environment.get(ENVIRONMENT.get(attribute))))
                .orElse(null);
        return new Branding(setting.apply(PRODUCT_NAME), setting.apply(LOGO_URL), setting.apply(PRIMARY_COLOR));
    }

    /** The server's own value for the setting {@code attribute} (its environment variable), which a blank realm setting falls back to. */
    public static Optional<String> serverDefault(String attribute) {
        return usable(attribute, System.getenv(ENVIRONMENT.get(attribute)));
    }

    /** The branding of {@code realm} on this server. */
    public static Branding of(RealmModel realm) {
        return of(realm::getAttribute, System.getenv());
    }

    /**
     * This branding with the login pages' defaults where nothing is set: a mail has no keycloak.v2 stylesheet to
     * fall back on, so its name and colour are spelled out. The logo stays optional.
     */
    public Branding withDefaults() {
        return new Branding(productName != null ? productName : DEFAULT_PRODUCT_NAME, logoUrl,
                primaryColor != null ? primaryColor : DEFAULT_PRIMARY_COLOR);
    }

    private static Optional<String> usable(String attribute, String value) {
        return Optional.ofNullable(value).map(String::trim).filter(v -> !v.isEmpty() && problem(attribute, v).isEmpty());
    }

    /** What is wrong with {@code value} for the setting {@code attribute}, in words for the admin; empty when fine. */
    public static Optional<String> problem(String attribute, String value) {
        String trimmed = value.trim();
        return switch (attribute) {
            case PRODUCT_NAME -> trimmed.length() > MAX_NAME_LENGTH || trimmed.chars().anyMatch(Character::isISOControl)
                    ? Optional.of("The product name is one line of at most " + MAX_NAME_LENGTH + " characters") : Optional.empty();
            case LOGO_URL -> LOGO.matcher(trimmed).matches()
                    ? Optional.empty() : Optional.of("The logo is an http(s) URL or a data:image/ URL, without spaces");
            case PRIMARY_COLOR -> COLOR.matcher(trimmed).matches()
                    ? Optional.empty() : Optional.of("The primary colour is a CSS colour such as #6a1b9a or rgb(106, 27, 154)");
            default -> Optional.empty();
        };
    }

    /**
     * The stylesheet every page of the lanyard login theme loads: PatternFly's and keycloak.v2's colours (their
     * hover, focus and pressed states a darker shade), the colour once more for Lanyard's brand line, and the name
     * and logo as custom properties its script reads.
     */
    String stylesheet() {
        StringBuilder css = new StringBuilder(":root {\n");
        if (productName != null) {
            css.append("  --lanyard-product-name: ").append(cssString(productName)).append(";\n");
        }
        if (logoUrl != null) {
            css.append("  --lanyard-logo-url: ").append(cssString(logoUrl)).append(";\n");
        }
        if (primaryColor != null) {
            String darker = "color-mix(in srgb, " + primaryColor + " 80%, black)";
            // PatternFly remaps its primary colour inside the dark login header: the brand line there reads ours.
            css.append("  --lanyard-primary-color: ").append(primaryColor).append(";\n")
                    .append("  --pf-v5-global--primary-color--100: ").append(primaryColor).append(";\n")
                    .append("  --pf-v5-global--link--Color: ").append(primaryColor).append(";\n")
                    .append("  --keycloak-card-top-color: ").append(primaryColor).append(";\n")
                    .append("  --pf-v5-global--primary-color--200: ").append(darker).append(";\n")
                    .append("  --pf-v5-global--link--Color--hover: ").append(darker).append(";\n");
        }
        return css.append("}\n").toString();
    }

    /** A CSS string: quotes and backslashes escaped (control characters never get this far). */
    private static String cssString(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
