package dev.lanyard.keycloak.platform;

import dev.lanyard.keycloak.http.ApiException;
import dev.lanyard.keycloak.http.RequestParameters;
import dev.lanyard.keycloak.internals.NativeOidcEndpoints;
import dev.lanyard.keycloak.internals.RegisteredRedirects;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * An authorization request to the platform front, checked before anything is shown: seed 001's required
 * parameters (422), then the client (it must exist and be one the route serves) and its registered
 * {@code redirect_uri}, both answered with a JSON OAuth error, so that nothing ever redirects to an unchecked URI.
 * It goes on at Keycloak's own authorize endpoint with every original parameter.
 */
final class AuthorizeRequest {

    static final String LOGIN_HINT = "login_hint";
    private static final String SCOPE = "scope";
    private static final String IDP_HINT = "kc_idp_hint";
    private static final String ORGANIZATION_SCOPE = "organization";

    private final KeycloakSession session;
    private final MultivaluedMap<String, String> parameters;

    private AuthorizeRequest(KeycloakSession session, MultivaluedMap<String, String> parameters) {
        this.session = session;
        this.parameters = parameters;
    }

    /** The request in this URL's query, for a client that {@code served} accepts. */
    static AuthorizeRequest read(KeycloakSession session, Predicate<ClientModel> served) {
        RequestParameters query = RequestParameters.query(session);
        query.required("response_type");
        String clientId = query.required("client_id");
        String redirectUri = query.required("redirect_uri");
        query.required(SCOPE);
        query.check();
        RealmModel realm = session.getContext().getRealm();
        ClientModel client = realm.getClientByClientId(clientId);
        if (client == null || !client.isEnabled()) {
            throw ApiException.of(400, "invalid_client", "Unknown client");
        }
        if (!served.test(client)) {
            throw ApiException.of(400, "unauthorized_client", "This client may not use this authorization endpoint");
        }
        if (RegisteredRedirects.clientFor(session, realm, redirectUri, clientId).isEmpty()) {
            throw ApiException.invalidRequest("The redirect_uri is not registered for this client");
        }
        return new AuthorizeRequest(session, query.all());
    }

    Optional<String> loginHint() {
        return Optional.ofNullable(parameters.getFirst(LOGIN_HINT)).filter(hint -> !hint.isBlank());
    }

    /** Whether the client asked that no page be shown ({@code prompt=none}). */
    boolean mayShowNoPage() {
        return Optional.ofNullable(parameters.getFirst("prompt")).map(prompt -> List.of(prompt.split(" ")).contains("none")).orElse(false);
    }

    /** The original parameters, for the email page to send back. */
    MultivaluedMap<String, String> parameters() {
        return parameters;
    }

    /**
     * Keycloak's authorize endpoint with the original parameters, scoped to {@code tenant} when there is one (the
     * {@code organization:<alias>} scope, so the token names exactly that tenant, and the tenant's identity provider
     * if it has one), else to the user's own organization (Keycloak's {@code organization} scope names it when the
     * user belongs to one). {@code email} becomes the {@code login_hint} when the client gave none.
     */
    URI continueIn(OrganizationModel tenant, String email) {
        MultivaluedMap<String, String> next = new MultivaluedHashMap<>(parameters);
        if (email != null && loginHint().isEmpty()) {
            next.putSingle(LOGIN_HINT, email);
        }
        next.putSingle(SCOPE, withOrganizationScope(parameters.getFirst(SCOPE),
                tenant == null ? ORGANIZATION_SCOPE : ORGANIZATION_SCOPE + ":" + tenant.getAlias()));
        if (tenant != null) {
            Tenants.identityProvider(tenant, email).ifPresent(idp -> next.putSingle(IDP_HINT, idp.getAlias()));
        }
        return NativeOidcEndpoints.authorizeUri(session, next);
    }

    /** The requested scopes with any organization scope replaced by {@code organizationScope}. */
    private static String withOrganizationScope(String scope, String organizationScope) {
        Stream<String> others = Arrays.stream(scope.split(" "))
                .filter(value -> !value.isBlank())
                .filter(value -> !value.equals(ORGANIZATION_SCOPE) && !value.startsWith(ORGANIZATION_SCOPE + ":"));
        return Stream.concat(others, Stream.of(organizationScope)).collect(Collectors.joining(" "));
    }
}
