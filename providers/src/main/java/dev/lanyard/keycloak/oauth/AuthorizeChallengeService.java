package dev.lanyard.keycloak.oauth;

import dev.lanyard.keycloak.clients.FirstPartyClients;
import dev.lanyard.keycloak.http.ApiException;
import dev.lanyard.keycloak.http.RouteEvents;
import dev.lanyard.keycloak.internals.DPoPProofs;
import dev.lanyard.keycloak.internals.KeycloakAuthorizationCodes;
import dev.lanyard.keycloak.internals.LoginAttempts;
import dev.lanyard.keycloak.internals.NativeOidcEndpoints;
import dev.lanyard.keycloak.realm.Capabilities;
import dev.lanyard.keycloak.secrets.OneTimeSecrets;
import dev.lanyard.keycloak.signin.Continuation;
import dev.lanyard.keycloak.signin.PasskeyRequestOptions;
import dev.lanyard.keycloak.signin.PasskeySignIn;
import dev.lanyard.keycloak.signin.PasskeySignIn.Asserted;
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
import org.keycloak.common.util.Time;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserCredentialModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.OTPCredentialModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.representations.AccessTokenResponse;

import java.util.ArrayList;
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
 * the client (and to the DPoP key of the first request, if it had a proof), renewed on every answer, and living no
 * longer than the realm's login timeout. The user is named by {@code login_hint} and never revealed: an unknown one
 * is asked for the same methods, is "mailed" a code as well, and a wrong factor of either answers alike. Once every
 * factor the user has is given, the sign-in pipeline makes the session and Keycloak's authorization endpoint decides
 * on the code ({@link HeadlessAuthorizationService}); what only a browser can do ends in {@code redirect_to_web}.
 */
final class AuthorizeChallengeService {

    static final String ROUTE = "authorize-challenge";
    /** Wrong factors one sign-in may send; the next request with its {@code auth_session} is refused. */
    static final int MAX_WRONG_ATTEMPTS = 5;

    private static final String PASSWORD = "password";
    private static final String EMAIL_CODE = ChallengeEmailCode.METHOD;
    private static final String OTP = "otp";
    private static final String PIN = "pin";
    private static final String PASSKEY = ChallengePasskey.METHOD;
    /** Parameters whose value may be a JSON object in a JSON body: the passkey's {@code AuthenticationResponseJSON}. */
    static final Set<String> JSON_FIELDS = Set.of(PASSKEY);
    private static final List<String> FACTORS = List.of(PASSWORD, EMAIL_CODE, OTP, PIN, PASSKEY);
    /** The first factors: one of them proves who the user is; an OTP code comes on top where the user has one. */
    private static final Set<String> FIRST_FACTORS = Set.of(PASSWORD, EMAIL_CODE, PASSKEY);
    /** Parameters of this endpoint that are no part of the authorization request. */
    private static final Set<String> OWN_PARAMETERS = Set.of("auth_session", "method", PASSWORD, EMAIL_CODE, OTP, PIN, PASSKEY,
            "client_secret", "client_assertion", "client_assertion_type");
    /** Client credentials a confidential client sends in the body; the pushed request for the web authenticates with them. */
    private static final List<String> CLIENT_CREDENTIALS = List.of("client_secret", "client_assertion", "client_assertion_type");
    /** Keycloak's refusals where its login page would show the user something: a browser can go on. */
    private static final Set<String> WEB_ONLY = Set.of("login_required", "interaction_required", "consent_required");

    private static final String REALM = "realm";
    private static final String CLIENT = "client";
    /** The user a factor proved, or the code was mailed to: later factors must be that user's. */
    private static final String USER = "user";
    /** When the sign-in ends (epoch seconds): its start plus the realm's login timeout, however often it is renewed. */
    private static final String DEADLINE = "deadline";
    private static final String REQUEST = "request";
    private static final String LOGIN_HINT = "login_hint";
    private static final String CHECKED = "checked";
    private static final String PIN_CHALLENGE = "pin_challenge";
    private static final String WRONG = "wrong";
    private static final String DPOP_KEY = "dpop_jkt";
    /** Set once a passkey asserted with user verification (or with an OTP code beside it): two factors. */
    private static final String TWO_FACTOR_PASSKEY = "passkey_two_factors";
    /**
     * When the factors of a finished sign-in were proven (epoch seconds): a step-up on them reaches its levels as of
     * then, so signing in again never renews a level's maximum age.
     */
    private static final String PROVEN_AT = "proven_at";
    /** Marks the {@code auth_session} of a token response: its user is known, its request comes with the step-up. */
    private static final String STEP_UP = "step_up";

