package dev.lanyard.keycloak.admin;

import dev.lanyard.keycloak.http.ApiException;
import dev.lanyard.keycloak.internals.KeycloakClients;
import org.keycloak.OAuth2Constants;
import org.keycloak.models.ClientModel;
import org.keycloak.models.ClientScopeModel;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Seed 004's client metadata (RFC 7591 names) and a Keycloak client, both ways. {@code grant_types} are the
 * client's flow switches, {@code scopes} its default client scopes, {@code token_endpoint_auth_method} its client
 * authenticator; redirect URIs are checked as Keycloak's registration policies check them. Everything is checked
 * before anything is written; a mistake is a 400 with an RFC 7591 error code.
 */
final class ClientMetadata {

    static final String CONFIDENTIAL = "confidential";
    static final String PUBLIC = "public";
    static final String NONE = "none";
    static final String SECRET_BASIC = "client_secret_basic";
    static final String SECRET_POST = "client_secret_post";
    static final String PRIVATE_KEY_JWT = "private_key_jwt";
    /** Which of the two secret methods the admin chose (Keycloak accepts both for a client secret). */
    private static final String AUTH_METHOD_ATTRIBUTE = "lanyard.token_endpoint_auth_method";
    /** The scopes set through this API, so that an update can take back what an earlier one added. */
    private static final String SCOPES_ATTRIBUTE = "lanyard.scopes";
    private static final String REFRESH_TOKENS = "use.refresh.tokens";
    private static final String DEVICE_GRANT = "oauth2.device.authorization.grant.enabled";
    private static final String TOKEN_EXCHANGE = "standard.token.exchange.enabled";
    private static final String OPENID = "openid";
    private static final List<String> GRANTS = List.of(OAuth2Constants.AUTHORIZATION_CODE, OAuth2Constants.REFRESH_TOKEN,
            OAuth2Constants.CLIENT_CREDENTIALS, OAuth2Constants.PASSWORD, OAuth2Constants.DEVICE_CODE_GRANT_TYPE,
            OAuth2Constants.TOKEN_EXCHANGE_GRANT_TYPE);
    private static final List<String> AUTH_METHODS = List.of(SECRET_BASIC, SECRET_POST, PRIVATE_KEY_JWT, NONE);
    /** Keycloak's columns for a client's name, its redirect URIs and client scope names (characters). */
    static final int MAX_LENGTH = 255;

    private final KeycloakSession session;
    private final RealmModel realm;

    ClientMetadata(KeycloakSession session) {
        this.session = session;
        this.realm = session.getContext().getRealm();
    }

    /** What a request changes, checked: null fields stay as they are. */
    record Changes(String name, String authMethod, Set<String> grants, Set<String> redirectUris,
                   List<ClientScopeModel> scopes, List<String> scopeNames, Boolean enabled) {

        boolean isPublic() {
            return NONE.equals(authMethod);
        }
    }

    /**
     * Checks a request against the client it changes ({@code current} null for a new client, which gets RFC 7591's
     * defaults: a confidential client with {@code client_secret_basic} and the {@code authorization_code} grant).
     */
    Changes check(ClientMetadataRequest request, ClientModel current) {
        checkLengths(request);
        String type = request.clientType();
        if (type != null && !type.equals(CONFIDENTIAL) && !type.equals(PUBLIC)) {
            throw invalid("client_type must be confidential or public");
        }
        String method = request.tokenEndpointAuthMethod();
        if (method != null && !AUTH_METHODS.contains(method)) {
            throw invalid("token_endpoint_auth_method must be one of " + AUTH_METHODS);
        }
        if (method == null && type != null) {
            method = type.equals(PUBLIC) ? NONE : current == null || current.isPublicClient() ? SECRET_BASIC : authMethod(current);
        }
        if (method == null && current == null) {
            method = SECRET_BASIC;
        }
        if (type != null && type.equals(PUBLIC) != NONE.equals(method)) {
            throw invalid("A public client authenticates with 'none', a confidential one never does");
        }
        boolean isPublic = method != null ? NONE.equals(method) : current.isPublicClient();
        Set<String> grants = request.grantTypes() == null ? (current == null ? Set.of(OAuth2Constants.AUTHORIZATION_CODE) : null)
                : checkedGrants(request.grantTypes());
        Set<String> effectiveGrants = grants != null ? grants : new HashSet<>(grantTypes(current));
        if (isPublic && effectiveGrants.contains(OAuth2Constants.CLIENT_CREDENTIALS)) {
            throw invalid("A public client cannot use the client_credentials grant");
        }
        if (request.responseTypes() != null) {
            for (String responseType : request.responseTypes()) {
                if (!OAuth2Constants.CODE.equals(responseType)) {
                    throw invalid("response_types may only name 'code'");
                }
            }
            if (!request.responseTypes().isEmpty() && !effectiveGrants.contains(OAuth2Constants.AUTHORIZATION_CODE)) {
                throw invalid("response type 'code' needs the authorization_code grant");
            }
        }
        Set<String> redirectUris = request.redirectUris() == null ? null : checkedRedirectUris(request.redirectUris());
        Set<String> effectiveRedirects = redirectUris != null ? redirectUris : current == null ? Set.of() : current.getRedirectUris();
        if (effectiveGrants.contains(OAuth2Constants.AUTHORIZATION_CODE) && effectiveRedirects.isEmpty()) {
            throw ApiException.of(400, "invalid_redirect_uri", "The authorization_code grant needs at least one redirect URI");
        }
        List<String> scopeNames = request.scopes() == null ? null : Arrays.stream(request.scopes().trim().split("\\s+"))
                .filter(name -> !name.isEmpty() && !name.equals(OPENID))
                .distinct()
                .toList();
        List<ClientScopeModel> scopes = scopeNames == null ? null : scopeNames.stream().map(this::clientScope).toList();
        return new Changes(request.clientName(), method, grants, redirectUris, scopes, scopeNames, request.isActive());
    }

