package dev.lanyard.keycloak.pin;

import dev.lanyard.keycloak.flow.FixedStepFactory;

/** "Lanyard PIN (direct grant)": the PIN step of direct-grant flows (the {@code pin} parameter); no settings. */
public final class PinDirectGrantAuthenticatorFactory extends FixedStepFactory {

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
}
