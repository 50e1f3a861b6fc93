package dev.lanyard.keycloak.metrics;

import dev.lanyard.keycloak.http.RouteEvents;
import dev.lanyard.keycloak.internals.KeycloakAuthorizationCodes;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventType;
import org.keycloak.events.admin.AdminEvent;

import java.util.Map;
import java.util.Optional;

/**
 * Counts Lanyard's Keycloak events as {@link LanyardMetrics}: every Lanyard route already records what happened as
 * an event (its {@code lanyard_route} detail says which route), so the meters follow the events in one place.
 */
final class MetricsEventListener implements EventListenerProvider {

    static final String ACTION = "lanyard_action";
    static final String MAIL = "lanyard_mail";
    static final String PIN_TOKEN = "lanyard_pin_token";

    @Override
    public void onEvent(Event event) {
        Map<String, String> details = Optional.ofNullable(event.getDetails()).orElse(Map.of());
        String realm = event.getRealmName() == null ? event.getRealmId() : event.getRealmName();
        String route = details.getOrDefault(RouteEvents.ROUTE_DETAIL, "");
        EventType type = event.getType();
        if (type == EventType.EXECUTE_ACTIONS && details.containsKey(ACTION)) {
            LanyardMetrics.magicLink(realm, "magic_link_sent".equals(details.get(ACTION)) ? "sent" : "requested");
        } else if (type == EventType.EXECUTE_ACTIONS_ERROR && details.containsKey(MAIL)) {
            LanyardMetrics.mailFailed(realm, details.get(MAIL));
        } else if (route.equals("public/magic-link") && (type == EventType.LOGIN || type == EventType.LOGIN_ERROR)) {
            LanyardMetrics.magicLink(realm, type == EventType.LOGIN ? "consumed" : "refused");
        } else if (route.equals("public/verify-pin") && type == EventType.LOGIN_ERROR) {
            LanyardMetrics.pinFailure(realm);
            if ("voided".equals(details.get(PIN_TOKEN))) {
                LanyardMetrics.pinTokenVoided(realm);
            }
        } else if (type == EventType.OAUTH2_DEVICE_VERIFY_USER_CODE && route.startsWith("v1/platform")) {
            LanyardMetrics.deviceDecision(realm, details.getOrDefault("decision", "unknown"));
        } else if (route.startsWith("public/passkeys")) {
            passkeyOutcome(type).ifPresent(outcome -> LanyardMetrics.passkey(realm, outcome));
        } else if (type == EventType.LOGIN && details.containsKey(KeycloakAuthorizationCodes.CODE_DETAIL)) {
            LanyardMetrics.codeIssued(realm, route);
        }
    }

    private static Optional<String> passkeyOutcome(EventType type) {
        return Optional.ofNullable(switch (type) {
            case UPDATE_CREDENTIAL -> "registered";
            case UPDATE_CREDENTIAL_ERROR -> "registration_refused";
            case LOGIN -> "signed_in";
            case LOGIN_ERROR -> "sign_in_refused";
            case REMOVE_CREDENTIAL -> "removed";
            default -> null;
        });
    }

    @Override
    public void onEvent(AdminEvent event, boolean includeRepresentation) {
        // Permission changes are counted where they are made, with their status (PermissionService).
    }

    @Override
    public void close() {
    }
}
