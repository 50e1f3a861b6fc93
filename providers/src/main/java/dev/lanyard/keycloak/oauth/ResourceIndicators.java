package dev.lanyard.keycloak.oauth;

import dev.lanyard.keycloak.http.ApiException;
import dev.lanyard.keycloak.internals.KeycloakAuthorizationCodes;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.AuthenticatedClientSessionModel;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserSessionModel;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * RFC 8707 resource indicators: a {@code resource} value names a client of the realm by its attribute
 * {@value #ATTRIBUTE}; that client's {@code client_id} then joins the access token's audience
 * ({@link ResourceAudienceMapper}). A resource may name the clients that may target it ({@value #CLIENTS_ATTRIBUTE},
 * space-separated client ids; absent: every client of the realm).
 *
 * <p>An audience belongs to the request that named it and to the refreshes of its tokens, never to later tokens
 * of the same client session: an authorize keeps it in a client-session note keyed by a digest of its code, and
 * each token response moves it to a note keyed by a digest of its refresh token (the one the next refresh presents).
 */
public final class ResourceIndicators {

    public static final String PARAMETER = "resource";
    public static final String ATTRIBUTE = "lanyard.resource.uri";
    public static final String CLIENTS_ATTRIBUTE = "lanyard.resource.clients";
    private static final String CODE_NOTE = "lanyard.aud.code.";
    private static final String REFRESH_NOTE = "lanyard.aud.refresh.";
    /** Session attributes of one token request: the resources it names, and the audience its tokens carry. */
    private static final String REQUESTED = "lanyard.resource.requested";
    private static final String CARRIED = "lanyard.resource.carried";
    private static final String CONSUMED = "lanyard.resource.consumed";

    private final KeycloakSession session;
    private final RealmModel realm;

    public ResourceIndicators(KeycloakSession session) {
        this.session = session;
        this.realm = session.getContext().getRealm();
    }

    /** The client ids that {@code values} name for {@code requester}; {@code invalid_target} for one it may not target. */
    List<String> audiences(List<String> values, ClientModel requester) {
        Set<String> audiences = new LinkedHashSet<>();
        for (String value : values) {
            audiences.add(find(value).filter(resource -> allows(resource, requester)).map(ClientModel::getClientId)
                    .orElseThrow(() -> new KeycloakAuthorizationCodes.Refusal("invalid_target",
                            "The resource is unknown or not open to this client: " + value)));
        }
        return List.copyOf(audiences);
    }

    /** Keeps the audience of an authorize for the tokens of {@code code} (and their refreshes). */
    void bindToCode(UserSessionModel userSession, ClientModel client, String code, List<String> audiences) {
        if (audiences.isEmpty() || code == null) {
            return;
        }
        AuthenticatedClientSessionModel clientSession = userSession.getAuthenticatedClientSessionByClient(client.getId());
        if (clientSession != null) {
            clientSession.setNote(CODE_NOTE + digest(code), String.join(" ", audiences));
        }
    }

    /** A token request without its {@code resource} values (Keycloak's token endpoint refuses repeated parameters), which this request keeps. */
    MultivaluedMap<String, String> takeFromTokenRequest(MultivaluedMap<String, String> form) {
        MultivaluedMap<String, String> rest = new MultivaluedHashMap<>(form);
        session.setAttribute(REQUESTED, List.copyOf(Optional.ofNullable(rest.remove(PARAMETER)).orElse(List.of())));
        return rest;
    }

    /**
     * Keycloak's token response, or 400 {@code invalid_target} when the request named a resource that the client
     * Keycloak authenticated may not target: judged only once Keycloak has authenticated the client, so that
     * nobody learns the realm's resources without being one of its clients.
     */
    Response checked(Response tokenResponse) {
        List<String> requested = requested();
        if (requested.isEmpty() || tokenResponse.getStatus() != 200) {
            return tokenResponse;
        }
        ClientModel client = session.getContext().getClient();
        try {
            audiences(requested, client);
            return tokenResponse;
        } catch (KeycloakAuthorizationCodes.Refusal refusal) {
            throw ApiException.of(400, refusal.error(), refusal.getMessage());
        }
    }

    /**
     * The client ids an access token of {@code clientSession} gets: those bound to the code or refresh token the
     * request presents, and those the token request names (that the client may target); kept for {@link #carry}.
     */
    Set<String> forToken(AuthenticatedClientSessionModel clientSession, MultivaluedMap<String, String> form) {
        Set<String> audiences = new LinkedHashSet<>();
        String grant = form.getFirst("grant_type");
        String presented = "authorization_code".equals(grant) ? CODE_NOTE + digestOf(form.getFirst("code"))
                : "refresh_token".equals(grant) ? REFRESH_NOTE + digestOf(form.getFirst("refresh_token")) : null;
        if (presented != null) {
            audiences.addAll(split(clientSession.getNote(presented)));
            session.setAttribute(CONSUMED, presented);
        }
        for (String value : requested()) {
            find(value).filter(resource -> allows(resource, clientSession.getClient())).ifPresent(resource -> audiences.add(resource.getClientId()));
        }
        session.setAttribute(CARRIED, String.join(" ", audiences));
        return audiences;
    }

    /** After the token response: its refresh token carries the audience on; the note of what it replaced goes. */
    void carry(AuthenticatedClientSessionModel clientSession, String refreshToken) {
        String consumed = session.getAttribute(CONSUMED, String.class);
        if (consumed != null) {
            clientSession.removeNote(consumed);
        }
        String carried = session.getAttribute(CARRIED, String.class);
        if (carried != null && !carried.isBlank() && refreshToken != null) {
            clientSession.setNote(REFRESH_NOTE + digest(refreshToken), carried);
        }
    }

    @SuppressWarnings("unchecked")
    private List<String> requested() {
        List<String> requested = session.getAttribute(REQUESTED, List.class);
        return requested == null ? List.of() : requested;
    }

    /** Whether {@code resource} lets {@code client} target it: its allow-list names the client, or it has none. */
    private static boolean allows(ClientModel resource, ClientModel client) {
        String allowed = resource.getAttribute(CLIENTS_ATTRIBUTE);
        return allowed == null || allowed.isBlank() || client != null && split(allowed).contains(client.getClientId());
    }

    private static String digestOf(String value) {
        return value == null ? "" : digest(value);
    }

    /** A short digest: notes never hold a code or refresh token itself. */
    private static String digest(String value) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash).substring(0, 22);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /**
     * Whether an access token's audience names a resource, a client that carries {@value #ATTRIBUTE}: a token narrowed
     * by {@code resource} for a resource server, which may replay it. Every claimant counts, whatever {@link #find} picks.
     */
    boolean namesResource(String[] audience) {
        Set<String> clientIds = audience == null ? Set.of() : Set.of(audience);
        return !clientIds.isEmpty() && realm.getClientsStream().anyMatch(client -> clientIds.contains(client.getClientId())
                && client.getAttribute(ATTRIBUTE) != null && !client.getAttribute(ATTRIBUTE).isBlank());
    }

    /**
     * The one enabled client that is the resource {@code value}. A client made by dynamic registration (it holds a
     * registration token) never is: its registrant could name any resource. Two claimants name none. Keycloak
     * searches only configured client attributes, so the realm's clients are read (Keycloak caches them).
     */
    private Optional<ClientModel> find(String value) {
        List<ClientModel> claimants = realm.getClientsStream()
                .filter(client -> client.isEnabled() && value.equals(client.getAttribute(ATTRIBUTE)))
                .filter(client -> client.getRegistrationToken() == null || client.getRegistrationToken().isEmpty())
                .limit(2)
                .toList();
        return claimants.size() == 1 ? Optional.of(claimants.get(0)) : Optional.empty();
    }

    private static List<String> split(String value) {
        return value == null || value.isBlank() ? List.of() : Arrays.asList(value.trim().split(" +"));
    }
}
