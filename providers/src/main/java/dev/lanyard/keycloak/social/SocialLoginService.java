package dev.lanyard.keycloak.social;

import dev.lanyard.keycloak.http.ApiException;
import dev.lanyard.keycloak.http.ApiUrls;
import dev.lanyard.keycloak.http.RouteEvents;
import dev.lanyard.keycloak.internals.KeycloakBrokerLogins;
import dev.lanyard.keycloak.internals.KeycloakSessions;
import dev.lanyard.keycloak.internals.RegisteredRedirects;
import dev.lanyard.keycloak.signin.Continuation;
import dev.lanyard.keycloak.signin.SecondStep;
import dev.lanyard.keycloak.signin.SignInAttempt;
import dev.lanyard.keycloak.signin.SignInPipeline;
import dev.lanyard.keycloak.signin.SignInResult;
import jakarta.ws.rs.core.NewCookie;
import org.keycloak.common.util.Base64Url;
import org.keycloak.common.util.SecretGenerator;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.jose.jws.crypto.HashUtils;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Social login for apps: Keycloak's broker login at the realm's identity provider (Google, Facebook, any
 * OpenID Connect provider), ending not in a code for the app but in a sign-in through the sign-in pipeline
 * and a redirect to the app's registered {@code redirect_uri}. The broker endpoint checks the provider's state
 * against the browser's login; a cookie that only the starting browser holds binds the returning code to it.
 */
final class SocialLoginService {

    static final String ROUTE = "auth";
    static final String BINDING_COOKIE = "lanyard-social";
    private static final String BINDING_NOTE = "lanyard.social.binding";
    private static final String REDIRECT_NOTE = "lanyard.social.redirect_uri";
    private static final String CLIENT_NOTE = "lanyard.social.client_id";
    private static final String PROVIDER_NOTE = "lanyard.social.provider";

    private final KeycloakSession session;
    private final String provider;

    SocialLoginService(KeycloakSession session, String provider) {
        this.session = session;
        this.provider = provider;
    }

    /** Where to send the browser to sign in at the provider; 404 for an unknown provider, 400 for a bad redirect. */
    URI start(String redirectUri, String clientId) {
        if (KeycloakBrokerLogins.enabledProvider(session, provider).isEmpty()) {
            throw unknownProvider();
        }
        if (redirectUri == null || redirectUri.isBlank()) {
            throw ApiException.invalidRequest("redirect_uri is required");
        }
        ClientModel client = RegisteredRedirects.clientFor(session, realm(), redirectUri, blankToNull(clientId))
                .orElseThrow(ApiException::invalidRedirectUri);
        String binding = Base64Url.encode(SecretGenerator.getInstance().randomBytes(32));
        setBindingCookie(binding, realm().getAccessCodeLifespanLogin());
        Map<String, String> notes = new HashMap<>();
        notes.put(BINDING_NOTE, hash(binding));
        notes.put(REDIRECT_NOTE, redirectUri);
        notes.put(CLIENT_NOTE, client.getClientId());
        notes.put(PROVIDER_NOTE, provider);
        return KeycloakBrokerLogins.start(session, client, provider, completeUri(), notes);
    }

    /**
     * Signs in the user whom the provider vouched for, through the sign-in pipeline. 400 for an unknown, used
     * or expired code, 403 when the code came back to another browser than the one that started the login (whose
     * {@code binding} cookie it does not carry).
     */
    Completed complete(String code, Optional<String> binding) {
        EventBuilder event = RouteEvents.start(session, EventType.LOGIN, ROUTE + "/" + provider + "/login")
                .detail(Details.IDENTITY_PROVIDER, provider)
                .detail(Details.AUTH_METHOD, "social");
        setBindingCookie("", 0);
        if (binding.isEmpty() || binding.get().isBlank()) {
            event.error("different_browser");
            throw differentBrowser();
        }
        KeycloakBrokerLogins.BrokeredUser brokered = KeycloakBrokerLogins.finish(session, code, event).orElseThrow(() -> {
            event.error(Errors.INVALID_CODE);
            return ApiException.of(400, "invalid_code", "The sign-in at the provider is unknown, used or expired");
        });
        event.user(brokered.user());
        String expected = brokered.notes().get(BINDING_NOTE);
        if (expected == null || !expected.equals(hash(binding.get())) || !provider.equals(brokered.notes().get(PROVIDER_NOTE))) {
            event.error("different_browser");
            throw differentBrowser();
        }
        String redirectUri = brokered.notes().get(REDIRECT_NOTE);
        Continuation continuation = new Continuation.Page(redirectUri, brokered.notes().get(CLIENT_NOTE));
        boolean pinChecked = "true".equals(brokered.notes().get(SecondStep.CHECKED_IN_FLOW_NOTE));
        SignInResult result = new SignInPipeline(session).signIn(SignInAttempt.brokered(brokered.user(), pinChecked, continuation,
                event.client(continuation.clientId()).detail(Details.REDIRECT_URI, redirectUri)));
        return new Completed(result, URI.create(redirectUri));
    }

    /**
     * {@code /realms/{realm}/broker/{alias}/endpoint} with the provider's answer ({@code rawQuery}) unchanged:
     * where Keycloak handles it. 404 for an unknown provider, 400 for a query that is no URI query.
     */
    URI brokerEndpoint(String rawQuery) {
        if (KeycloakBrokerLogins.enabledProvider(session, provider).isEmpty()) {
            throw unknownProvider();
        }
        String endpoint = session.getContext().getUri().getBaseUri().resolve("realms/").toString()
                + encode(realm().getName()) + "/broker/" + encode(provider) + "/endpoint";
        try {
            return URI.create(rawQuery == null ? endpoint : endpoint + "?" + rawQuery);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidRequest("The query is not a valid URI query");
        }
    }

    private RealmModel realm() {
        return session.getContext().getRealm();
    }

    private ApiException unknownProvider() {
        return ApiException.of(404, "unknown_provider", "No identity provider " + provider + " in this realm");
    }

    private static ApiException differentBrowser() {
        return ApiException.accessDenied("The sign-in at the provider was started in another browser");
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private URI completeUri() {
        return ApiUrls.of(session, ROUTE).path(provider).path("complete").build();
    }

    private void setBindingCookie(String value, int maxAge) {
        session.getContext().getHttpResponse().setCookieIfAbsent(new NewCookie.Builder(BINDING_COOKIE)
                .value(value)
                .path(ApiUrls.of(session, ROUTE).build().getRawPath())
                .maxAge(maxAge)
                .httpOnly(true)
                .secure(KeycloakSessions.isSecureContext(session))
                .sameSite(NewCookie.SameSite.LAX)
                .build());
    }

    private static String hash(String value) {
        return HashUtils.sha256UrlEncodedHash(value, StandardCharsets.UTF_8);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** A finished social sign-in: the pipeline's result, and where the app wants the browser next. */
    record Completed(SignInResult result, URI redirectUri) {
    }
}
