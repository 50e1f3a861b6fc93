package dev.lanyard.keycloak.pin;

import dev.lanyard.keycloak.flow.StatelessAuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

import java.util.List;

/** "Lanyard PIN": the browser-flow PIN step; its config holds the PIN policy and the attempt limit. */
public final class PinAuthenticatorFactory extends StatelessAuthenticatorFactory {

    public static final String ID = "lanyard-pin";

    public PinAuthenticatorFactory() {
        super(new PinAuthenticator());
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayType() {
        return "Lanyard PIN";
    }

    @Override
    public String getHelpText() {
        return "Asks for the user's PIN; users without one set it up first when the step is required.";
    }

    @Override
    public String getReferenceCategory() {
        return PinCredentialProvider.TYPE;
    }

    @Override
    public AuthenticationExecutionModel.Requirement[] getRequirementChoices() {
        return new AuthenticationExecutionModel.Requirement[]{
                AuthenticationExecutionModel.Requirement.REQUIRED,
                AuthenticationExecutionModel.Requirement.ALTERNATIVE,
                AuthenticationExecutionModel.Requirement.CONDITIONAL,
                AuthenticationExecutionModel.Requirement.DISABLED};
    }

    @Override
    public boolean isUserSetupAllowed() {
        return true;
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return ProviderConfigurationBuilder.create()
                // PIN lengths are the realm's (Realm settings → Lanyard): a PIN is set outside any one flow.
                .property().name(PinSettings.MAX_ATTEMPTS).label("Wrong PINs per login").type(ProviderConfigProperty.STRING_TYPE)
                .helpText("After this many wrong PINs the login must start over.")
                .defaultValue(Integer.toString(PinSettings.DEFAULTS.maxAttempts())).add()
                .build();
    }
}
