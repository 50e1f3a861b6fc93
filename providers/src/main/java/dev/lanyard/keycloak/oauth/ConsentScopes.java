package dev.lanyard.keycloak.oauth;

import dev.lanyard.keycloak.flow.ThemeMessages;
import org.keycloak.models.ClientScopeModel;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;

import java.util.Comparator;

/**
 * The realm's OpenID Connect client scopes whose native "Display on consent screen" switch is on, with the
 * text the consent screen shows for them (message keys such as {@code ${profileScopeConsentText}} resolved).
 */
final class ConsentScopes {

    private final KeycloakSession session;

    ConsentScopes(KeycloakSession session) {
        this.session = session;
    }

    ScopeListRepresentation list() {
        return new ScopeListRepresentation(session.getContext().getRealm().getClientScopesStream()
                .filter(scope -> Constants.OIDC_PROTOCOL.equals(scope.getProtocol()))
                .filter(ClientScopeModel::isDisplayOnConsentScreen)
                .sorted(Comparator.comparing(ClientScopeModel::getName))
                .map(scope -> new ScopeListRepresentation.Scope(scope.getName(), scope.getDescription(), consentText(session, scope)))
                .toList());
    }

    /** The text the consent screen shows for a scope: its consent text (a message key resolved), else its name. */
    static String consentText(KeycloakSession session, ClientScopeModel scope) {
        String text = scope.getConsentScreenText();
        if (text == null || text.isBlank()) {
            return scope.getName();
        }
        if (text.startsWith("${") && text.endsWith("}")) {
            return ThemeMessages.format(session, text.substring(2, text.length() - 1));
        }
        return text;
    }
}
