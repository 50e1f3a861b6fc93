package dev.lanyard.keycloak.admin;

import dev.lanyard.keycloak.clients.BuiltInClients;
import dev.lanyard.keycloak.http.ApiException;
import dev.lanyard.keycloak.internals.AdminActor;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Seed 004's client administration over Keycloak clients (the admin console shows them): register, list, read,
 * update. Every change is an admin event of resource type {@code CLIENT}; a new confidential client's secret is
 * shown in the answer that creates it, and never again.
 */
final class ClientAdminService {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final ClientMetadata metadata;

    ClientAdminService(KeycloakSession session) {
        this.session = session;
        this.realm = session.getContext().getRealm();
        this.metadata = new ClientMetadata(session);
    }

    List<RegisteredClientRepresentation> list(int first, int max) {
        return realm.getClientsStream(first, max).map(metadata::read).toList();
    }

    RegisteredClientRepresentation get(String clientId) {
        return metadata.read(find(clientId));
    }

    RegisteredClientRepresentation register(ClientMetadataRequest request, AdminActor actor) {
        ClientMetadata.Changes changes = metadata.check(request, null);
        ClientModel client = metadata.create(UUID.randomUUID().toString(), changes);
        RegisteredClientRepresentation registered = metadata.read(client);
        actor.recordEvent(session, ResourceType.CLIENT, OperationType.CREATE, List.of("clients", client.getId()), registered);
        if (client.isPublicClient() || ClientMetadata.PRIVATE_KEY_JWT.equals(registered.tokenEndpointAuthMethod())) {
            return registered;
        }
        return registered.withSecret(KeycloakModelUtils.generateSecret(client));
    }

    RegisteredClientRepresentation update(String clientId, ClientMetadataRequest request, AdminActor actor) {
        if (request.clientType() != null) {
            throw ClientMetadata.invalid("client_type cannot be changed; set token_endpoint_auth_method instead");
        }
        ClientModel client = find(clientId);
        if (BuiltInClients.isBuiltIn(client)) {
            throw ApiException.accessDenied("Keycloak's built-in clients are changed in the admin console");
        }
        metadata.apply(client, metadata.check(request, client));
        RegisteredClientRepresentation updated = metadata.read(client);
        actor.recordEvent(session, ResourceType.CLIENT, OperationType.UPDATE, List.of("clients", client.getId()), updated);
        return updated;
    }

    private ClientModel find(String clientId) {
        return Optional.ofNullable(realm.getClientByClientId(clientId))
                .orElseThrow(() -> ApiException.of(404, "invalid_client_id", "No such client"));
    }
}
