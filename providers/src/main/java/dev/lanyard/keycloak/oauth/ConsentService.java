package dev.lanyard.keycloak.oauth;

import dev.lanyard.keycloak.http.ApiException;
import dev.lanyard.keycloak.internals.KeycloakAuthorizationCodes;
import dev.lanyard.keycloak.signin.SignedInUser;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import org.keycloak.models.ClientModel;
import org.keycloak.models.ClientScopeModel;
import org.keycloak.models.KeycloakSession;

import java.net.URI;

/**
 * The consent API of seed 003 over Keycloak's consent store: what a client asks of the signed-in user, and the
 * user's decision, which Keycloak records as its own consent page does (the account and admin consoles show it).
 */
final class ConsentService {

    static final String ROUTE = "oauth/consent";
    private static final String DECISION = "decision";
    private static final String APPROVE = "approve";
    private static final String DENY = "deny";

    private final KeycloakSession session;
    private final KeycloakAuthorizationCodes codes;

    ConsentService(KeycloakSession session) {
        this.session = session;
        this.codes = new KeycloakAuthorizationCodes(session);
    }

    /** The scopes of {@code scope} (the client's default scopes when null) that the consent screen shows. */
    ConsentRepresentation describe(SignedInUser signedIn, String clientId, String scope) {
        ClientModel client = clientId == null ? null : session.getContext().getRealm().getClientByClientId(clientId);
        if (client == null || !client.isEnabled()) {
            throw ApiException.of(400, "invalid_client", "Unknown client");
        }
        return new ConsentRepresentation(client.getClientId(), client.getName() == null ? client.getClientId() : client.getName(),
                codes.consentScopes(client, scope, signedIn.user())
                        .map(shown -> new ConsentRepresentation.Scope(name(shown), shown.getDescription(),
                                ConsentScopes.consentText(session, shown), codes.isGranted(signedIn.user(), client, shown)))
                        .toList());
    }

    /**
     * The {@code decision} of the request: {@code approve} stores the grant and issues a code, {@code deny} answers
     * {@code access_denied}. Either way, where the app goes; 400 for any other decision.
     */
    URI decide(SignedInUser signedIn, MultivaluedMap<String, String> parameters) {
        String decision = parameters.getFirst(DECISION);
        if (!APPROVE.equals(decision) && !DENY.equals(decision)) {
            throw ApiException.invalidRequest("decision must be approve or deny");
        }
        MultivaluedMap<String, String> request = new MultivaluedHashMap<>(parameters);
        request.remove(DECISION);
        HeadlessAuthorizationService authorization = new HeadlessAuthorizationService(session);
        return APPROVE.equals(decision) ? authorization.approve(request, signedIn, ROUTE) : authorization.deny(request, signedIn, ROUTE);
    }

    /** A client standing in for itself on the consent screen is named by its client id, as Keycloak does. */
    private static String name(ClientScopeModel scope) {
        return scope instanceof ClientModel client ? client.getClientId() : scope.getName();
    }
}
