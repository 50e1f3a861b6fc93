package dev.lanyard.keycloak.pin;

import dev.lanyard.keycloak.flow.StatelessAuthenticatorFactory;
import dev.lanyard.keycloak.signin.PinGate;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.provider.ProviderConfigProperty;

import java.util.List;

/** "Lanyard PIN (direct grant)": the PIN step of direct-grant flows (the {@code pin} parameter); no settings. */
public final class PinDirectGrantAuthenticatorFactory extends StatelessAuthenticatorFactory {

    public static final String ID = "lanyard-pin-direct-grant";

    public PinDirectGrantAuthenticatorFactory() {
        super(new PinDirectGrantAuthenticator());
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayType() {
        return "Lanyard PIN (direct grant)";
    }

    @Override
    public String getHelpText() {
        return "Validates the user's PIN supplied as a '" + PinDirectGrantAuthenticator.PIN_PARAMETER
                + "' form parameter in a direct grant request; users without a PIN pass.";
    }

    /**
     * The brute-force category of this step's failures. Keycloak's detector ignores failures of categories other
     * than password, OTP and recovery codes, so a wrong PIN reports as a second factor, as the API's PIN gate does.
     */
    @Override
    public String getReferenceCategory() {
        return PinGate.SECOND_FACTOR;
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
