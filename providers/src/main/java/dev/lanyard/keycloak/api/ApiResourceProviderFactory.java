package dev.lanyard.keycloak.api;

import dev.lanyard.keycloak.http.ApiUrls;
import dev.lanyard.keycloak.realm.Capabilities;
import dev.lanyard.keycloak.realm.LanyardClientPolicy;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
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

    /**
     * Keeps Lanyard's client policy ({@link LanyardClientPolicy}) in every realm that has Lanyard on: when such a realm
     * is created or imported, when one of its clients changes, and at each start (realms imported), which also warns
     * of each such realm whose links could not be mailed. The console's Lanyard tab adds it when it turns Lanyard on.
     */
    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(event -> {
            if (event instanceof RealmModel.RealmPostCreateEvent created
                    && Capabilities.of(created.getCreatedRealm()).realmEnabled()) {
                // A new or imported realm, its own client policies in place: Lanyard's are added beside them.
                LanyardClientPolicy.install(created.getKeycloakSession(), created.getCreatedRealm());
            } else if (event instanceof ClientModel.ClientUpdatedEvent updated
                    && Capabilities.of(updated.getUpdatedClient().getRealm()).realmEnabled()) {
                // A client changed (through the admin API or console) in a realm whose switch was set outside the console.
                LanyardClientPolicy.install(updated.getKeycloakSession(), updated.getUpdatedClient().getRealm());
            } else if (event instanceof PostMigrationEvent) {
                KeycloakModelUtils.runJobInTransaction(factory, session -> {
                    LanyardClientPolicy.installWhereLanyardIsOn(session);
                    warnOfRealmsWithoutPublicAddress(session);
                });
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
