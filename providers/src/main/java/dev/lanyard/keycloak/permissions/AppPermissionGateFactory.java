package dev.lanyard.keycloak.permissions;

import dev.lanyard.keycloak.flow.StatelessAuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.provider.ProviderConfigProperty;

import java.util.List;

/** Registers "Require app permission" for browser flows. */
public final class AppPermissionGateFactory extends StatelessAuthenticatorFactory {

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
        return "Lets users into a client with attribute " + AppPermissionGate.REQUIRED_ATTRIBUTE
                + "=true only when their permission there is approved; others may ask for access.";
    }

    @Override
    public String getReferenceCategory() {
        return null;
    }

    @Override
    public boolean isConfigurable() {
        return false;
    }

    @Override
    public AuthenticationExecutionModel.Requirement[] getRequirementChoices() {
        return new AuthenticationExecutionModel.Requirement[]{
                AuthenticationExecutionModel.Requirement.REQUIRED, AuthenticationExecutionModel.Requirement.DISABLED};
    }

    @Override
    public boolean isUserSetupAllowed() {
        return false;
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return List.of();
    }
}
