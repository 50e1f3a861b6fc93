package dev.lanyard.keycloak.internals;

import com.fasterxml.jackson.databind.JsonNode;
import org.keycloak.OAuth2Constants;
import org.keycloak.authentication.AuthenticationProcessor;
import org.keycloak.authentication.authenticators.broker.AbstractIdpAuthenticator;
import org.keycloak.authentication.authenticators.broker.util.SerializedBrokeredIdentityContext;
import org.keycloak.broker.oidc.OIDCIdentityProvider;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.AuthenticatedClientSessionModel;
import org.keycloak.models.ClientModel;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.protocol.oidc.utils.OAuth2CodeParser;
import org.keycloak.protocol.oidc.utils.PkceUtils;
import org.keycloak.representations.IDToken;
import org.keycloak.representations.JsonWebToken;
import org.keycloak.services.Urls;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.services.managers.AuthenticationSessionManager;
import org.keycloak.services.managers.ClientSessionCode;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.keycloak.sessions.RootAuthenticationSessionModel;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * Adapter over Keycloak's identity brokering ({@code keycloak-services}). A broker login is started as an
 * authorization request of {@code client} whose answer (a code) comes back to a Lanyard route instead of the
 * app: Keycloak's broker endpoint checks the provider's state against the browser's login, and its first- and
 * post-broker-login flows run as usual. The returned code then names the user whom the provider vouched for.
 */
public final class KeycloakBrokerLogins {

    /** Auth notes of Keycloak's post-broker-login step (IdentityBrokerService). */
    private static final String AFTER_FIRST_BROKER_LOGIN = "PBL_AFTER_FIRST_BROKER_LOGIN";
    private static final String POST_BROKER_CONTEXT = "PBL_BROKERED_IDENTITY_CONTEXT";
    /** Auth note of Keycloak's first-broker-login flow when it made a new account. */
    private static final String REGISTERED_NEW_USER = "BROKER_REGISTERED_NEW_USER";

    private KeycloakBrokerLogins() {
    }

    /** The realm's enabled identity provider {@code alias}, if any. */
    public static Optional<IdentityProviderModel> enabledProvider(KeycloakSession session, String alias) {
        return Optional.ofNullable(session.identityProviders().getByAlias(alias)).filter(IdentityProviderModel::isEnabled);
    }

    /**
     * Starts a login of this browser at the provider; returns Keycloak's broker-login URL to send the browser to.
     * {@code notes} travel with the login and come back with the code's client session.
     */
    public static URI start(KeycloakSession session, ClientModel client, String providerAlias, URI returnTo, Map<String, String> notes) {
        KeycloakContext context = session.getContext();
        RealmModel realm = context.getRealm();
        RootAuthenticationSessionModel root = new AuthenticationSessionManager(session).createAuthenticationSession(realm, true);
        AuthenticationSessionModel login = root.createAuthenticationSession(client);
        login.setProtocol(OIDCLoginProtocol.LOGIN_PROTOCOL);
        login.setAction(AuthenticationSessionModel.Action.AUTHENTICATE.name());
        login.setRedirectUri(returnTo.toString());
        login.setClientNote(OIDCLoginProtocol.RESPONSE_TYPE_PARAM, OAuth2Constants.CODE);
        login.setClientNote(OIDCLoginProtocol.REDIRECT_URI_PARAM, returnTo.toString());
        login.setClientNote(OIDCLoginProtocol.SCOPE_PARAM, OAuth2Constants.SCOPE_OPENID);
        login.setClientNote(OIDCLoginProtocol.ISSUER, Urls.realmIssuer(context.getUri().getBaseUri(), realm.getName()));
        // A challenge whose verifier nobody keeps: the code serves this route only, never Keycloak's token endpoint.
        login.setClientNote(OIDCLoginProtocol.CODE_CHALLENGE_PARAM,
                PkceUtils.generateS256CodeChallenge(PkceUtils.generateCodeVerifier()));
        login.setClientNote(OIDCLoginProtocol.CODE_CHALLENGE_METHOD_PARAM, OAuth2Constants.PKCE_METHOD_S256);
        notes.forEach(login::setClientNote);
        String code = new ClientSessionCode<>(session, realm, login).getOrGenerateCode();
        return Urls.identityProviderAuthnRequest(context.getUri().getBaseUri(), providerAlias, realm.getName(), code,
                client.getClientId(), login.getTabId(), AuthenticationProcessor.getClientData(session, login), null);
    }

