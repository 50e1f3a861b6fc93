package dev.lanyard.keycloak.magiclink;

import dev.lanyard.keycloak.http.ApiException;
import dev.lanyard.keycloak.http.JsonBody;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.KeycloakSession;

import java.io.InputStream;
import java.util.Map;

/** {@code {api}/public/request-magic-link}: always 202, whether or not the account exists. */
@Produces(MediaType.APPLICATION_JSON)
public final class MagicLinkRequestResource {

    private final KeycloakSession session;

    public MagicLinkRequestResource(KeycloakSession session) {
        this.session = session;
    }

    @POST
    @Path("/")
    public Response request(InputStream body) {
        MagicLinkRequest request = JsonBody.read(session.getContext().getRequestHeaders(), body, MagicLinkRequest.class);
        if (isBlank(request.email()) || isBlank(request.redirectUri())) {
            throw ApiException.invalidRequest("email and redirect_uri are required");
        }
        new MagicLinkService(session).requestForApp(request.email(), request.redirectUri(),
                isBlank(request.clientId()) ? null : request.clientId(),
                MagicLinkSettings.of(session.getContext().getRealm().getAttributes()));
        return Response.accepted(Map.of("status", "sent")).build();
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
