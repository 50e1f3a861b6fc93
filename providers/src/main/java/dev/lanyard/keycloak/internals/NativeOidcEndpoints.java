package dev.lanyard.keycloak.internals;

import dev.lanyard.keycloak.http.ApiException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.http.FormPartValue;
import org.keycloak.http.HttpRequest;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.protocol.oidc.OIDCLoginProtocolService;
import org.keycloak.protocol.oidc.TokenManager;
import org.keycloak.protocol.oidc.endpoints.TokenEndpoint;
import org.keycloak.protocol.oidc.endpoints.TokenIntrospectionEndpoint;
import org.keycloak.protocol.oidc.endpoints.TokenRevocationEndpoint;
import org.keycloak.protocol.oidc.endpoints.UserInfoEndpoint;
import org.keycloak.protocol.oidc.par.ParResponse;
import org.keycloak.protocol.oidc.par.endpoints.ParEndpoint;
import org.keycloak.protocol.oidc.grants.device.endpoints.DeviceEndpoint;
import org.keycloak.protocol.oidc.utils.AuthorizeClientUtil;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Adapter over Keycloak's OpenID Connect endpoints ({@code keycloak-services}), run in-process. A JSON body
 * is handed to them as the form they expect (they read form parameters, and client authentication reads
 * body secrets only from a form); everything else of the request (headers, Basic auth, TLS) passes through.
 */
public final class NativeOidcEndpoints {

    private final KeycloakSession session;
    private final boolean originTrusted;

    /**
     * {@code originTrusted}: whether the request's Origin may have the CORS headers Keycloak's endpoints add for a
     * client's web origins. Otherwise they are asked without it, so that they add none (Lanyard's origin policy,
     * not a client's registered web origins, decides which pages may read Lanyard's answers).
     */
    public NativeOidcEndpoints(KeycloakSession session, boolean originTrusted) {
        this.session = session;
        this.originTrusted = originTrusted;
    }

    /** The token endpoint, every grant; {@code form} null means the request's own form body. */
    public Response token(MultivaluedMap<String, String> form) {
        return withForm(form, () -> new TokenEndpoint(session, new TokenManager(), events()).processGrantRequest());
    }

    /**
     * The client of the request, authenticated as the token endpoint authenticates it (secret, JWT, mTLS; a public
     * client by its id); 401 {@code invalid_client} (400 without a client id), recorded as Keycloak records it.
     */
    public ClientModel authenticatedClient(MultivaluedMap<String, String> form) {
        try {
            return withForm(form, () -> AuthorizeClientUtil.authorizeClient(session, events().event(EventType.LOGIN), null).getClient());
        } catch (WebApplicationException refused) {
            int status = refused.getResponse().getStatus();
            throw ApiException.of(status == 400 ? 400 : 401, "invalid_client", "Client authentication failed");
        }
    }

    /**
     * RFC 9126: {@code form} pushed to Keycloak's PAR endpoint in-process, authenticated with the request's client
     * credentials (its Basic header, or the secrets in {@code form}); the {@code request_uri} Keycloak made and its
     * lifetime, or empty when Keycloak refused. The request's DPoP proof was used up by the caller: {@code dpop_jkt}
     * in {@code form} binds the request instead.
     */
    public Optional<PushedRequest> pushAuthorizationRequest(MultivaluedMap<String, String> form) {
        try {
            Response pushed = withForm(form, Set.of("dpop"), () -> new ParEndpoint(session, events()).request());
            return pushed.getEntity() instanceof ParResponse answer
                    ? Optional.of(new PushedRequest(answer.getRequestUri(), answer.getExpiresIn())) : Optional.empty();
        } catch (WebApplicationException refused) {
            return Optional.empty();
        }
    }

    /** A pushed authorization request: its {@code request_uri} at native authorize, valid for {@code expiresIn} seconds. */
    public record PushedRequest(String requestUri, int expiresIn) {
    }

    public Response revoke(MultivaluedMap<String, String> form) {
        return withForm(form, () -> new TokenRevocationEndpoint(session, events()).revoke());
    }

    public Response introspect(MultivaluedMap<String, String> form) {
        return withForm(form, () -> new TokenIntrospectionEndpoint(session, events()).introspect());
    }

    /** RFC 8628 device authorization: a device code and a user code for a device-flow client. */
    public Response deviceAuthorization(MultivaluedMap<String, String> form) {
        return withForm(form, () -> new DeviceEndpoint(session, events()).handleDeviceRequest());
    }

    /** The realm's public signing and encryption keys, as its {@code certs} endpoint publishes them. */
    public Response jwks() {
        return new OIDCLoginProtocolService(session, events()).certs();
    }

    /** The realm's native authorization endpoint with {@code parameters} as its query (names sorted, values in order). */
    public static URI authorizeUri(KeycloakSession session, MultivaluedMap<String, String> parameters) {
        return withQuery(OIDCLoginProtocolService.authUrl(session.getContext().getUri()).build(session.getContext().getRealm().getName()),
                parameters);
    }

