package dev.lanyard.keycloak.it.permissions;

import dev.lanyard.keycloak.it.support.Browser;
import dev.lanyard.keycloak.it.support.Lanyard;
import dev.lanyard.keycloak.it.support.LanyardExtension;
import dev.lanyard.keycloak.it.support.Reply;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The seed's authorization matrix: every permission route × every kind of caller, one named cell each. */
@ExtendWith(LanyardExtension.class)
class PermissionCallersIT {

    enum Kind {
        USER_TOKEN_OF_THAT_USER_AND_CLIENT, USER_TOKEN_FOR_ANOTHER_CLIENT, TOKEN_OF_ANOTHER_USER,
        CLIENT_TOKEN_WITH_MANAGE_PERMISSIONS, CLIENT_TOKEN_WITHOUT_MANAGE_PERMISSIONS,
        ANOTHER_CLIENTS_TOKEN_WITH_MANAGE_PERMISSIONS, ADMIN_SESSION, NON_ADMIN_PUBLIC_SESSION, ADMIN_BEARER_TOKEN,
        NO_CREDENTIALS
    }

    /** Who may call what (ARCHITECTURE §5); everyone else gets 403, and no credentials 401. */
    enum Route {
        GET_PERMISSION("GET", "/permissions", null, Set.of(Kind.USER_TOKEN_OF_THAT_USER_AND_CLIENT,
                Kind.CLIENT_TOKEN_WITH_MANAGE_PERMISSIONS, Kind.ADMIN_SESSION)),
        PUT_PERMISSION("PUT", "/permissions", "{\"role\":\"user\",\"status\":\"approved\"}",
                Set.of(Kind.CLIENT_TOKEN_WITH_MANAGE_PERMISSIONS)),
        DELETE_PERMISSION("DELETE", "/permissions", null, Set.of(Kind.CLIENT_TOKEN_WITH_MANAGE_PERMISSIONS)),
        REQUEST_ACCESS("POST", "/request-access", "{\"email\":\"alice@example.com\",\"name\":\"Alice\"}",
                Set.of(Kind.USER_TOKEN_OF_THAT_USER_AND_CLIENT)),
        // Role user: before 26.7 Keycloak lets only master admins map a role named like its own admin roles ("admin").
        ADMIN_PUT("PUT", "admin", "{\"role\":\"user\",\"status\":\"approved\"}", Set.of(Kind.ADMIN_SESSION, Kind.ADMIN_BEARER_TOKEN)),
        ADMIN_DELETE("DELETE", "admin", null, Set.of(Kind.ADMIN_SESSION, Kind.ADMIN_BEARER_TOKEN));

        final String method;
        final String path;
        final String body;
        final Set<Kind> allowed;

        Route(String method, String path, String body, Set<Kind> allowed) {
            this.method = method;
            this.path = path;
            this.body = body;
            this.allowed = allowed;
        }

        URI uri(PermissionRealm realm, String userId, String clientId) {
            return "admin".equals(path)
                    ? realm.api("/admin/users/" + userId + "/apps/" + clientId + "/permissions")
                    : realm.api("/users/" + userId + "/apps/" + clientId + path);
        }
    }

    /** How each kind of caller sends a request: a browser (with its cookies) and extra headers. */
    record Credentials(Browser browser, String... headers) {

        Reply send(Route route, URI uri) {
            return browser.send(route.method, uri, route.body == null ? null : "application/json", route.body, headers);
        }
    }

