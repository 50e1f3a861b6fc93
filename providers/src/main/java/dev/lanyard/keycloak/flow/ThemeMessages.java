package dev.lanyard.keycloak.flow;

import org.keycloak.models.KeycloakSession;
import org.keycloak.theme.Theme;

import java.io.IOException;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Properties;

/** Keycloak's message keys (password policy, user profile) as the text the realm's login theme shows for them. */
public final class ThemeMessages {

    private ThemeMessages() {
    }

    public static String format(KeycloakSession session, String key, Object... parameters) {
        Locale locale = session.getContext().resolveLocale(null);
        try {
            Properties messages = session.theme().getTheme(Theme.Type.LOGIN)
                    .getEnhancedMessages(session.getContext().getRealm(), locale);
            return new MessageFormat(messages.getProperty(key, key), locale).format(parameters);
        } catch (IOException | IllegalArgumentException e) {
            return key;
        }
    }
}
