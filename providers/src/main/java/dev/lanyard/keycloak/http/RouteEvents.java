package dev.lanyard.keycloak.http;

import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;

/** Keycloak events for Lanyard routes: each names the route it came from in the {@code lanyard_route} detail. */
public final class RouteEvents {

    public static final String ROUTE_DETAIL = "lanyard_route";

    private RouteEvents() {
    }

    public static EventBuilder start(KeycloakSession session, EventType type, String route) {
        return new EventBuilder(session.getContext().getRealm(), session, session.getContext().getConnection())
                .event(type)
                .detail(ROUTE_DETAIL, route);
    }

    /** For work done after the request, on a worker thread that has no client connection. */
    public static EventBuilder startInBackground(KeycloakSession session, EventType type, String route) {
        return new EventBuilder(session.getContext().getRealm(), session).event(type).detail(ROUTE_DETAIL, route);
    }
}