    /**
     * The user of a code that a broker login started by {@link #start} sent back, with that login's notes; the
     * code is used up. The user session that Keycloak's broker flow made gives way (with its SSO cookie): the
     * caller signs the user in through its own pipeline. Empty for an unknown, used or expired code.
     */
    public static Optional<BrokeredUser> finish(KeycloakSession session, String code, EventBuilder event) {
        RealmModel realm = session.getContext().getRealm();
        if (code == null || code.isBlank()) {
            return Optional.empty();
        }
        OAuth2CodeParser.ParseResult parsed = OAuth2CodeParser.parseCode(session, code, realm, event);
        if (parsed.isIllegalCode() || parsed.isExpiredCode() || parsed.getClientSession() == null) {
            return Optional.empty();
        }
        AuthenticatedClientSessionModel clientSession = parsed.getClientSession();
        UserSessionModel userSession = clientSession.getUserSession();
        BrokeredUser brokered = new BrokeredUser(userSession.getUser(), Map.copyOf(clientSession.getNotes()));
        session.sessions().removeUserSession(realm, userSession);
        AuthenticationManager.expireIdentityCookie(session);
        return Optional.of(brokered);
    }

    /**
     * In a post-broker-login flow: the provider whose identity this login linked to an account that existed
     * before (a first broker login that made no new account); empty otherwise.
     */
    public static Optional<String> linkedProvider(AuthenticationSessionModel login) {
        if (!Boolean.parseBoolean(login.getAuthNote(AFTER_FIRST_BROKER_LOGIN))
                || Boolean.parseBoolean(login.getAuthNote(REGISTERED_NEW_USER))) {
            return Optional.empty();
        }
        return Optional.ofNullable(SerializedBrokeredIdentityContext.readFromAuthenticationSession(login, POST_BROKER_CONTEXT))
                .map(SerializedBrokeredIdentityContext::getIdentityProviderId);
    }

    /**
     * In a first-broker-login flow that found an account with the provider's email: that account, when the
     * provider vouches for the email ("trust email" on) and the account's email is the same and verified.
     */
    public static Optional<UserModel> vouchedExistingUser(KeycloakSession session, AuthenticationSessionModel login) {
        SerializedBrokeredIdentityContext brokered =
                SerializedBrokeredIdentityContext.readFromAuthenticationSession(login, AbstractIdpAuthenticator.BROKERED_CONTEXT_NOTE);
        if (brokered == null || login.getAuthNote(AbstractIdpAuthenticator.EXISTING_USER_INFO) == null) {
            return Optional.empty();
        }
        IdentityProviderModel provider = session.identityProviders().getByAlias(brokered.getIdentityProviderId());
        UserModel existing = AbstractIdpAuthenticator.getExistingUser(session, session.getContext().getRealm(), login);
        // isTrustEmail() answers a boolean before Keycloak 26.5 and a Boolean since.
        boolean vouched = provider != null && Boolean.TRUE.equals(KeycloakSignatures.read(provider, "isTrustEmail"))
                && brokered.getEmail() != null
                && existing.isEmailVerified() && brokered.getEmail().equalsIgnoreCase(existing.getEmail())
                && upstreamSaysEmailVerified(brokered.deserialize(session, login));
        return vouched ? Optional.of(existing) : Optional.empty();
    }

    /**
     * Whether the provider itself says it verified the email: {@code email_verified: true} in the ID token (else the
     * access token) its OpenID Connect answer carried, or in its userinfo. Trusting the provider's emails is not
     * enough: an upstream account may claim anyone's address unverified. Providers that say nothing (plain OAuth 2,
     * e.g. Facebook) are never taken at their word; Keycloak's confirm-link step runs for them.
     */
    private static boolean upstreamSaysEmailVerified(BrokeredIdentityContext identity) {
        Map<String, Object> data = identity.getContextData();
        Object token = Optional.ofNullable(data.get(OIDCIdentityProvider.VALIDATED_ID_TOKEN))
                .orElseGet(() -> data.get(OIDCIdentityProvider.VALIDATED_ACCESS_TOKEN));
        if (token instanceof IDToken idToken && idToken.getEmailVerified() != null) {
            return idToken.getEmailVerified();
        }
        if (token instanceof JsonWebToken jwt && jwt.getOtherClaims().get(IDToken.EMAIL_VERIFIED) != null) {
            return Boolean.parseBoolean(String.valueOf(jwt.getOtherClaims().get(IDToken.EMAIL_VERIFIED)));
        }
        return data.get(OIDCIdentityProvider.USER_INFO) instanceof JsonNode userInfo
                && userInfo.path(IDToken.EMAIL_VERIFIED).asBoolean(false);
    }

    /** A user a provider vouched for, and the notes of the login that asked. */
    public record BrokeredUser(UserModel user, Map<String, String> notes) {
    }
}
