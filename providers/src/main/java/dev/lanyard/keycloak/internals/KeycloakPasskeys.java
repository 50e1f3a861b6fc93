package dev.lanyard.keycloak.internals;

import com.webauthn4j.WebAuthnRegistrationManager;
import com.webauthn4j.converter.AuthenticatorDataConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.data.AuthenticationRequest;
import com.webauthn4j.data.PublicKeyCredentialParameters;
import com.webauthn4j.data.PublicKeyCredentialType;
import com.webauthn4j.data.RegistrationData;
import com.webauthn4j.data.RegistrationParameters;
import com.webauthn4j.data.RegistrationRequest;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.server.ServerProperty;
import com.webauthn4j.util.exception.WebAuthnException;
import com.webauthn4j.verifier.exception.MaliciousCounterValueException;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.common.util.UriUtils;
import org.keycloak.credential.CredentialModel;
import org.keycloak.credential.CredentialProvider;
import org.keycloak.credential.WebAuthnCredentialModelInput;
import org.keycloak.credential.WebAuthnCredentialProvider;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.WebAuthnPolicy;
import org.keycloak.models.credential.WebAuthnCredentialModel;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Passkeys as Keycloak's own {@code webauthn-passwordless} credentials, checked by Keycloak's WebAuthn stack (webauthn4j
 * as Keycloak ships it) under the realm's WebAuthn Passwordless Policy: registration as Keycloak's "Webauthn Register
 * Passwordless" required action does it, assertions through the credential provider's {@code isValid}, as Keycloak's
 * passwordless authenticator does. No signature, attestation or counter is checked here.
 */
public final class KeycloakPasskeys {

    public static final String CREDENTIAL_TYPE = WebAuthnCredentialModel.TYPE_PASSWORDLESS;

    /** Keycloak's "Webauthn Register Passwordless" required action (WebAuthnPasswordlessRegisterFactory). */
    private static final String REGISTER_ACTION = "webauthn-register-passwordless";
    /** Keycloak's passwordless credential provider (WebAuthnPasswordlessCredentialProviderFactory). */
    private static final String CREDENTIAL_PROVIDER = "keycloak-webauthn-passwordless";

    /** The COSE identifiers of the policy's algorithm names, as Keycloak's registration page offers them. */
    private static final Map<String, COSEAlgorithmIdentifier> ALGORITHMS = Map.of(
            "ES256", COSEAlgorithmIdentifier.ES256, "ES384", COSEAlgorithmIdentifier.ES384,
            "ES512", COSEAlgorithmIdentifier.ES512, "RS256", COSEAlgorithmIdentifier.RS256,
            "RS384", COSEAlgorithmIdentifier.RS384, "RS512", COSEAlgorithmIdentifier.RS512,
            "Ed25519", COSEAlgorithmIdentifier.EdDSA, "RS1", COSEAlgorithmIdentifier.RS1);

    private final KeycloakSession session;
    private final RealmModel realm;
    private final WebAuthnPolicy policy;

    public KeycloakPasskeys(KeycloakSession session) {
        this.session = session;
        this.realm = session.getContext().getRealm();
        this.policy = realm.getWebAuthnPolicyPasswordless();
    }

    public WebAuthnPolicy policy() {
        return policy;
    }

    /** The relying-party id: the policy's, else the host of the realm's frontend URL (as Keycloak's pages use). */
    public String rpId() {
        String configured = policy.getRpId();
        return configured == null || configured.isBlank() ? session.getContext().getUri().getBaseUri().getHost() : configured;
    }

    /** The COSE algorithm identifiers the policy allows, in its order (Keycloak's default when it names none). */
    public List<Long> algorithms() {
        List<String> names = policy.getSignatureAlgorithm() == null || policy.getSignatureAlgorithm().isEmpty()
                ? List.of(Constants.DEFAULT_WEBAUTHN_POLICY_SIGNATURE_ALGORITHMS.split(","))
                : policy.getSignatureAlgorithm();
        return names.stream().map(ALGORITHMS::get).filter(Objects::nonNull)
                .map(COSEAlgorithmIdentifier::getValue).toList();
    }

    /** A policy value, or null where the policy leaves it to the browser ("not specified"). */
    public static String specified(String value) {
        return value == null || value.isBlank() || Constants.DEFAULT_WEBAUTHN_POLICY_NOT_SPECIFIED.equals(value) ? null : value;
    }

    /** A policy timeout in seconds as the options' milliseconds; null (the browser's default) where it sets none. */
    public static Long timeoutMillis(int seconds) {
        return seconds > 0 ? seconds * 1000L : null;
    }

    public boolean requiresUserVerification() {
        return Constants.WEBAUTHN_POLICY_OPTION_REQUIRED.equals(policy.getUserVerificationRequirement());
    }

