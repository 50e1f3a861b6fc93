package dev.lanyard.keycloak.common;

import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.OAuth2ErrorRepresentation;

import java.util.List;

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

    @Test
    void platformValidationErrorsUseTheDetailList() {
        Response response = ApiException.unprocessable(List.of(ValidationProblem.missing("body", "client_id"))).getResponse();
        assertEquals(422, response.getStatus());
        ValidationErrorRepresentation body = (ValidationErrorRepresentation) response.getEntity();
        assertEquals(List.of("body", "client_id"), body.detail().get(0).loc());
        assertEquals("missing", body.detail().get(0).type());
    }
}
