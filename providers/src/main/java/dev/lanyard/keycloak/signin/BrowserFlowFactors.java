package dev.lanyard.keycloak.signin;

import dev.lanyard.keycloak.internals.KeycloakLevelsOfAuthentication;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.AuthenticationFlowModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.OTPCredentialModel;
import org.keycloak.models.credential.PasswordCredentialModel;
import org.keycloak.models.credential.WebAuthnCredentialModel;
import org.keycloak.provider.ProviderFactory;

import java.util.List;
import java.util.ArrayList;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Whether the realm's browser flow would accept, for this user, a sign-in by one method alone, with no further
 * step: only then may an API sign-in leave Keycloak's SSO cookie, which native authorize (the admin console's
 * included) trusts. Executions are read as Keycloak runs them: at a level with REQUIRED or CONDITIONAL executions
 * every REQUIRED one must pass and ALTERNATIVE ones are ignored; otherwise one ALTERNATIVE must pass. A step of
 * the method proves it; a step of another kind (another credential, the cookie, a redirect to a provider, a deny)
 * blocks it (a passkey proves Keycloak's passwordless step, and its username forms where the realm has passkeys on);
 * conditional sub-flows neither prove nor block (they are judged by the user's own credentials, which
 * the pipeline checks), except the lowest level of a step-up flow, which every sign-in passes through.
 */
final class BrowserFlowFactors {

    /** Steps without a credential category that a sign-in by API cannot pass. */
    private static final Set<String> NEVER_PASSED_BY_API = Set.of("auth-cookie", "identity-provider-redirector",
            "deny-access-authenticator", "auth-spnego", "auth-x509-client-username-form");

    /** Keycloak's username-only step: every method names its user; the step asks no proof. */
    private static final String USERNAME_STEP = "auth-username-form";

    private enum Verdict { PROVES, NEUTRAL, BLOCKS }

    private final KeycloakSession session;
    private final RealmModel realm;
    private final SecondStep secondStep;
    private TreeMap<Integer, List<String>> levels;

    BrowserFlowFactors(KeycloakSession session) {
        this.session = session;
        this.realm = session.getContext().getRealm();
        this.secondStep = session.getProvider(SecondStep.class);
    }

    /** Whether the browser flow would sign {@code user} in by {@code method} (and the PIN the pipeline checked) alone. */
    boolean acceptsAlone(SignInMethod method, UserModel user) {
        if (method == SignInMethod.IDENTITY_PROVIDER) {
            // Keycloak's broker endpoint and its login flows already decided, as for any login through a provider.
            return true;
        }
        AuthenticationFlowModel flow = realm.getBrowserFlow();
        return flow != null && verdict(flow.getId(), method, user) == Verdict.PROVES;
    }

    /**
     * The step-up levels of the browser flow a sign-in by {@code method} reached, lowest first: each level whose
     * sub-flow (its enabled steps, read as Keycloak runs them) the sign-in passes, up to the first it does not.
     */
    List<Integer> reachedLevels(SignInMethod method, UserModel user) {
        if (method == SignInMethod.IDENTITY_PROVIDER) {
            return List.of();
        }
        List<Integer> reached = new ArrayList<>();
        for (Map.Entry<Integer, List<String>> level : levels().entrySet()) {
            if (!level.getValue().stream().allMatch(flowId -> verdict(flowId, method, user) == Verdict.PROVES)) {
                break;
            }
            reached.add(level.getKey());
        }
        return reached;
    }

    /** The enabled conditional sub-flows under {@code flowId} that a "Condition - Level of authentication" opens, by level. */
    private void collectLevels(String flowId, Map<Integer, List<String>> subFlowsByLevel) {
        realm.getAuthenticationExecutionsStream(flowId)
                .filter(execution -> !execution.isDisabled() && execution.isAuthenticatorFlow())
                .forEach(execution -> {
                    OptionalInt level = execution.isConditional()
                            ? KeycloakLevelsOfAuthentication.levelOfFlow(realm, execution.getFlowId()) : OptionalInt.empty();
                    if (level.isPresent()) {
                        subFlowsByLevel.computeIfAbsent(level.getAsInt(), key -> new ArrayList<>()).add(execution.getFlowId());
                    } else {
                        collectLevels(execution.getFlowId(), subFlowsByLevel);
                    }
                });
    }

    private Verdict verdict(String flowId, SignInMethod method, UserModel user) {
        List<AuthenticationExecutionModel> executions = realm.getAuthenticationExecutionsStream(flowId)
                .filter(execution -> !execution.isDisabled()).toList();
        List<Verdict> mandatory = executions.stream().filter(e -> e.isRequired() || e.isConditional())
                .map(e -> verdict(e, method, user)).toList();
        if (!mandatory.isEmpty()) {
            return mandatory.contains(Verdict.BLOCKS) ? Verdict.BLOCKS
                    : mandatory.contains(Verdict.PROVES) ? Verdict.PROVES : Verdict.NEUTRAL;
        }
        List<Verdict> alternatives = executions.stream().filter(AuthenticationExecutionModel::isAlternative)
                .map(e -> verdict(e, method, user)).toList();
        if (alternatives.isEmpty()) {
            return Verdict.NEUTRAL;
        }
        return alternatives.contains(Verdict.PROVES) ? Verdict.PROVES : Verdict.BLOCKS;
    }

    private Verdict verdict(AuthenticationExecutionModel execution, SignInMethod method, UserModel user) {
        if (execution.isAuthenticatorFlow()) {
            return !execution.isConditional() || isLowestLevel(execution.getFlowId())
                    ? verdict(execution.getFlowId(), method, user) : Verdict.NEUTRAL;
        }
        String id = execution.getAuthenticator();
        if (USERNAME_STEP.equals(id) || KeycloakLevelsOfAuthentication.isCondition(session, id)) {
            return Verdict.NEUTRAL;
        }
        if (SignInMethod.MAGIC_LINK_STEP.equals(id)) {
            return method == SignInMethod.MAGIC_LINK ? Verdict.PROVES : Verdict.BLOCKS;
        }
        if (SignInMethod.PASSKEY_STEP.equals(id)) {
            return method.checksPasskey() ? Verdict.PROVES : Verdict.BLOCKS;
        }
        String category = categoryOf(id);
        if (method.checksPasskey() && takesPasskey(id)) {
            // Keycloak's username (and password) forms take a passkey in place of the password where the realm has
            // passkeys on.
            return Verdict.PROVES;
        }
        if (PasswordCredentialModel.TYPE.equals(category)) {
            return method.checksPassword() ? Verdict.PROVES : Verdict.BLOCKS;
        }
        if (OTPCredentialModel.TYPE.equals(category) && method.checksOtp()) {
            return Verdict.PROVES;
        }
        if (Objects.equals(secondStep.credentialType(), category)) {
            // The pipeline asked for the PIN the user has; one the flow would make them set up is still to come. A
            // passkey sign-in may have stood in for the PIN, which the flow's step would still ask.
            return secondStep.isSetUpFor(user) && !method.checksPasskey() ? Verdict.NEUTRAL : Verdict.BLOCKS;
        }
        if (category != null || NEVER_PASSED_BY_API.contains(id)) {
            return Verdict.BLOCKS;
        }
        return Verdict.NEUTRAL;
    }

    /**
     * Whether sub-flow {@code flowId} is the step-up flow's lowest level: Keycloak runs it for every sign-in that asks
     * for no higher level, so a sign-in alone must pass it (higher levels are decided when asked for, on the levels
     * the pipeline recorded).
     */
    private boolean isLowestLevel(String flowId) {
        TreeMap<Integer, List<String>> subFlowsByLevel = levels();
        return !subFlowsByLevel.isEmpty() && subFlowsByLevel.firstEntry().getValue().contains(flowId);
    }

    /** The browser flow's step-up sub-flows by level, read once per sign-in. */
    private TreeMap<Integer, List<String>> levels() {
        if (levels == null) {
            levels = new TreeMap<>();
            AuthenticationFlowModel flow = realm.getBrowserFlow();
            if (flow != null) {
                collectLevels(flow.getId(), levels);
            }
        }
        return levels;
    }

    private boolean takesPasskey(String authenticatorId) {
        return factoryOf(authenticatorId) instanceof AuthenticatorFactory authenticator
                && authenticator.getOptionalReferenceCategories(session).contains(WebAuthnCredentialModel.TYPE_PASSWORDLESS);
    }

    private ProviderFactory<Authenticator> factoryOf(String authenticatorId) {
        return session.getKeycloakSessionFactory().getProviderFactory(Authenticator.class, authenticatorId);
    }

    private String categoryOf(String authenticatorId) {
        ProviderFactory<Authenticator> factory = factoryOf(authenticatorId);
        return factory instanceof AuthenticatorFactory authenticator ? authenticator.getReferenceCategory() : null;
    }
}
