package dev.lanyard.keycloak.permissions;

import dev.lanyard.keycloak.flow.FixedStepFactory;

/** Registers "Require app permission" for browser flows. */
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
}