    @TestFactory
    List<DynamicTest> everyRouteAnswersEveryKindOfCallerAsTheSeedSays(Lanyard lanyard) {
        PermissionRealm realm = PermissionRealm.create(lanyard);
        Map<Kind, Credentials> callers = callers(realm);
        List<DynamicTest> cells = new ArrayList<>();
        for (Route route : Route.values()) {
            for (Kind kind : Kind.values()) {
                int expected = kind == Kind.NO_CREDENTIALS ? 401 : route.allowed.contains(kind) ? 200 : 403;
                cells.add(DynamicTest.dynamicTest(route + " × " + kind + " → " + expected, () -> {
                    // A revocation in an earlier cell ends alice's sessions of the app, and her token of the app with them.
                    Credentials caller = kind == Kind.USER_TOKEN_OF_THAT_USER_AND_CLIENT
                            ? bearer(lanyard, realm.userToken(realm.alice(), "app")) : callers.get(kind);
                    Reply reply = caller.send(route, route.uri(realm, realm.alice(), "app"));
                    if (expected == 200) {
                        assertTrue(reply.status() == 200 || reply.status() == 202, reply.toString());
                        assertEquals(realm.alice(), reply.json().get("user_id").asText());
                    } else {
                        assertEquals(expected, reply.status(), reply.toString());
                        assertTrue(reply.json().has("error"), reply.toString());
                    }
                }));
            }
        }
        return cells;
    }

    @Test
    void unknownUsersAndClientsAnswerLikeAForbiddenCaller(Lanyard lanyard) {
        PermissionRealm realm = PermissionRealm.create(lanyard);
        Credentials app = new Credentials(lanyard.browser(), "Authorization", "Bearer " + realm.clientToken("app", true));
        Credentials bob = new Credentials(lanyard.browser(), "Authorization", "Bearer " + realm.userToken(realm.bob(), "app"));
        Reply forbidden = bob.send(Route.GET_PERMISSION, Route.GET_PERMISSION.uri(realm, realm.alice(), "app"));
        for (URI unknown : new URI[]{Route.GET_PERMISSION.uri(realm, UUID.randomUUID().toString(), "app"),
                Route.GET_PERMISSION.uri(realm, realm.alice(), "no-such-app")}) {
            Reply reply = app.send(Route.GET_PERMISSION, unknown);
            assertEquals(forbidden.status(), reply.status(), reply.toString());
            assertEquals(forbidden.body(), reply.body());
        }
    }

    private static Map<Kind, Credentials> callers(PermissionRealm realm) {
        Lanyard lanyard = realm.lanyard();
        Map<Kind, Credentials> callers = new EnumMap<>(Kind.class);
        callers.put(Kind.USER_TOKEN_OF_THAT_USER_AND_CLIENT, bearer(lanyard, realm.userToken(realm.alice(), "app")));
        callers.put(Kind.USER_TOKEN_FOR_ANOTHER_CLIENT, bearer(lanyard, realm.userToken(realm.alice(), "other")));
        callers.put(Kind.TOKEN_OF_ANOTHER_USER, bearer(lanyard, realm.userToken(realm.bob(), "app")));
        callers.put(Kind.CLIENT_TOKEN_WITH_MANAGE_PERMISSIONS, bearer(lanyard, realm.clientToken("app", true)));
        callers.put(Kind.CLIENT_TOKEN_WITHOUT_MANAGE_PERMISSIONS, bearer(lanyard, realm.clientToken("app", false)));
        callers.put(Kind.ANOTHER_CLIENTS_TOKEN_WITH_MANAGE_PERMISSIONS, bearer(lanyard, realm.clientToken("other", true)));
        callers.put(Kind.ADMIN_SESSION, new Credentials(realm.session(realm.boss()), "Origin", PermissionRealm.ORIGIN));
        callers.put(Kind.NON_ADMIN_PUBLIC_SESSION, new Credentials(realm.session(realm.alice()), "Origin", PermissionRealm.ORIGIN));
        callers.put(Kind.ADMIN_BEARER_TOKEN, bearer(lanyard, realm.userToken(realm.boss(), "app")));
        callers.put(Kind.NO_CREDENTIALS, new Credentials(lanyard.browser()));
        return callers;
    }

    private static Credentials bearer(Lanyard lanyard, String token) {
        return new Credentials(lanyard.browser(), "Authorization", "Bearer " + token);
    }
}
