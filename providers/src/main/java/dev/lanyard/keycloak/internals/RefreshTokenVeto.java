package dev.lanyard.keycloak.internals;

import org.keycloak.Config;
import org.keycloak.OAuthErrorException;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.TokenManager;
import org.keycloak.protocol.oidc.refresh.InitialRefreshTokenContext;
import org.keycloak.protocol.oidc.refresh.RefreshTokenContext;
import org.keycloak.protocol.oidc.refresh.RefreshTokenProvider;
import org.keycloak.protocol.oidc.refresh.RefreshTokenProviderFactory;
import org.keycloak.representations.RefreshToken;
import org.keycloak.util.TokenUtil;

import java.util.Optional;

/**
 * Base of a check that Keycloak itself runs on every refresh-token grant (its native token endpoint and
 * {@code {api}/oauth/token} alike), with no realm configuration: a provider of Keycloak's internal
 * {@code refresh-token} SPI (in 26.7.4, not in 26.4.0: a server without it never loads this). Keycloak asks its
 * refresh token providers, highest {@link #order()} first, which one handles a refresh; this one is asked before
 * Keycloak's own ({@code default}, order 0), claims only the refreshes that {@link #refusal} refuses and answers
 * them {@code 400 invalid_grant}.
 * Every other refresh goes on to Keycloak's provider untouched. Keycloak has verified the refresh token's
 * signature and type before it asks.
 */
public abstract class RefreshTokenVeto implements RefreshTokenProviderFactory {

    /** Above Keycloak's own provider (0). */
    private static final int ORDER = 100;

    /**
     * Why {@code user} may not refresh tokens of {@code client}: the {@code error_description} of the refusal.
     * Empty to let Keycloak go on. Must not throw: it runs inside Keycloak's token endpoint.
     */
    protected abstract Optional<String> refusal(KeycloakSession session, UserModel user, ClientModel client);

    @Override
    public final RefreshTokenProvider create(KeycloakSession session) {
        return new Veto(session);
    }

    @Override
    public final int order() {
        return ORDER;
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }

    /** Made per request (Keycloak caches providers per session), so the refusal found by supports() may wait in a field. */
    private final class Veto implements RefreshTokenProvider {

        private final KeycloakSession session;
        private String refusal;

        Veto(KeycloakSession session) {
            this.session = session;
        }

        @Override
        public boolean supports(InitialRefreshTokenContext context) {
            return false;
        }

        @Override
        public RefreshToken generateRefreshToken(InitialRefreshTokenContext context) {
            throw new IllegalStateException("Lanyard's refresh check never issues refresh tokens");
        }

        @Override
        public boolean supports(RefreshTokenContext context) {
            ClientModel client = context.grantContext().getClient();
            refusal = client == null ? null : userOf(context.grantContext().getRealm(), context.oldRefreshToken())
                    .flatMap(user -> refusal(session, user, client))
                    .orElse(null);
            return refusal != null;
        }

        @Override
        public TokenManager.AccessTokenResponseBuilder refreshAccessToken(RefreshTokenContext context) throws OAuthErrorException {
            throw new OAuthErrorException(OAuthErrorException.INVALID_GRANT, refusal);
        }

        /**
         * The token's user: its subject, or the user of its session when the token carries no {@code sub} (Keycloak
         * 26 can leave it out). Empty when neither is found; Keycloak then refuses the token itself.
         */
        private Optional<UserModel> userOf(RealmModel realm, RefreshToken token) {
            if (token.getSubject() != null) {
                return Optional.ofNullable(session.users().getUserById(realm, token.getSubject()));
            }
            if (token.getSessionId() == null) {
                return Optional.empty();
            }
            UserSessionModel userSession = TokenUtil.TOKEN_TYPE_OFFLINE.equals(token.getType())
                    ? session.sessions().getOfflineUserSession(realm, token.getSessionId())
                    : session.sessions().getUserSession(realm, token.getSessionId());
            return Optional.ofNullable(userSession).map(UserSessionModel::getUser);
        }
    }
}
