package dev.lanyard.keycloak.social;

import dev.lanyard.keycloak.flow.FixedStepFactory;

/** Registers "Record account linking" for post-broker-login flows. */
public final class AccountLinkEventFactory extends FixedStepFactory {

    public static final String ID = "lanyard-account-link-event";

    public AccountLinkEventFactory() {
        super(new AccountLinkEvent());
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayType() {
        return "Record account linking";
    }

    @Override
    public String getHelpText() {
        return "In a post-broker-login flow: records IDENTITY_PROVIDER_LINK_ACCOUNT when the login linked an existing account.";
    }
}
