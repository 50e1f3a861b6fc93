package dev.lanyard.keycloak.api;

import dev.lanyard.keycloak.http.ApiUrls;
import dev.lanyard.keycloak.realm.Capabilities;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Registers the realm resource {@code /realms/{realm}/api}: the single entry point of every Lanyard route. */
public final class ApiResourceProviderFactory implements RealmResourceProviderFactory {

    public static final String ID = "api";
    private static final Logger LOG = Logger.getLogger(ApiResourceProviderFactory.class);

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

    /** Once the server has started (realms imported), a word for each turned-on realm whose links could not be mailed. */
    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(event -> {
            if (event instanceof PostMigrationEvent) {
                KeycloakModelUtils.runJobInTransaction(factory, ApiResourceProviderFactory::warnOfRealmsWithoutPublicAddress);
            }
        });
    }

    private static void warnOfRealmsWithoutPublicAddress(KeycloakSession session) {
        session.realms().getRealmsStream()
                .filter(realm -> Capabilities.of(realm).realmEnabled() && !ApiUrls.hasConfiguredOrigin(realm))
                .forEach(realm -> LOG.warnf("Lanyard is on in realm %s, but neither its Frontend URL nor the server's hostname "
                        + "is set: Lanyard mails no links there (a link must never follow a request's Host)", realm.getName()));
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
