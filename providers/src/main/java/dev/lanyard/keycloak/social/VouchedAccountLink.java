package dev.lanyard.keycloak.social;

import dev.lanyard.keycloak.flow.FlowStep;
import dev.lanyard.keycloak.internals.KeycloakBrokerLogins;
import org.keycloak.authentication.AuthenticationFlowContext;

/**
 * "Link when the provider vouches" for first-broker-login flows, as an ALTERNATIVE between "Create User If
 * Unique" and "Handle Existing Account": links the account that has the provider's email at once when the
 * provider vouches for it ("trust email") and the account's email is verified; otherwise steps aside, and
 * Keycloak's confirm-link step follows.
 */
final class VouchedAccountLink extends FlowStep {

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        KeycloakBrokerLogins.vouchedExistingUser(context.getSession(), context.getAuthenticationSession())
                .ifPresentOrElse(existing -> {
                    context.setUser(existing);
                    context.success();
                }, context::attempted);
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        authenticate(context);
    }

    @Override
    public boolean requiresUser() {
        return false;
    }
}
