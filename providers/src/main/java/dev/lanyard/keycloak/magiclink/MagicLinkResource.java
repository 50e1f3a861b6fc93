package dev.lanyard.keycloak.magiclink;

import dev.lanyard.keycloak.http.ApiException;
import dev.lanyard.keycloak.access.Browser;
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

import java.util.HashMap;
import java.util.Map;

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
        return links.open(token, appLinks)
                .map(code -> confirmPage(token, !code.passed(), null))
                .orElseGet(() -> expiredPage(redirectUri, clientId));
    }

    @POST
    @Path("/")
    public Response consume(@QueryParam("redirect_uri") String redirectUri, @QueryParam("client_id") String clientId) {
        MultivaluedMap<String, String> form = Browser.of(session).formFromOwnPage();
        String token = form.getFirst("token");
        MagicLinkService.Confirmation done = links.confirm(token, form.getFirst("code"), appLinks);
        return switch (done.outcome()) {
            case EXPIRED -> expiredPage(redirectUri, clientId);
            case CODE_NEEDED -> confirmPage(token, true, "lanyardMagicLinkCodeNeeded");
            case CODE_WRONG -> confirmPage(token, true, "lanyardMagicLinkCodeWrong");
            case CODE_VOID -> errorPage("lanyardMagicLinkCodeVoid", Response.Status.BAD_REQUEST);
            case REDIRECT -> Response.seeOther(done.next()).build();
            case PIN_NEEDED -> session.getProvider(SecondStep.class).page(done.pinToken());
            case REFUSED -> errorPage("lanyardSignInRefused", Response.Status.fromStatusCode(done.status()));
            case RETURN_TO_LOGIN -> forms().setSuccess("lanyardMagicLinkReturnToLogin").createInfoPage();
            case LOGIN_EXPIRED -> errorPage("lanyardMagicLinkLoginExpired", Response.Status.BAD_REQUEST);
        };
    }

    /** The expired-link page's "send me a new link" form. */
    @POST
    @Path("renew")
    public Response renew() {
        if (!appLinks) {
            throw ApiException.notFound("No such route");
        }
        MultivaluedMap<String, String> form = Browser.of(session).formFromOwnPage();
        String email = form.getFirst("email");
        String redirectUri = form.getFirst("redirect_uri");
        String clientId = form.getFirst("client_id");
        if (email == null || email.isBlank() || redirectUri == null || redirectUri.isBlank()) {
            return errorPage("lanyardMagicLinkRenewIncomplete", Response.Status.BAD_REQUEST);
        }
        try {
            links.requestForApp(email, redirectUri, clientId == null || clientId.isBlank() ? null : clientId,
                    MagicLinkSettings.of(session.getContext().getRealm().getAttributes()));
        } catch (ApiException e) {
            return errorPage(e.status() == 429 ? "lanyardTooManyRequests" : "lanyardMagicLinkRenewIncomplete",
                    Response.Status.fromStatusCode(e.status()));
        }
        return forms().setSuccess("lanyardMagicLinkSent").createInfoPage();
    }

    private Response confirmPage(String token, boolean codeRequired, String error) {
        Map<String, Object> confirm = new HashMap<>();
        confirm.put("action", session.getContext().getUri().getRequestUri().toString());
        confirm.put("token", token);
        confirm.put("codeRequired", codeRequired);
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

    private Response errorPage(String message, Response.Status status) {
        return forms().setError(message).createErrorPage(status);
    }

    private LoginFormsProvider forms() {
        return session.getProvider(LoginFormsProvider.class);
    }
}
