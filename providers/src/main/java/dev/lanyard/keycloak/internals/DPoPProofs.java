package dev.lanyard.keycloak.internals;

import dev.lanyard.keycloak.http.ApiException;
import org.keycloak.OAuth2Constants;
import org.keycloak.common.Profile;
import org.keycloak.common.VerificationException;
import org.keycloak.http.HttpRequest;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.util.DPoPUtil;

import java.util.Optional;

/**
 * Adapter over Keycloak's DPoP proof check (RFC 9449, {@code keycloak-services}): a request's proof is verified
 * as Keycloak's token endpoint verifies it (signature, method, URL, age, single use).
 */
public final class DPoPProofs {

    private DPoPProofs() {
    }

    /**
     * The JWK thumbprint of the key that signed the request's DPoP proof; empty without a proof, or when the server
     * runs without DPoP. 400 {@code invalid_dpop_proof} for a proof Keycloak refuses.
     */
    public static Optional<String> keyOf(KeycloakSession session) {
        HttpRequest request = session.getContext().getHttpRequest();
        if (!Profile.isFeatureEnabled(Profile.Feature.DPOP)
                || request.getHttpHeaders().getHeaderString(OAuth2Constants.DPOP_HTTP_HEADER) == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new DPoPUtil.Validator(session).request(request).uriInfo(session.getContext().getUri())
                    .validate().getThumbprint());
        } catch (VerificationException refused) {
            throw ApiException.of(400, "invalid_dpop_proof", refused.getMessage());
        }
    }
}
