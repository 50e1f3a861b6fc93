package dev.lanyard.keycloak.magiclink;

import dev.lanyard.keycloak.flow.FlowStep;
import dev.lanyard.keycloak.internals.LoginAttempts;
import dev.lanyard.keycloak.http.ApiException;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.events.Errors;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * "Email me a sign-in link" in a browser flow: asks for the email, mails a link bound to this login, and
 * succeeds once the link was confirmed. Confirmed in the same browser, the link's tab goes on at once in a
 * fork of the login, and a tab still waiting on "check your email" then signs in by the SSO cookie (Keycloak's
 * check for a sign-in in another tab); confirmed on another device, the waiting page's "continue" finishes it.
 * The OIDC request (state, nonce, PKCE) stays in the authentication session throughout, so the authorization
 * completes as usual.
 */
final class MagicLinkAuthenticator extends FlowStep {

    private static final String EMAIL_FORM = "lanyard-magic-link.ftl";
    private static final String SENT_FORM = "lanyard-magic-link-sent.ftl";
    private static final String EMAIL_NOTE = "lanyard.magic-link.email";
    private static final String CODE_NOTE = "lanyard.magic-link.code";

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
        AuthenticationSessionModel login = context.getAuthenticationSession();
        if (email == null || email.isBlank()) {
            boolean waiting = form.containsKey("continue");
            LoginFormsProvider page = context.form().setError(waiting ? "lanyardMagicLinkNotConfirmed" : "missingEmailMessage");
            context.challenge(waiting ? sentPage(page, login.getAuthNote(EMAIL_NOTE), login.getAuthNote(CODE_NOTE))
                    : page.createForm(EMAIL_FORM));
            return;
        }
        String code;
        try {
            code = new MagicLinkService(context.getSession()).requestForFlow(email, login,
                    context.getExecution().getId(), settings(context));
        } catch (ApiException e) {
            context.challenge(context.form().setError("lanyardTooManyRequests").setAttribute("lanyardEmail", email)
                    .createErrorPage(Response.Status.TOO_MANY_REQUESTS));
            return;
        }
        login.setAuthNote(EMAIL_NOTE, email);
        login.setAuthNote(CODE_NOTE, code);
        context.challenge(sentPage(context.form(), email, code));
    }

    /** "Check your email", with the code to type where the link is confirmed on another device. */
    private static Response sentPage(LoginFormsProvider form, String email, String code) {
        form.setAttribute("lanyardEmail", email == null ? "" : email);
        if (code != null) {
            form.setAttribute("lanyardMatchCode", code);
        }
        return form.createForm(SENT_FORM);
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
        if (new LoginAttempts(context.getSession()).isLocked(user)) {
            context.getEvent().user(user).error(Errors.USER_TEMPORARILY_DISABLED);
            context.failure(AuthenticationFlowError.USER_TEMPORARILY_DISABLED);
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
