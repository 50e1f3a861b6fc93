package dev.lanyard.keycloak.oauth;

import dev.lanyard.keycloak.http.ApiException;
import dev.lanyard.keycloak.http.RouteEvents;
import dev.lanyard.keycloak.internals.KeycloakMails;
import dev.lanyard.keycloak.internals.LoginAttempts;
import dev.lanyard.keycloak.realm.Capabilities;
import org.keycloak.common.util.SecretGenerator;
import org.keycloak.common.util.Time;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.jose.jws.crypto.HashUtils;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The authorization challenge's mailed code: a one-time code of 6 digits, mailed to the sign-in's user and kept in
 * the sign-in only as a salted hash with its expiry. An unknown user's sign-in gets a code too, which no one reads,
 * so that the answer never tells whether the account exists.
 */
final class ChallengeEmailCode {

    static final String METHOD = "email_code";
    private static final String LIMITS_COUNTER = "email-code";
    private static final String HASH = "email_code_hash";
    private static final String SALT = "email_code_salt";
    private static final String EXPIRES = "email_code_expires";
    private static final String MAILED_TO = "email_code_user";

    private final KeycloakSession session;
    private final RealmModel realm;

    ChallengeEmailCode(KeycloakSession session) {
        this.session = session;
        this.realm = session.getContext().getRealm();
    }

    /** Whether the realm mails codes: it serves magic links (a mailed code is their kind of proof) and has a sender address. */
    boolean offered() {
        String from = realm.getSmtpConfig().get("from");
        return Capabilities.of(realm).has(Capabilities.MAGIC_LINK) && from != null && !from.isBlank();
    }

    /**
     * Mails a new code for the sign-in {@code pending} of {@code loginHint} (whose earlier code no longer counts),
     * limited per address and IP as magic links are: 429 past the limit.
     */
    void mail(ClientModel client, Map<String, String> pending, String loginHint, String route) {
        EventBuilder event = RouteEvents.start(session, EventType.SEND_VERIFY_EMAIL, route).client(client)
                .detail(Details.USERNAME, loginHint).detail("lanyard_action", "email_code_requested");
        EmailCodeSettings settings = EmailCodeSettings.of(realm);
        OptionalLong wait = settings.limits().acquire(session, LIMITS_COUNTER, loginHint);
        if (wait.isPresent()) {
            event.error("too_many_requests");
            throw ApiException.tooManyRequests(wait.getAsLong());
        }
        String code = SecretGenerator.getInstance().randomString(6, SecretGenerator.DIGITS);
        String salt = SecretGenerator.getInstance().randomString(16);
        pending.put(SALT, salt);
        pending.put(HASH, hash(salt, code));
        pending.put(EXPIRES, Long.toString(Time.currentTime() + settings.lifespanSeconds()));
        pending.remove(MAILED_TO);
        UserModel user = KeycloakModelUtils.findUserByNameOrEmail(session, realm, loginHint);
        if (user == null || !user.isEnabled() || user.getEmail() == null || !user.isEmailVerified()) {
            // As for magic links: only a verified address is proof of anything.
            event.error(user == null ? Errors.USER_NOT_FOUND : user.isEnabled() ? "email_not_verified" : Errors.USER_DISABLED);
            return;
        }
        pending.put(MAILED_TO, user.getId());
        String userId = user.getId();
        new KeycloakMails(session).sendInBackground(user, "lanyardEmailCodeSubject", "lanyard-email-code.ftl",
                Map.of("code", code, "codeExpirationMinutes", settings.lifespanMinutes()),
                worker -> RouteEvents.startInBackground(worker, EventType.SEND_VERIFY_EMAIL, route)
                        .user(userId).detail("lanyard_action", "email_code_sent").success());
        event.user(user).success();
    }

    /**
     * Whether {@code code} is the one mailed to {@code user} for this sign-in and still valid: it then leaves the
     * sign-in (single use). A wrong one is counted by the detector against the user.
     */
    boolean redeem(Map<String, String> pending, String code, UserModel user, EventBuilder event) {
        boolean valid = pending.containsKey(HASH)
                && Long.parseLong(pending.get(EXPIRES)) > Time.currentTime()
                && MessageDigest.isEqual(hash(pending.get(SALT), code).getBytes(StandardCharsets.UTF_8),
                        pending.get(HASH).getBytes(StandardCharsets.UTF_8));
        if (!valid || !user.getId().equals(pending.get(MAILED_TO))) {
            new LoginAttempts(session).failed(user, METHOD);
            event.error(pending.containsKey(HASH) ? Errors.INVALID_CODE : Errors.INVALID_REQUEST);
            return false;
        }
        List.of(HASH, SALT, EXPIRES, MAILED_TO).forEach(pending::remove);
        return true;
    }

    private static String hash(String salt, String code) {
        return HashUtils.sha256UrlEncodedHash(salt + ":" + code, StandardCharsets.UTF_8);
    }
}
