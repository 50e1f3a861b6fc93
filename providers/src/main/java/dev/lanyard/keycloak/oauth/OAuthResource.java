package dev.lanyard.keycloak.oauth;

import dev.lanyard.keycloak.access.Browser;
import dev.lanyard.keycloak.access.Caller;
import dev.lanyard.keycloak.access.UserBearer;
import dev.lanyard.keycloak.http.RequestForm;
import dev.lanyard.keycloak.internals.NativeOidcEndpoints;
import dev.lanyard.keycloak.signin.SignedInUser;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;

import java.io.InputStream;
import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * {@code {api}/oauth}: the seeds' OAuth routes. Token, userinfo, revoke and introspect are Keycloak's own
 * endpoints in-process (bodies may be forms or JSON; answers and errors are Keycloak's, RFC 6749). Authorize
 * redirects to Keycloak's login page, or, for apps that draw their own screens, issues the code by API
 * (bearer token or session cookie), with the consent and login → code routes of seeds 003 and 004.
 */
@Produces(MediaType.APPLICATION_JSON)
public final class OAuthResource {

    private static final String ROUTE = "oauth/authorize";
    private static final String SIGN_IN_FIRST = "Sign in first";

    private final KeycloakSession session;

    public OAuthResource(KeycloakSession session) {
        this.session = session;
    }

    /** With a bearer user token the code itself (seed 002); without, a redirect to the native authorization endpoint. */
    @GET
    @Path("authorize")
    public Response authorize() {
        MultivaluedMap<String, String> query = session.getContext().getUri().getQueryParameters();
        if (!Caller.hasAuthorizationHeader(session)) {
            return Response.status(Response.Status.FOUND).location(new AuthorizeRedirect(session).target(query)).build();
        }
        HeadlessAuthorizationService authorization = new HeadlessAuthorizationService(session);
        ClientModel client = authorization.verifiedClient(query);
        Optional<SignedInUser> caller = Optional.of(bearer(authorization, query));
        return Response.status(Response.Status.FOUND).location(authorization.authorize(client, query, caller, ROUTE)).build();
    }

    /** The code for the signed-in user (session cookie from a trusted origin, or a bearer user token). */
    @POST
    @Path("authorize")
    public Response authorizeByApi(InputStream body) {
        MultivaluedMap<String, String> parameters = form(body);
        HeadlessAuthorizationService authorization = new HeadlessAuthorizationService(session);
        ClientModel client = authorization.verifiedClient(parameters);
        Optional<SignedInUser> caller = Caller.hasAuthorizationHeader(session)
                ? Optional.of(bearer(authorization, parameters))
                : signedInFromTrustedOrigin();
        return redirectAnswer(authorization.authorize(client, parameters, caller, ROUTE));
    }

    /** What the consent screen of {@code client_id} shows the signed-in user. */
    @GET
    @Path("consent")
    public ConsentRepresentation consent(@QueryParam("client_id") String clientId, @QueryParam("scope") String scope) {
        return new ConsentService(session).describe(Browser.of(session).requireSignedIn(SIGN_IN_FIRST), clientId, scope);
    }

    /** The signed-in user's consent decision: {@code approve} stores the grant and issues the code, {@code deny} refuses. */
    @POST
    @Path("consent")
    public Response decide(InputStream body) {
        MultivaluedMap<String, String> parameters = form(body);
        new HeadlessAuthorizationService(session).verifiedClient(parameters);
        SignedInUser user = Browser.of(session).requireSignedInWrite(SIGN_IN_FIRST);
        return redirectAnswer(new ConsentService(session).decide(user, parameters));
    }

    /** Login → code (seed 004) for apps with direct access grants. */
    @POST
    @Path("login")
    public Response login(InputStream body) {
        Browser.of(session).origins().rejectForeignOrigin();
        Map<String, Object> answer = new LoginCodeService(session).login(form(body));
        return Response.status("pin_required".equals(answer.get("status")) ? 202 : 200).entity(answer).build();
    }

    /**
     * The Authorization Challenge Endpoint (draft-ietf-oauth-first-party-apps): a first-party app signs the user in
     * with its own screens, factor by factor, and gets an authorization code; the client authenticates as at the token
     * endpoint.
     */
    @POST
    @Path("authorize-challenge")
    public Response authorizeChallenge(InputStream body) {
        // A sign-in route: another site's page may not post to it (login CSRF).
        Browser.of(session).origins().rejectForeignOrigin();
        MultivaluedMap<String, String> parameters = RequestForm.read(session, body, AuthorizeChallengeService.JSON_FIELDS);
        return new AuthorizeChallengeService(session).answer(endpoints().authenticatedClient(parameters), parameters);
    }

    /** Every grant; RFC 8707 {@code resource} values (repeatable) add their clients to the access token's audience. */
    @POST
    @Path("token")
    public Response token(InputStream body) {
        ResourceIndicators resources = new ResourceIndicators(session);
        MultivaluedMap<String, String> form = form(body);
        String code = "authorization_code".equals(form.getFirst("grant_type")) ? form.getFirst("code") : null;
        Response tokens = resources.checked(endpoints().token(resources.takeFromTokenRequest(form)));
        return code == null ? tokens : new AuthorizeChallengeService(session).withStepUpSession(code, tokens);
    }

    @GET
    @Path("userinfo")
    public Response userInfo() {
        return endpoints().userInfoGet();
    }

    @POST
    @Path("userinfo")
    public Response userInfoPost(InputStream body) {
        // A bearer token in the Authorization header needs no body at all.
        MultivaluedMap<String, String> form = session.getContext().getRequestHeaders().getMediaType() == null
                ? new MultivaluedHashMap<>() : form(body);
        return endpoints().userInfoPost(form);
    }

    @POST
    @Path("revoke")
    public Response revoke(InputStream body) {
        return endpoints().revoke(form(body));
    }

    @POST
    @Path("introspect")
    public Response introspect(InputStream body) {
        return endpoints().introspect(form(body));
    }

    /** The scopes a user may be asked to consent to: public, no authentication. */
    @GET
    @Path("scopes")
    public ScopeListRepresentation scopes() {
        return new ConsentScopes(session).list();
    }

    /** JSON callers get {@code {"redirect_to"}}; a form (a browser) is sent there with 303. */
    private Response redirectAnswer(URI target) {
        MediaType type = session.getContext().getRequestHeaders().getMediaType();
        if (type != null && type.isCompatible(MediaType.APPLICATION_FORM_URLENCODED_TYPE)) {
            return Response.seeOther(target).build();
        }
        return Response.ok(Map.of("redirect_to", target.toString())).build();
    }

    /** The browser's session, which may act only for pages of a trusted origin; empty when nobody is signed in. */
    private Optional<SignedInUser> signedInFromTrustedOrigin() {
        Browser browser = Browser.of(session);
        Optional<SignedInUser> signedIn = browser.signedIn();
        if (signedIn.isPresent()) {
            browser.origins().requireTrustedOrigin();
        }
        return signedIn;
    }

    /** The user of a bearer token that may ask for a code for the request's client. */
    private SignedInUser bearer(HeadlessAuthorizationService authorization, MultivaluedMap<String, String> parameters) {
        UserBearer bearer = UserBearer.forClient(session, parameters.getFirst(HeadlessAuthorizationService.CLIENT_ID));
        authorization.requireIssuedForAuthorize(bearer.token());
        return bearer.signedIn();
    }

    private MultivaluedMap<String, String> form(InputStream body) {
        return RequestForm.read(session, body);
    }

    private NativeOidcEndpoints endpoints() {
        return new NativeOidcEndpoints(session, Browser.of(session).origins().mayReadAnswers());
    }
}
