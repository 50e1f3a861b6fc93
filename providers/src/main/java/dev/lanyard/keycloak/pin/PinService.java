package dev.lanyard.keycloak.pin;

import dev.lanyard.keycloak.flow.ThemeMessages;
import dev.lanyard.keycloak.http.ApiException;
import dev.lanyard.keycloak.http.RouteEvents;
import dev.lanyard.keycloak.signin.PasswordSignIn;
import org.keycloak.credential.CredentialProvider;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;

/**
 * A user's PIN: set or removed by a signed-in user who confirms with the account password (a stolen session
 * alone changes nothing), or set by the "Set up PIN" action inside a login.
 */
final class PinService {

    static final String ROUTE = "public/pin";

    private final KeycloakSession session;

    PinService(KeycloakSession session) {
        this.session = session;
    }

    /** Sets or changes the PIN of a signed-in user, who confirms with the account password. */
    void setWithPassword(UserModel user, String password, String pin) {
        EventBuilder event = event(EventType.UPDATE_CREDENTIAL, user);
        new PasswordSignIn(session).confirm(user, password, event);
        requireAcceptable(pin, PinSettings.of(session.getContext().getRealm(), null), event);
        set(user, pin);
        event.success();
    }

    /** Removes the PIN of a signed-in user, who confirms with the account password. */
    void removeWithPassword(UserModel user, String password) {
        EventBuilder event = event(EventType.REMOVE_CREDENTIAL, user);
        new PasswordSignIn(session).confirm(user, password, event);
        if (credentials().remove(user)) {
            event.success();
        }
    }

    /** Sets the PIN without a password check: for the "Set up PIN" required action inside a login. */
    void set(UserModel user, String pin) {
        credentials().set(user, pin);
    }

    /** 400 with the policy's message when the PIN is malformed or trivial. */
    void requireAcceptable(String pin, PinSettings settings, EventBuilder event) {
        settings.problem(pin).ifPresent(problem -> {
            event.error(Errors.INVALID_INPUT);
            throw ApiException.of(400, "invalid_pin_format", ThemeMessages.format(session, problem.messageKey(), problem.parameters()));
        });
    }


    private EventBuilder event(EventType type, UserModel user) {
        return RouteEvents.start(session, type, ROUTE).user(user).detail(Details.CREDENTIAL_TYPE, PinCredentialProvider.TYPE);
    }

    private PinCredentialProvider credentials() {
        return (PinCredentialProvider) session.getProvider(CredentialProvider.class, PinCredentialProviderFactory.ID);
    }

}