    /** The realm's native RP-initiated logout endpoint with {@code parameters} as its query (names sorted, values in order). */
    public static URI logoutUri(KeycloakSession session, MultivaluedMap<String, String> parameters) {
        return withQuery(OIDCLoginProtocolService.logoutUrl(session.getContext().getUri()).build(session.getContext().getRealm().getName()),
                parameters);
    }

    private static URI withQuery(URI endpoint, MultivaluedMap<String, String> parameters) {
        StringJoiner query = new StringJoiner("&");
        new TreeMap<>(parameters).forEach((name, values) -> values.forEach(value -> query.add(encode(name) + "=" + encode(value))));
        return query.length() == 0 ? endpoint : URI.create(endpoint + "?" + query);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    public Response userInfoGet() {
        return withForm(null, () -> new UserInfoEndpoint(session, new TokenManager()).issueUserInfoGet());
    }

    public Response userInfoPost(MultivaluedMap<String, String> form) {
        return withForm(form, () -> new UserInfoEndpoint(session, new TokenManager()).issueUserInfoPost());
    }

    private EventBuilder events() {
        return new EventBuilder(session.getContext().getRealm(), session, session.getContext().getConnection());
    }

    /** Runs {@code endpoint} on the request, with {@code form} as its body (null: its own) and its Origin only if trusted. */
    private <T> T withForm(MultivaluedMap<String, String> form, Supplier<T> endpoint) {
        return withForm(form, Set.of(), endpoint);
    }

    /** As {@link #withForm(MultivaluedMap, Supplier)}, with the request headers {@code hidden} (lower case) hidden too. */
    private <T> T withForm(MultivaluedMap<String, String> form, Set<String> hidden, Supplier<T> endpoint) {
        if (form == null && originTrusted && hidden.isEmpty()) {
            return endpoint.get();
        }
        Set<String> hiddenHeaders = new HashSet<>(hidden);
        if (!originTrusted) {
            hiddenHeaders.add("origin");
        }
        HttpRequest original = session.getContext().getHttpRequest();
        session.getContext().setHttpRequest(new FormRequest(original,
                form == null ? original.getDecodedFormParameters() : form, Set.copyOf(hiddenHeaders)));
        try {
            return endpoint.get();
        } finally {
            session.getContext().setHttpRequest(original);
        }
    }

    /** The original request, but with {@code form} as its urlencoded body, and without the {@code hidden} headers. */
    private record FormRequest(HttpRequest original, MultivaluedMap<String, String> form, Set<String> hidden) implements HttpRequest {

        @Override
        public String getHttpMethod() {
            return original.getHttpMethod();
        }

        @Override
        public MultivaluedMap<String, String> getDecodedFormParameters() {
            return form;
        }

        @Override
        public MultivaluedMap<String, FormPartValue> getMultiPartFormParameters() {
            return new MultivaluedHashMap<>();
        }

        @Override
        public HttpHeaders getHttpHeaders() {
            return new FormHeaders(original.getHttpHeaders(), hidden);
        }

        @Override
        public X509Certificate[] getClientCertificateChain() {
            return original.getClientCertificateChain();
        }

        @Override
        public UriInfo getUri() {
            return original.getUri();
        }

        @Override
        public boolean isProxyTrusted() {
            return original.isProxyTrusted();
        }
    }

    /** The original headers, with the Content-Type of a form, and without the {@code hidden} ones (lower-case names). */
    private record FormHeaders(HttpHeaders original, Set<String> hidden) implements HttpHeaders {

        @Override
        public List<String> getRequestHeader(String name) {
            if (isHidden(name)) {
                return List.of();
            }
            return isContentType(name) ? List.of(MediaType.APPLICATION_FORM_URLENCODED) : original.getRequestHeader(name);
        }

        @Override
        public String getHeaderString(String name) {
            if (isHidden(name)) {
                return null;
            }
            return isContentType(name) ? MediaType.APPLICATION_FORM_URLENCODED : original.getHeaderString(name);
        }

        /** The original's, less the hidden ones; the Content-Type is left: Keycloak asks {@link #getMediaType()}. */
        @Override
        public MultivaluedMap<String, String> getRequestHeaders() {
            if (hidden.isEmpty()) {
                return original.getRequestHeaders();
            }
            MultivaluedMap<String, String> headers = new MultivaluedHashMap<>();
            original.getRequestHeaders().forEach((name, values) -> {
                if (!isHidden(name)) {
                    headers.put(name, values);
                }
            });
            return headers;
        }

        private boolean isHidden(String name) {
            return hidden.contains(name.toLowerCase(Locale.ROOT));
        }

        @Override
        public List<MediaType> getAcceptableMediaTypes() {
            return original.getAcceptableMediaTypes();
        }

        @Override
        public List<Locale> getAcceptableLanguages() {
            return original.getAcceptableLanguages();
        }

        @Override
        public MediaType getMediaType() {
            return MediaType.APPLICATION_FORM_URLENCODED_TYPE;
        }

        @Override
        public Locale getLanguage() {
            return original.getLanguage();
        }

        @Override
        public Map<String, Cookie> getCookies() {
            return original.getCookies();
        }

        @Override
        public Date getDate() {
            return original.getDate();
        }

        @Override
        public int getLength() {
            return -1;
        }
    }

    private static boolean isContentType(String name) {
        return HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name);
    }
}
