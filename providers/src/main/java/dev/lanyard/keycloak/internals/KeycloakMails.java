package dev.lanyard.keycloak.internals;

import dev.lanyard.keycloak.branding.Branding;
import dev.lanyard.keycloak.http.ApiUrls;
import org.jboss.logging.Logger;
import org.keycloak.authentication.actiontoken.DefaultActionToken;
import org.keycloak.authentication.actiontoken.execactions.ExecuteActionsActionToken;
import org.keycloak.authentication.actiontoken.verifyemail.VerifyEmailActionToken;
import org.keycloak.common.util.Time;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailTemplateProvider;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.executors.ExecutorsProvider;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.KeycloakUriInfo;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.utils.SystemClientUtil;
import org.keycloak.models.utils.UserModelDelegate;
import org.keycloak.services.resources.LoginActionsService;
import org.keycloak.urls.UrlType;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Adapter over Keycloak's mail and action-token internals ({@code keycloak-services}). Every mail is rendered
 * and sent on a worker thread once the request's transaction has committed, so that a slow SMTP server never
 * holds up the answer (nor tells, by its delay, whether an account exists).
 */
public final class KeycloakMails {

    private static final Logger LOG = Logger.getLogger(KeycloakMails.class);
    /** Event error and detail of a mail that could not be sent. */
    public static final String MAIL_FAILED = "mail_failed";
    private static final String MAIL_DETAIL = "lanyard_mail";

    /** For mails whose sending needs no record of its own. */
    public static final Consumer<KeycloakSession> NO_FOLLOW_UP = worker -> {
    };

    private final KeycloakSession session;
    private final RealmModel realm;

    public KeycloakMails(KeycloakSession session) {
        this.session = session;
        this.realm = session.getContext().getRealm();
    }

    /** Keycloak's own "verify your email" mail, with a link its verify-email action token handler serves. */
    public void sendVerifyEmail(UserModel user) {
        if (noConfiguredOrigin()) {
            return;
        }
        int lifespan = realm.getActionTokenGeneratedByUserLifespan(VerifyEmailActionToken.TOKEN_TYPE);
        String link = actionLink(new VerifyEmailActionToken(user.getId(), Time.currentTime() + lifespan, null,
                user.getEmail(), SystemClientUtil.getSystemClient(realm).getClientId()));
        sendInBackground(user, "verify-email", templates -> templates.sendVerifyEmail(link, TimeUnit.SECONDS.toMinutes(lifespan)),
                NO_FOLLOW_UP);
    }

    /**
     * A Lanyard mail that lets the owner choose a password of their own: the link runs Keycloak's
     * update-password action (its themed page), as the admin console's "send required actions" mail does.
     */
    public void sendSetPassword(UserModel user, String subjectKey, String template) {
        if (noConfiguredOrigin()) {
            return;
        }
        int lifespan = realm.getActionTokenGeneratedByUserLifespan(ExecuteActionsActionToken.TOKEN_TYPE);
        String link = actionLink(new ExecuteActionsActionToken(user.getId(), user.getEmail(), Time.currentTime() + lifespan,
                List.of(UserModel.RequiredAction.UPDATE_PASSWORD.name()), null, Constants.ACCOUNT_MANAGEMENT_CLIENT_ID));
        sendInBackground(user, subjectKey, template,
                Map.of("link", link, "linkExpirationMinutes", Math.max(1, lifespan / 60)), NO_FOLLOW_UP);
    }

    /**
     * A mail from a template of the Lanyard theme resources ({@code html/} and {@code text/} variants), which also
     * gets the realm's branding as {@code brand} (for their shared layout, {@code lanyard-mail.ftl}).
     */
    public void sendInBackground(UserModel user, String subjectKey, String template, Map<String, Object> attributes,
                                 Consumer<KeycloakSession> afterSend) {
        Map<String, Object> branded = new HashMap<>(attributes);
        branded.put("brand", Branding.of(realm).withDefaults());
        // Keycloak adds its own attributes (realm name, link formatter) to the map it is given: it gets a copy.
        sendInBackground(user, template, templates -> templates.send(subjectKey, List.of(), template, new HashMap<>(branded)), afterSend);
    }

    /**
     * Runs {@code mail} on a worker thread after the request commits; {@code afterSend} runs in the worker's session.
     * The mail speaks the language Keycloak picks for this request (the one chosen on the login page, the user's
     * own, the browser's), which the worker, having no request, could not tell.
     * A mail that cannot be sent (SMTP down, refused, timed out) is logged and counted as an
     * {@code EXECUTE_ACTIONS_ERROR} event with error {@code mail_failed}; the request answered long before.
     */
    private void sendInBackground(UserModel user, String kind, Mail mail, Consumer<KeycloakSession> afterSend) {
        KeycloakSessionFactory factory = session.getKeycloakSessionFactory();
        ExecutorService executor = session.getProvider(ExecutorsProvider.class).getExecutor("lanyard-mail");
        String realmId = realm.getId();
        String userId = user.getId();
        String language = session.getContext().resolveLocale(user).toLanguageTag();
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
                        mail.send(worker.getProvider(EmailTemplateProvider.class).setRealm(workerRealm)
                                .setUser(new RecipientInRequestLocale(recipient, language)));
                        afterSend.accept(worker);
                    } catch (EmailException | RuntimeException e) {
                        LOG.warnf(e, "Could not send a mail (%s) to user %s", kind, userId);
                        new EventBuilder(workerRealm, worker).event(EventType.EXECUTE_ACTIONS).user(recipient)
                                .detail(MAIL_DETAIL, kind).error(MAIL_FAILED);
                    }
                }));
            }

            @Override
            protected void rollbackImpl() {
            }
        });
    }

    /** Keycloak's action-token link, on the configured public address (see {@link ApiUrls#mailed}). */
    private String actionLink(DefaultActionToken token) {
        KeycloakUriInfo frontend = session.getContext().getUri(UrlType.FRONTEND);
        return LoginActionsService.actionTokenProcessor(frontend)
                .queryParam("key", token.serialize(session, realm, frontend))
                .build(realm.getName()).toString();
    }

    /** Action links are mailed only where the realm or the server says where the realm is reached. */
    private boolean noConfiguredOrigin() {
        if (ApiUrls.hasConfiguredOrigin(realm)) {
            return false;
        }
        LOG.warnf("No account mail sent in realm %s: set its Frontend URL or the server's hostname", realm.getName());
        return true;
    }

    /** The recipient as the mail templates see it: with the request's language as their own. */
    private static final class RecipientInRequestLocale extends UserModelDelegate {

        private final String language;

        RecipientInRequestLocale(UserModel user, String language) {
            super(user);
            this.language = language;
        }

        @Override
        public String getFirstAttribute(String name) {
            return UserModel.LOCALE.equals(name) ? language : super.getFirstAttribute(name);
        }
    }

    @FunctionalInterface
    private interface Mail {
        void send(EmailTemplateProvider templates) throws EmailException;
    }
}
