package dev.lanyard.keycloak.publicauth;

import dev.lanyard.keycloak.flow.ThemeMessages;
import dev.lanyard.keycloak.http.ApiException;
import dev.lanyard.keycloak.http.RouteEvents;
import dev.lanyard.keycloak.internals.KeycloakMails;
import dev.lanyard.keycloak.internals.UserProfileErrors;
import dev.lanyard.keycloak.secrets.PasswordPolicy;
import dev.lanyard.keycloak.secrets.RealmPasswordHashing;
import dev.lanyard.keycloak.secrets.RequestLimits;
import dev.lanyard.keycloak.signin.PublicUserRepresentation;
import dev.lanyard.keycloak.signin.Continuation;
import dev.lanyard.keycloak.signin.SignInAttempt;
import dev.lanyard.keycloak.signin.SignInPipeline;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.PasswordCredentialModel;
import org.keycloak.models.light.LightweightUserAdapter;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.policy.PasswordPolicyManagerProvider;
import org.keycloak.userprofile.UserProfile;
import org.keycloak.userprofile.UserProfileContext;
import org.keycloak.userprofile.UserProfileProvider;
import org.keycloak.userprofile.ValidationException;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Self-registration through Keycloak's user profile and password policy. With the realm's "verify email"
 * on, every registration answers {@code verification_required}, whether the email (or username) was new or
 * not: the owner of an existing account is mailed instead. A social-only account (federated identity, no
 * password) never gets the caller's password: its owner is mailed a link to choose one. Every branch spends
 * one password hash, every mail goes out in the background, and requests are limited per email and per IP.
 */
public final class RegistrationService {

    static final String ROUTE = "public/register";
    /** Realm attributes {@code lanyard.register.maxPerEmail}, {@code .maxPerIp}, {@code .windowSeconds}. */
    public static final String LIMITS = "lanyard.register";
    /**
     * Realm attribute: the realm roles a registration may ask for (comma-separated); none when absent. A role that
     * {@link #grantsRealmManagement grants realm management} is never granted, whatever the attribute says.
     */
    public static final String SELF_SERVICE_ROLES = "lanyard.register.selfServiceRoles";

    private final KeycloakSession session;
    private final RealmModel realm;

    RegistrationService(KeycloakSession session) {
        this.session = session;
        this.realm = session.getContext().getRealm();
    }

    AuthenticationRepresentation register(RegisterRequest request) {
        requireRegistrationAllowed();
        String email = trimmed(request.email());
        String password = request.password();
        if (email == null || password == null || password.isEmpty()) {
            throw ApiException.invalidRequest("email and password are required");
        }
        Optional<RoleModel> role = selfServiceRole(trimmed(request.role()));
        String username = realm.isRegistrationEmailAsUsername() || trimmed(request.username()) == null
                ? email : trimmed(request.username());
        PasswordPolicy.require(session, username, password);
        EventBuilder event = RouteEvents.start(session, EventType.REGISTER, ROUTE)
                .detail(Details.EMAIL, email)
                .detail(Details.USERNAME, username)
                .detail(Details.REGISTER_METHOD, "lanyard-api");
        OptionalLong wait = RequestLimits.of(realm.getAttributes(), LIMITS).acquire(session, "register", email);
        if (wait.isPresent()) {
            event.error("too_many_requests");
            throw ApiException.tooManyRequests(wait.getAsLong());
        }

        // The whole profile is checked before anything tells whether the account exists: a bad name answers
        // 400 for a new email and an existing one alike.
        UserProfile profile = profile(username, email, request.name());
        try {
            profile.validate();
        } catch (ValidationException e) {
            if (UserProfileErrors.isOnlyDuplicateAccount(e)) {
                return registerExisting(username, email, password, event);
            }
            event.error(Errors.INVALID_REGISTRATION);
            throw ApiException.invalidRequest(UserProfileErrors.firstOtherThanDuplicateAccount(e).getFormattedMessage(
                    (key, parameters) -> ThemeMessages.format(session, key, parameters)));
        }
        UserModel user = create(profile, password, event);
        role.ifPresent(user::grantRole);
        event.user(user);
        if (realm.isVerifyEmail()) {
            user.addRequiredAction(UserModel.RequiredAction.VERIFY_EMAIL);
            event.success();
            new KeycloakMails(session).sendVerifyEmail(user);
            return AuthenticationRepresentation.verificationRequired();
        }
        event.success();
        try {
            new SignInPipeline(session).signIn(SignInAttempt.password(user, false, Continuation.API_ANSWER,
                    RouteEvents.start(session, EventType.LOGIN, ROUTE).detail(Details.AUTH_METHOD, "password")));
        } catch (ApiException refused) {
            // A default required action of the realm: the account stays, unsigned; the next login names the action.
        }
        return AuthenticationRepresentation.created(PublicUserRepresentation.of(user));
    }

