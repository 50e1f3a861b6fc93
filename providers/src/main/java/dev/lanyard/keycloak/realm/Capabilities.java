package dev.lanyard.keycloak.realm;

import dev.lanyard.keycloak.http.ApiException;
import org.keycloak.Config;
import org.keycloak.models.RealmModel;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Which of Lanyard's capabilities a realm serves. Nothing is served until a realm admin turns Lanyard on
 * ({@code lanyard.enabled=true}); then every capability is on unless its own switch
 * ({@code lanyard.<capability>.enabled=false}) turns it off. The master realm, where Keycloak's own admins live,
 * can be turned on only when the server says so ({@code LANYARD_ALLOW_MASTER=true}).
 */
public final class Capabilities {

    public static final String ENABLED = "lanyard.enabled";
    public static final String ALLOW_MASTER = "LANYARD_ALLOW_MASTER";

    public static final String PUBLIC_AUTH = "public-auth";
    public static final String MAGIC_LINK = "magic-link";
    public static final String PIN = "pin";
    public static final String PASSKEYS = "passkeys";
    public static final String OAUTH = "oauth";
    public static final String PERMISSIONS = "permissions";
    public static final String SOCIAL_LOGIN = "social-login";
    public static final String PLATFORM = "platform";
    public static final String ADMIN = "admin";

    public static final List<String> ALL = List.of(PUBLIC_AUTH, MAGIC_LINK, PIN, PASSKEYS, OAUTH, PERMISSIONS, SOCIAL_LOGIN, PLATFORM, ADMIN);

    private final boolean realmEnabled;
    private final Function<String, String> attributes;

    private Capabilities(boolean realmEnabled, Function<String, String> attributes) {
        this.realmEnabled = realmEnabled;
        this.attributes = attributes;
    }

    public static Capabilities of(RealmModel realm) {
        return of(realm.getName(), realm::getAttribute, System.getenv());
    }

    static Capabilities of(String realmName, Function<String, String> attributes, Map<String, String> environment) {
        return new Capabilities(refusalToEnable(realmName, environment).isEmpty()
                && "true".equalsIgnoreCase(attributes.apply(ENABLED)), attributes);
    }

    /** The realm attribute that turns {@code capability} off when it is {@code false}. */
    public static String switchOf(String capability) {
        return "lanyard." + capability + ".enabled";
    }

    /** Why a realm named {@code realmName} may not be turned on on this server; empty when it may. */
    public static Optional<String> refusalToEnable(String realmName) {
        return refusalToEnable(realmName, System.getenv());
    }

    private static Optional<String> refusalToEnable(String realmName, Map<String, String> environment) {
        if (Config.getAdminRealm().equals(realmName) && !"true".equalsIgnoreCase(environment.get(ALLOW_MASTER))) {
            return Optional.of("Lanyard cannot be turned on in the master realm unless the server sets " + ALLOW_MASTER + "=true");
        }
        return Optional.empty();
    }

    public boolean realmEnabled() {
        return realmEnabled;
    }

    public boolean has(String capability) {
        return realmEnabled && !"false".equalsIgnoreCase(attributes.apply(switchOf(capability)));
    }

    /** The capabilities this realm serves, in the order {@code GET {api}/} lists them. */
    public List<String> served() {
        return ALL.stream().filter(this::has).toList();
    }

    /** Routes of a capability the realm does not serve answer as if they did not exist. */
    public void require(String capability) {
        if (!has(capability)) {
            throw ApiException.notFound("No such route");
        }
    }

    public void requireRealmEnabled() {
        if (!realmEnabled) {
            throw ApiException.notFound("No such route");
        }
    }
}
