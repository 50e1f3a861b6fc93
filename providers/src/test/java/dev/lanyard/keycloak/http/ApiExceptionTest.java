package dev.lanyard.keycloak.http;

import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.OAuth2ErrorRepresentation;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ApiExceptionTest {

    @Test
    void errorsCarryOAuthStyleBodies() {
        ApiException e = ApiException.accessDenied("nope");
        Response response = e.getResponse();
        assertEquals(403, response.getStatus());
        assertEquals("application/json", response.getMediaType().toString());
        OAuth2ErrorRepresentation body = (OAuth2ErrorRepresentation) response.getEntity();
        assertEquals("access_denied", body.getError());
        assertEquals("nope", body.getErrorDescription());
    }

    @Test
    void tooManyRequestsSaysWhenToRetry() {
        Response response = ApiException.tooManyRequests(30).getResponse();
        assertEquals(429, response.getStatus());
        assertEquals("30", response.getHeaderString("Retry-After"));
    }

    @Test
    void bearerRefusalsCarryRfc6750Challenges() {
        Response invalid = ApiException.invalidToken("expired").getResponse();
        assertEquals(401, invalid.getStatus());
        assertEquals("Bearer error=\"invalid_token\"", invalid.getHeaderString("WWW-Authenticate"));
        Response scope = ApiException.insufficientScope("lanyard-authorize", "no scope").getResponse();
        assertEquals(403, scope.getStatus());
        assertEquals("Bearer error=\"insufficient_scope\", scope=\"lanyard-authorize\"", scope.getHeaderString("WWW-Authenticate"));
        Response neither = ApiException.sessionOrTokenRequired("sign in").getResponse();
        assertEquals("invalid_session", ((OAuth2ErrorRepresentation) neither.getEntity()).getError());
        assertEquals("Bearer", neither.getHeaderString("WWW-Authenticate"), "no error code when nothing was sent");
        assertNull(ApiException.invalidSession("sign in").getResponse().getHeaderString("WWW-Authenticate"));
    }
}
