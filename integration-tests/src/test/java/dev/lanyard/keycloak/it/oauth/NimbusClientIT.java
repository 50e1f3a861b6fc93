package dev.lanyard.keycloak.it.oauth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationResponse;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenIntrospectionRequest;
import com.nimbusds.oauth2.sdk.TokenIntrospectionResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.TokenRevocationRequest;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.UserInfoRequest;
import com.nimbusds.openid.connect.sdk.UserInfoResponse;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import dev.lanyard.keycloak.it.support.Browser;
import dev.lanyard.keycloak.it.support.Lanyard;
import dev.lanyard.keycloak.it.support.LanyardExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Our OAuth routes driven by Nimbus oauth2-oidc-sdk: a client library we did not write. */
@ExtendWith(LanyardExtension.class)
class NimbusClientIT {

    private OAuthRealm oauth;

    @BeforeEach
    void setUp(Lanyard lanyard) {
        oauth = OAuthRealm.create(lanyard);
    }

    @Test
    void authorizationCodeWithPkceRefreshUserInfoRevokeAndIntrospect() throws Exception {
        ClientID spa = new ClientID("spa");
        URI callback = URI.create(OAuthRealm.SPA_CALLBACK);
        CodeVerifier verifier = new CodeVerifier();
        State state = new State();
        Nonce nonce = new Nonce();
        AuthenticationRequest authorize = new AuthenticationRequest.Builder(ResponseType.CODE, new Scope("openid"), spa, callback)
                .endpointURI(oauth.api("/oauth/authorize"))
                .state(state).nonce(nonce)
                .codeChallenge(verifier, CodeChallengeMethod.S256)
                .build();

        Browser browser = oauth.lanyard().browser();
        String location = oauth.signIn(browser, authorize.toURI()).header("Location").orElseThrow();
        AuthorizationResponse response = AuthorizationResponse.parse(URI.create(location));
        assertTrue(response.indicatesSuccess(), location);
        assertEquals(state, response.getState());
        AuthorizationCode code = response.toSuccessResponse().getAuthorizationCode();

        TokenResponse tokens = OIDCTokenResponseParser.parse(new TokenRequest(oauth.api("/oauth/token"), spa,
                new AuthorizationCodeGrant(code, callback, verifier)).toHTTPRequest().send());
        assertTrue(tokens.indicatesSuccess(), () -> tokens.toErrorResponse().getErrorObject().toString());
        OIDCTokenResponse success = (OIDCTokenResponse) tokens.toSuccessResponse();

        OIDCProviderMetadata discovery = OIDCProviderMetadata.resolve(new Issuer(oauth.lanyard().realm(oauth.name(), "")));
        IDTokenValidator validator = new IDTokenValidator(discovery.getIssuer(), spa, JWSAlgorithm.RS256,
                discovery.getJWKSetURI().toURL());
        assertEquals(nonce, validator.validate(success.getOIDCTokens().getIDToken(), nonce).getNonce(),
                "the ID token verifies against the realm's published keys");

        RefreshToken refreshToken = success.getOIDCTokens().getRefreshToken();
        TokenResponse refreshed = OIDCTokenResponseParser.parse(new TokenRequest(oauth.api("/oauth/token"), spa,
                new RefreshTokenGrant(refreshToken)).toHTTPRequest().send());
        assertTrue(refreshed.indicatesSuccess());
        AccessToken accessToken = refreshed.toSuccessResponse().getTokens().getAccessToken();

        UserInfoResponse userInfo = UserInfoResponse.parse(new UserInfoRequest(oauth.api("/oauth/userinfo"), accessToken)
                .toHTTPRequest().send());
        assertTrue(userInfo.indicatesSuccess());
        assertEquals(oauth.lanyard().admin().userId(oauth.name(), oauth.email()).orElseThrow(),
                userInfo.toSuccessResponse().getUserInfo().getSubject().getValue());

        RefreshToken latest = refreshed.toSuccessResponse().getTokens().getRefreshToken();
        HTTPResponse revoked = new TokenRevocationRequest(oauth.api("/oauth/revoke"), spa, latest).toHTTPRequest().send();
        assertEquals(200, revoked.getStatusCode());
        TokenResponse afterRevoke = OIDCTokenResponseParser.parse(new TokenRequest(oauth.api("/oauth/token"), spa,
                new RefreshTokenGrant(latest)).toHTTPRequest().send());
        assertFalse(afterRevoke.indicatesSuccess());
        assertEquals("invalid_grant", afterRevoke.toErrorResponse().getErrorObject().getCode());
    }

    @Test
    void confidentialClientWithBasicAndPostAuthenticationAndIntrospection() throws Exception {
        ClientSecretBasic basic = new ClientSecretBasic(new ClientID("app"), new Secret("app-secret"));
        TokenResponse token = TokenResponse.parse(new TokenRequest(oauth.api("/oauth/token"), basic,
                new ClientCredentialsGrant()).toHTTPRequest().send());
        assertTrue(token.indicatesSuccess());
        AccessToken accessToken = token.toSuccessResponse().getTokens().getAccessToken();

        ClientSecretPost post = new ClientSecretPost(new ClientID("app"), new Secret("app-secret"));
        TokenIntrospectionResponse active = TokenIntrospectionResponse.parse(new TokenIntrospectionRequest(
                oauth.api("/oauth/introspect"), post, accessToken).toHTTPRequest().send());
        assertTrue(active.indicatesSuccess());
        assertTrue(active.toSuccessResponse().isActive());

        new TokenRevocationRequest(oauth.api("/oauth/revoke"), basic, accessToken).toHTTPRequest().send();
        TokenIntrospectionResponse inactive = TokenIntrospectionResponse.parse(new TokenIntrospectionRequest(
                oauth.api("/oauth/introspect"), basic, accessToken).toHTTPRequest().send());
        assertFalse(inactive.toSuccessResponse().isActive());

        TokenResponse wrongSecret = TokenResponse.parse(new TokenRequest(oauth.api("/oauth/token"),
                new ClientSecretBasic(new ClientID("app"), new Secret("wrong")), new ClientCredentialsGrant()).toHTTPRequest().send());
        assertFalse(wrongSecret.indicatesSuccess());
        assertEquals(401, wrongSecret.toErrorResponse().getErrorObject().getHTTPStatusCode());
    }

    @Test
    void publishedKeysAreAsymmetricOnly() throws Exception {
        JWKSet keys = JWKSet.load(oauth.lanyard().realm(oauth.name(), "/protocol/openid-connect/certs").toURL());
        assertFalse(keys.getKeys().isEmpty());
        for (JWK key : keys.getKeys()) {
            assertTrue(key instanceof RSAKey || key instanceof ECKey, key.getKeyType() + " " + key.getKeyID());
            assertFalse(key.isPrivate(), "public halves only");
        }
    }
}
