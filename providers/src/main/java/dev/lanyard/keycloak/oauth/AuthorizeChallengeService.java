package dev.lanyard.keycloak.oauth;

import dev.lanyard.keycloak.clients.FirstPartyClients;
import dev.lanyard.keycloak.http.ApiException;
import dev.lanyard.keycloak.http.RouteEvents;
import dev.lanyard.keycloak.internals.KeycloakAuthorizationCodes;
import dev.lanyard.keycloak.internals.LoginAttempts;
import dev.lanyard.keycloak.secrets.OneTimeSecrets;
import dev.lanyard.keycloak.signin.Continuation;
import dev.lanyard.keycloak.signin.PasswordSignIn;
import dev.lanyard.keycloak.signin.SecondStep;
import dev.lanyard.keycloak.signin.SignInAttempt;
import dev.lanyard.keycloak.signin.SignInPipeline;
import dev.lanyard.keycloak.signin.SignInResult;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserCredentialModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.OTPCredentialModel;
import org.keycloak.models.utils.KeycloakModelUtils;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Authorization Challenge Endpoint of draft-ietf-oauth-first-party-apps (ARCHITECTURE §16): a first-party app
 * signs the user in with its own screens, one factor per request, and gets Keycloak's authorization code. Between
 * requests the sign-in lives in an {@code auth_session}: a one-time secret of Keycloak's single-use store, bound to
 * the client, renewed on every answer, and living no longer than the realm's login timeout. The user is named by
 * {@code login_hint} and never revealed: an unknown one is asked for the same methods, and a wrong factor of either
 * answers alike. Once every factor the user has is given, the sign-in pipeline makes the session and Keycloak's
 * authorization endpoint decides on the code ({@link HeadlessAuthorizationService}).
 */
final class AuthorizeChallengeService {

    static final String ROUTE = "authorize-challenge";
    /** Wrong factors one sign-in may send; the next request with its {@code auth_session} is refused. */
    static final int MAX_WRONG_ATTEMPTS = 5;

    private static final String PASSWORD = "password";
    private static final String OTP = "otp";
    private static final String PIN = "pin";
    /** Every way to continue the realm offers: a password, and an OTP code (every realm has an OTP policy). */
    private static final List<String> METHODS = List.of(PASSWORD, OTP);
    /** Parameters of this endpoint that are no part of the authorization request. */
    private static final Set<String> OWN_PARAMETERS = Set.of("auth_session", "method", PASSWORD, OTP, PIN,
            "client_secret", "client_assertion", "client_assertion_type");

    private static final String CLIENT = "client";
    private static final String REQUEST = "request";
    private static final String LOGIN_HINT = "login_hint";
    private static final String CHECKED = "checked";
    private static final String PIN_CHALLENGE = "pin_challenge";
    private static final String WRONG = "wrong";

    private final KeycloakSession session;
    private final RealmModel realm;
    private final OneTimeSecrets sessions;

    AuthorizeChallengeService(KeycloakSession session) {
        this.session = session;
        this.realm = session.getContext().getRealm();
        this.sessions = new OneTimeSecrets(session, "auth-session");
    }

    /** The answer to one request of {@code client} (already authenticated): the next step, a wrong factor, or the code. */
    Response answer(ClientModel client, MultivaluedMap<String, String> form) {
        if (!FirstPartyClients.isFirstParty(client)) {
            throw refused(client, Errors.NOT_ALLOWED, ApiException.of(400, "unauthorized_client",
                    "Only first-party clients may use the authorization challenge"));
        }
        if (form.containsKey(HeadlessAuthorizationService.REDIRECT_URI)) {
            throw ApiException.invalidRequest("redirect_uri is not a parameter of the authorization challenge");
        }
        String authSession = form.getFirst("auth_session");
        Map<String, String> pending = authSession == null ? start(client, form) : resume(client, authSession);
        if (factorOf(form).isEmpty()) {
            return next(pending, methodsFor(pending));
        }
        return check(client, pending, form);
    }