    private final KeycloakSession session;
    private final RealmModel realm;
    private final OneTimeSecrets sessions;
    /** The sign-ins behind the codes issued here, until their token request takes them for a step-up session. */
    private final OneTimeSecrets issuedCodes;
    private final ChallengeEmailCode emailCode;
    private final ChallengePasskey passkey;

    AuthorizeChallengeService(KeycloakSession session) {
        this.session = session;
        this.realm = session.getContext().getRealm();
        this.sessions = new OneTimeSecrets(session, "auth-session");
        this.issuedCodes = new OneTimeSecrets(session, "challenge-code");
        this.emailCode = new ChallengeEmailCode(session);
        this.passkey = new ChallengePasskey(session);
    }

    /** The answer to one request of {@code client} (already authenticated): the next step, a wrong factor, or the code. */
    Response answer(ClientModel client, MultivaluedMap<String, String> form) {
        if (!FirstPartyClients.isFirstParty(client)) {
            throw refused(client, Errors.NOT_ALLOWED, ApiException.of(400, "unauthorized_client",
                    "Only first-party clients may use the authorization challenge"));
        }
        if (form.containsKey(HeadlessAuthorizationService.REDIRECT_URI)) {
            throw refused(client, Errors.INVALID_REQUEST, ApiException.invalidRequest("redirect_uri is not a parameter of the authorization challenge"));
        }
        Optional<String> proofKey;
        try {
            proofKey = DPoPProofs.keyOf(session);
        } catch (ApiException invalidProof) {
            throw refused(client, Errors.INVALID_DPOP_PROOF, invalidProof);
        }
        String authSession = form.getFirst("auth_session");
        Map<String, String> pending = authSession == null ? start(client, form, proofKey) : resume(client, authSession, proofKey);
        boolean stepUp = pending.containsKey(STEP_UP) && !pending.containsKey(REQUEST);
        if (stepUp) {
            pending.put(REQUEST, authorizationRequest(client, form, proofKey, "code"));
        }
        Optional<String> factor = factorOf(form);
        if (factor.isPresent()) {
            return check(client, pending, form, factor.get());
        }
        if (EMAIL_CODE.equals(form.getFirst("method")) && emailCode.offered() && !pending.containsKey(PIN_CHALLENGE)) {
            // The same answer whether anyone was mailed.
            emailCode.mail(client, pending, pending.get(LOGIN_HINT), ROUTE);
            return next(pending, List.of(EMAIL_CODE));
        }
        if (stepUp) {
            return stepUp(client, pending, form);
        }
        return next(pending, methodsFor(pending));
    }

    /**
     * Adds to a token response of {@code {api}/oauth/token} that redeemed a code of this endpoint an {@code auth_session}
     * for a later step-up (the draft's examples): its sign-in's user and factors, for the realm's login timeout.
     */
    Response withStepUpSession(String code, Response tokens) {
        if (tokens.getStatus() != 200 || !(tokens.getEntity() instanceof AccessTokenResponse answer)) {
            return tokens;
        }
        issuedCodes.redeem(code).ifPresent(signIn -> {
            Map<String, String> pending = new HashMap<>(signIn);
            pending.put(WRONG, "0");
            pending.put(STEP_UP, "");
            pending.put(DEADLINE, Long.toString(Time.currentTime() + realm.getAccessCodeLifespanLogin()));
            answer.setOtherClaims("auth_session", sessions.issue(pending, realm.getAccessCodeLifespanLogin()));
        });
        return tokens;
    }

