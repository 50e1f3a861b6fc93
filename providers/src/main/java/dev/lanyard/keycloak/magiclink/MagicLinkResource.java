package dev.lanyard.keycloak.magiclink;

import dev.lanyard.keycloak.http.ApiException;
import dev.lanyard.keycloak.http.FormBody;
import dev.lanyard.keycloak.access.Browser;
import dev.lanyard.keycloak.internals.KeycloakSessions;
import dev.lanyard.keycloak.signin.SecondStep;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.KeycloakSession;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code {api}/public/magic-link}: the mailed link. GET shows a page and consumes nothing (mail scanners
 * fetch links); POST from that page consumes the link once and signs in through the sign-in pipeline (the PIN
 * page first for a user who has a PIN). A link that finishes a browser login waiting elsewhere also needs the
 * code that the waiting page shows.
 */
@Produces(MediaType.TEXT_HTML)
public final class MagicLinkResource {

    private final KeycloakSession session;
    private final MagicLinkService links;
    private final boolean appLinks;

    /**
     * {@code appLinks}: whether the realm serves the magic-link API. Without it, only links that the browser-flow
     * step mailed are served (a realm admin placed that step on purpose); every other link is no route at all.
     */
    public MagicLinkResource(KeycloakSession session, boolean appLinks) {
        this.session = session;
        this.links = new MagicLinkService(session);
        this.appLinks = appLinks;
    }

    @GET
    @Path("/")
    public Response page(@QueryParam("token") String token, @QueryParam("redirect_uri") String redirectUri,
                         @QueryParam("client_id") String clientId) {
        return served(links.peek(token))
                .map(grant -> confirmPage(token, links.checkCode(token, grant, null), null))
                .orElseGet(() -> expiredPage(redirectUri, clientId));
    }

    @POST
    @Path("/")
    public Response consume(@QueryParam("redirect_uri") String redirectUri, @QueryParam("client_id") String clientId) {
        // The link signs the browser in: a page of another site must not be able to post it (login CSRF).
        Browser.of(session).origins().rejectForeignOrigin();
        MultivaluedMap<String, String> form = FormBody.read(session);
        String token = form.getFirst("token");
        MagicLinkService.Grant pending = served(links.peek(token)).orElse(null);
        if (pending == null) {
            links.redeem(token);
            return expiredPage(redirectUri, clientId);
        }
        MagicLinkService.CodeCheck code = links.checkCode(token, pending, form.getFirst("code"));
        if (code == MagicLinkService.CodeCheck.VOID) {
            return forms().setError("lanyardMagicLinkCodeVoid").createErrorPage(Response.Status.BAD_REQUEST);
        }
        if (!code.passed()) {
            return confirmPage(token, code, code == MagicLinkService.CodeCheck.WRONG ? "lanyardMagicLinkCodeWrong" : "lanyardMagicLinkCodeNeeded");
        }
        return links.redeem(token)
                .map(grant -> grant.continuesBrowserLogin() ? continueBrowserLogin(grant) : signIn(grant))
                .orElseGet(() -> expiredPage(redirectUri, clientId));
    }

    /** The expired-link page's "send me a new link" form. */
    @POST
    @Path("renew")
    public Response renew() {
        if (!appLinks) {
            throw ApiException.notFound("No such route");
        }
        // A foreign page must not make visitors' browsers send mails (and spend the limits).
        Browser.of(session).origins().rejectForeignOrigin();
        MultivaluedMap<String, String> form = FormBody.read(session);
        String email = form.getFirst("email");
        String redirectUri = form.getFirst("redirect_uri");
        String clientId = form.getFirst("client_id");
        if (email == null || email.isBlank() || redirectUri == null || redirectUri.isBlank()) {
            return forms().setError("lanyardMagicLinkRenewIncomplete").createErrorPage(Response.Status.BAD_REQUEST);
        }
        try {
            links.requestForApp(email, redirectUri, clientId == null || clientId.isBlank() ? null : clientId,
                    MagicLinkSettings.of(session.getContext().getRealm().getAttributes()));
        } catch (ApiException e) {
            return forms().setError(e.status() == 429 ? "lanyardTooManyRequests" : "lanyardMagicLinkRenewIncomplete")
                    .createErrorPage(Response.Status.fromStatusCode(e.status()));
        }
        return forms().setSuccess("lanyardMagicLinkSent").createInfoPage();
    }

    /** The grant, if this realm serves its kind of link; a 404 where it serves no magic-link route at all. */
    private Optional<MagicLinkService.Grant> served(Optional<MagicLinkService.Grant> grant) {
        if (appLinks) {
            return grant;
        }
        return Optional.of(grant.filter(MagicLinkService.Grant::continuesBrowserLogin)
                .orElseThrow(() -> ApiException.notFound("No such route")));
    }

    private Response signIn(MagicLinkService.Grant grant) {
        try {
            return links.signIn(grant).pinToken()
                    .map(pinToken -> session.getProvider(SecondStep.class).page(pinToken))
                    .orElseGet(() -> Response.seeOther(URI.create(grant.redirectUri())).build());
        } catch (ApiException refused) {
            // Locked, disabled or with a pending action: refused exactly as a password login would be.
            return forms().setError("lanyardSignInRefused").createErrorPage(Response.Status.fromStatusCode(refused.status()));
        }
    }

    /**
     * Hands the user to the waiting browser login. In the browser that started it, this tab goes on at once (in
     * a fork of that login, so the tab still waiting follows by the SSO cookie); elsewhere the user is told to go
     * back to it, where "continue" finishes it.
     */
    private Response continueBrowserLogin(MagicLinkService.Grant grant) {
        return KeycloakSessions.confirmLoginInProgress(session, grant.rootSessionId(), grant.tabId(), grant.clientId(),
                        grant.execution(), MagicLinkService.CONFIRMED_USER_NOTE, grant.user().getId())
                .map(resume -> resume.sameBrowser()
                        ? Response.seeOther(resume.uri()).build()
                        : forms().setSuccess("lanyardMagicLinkReturnToLogin").createInfoPage())
                .orElseGet(() -> forms().setError("lanyardMagicLinkLoginExpired").createErrorPage(Response.Status.BAD_REQUEST));
    }

    private Response confirmPage(String token, MagicLinkService.CodeCheck code, String error) {
        Map<String, Object> confirm = new HashMap<>();
        confirm.put("action", session.getContext().getUri().getRequestUri().toString());
        confirm.put("token", token);
        confirm.put("codeRequired", !code.passed());
        LoginFormsProvider form = forms().setAttribute("lanyardConfirm", confirm);
        if (error != null) {
            form.setError(error);
        }
        return form.createForm("lanyard-magic-link-confirm.ftl");
    }

    private Response expiredPage(String redirectUri, String clientId) {
        LoginFormsProvider form = forms().setStatus(Response.Status.BAD_REQUEST);
        if (redirectUri != null && !redirectUri.isBlank()) {
            Map<String, String> renew = new HashMap<>();
            renew.put("action", links.renewUri().toString());
            renew.put("redirectUri", redirectUri);
            renew.put("clientId", clientId == null ? "" : clientId);
            form.setAttribute("lanyardRenew", renew);
        }
        return form.createForm("lanyard-magic-link-expired.ftl");
    }

    private LoginFormsProvider forms() {
        return session.getProvider(LoginFormsProvider.class);
    }
}