    /** A new Keycloak client (as the admin console makes one: the realm's default scopes and mappers) with the changes. */
    ClientModel create(String clientId, Changes changes) {
        org.keycloak.representations.idm.ClientRepresentation representation = new org.keycloak.representations.idm.ClientRepresentation();
        representation.setClientId(clientId);
        representation.setProtocol(Constants.OIDC_PROTOCOL);
        representation.setPublicClient(changes.isPublic());
        representation.setServiceAccountsEnabled(changes.grants().contains(OAuth2Constants.CLIENT_CREDENTIALS));
        ClientModel client = KeycloakClients.create(session, representation);
        apply(client, changes);
        return client;
    }

    /** Writes checked changes to the client. */
    void apply(ClientModel client, Changes changes) {
        if (changes.name() != null) {
            client.setName(changes.name());
        }
        if (changes.authMethod() != null) {
            client.setPublicClient(changes.isPublic());
            client.setClientAuthenticatorType(PRIVATE_KEY_JWT.equals(changes.authMethod()) ? "client-jwt" : "client-secret");
            client.setAttribute(AUTH_METHOD_ATTRIBUTE, changes.authMethod());
        }
        if (changes.grants() != null) {
            Set<String> grants = changes.grants();
            client.setStandardFlowEnabled(grants.contains(OAuth2Constants.AUTHORIZATION_CODE));
            client.setImplicitFlowEnabled(false);
            client.setDirectAccessGrantsEnabled(grants.contains(OAuth2Constants.PASSWORD));
            client.setAttribute(REFRESH_TOKENS, Boolean.toString(grants.contains(OAuth2Constants.REFRESH_TOKEN)));
            client.setAttribute(DEVICE_GRANT, Boolean.toString(grants.contains(OAuth2Constants.DEVICE_CODE_GRANT_TYPE)));
            client.setAttribute(TOKEN_EXCHANGE, Boolean.toString(grants.contains(OAuth2Constants.TOKEN_EXCHANGE_GRANT_TYPE)));
            KeycloakClients.serviceAccount(session, client, grants.contains(OAuth2Constants.CLIENT_CREDENTIALS));
        }
        if (changes.redirectUris() != null) {
            client.setRedirectUris(changes.redirectUris());
        }
        if (changes.scopes() != null) {
            Set<String> previous = split(client.getAttribute(SCOPES_ATTRIBUTE));
            Map<String, ClientScopeModel> defaults = client.getClientScopes(true);
            previous.stream().filter(name -> !changes.scopeNames().contains(name) && defaults.containsKey(name))
                    .forEach(name -> client.removeClientScope(defaults.get(name)));
            changes.scopes().stream().filter(scope -> !defaults.containsKey(scope.getName()))
                    .forEach(scope -> client.addClientScope(scope, true));
            client.setAttribute(SCOPES_ATTRIBUTE, String.join(" ", changes.scopeNames()));
        }
        if (changes.enabled() != null) {
            client.setEnabled(changes.enabled());
        }
    }

    /** The client in seed 004's shape (no secret). */
    RegisteredClientRepresentation read(ClientModel client) {
        List<String> scopes = new ArrayList<>(List.of(OPENID));
        client.getClientScopes(true).keySet().stream().sorted().forEach(scopes::add);
        return new RegisteredClientRepresentation(client.getClientId(), client.getName(),
                client.isPublicClient() ? PUBLIC : CONFIDENTIAL, grantTypes(client),
                client.getRedirectUris().stream().sorted().toList(),
                client.isStandardFlowEnabled() ? List.of(OAuth2Constants.CODE) : List.of(),
                String.join(" ", scopes), authMethod(client), client.isEnabled(), null, null);
    }

