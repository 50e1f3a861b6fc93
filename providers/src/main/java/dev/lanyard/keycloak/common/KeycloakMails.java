package dev.lanyard.keycloak.common;

import org.jboss.logging.Logger;
import org.keycloak.authentication.actiontoken.verifyemail.VerifyEmailActionToken;
import org.keycloak.common.util.Time;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailTemplateProvider;
import org.keycloak.executors.ExecutorsProvider;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.services.resources.LoginActionsService;
import org.keycloak.models.utils.SystemClientUtil;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Adapter over Keycloak's mail and action-token internals ({@code keycloak-services}). */
public final class KeycloakMails {

    private static final Logger LOG = Logger.getLogger(KeycloakMails.class);

    private final KeycloakSession session;
    private final RealmModel realm;

    public KeycloakMails(KeycloakSession session) {
        this.session = session;
        this.realm = session.getContext().getRealm();
    }

    /** How long the realm lets a mailed verification link live, in seconds: our own mailed links live as long. */
    public int verificationLinkLifespan() {
        return realm.getActionTokenGeneratedByUserLifespan(VerifyEmailActionToken.TOKEN_TYPE);
    }

    /** Keycloak's own "verify your email" mail, with a link its verify-email action token handler serves. */
    public void sendVerifyEmail(UserModel user) throws EmailException {
        int lifespan = verificationLinkLifespan();
        VerifyEmailActionToken token = new VerifyEmailActionToken(user.getId(), Time.currentTime() + lifespan, null,
                user.getEmail(), SystemClientUtil.getSystemClient(realm).getClientId());
        String link = LoginActionsService.actionTokenProcessor(session.getContext().getUri())
                .queryParam("key", token.serialize(session, realm, session.getContext().getUri()))
                .build(realm.getName()).toString();
        templates(user).sendVerifyEmail(link, TimeUnit.SECONDS.toMinutes(lifespan));
    }

    /** A mail from a template of the Lanyard theme resources ({@code html/} and {@code text/} variants). */
    public void send(UserModel user, String subjectKey, String template, Map<String, Object> attributes) throws EmailException {
        // Keycloak adds its own attributes (realm name, link formatter) to the map it is given.
        templates(user).send(subjectKey, List.of(), template, new HashMap<>(attributes));
    }

    /**
     * The same mail, rendered and sent on a worker thread once the request's transaction has committed, so
     * that a slow SMTP server never holds up the answer. {@code afterSend} runs in the worker's session.
     */
    public void sendInBackground(UserModel user, String subjectKey, String template, Map<String, Object> attributes,
                                 Consumer<KeycloakSession> afterSend) {
        KeycloakSessionFactory factory = session.getKeycloakSessionFactory();
        ExecutorService executor = session.getProvider(ExecutorsProvider.class).getExecutor("lanyard-mail");
        String realmId = realm.getId();
        String userId = user.getId();
        Map<String, Object> copy = Map.copyOf(attributes);
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                executor.execute(() -> KeycloakModelUtils.runJobInTransaction(factory, worker -> {
                    RealmModel workerRealm = worker.realms().getRealm(realmId);
                    worker.getContext().setRealm(workerRealm);
                    UserModel recipient = workerRealm == null ? null : worker.users().getUserById(workerRealm, userId);
                    if (recipient == null) {
                        return;
                    }
                    try {
                        new KeycloakMails(worker).send(recipient, subjectKey, template, copy);
                        afterSend.accept(worker);
                    } catch (EmailException e) {
                        LOG.warnf(e, "Could not send %s to user %s", template, userId);
                    }
                }));
            }

            @Override
            protected void rollbackImpl() {
            }
        });
    }

    private EmailTemplateProvider templates(UserModel user) {
        return session.getProvider(EmailTemplateProvider.class).setRealm(realm).setUser(user);
    }
}
