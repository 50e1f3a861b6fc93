package dev.lanyard.keycloak.social;

import dev.lanyard.keycloak.access.Browser;
import dev.lanyard.keycloak.http.AcceptHeader;
import dev.lanyard.keycloak.http.ApiException;
import dev.lanyard.keycloak.signin.SecondStep;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.KeycloakSession;

import java.util.function.Supplier;

/**
 * {@code {api}/auth/{provider}}: social login (seed 000). {@code login} starts Keycloak's broker login,
 * {@code complete} ends it with a sign-in through the pipeline and a redirect to the app, {@code callback} is an
 * alias of Keycloak's broker endpoint. Refusals are JSON for API callers and the themed error page for browsers.
 */
public final class SocialLoginResource {

    private final KeycloakSession session;
    private final SocialLoginService social;

    public SocialLoginResource(KeycloakSession session, String provider) {
        this.session = session;
        this.social = new SocialLoginService(session, provider);
    }

    @GET
    @Path("login")
    public Response login(@QueryParam("redirect_uri") String redirectUri, @QueryParam("client_id") String clientId) {
        return answer(() -> Response.status(Response.Status.FOUND).location(social.start(redirectUri, clientId)).build());
    }

    @GET
    @Path("complete")
    public Response complete(@QueryParam("code") String code) {
        return answer(() -> {
            SocialLoginService.Completed completed = social.complete(code, Browser.of(session).cookie(SocialLoginService.BINDING_COOKIE));
            return completed.result().pinToken()
                    .map(pinToken -> session.getProvider(SecondStep.class).page(pinToken))
                    .orElseGet(() -> Response.seeOther(completed.redirectUri()).build());
        });
    }

    /** The provider's answer, handed to Keycloak's broker endpoint unchanged (its state checks included). */
    @GET
    @Path("callback")
    public Response callback() {
        return answer(() -> Response.status(Response.Status.FOUND)
                .location(social.brokerEndpoint(session.getContext().getUri().getRequestUri().getRawQuery())).build());
    }

    private Response answer(Supplier<Response> route) {
        try {
            return route.get();
        } catch (ApiException refused) {
            if (!AcceptHeader.prefersPage(session)) {
                throw refused;
            }
            session.getTransactionManager().setRollbackOnly();
            return session.getProvider(LoginFormsProvider.class)
                    .setError("lanyardSocialLoginRefused")
                    .createErrorPage(Response.Status.fromStatusCode(refused.status()));
        }
    }
}
