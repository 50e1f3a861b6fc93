package dev.lanyard.keycloak.api;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Registers the realm resource {@code /realms/{realm}/api}: the single entry point of every Lanyard route. */
public final class ApiResourceProviderFactory implements RealmResourceProviderFactory {

    public static final String ID = "api";

    private String version;

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new ApiResourceProvider(session, version);
    }

    @Override
    public void init(Config.Scope config) {
        version = readVersion();
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }

    private static String readVersion() {
        try (InputStream in = ApiResourceProviderFactory.class.getResourceAsStream("/dev/lanyard/keycloak/lanyard.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
