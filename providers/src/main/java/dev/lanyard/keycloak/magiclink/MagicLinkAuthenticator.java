package dev.lanyard.keycloak.magiclink;

import dev.lanyard.keycloak.common.FlowStep;
import dev.lanyard.keycloak.common.ApiException;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * "Email me a sign-in link" in a browser flow: asks for the email, mails a link bound to this login, and
 * succeeds once the link was confirmed. Confirmed in the same browser, the link resumes the login at once;
 * confirmed on another device, the waiting page's "continue" finishes it. The OIDC request (state, nonce,
 * PKCE) stays in the authentication session throughout, so the authorization completes as usual.
 */
final class MagicLinkAuthenticator extends FlowStep {

    private static final String EMAIL_FORM = "lanyard-magic-link.ftl";
    private static final String SENT_FORM = "lanyard-magic-link-sent.ftl";

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        if (!completeIfConfirmed(context)) {
            String hint = context.getAuthenticationSession().getClientNote("login_hint");
            context.challenge(context.form().setAttribute("lanyardEmail", hint == null ? "" : hint).createForm(EMAIL_FORM));
        }
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        if (completeIfConfirmed(context)) {
            return;
        }
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        String email = form.getFirst("email");
        if (email == null || email.isBlank()) {
            boolean waiting = form.containsKey("continue");
            LoginFormsProvider page = context.form().setError(waiting ? "lanyardMagicLinkNotConfirmed" : "missingEmailMessage");
            context.challenge(waiting ? page.createForm(SENT_FORM) : page.createForm(EMAIL_FORM));
            return;
        }
        try {
            new MagicLinkService(context.getSession()).requestForFlow(email, context.getAuthenticationSession(),
                    context.getExecution().getId(), settings(context));
        } catch (ApiException e) {
            context.challenge(context.form().setError("lanyardTooManyRequests").setAttribute("lanyardEmail", email)
                    .createErrorPage(Response.Status.TOO_MANY_REQUESTS));
            return;
        }
        context.challenge(context.form().setAttribute("lanyardEmail", email).createForm(SENT_FORM));
    }

    /** The user whose link was confirmed for this login, if any: that user is signed in. */
    private boolean completeIfConfirmed(AuthenticationFlowContext context) {
        AuthenticationSessionModel login = context.getAuthenticationSession();
        String userId = login.getAuthNote(MagicLinkService.CONFIRMED_USER_NOTE);
        if (userId == null) {
            return false;
        }
        login.removeAuthNote(MagicLinkService.CONFIRMED_USER_NOTE);
        UserModel user = context.getSession().users().getUserById(context.getRealm(), userId);
        if (user == null || !user.isEnabled()) {
            context.failure(AuthenticationFlowError.INVALID_USER);
            return true;
        }
        context.setUser(user);
        context.success();
        return true;
    }

    private static MagicLinkSettings settings(AuthenticationFlowContext context) {
        AuthenticatorConfigModel config = context.getAuthenticatorConfig();
        return MagicLinkSettings.of(config == null ? null : config.getConfig());
    }

    @Override
    public boolean requiresUser() {
        return false;
    }
}
