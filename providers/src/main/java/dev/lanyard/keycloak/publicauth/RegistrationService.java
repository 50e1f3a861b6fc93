package dev.lanyard.keycloak.publicauth;

import dev.lanyard.keycloak.common.ApiException;
import dev.lanyard.keycloak.common.KeycloakMails;
import dev.lanyard.keycloak.common.PublicSignIn;
import dev.lanyard.keycloak.common.PublicUserRepresentation;
import dev.lanyard.keycloak.common.RouteEvents;
import dev.lanyard.keycloak.common.ThemeMessages;
import dev.lanyard.keycloak.common.UserProfileErrors;
import org.jboss.logging.Logger;
import org.keycloak.email.EmailException;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelException;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserCredentialModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.PasswordCredentialModel;
import org.keycloak.policy.PasswordPolicyManagerProvider;
import org.keycloak.policy.PolicyError;
import org.keycloak.userprofile.UserProfile;
import org.keycloak.userprofile.UserProfileContext;
import org.keycloak.userprofile.UserProfileProvider;
import org.keycloak.userprofile.ValidationException;

import java.util.HashMap;
import java.util.Map;

/**
 * Self-registration through Keycloak's user profile and password policy. With the realm's "verify email"
 * on, every registration answers {@code verification_required}, whether the email was new or not; the
 * owner of an existing account is mailed instead. A social-only account (federated identity, no password)
 * gets the password only once its owner follows the emailed link.
 */
final class RegistrationService {

    static final String ROUTE = "public/register";
    private static final Logger LOG = Logger.getLogger(RegistrationService.class);

    private final KeycloakSession session;
    private final RealmModel realm;

    RegistrationService(KeycloakSession session) {
        this.session = session;
        this.realm = session.getContext().getRealm();
    }

    AuthenticationRepresentation register(RegisterRequest request) {
        String email = trimmed(request.email());
        String password = request.password();
        if (email == null || password == null || password.isEmpty()) {
            throw ApiException.invalidRequest("email and password are required");
        }
        String username = realm.isRegistrationEmailAsUsername() || trimmed(request.username()) == null
                ? email : trimmed(request.username());
        requirePasswordPolicy(username, password);
        EventBuilder event = RouteEvents.start(session, EventType.REGISTER, ROUTE)
                .detail(Details.EMAIL, email)
                .detail(Details.USERNAME, username)
                .detail(Details.REGISTER_METHOD, "lanyard-api");

        UserModel existing = session.users().getUserByEmail(realm, email);
        if (existing != null) {
            return registerExisting(existing, password, event);
        }
        UserModel user = createUser(username, email, request.name(), event);
        user.credentialManager().updateCredential(UserCredentialModel.password(password, false));
        event.user(user);

        if (realm.isVerifyEmail()) {
            user.addRequiredAction(UserModel.RequiredAction.VERIFY_EMAIL);
            event.success();
            sendOrLog(() -> new KeycloakMails(session).sendVerifyEmail(user), user);
            return AuthenticationRepresentation.verificationRequired();
        }
        new PublicSignIn(session).complete(user, false, event);
        return AuthenticationRepresentation.created(PublicUserRepresentation.of(user));
    }

    /** An email that already has an account: never a second account, and no hint where the realm verifies emails. */
    private AuthenticationRepresentation registerExisting(UserModel existing, String password, EventBuilder event) {
        event.user(existing);
        if (isSocialOnly(existing)) {
            new PasswordConfirmations(session).send(existing, password);
            event.detail("lanyard_outcome", "password_confirmation_mailed").error(Errors.EMAIL_IN_USE);
            return AuthenticationRepresentation.verificationRequired();
        }
        if (realm.isVerifyEmail()) {
            sendOrLog(() -> new KeycloakMails(session).send(existing, "lanyardAccountExistsSubject",
                    "lanyard-account-exists.ftl", Map.of()), existing);
            event.detail("lanyard_outcome", "owner_mailed").error(Errors.EMAIL_IN_USE);
            return AuthenticationRepresentation.verificationRequired();
        }
        event.error(Errors.EMAIL_IN_USE);
        throw ApiException.conflict("An account with this email already exists");
    }

    private UserModel createUser(String username, String email, String name, EventBuilder event) {
        Map<String, Object> attributes = new HashMap<>();
        attributes.put(UserModel.USERNAME, username);
        attributes.put(UserModel.EMAIL, email);
        String[] names = splitName(name);
        attributes.put(UserModel.FIRST_NAME, names[0]);
        attributes.put(UserModel.LAST_NAME, names[1]);
        UserProfile profile = session.getProvider(UserProfileProvider.class).create(UserProfileContext.REGISTRATION, attributes);
        try {
            profile.validate();
        } catch (ValidationException e) {
            if (UserProfileErrors.isDuplicateAccount(e)) {
                event.error(Errors.USERNAME_IN_USE);
                throw ApiException.conflict("An account with this username already exists");
            }
            event.error(Errors.INVALID_REGISTRATION);
            ValidationException.Error first = e.getErrors().get(0);
            throw ApiException.invalidRequest(first.getFormattedMessage(
                    (key, parameters) -> ThemeMessages.format(session, key, parameters)));
        }
        UserModel user = profile.create();
        user.setEnabled(true);
        return user;
    }

    private void requirePasswordPolicy(String username, String password) {
        PolicyError error = session.getProvider(PasswordPolicyManagerProvider.class).validate(username, password);
        if (error != null) {
            throw ApiException.invalidRequest(ThemeMessages.format(session, error.getMessage(), error.getParameters()));
        }
    }

    private boolean isSocialOnly(UserModel user) {
        return session.users().getFederatedIdentitiesStream(realm, user).findAny().isPresent()
                && !user.credentialManager().isConfiguredFor(PasswordCredentialModel.TYPE);
    }

    /** Display name → given and family name: the first word, then the rest. */
    static String[] splitName(String name) {
        String trimmed = trimmed(name);
        if (trimmed == null) {
            return new String[]{null, null};
        }
        int space = trimmed.indexOf(' ');
        return space < 0
                ? new String[]{trimmed, null}
                : new String[]{trimmed.substring(0, space), trimmed.substring(space + 1).trim()};
    }

    private static String trimmed(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** A mail that cannot be sent must not change the answer (that would tell whether the account exists). */
    private static void sendOrLog(MailSend send, UserModel user) {
        try {
            send.run();
        } catch (EmailException | ModelException e) {
            LOG.warnf(e, "Could not send registration mail to user %s", user.getId());
        }
    }

    @FunctionalInterface
    private interface MailSend {
        void run() throws EmailException;
    }
}