    /** The user's passkeys, as Keycloak stores them. */
    public List<CredentialModel> passkeysOf(UserModel user) {
        return user.credentialManager().getStoredCredentialsByTypeStream(CREDENTIAL_TYPE).toList();
    }

    /** The raw WebAuthn credential id of a stored passkey (Keycloak keeps it in standard Base64). */
    public static byte[] credentialIdOf(CredentialModel passkey) {
        String stored = WebAuthnCredentialModel.createFromCredentialModel(passkey).getWebAuthnCredentialData().getCredentialId();
        return Base64.getMimeDecoder().decode(stored);
    }

    /** The user's stored passkey with this WebAuthn credential id, if any. */
    public Optional<CredentialModel> passkeyOf(UserModel user, byte[] credentialId) {
        return passkeysOf(user).stream().filter(passkey -> Arrays.equals(credentialIdOf(passkey), credentialId)).findFirst();
    }

    /** What the browser sent back from {@code navigator.credentials.create()}. */
    public record Attestation(byte[] clientDataJson, byte[] attestationObject, Set<String> transports) {
    }

    /** What the browser sent back from {@code navigator.credentials.get()}. */
    public record Assertion(byte[] credentialId, byte[] userHandle, byte[] authenticatorData, byte[] clientDataJson,
                            byte[] signature) {
    }

    /** Keycloak's WebAuthn stack refused a registration or an assertion; the message says why (for the event). */
    public static final class PasskeyRefused extends RuntimeException {
        PasskeyRefused(String reason) {
            super(reason);
        }
    }