    /**
     * A step-up: a new authorization request (with {@code acr_values}, say) by the user of an earlier sign-in. It asks
     * only for the factors the user has and that sign-in did not give; with none missing, Keycloak decides at once.
     */
    private Response stepUp(ClientModel client, Map<String, String> pending, MultivaluedMap<String, String> form) {
        EventBuilder event = RouteEvents.start(session, EventType.LOGIN, ROUTE).client(client)
                .detail(Details.USERNAME, pending.get(LOGIN_HINT)).detail("lanyard_step_up", "true");
        UserModel user = knownUnlocked(pending.get(LOGIN_HINT), event).filter(UserModel::isEnabled)
                .orElseThrow(() -> refused(client, Errors.INVALID_CODE, invalidSession()));
        Set<String> checked = checkedOf(pending);
        List<String> missing = methods().stream().filter(method -> !checked.contains(method))
                .filter(method -> !EMAIL_CODE.equals(method) && user.credentialManager().isConfiguredFor(method))
                .toList();
        if (!missing.isEmpty()) {
            return next(pending, missing);
        }
        try {
            return signInAndFinish(client, pending, form, user, checked, event);
        } catch (ApiException refused) {
            return pipelineRefusal(client, pending, form, refused);
        }
    }

    /** The sign-in a first request starts: its authorization request, checked as Keycloak's endpoint would, and its user. */
    private Map<String, String> start(ClientModel client, MultivaluedMap<String, String> form, Optional<String> proofKey) {
        String loginHint = Optional.ofNullable(form.getFirst(LOGIN_HINT)).map(String::trim).orElse("");
        String request = authorizationRequest(client, form, proofKey, null);
        if (loginHint.isEmpty()) {
            throw refused(client, Errors.INVALID_REQUEST, ApiException.invalidRequest("login_hint (username or email) is required"));
        }
        Map<String, String> pending = new HashMap<>();
        pending.put(REALM, realm.getId());
        pending.put(DEADLINE, Long.toString(Time.currentTime() + realm.getAccessCodeLifespanLogin()));
        pending.put(CLIENT, client.getClientId());
        pending.put(REQUEST, request);
        pending.put(LOGIN_HINT, loginHint);
        pending.put(CHECKED, "");
        pending.put(WRONG, "0");
        proofKey.ifPresent(key -> pending.put(DPOP_KEY, key));
        return pending;
    }

    /**
     * The authorization request of {@code form} (a first request, or a step-up's, where {@code defaultResponseType} may
     * stand in for a missing {@code response_type}), as stored with the sign-in; refused now, as Keycloak's endpoint
     * would refuse it, so that a bad one is refused before any factor and for every user alike.
     */
    private String authorizationRequest(ClientModel client, MultivaluedMap<String, String> form, Optional<String> proofKey,
                                        String defaultResponseType) {
        String responseType = Optional.ofNullable(form.getFirst("response_type")).orElse(defaultResponseType);
        if (!"code".equals(responseType)) {
            throw refused(client, Errors.INVALID_REQUEST, responseType == null ? ApiException.invalidRequest("response_type=code is required")
                    : ApiException.of(400, "unsupported_response_type", "Only response_type=code is served"));
        }
        MultivaluedMap<String, String> request = new MultivaluedHashMap<>(form);
        request.putSingle("response_type", responseType);
        // Keycloak's endpoint reads the client from the request; a client authenticated by its Basic header names it nowhere else.
        request.putSingle(HeadlessAuthorizationService.CLIENT_ID, client.getClientId());
        OWN_PARAMETERS.forEach(request::remove);
        if (proofKey.isPresent()) {
            // Keycloak binds the code to the key (RFC 9449 dpop_jkt): it redeems only with a proof by that key.
            String named = request.getFirst(DPOP_KEY);
            if (named != null && !named.equals(proofKey.get())) {
                throw ApiException.of(400, "invalid_dpop_proof", "dpop_jkt names another key than the DPoP proof's");
            }
            request.putSingle(DPOP_KEY, proofKey.get());
        }
        KeycloakAuthorizationCodes codes = new KeycloakAuthorizationCodes(session);
        try {
            MultivaluedMap<String, String> checkable = new MultivaluedHashMap<>(request);
            checkable.putSingle(HeadlessAuthorizationService.REDIRECT_URI, codes.registeredRedirect(client));
            codes.checkFully(client, checkable);
        } catch (KeycloakAuthorizationCodes.Refusal refusal) {
            throw refused(client, refusal.error(), ApiException.of(400, refusal.error(), refusal.getMessage()));
        }
        return new Continuation.Authorization(request).toJson();
    }

