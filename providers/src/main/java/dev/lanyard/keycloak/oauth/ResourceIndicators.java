package dev.lanyard.keycloak.oauth;

import dev.lanyard.keycloak.http.ApiException;
import dev.lanyard.keycloak.internals.KeycloakAuthorizationCodes;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * RFC 8707 resource indicators: a {@code resource} value names a client of the realm by its attribute
 * {@code lanyard.resource.uri}; that client's {@code client_id} then joins the access token's audience
 * ({@link ResourceAudienceMapper}). The resolved client ids travel in a client-session note (from an authorize)
 * and a session attribute (for one token request).
 */
public final class ResourceIndicators {

    public static final String PARAMETER = "resource";
    public static final String ATTRIBUTE = "lanyard.resource.uri";
    static final String NOTE = "lanyard.resource";

    private final KeycloakSession session;
    private final RealmModel realm;

    public ResourceIndicators(KeycloakSession session) {
        this.session = session;
        this.realm = session.getContext().getRealm();
    }

    /** The client ids that {@code values} name; {@code invalid_target} for a value no enabled client carries. */
    List<String> audiences(List<String> values) {
        Set<String> audiences = new LinkedHashSet<>();
        for (String value : values) {
            audiences.add(find(value).map(ClientModel::getClientId).orElseThrow(() -> new KeycloakAuthorizationCodes.Refusal(
                    "invalid_target", "The resource is unknown: " + value)));
        }
        return List.copyOf(audiences);
    }

    /**
     * A token request without its {@code resource} values (Keycloak's token endpoint refuses repeated parameters),
     * whose audiences are kept for this request's access token; 400 {@code invalid_target} for an unknown value.
     */
    MultivaluedMap<String, String> takeFromTokenRequest(MultivaluedMap<String, String> form) {
        MultivaluedMap<String, String> rest = new MultivaluedHashMap<>(form);
        List<String> values = Optional.ofNullable(rest.remove(PARAMETER)).orElse(List.of());
        try {
            session.setAttribute(NOTE, String.join(" ", audiences(values)));
        } catch (KeycloakAuthorizationCodes.Refusal refusal) {
            throw ApiException.of(400, refusal.error(), refusal.getMessage());
        }
        return rest;
    }

    /** The client ids to add: those of the client session's login, of this request, and of Keycloak's own {@code resource} note. */
    Set<String> requested(Map<String, String> clientSessionNotes) {
        Set<String> audiences = new LinkedHashSet<>();
        audiences.addAll(split(clientSessionNotes.get(NOTE)));
        audiences.addAll(split(session.getAttribute(NOTE, String.class)));
        split(clientSessionNotes.get(PARAMETER)).forEach(value -> find(value).ifPresent(client -> audiences.add(client.getClientId())));
        return audiences;
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