    /**
     * Verifies a new passkey against {@code challenge} and the policy, as Keycloak's required action does, and stores
     * it as the user's {@code webauthn-passwordless} credential labelled {@code label}.
     */
    public CredentialModel register(UserModel user, Attestation attestation, byte[] challenge, String label) {
        ServerProperty server = new ServerProperty(origins(), rpId(), new DefaultChallenge(challenge));
        List<PublicKeyCredentialParameters> algorithms = algorithms().stream()
                .map(id -> new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.create(id)))
                .toList();
        RegistrationParameters parameters = new RegistrationParameters(server, algorithms, requiresUserVerification());
        try {
            WebAuthnRegistrationManager manager = registrationManager();
            RegistrationData data = manager.parse(new RegistrationRequest(attestation.attestationObject(),
                    attestation.clientDataJson(), attestation.transports()));
            manager.verify(data, parameters);
            AttestedCredentialData attested = data.getAttestationObject().getAuthenticatorData().getAttestedCredentialData();
            if (attested == null) {
                throw new PasskeyRefused("no attested credential data");
            }
            requireAcceptableAuthenticator(data, attested);
            WebAuthnCredentialModelInput input = new WebAuthnCredentialModelInput(CREDENTIAL_TYPE);
            input.setAttestedCredentialData(attested);
            input.setCount(data.getAttestationObject().getAuthenticatorData().getSignCount());
            input.setAttestationStatementFormat(data.getAttestationObject().getFormat());
            input.setTransports(data.getTransports() == null ? Set.of() : data.getTransports());
            WebAuthnCredentialProvider provider = credentialProvider();
            return provider.createCredential(realm, user, provider.getCredentialModelFromCredentialInput(input, label));
        } catch (WebAuthnException | IllegalArgumentException refused) {
            throw new PasskeyRefused(String.valueOf(refused.getMessage()));
        }
    }

    /** How an assertion fared: verified (with the UV flag or without), not the user's passkey, or a cloned authenticator's. */
    public enum Outcome { VERIFIED, VERIFIED_WITH_USER_VERIFICATION, UNKNOWN_CREDENTIAL, COUNTER_WENT_BACK }

    /**
     * Checks an assertion by {@code user}'s passkey against {@code challenge}: Keycloak's credential provider checks
     * the origin, the rpId hash, the flags the policy requires, the signature and the counter. Throws
     * {@link PasskeyRefused} when the check fails.
     */
    public Outcome verify(UserModel user, Assertion assertion, byte[] challenge) {
        Optional<CredentialModel> passkey = passkeyOf(user, assertion.credentialId());
        if (passkey.isEmpty()) {
            return Outcome.UNKNOWN_CREDENTIAL;
        }
        long storedCounter = WebAuthnCredentialModel.createFromCredentialModel(passkey.get()).getWebAuthnCredentialData().getCounter();
        ServerProperty server = new ServerProperty(origins(), rpId(), new DefaultChallenge(challenge));
        WebAuthnCredentialModelInput input = new WebAuthnCredentialModelInput(CREDENTIAL_TYPE);
        input.setAuthenticationRequest(new AuthenticationRequest(assertion.credentialId(), assertion.userHandle(),
                assertion.authenticatorData(), assertion.clientDataJson(), assertion.signature()));
        input.setAuthenticationParameters(new WebAuthnCredentialModelInput.KeycloakWebAuthnAuthenticationParameters(
                server, requiresUserVerification()));
        try {
            // The credential is the user's, so false means only one thing: the provider saw the counter stand still.
            if (!user.credentialManager().isValid(input)) {
                return Outcome.COUNTER_WENT_BACK;
            }
            AuthenticatorData<?> signed = new AuthenticatorDataConverter(new ObjectConverter()).convert(assertion.authenticatorData());
            // Keycloak 26.4 keeps a counter of 0 at 0 and stores "stored + 1" otherwise, so it never sees a clone;
            // 26.7 refuses a lower counter itself. The signature is checked by now: the counter is the authenticator's.
            if ((storedCounter > 0 || signed.getSignCount() > 0) && signed.getSignCount() <= storedCounter) {
                return Outcome.COUNTER_WENT_BACK;
            }
            if (signed.getSignCount() > storedCounter) {
                recordCounter(user, passkey.get().getId(), signed.getSignCount());
            }
            return signed.isFlagUV() ? Outcome.VERIFIED_WITH_USER_VERIFICATION : Outcome.VERIFIED;
        } catch (MaliciousCounterValueException counterWentBack) {
            // webauthn4j finds a counter below the stored one before Keycloak's own check (equal or below) runs.
            return Outcome.COUNTER_WENT_BACK;
        } catch (WebAuthnException | IllegalArgumentException refused) {
            throw new PasskeyRefused(String.valueOf(refused.getMessage()));
        }
    }

    /** Stores the authenticator's own counter, as Keycloak 26.7 does itself (and 26.4 does not). */
    private static void recordCounter(UserModel user, String id, long counter) {
        WebAuthnCredentialModel stored = WebAuthnCredentialModel.createFromCredentialModel(
                user.credentialManager().getStoredCredentialById(id));
        if (stored.getWebAuthnCredentialData().getCounter() != counter) {
            stored.updateCounter(counter);
            user.credentialManager().updateStoredCredential(stored);
        }
    }

    /** Removes the user's passkey stored under Keycloak id {@code id}; false when the user has no such passkey. */
    public boolean remove(UserModel user, String id) {
        boolean owned = passkeysOf(user).stream().anyMatch(passkey -> passkey.getId().equals(id));
        return owned && credentialProvider().deleteCredential(realm, user, id);
    }

    /** The realm's frontend origin and the policy's extra origins, as Keycloak's required action accepts them. */
    private Set<Origin> origins() {
        Set<Origin> origins = new HashSet<>(policy.getExtraOrigins() == null ? List.of()
                : policy.getExtraOrigins().stream().map(Origin::new).collect(Collectors.toSet()));
        origins.add(new Origin(UriUtils.getOrigin(session.getContext().getUri().getBaseUri())));
        return origins;
    }

    /** The policy's acceptable AAGUIDs, which only a real attestation can vouch for (as Keycloak 26.7 rules). */
    private void requireAcceptableAuthenticator(RegistrationData data, AttestedCredentialData attested) {
        List<String> acceptable = policy.getAcceptableAaguids();
        if (acceptable == null || acceptable.isEmpty()) {
            return;
        }
        if (NoneAttestationStatement.FORMAT.equals(data.getAttestationObject().getFormat())) {
            throw new PasskeyRefused("acceptable AAGUIDs need an attestation other than none");
        }
        if (!acceptable.contains(attested.getAaguid().toString())) {
            throw new PasskeyRefused("authenticator model not acceptable");
        }
    }

    /**
     * The registration manager of Keycloak's own passwordless required action: its attestation verifiers and the
     * trust anchors of Keycloak's truststore. The method is protected and takes the policy since 26.7 (none before).
     */
    private WebAuthnRegistrationManager registrationManager() {
        RequiredActionProvider action = session.getProvider(RequiredActionProvider.class, REGISTER_ACTION);
        Method factory = registrationManagerFactory(action.getClass());
        factory.setAccessible(true);
        Object manager = factory.getParameterCount() == 1
                ? KeycloakSignatures.invoke(action, factory, policy)
                : KeycloakSignatures.invoke(action, factory);
        return (WebAuthnRegistrationManager) manager;
    }

    private static Method registrationManagerFactory(Class<?> type) {
        for (Class<?> current = type; current != null; current = current.getSuperclass()) {
            Optional<Method> found = Arrays.stream(current.getDeclaredMethods())
                    .filter(method -> method.getName().equals("createWebAuthnRegistrationManager"))
                    .findFirst();
            if (found.isPresent()) {
                return found.get();
            }
        }
        throw new IllegalStateException(type.getName() + " has no createWebAuthnRegistrationManager");
    }

    private WebAuthnCredentialProvider credentialProvider() {
        return (WebAuthnCredentialProvider) session.getProvider(CredentialProvider.class, CREDENTIAL_PROVIDER);
    }
}
