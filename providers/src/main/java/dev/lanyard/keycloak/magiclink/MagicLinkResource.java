package dev.lanyard.keycloak.magiclink;

import dev.lanyard.keycloak.common.ApiException;
import dev.lanyard.keycloak.common.KeycloakSessions;
import dev.lanyard.keycloak.pin.PinPage;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.KeycloakSession;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code {api}/public/magic-link}: the mailed link. GET shows a page and consumes nothing (mail scanners
 * fetch links); POST from that page consumes the link once and signs in (through the PIN page for a user
 * who has a PIN).
 */
@Produces(MediaType.TEXT_HTML)
public final class MagicLinkResource {

    private final KeycloakSession session;
    private final MagicLinkService links;

    public MagicLinkResource(KeycloakSession session) {
        this.session = session;
        this.links = new MagicLinkService(session);
    }

    @GET
    @Path("/")
    public Response page(@QueryParam("token") String token, @QueryParam("redirect_uri") String redirectUri,
                         @QueryParam("client_id") String clientId) {
        if (!links.isRedeemable(token)) {
            return expiredPage(redirectUri, clientId);
        }
        return forms().setAttribute("lanyardConfirm", Map.of(
                        "action", session.getContext().getUri().getRequestUri().toString(),
                        "token", token,
                        "title", "lanyardMagicLinkTitle",
                        "message", "lanyardMagicLinkConfirmMessage",
                        "button", "lanyardMagicLinkConfirmButton"))
                .createForm("lanyard-confirm.ftl");
    }

    @POST
    @Path("/")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response consume(@FormParam("token") String token, @QueryParam("redirect_uri") String redirectUri,
                            @QueryParam("client_id") String clientId) {
        return links.redeem(token)
                .map(this::signIn)
                .orElseGet(() -> expiredPage(redirectUri, clientId));
    }

    /** The expired-link page's "send me a new link" form. */
    @POST
    @Path("renew")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response renew(@FormParam("email") String email, @FormParam("redirect_uri") String redirectUri,
                          @FormParam("client_id") String clientId) {
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

    private Response signIn(MagicLinkService.Grant grant) {
        if (grant.continuesBrowserLogin()) {
            return continueBrowserLogin(grant);
        }
        return links.signIn(grant)
                .map(pinToken -> PinPage.show(session, pinToken, null))
                .orElseGet(() -> Response.seeOther(URI.create(grant.redirectUri())).build());
    }

    /**
     * Hands the user to the waiting browser login. In the browser that started it, that login goes on at
     * once; elsewhere the user is told to go back to it, where "continue" finishes it.
     */
    private Response continueBrowserLogin(MagicLinkService.Grant grant) {
        return KeycloakSessions.confirmLoginInProgress(session, grant.rootSessionId(), grant.tabId(), grant.clientId(),
                        grant.execution(), MagicLinkService.CONFIRMED_USER_NOTE, grant.user().getId())
                .map(resume -> resume.sameBrowser()
                        ? Response.seeOther(resume.uri()).build()
                        : forms().setSuccess("lanyardMagicLinkReturnToLogin").createInfoPage())
                .orElseGet(() -> forms().setError("lanyardMagicLinkLoginExpired").createErrorPage(Response.Status.BAD_REQUEST));
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