    private static List<String> grantTypes(ClientModel client) {
        Set<String> grants = new LinkedHashSet<>();
        if (client.isStandardFlowEnabled()) {
            grants.add(OAuth2Constants.AUTHORIZATION_CODE);
        }
        if (!"false".equals(client.getAttribute(REFRESH_TOKENS))) {
            grants.add(OAuth2Constants.REFRESH_TOKEN);
        }
        if (client.isServiceAccountsEnabled()) {
            grants.add(OAuth2Constants.CLIENT_CREDENTIALS);
        }
        if (client.isDirectAccessGrantsEnabled()) {
            grants.add(OAuth2Constants.PASSWORD);
        }
        if ("true".equals(client.getAttribute(DEVICE_GRANT))) {
            grants.add(OAuth2Constants.DEVICE_CODE_GRANT_TYPE);
        }
        if ("true".equals(client.getAttribute(TOKEN_EXCHANGE))) {
            grants.add(OAuth2Constants.TOKEN_EXCHANGE_GRANT_TYPE);
        }
        return List.copyOf(grants);
    }

    private static String authMethod(ClientModel client) {
        if (client.isPublicClient()) {
            return NONE;
        }
        if ("client-jwt".equals(client.getClientAuthenticatorType())) {
            return PRIVATE_KEY_JWT;
        }
        String chosen = client.getAttribute(AUTH_METHOD_ATTRIBUTE);
        return SECRET_POST.equals(chosen) ? SECRET_POST : SECRET_BASIC;
    }

    /**
     * Every value fits the Keycloak column that holds it or that it must match: the client's {@code NAME},
     * {@code REDIRECT_URIS.VALUE} and {@code CLIENT_SCOPE.NAME} hold 255 characters, and a longer value would fail
     * only when the transaction commits, as a 500. The enumerated fields get the same bound, so that no error
     * description repeats an unbounded value.
     */
    private static void checkLengths(ClientMetadataRequest request) {
        fits("client_name", request.clientName());
        fits("client_type", request.clientType());
        fits("token_endpoint_auth_method", request.tokenEndpointAuthMethod());
        eachFits("grant_types", request.grantTypes());
        eachFits("redirect_uris", request.redirectUris());
        eachFits("response_types", request.responseTypes());
        if (request.scopes() != null) {
            eachFits("scopes", Arrays.asList(request.scopes().trim().split("\\s+")));
        }
    }

    private static void eachFits(String field, List<String> values) {
        if (values != null) {
            values.forEach(value -> fits(field, value));
        }
    }

    private static void fits(String field, String value) {
        if (value != null && value.codePointCount(0, value.length()) > MAX_LENGTH) {
            throw invalid(field + ": a value may hold at most " + MAX_LENGTH + " characters");
        }
    }

    private static Set<String> checkedGrants(List<String> grants) {
        for (String grant : grants) {
            if (!GRANTS.contains(grant)) {
                throw invalid("Unknown grant type: " + grant + " (known: " + GRANTS + ")");
            }
        }
        return new LinkedHashSet<>(grants);
    }

    /** As Keycloak's registration policies: absolute, no wildcard, no fragment, https or a loopback host. */
    private static Set<String> checkedRedirectUris(List<String> uris) {
        Set<String> checked = new LinkedHashSet<>();
        for (String value : uris) {
            if (value == null || value.contains("*")) {
                throw invalidRedirect(value);
            }
            try {
                URI uri = new URI(value);
                boolean loopback = "http".equalsIgnoreCase(uri.getScheme()) && isLoopback(uri.getHost());
                if (!uri.isAbsolute() || uri.getRawFragment() != null || uri.getHost() == null
                        || !("https".equalsIgnoreCase(uri.getScheme()) || loopback)) {
                    throw invalidRedirect(value);
                }
            } catch (URISyntaxException e) {
                throw invalidRedirect(value);
            }
            checked.add(value);
        }
        return checked;
    }

    private static boolean isLoopback(String host) {
        return host != null && Stream.of("localhost", "127.0.0.1", "[::1]").anyMatch(host::equalsIgnoreCase);
    }

    private ClientScopeModel clientScope(String name) {
        return realm.getClientScopesStream()
                .filter(scope -> name.equals(scope.getName()) && Constants.OIDC_PROTOCOL.equals(scope.getProtocol()))
                .findFirst()
                .orElseThrow(() -> invalid("Unknown scope: " + name));
    }

    private static Set<String> split(String value) {
        return value == null || value.isBlank() ? Set.of() : Arrays.stream(value.split(" ")).collect(Collectors.toSet());
    }

    static ApiException invalid(String description) {
        return ApiException.of(400, "invalid_client_metadata", description);
    }

    private static ApiException invalidRedirect(String uri) {
        return ApiException.of(400, "invalid_redirect_uri",
                "Redirect URIs must be absolute https (or http on a loopback host) URIs without wildcards or fragments: " + uri);
    }
}
