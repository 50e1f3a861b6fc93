package dev.lanyard.keycloak.permissions;

import dev.lanyard.keycloak.clients.AppAccess;
import dev.lanyard.keycloak.flow.FlowStep;
import dev.lanyard.keycloak.internals.AdminActor;
import dev.lanyard.keycloak.signin.PublicUserRepresentation;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.ClientModel;
import org.keycloak.models.UserModel;


/**
 * "Require app permission": a login to a client whose attribute {@code lanyard.permission.required} is
 * {@code true} goes on only for users whose permission there is approved. Others see a themed page that
 * says where they stand and lets them ask for access.
 */
final class AppPermissionGate extends FlowStep {

    static final String OFFER_REQUESTS = "lanyard.permission.offerRequests";

    private static final String TEMPLATE = "lanyard-app-permission.ftl";

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        decide(context);
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        if (offersRequests(context) && context.getHttpRequest().getDecodedFormParameters().containsKey("request")) {
            UserModel user = context.getUser();
            ClientModel client = context.getAuthenticationSession().getClient();
            new PermissionService(context.getSession()).requestAccess(user, client,
                    new AccessRequest(user.getEmail(), PublicUserRepresentation.displayName(user)),
                    new AdminActor(user, null, client));
        }
        decide(context);
    }

    private void decide(AuthenticationFlowContext context) {
        ClientModel client = context.getAuthenticationSession().getClient();
        if (!AppAccess.isRequired(client)) {
            context.success();
            return;
        }
        PermissionRepresentation permission = new PermissionService(context.getSession()).read(context.getUser(), client);
        if (PermissionStatus.APPROVED.value().equals(permission.status())) {
            context.success();
            return;
        }
        context.challenge(context.form()
                .setAttribute("lanyardPermission", permission.status())
                .setAttribute("lanyardOfferRequests", offersRequests(context))
                .setAttribute("lanyardApp", client.getName() == null || client.getName().isBlank() ? client.getClientId() : client.getName())
                .createForm(TEMPLATE));
    }

    /** On unless the step's config turns it off. */
    private static boolean offersRequests(AuthenticationFlowContext context) {
        AuthenticatorConfigModel config = context.getAuthenticatorConfig();
        return config == null || config.getConfig() == null || !"false".equals(config.getConfig().get(OFFER_REQUESTS));
    }

    @Override
    public boolean requiresUser() {
        return true;
    }
}
