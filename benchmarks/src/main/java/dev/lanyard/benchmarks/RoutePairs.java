package dev.lanyard.benchmarks;

import dev.lanyard.benchmarks.RoutePair.Leg;
import dev.lanyard.benchmarks.RoutePair.Target;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.CheckBuilder;
import io.gatling.javaapi.core.FeederBuilder;
import io.gatling.javaapi.core.exec.Executable;
import io.gatling.javaapi.http.HttpRequestActionBuilder;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.listFeeder;
import static io.gatling.javaapi.core.CoreDsl.responseTimeInMillis;
import static io.gatling.javaapi.core.CoreDsl.substring;
import static io.gatling.javaapi.http.HttpDsl.headerRegex;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * The pairs of issue 17, in its order: each Lanyard route beside the native route it wraps, then the guards; first
 * a control pair, one native route against itself, which shows how far apart identical legs land on the machine;
 * then issue 28's pair, a code by session cookie beside Keycloak's own authorize on the SSO cookie; last issue 30's,
 * the authorization challenge's sign-in by password (code, then tokens) beside the native password grant, and its
 * enumeration guard. A leg of two requests is timed and counted as one sign-in.
 */
final class RoutePairs {

    /** Session key of each request's response time, which the simulation hands to the {@link LegRecorder}. */
    static final String RESPONSE_TIME_KEY = "responseTime";
    private static final CheckBuilder.Final RESPONSE_TIME = responseTimeInMillis().saveAs(RESPONSE_TIME_KEY);
    /** Session key of the first request's response time in a leg of two ({@link #asOne}). */
    private static final String FIRST_STEP_TIME_KEY = "firstStepTime";
    private static final CheckBuilder.Final FIRST_STEP_TIME = responseTimeInMillis().saveAs(FIRST_STEP_TIME_KEY);

    private final BenchmarkRealm realm;
    private final String api;
    private final String token;
    private final String authorize;
    private final String challenge;
    /** Keycloak's own origin: the trusted page that asks for a code with the browser's cookie. */
    private final String origin;

    private RoutePairs(BenchmarkRealm realm) {
        this.realm = realm;
        this.api = "/realms/" + realm.name() + "/api";
        this.token = "/realms/" + realm.name() + "/protocol/openid-connect/token";
        this.authorize = "/realms/" + realm.name() + "/protocol/openid-connect/auth";
        this.challenge = api + "/oauth/authorize-challenge";
        this.origin = realm.baseUri().getScheme() + "://" + realm.baseUri().getAuthority();
    }

    static List<RoutePair> all(BenchmarkRealm realm) {
        return new RoutePairs(realm).pairs();
    }

