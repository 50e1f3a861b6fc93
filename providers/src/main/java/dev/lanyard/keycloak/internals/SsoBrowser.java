package dev.lanyard.keycloak.internals;

import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.keycloak.cookie.CookieProvider;
import org.keycloak.cookie.CookieType;
import org.keycloak.http.FormPartValue;
import org.keycloak.jose.jws.JWSInput;
import org.keycloak.jose.jws.JWSInputException;
import org.keycloak.http.HttpRequest;
import org.keycloak.http.HttpResponse;
import org.keycloak.models.KeycloakContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.services.Urls;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.services.managers.IdentityCookieToken;
import org.keycloak.sessions.AuthenticationSessionModel;

import java.security.cert.X509Certificate;
import java.util.AbstractMap;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Keycloak's browser endpoints called in-process as a browser that carries one user session's SSO cookie, so
 * that Keycloak's own code (its authorization endpoint, its authentication processor) decides for that session
 * exactly as it decides when the browser itself calls. During the call the request has that cookie and no
 * other, a form body, and no Origin or Authorization header; whatever Keycloak writes to the response (its
 * cookies, headers) is dropped: the caller is an API client, not that browser.
 *
 * <p>Keycloak reads cookies through a per-request provider that keeps the map it saw first, so the request is
 * wrapped once, when a Lanyard route starts ({@link #install}), and that wrapper's map is the one swapped.
 */
public final class SsoBrowser {

    private static final Logger LOG = Logger.getLogger(SsoBrowser.class);

    private SsoBrowser() {
    }

    /** Wraps the request of a Lanyard route; call before anything reads cookies. */
    public static void install(KeycloakSession session) {
        KeycloakContext context = session.getContext();
        if (!(context.getHttpRequest() instanceof SwappableRequest)) {
            context.setHttpRequest(new SwappableRequest(context.getHttpRequest()));
        }
    }

    /**
     * Runs {@code call} as the browser of {@code userSession}, posting {@code form}; Keycloak's context (its
     * authentication session, its response) is as before afterwards. Empty when the request was not wrapped in time
     * (Keycloak would not see the cookie): the caller then refuses, as for a browser without a session.
     */
    static <T> Optional<T> call(KeycloakSession session, UserSessionModel userSession, MultivaluedMap<String, String> form,
                                          Supplier<T> call) {
        KeycloakContext context = session.getContext();
        if (!(context.getHttpRequest() instanceof SwappableRequest request)) {
            LOG.error("Lanyard's request wrapper is missing: Keycloak cannot decide for the user session");
            return Optional.empty();
        }
        Optional<String> own = ownIdentityCookie(session, userSession);
        String identity = own.orElseGet(() -> identityOf(session, userSession));
        Map<String, Cookie> cookies = new HashMap<>();
        cookies.put(CookieType.IDENTITY.getName(), new Cookie.Builder(CookieType.IDENTITY.getName()).value(identity).build());
        Cookie sessionCookie = session.getContext().getRequestHeaders().getCookies().get(CookieType.SESSION.getName());
        if (own.isPresent() && sessionCookie != null) {
            // The browser's session cookie beside its SSO cookie, as the browser sends both: Keycloak then knows the
            // session it signs in is the cookie's, and does not verify the SSO cookie a second time.
            cookies.put(CookieType.SESSION.getName(), sessionCookie);
        }
        HttpResponse response = context.getHttpResponse();
        AuthenticationSessionModel authenticationSession = context.getAuthenticationSession();
        request.swap(form, cookies);
        context.setHttpResponse(new DroppedResponse());
        try {
            if (!identity.equals(session.getProvider(CookieProvider.class).get(CookieType.IDENTITY))) {
                LOG.error("Keycloak read cookies before Lanyard's request wrapper: it cannot decide for the user session");
                return Optional.empty();
            }
            return Optional.ofNullable(call.get());
        } finally {
            request.restore();
            context.setHttpResponse(response);
            context.setAuthenticationSession(authenticationSession);
        }
    }

    /**
     * The request's own SSO cookie when it names {@code userSession}: Keycloak verifies it during the call as it
     * verifies any browser's, and Lanyard is spared signing a new one for every request.
     */
    private static Optional<String> ownIdentityCookie(KeycloakSession session, UserSessionModel userSession) {
        Cookie cookie = session.getContext().getRequestHeaders().getCookies().get(CookieType.IDENTITY.getName());
        if (cookie == null || cookie.getValue() == null || cookie.getValue().isBlank()) {
            return Optional.empty();
        }
        try {
            IdentityCookieToken token = new JWSInput(cookie.getValue()).readJsonContent(IdentityCookieToken.class);
            return userSession.getId().equals(token.getSessionId()) && userSession.getUser().getId().equals(token.getSubject())
                    ? Optional.of(cookie.getValue()) : Optional.empty();
        } catch (JWSInputException malformed) {
            return Optional.empty();
        }
    }

    /** An SSO cookie value for {@code userSession}, signed with the realm's keys as Keycloak signs its own. */
    private static String identityOf(KeycloakSession session, UserSessionModel userSession) {
        RealmModel realm = session.getContext().getRealm();
        return session.tokens().encode(AuthenticationManager.createIdentityToken(session, realm, userSession.getUser(),
                userSession, Urls.realmIssuer(session.getContext().getUri().getBaseUri(), realm.getName())));
    }

    /** The original request, or during a call a browser's form post with one cookie. */
    private static final class SwappableRequest implements HttpRequest {

        private static final Set<String> HIDDEN_DURING_CALL = Set.of("origin", "authorization", "dpop", "cookie");

        private final HttpRequest original;
        private final Headers headers = new Headers();
        private final Cookies cookies = new Cookies();
        private MultivaluedMap<String, String> form;
        private Map<String, Cookie> swappedCookies;

        SwappableRequest(HttpRequest original) {
            this.original = original;
        }

        void swap(MultivaluedMap<String, String> form, Map<String, Cookie> cookies) {
            this.form = form;
            this.swappedCookies = cookies;
        }

        void restore() {
            this.form = null;
            this.swappedCookies = null;
        }

        private boolean swapped() {
            return form != null;
        }

        @Override
        public String getHttpMethod() {
            return swapped() ? "POST" : original.getHttpMethod();
        }

        @Override
        public MultivaluedMap<String, String> getDecodedFormParameters() {
            return swapped() ? form : original.getDecodedFormParameters();
        }

        @Override
        public MultivaluedMap<String, FormPartValue> getMultiPartFormParameters() {
            return swapped() ? new MultivaluedHashMap<>() : original.getMultiPartFormParameters();
        }

        @Override
        public HttpHeaders getHttpHeaders() {
            return headers;
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

        /** The one map every reader of cookies gets: the request's, or during a call the browser's. */
        private final class Cookies extends AbstractMap<String, Cookie> {

            @Override
            public Set<Entry<String, Cookie>> entrySet() {
                return (swapped() ? swappedCookies : original.getHttpHeaders().getCookies()).entrySet();
            }
        }

        private final class Headers implements HttpHeaders {

            private HttpHeaders original() {
                return original.getHttpHeaders();
            }

            private boolean hidden(String name) {
                return swapped() && HIDDEN_DURING_CALL.contains(name.toLowerCase(Locale.ROOT));
            }

            private boolean swappedContentType(String name) {
                return swapped() && HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name);
            }

            @Override
            public List<String> getRequestHeader(String name) {
                if (hidden(name)) {
                    return List.of();
                }
                return swappedContentType(name) ? List.of(MediaType.APPLICATION_FORM_URLENCODED) : original().getRequestHeader(name);
            }

            @Override
            public String getHeaderString(String name) {
                if (hidden(name)) {
                    return null;
                }
                return swappedContentType(name) ? MediaType.APPLICATION_FORM_URLENCODED : original().getHeaderString(name);
            }

            @Override
            public MultivaluedMap<String, String> getRequestHeaders() {
                if (!swapped()) {
                    return original().getRequestHeaders();
                }
                MultivaluedMap<String, String> headers = new MultivaluedHashMap<>();
                original().getRequestHeaders().forEach((name, values) -> {
                    if (!hidden(name) && !swappedContentType(name)) {
                        headers.put(name, values);
                    }
                });
                headers.putSingle(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_FORM_URLENCODED);
                return headers;
            }

            @Override
            public List<MediaType> getAcceptableMediaTypes() {
                return original().getAcceptableMediaTypes();
            }

            @Override
            public List<Locale> getAcceptableLanguages() {
                return original().getAcceptableLanguages();
            }

            @Override
            public MediaType getMediaType() {
                return swapped() ? MediaType.APPLICATION_FORM_URLENCODED_TYPE : original().getMediaType();
            }

            @Override
            public Locale getLanguage() {
                return original().getLanguage();
            }

            @Override
            public Map<String, Cookie> getCookies() {
                return cookies;
            }

            @Override
            public Date getDate() {
                return original().getDate();
            }

            @Override
            public int getLength() {
                return swapped() ? -1 : original().getLength();
            }
        }
    }

    /** Where Keycloak's writes to the browser go during a call: nowhere. */
    private static final class DroppedResponse implements HttpResponse {

        private int status = 200;

        @Override
        public int getStatus() {
            return status;
        }

        @Override
        public void setStatus(int status) {
            this.status = status;
        }

        @Override
        public void addHeader(String name, String value) {
        }

        @Override
        public void setHeader(String name, String value) {
        }

        @Override
        public void setCookieIfAbsent(NewCookie cookie) {
        }
    }
}
