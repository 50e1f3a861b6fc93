package dev.lanyard.keycloak.http;

import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.OAuth2ErrorRepresentation;


import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
