package dev.lanyard.keycloak.pin;

import org.keycloak.Config;
import org.keycloak.authentication.RequiredActionFactory;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RequiredActionProviderModel;

/** Registers "Set up PIN", which admins can require per user. */
public final class SetPinRequiredActionFactory implements RequiredActionFactory {

    public static final String ID = "lanyard-set-pin";

    private static final SetPinRequiredAction SINGLETON = new SetPinRequiredAction();

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayText() {
        return "Set up PIN";
    }

    @Override
    public RequiredActionProvider create(KeycloakSession session) {
        return SINGLETON;
    }

    @Override
    public void init(Config.Scope config) {
    }

    /** New realms get "Set up PIN" registered and enabled, so admins can require it per user at once. */
    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(event -> {
            if (event instanceof RealmModel.RealmPostCreateEvent created) {
                register(created.getCreatedRealm());
            }
        });
    }

    private static void register(RealmModel realm) {
        if (realm.getRequiredActionProviderByAlias(ID) != null) {
            return;
        }
        RequiredActionProviderModel action = new RequiredActionProviderModel();
        action.setAlias(ID);
        action.setProviderId(ID);
        action.setName("Set up PIN");
        action.setEnabled(true);
        action.setDefaultAction(false);
        action.setPriority(100);
        realm.addRequiredActionProvider(action);
    }

    @Override
    public void close() {
    }
}
