package dev.lanyard.keycloak.publicauth;

import dev.lanyard.keycloak.common.KeycloakMails;
import dev.lanyard.keycloak.common.OneTimeSecrets;
import dev.lanyard.keycloak.common.RealmPasswordHashing;
import dev.lanyard.keycloak.common.RouteEvents;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.credential.CredentialModel;
import org.keycloak.email.EmailException;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.PasswordCredentialModel;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * A password registered for a social-only account waits, hashed, in Keycloak's single-use store until the
 * account's owner confirms it through the mailed link; only then does it become the account's password.
 */
final class PasswordConfirmations {

    static final String ROUTE = "public/confirm-password";
    private static final Logger LOG = Logger.getLogger(PasswordConfirmations.class);

    private final KeycloakSession session;
    private final RealmModel realm;
    private final OneTimeSecrets secrets;

    PasswordConfirmations(KeycloakSession session) {
        this.session = session;
        this.realm = session.getContext().getRealm();
        this.secrets = new OneTimeSecrets(session, "password-confirmation");
    }

    void send(UserModel user, String password) {
        PasswordCredentialModel credential = new RealmPasswordHashing(session).hash(password);
        KeycloakMails mails = new KeycloakMails(session);
        int lifespan = mails.verificationLinkLifespan();
        String secret = secrets.issue(Map.of(
                "user_id", user.getId(),
                "credential_data", credential.getCredentialData(),
                "secret_data", credential.getSecretData()), lifespan);
        URI link = session.getContext().getUri().getBaseUriBuilder()
                .path("realms").path(realm.getName()).path("api").path(ROUTE)
                .queryParam("token", secret).build();
        try {
            mails.send(user, "lanyardConfirmPasswordSubject", "lanyard-confirm-password.ftl",
                    Map.of("link", link.toString(), "linkExpirationMinutes", lifespan / 60));
        } catch (EmailException e) {
            LOG.warnf(e, "Could not send the password confirmation mail to user %s", user.getId());
        }
    }

    boolean isPending(String secret) {
        return secrets.isRedeemable(secret);
    }

    /** Sets the waiting password as the user's only password; empty if the link is unknown, used or expired. */
    Optional<UserModel> confirm(String secret) {
        Optional<UserModel> user = secrets.redeem(secret).flatMap(data ->
                Optional.ofNullable(session.users().getUserById(realm, data.get("user_id")))
                        .map(found -> replacePassword(found, data)));
        user.ifPresent(found -> RouteEvents.start(session, EventType.UPDATE_PASSWORD, ROUTE).user(found).success());
        return user;
    }

    private UserModel replacePassword(UserModel user, Map<String, String> data) {
        user.credentialManager().getStoredCredentialsByTypeStream(PasswordCredentialModel.TYPE).toList()
                .forEach(old -> user.credentialManager().removeStoredCredentialById(old.getId()));
        CredentialModel credential = new CredentialModel();
        credential.setType(PasswordCredentialModel.TYPE);
        credential.setCreatedDate(Time.currentTimeMillis());
        credential.setCredentialData(data.get("credential_data"));
        credential.setSecretData(data.get("secret_data"));
        user.credentialManager().createStoredCredential(credential);
        // Following the mailed link proves the owner reads this address.
        user.setEmailVerified(true);
        return user;
    }
}