    private List<RoutePair> pairs() {
        String clientCredentialsJson = "{\"grant_type\":\"client_credentials\",\"client_id\":\"" + BenchmarkRealm.SERVICE
                + "\",\"client_secret\":\"" + BenchmarkRealm.SECRET + "\"}";
        String loginJson = "{\"email\":\"#{email}\",\"password\":\"" + BenchmarkRealm.PASSWORD + "\"}";
        Leg publicLogin = new Leg("POST public/login", name -> withUser(
                http(name).post(api + "/public/login").body(StringBody(loginJson)).asJson().check(RESPONSE_TIME, status().is(200))));
        Leg nativeClientCredentials = new Leg("native token (client_credentials, form)", name -> exec(
                http(name).post(token).formParam("grant_type", "client_credentials")
                        .formParam("client_id", BenchmarkRealm.SERVICE).formParam("client_secret", BenchmarkRealm.SECRET)
                        .check(RESPONSE_TIME, status().is(200))));
        Leg magicLink = new Leg("POST public/request-magic-link", name -> withUser(magicLinkRequest(name)));
        Leg nativePasswordGrant = new Leg("native token (password grant)", name -> withUser(
                http(name).post(token).formParam("grant_type", "password").formParam("client_id", BenchmarkRealm.WEB)
                        .formParam("username", "#{email}").formParam("password", BenchmarkRealm.PASSWORD)
                        .check(RESPONSE_TIME, status().is(200))));

        return List.of(
                new RoutePair("0", nativeClientCredentials, new Leg(nativeClientCredentials.label() + ", again", nativeClientCredentials.steps()),
                        Target.NOISE_FLOOR),
                new RoutePair("1", new Leg("POST oauth/token (client_credentials, JSON)", name -> exec(
                        http(name).post(api + "/oauth/token").body(StringBody(clientCredentialsJson)).asJson()
                                .check(RESPONSE_TIME, status().is(200)))),
                        nativeClientCredentials, Target.WRAPS),
                new RoutePair("2", publicLogin, nativePasswordGrant, Target.WRAPS),
                new RoutePair("3", new Leg("GET public/session (cookie)", name -> withUser(
                        http(name).get(api + "/public/session").header("Cookie", "#{cookies}").check(RESPONSE_TIME, status().is(200)))),
                        new Leg("native userinfo (bearer)", name -> withUser(
                                http(name).get("/realms/" + realm.name() + "/protocol/openid-connect/userinfo")
                                        .header("Authorization", "Bearer #{accessToken}").check(RESPONSE_TIME, status().is(200)))),
                        Target.WRAPS),
                new RoutePair("4", new Leg("GET users/{u}/apps/{c}/permissions (client token)", name -> withUser(
                        http(name).get(api + "/users/#{id}/apps/" + BenchmarkRealm.APP + "/permissions")
                                .header("Authorization", "Bearer " + realm.appToken()).check(RESPONSE_TIME, status().is(200)))),
                        new Leg("native token introspection", name -> withUser(
                                http(name).post(token + "/introspect").basicAuth(BenchmarkRealm.APP, BenchmarkRealm.SECRET)
                                        .formParam("token", "#{accessToken}").check(RESPONSE_TIME, status().is(200)))),
                        Target.WRAPS),
                new RoutePair("5", new Leg("POST v1/platform/oauth/token (client_credentials, Basic)", name -> exec(
                        clientCredentialsBasic(name, api + "/v1/platform/oauth/token"))),
                        new Leg("native token (client_credentials, Basic)", name -> exec(clientCredentialsBasic(name, token))),
                        Target.WRAPS),
                new RoutePair("6", new Leg("POST oauth/login (login → code)", name -> withUser(
                        http(name).post(api + "/oauth/login").body(StringBody("""
                                        {"email":"#{email}","password":"%s","client_id":"%s","redirect_uri":"%s","state":"s","scope":"openid",
                                         "code_challenge":"%s","code_challenge_method":"S256"}""".formatted(BenchmarkRealm.PASSWORD,
                                        BenchmarkRealm.WEB, BenchmarkRealm.REDIRECT, BenchmarkRealm.PKCE_CHALLENGE))).asJson()
                                .check(RESPONSE_TIME, status().is(200)))),
                        publicLogin, Target.WRAPS),
                new RoutePair("7", withSmtpGreeting(magicLink, Duration.ZERO, "SMTP answers at once"),
                        withSmtpGreeting(magicLink, Duration.ofSeconds(2), "SMTP answers after 2 s"), Target.UNAFFECTED),
                new RoutePair("8a", new Leg("request-magic-link, existing email", name -> withUser(magicLinkRequest(name))),
                        new Leg("request-magic-link, unknown email", name -> withUnknownEmail(magicLinkRequest(name))),
                        Target.SAME_COST),
                new RoutePair("8b", new Leg("public/login, existing email, wrong password", name -> withUser(wrongLogin(name))),
                        new Leg("public/login, unknown email", name -> withUnknownEmail(wrongLogin(name))),
                        Target.SAME_COST),
                new RoutePair("8c", new Leg("public/register, existing email", name -> withUser(register(name))),
                        new Leg("public/register, new email", name -> withUnknownEmail(register(name))),
                        Target.SAME_COST),
                new RoutePair("9", new Leg("POST oauth/authorize (code by session cookie)", name -> withUser(
                        http(name).post(api + "/oauth/authorize").header("Cookie", "#{cookies}").header("Origin", origin)
                                .body(StringBody("""
                                        {"client_id":"%s","redirect_uri":"%s","state":"s","scope":"openid",
                                         "code_challenge":"%s","code_challenge_method":"S256"}""".formatted(BenchmarkRealm.WEB,
                                        BenchmarkRealm.REDIRECT, BenchmarkRealm.PKCE_CHALLENGE))).asJson()
                                .check(RESPONSE_TIME, status().is(200), substring("code=").exists()))),
                        new Leg("native authorize (SSO cookie, prompt=none)", name -> withUser(
                                http(name).get(authorize + "?client_id=" + BenchmarkRealm.WEB + "&redirect_uri="
                                                + URLEncoder.encode(BenchmarkRealm.REDIRECT, StandardCharsets.UTF_8)
                                                + "&response_type=code&scope=openid&state=s&prompt=none&code_challenge="
                                                + BenchmarkRealm.PKCE_CHALLENGE + "&code_challenge_method=S256")
                                        .header("Cookie", "#{cookies}").disableFollowRedirect()
                                        .check(RESPONSE_TIME, status().is(302), headerRegex("Location", "[?&]code=").exists()))),
                        Target.WRAPS),
                // The app's whole sign-in, code and its redemption, against the one request that gives the same tokens.
                new RoutePair("10", new Leg("POST oauth/authorize-challenge (password) → native token (code)", name -> withUser(asOne(
                        challengeRequest(name).formParam("response_type", "code").formParam("login_hint", "#{email}")
                                .formParam("password", BenchmarkRealm.PASSWORD).formParam("code_challenge", BenchmarkRealm.PKCE_CHALLENGE)
                                .formParam("code_challenge_method", "S256")
                                .check(FIRST_STEP_TIME, status().is(200), jsonPath("$.authorization_code").saveAs("code")),
                        // No redirect_uri: the challenge's codes redeem without one.
                        http(name + ", token").post(token).formParam("grant_type", "authorization_code")
                                .formParam("client_id", BenchmarkRealm.WEB).formParam("code", "#{code}")
                                .formParam("code_verifier", BenchmarkRealm.PKCE_VERIFIER).check(RESPONSE_TIME, status().is(200))))),
                        nativePasswordGrant, Target.WRAPS),
                new RoutePair("10e", new Leg("authorize-challenge, existing login_hint, wrong password", name -> withUser(wrongChallenge(name))),
                        new Leg("authorize-challenge, unknown login_hint", name -> withUnknownEmail(wrongChallenge(name))),
                        Target.SAME_COST));
    }

