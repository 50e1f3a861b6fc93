package dev.lanyard.keycloak.api;

import dev.lanyard.keycloak.admin.AdminResource;
import dev.lanyard.keycloak.admin.AdminUsersResource;
import dev.lanyard.keycloak.branding.BrandingResource;
import dev.lanyard.keycloak.http.ApiException;
import dev.lanyard.keycloak.access.OriginPolicy;
import dev.lanyard.keycloak.magiclink.MagicLinkRequestResource;
import dev.lanyard.keycloak.magiclink.MagicLinkResource;
import dev.lanyard.keycloak.oauth.HeadlessAuthorizationService;
import dev.lanyard.keycloak.oauth.OAuthResource;
import dev.lanyard.keycloak.passkeys.PasskeyResource;
import dev.lanyard.keycloak.permissions.AdminPermissionListResource;
import dev.lanyard.keycloak.permissions.AdminPermissionResource;
import dev.lanyard.keycloak.permissions.PermissionResource;
import dev.lanyard.keycloak.pin.PinResource;
import dev.lanyard.keycloak.pin.VerifyPinResource;
import dev.lanyard.keycloak.platform.PlatformResource;
import dev.lanyard.keycloak.platform.TenantResource;
import dev.lanyard.keycloak.publicauth.PublicAuthResource;
import dev.lanyard.keycloak.publicauth.SsoResource;
import dev.lanyard.keycloak.realm.Capabilities;
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

    private final KeycloakSession session;
    private final String version;
    private final Capabilities capabilities;

    ApiRootResource(KeycloakSession session, String version) {
        this.session = session;
        this.version = version;
        this.capabilities = Capabilities.of(session.getContext().getRealm());
        if (capabilities.realmEnabled()) {
            new OriginPolicy(session).addCorsHeaders();
        }
    }

    @GET
    @Path("/")
    public ApiInfoRepresentation info() {
        return capabilities.realmEnabled()
                ? new ApiInfoRepresentation("lanyard", version, true, capabilities.served())
                : new ApiInfoRepresentation("lanyard", null, false, List.of());
    }

    /** The OpenAPI 3.1 document of every route, generated from these resources. */
    @GET
    @Path("openapi.json")
    public Map<String, Object> openApi() {
        capabilities.requireRealmEnabled();
        return OpenApiDocument.of(session, version);
    }

    @Path("public")
    public PublicAuthResource publicAuth() {
        capabilities.require(Capabilities.PUBLIC_AUTH);
        return new PublicAuthResource(session);
    }

    @Path("public/branding.css")
    public BrandingResource branding() {
        capabilities.requireRealmEnabled();
        return new BrandingResource(session);
    }

    @Path("public/request-magic-link")
    public MagicLinkRequestResource requestMagicLink() {
        capabilities.require(Capabilities.MAGIC_LINK);
        return new MagicLinkRequestResource(session);
    }

    /** The mailed link. Links of the browser-flow step stay served wherever a realm admin placed that step. */
    @Path("public/magic-link")
    public MagicLinkResource magicLink() {
        return new MagicLinkResource(session, capabilities.has(Capabilities.MAGIC_LINK));
    }

    @Path("public/pin")
    public PinResource pin() {
        capabilities.require(Capabilities.PIN);
        return new PinResource(session);
    }

    @Path("public/passkeys")
    public PasskeyResource passkeys() {
        capabilities.require(Capabilities.PASSKEYS);
        return new PasskeyResource(session);
    }

    @Path("public/verify-pin")
    public VerifyPinResource verifyPin() {
        capabilities.require(Capabilities.PIN);
        // The authorization request a PIN held back is resumed by oauth, which the pin package does not import.
        return new VerifyPinResource(session, new HeadlessAuthorizationService(session)::resume);
    }

    @Path("auth/{provider}")
    public SocialLoginResource social(@PathParam("provider") String provider) {
        capabilities.require(Capabilities.SOCIAL_LOGIN);
        return new SocialLoginResource(session, provider);
    }

    @Path("users/{userId}/apps/{clientId}")
    public PermissionResource permissions(@PathParam("userId") String userId, @PathParam("clientId") String clientId) {
        capabilities.require(Capabilities.PERMISSIONS);
        return new PermissionResource(session, userId, clientId);
    }

    @Path("admin")
    public AdminResource admin() {
        capabilities.require(Capabilities.ADMIN);
        return new AdminResource(session);
    }

    @Path("admin/users")
    public AdminUsersResource adminUsers() {
        capabilities.require(Capabilities.ADMIN);
        return new AdminUsersResource(session);
    }

    /** A realm admin's side of app permissions: served with the admin routes, so under their switch. */
    @Path("admin/users/{userId}/apps/{clientId}/permissions")
    public AdminPermissionResource adminPermission(@PathParam("userId") String userId, @PathParam("clientId") String clientId) {
        capabilities.require(Capabilities.ADMIN);
        return new AdminPermissionResource(session, userId, clientId);
    }

    @Path("admin/apps/{clientId}/permissions")
    public AdminPermissionListResource adminPermissionList(@PathParam("clientId") String clientId) {
        capabilities.require(Capabilities.ADMIN);
        return new AdminPermissionListResource(session, clientId);
    }

    @Path("oauth")
    public OAuthResource oauth() {
        capabilities.require(Capabilities.OAUTH);
        return new OAuthResource(session);
    }

    @Path("v1/platform")
    public PlatformResource platform() {
        capabilities.require(Capabilities.PLATFORM);
        return new PlatformResource(session);
    }

    @Path("v1/auth/tenants/{slug}/oauth")
    public TenantResource tenant(@PathParam("slug") String slug) {
        capabilities.require(Capabilities.PLATFORM);
        return new TenantResource(session, slug);
    }

    @Path("sso")
    public SsoResource sso() {
        capabilities.require(Capabilities.PUBLIC_AUTH);
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
        capabilities.requireRealmEnabled();
        return Response.noContent().build();
    }

    @Path("{path: .+}")
    public Object unknownRoute() {
        throw ApiException.notFound("No such route");
    }

    private static ApiException methodNotAllowed() {
        return ApiException.of(405, "method_not_allowed", "The API root only answers GET");
    }
}
