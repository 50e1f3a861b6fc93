package dev.lanyard.keycloak.api;

import dev.lanyard.keycloak.admin.AdminResource;
import dev.lanyard.keycloak.branding.BrandingResource;
import dev.lanyard.keycloak.http.ApiException;
import dev.lanyard.keycloak.http.OriginPolicy;
import dev.lanyard.keycloak.magiclink.MagicLinkRequestResource;
import dev.lanyard.keycloak.magiclink.MagicLinkResource;
import dev.lanyard.keycloak.oauth.OAuthResource;
import dev.lanyard.keycloak.permissions.PermissionResource;
import dev.lanyard.keycloak.pin.PinResource;
import dev.lanyard.keycloak.platform.PlatformResource;
import dev.lanyard.keycloak.platform.TenantResource;
import dev.lanyard.keycloak.pin.VerifyPinResource;
import dev.lanyard.keycloak.publicauth.PublicAuthResource;
import dev.lanyard.keycloak.publicauth.SsoResource;
import dev.lanyard.keycloak.social.SocialLoginResource;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.KeycloakSession;

import java.util.List;
import java.util.Map;

/**
 * {@code /realms/{realm}/api}: routes to the capability resources and nothing else. Every answer gets the
 * CORS headers of {@link OriginPolicy}; unknown routes and methods answer with Lanyard's JSON errors.
 */
@Produces(MediaType.APPLICATION_JSON)
public final class ApiRootResource {

    static final List<String> CAPABILITIES = List.of("public-auth", "magic-link", "pin", "oauth", "permissions", "social-login", "platform", "admin");

    private final KeycloakSession session;
    private final String version;

    ApiRootResource(KeycloakSession session, String version) {
        this.session = session;
        this.version = version;
        new OriginPolicy(session).addCorsHeaders(isPreflight(session));
    }

    @GET
    @Path("/")
    public ApiInfoRepresentation info() {
        return new ApiInfoRepresentation("lanyard", version, CAPABILITIES);
    }

    /** The OpenAPI 3.1 document of every route, generated from these resources. */
    @GET
    @Path("openapi.json")
    public Map<String, Object> openApi() {
        return OpenApiDocument.of(session, version);
    }

    @Path("public")
    public PublicAuthResource publicAuth() {
        return new PublicAuthResource(session);
    }

    @Path("public/branding.css")
    public BrandingResource branding() {
        return new BrandingResource(session);
    }

    @Path("public/request-magic-link")
    public MagicLinkRequestResource requestMagicLink() {
        return new MagicLinkRequestResource(session);
    }

    @Path("public/magic-link")
    public MagicLinkResource magicLink() {
        return new MagicLinkResource(session);
    }

    @Path("public/pin")
    public PinResource pin() {
        return new PinResource(session);
    }

    @Path("public/verify-pin")
    public VerifyPinResource verifyPin() {
        return new VerifyPinResource(session);
    }

    @Path("auth/{provider}")
    public SocialLoginResource social(@PathParam("provider") String provider) {
        return new SocialLoginResource(session, provider);
    }

    @Path("users/{userId}/apps/{clientId}")
    public PermissionResource permissions(@PathParam("userId") String userId, @PathParam("clientId") String clientId) {
        return new PermissionResource(session, userId, clientId);
    }

    @Path("admin")
    public AdminResource admin() {
        return new AdminResource(session);
    }

    @Path("oauth")
    public OAuthResource oauth() {
        return new OAuthResource(session);
    }

    @Path("v1/platform")
    public PlatformResource platform() {
        return new PlatformResource(session);
    }

    @Path("v1/auth/tenants/{slug}/oauth")
    public TenantResource tenant(@PathParam("slug") String slug) {
        return new TenantResource(session, slug);
    }

    @Path("sso")
    public SsoResource sso() {
        return new SsoResource(session);
    }

    @POST
    @Path("/")
    public Response postToRoot() {
        throw methodNotAllowed();
    }

    @PUT
    @Path("/")
    public Response putToRoot() {
        throw methodNotAllowed();
    }

    @DELETE
    @Path("/")
    public Response deleteRoot() {
        throw methodNotAllowed();
    }

    @PATCH
    @Path("/")
    public Response patchRoot() {
        throw methodNotAllowed();
    }

    /** CORS preflight for every route; the headers were added (for trusted origins only) on construction. */
    @OPTIONS
    @Path("{path: .+}")
    public Response preflight() {
        return Response.noContent().build();
    }

    @Path("{path: .+}")
    public Object unknownRoute() {
        throw ApiException.notFound("No such route");
    }

    private static ApiException methodNotAllowed() {
        return ApiException.of(405, "method_not_allowed", "The API root only answers GET");
    }

    private static boolean isPreflight(KeycloakSession session) {
        return "OPTIONS".equals(session.getContext().getHttpRequest().getHttpMethod())
                && session.getContext().getRequestHeaders().getHeaderString("Access-Control-Request-Method") != null;
    }
}