    /** The sign-in a first request starts: its authorization request, checked as Keycloak's endpoint would, and its user. */
    private Map<String, String> start(ClientModel client, MultivaluedMap<String, String> form) {
        String responseType = form.getFirst("response_type");
        if (!"code".equals(responseType)) {
            throw responseType == null ? ApiException.invalidRequest("response_type=code is required")
                    : ApiException.of(400, "unsupported_response_type", "Only response_type=code is served");
        }
        String loginHint = Optional.ofNullable(form.getFirst(LOGIN_HINT)).map(String::trim).orElse("");
        if (loginHint.isEmpty()) {
            throw ApiException.invalidRequest("login_hint (username or email) is required");
        }
        MultivaluedMap<String, String> request = new MultivaluedHashMap<>(form);
        OWN_PARAMETERS.forEach(request::remove);
        KeycloakAuthorizationCodes codes = new KeycloakAuthorizationCodes(session);
        try {
            // The request is checked now, for every user alike, so that a bad one is refused before any factor.
            MultivaluedMap<String, String> checkable = new MultivaluedHashMap<>(request);
            checkable.putSingle(HeadlessAuthorizationService.REDIRECT_URI, codes.registeredRedirect(client));
            codes.check(client, checkable);
        } catch (KeycloakAuthorizationCodes.Refusal refusal) {
            throw refused(client, refusal.error(), ApiException.of(400, refusal.error(), refusal.getMessage()));
        }
        Map<String, String> pending = new HashMap<>();
        pending.put(CLIENT, client.getClientId());
        pending.put(REQUEST, new Continuation.Authorization(request).toJson());
        pending.put(LOGIN_HINT, loginHint);
        pending.put(CHECKED, "");
        pending.put(WRONG, "0");
        return pending;
    }

    /** The sign-in of {@code authSession}, now spent; {@code invalid_session} if unknown, spent, of another client or out of tries. */
    private Map<String, String> resume(ClientModel client, String authSession) {
        Optional<Map<String, String>> found = sessions.peek(authSession);
        if (found.isEmpty() || !client.getClientId().equals(found.get().get(CLIENT))) {
            throw refused(client, Errors.INVALID_CODE, invalidSession());
        }
        Map<String, String> pending = sessions.redeem(authSession).orElseThrow(() -> refused(client, Errors.INVALID_CODE, invalidSession()));
        if (OneTimeSecrets.secondsLeft(pending) <= 0 || Integer.parseInt(pending.get(WRONG)) >= MAX_WRONG_ATTEMPTS) {
            throw refused(client, Errors.INVALID_CODE, invalidSession());
        }
        return new HashMap<>(pending);
    }

    /** The one factor a request carries, by {@code method} or by the field sent. */
    private static Optional<String> factorOf(MultivaluedMap<String, String> form) {
        String method = form.getFirst("method");
        if (method != null && form.getFirst(method) != null && List.of(PASSWORD, OTP, PIN).contains(method)) {
            return Optional.of(method);
        }
        return List.of(PASSWORD, OTP, PIN).stream().filter(factor -> form.getFirst(factor) != null).findFirst();
    }

    private Response check(ClientModel client, Map<String, String> pending, MultivaluedMap<String, String> form) {
        String factor = factorOf(form).orElseThrow();
        String value = form.getFirst(factor);
        String loginHint = pending.get(LOGIN_HINT);
        EventBuilder event = RouteEvents.start(session, EventType.LOGIN, ROUTE).client(client)
                .detail(Details.USERNAME, loginHint).detail(Details.CREDENTIAL_TYPE, factor);
        Continuation continuation = Continuation.fromJson(pending.get(REQUEST));
        if (pending.containsKey(PIN_CHALLENGE) != PIN.equals(factor)) {
            event.error(Errors.INVALID_REQUEST);
            return wrong(pending);
        }
        if (PIN.equals(factor)) {
            SecondStep pin = session.getProvider(SecondStep.class);
            Optional<SignInAttempt> signIn = pin.resume(pending.get(PIN_CHALLENGE), value, event);
            return signIn.isPresent() ? finish(client, continuation, new SignInPipeline(session).signIn(signIn.get())) : wrong(pending);
        }
        Optional<UserModel> user = PASSWORD.equals(factor) ? passwordUser(loginHint, value, event) : otpUser(loginHint, value, event);
        if (user.isEmpty()) {
            return wrong(pending);
        }
        Set<String> checked = new LinkedHashSet<>(checkedOf(pending));
        checked.add(factor);
        pending.put(CHECKED, String.join(" ", checked));
        List<String> missing = missing(user.get(), checked);
        if (!missing.isEmpty()) {
            return next(pending, missing);
        }
        SignInAttempt attempt = checked.contains(OTP)
                ? SignInAttempt.passwordAndOtp(user.get(), continuation, event)
                : SignInAttempt.password(user.get(), false, continuation, event);
        SignInResult result = new SignInPipeline(session).signIn(attempt);
        if (result.pinToken().isPresent()) {
            pending.put(PIN_CHALLENGE, result.pinToken().get());
            return next(pending, List.of(PIN));
        }
        return finish(client, continuation, result);
    }

    /** The user whose password this is, checked by the password sign-in (which counts a failure); empty when wrong. */
    private Optional<UserModel> passwordUser(String loginHint, String password, EventBuilder event) {
        try {
            return Optional.of(new PasswordSignIn(session).verify(loginHint, password, event));
        } catch (ApiException wrong) {
            return Optional.empty();
        }
    }