    /**
     * The realm's "User registration" switch, as Keycloak's own registration page obeys it: off, every request is
     * 403 {@code registration_disabled} before anything is read, counted or written, whatever the email.
     */
    private void requireRegistrationAllowed() {
        if (!realm.isRegistrationAllowed()) {
            RouteEvents.start(session, EventType.REGISTER, ROUTE)
                    .detail(Details.REGISTER_METHOD, "lanyard-api")
                    .error(Errors.REGISTRATION_DISABLED);
            throw ApiException.of(403, Errors.REGISTRATION_DISABLED, "Registration is not allowed in this realm");
        }
    }

    /** The role names of a {@link #SELF_SERVICE_ROLES} value (comma-separated; none for null or blank). */
    public static List<String> selfServiceRoles(String attributeValue) {
        return attributeValue == null ? List.of() : Arrays.stream(attributeValue.split(","))
                .map(String::trim)
                .filter(role -> !role.isEmpty())
                .toList();
    }

    /**
     * Whether {@code role} is, or holds through composites (directly or transitively), a role of the realm's
     * {@code realm-management} client: such a role hands out admin rights and is never self-service.
     */
    public static boolean grantsRealmManagement(RealmModel realm, RoleModel role) {
        ClientModel management = realm.getClientByClientId(Constants.REALM_MANAGEMENT_CLIENT_ID);
        return management != null && management.getRolesStream().anyMatch(role::hasRole);
    }

    /**
     * The realm role a registration asks for, when the realm offers it for self-service and it grants no
     * {@link #grantsRealmManagement realm management}; 400 for any other.
     */
    private Optional<RoleModel> selfServiceRole(String name) {
        if (name == null) {
            return Optional.empty();
        }
        boolean offered = selfServiceRoles(realm.getAttribute(SELF_SERVICE_ROLES)).contains(name);
        RoleModel role = offered ? realm.getRole(name) : null;
        if (role == null || grantsRealmManagement(realm, role)) {
            throw ApiException.invalidRequest("The role '" + name + "' cannot be chosen at registration");
        }
        return Optional.of(role);
    }

    /**
     * An email or username that already has an account: never a second account, and no hint where the realm
     * verifies emails. The same hash and password policy are spent as for a new account, checked against the
     * given username and email, never against the existing account ("password history" would tell its passwords).
     */
    private AuthenticationRepresentation registerExisting(String username, String email, String password, EventBuilder event) {
        new RealmPasswordHashing(session).spendCheckTime(password);
        LightweightUserAdapter candidate = new LightweightUserAdapter(session, realm, KeycloakModelUtils.generateId());
        candidate.setUsername(username);
        candidate.setEmail(email);
        PasswordPolicy.require(session, session.getProvider(PasswordPolicyManagerProvider.class).validate(realm, candidate, password));
        UserModel existing = session.users().getUserByEmail(realm, email);
        if (existing == null) {
            event.error(Errors.USERNAME_IN_USE);
            if (realm.isVerifyEmail()) {
                return AuthenticationRepresentation.verificationRequired();
            }
            throw ApiException.conflict("An account with this username already exists");
        }
        event.user(existing);
        KeycloakMails mails = new KeycloakMails(session);
        if (isSocialOnly(existing)) {
            mails.sendSetPassword(existing, "lanyardSetPasswordSubject", "lanyard-set-password.ftl");
            event.detail("lanyard_outcome", "set_password_mailed").error(Errors.EMAIL_IN_USE);
            return AuthenticationRepresentation.verificationRequired();
        }
        if (realm.isVerifyEmail()) {
            mails.sendInBackground(existing, "lanyardAccountExistsSubject", "lanyard-account-exists.ftl", Map.of(),
                    KeycloakMails.NO_FOLLOW_UP);
            event.detail("lanyard_outcome", "owner_mailed").error(Errors.EMAIL_IN_USE);
            return AuthenticationRepresentation.verificationRequired();
        }
        event.error(Errors.EMAIL_IN_USE);
        throw ApiException.conflict("An account with this email already exists");
    }

    private UserProfile profile(String username, String email, String name) {
        Map<String, Object> attributes = new HashMap<>();
        attributes.put(UserModel.USERNAME, username);
        attributes.put(UserModel.EMAIL, email);
        String[] names = splitName(name);
        attributes.put(UserModel.FIRST_NAME, names[0]);
        attributes.put(UserModel.LAST_NAME, names[1]);
        return session.getProvider(UserProfileProvider.class).create(UserProfileContext.REGISTRATION, attributes);
    }

    /**
     * The new account with its password. The password policy checks that need the account (e.g. "not email")
     * run here: a refusal answers 400 and rolls the new account back.
     */
    private UserModel create(UserProfile profile, String password, EventBuilder event) {
        UserModel user = profile.create();
        user.setEnabled(true);
        try {
            PasswordPolicy.set(session, user, password);
        } catch (ApiException refused) {
            event.error(Errors.INVALID_REGISTRATION);
            throw refused;
        }
        return user;
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
}
