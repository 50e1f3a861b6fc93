package dev.lanyard.keycloak.permissions;

import dev.lanyard.keycloak.clients.AppAccess;
import dev.lanyard.keycloak.flow.FixedStepFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

import java.util.List;

/** Registers "Require app permission" for browser flows; its config says whether users may ask for access. */
public final class AppPermissionGateFactory extends FixedStepFactory {

    public static final String ID = "lanyard-app-permission";

    public AppPermissionGateFactory() {
        super(new AppPermissionGate());
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayType() {
        return "Require app permission";
    }

    @Override
    public String getHelpText() {
        return "Lets users into a client with attribute " + AppAccess.REQUIRED_ATTRIBUTE
                + "=true only when their permission there is approved; others may ask for access.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return ProviderConfigurationBuilder.create()
                .property().name(AppPermissionGate.OFFER_REQUESTS).label("Offer access requests")
                .helpText("Users without access may ask for it (a pending request for the app's admins). Off: the page only says that they have no access.")
                .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("true").add()
                .build();
    }
}