    /**
     * The sign-in of {@code authSession}, now spent; {@code invalid_session} if unknown, spent, of another client,
     * without the DPoP key it is bound to, or out of tries. A request that may not use it leaves it unspent.
     */
    private Map<String, String> resume(ClientModel client, String authSession, Optional<String> proofKey) {
        Optional<Map<String, String>> found = sessions.peek(authSession);
        // The single-use store serves every realm: a session names its realm and client, and is good for those only.
        if (found.isEmpty() || !realm.getId().equals(found.get().get(REALM)) || !client.getClientId().equals(found.get().get(CLIENT))
                || found.get().containsKey(DPOP_KEY) && !proofKey.equals(Optional.of(found.get().get(DPOP_KEY)))) {
            throw refused(client, Errors.INVALID_CODE, invalidSession());
        }
        Map<String, String> pending = sessions.redeem(authSession).orElseThrow(() -> refused(client, Errors.INVALID_CODE, invalidSession()));
        if (secondsLeft(pending) <= 0 || Integer.parseInt(pending.get(WRONG)) >= MAX_WRONG_ATTEMPTS) {
            throw refused(client, Errors.INVALID_CODE, invalidSession());
        }
        return new HashMap<>(pending);
    }

    /** The one factor a request carries, by {@code method} or by the field sent. */
    private static Optional<String> factorOf(MultivaluedMap<String, String> form) {
        String method = form.getFirst("method");
        if (method != null && form.getFirst(method) != null && FACTORS.contains(method)) {
            return Optional.of(method);
        }
        return FACTORS.stream().filter(factor -> form.getFirst(factor) != null).findFirst();
    }

    private Response check(ClientModel client, Map<String, String> pending, MultivaluedMap<String, String> form, String factor) {
        String value = form.getFirst(factor);
        String loginHint = pending.get(LOGIN_HINT);
        EventBuilder event = RouteEvents.start(session, EventType.LOGIN, ROUTE).client(client)
                .detail(Details.USERNAME, loginHint).detail(Details.CREDENTIAL_TYPE, factor);
        if (pending.containsKey(PIN_CHALLENGE) != PIN.equals(factor)) {
            event.error(Errors.INVALID_REQUEST);
            return wrong(pending);
        }
        try {
            if (PIN.equals(factor)) {
                SecondStep pin = session.getProvider(SecondStep.class);
                Optional<SignInAttempt> signIn = pin.resume(pending.get(PIN_CHALLENGE), value, event);
                if (signIn.isEmpty()) {
                    return wrong(pending);
                }
                pending.remove(PIN_CHALLENGE);
                pending.put(CHECKED, String.join(" ", with(checkedOf(pending), PIN)));
                return finish(client, pending, form, SignInPipeline.forApp(session).signIn(signIn.get()));
            }
            Optional<UserModel> user = switch (factor) {
                case PASSWORD -> passwordUser(loginHint, value, event);
                case EMAIL_CODE -> emailCodeUser(pending, value, event);
                case PASSKEY -> passkeyUser(pending, value, event);
                default -> otpUser(loginHint, value, event);
            };
            if (user.isEmpty() || pending.containsKey(USER) && !pending.get(USER).equals(user.get().getId())) {
                return wrong(pending);
            }
            pending.put(USER, user.get().getId());
            Set<String> checked = with(checkedOf(pending), factor);
            pending.put(CHECKED, String.join(" ", checked));
            List<String> missing = missing(user.get(), checked, pending);
            if (!missing.isEmpty()) {
                return next(pending, missing);
            }
            return signInAndFinish(client, pending, form, user.get(), checked, event);
        } catch (ApiException refused) {
            return pipelineRefusal(client, pending, form, refused);
        }
    }