    /** The user whose OTP code this is, checked by Keycloak's credential manager; a failure is counted by the detector. */
    private Optional<UserModel> otpUser(String loginHint, String code, EventBuilder event) {
        UserModel user = KeycloakModelUtils.findUserByNameOrEmail(session, realm, loginHint);
        if (user == null) {
            event.error(Errors.USER_NOT_FOUND);
            return Optional.empty();
        }
        event.user(user);
        LoginAttempts attempts = new LoginAttempts(session);
        if (attempts.isLocked(user)) {
            event.error(Errors.USER_TEMPORARILY_DISABLED);
            return Optional.empty();
        }
        if (!user.credentialManager().isValid(new UserCredentialModel(null, OTPCredentialModel.TYPE, code))) {
            attempts.failed(user, OTPCredentialModel.TYPE);
            event.error(Errors.INVALID_USER_CREDENTIALS);
            return Optional.empty();
        }
        return Optional.of(user);
    }

    /** The factors still missing: a password always, an OTP code where the user has an OTP credential. */
    private static List<String> missing(UserModel user, Set<String> checked) {
        boolean hasOtp = user.credentialManager().isConfiguredFor(OTPCredentialModel.TYPE);
        return METHODS.stream().filter(method -> !checked.contains(method))
                .filter(method -> PASSWORD.equals(method) || hasOtp)
                .toList();
    }

    /** The methods to offer next: the PIN when the gate asked for it, else what is not yet given, as for any user. */
    private static List<String> methodsFor(Map<String, String> pending) {
        if (pending.containsKey(PIN_CHALLENGE)) {
            return List.of(PIN);
        }
        Set<String> checked = checkedOf(pending);
        return METHODS.stream().filter(method -> !checked.contains(method)).toList();
    }

    private static Set<String> checkedOf(Map<String, String> pending) {
        String checked = pending.get(CHECKED);
        return checked.isEmpty() ? Set.of() : Set.copyOf(Arrays.asList(checked.split(" ")));
    }

    /** The code for the signed-in user, decided by Keycloak's authorization endpoint. */
    private Response finish(ClientModel client, Continuation continuation, SignInResult result) {
        MultivaluedMap<String, String> request = new MultivaluedHashMap<>();
        ((Continuation.Authorization) continuation).parameters().forEach(request::put);
        try {
            String code = new HeadlessAuthorizationService(session)
                    .challengeCode(client, request, result.signedInUser().orElseThrow(), ROUTE);
            return Response.ok(Map.of("authorization_code", code)).header("Cache-Control", "no-store").build();
        } catch (KeycloakAuthorizationCodes.Refusal refusal) {
            throw refused(client, refusal.error(), ApiException.of(400, refusal.error(), refusal.getMessage()));
        }
    }

    /** 400 {@code insufficient_authorization}: a new {@code auth_session} and the {@code methods} to continue with. */
    private Response next(Map<String, String> pending, List<String> methods) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", "insufficient_authorization");
        body.put("error_description", "Continue the sign-in with one of the methods");
        body.put("auth_session", renew(pending));
        body.put("methods", methods);
        return answer400(body);
    }

    /** 400 {@code invalid_credentials} with a new {@code auth_session}; the wrong attempt counts against it. */
    private Response wrong(Map<String, String> pending) {
        pending.put(WRONG, Integer.toString(Integer.parseInt(pending.get(WRONG)) + 1));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", "invalid_credentials");
        body.put("error_description", "The credentials are not correct");
        body.put("auth_session", renew(pending));
        return answer400(body);
    }

    /**
     * A 400 built here, not an {@link ApiException}: the new {@code auth_session} is written when the transaction
     * commits, which an {@link ApiException} would roll back.
     */
    private static Response answer400(Map<String, Object> body) {
        return Response.status(400).entity(body).header("Cache-Control", "no-store").build();
    }

    /**
     * A new {@code auth_session} for the sign-in: the first lives for the realm's login timeout, each next one until
     * the first would have expired (a resumed one that has expired was refused).
     */
    private String renew(Map<String, String> pending) {
        long secondsLeft = OneTimeSecrets.secondsLeft(pending);
        return sessions.issue(pending, secondsLeft > 0 ? secondsLeft : realm.getAccessCodeLifespanLogin());
    }

    /** Records a refused request as {@code LOGIN_ERROR} and hands back its answer. */
    private ApiException refused(ClientModel client, String error, ApiException answer) {
        RouteEvents.start(session, EventType.LOGIN, ROUTE).client(client).error(error);
        return answer;
    }

    private static ApiException invalidSession() {
        return ApiException.of(400, "invalid_session", "The auth_session is unknown, used, expired or of another client");
    }
}
