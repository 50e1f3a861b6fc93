package dev.lanyard.keycloak.oauth;

import dev.lanyard.keycloak.http.ApiException;
import dev.lanyard.keycloak.signin.Continuation;
import dev.lanyard.keycloak.signin.PasswordSignIn;
import dev.lanyard.keycloak.signin.PublicUserRepresentation;
import dev.lanyard.keycloak.signin.SignInResult;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Login → code (seed 004): an app that collects the password itself (Keycloak's "Direct access grants" switch says
 * it may) signs the user in through the sign-in pipeline and gets the authorization code at once. Wrong passwords,
 * locks and pending actions answer as {@code public/login}; a user with a PIN gets a {@code pin_token}, and
 * {@code verify-pin} then answers with the code.
 */
final class LoginCodeService {

    static final String ROUTE = "oauth/login";
    private static final String[] SIGN_IN_FIELDS = {"username", "email", "password", "redirect", "remember_me"};

    private final KeycloakSession session;

    LoginCodeService(KeycloakSession session) {
        this.session = session;
    }

    Map<String, Object> login(MultivaluedMap<String, String> body) {
        MultivaluedMap<String, String> request = authorizationRequest(body);
        HeadlessAuthorizationService authorization = new HeadlessAuthorizationService(session);
        ClientModel client = authorization.verifiedClient(request);
        if (!client.isDirectAccessGrantsEnabled()) {
            throw ApiException.of(400, "unauthorized_client", "This client may not collect passwords (Direct access grants is off)");
        }
        SignInResult result = new PasswordSignIn(session).signIn(body.getFirst("email"), body.getFirst("username"), body.getFirst("password"),
                "true".equals(body.getFirst("remember_me")), new Continuation.Authorization(request), ROUTE);
        Map<String, Object> answer = new LinkedHashMap<>();
        if (result.pinToken().isPresent()) {
            answer.put("status", "pin_required");
            answer.put("pin_token", result.pinToken().get());
            return answer;
        }
        answer.put("status", "authenticated");
        answer.put("user", PublicUserRepresentation.of(result.user()));
        answer.put("redirect_to", authorization.authorize(client, request, result.signedInUser(), ROUTE).toString());
        return answer;
    }

    /** The authorization parameters of the body: everything but the credentials, {@code redirect} read as {@code redirect_uri}. */
    private static MultivaluedMap<String, String> authorizationRequest(MultivaluedMap<String, String> body) {
        MultivaluedMap<String, String> request = new MultivaluedHashMap<>(body);
        if (!request.containsKey(HeadlessAuthorizationService.REDIRECT_URI) && request.containsKey("redirect")) {
            request.put(HeadlessAuthorizationService.REDIRECT_URI, request.get("redirect"));
        }
        for (String field : SIGN_IN_FIELDS) {
            request.remove(field);
        }
        return request;
    }
}