    /** The sign-in pipeline's session for the factors given, then the code; the PIN first where the gate asks for it. */
    private Response signInAndFinish(ClientModel client, Map<String, String> pending, MultivaluedMap<String, String> form,
                                     UserModel user, Set<String> checked, EventBuilder event) {
        SignInResult result = SignInPipeline.forApp(session).signIn(attemptOf(user, checked, pending, event));
        if (result.pinToken().isPresent()) {
            pending.put(PIN_CHALLENGE, result.pinToken().get());
            return next(pending, List.of(PIN));
        }
        return finish(client, pending, form, result);
    }

    /** The pipeline's refusals: a disabled or locked account answers as a wrong factor; a pending action needs the web. */
    private Response pipelineRefusal(ClientModel client, Map<String, String> pending, MultivaluedMap<String, String> form,
                                     ApiException refused) {
        return switch (refused.error()) {
            case "invalid_credentials" -> wrong(pending);
            case "action_required" -> redirectToWeb(client, pending, form, "The account has an action to complete in the browser");
            default -> throw refused;
        };
    }

    /** What the pipeline hears: which factors proved the user (and whether this sign-in already gave the PIN). */
    private SignInAttempt attemptOf(UserModel user, Set<String> checked, Map<String, String> pending, EventBuilder event) {
        Continuation continuation = Continuation.fromJson(pending.get(REQUEST));
        SignInAttempt attempt = firstFactorAttempt(user, checked, pending, continuation, event);
        attempt = checked.contains(PIN) ? attempt.withSecondStepDone() : attempt;
        return pending.containsKey(PROVEN_AT) ? attempt.provenAt(Integer.parseInt(pending.get(PROVEN_AT))) : attempt;
    }

    private SignInAttempt firstFactorAttempt(UserModel user, Set<String> checked, Map<String, String> pending,
                                             Continuation continuation, EventBuilder event) {
        if (checked.contains(PASSKEY)) {
            return new PasskeySignIn(session).attempt(new Asserted(user, pending.containsKey(TWO_FACTOR_PASSKEY)), false,
                    continuation, event);
        }
        if (!checked.contains(PASSWORD)) {
            // A mailed code proves what a mailed link proves: the mailbox.
            return SignInAttempt.link(user, continuation, event);
        }
        return checked.contains(OTP) ? SignInAttempt.passwordAndOtp(user, continuation, event)
                : SignInAttempt.password(user, false, continuation, event);
    }

    private static Set<String> with(Set<String> checked, String factor) {
        Set<String> more = new LinkedHashSet<>(checked);
        more.add(factor);
        return more;
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
        return knownUnlocked(loginHint, event).filter(user -> {
            // Keycloak checks a code against one credential; the app names none, so any of the user's OTP devices may answer.
            if (user.credentialManager().getStoredCredentialsByTypeStream(OTPCredentialModel.TYPE).anyMatch(credential ->
                    user.credentialManager().isValid(new UserCredentialModel(credential.getId(), OTPCredentialModel.TYPE, code)))) {
                return true;
            }
            new LoginAttempts(session).failed(user, OTPCredentialModel.TYPE);
            event.error(Errors.INVALID_USER_CREDENTIALS);
            return false;
        });
    }

    /** The user of the sign-in, if {@code code} is the one mailed to them for it (then spent); counted when wrong. */
    private Optional<UserModel> emailCodeUser(Map<String, String> pending, String code, EventBuilder event) {
        return knownUnlocked(pending.get(LOGIN_HINT), event).filter(user -> emailCode.redeem(pending, code, user, event));
    }

