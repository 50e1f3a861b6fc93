package dev.lanyard.keycloak.social;

import dev.lanyard.keycloak.flow.FixedStepFactory;
import org.keycloak.models.AuthenticationExecutionModel;

/** Registers "Link when the provider vouches" for first-broker-login flows. */
public final class VouchedAccountLinkFactory extends FixedStepFactory {

    public static final String ID = "lanyard-vouched-account-link";

    public VouchedAccountLinkFactory() {
        super(new VouchedAccountLink());
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayType() {
        return "Link when the provider vouches";
    }

    @Override
    public String getHelpText() {
        return "Links an existing account with the same verified email when the identity provider is trusted for emails.";
    }

    @Override
    public AuthenticationExecutionModel.Requirement[] getRequirementChoices() {
        return new AuthenticationExecutionModel.Requirement[]{
                AuthenticationExecutionModel.Requirement.ALTERNATIVE, AuthenticationExecutionModel.Requirement.DISABLED};
    }
}