    private HttpRequestActionBuilder clientCredentialsBasic(String name, String path) {
        return http(name).post(path).basicAuth(BenchmarkRealm.GLOBAL_APP, BenchmarkRealm.SECRET)
                .formParam("grant_type", "client_credentials").check(RESPONSE_TIME, status().is(200));
    }

    private HttpRequestActionBuilder magicLinkRequest(String name) {
        return http(name).post(api + "/public/request-magic-link").body(StringBody(
                        "{\"email\":\"#{email}\",\"redirect_uri\":\"" + BenchmarkRealm.REDIRECT + "\",\"client_id\":\"" + BenchmarkRealm.WEB + "\"}"))
                .asJson().check(RESPONSE_TIME, status().is(202));
    }

    private HttpRequestActionBuilder wrongLogin(String name) {
        return http(name).post(api + "/public/login")
                .body(StringBody("{\"email\":\"#{email}\",\"password\":\"" + BenchmarkRealm.WRONG_PASSWORD + "\"}")).asJson()
                .check(RESPONSE_TIME, status().is(401));
    }

    /** A request to the authorization challenge of the first-party public client, form-encoded as the draft has it. */
    private HttpRequestActionBuilder challengeRequest(String name) {
        return http(name).post(challenge).formParam("client_id", BenchmarkRealm.WEB);
    }

    /**
     * The first two steps for {@code #{email}}: the login hint alone (asked for a method), then a wrong password. The
     * two are timed together, as an attacker would time the sign-in, so a difference in either step shows.
     */
    private ChainBuilder wrongChallenge(String name) {
        return asOne(
                challengeRequest(name).formParam("response_type", "code").formParam("login_hint", "#{email}")
                        .check(FIRST_STEP_TIME, status().is(400), jsonPath("$.error").is("insufficient_authorization"),
                                jsonPath("$.auth_session").saveAs("authSession")),
                challengeRequest(name + ", password").formParam("auth_session", "#{authSession}")
                        .formParam("password", BenchmarkRealm.WRONG_PASSWORD)
                        .check(RESPONSE_TIME, status().is(400), jsonPath("$.error").is("invalid_credentials")));
    }

    private HttpRequestActionBuilder register(String name) {
        return http(name).post(api + "/public/register")
                .body(StringBody("{\"email\":\"#{email}\",\"password\":\"" + BenchmarkRealm.PASSWORD + "\",\"name\":\"Bench User\"}"))
                .asJson().check(RESPONSE_TIME, status().is(202));
    }

    private static Leg withSmtpGreeting(Leg leg, Duration delay, String label) {
        return new Leg(leg.label() + ", " + label, leg.steps(), delay);
    }

    /**
     * Two requests timed as one: the leg's response time is the sum of both (the first saves its own under
     * {@link #FIRST_STEP_TIME_KEY}). When the first fails, the second is not sent and the leg counts one failure.
     */
    private static ChainBuilder asOne(HttpRequestActionBuilder first, HttpRequestActionBuilder second) {
        return exec(first).doIf(session -> !session.isFailed()).then(exec(second).exec(session ->
                session.contains(RESPONSE_TIME_KEY)
                        ? session.set(RESPONSE_TIME_KEY, session.getInt(RESPONSE_TIME_KEY) + session.getInt(FIRST_STEP_TIME_KEY))
                        : session));
    }

    /** Round-robin over the realm's users: their email, id, session cookies and access token. */
    private ChainBuilder withUser(Executable request) {
        FeederBuilder<Object> users = listFeeder(realm.users().stream()
                .map(user -> Map.<String, Object>of("email", user.email(), "id", user.id(), "cookies", user.sessionCookies(),
                        "accessToken", user.accessToken()))
                .toList()).circular();
        return feed(users).exec(request);
    }

    /** A fresh address no account has. */
    private static ChainBuilder withUnknownEmail(Executable request) {
        Iterator<Map<String, Object>> emails = Stream.generate(
                () -> Map.<String, Object>of("email", "nobody-" + UUID.randomUUID() + "@bench.test")).iterator();
        return feed(emails).exec(request);
    }
}