    /**
     * The user of the passkey asserted over this sign-in's last {@code passkey_options} challenge, if it is the user
     * {@code login_hint} names; Keycloak's WebAuthn stack checks it, and the detector counts a refused one.
     */
    private Optional<UserModel> passkeyUser(Map<String, String> pending, String value, EventBuilder event) {
        Asserted asserted = passkey.verify(pending, value, event);
        Optional<UserModel> named = knownUnlocked(pending.get(LOGIN_HINT), event);
        if (named.isEmpty() || !named.get().getId().equals(asserted.user().getId())) {
            // Someone's own passkey, but not the account this sign-in is for.
            event.error(Errors.INVALID_USER_CREDENTIALS);
            return Optional.empty();
        }
        if (asserted.userVerified() || checkedOf(pending).contains(OTP)) {
            // A passkey with user verification is two factors; so is a passkey and an OTP code.
            pending.put(TWO_FACTOR_PASSKEY, "");
        }
        return named;
    }

    /** The user named by {@code loginHint} unless unknown or locked by the brute-force detector (the event says which). */
    private Optional<UserModel> knownUnlocked(String loginHint, EventBuilder event) {
        UserModel user = KeycloakModelUtils.findUserByNameOrEmail(session, realm, loginHint);
        if (user == null) {
            event.error(Errors.USER_NOT_FOUND);
            return Optional.empty();
        }
        event.user(user);
        if (new LoginAttempts(session).isLocked(user)) {
            event.error(Errors.USER_TEMPORARILY_DISABLED);
            return Optional.empty();
        }
        return Optional.of(user);
    }

    /**
     * The factors still missing: a first factor always, an OTP code where the user has an OTP credential (unless a
     * passkey already gave two factors).
     */
    private List<String> missing(UserModel user, Set<String> checked, Map<String, String> pending) {
        boolean hasOtp = user.credentialManager().isConfiguredFor(OTPCredentialModel.TYPE) && !pending.containsKey(TWO_FACTOR_PASSKEY);
        boolean identified = checked.stream().anyMatch(FIRST_FACTORS::contains);
        return methods().stream().filter(method -> !checked.contains(method))
                .filter(method -> FIRST_FACTORS.contains(method) ? !identified : hasOtp)
                .toList();
    }

    /** The methods to offer next: the PIN when the gate asked for it, else what is not yet given, as for any user. */
    private List<String> methodsFor(Map<String, String> pending) {
        if (pending.containsKey(PIN_CHALLENGE)) {
            return List.of(PIN);
        }
        Set<String> checked = checkedOf(pending);
        return methods().stream().filter(method -> !checked.contains(method)).toList();
    }

    /**
     * Every way to continue the realm offers: a password, a mailed code where it can mail, an OTP code, and a passkey
     * where the realm serves passkeys.
     */
    private List<String> methods() {
        List<String> methods = new ArrayList<>(List.of(PASSWORD, EMAIL_CODE, OTP, PASSKEY));
        if (!emailCode.offered()) {
            methods.remove(EMAIL_CODE);
        }
        if (!Capabilities.of(realm).has(Capabilities.PASSKEYS)) {
            methods.remove(PASSKEY);
        }
        return methods;
    }

    private static Set<String> checkedOf(Map<String, String> pending) {
        String checked = pending.get(CHECKED);
        return checked.isEmpty() ? Set.of() : Set.copyOf(Arrays.asList(checked.split(" ")));
    }

    /** The code for the signed-in user, decided by Keycloak's authorization endpoint; what it would ask in a browser goes there. */
    private Response finish(ClientModel client, Map<String, String> pending, MultivaluedMap<String, String> form, SignInResult result) {
        try {
            String code = new HeadlessAuthorizationService(session)
                    .challengeCode(client, requestOf(pending), result.signedInUser().orElseThrow(), ROUTE);
            issuedCodes.keep(code, signInOf(pending), realm.getAccessCodeLifespan());
            return Response.ok(Map.of("authorization_code", code)).header("Cache-Control", "no-store").build();
        } catch (KeycloakAuthorizationCodes.Refusal refusal) {
            if (WEB_ONLY.contains(refusal.error())) {
                return redirectToWeb(client, pending, form, "Keycloak's login page must ask the user for more");
            }
            throw refused(client, refusal.error(), ApiException.of(400, refusal.error(), refusal.getMessage()));
        }
    }

