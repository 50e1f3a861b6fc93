package dev.lanyard.keycloak.platform;

import dev.lanyard.keycloak.access.Browser;
import dev.lanyard.keycloak.access.Caller;
import dev.lanyard.keycloak.signin.SignedInUser;
import dev.lanyard.keycloak.http.RequestParameters;
import dev.lanyard.keycloak.internals.NativeOidcEndpoints;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.KeycloakSession;

import java.io.InputStream;
import java.util.List;
import java.util.Map;

/**
 * {@code {api}/v1/platform} (seed 001): the tenant-agnostic OAuth front for GLOBAL apps. Request shapes follow the
 * seed (form bodies, HTTP Basic, 422 for a missing or mistyped parameter); tokens, keys, the device grant and
 * userinfo are Keycloak's own, run in-process, so their answers and errors are Keycloak's (RFC 6749).
 */
@Produces(MediaType.APPLICATION_JSON)
public final class PlatformResource {

    public static final String ROUTE = "v1/platform";

    private final KeycloakSession session;

    public PlatformResource(KeycloakSession session) {
        this.session = session;
    }

    @GET
    @Path(".well-known/jwks.json")
    public Response jwks() {
        return endpoints().jwks();
    }

    @GET
    @Path("oauth/.well-known/openid-configuration")
    public Map<String, Object> discovery() {
        return PlatformDiscovery.document(session);
    }

    /** The email-first page, or straight on to the tenant when the client gave a {@code login_hint}. */
    @GET
    @Path("oauth/authorize")
    public Response authorize() {
        AuthorizeRequest request = AuthorizeRequest.read(session, PlatformApps::isGlobal);
        return new TenantResolution(session).route(request);
    }

    @POST
    @Path("oauth/token")
    public Response token(InputStream body) {
        RequestParameters form = RequestParameters.body(session, body);
        form.required("grant_type");
        form.check();
        return endpoints().token(form.all());
    }

    @POST
    @Path("oauth/device/authorize")
    public Response deviceAuthorize(InputStream body) {
        RequestParameters form = RequestParameters.body(session, body);
        if (!Caller.hasAuthorizationHeader(session)) {
            form.required("client_id");
        }
        boolean scoped = form.optional("scope").isPresent();
        form.check();
        MultivaluedMap<String, String> request = new MultivaluedHashMap<>(form.all());
        if (!scoped) {
            request.putSingle("scope", "openid");
        }
        return endpoints().deviceAuthorization(request);
    }

    @GET
    @Path("oauth/device/verify")
    public DeviceRequestRepresentation deviceInfo() {
        RequestParameters query = RequestParameters.query(session);
        String userCode = query.required("user_code");
        query.check();
        return new DeviceVerificationService(session).describe(userCode);
    }

    @POST
    @Path("oauth/device/verify")
    public StatusRepresentation deviceDecision(InputStream body) {
        RequestParameters form = RequestParameters.body(session, body);
        String userCode = form.required("user_code");
        String decision = form.oneOf("decision", List.of(DeviceVerificationService.APPROVE, DeviceVerificationService.DENY));
        form.check();
        SignedInUser signedIn = Browser.of(session).requireSignedInWrite("Sign in to approve a device");
        return new DeviceVerificationService(session).decide(signedIn, userCode, decision);
    }

    @GET
    @Path("oauth/logout")
    public Response logout() {
        Browser browser = Browser.of(session);
        return new PlatformLogoutService(session).logout(browser.signedIn(), browser.origins().isFromTrustedOrigin(), null,
                ROUTE + "/oauth/logout");
    }

    @GET
    @Path("oauth/userinfo")
    public Response userInfo() {
        requireAuthorizationHeader();
        return endpoints().userInfoGet();
    }

    @POST
    @Path("oauth/userinfo")
    public Response userInfoPost() {
        requireAuthorizationHeader();
        return endpoints().userInfoPost(new MultivaluedHashMap<>());
    }

    private void requireAuthorizationHeader() {
        RequestParameters headers = RequestParameters.headers(session);
        headers.required("authorization");
        headers.check();
    }

    private NativeOidcEndpoints endpoints() {
        return new NativeOidcEndpoints(session, Browser.of(session).origins().mayReadAnswers());
    }
}
