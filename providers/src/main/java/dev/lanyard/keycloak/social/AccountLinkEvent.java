package dev.lanyard.keycloak.social;

import dev.lanyard.keycloak.flow.FlowStep;
import dev.lanyard.keycloak.internals.KeycloakBrokerLogins;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.events.Details;
import org.keycloak.events.EventType;

/**
 * "Record account linking" for post-broker-login flows: when this broker login linked the provider's identity
 * to an account that already existed, records Keycloak's {@code IDENTITY_PROVIDER_LINK_ACCOUNT} event.
 */
final class AccountLinkEvent extends FlowStep {

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        KeycloakBrokerLogins.linkedProvider(context.getAuthenticationSession()).ifPresent(provider ->
                context.getEvent().clone().event(EventType.IDENTITY_PROVIDER_LINK_ACCOUNT).user(context.getUser())
                        .detail(Details.IDENTITY_PROVIDER, provider).success());
        context.success();
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        context.success();
    }

    @Override
    public boolean requiresUser() {
        return true;
    }
}