    /** What a step-up keeps of a finished sign-in: realm, client, user, factors given and when, DPoP key. */
    private static Map<String, String> signInOf(Map<String, String> pending) {
        Map<String, String> signIn = new HashMap<>();
        for (String key : List.of(REALM, CLIENT, USER, LOGIN_HINT, CHECKED, DPOP_KEY, TWO_FACTOR_PASSKEY, PROVEN_AT)) {
            if (pending.containsKey(key)) {
                signIn.put(key, pending.get(key));
            }
        }
        signIn.putIfAbsent(PROVEN_AT, Integer.toString(Time.currentTime()));
        return signIn;
    }

    private static MultivaluedMap<String, String> requestOf(Map<String, String> pending) {
        MultivaluedMap<String, String> request = new MultivaluedHashMap<>();
        ((Continuation.Authorization) Continuation.fromJson(pending.get(REQUEST))).parameters().forEach(request::put);
        return request;
    }

    /**
     * 400 {@code redirect_to_web}: the sign-in goes on in a browser. With PKCE, the request is pushed to Keycloak's
     * PAR endpoint (RFC 9126) for the app to open at native authorize: its {@code request_uri} and {@code expires_in}.
     */
    private Response redirectToWeb(ClientModel client, Map<String, String> pending, MultivaluedMap<String, String> form, String why) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", "redirect_to_web");
        body.put("error_description", why);
        MultivaluedMap<String, String> request = requestOf(pending);
        if (request.containsKey("code_challenge")) {
            try {
                request.putSingle(HeadlessAuthorizationService.REDIRECT_URI, new KeycloakAuthorizationCodes(session).registeredRedirect(client));
                CLIENT_CREDENTIALS.stream().filter(form::containsKey).forEach(name -> request.put(name, form.get(name)));
                new NativeOidcEndpoints(session, false).pushAuthorizationRequest(request).ifPresent(pushed -> {
                    body.put("request_uri", pushed.requestUri());
                    body.put("expires_in", pushed.expiresIn());
                });
            } catch (KeycloakAuthorizationCodes.Refusal noRedirectUri) {
                // No registered redirect URI to push the request for: the app opens native authorize itself.
            }
        }
        return answer400(body);
    }

    /** 400 {@code insufficient_authorization}: a new {@code auth_session} and the {@code methods} to continue with. */
    private Response next(Map<String, String> pending, List<String> methods) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", "insufficient_authorization");
        body.put("error_description", "Continue the sign-in with one of the methods");
        Optional<PasskeyRequestOptions> passkeyOptions = passkey.offer(pending, methods.contains(PASSKEY));
        body.put("auth_session", renew(pending));
        body.put("methods", methods);
        passkeyOptions.ifPresent(options -> body.put("passkey_options", options));
        return answer400(body);
    }

    /** 400 {@code invalid_credentials} with a new {@code auth_session}; the wrong attempt counts against it. */
    private Response wrong(Map<String, String> pending) {
        pending.put(WRONG, Integer.toString(Integer.parseInt(pending.get(WRONG)) + 1));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", "invalid_credentials");
        body.put("error_description", "The credentials are not correct");
        Optional<PasskeyRequestOptions> passkeyOptions = passkey.offer(pending,
                !pending.containsKey(PIN_CHALLENGE) && methodsFor(pending).contains(PASSKEY));
        body.put("auth_session", renew(pending));
        passkeyOptions.ifPresent(options -> body.put("passkey_options", options));
        return answer400(body);
    }

    /**
     * A 400 built here, not an {@link ApiException}: what this request stored (the new {@code auth_session}, a pushed
     * request) is written when the transaction commits, which an {@link ApiException} would roll back.
     */
    private static Response answer400(Map<String, Object> body) {
        return Response.status(400).entity(body).header("Cache-Control", "no-store").build();
    }

    /** A new {@code auth_session} for the sign-in, living until its deadline (a resumed one past it was refused). */
    private String renew(Map<String, String> pending) {
        return sessions.issue(pending, Math.max(1, secondsLeft(pending)));
    }

    private static long secondsLeft(Map<String, String> pending) {
        return Long.parseLong(pending.get(DEADLINE)) - Time.currentTime();
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
